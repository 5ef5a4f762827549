"""Flags before appraisal, computed on an assessment when it is submitted and when its explanations are
sent (:mod:`parindex.scoring.flags` says which and why), or for a whole criteria set at once.

What is compared: the unit's lines and evidence; the same unit's appraised lines of last year's set
of the same unit group (by criterion code); the claims of every unit of the set on the same code. The
flags are kept on the lines at permission level 3: appraisers, the council and managers read them,
units never do (some compare a unit with its group).
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate
from pypika.terms import Tuple

from parindex.bulk import bulk_update
from parindex.par_assessment import lines, shares
from parindex.par_assessment.lines import assessment_lines
from parindex.par_assessment.stages import stage_of, states_in
from parindex.par_index import lineage
from parindex.process import Stage
from parindex.scoring.flags import LineFacts, Spread, Thresholds, line_flags
from parindex.scoring.lineage import combine
from parindex.scoring.numbers import to_decimal
from parindex.scoring.rules import Deadline, parse_date
from parindex.settings import setting

NO_GROUP = Spread(0, 0.0, 0.0)
#: stages whose assessments carry flags (submitted, not yet approved)
FLAGGED_STAGES = (Stage.SUBMITTED, Stage.APPRAISAL, Stage.EXPLANATION, Stage.APPRAISED)


def thresholds() -> Thresholds:
	return Thresholds(
		jump=to_decimal(setting("flag_jump") or 0),
		robust_z=float(setting("flag_robust_z") or 0),
		min_group=int(setting("flag_min_group") or 0),
		similarity=float(setting("flag_similarity") or 0) / 100,
	)


def on_step(doc, before, compiled: lines.CompiledSet) -> None:
	"""validate: flags are computed when the unit submits and when it sends its explanations."""
	if before is None or before.workflow_state == doc.workflow_state:
		return
	old, new = stage_of(before.workflow_state), stage_of(doc.workflow_state)
	if new == Stage.SUBMITTED or (old == Stage.EXPLANATION and new != Stage.EXPLANATION):
		flag_document(doc, compiled)


def flag_document(doc, compiled: lines.CompiledSet) -> int:
	"""Set the flags of the document's lines (in memory); the number of lines flagged. The group is
	read from the other assessments' share texts (one row per unit, :mod:`.shares`)."""
	last = last_year_lines(doc.criteria_set, [doc.unit]).get(doc.unit, {})
	claimed, _final = shares.of_lines(doc.lines)
	codes = [line.code for line in doc.lines]
	group = shares.columns([*_claimed_texts(doc.criteria_set, exclude=doc.name), claimed], len(codes))
	spreads = {code: Spread.of(values) for code, values in zip(codes, group, strict=True)}
	evidence = _evidence_of_rows(doc.evidence)
	limits = thresholds()
	flagged = 0
	for line in doc.lines:
		facts = _facts(compiled, line, evidence.get(line.code, []), last.get(line.code))
		found = line_flags(facts, spreads.get(line.code, NO_GROUP), limits) if facts else []
		line.flag_codes = ",".join(f.kind.value for f in found)
		line.flag_reasons = "\n".join(f.render(_) for f in found)
		flagged += bool(found)
	doc.flagged_lines = flagged
	return flagged


