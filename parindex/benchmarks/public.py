"""Benchmark of the public results page: the ranking of a published group of 1,000 units.

Run: ``bench --site SITE execute parindex.benchmarks.public.run`` (everything is rolled back).
Targets (issue 11): with the page kept (the cache warm) it is served in ≤ 300 ms and ≤ 3× a plain SQL
read of the published entries, both timed in the same run.
"""

import time

import frappe
from frappe.utils import set_request
from frappe.website.serve import get_response

from parindex.benchmarks.assessments import GROUP, _set_with_units
from parindex.benchmarks.timing import median_seconds
from parindex.par_assessment.creation import insert_assessments
from parindex.par_ranking import public

UNITS = 1_000
REPEATS = 20


def _median(function, repeats: int = REPEATS) -> float:
	return median_seconds(function, repeats)


def _published(units: int) -> str:
	set_name = _set_with_units(units)
	names = frappe.get_all("PAR Unit", filters={"unit_group": GROUP}, pluck="name", order_by="name")
	insert_assessments(set_name, names)
	table = frappe.qb.DocType("PAR Assessment")
	# approved, with indices spread as a province's are
	frappe.qb.update(table).set(table.docstatus, 1).set(table.workflow_state, "Approved").where(
		table.criteria_set == set_name
	).run()
	frappe.db.sql(
		"update `tabPAR Assessment` set `index` = 50 + mod(crc32(name), 5000) / 100 where criteria_set = %s",
		set_name,
	)
	doc = frappe.get_doc(
		{"doctype": "PAR Ranking Publication", "criteria_set": set_name, "decision_no": "1/QĐ-UBND"}
	)
	doc.decision_date = "2100-01-20"
	doc.insert()
	doc.submit()
	return doc.name


def run(units: int = UNITS):
	frappe.db.savepoint("bench")
	try:
		start = time.perf_counter()
		name = _published(units)
		print(f"published a ranking of {units} units in {time.perf_counter() - start:.1f} s")
		public.forget_pages()
		frappe.db.set_single_value("PAR Settings", "public_results_page", 1)
		path = f"ket-qua/{name}"
		frappe.set_user("Guest")
		set_request(method="GET", path="/" + path)

		def serve():
			response = get_response(path)
			assert response.status_code == 200, response.status_code

		start = time.perf_counter()
		serve()
		cold = time.perf_counter() - start
		entry = frappe.qb.DocType("PAR Ranking Entry")
		plain = (
			frappe.qb.from_(entry)
			.select(
				entry.rank, entry.unit, entry.final_total, entry.total_max, entry.index, entry.classification
			)
			.where(entry.parent == name)
			.orderby(entry.idx)
		)
		sql = _median(lambda: plain.run())
		warm = _median(serve)
		print(f"plain SQL read of the {units} published entries (baseline): {sql * 1000:.1f} ms")
		print(f"the ranking page, first view (rendered and kept): {cold * 1000:.0f} ms")
		print(
			f"the ranking page, kept: {warm * 1000:.1f} ms = {warm / sql:.2f}× the SQL read"
			" (targets ≤ 300 ms, ≤ 3×)"
		)
	finally:
		frappe.set_user("Administrator")
		public.forget_pages()
		frappe.db.rollback(save_point="bench")
		frappe.db.rollback()
