"""Appraisal by field: each member of the support team signs off the fields assigned to them, a line
counts as appraised only once it is (:mod:`parindex.scoring.appraisal`), "Finish Appraisal" waits for
every sign-off (or a PAR manager's recorded reason), and an explanation request carries a due date.

The sign-off lives on the assessment's row of the field (``field_results``): status, by whom, when. Only
:func:`sign_off` changes it; a save that sends other values for these columns has them put back.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, getdate, now_datetime, today

from parindex.par_assessment import lines, workflow
from parindex.par_assessment.stages import stage_of
from parindex.process import Stage
from parindex.refusals import existing, quote
from parindex.scoring import messages as M
from parindex.scoring.appraisal import FieldStatus
from parindex.scoring.errors import Problem
from parindex.settings import setting

#: the columns of a field's row that only a sign-off writes
SIGN_OFF_COLUMNS = ("appraisal_status", "signed_off_by", "signed_off_on")


def signed_fields(doc) -> set[str]:
	return {
		row.field_code for row in doc.get("field_results") if row.appraisal_status == FieldStatus.SIGNED_OFF
	}


def keep_sign_offs(doc, before) -> None:
	"""Sign-offs change through :func:`sign_off` only (a form cannot send them)."""
	if doc.flags.parindex_sign_off:
		return
	old = {row.field_code: row for row in (before.get("field_results") if before else [])}
	for row in doc.get("field_results"):
		previous = old.get(row.field_code)
		for column in SIGN_OFF_COLUMNS:
			row.set(column, previous.get(column) if previous else None)


def describe_fields(doc) -> None:
	"""Each field's row: where its appraisal stands and who appraises it."""
	names = appraisers_by_field(doc.criteria_set)
	touched = {
		line.field_code
		for line in doc.lines
		if str(line.get("appraised_input") or "").strip() or line.get("na_refused")
	}
	for row in doc.get("field_results"):
		if row.appraisal_status != FieldStatus.SIGNED_OFF:
			# once begun (a line touched, a sign-off undone or reopened) a field stays in progress
			started = row.field_code in touched or row.appraisal_status == FieldStatus.IN_PROGRESS
			row.appraisal_status = (FieldStatus.IN_PROGRESS if started else FieldStatus.NOT_STARTED).value
		row.appraisers = ", ".join(frappe.utils.get_fullname(u) for u in names.get(row.field_code, []))


def appraisable_fields(criteria_set: str) -> list[str]:
	"""The set's fields with a line the support team appraises (survey-only fields have none), in the
	set's order."""
	tree = lines.compiled_set(criteria_set).tree
	return list(dict.fromkeys(leaf.field_code for leaf in tree.leaves() if not leaf.is_survey))


def appraisers_by_field(criteria_set: str) -> dict[str, list[str]]:
	"""Field code → the appraisers assigned to it in the set (one query)."""
	found: dict[str, list[str]] = {}
	for _set, code, user in workflow.assignments([criteria_set]):
		found.setdefault(code, []).append(user)
	return found


def check_sign_offs(doc) -> list[Problem]:
	"""Entering the Appraised stage: every appraisable field signed off, or a PAR manager finishing with
	a reason (which stays on record)."""
	missing = [code for code in appraisable_fields(doc.criteria_set) if code not in signed_fields(doc)]
	if not missing:
		return []
	if workflow.is_manager() and (doc.get("override_reason") or "").strip():
		# the manager takes the fields left on themself: signed off by them, the reason on record
		for row in doc.get("field_results"):
			if row.field_code in missing:
				row.update(
					{
						"appraisal_status": FieldStatus.SIGNED_OFF.value,
						"signed_off_by": frappe.session.user,
						"signed_off_on": now_datetime(),
					}
				)
		doc.flags.parindex_sign_off = True
		doc.flags.parindex_override = missing
		return []
	names = appraisers_by_field(doc.criteria_set)
	problems = [
		Problem(
			M.FIELDS_NOT_SIGNED_OFF,
			(code, ", ".join(frappe.utils.get_fullname(u) for u in names.get(code, [])) or "—"),
		)
		for code in missing
	]
	return [*problems, Problem(M.OVERRIDE_NEEDS_REASON)]


