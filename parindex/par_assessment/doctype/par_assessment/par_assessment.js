// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

const PA_IO = "parindex.par_assessment.assessment_io";

frappe.ui.form.on("PAR Assessment", {
	setup() {
		// Frappe's timeline names a changed child-table field by its raw label ("Final points"):
		// give the child tables' fields their label in the user's language once
		for (const doctype of ["PAR Assessment Line", "PAR Assessment Field", "PAR Evidence"]) {
			for (const df of frappe.get_meta(doctype)?.fields || []) {
				if (df.label) df.label = __(df.label);
			}
		}
	},
	refresh(frm) {
		parindex_set_evidence_codes(frm);
		parindex.assessment.setup(frm);
		parindex.assessment.readable_timeline(frm);
		parindex_history_on_demand(frm);
		if (frm.is_new()) return;
		frm.add_custom_button(__("What lifts our rank"), () => parindex.simulation.open(frm));
		frm.add_custom_button(
			__("Export to Excel"),
			() => parindex.files.download(`${PA_IO}.export_assessment`, { assessment: frm.doc.name }),
			__("Excel")
		);
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(
				__("Import from Excel"),
				() =>
					parindex.files.upload_and_call({
						doctype: frm.doctype,
						docname: frm.doc.name,
						method: `${PA_IO}.import_assessment`,
						args: { assessment: frm.doc.name },
						message: __("Assessment updated from the workbook"),
						done: () => frm.reload_doc(),
					}),
				__("Excel")
			);
		}
	},
	after_save(frm) {
		parindex.assessment.render_panel(frm);
	},
	lines_on_form_rendered(frm) {
		const row = frm.open_grid_row && frm.open_grid_row();
		if (row && row.doc) {
			parindex.assessment.render_evidence(frm, row);
			parindex.assessment.render_questions(frm, row);
			parindex.assessment.add_not_done_button(frm, row);
		}
	},
});

frappe.ui.form.on("PAR Assessment Line", {
	self_input(frm, cdt, cdn) {
		parindex.assessment.value_changed(frm, cdt, cdn, "self_input");
	},
	appraised_input(frm, cdt, cdn) {
		parindex.assessment.value_changed(frm, cdt, cdn, "appraised_input");
	},
	not_applicable(frm) {
		parindex.assessment.schedule_preview(frm);
	},
});

frappe.ui.form.on("PAR Evidence", {
	evidence_add(frm) {
		parindex_set_evidence_codes(frm);
	},
});

function parindex_set_evidence_codes(frm) {
	const codes = (frm.doc.lines || []).filter((l) => l.rule_kind !== "Survey").map((l) => l.code);
	frm.fields_dict.evidence.grid.update_docfield_property("criterion_code", "options", ["", ...codes].join("\n"));
}

// the history is read when its tab is opened, not with every opening of the form
function parindex_history_on_demand(frm) {
	const link = frm.$wrapper.find('a[data-fieldname="tab_history"]');
	link.off("click.parindex").on("click.parindex", () => parindex_show_history(frm));
	if (link.hasClass("active")) parindex_show_history(frm);
	else frm.fields_dict.score_history.$wrapper.empty();
}

function parindex_show_history(frm) {
	const wrapper = frm.fields_dict.score_history.$wrapper;
	if (frm.is_new()) return wrapper.empty();
	frappe.call({
		method: "parindex.par_assessment.history.get_score_history",
		args: { assessment: frm.doc.name },
	}).then((r) => {
		const rows = r.message || [];
		if (!rows.length) {
			wrapper.html(`<p class="text-muted">${__("No score has been changed yet.")}</p>`);
			return;
		}
		const esc = frappe.utils.escape_html;
		const body = rows.map((h) => `<tr>
			<td>${esc(h.code)}</td><td>${esc(h.field)}</td>
			<td>${esc(String(h.old ?? ""))}</td><td>${esc(String(h.new ?? ""))}</td>
			<td>${esc(h.user_name)}</td><td>${frappe.datetime.str_to_user(h.when)}</td></tr>`).join("");
		wrapper.html(`<table class="table table-bordered table-sm"><thead><tr>
			<th>${__("Criterion")}</th><th>${__("Column")}</th><th>${__("From")}</th><th>${__("To")}</th>
			<th>${__("By")}</th><th>${__("When")}</th></tr></thead><tbody>${body}</tbody></table>`);
	});
}
