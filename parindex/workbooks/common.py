"""What the workbooks share: columns named in English and Vietnamese, and reading cells as text."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
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
	sheet); a file that is not an .xlsx workbook is refused with one clear problem."""
	try:
		book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
		raise ScoringError(Problem(M.WB_NOT_XLSX)) from None
	try:
		sheet = next((book[name] for name in sheet_names if name in book.sheetnames), None)
		sheet = sheet or (book.worksheets[0] if book.worksheets else None)
		if sheet is None:
			raise ScoringError(Problem(M.WB_NO_SHEET))
		return list(sheet.iter_rows(values_only=True))
	finally:
		book.close()
