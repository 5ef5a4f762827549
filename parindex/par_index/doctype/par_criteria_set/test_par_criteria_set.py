# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import io

import frappe
from parindex.tests import ParIndexTestCase
from openpyxl import load_workbook

from parindex.par_index import criteria
from parindex.par_index.criteria_io import import_rows, workbook_of
from parindex.sample import WORKBOOK
from parindex.tests.factories import make_criteria_set, small_tree, small_workbook
from parindex.workbooks.criteria import read_criteria, write_criteria


def criteria_count(criteria_set: str) -> int:
	return frappe.db.count("PAR Criterion", {"criteria_set": criteria_set})


class TestPARCriteriaSet(ParIndexTestCase):
	def test_import_sample_workbook(self):
		set_doc = make_criteria_set()
		with open(WORKBOOK, "rb") as handle:
			result = import_rows(set_doc, handle.read())
		set_doc.reload()
		self.assertEqual(result["total"], 100)
		self.assertEqual((set_doc.appraised_max, set_doc.survey_max, set_doc.total_max), (75, 25, 100))
		self.assertEqual(set_doc.field_count, 8)
		self.assertEqual(criteria_count(set_doc.name), result["criteria"])
		self.assertEqual(set_doc.field_count + set_doc.criteria_count, result["criteria"])
		self.assert_nested_set_is_valid(set_doc.name)

	def assert_nested_set_is_valid(self, criteria_set):
		rows = frappe.get_all(
			"PAR Criterion",
			filters={"criteria_set": criteria_set},
			fields=["name", "code", "lft", "rgt", "parent_par_criterion", "is_group", "rule_kind"],
		)
		by_name = {r.name: r for r in rows}
		for r in rows:
			self.assertLess(r.lft, r.rgt)
			self.assertEqual(r.is_group, 0 if r.rule_kind else 1)
			if r.parent_par_criterion:
				parent = by_name[r.parent_par_criterion]
				self.assertTrue(parent.lft < r.lft and r.rgt < parent.rgt, r.code)
				self.assertEqual(parent.code, r.code.rpartition(".")[0])
			if not r.is_group:
				self.assertEqual(r.rgt, r.lft + 1, r.code)
		# frappe's own nested-set queries see the imported tree
		descendants = frappe.db.get_descendants("PAR Criterion", criteria.criterion_name(criteria_set, "1"))
		self.assertTrue(all(by_name[d].code.startswith("1.") for d in descendants))

	def test_export_then_import_gives_the_same_set(self):
		first = make_criteria_set()
		import_rows(first, small_workbook())
		exported = workbook_of(first.name)
		second = make_criteria_set(year=2032)
		import_rows(second, exported)
		self.assertEqual(criteria.load_rows(first.name), criteria.load_rows(second.name))
		self.assertEqual(read_criteria(exported), criteria.load_rows(first.name))
		self.assertEqual((second.appraised_max, second.survey_max), (8, 2))

	def test_broken_workbook_lists_every_row_and_saves_nothing(self):
		set_doc = make_criteria_set()
		import_rows(set_doc, small_workbook())
		before = criteria.load_rows(set_doc.name)
		rows = small_tree()
		rows[2].max_score = rows[2].max_score + 1  # 1.1.1 now 2: 1.1 no longer adds up
		rows[3].code = "1.9.1"  # parent 1.9 missing
		book = load_workbook(io.BytesIO(write_criteria(rows)))
		book.active["C8"] = "many"  # row 8 = 2.1: max is not a number
		buffer = io.BytesIO()
		book.save(buffer)
		with self.assertRaises(frappe.ValidationError) as caught:
			import_rows(set_doc, buffer.getvalue())
		message = str(caught.exception)
		self.assertIn("Row 6", message)  # 1.9.1: its parent 1.9 does not exist
		self.assertIn("Row 8", message)  # 2.1: the maximum is not a number
		self.assertEqual(criteria.load_rows(set_doc.name), before)

	def test_import_refuses_a_workbook_that_contradicts_the_set_maxima(self):
		set_doc = make_criteria_set(appraised_max=70, survey_max=30)
		with self.assertRaises(frappe.ValidationError) as caught:
			import_rows(set_doc, small_workbook())
		self.assertIn("70", str(caught.exception))
		self.assertEqual(criteria_count(set_doc.name), 0)

	def test_activation_checks_the_whole_tree(self):
		set_doc = make_criteria_set()
		import_rows(set_doc, small_workbook())
		frappe.db.set_value("PAR Criterion", criteria.criterion_name(set_doc.name, "1.1.2"), "max_score", 3)
		set_doc.reload()
		set_doc.status = "Active"
		with self.assertRaises(frappe.ValidationError) as caught:
			set_doc.save()
		self.assertIn("1.1", str(caught.exception))
		self.assertEqual(frappe.db.get_value("PAR Criteria Set", set_doc.name, "status"), "Draft")

	def test_active_set_locks_its_rules_until_back_to_draft(self):
		set_doc = make_criteria_set()
		import_rows(set_doc, small_workbook())
		set_doc.reload()
		set_doc.status = "Active"
		set_doc.save()
		criterion = frappe.get_doc("PAR Criterion", criteria.criterion_name(set_doc.name, "2.1"))
		criterion.max_score = 4
		self.assertRaises(frappe.ValidationError, criterion.save)
		set_doc.reload()
		set_doc.appraised_max = 9
		self.assertRaises(frappe.ValidationError, set_doc.save)
		set_doc.reload()
		set_doc.status = "Draft"
		set_doc.save()
		criterion.reload()
		criterion.title = "Online applications, whole process"
		criterion.save()

	def test_one_active_set_per_group_and_year(self):
		first = make_criteria_set()
		import_rows(first, small_workbook())
		first.reload()
		first.status = "Active"
		first.save()
		second = make_criteria_set()
		import_rows(second, small_workbook())
		second.reload()
		second.status = "Active"
		self.assertRaises(frappe.ValidationError, second.save)

	def test_copy_to_a_new_year(self):
		source = make_criteria_set(self_assessment_deadline="2031-11-30")
		import_rows(source, small_workbook())
		source.reload()
		name = source.copy_to_new_year(2033)
		copy = frappe.get_doc("PAR Criteria Set", name)
		self.assertEqual((copy.year, copy.status, copy.copied_from), (2033, "Draft", source.name))
		self.assertEqual(str(copy.self_assessment_deadline), "2033-11-30")
		self.assertEqual(criteria_count(name), criteria_count(source.name))
		plan = frappe.get_doc("PAR Criterion", criteria.criterion_name(name, "1.1.1"))
		self.assertEqual(str(plan.due_date), "2032-12-31")
		self.assertEqual(copy.title, "_Test criteria 2033")
		self.assert_nested_set_is_valid(name)

	def test_bands_and_deadlines_are_validated(self):
		self.assertRaises(
			frappe.ValidationError,
			make_criteria_set,
			bands=[{"band_label": "Tốt", "min_index": 90}, {"band_label": "Khá", "min_index": 90}],
		)
		self.assertRaises(
			frappe.ValidationError,
			make_criteria_set,
			self_assessment_deadline="2031-12-01",
			appraisal_deadline="2031-11-01",
		)
		doc = make_criteria_set(
			bands=[{"band_label": "Khá", "min_index": 80}, {"band_label": "Tốt", "min_index": 90}]
		)
		self.assertEqual([b.band_label for b in doc.bands], ["Tốt", "Khá"])

	def test_deleting_a_set_deletes_its_criteria(self):
		set_doc = make_criteria_set()
		import_rows(set_doc, small_workbook())
		names = frappe.get_all("PAR Criterion", {"criteria_set": set_doc.name}, pluck="name")
		set_doc.delete()
		self.assertEqual(criteria_count(set_doc.name), 0)
		self.assertFalse(frappe.get_all("PAR Criterion Option", {"parent": ("in", names)}))

	def test_check_criteria_reports_problems(self):
		set_doc = make_criteria_set()
		import_rows(set_doc, small_workbook())
		set_doc.reload()
		set_doc.check_criteria()  # consistent: no exception
		frappe.db.set_value("PAR Criteria Set", set_doc.name, "survey_max", 3)
		set_doc.reload()
		with self.assertRaises(frappe.ValidationError) as caught:
			set_doc.check_criteria()
		self.assertIn("survey", str(caught.exception))


