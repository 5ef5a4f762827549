"""Paper survey forms entered in a workbook: one row per returned form, one column per question.

Layout (sheet "Responses"): Unit | Respondent group | 1 | 2 | … (question numbers), each cell the letter
ticked on the paper form. A question not asked of the row's group stays empty. :func:`read_paper_forms`
reports every problem with its row number and returns nothing partial.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, ScoringError
from parindex.workbooks.common import Column, Formula, cell_text, header_key, save_book, sheet_rows

FIXED = (
	Column("unit", "Unit", "Đơn vị", 40, required=True),
	Column("group", "Respondent group", "Nhóm đối tượng", 25, required=True),
)
SHEET = ("Responses", "Phiếu")


@dataclass(frozen=True)
class PaperForm:
	row: int
	unit: str
	group: str
	answers: dict[int, str]


def write_paper_template(
	questions: list[tuple[int, str, str]], answers: list[tuple[str, str]], lang: str = "en"
) -> bytes:
	"""A blank sheet for the survey's paper forms, and a sheet listing questions and answers."""
	book = Workbook()
	sheet = book.active
	sheet.title = SHEET[1] if lang == "vi" else SHEET[0]
	sheet.append([c.label(lang) for c in FIXED] + [number for number, _text, _group in questions])
	for cell in sheet[1]:
		cell.font = Font(bold=True)
	sheet.column_dimensions["A"].width = 40
	sheet.column_dimensions["B"].width = 25
	guide = book.create_sheet("Câu hỏi" if lang == "vi" else "Questions")
	for number, text, group in questions:
		guide.append([number, text, group])
	guide.append([])
	for letter, label in answers:
		guide.append([letter, label])
	guide.column_dimensions["B"].width = 90
	return save_book(book)


def read_paper_forms(
	content: bytes, asked: dict[str, set[int]], letters: set[str], units: set[str]
) -> list[PaperForm]:
	"""Rows of paper forms; ``asked`` maps each respondent group to the question numbers it answers."""
	rows = sheet_rows(content, SHEET)
	if not rows:
		raise ScoringError(Problem(M.WB_EMPTY))
	header = rows[0]
	fixed = {header_key(v, FIXED): i for i, v in enumerate(header) if header_key(v, FIXED)}
	missing = [f"{c.en} ({c.vi})" for c in FIXED if c.key not in fixed]
	if missing:
		raise ScoringError(Problem(M.WB_MISSING_COLUMNS, (", ".join(missing),)))
	question_at = {}
	for i, value in enumerate(header):
		text = cell_text(value)
		if text.isdigit():
			question_at[int(text)] = i
	forms, problems = [], []
	for number, values in enumerate(rows[1:], start=2):
		formulas = [
			Problem(
				M.WB_FORMULA,
				(cell_text(header[i]) if i < len(header) else "", get_column_letter(i + 1)),
				row=number,
			)
			for i, value in enumerate(values)
			if isinstance(value, Formula)
		]
		if formulas:
			problems += formulas
			continue
		cells = [cell_text(v) for v in values]
		if not any(cells):
			continue
		unit, group = cells[fixed["unit"]], cells[fixed["group"]]
		answers = {q: cells[i].upper() for q, i in question_at.items() if i < len(cells) and cells[i]}
		row_problems = []
		if unit not in units:
			row_problems.append(Problem(M.SURVEY_UNIT_OUTSIDE_GROUP, (unit, ""), row=number))
		if group not in asked:
			row_problems.append(Problem(M.SURVEY_UNKNOWN_GROUP, (unit, group), row=number))
		else:
			for question in sorted(asked[group]):
				if question not in answers:
					row_problems.append(Problem(M.ANSWER_MISSING, (question,), row=number))
				elif answers[question] not in letters:
					args = (question, answers[question], ", ".join(sorted(letters)))
					row_problems.append(Problem(M.ANSWER_INVALID, args, row=number))
			for question in sorted(set(answers) - asked[group]):
				row_problems.append(Problem(M.ANSWER_NOT_ASKED, (question, group), row=number))
		problems += row_problems
		if not row_problems:
			forms.append(PaperForm(number, unit, group, answers))
	if problems:
		raise ScoringError(problems)
	if not forms:
		raise ScoringError(Problem(M.WB_EMPTY))
	return forms
