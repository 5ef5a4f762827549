# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.par_ranking.report.par_year_over_year.par_year_over_year import execute
from parindex.par_ranking.report.testing import (
	COUNCIL,
	UNIT_USER,
	UNITS,
	report_timer,
	ReportTestCase,
	add_bands,
	publish,
	set_results,
)
from parindex.tests.factories import active_set_with_assessments

A, B, _C, _D = UNITS


class TestPARYearOverYear(ReportTestCase):
	def setUp(self):
		super().setUp()
		self.set_2031, names_2031 = active_set_with_assessments((A, B), year=2031)
		self.set_2032, names_2032 = active_set_with_assessments((A, B), year=2032)
		add_bands(self.set_2031)
		add_bands(self.set_2032)
		self.names = {2031: names_2031, 2032: names_2032}
		set_results(names_2031[A], {"1": 90, "2": 84}, final_total=8.7, total_max=10, index=87)
		set_results(names_2031[B], {"1": 70, "2": 81}, final_total=7.55, total_max=10, index=75.5)
		set_results(names_2032[A], {"1": 60, "2": 80}, final_total=7, total_max=10, index=70)
		set_results(names_2032[B], {"1": 85, "2": 75}, final_total=8, total_max=10, index=80)
		publish(self.set_2031.name, "15/QĐ-UBND", "2032-01-20")
		# a change after the 2031 decision: the published rank stays
		set_results(names_2031[B], index=95)

	def run_report(self, unit=A):
		return execute(frappe._dict(unit=unit))

	def rows(self, data):
		return [
			(
				r["year"],
				r["criteria_set"],
				r["final_total"],
				r["total_max"],
				r["index"],
				r["rank"],
				r["classification"],
				r["source"],
				r["field_1"],
				r["field_2"],
			)
			for r in data
		]

	def test_one_row_per_year_with_rank_and_fields(self):
		with self.set_user(COUNCIL):
			columns, data, message, chart = self.run_report()
		self.assertEqual([c["fieldname"] for c in columns][-2:], ["field_1", "field_2"])
		self.assertEqual(columns[-1]["label"], "Field 2 (%)")
		self.assertEqual(
			self.rows(data),
			[
				(2031, self.set_2031.name, 8.7, 10, 87, 1, "Tốt", "Published", 90, 84),
				(2032, self.set_2032.name, 7, 10, 70, 2, "Khá", "Live", 60, 80),
			],
		)
		self.assertEqual([r["units_ranked"] for r in data], [2, 2])
		self.assertIsNone(message)
		self.assertEqual(chart["type"], "line")
		self.assertEqual(chart["data"]["labels"], ["2031", "2032"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [87, 70])

	def test_a_unit_sees_its_own_years_without_an_unpublished_rank(self):
		with self.set_user(UNIT_USER):
			_columns, data, message, _chart = self.run_report()
		self.assertEqual([(r["year"], r["rank"]) for r in data], [(2031, 1), (2032, None)])
		self.assertIn(self.set_2032.name, message)

	def test_a_unit_cannot_ask_for_another_unit(self):
		with self.set_user(UNIT_USER), report_timer() as timer:
			_columns, data, message, chart = self.run_report(B)
		self.assertEqual((data, chart), ([], None))
		self.assertIn("your own unit", message)
		timer.assert_not_called()  # run directly; through Frappe, a refusal that returns stops the timer

	def test_cancelled_assessments_are_left_out(self):
		frappe.db.set_value("PAR Assessment", self.names[2032][A], "docstatus", 2)
		_columns, data, _message, chart = self.run_report()
		self.assertEqual([r["year"] for r in data], [2031])
		self.assertEqual(chart["data"]["labels"], ["2031"])
