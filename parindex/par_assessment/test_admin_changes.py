# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""What an admin changes in the desk stays changed through updates, and the app follows it: a
workflow edited, renamed states and an added review step run through the whole cycle, fields added
with Customize Form, the numbers of PAR Settings."""

import copy
import io

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.permissions import add_permission, update_permission_property
from openpyxl import load_workbook

from parindex.par_assessment import digest
from parindex.par_assessment.assessment_io import apply_workbook
from parindex.par_assessment.history import get_score_history
from parindex.par_assessment.stages import stage_of
from parindex.par_ranking import dashboard
from parindex.process import Stage
from parindex.setup import workflow as shipped_workflow
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, attach_evidence, make_unit, make_user

UNIT_A = "_Test Unit A"
ADMIN = "par-admin@example.com"
USER_A, HEAD_A = "par-unit-a@example.com", "par-head-a@example.com"
APPRAISER, OUTSIDER = "par-appraiser-1@example.com", "par-appraiser-outside@example.com"
REVIEWER, COUNCIL = "par-reviewer@example.com", "par-council@example.com"
VALUES = {"1.1.1": "2031-01-05", "1.1.2": "85", "1.2": "1", "2.1": "80", "2.3": "Good"}


def line(doc, code):
	return next(row for row in doc.lines if row.code == code)


def as_admin():
	"""Changes made the way the desk makes them: a System Manager saving documents."""
	frappe.set_user(ADMIN)


def what_migrate_runs() -> None:
	"""For this app, what `bench migrate` does to records: import its fixtures, run its patches and
	its after_migrate hook. (Syncing the DocTypes from their files commits, so a test leaves it out:
	it never touches workflows.)"""
	from frappe.utils.fixtures import sync_fixtures

	from parindex.patches import evidence_files_private, workflow_made_once
	from parindex.setup.install import after_migrate

	frappe.set_user("Administrator")
	sync_fixtures("parindex")
	workflow_made_once.execute()
	evidence_files_private.execute()
	after_migrate()


class AdminCase(ParIndexTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_unit(UNIT_A)
		make_user(ADMIN, "System Manager")
		make_user(USER_A, "PAR Unit User", unit=UNIT_A)
		make_user(HEAD_A, "PAR Unit User", "PAR Unit Head", unit=UNIT_A)
		make_user(APPRAISER, "PAR Appraiser")
		make_user(OUTSIDER, "PAR Appraiser")
		make_user(COUNCIL, "PAR Council Member")

	def setUp(self):
		super().setUp()
		self.set_doc, names = active_set_with_assessments((UNIT_A,), appraisers={"1": APPRAISER, "2": APPRAISER})
		self.name = names[UNIT_A]

	def tearDown(self):
		super().tearDown()
		frappe.clear_cache()  # the workflow and the permissions as cached before the test

	def get(self):
		return frappe.get_doc("PAR Assessment", self.name)

	def act(self, user, action):
		frappe.set_user(user)
		try:
			apply_workflow(self.get(), action)
		finally:
			frappe.set_user("Administrator")
		return self.get()

	def save_as(self, user, **values_by_code):
		frappe.set_user(user)
		try:
			doc = self.get()
			for code, values in values_by_code.items():
				line(doc, code.replace("_", ".")).update(values)
			doc.save(ignore_version=False)  # tests skip versions unless asked; a real save keeps them
		finally:
			frappe.set_user("Administrator")
		return self.get()


class TestWorkflowChangesSurvive(AdminCase):
	def test_an_edited_workflow_is_intact_after_migrate(self):
		as_admin()
		flow = frappe.get_doc("Workflow", "PAR Assessment")
		next(s for s in flow.states if s.state == "Draft").allow_edit = "PAR Unit Head"
		flow.append("transitions", {"state": "Submitted", "action": "Withdraw", "next_state": "Draft", "allowed": "PAR Manager"})
		flow.save()
		before = shipped_workflow.signature(flow)
		what_migrate_runs()
		after = frappe.get_doc("Workflow", "PAR Assessment")
		self.assertEqual(shipped_workflow.signature(after), before)
		self.assertEqual(next(s for s in after.states if s.state == "Draft").allow_edit, "PAR Unit Head")

	def test_an_improved_workflow_reaches_only_sites_that_kept_the_shipped_one(self):
		shipped = shipped_workflow.shipped("workflow")[0]
		improved = copy.deepcopy(shipped)
		improved["transitions"].append(
			{"state": "Appraised", "action": "Withdraw", "next_state": "Submitted", "allowed": "PAR Manager"}
		)
		self.assertTrue(shipped_workflow.upgrade(shipped, improved, "test"))
		self.assertEqual(len(frappe.get_doc("Workflow", "PAR Assessment").transitions), len(improved["transitions"]))
		as_admin()  # now the admin changes it; a second improvement leaves it alone and says so
		flow = frappe.get_doc("Workflow", "PAR Assessment")
		flow.transitions = [t for t in flow.transitions if t.action != "Withdraw"]
		flow.save()
		frappe.set_user("Administrator")
		self.assertFalse(shipped_workflow.upgrade(improved, shipped, "test"))
		comment = frappe.get_last_doc("Comment", {"reference_doctype": "Workflow", "reference_name": "PAR Assessment"})
		self.assertIn("was changed on this site", comment.content)

	def test_a_site_installed_before_stages_keeps_its_workflow_and_data(self):
		"""As on a site installed from the previous version: no stages, one state renamed by its admin."""
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "Dự thảo"}).insert()
		flow = frappe.get_doc("Workflow", "PAR Assessment")
		for row in flow.states:
			row.par_stage = None
			if row.state == "Draft":
				row.state = "Dự thảo"
		for row in flow.transitions:
			row.state = "Dự thảo" if row.state == "Draft" else row.state
			row.next_state = "Dự thảo" if row.next_state == "Draft" else row.next_state
		flow.save()
		before, assessments = shipped_workflow.signature(flow), frappe.db.count("PAR Assessment")
		what_migrate_runs()
		flow = frappe.get_doc("Workflow", "PAR Assessment")
		self.assertEqual(shipped_workflow.signature(flow), before)
		self.assertEqual(frappe.db.count("PAR Assessment"), assessments)
		stages = {row.state: row.par_stage for row in flow.states}
		self.assertEqual(stages["Under Appraisal"], "Appraisal")
		self.assertFalse(stages["Dự thảo"])  # not the app's to guess: the admin is told
		comment = frappe.get_last_doc("Comment", {"reference_doctype": "Workflow", "reference_name": flow.name})
		self.assertIn("Dự thảo", comment.content)


class TestRenamedStatesAndAReviewStep(AdminCase):
	"""Two states renamed, a review by the Department's leader added before the council."""

	def setUp(self):
		super().setUp()
		make_user(REVIEWER, "PAR Appraiser")  # gets the new role below
		as_admin()
		for state in ("Đang thẩm định", "Thẩm định xong", "Lãnh đạo Sở đã duyệt"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": "Trình Hội đồng"}).insert()
		frappe.get_doc({"doctype": "Role", "role_name": "PAR Reviewer", "desk_access": 1}).insert()
		frappe.get_doc("User", REVIEWER).remove_roles("PAR Appraiser")
		frappe.get_doc("User", REVIEWER).add_roles("PAR Reviewer")
		add_permission("PAR Assessment", "PAR Reviewer", 0)
		for ptype in ("write", "report"):
			update_permission_property("PAR Assessment", "PAR Reviewer", 0, ptype, 1)
		settings = frappe.get_single("PAR Settings")
		settings.append("overseer_roles", {"role": "PAR Reviewer"})
		settings.save()
		renamed = {"Under Appraisal": "Đang thẩm định", "Appraised": "Thẩm định xong"}
		flow = frappe.get_doc("Workflow", "PAR Assessment")
		for row in flow.states:
			row.state = renamed.get(row.state, row.state)
		flow.append(
			"states",
			{"state": "Lãnh đạo Sở đã duyệt", "doc_status": "0", "allow_edit": "PAR Manager", "par_stage": "Appraised"},
		)
		for row in flow.transitions:
			row.state, row.next_state = renamed.get(row.state, row.state), renamed.get(row.next_state, row.next_state)
			if row.action == "Approve":
				row.state = "Lãnh đạo Sở đã duyệt"
			if row.action == "Return to Appraisal":
				row.state = "Lãnh đạo Sở đã duyệt"
		flow.append(
			"transitions",
			{"state": "Thẩm định xong", "action": "Trình Hội đồng", "next_state": "Lãnh đạo Sở đã duyệt", "allowed": "PAR Reviewer"},
		)
		flow.save()
		frappe.set_user("Administrator")

	def test_the_whole_cycle_runs_through_the_changed_workflow(self):
		self.assertEqual(stage_of("Đang thẩm định"), Stage.APPRAISAL)  # kept its stage under a new name
		with self.assertRaises(frappe.ValidationError):  # submission checks: nothing reported yet
			self.act(HEAD_A, "Submit for Appraisal")
		frappe.clear_messages()
		url = attach_evidence(self.name, "1.1.1")
		frappe.set_user(USER_A)
		doc = self.get()
		for code, value in VALUES.items():
			line(doc, code).self_input = value
		doc.append("evidence", {"criterion_code": "1.1.1", "file": url})
		doc.save()
		frappe.set_user("Administrator")
		self.act(HEAD_A, "Submit for Appraisal")
		with self.assertRaises(frappe.ValidationError):  # not assigned in the criteria set
			self.act(OUTSIDER, "Start Appraisal")
		frappe.clear_messages()
		self.assertEqual(self.act(APPRAISER, "Start Appraisal").workflow_state, "Đang thẩm định")
		waiting = digest.compute(frappe.utils.today()).get(APPRAISER, [])
		self.assertIn(self.name, [item.assessment for item in waiting])  # the renamed state is reminded
		card = dashboard.awaiting_appraisal({"year": self.set_doc.year})
		self.assertIn("Đang thẩm định", card["route_options"]["workflow_state"][1])
		self.save_as(APPRAISER, **{"1_1_2": {"explanation_requested": 1, "appraiser_remark": "9 of 10 tasks"}})
		self.act(APPRAISER, "Request Explanation")
		with self.assertRaises(frappe.ValidationError):  # explaining, the unit changes no score
			self.save_as(USER_A, **{"2_1": {"self_input": "99"}})
		frappe.clear_messages()
		with self.assertRaises(frappe.ValidationError):  # no explanation given yet
			self.act(HEAD_A, "Send Explanation")
		frappe.clear_messages()
		self.save_as(USER_A, **{"1_1_2": {"explanation": "Report 45/BC attached"}})
		self.act(HEAD_A, "Send Explanation")
		with self.assertRaises(frappe.ValidationError):  # fields not signed off yet, whatever the states' names
			self.act(APPRAISER, "Finish Appraisal")
		frappe.clear_messages()
		from parindex.par_assessment.appraisal import sign_off

		frappe.set_user(APPRAISER)
		for field in ("1", "2"):
			sign_off(self.name, field)
		frappe.set_user("Administrator")
		self.assertEqual(self.act(APPRAISER, "Finish Appraisal").workflow_state, "Thẩm định xong")
		with self.assertRaises(WorkflowTransitionError):  # the council waits for the review
			self.act(COUNCIL, "Approve")
		frappe.clear_messages()
		frappe.set_user(REVIEWER)
		self.assertTrue(frappe.has_permission("PAR Assessment", "read", doc=self.name))  # an overseer now
		frappe.set_user("Administrator")
		doc = self.act(REVIEWER, "Trình Hội đồng")
		self.assertEqual((doc.workflow_state, stage_of(doc.workflow_state)), ("Lãnh đạo Sở đã duyệt", Stage.APPRAISED))
		from parindex.par_ranking.report.par_progress.par_progress import execute

		progress = execute({"criteria_set": self.set_doc.name})[1]
		self.assertEqual([(r["workflow_state"], r["appraised"]) for r in progress], [("Lãnh đạo Sở đã duyệt", 1)])
		doc = self.act(COUNCIL, "Approve")
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Approved", 1))


class TestFieldsAddedWithCustomizeForm(AdminCase):
	"""A field on the unit's side (permission level 1) and one on the appraisers' side (level 2)."""

	FIELDS = (
		{"fieldname": "unit_contact", "label": "Unit contact", "fieldtype": "Data", "permlevel": 1, "insert_after": "self_note"},
		{"fieldname": "checked_on_site", "label": "Checked on site", "fieldtype": "Check", "permlevel": 2, "insert_after": "appraiser_remark"},
	)

	@classmethod
	def setUpClass(cls):
		from frappe.custom.doctype.custom_field.custom_field import create_custom_field

		# a change of the table's columns commits (as Customize Form does): before any test data
		for field in cls.FIELDS:
			create_custom_field("PAR Assessment Line", field)
		frappe.db.commit()  # nosemgrep
		super().setUpClass()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()  # the tests' data first, then the columns (which commits)
		for field in cls.FIELDS:
			frappe.delete_doc("Custom Field", f"PAR Assessment Line-{field['fieldname']}", force=True)
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	def test_editable_by_the_right_role_in_the_right_state(self):
		self.save_as(USER_A, **{"1_1_2": {"unit_contact": "Ms Lan, 0912 000 111"}})
		self.assertEqual(line(self.get(), "1.1.2").unit_contact, "Ms Lan, 0912 000 111")
		self.save_as(USER_A, **{"1_1_2": {"checked_on_site": 1}})  # the appraisers' field, at level 2:
		self.assertEqual(line(self.get(), "1.1.2").checked_on_site, 0)  # Frappe keeps it as it was
		frappe.db.set_value("PAR Assessment", self.name, "workflow_state", "Under Appraisal")
		with self.assertRaises(frappe.ValidationError):  # under appraisal the unit's data is closed
			self.save_as(USER_A, **{"1_1_2": {"unit_contact": "someone else"}})
		frappe.clear_messages()
		self.save_as(APPRAISER, **{"1_1_2": {"checked_on_site": 1}})
		frappe.db.set_value("PAR Criteria Set", self.set_doc.name, "modified", frappe.utils.now())
		with self.assertRaises(frappe.ValidationError):  # an appraiser of field 1 only
			frappe.db.delete("PAR Appraiser Assignment", {"parent": self.set_doc.name, "field": ("like", "%-2")})
			self.save_as(APPRAISER, **{"2_1": {"checked_on_site": 1}})
		frappe.clear_messages()

	def test_in_the_score_history(self):
		self.save_as(USER_A, **{"1_1_2": {"unit_contact": "Ms Lan"}})
		frappe.set_user(USER_A)
		changes = [(c["code"], c["field"], c["new"]) for c in get_score_history(self.name)]
		self.assertIn(("1.1.2", "Unit contact", "Ms Lan"), changes)

	def test_in_the_workbook_there_and_back(self):
		from parindex.par_assessment.assessment_io import export_assessment

		self.save_as(USER_A, **{"1_1_2": {"unit_contact": "Ms Lan"}})
		frappe.set_user(USER_A)
		export_assessment(self.name)
		book = load_workbook(io.BytesIO(frappe.response["filecontent"]))
		sheet = book.active
		header = [c.value for c in sheet[2]]
		self.assertIn("Unit contact", header)
		column = header.index("Unit contact") + 1
		row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == "1.1.2")
		self.assertEqual(sheet.cell(row, column).value, "Ms Lan")
		sheet.cell(row, column).value = "Mr Hùng"
		checked = header.index("Checked on site") + 1
		sheet.cell(row, checked).value = "x"  # the appraisers' column: not the unit's to write
		buffer = io.BytesIO()
		book.save(buffer)
		apply_workbook(self.get(), buffer.getvalue())
		frappe.set_user("Administrator")
		self.assertEqual((line(self.get(), "1.1.2").unit_contact, line(self.get(), "1.1.2").checked_on_site), ("Mr Hùng", 0))


