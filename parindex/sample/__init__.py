"""Sample data: unit groups, a few units and a sample criteria set (8 fields, 75 + 25 points).

Load it on a site with ``bench --site SITE execute parindex.sample.load``; running it again changes
nothing. Everything it creates is marked as a sample.
"""

import os

import frappe

WORKBOOK = os.path.join(os.path.dirname(__file__), "sample_criteria_set.xlsx")
SAMPLE_YEAR = 2025

UNIT_GROUPS = {
	"Sở, ban, ngành": "Các sở, ban, ngành thuộc UBND tỉnh (dữ liệu mẫu).",
	"UBND cấp xã": "UBND các xã, phường, đặc khu (dữ liệu mẫu).",
}
UNITS = (
	# (unit, parent, group or None for a grouping node)
	("Tỉnh mẫu", None, None),
	("Khối sở, ban, ngành", "Tỉnh mẫu", None),
	("Khối xã, phường", "Tỉnh mẫu", None),
	("Sở Nội vụ", "Khối sở, ban, ngành", "Sở, ban, ngành"),
	("Sở Tư pháp", "Khối sở, ban, ngành", "Sở, ban, ngành"),
	("Sở Tài chính", "Khối sở, ban, ngành", "Sở, ban, ngành"),
	("Sở Y tế", "Khối sở, ban, ngành", "Sở, ban, ngành"),
	("Sở Giáo dục và Đào tạo", "Khối sở, ban, ngành", "Sở, ban, ngành"),
	("Xã An Bình", "Khối xã, phường", "UBND cấp xã"),
	("Phường Hòa Thuận", "Khối xã, phường", "UBND cấp xã"),
	("Xã Tân Lập", "Khối xã, phường", "UBND cấp xã"),
)
BANDS = (("Tốt", 90), ("Khá", 80), ("Trung bình", 70), ("Yếu", 0))


def load() -> str:
	"""Create the sample data and commit (for ``bench execute``); return the criteria set's name."""
	name = create()
	frappe.db.commit()  # nosemgrep: run from the shell, not inside a request
	return name


def create() -> str:
	"""Create the sample unit groups, units and criteria set; return the set's name."""
	for group, description in UNIT_GROUPS.items():
		if not frappe.db.exists("PAR Unit Group", group):
			frappe.get_doc(
				{"doctype": "PAR Unit Group", "group_name": group, "description": description}
			).insert()
	for unit, parent, group in UNITS:
		if not frappe.db.exists("PAR Unit", unit):
			frappe.get_doc(
				{
					"doctype": "PAR Unit",
					"unit_name": unit,
					"parent_par_unit": parent,
					"is_group": 0 if group else 1,
					"unit_group": group,
				}
			).insert()
	existing = frappe.db.get_value("PAR Criteria Set", {"is_sample": 1, "year": SAMPLE_YEAR}, "name")
	if existing:
		return existing
	set_doc = criteria_set_from_sample(
		f"[Mẫu] Bộ chỉ số CCHC các sở, ban, ngành năm {SAMPLE_YEAR}",
		SAMPLE_YEAR,
		"Sở, ban, ngành",
		is_sample=1,
	)
	return set_doc.name


def criteria_set_from_sample(title: str, year: int, unit_group: str, **values):
	"""A Draft criteria set of the year with the sample workbook's tree (written for {SAMPLE_YEAR}: its
	due dates and the years in its titles move to ``year``), the sample bands and deadlines
	(self-assessment by 30/11, appraisal by 25/12, unless given)."""
	from parindex.par_index.criteria_io import import_rows

	set_doc = frappe.get_doc(
		{
			"doctype": "PAR Criteria Set",
			"title": title,
			"year": year,
			"unit_group": unit_group,
			"self_assessment_deadline": f"{year}-11-30",
			"appraisal_deadline": f"{year}-12-25",
			"bands": [{"band_label": label, "min_index": minimum} for label, minimum in BANDS],
			**values,
		}
	).insert()
	import_rows(set_doc, sample_workbook(year))
	return set_doc


def sample_workbook(year: int = SAMPLE_YEAR) -> bytes:
	"""The sample criteria workbook, moved to another year."""
	from dataclasses import replace

	from parindex.par_index.criteria import shift_due_dates
	from parindex.workbooks.criteria import read_criteria, write_criteria

	with open(WORKBOOK, "rb") as workbook:
		content = workbook.read()
	if year == SAMPLE_YEAR:
		return content
	shift = year - SAMPLE_YEAR
	rows = shift_due_dates(read_criteria(content), shift)
	rows = [
		replace(row, title=_move_years(row.title, shift), guidance=_move_years(row.guidance, shift))
		for row in rows
	]
	return write_criteria(rows)


def _move_years(text: str, shift: int) -> str:
	"""'năm 2025', '31/12/2024' and the like, moved by ``shift`` years (2020 to 2039 only)."""
	import re

	return re.sub(r"\b(20[234]\d)\b", lambda m: str(int(m.group(1)) + shift), text or "")
