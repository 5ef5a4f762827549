"""Who changed which criterion's score or remark, from what to what, and when (from Version records).

Tracked are the fields units and appraisers fill in (permission levels 1 and 2, so a field an admin
adds with Customize Form is tracked too) and the scores computed from them.
"""

import json

import frappe
from frappe import _

from parindex.par_assessment.entry import as_read
from parindex.par_assessment.workflow import (
	APPRAISER_LEVEL,
	UNIT_LEVEL,
	appraisal_columns,
	editable_fields,
	unit_columns,
)
from parindex.refusals import existing

#: the scores computed from what is filled in
SCORES = ("self_score", "appraised_score", "survey_score", "final_score")


def tracked_line_fields() -> set[str]:
	return {*unit_columns(), *appraisal_columns(), *SCORES}


def tracked_own_fields() -> set[str]:
	return {
		*editable_fields("PAR Assessment", UNIT_LEVEL),
		*editable_fields("PAR Assessment", APPRAISER_LEVEL),
	}


@frappe.whitelist()
def get_score_history(assessment: str) -> list[dict]:
	"""Every tracked change of the assessment's lines, newest first."""
	doc = existing("PAR Assessment", assessment)
	doc.check_permission("read")
	meta, own_meta = frappe.get_meta("PAR Assessment Line"), frappe.get_meta("PAR Assessment")
	tracked, own = tracked_line_fields(), tracked_own_fields()
	code_of = {line.name: line.code for line in doc.lines}
	version = frappe.qb.DocType("Version")
	rows = (
		frappe.qb.from_(version)
		.select(version.owner, version.creation, version.data)
		.where((version.ref_doctype == "PAR Assessment") & (version.docname == assessment))
		.orderby(version.creation, order=frappe.qb.desc)
		.run(as_dict=True)
	)
	history = []

	def add(code: str, label: str, old, new, row, by_survey: bool = False) -> None:
		name = frappe.utils.get_fullname(row.owner)
		history.append(
			{
				"code": code,
				"field": _(label),
				"old": as_read(old),
				"new": as_read(new),
				"user": row.owner,
				# the survey's write-back: said as such, with who closed or recomputed the survey
				"user_name": _("Sociological survey ({0})").format(name) if by_survey else name,
				"when": row.creation,
			}
		)

	for row in rows:
		data = json.loads(row.data or "{}")
		by_survey = data.get("parindex_source") == "survey"
		for fieldname, old, new in data.get("changed", []):
			if fieldname in own:
				add("", own_meta.get_label(fieldname), old, new, row)
		for table, _idx, row_name, changes in data.get("row_changed", []):
			if table != "lines":
				continue
			for fieldname, old, new in changes:
				if fieldname in tracked:
					add(code_of.get(row_name, ""), meta.get_label(fieldname), old, new, row, by_survey)
	return history
