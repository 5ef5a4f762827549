# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import json

import frappe

from parindex.par_survey import answering
from parindex.par_survey.paper import import_forms
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, make_survey, paper_forms

UNIT_A, UNIT_B = "_Test Unit A", "_Test Unit B"


def line(doc, code):
	return next(row for row in doc.lines if row.code == code)


class TestPARSurvey(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, self.assessments = active_set_with_assessments((UNIT_A, UNIT_B))
		self.survey = make_survey(self.set_doc)

	def invitation(self, unit=UNIT_A, group="Người dân", expires_on=None):
		links = self.survey.create_invitations(unit, group, 1, expires_on)
		return links[0].split("token=")[1]

	def answer(self, token, q1, q2):
		return answering.submit(json.dumps({"1": q1, "2": q2}), token=token)

	def test_an_invitation_answers_once(self):
		token = self.invitation()
		self.assertEqual(answering.load(token)["questions"][0]["number"], 1)
		self.assertEqual(self.answer(token, "A", "b"), {"ok": True})
		response = frappe.get_last_doc("PAR Survey Response")
		self.assertEqual((response.unit, response.channel), (UNIT_A, "Invitation"))
		self.assertEqual([a.answer for a in response.answers], ["A", "B"])
		with self.assertRaises(answering.SurveyRefused) as caught:
			self.answer(token, "A", "A")
		self.assertIn("already been used", str(caught.exception))
		self.assertEqual(frappe.db.count("PAR Survey Response", {"survey": self.survey.name}), 1)

	def test_unknown_and_expired_tokens_are_refused(self):
		with self.assertRaises(answering.SurveyRefused) as caught:
			self.answer("not-a-token", "A", "A")
		self.assertIn("not valid", str(caught.exception))
		token = self.invitation(expires_on="2020-01-01")
		with self.assertRaises(answering.SurveyRefused) as caught:
			answering.load(token)
		self.assertIn("expired", str(caught.exception))

	def test_a_closed_survey_takes_no_answers(self):
		token = self.invitation()
		self.survey.status = "Closed"
		self.survey.save()
		with self.assertRaises(answering.SurveyRefused):
			self.answer(token, "A", "A")

	def test_every_question_must_be_answered_with_a_known_answer(self):
		token = self.invitation()
		with self.assertRaises(frappe.ValidationError) as caught:
			answering.submit(json.dumps({"1": "E", "3": "A"}), token=token)
		message = str(caught.exception)
		self.assertIn("Question 1: E", message)
		self.assertIn("Question 2 has no answer", message)
		self.assertIn("Question 3 is not asked", message)
		self.assertIsNone(frappe.db.get_value("PAR Survey Invitation", {"token": token}, "used_on"))

	def test_anonymous_answers_per_unit_with_a_limit(self):
		with self.assertRaises(answering.SurveyRefused):
			answering.submit(json.dumps({"1": "A", "2": "A"}), survey=self.survey.name, unit=UNIT_A)
		self.survey.update({"allow_anonymous": 1, "anonymous_group": "Người dân", "anonymous_limit_per_unit": 2})
		self.survey.save()
		for _i in range(2):
			answering.submit(json.dumps({"1": "A", "2": "B"}), survey=self.survey.name, unit=UNIT_A)
		with self.assertRaises(answering.SurveyRefused) as caught:
			answering.submit(json.dumps({"1": "A", "2": "B"}), survey=self.survey.name, unit=UNIT_A)
		self.assertIn(UNIT_A, str(caught.exception))
		# a robot filling the hidden field is ignored
		answering.submit(json.dumps({"1": "A", "2": "B"}), survey=self.survey.name, unit=UNIT_B, website="x")
		self.assertEqual(frappe.db.count("PAR Survey Response", {"unit": UNIT_B}), 0)

	def test_paper_forms_import_whole_or_not_at_all(self):
		bad = paper_forms([UNIT_A, "Người dân", "A", "A"], [UNIT_A, "Người dân", "A", "E"], ["Nowhere", "Cán bộ", None, None, "A"])
		with self.assertRaises(frappe.ValidationError) as caught:
			import_forms(self.survey, bad)
		self.assertIn("Row 3", str(caught.exception))
		self.assertIn("Row 4", str(caught.exception))
		self.assertEqual(frappe.db.count("PAR Survey Response", {"survey": self.survey.name}), 0)
		good = paper_forms([UNIT_A, "Người dân", "A", "A"], [UNIT_A, "Cán bộ", None, None, "c"])
		self.assertEqual(import_forms(self.survey, good), {"imported": 2})
		responses = frappe.get_all("PAR Survey Response", {"survey": self.survey.name}, pluck="name")
		self.assertEqual(frappe.db.count("PAR Survey Response Answer", {"answer": "C", "parent": ("in", responses)}), 1)

	def test_survey_points_reach_the_assessments(self):
		# unit A: Q1 A, A, B, D → 65 %; Q2 A, C, B, B → 60 %; criterion 2.2 = mean 62.5 % of 2 = 1.25
		import_forms(
			self.survey,
			paper_forms(
				[UNIT_A, "Người dân", "A", "A"],
				[UNIT_A, "Người dân", "A", "C"],
				[UNIT_A, "Người dân", "B", "B"],
				[UNIT_A, "Người dân", "D", "B"],
			),
		)
		self.assertEqual(self.survey.recompute(), 2)
		a = frappe.get_doc("PAR Assessment", self.assessments[UNIT_A])
		self.assertEqual((line(a, "2.2").survey_score, line(a, "2.2").final_score), (1.25, 1.25))
		self.assertEqual((a.survey_total, a.final_total, a.total_max, a.index), (1.25, 1.25, 10, 12.5))
		self.assertEqual({f.field_code: f.final_points for f in a.field_results}, {"1": 0, "2": 1.25})
		# unit B has no answer: the survey part leaves its index
		b = frappe.get_doc("PAR Assessment", self.assessments[UNIT_B])
		self.assertEqual((line(b, "2.2").not_applicable, b.total_max), (1, 8))
		# the survey's points are in the score history like any other change, said as the survey's
		from parindex.par_assessment.history import get_score_history

		by_survey = [h for h in get_score_history(a.name) if h["code"] == "2.2" and h["new"] in ("1,25", "1.25")]
		self.assertTrue(by_survey, get_score_history(a.name))
		self.assertTrue(all(h["user_name"].startswith("Sociological survey") for h in by_survey), by_survey)
		self.assertEqual(by_survey[0]["old"], "0")
		# recomputing with nothing changed writes no new history
		before = len(get_score_history(a.name))
		self.survey.recompute()
		self.assertEqual(len(get_score_history(a.name)), before)
		progress = {(p["unit"], p["respondent_group"]): (p["received"], p["target"]) for p in self.survey.get_progress()}
		self.assertEqual(progress[(UNIT_A, "Người dân")], (4, 4))
		self.assertEqual(progress[(UNIT_B, "Cán bộ")], (0, 0))

	def test_closing_the_survey_computes_the_points(self):
		import_forms(self.survey, paper_forms([UNIT_A, "Người dân", "A", "A"]))
		self.survey.status = "Closed"
		self.survey.save()
		a = frappe.get_doc("PAR Assessment", self.assessments[UNIT_A])
		self.assertEqual(line(a, "2.2").survey_score, 2)

	def test_a_unit_cannot_touch_its_survey_points(self):
		import_forms(self.survey, paper_forms([UNIT_A, "Người dân", "A", "A"]))
		self.survey.recompute()
		a = frappe.get_doc("PAR Assessment", self.assessments[UNIT_A])
		line(a, "2.2").survey_score = 0
		line(a, "2.2").not_applicable = 1
		a.save()
		a.reload()
		self.assertEqual((line(a, "2.2").survey_score, line(a, "2.2").not_applicable, a.survey_total), (2, 0, 2))

	def test_questions_must_score_survey_criteria_of_the_set(self):
		self.survey.questions[0].criterion = f"{self.set_doc.name}-2.1"  # proportional, not survey
		self.survey.questions[1].respondent_group = "Khách"
		with self.assertRaises(frappe.ValidationError) as caught:
			self.survey.save()
		self.assertIn("Question 1", str(caught.exception))
		self.assertIn("Khách", str(caught.exception))
