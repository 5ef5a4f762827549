"""Flags before appraisal, computed on an assessment when it is submitted and when its explanations are
sent (:mod:`parindex.scoring.flags` says which and why), or for a whole criteria set at once.

What is compared: the unit's lines and evidence; the same unit's appraised lines of last year's set
of the same unit group (by criterion code); the claims of every unit of the set on the same code. The
flags are kept on the lines at permission level 3: appraisers, the council and managers read them,
units never do (some compare a unit with its group).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import GroupConcat
from frappe.utils import getdate

from parindex.bulk import bulk_update
from parindex.par_assessment import lines
from parindex.par_assessment.lines import assessment_lines
from parindex.par_assessment.stages import stage_of, states_in
from parindex.process import Stage
from parindex.scoring.flags import LineFacts, Thresholds, group_shares, line_flags
from parindex.scoring.numbers import to_decimal
from parindex.scoring.rules import Deadline, parse_date
from parindex.settings import setting

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
	"""Set the flags of the document's lines (in memory); the number of lines flagged."""
	last = last_year_lines(doc.criteria_set, [doc.unit]).get(doc.unit, {})
	group = _group_of_set(doc.criteria_set, exclude=doc.name)
	own = [
		(line.code, to_decimal(line.self_score or 0), to_decimal(line.max_score or 0))
		for line in doc.lines
		if line.rule_kind != "Survey" and not line.not_applicable and str(line.self_input or "").strip()
	]
	for code, shares in group_shares(own).items():
		group.setdefault(code, []).extend(shares)
	evidence = _evidence_of_rows(doc.evidence)
	limits = thresholds()
	flagged = 0
	for line in doc.lines:
		facts = _facts(compiled, line, evidence.get(line.code, []), last.get(line.code))
		found = line_flags(facts, group.get(line.code, []), limits) if facts else []
		line.flag_codes = ",".join(f.kind.value for f in found)
		line.flag_reasons = "\n".join(f.render(_) for f in found)
		flagged += bool(found)
	doc.flagged_lines = flagged
	return flagged


def flag_set(criteria_set: str) -> dict:
	"""Compute the flags of every submitted, not yet approved assessment of the set, in a fixed number
	of queries whatever the number of units; returns counts."""
	compiled = lines.compiled_set(criteria_set)
	states = states_in(*FLAGGED_STAGES)
	assessment, line, joined = assessment_lines()
	rows = (
		joined.select(
			assessment.name.as_("assessment"),
			assessment.unit,
			assessment.workflow_state,
			assessment.flagged_lines,
			line.name,
			line.flag_codes,
			line.flag_reasons,
			line.code,
			line.rule_kind,
			line.self_input,
			line.self_score,
			line.max_score,
			line.not_applicable,
			line.evidence_required,
			line.explanation,
		)
		.where((assessment.criteria_set == criteria_set) & (assessment.docstatus == 0))
		.run(as_dict=True)
	)
	claims = [
		(r.code, to_decimal(r.self_score or 0), to_decimal(r.max_score or 0))
		for r in rows
		if r.rule_kind != "Survey" and not r.not_applicable and str(r.self_input or "").strip()
	]
	group = group_shares(claims)
	to_flag = [r for r in rows if r.workflow_state in states]
	units = sorted({r.unit for r in to_flag})
	last = last_year_lines(criteria_set, units)
	evidence = _evidence_of_set(criteria_set)
	limits = thresholds()
	line_updates, per_assessment = {}, defaultdict(int)
	for r in to_flag:
		facts = _facts(
			compiled, r, evidence.get((r.assessment, r.code), []), last.get(r.unit, {}).get(r.code)
		)
		found = line_flags(facts, group.get(r.code, []), limits) if facts else []
		values = {
			"flag_codes": ",".join(f.kind.value for f in found),
			"flag_reasons": "\n".join(f.render(_) for f in found),
		}
		if values != {"flag_codes": r.flag_codes or "", "flag_reasons": r.flag_reasons or ""}:
			line_updates[r.name] = values  # only what changed is written
		per_assessment[r.assessment] += bool(found)
	bulk_update("PAR Assessment Line", line_updates)
	stored = {r.assessment: r.flagged_lines or 0 for r in to_flag}
	bulk_update(
		"PAR Assessment",
		{
			name: {"flagged_lines": per_assessment[name]}
			for name in stored
			if stored[name] != per_assessment[name]
		},
	)
	return {"assessments": len(stored), "lines": len(to_flag), "flagged": sum(per_assessment.values())}


