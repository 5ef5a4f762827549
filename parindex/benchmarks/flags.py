"""Benchmarks of the flags before appraisal and of the daily digest (issue 9), at province scale.

Run: ``bench --site SITE execute parindex.benchmarks.flags.run`` — everything is rolled back.

1. Flags: 1,000 units × 130 lines submitted, last year's appraised lines of the same units present.
   - one submission's flags (``flags.flag_document``): median of 20 assessments, target ≤ 200 ms;
   - the whole province (``flags.flag_set``) against one SQL pass reading the same lines, same run:
     target ≤ 3×.
2. Daily digest: the same 1,000 units (each with a user), 20 appraisers sharing 11 fields, assessments
   in every state: ``digest.send_digests`` ≤ 5 s, and its number of queries the same for 100 and for
   1,000 units (it reads what it needs in a fixed number of queries).
"""

import random
import statistics
import time

import frappe

from parindex.benchmarks.assessments import GROUP, _set_with_units
from parindex.benchmarks.synthetic import criteria_rows
from parindex.benchmarks.timing import median_seconds
from parindex.bulk import bulk_insert, standard_fields
from parindex.par_assessment import digest, flags, lines, shares
from parindex.par_assessment.creation import insert_assessments
from parindex.par_index.criteria_io import import_rows
from parindex.workbooks.criteria import write_criteria

UNITS = 1_000
APPRAISERS = 20
SAMPLES = 20
REPEATS = 3
ONE_PASS = """
	select a.name, a.unit, a.workflow_state, l.name, l.code, l.rule_kind, l.self_input, l.self_score,
		l.max_score, l.not_applicable, l.evidence_required, l.explanation, l.flag_codes, l.flag_reasons
	from `tabPAR Assessment Line` l join `tabPAR Assessment` a on l.parent = a.name
	where a.criteria_set = %s and a.docstatus = 0 and l.parenttype = 'PAR Assessment'
"""


def _median(function, repeats: int = REPEATS) -> float:
	return median_seconds(function, repeats)


def _last_year(units: list[str]) -> str:
	"""Last year's set of the same group, every unit's assessment approved with appraised scores."""
	set_doc = frappe.get_doc(
		{"doctype": "PAR Criteria Set", "title": "Benchmark last year", "year": 2098, "unit_group": GROUP}
	).insert()
	import_rows(set_doc, write_criteria(criteria_rows(130)))
	set_doc.reload()
	set_doc.status = "Active"
	set_doc.save()
	insert_assessments(set_doc.name, units)
	frappe.db.sql(
		"""update `tabPAR Assessment Line` l join `tabPAR Assessment` a on l.parent = a.name
		set l.final_score = round(rand() * l.max_score * 4) / 4, l.self_input = '1', l.appraised = 1,
			l.explanation = if(rand() < 0.05, 'Đơn vị đã ban hành kế hoạch và gửi báo cáo đúng hạn', null),
			l.explanation_requested = l.explanation is not null
		where a.criteria_set = %s and l.rule_kind != 'Survey'""",
		set_doc.name,
	)
	frappe.db.sql(
		"update `tabPAR Assessment` set docstatus = 1, workflow_state = 'Approved' where criteria_set = %s",
		set_doc.name,
	)
	return set_doc.name


def _submitted(set_name: str) -> None:
	"""This year's claims: mostly honest, some units inflating; every assessment submitted."""
	frappe.db.sql(
		"""update `tabPAR Assessment Line` l join `tabPAR Assessment` a on l.parent = a.name
		set l.self_input = '1',
			l.self_score = if(rand() < 0.1, l.max_score, round(rand() * l.max_score * 2) / 4),
			l.explanation = if(rand() < 0.05, 'Đơn vị đã ban hành kế hoạch và gửi báo cáo đúng hạn', null),
			l.explanation_requested = l.explanation is not null
		where a.criteria_set = %s and l.rule_kind != 'Survey'""",
		set_name,
	)
	frappe.db.sql(
		"update `tabPAR Assessment` set workflow_state = 'Submitted' where criteria_set = %s", set_name
	)


def bench_flags(set_name: str, names: list[str]) -> dict:
	compiled = lines.compiled_set(set_name)
	per_submission = []
	for name in names[:SAMPLES]:
		doc = frappe.get_doc("PAR Assessment", name)
		start = time.perf_counter()
		flags.flag_document(doc, compiled)
		per_submission.append(time.perf_counter() - start)
	one_pass = _median(lambda: frappe.db.sql(ONE_PASS, set_name))
	first = time.perf_counter()
	counts = flags.flag_set(set_name)  # the first run writes every flag
	first = time.perf_counter() - first
	province = _median(lambda: flags.flag_set(set_name))  # then only what changed
	return {
		"submission": statistics.median(per_submission),
		"one_pass": one_pass,
		"province_first": first,
		"province": province,
		"counts": counts,
	}


def _people(units: list[str]) -> list[str]:
	"""A unit user per unit and 20 appraisers, written in bulk (users, roles, unit permissions)."""
	base = standard_fields()
	users, roles, permissions = [], [], []
	appraisers = [f"bench-appraiser-{i:02d}@example.com" for i in range(APPRAISERS)]
	unit_users = [f"bench-unit-{i:04d}@example.com" for i in range(len(units))]
	for email in appraisers + unit_users:
		users.append(
			{
				**base,
				"name": email,
				"email": email,
				"first_name": email.split("@")[0],
				"enabled": 1,
				"user_type": "System User",
			}
		)
	for i, email in enumerate(appraisers + unit_users):
		roles.append(
			{
				**base,
				"name": frappe.generate_hash(length=10),
				"parent": email,
				"parenttype": "User",
				"parentfield": "roles",
				"role": "PAR Appraiser" if i < APPRAISERS else "PAR Unit User",
			}
		)
	for email, unit in zip(unit_users, units, strict=True):
		permissions.append(
			{
				**base,
				"name": frappe.generate_hash(length=10),
				"user": email,
				"allow": "PAR Unit",
				"for_value": unit,
				"apply_to_all_doctypes": 1,
			}
		)
	bulk_insert("User", users)
	bulk_insert("Has Role", roles)
	bulk_insert("User Permission", permissions)
	return appraisers


