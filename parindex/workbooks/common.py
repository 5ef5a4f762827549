"""What the workbooks share: columns named in English and Vietnamese, and reading cells as text."""

from __future__ import annotations

from dataclasses import dataclass


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