class TestCriteriaWorkbookEndpoints(ParIndexTestCase):
	def attach(self, set_doc, content: bytes) -> str:
		file_doc = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "criteria.xlsx",
				"attached_to_doctype": "PAR Criteria Set",
				"attached_to_name": set_doc.name,
				"is_private": 1,
				"content": content,
			}
		).insert()
		return file_doc.file_url

	def test_import_an_attached_workbook_and_download_it_back(self):
		from parindex.par_index.criteria_io import download_template, export_criteria, import_criteria

		set_doc = make_criteria_set()
		result = import_criteria(set_doc.name, self.attach(set_doc, small_workbook()))
		self.assertEqual(result, {"criteria": 9, "total": 10.0})
		export_criteria(set_doc.name)
		self.assertEqual(frappe.response["type"], "binary")
		self.assertEqual(read_criteria(frappe.response["filecontent"]), criteria.load_rows(set_doc.name))
		download_template()
		template = load_workbook(io.BytesIO(frappe.response["filecontent"]))
		self.assertEqual(template.active["A1"].value, "Code")
		blank = [c.value for row in template.active.iter_rows(min_row=2) for c in row if c.value is not None]
		self.assertEqual(blank, [])
		self.assertEqual(template.active["A2"].number_format, "@")  # codes stay text: 1.10 ≠ 1.1
		self.assertIn("Guide", template.sheetnames)

	def test_a_user_without_write_access_cannot_import(self):
		from parindex.par_index.criteria_io import import_criteria

		set_doc = make_criteria_set()
		file_url = self.attach(set_doc, small_workbook())
		user = "par-reader@example.com"
		if not frappe.db.exists("User", user):
			frappe.get_doc({"doctype": "User", "email": user, "first_name": "Reader"}).insert()
		with self.set_user(user):
			self.assertRaises(frappe.PermissionError, import_criteria, set_doc.name, file_url)
		self.assertEqual(criteria_count(set_doc.name), 0)

	def test_import_into_an_active_set_is_refused(self):
		from parindex.par_index.criteria_io import import_criteria

		set_doc = make_criteria_set()
		import_rows(set_doc, small_workbook())
		set_doc.reload()
		set_doc.status = "Active"
		set_doc.save()
		rows = small_tree()[:5]  # field 1 only
		with self.assertRaises(frappe.ValidationError):
			import_criteria(set_doc.name, self.attach(set_doc, write_criteria(rows)))
		self.assertEqual(criteria_count(set_doc.name), 9)


