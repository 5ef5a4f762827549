# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""SIPAS satisfaction on a site: the questionnaire, its checks, the indices per unit and for the
province, the report's scope, and the figures frozen with a publication for the public page."""

import frappe

from parindex.par_index.criteria import criterion_name
from parindex.par_ranking import public
from parindex.par_ranking.report.par_satisfaction import par_satisfaction
from parindex.par_ranking.report.testing import publish
from parindex.par_survey import counts, sipas
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, make_user

UNIT_A, UNIT_B = "_Test Sipas A", "_Test Sipas B"
MANAGER, USER_A = "par-sipas-manager@example.com", "par-sipas-unit-a@example.com"


def answer(survey, unit: str, letters: str, number: int) -> None:
	"""``number`` paper forms of a unit, each answering every question with the letters in turn."""
	forms = [
		(unit, sipas.GROUP, {q.number: letters[n % len(letters)] for q in survey.questions}) for n in range(number)
	]
	counts.record_forms(survey.name, forms)


class TestSipas(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, self.assessments = active_set_with_assessments((UNIT_A, UNIT_B), year=2048)
		make_user(MANAGER, "PAR Manager")
		make_user(USER_A, "PAR Unit User", unit=UNIT_A)
		self.criterion = criterion_name(self.set_doc.name, "2.2")
		with self.set_user(MANAGER):
			self.survey = frappe.get_doc("PAR Survey", sipas.new_sipas_survey(self.set_doc.name, self.criterion))

	def test_the_questionnaire_follows_the_method(self):
		self.assertEqual(len(self.survey.questions), len(sipas.QUESTIONS))
		self.assertEqual({q.element for q in self.survey.questions}, set(sipas.ELEMENTS))
		self.assertEqual([o.letter for o in self.survey.answer_options if o.satisfied], ["D", "E"])
		self.assertEqual({q.criterion for q in self.survey.questions}, {self.criterion})
		self.assertEqual(self.survey.status, "Draft")

	def test_bad_requests_are_refused(self):
		with self.set_user(MANAGER), self.assertRaises(frappe.ValidationError):
			sipas.new_sipas_survey(self.set_doc.name, criterion_name(self.set_doc.name, "2.1"))  # not survey
		with self.set_user(USER_A), self.assertRaises(frappe.PermissionError):
			sipas.new_sipas_survey(self.set_doc.name, self.criterion)
		for option in self.survey.answer_options:
			option.satisfied = 0
		with self.assertRaises(frappe.ValidationError) as refused:
			self.survey.save()
		self.assertIn("SIPAS", str(refused.exception))

	def test_indices_per_unit_and_for_the_province(self):
		answer(self.survey, UNIT_A, "DEEA", 8)  # 3 of 4 satisfied on every question → 75 %
		answer(self.survey, UNIT_B, "DB", 4)  # 1 of 2 → 50 %
		results = sipas.of_survey(self.survey)
		self.assertEqual(float(results[UNIT_A].index), 75)
		self.assertEqual({float(v) for v in results[UNIT_A].elements.values()}, {75})
		self.assertEqual(float(results[UNIT_B].index), 50)
		# the province pools the 12 forms: (6 + 2) of 12 = 66.67
		self.assertEqual(str(results[""].index), "66.67")
		self.assertEqual(results[UNIT_A].answers, 8 * len(sipas.QUESTIONS))

	def test_the_report_shows_a_unit_its_own_figures_only(self):
		answer(self.survey, UNIT_A, "DEEA", 8)
		answer(self.survey, UNIT_B, "DB", 4)
		with self.set_user(MANAGER):
			_columns, data, *_rest = par_satisfaction.execute({"survey": self.survey.name})
		self.assertEqual([row["unit"] for row in data][1:], [UNIT_A, UNIT_B])  # the province first
		self.assertEqual((data[1]["index"], data[1]["satisfied"]), (75, 75))
		with self.set_user(USER_A):
			_columns, data, *_rest = par_satisfaction.execute({"survey": self.survey.name})
		self.assertEqual([row["unit"] for row in data], [UNIT_A])

	def test_the_publication_freezes_the_closed_survey_for_the_public_page(self):
		answer(self.survey, UNIT_A, "DEEA", 8)
		answer(self.survey, UNIT_B, "DB", 4)
		self.survey.status = "Closed"
		self.survey.save()
		name = publish(self.set_doc.name, "31/QĐ-UBND", "2049-01-20")
		rows = frappe.get_all(
			"PAR Ranking Satisfaction", {"parent": name}, ["unit", "sipas_index", "access"], order_by="idx"
		)
		self.assertEqual([(r.unit, r.sipas_index) for r in rows], [(None, 66.67), (UNIT_A, 75), (UNIT_B, 50)])
		frappe.db.set_single_value("PAR Settings", "public_results_page", 1)
		public.forget_pages()
		context = public.page_context(name, UNIT_A)
		self.assertEqual(context["satisfaction"]["index"], 75)
		self.assertEqual(context["province_satisfaction"]["index"], 66.67)
		self.assertEqual(public.page_context(name, None)["satisfaction"]["answers"], 12 * len(sipas.QUESTIONS))

	def test_a_unit_reads_no_satisfaction_of_a_draft_publication(self):
		from parindex.access.testing import as_user
		from parindex.par_ranking.report.testing import approve_all

		answer(self.survey, UNIT_B, "DB", 4)
		self.survey.status = "Closed"
		self.survey.save()
		approve_all(self.set_doc.name)
		draft = frappe.get_doc(
			{"doctype": "PAR Ranking Publication", "criteria_set": self.set_doc.name, "decision_no": "draft"}
		)
		draft.decision_date = "2049-01-20"
		draft.insert()
		self.assertTrue(draft.satisfaction)
		listed = None
		try:
			listed = as_user(
				USER_A,
				"frappe.client.get_list",
				doctype="PAR Ranking Satisfaction",
				fields='["name", "sipas_index"]',
				parent="PAR Ranking Publication",
			)()
		except frappe.PermissionError:
			listed = []
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(listed, [])
