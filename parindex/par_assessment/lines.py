"""Scoring an assessment document: its lines against the criteria set, through the scoring core.

The criteria set decides which lines exist and how each is scored; the unit and the appraisers only
supply values. Every problem found is reported at once, with the criterion codes at fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

import frappe
from frappe import _

from parindex.par_index import criteria
from parindex.scoring import entry
from parindex.scoring import messages as M
from parindex.scoring.aggregate import (
	NOT_APPLICABLE,
	Aggregator,
	Total,
	index_of,
	scaled_total,
)
from parindex.scoring.appraisal import LineState, judge
from parindex.scoring.errors import Problem, ScoringError
from parindex.scoring.numbers import to_decimal
from parindex.scoring.rule_text import format_rule
from parindex.scoring.rules import RuleKind
from parindex.scoring.tree import SURVEY, CriteriaTree, code_sort_key
from parindex.workbooks.criteria import CriterionRow


@dataclass(frozen=True)
class CompiledSet:
	"""A criteria set ready to score: tree, aggregator and the structure of each line."""

	tree: CriteriaTree
	aggregator: Aggregator
	lines: dict[str, dict]  # leaf code → structural values of its line
	field_titles: dict[str, str]
	entry: dict[str, dict]  # leaf code → how its value is entered (parindex.scoring.entry.spec)
	survey_fields: frozenset[str] = frozenset()  # the fields holding survey criteria
	survey_lines: frozenset[str] = frozenset()  # the codes of the survey criteria

	@cached_property
	def line_order(self) -> tuple[str, ...]:
		"""The codes of the set's lines, in the order an assessment has them."""
		return tuple(self.lines)

	@cached_property
	def line_codes(self) -> frozenset[str]:
		return frozenset(self.lines)


_cache: dict[tuple, CompiledSet] = {}


def compiled_set(criteria_set: str) -> CompiledSet:
	"""The set's tree, compiled once per version of the set (an active set does not change)."""
	modified = frappe.db.get_value("PAR Criteria Set", criteria_set, "modified")
	key = (frappe.local.site, criteria_set, str(modified))
	if key not in _cache:
		rows = criteria.load_rows(criteria_set)
		tree = CriteriaTree.build([r.to_node() for r in rows])
		if len(_cache) > 64:
			_cache.clear()
		specs = {node.code: entry.spec(node.rule, node.max_score) for node in tree.leaves()}
		survey = [node for node in tree.leaves() if node.is_survey]
		_cache[key] = CompiledSet(
			tree,
			Aggregator(tree),
			_line_structure(criteria_set, tree, rows),
			{},
			specs,
			frozenset(node.field_code for node in survey),
			frozenset(node.code for node in survey),
		)
		_cache[key].field_titles.update({f.code: f.title for f in tree.fields})
	return _cache[key]


def _line_structure(criteria_set: str, tree: CriteriaTree, rows: list[CriterionRow]) -> dict[str, dict]:
	specs = {r.code: r.spec for r in rows}
	lines = {}
	for node in tree.leaves():
		ancestors = []
		parent = node.parent
		while parent is not None:
			ancestors.append(f"{parent.code} {parent.title}")
			parent = parent.parent
		lines[node.code] = {
			"criterion": criteria.criterion_name(criteria_set, node.code),
			"code": node.code,
			"title": node.title,
			"context": " › ".join(reversed(ancestors)),
			"field_code": node.field_code,
			"max_score": float(node.max_score),
			"rule_kind": node.rule.kind.value,
			"rule_summary": format_rule(specs[node.code]) if specs[node.code] else "",
			"evidence_required": int(node.evidence_required),
			"not_applicable_allowed": int(node.not_applicable_allowed),
			"guidance": node.guidance,
		}
	return lines


def new_lines(criteria_set: str) -> list[dict]:
	"""The lines of a new assessment of the set, in code order."""
	compiled = compiled_set(criteria_set)
	return [dict(v) for _, v in sorted(compiled.lines.items(), key=lambda kv: code_sort_key(kv[0]))]


