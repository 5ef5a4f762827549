# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Hostile input on the survey answering page (what guests reach): each refused with a clear 4xx, a
short escaped message, and nothing written."""

import json

import frappe
from frappe.utils import add_days, today

from parindex.access.hostile import HostileChecks
from parindex.access.testing import call
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, make_survey, make_unit

UNIT_A, UNIT_B = "_Test Unit A", "_Test Unit B"
SUBMIT = "parindex.par_survey.answering.submit"
LOAD = "parindex.par_survey.answering.load"
HTML = "<img src=x onerror=alert(1)>"


class TestHostileSurveyPage(HostileChecks, ParIndexTestCase):
	def setUp(self):
		super().setUp()
		frappe.cache.delete_keys("parindex:limit:")
		self.set_doc, _names = active_set_with_assessments((UNIT_A, UNIT_B))
		self.survey = make_survey(
			self.set_doc, allow_anonymous=1, anonymous_group="Người dân", anonymous_limit_per_unit=5
		)
		self.token = self.survey.create_invitations(UNIT_A, "Người dân", 1)[0].split("token=")[1]
		frappe.set_user("Guest")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.cache.delete_keys("parindex:limit:")
		super().tearDown()

	def submit(self, answers, **link):
		link = link or {"survey": self.survey.name, "unit": UNIT_A}
		answers = answers if isinstance(answers, str) else json.dumps(answers)
		return lambda: call(SUBMIT, answers=answers, **link)

	def good(self, **extra):
		return {"1": "A", "2": "B", **extra}

	def test_question_numbers_that_are_not_numbers(self):
		for key in ("²", "1" * 5000, "-1", "1.5", "abc", "<b>1</b>", "", "１", "0x1", "1e3"):
			text = self.refused(self.submit(self.good(**{key: "A"})), payload="<b>")
			self.assertLess(len(text), 400)

	def test_answers_that_are_not_letters(self):
		for value in ("Z" * 1_000_000, HTML, [1, 2], {"a": 1}, "AB" * 10, True):
			self.refused(self.submit({"1": value, "2": "A"}), payload=HTML)

	def test_answers_that_are_not_an_answer_sheet(self):
		for answers in ("{{{", "[1, 2]", "5", '"A"', "[" * 10000 + "]" * 10000, "x" * 20000, "null"):
			self.refused(self.submit(answers))
		many = {str(n): "A" for n in range(1, 700)}
		self.refused(self.submit(many))

	def test_sheets_that_do_not_answer_the_survey(self):
		self.refused(self.submit({"1": "Z", "2": "A"}))  # not one of the answers
		self.refused(self.submit({"1": "A"}))  # question 2 unanswered
		self.refused(self.submit(self.good(**{"3": "A"})))  # asked of the other group

	def test_links_that_lead_nowhere(self):
		self.refused(self.submit(self.good(), token="nope"))
		self.refused(self.submit(self.good(), token="t" * 10_000))
		self.refused(self.submit(self.good(), survey="No such survey", unit=UNIT_A))
		self.refused(self.submit(self.good(), survey=self.survey.name, unit="No such unit"))
		self.refused(self.submit(self.good(), survey=self.survey.name, unit=HTML), payload=HTML)
		self.refused(lambda: call(LOAD, token="nope"))
		self.refused(lambda: call(LOAD, survey="s" * 10_000, unit=UNIT_A))

	def test_units_that_do_not_answer_this_survey(self):
		frappe.set_user("Administrator")
		outside = make_unit("_Test Other Group Unit", group="_Test Other Group")
		group_unit = frappe.get_doc(
			{"doctype": "PAR Unit", "unit_name": "_Test Unit Group Node", "unit_group": "_Test Departments", "is_group": 1}
		).insert()
		frappe.db.set_value("PAR Unit", UNIT_B, "disabled", 1)
		frappe.set_user("Guest")
		for unit in (outside, group_unit.name, UNIT_B):
			self.refused(self.submit(self.good(), survey=self.survey.name, unit=unit))

	def test_invitations_used_or_expired(self):
		frappe.set_user("Guest")
		self.assertEqual(call(SUBMIT, answers=json.dumps(self.good()), token=self.token), {"ok": True})
		self.refused(self.submit(self.good(), token=self.token))  # used
		frappe.set_user("Administrator")
		old = self.survey.create_invitations(UNIT_A, "Người dân", 1, add_days(today(), -1))[0]
		frappe.set_user("Guest")
		self.refused(self.submit(self.good(), token=old.split("token=")[1]))

	def test_surveys_not_taking_answers(self):
		frappe.set_user("Administrator")
		self.survey.db_set("allow_anonymous", 0)
		frappe.set_user("Guest")
		self.refused(self.submit(self.good()))
		frappe.set_user("Administrator")
		self.survey.db_set({"allow_anonymous": 1, "opens_on": add_days(today(), 3)})
		frappe.set_user("Guest")
		self.refused(self.submit(self.good()))  # not open yet
		frappe.set_user("Administrator")
		self.survey.db_set({"opens_on": None, "status": "Closed"})
		frappe.set_user("Guest")
		self.refused(self.submit(self.good()))
		self.refused(self.submit(self.good(), token=self.token))

	def test_a_unit_past_its_anonymous_limit(self):
		frappe.set_user("Administrator")
		self.survey.db_set("anonymous_limit_per_unit", 1)
		frappe.set_user("Guest")
		self.assertEqual(self.submit(self.good())(), {"ok": True})
		self.refused(self.submit(self.good()))

	def test_link_values_of_the_wrong_type(self):
		for link in ({"survey": ["a"], "unit": UNIT_A}, {"token": {"x": 1}}, {"survey": self.survey.name, "unit": 5}):
			self.refused(lambda link=link: call(SUBMIT, answers=json.dumps(self.good()), **link))

	def test_robots_filling_the_hidden_field_write_nothing(self):
		before = frappe.db.count("PAR Survey Response")
		self.assertEqual(call(SUBMIT, answers="garbage", website="http://spam"), {"ok": True})
		self.assertEqual(frappe.db.count("PAR Survey Response"), before)

	def test_the_answering_page_never_writes_the_link_into_itself(self):
		from urllib.parse import quote as url_quote

		from parindex.tests.web import client, in_thread, site_requests

		with site_requests():
			page = in_thread(client().get, f"/par-survey?survey={url_quote(HTML)}&unit={url_quote(HTML)}")
		body = page.get_data(as_text=True)
		self.assertEqual(page.status_code, 200)
		self.assertNotIn(HTML, body)
		self.assertNotIn("alert(1)", body)
		# what the page then asks for is refused with the value quoted escaped
		with self.assertRaises(frappe.ValidationError) as caught:
			call("parindex.par_survey.answering.load", survey=HTML, unit=HTML)
		self.assertNotIn(HTML, str(caught.exception))