def record_override(doc) -> None:
	"""on_update: a finish without every sign-off is said on the assessment's timeline."""
	missing = doc.flags.parindex_override
	if missing:
		doc.add_comment(
			"Info",
			_("Appraisal finished by {0} without the sign-off of fields {1}. Reason: {2}").format(
				frappe.utils.get_fullname(frappe.session.user),
				", ".join(missing),
				quote(doc.override_reason, 500),
			),
		)
		doc.flags.parindex_override = None


def on_new_stage(doc, old: Stage | None, new: Stage | None) -> None:
	"""What a step into a stage sets: the explanation's due date; fields to look at again."""
	if new == Stage.EXPLANATION:
		doc.explanation_due = add_days(today(), setting("explanation_days"))
		# the fields of the lines asked about are not final until the explanation is read
		asked = {line.field_code for line in doc.lines if line.explanation_requested}
		_reopen(doc, asked)
	elif new == Stage.APPRAISAL and old in (Stage.APPRAISED, Stage.APPROVED):
		_reopen(doc, {row.field_code for row in doc.field_results})  # returned by the council
	if old == Stage.EXPLANATION and new != Stage.EXPLANATION:
		doc.explanation_due = None


def _reopen(doc, fields: set[str]) -> None:
	for row in doc.get("field_results"):
		if row.field_code in fields and row.appraisal_status == FieldStatus.SIGNED_OFF:
			row.update(
				{
					"appraisal_status": FieldStatus.IN_PROGRESS.value,
					"signed_off_by": None,
					"signed_off_on": None,
				}
			)
	doc.flags.parindex_sign_off = True


def explanation_overdue(doc, day=None) -> bool:
	return bool(
		doc.get("explanation_due")
		and stage_of(doc.workflow_state) == Stage.EXPLANATION
		and getdate(day or today()) > getdate(doc.explanation_due)
	)


@frappe.whitelist(methods=["POST"])
def sign_off(assessment: str, field: str, undo: int = 0) -> dict:
	"""Sign off (or, with ``undo``, reopen) one field of the assessment: its assigned appraiser, or a PAR
	manager, while the assessment is under appraisal."""
	doc = existing("PAR Assessment", assessment)
	doc.check_permission("read")
	# one sign-off at a time on a document: the row is locked until this one is saved
	table = frappe.qb.DocType("PAR Assessment")
	frappe.qb.from_(table).select(table.name).where(table.name == doc.name).for_update().run()
	doc = frappe.get_doc("PAR Assessment", doc.name)
	stage = stage_of(doc.workflow_state)
	row = (
		next((r for r in doc.field_results if r.field_code == field), None)
		if isinstance(field, str)
		else None
	)
	if row is None or field not in appraisable_fields(doc.criteria_set):
		frappe.throw(_(M.SIGN_OFF_UNKNOWN_FIELD).format(quote(field)), title=_("Not signed off"))
	if stage != Stage.APPRAISAL:
		frappe.throw(_(M.SIGN_OFF_WRONG_STAGE).format(_(doc.workflow_state)), title=_("Not signed off"))
	if not workflow.is_manager() and field not in workflow.assigned_fields(
		doc.criteria_set, frappe.session.user
	):
		frappe.throw(
			_(M.SIGN_OFF_NOT_YOURS).format(field, doc.criteria_set),
			frappe.PermissionError,
			title=_("Not signed off"),
		)
	if int(undo or 0):
		row.update(
			{"appraisal_status": FieldStatus.IN_PROGRESS.value, "signed_off_by": None, "signed_off_on": None}
		)
		message = _("Field {0} reopened for appraisal by {1}")
	else:
		row.update(
			{
				"appraisal_status": FieldStatus.SIGNED_OFF.value,
				"signed_off_by": frappe.session.user,
				"signed_off_on": now_datetime(),
			}
		)
		message = _("Field {0} signed off by {1}")
	doc.flags.parindex_sign_off = True
	doc.save()
	doc.add_comment("Info", message.format(field, frappe.utils.get_fullname(frappe.session.user)))
	return {"field": field, "status": row.appraisal_status, "unappraised_lines": doc.unappraised_lines}