def flag_set(criteria_set: str) -> dict:
	"""Compute the flags of every submitted, not yet approved assessment of the set; returns counts.

	A fixed number of queries whatever the number of units, and none reads every line: the claims come
	from the assessments' share texts (one row per unit); the lines are read only where a flag needs
	more than a share (a deadline's date, an explanation) or where a flag is stored; last year from its
	assessments' share texts. Only flags that changed are written."""
	compiled = lines.compiled_set(criteria_set)
	states = set(states_in(*FLAGGED_STAGES))
	assessment = frappe.qb.DocType("PAR Assessment")
	rows = (
		frappe.qb.from_(assessment)
		.select(
			assessment.name,
			assessment.unit,
			assessment.workflow_state,
			assessment.docstatus,
			assessment.flagged_lines,
			assessment.claimed_shares,
		)
		.where((assessment.criteria_set == criteria_set) & (assessment.docstatus < 2))
		.run(as_dict=True)
	)
	codes = layout(criteria_set)
	group = shares.columns([r.claimed_shares for r in rows], len(codes))
	spreads = {code: Spread.of(values) for code, values in zip(codes, group, strict=True)}
	to_flag = [r for r in rows if r.docstatus == 0 and r.workflow_state in states]
	names = [r.name for r in to_flag]
	nodes = [compiled.tree.nodes.get(code) for code in codes]
	deadlines = [n.code for n in nodes if n and isinstance(n.rule, Deadline) and n.rule.due]
	details = _details(names, deadlines)
	last = last_year_shares(criteria_set, [r.unit for r in to_flag])
	evidence = _evidence_of_set(criteria_set)
	limits = thresholds()
	translate = functools.lru_cache(maxsize=None)(_)  # the same few templates, a province over
	changed, per_assessment = {}, defaultdict(int)
	for r in to_flag:
		claimed = shares.decode(r.claimed_shares)
		if len(claimed) != len(codes):
			claimed = [None] * len(codes)
		last_unit = last.get(r.unit, {})
		for code, node, share in zip(codes, nodes, claimed, strict=True):
			key = (r.name, code)
			line = details.get(key)
			if share is None and not line:
				continue  # nothing claimed, nothing stored: no flag to set or to clear
			facts = _share_facts(node, share, line, evidence.get(key, []), last_unit.get(code))
			found = line_flags(facts, spreads.get(code, NO_GROUP), limits) if facts else []
			values = {
				"flag_codes": ",".join(f.kind.value for f in found),
				"flag_reasons": "\n".join(f.render(translate) for f in found),
			}
			stored = {
				"flag_codes": (line or {}).get("flag_codes") or "",
				"flag_reasons": (line or {}).get("flag_reasons") or "",
			}
			if values != stored:
				changed[key] = values  # only what changed is written
			per_assessment[r.name] += bool(found)
	_write(changed)
	bulk_update(
		"PAR Assessment",
		{
			r.name: {"flagged_lines": per_assessment[r.name]}
			for r in to_flag
			if (r.flagged_lines or 0) != per_assessment[r.name]
		},
	)
	return {
		"assessments": len(to_flag),
		"lines": len(to_flag) * len(codes),
		"flagged": sum(per_assessment.values()),
	}


def layout(criteria_set: str) -> list[str]:
	"""The codes of the set's lines in their order (the same in every assessment of the set)."""
	assessment, line, joined = assessment_lines()
	first = frappe.db.get_value("PAR Assessment", {"criteria_set": criteria_set}, "name")
	if not first:
		return []
	return joined.select(line.code).where(assessment.name == first).orderby(line.idx).run(pluck=True)


def _details(names: list[str], deadline_codes: list[str]) -> dict[tuple[str, str], dict]:
	"""(assessment, code) → what a share does not say, for the few lines that need it: a deadline's
	date, an explanation given to a request, the flags stored. Three queries, each on an index, so
	that the province's other lines are not read."""
	if not names:
		return {}
	line = frappe.qb.DocType("PAR Assessment Line")
	found: dict[tuple[str, str], dict] = {}
	for needed in (
		line.explanation_requested == 1,
		line.flag_codes > "",
		line.code.isin(deadline_codes or [""]),
	):
		for r in (
			frappe.qb.from_(line)
			.select(
				line.parent,
				line.code,
				line.self_input,
				line.explanation_requested,
				line.explanation,
				line.flag_codes,
				line.flag_reasons,
			)
			.where(needed & line.parent.isin(names) & (line.parenttype == "PAR Assessment"))
			.run(as_dict=True)
		):
			found[(r.parent, r.code)] = r
	return found


def _write(changed: dict[tuple[str, str], dict]) -> None:
	"""Write the flags that changed, found by assessment and code (on the index of both)."""
	if not changed:
		return
	line = frappe.qb.DocType("PAR Assessment Line")
	keys = list(changed)
	names = {}
	for start in range(0, len(keys), 1000):
		pairs = [Tuple(parent, code) for parent, code in keys[start : start + 1000]]
		rows = (
			frappe.qb.from_(line)
			.select(line.name, line.parent, line.code)
			.where(Tuple(line.parent, line.code).isin(pairs) & (line.parenttype == "PAR Assessment"))
			.run()
		)
		names.update({(parent, code): name for name, parent, code in rows})
	bulk_update(
		"PAR Assessment Line", {names[key]: values for key, values in changed.items() if key in names}
	)


