# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import io

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from openpyxl import load_workbook

from parindex.tests import ParIndexTestCase

from parindex.tests.factories import active_set_with_assessments, attach_evidence, make_unit, make_user

from parindex.tests.people import (
	APPRAISER_1,
	APPRAISER_2,
	COUNCIL,
	HEAD_A,
	UNIT_A,
	UNIT_B,
	USER_A,
	USER_B,
	make_people,
)

# the small set (parindex.tests.factories.small_tree): 8 appraised points + 2 survey points
UNIT_VALUES = {"1.1.1": "2031-01-05", "1.1.2": "85", "1.2": "1", "2.1": "80", "2.3": "Good"}


def line(doc, code):
	return next(row for row in doc.lines if row.code == code)


class TestPARAssessment(ParIndexTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_people()

	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments(
			(UNIT_A, UNIT_B), appraisers={"1": APPRAISER_1, "2": APPRAISER_2}
		)
		self.name = names[UNIT_A]

	def get(self):
		return frappe.get_doc("PAR Assessment", self.name)

	def fill_as_unit(self, values=UNIT_VALUES, evidence=True):
		with self.set_user(USER_A):
			doc = self.get()
			for code, value in values.items():
				line(doc, code).self_input = value
			if evidence:
				doc.append("evidence", {"criterion_code": "1.1.1", "file": attach_evidence(doc.name, "1.1.1")})
			doc.save()
		return self.get()

	def act(self, user, action):
		with self.set_user(user):
			apply_workflow(self.get(), action)
		return self.get()

	def test_full_path_from_creation_to_approval(self):
		doc = self.fill_as_unit()
		# deadline late 0.5 + 85 % → 1 + one late report 2 − 0.5 = 1.5 + 80 % of 3 = 2.4 + bonus good 0.75
		self.assertEqual(doc.self_total, 6.15)
		self.assertEqual(doc.self_index, 76.88)  # 6.15 / 8 appraised points
		self.assertEqual(line(doc, "1.1.1").evidence_count, 1)
		self.assertEqual(self.act(HEAD_A, "Submit for Appraisal").workflow_state, "Submitted")
		self.act(APPRAISER_1, "Start Appraisal")
		with self.set_user(APPRAISER_1):
			doc = self.get()
			line(doc, "1.1.2").explanation_requested = 1
			line(doc, "1.1.2").appraiser_remark = "The completion report lists 9 of 10 tasks"
			doc.save()
		self.act(APPRAISER_1, "Request Explanation")
		with self.set_user(USER_A):
			doc = self.get()
			line(doc, "1.1.2").explanation = "Task 10 was finished on 28/12; report No. 45/BC attached"
			doc.save()
		self.act(HEAD_A, "Send Explanation")
		with self.set_user(APPRAISER_1):
			doc = self.get()
			line(doc, "1.1.2").appraised_input = "92"
			doc.save()
		with self.set_user(APPRAISER_2):
			doc = self.get()
			line(doc, "2.1").appraised_input = "70"
			doc.save()
		from parindex.par_assessment.appraisal import sign_off

		for appraiser, field in ((APPRAISER_1, "1"), (APPRAISER_2, "2")):
			with self.set_user(appraiser):
				sign_off(self.name, field)
		doc = self.act(APPRAISER_2, "Finish Appraisal")
		self.assertEqual(doc.workflow_state, "Appraised")
		doc = self.act(COUNCIL, "Approve")
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Approved", 1))
		# 0.5 + 2 (92 %) + 1.5 + 2.1 (70 % of 3) + 0.75; no survey yet
		self.assertEqual((doc.appraised_total, doc.survey_total, doc.final_total), (6.85, 0, 6.85))
		self.assertEqual((doc.total_max, doc.index), (10, 68.5))
		fields = {f.field_code: (f.maximum, f.final_points, f.index) for f in doc.field_results}
		self.assertEqual(fields, {"1": (5, 4, 80), "2": (5, 2.85, 57)})

	def test_a_unit_sees_and_changes_only_its_own_assessment(self):
		other = frappe.db.get_value("PAR Assessment", {"criteria_set": self.set_doc.name, "unit": UNIT_B})
		self.assertTrue(frappe.has_permission("PAR Assessment", "read", doc=self.name, user=USER_A))
		self.assertFalse(frappe.has_permission("PAR Assessment", "read", doc=other, user=USER_A))
		self.assertFalse(frappe.has_permission("PAR Assessment", "write", doc=other, user=USER_A))
		with self.set_user(USER_A):
			visible = frappe.get_list("PAR Assessment", filters={"criteria_set": self.set_doc.name}, pluck="name")
			self.assertEqual(visible, [self.name])
			self.assertRaises(frappe.PermissionError, frappe.get_doc("PAR Assessment", other).save)

	def test_a_unit_cannot_set_appraised_values(self):
		with self.set_user(USER_A):
			doc = self.get()
			line(doc, "2.1").self_input = "50"
			line(doc, "2.1").appraised_input = "100"
			doc.save()
		doc = self.get()
		self.assertEqual((line(doc, "2.1").self_input, line(doc, "2.1").appraised_input), ("50", None))
		self.assertEqual(line(doc, "2.1").final_score, 1.5)

	def test_an_appraiser_changes_only_appraisal_columns_of_assigned_fields(self):
		self.fill_as_unit()
		self.act(HEAD_A, "Submit for Appraisal")
		self.act(APPRAISER_1, "Start Appraisal")
		with self.set_user(APPRAISER_1):
			doc = self.get()
			line(doc, "1.1.1").self_input = "2030-12-01"  # a unit column: silently kept as it was
			line(doc, "1.1.1").appraised_input = "2030-12-01"  # done before the due date: on time
			doc.save()
			doc = self.get()
			self.assertEqual(line(doc, "1.1.1").self_input, "2031-01-05")
			self.assertEqual(line(doc, "1.1.1").appraised_score, 1)
			line(doc, "2.1").appraised_input = "10"
			line(doc, "2.3").appraiser_remark = "No award decision attached"
			with self.assertRaises(frappe.ValidationError) as caught:
				doc.save()
		message = str(caught.exception)
		self.assertIn("2.1", message)
		self.assertIn("2.3", message)
		self.assertIsNone(line(self.get(), "2.1").appraised_input)

	def test_nothing_changes_after_approval(self):
		frappe.db.set_value("PAR Assessment", self.name, "workflow_state", "Appraised")
		doc = self.act(COUNCIL, "Approve")
		self.assertEqual(doc.docstatus, 1)
		for user in (USER_A, APPRAISER_1, COUNCIL, "Administrator"):
			with self.set_user(user):
				doc = self.get()
				line(doc, "2.1").self_input = "99"
				line(doc, "2.1").appraised_input = "99"
				try:
					doc.save()  # refused, or saved with the submitted values kept
				except (frappe.PermissionError, frappe.ValidationError):
					frappe.clear_last_message()
			saved = line(self.get(), "2.1")
			self.assertEqual((saved.self_input, saved.appraised_input, saved.final_score), (None, None, 0), user)

	def test_withdraw_only_before_appraisal_begins(self):
		self.fill_as_unit()
		self.act(HEAD_A, "Submit for Appraisal")
		self.assertEqual(self.act(HEAD_A, "Withdraw").workflow_state, "Draft")
		self.act(HEAD_A, "Submit for Appraisal")
		self.act(APPRAISER_1, "Start Appraisal")
		with self.set_user(HEAD_A), self.assertRaises(WorkflowTransitionError):
			apply_workflow(self.get(), "Withdraw")
		self.assertEqual(self.get().workflow_state, "Under Appraisal")

	def test_only_the_unit_head_submits(self):
		self.fill_as_unit()
		with self.set_user(USER_A), self.assertRaises(WorkflowTransitionError):
			apply_workflow(self.get(), "Submit for Appraisal")

	def test_a_unit_cannot_edit_while_under_appraisal(self):
		self.fill_as_unit()
		self.act(HEAD_A, "Submit for Appraisal")
		self.act(APPRAISER_1, "Start Appraisal")
		with self.set_user(USER_A):
			doc = self.get()
			line(doc, "2.1").self_note = "one more thing"
			self.assertRaises(frappe.ValidationError, doc.save)

	def test_bad_inputs_are_refused_with_every_code_and_nothing_saved(self):
		self.fill_as_unit()
		with self.set_user(USER_A):
			doc = self.get()
			line(doc, "1.1.2").self_input = "about 80"  # not a number
			line(doc, "2.3").self_input = "Outstanding"  # not an option
			line(doc, "1.1.1").not_applicable = 1  # not allowed for 1.1.1
			line(doc, "2.1").self_input = "60"  # valid, but the save is all or nothing
			with self.assertRaises(frappe.ValidationError) as caught:
				doc.save()
		for code in ("1.1.2", "2.3", "1.1.1"):
			self.assertIn(f"Criterion {code}", str(caught.exception))
		saved = self.get()
		self.assertEqual(line(saved, "2.1").self_input, "80")
		self.assertEqual(saved.self_total, 6.15)

	def test_survey_criteria_are_not_claimed_by_the_unit(self):
		with self.set_user(USER_A):
			doc = self.get()
			line(doc, "2.2").self_input = "100"
			with self.assertRaises(frappe.ValidationError) as caught:
				doc.save()
		self.assertIn("2.2", str(caught.exception))

	def test_submission_needs_values_and_evidence_or_a_reason(self):
		values = dict(UNIT_VALUES)
		del values["2.1"]
		self.fill_as_unit(values, evidence=False)
		with self.set_user(HEAD_A), self.assertRaises(frappe.ValidationError) as caught:
			apply_workflow(self.get(), "Submit for Appraisal")
		self.assertIn("Criterion 2.1", str(caught.exception))  # no value
		self.assertIn("Criterion 1.1.1", str(caught.exception))  # no evidence, no reason
		with self.set_user(USER_A):
			doc = self.get()
			line(doc, "2.1").self_input = "80"
			line(doc, "1.1.1").no_evidence_reason = "The plan was published on the provincial portal only"
			doc.save()
		self.assertEqual(self.act(HEAD_A, "Submit for Appraisal").workflow_state, "Submitted")

	def test_not_applicable_leaves_points_and_maximum(self):
		values = dict(UNIT_VALUES)
		del values["1.2"]
		doc = self.fill_as_unit(values)
		with self.set_user(USER_A):
			line(doc, "1.2").not_applicable = 1
			doc.save()
		doc = self.get()
		# 6.15 − 1.5 points, 10 − 2 maximum
		self.assertEqual((doc.final_total, doc.total_max, doc.index), (4.65, 8, 58.13))

	def test_a_later_save_of_a_stale_copy_is_refused(self):
		with self.set_user(USER_A):
			first, second = self.get(), self.get()
			line(first, "2.1").self_input = "40"
			first.save()
			line(second, "1.1.2").self_input = "95"
			self.assertRaises(frappe.TimestampMismatchError, second.save)
		saved = self.get()
		self.assertEqual((line(saved, "2.1").self_input, line(saved, "1.1.2").self_input), ("40", None))

	def test_lines_come_from_the_set(self):
		with self.set_user(USER_A):
			doc = self.get()
			doc.lines[0].max_score = 100  # rewritten from the set
			doc.save()
			self.assertEqual(self.get().lines[0].max_score, 1)
			doc = self.get()
			doc.remove(doc.lines[-1])
			self.assertRaises(frappe.ValidationError, doc.save)

	def test_each_step_notifies_who_acts_next(self):
		self.fill_as_unit()
		self.act(HEAD_A, "Submit for Appraisal")
		notified = set(
			frappe.get_all(
				"Notification Log", filters={"document_name": self.name, "document_type": "PAR Assessment"}, pluck="for_user"
			)
		)
		self.assertEqual(notified, {APPRAISER_1, APPRAISER_2})

	def test_a_unit_lists_only_its_own_lines(self):
		other = frappe.db.get_value("PAR Assessment", {"criteria_set": self.set_doc.name, "unit": UNIT_B})
		with self.set_user(USER_A):
			parents = set(
				frappe.get_list("PAR Assessment Line", fields=["parent"], parent_doctype="PAR Assessment", pluck="parent")
			)
			fields = set(
				frappe.get_list("PAR Assessment Field", fields=["parent"], parent_doctype="PAR Assessment", pluck="parent")
			)
		self.assertIn(self.name, parents)
		self.assertNotIn(other, parents | fields)

	def test_lines_cannot_be_removed_and_added_again(self):
		# a line added anew would come back without the appraiser's columns
		self.fill_as_unit()
		with self.set_user(USER_A):
			doc = self.get()
			old = line(doc, "1.1.2")
			doc.remove(old)
			doc.append("lines", {"code": "1.1.2", "self_input": "95"})
			with self.assertRaises(frappe.ValidationError):
				doc.save()
		self.assertEqual(line(self.get(), "1.1.2").self_input, "85")

	def test_only_an_appraised_assessment_is_approved(self):
		self.fill_as_unit()
		with self.set_user(COUNCIL), self.assertRaises(frappe.ValidationError):
			self.get().submit()
		self.assertEqual(self.get().docstatus, 0)

	def test_an_appraiser_of_another_set_cannot_start_the_appraisal(self):
		outsider = make_user("par-appraiser-3@example.com", "PAR Appraiser")
		self.fill_as_unit()
		self.act(HEAD_A, "Submit for Appraisal")
		with self.set_user(outsider), self.assertRaises(frappe.ValidationError):
			apply_workflow(self.get(), "Start Appraisal")
		self.assertEqual(self.get().workflow_state, "Submitted")

	def test_while_explaining_the_unit_changes_only_explanations(self):
		self.fill_as_unit()
		self.act(HEAD_A, "Submit for Appraisal")
		self.act(APPRAISER_1, "Start Appraisal")
		with self.set_user(APPRAISER_1):
			doc = self.get()
			line(doc, "1.1.2").explanation_requested = 1
			doc.save()
		self.act(APPRAISER_1, "Request Explanation")
		with self.set_user(USER_A):
			doc = self.get()
			line(doc, "2.1").self_input = "100"
			with self.assertRaises(frappe.ValidationError) as caught:
				doc.save()
			self.assertIn("2.1", str(caught.exception))
			doc = self.get()
			line(doc, "1.1.2").explanation = "Report No. 45/BC attached"
			doc.save()

	def test_the_survey_does_not_change_approved_assessments(self):
		from parindex.par_survey.aggregation import apply_survey
		from parindex.tests.factories import make_survey

		frappe.db.set_value("PAR Assessment", self.name, {"docstatus": 1, "workflow_state": "Approved"})
		survey = make_survey(self.set_doc)
		self.assertEqual(apply_survey(survey), 1)  # unit B only
		self.assertEqual(frappe.db.get_value("PAR Assessment", self.name, "total_max"), 10)

	def test_history_shows_who_changed_which_score(self):
		from parindex.par_assessment.history import get_score_history

		self.fill_as_unit()
		with self.set_user(USER_A):
			doc = self.get()
			line(doc, "2.1").self_input = "90"
			doc.save(ignore_version=False)  # tests skip versions unless asked; a real save keeps them
			history = get_score_history(self.name)
		changes = [(h["code"], h["old"], h["new"], h["user"]) for h in history if h["code"] == "2.1"]
		self.assertIn(("2.1", "80", "90", USER_A), changes)
		self.assertEqual(
			{h["field"] for h in history if h["code"] == "2.1"}, {"Reported value", "Self score", "Final score"}
		)


class TestAssessmentOffline(ParIndexTestCase):
	"""Export one unit's assessment to Excel, fill it in, import it back under the same rules."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_people()

	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments((UNIT_A, UNIT_B), appraisers={"1": APPRAISER_1})
		self.name = names[UNIT_A]

	def exported(self):
		from parindex.par_assessment.assessment_io import export_assessment

		export_assessment(self.name)
		return load_workbook(io.BytesIO(frappe.response["filecontent"]))

	def filled(self, values: dict, column="Reported value") -> bytes:
		book = self.exported()
		sheet = book.active
		header = [c.value for c in sheet[2]]
		for row in sheet.iter_rows(min_row=3):
			code = row[0].value
			if code in values:
				row[header.index(column)].value = values[code]
		buffer = io.BytesIO()
		book.save(buffer)
		return buffer.getvalue()

	def test_export_has_one_row_per_criterion_with_rule_and_guidance(self):
		sheet = self.exported().active
		codes = [row[0].value for row in sheet.iter_rows(min_row=3)]
		self.assertEqual(codes, ["1.1.1", "1.1.2", "1.2", "2.1", "2.2", "2.3"])
		header = [c.value for c in sheet[2]]
		self.assertIn("Rule", header)
		self.assertIn("Guidance", header)

	def test_a_unit_fills_the_workbook_and_imports_it(self):
		from parindex.par_assessment.assessment_io import apply_workbook

		content = self.filled({"2.1": 80, "1.1.2": "85", "2.3": "Good"})
		with self.set_user(USER_A):
			result = apply_workbook(frappe.get_doc("PAR Assessment", self.name), content)
		self.assertEqual(result["changed"], 3)
		doc = frappe.get_doc("PAR Assessment", self.name)
		self.assertEqual(doc.self_total, 2.4 + 1 + 0.75)

	def test_a_bad_value_names_its_row_and_nothing_is_saved(self):
		from parindex.par_assessment.assessment_io import apply_workbook

		content = self.filled({"2.1": "eighty", "1.1.2": "85", "2.3": "Superb"})
		with self.set_user(USER_A), self.assertRaises(frappe.ValidationError) as caught:
			apply_workbook(frappe.get_doc("PAR Assessment", self.name), content)
		self.assertIn("Row 6", str(caught.exception))  # 2.1 is the 4th criterion, below the title and header
		self.assertIn("Row 8", str(caught.exception))  # 2.3
		doc = frappe.get_doc("PAR Assessment", self.name)
		self.assertEqual([line.self_input for line in doc.lines], [None] * 6)

	def test_columns_the_user_may_not_edit_are_ignored(self):
		from parindex.par_assessment.assessment_io import apply_workbook

		content = self.filled({"2.1": "10"}, column="Appraised value")
		with self.set_user(USER_A):
			apply_workbook(frappe.get_doc("PAR Assessment", self.name), content)
		self.assertIsNone(frappe.get_doc("PAR Assessment", self.name).lines[3].appraised_input)

	def test_the_same_workflow_rules_apply(self):
		from parindex.par_assessment.assessment_io import apply_workbook

		frappe.db.set_value("PAR Assessment", self.name, "workflow_state", "Under Appraisal")
		content = self.filled({"2.1": "80"})
		with self.set_user(USER_A), self.assertRaises(frappe.ValidationError):
			apply_workbook(frappe.get_doc("PAR Assessment", self.name), content)


class TestReminders(ParIndexTestCase):
	def test_units_are_reminded_before_on_and_after_the_deadline_until_they_submit(self):
		from parindex.par_assessment.digest import compute

		make_unit(UNIT_A)
		make_user(USER_A, "PAR Unit User", unit=UNIT_A)
		set_doc, names = active_set_with_assessments((UNIT_A,))
		frappe.db.set_value("PAR Assessment", names[UNIT_A], "self_assessment_deadline", "2031-11-30")
		frappe.db.set_single_value("PAR Settings", "unit_reminder_days_after", 2)

		def reminded(day):
			return [
				(user, item.overdue)
				for user, items in compute(day).items()
				for item in items
				if item.assessment == names[UNIT_A]
			]

		self.assertEqual(reminded("2031-11-27"), [(USER_A, False)])
		self.assertEqual(reminded("2031-11-28"), [])
		self.assertEqual(reminded("2031-11-30"), [(USER_A, False)])
		self.assertEqual(reminded("2031-12-01"), [])
		self.assertEqual(reminded("2031-12-02"), [(USER_A, True)])
		self.assertEqual(reminded("2031-12-04"), [(USER_A, True)])
		frappe.db.set_value("PAR Assessment", names[UNIT_A], "workflow_state", "Submitted")
		self.assertEqual(reminded("2031-12-04"), [])
