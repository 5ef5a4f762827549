"""Sites installed before the workflow was made once: keep the workflow as it is (shipped or
customised), add the stage column, give the shipped states their stages, save the settings once, and
say on the workflow's timeline which states still need a stage."""

import frappe

from parindex.settings import ship_settings
from parindex.setup.install import ensure_roles
from parindex.setup.workflow import ensure_stage_field, ensure_workflow, place_shipped_states


def execute():
	ensure_roles()
	ensure_stage_field()
	name = ensure_workflow()
	unplaced = place_shipped_states(name)
	if unplaced:
		frappe.get_doc("Workflow", name).add_comment(
			"Info",
			"ParIndex: set the PAR stage of these states in the table of states, or the app's checks, "
			"reminders and reports will not count them: " + ", ".join(unplaced),
		)
	ship_settings()
