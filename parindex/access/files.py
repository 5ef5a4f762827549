"""Evidence files: readable exactly by those who may read the assessment they are attached to.

Frappe 15 lets any desk user list the files attached to any document of a DocType they may read
(its File query condition looks at the DocType only), and lets a user create a File record that points
at an existing private URL, which makes that file downloadable by its new owner. The hooks here close
both for the assessments:

* reading a File attached to an assessment (form, list, count, download) needs read access to that
  assessment; a private File sharing its URL with another unit's evidence is not readable either;
* a new File may not point at an existing private URL unless the user may read a File that already
  has it, or uploaded the very same content in this request;
* evidence is private, and a file an evidence row still refers to cannot be deleted on its own (the
  evidence row is removed first, under the workflow's edit rights).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.core.doctype.file.utils import get_content_hash
from frappe.utils import cint

from parindex.access.rules import stored
from parindex.access.scope import assessments_condition, is_overseer, may_read_assessment

ASSESSMENT = "PAR Assessment"


def _refuse(message: str) -> None:
	frappe.throw(message, frappe.PermissionError, title=_("Not permitted"))


def _trusted() -> bool:
	return frappe.session.user == "Administrator"


def _assessments_sharing(file_url: str, other_than: str | None) -> set[str]:
	"""The assessments a File with this URL (other than the given one) is attached to."""
	return set(
		frappe.get_all(
			"File",
			filters={
				"file_url": file_url,
				"attached_to_doctype": ASSESSMENT,
				"name": ("!=", other_than or ""),
			},
			pluck="attached_to_name",
		)
	)


# ------------------------------------------------------------------ reading
def file_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_overseer(user):
		return None
	for version in (doc, stored(doc, "attached_to_doctype", "attached_to_name", "is_private", "file_url")):
		if not _may_read_file(version, doc.get("name"), user):
			return False
	return None


def _may_read_file(values, name: str | None, user: str) -> bool:
	if values.get("attached_to_doctype") == ASSESSMENT:
		return may_read_assessment(values.get("attached_to_name"), user)
	if cint(values.get("is_private")) and values.get("file_url"):
		holders = _assessments_sharing(values.get("file_url"), name)
		return not holders or any(may_read_assessment(holder, user) for holder in holders)
	return True


def files_query(user=None, doctype=None):
	"""Lists of files: other units' evidence, and files sharing its URL, are left out."""
	user = user or frappe.session.user
	if is_overseer(user):
		return ""
	own = assessments_condition(user, "`tabFile`.`attached_to_name`")
	own_other = assessments_condition(user, "`evidence`.`attached_to_name`")
	return (
		f"((ifnull(`tabFile`.`attached_to_doctype`, '') != '{ASSESSMENT}' or {own})"
		f" and (`tabFile`.`is_private` = 0 or `tabFile`.`attached_to_doctype` = '{ASSESSMENT}'"
		" or `tabFile`.`file_url` not in (select `evidence`.`file_url` from `tabFile` `evidence`"
		f" where `evidence`.`attached_to_doctype` = '{ASSESSMENT}' and `evidence`.`is_private` = 1"
		f" and `evidence`.`file_url` is not null and not ({own_other}))))"
	)


# ------------------------------------------------------------------ writing (doc_events on File)
def check_new_file(doc, method=None):
	"""before_insert: Frappe has placed the content; refuse a borrowed URL or public evidence."""
	if _trusted() or cint(doc.get("is_folder")):
		return
	if doc.get("attached_to_doctype") == ASSESSMENT:
		_check_evidence_file(doc)
	_check_url_reuse(doc)


def check_changed_file(doc, method=None):
	"""validate: an existing File keeps its evidence private and cannot take another's URL."""
	if _trusted() or doc.is_new() or cint(doc.get("is_folder")):
		return
	if doc.has_value_changed("attached_to_doctype") or doc.has_value_changed("attached_to_name"):
		if doc.get("attached_to_doctype") == ASSESSMENT:
			_check_evidence_file(doc)
	elif doc.get("attached_to_doctype") == ASSESSMENT and not cint(doc.is_private):
		_refuse(_("Evidence files are private: they cannot be made public."))
	if doc.has_value_changed("file_url"):
		_check_url_reuse(doc)


def _check_evidence_file(doc) -> None:
	if not cint(doc.get("is_private")):
		_refuse(_("Evidence files are private: upload the file with 'Private' ticked."))
	if not frappe.has_permission(ASSESSMENT, "write", doc=doc.attached_to_name, throw=False):
		_refuse(_("You may attach files only to your own unit's assessments."))


def _check_url_reuse(doc) -> None:
	if not (cint(doc.get("is_private")) and doc.get("file_url")):
		return
	others = frappe.get_all(
		"File", filters={"file_url": doc.file_url, "name": ("!=", doc.name or "")}, pluck="name"
	)
	if not others or _uploaded_here(doc):
		return
	if any(frappe.has_permission("File", "read", doc=name, throw=False) for name in others):
		return
	_refuse(_("This file belongs to a document you may not read."))


def _uploaded_here(doc) -> bool:
	"""The user sent these very bytes in this request (Frappe reuses the URL of identical content)."""
	uploaded = getattr(frappe.local, "uploaded_file", None)
	return uploaded is not None and get_content_hash(uploaded) == doc.get("content_hash")


def keep_evidence_in_use(doc, method=None):
	"""on_trash: an evidence row still points at this file; remove the row first."""
	if _trusted() or doc.get("attached_to_doctype") != ASSESSMENT or not doc.get("file_url"):
		return
	in_use = frappe.db.get_value(
		"PAR Evidence",
		{"parent": doc.attached_to_name, "parenttype": ASSESSMENT, "file": doc.file_url},
		"criterion_code",
	)
	if in_use is None:
		return
	copies = frappe.db.exists(
		"File",
		{
			"file_url": doc.file_url,
			"attached_to_doctype": ASSESSMENT,
			"attached_to_name": doc.attached_to_name,
			"name": ("!=", doc.name),
		},
	)
	if not copies:
		frappe.throw(
			_("The file is evidence of criterion {0}: remove it from the evidence table first.").format(
				in_use
			),
			title=_("File in use"),
		)
