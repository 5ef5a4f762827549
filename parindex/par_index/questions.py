"""Questions and answers per criterion (Hỏi đáp): a unit asks how a criterion is scored, the manager
answers; public answers show under the criterion's guidance for every unit, and carry over to the
next year's copy of the set.

Before publication a unit sees its own questions and the public answers, never another unit's
questions (the rule below, as ``has_permission`` and ``permission_query_conditions``).
"""

from __future__ import annotations

import frappe
from frappe import _

from parindex.access.scope import is_overseer, may_see_unit, own_units, unit_scope
from parindex.refusals import existing, quote

DOCTYPE = "PAR Criterion Question"


def set_asker(doc) -> None:
	doc.asked_by = frappe.session.user
	if is_overseer():
		return
	units = sorted(own_units())
	if not units:
		frappe.throw(_("Only a unit's users ask questions on criteria."), frappe.PermissionError)
	if not doc.unit or doc.unit not in units:
		doc.unit = units[0]


# ------------------------------------------------------------------ who reads what
def question_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_overseer(user):
		return None
	if ptype in ("read", "select", "print") and doc.get("is_public") and doc.get("status") == "Answered":
		return None
	return None if doc.get("unit") and may_see_unit(doc.get("unit"), user) else False


def question_query(user=None, doctype=None):
	user = user or frappe.session.user
	scope = unit_scope(user)
	if scope is None:
		return ""
	public = (
		"(`tabPAR Criterion Question`.`is_public` = 1 and `tabPAR Criterion Question`.`status` = 'Answered')"
	)
	if not scope:
		return public
	units = ", ".join(frappe.db.escape(u) for u in sorted(scope))
	return f"({public} or `tabPAR Criterion Question`.`unit` in ({units}))"


# ------------------------------------------------------------------ from the assessment form
@frappe.whitelist(methods=["POST"])
def ask(assessment: str, code: str, question: str) -> str:
	"""A unit's question on one criterion of its assessment."""
	doc = existing("PAR Assessment", assessment)
	doc.check_permission("read")
	question = (question or "").strip()
	if not question:
		frappe.throw(_("Write the question first."))
	if len(question) > 2000:
		frappe.throw(_("A question is at most 2,000 characters."))
	criterion = frappe.db.get_value("PAR Criterion", {"criteria_set": doc.criteria_set, "code": code}, "name")
	if not criterion:
		frappe.throw(_("{0} is not a criterion of this assessment.").format(quote(code)))
	return (
		frappe.get_doc(
			{
				"doctype": DOCTYPE,
				"criteria_set": doc.criteria_set,
				"criterion": criterion,
				"unit": doc.unit,
				"question": question,
			}
		)
		.insert()
		.name
	)


def for_assessment(doc) -> dict[str, list[dict]]:
	"""The questions the form shows, by criterion code: public answers and the unit's own questions."""
	rows = frappe.get_list(
		DOCTYPE,
		filters={"criteria_set": doc.criteria_set},
		fields=["name", "code", "question", "answer", "status", "is_public", "unit", "creation"],
		order_by="creation asc",
		limit_page_length=None,
	)
	shown: dict[str, list[dict]] = {}
	for row in rows:
		if (row.is_public and row.status == "Answered") or row.unit == doc.unit:
			shown.setdefault(row.code, []).append(row)
	return shown


# ------------------------------------------------------------------ notifications
def notify_managers(doc) -> None:
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	managers = set(
		frappe.get_all("Has Role", filters={"role": "PAR Manager", "parenttype": "User"}, pluck="parent")
	)
	managers -= {"Administrator", "Guest", frappe.session.user}
	if managers:
		subject = _("{0} asks about criterion {1}").format(doc.unit or doc.asked_by, doc.code)
		enqueue_create_notification(
			sorted(managers),
			{"type": "Alert", "document_type": DOCTYPE, "document_name": doc.name, "subject": subject},
		)


def notify_asker(doc) -> None:
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	if doc.asked_by and doc.asked_by not in ("Administrator", frappe.session.user):
		subject = _("Your question on criterion {0} has been answered").format(doc.code)
		enqueue_create_notification(
			[doc.asked_by],
			{"type": "Alert", "document_type": DOCTYPE, "document_name": doc.name, "subject": subject},
		)


# ------------------------------------------------------------------ next year
def copy_public(source_set: str, new_set: str) -> int:
	"""The public answers of a set, under the same criterion codes of its copy for another year."""
	criteria = dict(
		frappe.get_all(
			"PAR Criterion", filters={"criteria_set": new_set}, fields=["code", "name"], as_list=True
		)
	)
	copied = 0
	for row in frappe.get_all(
		DOCTYPE,
		filters={"criteria_set": source_set, "is_public": 1, "status": "Answered"},
		fields=["name", "code", "question", "answer", "answered_by"],
	):
		if row.code not in criteria:
			continue
		frappe.get_doc(
			{
				"doctype": DOCTYPE,
				"criteria_set": new_set,
				"criterion": criteria[row.code],
				"question": row.question,
				"answer": row.answer,
				"is_public": 1,
				"copied_from": row.name,
			}
		).insert(ignore_permissions=True)
		copied += 1
	return copied
