"""The assessment workflow the app ships: made once, where missing, and never overwritten.

Frappe re-imports fixtures by force on every migrate, so a workflow shipped as a fixture loses an
admin's changes at each update. Here the workflow, its states and actions (``shipped/*.json``) are
inserted on install only where they are missing, and the column "PAR stage" is added to the workflow's
state rows. A site installed earlier gets the same through a patch, which fills a state's stage only
where it is empty and the state is one the app shipped, and says which states it could not place.

A later improvement to the shipped workflow reaches existing sites through :func:`upgrade`, called by
a patch: it replaces the workflow only if it is still exactly the shipped one, and otherwise leaves it
alone and says so on the workflow's timeline.
"""

from __future__ import annotations

import json
from pathlib import Path

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_field

from parindex.process import STAGES, stage_of_shipped

SHIPPED = Path(__file__).parent / "shipped"
NAME = "PAR Assessment"
STAGE_FIELD = "par_stage"


def shipped(kind: str) -> list[dict]:
	return json.loads((SHIPPED / f"{kind}.json").read_text())


def ensure_stage_field() -> None:
	"""The column "PAR stage" of the workflow's states (a custom field, made once)."""
	create_custom_field(
		"Workflow Document State",
		{
			"fieldname": STAGE_FIELD,
			"label": "PAR stage",
			"fieldtype": "Select",
			"options": "\n" + "\n".join(stage.value for stage in STAGES),
			"insert_after": "state",
			"in_list_view": 1,
			"columns": 2,
			"description": "What the state means in the yearly process; the app's checks, reminders "
			"and reports go by it (PAR Assessment only).",
		},
	)


def ensure_workflow() -> str | None:
	"""States, actions and the workflow itself, each only where it is missing; the workflow's name."""
	for record in shipped("workflow_state") + shipped("workflow_action_master"):
		if not frappe.db.exists(record["doctype"], record["name"]):
			frappe.get_doc(_clean(record)).insert(ignore_permissions=True)
	existing = frappe.db.get_value("Workflow", {"document_type": NAME, "is_active": 1}, "name")
	if existing or frappe.db.exists("Workflow", NAME):
		return existing or NAME
	frappe.get_doc(_clean(shipped("workflow")[0])).insert(ignore_permissions=True)
	return NAME


def place_shipped_states(workflow_name: str) -> list[str]:
	"""Give a stage to each state of the workflow that has none and that the app shipped; return the
	states left without one (an admin sets them in the workflow's table)."""
	doc = frappe.get_doc("Workflow", workflow_name)
	unplaced = []
	for row in doc.states:
		if row.get(STAGE_FIELD):
			continue
		stage = stage_of_shipped(row.state)
		if stage:
			frappe.db.set_value(row.doctype, row.name, STAGE_FIELD, stage.value, update_modified=False)
		else:
			unplaced.append(row.state)
	frappe.clear_document_cache("Workflow", workflow_name)
	return unplaced


def signature(doc) -> tuple:
	"""What makes a workflow behave as it does, to tell a customised one from the shipped one."""
	states = sorted(
		(s.get("state"), str(s.get("doc_status")), s.get("allow_edit") or "") for s in doc.get("states")
	)
	transitions = sorted(
		(t.get("state"), t.get("action"), t.get("next_state"), t.get("allowed"), t.get("condition") or "")
		for t in doc.get("transitions")
	)
	return (tuple(states), tuple(transitions))


def is_customised(doc, as_shipped: dict) -> bool:
	return signature(doc) != signature(frappe._dict(as_shipped))


def upgrade(previous: dict, improved: dict, patch: str) -> bool:
	"""Replace the workflow by ``improved`` only where it is still ``previous`` (as shipped before);
	otherwise leave it and say so on its timeline. Returns whether it was replaced."""
	name = frappe.db.get_value("Workflow", {"document_type": NAME, "is_active": 1}, "name")
	if not name:
		return False
	doc = frappe.get_doc("Workflow", name)
	if is_customised(doc, previous):
		doc.add_comment(
			"Info",
			f"ParIndex {patch}: this workflow was changed on this site, so the improved workflow of the "
			"update was not applied. Compare it with parindex/setup/shipped/workflow.json.",
		)
		return False
	doc.update({k: v for k, v in _clean(improved).items() if k in ("states", "transitions")})
	doc.save(ignore_permissions=True)
	return True


def _clean(record: dict) -> dict:
	drop = {"creation", "modified", "modified_by", "owner", "docstatus", "idx", "parent", "parentfield"}
	cleaned = {k: v for k, v in record.items() if k not in drop}
	for key in ("states", "transitions"):
		if key in cleaned:
			cleaned[key] = [
				{k: v for k, v in row.items() if k not in drop | {"name"}} for row in cleaned[key]
			]
	return cleaned
