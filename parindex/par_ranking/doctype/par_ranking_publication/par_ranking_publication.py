# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from parindex.par_ranking import public
from parindex.par_ranking.ranking import (
	COLUMNS,
	field_entries,
	latest_publication,
	live_ranking,
	satisfaction_rows,
)


class PARRankingPublication(Document):
	"""The province's decision publishing a year's ranking: a frozen copy of the ranking at that moment.

	A later change needs a new publication, which names the one it supersedes; both stay on record.
	"""

	def validate(self):
		if self.docstatus == 0:
			self.freeze_entries()

	def before_submit(self):
		self.check_all_approved()
		self.freeze_entries()  # what is published is the ranking at this moment, not what a client sent

	def on_submit(self):
		public.forget_pages()

	def on_cancel(self):
		public.forget_pages()

	def check_all_approved(self):
		pending = frappe.db.count("PAR Assessment", {"criteria_set": self.criteria_set, "docstatus": 0})
		if pending:
			from parindex.par_index.criteria import throw_problems
			from parindex.scoring import messages as M
			from parindex.scoring.errors import Problem

			throw_problems([Problem(M.PUBLISH_UNAPPROVED, (pending,))], _("Nothing to publish"))

	def freeze_entries(self):
		self.supersedes = latest_publication(self.criteria_set)
		rows = live_ranking(self.criteria_set)
		if not rows:
			frappe.throw(
				_("The criteria set {0} has no assessments to rank.").format(self.criteria_set),
				title=_("Nothing to publish"),
			)
		self.set("entries", [])
		for row in rows:
			self.append(
				"entries",
				{
					"unit": row["unit"],
					"assessment": row["name"],
					"rank": row["rank"],
					"classification": row["classification"],
					**{c: row[c] for c in COLUMNS},
				},
			)
		self.set("field_entries", field_entries(self.entries))
		self.set("satisfaction", satisfaction_rows(self.criteria_set))