def last_year_lines(criteria_set: str, units: list[str]) -> dict[str, dict[str, dict]]:
	"""unit → code → last year's final score, maximum and explanation, from the set of the year before
	for the same unit group (approved assessments only: appraised values)."""
	if not units:
		return {}
	year, group = frappe.db.get_value("PAR Criteria Set", criteria_set, ["year", "unit_group"])
	previous = frappe.get_all(
		"PAR Criteria Set", filters={"year": (year or 0) - 1, "unit_group": group}, pluck="name"
	)
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
			line.explanation,
		)
		.where(
			assessment.criteria_set.isin(previous) & (assessment.docstatus == 1) & assessment.unit.isin(units)
		)
		.run(as_dict=True)
	)
	found: dict[str, dict[str, dict]] = defaultdict(dict)
	for r in rows:
		if not r.not_applicable:
			found[r.unit][r.code] = r
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
		evidence_files=sum(1 for file, _day in evidence if file),
		claimed_done=claimed,
		due=due,
		evidence_dates=tuple(day for _file, day in evidence if day),
		explanation=line.explanation or "",
		last_points=to_decimal(last.final_score or 0) if last else None,
		last_max=to_decimal(last.max_score or 0) if last else None,
		last_explanation=(last.explanation or "") if last else "",
	)


def _group_of_set(criteria_set: str, exclude: str) -> dict[str, list[float]]:
	"""Code → the shares of the maximum claimed by the other units of the set: one grouped query whose
	rows are a code and its shares joined in one string (a province's 130,000 lines come back as 130
	rows, so a submission's flags do not wait for a whole table to be read into Python)."""
	assessment, line, joined = assessment_lines()
	frappe.db.sql("set session group_concat_max_len = 67108864")  # 64 MB: shares of any province
	rows = (
		joined.select(line.code, GroupConcat(line.self_score / line.max_score))
		.where(
			(assessment.criteria_set == criteria_set)
			& (assessment.name != exclude)
			& (assessment.docstatus < 2)
			& (line.rule_kind != "Survey")
			& (line.not_applicable == 0)
			& (line.max_score > 0)
			& (line.self_input.isnotnull())
			& (line.self_input != "")
		)
		.groupby(line.code)
		.run()
	)
	return {code: [float(v) for v in (shares or "").split(",") if v] for code, shares in rows}


def _evidence_of_rows(rows) -> dict[str, list[tuple]]:
	found: dict[str, list[tuple]] = defaultdict(list)
	for row in rows:
		found[row.criterion_code].append((row.file, _day(row.get("document_date"))))
	return found


def _evidence_of_set(criteria_set: str) -> dict[tuple[str, str], list[tuple]]:
	assessment = frappe.qb.DocType("PAR Assessment")
	evidence = frappe.qb.DocType("PAR Evidence")
	rows = (
		frappe.qb.from_(evidence)
		.join(assessment)
		.on(evidence.parent == assessment.name)
		.select(evidence.parent, evidence.criterion_code, evidence.file, evidence.document_date)
		.where((assessment.criteria_set == criteria_set) & (evidence.parenttype == "PAR Assessment"))
		.run()
	)
	found: dict[tuple[str, str], list[tuple]] = defaultdict(list)
	for parent, code, file, day in rows:
		found[(parent, code)].append((file, _day(day)))
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
