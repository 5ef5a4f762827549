# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.par_ranking.report.par_attention.par_attention import execute
from parindex.par_ranking.report.testing import (
	APPRAISER,
	COUNCIL,
	MANAGER,
	UNIT_HEAD,
	UNIT_USER,
	UNITS,
	ReportTestCase,
	refused_before_running,
	set_line,
)
from parindex.tests.factories import active_set_with_assessments

A, B, _C, _D = UNITS


class TestPARAttention(ReportTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments((A, B))
		set_line(names[A], "1.1.2", flag_codes="jump_from_last_year", flag_reasons="Claims 100 %", self_score=2)
		set_line(
			names[B],
			"1.1.1",
			flag_codes="full_without_evidence,outlier_in_group",
			flag_reasons="No evidence\nFar above",
			self_score=1,
		)
		set_line(names[B], "2.1", flag_codes="outlier_in_group", flag_reasons="Far above", self_score=3, appraised=1)

	def run_report(self, **filters):
		return execute(frappe._dict(criteria_set=self.set_doc.name, **filters))

	def test_most_flags_first_then_points_at_stake(self):
		_columns, data, _message, _chart = self.run_report(pending=0, mine=0)
		self.assertEqual(
			[(r["unit"], r["code"], r["flag_count"]) for r in data],
			[(B, "1.1.1", 2), (B, "2.1", 1), (A, "1.1.2", 1)],
		)
		self.assertEqual(data[0]["flags"], "No evidence; Far above")

	def test_filters(self):
		codes = lambda **f: [(r["unit"], r["code"]) for r in self.run_report(**f)[1]]  # noqa: E731
		self.assertEqual(codes(pending=1, mine=0), [(B, "1.1.1"), (A, "1.1.2")])  # B 2.1 is appraised
		self.assertEqual(codes(pending=0, mine=0, flag="outlier_in_group"), [(B, "1.1.1"), (B, "2.1")])
		self.assertEqual(codes(pending=0, mine=0, unit=A), [(A, "1.1.2")])
		_c, data, message, _chart = self.run_report(flag="x%' or 1=1 -- ")
		self.assertEqual(data, [])
		self.assertIn("Unknown flag", message)

	def test_overseers_only(self):
		for user in (MANAGER, APPRAISER, COUNCIL):
			with self.set_user(user):
				self.assertEqual(len(self.run_report(pending=0, mine=0)[1]), 3, user)
		refused_before_running(self, "PAR Attention", {"criteria_set": self.set_doc.name}, (UNIT_USER, UNIT_HEAD))
		for user in (UNIT_USER, UNIT_HEAD):
			with self.set_user(user):
				_c, data, message, _chart = self.run_report()
			self.assertEqual(data, [])
			self.assertIn("support team", message)
