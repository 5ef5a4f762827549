// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.ui.form.on("PAR Criterion", {
	refresh(frm) {
		frm.set_intro(frm.doc.rule_summary ? __("Rule: {0}", [frm.doc.rule_summary]) : "");
	},
	rule_kind(frm) {
		// the points a rule gives at best default to the criterion's maximum
		const max = frm.doc.max_score || 0;
		const defaults = { Deadline: "on_time_points", "Yes/No": "yes_points", Deduction: "base_points" };
		const field = defaults[frm.doc.rule_kind];
		if (field && !frm.doc[field]) frm.set_value(field, max);
	},
});
