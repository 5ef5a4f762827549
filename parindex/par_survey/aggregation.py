"""Survey answers → survey points of every unit's assessment, and the assessments' totals.

The counts per unit, question and answer are kept as answers arrive (:mod:`parindex.par_survey.counts`); the scoring core turns the counts into
points (:func:`parindex.scoring.survey.points_by_unit`); the points and the new totals are written into
the assessments in a few bulk updates. A criterion without any answer for a unit is marked not
applicable for it (the survey did not reach that unit), so its maximum leaves that unit's index.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import frappe
from frappe import _
from frappe.utils import now

from parindex.bulk import bulk_insert, bulk_set
from parindex.jobs import quiet
from parindex.par_assessment import lines
from parindex.par_survey import counts
from parindex.scoring.errors import ScoringError
from parindex.scoring.survey import points_by_unit


def answer_counts(survey: str) -> list[tuple]:
	"""(unit, question number, answer, count) of every answer given in the survey, as kept while the
	answers arrived (:mod:`parindex.par_survey.counts`)."""
	return counts.read(survey)


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


def write_points(survey: str, progress=None) -> dict:
	"""Write the survey's points (now, or as a background job: :mod:`parindex.jobs`) and say so."""
	survey_doc = frappe.get_doc("PAR Survey", survey)
	changed = apply_survey(survey_doc, progress or quiet)
	message = _("Survey points written into {0} assessments.").format(changed)
	survey_doc.add_comment("Info", message)
	return {"changed": changed, "message": message}


def apply_survey(survey_doc, progress=None) -> int:
	"""Write the survey points into the assessments of the set not yet approved whose points changed,
	with their new totals; return how many changed.

	The survey lines of every assessment are read first; only the assessments where a survey line
	changes have all their lines read and their totals computed, and only the changed lines are
	written. Recomputing a survey nobody answered since is a read of its lines."""
	progress = progress or quiet
	compiled = lines.compiled_set(survey_doc.criteria_set)
	progress(0, 100, _("Counting the answers"))
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
		.select(table.name, table.unit, table.line_scores)
		.where((table.criteria_set == survey_doc.criteria_set) & (table.docstatus == 0))
		.for_update()
		.run(as_dict=True)
	)
	if not assessments or not surveyed:
		return 0
	progress(10, 100, _("Reading the scores"))
	scores = _scores_of(assessments, [code for code in compiled.lines])
	line_updates, changes, new_scores = {}, {}, {}
	for assessment in assessments:
		unit_points = points.get(assessment.unit, {})
		changed_lines, rows = [], []
		for position, (line_name, row) in enumerate(scores[assessment.name], start=1):
			if row.survey and row.code in surveyed:
				value = unit_points.get(row.code)
				new = {
					"survey_score": float(value or 0),
					"final_score": float(value or 0),
					"not_applicable": int(value is None),
				}
				old = {
					"survey_score": row.final_score,
					"final_score": row.final_score,
					"not_applicable": int(row.not_applicable),
				}
				changed = [[c, old[c], new[c]] for c in new if float(old[c]) != float(new[c])]
				if changed:
					line_updates[line_name] = new
					changed_lines.append(["lines", position, line_name, changed])
					row = replace(
						row, final_score=new["final_score"], not_applicable=bool(new["not_applicable"])
					)
			rows.append((line_name, row))
		if changed_lines:
			changes[assessment.name] = changed_lines
			new_scores[assessment.name] = rows
	if not changes:
		return 0
	names = sorted(changes)
	progress(20, 100, _("Computing the totals"))
	field_rows = _children("PAR Assessment Field", names, ["field_code", *FIELD_COLUMNS])
	parent_updates, field_updates, versions = {}, {}, []
	timestamp = now()
	for number, name in enumerate(names, start=1):
		if number % 100 == 0:
			progress(20 + 60 * number / len(names), 100, _("Computing the totals"))
		line_names = [line_name for line_name, _row in new_scores[name]]
		rows = [row for _line_name, row in new_scores[name]]
		parent, fields = lines.totals(compiled, rows, with_own=False)
		parent_updates[name] = {
			**parent,
			"line_scores": lines.encode_scores(line_names, rows),
			"modified": timestamp,
		}
		for row in field_rows[name]:
			new = fields[row.field_code]
			if any(_differs(row.get(column), new[column]) for column in FIELD_COLUMNS):
				field_updates[row.name] = new
		versions.append(_version(name, changes[name], timestamp))
	progress(80, 100, _("Writing the points"))
	# the assessments are locked: their lines and field results are the rows just read
	bulk_set("PAR Assessment Line", line_updates)
	bulk_set("PAR Assessment", parent_updates)
	bulk_set("PAR Assessment Field", field_updates)
	bulk_insert("Version", versions)
	return len(parent_updates)


FIELD_COLUMNS = ["maximum", "final_points", "index", "unappraised"]


def _differs(old, new) -> bool:
	return float(old or 0) != float(new or 0)


LINE_COLUMNS = ["code", "self_score", "final_score", "not_applicable", "na_refused", "appraised", "rule_kind"]


def _scores_of(assessments: list, codes: list[str]) -> dict[str, list[tuple[str, lines.LineScores]]]:
	"""(line name, scores) of every line of the assessments, in their order: from the text each
	assessment keeps (``line_scores``), or from its lines where the text is missing or does not have
	the set's lines (written before it was kept)."""
	found, missing = {}, []
	for assessment in assessments:
		decoded = lines.decode_scores(assessment.line_scores)
		if decoded is None or sorted(row.code for _name, row in decoded) != sorted(codes):
			missing.append(assessment.name)
		else:
			found[assessment.name] = decoded
	for parent, rows in _children("PAR Assessment Line", missing, ["idx", *LINE_COLUMNS]).items():
		found[parent] = [
			(
				row.name,
				lines.LineScores(
					row.code,
					float(row.self_score or 0),
					float(row.final_score or 0),
					bool(row.not_applicable),
					bool(row.na_refused),
					bool(row.appraised),
					row.rule_kind == "Survey",
				),
			)
			for row in sorted(rows, key=lambda row: row.idx)
		]
	return found


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
	"""Rows of a child table by parent."""
	table = frappe.qb.DocType(doctype)
	rows = defaultdict(list)
	for start in range(0, len(parents), 5000):
		query = (
			frappe.qb.from_(table)
			.select(table.name, table.parent, *[table[f] for f in fields])
			.where(table.parent.isin(parents[start : start + 5000]))
		)
		for row in query.run(as_dict=True):
			rows[row.parent].append(row)
	return rows
