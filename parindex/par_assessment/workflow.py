"""Who may change what, in which workflow state, and what each step requires.

The states, transitions and roles live in the Workflow "PAR Assessment" (an admin may change them).
Frappe checks that a transition is allowed; this module adds what Frappe leaves to the app:

* a save that changes data needs the role allowed to edit in the current state ("allow edit");
* appraisers change the appraisal columns of the fields assigned to them, and of no other field;
* each step's requirements (evidence before submission, explanations before they are sent, …);
* the people who must act next are notified (system notification and e-mail).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name
from frappe.utils import cint

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem
from parindex.scoring.tree import code_sort_key

#: the states of the shipped workflow, in the order of the yearly process
STATES = (
	"Draft",
	"Submitted",
	"Under Appraisal",
	"Explanation Requested",
	"Explained",
	"Appraised",
	"Approved",
)
UNIT_COLUMNS = ("self_input", "not_applicable", "self_note", "no_evidence_reason", "explanation")
APPRAISAL_COLUMNS = ("appraised_input", "appraiser_remark", "explanation_requested")
EVIDENCE_COLUMNS = ("criterion_code", "file", "description")
MANAGER_ROLES = {"PAR Manager", "System Manager"}
UNIT_ROLES = {"PAR Unit User", "PAR Unit Head"}
APPRAISER_ROLE = "PAR Appraiser"


def workflow():
	name = get_workflow_name("PAR Assessment")
	return frappe.get_cached_doc("Workflow", name) if name else None


def is_manager(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(MANAGER_ROLES & set(frappe.get_roles(user)))


def _line_values(doc, columns) -> dict[str, tuple]:
	return {line.code: tuple(line.get(c) or None for c in columns) for line in doc.get("lines")}


def _evidence_values(doc) -> list[tuple]:
	return sorted(tuple(row.get(c) or "" for c in EVIDENCE_COLUMNS) for row in doc.get("evidence"))


def changed_codes(doc, before, columns) -> list[str]:
	"""Codes of the lines whose given columns differ from the saved document."""
	old, new = _line_values(before, columns), _line_values(doc, columns)
	return sorted((c for c in new if new[c] != old.get(c)), key=code_sort_key)


def check_edit_rights(doc, before) -> list[Problem]:
	"""A save that changes data needs the role allowed to edit in the state the document was in."""
	if before is None or is_manager():
		return []
	data_changed = changed_codes(doc, before, UNIT_COLUMNS + APPRAISAL_COLUMNS) or (
		_evidence_values(doc) != _evidence_values(before)
	)
	if not data_changed:
		return []
	flow = workflow()
	state = before.workflow_state
	row = next((s for s in flow.states if s.state == state), None) if flow else None
	if row and row.allow_edit not in frappe.get_roles():
		return [Problem(M.STATE_NOT_EDITABLE, (_(state), _(row.allow_edit)))]
	if state == "Explanation Requested":
		# the unit answers the appraiser's questions: explanations and evidence, not its scores
		return [
			Problem(M.EXPLAIN_ONLY, (code,), code)
			for code in changed_codes(doc, before, ("self_input", "not_applicable", "self_note"))
		]
	return []


def check_appraiser_fields(doc, before) -> list[Problem]:
	"""Appraisers change only the lines of the fields assigned to them in the criteria set."""
	if before is None or is_manager() or APPRAISER_ROLE not in frappe.get_roles():
		return []
	changed = changed_codes(doc, before, APPRAISAL_COLUMNS)
	if not changed:
		return []
	allowed = assigned_fields(doc.criteria_set, frappe.session.user)
	field_of = {line.code: line.field_code for line in doc.lines}
	return [
		Problem(M.OUTSIDE_ASSIGNED_FIELDS, (code, field_of[code]), code)
		for code in changed
		if field_of[code] not in allowed
	]


def assigned_fields(criteria_set: str, user: str) -> set[str]:
	fields = frappe.get_all(
		"PAR Appraiser Assignment",
		filters={"parent": criteria_set, "parenttype": "PAR Criteria Set", "appraiser": user},
		pluck="field",
	)
	return {frappe.db.get_value("PAR Criterion", name, "code") for name in fields}


APPRAISAL_STEPS = {"Under Appraisal", "Explanation Requested", "Appraised"}


def check_step(doc, before) -> list[Problem]:
	"""What the step into the document's new state requires."""
	old_state = before.workflow_state if before else None
	new_state = doc.workflow_state
	if old_state == new_state:
		return []
	problems = []
	by_appraiser = old_state in ("Submitted", "Under Appraisal", "Explained") and new_state in APPRAISAL_STEPS
	if by_appraiser and not is_manager() and not assigned_fields(doc.criteria_set, frappe.session.user):
		problems.append(Problem(M.NOT_ASSIGNED, (doc.criteria_set,)))
	if old_state == "Explained" and new_state == "Explanation Requested":
		# a new round: the lines asked again need a new answer (the old one stays in the history)
		for line in doc.lines:
			if line.explanation_requested:
				line.explanation = ""
	check = STEP_CHECKS.get(new_state)
	return problems + (check(doc) if check else [])


