"""The evidence reader (Trợ lý tài liệu kiểm chứng): when a unit attaches a document to a criterion with
a deadline rule, a background job reads the document's number and issue date and writes them on the
evidence row; the flags then compare the date with what the unit entered and with the rule's due date
(:mod:`parindex.par_assessment.flags`).

- a PDF with text: its first pages' text, through the PDF library Frappe ships (pypdf);
- a DOCX: the text of its ``word/document.xml``;
- a scanned PDF (no text): its first page rendered (``pdftoppm``) and read by OCR (``tesseract`` with
  the Vietnamese language data, from the system's packages); without them the reader says it cannot
  read scans;
- anything else: not read.

The number and date are found by :mod:`parindex.scoring.documents`. The form never waits: the job runs
after the save, and a failure leaves a note on the row, never an error for the unit.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import frappe
from frappe import _

from parindex.scoring.documents import read_reference

#: pages read from a PDF with text, and scanned pages read by OCR
TEXT_PAGES, SCANNED_PAGES = 2, 1
#: below this many letters a PDF's text layer is taken as empty: a scan
SCAN_BELOW = 20
OCR_SECONDS = 60
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class CannotRead(Exception):
	"""The document could not be read; the message says why, for the evidence row."""


def text_of(filename: str, content: bytes) -> tuple[str, str]:
	"""(text, how it was read: "text", "docx" or "ocr") of a document."""
	suffix = Path(filename or "").suffix.lower()
	if suffix == ".docx" or content[:2] == b"PK":
		return _docx_text(content), "docx"
	if suffix == ".pdf" or content[:5] == b"%PDF-":
		text = _pdf_text(content)
		if len(re.findall(r"\w", text)) >= SCAN_BELOW:
			return text, "text"
		return _ocr(content), "ocr"
	raise CannotRead(_("Only PDF and DOCX documents are read."))


def _pdf_text(content: bytes) -> str:
	from pypdf import PdfReader

	try:
		reader = PdfReader(io.BytesIO(content))
		return "\n".join((page.extract_text() or "") for page in reader.pages[:TEXT_PAGES])
	except Exception as error:
		raise CannotRead(_("The PDF could not be opened.")) from error


def _docx_text(content: bytes) -> str:
	try:
		with zipfile.ZipFile(io.BytesIO(content)) as book:
			root = ElementTree.fromstring(book.read("word/document.xml"))
	except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
		raise CannotRead(_("The DOCX document could not be opened.")) from error
	paragraphs = []
	for paragraph in root.iter(f"{_WORD}p"):
		paragraphs.append("".join(node.text or "" for node in paragraph.iter(f"{_WORD}t")))
	return "\n".join(paragraphs)


def ocr_available() -> bool:
	"""Whether scans can be read here: tesseract with its Vietnamese data, and pdftoppm."""
	if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
		return False
	listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
	return "vie" in listed.stdout.split()


def _ocr(content: bytes) -> str:
	if not ocr_available():
		raise CannotRead(_("This is a scan, and this server cannot read scans (OCR is not installed)."))
	with tempfile.TemporaryDirectory(prefix="parindex-ocr-") as folder:
		pdf = Path(folder) / "scan.pdf"
		pdf.write_bytes(content)
		subprocess.run(
			[
				"pdftoppm",
				"-r",
				"300",
				"-gray",
				"-png",
				"-f",
				"1",
				"-l",
				str(SCANNED_PAGES),
				str(pdf),
				str(pdf.with_suffix("")),
			],
			check=True,
			timeout=OCR_SECONDS,
			capture_output=True,
		)
		texts = []
		for image in sorted(Path(folder).glob("scan*.png")):
			done = subprocess.run(
				["tesseract", str(image), "-", "-l", "vie", "--psm", "4"],
				capture_output=True,
				text=True,
				timeout=OCR_SECONDS,
			)
			texts.append(done.stdout)
		return "\n".join(texts)


def read_document(filename: str, content: bytes) -> dict:
	"""What the reader writes on an evidence row: number, date and a note."""
	try:
		text, how = text_of(filename, content)
	except CannotRead as refusal:
		return {"read_number": None, "read_date": None, "reading": str(refusal)}
	except (subprocess.SubprocessError, OSError):
		frappe.log_error(title=_("Evidence reader"))
		return {"read_number": None, "read_date": None, "reading": _("The document could not be read.")}
	found = read_reference(text)
	how_read = {"text": _("read from its text"), "docx": _("read from its text"), "ocr": _("read by OCR")}[
		how
	]
	if found.number is None and found.issued is None:
		note = _("No number or date found ({0}).").format(how_read)
	elif found.number is None or found.issued is None:
		note = _("Only part of the heading found ({0}).").format(how_read)
	else:
		note = _("Number and date found ({0}).").format(how_read)
	return {"read_number": found.number, "read_date": found.issued, "reading": note}


def to_read(doc) -> list:
	"""The evidence rows of an assessment still to read: a file on a criterion with a deadline rule."""
	deadline = {line.code for line in doc.lines if line.rule_kind == "Deadline"}
	return [
		row
		for row in doc.get("evidence") or []
		if row.file and row.criterion_code in deadline and not row.reading
	]


def queue(doc) -> None:
	"""PAR Assessment on_update: read its new deadline evidence in the background, after the commit."""
	if to_read(doc):
		frappe.enqueue(
			"parindex.par_assessment.evidence_reader.read_assessment",
			queue="long",
			job_id=f"parindex-evidence-reader::{doc.name}",
			deduplicate=True,
			enqueue_after_commit=True,
			assessment=doc.name,
		)


def read_assessment(assessment: str) -> int:
	"""The job: read each evidence row still to read, write what was found on it (and the date on the
	row where the unit gave none), refresh the flags once the unit has submitted; how many were read."""
	from parindex.par_assessment import flags, lines
	from parindex.par_assessment.stages import stage_of
	from parindex.process import Stage

	doc = frappe.get_doc("PAR Assessment", assessment)
	rows = to_read(doc)
	for row in rows:
		found = read_document(*_file(row.file))
		values = {**found, "document_date": row.document_date or found["read_date"]}
		frappe.db.set_value("PAR Evidence", row.name, values, update_modified=False)
		row.update(values)
	if rows and stage_of(doc.workflow_state) != Stage.SELF_ASSESSMENT:
		flags.flag_document(doc, lines.compiled_set(doc.criteria_set))
		for line in doc.lines:
			frappe.db.set_value(
				"PAR Assessment Line",
				line.name,
				{"flag_codes": line.flag_codes, "flag_reasons": line.flag_reasons},
				update_modified=False,
			)
		frappe.db.set_value(
			"PAR Assessment", doc.name, "flagged_lines", doc.flagged_lines, update_modified=False
		)
	return len(rows)


def _file(file_url: str) -> tuple[str, bytes]:
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		return file_url, b""
	file_doc = frappe.get_doc("File", name)
	return file_doc.file_name or file_url, file_doc.get_content()
