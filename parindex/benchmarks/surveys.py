"""Benchmarks at province scale: 1,000 units (or more), 50,000 survey responses × 20 answers.

Run: ``bench --site SITE execute parindex.benchmarks.surveys.run [--kwargs "{'units': 5000}"]`` on a
site kept for benchmarks: what it makes is committed (see :func:`run`) and deleted at the end.

Each figure is compared with a baseline timed in the same run:
1. closing the survey (reading the counts kept as answers arrived, turning them into points and
   writing points and totals into every assessment) ≤ 0.1× one SQL GROUP BY over the answers, which is
   what counting them at closing time would cost at the least;
2. answering: a response written with its counts ≤ 1.3× the same response written without them;
3. the Ranking report ≤ 3× a plain SQL read of the same totals, and ≤ 2 s; the annex ≤ 5 s.
"""

import random
import statistics
import time

import frappe

from parindex.benchmarks import explain
from parindex.benchmarks.assessments import GROUP, _set_with_units
from parindex.benchmarks.timing import median_seconds
from parindex.bulk import standard_fields
from parindex.par_assessment.creation import insert_assessments
from parindex.par_survey import aggregation, counts

UNITS = 1_000
RESPONSES = 50_000
QUESTIONS = 20
REPEATS = 3
GROUP_BY = """
	select r.unit, a.question_no, a.answer, count(*)
	from `tabPAR Survey Response Answer` a join `tabPAR Survey Response` r on a.parent = r.name
	where r.survey = %s group by r.unit, a.question_no, a.answer
"""


def _median(function, repeats: int = REPEATS) -> float:
	return median_seconds(function, repeats)


def open_survey(set_name: str, title: str, questions: int, **values):
	"""An open survey of the set: citizens answering A/B/C/D (100/60/20/0 %) to ``questions``
	questions, spread over the set's survey criteria."""
	leaves = frappe.get_all(
		"PAR Criterion",
		filters={"criteria_set": set_name, "rule_kind": "Survey"},
		pluck="name",
		order_by="sort_key",
	)
	return frappe.get_doc(
		{
			"doctype": "PAR Survey",
			"title": title,
			"criteria_set": set_name,
			"status": "Open",
			"respondent_groups": [{"group_name": "Người dân"}],
			"answer_options": [
				{"letter": letter, "label": letter, "weight": weight}
				for letter, weight in (("A", 100), ("B", 60), ("C", 20), ("D", 0))
			],
			"questions": [
				{
					"number": n,
					"question": f"Câu {n}",
					"respondent_group": "Người dân",
					"criterion": leaves[n % len(leaves)],
				}
				for n in range(1, questions + 1)
			],
			**values,
		}
	).insert()


def _survey(set_name: str, units: list[str], count: int = RESPONSES):
	survey = open_survey(set_name, "Benchmark survey", QUESTIONS)
	rng = random.Random(7)
	standard = standard_fields()
	responses, answers = [], []
	for i in range(count):
		name = f"bench-r-{i:06d}"
		responses.append(
			{
				**standard,
				"name": name,
				"survey": survey.name,
				"unit": units[i % len(units)],
				"respondent_group": "Người dân",
				"channel": "Paper",
			}
		)
		for n in range(1, QUESTIONS + 1):
			answers.append(
				{
					**standard,
					"name": f"{name}-{n:02d}",
					"parent": name,
					"parenttype": "PAR Survey Response",
					"parentfield": "answers",
					"idx": n,
					"question_no": n,
					"answer": rng.choice("AABBBCD"),
				}
			)
	counts.record_bulk(survey.name, responses, answers)
	return survey


def run(units: int = UNITS, responses: int = RESPONSES):
	"""The province, its survey and its answers are committed before they are measured, as on a site
	where the answers came in over weeks: InnoDB reads rows written by the reading transaction itself
	several times slower (each index entry is checked against its row), which no real closing meets.
	Each closing is rolled back, so each does the whole work; everything is deleted at the end."""
	cleanup()
	try:
		set_name = _set_with_units(units)
		unit_names = frappe.get_all("PAR Unit", filters={"unit_group": GROUP}, pluck="name", order_by="name")
		start = time.perf_counter()
		insert_assessments(set_name, unit_names)
		print(
			f"creating {len(unit_names)} assessments × 130 lines: {time.perf_counter() - start:.1f} s (target ≤ 60 s)"
		)
		start = time.perf_counter()
		survey = _survey(set_name, unit_names, responses)
		loaded = time.perf_counter() - start
		answers = frappe.db.count("PAR Survey Response Answer", {"parent": ("like", "bench-r-%")})
		print(
			f"survey data: {responses} responses × {QUESTIONS} answers = {answers} rows (loaded in {loaded:.1f} s)"
		)
		frappe.db.commit()  # nosemgrep: run from the shell; deleted by cleanup

		group_by = _median(lambda: frappe.db.sql(GROUP_BY, survey.name))
		print(f"one SQL GROUP BY over the answers (baseline): {group_by:.2f} s")
		read = _median(lambda: counts.read(survey.name))
		print(f"reading the counts kept as answers arrived: {read * 1000:.0f} ms")
		close = _median(lambda: (aggregation.apply_survey(survey), frappe.db.rollback()))
		changed = aggregation.apply_survey(survey)
		print(
			f"closing: counts → points → {changed} assessments written: {close:.2f} s (median of {REPEATS})"
			f" = {close / group_by:.3f}× the GROUP BY (target ≤ 0.1×)"
		)
		again = _median(lambda: aggregation.apply_survey(survey))
		print(f"recomputing with nothing answered since: {again * 1000:.0f} ms = {again / group_by:.3f}×")
		print(_answering(survey, unit_names))
		report = _ranking_report(set_name, len(unit_names))
		if report:
			print(report)
		print("\nEXPLAIN of the queries people wait for, on this province:")
		explain.run()
	finally:
		frappe.db.rollback()
		cleanup()


