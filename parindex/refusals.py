"""How the desk and the pages refuse: values quoted short and escaped, documents not found named
without echoing what a client sent.

Frappe shows messages as HTML and its "not found" error repeats the name it was given, so a crafted
name comes back as markup. The app's own methods look documents up through :func:`existing`.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html

#: a value quoted in a message (a cell, an answer, a name) is cut after this many characters
QUOTED_LENGTH = 80


def quote(text, length: int = QUOTED_LENGTH) -> str:
	"""A value someone typed or sent, as a message quotes it: shortened, with HTML escaped."""
	text = str(text)
	return escape_html(text if len(text) <= length else text[:length] + "…")


def existing(doctype: str, name):
	"""The document, or a "not found" (HTTP 404) that quotes the name safely."""
	if not isinstance(name, str) or not name or not frappe.db.exists(doctype, name):
		raise frappe.DoesNotExistError(_("{0} {1} was not found.").format(_(doctype), quote(name)))
	return frappe.get_doc(doctype, name)