def check_structure(doc, compiled: CompiledSet, before=None) -> list[Problem]:
	"""Lines must be exactly the set's leaves; their structural columns are rewritten from the set.

	Once saved, the lines are the same rows for good: a line removed and added again would come back
	without the columns its sender may not write (the appraiser's values, or the unit's).
	"""
	if before is not None and {line.name for line in doc.lines} != {line.name for line in before.lines}:
		return [Problem(M.LINES_CHANGED)]
	codes = [line.code for line in doc.lines]
	expected = compiled.lines
	if len(codes) != len(set(codes)) or any(code not in expected for code in codes):
		return [Problem(M.LINES_CHANGED)]
	missing = [code for code in expected if code not in set(codes)]
	if missing:
		return [Problem(M.MISSING_LINES, (", ".join(sorted(missing, key=code_sort_key)),))]
	for line in doc.lines:
		line.update(expected[line.code])
	return []


def keep_survey_values(doc, before) -> None:
	"""Survey points and the survey's 'not applicable' are written by the survey, never by a form."""
	old = {line.code: line for line in before.lines} if before else {}
	for line in doc.lines:
		if line.rule_kind == "Survey":
			previous = old.get(line.code)
			line.survey_score = previous.survey_score if previous else 0
			line.not_applicable = previous.not_applicable if previous else 0


def canonicalize(doc, compiled: CompiledSet) -> None:
	"""Reported and appraised values in their stored form (``85`` for 85.0 from a number control,
	``Yes`` for "có"), before anything compares them with what was saved. A value no rule reads (or a
	value on a survey criterion) is left as it came: scoring reports it."""
	nodes = compiled.tree.nodes
	for line in doc.lines:
		node = nodes.get(line.code)
		if node is None or node.rule is None:
			continue
		for column in ("self_input", "appraised_input"):
			value = line.get(column)
			if value is None or not str(value).strip():
				continue
			try:
				stored = entry.canonical(node.rule, node.code, value)
			except ScoringError:
				continue
			if stored:  # a survey criterion reads no value: what came is left for scoring to refuse
				line.set(column, stored)


def score(doc, compiled: CompiledSet) -> list[Problem]:
	"""Self, appraised and final score of every line, from the reported and appraised values and the
	fields signed off (:mod:`parindex.scoring.appraisal`)."""
	from parindex.par_assessment.appraisal import signed_fields

	problems: list[Problem] = []
	nodes = compiled.tree.nodes
	signed = signed_fields(doc)
	for line in doc.lines:
		node = nodes[line.code]
		is_survey = node.rule.kind is RuleKind.SURVEY
		if line.not_applicable and not (node.not_applicable_allowed or is_survey):
			problems.append(Problem(M.NOT_APPLICABLE_REFUSED, (line.code,), line.code))
		if is_survey and ((line.self_input or "").strip() or (line.appraised_input or "").strip()):
			problems.append(Problem(M.SURVEY_CLAIMED, (line.code,), line.code))
			continue
		if is_survey:
			line.update({"self_score": 0, "appraised_score": 0, "appraised": 0, "na_refused": 0})
			line.final_score = 0 if line.not_applicable else line.survey_score or 0
			continue
		if not line.not_applicable:
			line.na_refused = 0
		elif line.na_refused and not (line.appraiser_remark or "").strip():
			problems.append(Problem(M.NA_REFUSED_WITHOUT_REMARK, (line.code,), line.code))
		line.self_score = _points(node, line, "self_input", problems)
		valued = bool(str(line.appraised_input or "").strip())
		appraised_points = _points(node, line, "appraised_input", problems) if valued else None
		judged = judge(
			LineState(
				to_decimal(line.self_score),
				to_decimal(appraised_points) if valued else None,
				bool(line.not_applicable),
				bool(line.na_refused),
			),
			line.field_code in signed,
		)
		line.appraised = int(judged.appraised)
		line.appraised_score = float(judged.appraised_points or 0)
		line.final_score = float(judged.final)
	return problems


def _points(node, line, column: str, problems: list[Problem]) -> float:
	"""The points of a reported (or appraised) value, which is kept in its canonical form."""
	value = line.get(column)
	if value is None or not str(value).strip() or node.rule.kind is RuleKind.SURVEY:
		return 0
	try:
		stored = entry.check(node.rule, node.code, node.max_score, value)
	except ScoringError as error:
		problems += error.problems
		return 0
	line.set(column, stored)
	return float(node.rule.score(node.code, node.max_score, stored))


