"""Row-level rules, as Frappe hooks: ``has_permission`` (one document) and
``permission_query_conditions`` (lists, counts, reports) for the assessments, their rows and the
ranking publications. Both say the same thing, so a document a user cannot list cannot be read by name
either, and the reverse.

Controllers may only deny in Frappe: ``None`` leaves the decision to the roles, ``False`` refuses.
"""

from __future__ import annotations

import frappe
from frappe import _

from parindex.access.scope import assessments_condition, is_overseer, may_see_unit


def _user(user: str | None) -> str:
	return user or frappe.session.user


def stored(doc, *fields: str) -> dict:
	"""The values as saved. A client's save or print sends a whole document, which Frappe checks as
	sent; the rules check what is saved as well."""
	name = doc.get("name")
	if not name or (hasattr(doc, "is_new") and doc.is_new()):
		return {}
	return frappe.db.get_value(doc.doctype, name, fields, as_dict=True) or {}


# ------------------------------------------------------------------ PAR Assessment
def assessment_permission(doc, ptype=None, user=None, debug=False):
	"""A unit's users read and change only their own units' assessments (as sent and as saved: a
	save cannot carry another unit's assessment into one's own unit)."""
	user = _user(user)
	units = {doc.get("unit"), *stored(doc, "unit").values()}
	return None if all(may_see_unit(unit, user) for unit in units) else False


def assessment_query(user=None, doctype=None):
	return assessments_condition(_user(user), "`tabPAR Assessment`.`name`")


def assessment_rows_query(user=None, doctype=None):
	"""Lines, field results and evidence rows listed on their own follow their assessment."""
	table = doctype or "PAR Assessment Line"
	condition = assessments_condition(_user(user), f"`tab{table}`.`parent`")
	if not condition:
		return ""
	return f"(`tab{table}`.`parenttype` = 'PAR Assessment' and {condition})"


# ------------------------------------------------------------------ PAR Ranking Publication
def publication_permission(doc, ptype=None, user=None, debug=False):
	"""Units read a ranking only once it is published (submitted); drafts stay with the overseers."""
	if is_overseer(_user(user)):
		return None
	return None if doc.get("docstatus") == 1 else False


def publication_query(user=None, doctype=None):
	if is_overseer(_user(user)):
		return ""
	return "`tabPAR Ranking Publication`.`docstatus` = 1"


def ranking_entries_query(user=None, doctype=None):
	"""The rows of a publication (its ranking, its results by field): of published ones only."""
	if is_overseer(_user(user)):
		return ""
	rows = ("PAR Ranking Field Entry", "PAR Ranking Satisfaction")
	table = doctype if doctype in rows else "PAR Ranking Entry"
	return f"`tab{table}`.`parent` in (select `name` from `tabPAR Ranking Publication` where `docstatus` = 1)"


# ------------------------------------------------------------------ Frappe's own records
def own_notification(doc, ptype=None, user=None, debug=False):
	"""Notification logs are read by their recipient only (Frappe 15 lists them so, but reads any
	by name)."""
	user = _user(user)
	if user == "Administrator":
		return None
	return None if doc.get("for_user") == user else False


def own_digest(doc, ptype=None, user=None, debug=False):
	"""A daily digest is read by the person it was sent to (and by managers)."""
	user = _user(user)
	if user == "Administrator" or is_manager_user(user):
		return None
	return None if doc.get("user") == user and ptype in (None, "read", "print") else False


def own_digests_query(user=None):
	user = _user(user)
	if user == "Administrator" or is_manager_user(user):
		return ""
	return f"`tabPAR Digest Log`.`user` = {frappe.db.escape(user)}"


def is_manager_user(user: str) -> bool:
	from parindex.process import MANAGER_ROLES

	return bool(MANAGER_ROLES & set(frappe.get_roles(user)))


def check_follow(doc, method=None):
	"""Following a document (its changes come by e-mail) needs read access to it."""
	if frappe.session.user == "Administrator":
		return
	if doc.get("user") != frappe.session.user and "System Manager" not in frappe.get_roles():
		frappe.throw(_("You may follow documents for yourself only."), frappe.PermissionError)
	if not frappe.has_permission(doc.ref_doctype, "read", doc=doc.ref_docname, user=doc.user, throw=False):
		frappe.throw(_("You may follow only documents you may read."), frappe.PermissionError)
