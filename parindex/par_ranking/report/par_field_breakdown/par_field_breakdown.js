// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Field Breakdown"] = {
	filters: [
		{
			fieldname: "criteria_set",
			label: __("Criteria set"),
			fieldtype: "Link",
			options: "PAR Criteria Set",
			reqd: 1,
		},
	],
};
