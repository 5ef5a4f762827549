# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from parindex.par_index import criteria
from parindex.par_survey import counts
from parindex.par_survey.answering import check_answers
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem


class PARSurveyResponse(Document):
	"""One respondent's answers; entered by staff (paper) or recorded from the answering page."""

	def validate(self):
		survey_doc = frappe.get_cached_doc("PAR Survey", self.survey)
		problems = []
		if self.respondent_group not in {g.group_name for g in survey_doc.respondent_groups}:
			problems.append(Problem(M.SURVEY_UNKNOWN_GROUP, (_("Response"), self.respondent_group)))
		unit_group = frappe.db.get_value("PAR Criteria Set", survey_doc.criteria_set, "unit_group")
		if frappe.db.get_value("PAR Unit", self.unit, "unit_group") != unit_group:
			problems.append(Problem(M.SURVEY_UNIT_OUTSIDE_GROUP, (self.unit, unit_group)))
		if not problems:
			problems = check_answers(
				survey_doc, self.respondent_group, {a.question_no: a.answer for a in self.answers}
			)
		criteria.throw_problems(problems, _("The response was not saved"))
		for answer in self.answers:
			answer.answer = (answer.answer or "").strip().upper()

	def before_validate(self):
		# every write of a survey's responses holds the survey first (parindex.par_survey.counts)
		counts.lock(self.survey)

	def on_update(self):
		"""Count the answers, in this transaction."""
		counts.on_response_change(self)

	def on_trash(self):
		counts.lock(self.survey)
		counts.on_response_change(self, deleted=True)


def on_doctype_update():
	# a unit's answers to a survey: counted for the anonymous limit on every anonymous answer, and per
	# unit and respondent group on the survey's form; read from this index alone
	frappe.db.add_index("PAR Survey Response", ["survey", "unit", "respondent_group", "channel"])
