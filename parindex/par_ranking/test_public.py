# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt
"""The public results page, as a guest: published rankings only, only what the publication froze, off
when the settings say so, kept whole and forgotten when a publication changes."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import set_request
from frappe.website.serve import get_response

from parindex.par_ranking import public
from parindex.par_ranking.report.testing import publish
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments

UNITS = ("_Test Public A", "_Test Public B & 'Sons'")
ANNEX = "parindex.par_ranking.public.annex"


def shown(value: float) -> str:
	"""A number as the page shows it, in the site's number format."""
	return frappe.utils.fmt_money(value, 2)


def get(cmd: str, **kwargs):
	"""A GET of /api/method/<cmd> as a guest, through the request guard and Frappe's dispatcher."""
	from frappe.handler import execute_cmd

	from parindex.access.arguments import check_request

	user = frappe.session.user
	frappe.set_user("Guest")
	try:
		set_request(method="GET", path=f"/api/method/{cmd}")
		frappe.local.form_dict = frappe._dict(kwargs, cmd=cmd)
		frappe.response.pop("filecontent", None)
		check_request()
		execute_cmd(cmd)
		return frappe.response.get("filecontent")
	finally:
		frappe.set_user(user)


def page(path: str, queries: int | None = None) -> tuple[int, str]:
	"""The page as a guest asking for it gets it: its status and its main content (the site's navbar,
	icons and boot data left out); with ``queries``, at most that many database queries."""
	user = frappe.session.user
	frappe.set_user("Guest")
	try:
		set_request(method="GET", path=path)
		if queries is None:
			response = get_response(path.strip("/"))
		else:
			with FrappeTestCase().assertQueryCount(queries):
				response = get_response(path.strip("/"))
		text = response.get_data(as_text=True)
		return response.status_code, text[text.find("<main") : text.find("</main>")]
	finally:
		frappe.set_user(user)


class TestPublicResults(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		public.forget_pages()
		frappe.db.set_single_value("PAR Settings", "public_results_page", 1)
		self.set_doc, self.assessments = active_set_with_assessments(UNITS, year=2046)
		frappe.db.set_value(
			"PAR Assessment", self.assessments[UNITS[0]], {"index": 91.25, "final_total": 9.13, "total_max": 10}
		)
		frappe.db.set_value("PAR Assessment Field", {"parent": self.assessments[UNITS[0]], "field_code": "2"}, "index", 73.5)
		frappe.db.set_value("PAR Assessment", self.assessments[UNITS[1]], {"index": 64.5})
		self.publication = publish(self.set_doc.name, "21/QĐ-UBND", "2047-01-20")
		# the year after, in progress: its live scores are nobody's business yet
		self.next_set, self.next_names = active_set_with_assessments(UNITS, year=2047)
		frappe.db.set_value("PAR Assessment", self.next_names[UNITS[0]], {"index": 55.55})

	def tearDown(self):
		public.forget_pages()
		super().tearDown()

	def test_the_list_ranking_and_unit_pages_show_what_was_published(self):
		status, text = page("/ket-qua")
		self.assertEqual(status, 200)
		self.assertIn(f"/ket-qua/{self.publication}", text)
		status, text = page(f"/ket-qua/{self.publication}")
		self.assertEqual(status, 200)
		self.assertIn(shown(91.25), text)  # in the site's number format
		self.assertIn("21/QĐ-UBND", text)
		self.assertIn(f"{ANNEX}?publication={self.publication}", text)
		# a unit's name is text, never markup
		self.assertNotIn("B & 'Sons'", text)
		self.assertIn("B &amp; &#39;Sons&#39;", text)
		status, text = page(f"/ket-qua/{self.publication}/_Test Public A")
		self.assertEqual(status, 200)
		self.assertIn(shown(73.5), text)  # field 2's sub-index, frozen with the publication
		self.assertIn("2046", text)  # its years
		self.assertNotIn(shown(55.55), text)  # next year's live index

	def test_only_what_the_publication_froze_is_shown(self):
		# a later change to the assessment (an amendment) does not reach the published page
		frappe.db.set_value("PAR Assessment Field", {"parent": self.assessments[UNITS[0]], "field_code": "2"}, "index", 12.34)
		frappe.db.set_value("PAR Assessment", self.assessments[UNITS[0]], "index", 12.34)
		status, text = page(f"/ket-qua/{self.publication}/_Test Public A")
		self.assertEqual(status, 200)
		self.assertIn(shown(73.5), text)
		self.assertNotIn(shown(12.34), text)

	def test_drafts_other_names_and_unranked_units_are_not_found(self):
		draft = frappe.get_doc(
			{"doctype": "PAR Ranking Publication", "criteria_set": self.next_set.name, "decision_no": "draft"}
		)
		from parindex.par_ranking.report.testing import approve_all

		approve_all(self.next_set.name)
		draft.decision_date = "2048-01-20"
		draft.insert()
		for path in (
			f"/ket-qua/{draft.name}",
			f"/ket-qua/{draft.name}/_Test Public A",
			"/ket-qua/No such publication",
			f"/ket-qua/{self.publication}/No such unit",
			f"/ket-qua/{self.publication}/../../app",
		):
			status, text = page(path)
			self.assertEqual(status, 404, path)
			self.assertNotIn(shown(55.55), text)
		status, text = page("/ket-qua")
		self.assertNotIn(draft.name, text)
		with self.assertRaises(frappe.DoesNotExistError):
			get(ANNEX, publication=draft.name)

	def test_switched_off_every_path_is_not_found(self):
		frappe.db.set_single_value("PAR Settings", "public_results_page", 0)
		public.forget_pages()
		for path in ("/ket-qua", f"/ket-qua/{self.publication}", f"/ket-qua/{self.publication}/_Test Public A"):
			self.assertEqual(page(path)[0], 404, path)
		with self.assertRaises(frappe.DoesNotExistError):
			get(ANNEX, publication=self.publication)

	def test_pages_are_kept_whole_and_forgotten_when_a_publication_changes(self):
		first = page(f"/ket-qua/{self.publication}")
		# kept whole: no query of ours (the one left is Frappe's look-up of route redirects, on every page)
		self.assertEqual(page(f"/ket-qua/{self.publication}", queries=1), first)
		doc = frappe.get_doc("PAR Ranking Publication", self.publication)
		doc.cancel()  # forgets the pages
		self.assertEqual(page(f"/ket-qua/{self.publication}")[0], 404)

	def test_a_guest_downloads_the_published_annex(self):
		from io import BytesIO

		from openpyxl import load_workbook

		content = get(ANNEX, publication=self.publication)
		sheet = load_workbook(BytesIO(content)).active
		values = [cell.value for row in sheet.iter_rows() for cell in row]
		self.assertIn("(Kèm theo Quyết định số 21/QĐ-UBND ngày 20/01/2047)", values)
		self.assertIn("_Test Public A", values)
