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
