# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.par_ranking.report.par_field_breakdown.par_field_breakdown import execute
from parindex.par_ranking.report.testing import UNIT_USER, UNITS, ReportTestCase, publish, set_results
from parindex.tests.factories import active_set_with_assessments

A, B, C, D = UNITS
# total index, then the sub-index of field 1 and field 2
RESULTS = {A: (87, 90, 84), B: (75.5, 70, 81), C: (75.5, 75.5, 75.5), D: (45, 40, 50)}


class TestPARFieldBreakdown(ReportTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments(UNITS)
		for unit, (index, field_1, field_2) in RESULTS.items():
			set_results(names[unit], {"1": field_1, "2": field_2}, index=index)

	def run_report(self):
		return execute(frappe._dict(criteria_set=self.set_doc.name))

	def test_one_column_per_field_and_rows_by_index(self):
		columns, data, message, _chart = self.run_report()
		self.assertEqual(
			[(c["fieldname"], c["label"]) for c in columns],
			[
				("unit", "Unit"),
				("field_1", "1. Direction of reform (%)"),
				("field_2", "2. Impact (%)"),
				("index", "Index (%)"),
			],
		)
		self.assertEqual(
			[(r["unit"], r["field_1"], r["field_2"], r["index"]) for r in data],
			[(A, 90, 84, 87), (B, 70, 81, 75.5), (C, 75.5, 75.5, 75.5), (D, 40, 50, 45)],
		)
		self.assertIsNone(message)

	def test_chart_averages_each_field_half_up(self):
		_columns, _data, _message, chart = self.run_report()
		self.assertEqual(chart["type"], "bar")
		self.assertEqual(chart["data"]["labels"], ["1. Direction of reform", "2. Impact"])
		# (90 + 70 + 75.5 + 40) / 4 = 68.875; (84 + 81 + 75.5 + 50) / 4 = 72.625
		self.assertEqual(chart["data"]["datasets"][0]["values"], [68.88, 72.63])

	def test_a_unit_sees_only_itself_until_published(self):
		with self.set_user(UNIT_USER):
			_columns, data, message, chart = self.run_report()
		self.assertEqual([(r["unit"], r["field_1"], r["field_2"]) for r in data], [(A, 90, 84)])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [90, 84])
		self.assertIn("only your own unit", message)
		publish(self.set_doc.name)
		with self.set_user(UNIT_USER):
			_columns, data, message, _chart = self.run_report()
		self.assertEqual([r["unit"] for r in data], [A, B, C, D])
		self.assertIsNone(message)

	def test_cancelled_assessments_are_left_out(self):
		name = frappe.db.get_value("PAR Assessment", {"criteria_set": self.set_doc.name, "unit": D})
		frappe.db.set_value("PAR Assessment", name, "docstatus", 2)
		_columns, data, _message, chart = self.run_report()
		self.assertEqual([r["unit"] for r in data], [A, B, C])
		# (90 + 70 + 75.5) / 3 = 78.5; (84 + 81 + 75.5) / 3 = 80.1666…
		self.assertEqual(chart["data"]["datasets"][0]["values"], [78.5, 80.17])
