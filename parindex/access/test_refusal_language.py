# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Every refusal a Vietnamese user meets is in Vietnamese: the app's own and Frappe's."""

import json
import re

import frappe
import frappe.api.v1
from frappe.translate import clear_cache

from parindex.access.testing import call, email, make_world
from parindex.tests import ParIndexTestCase

#: English words of refusals, any of which left in a message means a missing translation
ENGLISH = re.compile(
	r"\b(not|does|have|access|permission|permitted|allowed|found|document|please|refused|request|"
	r"error|modified|report|user|file|valid|specify|whitelisted|resource|method|too|many)\b",
	re.IGNORECASE,
)


class TestRefusalsInVietnamese(ParIndexTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = make_world()
		clear_cache()

	def setUp(self):
		super().setUp()
		frappe.local.lang = "vi"

	def tearDown(self):
		frappe.local.lang = "en"
		super().tearDown()

	def refusal(self, action, user="unit_a") -> str:
		frappe.clear_messages()
		frappe.flags.error_message = None
		frappe.set_user(email(user) if user != "Guest" else "Guest")
		try:
			action()
		except Exception as error:
			texts = [str(error), frappe.flags.error_message or ""]
			texts += [m.get("message", "") if isinstance(m, dict) else str(m) for m in frappe.local.message_log]
		else:
			self.fail("not refused")
		finally:
			frappe.set_user("Administrator")
			frappe.clear_messages()
		text = " ".join(t for t in texts if isinstance(t, str))
		for known in (*[n for n in self.world.values() if isinstance(n, str)], *map(email, ("unit_a",))):
			text = text.replace(known, "")
		return re.sub(r"<[^>]+>|_Test \w+ \w+|\(.*?'read'.*?\)", " ", text)

	def assertVietnamese(self, text: str):
		self.assertIsNone(ENGLISH.search(text), text)

	def test_reading_another_units_documents(self):
		theirs = self.world[("PAR Assessment", "B")]
		line = self.world[("PAR Assessment Line", "B")]
		for action in (
			lambda: call("frappe.client.get", doctype="PAR Assessment", name=theirs),
			lambda: call("frappe.desk.form.load.getdoc", doctype="PAR Assessment", name=theirs),
			lambda: call("frappe.client.get", doctype="PAR Assessment Line", name=line, parent="PAR Assessment"),
			lambda: frappe.api.v1.read_doc("PAR Ranking Publication", self.world[("PAR Ranking Publication", "draft")]),
			lambda: call("parindex.par_assessment.history.get_score_history", assessment=theirs),
		):
			self.assertVietnamese(self.refusal(action))

	def test_reports_files_queries_and_the_survey_page(self):
		from frappe.desk.query_report import run

		self.assertVietnamese(self.refusal(lambda: run("PAR Appraisal Gap", filters={})))
		theirs = self.world[("File url", "B")]
		self.assertVietnamese(
			self.refusal(lambda: frappe.get_doc({"doctype": "File", "file_url": theirs, "is_private": 1}).insert())
		)
		sub = "`name`, (select 1) as x"
		self.assertVietnamese(
			self.refusal(lambda: call("frappe.client.get_list", doctype="PAR Unit", fields=json.dumps([sub])))
		)
		answers = json.dumps({"1": "A"})
		self.assertVietnamese(
			self.refusal(
				lambda: call("parindex.par_survey.answering.submit", answers=answers, survey="x", unit="y"), "Guest"
			)
		)
