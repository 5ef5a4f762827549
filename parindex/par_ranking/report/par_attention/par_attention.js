// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.query_reports["PAR Attention"] = {
	filters: [
		parindex.reports.criteria_set_filter(),
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "PAR Unit" },
		{
			fieldname: "flag",
			label: __("Flag"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "full_without_evidence", label: __("Full marks without evidence") },
				{ value: "jump_from_last_year", label: __("Jump from last year") },
				{ value: "outlier_in_group", label: __("Far above the unit group") },
				{ value: "on_time_late_evidence", label: __("On time, evidence dated later") },
				{ value: "repeated_explanation", label: __("Explanation repeated from last year") },
				{ value: "evidence_date_differs", label: __("Evidence dated otherwise than entered") },
			],
		},
		{ fieldname: "mine", label: __("Only my fields"), fieldtype: "Check", default: 1 },
		{ fieldname: "pending", label: __("Only lines not yet appraised"), fieldtype: "Check", default: 1 },
	],

	onload(report) {
		parindex.reports.set_defaults(report, ["criteria_set"]);
	},
};
