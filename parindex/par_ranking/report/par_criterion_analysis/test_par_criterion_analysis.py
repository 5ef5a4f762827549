# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.par_ranking.report.par_criterion_analysis.par_criterion_analysis import execute
from parindex.par_ranking.report.testing import UNIT_USER, UNITS, ReportTestCase, publish, set_line
from parindex.tests.factories import active_set_with_assessments

A, B, C, _D = UNITS
# final scores of A, B and C; None: not applicable
FINAL = {
	"1.1.1": (1, 0.5, 0),  # max 1
	"1.1.2": (2, 1, 2),  # max 2
	"1.2": (None, 2, 1),  # max 2
	"2.1": (2.4, 2.1, 0.9),  # max 3
	"2.2": (1.5, 1, 0.5),  # max 2, survey
	"2.3": (0.75, 0, 0.5),  # max 1, bonus
}


class TestPARCriterionAnalysis(ReportTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments((A, B, C))
		for code, scores in FINAL.items():
			for unit, score in zip((A, B, C), scores, strict=True):
				if score is None:
					set_line(names[unit], code, not_applicable=1, final_score=0)
				else:
					set_line(names[unit], code, final_score=score)

	def run_report(self):
		return execute(frappe._dict(criteria_set=self.set_doc.name))

	def test_weakest_criteria_first(self):
		columns, data, message, _chart = self.run_report()
		self.assertEqual(
			[c["fieldname"] for c in columns],
			["code", "title", "max_score", "units", "average_score", "average_percent", "lowest", "highest"],
		)
		self.assertEqual(
			[
				(
					r["code"],
					r["max_score"],
					r["units"],
					r["average_score"],
					r["average_percent"],
					r["lowest"],
					r["highest"],
				)
				for r in data
			],
			[
				("2.3", 1, 3, 0.42, 41.67, 0, 0.75),
				("1.1.1", 1, 3, 0.5, 50, 0, 1),  # ties at 50 % in code order
				("2.2", 2, 3, 1, 50, 0.5, 1.5),
				("2.1", 3, 3, 1.8, 60, 0.9, 2.4),
				("1.2", 2, 2, 1.5, 75, 1, 2),  # A's line is not applicable
				("1.1.2", 2, 3, 1.67, 83.33, 1, 2),
			],
		)
		self.assertEqual(data[0]["title"], "Innovation")
		self.assertIsNone(message)

	def test_chart_shows_the_ten_weakest(self):
		_columns, _data, _message, chart = self.run_report()
		self.assertEqual(chart["type"], "bar")
		self.assertEqual(chart["data"]["labels"], ["2.3", "1.1.1", "2.2", "2.1", "1.2", "1.1.2"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [41.67, 50, 50, 60, 75, 83.33])

	def test_cancelled_assessments_are_left_out(self):
		name = frappe.db.get_value("PAR Assessment", {"criteria_set": self.set_doc.name, "unit": C})
		frappe.db.set_value("PAR Assessment", name, "docstatus", 2)
		_columns, data, _message, _chart = self.run_report()
		by_code = {r["code"]: r for r in data}
		self.assertEqual((by_code["2.1"]["units"], by_code["2.1"]["average_score"]), (2, 2.25))
		self.assertEqual((by_code["1.2"]["units"], by_code["1.2"]["average_percent"]), (1, 100))

	def test_a_unit_analyses_only_itself_until_published(self):
		with self.set_user(UNIT_USER):
			_columns, data, message, _chart = self.run_report()
		self.assertEqual(
			[(r["code"], r["units"], r["average_percent"]) for r in data],
			[("2.2", 1, 75), ("2.3", 1, 75), ("2.1", 1, 80), ("1.1.1", 1, 100), ("1.1.2", 1, 100)],
		)
		self.assertIn("only your own unit", message)
		publish(self.set_doc.name)
		with self.set_user(UNIT_USER):
			_columns, data, _message, _chart = self.run_report()
		self.assertEqual(data[0]["units"], 3)
