// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Ranking"] = {
	filters: [
		parindex.reports.criteria_set_filter(),
		{
			fieldname: "source",
			label: __("Source"),
			fieldtype: "Select",
			options: [
				{ value: "Published", label: __("Published") },
				{ value: "Live", label: __("Live") },
			],
			default: "Published",
		},
	],

	onload(report) {
		parindex.reports.set_defaults(report, ["published_set"]);
		report.page.add_inner_button(__("Export annex"), () => {
			const criteria_set = report.get_filter_value("criteria_set");
			if (!criteria_set) {
				frappe.msgprint(__("Choose a criteria set first."));
				return;
			}
			frappe.call({
				method: "parindex.par_ranking.report.par_ranking.par_ranking.request_annex",
				args: { criteria_set },
			}).then((r) => {
				if (parindex.files.started_in_background(r.message)) return;
				parindex.files.download("parindex.par_ranking.report.par_ranking.par_ranking.export_annex", {
					criteria_set,
				});
			});
		});
	},
};
