"""Installation and migration hooks: what the app needs, made once and never overwritten.

On install: the roles, the workflow's stage column, the workflow with its states and actions, the
settings with their defaults, the notification of a new state and the digest's e-mail template, and the
production posture. On every migrate only what is missing is
added (roles, the stage column): records an admin may edit are never changed by an update.
"""

import frappe

from parindex.process import ROLES
from parindex.settings import ship_settings
from parindex.setup.messages import ensure_messages
from parindex.setup.workflow import ensure_stage_field, ensure_workflow, place_shipped_states


def after_install():
	ensure_roles()
	ensure_stage_field()
	place_shipped_states(ensure_workflow())
	ship_settings()
	ensure_messages()
	production_posture()


def after_migrate():
	ensure_roles()
	ensure_stage_field()


def ensure_roles():
	for role in ROLES:
		if not frappe.db.exists("Role", role.value):
			frappe.get_doc({"doctype": "Role", "role_name": role.value, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def production_posture():
	"""Errors reach users (and guests on the survey page) without Python tracebacks. Set once, on
	install: a site's administrator may turn tracebacks back on for a while to diagnose a problem."""
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)
