# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from parindex.tests import ParIndexTestCase

from parindex.par_index.doctype.par_criterion.par_criterion import get_children
from parindex.tests.factories import make_criteria_set


def make_criterion(criteria_set, code, max_score, rule_kind="", **values):
	return frappe.get_doc(
		{
			"doctype": "PAR Criterion",
			"criteria_set": criteria_set,
			"code": code,
			"title": f"Criterion {code}",
			"max_score": max_score,
			"rule_kind": rule_kind,
			**values,
		}
	).insert()


def plan_completion_bands(top_operator: str) -> list[dict]:
	"""'above 90 % → 2; 70 % to 90 % → 1; below 70 % → 0' as form rows; '>=' at the top overlaps 90."""
	return [
		{"lower_operator": top_operator, "lower": 90, "points": 2},
		{"lower_operator": ">=", "lower": 70, "upper_operator": "<=", "upper": 90, "points": 1},
		{"upper_operator": "<", "upper": 70, "points": 0},
	]


class TestPARCriterion(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		self.set_name = make_criteria_set().name

	def test_tree_is_read_from_the_code(self):
		field = make_criterion(self.set_name, "1", 3)
		criterion = make_criterion(self.set_name, "1.2", 3)
		leaf = make_criterion(self.set_name, "1.2.1", 1, "Yes/No", yes_points=1)
		self.assertEqual(leaf.name, f"{self.set_name}-1.2.1")
		self.assertEqual(leaf.parent_par_criterion, criterion.name)
		self.assertEqual(criterion.parent_par_criterion, field.name)
		self.assertEqual((field.is_group, leaf.is_group), (1, 0))
		self.assertEqual(leaf.label, "1.2.1 Criterion 1.2.1")
		self.assertEqual(leaf.rule_summary, "yes=1; no=0")
		criterion.reload()
		self.assertTrue(criterion.lft < leaf.lft < leaf.rgt < criterion.rgt)

	def test_children_come_in_code_order(self):
		make_criterion(self.set_name, "1", 11)
		for number in (10, 2, 1):
			make_criterion(self.set_name, f"1.{number}", 1, "Manual")
		children = get_children("PAR Criterion", f"{self.set_name}-1", criteria_set=self.set_name)
		self.assertEqual([c.title.split()[0] for c in children], ["1.1", "1.2", "1.10"])
		roots = get_children("PAR Criterion", "Criteria", criteria_set=self.set_name, is_root="true")
		self.assertEqual([r.value for r in roots], [f"{self.set_name}-1"])
		# the tree view sends is_root as text
		children = get_children("PAR Criterion", f"{self.set_name}-1", self.set_name, is_root="false")
		self.assertEqual(len(children), 3)

	def test_missing_parent_is_refused(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			make_criterion(self.set_name, "4.1", 1, "Manual")
		self.assertIn("4.1", str(caught.exception))
		self.assertFalse(frappe.db.exists("PAR Criterion", f"{self.set_name}-4.1"))

	def test_bad_code_is_refused(self):
		for code in ("1..2", "1.2.", "a b", ""):
			self.assertRaises(frappe.ValidationError, make_criterion, self.set_name, code, 1, "Manual")

	def test_a_criterion_with_a_rule_takes_no_children(self):
		make_criterion(self.set_name, "1", 1, "Manual")
		with self.assertRaises(frappe.ValidationError) as caught:
			make_criterion(self.set_name, "1.1", 1, "Manual")
		self.assertIn("1.1", str(caught.exception))

	def test_rule_parameters_are_checked_against_the_maximum(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			make_criterion(self.set_name, "1", 2, "Thresholds", thresholds=plan_completion_bands(">="))
		self.assertIn("overlap", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			make_criterion(self.set_name, "2", 1, "Yes/No", yes_points=0.5)
		self.assertIn("never be reached", str(caught.exception))
		self.assertRaises(
			frappe.ValidationError,
			make_criterion,
			self.set_name,
			"3",
			1,
			"Options",
			options=[{"option_label": "Full", "points": 1}, {"option_label": "full", "points": 0.5}],
		)

	def test_thresholds_from_the_form(self):
		doc = make_criterion(self.set_name, "1", 2, "Thresholds", thresholds=plan_completion_bands(">"))
		self.assertEqual(doc.rule_summary, ">90=2; 70..90=1; <70=0")

	def test_code_cannot_change(self):
		doc = make_criterion(self.set_name, "1", 1, "Manual")
		doc.code = "2"
		self.assertRaises(frappe.ValidationError, doc.save)

	def test_deleting_a_parent_with_children_is_refused(self):
		make_criterion(self.set_name, "1", 1)
		make_criterion(self.set_name, "1.1", 1, "Manual")
		self.assertRaises(frappe.ValidationError, frappe.delete_doc, "PAR Criterion", f"{self.set_name}-1")
		frappe.delete_doc("PAR Criterion", f"{self.set_name}-1.1")
		frappe.delete_doc("PAR Criterion", f"{self.set_name}-1")
		self.assertFalse(frappe.db.exists("PAR Criterion", {"criteria_set": self.set_name}))

	def test_blank_parameters_take_the_defaults_the_workbook_uses(self):
		# the tree's "add" dialog sends only code, title, maximum and kind
		doc = make_criterion(self.set_name, "1", "1.5", "Yes/No")
		self.assertEqual((doc.yes_points, doc.no_points, doc.rule_summary), (1.5, 0, "yes=1.5; no=0"))
		deadline = make_criterion(self.set_name, "2", 1, "Deadline", late_points=0.5)
		self.assertEqual((deadline.on_time_points, deadline.late_points, deadline.not_done_points), (1, 0.5, 0))

	def test_changing_the_kind_clears_the_old_parameters(self):
		doc = make_criterion(self.set_name, "1", 1, "Deduction", deduction_per=0.25)
		doc.rule_kind = "Proportional"
		doc.cap_rate = 80
		doc.save()
		self.assertEqual((doc.deduction_per, doc.cap_rate, doc.rule_summary), (0, 80, "cap=80"))

	def test_counts_of_the_set_follow_the_form(self):
		make_criterion(self.set_name, "1", 1)
		make_criterion(self.set_name, "1.1", 1, "Manual")
		counts = frappe.db.get_value("PAR Criteria Set", self.set_name, ["field_count", "criteria_count"])
		self.assertEqual(counts, (1, 1))
		frappe.delete_doc("PAR Criterion", f"{self.set_name}-1.1")
		counts = frappe.db.get_value("PAR Criteria Set", self.set_name, ["field_count", "criteria_count"])
		self.assertEqual(counts, (1, 0))
