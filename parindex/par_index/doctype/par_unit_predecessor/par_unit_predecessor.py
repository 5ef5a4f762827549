# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

from frappe.model.document import Document


class PARUnitPredecessor(Document):
	pass
