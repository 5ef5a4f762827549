"""Child-table rows read on their own follow their parent document's permissions.

Frappe 15 checks a child row read by name (``/api/resource/<child>/<name>``, ``frappe.client.get``)
against ``getattr(row, "parent_doc", row.parent)``; a row loaded on its own has a ``parent_doc`` of
None, so only the parent *DocType* is checked and any row of any document can be read. Rows of these
controllers load their parent when asked for it, so the parent document's own rules decide.
"""

from __future__ import annotations

import frappe
from frappe.model.document import Document


class ParentBoundRow(Document):
	@property
	def parent_doc(self):
		parent = Document.parent_doc.fget(self)
		if parent is None and self.get("parent") and self.get("parenttype"):
			parent = frappe.get_doc(self.parenttype, self.parent)
			self._parent_doc = parent
		return parent

	@parent_doc.setter
	def parent_doc(self, value):
		self._parent_doc = value

	@parent_doc.deleter
	def parent_doc(self):
		self._parent_doc = None
