# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Attention (Cần chú ý): the lines flagged before appraisal (:mod:`parindex.scoring.flags`), most
flags and most points at stake first, for the support team to look at first. Overseers only: some flags
compare a unit with its group."""

from __future__ import annotations

import frappe
from frappe import _

from parindex.par_assessment.entry import as_read
from parindex.par_assessment.lines import assessment_lines
from parindex.par_assessment.workflow import assigned_fields
from parindex.par_ranking.report.common import check_overseer, column, never_raises, two
from parindex.par_ranking.report.par_appraisal_gap.par_appraisal_gap import FLAG_NAMES
from parindex.scoring.tree import code_sort_key


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	check_overseer(_("PAR Attention"))
	if not filters.criteria_set:
		return columns(), [], None, None
	return columns(), lines(filters), None, None


def columns() -> list[dict]:
	return [
		column("unit", _("Unit"), "Link", 200, options="PAR Unit"),
		column("assessment", _("Assessment"), "Link", 150, options="PAR Assessment"),
		column("workflow_state", _("State"), "Data", 120),
		column("code", _("Code"), "Data", 70),
		column("title", _("Criterion"), "Data", 220),
		column("self_input", _("Self-assessed value"), "Data", 130),
		column("self_score", _("Self-assessed score"), width=110),
		column("max_score", _("Max"), width=70),
		column("flag_count", _("Flags"), "Int", 70),
		column("flags", _("Why"), "Data", 420),
		column("appraised", _("Appraised"), "Check", 90),
	]


def lines(filters) -> list[dict]:
	assessment, line, joined = assessment_lines()
	query = joined.select(
		assessment.unit,
		assessment.name.as_("assessment"),
		assessment.workflow_state,
		line.code,
		line.title,
		line.field_code,
		line.self_input,
		line.self_score,
		line.max_score,
		line.flag_codes,
		line.flag_reasons,
		line.appraised,
	).where(
		(assessment.criteria_set == filters.criteria_set)
		& (assessment.docstatus < 2)
		& line.flag_codes.isnotnull()
		& (line.flag_codes != "")
	)
	if filters.unit:
		query = query.where(assessment.unit == filters.unit)
	if filters.flag:
		if filters.flag not in FLAG_NAMES:
			frappe.throw(_("Unknown flag: {0}").format(frappe.utils.escape_html(str(filters.flag))))
		query = query.where(line.flag_codes.like(f"%{filters.flag}%"))
	if frappe.utils.cint(filters.pending):
		query = query.where(line.appraised == 0)
	rows = query.run(as_dict=True)
	if frappe.utils.cint(filters.mine):
		mine = assigned_fields(filters.criteria_set, frappe.session.user)
		if mine:  # a manager or council member with no fields sees them all
			rows = [r for r in rows if r.field_code in mine]
	data = [
		{
			"unit": r.unit,
			"assessment": r.assessment,
			"workflow_state": _(r.workflow_state),
			"code": r.code,
			"title": r.title,
			"self_input": as_read(r.self_input),  # as the unit wrote it: Có, 20/12/2025
			"self_score": two(r.self_score or 0),
			"max_score": two(r.max_score or 0),
			"flag_count": len([c for c in r.flag_codes.split(",") if c]),
			"flags": "; ".join((r.flag_reasons or "").splitlines()),
			"appraised": r.appraised,
		}
		for r in rows
	]
	return sorted(
		data, key=lambda r: (-r["flag_count"], -(r["self_score"] or 0), r["unit"], code_sort_key(r["code"]))
	)
