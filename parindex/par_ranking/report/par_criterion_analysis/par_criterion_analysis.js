// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Criterion Analysis"] = {
	filters: [
		parindex.reports.criteria_set_filter(),
	],

	onload(report) {
		parindex.reports.set_defaults(report, ["criteria_set"]);
	},
};
