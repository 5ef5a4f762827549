"""Survey answers → survey points of every unit's assessment, and the assessments' totals.

One GROUP BY counts the answers per unit, question and answer; the scoring core turns the counts into
points (:func:`parindex.scoring.survey.points_by_unit`); the points and the new totals are written into
the assessments in a few bulk updates. A criterion without any answer for a unit is marked not
applicable for it (the survey did not reach that unit), so its maximum leaves that unit's index.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import now

from parindex.bulk import bulk_insert, bulk_update
from parindex.par_assessment import lines
from parindex.scoring.errors import ScoringError
from parindex.scoring.survey import points_by_unit


def answer_counts(survey: str) -> list[tuple]:
	"""(unit, question number, answer, count) of every answer given in the survey."""
	response = frappe.qb.DocType("PAR Survey Response")
	answer = frappe.qb.DocType("PAR Survey Response Answer")
	return (
		frappe.qb.from_(answer)
		.join(response)
		.on(answer.parent == response.name)
		.select(response.unit, answer.question_no, answer.answer, Count("*"))
		.where((response.survey == survey) & (answer.parenttype == "PAR Survey Response"))
		.groupby(response.unit, answer.question_no, answer.answer)
		.run()
	)


def question_criteria(survey_doc, compiled: lines.CompiledSet) -> dict[int, str]:
	"""Question number → code of the survey-derived criterion it scores."""
	code_of = {line["criterion"]: code for code, line in compiled.lines.items()}
	return {q.number: code_of[q.criterion] for q in survey_doc.questions}


def compute_points(survey_doc, compiled: lines.CompiledSet | None = None) -> dict[str, dict]:
	"""Survey points per unit and criterion code (None: no answer for that unit)."""
	compiled = compiled or lines.compiled_set(survey_doc.criteria_set)
	criteria_of = question_criteria(survey_doc, compiled)
	maxima = {code: compiled.tree[code].max_score for code in set(criteria_of.values())}
	weights = {o.letter: o.weight or 0 for o in survey_doc.answer_options}
	return points_by_unit(answer_counts(survey_doc.name), weights, criteria_of, maxima)


def apply_survey(survey_doc) -> int:
	"""Write the survey points into every assessment of the set not yet approved; return how many."""
	compiled = lines.compiled_set(survey_doc.criteria_set)
	try:
		points = compute_points(survey_doc, compiled)
	except ScoringError as error:
		from parindex.par_index.criteria import throw_problems

		throw_problems(error.problems, _("The survey points were not computed"))
	surveyed = set(question_criteria(survey_doc, compiled).values())
	# approved assessments are final: the survey reaches the council before approval. The rows are
	# locked while the points are written, so a save in between cannot leave totals behind its lines.
	table = frappe.qb.DocType("PAR Assessment")
	assessments = (
		frappe.qb.from_(table)
		.select(table.name, table.unit)
		.where((table.criteria_set == survey_doc.criteria_set) & (table.docstatus == 0))
		.for_update()
		.run(as_dict=True)
	)
	if not assessments:
		return 0
	names = [a.name for a in assessments]
	line_rows = _children(
		"PAR Assessment Line",
		names,
		[
			"idx",
			"code",
			"rule_kind",
			"not_applicable",
			"na_refused",
			"self_score",
			"final_score",
			"survey_score",
			"appraised",
		],
	)
	field_rows = _children("PAR Assessment Field", names, ["field_code"])
	line_updates, parent_updates, field_updates, versions = {}, {}, {}, []
	timestamp = now()
	for assessment in assessments:
		unit_points = points.get(assessment.unit, {})
		scores, changes = [], []
		for row in line_rows[assessment.name]:
			survey = row.rule_kind == "Survey"
			if survey and row.code in surveyed:
				value = unit_points.get(row.code)
				new = {
					"survey_score": float(value or 0),
					"final_score": float(value or 0),
					"not_applicable": int(value is None),
				}
				line_updates[row.name] = new
				changed = [
					[c, row.get(c) or 0, new[c]] for c in new if float(row.get(c) or 0) != float(new[c])
				]
				if changed:
					changes.append(["lines", row.idx, row.name, changed])
				row.update(new)
			scores.append(
				lines.LineScores(
					row.code,
					row.self_score or 0,
					row.final_score or 0,
					bool(row.not_applicable),
					bool(row.na_refused),
					bool(row.appraised),
					survey,
				)
			)
		parent, fields = lines.totals(compiled, scores)
		parent_updates[assessment.name] = {**parent, "modified": timestamp}
		for row in field_rows[assessment.name]:
			field_updates[row.name] = fields[row.field_code]
		if changes:
			versions.append(_version(assessment.name, changes, timestamp))
	bulk_update("PAR Assessment Line", line_updates)
	bulk_update("PAR Assessment", parent_updates)
	bulk_update("PAR Assessment Field", field_updates)
	bulk_insert("Version", versions)
	return len(parent_updates)


#: marks the score history's changes made by the survey (parindex.par_assessment.history)
SURVEY_SOURCE = "survey"


def _version(assessment: str, changes: list, timestamp: str) -> dict:
	"""The survey's changes to one assessment, as Frappe records a save: they show in its history."""
	user = frappe.session.user
	data = {
		"changed": [],
		"added": [],
		"removed": [],
		"row_changed": changes,
		"parindex_source": SURVEY_SOURCE,
	}
	return {
		"name": frappe.generate_hash(length=10),
		"ref_doctype": "PAR Assessment",
		"docname": assessment,
		"data": frappe.as_json(data, indent=None),
		"creation": timestamp,
		"modified": timestamp,
		"owner": user,
		"modified_by": user,
		"docstatus": 0,
	}


def _children(doctype: str, parents: list[str], fields: list[str]) -> dict[str, list]:
	table = frappe.qb.DocType(doctype)
	rows = defaultdict(list)
	for start in range(0, len(parents), 5000):
		for row in (
			frappe.qb.from_(table)
			.select(table.name, table.parent, *[table[f] for f in fields])
			.where(table.parent.isin(parents[start : start + 5000]))
			.run(as_dict=True)
		):
			rows[row.parent].append(row)
	return rows
