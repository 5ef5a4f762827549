# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.par_ranking.report.par_appraisal_gap.par_appraisal_gap import execute
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
	set_results,
)
from parindex.tests.factories import active_set_with_assessments

A, B, C, D = UNITS


class TestPARAppraisalGapByUnit(ReportTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments(UNITS)
		for unit, (own, appraised) in {A: (8, 7.2), B: (6, 6), C: (5.4, 4.5), D: (0, 0)}.items():
			set_line(names[unit], "2.1", self_score=own, final_score=appraised, appraised=1)
		# a line not yet appraised is left out of the gap, and counted
		set_line(names[A], "1.1.2", self_score=2, final_score=2, appraised=0)
		set_results(names[A], unappraised_lines=1)

	def run_report(self, view="By unit"):
		return execute(frappe._dict(criteria_set=self.set_doc.name, view=view))

	def test_gap_per_unit_biggest_first(self):
		columns, data, _message, chart = self.run_report()
		self.assertEqual(
			[c["fieldname"] for c in columns],
			["unit", "self_total", "appraised_total", "gap", "gap_percent", "unappraised_lines"],
		)
		self.assertEqual(
			[
				(r["unit"], r["self_total"], r["appraised_total"], r["gap"], r["gap_percent"], r["unappraised_lines"])
				for r in data
			],
			[
				(C, 5.4, 4.5, 0.9, 16.67, 5),  # 0.9 / 5.4; no line appraised by the workflow yet
				(A, 8, 7.2, 0.8, 10, 1),
				(B, 6, 6, 0, 0, 5),
				(D, 0, 0, 0, None, 5),  # nothing claimed: no percentage
			],
		)
		self.assertEqual(chart["data"]["labels"], [C, A])  # only units whose score was cut
		self.assertEqual(chart["data"]["datasets"][0]["values"], [0.9, 0.8])

	def test_managers_appraisers_and_council_may_run_it(self):
		for user in (MANAGER, APPRAISER, COUNCIL):
			with self.set_user(user):
				_columns, data, _message, _chart = self.run_report()
			self.assertEqual(len(data), 4, user)

	def test_units_are_refused_before_the_report_runs(self):
		filters = {"criteria_set": self.set_doc.name, "view": "By unit"}
		refused_before_running(self, "PAR Appraisal Gap", filters, (UNIT_USER, UNIT_HEAD))

	def test_run_directly_a_unit_gets_the_refusal_as_the_message_not_an_error(self):
		for user in (UNIT_USER, UNIT_HEAD):
			with self.set_user(user):
				_columns, data, message, chart = self.run_report()
			self.assertEqual((data, chart), ([], None))
			self.assertIn("support team", message)


class TestPARAppraisalGapByCriterion(ReportTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments((A, B))
		lines = {
			# code: (self, final) of A, then of B; None: not applicable
			"1.1.1": ((1, 0.5), (1, 1)),
			"1.1.2": ((2, 1), (1, 1)),
			"1.2": (None, (2, 0.5)),
			"2.1": ((2.4, 2.4), (3, 2.1)),
			"2.3": ((0.75, 0.75), (0, 0)),
		}
		for code, scores in lines.items():
			for unit, pair in zip((A, B), scores, strict=True):
				if pair is None:
					set_line(names[unit], code, not_applicable=1, self_score=1, final_score=0, appraised=1)
				else:
					set_line(names[unit], code, self_score=pair[0], final_score=pair[1], appraised=1)
		set_line(names[A], "2.2", survey_score=1.5, final_score=1.5)  # survey lines are left out

	def test_gap_per_criterion_biggest_first(self):
		columns, data, _message, chart = execute(
			frappe._dict(criteria_set=self.set_doc.name, view="By criterion")
		)
		self.assertEqual(
			[c["fieldname"] for c in columns],
			[
				"code",
				"title",
				"max_score",
				"average_self",
				"average_final",
				"average_gap",
				"units_changed",
			],
		)
		self.assertEqual(
			[
				(
					r["code"],
					r["max_score"],
					r["average_self"],
					r["average_final"],
					r["average_gap"],
					r["units_changed"],
				)
				for r in data
			],
			[
				("1.2", 2, 2, 0.5, 1.5, 1),  # A's line is not applicable: B alone
				("1.1.2", 2, 1.5, 1, 0.5, 1),
				("2.1", 3, 2.7, 2.25, 0.45, 1),
				("1.1.1", 1, 1, 0.75, 0.25, 1),
				("2.3", 1, 0.38, 0.38, 0, 0),  # 0.375 shown half-up
			],
		)
		self.assertEqual(data[0]["title"], "Reports on time")
		self.assertEqual(chart["data"]["labels"], ["1.2", "1.1.2", "2.1", "1.1.1"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1.5, 0.5, 0.45, 0.25])


class TestPARAppraisalGapHitRate(ReportTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments((A, B))
		# (flags, self, final, appraised) by unit and code
		lines = {
			(A, "1.1.1"): ("full_without_evidence", 1, 0.5, 1),
			(A, "1.1.2"): ("jump_from_last_year,outlier_in_group", 2, 1, 1),
			(A, "1.2"): ("", 2, 2, 1),
			(A, "2.1"): ("jump_from_last_year", 3, 3, 1),
			(B, "1.1.1"): ("", 1, 1, 1),
			(B, "1.1.2"): ("", 2, 1.5, 1),
			(B, "1.2"): ("full_without_evidence", 2, 2, 0),  # not appraised yet: left out
			(B, "2.1"): ("", 3, 3, 1),
		}
		for (unit, code), (flags, own, final, appraised) in lines.items():
			set_line(names[unit], code, flag_codes=flags, self_score=own, final_score=final, appraised=appraised)

	def test_flagged_lines_against_unflagged_ones(self):
		columns, data, _message, chart = execute(
			frappe._dict(criteria_set=self.set_doc.name, view="Flags' hit rate")
		)
		self.assertEqual(
			[c["fieldname"] for c in columns], ["flag", "lines", "corrected", "rate", "points_removed"]
		)
		got = {r["flag"]: (r["lines"], r["corrected"], r["rate"], r["points_removed"]) for r in data}
		self.assertEqual(got["Full marks without evidence"], (1, 1, 100, 0.5))
		self.assertEqual(got["Jump from last year"], (2, 1, 50, 1))
		self.assertEqual(got["Far above the unit group"], (1, 1, 100, 1))
		self.assertEqual(got["Any flag"], (3, 2, 66.7, 1.5))
		self.assertEqual(got["No flag"], (4, 1, 25, 0.5))  # A 1.2, B 1.1.1, B 1.1.2, B 2.1
		self.assertEqual(got["On time, evidence dated later"], (0, 0, None, 0))
