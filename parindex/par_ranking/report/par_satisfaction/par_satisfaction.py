# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Satisfaction (Chỉ số hài lòng SIPAS): for a satisfaction survey, the SIPAS index and each
element's index per unit and for the province, with the answers counted and the share satisfied."""

from __future__ import annotations

import frappe
from frappe import _

from parindex.access.scope import unit_scope
from parindex.par_ranking.report.common import chart, column, message, never_raises, percent
from parindex.par_survey import sipas
from parindex.scoring.satisfaction import ELEMENTS, PROVINCE


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.survey:
		return columns(), [], message([_("Choose a satisfaction survey.")]), None
	# a unit's user sees only its own units' figures (below), whatever survey is asked for
	survey = frappe.get_doc("PAR Survey", filters.survey)
	if not sipas.is_sipas(survey):
		return (
			columns(),
			[],
			message([_("{0} does not measure satisfaction (SIPAS).").format(survey.name)]),
			None,
		)
	results = sipas.of_survey(survey)
	scope = unit_scope()
	notes = []
	if scope is not None:
		results = {unit: found for unit, found in results.items() if unit in scope}
		notes.append(_("You see your own unit's satisfaction."))
	data = [row(_("Province"), results[PROVINCE])] if PROVINCE in results else []
	units = sorted((u for u in results if u != PROVINCE), key=lambda u: (-(results[u].index or 0), u))
	data += [row(unit, results[unit]) for unit in units]
	return columns(), data, message(notes), elements_chart(data[0]) if data else None


def row(unit: str, found) -> dict:
	return {
		"unit": unit,
		"index": float(found.index) if found.index is not None else None,
		**{e: float(v) if v is not None else None for e, v in found.elements.items()},
		"answers": found.answers,
		"satisfied": percent(found.satisfied, found.answers),
	}


def columns() -> list[dict]:
	return [
		column("unit", _("Unit"), "Data", 220),
		column("index", _("SIPAS index (%)"), width=120),
		*[column(key, _(sipas.LABELS[key]) + " (%)", width=140) for key in ELEMENTS],
		column("answers", _("Answers"), "Int", 90),
		column("satisfied", _("Satisfied (%)"), width=110),
	]


def elements_chart(first: dict) -> dict:
	labels = [_(sipas.LABELS[key]) for key in ELEMENTS]
	return chart(labels, [{"name": first["unit"], "values": [first.get(key) or 0 for key in ELEMENTS]}])
