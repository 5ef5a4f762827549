"""What lifts our rank (Mô phỏng nâng hạng) on an assessment: the scoring core's simulation
(:mod:`parindex.scoring.simulate`) on the assessment's current points, with values the unit tries out
without saving.

Against whom a unit is ranked:
- an overseer (managers, council): the other units' current indices, live;
- a unit: after the set's ranking is published, the published indices; before it, nobody's: the unit
  sees its index and the next band, never a rank or another unit's score.
"""

from __future__ import annotations

import json

import frappe
from frappe import _

from parindex.access.scope import unit_scope
from parindex.par_assessment import lines
from parindex.par_index.criteria import throw_problems
from parindex.par_ranking.ranking import bands_of, latest_publication
from parindex.scoring.aggregate import NOT_APPLICABLE, score_inputs
from parindex.scoring.numbers import to_decimal
from parindex.scoring.simulate import Simulation, simulate

FINAL, SELF = "final", "self"


@frappe.whitelist()
def simulate_assessment(assessment: str, source: str = FINAL, values: str | dict | None = None) -> dict:
	"""The simulation for an assessment the user may read, from its final (or its own) points, with
	``values`` (criterion code → a value as the unit would enter it) tried out. Nothing is saved."""
	if source not in (FINAL, SELF):
		frappe.throw(
			_("Simulate from the final points or from the unit's own points."), title=_("Not simulated")
		)
	doc = frappe.get_doc("PAR Assessment", assessment)
	doc.check_permission("read")
	compiled = lines.compiled_set(doc.criteria_set)
	scores = current_points(doc, source)
	tried = _tried(compiled, values)
	scores.update(tried)
	others = others_indices(doc)
	result = simulate(compiled.aggregator, scores, others, bands_of(doc.criteria_set))
	return _as_dict(result, compiled, doc, tried, others is not None)


def current_points(doc, source: str) -> dict:
	"""Code → points (or NOT_APPLICABLE) of each line: as finally scored, or as the unit scored it
	itself (survey lines always as the survey gave them)."""
	points = {}
	for line in doc.lines:
		survey = line.rule_kind == "Survey"
		if source == SELF and not survey:
			na, value = bool(line.not_applicable), line.self_score
		else:
			na, value = bool(line.not_applicable) and not line.get("na_refused"), line.final_score
		points[line.code] = NOT_APPLICABLE if na else to_decimal(value or 0)
	return points


def _tried(compiled: lines.CompiledSet, values) -> dict:
	"""Points of the values tried out, scored by each criterion's rule; every bad value is named."""
	if not values:
		return {}
	if isinstance(values, str):
		try:
			values = json.loads(values)
		except ValueError:
			values = None
	if not isinstance(values, dict):
		frappe.throw(_("The values to try are not readable."), title=_("Not simulated"))
	inputs = {str(code): value for code, value in values.items() if value not in (None, "")}
	points, problems = score_inputs(compiled.tree, inputs)
	if problems:
		throw_problems(problems, _("Not simulated"))
	return points


def others_indices(doc) -> list | None:
	"""The other units' indices the user may rank against; None: none (a unit before publication)."""
	if unit_scope() is None:
		table = frappe.qb.DocType("PAR Assessment")
		return (
			frappe.qb.from_(table)
			.select(table.index)
			.where(
				(table.criteria_set == doc.criteria_set) & (table.docstatus < 2) & (table.name != doc.name)
			)
			.run(pluck=True)
		)
	publication = latest_publication(doc.criteria_set)
	if not publication:
		return None
	entry = frappe.qb.DocType("PAR Ranking Entry")
	return (
		frappe.qb.from_(entry)
		.select(entry.index)
		.where((entry.parent == publication) & (entry.parenttype == "PAR Ranking Publication"))
		.where(entry.unit != doc.unit)
		.run(pluck=True)
	)


def _as_dict(result: Simulation, compiled, doc, tried: dict, ranked: bool) -> dict:
	titles = {line.code: line.title for line in doc.lines}
	kinds = {line.code: line.rule_kind for line in doc.lines}

	def standing(value) -> dict:
		return {"index": _number(value.index), "rank": value.rank, "band": value.band or ""}

	def target(value) -> dict | None:
		if value is None:
			return None
		return {
			"goal": _number(value.goal),
			"label": value.label,
			"codes": list(value.codes),
			"titles": [titles.get(code, "") for code in value.codes],
			**standing(value.standing),
		}

	return {
		"ranked": ranked,
		"tried": sorted(tried),
		**standing(result.standing),
		"opportunities": [
			{
				"code": o.code,
				"title": titles.get(o.code, ""),
				"survey": kinds.get(o.code) == "Survey",
				"points": _number(o.points),
				"maximum": _number(o.maximum),
				"gain": _number(o.gain),
				**standing(o.standing),
			}
			for o in result.opportunities
		],
		"next_rank": target(result.next_rank),
		"next_band": target(result.next_band),
	}


def _number(value) -> float | None:
	return float(value) if value is not None else None
