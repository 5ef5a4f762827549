"""Benchmarks of assessments on a site (issue 3). Everything is rolled back afterwards.

Run: ``bench --site SITE execute parindex.benchmarks.assessments.run``

1. Saving a 130-line assessment: median of 20 saves, against the same saves with the app's own hooks
   (the PAR Assessment controller) switched off. Target: at most 1.5×.
2. Creating the assessments of 1,000 units for a 130-criterion set in one action. Target: ≤ 60 s.
"""

import statistics
import time

import frappe
from frappe.model.document import Document

from parindex.benchmarks.synthetic import criteria_rows
from parindex.par_assessment.creation import insert_assessments
from parindex.par_assessment.doctype.par_assessment.par_assessment import PARAssessment
from parindex.par_index.criteria_io import import_rows
from parindex.workbooks.criteria import write_criteria

GROUP = "Benchmark group"
UNITS = 1_000
SAVES = 20
VALUES = {"Manual": "0.5", "Options": "Partial", "Thresholds": "75", "Proportional": "64.5"}
VALUES.update({"Deadline": "Late", "Yes/No": "Yes", "Deduction": "2"})


def _set_with_units(units: int) -> str:
	if not frappe.db.exists("PAR Unit Group", GROUP):
		frappe.get_doc({"doctype": "PAR Unit Group", "group_name": GROUP}).insert()
	set_doc = frappe.get_doc(
		{"doctype": "PAR Criteria Set", "title": "Benchmark", "year": 2099, "unit_group": GROUP}
	).insert()
	import_rows(set_doc, write_criteria(criteria_rows(130)))
	set_doc.reload()
	set_doc.status = "Active"
	set_doc.save()
	(start,) = frappe.db.sql("select coalesce(max(rgt), 0) from `tabPAR Unit`")[0]
	now, user = frappe.utils.now(), frappe.session.user
	frappe.db.bulk_insert(
		"PAR Unit",
		[
			"name",
			"unit_name",
			"unit_group",
			"is_group",
			"lft",
			"rgt",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		[
			[
				f"Bench unit {i:04d}",
				f"Bench unit {i:04d}",
				GROUP,
				0,
				start + 2 * i + 1,
				start + 2 * i + 2,
				now,
				now,
				user,
				user,
			]
			for i in range(units)
		],
	)
	return set_doc.name


def _median_save(name: str) -> float:
	doc = frappe.get_doc("PAR Assessment", name)
	times = []
	for i in range(SAVES):
		line = doc.lines[i % len(doc.lines)]
		if line.rule_kind != "Survey":
			line.self_input = (
				VALUES[line.rule_kind]
				if line.self_input
				else "1"
				if line.rule_kind == "Deduction"
				else VALUES[line.rule_kind]
			)
		line.self_note = f"note {i}"
		start = time.perf_counter()
		doc.save()
		times.append(time.perf_counter() - start)
		doc = frappe.get_doc("PAR Assessment", name)
	return statistics.median(times)


def run():
	frappe.db.savepoint("bench")
	try:
		set_name = _set_with_units(UNITS)
		units = frappe.get_all("PAR Unit", filters={"unit_group": GROUP}, pluck="name", order_by="name")
		start = time.perf_counter()
		names = insert_assessments(set_name, units)
		created = time.perf_counter() - start
		lines = frappe.db.count("PAR Assessment Line", {"parent": ("in", names[:1])})

		with_hooks = _median_save(names[0])
		hooks = {m: getattr(PARAssessment, m) for m in ("validate", "on_update", "before_insert")}
		try:
			for method in hooks:
				setattr(PARAssessment, method, Document.__dict__.get(method, lambda self: None))
			without_hooks = _median_save(names[1])
		finally:
			for method, function in hooks.items():
				setattr(PARAssessment, method, function)
	finally:
		frappe.db.rollback(save_point="bench")
		frappe.db.rollback()
	print(f"assessments created: {len(names)} units × {lines} criteria in {created:.1f} s (target ≤ 60 s)")
	print(
		f"save, median of {SAVES}: with the app's hooks {with_hooks * 1000:.1f} ms, without {without_hooks * 1000:.1f} ms"
	)
	print(f"ratio: {with_hooks / without_hooks:.2f}× (target ≤ 1.5×)")
