// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Appraisal Gap"] = {
	filters: [
		parindex.reports.criteria_set_filter(),
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "By unit", label: __("By unit") },
				{ value: "By criterion", label: __("By criterion") },
				{ value: "Flags' hit rate", label: __("Flags' hit rate") },
			],
			default: "By unit",
		},
	],

	onload(report) {
		parindex.reports.set_defaults(report, ["criteria_set"]);
	},
};
