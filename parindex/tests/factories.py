"""Factories for the integration tests: exactly the data a test needs, nothing more."""

import frappe

from parindex.scoring.numbers import to_decimal
from parindex.scoring.rule_text import parse_rule
from parindex.scoring.rules import RuleKind
from parindex.workbooks.criteria import CriterionRow, write_criteria

GROUP = "_Test Departments"


def make_unit_group(name: str = GROUP) -> str:
	if not frappe.db.exists("PAR Unit Group", name):
		frappe.get_doc({"doctype": "PAR Unit Group", "group_name": name}).insert()
	return name


def make_criteria_set(year: int = 2031, group: str = GROUP, **values):
	make_unit_group(group)
	doc = frappe.get_doc(
		{
			"doctype": "PAR Criteria Set",
			"title": f"_Test criteria {year}",
			"year": year,
			"unit_group": group,
			**values,
		}
	)
	return doc.insert()


def row(code, title, max_score, kind=None, params="", **flags) -> CriterionRow:
	spec = parse_rule(RuleKind(kind), params, code)[0] if kind else None
	return CriterionRow(code=code, title=title, max_score=to_decimal(max_score), spec=spec, **flags)


def small_tree() -> list[CriterionRow]:
	"""Two fields, 10 points: 8 appraised, 2 from the survey."""
	return [
		row("1", "Direction of reform", 5),
		row("1.1", "Yearly plan", 3),
		row(
			"1.1.1",
			"Plan issued",
			1,
			"Deadline",
			"on_time=1; late=0.5; due=2030-12-31",
			evidence_required=True,
		),
		row("1.1.2", "Plan completion", 2, "Thresholds", ">90=2; 70..90=1; <70=0"),
		row("1.2", "Reports on time", 2, "Deduction", "per=0.5; floor=0", not_applicable_allowed=True),
		row("2", "Impact", 5),
		row("2.1", "Online applications", 3, "Proportional", ""),
		row("2.2", "Citizens' satisfaction", 2, "Survey"),
		row("2.3", "Innovation", 1, "Options", "Excellent=1; Good=0.75; Done=0.5", is_bonus=True),
	]


def small_workbook() -> bytes:
	return write_criteria(small_tree())


def every_kind_tree() -> list[CriterionRow]:
	"""One criterion of each rule kind, 12 points: 10 appraised, 2 from the survey."""
	return [
		row("1", "Direction", 6),
		row(
			"1.1", "Plan issued", 1, "Deadline", "on_time=1; late=0.5; due=2030-12-31", evidence_required=True
		),
		row("1.2", "Reports sent", 1, "Deadline", "on_time=1; late=0.5"),
		row("1.3", "Tasks budgeted", 1, "Yes/No", ""),
		row("1.4", "Plan completion", 2, "Thresholds", ">90=2; 70..90=1; <70=0"),
		row("1.5", "Inspection score", 1, "Manual", "step=0.25"),
		row("2", "Impact", 6),
		row("2.1", "Online applications", 2, "Proportional", ""),
		row("2.2", "Late reports", 1, "Deduction", "per=0.25", not_applicable_allowed=True),
		row("2.3", "Ethics", 1, "Options", "Đầy đủ=1; Vi phạm nhẹ=0.5; Vi phạm nặng=0"),
		row("2.4", "Citizens' satisfaction", 2, "Survey"),
	]


def make_user(email: str, *roles: str, unit: str | None = None) -> str:
	"""A desk user with the given roles, restricted to one unit when given (User Permission)."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		)
		user.insert()
	user = frappe.get_doc("User", email)
	user.add_roles(*roles)
	if unit:
		from parindex.par_assessment.workflow import grant_unit

		grant_unit(email, unit)
	return email


def make_unit(name: str, group: str = GROUP) -> str:
	make_unit_group(group)
	if not frappe.db.exists("PAR Unit", name):
		frappe.get_doc({"doctype": "PAR Unit", "unit_name": name, "unit_group": group}).insert()
	return name


def active_set_with_assessments(
	units=("_Test Unit A", "_Test Unit B"), year: int = 2031, appraisers=None, tree=None
):
	"""An active criteria set (the small one unless a tree is given), appraisers by field ({field code:
	user}) and one assessment per unit."""
	from parindex.par_assessment.creation import insert_assessments
	from parindex.par_index.criteria import criterion_name
	from parindex.par_index.criteria_io import import_rows

	for unit in units:
		make_unit(unit)
	set_doc = make_criteria_set(year=year)
	import_rows(set_doc, write_criteria(tree) if tree else small_workbook())
	set_doc.reload()
	for code, user in (appraisers or {}).items():
		set_doc.append("appraisers", {"field": criterion_name(set_doc.name, code), "appraiser": user})
	set_doc.status = "Active"
	set_doc.save()
	insert_assessments(set_doc.name, list(units))
	return set_doc, {
		unit: frappe.db.get_value("PAR Assessment", {"criteria_set": set_doc.name, "unit": unit})
		for unit in units
	}


def attach_evidence(assessment: str, code: str, description: str = "Decision No. 12/QĐ") -> str:
	file_doc = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"evidence-{code}.pdf",
			"attached_to_doctype": "PAR Assessment",
			"attached_to_name": assessment,
			"is_private": 1,
			"content": f"%PDF-1.4 evidence {assessment} {code}".encode(),
		}
	).insert()
	return file_doc.file_url


def make_survey(set_doc, status="Open", **values):
	"""A survey of the small set: two respondent groups, A/B/C/D at 100/60/20/0 %, two questions on 2.2."""
	from parindex.par_index.criteria import criterion_name

	doc = frappe.get_doc(
		{
			"doctype": "PAR Survey",
			"title": f"_Test survey {set_doc.year}",
			"criteria_set": set_doc.name,
			"status": status,
			"respondent_groups": [{"group_name": "Người dân"}, {"group_name": "Cán bộ"}],
			"answer_options": [
				{"letter": "A", "label": "Rất hài lòng", "weight": 100},
				{"letter": "B", "label": "Hài lòng", "weight": 60},
				{"letter": "C", "label": "Chưa hài lòng", "weight": 20},
				{"letter": "D", "label": "Không hài lòng", "weight": 0},
			],
			"questions": [
				{
					"number": 1,
					"question": "Thái độ của công chức?",
					"respondent_group": "Người dân",
					"criterion": criterion_name(set_doc.name, "2.2"),
				},
				{
					"number": 2,
					"question": "Thời gian giải quyết?",
					"respondent_group": "Người dân",
					"criterion": criterion_name(set_doc.name, "2.2"),
				},
				{
					"number": 3,
					"question": "Chỉ đạo của lãnh đạo?",
					"respondent_group": "Cán bộ",
					"criterion": criterion_name(set_doc.name, "2.2"),
				},
			],
			"targets": [{"respondent_group": "Người dân", "target": 4}],
			**values,
		}
	)
	return doc.insert()


def paper_forms(*rows) -> bytes:
	"""A workbook of paper survey forms, as staff fill the blank one: unit, respondent group, then the
	answers to questions 1, 2 and 3 of :func:`make_survey`'s survey."""
	import io

	from openpyxl import Workbook

	book = Workbook()
	book.active.append(["Unit", "Respondent group", 1, 2, 3])
	for row in rows:
		book.active.append(list(row))
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()