@dataclass(frozen=True)
class LineScores:
	"""What totals are made of, one line: as a form save has it, or as the survey reads it back."""

	code: str
	self_score: float
	final_score: float
	not_applicable: bool  # the unit's
	na_refused: bool = False
	appraised: bool = False
	survey: bool = False

	def with_final(self, final_score: float, not_applicable: bool) -> LineScores:
		"""The same line with a new final score (as the survey writes it)."""
		return LineScores(
			self.code,
			self.self_score,
			final_score,
			not_applicable,
			self.na_refused,
			self.appraised,
			self.survey,
		)


#: a line's points as the core takes them; scores repeat (0, 0.5, 1, …), so each is converted once
_decimal = lru_cache(maxsize=8192)(to_decimal)
_ZERO = to_decimal(0)

#: what :func:`encode_scores` writes, per line: name, code, self score, final score, flags
_NA, _REFUSED, _APPRAISED, _SURVEY = 1, 2, 4, 8


def encode_scores(names: list[str], rows: list[LineScores]) -> str:
	"""The lines' scores as one text (the assessment's ``line_scores``), in the order of its lines.

	Work over many assessments that needs every line's score but changes only a few lines (the
	survey's write-back) reads this one text per assessment instead of 130 line rows. It is written on
	every save (:func:`set_totals`) and by whatever changes scores in bulk."""
	return ";".join(encode_line(name, row) for name, row in zip(names, rows, strict=True))


def encode_line(name: str, row: LineScores) -> str:
	"""One line's part of :func:`encode_scores`' text."""
	return (
		f"{name},{row.code},{float(row.self_score or 0):.10g},{float(row.final_score or 0):.10g},"
		f"{_NA * row.not_applicable | _REFUSED * row.na_refused | _APPRAISED * row.appraised | _SURVEY * row.survey}"
	)


def decode_scores(text: str | None) -> list[tuple[str, LineScores]] | None:
	"""(line name, scores) of each line of :func:`encode_scores`' text; None for no text."""
	if not text:
		return None
	return [decode_line(record) for record in text.split(";")]


def decode_line(record: str) -> tuple[str, LineScores]:
	"""(line name, scores) of one line's part of the text."""
	name, code, own, final, flags = record.split(",")
	flags = int(flags)
	row = LineScores(
		code,
		float(own),
		float(final),
		bool(flags & _NA),
		bool(flags & _REFUSED),
		bool(flags & _APPRAISED),
		bool(flags & _SURVEY),
	)
	return name, row


def totals(compiled: CompiledSet, rows, with_own: bool = True) -> tuple[dict, dict[str, dict]]:
	"""The assessment's totals and its results by field, from its lines' scores: the one mapping from
	the scoring core's results onto an assessment, for a save and for the survey's write-back.

	Three aggregations: the unit's own scores (its "not applicable" as it said), the final scores (a
	refused "not applicable" counts), and the points confirmed by appraisal (lines not yet appraised at 0,
	survey lines as they are).

	``with_own=False`` leaves out the unit's own scores (``self_total``, ``self_index``, the fields'
	``self_points``): the survey's write-back changes survey lines only, which the unit's own part never
	counts, so it keeps them as they are."""
	aggregator = compiled.aggregator
	final = _final_points(rows)
	own, confirmed = {}, {}
	pending = []
	for row in rows:
		if with_own:
			own[row.code] = NOT_APPLICABLE if row.not_applicable else _decimal(row.self_score or 0)
		if final[row.code] is NOT_APPLICABLE or row.survey or row.appraised:
			confirmed[row.code] = final[row.code]
		else:
			confirmed[row.code] = _ZERO
			pending.append(row.code)
	own_result = aggregator.aggregate(own, check=False) if with_own else None
	final_result = aggregator.aggregate(final, check=False)
	confirmed_result = aggregator.aggregate(confirmed, check=False)
	tree = compiled.tree
	pending_by_field: dict[str, int] = {}
	for code in pending:
		pending_by_field[tree[code].field_code] = pending_by_field.get(tree[code].field_code, 0) + 1
	parent = {
		"appraised_total": float(confirmed_result.appraised.achieved),
		"survey_total": float(final_result.survey.achieved),
		"final_total": float(final_result.total.achieved),
		"total_max": float(final_result.total.maximum),
		"index": _float(final_result.index),
		"scaled_total": _float(final_result.scaled_total),
		"unappraised_lines": len(pending),
		"unappraised_max": float(sum((tree[code].max_score for code in pending), to_decimal(0))),
	}
	if own_result is not None:
		parent["self_total"] = float(own_result.appraised.achieved)
		parent["self_index"] = _float(own_result.appraised.index)
	fields = {
		code: {
			"field_title": compiled.field_titles[code],
			"maximum": float(total.maximum),
			"final_points": float(total.achieved),
			"index": _float(total.index),
			"unappraised": pending_by_field.get(code, 0),
			**({"self_points": float(own_result.node(code).achieved)} if own_result is not None else {}),
		}
		for code, total in final_result.field_totals(tree)
	}
	return parent, fields


