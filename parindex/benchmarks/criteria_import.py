"""Benchmark: import a 130-row criteria workbook into a site. Target (issue 2): ≤ 2 s.

Run on a bench: ``bench --site SITE execute parindex.benchmarks.criteria_import.run``. Every import is
rolled back, so the site is left as it was.

Two references are timed in the same run: reading and checking the workbook alone (the floor any import
pays), and saving the same 130 criteria one by one through the PAR Criterion form controller (what an
admin typing them in would cost), once.
"""

import statistics
import time

import frappe

from parindex.benchmarks.synthetic import criteria_rows
from parindex.par_index import criteria
from parindex.par_index.criteria_io import import_rows
from parindex.workbooks.criteria import read_criteria, write_criteria

LEAVES = 91  # with their 31 criteria and 8 fields: 130 rows
REPEATS = 5
GROUP = "Benchmark group"


def _timed(function) -> float:
	start = time.perf_counter()
	function()
	return time.perf_counter() - start


def _new_set():
	if not frappe.db.exists("PAR Unit Group", GROUP):
		frappe.get_doc({"doctype": "PAR Unit Group", "group_name": GROUP}).insert()
	return frappe.get_doc(
		{"doctype": "PAR Criteria Set", "title": "Benchmark", "year": 2099, "unit_group": GROUP}
	).insert()


def _one_by_one(rows) -> None:
	set_doc = _new_set()
	for row in rows:
		values = criteria.values_from_spec(row.spec, row.max_score)
		frappe.get_doc(
			{
				"doctype": "PAR Criterion",
				"criteria_set": set_doc.name,
				"code": row.code,
				"title": row.title,
				"max_score": float(row.max_score),
				**{flag: int(getattr(row, flag)) for flag in criteria.FLAGS},
				**values,
			}
		).insert()


def run():
	rows = criteria_rows(LEAVES)
	content = write_criteria(rows)
	assert len(read_criteria(content)) == 130
	parse, full = [], []
	for _ in range(REPEATS):
		parse.append(_timed(lambda: read_criteria(content)))
		frappe.db.savepoint("bench")
		set_doc = _new_set()
		full.append(_timed(lambda doc=set_doc: import_rows(doc, content)))
		assert frappe.db.count("PAR Criterion", {"criteria_set": set_doc.name}) == 130
		frappe.db.rollback(save_point="bench")
	frappe.db.savepoint("bench")
	one_by_one = _timed(lambda: _one_by_one(rows))
	frappe.db.rollback(save_point="bench")
	frappe.db.rollback()
	parse_median, import_median = statistics.median(parse), statistics.median(full)
	print(f"workbook rows: {len(rows)}, repeats: {REPEATS}")
	print(f"read + check the workbook only:   median {parse_median:.3f} s")
	print(f"import into the site (bulk):      median {import_median:.3f} s, best {min(full):.3f} s")
	print(f"ratio import / read only:         {import_median / parse_median:.2f}×")
	print(
		f"one by one via the form (once):   {one_by_one:.3f} s ({one_by_one / import_median:.1f}× the import)"
	)
	print(f"target ≤ 2 s: {'met' if import_median <= 2 else 'NOT met'}")
