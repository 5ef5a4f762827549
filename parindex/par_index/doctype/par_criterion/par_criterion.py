# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from frappe import _
from frappe.utils import sbool
from frappe.utils.nestedset import NestedSet

from parindex.par_index import criteria
from parindex.refusals import quote
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem
from parindex.scoring.numbers import to_decimal
from parindex.scoring.tree import CODE_PATTERN, code_sort_string, own_problems, parent_code


class PARCriterion(NestedSet):
	nsm_parent_field = "parent_par_criterion"

	def autoname(self):
		self.code = (self.code or "").strip()
		self.name = criteria.criterion_name(self.criteria_set, self.code)

	def validate(self):
		self.check_set_is_editable()
		self.check_code()
		self.set_parent()
		self.set_derived_fields()
		self.check_rule()

	def after_insert(self):
		criteria.update_set_counts(self.criteria_set)

	def on_trash(self):
		criteria.assert_set_editable(self.criteria_set)
		super().on_trash()

	def after_delete(self):
		criteria.update_set_counts(self.criteria_set)

	def check_set_is_editable(self):
		"""A set that is not Draft keeps its rules; a title or guidance may still be corrected."""
		before = self.get_doc_before_save()
		if before is None or self.rule_changed(before):
			criteria.assert_set_editable(self.criteria_set)

	def rule_changed(self, before) -> bool:
		if any(str(self.get(f) or "") != str(before.get(f) or "") for f in criteria.RULE_FIELDS):
			return True
		old = criteria.row_from_values(before, before.options, before.thresholds).spec
		return old != criteria.row_from_values(self, self.options, self.thresholds).spec

	def check_code(self):
		self.code = (self.code or "").strip()
		problems = []
		if not CODE_PATTERN.match(self.code):
			problems.append(Problem(M.BAD_CODE, (self.code,), self.code))
		elif not self.is_new() and self.name != criteria.criterion_name(self.criteria_set, self.code):
			problems.append(Problem(M.CODE_CHANGED, (self.code,), self.code))
		criteria.throw_problems(problems, _("Invalid code"))

	def set_parent(self):
		parent = parent_code(self.code)
		if parent is None:
			self.parent_par_criterion = ""
			return
		name = criteria.criterion_name(self.criteria_set, parent)
		if not frappe.db.exists("PAR Criterion", name):
			criteria.throw_problems([Problem(M.MISSING_PARENT, (self.code, parent), self.code)])
		if frappe.db.get_value("PAR Criterion", name, "rule_kind"):
			criteria.throw_problems([Problem(M.PARENT_HAS_RULE, (self.code, parent), self.code)])
		self.parent_par_criterion = name

	def set_derived_fields(self):
		self.is_group = 0 if self.rule_kind else 1
		self.label = criteria.criterion_label(self.code, self.title)
		self.sort_key = code_sort_string(self.code)

	def check_rule(self):
		"""The rule's parameters against this criterion's maximum; sums are checked on the whole set."""
		row = criteria.row_from_values(self, self.options, self.thresholds)
		problems = own_problems(row.to_node())
		if row.spec and self.has_children():
			problems.append(Problem(M.PARENT_WITH_RULE, (self.code,), self.code))
		criteria.throw_problems(problems, _("Invalid criterion"))
		# store the rule exactly as an import would: defaults written out, other kinds' fields cleared
		values = criteria.values_from_spec(row.spec, to_decimal(self.max_score or 0))
		self.update({k: v for k, v in values.items() if k not in ("options", "thresholds")})

	def has_children(self) -> bool:
		return not self.is_new() and bool(
			frappe.db.exists("PAR Criterion", {"parent_par_criterion": self.name})
		)


@frappe.whitelist()
def get_children(doctype, parent=None, criteria_set=None, is_root=False, **filters):
	"""Tree view: children in code order (1.2 before 1.10); the roots are the fields of one set."""
	conditions = {"parent_par_criterion": "" if sbool(is_root) or not parent else parent}
	if criteria_set:
		conditions["criteria_set"] = criteria_set
	return frappe.get_list(
		"PAR Criterion",
		fields=["name as value", "label as title", "is_group as expandable"],
		filters=conditions,
		order_by="sort_key asc",
	)


@frappe.whitelist(methods=["POST"])
def add_node():
	"""Tree view 'add': the code decides the parent, so it must lie under the node it is added to."""
	from frappe.desk.treeview import make_tree_args

	frappe.has_permission("PAR Criterion", "create", throw=True)
	meta = frappe.get_meta("PAR Criterion")
	fields = {df.fieldname for df in meta.fields} | {"parent", "is_root"}
	given = {k: v for k, v in frappe.form_dict.items() if k in fields}
	for df in meta.fields:
		if df.fieldtype in ("Float", "Int", "Currency", "Percent") and given.get(df.fieldname) not in (
			None,
			"",
		):
			try:
				float(given[df.fieldname])
			except (TypeError, ValueError):
				frappe.throw(
					_("{0} needs a number, not {1}.").format(_(df.label), quote(given[df.fieldname])),
					title=_("Invalid value"),
				)
	args = make_tree_args(**{"is_root": False, **given, "doctype": "PAR Criterion"})
	parent = args.get("parent_par_criterion")
	if parent and not sbool(args.get("is_root")):
		found = frappe.db.get_value("PAR Criterion", parent, ["code", "criteria_set"])
		if not found:
			frappe.throw(_("The criterion {0} was not found.").format(quote(parent)), title=_("Invalid code"))
		parent_code_, criteria_set = found
		args["criteria_set"] = criteria_set
		if parent_code((args.get("code") or "").strip()) != parent_code_:
			frappe.throw(
				_("The code {0} does not lie under {1}; use a code such as {1}.1").format(
					quote(args.get("code") or ""), parent_code_
				),
				title=_("Invalid code"),
			)
	else:
		args["parent_par_criterion"] = ""
	frappe.get_doc(args).insert()
