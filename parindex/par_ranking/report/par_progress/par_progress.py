# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Progress: where each unit's assessment stands, and who is past a deadline."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from parindex.par_ranking.report.common import WORKFLOW_STATES, chart, column, never_raises

WITH_UNIT = ("Draft", "Explanation Requested")
WITH_APPRAISERS = ("Submitted", "Under Appraisal", "Explained")
APPRAISED = ("Appraised", "Approved")
STATE_COLORS = {
	"Draft": "#8d99a6",
	"Submitted": "#2490ef",
	"Under Appraisal": "#5e64ff",
	"Explanation Requested": "#ffa00a",
	"Explained": "#743ee2",
	"Appraised": "#29cd42",
	"Approved": "#2f9d58",
}


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.criteria_set:
		return columns(), [], None, None
	today = getdate()
	# get_list applies the user's permissions: a unit's user sees only their own unit's assessment
	assessments = frappe.get_list(
		"PAR Assessment",
		filters={"criteria_set": filters.criteria_set, "docstatus": ("<", 2)},
		fields=["name", "unit", "workflow_state", "self_assessment_deadline", "appraisal_deadline"],
		order_by="unit asc",
	)
	data = [progress_row(a, today) for a in assessments]
	return columns(), data, None, state_chart(data), summary(data)


def columns() -> list[dict]:
	return [
		column("unit", _("Unit"), "Link", 220, options="PAR Unit"),
		column("assessment", _("Assessment"), "Link", 150, options="PAR Assessment"),
		column("workflow_state", _("Workflow state"), "Data", 160),
		column("self_assessment_deadline", _("Self-assessment deadline"), "Date", 150),
		column("appraisal_deadline", _("Appraisal deadline"), "Date", 140),
		column("submitted", _("Submitted"), "Check", 90),
		column("appraised", _("Appraised"), "Check", 90),
		column("overdue", _("Overdue"), "Data", 180),
	]


def progress_row(assessment, today) -> dict:
	state = assessment.workflow_state or "Draft"
	return {
		"unit": assessment.unit,
		"assessment": assessment.name,
		"workflow_state": _(state),
		"state": state,
		"self_assessment_deadline": assessment.self_assessment_deadline,
		"appraisal_deadline": assessment.appraisal_deadline,
		"submitted": int(state != "Draft"),
		"appraised": int(state in APPRAISED),
		"overdue": overdue(state, assessment, today),
	}


def overdue(state: str, assessment, today) -> str:
	deadline = assessment.self_assessment_deadline
	if state in WITH_UNIT and deadline and today > getdate(deadline):
		return _("Self-assessment overdue")
	deadline = assessment.appraisal_deadline
	if state in WITH_APPRAISERS and deadline and today > getdate(deadline):
		return _("Appraisal overdue")
	return ""


def state_chart(data: list[dict]) -> dict | None:
	counts = {state: sum(1 for row in data if row["state"] == state) for state in WORKFLOW_STATES}
	shown = [state for state in WORKFLOW_STATES if counts[state]]
	return chart(
		[_(state) for state in shown],
		[{"name": _("Assessments"), "values": [counts[state] for state in shown]}],
		kind="donut",
		colors=[STATE_COLORS[state] for state in shown],
	)


def summary(data: list[dict]) -> list[dict]:
	count = len(data)
	return [
		{"value": count, "label": _("Assessments"), "datatype": "Int", "indicator": "Grey"},
		{
			"value": sum(r["submitted"] for r in data),
			"label": _("Submitted"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"value": sum(r["appraised"] for r in data),
			"label": _("Appraised"),
			"datatype": "Int",
			"indicator": "Green" if count else "Grey",
		},
		{
			"value": sum(1 for r in data if r["overdue"]),
			"label": _("Overdue"),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
