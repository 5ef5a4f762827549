"""The site side of the HTTP load test (``scripts/http-load.py`` starts gunicorn and drives the load).

``prepare`` makes, on a demo or test site (never a production one), a unit group of N units with a
130-criterion set, one assessment and one unit user per unit, the baseline (a plain copy of each
assessment in a DocType of the same fields and 130 lines, with the same role permissions, no controller
and no workflow), and an open survey of the group that takes anonymous answers. ``marks`` reads back
what the load wrote, to count lost updates; ``cleanup`` removes everything.

	bench --site SITE execute parindex.benchmarks.http_load.prepare --kwargs "{'units': 50}"
	bench --site SITE execute parindex.benchmarks.http_load.cleanup
"""

from __future__ import annotations

import json
import secrets

import frappe
from frappe.installer import update_site_config

from parindex.benchmarks import form
from parindex.benchmarks.surveys import open_survey
from parindex.benchmarks.synthetic import criteria_rows
from parindex.par_assessment.creation import insert_assessments
from parindex.par_assessment.workflow import grant_unit
from parindex.par_index.criteria_io import import_rows
from parindex.workbooks.criteria import write_criteria

YEAR = 2097
GROUP = "Benchmark load group"
USERS = "bench.load.{:03d}@example.com"
PROXY = "parindex_trusted_proxies"


def _unit(number: int) -> str:
	return f"Benchmark load unit {number:03d}"


def prepare(units: int = 50) -> None:
	"""Make the world (again from scratch), commit, and print it as JSON for the driver."""
	cleanup()
	frappe.get_doc({"doctype": "PAR Unit Group", "group_name": GROUP}).insert()
	names = [_unit(n) for n in range(1, units + 1)]
	for name in names:
		frappe.get_doc({"doctype": "PAR Unit", "unit_name": name, "unit_group": GROUP}).insert()
	set_doc = frappe.get_doc(
		{"doctype": "PAR Criteria Set", "title": "Benchmark load", "year": YEAR, "unit_group": GROUP}
	).insert()
	import_rows(set_doc, write_criteria(criteria_rows(130)))
	set_doc.reload()
	set_doc.status = "Active"
	set_doc.save()
	assessments = insert_assessments(set_doc.name, names)
	form.make_plain_doctypes()
	password = secrets.token_urlsafe(12) + "aA1!"
	people = []
	for number, (unit, assessment) in enumerate(zip(names, assessments, strict=True), start=1):
		user = USERS.format(number)
		frappe.get_doc(
			{
				"doctype": "User",
				"email": user,
				"first_name": f"Load {number}",
				"send_welcome_email": 0,
				"new_password": password,
			}
		).insert(ignore_permissions=True).add_roles("PAR Unit User")
		grant_unit(user, unit)
		plain = form._copy_into_plain(assessment)
		line = frappe.db.get_value("PAR Assessment Line", {"parent": assessment, "idx": 1}, "code")
		people.append({"user": user, "unit": unit, "assessment": assessment, "plain": plain, "code": line})
	survey = open_survey(
		set_doc.name,
		"Benchmark load survey",
		10,
		allow_anonymous=1,
		anonymous_group="Người dân",
		anonymous_limit_per_unit=10_000,
	).name
	site_config = frappe.get_site_config()
	update_site_config(f"{PROXY}_before_load", json.dumps(site_config.get(PROXY)))
	update_site_config(PROXY, ["127.0.0.1"])  # guests come through the loopback "proxy"
	frappe.db.commit()  # nosemgrep: run from the shell, not inside a request
	print(json.dumps({"password": password, "people": people, "survey": survey, "plain_doctype": form.PLAIN}))


def marks(people: str) -> None:
	"""Print, per person, the note now stored on the first line of the assessment and of its copy."""
	found = {}
	for person in json.loads(people):
		found[person["user"]] = {
			"assessment": frappe.db.get_value(
				"PAR Assessment Line", {"parent": person["assessment"], "idx": 1}, "self_note"
			),
			"plain": frappe.db.get_value(
				form.PLAIN_TABLES["lines"], {"parent": person["plain"], "idx": 1}, "self_note"
			),
		}
	print(json.dumps(found))


def cleanup() -> None:
	"""Remove what ``prepare`` made; commit."""
	for survey in frappe.get_all("PAR Survey", {"title": "Benchmark load survey"}, pluck="name"):
		responses = frappe.get_all("PAR Survey Response", {"survey": survey}, pluck="name")
		for start in range(0, len(responses), 1000):
			frappe.db.delete(
				"PAR Survey Response Answer", {"parent": ("in", responses[start : start + 1000])}
			)
		frappe.db.delete("PAR Survey Response", {"survey": survey})
		frappe.delete_doc("PAR Survey", survey, force=True, ignore_permissions=True)
	for doctype in (form.PLAIN, *form.PLAIN_TABLES.values()):
		if frappe.db.exists("DocType", doctype):
			frappe.delete_doc("DocType", doctype, force=True, ignore_permissions=True)
	units = frappe.get_all("PAR Unit", {"unit_group": GROUP}, pluck="name")
	for name in frappe.get_all("PAR Assessment", {"unit": ("in", units or [""])}, pluck="name"):
		for child in ("PAR Assessment Line", "PAR Assessment Field", "PAR Evidence"):
			frappe.db.delete(child, {"parent": name})
		frappe.db.delete("Version", {"ref_doctype": "PAR Assessment", "docname": name})
		frappe.db.delete("PAR Assessment", name)
	for name in frappe.get_all("PAR Criteria Set", {"unit_group": GROUP}, pluck="name"):
		frappe.db.delete("PAR Criterion", {"criteria_set": name})
		frappe.db.delete("PAR Criteria Set", name)
	for user in frappe.get_all("User", {"name": ("like", "bench.load.%@example.com")}, pluck="name"):
		frappe.db.delete("User Permission", {"user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for unit in units:
		frappe.delete_doc("PAR Unit", unit, force=True, ignore_permissions=True)
	if frappe.db.exists("PAR Unit Group", GROUP):
		frappe.delete_doc("PAR Unit Group", GROUP, force=True, ignore_permissions=True)
	before = frappe.get_site_config().get(f"{PROXY}_before_load")
	if before is not None:
		restored = json.loads(before)
		update_site_config(PROXY, restored if restored is not None else "None")  # "None" removes it
		update_site_config(f"{PROXY}_before_load", "None")
	frappe.db.commit()  # nosemgrep: run from the shell, not inside a request
