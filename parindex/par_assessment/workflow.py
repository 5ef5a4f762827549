"""Who may change what, in which stage of the process, and what each step requires.

The states, transitions and roles live in the Workflow "PAR Assessment" (an admin may change them);
what a state *means* is its stage (:mod:`parindex.process`, :mod:`parindex.par_assessment.stages`).
Frappe checks that a transition is allowed; this module adds what Frappe leaves to the app:

* a save that changes data needs the role allowed to edit in the current state ("allow edit");
* which data is the unit's and which the appraisers': the fields' permission levels (1 and 2), so a
  field an admin adds with Customize Form on either side follows the same rules;
* appraisers change the appraisal fields of the fields (lĩnh vực) assigned to them, and no other;
* each stage's requirements (evidence before submission, explanations before they are sent, …);
* who acts next is kept on the assessment (``notify_to``) for the Notification the app ships.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.utils import cint

from parindex.par_assessment.stages import stage_of, workflow
from parindex.process import MANAGER_ROLES, UNIT_ROLES, Role, Stage
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem
from parindex.scoring.tree import code_sort_key

UNIT_LEVEL, APPRAISER_LEVEL = 1, 2
#: what the unit may still change while it explains (besides evidence)
EXPLAIN_COLUMNS = ("explanation", "no_evidence_reason")
APPRAISER_ROLE = Role.APPRAISER.value


def editable_fields(doctype: str, level: int) -> tuple[str, ...]:
	"""The fields of a DocType that someone fills in at a permission level (custom ones included)."""
	return tuple(
		df.fieldname
		for df in frappe.get_meta(doctype).fields
		if cint(df.permlevel) == level
		and not cint(df.read_only)
		and df.fieldtype not in no_value_fields
		and df.fieldtype not in table_fields
	)


def unit_columns() -> tuple[str, ...]:
	return editable_fields("PAR Assessment Line", UNIT_LEVEL)


def appraisal_columns() -> tuple[str, ...]:
	return editable_fields("PAR Assessment Line", APPRAISER_LEVEL)


def evidence_columns() -> tuple[str, ...]:
	return editable_fields("PAR Evidence", UNIT_LEVEL)


def is_manager(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(MANAGER_ROLES & set(frappe.get_roles(user)))


def _line_values(doc, columns) -> dict[str, tuple]:
	return {line.code: tuple(line.get(c) or None for c in columns) for line in doc.get("lines")}


def _evidence_values(doc) -> list[tuple]:
	columns = evidence_columns()
	return sorted(tuple(str(row.get(c) or "") for c in columns) for row in doc.get("evidence"))


def _own_values(doc) -> tuple:
	"""The assessment's own fields that units or appraisers fill in (fields an admin added)."""
	columns = editable_fields(doc.doctype, UNIT_LEVEL) + editable_fields(doc.doctype, APPRAISER_LEVEL)
	return tuple(doc.get(c) or None for c in columns)


def changed_codes(doc, before, columns) -> list[str]:
	"""Codes of the lines whose given columns differ from the saved document."""
	old, new = _line_values(before, columns), _line_values(doc, columns)
	return sorted((c for c in new if new[c] != old.get(c)), key=code_sort_key)


def check_edit_rights(doc, before) -> list[Problem]:
	"""A save that changes data needs the role allowed to edit in the state the document was in."""
	if before is None or is_manager():
		return []
	data_changed = (
		changed_codes(doc, before, unit_columns() + appraisal_columns())
		or _evidence_values(doc) != _evidence_values(before)
		or _own_values(doc) != _own_values(before)
	)
	if not data_changed:
		return []
	flow = workflow()
	state = before.workflow_state
	row = next((s for s in flow.states if s.state == state), None) if flow else None
	if row and row.allow_edit not in frappe.get_roles():
		return [Problem(M.STATE_NOT_EDITABLE, (_(state), _(row.allow_edit)))]
	if stage_of(state) == Stage.EXPLANATION:
		# the unit answers the appraisers' questions: explanations and evidence, not its scores
		frozen = tuple(c for c in unit_columns() if c not in EXPLAIN_COLUMNS)
		return [Problem(M.EXPLAIN_ONLY, (code,), code) for code in changed_codes(doc, before, frozen)]
	return []


def check_appraiser_fields(doc, before) -> list[Problem]:
	"""Appraisers change only the lines of the fields assigned to them in the criteria set."""
	if before is None or is_manager() or APPRAISER_ROLE not in frappe.get_roles():
		return []
	changed = changed_codes(doc, before, appraisal_columns())
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
	"""The codes of the fields assigned to the user in the criteria set (one query)."""
	return {code for _set, code, _user in assignments([criteria_set], user=user)}


def assignments(criteria_sets, user: str | None = None, enabled_only: bool = False) -> list[tuple]:
	"""(criteria set, field code, appraiser) of the sets' appraiser assignments, in one query: all of
	them, one user's, or the enabled users' only."""
	assignment = frappe.qb.DocType("PAR Appraiser Assignment")
	criterion = frappe.qb.DocType("PAR Criterion")
	query = (
		frappe.qb.from_(assignment)
		.join(criterion)
		.on(assignment.field == criterion.name)
		.select(assignment.parent, criterion.code, assignment.appraiser)
		.where(assignment.parent.isin(list(criteria_sets)) & (assignment.parenttype == "PAR Criteria Set"))
	)
	if user:
		query = query.where(assignment.appraiser == user)
	if enabled_only:
		person = frappe.qb.DocType("User")
		query = query.join(person).on(person.name == assignment.appraiser).where(person.enabled == 1)
	return query.run()


#: moves into these stages, from these, are the support team's: only assigned appraisers make them
BY_APPRAISERS_FROM = {Stage.SUBMITTED, Stage.APPRAISAL}
BY_APPRAISERS_TO = {Stage.APPRAISAL, Stage.EXPLANATION, Stage.APPRAISED}


def check_step(doc, before) -> list[Problem]:
	"""What the step into the document's new state requires, by the stages it leaves and enters."""
	if before is None or before.workflow_state == doc.workflow_state:
		return []
	old, new = stage_of(before.workflow_state), stage_of(doc.workflow_state)
	problems = []
	if old in BY_APPRAISERS_FROM and new in BY_APPRAISERS_TO and not is_manager():
		if not assigned_fields(doc.criteria_set, frappe.session.user):
			problems.append(Problem(M.NOT_ASSIGNED, (doc.criteria_set,)))
	if old == new:
		return problems
	if new == Stage.EXPLANATION:
		# a new round: the lines asked (again) need a new answer (the old one stays in the history)
		for line in doc.lines:
			if line.explanation_requested:
				line.explanation = ""
	checks = [ENTRY_CHECKS.get(new)]
	if old == Stage.EXPLANATION and _check_explanations not in checks:
		checks.append(_check_explanations)  # leaving the explanation stage: every answer given
	return problems + [problem for check in checks if check for problem in check(doc)]


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


def _check_appraised(doc) -> list[Problem]:
	from parindex.par_assessment.appraisal import check_sign_offs

	return _check_explanations(doc) + check_sign_offs(doc)


#: what entering a stage requires
ENTRY_CHECKS = {
	Stage.SUBMITTED: _check_submission,
	Stage.EXPLANATION: _check_request,
	Stage.APPRAISED: _check_appraised,
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


def set_notify_to(doc) -> None:
	"""Who acts in the assessment's new state, for the shipped Notification "PAR Assessment: new state"
	(a manager edits its text and recipients in the desk)."""
	doc.notify_to = ",".join(sorted(next_actors(doc)))  # Notification splits on commas


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
