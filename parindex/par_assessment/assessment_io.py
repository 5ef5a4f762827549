"""An assessment as a workbook: export it, fill it in offline, import it back.

Import goes through the same save as the form: the same rules, workflow states and permissions. Only
the columns the user may edit (by permission level) are read from the file.
"""

import frappe
from frappe import _

from parindex.par_assessment import lines
from parindex.par_assessment.entry import rule_words
from parindex.par_assessment.workflow import APPRAISER_LEVEL, UNIT_LEVEL
from parindex.par_index import criteria
from parindex.par_index.criteria_io import file_content
from parindex.refusals import existing
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, ScoringError
from parindex.workbooks.assessment import COLUMNS, read_assessment, write_assessment
from parindex.workbooks.common import Column


@frappe.whitelist()
def export_assessment(assessment: str):
	doc = existing("PAR Assessment", assessment)
	doc.check_permission("read")
	lang = "vi" if (frappe.local.lang or "").startswith("vi") else "en"
	title = f"{doc.unit} — {doc.criteria_set} — {doc.name}"
	words = rule_words(doc.criteria_set)
	rows = [{**line.as_dict(), "rule_summary": words.get(line.code, "")} for line in doc.lines]
	content = write_assessment(title, rows, lang, added_columns())
	frappe.response["filename"] = f"{doc.name}.xlsx"
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"


def added_columns() -> tuple[Column, ...]:
	"""Columns for the fields a province added to the lines with Customize Form (units' or appraisers')."""
	from frappe.model import no_value_fields, table_fields

	return tuple(
		Column(df.fieldname, df.label, _(df.label), 20, editable=True, flag=df.fieldtype == "Check")
		for df in frappe.get_meta("PAR Assessment Line").fields
		if df.get("is_custom_field")
		and df.permlevel in (UNIT_LEVEL, APPRAISER_LEVEL)
		and not df.read_only
		and df.fieldtype not in no_value_fields
		and df.fieldtype not in table_fields
	)


def editable_columns(doc) -> set[str]:
	"""The workbook columns this user may write, by permission level of the line fields."""
	meta = frappe.get_meta("PAR Assessment Line")
	levels = set(doc.get_permlevel_access("write"))
	return {
		c.key for c in COLUMNS + added_columns() if c.editable and meta.get_field(c.key).permlevel in levels
	}


@frappe.whitelist(methods=["POST"])
def import_assessment(assessment: str, file_url: str) -> dict:
	doc = existing("PAR Assessment", assessment)
	doc.check_permission("write")
	return apply_workbook(doc, file_content(file_url, "PAR Assessment", assessment))


def apply_workbook(doc, content: bytes) -> dict:
	"""Copy the editable columns of the workbook into the assessment and save it; all or nothing."""
	try:
		imported = read_assessment(content, editable_columns(doc), added_columns())
	except ScoringError as error:
		criteria.throw_problems(error.problems, _("The workbook was not imported"))
	by_code = {line.code: line for line in doc.lines}
	row_of = {item.code: item.row for item in imported}
	problems = [
		Problem(M.UNKNOWN_CRITERION, (item.code,), item.code, item.row)
		for item in imported
		if item.code not in by_code
	]
	changed = 0
	for item in imported:
		line = by_code.get(item.code)
		if line is None:
			continue
		for key, value in item.values.items():
			if (line.get(key) or "") != (value or ""):
				line.set(key, value)
				changed += 1
	problems += [
		Problem(p.template, p.args, p.code, row_of.get(p.code))
		for p in lines.score(doc, lines.compiled_set(doc.criteria_set))
	]
	criteria.throw_problems(problems, _("The workbook was not imported"))
	doc.save()
	return {"changed": changed}
