# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Ranking: the units of a criteria set in rank order, live or as published, and its official annex."""

from __future__ import annotations

import frappe
from frappe import _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from parindex import jobs
from parindex.par_ranking.report.common import (
	GREEN,
	PUBLISHED,
	chart,
	column,
	message,
	never_raises,
	publication_note,
	ranking_view,
	two,
)
from parindex.refusals import existing
from parindex.workbooks.common import save_book

FIGURES = ("appraised_total", "survey_total", "final_total", "total_max", "index")


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.criteria_set:
		return columns(), [], None, None
	view = ranking_view(filters.criteria_set, filters.source)
	data = [
		{
			"rank": row.get("rank"),
			"unit": row["unit"],
			**{f: two(row.get(f) or 0) for f in FIGURES},
			"classification": row.get("classification") or "",
		}
		for row in view.rows
	]
	notes = list(view.notes)
	if view.source == PUBLISHED:
		notes.insert(0, publication_note(view.publication))
	return columns(), data, message(notes), index_chart(data)


def columns() -> list[dict]:
	# the unit is plain text: a Link to PAR Unit would make the desk drop every other unit's row for a
	# unit's user, while the published ranking is public
	return [
		column("rank", _("Rank"), "Int", 70),
		column("unit", _("Unit"), "Data", 240),
		column("appraised_total", _("Appraised points"), width=130),
		column("survey_total", _("Survey points"), width=120),
		column("final_total", _("Total points"), width=110),
		column("total_max", _("Maximum"), width=100),
		column("index", _("Index (%)"), width=100),
		column("classification", _("Classification"), "Data", 130),
	]


def index_chart(data: list[dict]) -> dict | None:
	return chart(
		[row["unit"] for row in data],
		[{"name": _("Index (%)"), "values": [row["index"] for row in data]}],
		colors=[GREEN],
		fieldtype="Float",
	)


TITLE_ROWS = 5  # title lines and a blank line above the header
HEADER = (
	("STT", 6),
	("Đơn vị", 40),
	("Nhóm", 22),
	("Điểm thẩm định", 14),
	("Điểm điều tra XHH", 14),
	("Tổng điểm", 12),
	("Chỉ số (%)", 12),
	("Xếp hạng", 10),
	("Xếp loại", 14),
)


def _annex(criteria_set: str, size_only: bool = False):
	"""(file name, workbook) of the annex, as the signed-in user may see the ranking."""
	if not frappe.get_doc("Report", "PAR Ranking").is_permitted():
		frappe.throw(_("You don't have access to the PAR Ranking report."), frappe.PermissionError)
	set_doc = existing("PAR Criteria Set", criteria_set)
	view = ranking_view(criteria_set)
	if size_only:
		return len(view.rows)
	decision = None
	if view.source == PUBLISHED:
		decision = frappe.db.get_value(
			"PAR Ranking Publication", view.publication, ["decision_no", "decision_date"], as_dict=True
		)
	content = annex_workbook(set_doc.year, set_doc.unit_group, view.rows, decision)
	return f"Phu-luc-xep-hang-{criteria_set}.xlsx", content


@frappe.whitelist(methods=["POST"])
def request_annex(criteria_set: str) -> dict:
	"""Download now (``{"download": True}``), or, for a big group, prepare the annex in the background:
	it arrives as a private file of the person who asked, with a link in their notifications."""
	if jobs.is_large(_annex(criteria_set, size_only=True)):
		return jobs.start(
			"parindex.par_ranking.report.par_ranking.par_ranking.annex_job",
			_("Preparing the ranking annex"),
			criteria_set=criteria_set,
		)
	return {"download": True}


def annex_job(criteria_set: str, progress=None) -> dict:
	(progress or jobs.quiet)(0, 2, _("Preparing the ranking annex"))
	filename, content = _annex(criteria_set)
	saved = frappe.get_doc(
		{"doctype": "File", "file_name": filename, "content": content, "is_private": 1}
	).insert(ignore_permissions=True)
	return {"file_url": saved.file_url, "message": _("The ranking annex is ready.")}


@frappe.whitelist()
@frappe.read_only()
def export_annex(criteria_set: str):
	"""The ranking as the annex of the province's decision (.xlsx, Vietnamese), under the same visibility."""
	filename, content = _annex(criteria_set)
	frappe.response["filename"] = filename
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"


def annex_workbook(year, unit_group: str, rows: list[dict], decision: dict | None) -> bytes:
	book = Workbook()
	sheet = book.active
	sheet.title = "Phụ lục"
	width = len(HEADER)
	if decision:
		basis = "(Kèm theo Quyết định số {} ngày {})".format(
			decision.decision_no, frappe.utils.formatdate(decision.decision_date, "dd/MM/yyyy")
		)
	else:
		basis = "(Kết quả tạm tính, chưa công bố)"
	titles = (
		("PHỤ LỤC", 13),
		(f"KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}", 13),
		(f"Nhóm đơn vị: {unit_group}", 12),
		(basis, 11),
	)
	for number, (text, size) in enumerate(titles, start=1):
		sheet.cell(row=number, column=1, value=text)
		sheet.cell(row=number, column=1).font = Font(bold=number <= 3, italic=number == 4, size=size)
		sheet.cell(row=number, column=1).alignment = Alignment(horizontal="center")
		sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
	thin = Side(style="thin")
	border = Border(left=thin, right=thin, top=thin, bottom=thin)
	header_row = TITLE_ROWS + 1
	for position, (label, column_width) in enumerate(HEADER, start=1):
		cell = sheet.cell(row=header_row, column=position, value=label)
		cell.font = Font(bold=True)
		cell.border = border
		cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
		sheet.column_dimensions[get_column_letter(position)].width = column_width
	for number, row in enumerate(rows, start=1):
		values = (
			number,
			row["unit"],
			unit_group,
			two(row.get("appraised_total") or 0),
			two(row.get("survey_total") or 0),
			two(row.get("final_total") or 0),
			two(row.get("index") or 0),
			row.get("rank"),
			row.get("classification") or "",
		)
		for position, value in enumerate(values, start=1):
			cell = sheet.cell(row=header_row + number, column=position, value=value)
			cell.border = border
			if isinstance(value, float):
				cell.number_format = "0.00"
			if position in (1, 8):
				cell.alignment = Alignment(horizontal="center")
	sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
	return save_book(book)
