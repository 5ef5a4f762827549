// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Ranking"] = {
	filters: [
		{
			fieldname: "criteria_set",
			label: __("Criteria set"),
			fieldtype: "Link",
			options: "PAR Criteria Set",
			reqd: 1,
		},
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
		report.page.add_inner_button(__("Export annex"), () => {
			const criteria_set = report.get_filter_value("criteria_set");
			if (!criteria_set) {
				frappe.msgprint(__("Choose a criteria set first."));
				return;
			}
			window.open(
				"/api/method/parindex.par_ranking.report.par_ranking.par_ranking.export_annex?criteria_set=" +
					encodeURIComponent(criteria_set)
			);
		});
	},
};
