# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Hostile calls of the whitelisted methods, of Frappe's list queries and of File: forged arguments,
the wrong role, SQL where a field name goes, someone else's file. Each refused with a clear 4xx and
nothing written."""

import json

import frappe

from parindex.access.hostile import APPRAISER, HTML, MANAGER, UNIT_A, UNIT_B, UNIT_USER, HostileCase
from parindex.access.testing import as_user, call
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import (
	active_set_with_assessments,
	attach_evidence,
	make_criteria_set,
	make_survey,
	make_unit,
	make_user,
)

class TestHostileMethods(HostileCase):
	def test_tree_add_node(self):
		set_doc = make_criteria_set(year=2038)
		add = "parindex.par_index.doctype.par_criterion.par_criterion.add_node"
		self.refused(as_user(MANAGER, add, doctype="PAR Criterion"))  # no is_root, nothing else
		self.refused(as_user(UNIT_USER, add, doctype="PAR Criterion", code="1"), status=403)
		self.refused(as_user(MANAGER, add, doctype="User", email="x@example.com", is_root=1))
		self.refused(as_user(MANAGER, add, doctype="PAR Criterion", parent="nope", code="9.1"))
		self.refused(as_user(MANAGER, add, parent=HTML, code=HTML), payload=HTML)
		self.refused(as_user(MANAGER, add, is_root=1, criteria_set=set_doc.name, code="1", title=HTML, max_score="x"))

	def test_creating_assessments(self):
		draft = make_criteria_set(year=2039)
		create = "parindex.par_assessment.creation.create_assessments"
		self.refused(as_user(UNIT_USER, create, criteria_set=draft.name), status=403)
		self.refused(as_user(MANAGER, create, criteria_set=draft.name))  # not active
		self.refused(as_user(MANAGER, create, criteria_set="No such set"), status=404)

	def test_survey_methods(self):
		set_doc, _names = active_set_with_assessments((UNIT_A,), year=2040)
		survey = make_survey(set_doc)
		run = "run_doc_method"

		def method(user, name, **args):
			return as_user(user, run, dt="PAR Survey", dn=survey.name, method=name, args=json.dumps(args))

		for count in (-5, 0, "abc", 10**9, "1; drop table x", [3]):
			self.refused(method(MANAGER, "create_invitations", unit=UNIT_A, respondent_group="Người dân", count=count))
		outside = make_unit("_Test Other Group Unit", group="_Test Other Group")
		self.refused(method(MANAGER, "create_invitations", unit=outside, respondent_group="Người dân", count=1))
		self.refused(method(MANAGER, "create_invitations", unit=UNIT_A, respondent_group=HTML, count=1), payload=HTML)
		self.refused(method(APPRAISER, "create_invitations", unit=UNIT_A, respondent_group="Người dân", count=1))
		self.refused(method(UNIT_USER, "recompute"))
		self.refused(method(UNIT_USER, "get_progress"))

	def test_copying_a_set_to_a_new_year(self):
		source = make_criteria_set(year=2041)
		for year in ("abc", 0, -1, 99999, "2042; x"):
			self.refused(
				as_user(
					MANAGER,
					"run_doc_method",
					dt="PAR Criteria Set",
					dn=source.name,
					method="copy_to_new_year",
					args=json.dumps({"year": year}),
				)
			)
		self.refused(
			as_user(
				UNIT_USER,
				"run_doc_method",
				dt="PAR Criteria Set",
				dn=source.name,
				method="copy_to_new_year",
				args=json.dumps({"year": 2050}),
			),
			status=403,
		)

	def test_documents_that_do_not_exist(self):
		for method, kwargs in (
			("parindex.par_assessment.history.get_score_history", {"assessment": "PA-nope"}),
			("parindex.par_assessment.assessment_io.export_assessment", {"assessment": HTML}),
			("parindex.par_index.criteria_io.export_criteria", {"criteria_set": "nope"}),
			("parindex.par_survey.paper.download_paper_template", {"survey": "nope"}),
		):
			self.refused(as_user(MANAGER, method, **kwargs), payload=HTML)

	def test_dashboard_filters(self):
		for filters in ('{"year": "abc"}', '{"year": [1, 2]}', "{{{"):
			self.refused(as_user(UNIT_USER, "parindex.par_ranking.dashboard.approved_assessments", filters=filters))


class TestOverriddenFunctions(HostileCase):
	def test_they_answer_only_through_their_overrides(self):
		from parindex.access.endpoints import unlist_originals

		unlist_originals()
		self.assertNotIn(frappe.client.get_count, frappe.whitelisted)
		self.assertNotIn(frappe.client.get, frappe.whitelisted)
		frappe.set_user(UNIT_USER)
		# a search's "query" calls a whitelisted function by name, without the override: refused
		found = call("frappe.desk.search.search_widget", doctype="PAR Assessment", txt="", query="frappe.client.get_count")
		frappe.set_user("Administrator")
		self.assertEqual(found, [])
		type(self).cases += 1


class TestHostileListQueries(HostileCase):
	"""SQL where Frappe's list query expects a field, a filter or a sort."""

	def setUp(self):
		super().setUp()
		_set_doc, self.names = active_set_with_assessments((UNIT_A, UNIT_B), year=2042)

	def ask(self, cmd, **kwargs):
		return as_user(UNIT_USER, cmd, **kwargs)

	def test_sub_queries_in_fields(self):
		sub = "(select group_concat(unit, `index`) from `tabPAR Assessment`) as x"
		for doctype in ("PAR Criteria Set", "PAR Unit", "PAR Assessment"):
			for fields in ([f"`name`, {sub}"], [f"name, {sub}"], [sub], ["name", f"`tab{doctype}`.name, {sub}"]):
				for cmd in ("frappe.client.get_list", "frappe.desk.reportview.get"):
					self.refused(self.ask(cmd, doctype=doctype, fields=json.dumps(fields)), status=403)

	def test_filters_stepping_out_of_the_permission_condition(self):
		for field in ("ifnull(1,1)=1 || `tabPAR Assessment`.`name`", "name` || 1=1 || `tabPAR Assessment`.`name", "name` xor 1=1 xor `tabPAR Assessment`.`name"):
			for filters in ([[field, "=", "z"]], [["PAR Assessment", field, "=", "z"]], {field: "z"}):
				self.refused(
					self.ask("frappe.client.get_list", doctype="PAR Assessment", filters=json.dumps(filters)),
					status=403,
				)
		self.refused(self.ask("frappe.client.get_list", doctype="PAR Assessment", filters='["1=1"]'), status=403)
		self.refused(
			self.ask("frappe.client.get_list", doctype="PAR Assessment", filters='[["name", "= 1 or 1 =", "x"]]'),
			status=403,
		)

	def test_sorts_groups_and_counts(self):
		for order_by in ("name; drop table x", "(select 1)", "name desc, (select sleep(1))"):
			self.refused(self.ask("frappe.desk.reportview.get", doctype="PAR Assessment", fields='["name"]', order_by=order_by))
		self.refused(self.ask("frappe.desk.reportview.get", doctype="PAR Assessment", fields='["name"]', group_by="unit, (select 1)"))
		self.refused(
			self.ask("frappe.desk.listview.get_group_by_count", doctype="PAR Assessment", current_filters="[]", field="(select 1)")
		)
		self.refused(
			self.ask("frappe.desk.form.utils.get_next", doctype="PAR Assessment", value=self.names[UNIT_B], prev=0, sort_field="index")
		)
		self.refused(self.ask("frappe.desk.reportview.get", doctype="PAR Assessment", fields='["name"]', debug=1))
		self.refused(self.ask("frappe.desk.query_report.run", report_name="PAR Ranking", user="Administrator"))
		self.refused(
			self.ask(
				"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",
				doctype="PAR Assessment",
				workflow_state_field="index",
				states="[]",
			)
		)
		chart = {"chart_type": "Sum", "type": "Heatmap", "document_type": "PAR Assessment", "based_on": "modified", "value_based_on": "index"}
		self.refused(self.ask("frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart=json.dumps(chart)))

	def test_the_flags_are_not_read_by_filtering_or_sorting_on_them(self):
		line_args = {"doctype": "PAR Assessment Line", "parent_doctype": "PAR Assessment"}
		asks = [
			("frappe.client.get_list", {**line_args, "filters": json.dumps({"flag_codes": ["like", "%outlier%"]})}),
			("frappe.client.get_list", {**line_args, "filters": json.dumps([["flag_reasons", "is", "set"]])}),
			("frappe.desk.reportview.get", {**line_args, "fields": '["name"]', "order_by": "flag_codes desc"}),
			("frappe.desk.reportview.get", {**line_args, "fields": '["count(flag_reasons) as n"]'}),
			(
				"frappe.client.get_list",
				{"doctype": "PAR Assessment", "filters": json.dumps([["PAR Assessment", "flagged_lines", ">", 0]])},
			),
			("frappe.desk.listview.get_group_by_count", {"doctype": "PAR Assessment", "current_filters": "[]", "field": "override_reason"}),
		]
		for cmd, kwargs in asks:
			self.refused(self.ask(cmd, **kwargs), status=403)
		# an appraiser reads them, and so may sort by them
		as_user(APPRAISER, "frappe.desk.reportview.get", **line_args, fields='["name"]', order_by="flag_codes desc")()
		frappe.set_user("Administrator")

	def test_counts_of_other_units_say_nothing(self):
		for filters in ({"unit": UNIT_B}, {"unit": UNIT_B, "index": [">=", 0]}, [["PAR Assessment", "unit", "=", UNIT_B]]):
			count = self.ask("frappe.client.get_count", doctype="PAR Assessment", filters=json.dumps(filters))
			self.assertEqual(count(), 0)
		frappe.set_user("Administrator")
		type(self).cases += 3


class TestHostileFiles(HostileCase):
	"""Borrowing another unit's evidence through File records and evidence rows."""

	def setUp(self):
		super().setUp()
		_set_doc, self.names = active_set_with_assessments((UNIT_A, UNIT_B), year=2043)
		self.theirs = attach_evidence(self.names[UNIT_B], "1.1.1")
		self.mine = self.names[UNIT_A]

	def insert_file(self, **values):
		def run():
			frappe.set_user(UNIT_USER)
			return frappe.get_doc({"doctype": "File", "is_private": 1, **values}).insert()

		return run

	def test_a_file_record_pointing_at_another_units_evidence(self):
		self.refused(self.insert_file(file_url=self.theirs), status=403)
		self.refused(self.insert_file(file_url=self.theirs, attached_to_doctype="PAR Assessment", attached_to_name=self.mine), status=403)
		self.refused(as_user(UNIT_USER, "frappe.client.insert", doc=json.dumps({"doctype": "File", "file_url": self.theirs, "is_private": 1})), status=403)

	def test_attaching_to_another_units_assessment_or_in_public(self):
		content = b"%PDF-1.4 mine"
		self.refused(
			self.insert_file(file_name="x.pdf", content=content, attached_to_doctype="PAR Assessment", attached_to_name=self.names[UNIT_B]),
			status=403,
		)
		self.refused(
			self.insert_file(file_name="x.pdf", content=content, is_private=0, attached_to_doctype="PAR Assessment", attached_to_name=self.mine)
		)

	def test_taking_over_another_units_file(self):
		theirs = frappe.db.get_value("File", {"file_url": self.theirs}, "name")

		def steal():
			frappe.set_user(UNIT_USER)
			doc = frappe.get_doc("File", theirs)
			doc.attached_to_name = self.mine
			doc.save()

		self.refused(steal, status=403)

	def test_an_evidence_row_pointing_at_another_units_file(self):
		def point():
			frappe.set_user(UNIT_USER)
			doc = frappe.get_doc("PAR Assessment", self.mine)
			doc.append("evidence", {"criterion_code": "1.1.1", "file": self.theirs})
			doc.save()

		self.refused(point)

	def test_removing_evidence_in_use(self):
		url = attach_evidence(self.mine, "1.1.1")
		doc = frappe.get_doc("PAR Assessment", self.mine)
		doc.append("evidence", {"criterion_code": "1.1.1", "file": url})
		doc.save()
		name = frappe.db.get_value("File", {"file_url": url, "attached_to_name": self.mine}, "name")

		def remove():
			frappe.set_user(UNIT_USER)
			frappe.delete_doc("File", name)

		self.refused(remove)

	def test_carrying_another_units_assessment_into_ones_own_unit(self):
		def carry():
			frappe.set_user(UNIT_USER)
			doc = frappe.get_doc(frappe.get_doc("PAR Assessment", self.names[UNIT_B]).as_dict())
			doc.unit = UNIT_A
			doc.save()

		frappe.set_user("Administrator")
		self.refused(carry, status=403)
		self.assertEqual(frappe.db.get_value("PAR Assessment", self.names[UNIT_B], "unit"), UNIT_B)


class TestDeskRequestsPass(ParIndexTestCase):
	"""What Frappe's own desk sends to its list queries passes the request guard unchanged."""

	def check(self, **form):
		from parindex.access.arguments import check_request

		frappe.set_user(UNIT_USER)
		frappe.local.form_dict = frappe._dict(form)
		try:
			check_request()
		finally:
			frappe.local.form_dict = frappe._dict()
			frappe.set_user("Administrator")

	def setUp(self):
		super().setUp()
		make_unit(UNIT_A)
		make_user(UNIT_USER, "PAR Unit User", unit=UNIT_A)

	def test_list_report_and_sidebar_requests(self):
		self.check(
			doctype="PAR Assessment",
			fields=json.dumps(
				[
					"`tabPAR Assessment`.`name`",
					"`tabPAR Assessment`.`owner`",
					"`tabPAR Assessment`.`_assign`",
					"`tabPAR Assessment Line`.`code`",
					"unit.unit_group as unit_unit_group",
					"count(*) as count",
					"count(distinct `tabPAR Assessment`.`name`) as total_count",
					"name as value",
				]
			),
			filters=json.dumps(
				[
					["PAR Assessment", "workflow_state", "in", ["Draft", "Submitted"]],
					["PAR Assessment", "year", "=", 2025, False],
					["PAR Assessment", "modified", "timespan", "this week"],
					["PAR Assessment", "unit", "descendants of (inclusive)", "x"],
					["PAR Assessment", "index", "between", [1, 2]],
					["PAR Assessment", "_assign", "like", "%a@b.c%"],
				]
			),
			or_filters=json.dumps({"unit": ["like", "%Sở%"], "year": 2025}),
			order_by="`tabPAR Assessment`.`modified` desc",
			group_by="`tabPAR Assessment`.`workflow_state`",
			sort_order="desc",
			aggregate_function="count",
		)
		self.check(doctype="PAR Ranking Publication", fields='["criteria_set.title as criteria_set_title"]')
		self.check(doctype="PAR Assessment", current_filters="[]", field="assigned_to")
		self.check(doctype="PAR Unit", fieldname='["unit_group", "is_group"]', filters="Xã An Bình")
		self.check(doctype="PAR Assessment", order_by="modified desc, name asc", sort_by="modified")

	def test_a_restricted_documents_columns_are_not_fetched_through_a_link(self):
		from parindex.access.arguments import Refused

		with self.assertRaises(Refused):
			self.check(doctype="PAR Ranking Entry", fields='["assessment.self_total as x"]')
		with self.assertRaises(Refused):
			self.check(doctype="PAR Ranking Entry", fields='["nolink.x"]')
		self.check(doctype="PAR Ranking Entry", fields='["assessment.unit as x"]')  # its title


class TestFrappeRecordsAboutAssessments(HostileCase):
	def setUp(self):
		super().setUp()
		_set_doc, self.names = active_set_with_assessments((UNIT_A, UNIT_B), year=2045)
		make_user("par-hostile-unit-b@example.com", "PAR Unit User", unit=UNIT_B)
		frappe.cache.delete_value("user_permissions")

	def test_following_another_units_assessment(self):
		def follow():
			frappe.set_user(UNIT_USER)
			frappe.get_doc(
				{"doctype": "Document Follow", "ref_doctype": "PAR Assessment", "ref_docname": self.names[UNIT_B], "user": UNIT_USER}
			).insert(ignore_permissions=True)

		self.refused(follow, status=403)

	def test_reading_someone_elses_notification(self):
		log = frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": "par-hostile-unit-b@example.com",
				"subject": "PA of B is now Appraised",
				"document_type": "PAR Assessment",
				"document_name": self.names[UNIT_B],
			}
		).insert(ignore_permissions=True)
		self.refused(as_user(UNIT_USER, "frappe.client.get", doctype="Notification Log", name=log.name), status=403)
