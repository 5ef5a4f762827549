# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.par_index.criteria import criterion_name
from parindex.par_ranking.report.par_survey_summary.par_survey_summary import execute
from parindex.par_ranking.report.testing import (
	APPRAISER,
	COUNCIL,
	UNIT_HEAD,
	UNIT_USER,
	UNITS,
	refused_before_running,
	ReportTestCase,
)
from parindex.tests import factories
from parindex.tests.factories import active_set_with_assessments

A, B, _C, _D = UNITS
OFFICIALS, CITIZENS = "Cán bộ", "Người dân"


def make_survey(set_doc):
	"""The shared test survey with the questions and targets these figures are computed from."""
	survey_criterion = criterion_name(set_doc.name, "2.2")
	return factories.make_survey(
		set_doc,
		title="_Test report survey",
		respondent_groups=[{"group_name": OFFICIALS}, {"group_name": CITIZENS}],
		questions=[
			{"number": 1, "question": "Chỉ đạo của lãnh đạo?", "respondent_group": OFFICIALS, "criterion": survey_criterion},
			{"number": 2, "question": "Thái độ của công chức?", "respondent_group": CITIZENS, "criterion": survey_criterion},
		],
		targets=[
			{"respondent_group": OFFICIALS, "target": 2},
			{"respondent_group": CITIZENS, "target": 3},
			{"unit": A, "respondent_group": CITIZENS, "target": 4},
		],
	)


def respond(survey, unit, group, number, answer):
	frappe.get_doc(
		{
			"doctype": "PAR Survey Response",
			"survey": survey,
			"unit": unit,
			"respondent_group": group,
			"channel": "Paper",
			"answers": [{"question_no": number, "answer": answer}],
		}
	).insert()


class TestPARSurveySummary(ReportTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, _names = active_set_with_assessments((A, B))
		self.survey = make_survey(self.set_doc).name
		for answer in ("A", "B"):
			respond(self.survey, A, OFFICIALS, 1, answer)
		respond(self.survey, A, CITIZENS, 2, "C")
		for answer in ("A", "A", "D"):
			respond(self.survey, B, CITIZENS, 2, answer)

	def run_report(self, view):
		return execute(frappe._dict(survey=self.survey, view=view))

	def test_responses_against_targets_per_unit_and_group(self):
		columns, data, message, chart = self.run_report("By unit and group")
		self.assertEqual(
			[c["fieldname"] for c in columns], ["unit", "respondent_group", "received", "target", "percent"]
		)
		rows = {(r["unit"], r["respondent_group"]): (r["received"], r["target"], r["percent"]) for r in data}
		self.assertEqual(rows[(A, OFFICIALS)], (2, 2, 100))
		self.assertEqual(rows[(A, CITIZENS)], (1, 4, 25))  # the unit's own target
		self.assertEqual(rows[(B, OFFICIALS)], (0, 2, 0))
		self.assertEqual(rows[(B, CITIZENS)], (3, 3, 100))
		self.assertIn(A, chart["data"]["labels"])
		position = chart["data"]["labels"].index(A)
		self.assertEqual(
			[dataset["values"][position] for dataset in chart["data"]["datasets"]], [3, 6]
		)  # received, target
		self.assertIn("responses received", message)

	def test_answers_per_question_with_average_weight(self):
		columns, data, _message, chart = self.run_report("By question")
		self.assertEqual(
			[c["fieldname"] for c in columns],
			[
				"number",
				"question",
				"respondent_group",
				"criterion",
				"responses",
				"average_weight",
				"answer_a",
				"answer_b",
				"answer_c",
				"answer_d",
			],
		)
		self.assertEqual(columns[6]["label"], "A: Rất hài lòng")
		self.assertEqual(
			[
				(
					r["number"],
					r["respondent_group"],
					r["criterion"],
					r["responses"],
					r["average_weight"],
					r["answer_a"],
					r["answer_b"],
					r["answer_c"],
					r["answer_d"],
				)
				for r in data
			],
			[
				(1, OFFICIALS, "2.2", 2, 80, 1, 1, 0, 0),  # (100 + 60) / 2
				(2, CITIZENS, "2.2", 4, 55, 2, 0, 1, 1),  # (2 × 100 + 20 + 0) / 4
			],
		)
		self.assertEqual(chart["data"]["labels"], ["Question 1", "Question 2"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [80, 55])

	def test_a_question_nobody_answered_has_no_average(self):
		for name in frappe.get_all(
			"PAR Survey Response", {"survey": self.survey, "respondent_group": OFFICIALS}, pluck="name"
		):
			frappe.delete_doc("PAR Survey Response", name)  # the counts follow the deletion
		_columns, data, _message, _chart = self.run_report("By question")
		self.assertEqual((data[0]["responses"], data[0]["average_weight"]), (0, None))

	def test_support_team_and_council_may_read_it_units_may_not(self):
		for user in (APPRAISER, COUNCIL):
			with self.set_user(user):
				_columns, data, _message, _chart = self.run_report("By unit and group")
			self.assertTrue(data, user)
		refused_before_running(self, "PAR Survey Summary", {"survey": self.survey}, (UNIT_USER, UNIT_HEAD))
		for user in (UNIT_USER, UNIT_HEAD):  # run directly: the refusal is the message, not an error
			with self.set_user(user):
				_columns, data, message, _chart = self.run_report("By question")
			self.assertEqual(data, [])
			self.assertIn("support team", message)
