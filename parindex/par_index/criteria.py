"""Between the PAR Criterion form and the scoring core: rules, rows, checks and bulk writes.

The form stores a rule as explicit fields (a number field cannot be blank); the core reads it as a
:class:`RuleSpec`. Whole sets (import, copy) are written in one bulk insert per table, numbered as a
nested set appended after the existing trees, so a 130-row workbook imports in a few queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import getdate

from parindex.bulk import bulk_insert, standard_fields
from parindex.refusals import quote
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, render
from parindex.scoring.numbers import fmt, to_decimal
from parindex.scoring.rule_text import format_rule
from parindex.scoring.rules import Band, Option, RuleKind, RuleSpec
from parindex.scoring.tree import (
	APPRAISED,
	SURVEY,
	CriteriaTree,
	code_sort_key,
	code_sort_string,
	parent_code,
)
from parindex.workbooks.criteria import CriterionRow, check_rows

CRITERION = "PAR Criterion"
OPTION = "PAR Criterion Option"
THRESHOLD = "PAR Criterion Threshold"

#: the form field that holds each parameter of each rule kind
PARAM_FIELDS: dict[RuleKind, dict[str, str]] = {
	RuleKind.MANUAL: {"step": "step"},
	RuleKind.PROPORTIONAL: {"floor": "floor_rate", "cap": "cap_rate"},
	RuleKind.DEADLINE: {
		"on_time": "on_time_points",
		"late": "late_points",
		"not_done": "not_done_points",
		"due": "due_date",
	},
	RuleKind.YES_NO: {"yes": "yes_points", "no": "no_points"},
	RuleKind.DEDUCTION: {"per": "deduction_per", "floor": "floor_points"},
}
ALL_PARAM_FIELDS = sorted({f for fields in PARAM_FIELDS.values() for f in fields.values()})
FLAGS = ("evidence_required", "not_applicable_allowed", "is_cap", "is_bonus")


def criterion_name(criteria_set: str, code: str) -> str:
	return f"{criteria_set}-{code}"


#: a refusal lists at most this many problems (PAR Settings), then says how many more there are
LISTED_PROBLEMS = 200


def throw_problems(problems: list[Problem], title: str | None = None) -> None:
	"""Stop with the problems listed, translated (the first :data:`LISTED_PROBLEMS`, then a count)."""
	if problems:
		listed = _listed_problems()
		shown = [render(p, _, quote) for p in problems[:listed]]
		if len(problems) > listed:
			shown.append(render(Problem(M.MORE_PROBLEMS, (len(problems) - listed,)), _))
		frappe.throw(shown, title=title or _("Please correct"), as_list=True)


def _listed_problems() -> int:
	from parindex.settings import setting

	return setting("problems_listed") or LISTED_PROBLEMS


def check_bands(rows) -> None:
	"""Classification band rows (label, lowest index): valid, then sorted from the highest band."""
	from parindex.scoring.ranking import ClassBand, band_problems

	bands = [ClassBand(b.band_label or "", to_decimal(b.min_index or 0)) for b in rows]
	throw_problems(band_problems(bands), _("Invalid classification bands"))
	rows.sort(key=lambda b: -(b.min_index or 0))
	for idx, band in enumerate(rows, start=1):
		band.idx = idx


def _band_from_row(row) -> Band:
	return Band(
		points=to_decimal(row.get("points") or 0),
		lower=to_decimal(row.get("lower") or 0) if row.get("lower_operator") else None,
		lower_inclusive=row.get("lower_operator") != ">",
		upper=to_decimal(row.get("upper") or 0) if row.get("upper_operator") else None,
		upper_inclusive=row.get("upper_operator") == "<=",
	)


def _band_to_row(band: Band) -> dict:
	return {
		"lower_operator": "" if band.lower is None else (">=" if band.lower_inclusive else ">"),
		"lower": float(band.lower or 0),
		"upper_operator": "" if band.upper is None else ("<=" if band.upper_inclusive else "<"),
		"upper": float(band.upper or 0),
		"points": float(band.points),
	}


def spec_from_values(values, options=(), thresholds=()) -> RuleSpec | None:
	"""The rule of a criterion from its form values (a Document or a dict) and child rows."""
	kind = RuleKind.parse(values.get("rule_kind")) if values.get("rule_kind") else None
	if kind is None:
		return None
	params = {}
	for key, fieldname in PARAM_FIELDS.get(kind, {}).items():
		value = values.get(fieldname)
		if value is None or value == "":
			continue  # blank: the default, exactly as when the workbook leaves it out
		params[key] = getdate(value) if key == "due" else to_decimal(value)
	spec = RuleSpec(
		kind,
		params,
		options=tuple(Option(o.get("option_label") or "", to_decimal(o.get("points") or 0)) for o in options),
		bands=tuple(_band_from_row(t) for t in thresholds),
	)
	return spec.explicit(to_decimal(values.get("max_score") or 0))


def values_from_spec(spec: RuleSpec | None, max_score: Decimal) -> dict:
	"""Form values for a rule: every parameter field (reset when unused) and the child tables."""
	values = {f: None if f == "due_date" else 0 for f in ALL_PARAM_FIELDS}
	values.update(rule_kind=spec.kind.value if spec else "", options=[], thresholds=[], rule_summary="")
	if spec is None:
		return values
	spec = spec.explicit(max_score)
	for key, fieldname in PARAM_FIELDS.get(spec.kind, {}).items():
		value = spec.params.get(key)
		if isinstance(value, datetime.date):
			values[fieldname] = value
		elif value is not None:
			values[fieldname] = float(value)
	values["options"] = [{"option_label": o.label, "points": float(o.points)} for o in spec.options]
	values["thresholds"] = [_band_to_row(b) for b in spec.bands]
	values["rule_summary"] = format_rule(spec, "vi" if (frappe.local.lang or "").startswith("vi") else "en")
	return values


def row_from_values(values, options=(), thresholds=()) -> CriterionRow:
	return CriterionRow(
		code=values.get("code"),
		title=values.get("title") or "",
		max_score=to_decimal(values.get("max_score") or 0),
		spec=spec_from_values(values, options, thresholds),
		guidance=values.get("guidance") or "",
		**{flag: bool(values.get(flag)) for flag in FLAGS},
	)


def load_rows(criteria_set: str) -> list[CriterionRow]:
	"""Every criterion of a set, in code order: three queries, whatever the size."""
	table = frappe.qb.DocType(CRITERION)
	fields = ["name", "code", "title", "max_score", "rule_kind", "guidance", *FLAGS, *ALL_PARAM_FIELDS]
	criteria = (
		frappe.qb.from_(table)
		.select(*[table[f] for f in fields])
		.where(table.criteria_set == criteria_set)
		.orderby(table.sort_key)
		.run(as_dict=True)
	)
	names = [c.name for c in criteria]
	children = {OPTION: defaultdict(list), THRESHOLD: defaultdict(list)}
	if names:
		for doctype, columns in (
			(OPTION, ["option_label", "points"]),
			(THRESHOLD, ["lower_operator", "lower", "upper_operator", "upper", "points"]),
		):
			child = frappe.qb.DocType(doctype)
			for row in (
				frappe.qb.from_(child)
				.select(child.parent, *[child[c] for c in columns])
				.where((child.parenttype == CRITERION) & child.parent.isin(names))
				.orderby(child.idx)
				.run(as_dict=True)
			):
				children[doctype][row.parent].append(row)
	return [row_from_values(c, children[OPTION][c.name], children[THRESHOLD][c.name]) for c in criteria]


def set_problems(
	set_doc, rows: list[CriterionRow], fill_maxima: bool = False
) -> tuple[CriteriaTree | None, list[Problem]]:
	"""Check a set's criteria as a tree and against the set's appraised and survey maxima.

	With ``fill_maxima``, a set whose maxima are still 0 takes them from the criteria (first import).
	"""
	tree, problems = check_rows(rows)
	if tree is None or problems:
		return tree, problems
	if fill_maxima and not set_doc.appraised_max and not set_doc.survey_max:
		set_doc.appraised_max = float(tree.part_maximum(APPRAISED))
		set_doc.survey_max = float(tree.part_maximum(SURVEY))
	for part, label, expected in (
		(APPRAISED, "appraised", set_doc.appraised_max),
		(SURVEY, "survey", set_doc.survey_max),
	):
		actual = tree.part_maximum(part)
		if actual != to_decimal(expected or 0):
			problems.append(
				Problem(M.PART_MAX_MISMATCH, (_(label), fmt(to_decimal(expected or 0)), fmt(actual)))
			)
	return tree, problems


def set_is_used(criteria_set: str) -> bool:
	"""Whether any assessment uses the set (assessments arrive with the PAR Assessment DocType)."""
	return bool(
		frappe.db.exists("DocType", "PAR Assessment")
		and frappe.db.exists("PAR Assessment", {"criteria_set": criteria_set})
	)


#: what a criterion's title and guidance do not touch: these change the scoring, and lock with the set
RULE_FIELDS = (
	"code",
	"max_score",
	"rule_kind",
	"is_cap",
	"is_bonus",
	"evidence_required",
	"not_applicable_allowed",
)


def assert_set_editable(criteria_set: str) -> None:
	"""Rules change only while their set is Draft (titles and guidance may be corrected at any time)."""
	status = frappe.db.get_value("PAR Criteria Set", criteria_set, "status")
	if status and status != "Draft":
		throw_problems([Problem(M.SET_NOT_DRAFT, (criteria_set, _(status)))], _("Criteria set locked"))


def delete_criteria(criteria_set: str) -> None:
	names = frappe.get_all(CRITERION, filters={"criteria_set": criteria_set}, pluck="name")
	if not names:
		return
	for doctype in (OPTION, THRESHOLD):
		child = frappe.qb.DocType(doctype)
		frappe.qb.from_(child).delete().where(
			(child.parenttype == CRITERION) & child.parent.isin(names)
		).run()
	table = frappe.qb.DocType(CRITERION)
	frappe.qb.from_(table).delete().where(table.criteria_set == criteria_set).run()
	frappe.clear_document_cache(CRITERION)


def insert_criteria(criteria_set: str, rows: list[CriterionRow]) -> None:
	"""Write a whole, already checked tree of criteria in one bulk insert per table.

	The nodes are numbered as a nested set after every existing tree, exactly as inserting them
	one by one would, so the tree view and ``get_descendants`` work on them at once.
	"""
	table = frappe.qb.DocType(CRITERION)
	# one writer at a time appends trees: a locking read sees the latest rgt and holds it until commit
	max_rgt = frappe.query_builder.functions.Max(table.rgt)
	(start,) = frappe.qb.from_(table).select(max_rgt).for_update().run()[0]
	counter = (start or 0) + 1
	ordered = sorted(rows, key=lambda r: code_sort_key(r.code))
	codes = {r.code for r in ordered}
	children: dict[str | None, list[CriterionRow]] = defaultdict(list)
	for row in ordered:
		children[parent_code(row.code)].append(row)
	numbers: dict[str, tuple[int, int]] = {}

	def number(row: CriterionRow) -> None:
		nonlocal counter
		left = counter
		counter += 1
		for child in children.get(row.code, ()):
			number(child)
		numbers[row.code] = (left, counter)
		counter += 1

	for root in children[None]:
		number(root)

	standard = standard_fields()
	records, option_rows, threshold_rows = [], [], []
	for idx, row in enumerate(ordered, start=1):
		name = criterion_name(criteria_set, row.code)
		parent = parent_code(row.code)
		parent_name = criterion_name(criteria_set, parent) if parent in codes else ""
		values = values_from_spec(row.spec, row.max_score)
		record = {
			**standard,
			"name": name,
			"idx": idx,
			"criteria_set": criteria_set,
			"code": row.code,
			"title": row.title,
			"max_score": float(row.max_score),
			"guidance": row.guidance,
			"parent_par_criterion": parent_name,
			"old_parent": parent_name,
			"is_group": 0 if row.spec else 1,
			"label": criterion_label(row.code, row.title),
			"sort_key": code_sort_string(row.code),
			"lft": numbers[row.code][0],
			"rgt": numbers[row.code][1],
			**{flag: int(getattr(row, flag)) for flag in FLAGS},
			**{k: v for k, v in values.items() if k not in ("options", "thresholds")},
		}
		records.append(record)
		for key, target in (("options", option_rows), ("thresholds", threshold_rows)):
			for child_idx, child in enumerate(values[key], start=1):
				target.append(
					{
						**standard,
						"name": frappe.generate_hash(length=12),
						"idx": child_idx,
						"parent": name,
						"parenttype": CRITERION,
						"parentfield": key,
						**child,
					}
				)
	for doctype, data in ((CRITERION, records), (OPTION, option_rows), (THRESHOLD, threshold_rows)):
		bulk_insert(doctype, data)
	frappe.clear_document_cache(CRITERION)


def criterion_label(code: str, title: str) -> str:
	"""What the tree and link fields show: '1.2.3 Title…' (at most 140 characters)."""
	text = f"{code} {' '.join((title or '').split())}"
	return text if len(text) <= 140 else text[:139] + "…"


def shift_due_dates(rows: list[CriterionRow], years: int) -> list[CriterionRow]:
	"""Move deadline rules' due dates by whole years (copying a set to a new year)."""
	from dataclasses import replace

	from frappe.utils import add_years

	shifted = []
	for row in rows:
		due = row.spec.params.get("due") if row.spec else None
		if due:
			params = {**row.spec.params, "due": getdate(add_years(due, years))}
			row = replace(row, spec=replace(row.spec, params=params))
		shifted.append(row)
	return shifted


def update_set_counts(criteria_set: str) -> None:
	codes = frappe.get_all(CRITERION, filters={"criteria_set": criteria_set}, pluck="code")
	counts = {
		"field_count": sum(1 for c in codes if "." not in c),
		"criteria_count": sum(1 for c in codes if "." in c),
	}
	frappe.db.set_value("PAR Criteria Set", criteria_set, counts, update_modified=False)


def set_counts(rows: list[CriterionRow]) -> dict:
	return {
		"field_count": sum(1 for r in rows if "." not in r.code),
		"criteria_count": sum(1 for r in rows if "." in r.code),
	}
