# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Appraisal as a support team does it: fields split between two appraisers, each signs off their own,
"Finish Appraisal" waits for both (or a manager's recorded reason), a "not applicable" overturned, an
explanation overdue, one digest a day, the workflow's message edited in the desk."""

import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from parindex.access.testing import call
from parindex.par_assessment import digest
from parindex.par_assessment.appraisal import sign_off
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, attach_evidence
from parindex.waiting import Kind

from parindex.tests.people import (
	APPRAISER_1,
	APPRAISER_2,
	COUNCIL,
	HEAD_A,
	MANAGER,
	UNIT_A,
	UNIT_B,
	USER_A,
	USER_B,
	make_people,
)
VALUES = {"1.1.1": "2030-12-20", "1.1.2": "85", "1.2": "1", "2.1": "80", "2.3": "Good"}


def line(doc, code):
	return next(row for row in doc.lines if row.code == code)


def field(doc, code):
	return next(row for row in doc.field_results if row.field_code == code)


class TestAppraisalByField(ParIndexTestCase):
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

	def act(self, user, action):
		with self.set_user(user):
			apply_workflow(self.get(), action)
		return self.get()

	def edit(self, user, **by_code):
		"""As the user, set columns of lines: edit(user, **{"1.2": {"appraised_input": "0"}})."""
		with self.set_user(user):
			doc = self.get()
			for code, values in by_code.items():
				line(doc, code).update(values)
			doc.save()
		return self.get()

	def submitted(self, values=VALUES, **lines):
		with self.set_user(USER_A):
			doc = self.get()
			for code, value in values.items():
				line(doc, code).self_input = value
			for code, extra in lines.items():
				line(doc, code).update(extra)
			doc.append("evidence", {"criterion_code": "1.1.1", "file": attach_evidence(doc.name, "1.1.1")})
			doc.save()
		self.act(HEAD_A, "Submit for Appraisal")
		return self.act(APPRAISER_1, "Start Appraisal")

	def sign(self, user, code, undo=0):
		with self.set_user(user):
			return sign_off(self.name, code, undo)

	def test_a_line_nobody_appraised_has_no_appraised_score(self):
		doc = self.submitted()
		self.assertEqual([row.appraised for row in doc.lines if row.rule_kind != "Survey"], [0] * 5)
		self.assertEqual(doc.appraised_total, 0)  # not a copy of the unit's 6.15
		self.assertEqual((doc.unappraised_lines, doc.unappraised_max), (5, 9))
		self.assertEqual(
			{f.field_code: f.appraisal_status for f in doc.field_results}, dict.fromkeys("12", "Not started")
		)
		# a value set by the appraiser appraises its line; the field is then in progress
		doc = self.edit(APPRAISER_1, **{"1.1.2": {"appraised_input": "92"}})
		self.assertEqual((line(doc, "1.1.2").appraised, line(doc, "1.1.2").appraised_score), (1, 2))
		self.assertEqual(field(doc, "1").appraisal_status, "In progress")
		self.assertEqual(doc.unappraised_lines, 4)
		# the sign-off accepts what the unit reported on the field's other lines
		self.sign(APPRAISER_1, "1")
		doc = self.get()
		self.assertEqual((line(doc, "1.1.1").appraised, line(doc, "1.1.1").appraised_score), (1, 1))
		self.assertEqual(
			(field(doc, "1").appraisal_status, field(doc, "1").signed_off_by), ("Signed off", APPRAISER_1)
		)
		self.assertEqual((doc.unappraised_lines, doc.appraised_total), (2, 4.5))  # 1 + 2 + 1.5

	def test_finish_waits_for_every_field_to_be_signed_off(self):
		self.submitted()
		self.sign(APPRAISER_1, "1")
		with self.assertRaises(frappe.ValidationError) as refused:
			self.act(APPRAISER_1, "Finish Appraisal")
		self.assertIn("2", str(refused.exception))
		self.assertEqual(self.get().workflow_state, "Under Appraisal")
		self.sign(APPRAISER_2, "2")
		doc = self.act(APPRAISER_2, "Finish Appraisal")
		self.assertEqual(doc.workflow_state, "Appraised")
		self.assertEqual(doc.unappraised_lines, 0)

	def test_an_appraiser_signs_off_only_their_own_fields_under_appraisal(self):
		with self.assertRaises(frappe.ValidationError):
			self.sign(APPRAISER_1, "1")  # still a draft
		self.submitted()
		with self.assertRaises(frappe.PermissionError):
			self.sign(APPRAISER_1, "2")
		with self.assertRaises(frappe.PermissionError):
			self.sign(USER_A, "1")
		with self.set_user(USER_B), self.assertRaises(frappe.PermissionError):
			sign_off(self.name, "1")
		for forged in ("9", "1.1", ["1"], None):
			with self.assertRaises(frappe.ValidationError):
				self.sign(MANAGER, forged)
		self.assertEqual({f.appraisal_status for f in self.get().field_results}, {"Not started"})
		# a form save cannot sign a field off either
		with self.set_user(APPRAISER_1):
			doc = self.get()
			field(doc, "1").update({"appraisal_status": "Signed off", "signed_off_by": APPRAISER_1})
			doc.save()
		self.assertEqual(field(self.get(), "1").appraisal_status, "Not started")
		# and a sign-off is undone by its appraiser
		self.sign(APPRAISER_1, "1")
		self.sign(APPRAISER_1, "1", undo=1)
		doc = self.get()
		self.assertEqual(
			(field(doc, "1").appraisal_status, field(doc, "1").signed_off_by), ("In progress", None)
		)

	def test_the_manager_finishes_without_sign_offs_only_with_a_reason(self):
		self.submitted()
		self.sign(APPRAISER_1, "1")
		with self.assertRaises(frappe.ValidationError):
			self.act(MANAGER, "Finish Appraisal")
		with self.set_user(MANAGER):
			doc = self.get()
			doc.override_reason = "Appraiser 2 is on sick leave; field 2 checked by the team lead"
			doc.save()
			apply_workflow(self.get(), "Finish Appraisal")
		doc = self.get()
		self.assertEqual(doc.workflow_state, "Appraised")
		self.assertEqual(
			(field(doc, "1").signed_off_by, field(doc, "2").signed_off_by), (APPRAISER_1, MANAGER)
		)
		self.assertEqual(doc.unappraised_lines, 0)
		comments = frappe.get_all(
			"Comment", filters={"reference_name": self.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("sick leave" in text and "2" in text for text in comments), comments)

	def test_an_appraiser_overturns_not_applicable_with_a_remark(self):
		doc = self.submitted(
			{k: v for k, v in VALUES.items() if k != "1.2"},
			**{"1.2": {"not_applicable": 1, "na_reason": "No reports were due this year"}},
		)
		self.assertEqual(doc.self_index, round(5.15 / 6 * 100, 2))  # 1.2's 2 points out
		with self.assertRaises(frappe.ValidationError):
			self.edit(APPRAISER_1, **{"1.2": {"na_refused": 1}})  # no remark
		with self.assertRaises(frappe.ValidationError):
			self.edit(APPRAISER_2, **{"1.2": {"na_refused": 1, "appraiser_remark": "not my field"}})
		doc = self.edit(
			APPRAISER_1,
			**{
				"1.2": {
					"na_refused": 1,
					"appraiser_remark": "Two quarterly reports were due",
					"appraised_input": "2",
				}
			},
		)
		self.assertEqual((line(doc, "1.2").appraised, line(doc, "1.2").final_score), (1, 1))  # 2 late: 2 − 1
		self.assertEqual(doc.total_max, 10)  # the line's 2 points count again
		self.assertEqual(doc.self_index, round(5.15 / 6 * 100, 2))  # the unit's own claim is kept as it was
		# a unit cannot take the refusal back
		frappe.db.set_value("PAR Assessment", self.name, "workflow_state", "Draft")
		doc = self.edit(USER_A, **{"1.2": {"na_refused": 0}})
		self.assertEqual(line(doc, "1.2").na_refused, 1)

	def test_an_explanation_has_a_due_date_and_is_reminded_when_overdue(self):
		self.submitted()
		self.edit(APPRAISER_1, **{"1.1.2": {"explanation_requested": 1, "appraiser_remark": "9 of 10 tasks"}})
		self.sign(APPRAISER_1, "1")
		doc = self.act(APPRAISER_1, "Request Explanation")
		days = frappe.db.get_single_value("PAR Settings", "explanation_days") or 5
		self.assertEqual(getdate(doc.explanation_due), getdate(add_days(today(), days)))
		self.assertEqual(field(doc, "1").appraisal_status, "In progress")  # field 1 reopened
		on_time = digest.compute(add_days(today(), days - 2))
		self.assertNotIn(APPRAISER_1, on_time)
		late = digest.compute(add_days(today(), days + 1))
		unit_items = [i for i in late[USER_A] if i.assessment == self.name]
		self.assertEqual([(i.kind, i.overdue) for i in unit_items], [(Kind.EXPLANATION, True)])
		self.assertEqual(
			[(i.kind, i.fields) for i in late[APPRAISER_1] if i.assessment == self.name],
			[(Kind.EXPLANATION_LATE, ("1",))],
		)
		self.assertNotIn(APPRAISER_2, late)
		self.edit(USER_A, **{"1.1.2": {"explanation": "Task 10 finished on 28/12"}})
		doc = self.act(HEAD_A, "Send Explanation")
		self.assertIsNone(doc.explanation_due)

	def test_the_workflow_message_is_the_notification_a_manager_edits(self):
		with self.set_user(USER_A):
			doc = self.get()
			for code, value in VALUES.items():
				line(doc, code).self_input = value
			doc.append("evidence", {"criterion_code": "1.1.1", "file": attach_evidence(doc.name, "1.1.1")})
			doc.save()
		notification = frappe.get_doc("Notification", "PAR Assessment: new state")
		notification.subject = "Hồ sơ {{ doc.unit }} chờ anh/chị: {{ doc.workflow_state }}"
		notification.save()
		frappe.db.delete("Notification Log", {"document_name": self.name})
		self.act(HEAD_A, "Submit for Appraisal")
		logs = frappe.get_all(
			"Notification Log",
			filters={"document_name": self.name, "document_type": "PAR Assessment"},
			fields=["for_user", "subject"],
		)
		self.assertEqual({log.for_user for log in logs}, {APPRAISER_1, APPRAISER_2})
		self.assertEqual({log.subject for log in logs}, {f"Hồ sơ {UNIT_A} chờ anh/chị: Submitted"})

	def test_one_digest_per_person_per_day_whatever_the_number_of_assessments(self):
		units = [f"_Test Digest {i}" for i in range(6)]
		set_doc, names = active_set_with_assessments(
			units, year=2032, appraisers={"1": APPRAISER_1, "2": APPRAISER_2}
		)
		for name in names.values():
			frappe.db.set_value("PAR Assessment", name, "workflow_state", "Under Appraisal")
		day = today()
		frappe.db.delete("PAR Digest Log", {"day": day})
		first = digest.send_digests(day)
		second = digest.send_digests(day)
		self.assertEqual(second, {"people": 0, "items": 0})
		logs = frappe.get_all("PAR Digest Log", filters={"day": day}, fields=["user", "items", "content"])
		by_user = {log.user: log for log in logs}
		self.assertEqual(len(logs), len(by_user))  # one a person
		self.assertGreaterEqual(by_user[APPRAISER_1]["items"], 6)
		for unit in units:
			self.assertIn(unit, by_user[APPRAISER_1]["content"])
		self.assertEqual(first["people"], len(logs))
		# a digest is read by its person only
		with self.set_user(APPRAISER_2):
			self.assertEqual(
				{row.user for row in frappe.get_list("PAR Digest Log", fields=["user"])}, {APPRAISER_2}
			)
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc(
					"PAR Digest Log", frappe.db.get_value("PAR Digest Log", {"user": APPRAISER_1})
				).check_permission("read")

	def test_units_never_read_the_flags(self):
		self.submitted()
		frappe.db.set_value(
			"PAR Assessment Line",
			{"parent": self.name, "code": "1.1.2"},
			{"flag_reasons": "secret", "flag_codes": "outlier_in_group"},
		)
		with self.set_user(USER_A):
			doc = frappe.get_doc("PAR Assessment", self.name)
			doc.apply_fieldlevel_read_permissions()
			self.assertFalse(any(row.get("flag_reasons") or row.get("flag_codes") for row in doc.lines))
			# everything the list query gives a unit leaves them out
			rows = call(
				"frappe.client.get_list",
				doctype="PAR Assessment Line",
				parent="PAR Assessment",
				fields=json.dumps(["*"]),
				filters=json.dumps({"parent": self.name}),
			)
			self.assertEqual(len(rows), 6)
			self.assertFalse(any(r.get("flag_reasons") or r.get("flag_codes") for r in rows))
			# and asking for them by name is refused (Frappe's own check skips a field after one it
			# removes, so the request guard refuses them first)
			with self.assertRaises(frappe.PermissionError):
				call(
					"frappe.client.get_list",
					doctype="PAR Assessment Line",
					parent="PAR Assessment",
					fields=json.dumps(["code", "flag_reasons", "flag_codes"]),
				)
		with self.set_user(APPRAISER_1):
			doc = frappe.get_doc("PAR Assessment", self.name)
			doc.apply_fieldlevel_read_permissions()
			self.assertEqual(line(doc, "1.1.2").flag_reasons, "secret")

	def test_an_upgraded_site_keeps_what_was_appraised_before_sign_offs(self):
		from parindex.patches import appraisal_before_sign_off

		doc = self.submitted()
		self.edit(APPRAISER_1, **{"1.1.2": {"appraised_input": "92"}})
		other = frappe.db.get_value("PAR Assessment", {"unit": UNIT_B, "criteria_set": self.set_doc.name})
		# as an older version left them: one assessment appraised as a whole, one under appraisal
		frappe.db.set_value("PAR Assessment", other, "workflow_state", "Appraised")
		frappe.db.set_value("PAR Assessment Line", {"parent": ("in", (self.name, other))}, "appraised", 0)
		appraisal_before_sign_off.execute()
		after = frappe.get_doc("PAR Assessment", other)
		self.assertEqual({f.appraisal_status for f in after.field_results}, {"Signed off"})
		self.assertEqual(after.unappraised_lines, 0)
		self.assertTrue(all(line.appraised for line in after.lines if line.rule_kind != "Survey"))
		doc = self.get()
		self.assertEqual(
			{row.code for row in doc.lines if row.appraised}, {"1.1.2"}
		)  # under appraisal: only the line an appraiser valued
		self.assertEqual({f.appraisal_status for f in doc.field_results} - {"In progress"}, {"Not started"})
