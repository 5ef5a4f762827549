# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.access.rows import ParentBoundRow


class PARAssessmentLine(ParentBoundRow):
	pass


def on_doctype_update():
	# a line is found by its assessment and criterion code (flags written for a whole province)
	frappe.db.add_index("PAR Assessment Line", ["parent", "code"])
