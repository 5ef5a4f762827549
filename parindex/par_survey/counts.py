"""Survey counts kept as answers arrive: how many respondents gave each answer to each question, per
survey and unit (PAR Survey Count).

Every write of responses changes the counts in the same transaction: an answer from the survey page or a
response saved in the desk (:func:`on_response_change`), a response deleted, a whole workbook of paper
forms (:func:`add`, once for all of them). Closing or recomputing a survey then reads at most
units × questions × answers rows (:func:`read`) instead of every answer ever given.

How a change is written: one ``INSERT … ON DUPLICATE KEY UPDATE answers = answers + n`` for all the
rows it touches. A row's name is made from its key (survey, unit, question, answer), so the same key
always meets the same row. Every writer of a survey's responses takes the survey's row lock first
(:func:`lock`), before it writes anything: two answers to the same survey are written one after the
other, and never deadlock on the responses' index or on the count rows.

:func:`rebuild` counts a survey again from its answers (for repair, and after an upgrade); tests check
that it finds what the incremental counts hold, answers given concurrently included.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from decimal import Decimal

import frappe
from frappe.query_builder.functions import Count

from parindex.bulk import bulk_insert, grouped, standard_fields

DOCTYPE = "PAR Survey Count"

Key = tuple[str, int, str]  # unit, question number, answer


def row_name(survey: str, unit: str, question_no: int, answer: str) -> str:
	"""The count row's name: the same key always gives the same name."""
	key = "\x1f".join((survey, unit, str(int(question_no)), answer))
	return hashlib.sha1(key.encode()).hexdigest()[:20]


def tally(responses) -> Counter:
	"""(unit, question, answer) → number of responses giving it, of responses (documents or dicts with
	``unit`` and ``answers``)."""
	counted: Counter = Counter()
	for response in responses or ():
		for answer in response.get("answers") or ():
			counted[(response.get("unit"), int(answer.get("question_no")), answer.get("answer"))] += 1
	return counted


def lock(survey: str) -> str | None:
	"""Take the survey's row lock (until the transaction ends); returns its status as now committed."""
	table = frappe.qb.DocType("PAR Survey")
	found = frappe.qb.from_(table).select(table.status).where(table.name == survey).for_update().run()
	return found[0][0] if found else None


def add(survey: str, changes: Counter | dict[Key, int]) -> int:
	"""Add the changes (negative to take away) to the survey's counts; returns the rows written."""
	changes = {key: n for key, n in changes.items() if n}
	if not changes:
		return 0
	lock(survey)  # held already by every writer of responses: taken again at no cost
	standard = standard_fields()
	rows = [
		{
			**standard,
			"name": row_name(survey, unit, question_no, answer),
			"survey": survey,
			"unit": unit,
			"question_no": question_no,
			"answer": answer,
			"answers": n,
		}
		# in key order, so that two writers meet the rows in the same order
		for (unit, question_no, answer), n in sorted(changes.items())
	]
	bulk_insert(DOCTYPE, rows, on_duplicate_add=("answers",))
	return len(rows)


def record_bulk(survey: str, responses: list[dict], answers: list[dict]) -> None:
	"""Write many responses of one survey and their answers (rows for :func:`parindex.bulk.bulk_insert`),
	and count them, in one go: paper forms by the workbook, a demo, a benchmark."""
	unit_of = {response["name"]: response["unit"] for response in responses}
	counted = Counter((unit_of[a["parent"]], int(a["question_no"]), a["answer"]) for a in answers)
	lock(survey)
	bulk_insert("PAR Survey Response", responses)
	bulk_insert("PAR Survey Response Answer", answers)
	add(survey, counted)


def record_forms(survey: str, forms, answered_on=None) -> int:
	"""Write paper forms of one survey in one go (:func:`record_bulk`): each form a (unit, respondent
	group, {question number: answer}), as the workbook, the demo and the tests give them. Returns how
	many were written."""
	standard = standard_fields()
	when = {"answered_on": answered_on} if answered_on else {}
	responses, answers = [], []
	for unit, group, given in forms:
		name = frappe.generate_hash(length=12)
		responses.append(
			{
				**standard,
				"name": name,
				"survey": survey,
				"unit": unit,
				"respondent_group": group,
				"channel": "Paper",
				**when,
			}
		)
		for idx, (number, letter) in enumerate(sorted(given.items()), start=1):
			answers.append(
				{
					**standard,
					"name": frappe.generate_hash(length=12),
					"parent": name,
					"parenttype": "PAR Survey Response",
					"parentfield": "answers",
					"idx": idx,
					"question_no": number,
					"answer": letter,
				}
			)
	record_bulk(survey, responses, answers)
	return len(responses)


