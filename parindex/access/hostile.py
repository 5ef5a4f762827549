"""What every refusal of hostile input must be: a clear error with a 4xx status, a short message that
quotes nothing raw, and nothing written (row counts before and after)."""

from __future__ import annotations

import frappe

from parindex.tests import ParIndexTestCase
from parindex.tests.factories import make_unit, make_user

UNIT_A, UNIT_B = "_Test Unit A", "_Test Unit B"
MANAGER = "par-hostile-manager@example.com"
UNIT_USER = "par-hostile-unit-a@example.com"
APPRAISER = "par-hostile-appraiser@example.com"
HTML = "<script>alert(1)</script>"

#: the tables a hostile request could write to
TABLES = (
	"PAR Survey Response",
	"PAR Survey Response Answer",
	"PAR Survey Count",
	"PAR Survey Invitation",
	"PAR Criteria Set",
	"PAR Criterion",
	"PAR Assessment",
	"PAR Assessment Line",
	"PAR Evidence",
	"File",
	"User",
)
LONGEST_MESSAGE = 2_000


def footprint() -> dict:
	"""Row counts of the tables, used invitations, and when each assessment last changed."""
	counts = {table: frappe.db.count(table) for table in TABLES}
	counts["used invitations"] = frappe.db.count("PAR Survey Invitation", {"used_on": ("is", "set")})
	counts["assessments changed"] = frappe.db.sql("select max(modified) from `tabPAR Assessment`")[0][0]
	return counts


def messages_of(error: BaseException) -> str:
	shown = [str(error)]
	for message in frappe.local.message_log or []:
		shown.append(str(message.get("message") if isinstance(message, dict) else message))
	return "\n".join(shown)


class HostileChecks:
	"""Mixin for a test case: ``refused(action, payload=…)`` and a count of the cases checked."""

	cases = 0

	@classmethod
	def tearDownClass(cls):
		print(f"\n{cls.__name__}: {cls.cases} hostile cases refused")
		super().tearDownClass()

	def refused(
		self, action, payload: str | None = None, status: int | None = None, longest: int = LONGEST_MESSAGE
	) -> str:
		frappe.clear_messages()
		caught, user = None, frappe.session.user
		frappe.set_user("Administrator")
		before = footprint()
		frappe.set_user(user)
		try:
			action()
		except Exception as error:
			caught = error
		finally:
			frappe.set_user("Administrator")
		if caught is None:
			self.fail("accepted")
		code, text = getattr(caught, "http_status_code", 500), messages_of(caught)
		type(self).cases += 1
		self.assertTrue(400 <= code < 500, f"HTTP {code}: {type(caught).__name__}: {text[:300]}")
		if status:
			self.assertEqual(code, status, text[:300])
		self.assertLess(len(text), longest, text[:300])
		self.assertNotIn("Traceback", text)
		if payload:
			self.assertNotIn(payload, text)
		self.assertEqual(footprint(), before)
		frappe.clear_messages()
		frappe.set_user(user)
		return text


class HostileCase(HostileChecks, ParIndexTestCase):
	"""Units A and B, a manager, an appraiser and a user of unit A."""

	def setUp(self):
		super().setUp()
		for unit in (UNIT_A, UNIT_B):
			make_unit(unit)
		make_user(MANAGER, "PAR Manager")
		make_user(UNIT_USER, "PAR Unit User", unit=UNIT_A)
		make_user(APPRAISER, "PAR Appraiser")
		frappe.cache.delete_value("user_permissions")
