# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.demo.province import PASSWORD, USERS, create
from parindex.process import SHIPPED_STATES as STATES
from parindex.par_ranking.report.par_year_over_year import par_year_over_year
from parindex.par_ranking.ranking import latest_publication
from parindex.tests import ParIndexTestCase


class TestDemoProvince(ParIndexTestCase):
	def test_a_small_demo_province_has_a_whole_cycle(self):
		made = create(departments=9, communes=2, today="2041-12-01")
		last, current = made["Sở, ban, ngành"]
		self.assertEqual(frappe.db.get_single_value("System Settings", "language"), "vi")
		# last year: every assessment approved, surveyed and published
		states = frappe.get_all("PAR Assessment", {"criteria_set": last}, pluck="workflow_state")
		self.assertEqual(set(states), {"Approved"})
		self.assertTrue(latest_publication(last))
		# ...each field signed off by the member of the support team it is assigned to
		signed = frappe.get_all(
			"PAR Assessment Field",
			{"parent": ("in", frappe.get_all("PAR Assessment", {"criteria_set": last}, pluck="name"))},
			["field_code", "appraisal_status", "signed_off_by"],
		)
		appraised_fields = {row.field_code for row in signed if row.signed_off_by}
		self.assertTrue(appraised_fields)
		for row in signed:
			if row.field_code in appraised_fields:
				expected = "thamdinh1@demo.parindex.vn" if int(row.field_code) <= 4 else "thamdinh2@demo.parindex.vn"
				self.assertEqual((row.appraisal_status, row.signed_off_by), ("Signed off", expected))
		self.assertEqual(
			set(frappe.get_all("PAR Assessment", {"criteria_set": last}, pluck="unappraised_lines")), {0}
		)
		self.assertGreater(frappe.db.count("PAR Survey Response", {"survey": ("like", "%")}), 0)
		# this year: the demo users' departments in Draft, the others in every workflow state
		states = dict(
			frappe.get_all("PAR Assessment", {"criteria_set": current}, ["unit", "workflow_state"], as_list=True)
		)
		self.assertEqual((states["Sở Nội vụ"], states["Sở Tư pháp"]), ("Draft", "Draft"))
		self.assertEqual(set(states.values()), set(STATES))
		# ...complete but for one field, the one asking for the most kinds of value, whose official is
		# about to enter it: two of its lines wait for evidence; nothing else is missing
		for unit in ("Sở Nội vụ", "Sở Tư pháp"):
			doc = frappe.get_doc("PAR Assessment", {"criteria_set": current, "unit": unit})
			typed = [line for line in doc.lines if line.rule_kind != "Survey" and not line.not_applicable]
			empty = {line.field_code for line in typed if not line.self_input}
			self.assertEqual(len(empty), 1, unit)
			(field,) = empty
			own = [line for line in typed if line.field_code == field]
			self.assertTrue(all(not line.self_input for line in own), unit)
			self.assertGreaterEqual(len({line.rule_kind for line in own}), 4, unit)
			with_evidence = {row.criterion_code for row in doc.evidence if row.file}
			waiting = [
				line.code
				for line in typed
				if line.evidence_required and not line.no_evidence_reason and line.code not in with_evidence
			]
			self.assertEqual(len(waiting), 2, unit)
			self.assertTrue(all(code.split(".")[0] == field for code in waiting), unit)
		evidence = frappe.get_all("PAR Evidence", {"parenttype": "PAR Assessment"}, pluck="file")
		self.assertTrue(evidence and all(url.startswith("/private/files/") for url in evidence))
		# the users of every role can log in with the documented password
		for email, _name, roles, _unit in USERS:
			self.assertTrue(set(roles) <= set(frappe.get_roles(email)), email)
		from frappe.utils.password import check_password

		self.assertEqual(check_password("lanhdao.noivu@demo.parindex.vn", PASSWORD), "lanhdao.noivu@demo.parindex.vn")
		# the year-over-year view has both years for a unit
		_columns, data, *_ = par_year_over_year.execute({"unit": "Sở Nội vụ"})
		self.assertEqual({row["year"] for row in data} >= {2040, 2041}, True)
		# running it again changes nothing
		count = frappe.db.count("PAR Assessment")
		create(departments=9, communes=2, today="2041-12-01")
		self.assertEqual(frappe.db.count("PAR Assessment"), count)



class TestDemoLivesInToday(ParIndexTestCase):
	"""Loaded on any date, the demo's cycle is under way: deadlines ahead, the survey taking answers,
	last year's ranking published."""

	def check_on(self, today: str, year: int):
		import json
		from unittest.mock import patch

		from frappe.utils import getdate

		from parindex.par_survey import answering

		made = create(departments=3, communes=2, today=today)
		last, current = made["Sở, ban, ngành"]
		day = getdate(today)
		current_set = frappe.get_doc("PAR Criteria Set", current)
		self.assertEqual(current_set.year, year)
		self.assertGreater(getdate(current_set.self_assessment_deadline), day)
		self.assertGreater(getdate(current_set.appraisal_deadline), getdate(current_set.self_assessment_deadline))
		publication = latest_publication(last)
		self.assertLessEqual(getdate(frappe.db.get_value("PAR Ranking Publication", publication, "decision_date")), day)
		survey = frappe.get_doc("PAR Survey", {"criteria_set": current})
		self.assertEqual(survey.status, "Open")
		self.assertTrue(getdate(survey.opens_on) <= day <= getdate(survey.closes_on))
		group = survey.anonymous_group
		asked = [q.number for q in survey.questions if q.respondent_group == group]
		with patch.object(answering, "today", lambda: today):
			answer = answering.submit(json.dumps({str(n): "A" for n in asked}), survey=survey.name, unit="Sở Nội vụ")
		self.assertEqual(answer, {"ok": True})
		# the criteria of the year speak of the year: due dates and titles moved with it
		due = frappe.get_all("PAR Criterion", {"criteria_set": current, "rule_kind": "Deadline"}, pluck="due_date")
		self.assertTrue(due and all(d is None or getdate(d).year in (year - 1, year) for d in due), due)

	def test_loaded_in_december(self):
		self.check_on("2043-12-01", 2043)

	def test_loaded_in_march_the_cycle_of_last_year_is_still_running(self):
		self.check_on("2047-03-10", 2046)

	def test_loaded_in_august(self):
		self.check_on("2052-08-15", 2052)
