"""A small province for the access tests: two units, users of every role, a published year and a year
in progress with evidence, a draft ranking, a survey; and the ways to ask Frappe for a document.

``call`` goes the way a request goes: the app's request guard (``before_request``), then Frappe's
dispatcher with its whitelist and the app's overrides.
"""

from __future__ import annotations

import frappe
from frappe.handler import execute_cmd
from frappe.utils import set_request

from parindex.access.arguments import check_request
from parindex.tests.factories import (
	active_set_with_assessments,
	attach_evidence,
	make_survey,
	make_unit,
	make_user,
)

UNIT_A, UNIT_B = "_Test Access A", "_Test Access B"
#: key → (e-mail, roles, unit)
USERS = {
	"unit_a": ("par-access-unit-a@example.com", ("PAR Unit User",), UNIT_A),
	"head_a": ("par-access-head-a@example.com", ("PAR Unit User", "PAR Unit Head"), UNIT_A),
	"unit_b": ("par-access-unit-b@example.com", ("PAR Unit User",), UNIT_B),
	"no_unit": ("par-access-no-unit@example.com", ("PAR Unit User",), None),
	"appraiser": ("par-access-appraiser@example.com", ("PAR Appraiser",), None),
	"council": ("par-access-council@example.com", ("PAR Council Member",), None),
	"manager": ("par-access-manager@example.com", ("PAR Manager",), None),
}
UNIT_OF = {key: unit for key, (_email, _roles, unit) in USERS.items()}
KEY_OF_UNIT = {UNIT_A: "A", UNIT_B: "B"}
OVERSEERS = {"appraiser", "council", "manager"}


def email(key: str) -> str:
	return USERS[key][0]


def make_users() -> None:
	for unit in (UNIT_A, UNIT_B):
		make_unit(unit)
	for address, roles, unit in USERS.values():
		make_user(address, *roles, unit=unit)
	frappe.cache.delete_value("user_permissions")


def make_world() -> dict:
	"""The documents the tests ask for, by (kind, whose): whose is "A", "B", "published" or "draft"."""
	from parindex.par_ranking.report.testing import publish
	from parindex.par_survey import counts

	make_users()
	done, done_names = active_set_with_assessments((UNIT_A, UNIT_B), year=2041)
	publication = publish(done.name, "9/QĐ-UBND", "2042-01-15")
	current, names = active_set_with_assessments((UNIT_A, UNIT_B), year=2042)
	world = {
		("PAR Assessment", "A published"): done_names[UNIT_A],
		("PAR Assessment", "B published"): done_names[UNIT_B],
		("PAR Ranking Publication", "published"): publication,
	}
	for key, unit in (("A", UNIT_A), ("B", UNIT_B)):
		name = names[unit]
		url = attach_evidence(name, "1.1.1", f"Quyết định của {unit}")
		doc = frappe.get_doc("PAR Assessment", name)
		doc.append("evidence", {"criterion_code": "1.1.1", "file": url, "description": "Quyết định"})
		doc.save()
		world[("PAR Assessment", key)] = name
		world[("PAR Assessment Line", key)] = doc.lines[0].name
		world[("PAR Assessment Field", key)] = doc.field_results[0].name
		world[("PAR Evidence", key)] = doc.evidence[0].name
		world[("File", key)] = frappe.db.get_value(
			"File", {"attached_to_doctype": "PAR Assessment", "attached_to_name": name}, "name"
		)
		world[("File url", key)] = url
	draft = frappe.get_doc(
		{
			"doctype": "PAR Ranking Publication",
			"criteria_set": current.name,
			"decision_no": "draft",
			"decision_date": "2043-01-15",
		}
	).insert()
	world[("PAR Ranking Publication", "draft")] = draft.name
	world[("PAR Ranking Entry", "draft")] = draft.entries[0].name
	world[("PAR Ranking Entry", "published")] = (
		frappe.get_doc("PAR Ranking Publication", publication).entries[0].name
	)
	world[("PAR Ranking Field Entry", "draft")] = draft.field_entries[0].name
	world[("PAR Ranking Field Entry", "published")] = (
		frappe.get_doc("PAR Ranking Publication", publication).field_entries[0].name
	)
	survey = make_survey(current, status="Open")
	for key, unit in (("A", UNIT_A), ("B", UNIT_B)):
		response = frappe.get_doc(
			{
				"doctype": "PAR Survey Response",
				"survey": survey.name,
				"unit": unit,
				"respondent_group": "Người dân",
				"channel": "Paper",
				"answers": [{"question_no": 1, "answer": "A"}, {"question_no": 2, "answer": "B"}],
			}
		).insert()
		world[("PAR Survey Response", key)] = response.name
		world[("PAR Survey Response Answer", key)] = response.answers[0].name
		world[("PAR Survey Count", key)] = counts.row_name(survey.name, unit, 1, "A")
	for key, unit in (("A", UNIT_A), ("B", UNIT_B), ("public", UNIT_B)):
		question = frappe.get_doc(
			{
				"doctype": "PAR Criterion Question",
				"criteria_set": current.name,
				"criterion": frappe.db.get_value(
					"PAR Criterion", {"criteria_set": current.name, "code": "1.2"}
				),
				"unit": unit,
				"question": f"How is 1.2 scored? ({key})",
				"answer": "Per late report." if key == "public" else None,
				"is_public": 1 if key == "public" else 0,
			}
		).insert()
		world[("PAR Criterion Question", key)] = question.name
	survey.create_invitations(UNIT_A, "Người dân", 1)
	world[("PAR Survey Invitation", "A")] = frappe.db.get_value(
		"PAR Survey Invitation", {"survey": survey.name}
	)
	world["survey"] = survey.name
	world["current set"] = current.name
	world["published set"] = done.name
	return world


def may_read(user: str, doctype: str, whose: str) -> bool:
	"""The rule the app promises, written out: who may read which document."""
	if doctype in ("PAR Ranking Publication", "PAR Ranking Entry", "PAR Ranking Field Entry"):
		return user in OVERSEERS or whose == "published"
	if doctype in ("PAR Survey Response", "PAR Survey Response Answer", "PAR Survey Count"):
		return user in OVERSEERS
	if doctype == "PAR Survey Invitation":
		return user == "manager"
	if doctype == "PAR Criterion Question" and whose == "public":
		return True
	return user in OVERSEERS or KEY_OF_UNIT.get(UNIT_OF[user]) == whose.split()[0]


def call(cmd: str, **kwargs):
	"""A call as a request makes it (POST /api/method/<cmd>): the request guard, then Frappe's
	dispatcher with its whitelist and the overrides. Returns what the method returned, or the file
	it sent."""
	had_request = hasattr(frappe.local, "request")
	set_request(method="POST", path=f"/api/method/{cmd}")
	frappe.local.form_dict = frappe._dict(kwargs, cmd=cmd)
	frappe.response.pop("filecontent", None)
	try:
		check_request()
		result = execute_cmd(cmd)
		return result if result is not None else frappe.response.get("filecontent")
	finally:
		frappe.local.form_dict = frappe._dict()
		if not had_request:
			del frappe.local.request


def as_user(who: str, cmd: str, /, **kwargs):
	"""The call of ``cmd``, made by ``who`` when run (a test goes on as itself afterwards)."""

	def run():
		frappe.set_user(who)
		return call(cmd, **kwargs)

	return run
