# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Flags before appraisal on hand-set data: last year's appraised lines, a group of nine units, one
unit's submission, evidence dates and explanations; the flags expected on each line."""

import frappe
from frappe.model.workflow import apply_workflow

from parindex.par_assessment import flags, shares
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, attach_evidence, make_unit, make_user

UNIT_A = "_Test Unit A"
OTHERS = [f"_Test Flag Unit {i}" for i in range(1, 9)]
USER_A = "par-unit-a@example.com"
HEAD_A = "par-head-a@example.com"
APPRAISER = "par-appraiser-1@example.com"
EXPLANATION = "Đơn vị đã hoàn thành 9 trên 10 nhiệm vụ, nhiệm vụ còn lại chuyển sang năm sau."


def set_line(assessment: str, code: str, **values) -> None:
	frappe.db.set_value("PAR Assessment Line", {"parent": assessment, "code": code}, values)


def flags_of(assessment: str) -> dict[str, str]:
	rows = frappe.get_all(
		"PAR Assessment Line", filters={"parent": assessment}, fields=["code", "flag_codes"]
	)
	return {row.code: row.flag_codes for row in rows if row.flag_codes}


class TestFlagsBeforeAppraisal(ParIndexTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_unit(UNIT_A)
		make_user(USER_A, "PAR Unit User", unit=UNIT_A)
		make_user(HEAD_A, "PAR Unit User", "PAR Unit Head", unit=UNIT_A)
		make_user(APPRAISER, "PAR Appraiser")

	def setUp(self):
		super().setUp()
		# last year: unit A approved, 2.1 appraised at 1.2 of 3 (40 %), an explanation on 1.1.2
		_last, before = active_set_with_assessments([UNIT_A], year=2030)
		last = before[UNIT_A]
		for code, final in {"1.1.1": 1, "1.1.2": 1, "1.2": 2, "2.1": 1.2, "2.3": 0.75}.items():
			set_line(last, code, self_input="x", final_score=final, appraised=1)
		set_line(last, "1.1.2", explanation=EXPLANATION, explanation_requested=1)
		frappe.db.set_value("PAR Assessment", last, {"docstatus": 1, "workflow_state": "Approved"})
		# this year: eight other units claim about half of 2.1, one of them full marks on 1.1.1
		# with no evidence file
		self.set_doc, names = active_set_with_assessments(
			[UNIT_A, *OTHERS], year=2031, appraisers={"1": APPRAISER, "2": APPRAISER}
		)
		self.name = names[UNIT_A]
		self.others = [names[unit] for unit in OTHERS]
		for i, name in enumerate(self.others):
			rate = 48 + i  # 48 … 55 %
			set_line(name, "2.1", self_input=str(rate), self_score=round(rate * 3 / 100, 2))
			frappe.db.set_value("PAR Assessment", name, "workflow_state", "Submitted")
		set_line(self.others[0], "1.1.1", self_input="2030-12-20", self_score=1)
		# written past the save: the share texts are written again, as a bulk job would
		shares.refresh([last, *self.others])

	def submit_a(self):
		"""Unit A: on time by its own account but its evidence is dated after the due date; 100 % on
		2.1 (last year 40 %, the group about 50 %)."""
		with self.set_user(USER_A):
			doc = frappe.get_doc("PAR Assessment", self.name)
			values = {"1.1.1": "2030-12-20", "1.1.2": "85", "1.2": "1", "2.1": "100", "2.3": "Good"}
			for line in doc.lines:
				if line.code in values:
					line.self_input = values[line.code]
			doc.append(
				"evidence",
				{
					"criterion_code": "1.1.1",
					"file": attach_evidence(doc.name, "1.1.1"),
					"document_date": "2031-01-15",
				},
			)
			doc.save()
		with self.set_user(HEAD_A):
			apply_workflow(frappe.get_doc("PAR Assessment", self.name), "Submit for Appraisal")

	def test_flags_are_computed_when_the_unit_submits(self):
		self.submit_a()
		self.assertEqual(
			flags_of(self.name),
			{"1.1.1": "on_time_late_evidence", "2.1": "jump_from_last_year,outlier_in_group"},
		)
		doc = frappe.get_doc("PAR Assessment", self.name)
		self.assertEqual(doc.flagged_lines, 2)
		reasons = next(line.flag_reasons for line in doc.lines if line.code == "2.1")
		self.assertIn("100", reasons)  # claims 100 % of the maximum …
		self.assertIn("40", reasons)  # … where 40 % was appraised last year

	def test_the_whole_set_at_once_gives_the_same_flags(self):
		self.submit_a()
		own = flags_of(self.name)
		counts = flags.flag_set(self.set_doc.name)
		self.assertEqual(flags_of(self.name), own)
		self.assertEqual(flags_of(self.others[0]), {"1.1.1": "full_without_evidence"})
		self.assertEqual([flags_of(name) for name in self.others[1:]], [{}] * 7)
		self.assertEqual((counts["assessments"], counts["flagged"]), (9, 3))
		# nothing changed: a second run writes nothing and says the same
		self.assertEqual(flags.flag_set(self.set_doc.name), counts)

	def test_an_explanation_repeated_from_last_year_is_flagged_when_it_is_sent(self):
		self.submit_a()
		with self.set_user(APPRAISER):
			apply_workflow(frappe.get_doc("PAR Assessment", self.name), "Start Appraisal")
			doc = frappe.get_doc("PAR Assessment", self.name)
			line = next(line for line in doc.lines if line.code == "1.1.2")
			line.explanation_requested, line.appraiser_remark = 1, "9 of 10 tasks?"
			doc.save()
			apply_workflow(frappe.get_doc("PAR Assessment", self.name), "Request Explanation")
		with self.set_user(USER_A):
			doc = frappe.get_doc("PAR Assessment", self.name)
			next(line for line in doc.lines if line.code == "1.1.2").explanation = EXPLANATION.upper()
			doc.save()
		with self.set_user(HEAD_A):
			apply_workflow(frappe.get_doc("PAR Assessment", self.name), "Send Explanation")
		self.assertEqual(flags_of(self.name).get("1.1.2"), "repeated_explanation")

	def test_thresholds_are_settings(self):
		frappe.db.set_single_value("PAR Settings", {"flag_jump": 70, "flag_min_group": 10})
		self.submit_a()
		self.assertEqual(flags_of(self.name), {"1.1.1": "on_time_late_evidence"})  # 60 points < 70
		frappe.db.set_single_value("PAR Settings", {"flag_jump": 60, "flag_min_group": 9})
		flags.flag_set(self.set_doc.name)
		self.assertEqual(flags_of(self.name)["2.1"], "jump_from_last_year,outlier_in_group")

	def test_only_a_manager_recomputes_the_flags(self):
		with self.set_user(APPRAISER), self.assertRaises(frappe.PermissionError):
			flags.recompute(self.set_doc.name)
		with self.assertRaises(frappe.DoesNotExistError):
			flags.recompute("no such set")
		self.assertEqual(flags.recompute(self.set_doc.name)["assessments"], 8)
