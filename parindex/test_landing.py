# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Where each role lands, what the desk offers it, and what waits for it."""

import frappe

from parindex import landing
from parindex.par_ranking import dashboard
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, make_unit, make_user

UNIT_A = "_Test Unit A"
USERS = {
	"unit": ("par-land-unit@example.com", ("PAR Unit User",), UNIT_A),
	"head": ("par-land-head@example.com", ("PAR Unit User", "PAR Unit Head"), UNIT_A),
	"appraiser": ("par-land-appraiser@example.com", ("PAR Appraiser",), None),
	"council": ("par-land-council@example.com", ("PAR Council Member",), None),
	"manager": ("par-land-manager@example.com", ("PAR Manager",), None),
	"admin": ("par-land-admin@example.com", ("PAR Manager", "System Manager"), None),
}


class TestLanding(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		make_unit(UNIT_A)
		for email, roles, unit in USERS.values():
			make_user(email, *roles, unit=unit)
		frappe.cache.delete_value("user_permissions")

	def boot_as(self, key):
		from frappe.boot import get_bootinfo

		frappe.set_user(USERS[key][0])
		try:
			frappe.cache.delete_value("bootinfo")
			return get_bootinfo()
		finally:
			frappe.set_user("Administrator")

	def test_par_roles_land_on_the_workspace_and_see_only_the_apps(self):
		for key in ("unit", "head", "appraiser", "council", "manager"):
			boot = self.boot_as(key)
			self.assertEqual(boot.user.default_workspace["name"], landing.WORKSPACE, key)
			modules = {page.get("module") for page in boot.allowed_workspaces}
			self.assertTrue(modules and modules <= set(landing.MODULES), (key, modules))
			frappe.set_user(USERS[key][0])
			sidebar = landing.get_workspace_sidebar_items()["pages"]
			frappe.set_user("Administrator")
			self.assertEqual(
				{p.get("name") for p in sidebar}, {p.get("name") for p in boot.allowed_workspaces}
			)

	def test_a_system_manager_keeps_frappes_workspaces(self):
		boot = self.boot_as("admin")
		modules = {page.get("module") for page in boot.allowed_workspaces}
		self.assertTrue(modules - set(landing.MODULES), modules)

	def test_what_waits_for_each_role(self):
		email = {key: value[0] for key, value in USERS.items()}
		set_doc, names = active_set_with_assessments(
			(UNIT_A,), year=2031, appraisers={"1": email["appraiser"]}
		)
		name = names[UNIT_A]

		def waiting(key):
			frappe.set_user(email[key])
			try:
				return dashboard.waiting_for_me({"year": 2031})["value"]
			finally:
				frappe.set_user("Administrator")

		self.assertEqual([waiting(k) for k in ("head", "appraiser", "council")], [1, 0, 0])  # to submit
		frappe.db.set_value("PAR Assessment", name, "workflow_state", "Submitted")
		self.assertEqual(
			[waiting(k) for k in ("head", "appraiser", "council")], [1, 1, 0]
		)  # withdraw / appraise
		frappe.db.set_value("PAR Assessment", name, "workflow_state", "Appraised")
		self.assertEqual([waiting(k) for k in ("head", "appraiser", "council")], [0, 0, 1])  # to approve
		frappe.set_user(email["unit"])
		mine = dashboard.my_assessments({"year": 2031})
		frappe.set_user("Administrator")
		self.assertEqual((mine["value"], mine["route"]), (1, ["Form", "PAR Assessment", name]))


class TestUserGuide(ParIndexTestCase):
	"""The guide the workspace links to: /huong-dan, a chapter per role, its pictures served."""

	def page(self, chapter=None):
		from frappe.website.serve import get_response

		frappe.set_user("Guest")
		try:
			frappe.local.form_dict = frappe._dict(chuong=chapter) if chapter else frappe._dict()
			response = get_response("huong-dan")
			return response.status_code, response.get_data(as_text=True)
		finally:
			frappe.set_user("Administrator")
			frappe.local.form_dict = frappe._dict()

	def test_each_roles_chapter_is_served_with_its_pictures(self):
		import os

		from parindex.www.huong_dan import CHAPTERS

		status, index = self.page()
		self.assertEqual(status, 200)
		for slug, _label in CHAPTERS:
			self.assertIn(f"/huong-dan?chuong={slug}", index)
			status, html = self.page(slug)
			self.assertEqual(status, 200, slug)
			pictures = [p for p in html.split('src="')[1:] if p.startswith("/assets/parindex/guide/")]
			self.assertTrue(pictures, slug)
			for picture in pictures:
				path = picture.split('"')[0].replace("/assets/parindex/guide/", "")
				on_disk = os.path.join(frappe.get_app_path("parindex"), "..", "docs", "guide", path)
				self.assertTrue(os.path.exists(on_disk), path)
		# an unknown chapter gives the index, not an error or another file
		status, html = self.page("../../site_config")
		self.assertEqual(status, 200)
		self.assertNotIn("db_password", html)
