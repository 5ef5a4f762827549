# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Who reads what, on every path: users of every role × every DocType (child tables and File
included) × the ways Frappe hands out a document × before and after publication.

Each case says allowed or refused from the rule the app promises (``may_read``) and fails on any leak,
and on any refusal of what a user may read."""

import json

import frappe
import frappe.api.v1
import frappe.api.v2
from frappe.core.doctype.file.utils import find_file_by_url

from parindex.access.testing import UNIT_A, UNIT_B, USERS, call, email, make_world, may_read
from parindex.tests import ParIndexTestCase

CHILDREN = {
	"PAR Assessment Line": "PAR Assessment",
	"PAR Assessment Field": "PAR Assessment",
	"PAR Evidence": "PAR Assessment",
	"PAR Ranking Entry": "PAR Ranking Publication",
	"PAR Ranking Field Entry": "PAR Ranking Publication",
	"PAR Survey Response Answer": "PAR Survey Response",
}
REFUSALS = (frappe.PermissionError, frappe.DoesNotExistError)


def paths(doctype: str, name: str, world: dict) -> dict:
	"""Each way of asking for one document → a function returning what came back."""
	parent = CHILDREN.get(doctype)
	by_name = json.dumps({"name": name})
	ways = {
		"GET /api/resource/<doctype>/<name>": lambda: frappe.api.v1.read_doc(doctype, name).as_dict(),
		"GET /api/v2/document/<doctype>/<name>": lambda: frappe.api.v2.read_doc(doctype, name).as_dict(),
		"frappe.client.get": lambda: call("frappe.client.get", doctype=doctype, name=name, parent=parent),
		"frappe.client.get (filters)": lambda: call(
			"frappe.client.get", doctype=doctype, filters=by_name, parent=parent
		),
		"frappe.client.get_list": lambda: call(
			"frappe.client.get_list", doctype=doctype, filters=by_name, fields='["name"]', parent=parent
		),
		"frappe.client.get_count": lambda: call(
			"frappe.client.get_count", doctype=doctype, filters=by_name, parent=parent
		),
		"frappe.client.get_value": lambda: call(
			"frappe.client.get_value", doctype=doctype, fieldname="name", filters=by_name, parent=parent
		),
		"frappe.desk.reportview.get": lambda: call(
			"frappe.desk.reportview.get",
			doctype=doctype,
			fields=json.dumps([f"`tab{doctype}`.`name`"]),
			filters=json.dumps([[doctype, "name", "=", name]]),
			parent_doctype=parent,
		),
		"frappe.desk.reportview.get_count": lambda: call(
			"frappe.desk.reportview.get_count",
			doctype=doctype,
			filters=json.dumps([[doctype, "name", "=", name]]),
			parent_doctype=parent,
		),
		"frappe.desk.search.search_widget (ignore_user_permissions)": lambda: call(
			"frappe.desk.search.search_widget",
			doctype=doctype,
			txt=name,
			ignore_user_permissions=1,
			reference_doctype=parent,
			filter_fields='["name"]',
		),
	}
	if not parent:
		ways["frappe.desk.form.load.getdoc"] = lambda: (
			call("frappe.desk.form.load.getdoc", doctype=doctype, name=name) or frappe.response.get("docs")
		)
	if doctype == "PAR Assessment":
		ways["frappe.desk.reportview.export_query"] = lambda: call(
			"frappe.desk.reportview.export_query",
			doctype=doctype,
			file_format_type="CSV",
			fields=json.dumps([f"`tab{doctype}`.`name`"]),
			filters=json.dumps([[doctype, "name", "=", name]]),
		)
	if doctype == "File":
		url = frappe.db.get_value("File", name, "file_url")
		folder = frappe.db.get_value("File", name, "folder")
		ways["private file download"] = lambda: find_file_by_url(url)
		ways["frappe.core.api.file.get_files_in_folder"] = lambda: call(
			"frappe.core.api.file.get_files_in_folder", folder=folder, page_length=500
		)
		ways["frappe.core.api.file.get_files_by_search_text"] = lambda: call(
			"frappe.core.api.file.get_files_by_search_text", text=name
		)
	return ways


def got(result, name: str) -> bool:
	if isinstance(result, int) and not isinstance(result, bool):
		return result > 0
	if isinstance(result, bytes):
		result = result.decode()
	return name in json.dumps(result, default=str)


class TestWhoReadsWhat(ParIndexTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = make_world()

	def tearDown(self):
		frappe.response.pop("docs", None)
		super().tearDown()

	def ask(self, user, doctype, name, path, ask) -> bool | str:
		frappe.set_user(email(user))
		frappe.response.pop("docs", None)
		try:
			return got(ask(), name)
		except REFUSALS:
			frappe.clear_messages()
			return False
		except Exception as error:  # a server error is never an answer
			return f"server error {type(error).__name__}: {error}"
		finally:
			frappe.set_user("Administrator")

	def test_every_role_every_doctype_every_path(self):
		cases, wrong = 0, []
		doctypes = set(frappe.get_all("DocType", pluck="name"))
		for key, name in self.world.items():
			if not isinstance(key, tuple) or key[0] not in doctypes:
				continue
			doctype, whose = key
			for path, ask in paths(doctype, name, self.world).items():
				for user in USERS:
					expected = may_read(user, doctype, whose)
					outcome = self.ask(user, doctype, name, path, ask)
					cases += 1
					if outcome is not expected:
						wrong.append(f"{user} · {doctype} of {whose} · {path}: expected {expected}, got {outcome}")
		print(f"\nAccess matrix: {cases} cases")
		self.assertGreaterEqual(cases, 150)
		self.assertEqual(wrong, [])


class TestReportsBeforeAndAfterPublication(ParIndexTestCase):
	"""The reports a unit's user runs: their own unit until the ranking is published, then all."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = make_world()

	def units_in(self, user, report, **filters):
		from frappe.desk.query_report import run

		frappe.set_user(email(user))
		try:
			result = run(report, filters=filters)
		except frappe.PermissionError:
			frappe.clear_messages()
			return None
		finally:
			frappe.set_user("Administrator")
		return {row.get("unit") for row in result["result"] if isinstance(row, dict) and row.get("unit")}

	def test_ranking_field_breakdown_and_progress(self):
		current, published = self.world["current set"], self.world["published set"]
		both = {UNIT_A, UNIT_B}
		for report in ("PAR Ranking", "PAR Field Breakdown", "PAR Progress"):
			for user in USERS:
				mine = {u for u in (USERS[user][2],) if u}
				overseer = user in ("appraiser", "council", "manager")
				expected_now = both if overseer else mine
				expected_published = both if overseer or report != "PAR Progress" else mine
				self.assertEqual(self.units_in(user, report, criteria_set=current), expected_now, (report, user))
				self.assertEqual(
					self.units_in(user, report, criteria_set=published), expected_published, (report, user)
				)

	def test_unpublished_rank_is_not_shown_to_a_unit(self):
		from frappe.desk.query_report import run

		frappe.set_user(email("unit_a"))
		result = run("PAR Ranking", filters={"criteria_set": self.world["current set"]})
		self.assertEqual([row["rank"] for row in result["result"]], [None])

	def test_overseer_reports_refuse_units_before_running(self):
		for report, filters in (
			("PAR Appraisal Gap", {"criteria_set": self.world["current set"]}),
			("PAR Survey Summary", {"survey": self.world["survey"]}),
		):
			for user in ("unit_a", "head_a", "unit_b", "no_unit"):
				self.assertIsNone(self.units_in(user, report, **filters), (report, user))
			self.assertTrue(self.units_in("appraiser", report, **filters) is not None)

	def test_a_unit_asks_for_another_units_years(self):
		from frappe.desk.query_report import run

		frappe.set_user(email("unit_a"))
		result = run("PAR Year over Year", filters={"unit": UNIT_B})
		self.assertEqual(result["result"], [])
		result = run("PAR Year over Year", filters={"unit": UNIT_A})
		self.assertEqual(len(result["result"]), 2)

	def test_annex_workbook_before_publication_holds_only_the_own_unit(self):
		from openpyxl import load_workbook
		import io

		frappe.set_user(email("unit_a"))
		content = call("parindex.par_ranking.report.par_ranking.par_ranking.export_annex", criteria_set=self.world["current set"])
		cells = {c for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True) for c in row}
		self.assertIn(UNIT_A, cells)
		self.assertNotIn(UNIT_B, cells)

	def test_app_methods_on_another_units_assessment_are_refused(self):
		other = self.world[("PAR Assessment", "B")]
		frappe.set_user(email("unit_a"))
		for method, kwargs in (
			("parindex.par_assessment.history.get_score_history", {"assessment": other}),
			("parindex.par_assessment.assessment_io.export_assessment", {"assessment": other}),
			("parindex.par_assessment.assessment_io.import_assessment", {"assessment": other, "file_url": "/x"}),
		):
			with self.assertRaises(frappe.PermissionError, msg=method):
				call(method, **kwargs)
			frappe.clear_messages()
