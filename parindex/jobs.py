"""Long work in the background, with a progress bar in the desk and a clear message at the end.

Closing or recomputing a survey, creating the assessments of a whole group, importing a large workbook
of paper forms and the annex of a big group run here when they are large (PAR Settings,
``background_above_units``): the request only queues them (:func:`start`) and answers at once.

A job (:func:`run`) is one transaction: what it wrote is committed when it ends well and rolled back
when it fails, so nothing is left half-written. Either way the person who started it is told, in
their language: a message on screen if they are still there (realtime ``msgprint``), and a
notification in the desk's bell that stays. Progress is published as Frappe's realtime ``progress``
event, which the desk shows as a progress bar: to the document's room (everyone with its form open)
or, for work not tied to a document, to the person only.

The same job for the same document is queued once: starting it again while it waits or runs says so.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils.background_jobs import is_job_enqueued

from parindex.settings import setting

QUEUE = "long"
TIMEOUT = 60 * 60


class Progress:
	"""Reports how far a job is; publishes at most once per whole percent."""

	def __init__(self, title: str, doctype: str | None = None, docname: str | None = None):
		self.title, self.doctype, self.docname = title, doctype, docname
		self.last = -1

	def __call__(self, done: float, total: float, description: str | None = None) -> None:
		percent = int(100 * done / total) if total else 100
		if percent == self.last:
			return
		self.last = percent
		frappe.publish_progress(
			percent, title=self.title, doctype=self.doctype, docname=self.docname, description=description
		)


def quiet(done: float, total: float, description: str | None = None) -> None:
	"""The progress of work done in the request itself: nobody waits for a bar."""


def job_id(method: str, docname: str | None) -> str:
	return f"parindex::{method}::{docname or frappe.session.user}"


def is_large(size: int) -> bool:
	return size > setting("background_above_units")


def start(method: str, title: str, doctype: str | None = None, docname: str | None = None, **kwargs) -> dict:
	"""Queue ``method(progress=…, **kwargs)`` as a job; ``{"queued": True, "title": …}``."""
	key = job_id(method, docname)
	if is_job_enqueued(key):
		frappe.throw(
			_("{0} is already running in the background. You will be told when it is done.").format(title),
			title=_("Already running"),
		)
	frappe.enqueue(
		"parindex.jobs.run",
		queue=QUEUE,
		timeout=TIMEOUT,
		job_id=key,
		deduplicate=True,
		enqueue_after_commit=True,
		work=method,
		title=title,
		doctype=doctype,
		docname=docname,
		user=frappe.session.user,
		kwargs=kwargs,
	)
	return {"queued": True, "title": title}


def run(work: str, title: str, doctype: str | None, docname: str | None, user: str, kwargs: dict):
	"""The job itself: the work in one transaction, then the person who started it is told."""
	frappe.set_user(user)
	frappe.local.lang = frappe.translate.get_user_lang(user)
	progress = Progress(title, doctype, docname)
	try:
		result = frappe.get_attr(work)(progress=progress, **kwargs)
		progress(1, 1)
		frappe.db.commit()  # nosemgrep: a background job commits its own work, once, at the end
	except Exception as error:
		frappe.db.rollback()
		reason = _clean(error)
		frappe.log_error(
			title=f"ParIndex job failed: {work}", reference_doctype=doctype, reference_name=docname
		)
		tell(
			user,
			title,
			_("{0} failed; nothing was changed. {1}").format(title, reason),
			doctype,
			docname,
			False,
		)
		frappe.db.commit()  # nosemgrep: the notification and the error log
		return None
	message = result.get("message") if isinstance(result, dict) else None
	tell(user, title, message or _("{0}: done.").format(title), doctype, docname, True, result)
	frappe.db.commit()  # nosemgrep
	return result


def _clean(error: Exception) -> str:
	"""What went wrong, as the person should read it: the refusal's own text, without markup."""
	from frappe.utils import strip_html

	messages = [strip_html(m) for m in _messages()] or [str(error) or error.__class__.__name__]
	frappe.local.message_log = []
	return " ".join(messages)[:1000]


def _messages() -> list[str]:
	import json

	found = []
	for entry in getattr(frappe.local, "message_log", None) or []:
		if isinstance(entry, str):
			try:
				entry = json.loads(entry)
			except ValueError:
				entry = {"message": entry}
		if entry.get("message"):
			found.append(str(entry["message"]))
	return found


def tell(user: str, title: str, message: str, doctype, docname, ok: bool, result=None) -> None:
	"""On screen now, and in the bell for later."""
	frappe.publish_realtime(
		"msgprint",
		{"message": message, "title": title, "indicator": "green" if ok else "red", "parindex_job": True},
		user=user,
	)
	link = (result or {}).get("file_url") if isinstance(result, dict) else None
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"subject": message if not link else f'{message} <a href="{link}">{_("Download")}</a>',
			"document_type": doctype,
			"document_name": docname,
			"from_user": user,
		}
	).insert(ignore_permissions=True)
