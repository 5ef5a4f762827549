"""The criteria workbook: one row per node of a criteria set, the hierarchy read from the code.

Layout (sheet "Criteria"; the header row may be in English or Vietnamese):

=====================  ==================================  ==================================================
column                 Vietnamese header                   content
=====================  ==================================  ==================================================
Code                   Mã                                  1, 1.2, 1.2.3 — formatted as text, so 1.10 stays 1.10
Title                  Tên tiêu chí                        the node's title
Max score              Điểm tối đa                         the maximum points
Rule kind              Cách chấm                           empty for a node with sub-criteria; else a kind
Parameters             Tham số                             the rule's parameters, see parindex.scoring.rule_text
Evidence required      Yêu cầu tài liệu kiểm chứng         x / yes / có, or empty
Not applicable allowed Cho phép không đánh giá             x / yes / có, or empty
Cap                    Giới hạn trần                       x when the maximum caps the sub-criteria's sum
Bonus                  Điểm thưởng                         x when the node's points are extra
Guidance               Hướng dẫn chấm                      how to score, shown to units where they type
=====================  ==================================  ==================================================

:func:`read_criteria` reports every problem at once with its row number and returns nothing partial;
:func:`write_criteria` writes the same layout, so reading what it wrote gives the same rows.
No Frappe here: the app calls these with the file's bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, ScoringError
from parindex.scoring.numbers import ZERO, to_decimal
from parindex.scoring.rule_text import format_rule, parse_rule
from parindex.scoring.rules import KIND_LABELS_VI, RuleKind, RuleSpec, parse_yes_no
from parindex.scoring.tree import CriteriaTree, Node, code_sort_key, parent_code
from parindex.workbooks.common import Column, cell_text, formula_problems, header_key, save_book, sheet_rows

COLUMNS = (
	Column("code", "Code", "Mã", 10, True),
	Column("title", "Title", "Tên tiêu chí", 60, True),
	Column("max_score", "Max score", "Điểm tối đa", 12, True),
	Column("rule_kind", "Rule kind", "Cách chấm", 16),
	Column("parameters", "Parameters", "Tham số", 40),
	Column("evidence_required", "Evidence required", "Yêu cầu tài liệu kiểm chứng", 14),
	Column("not_applicable_allowed", "Not applicable allowed", "Cho phép không đánh giá", 14),
	Column("is_cap", "Cap", "Giới hạn trần", 10),
	Column("is_bonus", "Bonus", "Điểm thưởng", 10),
	Column("guidance", "Guidance", "Hướng dẫn chấm", 60),
)
FLAG_COLUMNS = ("evidence_required", "not_applicable_allowed", "is_cap", "is_bonus")
SHEET_NAMES = ("Criteria", "Tiêu chí")


@dataclass
class CriterionRow:
	"""One node of a criteria set as it stands in the workbook (and in the PAR Criterion form)."""

	code: str
	title: str
	max_score: Decimal
	spec: RuleSpec | None = None
	evidence_required: bool = False
	not_applicable_allowed: bool = False
	is_cap: bool = False
	is_bonus: bool = False
	guidance: str = ""
	row: int | None = field(default=None, compare=False)

	def to_node(self) -> Node:
		return Node(
			code=self.code,
			title=self.title,
			max_score=self.max_score,
			rule=self.spec.build() if self.spec else None,
			is_cap=self.is_cap,
			is_bonus=self.is_bonus,
			not_applicable_allowed=self.not_applicable_allowed,
			evidence_required=self.evidence_required,
			guidance=self.guidance,
		)


def check_rows(rows: list[CriterionRow]) -> tuple[CriteriaTree | None, list[Problem]]:
	"""Check rows as a whole criteria tree; problems carry the row of the code at fault."""
	row_of = {r.code: r.row for r in rows}
	tree, problems = CriteriaTree.check([r.to_node() for r in rows])
	return tree, [replace(p, row=row_of.get(p.code)) if p.code else p for p in problems]


def read_criteria(content: bytes) -> list[CriterionRow]:
	"""Read a criteria workbook; raise :class:`ScoringError` listing every problem, with row numbers."""
	rows = sheet_rows(content, SHEET_NAMES)
	header_at, columns, lang = _find_header(rows)
	if header_at is None:
		raise ScoringError(Problem(M.WB_NO_SHEET))
	missing = [_column_label(c.key, lang) for c in COLUMNS if c.required and c.key not in columns.values()]
	if missing:
		raise ScoringError(Problem(M.WB_MISSING_COLUMNS, (", ".join(missing),)))
	result, problems = [], []
	index_of = {key: i for i, key in columns.items()}
	for number, values in enumerate(rows[header_at + 1 :], start=header_at + 2):
		cells = {key: values[i] for i, key in columns.items() if i < len(values)}
		if all(cell_text(v) == "" for v in cells.values()):
			continue
		labels = {key: _column_label(key, lang) for key in cells}
		formulas = formula_problems(cells, index_of, labels, cell_text(cells.get("code")) or None, number)
		if formulas:
			problems += formulas
			continue
		row, row_problems = _read_row(number, cells, lang)
		problems += row_problems
		if row is not None:
			result.append(row)
	if not result and not problems:
		problems.append(Problem(M.WB_EMPTY))
	elif result:
		problems += [p for p in check_rows(result)[1] if not _caused_by_broken_cells(p, problems)]
	if problems:
		raise ScoringError(sorted(problems, key=lambda p: p.row or 0))
	return result


#: tree problems that follow from a cell that could not be read, by the kind of cell
_MAX_CELL = {M.WB_BAD_NUMBER, M.WB_MISSING_VALUE, M.WB_BAD_FLAG}
_SUM_PROBLEMS = {M.MAX_NOT_SUM, M.CAP_ABOVE_SUM, M.RULE_BELOW_MAX, M.POINTS_OUT_OF_RANGE}
_KEPT_FOR_BROKEN_RULE = {M.BAD_CODE, M.DUPLICATE_CODE, M.MISSING_PARENT, M.EMPTY_TITLE, M.NEGATIVE_MAX}


def _caused_by_broken_cells(problem: Problem, row_problems: list[Problem]) -> bool:
	"""Whether a tree problem may only echo a cell that could not be read (so it is left out).

	The tree is checked even when some rows are broken, so one pass reports every independent problem.
	A maximum that cannot be read distorts its own and its parent's sums; a rule that cannot be read
	distorts every rule check of its row. A missing parent, a duplicate or a missing title stay.
	"""
	for broken in row_problems:
		if broken.code is None:
			continue
		if broken.template in _MAX_CELL:
			if problem.template in _SUM_PROBLEMS and problem.code in (broken.code, parent_code(broken.code)):
				return True
		elif problem.code == broken.code and problem.template not in _KEPT_FOR_BROKEN_RULE:
			return True
	return False


def _find_header(rows: list[tuple]) -> tuple[int | None, dict[int, str], str]:
	"""The header row, its columns, and its language (problems name columns as the file does)."""
	for at, values in enumerate(rows[:10]):
		columns = {i: key for i, v in enumerate(values) if (key := header_key(v, COLUMNS))}
		if "code" in columns.values() and "title" in columns.values():
			vietnamese = {" ".join(str(v or "").split()).casefold() for v in values} & {
				c.vi.casefold() for c in COLUMNS
			}
			return at, columns, "vi" if vietnamese else "en"
	return None, {}, "en"


def _column_label(key: str, lang: str = "en") -> str:
	return next(c for c in COLUMNS if c.key == key).label(lang)


def _read_row(number: int, cells: dict, lang: str = "en") -> tuple[CriterionRow | None, list[Problem]]:
	problems = []
	code = cell_text(cells.get("code"))
	if not code:
		return None, [Problem(M.WB_MISSING_VALUE, (_column_label("code", lang),), row=number)]
	max_text = cell_text(cells.get("max_score"))
	max_score = ZERO
	if not max_text:
		problems.append(Problem(M.WB_MISSING_VALUE, (_column_label("max_score", lang),), code, number))
	else:
		try:
			max_score = to_decimal(cells["max_score"])
		except ValueError:
			problems.append(
				Problem(M.WB_BAD_NUMBER, (_column_label("max_score", lang), max_text), code, number)
			)
	flags = {}
	for key in FLAG_COLUMNS:
		try:
			flags[key] = bool(parse_yes_no(cells.get(key)))
		except ValueError:
			problems.append(Problem(M.WB_BAD_FLAG, (_column_label(key, lang), cells.get(key)), code, number))
	spec = None
	kind_text = cell_text(cells.get("rule_kind"))
	if kind_text:
		kind = RuleKind.parse(kind_text)
		if kind is None:
			choices = ", ".join(KIND_LABELS_VI[k] if lang == "vi" else k.value for k in RuleKind)
			problems.append(Problem(M.WB_BAD_KIND, (kind_text, choices), code, number))
		else:
			spec, rule_problems = parse_rule(kind, cell_text(cells.get("parameters")), code)
			problems += [replace(p, row=number) for p in rule_problems]
	elif cell_text(cells.get("parameters")):
		problems.append(Problem(M.PARAM_WITHOUT_KIND, (code,), code, number))
	row = CriterionRow(
		code=code,
		title=cell_text(cells.get("title")),
		max_score=max_score,
		spec=spec,
		guidance=cell_text(cells.get("guidance")),
		row=number,
		**flags,
	)
	return row, problems


def write_criteria(
	rows: Iterable[CriterionRow], lang: str = "en", guide: Iterable[tuple[str, str]] = ()
) -> bytes:
	"""Write rows in the documented layout (headers in English or Vietnamese), with a guide sheet."""
	book = Workbook()
	sheet = book.active
	sheet.title = SHEET_NAMES[1] if lang == "vi" else SHEET_NAMES[0]
	sheet.append([c.vi if lang == "vi" else c.en for c in COLUMNS])
	bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
	for index, column in enumerate(COLUMNS, start=1):
		cell = sheet.cell(row=1, column=index)
		cell.font, cell.fill = bold, fill
		cell.alignment = Alignment(wrap_text=True, vertical="top")
		sheet.column_dimensions[cell.column_letter].width = column.width
	sheet.freeze_panes = "C2"
	for row in sorted(rows, key=lambda r: code_sort_key(r.code)):
		values = [
			row.code,
			row.title,
			row.max_score,
			(KIND_LABELS_VI[row.spec.kind] if lang == "vi" else row.spec.kind.value) if row.spec else None,
			(format_rule(row.spec, lang) or None) if row.spec else None,
			*("x" if getattr(row, key) else None for key in FLAG_COLUMNS),
			row.guidance or None,
		]
		sheet.append([float(v) if isinstance(v, Decimal) else v for v in values])
		line = sheet.max_row
		sheet.cell(row=line, column=1).number_format = "@"
		if row.code.count(".") < 2:
			for index in (1, 2, 3):
				sheet.cell(row=line, column=index).font = bold
	for line in range(sheet.max_row + 1, 501):
		sheet.cell(row=line, column=1).number_format = "@"
	kinds = [KIND_LABELS_VI[k] if lang == "vi" else k.value for k in RuleKind]
	validation = DataValidation(type="list", formula1='"' + ",".join(kinds) + '"', allow_blank=True)
	sheet.add_data_validation(validation)
	validation.add("D2:D500")
	guide = list(guide)
	if guide:
		notes = book.create_sheet("Hướng dẫn" if lang == "vi" else "Guide")
		for line in guide:
			notes.append(list(line))
		notes.column_dimensions["A"].width = 28
		notes.column_dimensions["B"].width = 110
		for cell in notes["A"]:
			cell.font = bold
	return save_book(book)


#: the guide sheet of the template: (topic, explanation), in English; the app translates each line
GUIDE = (
	("Criteria workbook", "One row per field, criterion and sub-criterion of the criteria set."),
	(
		"Code",
		"Its place in the tree: 1 is a field, 1.2 a criterion of field 1, 1.2.3 a sub-criterion of 1.2. Keep the column formatted as text so 1.10 stays 1.10.",
	),
	("Title", "The title as written in the decision."),
	(
		"Max score",
		"Maximum points. A field's or criterion's maximum must equal the sum of its sub-criteria, unless Cap is marked.",
	),
	(
		"Rule kind",
		"Empty for a row with sub-criteria. Otherwise one of: Manual, Options, Thresholds, Proportional, Deadline, Yes/No, Deduction, Survey.",
	),
	(
		"Parameters",
		"Items separated by semicolons. Manual: step=0.25. Options: On time=1; Late=0.5; Not issued=0. Thresholds: >90=2; 70..90=1; <70=0 (a..b includes both ends; also >=, <=). Proportional: floor=0; cap=2. Deadline: on_time=1; late=0.5; not_done=0; due=2025-12-31. Yes/No: yes=1; no=0. Deduction: per=0.25; floor=0. Survey: nothing.",
	),
	("Evidence required", "x when the unit must attach evidence (or explain why there is none)."),
	(
		"Not applicable allowed",
		"x when the criterion may not concern some units; it then leaves both their points and their maximum.",
	),
	("Cap", "x when the maximum caps the sum of the sub-criteria instead of equalling it."),
	("Bonus", "x when the points are extra: they add to the total but the maximum does not."),
	("Guidance", "How the criterion is scored and which evidence to attach; units read it where they type."),
	(
		"Import",
		"Importing replaces every criterion of a Draft set. A workbook with any problem is refused whole, with every problem listed by row.",
	),
)
