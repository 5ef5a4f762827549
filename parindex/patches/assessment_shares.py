"""Sites upgraded from before the share texts: write them for every assessment (flags compare a unit
with its group and its last year through them)."""

import frappe

from parindex.par_assessment import shares


def execute():
	names = frappe.get_all("PAR Assessment", filters={"docstatus": ("<", 2)}, pluck="name")
	for start in range(0, len(names), 1000):
		shares.refresh(names[start : start + 1000])
