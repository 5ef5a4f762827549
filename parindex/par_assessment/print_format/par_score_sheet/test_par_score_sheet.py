# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import re

import frappe

from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments

UNIT = "_Test Unit A"
# the small set: 1.2 not applicable; 0.5 (late) + 1 (85 %) + 2.4 (80 % of 3) + 0.75 (good) = 4.65 of 8
VALUES = {"1.1.1": "2031-01-05", "1.1.2": "85", "2.1": "80", "2.3": "Good"}


def text(html):
	return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class TestPARScoreSheet(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments((UNIT,))
		doc = frappe.get_doc("PAR Assessment", names[UNIT])
		for line in doc.lines:
			line.self_input = VALUES.get(line.code)
			line.not_applicable = int(line.code == "1.2")
		doc.save()
		self.doc = frappe.get_doc("PAR Assessment", doc.name)

	def render(self):
		return frappe.get_print("PAR Assessment", self.doc.name, print_format="PAR Score Sheet")

	def test_the_sheet_shows_header_fields_lines_and_totals(self):
		self.assertEqual((self.doc.final_total, self.doc.total_max, self.doc.index), (4.65, 8, 58.13))
		page = text(self.render())
		self.assertIn("PAR SCORE SHEET", page)
		for value in (UNIT, self.set_doc.name, "2031", "Draft"):
			self.assertIn(value, page)
		# results by field: code, title, max, points, sub-index
		self.assertIn("1 Direction of reform 3.00 1.50 50.00", page)
		self.assertIn("2 Impact 5.00 3.15 63.00", page)
		# every line, the not-applicable one marked, the survey one without self or appraised score
		self.assertIn("1.1.2 Plan completion 2.00 1.00 Not yet appraised 1.00", page)  # not a copy of 1.00
		self.assertIn("1.2 Reports on time 2.00 Not assessed", page)
		self.assertIn("2.2 Citizens&#39; satisfaction 2.00 — — 0.00", page)
		self.assertIn("Total points 4.65", page)
		self.assertIn("Index (%) 58.13", page)
		self.assertIn("Prepared by", page)
		self.assertIn("Head of unit", page)

	def test_appraised_scores_are_shown_where_given(self):
		frappe.db.set_value(
			"PAR Assessment Line",
			{"parent": self.doc.name, "code": "2.1"},
			{"appraised_input": "70", "appraised_score": 2.1, "final_score": 2.1, "appraised": 1},
		)
		frappe.db.set_value("PAR Assessment", self.doc.name, "unappraised_lines", 3)
		page = text(self.render())
		self.assertIn("2.1 Online applications 3.00 2.40 2.10 2.10", page)
		self.assertIn("Lines not yet appraised 3", page)
