# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Year over Year: one unit's index, rank and sub-indices across the years' criteria sets."""

from __future__ import annotations

import frappe
from frappe import _

from parindex.par_index import lineage
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
from parindex.scoring import lineage as core_lineage
from parindex.scoring.numbers import to_decimal
from parindex.scoring.tree import code_sort_key
from parindex.settings import setting


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
	earlier = predecessor_years(filters.unit, {row.year for row in assessments}, overseer)
	codes = sorted({*codes, *(code for row in earlier for code in row.pop("fields"))}, key=code_sort_key)
	data = sorted([*earlier, *data], key=lambda row: row["year"])
	if earlier:
		notes.append(
			_("Years before {0} was formed: its predecessors' results, {1}.").format(
				filters.unit, _(setting("history_combination")).lower()
			)
		)
	return columns(codes), data, message(notes), index_chart(data)


def predecessor_years(unit: str, own_years: set, overseer: bool) -> list[dict]:
	"""Rows for the years before the unit was formed: its predecessors' approved results combined by
	the province's rule (index and sub-indices; no rank: the unit was not ranked). A unit's user sees
	only years whose ranking was published."""
	found = lineage.load()
	earlier = sorted(lineage.predecessors_of([unit], found))
	if not earlier:
		return []
	assessment = frappe.qb.DocType("PAR Assessment")
	rows = (
		frappe.qb.from_(assessment)
		.select(assessment.name, assessment.unit, assessment.criteria_set, assessment.year, assessment.index)
		.where(assessment.unit.isin(earlier) & (assessment.docstatus == 1))
		.run(as_dict=True)
	)
	if not overseer:
		rows = [row for row in rows if latest_publication(row.criteria_set)]
	results = field_results([row.name for row in rows])
	how = lineage.rule()
	data = []
	for year in sorted({row.year for row in rows} - own_years):
		of_year = {row.unit: row for row in rows if row.year == year}
		sources = core_lineage.stand_ins(unit, year, found, lambda name, of_year=of_year: name in of_year)
		if not sources:
			continue
		index = core_lineage.combine([(to_decimal(of_year[s].index or 0), w) for s, w in sources], how)
		fields = {}
		for code in {code for (name, code) in results if name in {of_year[s].name for s, _w in sources}}:
			values = [
				(to_decimal(results[(of_year[s].name, code)] or 0), w)
				for s, w in sources
				if (of_year[s].name, code) in results
			]
			fields[code] = float(core_lineage.combine(values, how))
		data.append(
			{
				"year": year,
				"criteria_set": of_year[sources[0][0]].criteria_set,
				"index": two(float(index)),
				"source": _("Predecessors: {0}").format(", ".join(s for s, _w in sources)),
				"fields": list(fields),
				**{field_column(code): two(value) for code, value in fields.items()},
			}
		)
	return data


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
