"""Row-level rules Frappe's User Permissions do not cover: child-table rows listed on their own.

Frappe lists the rows of a child table (``frappe.client.get_list("PAR Assessment Line", parent=…)``)
after checking the parent DocType only, not the parent document. These conditions keep a unit's users to
the rows of their own assessments, and everyone but the overseers to published rankings.
"""

import frappe

from parindex.par_ranking.report.common import is_overseer, own_units


def _own_assessments_condition(user: str | None) -> str:
	user = user or frappe.session.user
	if user == "Administrator" or is_overseer(user):
		return ""
	units = own_units(user)
	if not units:
		return "1 = 0"
	quoted = ", ".join(frappe.db.escape(unit) for unit in sorted(units))
	return f"`parent` in (select `name` from `tabPAR Assessment` where `unit` in ({quoted}))"


def assessment_rows(user=None):
	return _own_assessments_condition(user)


def ranking_entries(user=None):
	user = user or frappe.session.user
	if user == "Administrator" or is_overseer(user):
		return ""
	return "`parent` in (select `name` from `tabPAR Ranking Publication` where `docstatus` = 1)"
