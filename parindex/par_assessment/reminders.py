"""Daily reminders: units before and on the self-assessment deadline (and after it, until they submit,
when PAR Settings says so); appraisers of waiting work."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from parindex.par_assessment import workflow
from parindex.par_assessment.stages import states_in
from parindex.process import Stage
from parindex.settings import setting


def unit_is_due(deadline, day, days_before: int, days_after: int) -> bool:
	"""Whether a unit still working on its self-assessment is reminded on ``day``.

	>>> import datetime
	>>> due = datetime.date(2025, 10, 31)
	>>> [unit_is_due(due, due - datetime.timedelta(days=d), 3, 0) for d in (4, 3, 1, 0)]
	[False, True, False, True]
	>>> [unit_is_due(due, due + datetime.timedelta(days=d), 3, 2) for d in (1, 2, 3, 4)]
	[False, True, False, True]
	"""
	if not deadline:
		return False
	late = (day - deadline).days
	if late <= 0:
		return late in (0, -days_before)
	return days_after > 0 and late % days_after == 0


def send_reminders(on_date=None) -> int:
	"""Send the day's reminders; return how many assessments they concern."""
	day = getdate(on_date or today())
	before, after = setting("unit_reminder_days_before"), setting("unit_reminder_days_after")
	count = 0
	for doc in _assessments(states_in(Stage.SELF_ASSESSMENT, Stage.EXPLANATION)):
		deadline = getdate(doc.self_assessment_deadline) if doc.self_assessment_deadline else None
		if unit_is_due(deadline, day, before, after):
			_remind(
				doc, _("Reminder: the self-assessment {0} of {1} is due on {2}"), doc.self_assessment_deadline
			)
			count += 1
	for doc in _assessments(
		states_in(Stage.SUBMITTED, Stage.APPRAISAL) if setting("appraiser_reminders") else []
	):
		_remind(
			doc,
			_("Reminder: the assessment {0} of {1} is waiting for appraisal (due {2})"),
			doc.appraisal_deadline,
		)
		count += 1
	return count


def _assessments(states):
	rows = frappe.get_all(
		"PAR Assessment",
		filters={"workflow_state": ("in", states), "docstatus": 0},
		fields=[
			"name",
			"unit",
			"criteria_set",
			"workflow_state",
			"self_assessment_deadline",
			"appraisal_deadline",
		],
	)
	return [frappe._dict(row, doctype="PAR Assessment") for row in rows]


def _remind(doc, template: str, due) -> None:
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	users = workflow.next_actors(doc)
	if users:
		subject = template.format(doc.name, doc.unit, frappe.format(due, "Date") if due else "—")
		enqueue_create_notification(
			list(users),
			{"type": "Alert", "document_type": doc.doctype, "document_name": doc.name, "subject": subject},
		)
