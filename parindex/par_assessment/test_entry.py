# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Typed entry on the server: each rule kind's control, its check where a value is typed, the canonical
form a save stores, and the scores shown before saving."""

import io
import json

import frappe

from parindex.par_assessment.entry import check_value, preview
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, every_kind_tree, make_unit, make_user

UNIT_A, UNIT_B = "_Test Unit A", "_Test Unit B"
USER_A = "par-unit-a@example.com"


def line(doc, code):
	return next(row for row in doc.lines if row.code == code)


class TestTypedEntry(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		make_unit(UNIT_A)
		make_unit(UNIT_B)
		make_user(USER_A, "PAR Unit User", unit=UNIT_A)
		frappe.cache.delete_value("user_permissions")
		self.set_doc, names = active_set_with_assessments((UNIT_A, UNIT_B), tree=every_kind_tree())
		self.name, self.other = names[UNIT_A], names[UNIT_B]

	def test_the_form_learns_each_lines_control(self):
		doc = frappe.get_doc("PAR Assessment", self.name)
		doc.run_method("onload")
		controls = {code: spec["control"] for code, spec in doc.get_onload().entry.items()}
		self.assertEqual(
			controls,
			{
				"1.1": "date",
				"1.2": "select",
				"1.3": "select",
				"1.4": "number",
				"1.5": "number",
				"2.1": "number",
				"2.2": "integer",
				"2.3": "select",
				"2.4": "none",
			},
		)
		entry = doc.get_onload().entry
		self.assertEqual(entry["2.3"]["choices"], ["Đầy đủ", "Vi phạm nhẹ", "Vi phạm nặng"])
		self.assertEqual((entry["2.1"]["unit"], entry["2.1"]["max"]), ("%", 100.0))
		self.assertEqual((entry["1.5"]["max"], entry["1.5"]["step"]), (1.0, 0.25))

	def test_each_kind_checks_a_value_where_it_is_typed(self):
		frappe.set_user(USER_A)
		accepted = {
			"1.1": ("20/12/2030", "2030-12-20", 1.0),
			"1.2": ("chậm", "Late", 0.5),
			"1.3": ("có", "Yes", 1.0),
			"1.4": ("85,5", "85.5", 1.0),
			"1.5": ("0.75", "0.75", 0.75),
			"2.1": (50, "50", 1.0),
			"2.2": ("2", "2", 0.5),
			"2.3": ("vi phạm nhẹ", "Vi phạm nhẹ", 0.5),
		}
		for code, (typed, stored, points) in accepted.items():
			self.assertEqual(check_value(self.name, code, typed), {"value": stored, "points": points}, code)
		refused = {
			"1.1": "Đúng hạn",  # the date it was done is needed
			"1.2": "2030-01-01",  # no due date: a status, not a date
			"1.3": "maybe",
			"1.4": "abc",
			"1.5": "0.3",  # off the step
			"2.1": "120",
			"2.2": "1.5",
			"2.3": "Tốt",
		}
		for code, typed in refused.items():
			with self.assertRaises(frappe.ValidationError, msg=code):
				check_value(self.name, code, typed)
			message = str(frappe.local.message_log[-1])
			self.assertIn(code, message)
			frappe.clear_messages()

	def test_the_rule_reads_in_words_not_as_parameters(self):
		"""Units read the rule in plain Vietnamese beside the value, in a refusal and in the workbook; the
		admins' parameters (yes=1; no=0) are not what they see."""
		from openpyxl import load_workbook

		from parindex.par_assessment.assessment_io import export_assessment

		frappe.local.lang = "vi"
		try:
			doc = frappe.get_doc("PAR Assessment", self.name)
			doc.run_method("onload")
			rules = {code: spec["rule"] for code, spec in doc.get_onload().entry.items()}
			self.assertTrue(rules["1.3"].startswith("Có: "), rules["1.3"])
			self.assertIn("điểm", rules["1.3"])
			self.assertNotIn("yes=", rules["1.3"])
			self.assertIn("mỗi lần", rules["2.2"])
			self.assertIn("điều tra xã hội học", rules["2.4"])
			frappe.set_user(USER_A)
			with self.assertRaises(frappe.ValidationError):
				check_value(self.name, "1.3", "maybe")
			self.assertIn(rules["1.3"], str(frappe.local.message_log[-1]))
			frappe.clear_messages()
			export_assessment(self.name)
			sheet = load_workbook(io.BytesIO(frappe.response["filecontent"])).active
			header = next(row for row in sheet.iter_rows(values_only=True) if row and "Mã" in row)
			column = header.index("Cách chấm")
			by_code = {
				row[0]: row[column] for row in sheet.iter_rows(values_only=True) if row and row[0] in rules
			}
			self.assertEqual(by_code["1.3"], rules["1.3"])
			# stored values read as people write them, in the history too
			from parindex.par_assessment.entry import as_read

			self.assertEqual((as_read("Yes"), as_read("On time"), as_read("Đầy đủ")), ("Có", "Đúng hạn", "Đầy đủ"))
			self.assertEqual(as_read("2025-12-20"), frappe.utils.formatdate("2025-12-20"))
		finally:
			frappe.local.lang = "en"

	def test_the_form_opens_on_the_appraisers_own_fields(self):
		appraiser = make_user("par-appraiser-entry@example.com", "PAR Appraiser")
		frappe.db.delete("PAR Appraiser Assignment", {"parent": self.set_doc.name})
		self.set_doc.reload()
		field = next(
			c
			for c in frappe.get_all(
				"PAR Criterion", {"criteria_set": self.set_doc.name, "code": "2"}, pluck="name"
			)
		)
		self.set_doc.append("appraisers", {"field": field, "appraiser": appraiser})
		self.set_doc.save()
		for user, expected in ((appraiser, ["2"]), (USER_A, [])):
			frappe.set_user(user)
			doc = frappe.get_doc("PAR Assessment", self.name)
			doc.run_method("onload")
			self.assertEqual(doc.get_onload().my_fields, expected, user)

	def test_checking_another_units_line_is_refused(self):
		frappe.set_user(USER_A)
		with self.assertRaises(frappe.PermissionError):
			check_value(self.other, "1.3", "Có")
		with self.assertRaises(frappe.PermissionError):
			preview(self.other, "{}")
		frappe.clear_messages()

	def test_a_save_keeps_one_canonical_form(self):
		frappe.set_user(USER_A)
		doc = frappe.get_doc("PAR Assessment", self.name)
		for code, typed in {"1.1": "05/01/2031", "1.2": "đúng hạn", "1.3": "không", "2.1": "87,5"}.items():
			line(doc, code).self_input = typed
		doc.save()
		doc.reload()
		stored = {code: line(doc, code).self_input for code in ("1.1", "1.2", "1.3", "2.1")}
		self.assertEqual(stored, {"1.1": "2031-01-05", "1.2": "On time", "1.3": "No", "2.1": "87.5"})
		self.assertEqual((line(doc, "1.1").self_score, line(doc, "2.1").self_score), (0.5, 1.75))

	def test_the_preview_shows_what_a_save_computes(self):
		frappe.set_user(USER_A)
		values = {"1.1": "2030-12-01", "1.3": "Yes", "1.4": "95", "2.1": "60", "2.2": "", "2.3": "Đầy đủ"}
		shown = preview(self.name, json.dumps({code: [value, 0, ""] for code, value in values.items()}))
		self.assertEqual(frappe.db.get_value("PAR Assessment", self.name, "self_total"), 0)  # nothing saved
		doc = frappe.get_doc("PAR Assessment", self.name)
		for code, value in values.items():
			line(doc, code).self_input = value
		doc.save()
		self.assertEqual(shown["totals"]["self_total"], doc.self_total)
		self.assertEqual(shown["totals"]["self_index"], doc.self_index)
		self.assertEqual(
			shown["lines"]["1.4"], [line(doc, "1.4").self_score, 0, line(doc, "1.4").final_score]
		)
		self.assertEqual(doc.self_total, 1 + 1 + 2 + 1.2 + 1)

	def test_values_written_before_become_canonical(self):
		from parindex.patches import canonical_values

		frappe.db.set_value(
			"PAR Assessment Line",
			line(frappe.get_doc("PAR Assessment", self.name), "1.3").name,
			"self_input",
			"Có",
		)
		frappe.db.set_value(
			"PAR Assessment Line",
			line(frappe.get_doc("PAR Assessment", self.name), "1.1").name,
			"self_input",
			"20/12/2030",
		)
		frappe.db.set_value(
			"PAR Assessment Line",
			line(frappe.get_doc("PAR Assessment", self.name), "2.3").name,
			"self_input",
			"a value no rule reads",
		)
		canonical_values.execute()
		doc = frappe.get_doc("PAR Assessment", self.name)
		self.assertEqual(
			[line(doc, code).self_input for code in ("1.3", "1.1", "2.3")],
			["Yes", "2030-12-20", "a value no rule reads"],
		)

	def test_numbers_the_form_sends_as_numbers_are_not_changes(self):
		"""The number controls send 60.0 for a stored "60": while explaining, that is no change."""
		frappe.set_user(USER_A)
		doc = frappe.get_doc("PAR Assessment", self.name)
		line(doc, "2.1").self_input = "60"
		line(doc, "1.4").self_input = "85.5"
		doc.save()
		frappe.set_user("Administrator")
		frappe.db.set_value("PAR Assessment", self.name, "workflow_state", "Explanation Requested")
		frappe.db.set_value("PAR Assessment Line", line(doc, "1.3").name, "explanation_requested", 1)
		frappe.set_user(USER_A)
		doc = frappe.get_doc("PAR Assessment", self.name)
		line(doc, "2.1").self_input = 60.0
		line(doc, "1.4").self_input = 85.50
		line(doc, "1.3").explanation = "Budget line 12 of the 2031 plan"
		doc.save()
		doc.reload()
		self.assertEqual((line(doc, "2.1").self_input, line(doc, "1.4").self_input), ("60", "85.5"))
