# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Progress: where each unit's assessment stands, and who is past a deadline."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from parindex.par_assessment.stages import stage_of, stages
from parindex.par_ranking.report.common import chart, column, never_raises
from parindex.process import DONE, WITH_APPRAISERS, WITH_UNIT, Stage

#: a state is drawn in its stage's colour (states an admin added take their stage's)
STAGE_COLORS = {
	Stage.SELF_ASSESSMENT: "#8d99a6",
	Stage.SUBMITTED: "#2490ef",
	Stage.APPRAISAL: "#5e64ff",
	Stage.EXPLANATION: "#ffa00a",
	Stage.APPRAISED: "#29cd42",
	Stage.APPROVED: "#2f9d58",
}
OTHER_COLOR = "#b8c2cc"


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
	state = assessment.workflow_state or ""
	stage = stage_of(state)
	return {
		"unit": assessment.unit,
		"assessment": assessment.name,
		"workflow_state": _(state),
		"state": state,
		"self_assessment_deadline": assessment.self_assessment_deadline,
		"appraisal_deadline": assessment.appraisal_deadline,
		"submitted": int(stage not in (None, Stage.SELF_ASSESSMENT)),
		"appraised": int(stage in DONE),
		"overdue": overdue(stage, assessment, today),
	}


def overdue(stage: Stage | None, assessment, today) -> str:
	deadline = assessment.self_assessment_deadline
	if stage in WITH_UNIT and deadline and today > getdate(deadline):
		return _("Self-assessment overdue")
	deadline = assessment.appraisal_deadline
	if stage in WITH_APPRAISERS and deadline and today > getdate(deadline):
		return _("Appraisal overdue")
	return ""


def state_chart(data: list[dict]) -> dict | None:
	order = stages()
	counts: dict[str, int] = {}
	for row in data:
		counts[row["state"]] = counts.get(row["state"], 0) + 1
	shown = [state for state in order if counts.get(state)]
	shown += sorted(state for state in counts if state not in order)
	return chart(
		[_(state) for state in shown],
		[{"name": _("Assessments"), "values": [counts[state] for state in shown]}],
		kind="donut",
		colors=[STAGE_COLORS.get(order.get(state), OTHER_COLOR) for state in shown],
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
