// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.treeview_settings["PAR Criterion"] = {
	breadcrumb: "PAR Index",
	title: __("Criteria tree"),
	get_tree_root: false,
	root_label: __("Criteria"),
	get_tree_nodes: "parindex.par_index.doctype.par_criterion.par_criterion.get_children",
	add_tree_node: "parindex.par_index.doctype.par_criterion.par_criterion.add_node",
	filters: [
		{
			fieldname: "criteria_set",
			fieldtype: "Link",
			options: "PAR Criteria Set",
			label: __("Criteria set"),
		},
	],
	fields: [
		{ fieldtype: "Data", fieldname: "code", label: __("Code"), reqd: true },
		{ fieldtype: "Small Text", fieldname: "title", label: __("Title"), reqd: true },
		{ fieldtype: "Float", fieldname: "max_score", label: __("Max score") },
		{
			fieldtype: "Select",
			fieldname: "rule_kind",
			label: __("Rule kind"),
			options: "\nManual\nOptions\nThresholds\nProportional\nDeadline\nYes/No\nDeduction\nSurvey",
		},
	],
	ignore_fields: ["parent_par_criterion"],
	// the label already starts with the code; the document name would only repeat it
	get_label: (node) => frappe.utils.escape_html(node.title || node.label),
	onload(treeview) {
		treeview.args.criteria_set = frappe.route_options?.criteria_set || treeview.args.criteria_set;
	},
};
