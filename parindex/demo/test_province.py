# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.demo.province import PASSWORD, USERS, create
from parindex.process import SHIPPED_STATES as STATES
from parindex.par_ranking.report.par_year_over_year import par_year_over_year
from parindex.par_ranking.ranking import latest_publication
from parindex.tests import ParIndexTestCase


class TestDemoProvince(ParIndexTestCase):
	def test_a_small_demo_province_has_a_whole_cycle(self):
		made = create(departments=9, communes=2, year=2041)
		last, current = made["Sở, ban, ngành"]
		self.assertEqual(frappe.db.get_single_value("System Settings", "language"), "vi")
		# last year: every assessment approved, surveyed and published
		states = frappe.get_all("PAR Assessment", {"criteria_set": last}, pluck="workflow_state")
		self.assertEqual(set(states), {"Approved"})
		self.assertTrue(latest_publication(last))
		self.assertGreater(frappe.db.count("PAR Survey Response", {"survey": ("like", "%")}), 0)
		# this year: the demo users' departments in Draft, the others in every workflow state
		states = dict(
			frappe.get_all("PAR Assessment", {"criteria_set": current}, ["unit", "workflow_state"], as_list=True)
		)
		self.assertEqual((states["Sở Nội vụ"], states["Sở Tư pháp"]), ("Draft", "Draft"))
		self.assertEqual(set(states.values()), set(STATES))
		# ...complete, so that their unit head can submit at once
		for unit in ("Sở Nội vụ", "Sở Tư pháp"):
			doc = frappe.get_doc("PAR Assessment", {"criteria_set": current, "unit": unit})
			empty = [
				line.code
				for line in doc.lines
				if line.rule_kind != "Survey" and not line.not_applicable and not line.self_input
			]
			self.assertEqual(empty, [], unit)
		evidence = frappe.get_all("PAR Evidence", {"parenttype": "PAR Assessment"}, pluck="file")
		self.assertTrue(evidence and all(url.startswith("/private/files/") for url in evidence))
		# the users of every role can log in with the documented password
		for email, _name, roles, _unit in USERS:
			self.assertTrue(set(roles) <= set(frappe.get_roles(email)), email)
		from frappe.utils.password import check_password

		self.assertEqual(check_password("lanhdao.noivu@demo.parindex.vn", PASSWORD), "lanhdao.noivu@demo.parindex.vn")
		# the year-over-year view has both years for a unit
		_columns, data, *_ = par_year_over_year.execute({"unit": "Sở Nội vụ"})
		self.assertEqual({row["year"] for row in data} >= {2040, 2041}, True)
		# running it again changes nothing
		count = frappe.db.count("PAR Assessment")
		create(departments=9, communes=2, year=2041)
		self.assertEqual(frappe.db.count("PAR Assessment"), count)