def _share_facts(node, share: float | None, line, evidence: list[tuple], last) -> LineFacts | None:
	"""A line's facts from its share of the maximum and what the lines said beyond it."""
	if node is None or node.rule is None or node.is_survey:
		return None
	claimed = due = None
	if share is not None and line and isinstance(node.rule, Deadline) and node.rule.due:
		claimed, due = parse_date(str(line.self_input or "")), node.rule.due
	last_share, last_explanation = last if last else (None, "")
	return LineFacts(
		code=node.code,
		max_score=node.max_score,
		self_points=None,
		claimed_share=share,
		evidence_required=node.evidence_required,
		evidence_files=sum(1 for file, _day, _read in evidence if file),
		claimed_done=claimed,
		due=due,
		evidence_dates=tuple(day for _file, day, _read in evidence if day),
		read_dates=tuple(read for _file, _day, read in evidence if read),
		explanation=((line or {}).get("explanation") or "")
		if (line or {}).get("explanation_requested")
		else "",
		last_share=last_share,
		last_explanation=last_explanation or "",
	)


def _previous_sets(criteria_set: str) -> list[str]:
	year, group = frappe.db.get_value("PAR Criteria Set", criteria_set, ["year", "unit_group"])
	return frappe.get_all(
		"PAR Criteria Set", filters={"year": (year or 0) - 1, "unit_group": group}, pluck="name"
	)


def last_year_lines(
	criteria_set: str, units: list[str], with_predecessors: bool = True
) -> dict[str, dict[str, dict]]:
	"""unit → code → last year's final score, maximum and explanation, from the set of the year before
	for the same unit group (approved assessments only: appraised values)."""
	previous = _previous_sets(criteria_set) if units else []
	if not previous:
		return {}
	assessment, line, joined = assessment_lines()
	rows = (
		joined.select(
			assessment.unit,
			line.code,
			line.final_score,
			line.max_score,
			line.not_applicable,
			line.na_refused,
			line.explanation_requested,
			line.explanation,
		)
		.where(
			assessment.criteria_set.isin(previous) & (assessment.docstatus == 1) & assessment.unit.isin(units)
		)
		.run(as_dict=True)
	)
	found: dict[str, dict[str, dict]] = defaultdict(dict)
	for r in rows:
		if not r.not_applicable or r.na_refused:
			found[r.unit][r.code] = r
	if with_predecessors:  # a unit formed since: its predecessors' lines, the final scores combined
		lineage.fill_from_predecessors(
			found,
			units,
			_year(criteria_set) - 1,
			lambda earlier: last_year_lines(criteria_set, earlier, with_predecessors=False),
			_merge_lines,
		)
	return found


def _merge_lines(values: list[tuple], rule: str) -> dict:
	"""One line of last year from the predecessors' lines: the final score combined, the first line's
	maximum, their explanations together."""
	first = values[0][0]
	score = combine([(to_decimal(line.final_score or 0), weight) for line, weight in values], rule)
	explanations = [line.explanation for line, _weight in values if line.explanation]
	return frappe._dict(
		first,
		final_score=float(score),
		explanation_requested=int(any(line.explanation_requested for line, _weight in values)),
		explanation="; ".join(explanations),
	)


def _merge_shares(values: list[tuple], rule: str) -> tuple:
	share = combine([(to_decimal(value[0]), weight) for value, weight in values], rule)
	return (float(share), "; ".join(value[1] for value, _weight in values if value[1]))


def _year(criteria_set: str) -> int:
	return frappe.db.get_value("PAR Criteria Set", criteria_set, "year") or 0


