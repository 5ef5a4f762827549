# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe

from parindex.par_ranking.ranking import latest_publication, live_ranking, published_ranking
from parindex.par_ranking.report.testing import approve_all
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments

UNITS = ("_Test Unit A", "_Test Unit B", "_Test Unit C", "_Test Unit D")


class TestPARRankingPublication(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, self.assessments = active_set_with_assessments(UNITS)
		self.set_doc.reload()
		for label, minimum in (("Tốt", 90), ("Khá", 80), ("Trung bình", 70), ("Yếu", 0)):
			self.set_doc.append("bands", {"band_label": label, "min_index": minimum})
		self.set_doc.save()
		# A 91, B and C tied at 85.5, D 69.99
		for unit, index in zip(UNITS, (91, 85.5, 85.5, 69.99), strict=True):
			frappe.db.set_value("PAR Assessment", self.assessments[unit], {"index": index, "final_total": index / 10})

	def publish(self, number="123/QĐ-UBND"):
		approve_all(self.set_doc.name)
		doc = frappe.get_doc(
			{
				"doctype": "PAR Ranking Publication",
				"criteria_set": self.set_doc.name,
				"decision_no": number,
				"decision_date": "2032-01-15",
			}
		)
		doc.insert()
		doc.submit()
		return doc

	def test_live_ranking_shares_ranks_and_classifies(self):
		rows = [(r["unit"], r["rank"], r["classification"]) for r in live_ranking(self.set_doc.name)]
		self.assertEqual(
			rows,
			[
				("_Test Unit A", 1, "Tốt"),
				("_Test Unit B", 2, "Khá"),
				("_Test Unit C", 2, "Khá"),
				("_Test Unit D", 4, "Yếu"),
			],
		)

	def test_a_publication_freezes_the_ranking_and_a_new_one_supersedes_it(self):
		first = self.publish()
		self.assertEqual([e.rank for e in first.entries], [1, 2, 2, 4])
		frappe.db.set_value("PAR Assessment", self.assessments["_Test Unit D"], "index", 95)
		self.assertEqual(live_ranking(self.set_doc.name)[0]["unit"], "_Test Unit D")
		frozen = published_ranking(first.name)
		self.assertEqual((frozen[0]["unit"], frozen[-1]["unit"], frozen[-1]["index"]), ("_Test Unit A", "_Test Unit D", 69.99))
		second = self.publish("150/QĐ-UBND")
		self.assertEqual(second.supersedes, first.name)
		self.assertEqual(second.entries[0].unit, "_Test Unit D")
		self.assertEqual(latest_publication(self.set_doc.name), second.name)
		self.assertEqual(frappe.db.get_value("PAR Ranking Publication", first.name, "docstatus"), 1)
		first.reload()
		first.entries[0].rank = 9
		self.assertRaises(frappe.ValidationError, first.save)

	def test_only_approved_assessments_are_published(self):
		doc = frappe.get_doc(
			{"doctype": "PAR Ranking Publication", "criteria_set": self.set_doc.name, "decision_no": "1/QĐ", "decision_date": "2032-01-15"}
		).insert()
		with self.assertRaises(frappe.ValidationError) as caught:
			doc.submit()
		self.assertIn("4", str(caught.exception))

	def test_entries_sent_with_the_submission_are_replaced_by_the_ranking(self):
		approve_all(self.set_doc.name)
		doc = frappe.get_doc(
			{"doctype": "PAR Ranking Publication", "criteria_set": self.set_doc.name, "decision_no": "2/QĐ", "decision_date": "2032-01-15"}
		).insert()
		doc.entries[-1].rank = 1
		doc.entries[-1].index = 99.9
		doc.submit()
		frozen = published_ranking(doc.name)
		self.assertEqual((frozen[-1]["unit"], frozen[-1]["rank"], frozen[-1]["index"]), ("_Test Unit D", 4, 69.99))