def _applicable_self_assessed(doc):
	return [line for line in doc.lines if not line.not_applicable and line.rule_kind != "Survey"]


def _check_submission(doc) -> list[Problem]:
	problems = []
	with_evidence = {row.criterion_code for row in doc.evidence if row.file}
	for line in _applicable_self_assessed(doc):
		if not (line.self_input or "").strip():
			problems.append(Problem(M.NOT_REPORTED, (line.code,), line.code))
		elif (
			line.evidence_required
			and line.code not in with_evidence
			and not (line.no_evidence_reason or "").strip()
		):
			problems.append(Problem(M.EVIDENCE_MISSING, (line.code,), line.code))
	return problems


def _check_request(doc) -> list[Problem]:
	if any(line.explanation_requested for line in doc.lines):
		return []
	return [Problem(M.NO_EXPLANATION_REQUESTED)]


def _check_explanations(doc) -> list[Problem]:
	return [
		Problem(M.EXPLANATION_MISSING, (line.code,), line.code)
		for line in doc.lines
		if line.explanation_requested and not (line.explanation or "").strip()
	]


STEP_CHECKS = {
	"Submitted": _check_submission,
	"Explanation Requested": _check_request,
	"Explained": _check_explanations,
	"Appraised": _check_explanations,
}


def next_actors(doc) -> set[str]:
	"""Who acts next: those who may edit in the state and those who may move it on, narrowed to the
	unit's own users or to the appraisers assigned in the criteria set."""
	flow = workflow()
	if not flow:
		return set()
	roles = {t.allowed for t in flow.transitions if t.state == doc.workflow_state}
	state = next((s for s in flow.states if s.state == doc.workflow_state), None)
	if state and cint(state.doc_status) == 0 and state.allow_edit:
		roles.add(state.allow_edit)
	if not roles:
		roles = set(UNIT_ROLES)  # the end of the road (approved): the unit learns its result
	roles -= MANAGER_ROLES
	users: set[str] = set()
	for role in roles:
		holders = set(
			frappe.get_all("Has Role", filters={"role": role, "parenttype": "User"}, pluck="parent")
		) - {"Administrator", "Guest"}
		if role in UNIT_ROLES:
			holders &= set(
				frappe.get_all(
					"User Permission", filters={"allow": "PAR Unit", "for_value": doc.unit}, pluck="user"
				)
			)
		elif role == APPRAISER_ROLE:
			holders &= set(
				frappe.get_all(
					"PAR Appraiser Assignment",
					filters={"parent": doc.criteria_set, "parenttype": "PAR Criteria Set"},
					pluck="appraiser",
				)
			)
		users |= holders
	enabled = set(frappe.get_all("User", filters={"name": ("in", list(users)), "enabled": 1}, pluck="name"))
	return enabled - {frappe.session.user}


def notify_next_actors(doc) -> None:
	"""System notification and e-mail to whoever must act on the assessment's new state."""
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	users = next_actors(doc)
	if not users:
		return
	subject = _("{0}: the assessment {1} is now {2}").format(doc.unit, doc.name, _(doc.workflow_state))
	enqueue_create_notification(
		list(users),
		{
			"type": "Alert",
			"document_type": doc.doctype,
			"document_name": doc.name,
			"subject": subject,
			"email_content": subject,
			"from_user": frappe.session.user,
		},
	)


def grant_unit(user: str, unit: str) -> None:
	"""Restrict a user to a unit (User Permission on PAR Unit), once."""
	if not frappe.db.exists("User Permission", {"user": user, "allow": "PAR Unit", "for_value": unit}):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": "PAR Unit",
				"for_value": unit,
				"apply_to_all_doctypes": 1,
			}
		).insert()
