# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from parindex.par_assessment import appraisal, evidence_reader, flags, lines, shares, workflow
from parindex.par_assessment.stages import stage_of
from parindex.process import Stage
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem


class PARAssessment(Document):
	def onload(self):
		from parindex.par_assessment.entry import specs
		from parindex.par_index.questions import for_assessment

		self.set_onload("entry", specs(self.criteria_set))
		self.set_onload("questions", for_assessment(self))
		# an appraiser works in the fields assigned to them: the form opens on these
		self.set_onload("my_fields", sorted(workflow.assigned_fields(self.criteria_set, frappe.session.user)))
		# fields are signed off while the assessment is with the support team
		self.set_onload("signing", stage_of(self.workflow_state) == Stage.APPRAISAL)

	def before_insert(self):
		self.check_one_per_unit()
		if not self.lines:
			self.set("lines", lines.new_lines(self.criteria_set))

	def check_one_per_unit(self):
		if frappe.db.get_value("PAR Criteria Set", self.criteria_set, "status") != "Active":
			lines.throw([Problem(M.SET_NOT_ACTIVE, (self.criteria_set,))])
		other = frappe.db.exists(
			"PAR Assessment",
			{
				"criteria_set": self.criteria_set,
				"unit": self.unit,
				"docstatus": ("<", 2),
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			lines.throw([Problem(M.DUPLICATE_ASSESSMENT, (self.unit, other))])

	def validate(self):
		before = self.get_doc_before_save()
		compiled = lines.compiled_set(self.criteria_set)
		problems = lines.check_structure(self, compiled, before)
		if not problems:
			lines.canonicalize(self, compiled)
			lines.keep_survey_values(self, before)
			appraisal.keep_sign_offs(self, before)
			self.enter_stage(before)
			problems += workflow.check_edit_rights(self, before)
			problems += workflow.check_appraiser_fields(self, before)
			problems += self.check_evidence_codes()
			problems += self.check_evidence_files(before)
			problems += lines.score(self, compiled)
		lines.throw(problems)
		self.count_evidence()
		lines.set_totals(self, compiled)
		lines.throw(workflow.check_step(self, before), _("This step cannot be taken yet"))
		if self.flags.parindex_override:  # the manager signed off the fields left: score them so
			lines.score(self, compiled)
			lines.set_totals(self, compiled)
		appraisal.describe_fields(self)
		shares.set_on(self)
		flags.on_step(self, before, compiled)

	def enter_stage(self, before):
		"""What moving into a new stage sets: who acts next, the explanation's due date, fields to
		appraise again."""
		if before is None or before.workflow_state == self.workflow_state:
			return
		appraisal.on_new_stage(self, stage_of(before.workflow_state), stage_of(self.workflow_state))
		workflow.set_notify_to(self)

	def before_submit(self):
		"""Only an appraised assessment is approved, and only through the workflow's Approve."""
		before = self.get_doc_before_save()
		if before is None or stage_of(before.workflow_state) != Stage.APPRAISED:
			state = before.workflow_state if before else self.workflow_state
			lines.throw([Problem(M.APPROVE_ONLY_APPRAISED, (_(state),))], _("This step cannot be taken yet"))

	def on_update(self):
		appraisal.record_override(self)
		evidence_reader.queue(self)

	def check_evidence_codes(self) -> list[Problem]:
		codes = {line.code for line in self.lines if line.rule_kind != "Survey"}
		return [
			Problem(M.EVIDENCE_UNKNOWN_CODE, (row.idx, row.criterion_code), row.criterion_code)
			for row in self.evidence
			if (row.criterion_code or "").strip() not in codes
		]

	def check_evidence_files(self, before) -> list[Problem]:
		"""An evidence row names a file attached to this assessment, not another document's file."""
		known = {row.file for row in (before.evidence if before else [])}
		new = {row.file for row in self.evidence if row.file and row.file not in known}
		if not new:
			return []
		attached = set(
			frappe.get_all(
				"File",
				filters={
					"attached_to_doctype": self.doctype,
					"attached_to_name": self.name,
					"file_url": ("in", list(new)),
				},
				pluck="file_url",
			)
		)
		return [
			Problem(M.EVIDENCE_NOT_ATTACHED, (row.idx,), row.criterion_code)
			for row in self.evidence
			if row.file in new - attached
		]

	def count_evidence(self):
		counts: dict[str, int] = {}
		for row in self.evidence:
			row.criterion_code = (row.criterion_code or "").strip()
			counts[row.criterion_code] = counts.get(row.criterion_code, 0) + 1
		for line in self.lines:
			line.evidence_count = counts.get(line.code, 0)
