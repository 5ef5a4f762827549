"""One unit's assessment as a workbook, for work offline: export, fill in, import back.

One row per criterion (sub-criterion) with its rule, guidance and current values. On import only the
columns the importing user may edit are read (the app decides which); the rest are for reading.
Columns for fields a province added (``extra``, after the standard ones) travel the same way.
No Frappe here: the app passes plain rows and receives plain values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, ScoringError
from parindex.scoring.rules import parse_yes_no
from parindex.workbooks.common import Column, cell_text, formula_problems, header_key, save_book, sheet_rows

COLUMNS = (
	Column("code", "Code", "Mã", 9),
	Column("title", "Criterion", "Tiêu chí", 50),
	Column("max_score", "Max", "Điểm tối đa", 9),
	Column("rule_summary", "Rule", "Cách chấm", 30),
	Column("guidance", "Guidance", "Hướng dẫn chấm", 50),
	Column("self_input", "Reported value", "Giá trị tự đánh giá", 16, editable=True),
	Column("not_applicable", "Not applicable", "Không đánh giá", 10, editable=True, flag=True),
	Column("self_note", "Unit's note", "Ghi chú của đơn vị", 30, editable=True),
	Column(
		"no_evidence_reason",
		"Why there is no evidence",
		"Lý do không có tài liệu kiểm chứng",
		30,
		editable=True,
	),
	Column("explanation", "Unit's explanation", "Giải trình của đơn vị", 30, editable=True),
	Column("self_score", "Self score", "Điểm tự chấm", 10),
	Column("appraised_input", "Appraised value", "Giá trị thẩm định", 16, editable=True),
	Column("appraiser_remark", "Appraiser's remark", "Nhận xét thẩm định", 30, editable=True),
	Column(
		"explanation_requested", "Explanation requested", "Yêu cầu giải trình", 10, editable=True, flag=True
	),
	Column("appraised_score", "Appraised score", "Điểm thẩm định", 10),
	Column("final_score", "Final score", "Điểm cuối cùng", 10),
)
SHEET = ("Assessment", "Đánh giá")


def write_assessment(
	title: str, lines: Iterable[dict], lang: str = "en", extra: tuple[Column, ...] = ()
) -> bytes:
	"""The assessment's lines, one row per criterion, editable columns shaded."""
	columns = COLUMNS + tuple(extra)
	book = Workbook()
	sheet = book.active
	sheet.title = SHEET[1] if lang == "vi" else SHEET[0]
	sheet.append([title])
	sheet["A1"].font = Font(bold=True, size=13)
	sheet.append([c.label(lang) for c in columns])
	editable_fill = PatternFill("solid", fgColor="FFF2CC")
	for index, column in enumerate(columns, start=1):
		cell = sheet.cell(row=2, column=index)
		cell.font = Font(bold=True)
		cell.alignment = Alignment(wrap_text=True, vertical="top")
		if column.editable:
			cell.fill = editable_fill
		sheet.column_dimensions[cell.column_letter].width = column.width
	sheet.freeze_panes = "C3"
	for line in lines:
		values = []
		for column in columns:
			value = line.get(column.key)
			if column.flag:
				value = "x" if value else None
			values.append(value if value not in ("",) else None)
		sheet.append(values)
		sheet.cell(row=sheet.max_row, column=1).number_format = "@"
		for index in (2, 4, 5):
			sheet.cell(row=sheet.max_row, column=index).alignment = Alignment(wrap_text=True, vertical="top")
	return save_book(book)


@dataclass(frozen=True)
class ImportedLine:
	code: str
	row: int
	values: dict


def read_assessment(content: bytes, columns: set[str], extra: tuple[Column, ...] = ()) -> list[ImportedLine]:
	"""The values of the given editable columns, per criterion code, with row numbers.

	Raises :class:`ScoringError` listing every problem (unreadable file, missing header, duplicate or
	empty codes, flags that are not yes or no).
	"""
	rows = sheet_rows(content, SHEET)
	known = COLUMNS + tuple(extra)
	header_at, positions, header = None, {}, {}
	for at, values in enumerate(rows[:10]):
		found = {i: header_key(v, known) for i, v in enumerate(values) if header_key(v, known)}
		if "code" in found.values():
			header_at, positions = at, found
			header = {
				key: cell_text(values[i]) for i, key in found.items()
			}  # problems name columns as the file does
			break
	if header_at is None:
		raise ScoringError(Problem(M.WB_MISSING_COLUMNS, ("Code (Mã)",)))
	problems, result, seen = [], [], {}
	flags = {c.key for c in known if c.flag}
	index_of = {key: i for i, key in positions.items()}
	for number, values in enumerate(rows[header_at + 1 :], start=header_at + 2):
		cells = {key: values[i] for i, key in positions.items() if i < len(values)}
		read = {key: cells[key] for key in (columns | {"code"}) & set(cells)}
		code = cell_text(cells.get("code"))
		formulas = formula_problems(read, index_of, header, code or None, number)
		if formulas:
			problems += formulas
			continue
		if not code:
			continue
		if code in seen:
			problems.append(Problem(M.DUPLICATE_CODE, (code,), code, number))
			continue
		seen[code] = number
		line_values = {}
		for key in columns & set(cells):
			if key in flags:
				try:
					line_values[key] = int(bool(parse_yes_no(cells[key])))
				except ValueError:
					problems.append(Problem(M.WB_BAD_FLAG, (header[key], cells[key]), code, number))
			else:
				line_values[key] = cell_text(cells[key])
		result.append(ImportedLine(code, number, line_values))
	if problems:
		raise ScoringError(problems)
	return result
