// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Progress"] = {
	filters: [
		parindex.reports.criteria_set_filter(),
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "overdue" && data && data.overdue) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},

	onload(report) {
		parindex.reports.set_defaults(report, ["criteria_set"]);
	},
};
