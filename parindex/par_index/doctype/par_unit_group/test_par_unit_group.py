# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from parindex.tests import ParIndexTestCase


class TestPARUnitGroup(ParIndexTestCase):
	def test_group_names_are_unique(self):
		frappe.get_doc({"doctype": "PAR Unit Group", "group_name": "_Test Communes"}).insert()
		self.assertRaises(
			frappe.DuplicateEntryError,
			frappe.get_doc({"doctype": "PAR Unit Group", "group_name": "_Test Communes"}).insert,
		)
