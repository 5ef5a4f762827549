# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from parindex.par_index import questions


class PARCriterionQuestion(Document):
	"""A unit's question on how a criterion is scored (Hỏi đáp), and the manager's answer. An answer
	marked public shows under the criterion's guidance for every unit of the set, and next year."""

	def validate(self):
		if frappe.db.get_value("PAR Criterion", self.criterion, "criteria_set") != self.criteria_set:
			frappe.throw(
				_("The criterion {0} is not in the criteria set {1}.").format(
					self.criterion, self.criteria_set
				)
			)
		self.code = frappe.db.get_value("PAR Criterion", self.criterion, "code")
		if self.is_new():
			questions.set_asker(self)
		if (self.answer or "").strip():
			if self.status != "Answered":
				self.answered_by = frappe.session.user
			self.status = "Answered"
		else:
			self.status, self.is_public = "Asked", 0

	def after_insert(self):
		questions.notify_managers(self)

	def on_update(self):
		before = self.get_doc_before_save()
		if self.status == "Answered" and (before is None or before.status != "Answered"):
			questions.notify_asker(self)
