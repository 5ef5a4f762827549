# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""What lifts our rank, on a site: the assessment's points, values tried without saving, and who is
ranked against whom (a unit never learns another unit's score before publication)."""

import json

import frappe

from parindex.access.testing import as_user
from parindex.par_assessment.simulation import simulate_assessment
from parindex.par_ranking.report.par_rank_simulation import par_rank_simulation
from parindex.par_ranking.report.testing import approve_all
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments
from parindex.tests.people import MANAGER, UNIT_A, UNIT_B, USER_A, USER_B, make_people

# the small set (parindex.tests.factories.small_tree): 8 appraised points + 2 survey points
VALUES = {"1.1.1": "2030-12-20", "1.1.2": "75", "1.2": "1", "2.1": "50", "2.3": "Done"}


class TestRankSimulation(ParIndexTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_people()

	def setUp(self):
		super().setUp()
		self.set_doc, self.assessments = active_set_with_assessments((UNIT_A, UNIT_B))
		for label, minimum in (("Tốt", 90), ("Khá", 80), ("Trung bình", 60)):
			self.set_doc.append("bands", {"band_label": label, "min_index": minimum})
		self.set_doc.save()
		doc = frappe.get_doc("PAR Assessment", self.assessments[UNIT_A])
		for line in doc.lines:
			line.self_input = VALUES.get(line.code)
		doc.save()
		# B's index is one nobody else has: it must never reach A before publication
		frappe.db.set_value("PAR Assessment", self.assessments[UNIT_B], {"index": 87.65, "final_total": 7.01})

	def test_an_overseer_sees_gains_ranks_and_the_next_band(self):
		with self.set_user(MANAGER):
			result = simulate_assessment(self.assessments[UNIT_A])
		# A: 1 (on time) + 1 (75 %) + 1.5 + 1.5 (50 % of 3) + 0.5 bonus = 5.5 of 10 (no survey yet): 55.00
		self.assertEqual((result["index"], result["rank"], result["band"]), (55.0, 2, ""))
		gains = [(o["code"], o["gain"], o["index"], o["rank"], o["survey"]) for o in result["opportunities"]]
		self.assertEqual(
			gains,
			[
				("2.2", 2.0, 75.0, 2, True),  # the survey's 2 points
				("2.1", 1.5, 70.0, 2, False),  # 50 % → 100 % of 3
				("1.1.2", 1.0, 65.0, 2, False),
				("1.2", 0.5, 60.0, 2, False),
				("2.3", 0.5, 60.0, 2, False),  # the bonus: Done → Excellent
			],
		)
		# Trung bình (60 %) needs 6 of 10: the largest gain alone; B (87.65) needs 8.77: 2.2 and 2.1 (9 → 90)
		self.assertEqual((result["next_band"]["label"], result["next_band"]["codes"]), ("Trung bình", ["2.2"]))
		self.assertEqual(result["next_rank"]["codes"], ["2.2", "2.1"])
		self.assertEqual((result["next_rank"]["rank"], result["next_rank"]["band"]), (1, "Tốt"))

	def test_values_tried_change_the_result_and_nothing_is_saved(self):
		name = self.assessments[UNIT_A]
		before = frappe.db.get_value("PAR Assessment", name, ["modified", "index", "line_scores"])
		with self.set_user(USER_A):
			result = simulate_assessment(name, "self", json.dumps({"2.1": "100", "1.1.2": ""}))
		self.assertEqual(result["index"], 70.0)  # 2.1 at 100 % of 3: 7 of 10
		self.assertEqual(result["tried"], ["2.1"])  # an empty value is not tried
		self.assertEqual(frappe.db.get_value("PAR Assessment", name, ["modified", "index", "line_scores"]), before)
		self.assertEqual(frappe.db.count("Version", {"docname": name, "creation": (">", before[0])}), 0)

	def test_a_bad_value_is_named_and_refused(self):
		with self.set_user(USER_A), self.assertRaises(frappe.ValidationError) as refused:
			simulate_assessment(self.assessments[UNIT_A], values={"2.1": "lots", "9.9": "1"})
		self.assertIn("2.1", str(refused.exception))
		self.assertIn("9.9", str(refused.exception))
		with self.set_user(USER_A), self.assertRaises(frappe.ValidationError):
			simulate_assessment(self.assessments[UNIT_A], source="everyone")

	def test_a_unit_sees_no_rank_and_no_other_score_before_publication(self):
		with self.set_user(USER_A):
			result = simulate_assessment(self.assessments[UNIT_A])
			report = par_rank_simulation.execute({"assessment": self.assessments[UNIT_A]})
		self.assertFalse(result["ranked"])
		self.assertIsNone(result["rank"])
		self.assertIsNone(result["next_rank"])
		self.assertTrue(all(o["rank"] is None for o in result["opportunities"]))
		self.assertEqual(result["next_band"]["label"], "Trung bình")  # the set's bands, not another unit
		self.assertNotIn("87.65", json.dumps(result))
		self.assertNotIn("rank", [c["fieldname"] for c in report[0]])
		self.assertNotIn("87.65", json.dumps(report, default=str))
		# another unit's assessment: refused
		with self.set_user(USER_B), self.assertRaises(frappe.PermissionError):
			simulate_assessment(self.assessments[UNIT_A])

	def test_after_publication_a_unit_is_ranked_against_the_published_indices(self):
		approve_all(self.set_doc.name)
		frappe.get_doc(
			{
				"doctype": "PAR Ranking Publication",
				"criteria_set": self.set_doc.name,
				"decision_no": "12/QĐ-UBND",
				"decision_date": "2032-01-15",
			}
		).insert().submit()
		with self.set_user(USER_A):
			result = simulate_assessment(self.assessments[UNIT_A])
		self.assertTrue(result["ranked"])
		self.assertEqual(result["rank"], 2)  # B published at 87.65
		self.assertEqual(result["next_rank"]["goal"], 87.65)

	def test_through_the_request_path_a_guest_and_another_unit_are_refused(self):
		method = "parindex.par_assessment.simulation.simulate_assessment"
		name = self.assessments[UNIT_A]
		for who, status in (("Guest", 403), (USER_B, 403)):
			with self.assertRaises(frappe.PermissionError) as refused:
				as_user(who, method, assessment=name)()
			self.assertEqual(refused.exception.http_status_code, status)
			self.assertNotIn("55", str(refused.exception))
		frappe.set_user("Administrator")
		# forged arguments: a value list instead of a mapping, markup as a code
		for values in ("[1, 2]", "{not json", json.dumps({"<img src=x onerror=alert(1)>": "1"})):
			with self.assertRaises(frappe.ValidationError) as refused:
				as_user(USER_A, method, assessment=name, values=values)()
			frappe.set_user("Administrator")
			self.assertNotIn("<img", str(refused.exception))
