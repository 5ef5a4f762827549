// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Satisfaction"] = {
	filters: [
		{
			fieldname: "survey",
			label: __("Survey"),
			fieldtype: "Link",
			options: "PAR Survey",
			reqd: 1,
		},
	],
};
