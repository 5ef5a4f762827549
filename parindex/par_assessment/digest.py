"""The daily digest: one message a day per person, listing all that waits for them
(:mod:`parindex.waiting` decides what), written with the Email Template "PAR daily digest" that a
manager edits in the desk.

Whatever the number of units, the job reads what it needs in a fixed number of queries (open
assessments; fields not signed off; fields asked to explain; appraiser assignments; units' users;
deciders by role; who already had today's digest; the template; the users' names and notification
settings), writes the digests and the system notifications in two bulk inserts, and queues the
e-mails as background jobs of a hundred.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_url, getdate, today

from parindex.bulk import bulk_insert, standard_fields
from parindex.par_assessment.appraisal import appraisable_fields
from parindex.par_assessment.stages import stages, workflow
from parindex.par_assessment.workflow import assignments
from parindex.process import MANAGER_ROLES, UNIT_ROLES, Role, Stage
from parindex.settings import setting
from parindex.waiting import Item, Kind, Open, Reminders, items_for

TEMPLATE = "PAR daily digest"
EMAIL_BATCH = 100
#: how each kind of item is told
TEXTS = {
	Kind.SELF_ASSESSMENT: "The self-assessment {0} of {1} is due on {2}",
	Kind.EXPLANATION: "The explanation of {0} ({1}) on fields {3} is due on {2}",
	Kind.SIGN_OFF: "{1} ({0}): fields {3} wait for your appraisal and sign-off (due {2})",
	Kind.EXPLANATION_LATE: "{1} ({0}) has not yet explained on field {3}, due on {2}",
	Kind.DECISION: "{1} ({0}) waits in the state {4}",
}


def send_digests(day=None) -> dict:
	"""The day's digests (the scheduler runs it daily); counts of people and items."""
	day = getdate(day or today())
	waiting = compute(day)
	already = set(frappe.get_all("PAR Digest Log", filters={"day": day}, pluck="user"))
	waiting = {user: items for user, items in waiting.items() if items and user not in already}
	if not waiting:
		return {"people": 0, "items": 0}
	template = frappe.db.get_value(
		"Email Template", TEMPLATE, ["subject", "response_html", "response"], as_dict=True
	)
	people = _people(list(waiting))
	render_one = Renderer(template)
	mail = can_send_email()
	logs, notifications, emails = [], [], []
	base = standard_fields()
	for user, items in waiting.items():
		person = people.get(user)
		if not person:
			continue
		subject, content = render_one(person.full_name, day, items)
		log = frappe.generate_hash(length=12)
		logs.append(
			{
				**base,
				"name": log,
				"user": user,
				"day": day,
				"items": len(items),
				"subject": subject[:140],
				"content": content,
				"emailed": int(person.email and mail),
			}
		)
		notifications.append(
			{
				**base,
				"name": frappe.generate_hash(length=10),
				"for_user": user,
				"type": "Alert",
				"subject": subject[:140],
				"email_content": content,
				"document_type": "PAR Digest Log",
				"document_name": log,
				"read": 0,
			}
		)
		if person.email and mail:
			emails.append((user, subject, content, log))
	bulk_insert("PAR Digest Log", logs)
	bulk_insert("Notification Log", notifications)
	for start in range(0, len(emails), EMAIL_BATCH):
		frappe.enqueue(
			"parindex.par_assessment.digest.send_emails",
			queue="long",
			emails=emails[start : start + EMAIL_BATCH],
			enqueue_after_commit=True,
			now=frappe.flags.in_test,
		)
	return {"people": len(logs), "items": sum(row["items"] for row in logs)}


def can_send_email() -> bool:
	"""A site without an outgoing e-mail account still gets its digests, in the desk only."""
	from frappe.email.doctype.email_account.email_account import EmailAccount

	return bool(EmailAccount.find_outgoing())


def compute(day) -> dict[str, list[Item]]:
	"""Person → what waits for them on the day, in a fixed number of queries."""
	by_state = stages()
	open_states = [s for s, stage in by_state.items() if stage != Stage.APPROVED]
	rows = frappe.get_all(
		"PAR Assessment",
		filters={"workflow_state": ("in", open_states), "docstatus": 0},
		fields=[
			"name",
			"unit",
			"criteria_set",
			"workflow_state",
			"self_assessment_deadline",
			"appraisal_deadline",
			"explanation_due",
		],
	)
	if not rows:
		return {}
	names = [r.name for r in rows]
	unsigned = _grouped(
		"PAR Assessment Field",
		names,
		"field_code",
		extra=lambda t: t.appraisal_status.isnull() | (t.appraisal_status != "Signed off"),
	)
	asked = _grouped(
		"PAR Assessment Line",
		names,
		"field_code",
		extra=lambda t: (t.explanation_requested == 1) & ((t.explanation.isnull()) | (t.explanation == "")),
	)
	appraisable = {cs: set(appraisable_fields(cs)) for cs in {r.criteria_set for r in rows}}
	assessments = [
		Open(
			r.name,
			r.unit,
			r.criteria_set,
			r.workflow_state,
			by_state.get(r.workflow_state),
			getdate(r.self_assessment_deadline) if r.self_assessment_deadline else None,
			getdate(r.appraisal_deadline) if r.appraisal_deadline else None,
			getdate(r.explanation_due) if r.explanation_due else None,
			tuple(sorted(unsigned.get(r.name, set()) & appraisable[r.criteria_set])),
			tuple(sorted(asked.get(r.name, set()))),
		)
		for r in rows
	]
	reminders = Reminders(
		setting("unit_reminder_days_before"),
		setting("unit_reminder_days_after"),
		bool(setting("appraiser_reminders")),
	)
	return items_for(
		getdate(day),
		assessments,
		_unit_users({r.unit for r in rows}),
		_appraisers({r.criteria_set for r in rows}),
		_deciders(),
		reminders,
	)


