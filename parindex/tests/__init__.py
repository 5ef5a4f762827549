import frappe
from frappe.tests.utils import FrappeTestCase


class ParIndexTestCase(FrappeTestCase):
	"""Each test starts from the same data: what a test writes is rolled back after it."""

	def setUp(self):
		super().setUp()
		frappe.db.savepoint("parindex_test")

	def tearDown(self):
		from parindex.settings import forget

		frappe.db.rollback(save_point="parindex_test")
		forget()
		frappe.set_user("Administrator")
		super().tearDown()
