# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

from frappe.model.document import Document

from parindex.par_index import criteria
from parindex.settings import forget


class PARSettings(Document):
	"""The numbers a province tunes: reminders, the survey page's limits, default bands, publication."""

	def validate(self):
		criteria.check_bands(self.default_bands)

	def on_update(self):
		forget()
