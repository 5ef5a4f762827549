// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Appraisal Gap"] = {
	filters: [
		{
			fieldname: "criteria_set",
			label: __("Criteria set"),
			fieldtype: "Link",
			options: "PAR Criteria Set",
			reqd: 1,
		},
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "By unit", label: __("By unit") },
				{ value: "By criterion", label: __("By criterion") },
			],
			default: "By unit",
		},
	],
};
