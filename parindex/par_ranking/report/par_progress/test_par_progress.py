# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from frappe.utils import add_days, getdate, today

from parindex.par_ranking.report.par_progress.par_progress import execute
from parindex.par_ranking.report.testing import APPRAISER, UNIT_USER, UNITS, ReportTestCase, set_results
from parindex.tests.factories import active_set_with_assessments, make_unit

A, B, C, D = UNITS
E = "_Test Unit E"


class TestPARProgress(ReportTestCase):
	def setUp(self):
		super().setUp()
		make_unit(E)
		self.set_doc, self.names = active_set_with_assessments((*UNITS, E))
		yesterday, tomorrow = add_days(today(), -1), add_days(today(), 1)
		states = {
			A: ("Draft", 0, yesterday, tomorrow),  # the unit is late
			B: ("Submitted", 0, yesterday, yesterday),  # the appraisers are late
			C: ("Explanation Requested", 0, yesterday, tomorrow),  # back with the unit, late
			D: ("Approved", 1, yesterday, yesterday),  # done: nobody is late
			E: ("Approved", 2, yesterday, yesterday),  # cancelled: left out
		}
		for unit, (state, docstatus, own, appraisal) in states.items():
			set_results(
				self.names[unit],
				workflow_state=state,
				docstatus=docstatus,
				self_assessment_deadline=own,
				appraisal_deadline=appraisal,
			)

	def run_report(self):
		return execute(frappe._dict(criteria_set=self.set_doc.name))

	def test_state_deadlines_and_overdue_flags(self):
		columns, data, _message, _chart, summary = self.run_report()
		self.assertEqual(
			[c["fieldname"] for c in columns],
			[
				"unit",
				"assessment",
				"workflow_state",
				"self_assessment_deadline",
				"appraisal_deadline",
				"submitted",
				"appraised",
				"overdue",
			],
		)
		self.assertEqual(
			[(r["unit"], r["workflow_state"], r["submitted"], r["appraised"], r["overdue"]) for r in data],
			[
				(A, "Draft", 0, 0, "Self-assessment overdue"),
				(B, "Submitted", 1, 0, "Appraisal overdue"),
				(C, "Explanation Requested", 1, 0, "Self-assessment overdue"),
				(D, "Approved", 1, 1, ""),
			],
		)
		self.assertEqual(data[0]["assessment"], self.names[A])
		self.assertEqual(getdate(data[0]["self_assessment_deadline"]), getdate(add_days(today(), -1)))
		self.assertEqual([s["value"] for s in summary], [4, 3, 1, 3])

	def test_nobody_is_overdue_on_the_deadline_itself(self):
		for name in self.names.values():
			set_results(name, self_assessment_deadline=today(), appraisal_deadline=today())
		_columns, data, _message, _chart, _summary = self.run_report()
		self.assertEqual([r["overdue"] for r in data], ["", "", "", ""])

	def test_chart_counts_assessments_by_state(self):
		_columns, _data, _message, chart, _summary = self.run_report()
		self.assertEqual(chart["type"], "donut")
		self.assertEqual(chart["data"]["labels"], ["Draft", "Submitted", "Explanation Requested", "Approved"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1, 1, 1, 1])
		self.assertEqual(len(chart["colors"]), 4)

	def test_a_unit_sees_only_its_own_assessment(self):
		with self.set_user(UNIT_USER):
			_columns, data, _message, chart, _summary = self.run_report()
		self.assertEqual([r["unit"] for r in data], [A])
		self.assertEqual(chart["data"]["labels"], ["Draft"])
		with self.set_user(APPRAISER):
			_columns, data, _message, _chart, _summary = self.run_report()
		self.assertEqual(len(data), 4)

	def test_workspace_cards_and_chart_count_the_same_states(self):
		from parindex.par_ranking import dashboard

		year = {"year": self.set_doc.year}
		self.assertEqual(dashboard.assessments_submitted(year)["value"], 1)
		self.assertEqual(dashboard.awaiting_appraisal(year)["value"], 1)  # B; C is back with the unit
		set_results(self.names[C], workflow_state="Explained")
		self.assertEqual(dashboard.awaiting_appraisal(year)["value"], 2)
		self.assertEqual(dashboard.approved_assessments(year)["value"], 1)  # D; E is cancelled
		chart = dashboard.state_chart(year)
		counts = dict(zip(chart["labels"], chart["datasets"][0]["values"], strict=True))
		self.assertEqual(counts.get("Approved"), 1)
		self.assertEqual(sum(counts.values()), len(self.names) - 1)  # all but the cancelled one
