"""Reading an evidence document's number and issue date from its text (Trợ lý tài liệu kiểm chứng).

A Vietnamese administrative document carries its number and date in its heading (Decree 30/2020 on
clerical work):

	UBND TỈNH …                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
	Số: 123/QĐ-UBND                      …, ngày 15 tháng 01 năm 2025

The number is the first "Số:" followed by a number and the document's sign (``123/QĐ-UBND``,
``45/2025/NQ-HĐND``); the date is the first "ngày … tháng … năm …" (else the first dd/mm/yyyy).
Text read from a scan has OCR's mistakes: letters without their marks ("So", "ngay 15 thang 01 nam"),
a digit for a letter ("S6"), spaces inside the number; all are accepted.

>>> found = read_reference("UBND TỈNH AN GIANG\\nSố: 123/QĐ-UBND\\nAn Giang, ngày 15 tháng 01 năm 2025")
>>> found.number, found.issued
('123/QĐ-UBND', datetime.date(2025, 1, 15))
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

_NUMBER = re.compile(
	r"\bs[o06]\s*[:;.]?\s*(\d{1,5}(?:\s*/\s*\d{4})?\s*/\s*[A-Z][A-Z0-9]*(?:\s*-\s*[A-Z][A-Z0-9]*)*)",
	re.IGNORECASE,
)
_LONG_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})", re.IGNORECASE)
_SHORT_DATE = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b")


@dataclass(frozen=True)
class Reference:
	number: str | None
	issued: datetime.date | None


def plain(text: str) -> str:
	"""The text without its marks, letter for letter (đ → d), so that places in it are places in the
	original: "Số" → "So"."""
	out = []
	for char in unicodedata.normalize("NFC", text):
		if char in "đĐ":
			out.append("d" if char == "đ" else "D")
		else:
			out.append(unicodedata.normalize("NFD", char)[0])
	return "".join(out)


def read_reference(text: str | None) -> Reference:
	"""The document's number and issue date, each None when not found."""
	text = unicodedata.normalize("NFC", text or "")
	bare = plain(text)
	number = None
	found = _NUMBER.search(bare)
	if found:
		number = re.sub(r"\s+", "", text[found.start(1) : found.end(1)])
	return Reference(number, _date(bare))


def _date(bare: str) -> datetime.date | None:
	for pattern in (_LONG_DATE, _SHORT_DATE):
		for match in pattern.finditer(bare):
			day, month, year = (int(part) for part in match.groups())
			try:
				return datetime.date(year, month, day)
			except ValueError:
				continue
	return None


def same_number(a: str | None, b: str | None) -> bool:
	"""Two numbers are the same whatever their marks, case and spaces: "123/QĐ-UBND" = "123/qd-ubnd"."""
	if not a or not b:
		return False
	return re.sub(r"\s+", "", plain(a)).casefold() == re.sub(r"\s+", "", plain(b)).casefold()
