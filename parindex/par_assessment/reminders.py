"""Daily reminders: units 3 days before and on the self-assessment deadline; appraisers of waiting work."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from parindex.par_assessment import workflow

REMIND_DAYS_BEFORE = 3
UNIT_STATES = ("Draft", "Explanation Requested")
APPRAISER_STATES = ("Submitted", "Under Appraisal", "Explained")


def send_reminders(on_date=None) -> int:
	"""Send the day's reminders; return how many assessments they concern."""
	day = getdate(on_date or today())
	due_soon = {day, getdate(add_days(day, REMIND_DAYS_BEFORE))}
	count = 0
	for doc in _assessments(UNIT_STATES):
		if doc.self_assessment_deadline and getdate(doc.self_assessment_deadline) in due_soon:
			_remind(
				doc, _("Reminder: the self-assessment {0} of {1} is due on {2}"), doc.self_assessment_deadline
			)
			count += 1
	for doc in _assessments(APPRAISER_STATES):
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
