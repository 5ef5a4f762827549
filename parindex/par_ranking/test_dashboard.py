import frappe

from parindex.par_ranking import dashboard
from parindex.tests import ParIndexTestCase
from parindex.tests.factories import active_set_with_assessments, make_user

UNIT_USER = "_test_dashboard_unit@example.com"


class TestDashboard(ParIndexTestCase):
	def setUp(self):
		super().setUp()
		_, self.last_year = active_set_with_assessments(units=("_Test Unit A",), year=2030)
		self.set_doc, self.assessments = active_set_with_assessments(year=2031)
		frappe.db.set_value(
			"PAR Assessment", self.assessments["_Test Unit B"], "workflow_state", "Submitted"
		)

	def chart_in(self, lang, filters=None):
		saved = frappe.local.lang
		frappe.local.lang = lang
		try:
			return dashboard.state_chart(filters)
		finally:
			frappe.local.lang = saved

	def test_chart_counts_the_current_year_in_process_order_with_translated_states(self):
		self.assertEqual(dashboard.current_year(), 2031)
		chart = self.chart_in("vi")
		self.assertEqual(chart["labels"], ["Bản nháp", "Đã gửi"])
		self.assertEqual(chart["datasets"][0]["values"], [1, 1])
		self.assertEqual(self.chart_in("en")["labels"], ["Draft", "Submitted"])

	def test_a_year_filter_shows_that_year_and_a_bad_one_is_refused(self):
		chart = self.chart_in("en", {"year": "2030"})
		self.assertEqual((chart["labels"], chart["datasets"][0]["values"]), (["Draft"], [1]))
		self.assertRaises(frappe.ValidationError, dashboard.state_chart, {"year": "last year"})

	def test_cards_count_this_years_states_and_lead_to_the_list(self):
		self.assertEqual(dashboard.assessments_submitted()["value"], 1)
		self.assertEqual(dashboard.awaiting_appraisal()["value"], 1)
		self.assertEqual(dashboard.approved_assessments()["value"], 0)
		card = dashboard.awaiting_appraisal()
		self.assertEqual(card["route"], ["List", "PAR Assessment"])
		self.assertEqual(card["route_options"]["year"], 2031)
		self.assertEqual(card["route_options"]["workflow_state"][1], ["Submitted", "Under Appraisal", "Explained"])

	def test_a_unit_user_counts_only_their_own_unit(self):
		make_user(UNIT_USER, "PAR Unit User", unit="_Test Unit A")
		frappe.set_user(UNIT_USER)
		self.assertEqual(dashboard.counts_by_state(2031), {"Draft": 1})
		self.assertEqual(dashboard.awaiting_appraisal()["value"], 0)

	def test_the_workspace_chart_and_cards_use_these_sources(self):
		from frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source import get_config

		chart = frappe.get_doc("Dashboard Chart", "Assessments by state")
		self.assertEqual((chart.chart_type, chart.source), ("Custom", "PAR Assessments by State"))
		method = get_config(chart.source).split('method: "')[1].split('"')[0]
		self.assertEqual(frappe.get_attr(method)(chart_name=chart.name)["datasets"][0]["values"], [1, 1])
		for card in ("Assessments submitted", "Awaiting appraisal", "Approved assessments"):
			doc = frappe.get_doc("Number Card", card)
			self.assertEqual(doc.type, "Custom")
			self.assertIsInstance(frappe.get_attr(doc.method)()["value"], int)
