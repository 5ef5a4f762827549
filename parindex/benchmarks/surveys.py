"""Benchmarks at province scale (issue 4): 1,000 units, 50,000 survey responses × 20 answers.

Run: ``bench --site SITE execute parindex.benchmarks.surveys.run`` — everything is rolled back.

Each figure is compared with a hand-written SQL statement over the same rows, timed in the same run:
1. survey aggregation (counting answers and turning them into points) ≤ 3× one GROUP BY;
2. the Ranking report ≤ 3× a plain SQL read of the same totals, and ≤ 2 s;
3. the ranking's Excel annex ≤ 3 s.
"""

import random
import statistics
import time

import frappe

from parindex.benchmarks.assessments import GROUP, _set_with_units
from parindex.bulk import bulk_insert, standard_fields
from parindex.par_assessment.creation import insert_assessments
from parindex.par_survey import aggregation

UNITS = 1_000
RESPONSES = 50_000
QUESTIONS = 20
REPEATS = 3
GROUP_BY = """
	select r.unit, a.question_no, a.answer, count(*)
	from `tabPAR Survey Response Answer` a join `tabPAR Survey Response` r on a.parent = r.name
	where r.survey = %s group by r.unit, a.question_no, a.answer
"""


def _median(function, repeats=REPEATS):
	times = []
	for _ in range(repeats):
		start = time.perf_counter()
		function()
		times.append(time.perf_counter() - start)
	return statistics.median(times)


def _survey(set_name: str, units: list[str]):
	survey_leaves = frappe.get_all(
		"PAR Criterion",
		filters={"criteria_set": set_name, "rule_kind": "Survey"},
		pluck="name",
		order_by="sort_key",
	)
	survey = frappe.get_doc(
		{
			"doctype": "PAR Survey",
			"title": "Benchmark survey",
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
					"question": f"Question {n}",
					"respondent_group": "Người dân",
					"criterion": survey_leaves[n % len(survey_leaves)],
				}
				for n in range(1, QUESTIONS + 1)
			],
		}
	).insert()
	rng = random.Random(7)
	standard = standard_fields()
	responses, answers = [], []
	for i in range(RESPONSES):
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
	bulk_insert("PAR Survey Response", responses)
	bulk_insert("PAR Survey Response Answer", answers)
	return survey


def run():
	frappe.db.savepoint("bench")
	try:
		set_name = _set_with_units(UNITS)
		units = frappe.get_all("PAR Unit", filters={"unit_group": GROUP}, pluck="name", order_by="name")
		insert_assessments(set_name, units)
		start = time.perf_counter()
		survey = _survey(set_name, units)
		loaded = time.perf_counter() - start
		answers = frappe.db.count("PAR Survey Response Answer", {"parent": ("like", "bench-r-%")})

		group_by = _median(lambda: frappe.db.sql(GROUP_BY, survey.name))
		compute = _median(lambda: aggregation.compute_points(survey))
		apply = _median(lambda: aggregation.apply_survey(survey), repeats=1)
		print(
			f"survey data: {RESPONSES} responses × {QUESTIONS} answers = {answers} rows (loaded in {loaded:.1f} s)"
		)
		print(f"one SQL GROUP BY (baseline):            {group_by:.2f} s")
		print(
			f"aggregation (count + points, 1000 units): {compute:.2f} s = {compute / group_by:.2f}× (target ≤ 3×)"
		)
		print(
			f"… and writing points and totals into 1000 assessments: {apply:.2f} s = {apply / group_by:.2f}×"
		)

		report = _ranking_report(set_name)
		if report:
			print(report)
	finally:
		frappe.db.rollback(save_point="bench")
		frappe.db.rollback()


def _ranking_report(set_name: str) -> str | None:
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
			f"Ranking report, 1000 units: {report * 1000:.0f} ms = {report / sql:.2f}× (targets ≤ 3×, ≤ 2 s)",
			f"Ranking annex (.xlsx): {export * 1000:.0f} ms (target ≤ 3 s)",
		]
	)
