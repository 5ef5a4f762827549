"""Survey answers → survey points of every unit's assessment, and the assessments' totals.

The counts per unit, question and answer are kept as answers arrive (:mod:`parindex.par_survey.counts`); the scoring core turns the counts into
points (:func:`parindex.scoring.survey.points_by_unit`); the points and the new totals are written into
the assessments in a few bulk updates. A criterion without any answer for a unit is marked not
applicable for it (the survey did not reach that unit), so its maximum leaves that unit's index.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import now

from parindex.bulk import Overlapped, grouped, insert_statements, set_statements
from parindex.jobs import quiet
from parindex.par_assessment import lines
from parindex.par_assessment.kept import KeptScores
from parindex.par_survey import counts
from parindex.scoring.errors import ScoringError
from parindex.scoring.survey import check_weights, points_by_unit, points_from_sums


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
	summed = counts.sums(survey_doc.name, check_weights(weights))
	if summed is None:  # an answer outside the scheme: the counts name it
		return points_by_unit(answer_counts(survey_doc.name), weights, criteria_of, maxima)
	return points_from_sums(summed, criteria_of, maxima)


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

	Only the survey lines are read from each assessment's kept scores
	(:mod:`parindex.par_assessment.kept`); the totals move by what those lines moved
	(:func:`parindex.par_assessment.lines.survey_totals`); only changed lines, fields and assessments are
	written. Recomputing a survey nobody answered since writes nothing."""
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
		.select(
			table.name, table.unit, table.line_scores, table.final_total, table.total_max, table.survey_total
		)
		.where((table.criteria_set == survey_doc.criteria_set) & (table.docstatus == 0))
		.for_update()
		.run(as_dict=True)
	)
	if not assessments or not surveyed:
		return 0
	progress(10, 100, _("Reading the scores"))
	kept = _kept_scores(assessments, compiled)
	line_updates, changes, before = {}, {}, {}
	for assessment in assessments:
		unit_points, scores = points.get(assessment.unit, {}), kept[assessment.name]
		before[assessment.name] = scores.rows()
		for number, (position, line_name, row) in enumerate(scores.lines):
			if not (row.survey and row.code in surveyed):
				continue
			value = unit_points.get(row.code)
			new = {"survey_score": float(value or 0), "final_score": float(value or 0)}
			new["not_applicable"] = int(value is None)
			old = {"survey_score": row.final_score, "final_score": row.final_score}
			old["not_applicable"] = int(row.not_applicable)
			changed = [[c, old[c], new[c]] for c in new if float(old[c]) != float(new[c])]
			if changed:
				line_updates[line_name] = new
				changes.setdefault(assessment.name, []).append(["lines", position + 1, line_name, changed])
				scores.set(number, row.with_final(new["final_score"], value is None))
	if not changes:
		return 0
	progress(20, 100, _("Computing the totals"))
	names = sorted(changes)
	field_rows = _field_results(names, compiled.survey_fields)
	timestamp = now()
	# the assessments are locked: their lines and field results are the rows just read. The lines are
	# written while the totals are computed: the database runs one statement as Python makes the next
	with Overlapped() as db:
		lines_written = set_statements("PAR Assessment Line", line_updates)
		parent_updates, field_updates = _totals(
			compiled, assessments, kept, before, names, field_rows, progress, db, lines_written
		)
		progress(80, 100, _("Writing the points"))
		db.send_all(lines_written)
		for values in parent_updates.values():
			values["modified"] = timestamp
		db.send_all(set_statements("PAR Assessment", parent_updates))
		db.send_all(set_statements("PAR Assessment Field", field_updates))
		db.send_all(
			insert_statements("Version", [_version(name, changes[name], timestamp) for name in names])
		)
	return len(parent_updates)


FIELD_COLUMNS = ["maximum", "final_points", "index"]