def survey_totals(
	compiled: CompiledSet, before: list[LineScores], after: list[LineScores], parent, stored: dict
) -> tuple[dict, dict[str, dict]]:
	"""What a change of survey lines moves, from the survey lines alone (``before`` and ``after``) and
	what the assessment holds: its totals (``parent``: final total, total maximum, survey total) and the
	results of its fields holding survey criteria (``stored``: field code → points, maximum).

	Survey lines are in the survey part and never wait for appraisal, so the appraised part, what is left
	to appraise and the unit's own part stay as they are; every total above the survey lines moves by
	what they moved (:meth:`parindex.scoring.aggregate.Aggregator.part_change`). :func:`totals` sums
	all lines again and gives the same."""
	change = compiled.aggregator.part_change(SURVEY, _final_points(before), _final_points(after))
	achieved = _decimal(parent.final_total or 0) + change.total[0]
	maximum = _decimal(parent.total_max or 0) + change.total[1]
	moved = {
		"survey_total": float(_decimal(parent.survey_total or 0) + change.part[0]),
		"final_total": float(achieved),
		"total_max": float(maximum),
		"index": _float(index_of(achieved, maximum)),
		"scaled_total": _float(scaled_total(Total(achieved, maximum), compiled.tree.total_max)),
	}
	fields = {}
	for code, (points, field_maximum) in stored.items():
		if code in change.nodes:
			total = change.moved(code, _decimal(points or 0), _decimal(field_maximum or 0))
			fields[code] = {
				"maximum": float(total.maximum),
				"final_points": float(total.achieved),
				"index": _float(total.index),
			}
	return moved, fields


def _final_points(rows: list[LineScores]) -> dict:
	"""The final points of lines, as the core takes them: a "not applicable" refused counts."""
	return {
		row.code: NOT_APPLICABLE
		if row.not_applicable and not row.na_refused
		else _decimal(row.final_score or 0)
		for row in rows
	}


def set_totals(doc, compiled: CompiledSet) -> None:
	"""Totals, parts, index, what is left to appraise and the results by field, from the core."""
	rows = [
		LineScores(
			line.code,
			line.self_score or 0,
			line.final_score or 0,
			bool(line.not_applicable),
			bool(line.get("na_refused")),
			bool(line.get("appraised")),
			line.rule_kind == "Survey",
		)
		for line in doc.lines
	]
	parent, fields = totals(compiled, rows)
	doc.update(parent)
	doc.line_scores = encode_scores([line.name for line in doc.lines], rows)
	# rows are updated in place, so a save rewrites no more rows than the results that changed
	results = {row.field_code: row for row in doc.get("field_results")}
	if list(results) != [f.code for f in compiled.tree.fields]:
		doc.set("field_results", [])
		results = {f.code: doc.append("field_results", {"field_code": f.code}) for f in compiled.tree.fields}
	for code, values in fields.items():
		results[code].update(values)


def _float(value: Decimal | None) -> float:
	return float(value) if value is not None else 0


def throw(problems: list[Problem], title: str | None = None) -> None:
	criteria.throw_problems(problems, title or _("The assessment was not saved"))


def assessment_lines():
	"""The assessments' lines joined to their assessment, for a query over many assessments:
	``assessment, line, query`` (the two tables and the query builder's join)."""
	assessment = frappe.qb.DocType("PAR Assessment")
	line = frappe.qb.DocType("PAR Assessment Line")
	query = (
		frappe.qb.from_(line)
		.join(assessment)
		.on(line.parent == assessment.name)
		.where(line.parenttype == "PAR Assessment")
	)
	return assessment, line, query