def _states(set_name: str, names: list[str], appraisers: list[str], day) -> None:
	"""Appraisers on the fields; assessments spread over the states, deadlines around the day."""
	set_doc = frappe.get_doc("PAR Criteria Set", set_name)
	fields = frappe.get_all(
		"PAR Criterion",
		filters={"criteria_set": set_name, "parent_par_criterion": ("in", ("", None))},
		pluck="name",
		order_by="sort_key",
	)
	set_doc.set("appraisers", [])
	for i, field in enumerate(fields):
		for appraiser in {appraisers[i % APPRAISERS], appraisers[(i + 9) % APPRAISERS]}:
			set_doc.append("appraisers", {"field": field, "appraiser": appraiser})
	set_doc.save()
	rng = random.Random(9)
	due = frappe.utils.add_days(day, 3)
	late = frappe.utils.add_days(day, -2)
	for name in names:
		state = rng.choices(["Draft", "Under Appraisal", "Explanation Requested", "Appraised"], [4, 3, 1, 2])[
			0
		]
		frappe.db.set_value(
			"PAR Assessment",
			name,
			{
				"workflow_state": state,
				"self_assessment_deadline": due,
				"appraisal_deadline": due,
				"explanation_due": late if state == "Explanation Requested" else None,
			},
			update_modified=False,
		)
		if state == "Explanation Requested":
			frappe.db.set_value(
				"PAR Assessment Line",
				{"parent": name, "code": "1.1.1"},
				{"explanation_requested": 1, "explanation": None},
				update_modified=False,
			)


class Counter:
	"""How many queries ran (every query goes through ``frappe.db.sql``)."""

	def __init__(self):
		self.count = 0
		self.original = frappe.db.sql

	def __enter__(self):
		def counted(*args, **kwargs):
			self.count += 1
			return self.original(*args, **kwargs)

		frappe.db.sql = counted
		return self

	def __exit__(self, *exc):
		frappe.db.sql = self.original


def bench_digest(set_name: str, names: list[str], units: list[str]) -> dict:
	day = frappe.utils.today()
	appraisers = _people(units)
	_states(set_name, names, appraisers, day)
	# the number of queries for a tenth of the province, then for all of it
	tenth = set(names[: len(names) // 10])
	frappe.db.sql(
		"update `tabPAR Assessment` set docstatus = 2 where criteria_set = %s and name not in %s",
		(set_name, tuple(tenth)),
	)
	digest.compute(day)  # the criteria set compiled once (cached per set, not per unit)
	with Counter() as small:
		digest.compute(day)
	frappe.db.sql("update `tabPAR Assessment` set docstatus = 0 where criteria_set = %s", set_name)
	with Counter() as full:
		digest.compute(day)
	frappe.db.delete("PAR Digest Log", {"day": day})
	with Counter() as large:
		start = time.perf_counter()
		sent = digest.send_digests(day)
		elapsed = time.perf_counter() - start
	return {
		"seconds": elapsed,
		"sent": sent,
		"queries_100": small.count,
		"compute_1000": full.count,
		"queries_1000": large.count,
	}


def run():
	frappe.db.savepoint("bench")
	try:
		set_name = _set_with_units(UNITS)
		units = frappe.get_all("PAR Unit", filters={"unit_group": GROUP}, pluck="name", order_by="name")
		names = insert_assessments(set_name, units)
		last_names = frappe.get_all("PAR Assessment", {"criteria_set": _last_year(units)}, pluck="name")
		_submitted(set_name)
		shares.refresh(names + last_names)  # the share texts of lines written in bulk
		line_count = frappe.db.count("PAR Assessment Line", {"parent": ("in", names)})
		f = bench_flags(set_name, names)
		d = bench_digest(set_name, names, units)
	finally:
		frappe.db.rollback(save_point="bench")
		frappe.db.rollback()
	c = f["counts"]
	print(f"flags: {len(names)} units × 130 lines ({line_count} lines), last year's approved lines present")
	print(f"  one submission: median of {SAMPLES} {f['submission'] * 1000:.0f} ms (target ≤ 200 ms)")
	print(
		f"  whole province: {f['province']:.2f} s against one SQL pass over the same lines "
		f"{f['one_pass']:.2f} s: {f['province'] / f['one_pass']:.2f}× (target ≤ 3×); the first run, "
		f"writing every flag: {f['province_first']:.2f} s ({f['province_first'] / f['one_pass']:.2f}×)"
	)
	print(f"  {c['flagged']} of {c['lines']} lines flagged in {c['assessments']} assessments")
	print(
		f"digest: {d['sent']['people']} people, {d['sent']['items']} items in {d['seconds']:.2f} s (target ≤ 5 s)"
	)
	print(
		f"  queries: {d['queries_100']} to compute for 100 units, {d['compute_1000']} for 1,000 "
		f"(fixed); {d['queries_1000']} for the whole job with 1,000 units (compute, template, people, "
		f"two bulk inserts in chunks)"
	)
