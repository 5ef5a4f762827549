# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import io

import frappe
from openpyxl import load_workbook

from parindex.par_ranking.report.par_ranking.par_ranking import execute, export_annex
from parindex.par_ranking.report.testing import (
	COUNCIL,
	HEAD_ON_COUNCIL,
	UNIT_HEAD,
	UNIT_USER,
	UNITS,
	ReportTestCase,
	add_bands,
	publish,
	set_results,
)
from parindex.tests.factories import active_set_with_assessments

A, B, C, D = UNITS
# appraised, survey, total, applicable maximum, index: B and C tie at 75.5 (C had 2 points not applicable)
RESULTS = {
	A: (7.2, 1.5, 8.7, 10, 87),
	B: (6, 1.55, 7.55, 10, 75.5),
	C: (4.5, 1.54, 6.04, 8, 75.5),
	D: (4, 0.5, 4.5, 10, 45),
}
FIGURES = ("appraised_total", "survey_total", "final_total", "total_max", "index")


def run(criteria_set, source=None):
	return execute(frappe._dict(criteria_set=criteria_set, source=source))


def table(data):
	return [(r["rank"], r["unit"], r["index"], r["classification"]) for r in data]


class TestPARRankingReport(ReportTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, self.names = active_set_with_assessments(UNITS)
		add_bands(self.set_doc)
		for unit, values in RESULTS.items():
			set_results(self.names[unit], **dict(zip(FIGURES, values, strict=True)))

	def test_live_ranking_with_ties_and_classification(self):
		columns, data, message, chart = run(self.set_doc.name)
		self.assertEqual(
			[c["fieldname"] for c in columns],
			["rank", "unit", *FIGURES[:4], "index", "classification"],
		)
		self.assertEqual(
			table(data),
			[(1, A, 87, "Tốt"), (2, B, 75.5, "Khá"), (2, C, 75.5, "Khá"), (4, D, 45, "Yếu")],
		)
		self.assertEqual(
			[data[2][f] for f in FIGURES], [4.5, 1.54, 6.04, 8, 75.5]
		)  # C's own figures, two decimals
		self.assertIsNone(message)
		self.assertEqual(chart["type"], "bar")
		self.assertEqual(chart["data"]["labels"], [A, B, C, D])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [87, 75.5, 75.5, 45])

	def test_published_source_without_publication_falls_back_to_live(self):
		_columns, data, message, _chart = run(self.set_doc.name, "Published")
		self.assertEqual([r["unit"] for r in data], [A, B, C, D])
		self.assertIn("No ranking", message)
		self.assertIn(self.set_doc.name, message)

	def test_published_ranking_is_frozen_and_live_still_moves(self):
		publish(self.set_doc.name, "15/QĐ-UBND")
		set_results(self.names[D], index=99, final_total=9.9)  # after the decision
		_columns, data, message, _chart = run(self.set_doc.name)  # the default: the published ranking
		self.assertEqual(table(data)[-1], (4, D, 45, "Yếu"))
		self.assertIn("15/QĐ-UBND", message)
		_columns, data, message, _chart = run(self.set_doc.name, "Live")
		self.assertEqual(table(data)[0], (1, D, 99, "Tốt"))
		self.assertEqual([r["rank"] for r in data], [1, 2, 3, 3])

	def test_a_unit_sees_only_itself_and_no_rank_until_published(self):
		for user in (UNIT_USER, UNIT_HEAD):
			with self.set_user(user):
				_columns, data, message, chart = run(self.set_doc.name, "Live")
			self.assertEqual(table(data), [(None, A, 87, "Tốt")], user)
			self.assertEqual(chart["data"]["labels"], [A])
			self.assertIn("only your own unit", message)

	def test_after_publication_a_unit_sees_the_published_ranking_in_full(self):
		publish(self.set_doc.name)
		set_results(self.names[D], index=99)
		with self.set_user(UNIT_USER):
			_columns, data, message, _chart = run(self.set_doc.name, "Live")
		self.assertEqual(
			table(data),
			[(1, A, 87, "Tốt"), (2, B, 75.5, "Khá"), (2, C, 75.5, "Khá"), (4, D, 45, "Yếu")],
		)
		self.assertIn("published ranking", message)

	def test_the_desk_keeps_every_published_row_for_a_unit(self):
		from frappe.desk.query_report import run as desk_run

		publish(self.set_doc.name)
		with self.set_user(UNIT_USER):
			result = desk_run("PAR Ranking", filters={"criteria_set": self.set_doc.name})
		self.assertEqual([r["unit"] for r in result["result"]], [A, B, C, D])

	def test_council_and_a_head_on_the_council_see_every_unit(self):
		for user in (COUNCIL, HEAD_ON_COUNCIL):
			with self.set_user(user):
				_columns, data, _message, _chart = run(self.set_doc.name)
			self.assertEqual([r["rank"] for r in data], [1, 2, 2, 4], user)

	def annex(self):
		export_annex(self.set_doc.name)
		self.assertEqual(frappe.response["type"], "binary")
		self.assertTrue(frappe.response["filename"].endswith(".xlsx"))
		return load_workbook(io.BytesIO(frappe.response["filecontent"])).active

	def test_annex_layout(self):
		publish(self.set_doc.name, "15/QĐ-UBND", "2032-01-20")
		sheet = self.annex()
		self.assertEqual(sheet["A1"].value, "PHỤ LỤC")
		self.assertEqual(sheet["A2"].value, "KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2031")
		self.assertIn(self.set_doc.unit_group, sheet["A3"].value)
		self.assertEqual(sheet["A4"].value, "(Kèm theo Quyết định số 15/QĐ-UBND ngày 20/01/2032)")
		header = [c.value for c in sheet[6]]
		self.assertEqual(
			header,
			[
				"STT",
				"Đơn vị",
				"Nhóm",
				"Điểm thẩm định",
				"Điểm điều tra XHH",
				"Tổng điểm",
				"Chỉ số (%)",
				"Xếp hạng",
				"Xếp loại",
			],
		)
		self.assertTrue(all(c.font.bold for c in sheet[6]))
		rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=7)]
		self.assertEqual(
			rows,
			[
				[1, A, self.set_doc.unit_group, 7.2, 1.5, 8.7, 87, 1, "Tốt"],
				[2, B, self.set_doc.unit_group, 6, 1.55, 7.55, 75.5, 2, "Khá"],
				[3, C, self.set_doc.unit_group, 4.5, 1.54, 6.04, 75.5, 2, "Khá"],
				[4, D, self.set_doc.unit_group, 4, 0.5, 4.5, 45, 4, "Yếu"],
			],
		)
		self.assertEqual(sheet["G7"].number_format, "0.00")
		self.assertEqual(sheet["B7"].border.left.style, "thin")
		self.assertGreaterEqual(sheet.column_dimensions["B"].width, 30)

	def test_annex_before_publication_follows_the_same_visibility(self):
		sheet = self.annex()
		self.assertIn("chưa công bố", sheet["A4"].value)
		self.assertEqual(sheet.max_row, 10)
		with self.set_user(UNIT_USER):
			sheet = self.annex()
		rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=7)]
		self.assertEqual(rows, [[1, A, self.set_doc.unit_group, 7.2, 1.5, 8.7, 87, None, "Tốt"]])
