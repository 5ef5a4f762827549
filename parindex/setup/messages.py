"""The messages the app ships as records a manager edits in the desk: the Notification sent when an
assessment moves to a new state (its text and its recipients), and the Email Template of the daily
digest. Made once where missing — on install, and by a patch on sites installed before — and never
overwritten by an update, like the workflow (:mod:`parindex.setup.workflow`)."""

from __future__ import annotations

import frappe

from parindex.setup.workflow import shipped

NOTIFICATION = "PAR Assessment: new state"
DIGEST_TEMPLATE = "PAR daily digest"


def ensure_messages() -> list[str]:
	"""Insert the shipped Notification and Email Template where missing; the names inserted."""
	made = []
	for record in shipped("notification") + shipped("email_template"):
		if frappe.db.exists(record["doctype"], record["name"]):
			continue
		frappe.get_doc(record).insert(ignore_permissions=True, set_name=record["name"])
		made.append(record["name"])
	return made
