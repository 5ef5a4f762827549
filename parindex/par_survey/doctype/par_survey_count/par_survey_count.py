# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

from frappe.model.document import Document


class PARSurveyCount(Document):
	"""Written only by :mod:`parindex.par_survey.counts`, in the transaction that records the answers."""
