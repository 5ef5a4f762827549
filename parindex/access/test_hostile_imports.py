# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Hostile workbooks: formulas, junk, thousands of bad rows, someone else's file. Each refused with
its row and column where it has one, a capped list of problems, and nothing written."""

import io

import frappe
from openpyxl import Workbook, load_workbook

from parindex.access.hostile import APPRAISER, HTML, MANAGER, UNIT_A, UNIT_B, UNIT_USER, HostileCase
from parindex.access.testing import as_user, call
from parindex.par_index.criteria import LISTED_PROBLEMS
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import (
	active_set_with_assessments,
	attach_evidence,
	make_criteria_set,
	make_survey,
	make_unit,
	make_user,
	small_workbook,
)
from parindex.workbooks.assessment import write_assessment

def attach(doctype: str, name: str, content: bytes, file_name: str = "book.xlsx") -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": content,
			}
		)
		.insert()
		.file_url
	)


def book(rows: list[list], title: str | None = None) -> bytes:
	workbook = Workbook()
	sheet = workbook.active
	if title:
		sheet.title = title
	for row in rows:
		sheet.append(row)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def with_cell(content: bytes, row: int, column: int, value) -> bytes:
	workbook = load_workbook(io.BytesIO(content))
	workbook.active.cell(row=row, column=column, value=value)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


class TestHostileWorkbooks(HostileCase):
	def setUp(self):
		super().setUp()
		self.draft = make_criteria_set(year=2033)

	def import_criteria(self, content: bytes, user=MANAGER, criteria_set=None):
		criteria_set = criteria_set or self.draft.name
		url = attach("PAR Criteria Set", criteria_set, content)
		return as_user(
			user, "parindex.par_index.criteria_io.import_criteria", criteria_set=criteria_set, file_url=url
		)

	def test_criteria_workbook_with_a_formula(self):
		text = self.refused(self.import_criteria(with_cell(small_workbook(), 3, 3, "=1+1")))
		self.assertIn("C", text)  # the column
		self.assertIn("3", text)  # the row
		text = self.refused(self.import_criteria(with_cell(small_workbook(), 4, 2, '=HYPERLINK("http://x","y")')))
		self.assertIn("B", text)

	def test_criteria_workbook_of_ten_thousand_bad_rows(self):
		rows = [["Code", "Title", "Max score", "Rule kind", "Parameters"]]
		rows += [[f"{n}.x.y", HTML, "lots", "Guess", "?"] for n in range(1, 10_001)]
		text = self.refused(self.import_criteria(book(rows)), payload=HTML, longest=100_000)
		self.assertIn("…", text)  # "… and N more problems"

	def test_criteria_workbook_problem_list_is_capped(self):
		from parindex.access.hostile import messages_of

		rows = [["Code", "Title", "Max score", "Rule kind", "Parameters"]]
		rows += [[f"{n}", "t", "x", "Manual", ""] for n in range(1, 2_001)]
		url = attach("PAR Criteria Set", self.draft.name, book(rows))
		method = "parindex.par_index.criteria_io.import_criteria"
		with self.assertRaises(frappe.ValidationError):
			as_user(MANAGER, method, criteria_set=self.draft.name, file_url=url)()
		frappe.set_user("Administrator")
		shown = frappe.local.message_log[-1]
		listed = shown.get("message") if isinstance(shown, dict) else shown
		listed = frappe.parse_json(listed) if isinstance(listed, str) else listed
		self.assertEqual(len(listed), LISTED_PROBLEMS + 1)
		self.assertIn("…", listed[-1])
		frappe.clear_messages()
		type(self).cases += 1

	def test_files_that_are_not_workbooks(self):
		for content in (b"", b"PK\x03\x04garbage", b"%PDF-1.4", HTML.encode(), b"\x00" * 1000):
			self.refused(self.import_criteria(content), payload=HTML)

	def test_criteria_workbook_with_html_cells(self):
		rows = [["Code", "Title", "Max score"], [HTML, HTML, HTML]]
		self.refused(self.import_criteria(book(rows)), payload=HTML)

	def test_criteria_import_by_the_wrong_people_or_into_a_locked_set(self):
		self.refused(self.import_criteria(small_workbook(), user=UNIT_USER), status=403)
		self.refused(self.import_criteria(small_workbook(), user=APPRAISER), status=403)
		set_doc, _names = active_set_with_assessments((UNIT_A,), year=2034)
		self.refused(self.import_criteria(small_workbook(), criteria_set=set_doc.name))

	def test_criteria_import_from_someone_elses_file(self):
		set_doc, names = active_set_with_assessments((UNIT_A, UNIT_B), year=2035)
		evidence = attach_evidence(names[UNIT_B], "1.1.1")
		method = "parindex.par_assessment.assessment_io.import_assessment"
		self.refused(as_user(UNIT_USER, method, assessment=names[UNIT_A], file_url=evidence), status=403)
		missing = "/private/files/does-not-exist.xlsx"
		self.refused(as_user(UNIT_USER, method, assessment=names[UNIT_A], file_url=missing))

	def assessment_book(self, assessment: str) -> bytes:
		doc = frappe.get_doc("PAR Assessment", assessment)
		return write_assessment("x", [line.as_dict() for line in doc.lines], "vi")

	def import_assessment(self, assessment: str, content: bytes, user=UNIT_USER):
		url = attach("PAR Assessment", assessment, content)
		return as_user(
			user, "parindex.par_assessment.assessment_io.import_assessment", assessment=assessment, file_url=url
		)

	def test_assessment_workbooks(self):
		_set_doc, names = active_set_with_assessments((UNIT_A, UNIT_B), year=2036)
		mine, theirs = names[UNIT_A], names[UNIT_B]
		good = self.assessment_book(mine)
		text = self.refused(self.import_assessment(mine, with_cell(good, 3, 6, "=2*3")))
		self.assertIn("F", text)
		self.refused(self.import_assessment(mine, with_cell(good, 3, 7, "perhaps")))  # not yes / no
		self.refused(self.import_assessment(mine, with_cell(good, 3, 1, "9.9.9")))  # unknown code
		self.refused(self.import_assessment(mine, with_cell(good, 3, 6, HTML)), payload=HTML)
		self.refused(self.import_assessment(mine, b"not a workbook"))
		self.refused(self.import_assessment(theirs, self.assessment_book(theirs)), status=403)

	def test_paper_forms(self):
		set_doc, _names = active_set_with_assessments((UNIT_A,), year=2037)
		survey = make_survey(set_doc)
		header = ["Đơn vị", "Nhóm đối tượng", 1, 2]

		def paper(rows, user=MANAGER):
			url = attach("PAR Survey", survey.name, book([header, *rows], "Phiếu"))
			return as_user(user, "parindex.par_survey.paper.import_paper_forms", survey=survey.name, file_url=url)

		text = self.refused(paper([[UNIT_A, "Người dân", "=CHAR(65)", "A"]]))
		self.assertIn("C", text)
		self.refused(paper([[HTML, "Người dân", "A", "A"]]), payload=HTML)
		self.refused(paper([[UNIT_A, "Người dân", "Q", "A"]] * 5_000), longest=100_000)
		self.refused(paper([[UNIT_A, "Người dân", "A", "A"]], user=APPRAISER), status=403)
		self.refused(paper([[UNIT_A, "Người dân", "A", "A"]], user=UNIT_USER), status=403)


class TestExportedWorkbooksKeepFormulasAsText(ParIndexTestCase):
	def test_a_units_text_that_looks_like_a_formula_stays_text(self):
		from parindex.workbooks.assessment import write_assessment

		hostile = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
		lines = [{"code": f"1.{n}", "self_note": text} for n, text in enumerate(hostile, 1)]
		sheet = load_workbook(io.BytesIO(write_assessment("t", lines, "en"))).active
		cells = [cell for row in sheet.iter_rows(min_row=3) for cell in row if cell.value in hostile]
		self.assertEqual(len(cells), len(hostile))
		for cell in cells:
			self.assertEqual(cell.data_type, "s", cell.value)
			self.assertTrue(cell.quotePrefix, cell.value)
