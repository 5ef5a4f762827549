"""Answering a survey: by invitation (one response per token), anonymously per unit, or on paper.

Every path checks the answers the same way (:func:`check_answers`) and writes one PAR Survey Response.
Guests reach :func:`load` and :func:`submit` from the page /par-survey; both are rate-limited per IP.
"""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import getdate, now_datetime, today

from parindex.par_index import criteria
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, render


class SurveyRefused(frappe.ValidationError):
	pass


def refuse(problem: Problem) -> None:
	frappe.throw(render(problem, _), SurveyRefused, title=_("Survey"))


def speak_site_language() -> None:
	"""Respondents get the site's language (Vietnamese), whatever their browser asks for."""
	if frappe.session.user == "Guest":
		frappe.local.lang = frappe.db.get_single_value("System Settings", "language") or "vi"


def questions_for(survey_doc, group: str) -> list:
	return sorted((q for q in survey_doc.questions if q.respondent_group == group), key=lambda q: q.number)


def check_answers(survey_doc, group: str, answers: dict[int, str]) -> list[Problem]:
	"""Every question of the group answered with one of the survey's answers, and nothing else."""
	letters = [o.letter for o in survey_doc.answer_options]
	asked = {q.number for q in questions_for(survey_doc, group)}
	problems = []
	for number in sorted(asked):
		answer = (answers.get(number) or "").strip().upper()
		if not answer:
			problems.append(Problem(M.ANSWER_MISSING, (number,)))
		elif answer not in letters:
			problems.append(Problem(M.ANSWER_INVALID, (number, answer, ", ".join(letters))))
	for number in sorted(set(answers) - asked):
		if (answers[number] or "").strip():
			problems.append(Problem(M.ANSWER_NOT_ASKED, (number, group)))
	return problems


def _open_survey(name: str):
	survey_doc = frappe.get_doc("PAR Survey", name)
	day = getdate(today())
	is_open = survey_doc.status == "Open"
	if survey_doc.opens_on and day < getdate(survey_doc.opens_on):
		is_open = False
	if survey_doc.closes_on and day > getdate(survey_doc.closes_on):
		is_open = False
	if not is_open:
		refuse(Problem(M.SURVEY_CLOSED, (survey_doc.title,)))
	return survey_doc


def resolve(token: str | None = None, survey: str | None = None, unit: str | None = None, lock=False):
	"""(survey, unit, respondent group, invitation or None) of an answering link; refuses bad links."""
	if token:
		invitation = frappe.db.get_value(
			"PAR Survey Invitation",
			{"token": token},
			["name", "survey", "unit", "respondent_group", "expires_on", "used_on"],
			as_dict=True,
			for_update=lock,
		)
		if not invitation:
			refuse(Problem(M.TOKEN_UNKNOWN))
		if invitation.used_on:
			refuse(Problem(M.TOKEN_USED))
		if invitation.expires_on and getdate(today()) > getdate(invitation.expires_on):
			refuse(Problem(M.TOKEN_EXPIRED, (frappe.format(invitation.expires_on, "Date"),)))
		return _open_survey(invitation.survey), invitation.unit, invitation.respondent_group, invitation
	# anonymous: the same answer for every survey that takes none, so names cannot be probed
	if not (survey and unit and frappe.db.get_value("PAR Survey", survey, "allow_anonymous")):
		refuse(Problem(M.ANONYMOUS_CLOSED))
	survey_doc = _open_survey(survey)
	unit_group = frappe.db.get_value("PAR Criteria Set", survey_doc.criteria_set, "unit_group")
	found = frappe.db.get_value("PAR Unit", unit, ["unit_group", "is_group", "disabled"], as_dict=True)
	if not found or found.unit_group != unit_group or found.is_group or found.disabled:
		refuse(Problem(M.TOKEN_UNKNOWN))
	return survey_doc, unit, survey_doc.anonymous_group, None


def _answers(answers) -> dict[int, str]:
	"""{question number: letter} from what the page sent; anything else is refused, in the site's language."""
	try:
		given = json.loads(answers) if isinstance(answers, str) else dict(answers)
	except (ValueError, TypeError):
		given = None
	if not isinstance(given, dict):
		refuse(Problem(M.ANSWER_KEY, (str(answers)[:20],)))
	result = {}
	for key, value in given.items():
		if not str(key).strip().isdigit():
			refuse(Problem(M.ANSWER_KEY, (str(key)[:20],)))
		result[int(key)] = str(value or "")
	return result


@frappe.whitelist(allow_guest=True)
@rate_limit(limit=120, seconds=60 * 60)
def load(token: str | None = None, survey: str | None = None, unit: str | None = None) -> dict:
	"""What the answering page shows: title, unit, questions and answers."""
	speak_site_language()
	survey_doc, unit, group, _invitation = resolve(token, survey, unit)
	return {
		"title": survey_doc.title,
		"unit": unit,
		"respondent_group": group,
		"questions": [{"number": q.number, "question": q.question} for q in questions_for(survey_doc, group)],
		"answers": [{"letter": o.letter, "label": o.label} for o in survey_doc.answer_options],
	}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=30, seconds=60 * 60)
def submit(
	answers, token: str | None = None, survey: str | None = None, unit: str | None = None, website=None
):
	"""Record one response. ``website`` is a field people never see: robots that fill it are ignored."""
	if website:
		return {"ok": True}
	speak_site_language()
	survey_doc, unit, group, invitation = resolve(token, survey, unit, lock=True)
	given = _answers(answers)
	problems = check_answers(survey_doc, group, given)
	criteria.throw_problems(problems, _("Please answer every question"))
	if invitation is None:
		frappe.db.get_value("PAR Survey", survey_doc.name, "name", for_update=True)  # one count at a time
		received = frappe.db.count(
			"PAR Survey Response", {"survey": survey_doc.name, "unit": unit, "channel": "Anonymous"}
		)
		if received >= (survey_doc.anonymous_limit_per_unit or 0):
			refuse(Problem(M.ANONYMOUS_LIMIT, (unit,)))
	response = frappe.get_doc(
		{
			"doctype": "PAR Survey Response",
			"survey": survey_doc.name,
			"unit": unit,
			"respondent_group": group,
			"channel": "Invitation" if invitation else "Anonymous",
			"invitation": invitation.name if invitation else None,
			"answered_on": now_datetime(),
			"answers": [{"question_no": n, "answer": a.strip().upper()} for n, a in sorted(given.items())],
		}
	)
	response.flags.from_answering = True
	response.insert(ignore_permissions=True)
	if invitation:
		frappe.db.set_value("PAR Survey Invitation", invitation.name, "used_on", now_datetime())
	return {"ok": True}
