// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.ui.form.on("PAR Survey", {
	setup(frm) {
		frm.set_query("criterion", "questions", () => ({
			filters: { criteria_set: frm.doc.criteria_set, rule_kind: "Survey" },
		}));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		parindex_show_progress(frm);
		frm.add_custom_button(__("Recompute survey points"), () =>
			frm.call("recompute").then((r) => {
				if (parindex.files.started_in_background(r.message)) return;
				frappe.show_alert({ message: __("Survey points written into {0} assessments.", [r.message]), indicator: "green" });
			})
		);
		frm.add_custom_button(__("Create invitations"), () => {
			frappe.prompt(
				[
					{ fieldname: "unit", fieldtype: "Link", options: "PAR Unit", label: __("Unit"), reqd: 1 },
					{
						fieldname: "respondent_group", fieldtype: "Select", label: __("Respondent group"), reqd: 1,
						options: (frm.doc.respondent_groups || []).map((g) => g.group_name).join("\n"),
					},
					{ fieldname: "count", fieldtype: "Int", label: __("Number of invitations"), reqd: 1, default: 10 },
					{ fieldname: "expires_on", fieldtype: "Date", label: __("Expires on"), default: frm.doc.closes_on },
				],
				(values) => frm.call("create_invitations", values).then((r) => {
					const links = (r.message || []).map((l) => frappe.utils.escape_html(l)).join("<br>");
					frappe.msgprint({ title: __("Invitation links"), message: links, wide: true });
				}),
				__("Create invitations"),
				__("Create")
			);
		}, __("Answers"));
		if (frm.doc.allow_anonymous) {
			frm.add_custom_button(__("Anonymous links"), () => {
				frappe.db.get_list("PAR Unit", { filters: { is_group: 0 }, limit: 500, pluck: "name" }).then((units) => {
					const base = `${window.location.origin}/par-survey?survey=${encodeURIComponent(frm.doc.name)}&unit=`;
					const rows = units.map((u) => `${frappe.utils.escape_html(u)}: ${base}${encodeURIComponent(u)}`);
					frappe.msgprint({ title: __("Anonymous links"), message: rows.join("<br>"), wide: true });
				});
			}, __("Answers"));
		}
		frm.add_custom_button(__("Rebuild answer counts"), () =>
			frm.call("rebuild_counts").then((r) =>
				frappe.show_alert({
					message: __("Answer counts rebuilt from the responses: {0} counts, {1} of them were different.", [r.message.rows, r.message.differing]),
					indicator: r.message.differing ? "orange" : "green",
				})
			), __("Answers"));
		frm.add_custom_button(__("Paper form template"), () => {
			parindex.files.download("parindex.par_survey.paper.download_paper_template", { survey: frm.doc.name });
		}, __("Answers"));
		frm.add_custom_button(__("Import paper forms"), () => {
			parindex.files.upload_and_call({
				doctype: frm.doctype,
				docname: frm.doc.name,
				method: "parindex.par_survey.paper.import_paper_forms",
				args: { survey: frm.doc.name },
				message: (result) => __("{0} paper forms imported", [result.imported]),
				done: () => frm.reload_doc(),
			});
		}, __("Answers"));
	},
});

function parindex_show_progress(frm) {
	frm.call("get_progress").then((r) => {
		const esc = frappe.utils.escape_html;
		const rows = (r.message || []).map((p) => `<tr><td>${esc(p.unit)}</td><td>${esc(p.respondent_group)}</td>
			<td class="text-right">${p.received}</td><td class="text-right">${p.target}</td></tr>`).join("");
		frm.fields_dict.progress.$wrapper.html(`<table class="table table-sm table-bordered"><thead><tr>
			<th>${__("Unit")}</th><th>${__("Respondent group")}</th><th>${__("Received")}</th><th>${__("Target")}</th>
			</tr></thead><tbody>${rows}</tbody></table>`);
	});
}
