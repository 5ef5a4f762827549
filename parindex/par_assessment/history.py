"""Who changed which criterion's score or remark, from what to what, and when (from Version records)."""

import json

import frappe
from frappe import _

from parindex.refusals import existing

TRACKED = (
	"self_input",
	"not_applicable",
	"self_score",
	"appraised_input",
	"appraised_score",
	"appraiser_remark",
	"explanation_requested",
	"explanation",
	"final_score",
)


@frappe.whitelist()
def get_score_history(assessment: str) -> list[dict]:
	"""Every tracked change of the assessment's lines, newest first."""
	doc = existing("PAR Assessment", assessment)
	doc.check_permission("read")
	meta = frappe.get_meta("PAR Assessment Line")
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
	for row in rows:
		data = json.loads(row.data or "{}")
		for table, _idx, row_name, changes in data.get("row_changed", []):
			if table != "lines":
				continue
			for fieldname, old, new in changes:
				if fieldname in TRACKED:
					history.append(
						{
							"code": code_of.get(row_name, ""),
							"field": _(meta.get_label(fieldname)),
							"old": old,
							"new": new,
							"user": row.owner,
							"user_name": frappe.utils.get_fullname(row.owner),
							"when": row.creation,
						}
					)
	return history
