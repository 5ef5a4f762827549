# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Units through mergers on a site: the merge tool, the predecessors' checks, year over year and last
year's lines in the flags following a merged commune."""

import frappe

from parindex.par_assessment import shares
from parindex.par_assessment.flags import last_year_lines, last_year_shares
from parindex.par_index.lineage import merge_units
from parindex.par_ranking.report.par_year_over_year import par_year_over_year
from parindex.par_ranking.report.testing import approve_all
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, make_unit, make_user

A, B, MERGED = "_Test Xã Hòa", "_Test Xã An", "_Test Xã Hòa An"
MANAGER, UNIT_USER = "par-lineage-manager@example.com", "par-lineage-unit@example.com"


class TestUnitsThroughMergers(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		make_user(MANAGER, "PAR Manager")
		self.before, names = active_set_with_assessments((A, B), year=2031)
		for unit, population, index in ((A, 3000, 80), (B, 1000, 60)):
			frappe.db.set_value("PAR Unit", unit, "population", population)
			frappe.db.set_value("PAR Assessment", names[unit], "index", index)
			frappe.db.set_value("PAR Assessment Field", {"parent": names[unit], "field_code": "1"}, "index", index - 10)
			line = frappe.db.get_value("PAR Assessment Line", {"parent": names[unit], "code": "1.1.2"})
			frappe.db.set_value("PAR Assessment Line", line, {"final_score": index / 40, "max_score": 2})
		shares.refresh(list(names.values()))
		approve_all(self.before.name)

	def merge(self):
		with self.set_user(MANAGER):
			return merge_units([A, B], MERGED, "2031-07-01")

	def test_the_merge_tool_forms_the_unit_and_retires_its_predecessors(self):
		self.assertEqual(self.merge(), MERGED)
		unit = frappe.get_doc("PAR Unit", MERGED)
		self.assertEqual([(p.predecessor, p.change) for p in unit.predecessors], [(A, "Merged"), (B, "Merged")])
		self.assertEqual(unit.population, 4000)
		self.assertEqual(frappe.db.get_value("PAR Unit", A, "disabled"), 1)
		# the next year's assessments go to the merged unit only
		after, names = active_set_with_assessments((MERGED,), year=2032)
		self.assertEqual(frappe.db.count("PAR Assessment", {"criteria_set": after.name}), 1)

	def test_bad_merges_are_refused_and_change_nothing(self):
		make_unit("_Test Xã Khác")
		cases = (
			([A], MERGED),  # one unit
			([A, B], ""),  # no name
			([A, B], "_Test Xã Khác"),  # an existing unit
			([A, "No such unit"], MERGED),
		)
		for units, name in cases:
			with self.set_user(MANAGER), self.assertRaises(frappe.ValidationError):
				merge_units(units, name, "2031-07-01")
		self.assertFalse(frappe.db.exists("PAR Unit", MERGED))
		self.assertEqual(frappe.db.get_value("PAR Unit", A, "disabled"), 0)
		make_user(UNIT_USER, "PAR Unit User", unit=A)
		with self.set_user(UNIT_USER), self.assertRaises(frappe.PermissionError):
			merge_units([A, B], MERGED, "2031-07-01")

	def test_a_unit_cannot_descend_from_itself(self):
		self.merge()
		doc = frappe.get_doc("PAR Unit", A)
		doc.append("predecessors", {"predecessor": MERGED, "change": "Merged", "from_date": "2033-01-01"})
		with self.assertRaises(frappe.ValidationError) as refused:
			doc.save()
		self.assertIn(MERGED, str(refused.exception))
		doc.reload()
		doc.append("predecessors", {"predecessor": A, "change": "Renamed", "from_date": "2033-01-01"})
		with self.assertRaises(frappe.ValidationError):
			doc.save()

	def test_year_over_year_follows_the_merged_unit_by_the_provinces_rule(self):
		self.merge()
		after, names = active_set_with_assessments((MERGED,), year=2032)
		frappe.db.set_value("PAR Assessment", names[MERGED], "index", 77)
		columns, data, message, _chart = par_year_over_year.execute({"unit": MERGED})[:4]
		self.assertEqual([row["year"] for row in data], [2031, 2032])
		# by population: (80 × 3000 + 60 × 1000) / 4000 = 75; field 1: (70 × 3 + 50) / 4 = 65
		self.assertEqual(data[0]["index"], 75)
		self.assertEqual(data[0]["field_1"], 65)
		self.assertIn(A, data[0]["source"])
		self.assertIsNone(data[0].get("rank"))
		self.assertIn("2031", str(data[0]["criteria_set"]) + str(data[0]["year"]))
		frappe.db.set_single_value("PAR Settings", "history_combination", "Best predecessor")
		data = par_year_over_year.execute({"unit": MERGED})[1]
		self.assertEqual(data[0]["index"], 80)

	def test_last_years_lines_in_the_flags_are_the_predecessors_combined(self):
		self.merge()
		after, _names = active_set_with_assessments((MERGED,), year=2032)
		lines = last_year_lines(after.name, [MERGED])
		# 1.1.2: A 2.0 (80 / 40), B 1.5: by population (2 × 3 + 1.5) / 4 = 1.875
		self.assertAlmostEqual(lines[MERGED]["1.1.2"].final_score, 1.875)
		# the shares the group comparison reads: 1.1.2 is 2 of 2 for A, 1.5 of 2 for B → (1 × 3 + 0.75) / 4
		self.assertAlmostEqual(last_year_shares(after.name, [MERGED])[MERGED]["1.1.2"][0], 0.9375)
		# a unit with its own last year keeps it
		self.assertEqual(last_year_lines(after.name, [A])[A]["1.1.2"].final_score, 2.0)
