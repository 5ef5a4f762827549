"""The ranking of a criteria set's units: live from the assessments, or as published.

Units are ranked by their index (achieved points over applicable maximum, two decimals) so that a unit
whose criteria were partly not applicable is compared fairly; ties share a rank (1, 2, 2, 4). Each unit
gets the classification band of its index from the criteria set.
"""

from __future__ import annotations

import frappe

from parindex.scoring.numbers import to_decimal
from parindex.scoring.ranking import ClassBand, classify, rank

COLUMNS = ("appraised_total", "survey_total", "final_total", "total_max", "index")


def bands_of(criteria_set: str) -> list[ClassBand]:
	rows = frappe.get_all(
		"PAR Classification Band",
		filters={"parent": criteria_set, "parenttype": "PAR Criteria Set"},
		fields=["band_label", "min_index"],
	)
	return [ClassBand(r.band_label, to_decimal(r.min_index or 0)) for r in rows]


def live_ranking(criteria_set: str) -> list[dict]:
	"""Every non-cancelled assessment of the set, ranked: unit, points, index, rank, classification."""
	assessment = frappe.qb.DocType("PAR Assessment")
	rows = (
		frappe.qb.from_(assessment)
		.select(assessment.name, assessment.unit, *[assessment[c] for c in COLUMNS])
		.where((assessment.criteria_set == criteria_set) & (assessment.docstatus < 2))
		.run(as_dict=True)
	)
	return ranked(rows, bands_of(criteria_set))


def ranked(rows: list[dict], bands: list[ClassBand]) -> list[dict]:
	"""Rows (with 'unit' and 'index') in rank order, each with its rank and classification."""
	by_unit = {row["unit"]: row for row in rows}
	result = []
	for entry in rank((row["unit"], row["index"] or 0) for row in rows):
		row = dict(by_unit[entry.unit])
		row["rank"] = entry.rank
		row["classification"] = classify(entry.score, bands) or ""
		result.append(row)
	return result


def latest_publication(criteria_set: str) -> str | None:
	"""The newest submitted publication of the set's ranking, if any."""
	return frappe.db.get_value(
		"PAR Ranking Publication",
		{"criteria_set": criteria_set, "docstatus": 1},
		"name",
		order_by="decision_date desc, creation desc",
	)


def published_ranking(publication: str) -> list[dict]:
	return frappe.get_all(
		"PAR Ranking Entry",
		filters={"parent": publication, "parenttype": "PAR Ranking Publication"},
		fields=["unit", "rank", "classification", "assessment as name", *COLUMNS],
		order_by="idx asc",
	)


def field_entries(entries: list) -> list[dict]:
	"""Each ranked unit's results by field, from its assessment, in rank and field order: what a
	publication freezes beside the ranking."""
	names = [entry.assessment for entry in entries if entry.assessment]
	if not names:
		return []
	field = frappe.qb.DocType("PAR Assessment Field")
	rows = (
		frappe.qb.from_(field)
		.select(
			field.parent, field.field_code, field.field_title, field.final_points, field.maximum, field.index
		)
		.where((field.parent.isin(names)) & (field.parenttype == "PAR Assessment"))
		.orderby(field.idx)
		.run(as_dict=True)
	)
	by_assessment: dict[str, list] = {}
	for row in rows:
		by_assessment.setdefault(row.parent, []).append(row)
	return [
		{
			"unit": entry.unit,
			"field_code": row.field_code,
			"field_title": row.field_title,
			"final_points": row.final_points,
			"maximum": row.maximum,
			"index": row.index,
		}
		for entry in entries
		for row in by_assessment.get(entry.assessment, [])
	]


def satisfaction_rows(criteria_set: str) -> list[dict]:
	"""The satisfaction of the set's latest closed SIPAS survey, the province first: what a publication
	freezes for the public page."""
	from parindex.par_survey import sipas
	from parindex.scoring.satisfaction import ELEMENTS, PROVINCE

	surveys = sipas.sipas_surveys(criteria_set)
	if not surveys:
		return []
	results = sipas.of_survey(frappe.get_doc("PAR Survey", surveys[-1]))
	order = sorted(results, key=lambda unit: (unit != PROVINCE, unit))
	return [
		{
			"unit": unit or None,
			"sipas_index": results[unit].index,
			**{element: results[unit].elements.get(element) for element in ELEMENTS},
			"answers": results[unit].answers,
		}
		for unit in order
	]
