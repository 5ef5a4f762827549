"""Installation hooks."""

import frappe

ROLES = ("PAR Manager", "PAR Unit User", "PAR Unit Head", "PAR Appraiser", "PAR Council Member")


def after_install():
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)
