# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_years, cint, getdate

from parindex.par_index import criteria
from parindex.par_index.questions import copy_public
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem
from parindex.scoring.numbers import to_decimal

#: the years a criteria set may be for
FIRST_YEAR, LAST_YEAR = 2000, 2100


class PARCriteriaSet(Document):
	def validate(self):
		self.set_total_max()
		self.validate_bands()
		self.validate_deadlines()
		self.validate_status_change()
		self.validate_single_active()

	def on_trash(self):
		if criteria.set_is_used(self.name):
			criteria.throw_problems([Problem(M.SET_IN_USE, (self.name,))])
		criteria.delete_criteria(self.name)

	def set_total_max(self):
		self.total_max = float(to_decimal(self.appraised_max or 0) + to_decimal(self.survey_max or 0))

	def validate_bands(self):
		criteria.check_bands(self.bands)

	def validate_deadlines(self):
		if self.self_assessment_deadline and self.appraisal_deadline:
			if getdate(self.appraisal_deadline) < getdate(self.self_assessment_deadline):
				criteria.throw_problems(
					[Problem(M.DEADLINE_ORDER, (self.appraisal_deadline, self.self_assessment_deadline))]
				)

	def validate_status_change(self):
		before = self.get_doc_before_save()
		old_status = before.status if before else "Draft"
		if old_status != "Draft" and before and self.rules_changed(before):
			criteria.throw_problems([Problem(M.SET_NOT_DRAFT, (self.name, _(old_status)))])
		if self.status == "Draft" and old_status != "Draft" and criteria.set_is_used(self.name):
			criteria.throw_problems([Problem(M.SET_IN_USE, (self.name,))])
		if self.status == "Active" and (old_status != "Active" or before is None):
			_tree, problems = criteria.set_problems(self, criteria.load_rows(self.name))
			criteria.throw_problems(problems, _("The criteria set cannot be activated"))

	def rules_changed(self, before) -> bool:
		"""Year, unit group and maxima belong to the rules: locked with them outside Draft."""
		return any(str(before.get(f) or "") != str(self.get(f) or "") for f in ("year", "unit_group")) or any(
			to_decimal(before.get(f) or 0) != to_decimal(self.get(f) or 0)
			for f in ("appraised_max", "survey_max")
		)

	def validate_single_active(self):
		if self.status != "Active":
			return
		other = frappe.db.exists(
			"PAR Criteria Set",
			{"status": "Active", "year": self.year, "unit_group": self.unit_group, "name": ("!=", self.name)},
		)
		if other:
			criteria.throw_problems([Problem(M.ONE_ACTIVE_SET, (other, self.unit_group, self.year))])

	@frappe.whitelist(methods=["POST"])
	def check_criteria(self):
		"""Check the whole tree and the set's maxima; list every problem, or say all is well."""
		rows = criteria.load_rows(self.name)
		_tree, problems = criteria.set_problems(self, rows)
		criteria.throw_problems(problems, _("Problems in the criteria"))
		frappe.msgprint(
			_("{0} criteria checked: the maxima add up and every rule is consistent.").format(len(rows)),
			title=_("Criteria are consistent"),
			indicator="green",
		)

	@frappe.whitelist(methods=["POST"])
	def copy_to_new_year(self, year, title=None):
		"""A Draft copy of this set and its whole criteria tree for another year (due dates move along)."""
		self.check_permission("read")
		frappe.has_permission("PAR Criteria Set", "create", throw=True)
		year = cint(year)
		if not FIRST_YEAR <= year <= LAST_YEAR:
			frappe.throw(
				_("Give the year of the new criteria set, between {0} and {1}.").format(
					FIRST_YEAR, LAST_YEAR
				),
				title=_("Missing year"),
			)
		source = frappe.get_doc(self.doctype, self.name)  # what is saved, not what a form left unsaved
		shift = year - cint(source.year)
		new = frappe.copy_doc(source)
		new.update(
			{
				"year": year,
				"status": "Draft",
				"is_sample": 0,
				"copied_from": source.name,
				"title": title or source.title.replace(str(source.year), str(year)),
				"self_assessment_deadline": _shift(source.self_assessment_deadline, shift),
				"appraisal_deadline": _shift(source.appraisal_deadline, shift),
			}
		)
		rows = criteria.shift_due_dates(criteria.load_rows(source.name), shift)
		new.update(criteria.set_counts(rows))
		new.insert()
		criteria.insert_criteria(new.name, rows)
		copy_public(source.name, new.name)
		return new.name


def _shift(date, years):
	return add_years(date, years) if date else None
