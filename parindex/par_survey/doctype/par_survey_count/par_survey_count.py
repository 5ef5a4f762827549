# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from frappe.model.document import Document


class PARSurveyCount(Document):
	"""Written only by :mod:`parindex.par_survey.counts`, in the transaction that records the answers."""


def on_doctype_update():
	# closing a survey reads all its counts unit by unit: from this index alone, in its order
	frappe.db.add_index("PAR Survey Count", ["survey", "unit", "question_no", "answer", "answers"])
