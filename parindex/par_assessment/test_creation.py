# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Assessments created in bulk are the documents a save would write: consecutive names from the series,
the values left to the database's defaults as a save stores them, the kept line scores."""

import frappe

from parindex.bulk import bulk_insert
from parindex.par_assessment import lines
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, make_unit

UNITS = ("_Test Unit A", "_Test Unit B", "_Test Unit C")
COMPARED = ("self_total", "appraised_total", "final_total", "total_max", "index", "unappraised_lines")


class TestCreation(ParIndexTestCase):
	def test_bulk_created_assessments_are_what_a_save_writes(self):
		set_doc, names = active_set_with_assessments(UNITS, year=2048)
		numbers = sorted(int(name.rsplit("-", 1)[1]) for name in names.values())
		self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)))  # one series, no gaps
		for name in names.values():
			created = frappe.get_doc("PAR Assessment", name)
			kept = lines.decode_scores(created.line_scores)
			self.assertEqual([(n, row.code) for n, row in kept], [(line.name, line.code) for line in created.lines])
			saved = frappe.get_doc("PAR Assessment", name)
			saved.save()
			self.assertEqual(saved.line_scores, created.line_scores)
			self.assertEqual({k: saved.get(k) for k in COMPARED}, {k: created.get(k) for k in COMPARED})
			for before, after in zip(created.lines, saved.lines, strict=True):
				for column in ("max_score", "self_score", "final_score", "not_applicable", "self_input", "guidance"):
					self.assertEqual(before.get(column), after.get(column), (before.code, column))
		# an assessment made in the desk afterwards takes the next number
		from parindex.par_assessment.creation import insert_assessments

		make_unit("_Test Unit D")

		(later,) = insert_assessments(set_doc.name, ["_Test Unit D"])
		self.assertEqual(int(later.rsplit("-", 1)[1]), numbers[-1] + 1)

	def test_values_are_stored_as_given_whatever_text_they_hold(self):
		text = "Theo ifnull(x) 100% — 'trích dẫn' \\ \"kép\" ; , %s %(a)s"
		bulk_insert(
			"PAR Unit Group",
			[{"name": "_Test bulk group", "group_name": "_Test bulk group", "description": text}]
			if frappe.get_meta("PAR Unit Group").has_field("description")
			else [{"name": "_Test bulk group", "group_name": text}],
		)
		stored = frappe.db.get_value("PAR Unit Group", "_Test bulk group", ["group_name", "description"] if frappe.get_meta("PAR Unit Group").has_field("description") else ["group_name"])
		self.assertIn(text, stored if isinstance(stored, tuple | list) else (stored,))

	def test_overlapped_statements_report_their_error_and_leave_the_connection_usable(self):
		from pymysql.err import ProgrammingError

		from parindex.bulk import Overlapped

		make_unit("_Test Overlapped")
		with self.assertRaises(ProgrammingError):
			with Overlapped() as db:
				db.send("update `tabPAR Unit` set `population` = 7 where name = '_Test Overlapped'")
				db.send("update `tabNo Such Table` set x = 1")
		# the statement before the error took effect, the connection answers the next query
		self.assertEqual(frappe.db.get_value("PAR Unit", "_Test Overlapped", "population"), 7)
		self.assertEqual(frappe.db.sql("select 1")[0][0], 1)