def cleanup() -> None:
	"""Delete what :func:`run` made (also what an interrupted run left); commit."""
	sets = frappe.get_all("PAR Criteria Set", {"unit_group": GROUP}, pluck="name")
	assessments = frappe.get_all("PAR Assessment", {"criteria_set": ("in", sets or [""])}, pluck="name")
	for start in range(0, len(assessments), 1000):
		chunk = assessments[start : start + 1000]
		for doctype in ("PAR Assessment Line", "PAR Assessment Field", "PAR Evidence"):
			frappe.db.delete(doctype, {"parent": ("in", chunk)})
		frappe.db.delete("Version", {"ref_doctype": "PAR Assessment", "docname": ("in", chunk)})
		frappe.db.delete("PAR Assessment", {"name": ("in", chunk)})
	for survey in frappe.get_all("PAR Survey", {"criteria_set": ("in", sets or [""])}, pluck="name"):
		response, answer = (
			frappe.qb.DocType("PAR Survey Response"),
			frappe.qb.DocType("PAR Survey Response Answer"),
		)
		names = frappe.qb.from_(response).select(response.name).where(response.survey == survey)
		frappe.qb.from_(answer).delete().where(answer.parent.isin(names)).run()
		frappe.db.delete("PAR Survey Response", {"survey": survey})
		frappe.db.delete("PAR Survey Count", {"survey": survey})
		frappe.db.delete("PAR Survey Invitation", {"survey": survey})
		for table in ("Respondent Group", "Answer Option", "Question", "Target"):
			frappe.db.delete(f"PAR Survey {table}", {"parent": survey})
		frappe.db.delete("PAR Survey", survey)
	for name in sets:
		frappe.db.delete("PAR Criterion", {"criteria_set": name})
		frappe.db.delete("PAR Criteria Set", name)
	frappe.db.delete("PAR Unit", {"unit_group": GROUP})
	frappe.db.delete("PAR Unit Group", GROUP)
	frappe.db.commit()  # nosemgrep: run from the shell


def _answering(survey, units: list[str], count: int = 200) -> str:
	"""Per response: written with its counts, against the same writes with the counting switched off
	(the response controller's count hook), alternating in blocks of 20."""
	from parindex.par_survey.doctype.par_survey_response.par_survey_response import PARSurveyResponse

	rng = random.Random(11)

	def one():
		frappe.get_doc(
			{
				"doctype": "PAR Survey Response",
				"survey": survey.name,
				"unit": rng.choice(units),
				"respondent_group": "Người dân",
				"channel": "Paper",
				"answers": [
					{"question_no": n, "answer": rng.choice("ABCD")} for n in range(1, QUESTIONS + 1)
				],
			}
		).insert()

	hook = PARSurveyResponse.on_update
	timings = {"with counts": [], "without": []}
	try:
		for block in range(count // 20):
			kind = ("with counts", "without")[block % 2]
			PARSurveyResponse.on_update = hook if kind == "with counts" else (lambda self: None)
			for _i in range(20):
				start = time.perf_counter()
				one()
				timings[kind].append(time.perf_counter() - start)
	finally:
		PARSurveyResponse.on_update = hook
	with_counts, without = (statistics.median(timings[k]) for k in ("with counts", "without"))
	return (
		f"answering, median per response of {count // 2} each: {with_counts * 1000:.1f} ms with counts,"
		f" {without * 1000:.1f} ms without = {with_counts / without:.2f}× (target ≤ 1.3×)"
	)


def _ranking_report(set_name: str, units: int) -> str | None:
	try:
		from parindex.par_ranking.report.par_ranking import par_ranking
	except ImportError:
		return None
	table = frappe.qb.DocType("PAR Assessment")
	plain = (
		frappe.qb.from_(table)
		.select(
			table.unit,
			table.appraised_total,
			table.survey_total,
			table.final_total,
			table.total_max,
			table.index,
		)
		.where((table.criteria_set == set_name) & (table.docstatus < 2))
		.orderby(table.index, order=frappe.qb.desc)
	)
	sql = _median(lambda: plain.run())
	report = _median(lambda: par_ranking.execute(frappe._dict(criteria_set=set_name, source="Live")))
	export = _median(lambda: par_ranking.export_annex(set_name))
	return "\n".join(
		[
			f"hand-written SQL read of the totals (baseline): {sql * 1000:.0f} ms",
			f"Ranking report, {units} units: {report * 1000:.0f} ms = {report / sql:.2f}× (targets ≤ 3×, ≤ 2 s)",
			f"Ranking annex (.xlsx): {export * 1000:.0f} ms (target ≤ 5 s)",
		]
	)
