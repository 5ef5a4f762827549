"""The site side of the form benchmark (``browser/bench_form.py`` drives the browser).

``prepare`` makes, on a demo or test site (never a production one), a 130-criterion set whose field 1
has 16 sub-criteria of every kind a unit types, one unit with its assessment, a unit user for it, and the
baseline: a plain copy of the assessment in a custom DocType of the same fields (no controller, no form
script, no onload) holding the same 130 lines. ``cleanup`` removes all of it.

	bench --site SITE execute parindex.benchmarks.form.prepare
	bench --site SITE execute parindex.benchmarks.form.cleanup
"""

from __future__ import annotations

import secrets

import frappe

from parindex.benchmarks.synthetic import criteria_rows
from parindex.par_assessment.creation import insert_assessments
from parindex.par_assessment.workflow import grant_unit
from parindex.par_index.criteria_io import import_rows
from parindex.scoring.rules import RuleKind
from parindex.workbooks.criteria import write_criteria

YEAR = 2098
GROUP = "Benchmark form group"
UNIT = "Benchmark form unit"
USER = "bench.form@example.com"
PLAIN = "PAR Bench Plain Form"
#: the plain copies of the child tables, by the assessment's table field
PLAIN_TABLES = {
	"lines": "PAR Bench Plain Line",
	"field_results": "PAR Bench Plain Field",
	"evidence": "PAR Bench Plain Evidence",
}
#: every kind a unit types (no survey criterion), with Vietnamese option labels as a province writes them
KINDS = (
	(RuleKind.MANUAL, "step=0.25", None),
	(RuleKind.OPTIONS, "Đầy đủ, đúng quy định=1; Chưa đầy đủ=0.5; Không thực hiện=0", None),
	(RuleKind.THRESHOLDS, ">90=1; 70..90=0.5; <70=0", None),
	(RuleKind.PROPORTIONAL, "", None),
	(RuleKind.DEADLINE, f"on_time=1; late=0.5; not_done=0; due={YEAR}-06-30", None),
	(RuleKind.DEADLINE, "on_time=1; late=0.5; not_done=0", None),
	(RuleKind.YES_NO, "yes=1; no=0", None),
	(RuleKind.DEDUCTION, "per=0.25; floor=0", None),
)


def prepare() -> dict:
	"""Make the set, unit, user, assessment and its plain copy (again from scratch); commit."""
	cleanup()
	frappe.get_doc({"doctype": "PAR Unit Group", "group_name": GROUP}).insert()
	frappe.get_doc({"doctype": "PAR Unit", "unit_name": UNIT, "unit_group": GROUP}).insert()
	set_doc = frappe.get_doc(
		{"doctype": "PAR Criteria Set", "title": "Benchmark form", "year": YEAR, "unit_group": GROUP}
	).insert()
	rows = criteria_rows(130, per_criterion=4, criteria_per_field=4, kinds=KINDS)
	import_rows(set_doc, write_criteria(rows))
	set_doc.reload()
	set_doc.status = "Active"
	set_doc.save()
	(assessment,) = insert_assessments(set_doc.name, [UNIT])
	password = secrets.token_urlsafe(12) + "aA1!"
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": USER,
			"first_name": "Benchmark",
			"send_welcome_email": 0,
			"new_password": password,
		}
	).insert()
	user.add_roles("PAR Unit User")
	grant_unit(USER, UNIT)
	plain = _plain_copy(assessment)
	frappe.db.commit()  # nosemgrep: run from the shell, not inside a request
	return {
		"assessment": assessment,
		"plain": plain,
		"plain_doctype": PLAIN,
		"user": USER,
		"password": password,
	}


