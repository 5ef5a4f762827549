# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Appraisal Gap: how far the units' own scores were from the appraised ones, by unit or by criterion."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Avg, Count, Max, Sum

from parindex.par_ranking.report.common import (
	ORANGE,
	chart,
	check_overseer,
	column,
	never_raises,
	percent,
	two,
)
from parindex.scoring.numbers import to_decimal
from parindex.scoring.tree import code_sort_key

BY_UNIT, BY_CRITERION = "By unit", "By criterion"
TOP = 10


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	check_overseer(_("PAR Appraisal Gap"))
	view = filters.view or BY_UNIT
	if not filters.criteria_set:
		return [], [], None, None
	if view == BY_CRITERION:
		data = by_criterion(filters.criteria_set)
		labels = [row["code"] for row in data[:TOP] if row["average_gap"] > 0]
		values = [row["average_gap"] for row in data[: len(labels)]]
		return criterion_columns(), data, None, gap_chart(labels, values, _("Average gap"))
	data = by_unit(filters.criteria_set)
	labels = [row["unit"] for row in data[:TOP] if row["gap"] > 0]
	values = [row["gap"] for row in data[: len(labels)]]
	return unit_columns(), data, None, gap_chart(labels, values, _("Gap"))


def unit_columns() -> list[dict]:
	return [
		column("unit", _("Unit"), "Link", 240, options="PAR Unit"),
		column("self_total", _("Self-assessed points"), width=140),
		column("appraised_total", _("Appraised points"), width=130),
		column("gap", _("Gap"), width=100),
		column("gap_percent", _("Gap (% of self-assessed)"), width=160),
	]


def by_unit(criteria_set: str) -> list[dict]:
	"""Self-assessed and appraised points of the appraised part, biggest gap first."""
	assessment = frappe.qb.DocType("PAR Assessment")
	rows = (
		frappe.qb.from_(assessment)
		.select(assessment.unit, assessment.self_total, assessment.appraised_total)
		.where((assessment.criteria_set == criteria_set) & (assessment.docstatus < 2))
		.run(as_dict=True)
	)
	data = []
	for row in rows:
		gap = to_decimal(row.self_total or 0) - to_decimal(row.appraised_total or 0)
		data.append(
			{
				"unit": row.unit,
				"self_total": two(row.self_total or 0),
				"appraised_total": two(row.appraised_total or 0),
				"gap": two(gap),
				"gap_percent": percent(gap, row.self_total),
			}
		)
	return sorted(data, key=lambda r: (-r["gap"], r["unit"]))


def criterion_columns() -> list[dict]:
	return [
		column("code", _("Code"), "Data", 80),
		column("title", _("Criterion"), "Data", 280),
		column("max_score", _("Max"), width=80),
		column("average_self", _("Average self score"), width=140),
		column("average_final", _("Average final score"), width=140),
		column("average_gap", _("Average gap"), width=120),
		column("units_changed", _("Units with a changed score"), "Int", 170),
	]


def by_criterion(criteria_set: str) -> list[dict]:
	"""Per appraised criterion (survey and not-applicable lines left out), biggest average gap first."""
	assessment = frappe.qb.DocType("PAR Assessment")
	line = frappe.qb.DocType("PAR Assessment Line")
	changed = Case().when(line.self_score != line.final_score, 1).else_(0)
	rows = (
		frappe.qb.from_(line)
		.join(assessment)
		.on(line.parent == assessment.name)
		.select(
			line.code,
			Max(line.title).as_("title"),
			Max(line.max_score).as_("max_score"),
			Avg(line.self_score).as_("average_self"),
			Avg(line.final_score).as_("average_final"),
			Count("*").as_("lines"),
			Sum(changed).as_("units_changed"),
		)
		.where(
			(line.parenttype == "PAR Assessment")
			& (assessment.criteria_set == criteria_set)
			& (assessment.docstatus < 2)
			& ((line.rule_kind != "Survey") | line.rule_kind.isnull())
			& (line.not_applicable == 0)
		)
		.groupby(line.code)
		.run(as_dict=True)
	)
	data = []
	for row in rows:
		average_self = to_decimal(row.average_self or 0)
		average_final = to_decimal(row.average_final or 0)
		data.append(
			{
				"code": row.code,
				"title": row.title,
				"max_score": two(row.max_score or 0),
				"average_self": two(average_self),
				"average_final": two(average_final),
				"average_gap": two(average_self - average_final),
				"units_changed": int(row.units_changed or 0),
			}
		)
	return sorted(data, key=lambda r: (-r["average_gap"], code_sort_key(r["code"])))


def gap_chart(labels: list, values: list, name: str) -> dict | None:
	return chart(labels, [{"name": name, "values": values}], colors=[ORANGE], fieldtype="Float")