class TestSettingsTakeEffect(AdminCase):
	def set(self, **values):
		settings = frappe.get_single("PAR Settings")
		settings.update(values)
		settings.save()

	def test_reminder_days(self):
		deadline = frappe.utils.getdate("2031-10-31")
		frappe.db.set_value("PAR Assessment", self.name, "self_assessment_deadline", deadline)
		self.set(unit_reminder_days_before=5, unit_reminder_days_after=2, appraiser_reminders=0)

		def reminded(days):
			waiting = digest.compute(frappe.utils.add_days(deadline, days))
			return sum(1 for item in waiting.get(USER_A, []) if item.assessment == self.name)

		self.assertEqual(
			{days: reminded(days) for days in (-5, -3, 0, 1, 2, 4)}, {-5: 1, -3: 0, 0: 1, 1: 0, 2: 1, 4: 1}
		)

	def test_problems_listed_when_a_workbook_is_refused(self):
		from parindex.par_index.criteria import throw_problems
		from parindex.scoring.errors import Problem

		self.set(problems_listed=3)
		with self.assertRaises(frappe.ValidationError):
			throw_problems([Problem("Row {0}", (n,)) for n in range(10)])
		listed = frappe.local.message_log[-1]
		listed = frappe.parse_json(listed["message"]) if isinstance(listed["message"], str) else listed["message"]
		self.assertEqual(len(listed), 4)
		self.assertIn("7", listed[-1])
		frappe.clear_messages()

	def test_who_sees_every_unit(self):
		make_unit("_Test Unit B")
		other = active_set_with_assessments(("_Test Unit B",), year=2032)[1]["_Test Unit B"]
		self.assertTrue(frappe.has_permission("PAR Assessment", "read", doc=other, user=APPRAISER))
		settings = frappe.get_single("PAR Settings")
		settings.overseer_roles = [r for r in settings.overseer_roles if r.role != "PAR Appraiser"]
		settings.save()
		self.assertFalse(frappe.has_permission("PAR Assessment", "read", doc=other, user=APPRAISER))


class TestShippedSettings(ParIndexTestCase):
	def test_install_ships_whatever_part_is_missing(self):
		"""Frappe may store a Single's defaults when it creates the DocType, before the app's install."""
		from parindex.settings import SHIPPED_OVERSEERS, ship_settings

		frappe.db.delete("PAR Overseer Role", {"parent": "PAR Settings"})
		frappe.db.delete("PAR Classification Band", {"parent": "PAR Settings"})
		ship_settings()
		settings = frappe.get_single("PAR Settings")
		self.assertEqual({r.role for r in settings.overseer_roles}, set(SHIPPED_OVERSEERS))
		self.assertEqual([b.band_label for b in settings.default_bands], ["Tốt", "Khá", "Trung bình", "Yếu"])
