# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""PAR Rank Simulation (Mô phỏng nâng hạng): for one assessment, the criteria where the unit is
furthest below its maximum, what each would bring, and the fewest that reach the next rank and band
(:mod:`parindex.par_assessment.simulation`)."""

from __future__ import annotations

import frappe
from frappe import _

from parindex.par_assessment.simulation import FINAL, simulate_assessment
from parindex.par_ranking.report.common import column, message, never_raises


@never_raises
def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.assessment:
		return columns(False), [], message([_("Choose an assessment.")]), None
	result = simulate_assessment(filters.assessment, filters.source or FINAL)
	data = [
		{
			"code": o["code"],
			"title": o["title"] + (" " + _("(survey)") if o["survey"] else ""),
			"points": o["points"],
			"maximum": o["maximum"],
			"gain": o["gain"],
			"index": o["index"],
			"rank": o["rank"],
			"band": o["band"],
		}
		for o in result["opportunities"]
	]
	return columns(result["ranked"]), data, message(notes(result)), None


def columns(ranked: bool) -> list[dict]:
	return [
		column("code", _("Code"), "Data", 80),
		column("title", _("Criterion"), "Data", 320),
		column("points", _("Points now"), width=100),
		column("maximum", _("Maximum"), width=90),
		column("gain", _("Points to gain"), width=110),
		column("index", _("Index if gained (%)"), width=130),
		*([column("rank", _("Rank if gained"), "Int", 110)] if ranked else []),
		column("band", _("Band if gained"), "Data", 120),
	]


def notes(result: dict) -> list[str]:
	"""The unit's standing now and the way to the next rank and band, in words."""
	now = _("Index now: {0} %").format(frappe.format(result["index"], {"fieldtype": "Float", "precision": 2}))
	if result["rank"]:
		now += ", " + _("rank {0}").format(result["rank"])
	if result["band"]:
		now += ", " + _("band {0}").format(result["band"])
	lines = [now + "."]
	for key, label in (("next_band", _("Next band")), ("next_rank", _("Next rank"))):
		target = result[key]
		if target:
			lines.append(
				_("{0} ({1}, index {2} %): raise {3} to their maximum.").format(
					label,
					target["label"],
					frappe.format(target["goal"], {"fieldtype": "Float", "precision": 2}),
					", ".join(target["codes"]),
				)
			)
	if not result["ranked"]:
		lines.append(_("Until the ranking is published you see the bands only, not ranks."))
	return lines
