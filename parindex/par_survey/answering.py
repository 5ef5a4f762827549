"""Answering a survey: by invitation (one response per token), anonymously per unit, or on paper.

Every path checks the answers the same way (:func:`check_answers`) and writes one PAR Survey Response.
Guests reach :func:`load` and :func:`submit` from the page /par-survey. Both are rate-limited per client
address (:mod:`parindex.access.limits`), whatever API path calls them; what a guest sends is checked for
shape and size before anything else, and a refusal quotes at most a short, escaped excerpt of it.
"""

from __future__ import annotations

import json
import re

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import getdate, now_datetime, today

from parindex.access.limits import hit
from parindex.par_index import criteria
from parindex.par_survey import counts
from parindex.refusals import quote
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, render
from parindex.settings import setting


class SurveyRefused(frappe.ValidationError):
	pass


#: what one answering request may carry: question numbers of up to 4 digits, answers of a few letters
QUESTION_KEY = re.compile(r"[0-9]{1,4}")
MAX_ANSWERS_TEXT = 16_384
MAX_QUESTIONS = 500
MAX_ANSWER = 10
MAX_NAME = 140


EXCERPT = 20


def excerpt(value) -> str:
	"""What a client sent, as short as a refusal quotes it (the message escapes it)."""
	text = str(value)
	return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def refuse(problem: Problem) -> None:
	frappe.throw(render(problem, _, lambda text: quote(text, EXCERPT)), SurveyRefused, title=_("Survey"))


def speak_site_language() -> None:
	"""Respondents get the site's language (Vietnamese), whatever their browser asks for."""
	if frappe.session.user == "Guest":
		frappe.local.lang = frappe.db.get_single_value("System Settings", "language") or "vi"


def page_language() -> None:
	"""``before_request``: the answering page and the public results pages in the site's language from
	the start of the request, so the website cache finds the page it stored in that language."""
	request = getattr(frappe.local, "request", None)
	if request is not None and (
		request.path.rstrip("/") == "/par-survey" or request.path.rstrip("/").startswith("/ket-qua")
	):
		speak_site_language()


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
			problems.append(Problem(M.ANSWER_INVALID, (number, excerpt(answer), ", ".join(letters))))
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


def _check_link_shape(token, survey, unit) -> None:
	for value in (token, survey, unit):
		if value is not None and (not isinstance(value, str) or len(value) > MAX_NAME):
			refuse(Problem(M.TOKEN_UNKNOWN))


def resolve(token: str | None = None, survey: str | None = None, unit: str | None = None, lock=False):
	"""(survey, unit, respondent group, invitation or None) of an answering link; refuses bad links."""
	_check_link_shape(token, survey, unit)
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
	if isinstance(answers, str) and len(answers) > MAX_ANSWERS_TEXT:
		refuse(Problem(M.ANSWERS_TOO_LONG, (MAX_ANSWERS_TEXT,)))
	try:
		given = json.loads(answers) if isinstance(answers, str) else dict(answers)
	except (ValueError, TypeError, RecursionError):
		given = None
	if not isinstance(given, dict):
		refuse(Problem(M.ANSWERS_SHAPE))
	if len(given) > MAX_QUESTIONS:
		refuse(Problem(M.ANSWERS_TOO_LONG, (MAX_ANSWERS_TEXT,)))
	result = {}
	for key, value in given.items():
		key = str(key).strip()
		if not QUESTION_KEY.fullmatch(key):
			refuse(Problem(M.ANSWER_KEY, (excerpt(key),)))
		if value is not None and not isinstance(value, str | int):
			refuse(Problem(M.ANSWER_INVALID, (int(key), excerpt(value), "A, B, …")))
		value = str(value if value is not None else "").strip()
		if len(value) > MAX_ANSWER:
			refuse(Problem(M.ANSWER_INVALID, (int(key), excerpt(value), "A, B, …")))
		result[int(key)] = value
	return result


@frappe.whitelist(allow_guest=True)
def load(token: str | None = None, survey: str | None = None, unit: str | None = None) -> dict:
	"""What the answering page shows: title, unit, questions and answers."""
	speak_site_language()
	hit("survey-load", setting("survey_loads_per_hour"), 60 * 60)
	survey_doc, unit, group, _invitation = resolve(token, survey, unit)
	return {
		"title": survey_doc.title,
		"unit": unit,
		"respondent_group": group,
		"questions": [{"number": q.number, "question": q.question} for q in questions_for(survey_doc, group)],
		"answers": [{"letter": o.letter, "label": o.label} for o in survey_doc.answer_options],
	}


def _hold_survey(survey_doc) -> None:
	"""Answers to one survey are written one at a time: the survey's row is locked until this request's
	transaction ends (as every other write of its responses does, :mod:`parindex.par_survey.counts`).

	The status is read again under the lock: a survey closed while this answer was on its way refuses
	it, so no answer lands after its points were written."""
	if counts.lock(survey_doc.name) != "Open":
		refuse(Problem(M.SURVEY_CLOSED, (survey_doc.title,)))


def _check_anonymous_room(survey_doc, unit: str) -> None:
	"""The unit's anonymous answers stay within the survey's limit, also when many arrive at once.

	The count is a locking read, which sees answers committed meanwhile (a plain read would see the
	transaction's older snapshot and let parallel answers through); its gap locks cannot deadlock
	with another answer, as answers to the survey wait for its lock (:func:`_hold_survey`)."""
	response = frappe.qb.DocType("PAR Survey Response")
	received = (
		frappe.qb.from_(response)
		.select(Count(response.name))
		.where(
			(response.survey == survey_doc.name) & (response.unit == unit) & (response.channel == "Anonymous")
		)
		.for_update()
		.run()[0][0]
	)
	if received >= (survey_doc.anonymous_limit_per_unit or 0):
		refuse(Problem(M.ANONYMOUS_LIMIT, (unit,)))


@frappe.whitelist(allow_guest=True, methods=["POST"])
def submit(
	answers, token: str | None = None, survey: str | None = None, unit: str | None = None, website=None
):
	"""Record one response. ``website`` is a field people never see: robots that fill it are ignored."""
	speak_site_language()
	hit("survey-submit", setting("survey_answers_per_hour"), 60 * 60)
	if website:
		return {"ok": True}
	given = _answers(answers)
	survey_doc, unit, group, invitation = resolve(token, survey, unit, lock=True)
	problems = check_answers(survey_doc, group, given)
	criteria.throw_problems(problems, _("Please answer every question"))
	_hold_survey(survey_doc)
	if invitation is None:
		_check_anonymous_room(survey_doc, unit)
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
