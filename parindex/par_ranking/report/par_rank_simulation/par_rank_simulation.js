// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Rank Simulation"] = {
	filters: [
		{
			fieldname: "assessment",
			label: __("Assessment"),
			fieldtype: "Link",
			options: "PAR Assessment",
			reqd: 1,
		},
		{
			fieldname: "source",
			label: __("From"),
			fieldtype: "Select",
			options: [
				{ value: "final", label: __("Final points") },
				{ value: "self", label: __("The unit's own points") },
			],
			default: "final",
		},
	],
};
