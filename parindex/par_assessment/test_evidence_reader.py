# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""The evidence reader: number and date read from a text PDF, a DOCX and a scan the test makes; the job
writes them on the row, the flags compare them with what the unit entered and the due date; the form
never waits for it."""

import datetime
from unittest.mock import patch

import frappe

from parindex.par_assessment import evidence_reader, flags, lines
from parindex.par_assessment.evidence_reader import ocr_available, read_assessment, read_document
from parindex.tests import ParIndexTestCase
from parindex.demo import documents as make
from parindex.tests.factories import active_set_with_assessments

UNIT = "_Test Reader Unit"
ISSUED = datetime.date(2031, 1, 5)  # the small set's 1.1.1 is due 2030-12-31


def attach(assessment: str, name: str, content: bytes) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": name,
				"attached_to_doctype": "PAR Assessment",
				"attached_to_name": assessment,
				"is_private": 1,
				"content": content,
			}
		)
		.insert()
		.file_url
	)


class TestEvidenceReader(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments((UNIT,), year=2031)
		self.name = names[UNIT]

	def test_each_kind_of_document_is_read(self):
		for filename, content in (
			("quyet-dinh.pdf", make.text_pdf("12/KH-UBND", ISSUED)),
			("quyet-dinh.docx", make.docx("45/2031/NQ-HĐND", ISSUED)),
		):
			found = read_document(filename, content)
			self.assertEqual(found["read_date"], ISSUED, filename)
			self.assertIn(found["read_number"], ("12/KH-UBND", "45/2031/NQ-HĐND"))
		scan = read_document("scan.pdf", make.scanned_pdf("7/QĐ-UBND", ISSUED, seed=3))
		if ocr_available():
			self.assertEqual((scan["read_number"], scan["read_date"]), ("7/QĐ-UBND", ISSUED))
		else:
			self.assertIsNone(scan["read_date"])
			self.assertIn("OCR", scan["reading"])
		with patch.object(evidence_reader, "ocr_available", return_value=False):
			self.assertIn("OCR", read_document("scan.pdf", make.scanned_pdf("7/QĐ-UBND", ISSUED))["reading"])
		# anything else is not read, and says so
		self.assertIn("PDF", read_document("anh.png", b"\x89PNG....")["reading"])
		self.assertIsNone(read_document("hong.pdf", b"%PDF-1.4 broken")["read_number"])

	def test_the_job_writes_on_the_row_and_the_flags_compare(self):
		doc = frappe.get_doc("PAR Assessment", self.name)
		line = next(row for row in doc.lines if row.code == "1.1.1")
		line.self_input = "2030-12-20"  # claimed done on time
		url = attach(self.name, "ke-hoach.pdf", make.text_pdf("12/KH-UBND", ISSUED))
		doc.append("evidence", {"criterion_code": "1.1.1", "file": url, "description": "Kế hoạch"})
		with patch("frappe.enqueue") as enqueued:
			doc.save()
		# the save only queues the reading, after the commit
		self.assertEqual(enqueued.call_args.kwargs["assessment"], self.name)
		self.assertTrue(enqueued.call_args.kwargs["enqueue_after_commit"])
		self.assertIsNone(frappe.db.get_value("PAR Evidence", doc.evidence[0].name, "read_number"))
		self.assertEqual(read_assessment(self.name), 1)
		row = frappe.db.get_value(
			"PAR Evidence", doc.evidence[0].name, ["read_number", "read_date", "document_date", "reading"], as_dict=True
		)
		self.assertEqual((row.read_number, row.read_date, row.document_date), ("12/KH-UBND", ISSUED, ISSUED))
		self.assertEqual(read_assessment(self.name), 0)  # read once
		# the flags: done "on time" but the plan is dated after the due date, and not the date entered
		doc = frappe.get_doc("PAR Assessment", self.name)
		flags.flag_document(doc, lines.compiled_set(doc.criteria_set))
		codes = next(row for row in doc.lines if row.code == "1.1.1").flag_codes.split(",")
		self.assertIn("on_time_late_evidence", codes)
		self.assertIn("evidence_date_differs", codes)

	def test_only_deadline_criteria_are_read(self):
		doc = frappe.get_doc("PAR Assessment", self.name)
		url = attach(self.name, "bao-cao.pdf", make.docx("3/BC-UBND", ISSUED))
		doc.append("evidence", {"criterion_code": "1.1.2", "file": url})  # a threshold rule
		with patch("frappe.enqueue") as enqueued:
			doc.save()
		enqueued.assert_not_called()
		self.assertEqual(evidence_reader.to_read(doc), [])
