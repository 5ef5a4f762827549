# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Survey Summary: responses against targets per unit and respondent group, or answers per question."""

from __future__ import annotations

import frappe
from frappe import _

from parindex.par_ranking.report.common import BLUE, GREEN, Refused, chart, column, never_raises, percent, two
from parindex.par_survey import counts
from parindex.refusals import existing
from parindex.scoring.numbers import to_decimal

BY_UNIT, BY_QUESTION = "By unit and group", "By question"


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not frappe.has_permission("PAR Survey Response", "read"):
		raise Refused(
			_("The survey summary is for the PAR managers, the support team and the appraisal council only.")
		)
	if not filters.survey:
		return [], [], None, None
	survey = existing("PAR Survey", filters.survey)
	if (filters.view or BY_UNIT) == BY_QUESTION:
		return by_question(survey)
	return by_unit(survey)


def by_unit(survey) -> tuple:
	survey.flags.ignore_permissions = True  # the report's own readers may see the survey's progress
	rows = survey.get_progress()
	data = [
		{
			"unit": row["unit"],
			"respondent_group": row["respondent_group"],
			"received": row["received"],
			"target": row["target"],
			"percent": percent(row["received"], row["target"]),
		}
		for row in rows
	]
	columns = [
		column("unit", _("Unit"), "Link", 220, options="PAR Unit"),
		column("respondent_group", _("Respondent group"), "Data", 160),
		column("received", _("Responses received"), "Int", 140),
		column("target", _("Target responses"), "Int", 130),
		column("percent", _("% of target"), width=110),
	]
	units = list(dict.fromkeys(row["unit"] for row in data))
	received = {unit: sum(r["received"] for r in data if r["unit"] == unit) for unit in units}
	target = {unit: sum(r["target"] or 0 for r in data if r["unit"] == unit) for unit in units}
	progress_chart = chart(
		units,
		[
			{"name": _("Responses received"), "values": [received[u] for u in units]},
			{"name": _("Target responses"), "values": [target[u] for u in units]},
		],
		colors=[BLUE, GREEN],
		fieldtype="Int",
	)
	total_received, total_target = sum(received.values()), sum(target.values())
	note = _("{0} responses received of a target of {1}.").format(total_received, total_target)
	return columns, data, note, progress_chart


def answer_counts(survey: str) -> dict[tuple[int, str], int]:
	"""(question number, answer letter) → number of answers, from the survey's counts."""
	totals: dict[tuple[int, str], int] = {}
	for _unit, number, letter, count in counts.read(survey):
		key = (int(number), (letter or "").strip().upper())
		totals[key] = totals.get(key, 0) + int(count)
	return totals


def letter_field(letter: str) -> str:
	return "answer_" + frappe.scrub(letter)


def by_question(survey) -> tuple:
	counts = answer_counts(survey.name)
	options = list(survey.answer_options)
	weights = {o.letter: to_decimal(o.weight or 0) for o in options}
	criteria = {q.criterion for q in survey.questions if q.criterion}
	codes = (
		dict(
			frappe.get_all(
				"PAR Criterion",
				filters={"name": ("in", list(criteria))},
				fields=["name", "code"],
				as_list=True,
			)
		)
		if criteria
		else {}
	)
	data = []
	for question in sorted(survey.questions, key=lambda q: q.number):
		per_letter = {o.letter: counts.get((question.number, o.letter), 0) for o in options}
		responses = sum(per_letter.values())
		weighted = sum(count * weights[letter] for letter, count in per_letter.items())
		data.append(
			{
				"number": question.number,
				"question": question.question,
				"respondent_group": question.respondent_group,
				"criterion": codes.get(question.criterion, ""),
				"responses": responses,
				"average_weight": two(weighted / responses) if responses else None,
				**{letter_field(letter): count for letter, count in per_letter.items()},
			}
		)
	columns = [
		column("number", _("No."), "Int", 60),
		column("question", _("Question"), "Data", 300),
		column("respondent_group", _("Respondent group"), "Data", 150),
		column("criterion", _("Criterion"), "Data", 90),
		column("responses", _("Responses"), "Int", 100),
		column("average_weight", _("Average weight (%)"), width=140),
		*[
			column(letter_field(o.letter), f"{o.letter}: {o.label}" if o.label else o.letter, "Int", 110)
			for o in options
		],
	]
	weight_chart = chart(
		[_("Question {0}").format(row["number"]) for row in data],
		[{"name": _("Average weight (%)"), "values": [row["average_weight"] or 0 for row in data]}],
		fieldtype="Float",
	)
	return columns, data, None, weight_chart
