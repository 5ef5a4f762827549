# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Long work in the background (parindex.jobs): large work is queued, the job reports its progress to
the desk, and ends with a message; a job that fails leaves nothing half-written and says why.

The jobs run as the worker runs them: in a thread with its own site connection, committing their own
transaction; the test's data is committed beforehand and removed afterwards. What the desk receives is
read from Redis, where Frappe publishes its realtime events."""

import json
import threading
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.background_jobs import get_redis_connection_without_auth

from parindex import jobs
from parindex.access.test_web import remove_world
from parindex.tests.factories import active_set_with_assessments, make_survey, make_user, paper_forms

UNIT_A, UNIT_B = "_Test Unit A", "_Test Unit B"
MANAGER = "par-jobs-manager@example.com"
UNIT_USER = "par-jobs-unit@example.com"


def as_worker(method: str, title: str, doctype, docname, kwargs: dict) -> list[dict]:
	"""Run the job as the worker would, and return the realtime events it published."""
	site, user = frappe.local.site, frappe.session.user
	listener = get_redis_connection_without_auth().pubsub()
	listener.subscribe("events")
	listener.get_message(timeout=1)  # the subscription's confirmation

	def work():
		frappe.init(site=site)
		frappe.connect()
		try:
			jobs.run(method, title, doctype, docname, user, kwargs)
		finally:
			frappe.destroy()

	thread = threading.Thread(target=work)
	thread.start()
	thread.join()
	events = []
	while message := listener.get_message(timeout=0.5):
		if message["type"] == "message":
			events.append(json.loads(message["data"]))
	listener.close()
	frappe.db.rollback()  # see what the job committed
	return events


class TestJobs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(MANAGER, "PAR Manager")
		cls.set_doc, cls.names = active_set_with_assessments((UNIT_A, UNIT_B), year=2047)
		cls.survey = make_survey(cls.set_doc).name
		cls.threshold = frappe.db.get_single_value("PAR Settings", "background_above_units")
		frappe.db.commit()  # nosemgrep: the jobs see committed data only

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.set_single_value("PAR Settings", "background_above_units", cls.threshold)
		remove_world(cls.survey, cls.set_doc.name)
		for user in (MANAGER, UNIT_USER):
			frappe.db.delete("Notification Log", {"for_user": user})
			frappe.db.delete("User Permission", {"user": user})
			if frappe.db.exists("User", user):
				frappe.delete_doc("User", user, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	def setUp(self):
		frappe.set_user(MANAGER)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_large_work_is_queued_and_small_work_is_done_at_once(self):
		from parindex.settings import forget

		survey = frappe.get_doc("PAR Survey", self.survey)
		self.assertIsInstance(survey.recompute(), int)  # two assessments: done in the request
		frappe.db.set_single_value("PAR Settings", "background_above_units", 1)
		forget()
		try:
			queued = survey.recompute()
			self.assertEqual(queued, {"queued": True, "title": "Writing the survey points"})
		finally:
			frappe.db.rollback()  # nothing is queued: the job would go after the commit
			forget()

	def test_a_job_reports_progress_and_says_when_it_is_done(self):
		frappe.set_user("Administrator")
		from parindex.par_survey.counts import record_bulk

		record_bulk(
			self.survey,
			[{"name": "job-r-1", "survey": self.survey, "unit": UNIT_A, "respondent_group": "Người dân", "channel": "Paper", "docstatus": 0}],
			[
				{"name": f"job-a-{n}", "parent": "job-r-1", "parenttype": "PAR Survey Response", "parentfield": "answers", "idx": n, "question_no": n, "answer": "A"}
				for n in (1, 2)
			],
		)
		frappe.db.commit()  # nosemgrep
		frappe.set_user(MANAGER)
		events = as_worker(
			"parindex.par_survey.aggregation.write_points", "Writing the survey points", "PAR Survey", self.survey, {"survey": self.survey}
		)
		progress = [e for e in events if e["event"] == "progress"]
		percents = [e["message"]["percent"] for e in progress]
		self.assertEqual(percents, sorted(percents), percents)
		self.assertEqual((percents[0], percents[-1]), (0, 100))
		self.assertTrue(all(e["room"].endswith(f"doc:PAR Survey/{self.survey}") for e in progress), progress[0]["room"])
		done = [e for e in events if e["event"] == "msgprint"]
		self.assertEqual(len(done), 1, events)
		self.assertEqual(done[0]["message"]["indicator"], "green")
		self.assertIn("2 assessments", done[0]["message"]["message"])
		self.assertTrue(done[0]["room"].endswith(f"user:{MANAGER}"))
		line = frappe.db.get_value("PAR Assessment Line", {"parent": self.names[UNIT_A], "code": "2.2"}, "survey_score")
		self.assertEqual(line, 2)
		bell = frappe.get_all("Notification Log", {"for_user": MANAGER}, pluck="subject", order_by="creation desc")
		self.assertIn("2 assessments", bell[0])

	def test_a_failing_job_leaves_nothing_half_written_and_says_why(self):
		survey = frappe.get_doc("PAR Survey", self.survey)
		frappe.set_user("Administrator")
		files = []
		for name, content in (
			("bad.xlsx", paper_forms([UNIT_A, "Người dân", "A", "Z"])),
			("good.xlsx", paper_forms([UNIT_A, "Người dân", "A", "A"], [UNIT_B, "Người dân", "B", "B"])),
		):
			saved = frappe.get_doc(
				{"doctype": "File", "file_name": name, "content": content, "is_private": 1, "attached_to_doctype": "PAR Survey", "attached_to_name": survey.name}
			).insert()
			files.append(saved.file_url)
		frappe.db.commit()  # nosemgrep
		frappe.set_user(MANAGER)
		before = frappe.db.count("PAR Survey Response", {"survey": self.survey})
		# a refused workbook: the refusal's own words
		events = as_worker("parindex.par_survey.paper.import_job", "Importing paper forms", "PAR Survey", self.survey, {"survey": self.survey, "file_url": files[0]})
		failed = next(e for e in events if e["event"] == "msgprint")["message"]
		self.assertEqual(failed["indicator"], "red")
		self.assertIn("nothing was changed", failed["message"])
		self.assertIn("Row 2", failed["message"])
		self.assertEqual(frappe.db.count("PAR Survey Response", {"survey": self.survey}), before)
		# a fault after the responses were written: they go too
		with patch("parindex.par_survey.counts.add", side_effect=RuntimeError("disk full")):
			events = as_worker("parindex.par_survey.paper.import_job", "Importing paper forms", "PAR Survey", self.survey, {"survey": self.survey, "file_url": files[1]})
		failed = next(e for e in events if e["event"] == "msgprint")["message"]
		self.assertEqual(failed["indicator"], "red")
		self.assertIn("disk full", failed["message"])
		self.assertEqual(frappe.db.count("PAR Survey Response", {"survey": self.survey}), before)
		self.assertEqual(frappe.db.count("PAR Survey Response Answer", {"parent": ("not in", frappe.get_all("PAR Survey Response", pluck="name") or [""])}), 0)
		bell = frappe.get_all("Notification Log", {"for_user": MANAGER}, pluck="subject", order_by="creation desc")
		self.assertIn("failed", bell[0])
		# and the same workbook imports when nothing fails
		as_worker("parindex.par_survey.paper.import_job", "Importing paper forms", "PAR Survey", self.survey, {"survey": self.survey, "file_url": files[1]})
		self.assertEqual(frappe.db.count("PAR Survey Response", {"survey": self.survey}), before + 2)

	def test_a_unit_user_cannot_start_or_read_a_large_annex_of_live_scores(self):
		from parindex.par_ranking.report.par_ranking import par_ranking
		from parindex.settings import forget

		frappe.set_user("Administrator")
		unit_user = make_user(UNIT_USER, "PAR Unit User", unit=UNIT_A)
		frappe.db.commit()  # nosemgrep
		frappe.db.set_single_value("PAR Settings", "background_above_units", 1)
		forget()
		try:
			# a unit sees no live ranking: nothing to prepare, and the download it gets holds no unit
			frappe.set_user(unit_user)
			self.assertEqual(par_ranking.request_annex(self.set_doc.name), {"download": True})
			frappe.set_user(MANAGER)
			self.assertTrue(par_ranking.request_annex(self.set_doc.name)["queued"])
		finally:
			frappe.db.rollback()
			frappe.set_user("Administrator")
			frappe.db.set_single_value("PAR Settings", "background_above_units", self.threshold)
			frappe.db.commit()  # nosemgrep
			forget()
		# the annex prepared for a manager is a private file of the manager's
		frappe.set_user(MANAGER)
		as_worker("parindex.par_ranking.report.par_ranking.par_ranking.annex_job", "Preparing the ranking annex", None, None, {"criteria_set": self.set_doc.name})
		url = frappe.get_all("Notification Log", {"for_user": MANAGER}, pluck="subject", order_by="creation desc")[0]
		file_url = url.split('href="')[1].split('"')[0]
		saved = frappe.get_doc("File", {"file_url": file_url})
		self.assertTrue(saved.is_private)
		self.assertTrue(frappe.has_permission("File", "read", saved, user=MANAGER))
		self.assertFalse(frappe.has_permission("File", "read", saved, user=unit_user))
		frappe.set_user("Administrator")
		saved.delete()
		frappe.db.commit()  # nosemgrep
