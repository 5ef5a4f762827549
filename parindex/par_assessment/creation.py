"""Create the assessments of every unit of a group for a criteria set, in one action.

Running it again creates only what is missing. The documents are written in bulk (one insert per
table and chunk), so a province of 1,000 units × 130 criteria takes seconds, not minutes.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.naming import make_autoname

from parindex import jobs
from parindex.bulk import bulk_insert, standard_fields
from parindex.par_assessment import lines
from parindex.par_assessment.stages import first_state
from parindex.par_index import criteria
from parindex.refusals import existing
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem

NAMING = "PA-.year.-.#####"


@frappe.whitelist(methods=["POST"])
def create_assessments(criteria_set: str) -> dict:
	"""Create the missing assessments of the set's unit group; queued past a few hundred units."""
	set_doc = existing("PAR Criteria Set", criteria_set)
	set_doc.check_permission("write")
	frappe.has_permission("PAR Assessment", "create", throw=True)
	if set_doc.status != "Active":
		criteria.throw_problems([Problem(M.SET_NOT_ACTIVE, (criteria_set,))])
	units = missing_units(set_doc)
	if jobs.is_large(len(units)):
		queued = jobs.start(
			"parindex.par_assessment.creation.create_job",
			_("Creating assessments"),
			"PAR Criteria Set",
			criteria_set,
			criteria_set=criteria_set,
			units=units,
		)
		return {**queued, "queued": len(units)}
	return {"created": len(insert_assessments(criteria_set, units))}


def create_job(criteria_set: str, units: list[str], progress=None) -> dict:
	created = insert_assessments(criteria_set, units, progress)
	return {"created": len(created), "message": _("{0} assessments created.").format(len(created))}


def missing_units(set_doc) -> list[str]:
	units = frappe.get_all(
		"PAR Unit",
		filters={"unit_group": set_doc.unit_group, "is_group": 0, "disabled": 0},
		order_by="lft asc",
		pluck="name",
	)
	existing = set(
		frappe.get_all(
			"PAR Assessment",
			filters={"criteria_set": set_doc.name, "docstatus": ("<", 2)},
			pluck="unit",
		)
	)
	return [unit for unit in units if unit not in existing]


def insert_assessments(criteria_set: str, units: list[str], progress=None) -> list[str]:
	"""Write one Draft assessment per unit (skipping units that have one), with lines and totals."""
	progress = progress or jobs.quiet
	# serialise concurrent runs for the same set: the second waits, then finds the units done
	frappe.db.get_value("PAR Criteria Set", criteria_set, "name", for_update=True)
	set_doc = frappe.get_doc("PAR Criteria Set", criteria_set)
	units = [u for u in missing_units(set_doc) if u in set(units)]
	compiled = lines.compiled_set(criteria_set)
	template = frappe.new_doc("PAR Assessment")
	template.update(
		{
			"criteria_set": criteria_set,
			"year": set_doc.year,
			"unit_group": set_doc.unit_group,
			"self_assessment_deadline": set_doc.self_assessment_deadline,
			"appraisal_deadline": set_doc.appraisal_deadline,
			"workflow_state": first_state(),
		}
	)
	for values in lines.new_lines(criteria_set):
		template.append("lines", values)
	lines.score(template, compiled)
	lines.set_totals(template, compiled)

	standard = standard_fields()
	parents, children = [], {"PAR Assessment Line": [], "PAR Assessment Field": []}
	header = _values(template, exclude={"lines", "field_results", "evidence"})
	# the rows every new assessment starts with, computed once
	rows = [
		(doctype, fieldname, row.idx, _values(row))
		for fieldname, doctype in (
			("lines", "PAR Assessment Line"),
			("field_results", "PAR Assessment Field"),
		)
		for row in template.get(fieldname)
	]
	rows = _without_defaults(rows)
	# each line's scores as the assessment keeps them (lines.encode_scores), less the line's name
	scores = [record.split(",", 1)[1] for record in template.line_scores.split(";")]
	names = []
	reserved = _reserve_names(set_doc.year, len(units))
	for number, (unit, name) in enumerate(zip(units, reserved, strict=True), start=1):
		names.append(name)
		line_names = []
		for doctype, fieldname, idx, values in rows:
			child = frappe.generate_hash(length=12)
			if fieldname == "lines":
				line_names.append(child)
			children[doctype].append(
				{
					**values,
					**standard,
					"name": child,
					"parent": name,
					"parenttype": "PAR Assessment",
					"parentfield": fieldname,
					"idx": idx,
				}
			)
		line_scores = ";".join(f"{line},{score}" for line, score in zip(line_names, scores, strict=True))
		parents.append(
			{**header, **standard, "name": name, "unit": unit, "idx": 0, "line_scores": line_scores}
		)
		if number % 100 == 0:
			progress(number, 2 * len(units), _("Preparing the assessments"))
	progress(1, 2, _("Writing the assessments"))
	bulk_insert("PAR Assessment", parents)
	for doctype, rows in children.items():
		bulk_insert(doctype, rows)
	if names:
		set_doc.add_comment("Info", _("Created {0} assessments.").format(len(names)))
	return names


def _reserve_names(year, count: int) -> list[str]:
	"""The next ``count`` names of the naming series ``PA-<year>-#####``, taken in one step (the
	series row is locked and moved on once, where naming each document would read and write it
	``count`` times); a single assessment saved in the desk takes the next one after them."""
	if not count:
		return []
	first = make_autoname(NAMING, doc=frappe._dict(year=year))  # creates the series row if new
	prefix, digits = first[: -len(first.rsplit("-", 1)[1])], len(first.rsplit("-", 1)[1])
	series = frappe.qb.DocType("Series")
	frappe.qb.update(series).set(series.current, series.current + (count - 1)).where(
		series.name == prefix
	).run()
	start = int(first[len(prefix) :])
	return [first] + [f"{prefix}{number:0{digits}d}" for number in range(start + 1, start + count)]


def _without_defaults(rows: list[tuple]) -> list[tuple]:
	"""The rows with only the columns some row of their table sets: a column every row leaves empty
	(NULL, or 0 where the table's default is 0) is left to the database's default, so 650,000 lines
	send a fraction of the values."""
	kept: dict[str, set[str]] = {}
	for doctype, _fieldname, _idx, values in rows:
		numeric = _zero_default_columns(doctype)
		kept.setdefault(doctype, set()).update(
			key for key, value in values.items() if value is not None and not (key in numeric and value == 0)
		)
	return [
		(doctype, fieldname, idx, {key: value for key, value in values.items() if key in kept[doctype]})
		for doctype, fieldname, idx, values in rows
	]


def _zero_default_columns(doctype: str) -> set[str]:
	"""Columns stored as numbers that the database sets to 0 when not given."""
	from frappe.model import numeric_fieldtypes

	return {
		df.fieldname
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype in numeric_fieldtypes and not df.default
	}


def _values(doc, exclude=frozenset()) -> dict:
	"""A row as the database stores it (numbers and checks never NULL), without tables or layout."""
	values = doc.get_valid_dict(convert_dates_to_str=True, ignore_nulls=False)
	for key in ("name", "parent", "parenttype", "parentfield", "idx", "doctype", *exclude):
		values.pop(key, None)
	return values
