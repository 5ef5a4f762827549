# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Year over Year: one unit's index, rank and sub-indices across the years' criteria sets."""

from __future__ import annotations

import frappe
from frappe import _

from parindex.par_ranking.ranking import latest_publication, live_ranking, published_ranking
from parindex.par_ranking.report.common import (
	GREEN,
	chart,
	check_unit,
	column,
	field_column,
	field_results,
	is_overseer,
	message,
	never_raises,
	two,
)
from parindex.scoring.tree import code_sort_key


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.unit:
		return columns([]), [], None, None
	check_unit(filters.unit)
	assessment = frappe.qb.DocType("PAR Assessment")
	assessments = (
		frappe.qb.from_(assessment)
		.select(
			assessment.name,
			assessment.criteria_set,
			assessment.year,
			assessment.final_total,
			assessment.total_max,
			assessment.index,
		)
		.where((assessment.unit == filters.unit) & (assessment.docstatus < 2))
		.orderby(assessment.year)
		.orderby(assessment.criteria_set)
		.run(as_dict=True)
	)
	results = field_results([a.name for a in assessments])
	codes = sorted({code for (_name, code) in results}, key=code_sort_key)
	overseer = is_overseer()
	notes, data = [], []
	for row in assessments:
		place = standing(row.criteria_set, filters.unit, overseer)
		if place["rank"] is None and place["source"] == "Live" and not overseer:
			notes.append(_("{0}: the rank is shown once the ranking is published.").format(row.criteria_set))
		data.append(
			{
				"year": row.year,
				"criteria_set": row.criteria_set,
				"final_total": two(row.final_total or 0),
				"total_max": two(row.total_max or 0),
				"index": two(row.index or 0),
				"rank": place["rank"],
				"units_ranked": place["units"],
				"classification": place["classification"],
				"source": _("Published") if place["source"] == "Published" else _("Live"),
				**{field_column(code): two(results.get((row.name, code))) for code in codes},
			}
		)
	return columns(codes), data, message(notes), index_chart(data)


def columns(codes: list[str]) -> list[dict]:
	return [
		column("year", _("Year"), "Int", 70),
		column("criteria_set", _("Criteria set"), "Link", 140, options="PAR Criteria Set"),
		column("final_total", _("Total points"), width=110),
		column("total_max", _("Maximum"), width=100),
		column("index", _("Index (%)"), width=100),
		column("rank", _("Rank"), "Int", 70),
		column("units_ranked", _("Units ranked"), "Int", 110),
		column("classification", _("Classification"), "Data", 130),
		column("source", _("Ranking source"), "Data", 120),
		*[column(field_column(code), _("Field {0} (%)").format(code), width=120) for code in codes],
	]


def standing(criteria_set: str, unit: str, overseer: bool) -> dict:
	"""The unit's rank and classification in the set: as published, else live (rank hidden from units)."""
	publication = latest_publication(criteria_set)
	rows = published_ranking(publication) if publication else live_ranking(criteria_set)
	own = next((r for r in rows if r["unit"] == unit), None)
	rank = own["rank"] if own else None
	if not publication and not overseer:
		rank = None
	return {
		"rank": rank,
		"units": len(rows),
		"classification": (own or {}).get("classification") or "",
		"source": "Published" if publication else "Live",
	}


def index_chart(data: list[dict]) -> dict | None:
	years = [str(row["year"]) for row in data]
	labels = [
		f"{row['year']} ({row['criteria_set']})" if years.count(str(row["year"])) > 1 else str(row["year"])
		for row in data
	]
	return chart(
		labels,
		[{"name": _("Index (%)"), "values": [row["index"] for row in data]}],
		kind="line",
		colors=[GREEN],
		fieldtype="Float",
	)
