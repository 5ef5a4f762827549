# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from parindex.tests import ParIndexTestCase

from parindex.tests.factories import make_unit_group


def make_unit(name, parent=None, group=None, is_group=0):
	return frappe.get_doc(
		{
			"doctype": "PAR Unit",
			"unit_name": name,
			"parent_par_unit": parent,
			"unit_group": group,
			"is_group": is_group,
		}
	).insert()


class TestPARUnit(ParIndexTestCase):
	def test_units_form_a_tree_in_groups(self):
		group = make_unit_group()
		province = make_unit("_Test Province", is_group=1)
		unit = make_unit("_Test Department of Justice", province.name, group)
		province.reload()
		self.assertTrue(province.lft < unit.lft < unit.rgt < province.rgt)
		self.assertIn(unit.name, frappe.db.get_descendants("PAR Unit", province.name))

	def test_a_scored_unit_needs_a_group(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			make_unit("_Test Unit without group")
		self.assertIn("_Test Unit without group", str(caught.exception))

	def test_parent_must_be_a_group(self):
		group = make_unit_group()
		leaf = make_unit("_Test Leaf unit", group=group)
		self.assertRaises(frappe.ValidationError, make_unit, "_Test Child of leaf", leaf.name, group)
