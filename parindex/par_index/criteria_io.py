"""Criteria workbooks in the desk: download the template, export a set, import a workbook into a set."""

import frappe
from frappe import _

from parindex.par_index import criteria
from parindex.refusals import existing
from parindex.scoring.errors import ScoringError
from parindex.scoring.numbers import fmt
from parindex.workbooks.criteria import GUIDE, read_criteria, write_criteria


def _lang() -> str:
	return "vi" if (frappe.local.lang or "").startswith("vi") else "en"


def _guide():
	return [(_(topic), _(text)) for topic, text in GUIDE]


def _send(filename: str, content: bytes) -> None:
	frappe.response["filename"] = filename
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"


@frappe.whitelist()
def download_template():
	"""A blank criteria workbook with its guide sheet, headers in the user's language."""
	frappe.has_permission("PAR Criteria Set", "read", throw=True)
	_send(_("criteria_template") + ".xlsx", write_criteria([], _lang(), _guide()))


def workbook_of(criteria_set: str) -> bytes:
	return write_criteria(criteria.load_rows(criteria_set), _lang(), _guide())


@frappe.whitelist()
def export_criteria(criteria_set: str):
	"""The set's criteria in the template's layout; importing the file gives the same set back."""
	existing("PAR Criteria Set", criteria_set).check_permission("read")
	_send(f"{criteria_set}.xlsx", workbook_of(criteria_set))


@frappe.whitelist(methods=["POST"])
def import_criteria(criteria_set: str, file_url: str) -> dict:
	"""Replace a Draft set's criteria with a workbook's; any problem refuses the whole file."""
	set_doc = existing("PAR Criteria Set", criteria_set)
	set_doc.check_permission("write")
	criteria.assert_set_editable(criteria_set)
	return import_rows(set_doc, file_content(file_url, "PAR Criteria Set", criteria_set))


def import_rows(set_doc, content: bytes) -> dict:
	try:
		rows = read_criteria(content)
	except ScoringError as error:
		criteria.throw_problems(error.problems, _("The workbook was not imported"))
	tree, problems = criteria.set_problems(set_doc, rows, fill_maxima=True)
	criteria.throw_problems(problems, _("The workbook was not imported"))
	criteria.delete_criteria(set_doc.name)
	criteria.insert_criteria(set_doc.name, rows)
	set_doc.update(criteria.set_counts(rows))
	set_doc.save()
	set_doc.add_comment(
		"Info",
		_("Imported {0} criteria ({1} points) from a workbook.").format(len(rows), fmt(tree.total_max)),
	)
	return {"criteria": len(rows), "total": float(tree.total_max)}


def file_content(file_url: str, doctype: str | None = None, name: str | None = None) -> bytes:
	"""The bytes of an uploaded file, preferring the File attached to the given document."""
	filters = {"file_url": file_url}
	if doctype and name:
		filters.update(attached_to_doctype=doctype, attached_to_name=name)
	file_name = frappe.db.get_value("File", filters, "name") or frappe.db.get_value(
		"File", {"file_url": file_url}, "name"
	)
	if not file_name:
		frappe.throw(_("The file {0} was not found.").format(file_url), title=_("Missing file"))
	file_doc = frappe.get_doc("File", file_name)
	file_doc.check_permission("read")
	content = file_doc.get_content()
	return content if isinstance(content, bytes) else content.encode()
