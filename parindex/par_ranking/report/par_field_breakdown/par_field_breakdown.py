# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Field Breakdown: each unit's sub-index per field (Lĩnh vực) beside its index."""

from __future__ import annotations

import frappe
from frappe import _

from parindex.par_ranking.report.common import (
	assessments_of,
	chart,
	column,
	criteria_set_fields,
	field_column,
	field_results,
	mean,
	message,
	never_raises,
	published_scope,
	two,
)


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.criteria_set:
		return [column("unit", _("Unit"), "Data", 240)], [], None, None
	fields = criteria_set_fields(filters.criteria_set)
	scope = published_scope(filters.criteria_set)
	assessments = assessments_of(filters.criteria_set, scope, "index")
	results = field_results([a.name for a in assessments])
	data = []
	for assessment in sorted(assessments, key=lambda a: (-(a.index or 0), a.unit)):
		row = {"unit": assessment.unit, "index": two(assessment.index or 0)}
		for field in fields:
			row[field_column(field.code)] = two(results.get((assessment.name, field.code)))
		data.append(row)
	notes = []
	if scope is not None:
		notes.append(_("Until the ranking is published you see only your own unit."))
	return columns(fields), data, message(notes), averages_chart(fields, data)


def columns(fields: list[dict]) -> list[dict]:
	# plain text unit: once published, a unit's user sees every unit (see the PAR Ranking report)
	return [
		column("unit", _("Unit"), "Data", 240),
		*[column(field_column(f.code), f"{f.code}. {f.title} (%)", width=130) for f in fields],
		column("index", _("Index (%)"), width=100),
	]


def averages_chart(fields: list[dict], data: list[dict]) -> dict | None:
	if not data:
		return None
	return chart(
		[f"{f.code}. {f.title}" for f in fields],
		[
			{
				"name": _("Average sub-index (%)"),
				"values": [mean(row[field_column(f.code)] for row in data) or 0 for f in fields],
			}
		],
		fieldtype="Float",
	)