def last_year_shares(
	criteria_set: str, units: list[str], with_predecessors: bool = True
) -> dict[str, dict[str, tuple]]:
	"""unit → code → (last year's final share, its explanation): from the share texts of last year's
	approved assessments (one row per unit) and the few lines that carry an explanation."""
	previous = _previous_sets(criteria_set) if units else []
	if not previous:
		return {}
	assessment = frappe.qb.DocType("PAR Assessment")
	rows = (
		frappe.qb.from_(assessment)
		.select(assessment.name, assessment.unit, assessment.criteria_set, assessment.final_shares)
		.where(
			assessment.criteria_set.isin(previous) & (assessment.docstatus == 1) & assessment.unit.isin(units)
		)
		.run(as_dict=True)
	)
	layouts = {name: layout(name) for name in previous}
	found: dict[str, dict[str, tuple]] = defaultdict(dict)
	for r in rows:
		codes = layouts[r.criteria_set]
		values = shares.decode(r.final_shares)
		if len(values) == len(codes):
			for code, value in zip(codes, values, strict=True):
				if value is not None:
					found[r.unit][code] = (value, "")
	unit_of = {r.name: r.unit for r in rows}
	assessment_, line, joined = assessment_lines()
	explained = (
		joined.select(line.parent, line.code, line.explanation)
		.where(
			assessment_.criteria_set.isin(previous)
			& (assessment_.docstatus == 1)
			& assessment_.unit.isin(units)
			& (line.explanation_requested == 1)
			& (line.explanation > "")
		)
		.run()
	)
	for parent, code, text in explained:
		unit = unit_of.get(parent)
		if unit and code in found[unit]:
			found[unit][code] = (found[unit][code][0], text)
	if with_predecessors:
		lineage.fill_from_predecessors(
			found,
			units,
			_year(criteria_set) - 1,
			lambda earlier: last_year_shares(criteria_set, earlier, with_predecessors=False),
			_merge_shares,
		)
	return found


def _facts(compiled, line, evidence: list[tuple], last) -> LineFacts | None:
	node = compiled.tree.nodes.get(line.code)
	if node is None or node.rule is None or line.rule_kind == "Survey":
		return None
	reported = not line.not_applicable and str(line.self_input or "").strip()
	claimed = due = None
	if isinstance(node.rule, Deadline) and node.rule.due and reported:
		claimed, due = parse_date(str(line.self_input)), node.rule.due
	return LineFacts(
		code=line.code,
		max_score=node.max_score,
		self_points=to_decimal(line.self_score or 0) if reported else None,
		evidence_required=bool(line.evidence_required),
		evidence_files=sum(1 for file, _day, _read in evidence if file),
		claimed_done=claimed,
		due=due,
		evidence_dates=tuple(day for _file, day, _read in evidence if day),
		read_dates=tuple(read for _file, _day, read in evidence if read),
		explanation=(line.explanation or "") if line.explanation_requested else "",
		last_points=to_decimal(last.final_score or 0) if last else None,
		last_max=to_decimal(last.max_score or 0) if last else None,
		last_explanation=(last.explanation or "") if last and last.explanation_requested else "",
	)


def _claimed_texts(criteria_set: str, exclude: str) -> list[str]:
	"""The share texts of what the other units of the set claimed (one row per unit)."""
	assessment = frappe.qb.DocType("PAR Assessment")
	return (
		frappe.qb.from_(assessment)
		.select(assessment.claimed_shares)
		.where(
			(assessment.criteria_set == criteria_set)
			& (assessment.name != exclude)
			& (assessment.docstatus < 2)
		)
		.run(pluck=True)
	)


def _evidence_of_rows(rows) -> dict[str, list[tuple]]:
	found: dict[str, list[tuple]] = defaultdict(list)
	for row in rows:
		found[row.criterion_code].append(
			(row.file, _day(row.get("document_date")), _day(row.get("read_date")))
		)
	return found


def _evidence_of_set(criteria_set: str) -> dict[tuple[str, str], list[tuple]]:
	assessment = frappe.qb.DocType("PAR Assessment")
	evidence = frappe.qb.DocType("PAR Evidence")
	rows = (
		frappe.qb.from_(evidence)
		.join(assessment)
		.on(evidence.parent == assessment.name)
		.select(
			evidence.parent,
			evidence.criterion_code,
			evidence.file,
			evidence.document_date,
			evidence.read_date,
		)
		.where((assessment.criteria_set == criteria_set) & (evidence.parenttype == "PAR Assessment"))
		.run()
	)
	found: dict[tuple[str, str], list[tuple]] = defaultdict(list)
	for parent, code, file, day, read in rows:
		found[(parent, code)].append((file, _day(day), _day(read)))
	return found


def _day(value) -> datetime.date | None:
	return getdate(value) if value else None


@frappe.whitelist(methods=["POST"])
def recompute(criteria_set: str) -> dict:
	"""For a PAR manager: the flags of every submitted assessment of the set, again (the group's claims
	change as more units submit)."""
	from parindex.par_assessment.workflow import is_manager
	from parindex.refusals import existing

	existing("PAR Criteria Set", criteria_set)
	if not is_manager():
		raise frappe.PermissionError(_("Only a PAR manager recomputes the flags."))
	return flag_set(criteria_set)
