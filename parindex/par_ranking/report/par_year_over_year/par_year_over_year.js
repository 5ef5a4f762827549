// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Year over Year"] = {
	filters: [
		{
			fieldname: "unit",
			label: __("Unit"),
			fieldtype: "Link",
			options: "PAR Unit",
			reqd: 1,
			get_query: () => ({ filters: { is_group: 0 } }),
		},
	],

	onload(report) {
		parindex.reports.set_defaults(report, ["unit"]);
	},
};
