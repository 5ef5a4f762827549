// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

const IO = "parindex.par_index.criteria_io";

frappe.ui.form.on("PAR Criteria Set", {
	onload(frm) {
		// a new set starts with the province's default classification bands (PAR Settings)
		if (frm.is_new() && !(frm.doc.bands || []).length) {
			frappe.xcall("parindex.settings.bands_for_new_set").then((bands) => {
				if ((frm.doc.bands || []).length) return;
				for (const band of bands || []) frm.add_child("bands", band);
				frm.refresh_field("bands");
			});
		}
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const group = __("Criteria");
		frm.add_custom_button(__("Criteria tree"), () => {
			frappe.route_options = { criteria_set: frm.doc.name };
			frappe.set_route("Tree", "PAR Criterion");
		}, group);
		frm.add_custom_button(__("Criteria list"), () => {
			frappe.set_route("List", "PAR Criterion", { criteria_set: frm.doc.name });
		}, group);
		frm.add_custom_button(__("Check criteria"), () => frm.call("check_criteria"), group);

		const excel = __("Excel");
		frm.add_custom_button(__("Export to Excel"), () => {
			parindex.files.download(`${IO}.export_criteria`, { criteria_set: frm.doc.name });
		}, excel);
		frm.add_custom_button(__("Download template"), () => parindex.files.download(`${IO}.download_template`), excel);
		if (frm.doc.status === "Draft" && frm.perm[0].write) {
			frm.add_custom_button(__("Import from Excel"), () => parindex_import_criteria(frm), excel);
		}
		frm.add_custom_button(__("Copy to a new year"), () => parindex_copy_set(frm));
		if (frm.doc.status === "Active") {
			frm.add_custom_button(__("Create assessments"), () => {
				frappe.confirm(__("Create the missing assessments of every unit of {0}?", [frm.doc.unit_group]), () =>
					frappe.call({
						method: "parindex.par_assessment.creation.create_assessments",
						args: { criteria_set: frm.doc.name },
						freeze: true,
						freeze_message: __("Creating assessments…"),
					}).then((r) => {
						const m = r.message;
						if (parindex.files.started_in_background(m)) return;
						frappe.msgprint(__("{0} assessments created.", [m.created]));
					})
				);
			}, __("Assessments"));
			frm.add_custom_button(__("Assessments"), () => {
				frappe.set_route("List", "PAR Assessment", { criteria_set: frm.doc.name });
			}, __("Assessments"));
			frm.add_custom_button(__("Needs attention"), () => {
				frappe.set_route("query-report", "PAR Attention", { criteria_set: frm.doc.name });
			}, __("Assessments"));
			if (frappe.user.has_role("PAR Manager") || frappe.user.has_role("System Manager")) {
				frm.add_custom_button(__("Recompute flags"), () =>
					frappe.call({
						method: "parindex.par_assessment.flags.recompute",
						args: { criteria_set: frm.doc.name },
						freeze: true,
					}).then((r) => {
						const m = r.message;
						frappe.msgprint(__("Flags computed on {0} assessments: {1} of {2} lines need attention.", [
							m.assessments, m.flagged, m.lines,
						]));
					}), __("Assessments"));
			}
		}
	},
	setup(frm) {
		frm.set_query("field", "appraisers", () => ({
			filters: { criteria_set: frm.doc.name, parent_par_criterion: "" },
		}));
		frm.set_query("appraiser", "appraisers", () => ({
			query: "frappe.core.doctype.user.user.user_query",
			filters: { ignore_user_type: 1 },
		}));
	},
});

function parindex_import_criteria(frm) {
	parindex.files.upload_and_call({
		doctype: frm.doctype,
		docname: frm.doc.name,
		method: `${IO}.import_criteria`,
		args: { criteria_set: frm.doc.name },
		confirm: __("Replace every criterion of {0} with the workbook's?", [frm.doc.title]),
		freeze_message: __("Importing criteria…"),
		message: (result) => __("{0} criteria imported", [result.criteria]),
		done: () => frm.reload_doc(),
	});
}

function parindex_copy_set(frm) {
	frappe.prompt(
		[
			{ fieldname: "year", fieldtype: "Int", label: __("Year"), reqd: 1, default: (frm.doc.year || 0) + 1 },
			{ fieldname: "title", fieldtype: "Data", label: __("Title") },
		],
		(values) => frm.call("copy_to_new_year", values).then((r) => frappe.set_route("Form", frm.doctype, r.message)),
		__("Copy to a new year"),
		__("Copy")
	);
}
