"""Typed entry in the desk: what each line's control is, a value checked where it is typed, and the
scores and totals of values not yet saved (the form shows them as they are entered).

Nothing here saves: the form saves as usual, through the same rules (:mod:`parindex.par_assessment.lines`).
"""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.utils import formatdate, get_number_format_info

from parindex.par_assessment import lines
from parindex.refusals import existing, quote
from parindex.scoring import entry
from parindex.scoring.describe import describe
from parindex.scoring.errors import ScoringError, render
from parindex.scoring.numbers import fmt

COLUMNS = ("self_input", "appraised_input")


def readable(assessment: str):
	doc = existing("PAR Assessment", assessment)
	doc.check_permission("read")
	return doc


def specs(criteria_set: str) -> dict[str, dict]:
	"""How each line's value is entered, with its rule in words (shown to the form on load)."""
	words = rule_words(criteria_set)
	return {
		code: {**spec, "rule": words.get(code, "")}
		for code, spec in lines.compiled_set(criteria_set).entry.items()
	}


def written(number) -> str:
	"""A number as the site writes it (a decimal comma in Vietnamese)."""
	point = get_number_format_info(frappe.db.get_default("number_format") or "#,###.##")[0]
	return fmt(number).replace(".", point)


def as_read(value):
	"""A stored value as the reader reads it: Có for Yes, 20/12/2025 for 2025-12-20, 0,75 for 0.75."""
	if value in (None, "") or isinstance(value, bool):
		return "" if value is None else value
	return entry.shown(value, _, date=formatdate, number=written)


def rule_words(criteria_set: str) -> dict[str, str]:
	"""Each criterion's rule in words, in the user's language, numbers and dates written as the site
	writes them (the compact parameters are for admins: ``yes=1; no=0``)."""
	compiled = lines.compiled_set(criteria_set)
	return {
		code: describe(node.rule, node.max_score, _, number=written, date=formatdate)
		for code, node in compiled.tree.nodes.items()
		if node.rule is not None
	}


@frappe.whitelist()
def check_value(assessment: str, code: str, value=None) -> dict:
	"""The value as it will be stored and its points; a value the rule refuses is refused here, with the
	rule stated, before anything is saved."""
	doc = readable(assessment)
	compiled = lines.compiled_set(doc.criteria_set)
	node = compiled.tree.nodes.get(code) if isinstance(code, str) else None
	if node is None or node.rule is None:
		frappe.throw(_("{0} is not a criterion of this assessment.").format(quote(code)))
	try:
		stored = entry.check(node.rule, node.code, node.max_score, value)
	except ScoringError as error:
		frappe.throw(
			"<br>".join(render(p, _, quote) for p in error.problems)
			+ "<br>"
			+ _("Rule: {0}").format(quote(rule_words(doc.criteria_set).get(code, ""))),
			title=_("Invalid value"),
		)
	points = float(node.rule.score(node.code, node.max_score, stored)) if stored else 0
	return {"value": stored, "points": points}


@frappe.whitelist()
def preview(assessment: str, values) -> dict:
	"""Scores, totals and field results of the values given (``{code: [reported, not applicable,
	appraised]}``), as a save would compute them; nothing is saved."""
	doc = readable(assessment)
	values = json.loads(values) if isinstance(values, str) else (values or {})
	if not isinstance(values, dict):
		frappe.throw(_("The values could not be read."))
	compiled = lines.compiled_set(doc.criteria_set)
	for line in doc.lines:
		given = values.get(line.code)
		if isinstance(given, list) and len(given) == 3:
			line.self_input, line.not_applicable, line.appraised_input = (
				str(given[0] or ""),
				int(bool(given[1])),
				str(given[2] or ""),
			)
	problems = lines.score(doc, compiled)
	lines.set_totals(doc, compiled)
	totals = (
		"self_total",
		"self_index",
		"appraised_total",
		"survey_total",
		"final_total",
		"total_max",
		"index",
	)
	return {
		"lines": {line.code: [line.self_score, line.appraised_score, line.final_score] for line in doc.lines},
		"totals": {key: doc.get(key) for key in totals},
		"fields": [row.as_dict() for row in doc.field_results],
		"problems": {p.code: render(p, _, quote) for p in problems if p.code},
	}