class TestActiveSets(ParIndexTestCase):
	def active_set(self):
		set_doc = make_criteria_set()
		import_rows(set_doc, small_workbook())
		set_doc.reload()
		set_doc.status = "Active"
		set_doc.save()
		return set_doc

	def test_titles_and_guidance_can_be_corrected_but_not_rules(self):
		set_doc = self.active_set()
		criterion = frappe.get_doc("PAR Criterion", criteria.criterion_name(set_doc.name, "2.1"))
		criterion.title = "Online applications processed end to end"
		criterion.guidance = "Rate from the public service portal report of 15 December."
		criterion.save()
		criterion.rule_kind = "Manual"
		self.assertRaises(frappe.ValidationError, criterion.save)
		criterion.reload()
		criterion.evidence_required = 1
		self.assertRaises(frappe.ValidationError, criterion.save)

	def test_year_and_group_are_locked_outside_draft(self):
		set_doc = self.active_set()
		set_doc.year = 2040
		self.assertRaises(frappe.ValidationError, set_doc.save)

	def test_every_way_into_active_checks_the_tree(self):
		set_doc = make_criteria_set()
		import_rows(set_doc, small_workbook())
		frappe.db.set_value("PAR Criterion", criteria.criterion_name(set_doc.name, "2.1"), "max_score", 4)
		set_doc.reload()
		set_doc.status = "Closed"
		set_doc.save()
		set_doc.status = "Active"
		with self.assertRaises(frappe.ValidationError) as caught:
			set_doc.save()
		self.assertIn("Criterion 2", str(caught.exception))
