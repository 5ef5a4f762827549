# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Appraisal Gap: how far the units' own scores were from the appraised ones, by unit or by criterion,
over the lines appraised so far; and how often the flags raised before appraisal pointed at lines the
appraisers corrected (their hit rate, against unflagged lines)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Avg, Count, Max, Sum

from parindex.par_assessment.lines import assessment_lines
from parindex.par_ranking.report.common import (
	ORANGE,
	chart,
	check_overseer,
	column,
	never_raises,
	percent,
	two,
)
from parindex.scoring.flags import FlagKind, Outcome, hit_rates
from parindex.scoring.numbers import to_decimal
from parindex.scoring.tree import code_sort_key

BY_UNIT, BY_CRITERION, HIT_RATE = "By unit", "By criterion", "Flags' hit rate"
TOP = 10


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	check_overseer(_("PAR Appraisal Gap"))
	view = filters.view or BY_UNIT
	if not filters.criteria_set:
		return [], [], None, None
	if view == HIT_RATE:
		data = hit_rate(filters.criteria_set)
		labels = [row["flag"] for row in data if row["lines"]]
		values = [row["rate"] or 0 for row in data if row["lines"]]
		return hit_rate_columns(), data, None, gap_chart(labels, values, _("Corrected (%)"))
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
		column("unappraised_lines", _("Lines not yet appraised"), "Int", 160),
	]


def by_unit(criteria_set: str) -> list[dict]:
	"""Self-assessed and appraised points of the lines appraised so far (survey lines and lines the unit
	left out as not applicable aside), biggest gap first."""
	assessment = frappe.qb.DocType("PAR Assessment")
	line = frappe.qb.DocType("PAR Assessment Line")
	appraised = (line.appraised == 1) & ((line.not_applicable == 0) | (line.na_refused == 1))
	rows = (
		frappe.qb.from_(assessment)
		.left_join(line)
		.on((line.parent == assessment.name) & (line.parenttype == "PAR Assessment") & appraised)
		.select(
			assessment.unit,
			Max(assessment.unappraised_lines).as_("unappraised_lines"),
			Sum(line.self_score).as_("self_total"),
			Sum(line.final_score).as_("appraised_total"),
		)
		.where((assessment.criteria_set == criteria_set) & (assessment.docstatus < 2))
		.groupby(assessment.name, assessment.unit)
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
				"unappraised_lines": int(row.unappraised_lines or 0),
			}
		)
	return sorted(data, key=lambda r: (-r["gap"], r["unit"]))


def hit_rate_columns() -> list[dict]:
	return [
		column("flag", _("Flag"), "Data", 260),
		column("lines", _("Lines appraised"), "Int", 130),
		column("corrected", _("Corrected by the appraisers"), "Int", 190),
		column("rate", _("Corrected (%)"), width=120),
		column("points_removed", _("Points taken away"), width=140),
	]


#: how each row of the hit rate is named
FLAG_NAMES = {
	FlagKind.FULL_WITHOUT_EVIDENCE.value: "Full marks without evidence",
	FlagKind.JUMP_FROM_LAST_YEAR.value: "Jump from last year",
	FlagKind.OUTLIER_IN_GROUP.value: "Far above the unit group",
	FlagKind.ON_TIME_LATE_EVIDENCE.value: "On time, evidence dated later",
	FlagKind.REPEATED_EXPLANATION.value: "Explanation repeated from last year",
	FlagKind.EVIDENCE_DATE_DIFFERS.value: "Evidence dated otherwise than entered",
	"any": "Any flag",
	"none": "No flag",
}


def hit_rate(criteria_set: str) -> list[dict]:
	"""Per flag, any flag and no flag: the appraised lines, how many the appraisers corrected and the
	points they took away (:func:`parindex.scoring.flags.hit_rates`)."""
	assessment, line, joined = assessment_lines()
	rows = (
		joined.select(line.flag_codes, line.self_score, line.final_score)
		.where(
			(assessment.criteria_set == criteria_set)
			& (assessment.docstatus < 2)
			& (line.appraised == 1)
			& (line.not_applicable == 0)
			& (line.rule_kind != "Survey")
		)
		.run()
	)
	outcomes = [
		Outcome(
			tuple(code for code in (codes or "").split(",") if code),
			to_decimal(self_score or 0),
			to_decimal(final_score or 0),
		)
		for codes, self_score, final_score in rows
	]
	return [
		{
			"flag": _(FLAG_NAMES[r.kind]),
			"lines": r.lines,
			"corrected": r.corrected,
			"rate": float(r.rate) if r.rate is not None else None,
			"points_removed": two(r.points_removed),
		}
		for r in hit_rates(outcomes)
	]


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
	assessment, line, joined = assessment_lines()
	changed = Case().when(line.self_score != line.final_score, 1).else_(0)
	rows = (
		joined.select(
			line.code,
			Max(line.title).as_("title"),
			Max(line.max_score).as_("max_score"),
			Avg(line.self_score).as_("average_self"),
			Avg(line.final_score).as_("average_final"),
			Count("*").as_("lines"),
			Sum(changed).as_("units_changed"),
		)
		.where(
			(assessment.criteria_set == criteria_set)
			& (assessment.docstatus < 2)
			& ((line.rule_kind != "Survey") | line.rule_kind.isnull())
			& (line.not_applicable == 0)
			& (line.appraised == 1)
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
