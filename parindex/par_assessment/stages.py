"""The stage of each state of the assessment workflow, read from the workflow an admin keeps.

Each state row of the Workflow "PAR Assessment" carries its stage in the column "PAR stage" (a custom
field of Workflow Document State the app adds). A state without one is taken by its name from the
shipped workflow, so a site installed before stages existed keeps working; a state an admin added and
left without a stage belongs to no stage (no stage's checks apply to it).

Example: renaming "Under Appraisal" to "Đang thẩm định" keeps its stage Appraisal; adding a state
"Lãnh đạo Sở duyệt" with the stage Appraised and its own role puts a review before the council, and
the reminders, dashboard and reports count it with the appraised ones.
"""

from __future__ import annotations

import frappe
from frappe.model.workflow import get_workflow_name

from parindex.process import Stage, parse_stage, stage_of_shipped

DOCTYPE = "PAR Assessment"
STAGE_FIELD = "par_stage"


def workflow():
	name = get_workflow_name(DOCTYPE)
	return frappe.get_cached_doc("Workflow", name) if name else None


def stages() -> dict[str, Stage | None]:
	"""Every state of the workflow, in its order, with its stage."""
	flow = workflow()
	if not flow:
		return {state: stage_of_shipped(state) for state in ("Draft",)}
	return {
		row.state: parse_stage(row.get(STAGE_FIELD)) or stage_of_shipped(row.state) for row in flow.states
	}


def stage_of(state: str | None) -> Stage | None:
	if not state:
		return None
	return stages().get(state, stage_of_shipped(state))


def states_in(*wanted: Stage) -> list[str]:
	"""The workflow's states of the given stages, in the workflow's order."""
	return [state for state, stage in stages().items() if stage in wanted]


def first_state() -> str:
	"""Where a new assessment starts: the first state of the self-assessment stage."""
	found = states_in(Stage.SELF_ASSESSMENT)
	if found:
		return found[0]
	flow = workflow()
	return flow.states[0].state if flow and flow.states else "Draft"
