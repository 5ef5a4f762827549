"""Where a PAR user lands, and what the desk's sidebar offers them.

Users whose roles are the app's (a unit's users, appraisers, the council, managers without system
roles) land on the workspace Chỉ số CCHC and see only the app's workspaces: Frappe's own (Users,
Website, Tools, Integrations, Build) are for the site's administrators. A user's own choice of default
workspace (in their settings) is kept.
"""

from __future__ import annotations

import frappe

from parindex.process import ROLES

WORKSPACE = "PAR Index"
MODULES = ("PAR Index", "PAR Assessment", "PAR Ranking", "PAR Survey")
#: roles every user has, which say nothing about what they do
AUTOMATIC = {"All", "Guest", "Desk User"}


def par_only(user: str | None = None) -> bool:
	"""Whether the user's roles are all the app's (and they hold at least one)."""
	user = user or frappe.session.user
	if user in ("Administrator", "Guest"):
		return False
	roles = set(frappe.get_roles(user)) - AUTOMATIC
	ours = {role.value for role in ROLES}
	return bool(roles) and roles <= ours


def ours(pages: list) -> list:
	return [page for page in pages if page.get("module") in MODULES]


@frappe.whitelist()
def get_workspace_sidebar_items():
	"""Frappe's sidebar of workspaces, narrowed to the app's for a PAR user."""
	from frappe.desk.desktop import get_workspace_sidebar_items as frappe_items

	result = frappe_items()
	if par_only():
		result["pages"] = ours(result["pages"])
	return result


def boot_session(bootinfo) -> None:
	"""The desk's first load: the app's workspaces only, and Chỉ số CCHC as the landing page."""
	if not par_only():
		return
	bootinfo.allowed_workspaces = ours(bootinfo.get("allowed_workspaces") or [])
	user = bootinfo.get("user") or {}
	if not user.get("default_workspace") and frappe.db.exists("Workspace", WORKSPACE):
		workspace = frappe.get_cached_doc("Workspace", WORKSPACE)
		user["default_workspace"] = {
			"name": workspace.name,
			"public": workspace.public,
			"title": workspace.title,
		}
