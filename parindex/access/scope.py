"""Which units a user may see: all of them (the overseers) or those of the user's User Permissions."""

from __future__ import annotations

import frappe
from frappe.core.doctype.user_permission.user_permission import get_user_permissions

from parindex.settings import overseer_roles


def is_overseer(user: str | None = None) -> bool:
	"""Whether the user reads every unit's assessment: a role named in PAR Settings (the managers, the
	support team and the council as shipped), or a system manager."""
	user = user or frappe.session.user
	return user == "Administrator" or bool(overseer_roles() & set(frappe.get_roles(user)))


def own_units(user: str | None = None) -> set[str]:
	"""The units of the user's User Permissions on PAR Unit, with the units below a group unit.

	Frappe keeps these in its cache (cleared whenever a User Permission changes), so asking is cheap.
	"""
	permissions = get_user_permissions(user or frappe.session.user) or {}
	return {row.get("doc") for row in permissions.get("PAR Unit", [])}


def unit_scope(user: str | None = None) -> set[str] | None:
	"""None when the user sees every unit; otherwise the units the user may see (maybe none)."""
	return None if is_overseer(user) else own_units(user)


def may_see_unit(unit: str | None, user: str | None = None) -> bool:
	scope = unit_scope(user)
	return scope is None or (unit or "") in scope


def assessments_condition(user: str | None, column: str) -> str:
	"""SQL: ``column`` names an assessment the user may read ("" when the user reads them all)."""
	scope = unit_scope(user)
	if scope is None:
		return ""
	if not scope:
		return "1 = 0"
	units = ", ".join(frappe.db.escape(unit) for unit in sorted(scope))
	return f"{column} in (select `name` from `tabPAR Assessment` where `unit` in ({units}))"


def may_read_assessment(name: str | None, user: str | None = None) -> bool:
	scope = unit_scope(user)
	if scope is None:
		return True
	unit = frappe.db.get_value("PAR Assessment", name, "unit") if name else None
	return bool(unit) and unit in scope
