# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Criterion Analysis: how the units did on each sub-criterion, the province's weakest first."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Avg, Count, Max, Min

from parindex.par_ranking.report.common import (
	RED,
	chart,
	column,
	message,
	never_raises,
	percent,
	published_scope,
	two,
)
from parindex.scoring.tree import code_sort_key

WEAKEST = 10


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.criteria_set:
		return columns(), [], None, None
	scope = published_scope(filters.criteria_set)
	data = analysis(filters.criteria_set, scope)
	notes = []
	if scope is not None:
		notes.append(_("Until the ranking is published you see only your own unit."))
	weakest = [row for row in data if row["average_percent"] is not None][:WEAKEST]
	weakest_chart = chart(
		[row["code"] for row in weakest],
		[{"name": _("Average achieved (% of max)"), "values": [row["average_percent"] for row in weakest]}],
		colors=[RED],
		fieldtype="Float",
	)
	return columns(), data, message(notes), weakest_chart


def columns() -> list[dict]:
	return [
		column("code", _("Code"), "Data", 80),
		column("title", _("Criterion"), "Data", 280),
		column("max_score", _("Max"), width=80),
		column("units", _("Units"), "Int", 80),
		column("average_score", _("Average final score"), width=140),
		column("average_percent", _("Average achieved (% of max)"), width=180),
		column("lowest", _("Lowest score"), width=110),
		column("highest", _("Highest score"), width=110),
	]


def analysis(criteria_set: str, units: set[str] | None) -> list[dict]:
	"""Per sub-criterion over the lines that apply (not-applicable lines left out), lowest % first."""
	if units is not None and not units:
		return []
	assessment = frappe.qb.DocType("PAR Assessment")
	line = frappe.qb.DocType("PAR Assessment Line")
	query = (
		frappe.qb.from_(line)
		.join(assessment)
		.on(line.parent == assessment.name)
		.select(
			line.code,
			Max(line.title).as_("title"),
			Max(line.max_score).as_("max_score"),
			Count("*").as_("units"),
			Avg(line.final_score).as_("average_score"),
			Min(line.final_score).as_("lowest"),
			Max(line.final_score).as_("highest"),
		)
		.where(
			(line.parenttype == "PAR Assessment")
			& (assessment.criteria_set == criteria_set)
			& (assessment.docstatus < 2)
			& (line.not_applicable == 0)
		)
		.groupby(line.code)
	)
	if units is not None:
		query = query.where(assessment.unit.isin(list(units)))
	data = [
		{
			"code": row.code,
			"title": row.title,
			"max_score": two(row.max_score or 0),
			"units": int(row.units),
			"average_score": two(row.average_score or 0),
			"average_percent": percent(row.average_score or 0, row.max_score),
			"lowest": two(row.lowest or 0),
			"highest": two(row.highest or 0),
		}
		for row in query.run(as_dict=True)
	]
	# weakest first; criteria without a maximum (nothing to achieve) last
	return sorted(
		data,
		key=lambda r: (r["average_percent"] is None, r["average_percent"] or 0, code_sort_key(r["code"])),
	)
