"""Helpers for the report tests: hand-set results on assessments, classification bands, a publication."""

from __future__ import annotations

from contextlib import contextmanager
from unittest.mock import patch

import frappe

from parindex.tests import ParIndexTestCase

UNITS = ("_Test Unit A", "_Test Unit B", "_Test Unit C", "_Test Unit D")
UNIT_USER = "par-report-unit-a@example.com"  # PAR Unit User of unit A
UNIT_HEAD = "par-report-head-a@example.com"  # PAR Unit Head of unit A
MANAGER = "par-report-manager@example.com"
APPRAISER = "par-report-appraiser@example.com"
COUNCIL = "par-report-council@example.com"
HEAD_ON_COUNCIL = "par-report-head-council@example.com"  # a unit head who also sits on the council
BANDS = (("Tốt", 80), ("Khá", 65), ("Trung bình", 50), ("Yếu", 0))


def make_report_users():
	from parindex.tests.factories import make_unit, make_user

	make_unit(UNITS[0])
	make_user(UNIT_USER, "PAR Unit User", unit=UNITS[0])
	make_user(UNIT_HEAD, "PAR Unit User", "PAR Unit Head", unit=UNITS[0])
	make_user(MANAGER, "PAR Manager")
	make_user(APPRAISER, "PAR Appraiser")
	make_user(COUNCIL, "PAR Council Member")
	make_user(HEAD_ON_COUNCIL, "PAR Unit Head", "PAR Council Member", unit=UNITS[0])


class ReportTestCase(ParIndexTestCase):
	"""A report test: the users of every role exist (units A–D are made by each test's set)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_report_users()


def set_results(assessment: str, fields: dict | None = None, **values):
	"""Totals of an assessment (appraised_total, index, …) and sub-indices by field code."""
	if values:
		frappe.db.set_value("PAR Assessment", assessment, values, update_modified=False)
	for code, index in (fields or {}).items():
		frappe.db.set_value(
			"PAR Assessment Field",
			{"parent": assessment, "field_code": code},
			"index",
			index,
			update_modified=False,
		)


def set_line(assessment: str, code: str, **values):
	frappe.db.set_value(
		"PAR Assessment Line", {"parent": assessment, "code": code}, values, update_modified=False
	)


def add_bands(set_doc):
	set_doc.reload()
	for label, minimum in BANDS:
		set_doc.append("bands", {"band_label": label, "min_index": minimum})
	set_doc.save()


def approve_all(criteria_set: str) -> None:
	"""The council's approval of every assessment of the set (as the workflow would leave them)."""
	frappe.db.set_value(
		"PAR Assessment",
		{"criteria_set": criteria_set, "docstatus": 0},
		{"docstatus": 1, "workflow_state": "Approved"},
	)


def publish(criteria_set: str, decision_no: str = "15/QĐ-UBND", decision_date: str = "2032-01-20") -> str:
	approve_all(criteria_set)
	doc = frappe.get_doc(
		{
			"doctype": "PAR Ranking Publication",
			"criteria_set": criteria_set,
			"decision_no": decision_no,
			"decision_date": decision_date,
		}
	).insert()
	doc.submit()
	return doc.name


@contextmanager
def report_timer():
	"""Frappe's 15-second "slow report" timer, watched: yields the mock standing in for it."""
	with patch("frappe.core.doctype.report.report.threading.Timer") as timer:
		yield timer


def refused_before_running(test, report_name: str, filters: dict, users) -> None:
	"""Each user is refused by the report's roles before the report runs (no timer started), and the
	Report record (prepared or not) is left as it was."""
	from frappe.desk.query_report import run

	before = frappe.db.get_value("Report", report_name, ["prepared_report", "modified"])
	with report_timer() as timer:
		for user in users:
			with test.set_user(user), test.assertRaises(frappe.PermissionError):
				run(report_name, filters=filters)
			frappe.clear_messages()
	timer.assert_not_called()
	test.assertEqual(frappe.db.get_value("Report", report_name, ["prepared_report", "modified"]), before)
	with report_timer() as timer:  # the same run by a manager does start (and stop) the timer
		run(report_name, filters=filters)
	timer.assert_called_once()
	timer.return_value.cancel.assert_called_once()