def _totals(
	compiled, assessments, kept: dict, before: dict, names: list[str], field_rows, progress, db, statements
) -> tuple[dict, dict]:
	"""The new totals of the changed assessments, and their field results that changed. Each moves by
	what its survey lines moved; one missing a survey field's result (never saved whole) is summed
	again from all its lines. Every few assessments the next of ``statements`` goes to the database."""
	fields = compiled.survey_fields
	every = max(1, len(names) // 20)
	by_name = {assessment.name: assessment for assessment in assessments}
	parent_updates, field_updates = {}, {}
	for number, name in enumerate(names, start=1):
		if number % every == 0 and (query := next(statements, None)) is not None:
			db.send(query)
		if number % 100 == 0:
			db.wait()  # what tells the progress may use the database: nothing in flight then
			progress(20 + 60 * number / len(names), 100, _("Computing the totals"))
		stored = {row.field_code: row for row in field_rows[name]}
		if stored.keys() == fields:
			parent, new = lines.survey_totals(
				compiled,
				before[name],
				kept[name].rows(),
				by_name[name],
				{code: (row.final_points, row.maximum) for code, row in stored.items()},
			)
		else:
			db.wait()  # reads the lines and field results: no statement in flight
			parent, new, stored = _all_totals(compiled, name, kept[name])
		parent_updates[name] = {**parent, "line_scores": kept[name].text()}
		for code, values in new.items():
			row = stored[code]
			if any(_differs(row[column], values[column]) for column in values if column in row):
				field_updates[row.name] = values
	return parent_updates, field_updates


def _all_totals(compiled, name: str, scores: KeptScores) -> tuple[dict, dict, dict]:
	"""Totals and field results of one assessment summed again from all its lines, with its stored
	field results."""
	rows = [lines.decode_line(record)[1] for record in scores.records]
	parent, new = lines.totals(compiled, rows, with_own=False)
	columns = ["field_code", *FIELD_COLUMNS, "unappraised"]
	stored = {row.field_code: row for row in _children("PAR Assessment Field", [name], columns)[name]}
	return parent, {code: values for code, values in new.items() if code in stored}, stored


def _differs(old, new) -> bool:
	return float(old or 0) != float(new or 0)


LINE_COLUMNS = ["code", "self_score", "final_score", "not_applicable", "na_refused", "appraised", "rule_kind"]


def _kept_scores(assessments: list, compiled) -> dict[str, KeptScores]:
	"""The kept scores of every assessment, the lines of its survey fields decoded: from the text each
	assessment keeps (``line_scores``), or from its lines where the text is missing or does not have
	the set's lines (written before it was kept)."""
	found, missing = {}, []
	for assessment in assessments:
		scores = KeptScores.read(assessment.line_scores, compiled, compiled.survey_lines)
		if scores is None:
			missing.append(assessment.name)
		else:
			found[assessment.name] = scores
	for parent, rows in _children("PAR Assessment Line", missing, ["idx", *LINE_COLUMNS]).items():
		decoded = [
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
		found[parent] = KeptScores.of_rows(decoded, compiled.survey_lines)
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


#: the field results of some assessments and fields, one row of text per assessment
FIELD_RESULTS = """
	select parent, group_concat(concat_ws(char(31), name, field_code, maximum, final_points, `index`)
		separator %s)
	from `tabPAR Assessment Field`
	where parent in ({parents}) and field_code in ({fields})
	group by parent
"""


def _field_results(names: list[str], fields: frozenset[str]) -> dict[str, list]:
	"""The stored results of the given fields of the assessments (name, field code and
	:data:`FIELD_COLUMNS`), by assessment: read as one text per assessment, which takes a fraction of
	the time of a row per result."""
	found = defaultdict(list)
	codes = sorted(fields)
	for start in range(0, len(names), 5000):
		chunk = names[start : start + 5000]
		query = FIELD_RESULTS.format(
			parents=", ".join(["%s"] * len(chunk)), fields=", ".join(["%s"] * len(codes))
		)
		for parent, records in grouped(query, [*chunk, *codes]):
			for name, code, maximum, points, index in records:
				values = {"maximum": float(maximum), "final_points": float(points), "index": float(index)}
				found[parent].append(frappe._dict(name=name, field_code=code, **values))
	return found


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
