// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.ui.form.on("PAR Criterion", {
	refresh(frm) {
		frm.set_intro(frm.doc.rule_summary ? __("Rule: {0}", [frm.doc.rule_summary]) : "");
	},
});