def cleanup() -> None:
	"""Remove what ``prepare`` made; commit."""
	for doctype in (PLAIN, *PLAIN_TABLES.values()):
		if frappe.db.exists("DocType", doctype):
			frappe.delete_doc("DocType", doctype, force=True, ignore_permissions=True)
	for name in frappe.get_all("PAR Assessment", {"unit": UNIT}, pluck="name"):
		frappe.db.delete("PAR Assessment Line", {"parent": name})
		frappe.db.delete("PAR Assessment Field", {"parent": name})
		frappe.db.delete("PAR Evidence", {"parent": name})
		frappe.db.delete("Version", {"ref_doctype": "PAR Assessment", "docname": name})
		frappe.db.delete("PAR Assessment", name)
	for name in frappe.get_all("PAR Criteria Set", {"unit_group": GROUP}, pluck="name"):
		frappe.db.delete("PAR Criterion", {"criteria_set": name})
		frappe.db.delete("PAR Criteria Set", name)
	if frappe.db.exists("User", USER):
		frappe.delete_doc("User", USER, force=True, ignore_permissions=True)
	frappe.db.delete("User Permission", {"user": USER})
	if frappe.db.exists("PAR Unit", UNIT):
		frappe.delete_doc("PAR Unit", UNIT, force=True, ignore_permissions=True)
	if frappe.db.exists("PAR Unit Group", GROUP):
		frappe.delete_doc("PAR Unit Group", GROUP, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: run from the shell, not inside a request


FIELD_KEYS = (
	"fieldname",
	"fieldtype",
	"label",
	"options",
	"in_list_view",
	"read_only",
	"permlevel",
	"hidden",
	"columns",
	"description",
	"collapsible",
	"precision",
)


def _fields(doctype: str) -> list[dict]:
	fields = []
	for df in frappe.get_meta(doctype).fields:
		if df.fieldname == "amended_from" or df.fieldtype == "Tab Break":
			continue
		values = {key: df.get(key) for key in FIELD_KEYS if df.get(key) not in (None, "")}
		if df.fieldtype == "Table":
			values["options"] = PLAIN_TABLES[df.fieldname]
		elif df.fieldtype == "Link" and df.fieldname == "workflow_state":
			values["fieldtype"] = "Data"
			values.pop("options", None)
		fields.append(values)
	return fields


def _make_doctype(name: str, source: str, istable: bool) -> None:
	permissions = [
		{"role": p.role, "permlevel": p.permlevel, "read": p.read, "write": p.write, "create": p.create}
		for p in frappe.get_meta(source).permissions
	]
	frappe.get_doc(
		{
			"doctype": "DocType",
			"name": name,
			"module": "PAR Assessment",
			"custom": 1,
			"istable": int(istable),
			"autoname": "hash",
			"fields": _fields(source),
			"permissions": [] if istable else permissions,
		}
	).insert(ignore_permissions=True)


def _plain_copy(assessment: str) -> str:
	"""The plain DocType, and the assessment's values in it, line for line."""
	make_plain_doctypes()
	return _copy_into_plain(assessment)


def make_plain_doctypes() -> None:
	for field, child in PLAIN_TABLES.items():
		source = frappe.get_meta("PAR Assessment").get_field(field).options
		_make_doctype(child, source, istable=True)
	_make_doctype(PLAIN, "PAR Assessment", istable=False)


def _copy_into_plain(assessment: str) -> str:
	doc = frappe.get_doc("PAR Assessment", assessment)
	plain = frappe.new_doc(PLAIN)
	keep = {df.fieldname for df in frappe.get_meta(PLAIN).fields}
	plain.update({k: v for k, v in doc.as_dict().items() if k in keep and k not in PLAIN_TABLES})
	for field in PLAIN_TABLES:
		for row in doc.get(field):
			values = row.as_dict()
			for key in ("name", "parent", "parenttype", "parentfield", "doctype", "creation", "modified"):
				values.pop(key, None)
			plain.append(field, values)
	plain.flags.ignore_links = True
	plain.flags.ignore_mandatory = True
	plain.insert(ignore_permissions=True)
	return plain.name
