// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Survey Summary"] = {
	filters: [
		{
			fieldname: "survey",
			label: __("Survey"),
			fieldtype: "Link",
			options: "PAR Survey",
			reqd: 1,
		},
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "By unit and group", label: __("By unit and group") },
				{ value: "By question", label: __("By question") },
			],
			default: "By unit and group",
		},
	],

	onload(report) {
		parindex.reports.set_defaults(report, ["survey"]);
	},
};
