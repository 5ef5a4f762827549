# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Survey counts kept as answers arrive equal the counts made from the answers: after every kind of
write (page, desk, edit, delete, paper), when many answers arrive at once, and after a repair."""

import json
from decimal import Decimal
import threading
import time
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from parindex.access.test_web import remove_world
from parindex.par_assessment import lines
from parindex.par_survey import answering, counts
from parindex.par_survey.paper import import_forms
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, make_survey, make_user, paper_forms
from parindex.tests.web import all_at_once, client, site_requests

UNIT_A, UNIT_B = "_Test Unit A", "_Test Unit B"
SUBMIT = "parindex.par_survey.answering.submit"


def kept(survey: str) -> dict:
	return {(u, int(q), a): int(n) for u, q, a, n in counts.read(survey)}


def counted(survey: str) -> dict:
	return {(u, int(q), a): int(n) for u, q, a, n in counts.from_answers(survey)}


TOTALS = ("self_total", "self_index", "appraised_total", "survey_total", "final_total", "total_max", "index", "scaled_total", "unappraised_lines", "line_scores")
FIELD_TOTALS = ("maximum", "self_points", "final_points", "index", "unappraised")


def totals_of(doc) -> tuple:
	return (
		{key: doc.get(key) for key in TOTALS},
		[{key: row.get(key) for key in FIELD_TOTALS} for row in doc.field_results],
	)


class TestSurveyCounts(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		self.set_doc, self.assessments = active_set_with_assessments((UNIT_A, UNIT_B))
		self.survey = make_survey(
			self.set_doc, allow_anonymous=1, anonymous_group="Người dân", anonymous_limit_per_unit=50
		)

	def assertCountsMatch(self):
		self.assertEqual(kept(self.survey.name), counted(self.survey.name))

	def response(self, unit, q1, q2, group="Người dân"):
		return frappe.get_doc(
			{
				"doctype": "PAR Survey Response",
				"survey": self.survey.name,
				"unit": unit,
				"respondent_group": group,
				"channel": "Paper",
				"answers": [{"question_no": 1, "answer": q1}, {"question_no": 2, "answer": q2}],
			}
		).insert()

	def test_every_write_keeps_the_counts(self):
		token = self.survey.create_invitations(UNIT_A, "Người dân", 1)[0].split("token=")[1]
		answering.submit(json.dumps({"1": "A", "2": "b"}), token=token)
		answering.submit(json.dumps({"1": "C", "2": "B"}), survey=self.survey.name, unit=UNIT_B)
		self.assertEqual(kept(self.survey.name), {(UNIT_A, 1, "A"): 1, (UNIT_A, 2, "B"): 1, (UNIT_B, 1, "C"): 1, (UNIT_B, 2, "B"): 1})
		typed = self.response(UNIT_A, "d", "D")
		self.assertCountsMatch()
		# staff correct a typed form: another answer, then another unit
		typed.answers[0].answer = "B"
		typed.save()
		self.assertCountsMatch()
		typed.unit = UNIT_B
		typed.save()
		self.assertCountsMatch()
		self.assertEqual(kept(self.survey.name)[(UNIT_B, 2, "D")], 1)
		self.assertNotIn((UNIT_A, 2, "D"), kept(self.survey.name))
		frappe.delete_doc("PAR Survey Response", typed.name)
		self.assertCountsMatch()
		import_forms(self.survey, paper_forms([UNIT_A, "Người dân", "A", "A"], [UNIT_B, "Cán bộ", None, None, "c"]))
		self.assertCountsMatch()
		self.assertEqual(kept(self.survey.name)[(UNIT_A, 1, "A")], 2)
		self.assertEqual(kept(self.survey.name)[(UNIT_B, 3, "C")], 1)

	def test_a_refused_answer_or_import_counts_nothing(self):
		before = kept(self.survey.name)
		with self.assertRaises(frappe.ValidationError):
			answering.submit(json.dumps({"1": "E", "2": "A"}), survey=self.survey.name, unit=UNIT_A)
		with self.assertRaises(frappe.ValidationError):
			import_forms(self.survey, paper_forms([UNIT_A, "Người dân", "A", "A"], [UNIT_A, "Người dân", "A", "Z"]))
		self.assertEqual(kept(self.survey.name), before)

	def test_rebuild_repairs_counts_and_says_how_many_were_wrong(self):
		self.response(UNIT_A, "A", "B")
		self.response(UNIT_A, "A", "C")
		self.assertEqual(self.survey.rebuild_counts(), {"rows": 3, "differing": 0})
		name = counts.row_name(self.survey.name, UNIT_A, 1, "A")
		frappe.db.set_value("PAR Survey Count", name, "answers", 9)
		frappe.db.delete("PAR Survey Count", {"name": counts.row_name(self.survey.name, UNIT_A, 2, "C")})
		self.assertEqual(self.survey.rebuild_counts(), {"rows": 3, "differing": 2})
		self.assertEqual(kept(self.survey.name)[(UNIT_A, 1, "A")], 2)
		self.assertCountsMatch()

	def test_recompute_writes_only_what_changed(self):
		import_forms(self.survey, paper_forms([UNIT_A, "Người dân", "A", "A"], [UNIT_B, "Người dân", "B", "B"]))
		self.assertEqual(self.survey.recompute(), 2)
		versions = frappe.db.count("Version", {"ref_doctype": "PAR Assessment"})
		modified = {u: frappe.db.get_value("PAR Assessment", n, "modified") for u, n in self.assessments.items()}
		self.assertEqual(self.survey.recompute(), 0)  # nothing answered since
		self.assertEqual(frappe.db.count("Version", {"ref_doctype": "PAR Assessment"}), versions)
		import_forms(self.survey, paper_forms([UNIT_B, "Người dân", "D", "D"]))
		self.assertEqual(self.survey.recompute(), 1)
		self.assertEqual(frappe.db.get_value("PAR Assessment", self.assessments[UNIT_A], "modified"), modified[UNIT_A])
		self.assertNotEqual(frappe.db.get_value("PAR Assessment", self.assessments[UNIT_B], "modified"), modified[UNIT_B])
		# B: Q1 B, D → 30 %; Q2 B, D → 30 %; 2.2 = 30 % of 2 = 0.6
		b = frappe.get_doc("PAR Assessment", self.assessments[UNIT_B])
		self.assertEqual(next(line.survey_score for line in b.lines if line.code == "2.2"), 0.6)
		self.assertEqual(b.survey_total, 0.6)
		# what the write-back stored is what a save computes from the lines, the unit's own part included
		for name in self.assessments.values():
			written = frappe.get_doc("PAR Assessment", name)
			saved = frappe.get_doc("PAR Assessment", name)
			saved.save()
			self.assertEqual(totals_of(written), totals_of(saved))

	def test_the_write_back_moves_the_totals_as_a_save_computes_them(self):
		"""The write-back reads only the survey field's lines and moves the totals by what that field
		changed: with scores in both fields, a bonus, a line not applicable, it stores what a save does."""
		values = {
			UNIT_A: {"1.1.1": "2031-01-05", "1.1.2": "85", "1.2": "1", "2.1": "80", "2.3": "Good"},
			UNIT_B: {"1.1.2": "95", "2.1": "33", "2.3": "Excellent"},
		}
		for unit, name in self.assessments.items():
			doc = frappe.get_doc("PAR Assessment", name)
			for row in doc.lines:
				row.self_input = values[unit].get(row.code, row.self_input)
				row.not_applicable = int(unit == UNIT_B and row.code == "1.2")
			doc.save()
		import_forms(self.survey, paper_forms([UNIT_A, "Người dân", "A", "B"], [UNIT_B, "Người dân", "C", "D"]))
		with patch.object(lines, "totals", wraps=lines.totals) as summed_again:
			self.assertEqual(self.survey.recompute(), 2)
		self.assertEqual(summed_again.call_count, 0)  # moved by the survey field alone
		a = frappe.get_doc("PAR Assessment", self.assessments[UNIT_A])
		# A: 0.5 (late) + 1 (85 %) + 1.5 + 2.4 (80 % of 3) + 0.75 bonus = 6.15; survey (100 + 60) / 2 = 80 % of 2 = 1.6
		self.assertEqual((a.survey_total, a.final_total, a.total_max, a.index), (1.6, 7.75, 10, 77.5))
		for name in self.assessments.values():
			written = frappe.get_doc("PAR Assessment", name)
			saved = frappe.get_doc("PAR Assessment", name)
			saved.save()
			self.assertEqual(totals_of(written), totals_of(saved))
		# an assessment whose survey field result is missing is summed again from all its lines
		b = self.assessments[UNIT_B]
		frappe.db.delete("PAR Assessment Field", {"parent": b, "field_code": "2"})
		import_forms(self.survey, paper_forms([UNIT_B, "Người dân", "A", "A"]))
		with patch.object(lines, "totals", wraps=lines.totals) as summed_again:
			self.assertEqual(self.survey.recompute(), 1)
		self.assertEqual(summed_again.call_count, 1)
		written = frappe.get_doc("PAR Assessment", b)
		saved = frappe.get_doc("PAR Assessment", b)
		saved.save()
		self.assertEqual(totals_of(written)[0], totals_of(saved)[0])
		self.assertEqual(written.field_results[0].as_dict()["final_points"], saved.field_results[0].final_points)

	def test_points_summed_by_the_database_equal_points_from_the_counts(self):
		from parindex.par_survey.aggregation import compute_points, question_criteria
		from parindex.scoring.errors import ScoringError
		from parindex.scoring.survey import check_weights, points_by_unit

		self.survey.append("answer_options", {"letter": "E", "label": "Khác", "weight": 62.5})
		self.survey.save()
		forms = [[UNIT_A, "Người dân", "A", "B"], [UNIT_A, "Người dân", "E", "C"], [UNIT_B, "Người dân", "E", "D"]]
		import_forms(self.survey, paper_forms(*forms))
		compiled = lines.compiled_set(self.survey.criteria_set)
		weights = {o.letter: o.weight for o in self.survey.answer_options}
		from_counts = points_by_unit(
			counts.read(self.survey.name), weights, question_criteria(self.survey, compiled), {"2.2": 2}
		)
		self.assertEqual(compute_points(self.survey), from_counts)
		summed = counts.sums(self.survey.name, check_weights(weights))
		by_question = {(unit, question): (n, weighted) for unit, question, n, weighted in summed}
		self.assertEqual(by_question[(UNIT_A, 1)], (2, Decimal("162.5")))  # exact: A 100 + E 62.5
		self.assertEqual(by_question[(UNIT_B, 2)], (1, 0))
		# A: Q1 (100 + 62.5) / 2 = 81.25 %, Q2 (60 + 20) / 2 = 40 % → 60.625 % of 2 = 1.21
		self.assertEqual(str(from_counts[UNIT_A]["2.2"]), "1.21")
		# an answer no longer in the scheme is named, not summed as 0
		frappe.db.delete("PAR Survey Answer Option", {"parent": self.survey.name, "letter": "E"})
		with self.assertRaises(ScoringError) as refused:
			compute_points(frappe.get_doc("PAR Survey", self.survey.name))
		self.assertIn("E", str(refused.exception))

	def test_kept_scores_in_another_order_are_found_by_their_codes(self):
		name = self.assessments[UNIT_A]
		text = frappe.db.get_value("PAR Assessment", name, "line_scores")
		shuffled = ";".join(reversed(text.split(";")))
		frappe.db.set_value("PAR Assessment", name, "line_scores", shuffled, update_modified=False)
		import_forms(self.survey, paper_forms([UNIT_A, "Người dân", "B", "C"]))
		self.assertEqual(self.survey.recompute(), 2)
		written = frappe.get_doc("PAR Assessment", name)
		saved = frappe.get_doc("PAR Assessment", name)
		saved.save()
		self.assertEqual(written.survey_total, 0.8)  # (60 + 20) / 2 = 40 % of 2
		self.assertEqual(totals_of(written)[1], totals_of(saved)[1])
		self.assertEqual(sorted(written.line_scores.split(";")), sorted(saved.line_scores.split(";")))

	def test_the_write_back_reads_the_lines_when_the_kept_scores_are_missing(self):
		import_forms(self.survey, paper_forms([UNIT_A, "Người dân", "C", "C"]))
		frappe.db.set_value("PAR Assessment", self.assessments[UNIT_A], "line_scores", None, update_modified=False)
		self.assertEqual(self.survey.recompute(), 2)
		a = frappe.get_doc("PAR Assessment", self.assessments[UNIT_A])
		self.assertEqual((a.survey_total, a.final_total), (0.4, 0.4))  # 20 % of 2
		self.assertTrue(a.line_scores)  # written again
		saved = frappe.get_doc("PAR Assessment", a.name)
		saved.save()
		self.assertEqual(totals_of(a), totals_of(saved))

	def test_units_cannot_read_the_counts(self):
		self.response(UNIT_A, "A", "B")
		user = make_user("par-count-unit@example.com", "PAR Unit User", unit=UNIT_A)
		with self.set_user(user):
			self.assertFalse(frappe.has_permission("PAR Survey Count", "read"))
			with self.assertRaises(frappe.PermissionError):
				frappe.get_list("PAR Survey Count", fields=["unit", "answers"])
			with self.assertRaises(frappe.PermissionError):
				self.survey.rebuild_counts()
		# nobody writes a count by hand, managers included: they read it, and rebuild it from the answers
		manager = make_user("par-count-manager@example.com", "PAR Manager")
		self.assertTrue(frappe.has_permission("PAR Survey Count", "read", user=manager))
		for ptype in ("create", "write", "delete"):
			self.assertFalse(frappe.has_permission("PAR Survey Count", ptype, user=manager), ptype)


class TestSurveyCountsConcurrently(FrappeTestCase):
	"""Answers given at the same moment, over HTTP, each in its own transaction, as a server runs them."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.set_doc, _names = active_set_with_assessments((UNIT_A, UNIT_B), year=2046)
		cls.survey = make_survey(
			cls.set_doc, allow_anonymous=1, anonymous_group="Người dân", anonymous_limit_per_unit=100
		).name
		frappe.db.commit()  # nosemgrep: the requests see committed data only

	@classmethod
	def tearDownClass(cls):
		remove_world(cls.survey, cls.set_doc.name)
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	def test_concurrent_answers_are_each_counted_once(self):
		frappe.cache.delete_keys("parindex:limit:")

		def answer(n):
			letters = "ABCD"
			data = {
				"answers": json.dumps({"1": letters[n % 4], "2": letters[(n // 4) % 4]}),
				"survey": self.survey,
				"unit": (UNIT_A, UNIT_B)[n % 2],
			}
			environ = {"REMOTE_ADDR": f"10.79.0.{n}"}
			return lambda: client().post(f"/api/method/{SUBMIT}", data=data, environ_base=environ).status_code

		with site_requests():
			codes = all_at_once([answer(n) for n in range(16)])
		frappe.db.rollback()  # see what the requests committed
		self.assertEqual(codes, [200] * 16)
		self.assertEqual(frappe.db.count("PAR Survey Response", {"survey": self.survey}), 16)
		self.assertEqual(kept(self.survey), counted(self.survey))
		self.assertEqual(sum(kept(self.survey).values()), 32)
		self.assertEqual(counts.rebuild(self.survey)["differing"], 0)

	def test_an_answer_on_its_way_when_the_survey_closes_is_refused(self):
		# this test's transaction closes the survey and holds it; the answer, sent meanwhile, finds it
		# open, waits for the survey, then reads it closed
		frappe.db.set_value("PAR Survey", self.survey, "status", "Closed")
		box = {}
		data = {"answers": json.dumps({"1": "A", "2": "A"}), "survey": self.survey, "unit": UNIT_A}

		def send():
			answer = client().post(f"/api/method/{SUBMIT}", data=data, environ_base={"REMOTE_ADDR": "10.79.1.1"})
			box["answer"] = (answer.status_code, answer.get_data(as_text=True))

		frappe.cache.delete_keys("parindex:limit:")
		try:
			with site_requests():
				thread = threading.Thread(target=send)
				thread.start()
				time.sleep(1.5)
				self.assertNotIn("answer", box)  # waiting for the survey
				frappe.db.commit()  # nosemgrep: the survey closes now
				thread.join()
			code, body = box["answer"]
			self.assertEqual(code, 417, body[:300])
			self.assertEqual(json.loads(body)["exc_type"], "SurveyRefused")
			self.assertIn("không nhận trả lời", json.loads(json.loads(json.loads(body)["_server_messages"])[0])["message"])
			frappe.db.rollback()
			self.assertEqual(frappe.db.count("PAR Survey Response", {"survey": self.survey, "unit": UNIT_A, "channel": "Anonymous", "answered_on": (">", frappe.utils.add_to_date(None, minutes=-1))}), 0)
		finally:
			frappe.db.set_value("PAR Survey", self.survey, "status", "Open")
			frappe.db.commit()  # nosemgrep
