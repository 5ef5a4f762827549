"""What the workbooks share: columns named in English and Vietnamese, reading cells as text, and
keeping formulas out: text that would start a formula is written as text (no spreadsheet formula
injection through a unit's remarks), and a cell that holds a formula is refused on import with its row
and column (its value would depend on the spreadsheet program, or be empty)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, ScoringError


@dataclass(frozen=True)
class Column:
	key: str
	en: str
	vi: str
	width: int
	required: bool = False  # a workbook without it is refused
	editable: bool = False  # a column some user fills in
	flag: bool = False  # yes / no (x)

	def label(self, lang: str) -> str:
		return self.vi if lang == "vi" else self.en


def header_key(text: object, columns: tuple[Column, ...]) -> str | None:
	"""The column a header cell names, in English, Vietnamese or by key; any case and spacing."""
	folded = " ".join(str(text or "").split()).casefold()
	for column in columns:
		if folded in (column.en.casefold(), column.vi.casefold(), column.key):
			return column.key
	return None


class Formula(str):
	"""The text of a cell that holds a formula, as read from an imported workbook."""


#: a text starting with one of these is taken as a formula by spreadsheet programs
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def save_book(book: Workbook) -> bytes:
	"""The workbook's bytes, with every text that a spreadsheet would run as a formula kept as text."""
	for sheet in book.worksheets:
		for row in sheet.iter_rows():
			for cell in row:
				if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
					cell.data_type = "s"
					cell.quotePrefix = True
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()


def formula_problems(cells: dict, positions: dict[str, int], labels: dict[str, str], code, row) -> list:
	"""A problem for each read cell (by key) that holds a formula, naming its column and row."""
	return [
		Problem(M.WB_FORMULA, (labels.get(key, key), get_column_letter(positions[key] + 1)), code, row)
		for key, value in cells.items()
		if isinstance(value, Formula)
	]


def cell_text(value: object) -> str:
	"""A cell as text: whole numbers without '.0', dates as ISO dates, text stripped."""
	if value is None:
		return ""
	if isinstance(value, float) and value.is_integer():
		return str(int(value))
	if hasattr(value, "isoformat"):
		return value.date().isoformat() if hasattr(value, "date") else value.isoformat()
	return str(value).strip()


def sheet_rows(content: bytes, sheet_names: tuple[str, ...]) -> list[tuple]:
	"""The cell values of a workbook's sheet (the first of ``sheet_names`` present, else the first
	sheet), a formula as :class:`Formula`; a file that is not an .xlsx workbook is refused with one
	clear problem."""
	try:
		book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
	except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
		raise ScoringError(Problem(M.WB_NOT_XLSX)) from None
	try:
		sheet = next((book[name] for name in sheet_names if name in book.sheetnames), None)
		sheet = sheet or (book.worksheets[0] if book.worksheets else None)
		if sheet is None:
			raise ScoringError(Problem(M.WB_NO_SHEET))
		return [
			tuple(Formula(cell.value) if cell.data_type == "f" else cell.value for cell in row)
			for row in sheet.iter_rows()
		]
	finally:
		book.close()