class Renderer:
	"""The Email Template compiled once for all the day's digests (a plain list without it)."""

	def __init__(self, template):
		jenv = frappe.get_jenv()
		self.subject = jenv.from_string(template.subject or "") if template else None
		self.body = jenv.from_string(template.response_html or template.response or "") if template else None
		self.dates: dict = {}
		self.link = get_url("/app/par-assessment/")

	def date(self, day) -> str:
		if day not in self.dates:
			self.dates[day] = frappe.format(day, "Date") if day else "—"
		return self.dates[day]

	def __call__(self, full_name: str, day, items: list[Item]) -> tuple[str, str]:
		lines = [
			{
				"text": text_of(item, self.date(item.due)),
				"link": self.link + item.assessment,
				"overdue": item.overdue,
				"kind": item.kind.value,
			}
			for item in items
		]
		context = {"items": lines, "full_name": full_name, "day": self.date(day)}
		if self.subject is not None:
			return self.subject.render(context), self.body.render(context)
		subject = _("PAR index: {0} items waiting for you").format(len(lines))
		body = (
			"<ul>"
			+ "".join(
				f"<li><a href='{i['link']}'>{frappe.utils.escape_html(i['text'])}</a></li>" for i in lines
			)
			+ "</ul>"
		)
		return subject, body


def text_of(item: Item, due: str | None = None) -> str:
	if due is None:
		due = frappe.format(item.due, "Date") if item.due else "—"
	return _(TEXTS[item.kind]).format(item.assessment, item.unit, due, ", ".join(item.fields), _(item.state))


def send_emails(emails: list) -> None:
	"""Background job: the digests' e-mails."""
	for user, subject, content, log in emails:
		frappe.sendmail(
			recipients=[user],
			subject=subject,
			message=content,
			reference_doctype="PAR Digest Log",
			reference_name=log,
			delayed=True,
		)


def _grouped(doctype: str, parents: list[str], column: str, extra) -> dict[str, set[str]]:
	table = frappe.qb.DocType(doctype)
	rows = (
		frappe.qb.from_(table)
		.select(table.parent, table[column])
		.distinct()
		.where(table.parent.isin(parents) & (table.parenttype == "PAR Assessment") & extra(table))
		.run()
	)
	found: dict[str, set[str]] = {}
	for parent, value in rows:
		found.setdefault(parent, set()).add(value)
	return found


def _unit_users(units: set[str]) -> dict[str, set[str]]:
	"""Unit → its enabled users holding a unit role."""
	permission = frappe.qb.DocType("User Permission")
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	rows = (
		frappe.qb.from_(permission)
		.join(has_role)
		.on((has_role.parent == permission.user) & (has_role.parenttype == "User"))
		.join(user)
		.on(user.name == permission.user)
		.select(permission.for_value, permission.user)
		.distinct()
		.where(
			(permission.allow == "PAR Unit")
			& permission.for_value.isin(list(units))
			& has_role.role.isin(list(UNIT_ROLES))
			& (user.enabled == 1)
		)
		.run()
	)
	found: dict[str, set[str]] = {}
	for unit, name in rows:
		found.setdefault(unit, set()).add(name)
	return found


def _appraisers(sets: set[str]) -> dict[tuple[str, str], set[str]]:
	"""(criteria set, field code) → its enabled appraisers."""
	found: dict[tuple[str, str], set[str]] = {}
	for criteria_set, code, name in assignments(sets, enabled_only=True):
		found.setdefault((criteria_set, code), set()).add(name)
	return found


def _deciders() -> dict[str, set[str]]:
	"""State → the enabled users whose role moves an assessment on from it, units, appraisers and
	managers aside (they have their own items, or see everything)."""
	flow = workflow()
	if not flow:
		return {}
	skip = set(UNIT_ROLES) | set(MANAGER_ROLES) | {Role.APPRAISER.value}
	roles_by_state: dict[str, set[str]] = {}
	for t in flow.transitions:
		if t.allowed not in skip:
			roles_by_state.setdefault(t.state, set()).add(t.allowed)
	wanted = set().union(*roles_by_state.values()) if roles_by_state else set()
	if not wanted:
		return {}
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	rows = (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(has_role.role, has_role.parent)
		.where(
			(has_role.parenttype == "User")
			& has_role.role.isin(list(wanted))
			& (user.enabled == 1)
			& user.name.notin(["Administrator", "Guest"])
		)
		.run()
	)
	holders: dict[str, set[str]] = {}
	for role, name in rows:
		holders.setdefault(role, set()).add(name)
	return {
		state: set().union(*(holders.get(role, set()) for role in roles))
		for state, roles in roles_by_state.items()
	}


def _people(users: list[str]) -> dict[str, frappe._dict]:
	"""Name and whether each user takes notifications by e-mail (Notification Settings)."""
	user = frappe.qb.DocType("User")
	settings = frappe.qb.DocType("Notification Settings")
	rows = (
		frappe.qb.from_(user)
		.left_join(settings)
		.on(settings.name == user.name)
		.select(
			user.name,
			user.full_name,
			user.enabled,
			settings.enabled.as_("notifications"),
			settings.enable_email_notifications,
		)
		.where(user.name.isin(users))
		.run(as_dict=True)
	)
	return {
		r.name: frappe._dict(
			full_name=r.full_name or r.name,
			email=(r.notifications in (None, 1)) and (r.enable_email_notifications in (None, 1)),
		)
		for r in rows
		if r.enabled
	}
