# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.par_index.questions import ask, for_assessment
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, make_unit, make_user

UNIT_A, UNIT_B = "_Test Unit A", "_Test Unit B"
USER_A, USER_B = "par-unit-a@example.com", "par-unit-b@example.com"
MANAGER = "par-manager@example.com"
DOCTYPE = "PAR Criterion Question"


class TestQuestionsOnCriteria(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		for unit in (UNIT_A, UNIT_B):
			make_unit(unit)
		make_user(USER_A, "PAR Unit User", unit=UNIT_A)
		make_user(USER_B, "PAR Unit User", unit=UNIT_B)
		make_user(MANAGER, "PAR Manager")
		frappe.cache.delete_value("user_permissions")
		self.set_doc, self.names = active_set_with_assessments((UNIT_A, UNIT_B))

	def ask_as(self, user, unit, code, text):
		frappe.set_user(user)
		try:
			return ask(self.names[unit], code, text)
		finally:
			frappe.set_user("Administrator")

	def answer(self, name, text, public):
		frappe.set_user(MANAGER)
		doc = frappe.get_doc(DOCTYPE, name)
		doc.answer, doc.is_public = text, public
		doc.save()
		frappe.set_user("Administrator")

	def visible_to(self, user):
		frappe.set_user(user)
		try:
			return set(frappe.get_list(DOCTYPE, pluck="name"))
		finally:
			frappe.set_user("Administrator")

	def test_a_unit_sees_its_own_questions_and_the_public_answers_only(self):
		mine = self.ask_as(USER_A, UNIT_A, "1.1.2", "Does a plan adopted in January count?")
		theirs = self.ask_as(USER_B, UNIT_B, "1.1.2", "Which report counts for completion?")
		self.assertEqual(frappe.db.get_value(DOCTYPE, mine, ["unit", "status"]), (UNIT_A, "Asked"))
		self.assertEqual(self.visible_to(USER_A), {mine})
		self.assertFalse(frappe.has_permission(DOCTYPE, "read", doc=theirs, user=USER_A))
		self.answer(theirs, "The year-end report, No. and date.", public=1)
		self.assertEqual(self.visible_to(USER_A), {mine, theirs})
		frappe.set_user(USER_A)
		shown = for_assessment(frappe.get_doc("PAR Assessment", self.names[UNIT_A]))
		self.assertEqual({q.name for q in shown["1.1.2"]}, {mine, theirs})
		frappe.set_user("Administrator")
		self.answer(mine, "No, the plan is due by 31/12.", public=0)  # private: stays with unit A
		self.assertEqual(self.visible_to(USER_B), {theirs})

	def test_a_unit_cannot_answer_publish_or_ask_for_another_unit(self):
		question = {
			"doctype": DOCTYPE,
			"criteria_set": self.set_doc.name,
			"criterion": frappe.db.get_value("PAR Criterion", {"criteria_set": self.set_doc.name, "code": "1.2"}),
			"question": "How are late reports counted?",
			"answer": "Any way we like",
			"is_public": 1,
		}
		frappe.set_user(USER_A)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc({**question, "unit": UNIT_B}).insert()
		frappe.clear_messages()
		doc = frappe.get_doc({**question, "unit": UNIT_A}).insert()
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual((doc.unit, doc.answer, doc.is_public, doc.status), (UNIT_A, None, 0, "Asked"))
		with self.assertRaises(frappe.ValidationError):
			self.ask_as(USER_A, UNIT_A, "9.9", "A criterion that is not there?")
		frappe.clear_messages()

	def test_public_answers_carry_over_to_next_years_set(self):
		public = self.ask_as(USER_A, UNIT_A, "2.1", "Do online payments count as online applications?")
		private = self.ask_as(USER_B, UNIT_B, "2.1", "Our portal was down in May; does it count?")
		self.answer(public, "Yes, level-4 services only.", public=1)
		self.answer(private, "Send the incident report.", public=0)
		new_set = self.set_doc.copy_to_new_year(2032)
		copied = frappe.get_all(DOCTYPE, filters={"criteria_set": new_set}, fields=["code", "answer", "is_public", "copied_from"])
		self.assertEqual(
			[(q.code, q.answer, q.is_public, q.copied_from) for q in copied],
			[("2.1", "Yes, level-4 services only.", 1, public)],
		)