def on_response_change(response, deleted: bool = False) -> None:
	"""Count what a saved (or deleted) response changed: its answers now, less its answers before."""
	if deleted:
		add(response.survey, {key: -n for key, n in tally([response]).items()})
		return
	before = response.get_doc_before_save()
	now, old = tally([response]), tally([before] if before is not None else [])
	if before is not None and before.survey != response.survey:
		add(before.survey, {key: -n for key, n in old.items()})
		add(response.survey, now)
		return
	now.subtract(old)
	add(response.survey, now)


#: a survey's counts, one row per unit: the database joins each unit's counts into one text
BY_UNIT = """
	select unit, group_concat(concat_ws(char(31), question_no, answer, answers) separator %s)
	from `tabPAR Survey Count`
	where survey = %s and answers > 0
	group by unit
"""


def read(survey: str) -> list[tuple]:
	"""(unit, question number, answer, count) of every answer given in the survey, from the counts.

	A survey of 1,000 units has some 80,000 counts; they come as 1,000 rows of text, which is read in
	a fraction of the time 80,000 rows take."""
	found = []
	for unit, records in grouped(BY_UNIT, [survey]):
		for question_no, answer, count in records:
			found.append((unit, int(question_no), answer, int(count)))
	return found


def sums(survey: str, scheme: dict) -> list[tuple] | None:
	"""(unit, question number, answers, Σ answers × weight) of every unit and question, summed by the
	database from the counts against the checked answer scheme (letter → weight, Decimal); None when
	an answer outside the scheme was counted (:func:`read` then gives the counts that say which).

	The weights go in as exact decimals, so the sums are exact; a survey of 1,000 units gives 1,000
	rows of text instead of 80,000 counts."""
	letters = list(scheme)
	if not letters:
		return None
	weight = " ".join(["when %s then %s"] * len(letters))
	known = ", ".join(["%s"] * len(letters))
	query = f"""
		select unit,
			cast(group_concat(concat_ws(char(31), question_no, answered, weighted, unknown) separator %s) as char)
		from (
			select unit, question_no, sum(answers) answered,
				sum(answers * case binary answer {weight} else 0 end) weighted,
				sum(binary answer not in ({known})) unknown
			from `tabPAR Survey Count`
			where survey = %s and answers > 0
			group by unit, question_no
		) per_question
		group by unit
	"""
	params = [*(v for letter in letters for v in (letter, scheme[letter])), *letters, survey]
	found = []
	for unit, records in grouped(query, params):
		for question_no, answered, weighted, unknown in records:
			if unknown != "0":
				return None
			found.append((unit, int(question_no), int(answered), Decimal(weighted)))
	return found


def from_answers(survey: str) -> list[tuple]:
	"""(unit, question number, answer, count), counted from the answers themselves (one GROUP BY)."""
	response = frappe.qb.DocType("PAR Survey Response")
	answer = frappe.qb.DocType("PAR Survey Response Answer")
	return (
		frappe.qb.from_(answer)
		.join(response)
		.on(answer.parent == response.name)
		.select(response.unit, answer.question_no, answer.answer, Count("*"))
		.where((response.survey == survey) & (answer.parenttype == "PAR Survey Response"))
		.groupby(response.unit, answer.question_no, answer.answer)
		.run()
	)


def rebuild(survey: str) -> dict:
	"""Count the survey again from its answers and replace its counts; says what was found different."""
	lock(survey)
	kept = {(u, int(q), a): int(n) for u, q, a, n in read(survey)}
	counted = {(u, int(q), a): int(n) for u, q, a, n in from_answers(survey)}
	differing = sum(1 for key in kept.keys() | counted.keys() if kept.get(key, 0) != counted.get(key, 0))
	frappe.qb.from_(DOCTYPE).delete().where(frappe.qb.DocType(DOCTYPE).survey == survey).run()
	add(survey, counted)
	return {"rows": len(counted), "differing": differing}
