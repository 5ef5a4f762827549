# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""Over the web path, where it matters: the client's address and the API path of the rate limits,
answers arriving at once, two editors saving at once, private file downloads, and what an error
response carries. Requests go through Frappe's WSGI application, each in a thread of its own with its
own database connection, so this test commits its data and removes it at the end."""

import json

import frappe
from frappe.installer import update_site_config
from frappe.utils.password import update_password

from parindex.settings import setting
from parindex.setup.install import production_posture
from parindex.tests.factories import active_set_with_assessments, attach_evidence, make_survey, make_unit, make_user
from parindex.tests.web import all_at_once, client, in_thread, signed_in, site_requests
from frappe.tests.utils import FrappeTestCase

UNIT_A, UNIT_B = "_Test Web Unit A", "_Test Web Unit B"
PASSWORD = "Web-test-2031!"
USERS = {
	"unit_a": ("par-web-unit-a@example.com", ("PAR Unit User",), UNIT_A),
	"head_a": ("par-web-head-a@example.com", ("PAR Unit User", "PAR Unit Head"), UNIT_A),
	"unit_b": ("par-web-unit-b@example.com", ("PAR Unit User",), UNIT_B),
}
SUBMIT = "parindex.par_survey.answering.submit"
#: the per-address limit of answers this test sets in PAR Settings (the shipped one is 30)
SUBMITS_PER_HOUR = 7


def remove_world(survey: str | None, criteria_set: str | None) -> None:
	frappe.set_user("Administrator")
	if survey:
		responses = frappe.get_all("PAR Survey Response", {"survey": survey}, pluck="name")
		frappe.db.delete("PAR Survey Response Answer", {"parent": ("in", responses or [""])})
		frappe.db.delete("PAR Survey Response", {"survey": survey})
		frappe.db.delete("PAR Survey Invitation", {"survey": survey})
		frappe.delete_doc("PAR Survey", survey, force=True, ignore_permissions=True)
	if criteria_set:
		for name in frappe.get_all("PAR Assessment", {"criteria_set": criteria_set}, pluck="name"):
			frappe.delete_doc("PAR Assessment", name, force=True, ignore_permissions=True)
		frappe.db.delete("PAR Criterion", {"criteria_set": criteria_set})
		frappe.delete_doc("PAR Criteria Set", criteria_set, force=True, ignore_permissions=True)
	for address, _roles, _unit in USERS.values():
		frappe.db.delete("User Permission", {"user": address})
		if frappe.db.exists("User", address):
			frappe.delete_doc("User", address, force=True, ignore_permissions=True)
	for unit in (UNIT_A, UNIT_B):
		if frappe.db.exists("PAR Unit", unit):
			frappe.delete_doc("PAR Unit", unit, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: the web requests of this test see committed data only


class TestOverHttp(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_world(None, None)
		cls.traceback_setting = frappe.db.get_single_value("System Settings", "allow_error_traceback")
		for address, roles, unit in USERS.values():
			make_unit(unit)
			make_user(address, *roles, unit=unit)
			update_password(address, PASSWORD)
		cls.set_doc, cls.names = active_set_with_assessments((UNIT_A, UNIT_B), year=2044)
		cls.evidence = attach_evidence(cls.names[UNIT_B], "1.1.1")
		cls.survey = make_survey(
			cls.set_doc, allow_anonymous=1, anonymous_group="Người dân", anonymous_limit_per_unit=3
		).name
		production_posture()
		cls.answers_setting = setting("survey_answers_per_hour")
		frappe.db.set_single_value("PAR Settings", "survey_answers_per_hour", SUBMITS_PER_HOUR)
		frappe.db.commit()  # nosemgrep: the web requests of this test see committed data only

	@classmethod
	def tearDownClass(cls):
		remove_world(cls.survey, cls.set_doc.name if cls.set_doc else None)
		frappe.db.set_single_value("System Settings", "allow_error_traceback", cls.traceback_setting)
		frappe.db.set_single_value("PAR Settings", "survey_answers_per_hour", cls.answers_setting)
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	def setUp(self):
		frappe.cache.delete_keys("parindex:limit:")

	def post(self, path, data, address="10.77.0.1", headers=None, browser=None):
		browser = browser or client()
		with site_requests():
			return in_thread(
				browser.post, path, data=data, headers=headers or {}, environ_base={"REMOTE_ADDR": address}
			)

	def honeypot(self, **kwargs):
		return self.post(f"/api/method/{SUBMIT}", {"answers": "{}", "website": "robot"}, **kwargs)

	def test_the_rate_limit_does_not_trust_a_client_sent_forwarded_for(self):
		for n in range(SUBMITS_PER_HOUR):
			self.assertEqual(self.honeypot(headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code, 200)
		response = self.honeypot(headers={"X-Forwarded-For": "203.0.113.99"})
		self.assertEqual(response.status_code, 429, response.get_data(as_text=True)[:300])
		self.assertEqual(self.honeypot(address="10.77.0.2").status_code, 200)  # another client

	def test_one_bucket_whatever_the_api_path(self):
		for n in range(SUBMITS_PER_HOUR):
			path = f"/api/method/{SUBMIT}" if n % 2 else f"/api/v2/method/{SUBMIT}"
			self.assertEqual(self.post(path, {"answers": "{}", "website": "robot"}).status_code, 200)
		for path in (f"/api/method/{SUBMIT}", f"/api/v2/method/{SUBMIT}", f"/api/v1/method/{SUBMIT}"):
			self.assertEqual(self.post(path, {"answers": "{}", "website": "robot"}).status_code, 429, path)

	def test_behind_a_trusted_proxy_the_forwarded_address_counts(self):
		update_site_config("parindex_trusted_proxies", ["10.77.0.9"])
		try:
			for n in range(SUBMITS_PER_HOUR):
				self.honeypot(address="10.77.0.9", headers={"X-Forwarded-For": "192.0.2.1"})
			self.assertEqual(self.honeypot(address="10.77.0.9", headers={"X-Forwarded-For": "192.0.2.1"}).status_code, 429)
			# a client prepending an address of its own: the proxy's entry (the right-most) counts
			spoofed = {"X-Forwarded-For": "192.0.2.77, 192.0.2.1"}
			self.assertEqual(self.honeypot(address="10.77.0.9", headers=spoofed).status_code, 429)
			self.assertEqual(self.honeypot(address="10.77.0.9", headers={"X-Forwarded-For": "192.0.2.2"}).status_code, 200)
		finally:
			update_site_config("parindex_trusted_proxies", None)

	def test_the_anonymous_limit_holds_when_answers_arrive_at_once(self):
		answers = json.dumps({"1": "A", "2": "B"})
		data = {"answers": answers, "survey": self.survey, "unit": UNIT_A}

		def answer(n):
			path, environ = f"/api/method/{SUBMIT}", {"REMOTE_ADDR": f"10.78.0.{n}"}
			return lambda: client().post(path, data=data, environ_base=environ).status_code

		with site_requests():
			codes = all_at_once([answer(n) for n in range(6)])
		frappe.db.rollback()  # see what the requests committed
		stored = frappe.db.count("PAR Survey Response", {"survey": self.survey, "unit": UNIT_A})
		self.assertEqual(stored, 3, codes)
		self.assertEqual(sorted(codes), [200, 200, 200, 417, 417, 417])

	def test_an_oversized_or_hostile_answer_comes_back_small_and_escaped(self):
		html = "<img src=x onerror=alert(1)>"
		for answers in ({"1": "Z" * 1_000_000, "2": "A"}, {"1": html, "2": "A"}, {"²": "A"}, {"1" * 5000: "A"}):
			data = {"answers": json.dumps(answers), "survey": self.survey, "unit": UNIT_A}
			response = self.post(f"/api/method/{SUBMIT}", data)
			body = response.get_data(as_text=True)
			self.assertTrue(400 <= response.status_code < 500, (response.status_code, body[:300]))
			self.assertLess(len(body), 3_000)
			self.assertNotIn(html, body)
			self.assertNotIn("Traceback", body)
			self.assertFalse({"exc", "exception"} & set(json.loads(body)), body[:300])

	def test_private_evidence_downloads_only_for_its_unit(self):
		path = self.evidence
		with site_requests():
			theirs = in_thread(signed_in(USERS["unit_b"][0], PASSWORD).get, path)
			mine = in_thread(signed_in(USERS["unit_a"][0], PASSWORD).get, path)
			guest = in_thread(client().get, path)
		self.assertEqual(theirs.status_code, 200)
		self.assertIn(b"evidence", theirs.get_data())
		self.assertEqual((mine.status_code, guest.status_code), (403, 403))

	def test_two_editors_saving_the_same_assessment_lose_nothing(self):
		name = self.names[UNIT_A]
		with site_requests():
			editors = [signed_in(USERS[key][0], PASSWORD) for key in ("unit_a", "head_a")]
			docs = [
				json.loads(in_thread(e.post, "/api/method/frappe.client.get", data={"doctype": "PAR Assessment", "name": name}).get_data())["message"]
				for e in editors
			]
			for doc, who in zip(docs, ("unit_a", "head_a"), strict=True):
				doc["lines"][0]["self_note"] = f"written by {who}"

			def save(editor, doc):
				return lambda: in_thread(editor.post, "/api/method/frappe.client.save", data={"doc": json.dumps(doc)})

			responses = all_at_once([save(e, d) for e, d in zip(editors, docs, strict=True)])
		codes = sorted(r.status_code for r in responses)
		self.assertEqual(codes[0], 200, [r.get_data(as_text=True)[:300] for r in responses])
		self.assertTrue(400 <= codes[1] < 500, codes)  # the second is told the document changed
		winner = next(r for r in responses if r.status_code == 200)
		written = json.loads(winner.get_data())["message"]["lines"][0]["self_note"]
		frappe.db.rollback()
		line = frappe.get_doc("PAR Assessment", name).lines[0]
		self.assertEqual(line.self_note, written)

