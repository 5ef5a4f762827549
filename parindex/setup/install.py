"""Installation hooks."""

import frappe

ROLES = ("PAR Manager", "PAR Unit User", "PAR Unit Head", "PAR Appraiser", "PAR Council Member")


def after_install():
	ensure_roles()
	production_posture()


def after_migrate():
	ensure_roles()


def ensure_roles():
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def production_posture():
	"""Errors reach users (and guests on the survey page) without Python tracebacks. Set once, on
	install: a site's administrator may turn tracebacks back on for a while to diagnose a problem."""
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)
