# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, get_url, getdate

from parindex import jobs
from parindex.par_index import criteria
from parindex.par_survey import aggregation, counts
from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, ScoringError
from parindex.scoring.survey import check_weights
from parindex.settings import setting

#: invitations made at one time
MAX_INVITATIONS = 1000


class PARSurvey(Document):
	def before_insert(self):
		if self.get("anonymous_limit_per_unit") in (None, ""):
			self.anonymous_limit_per_unit = setting("anonymous_limit_per_unit")

	def validate(self):
		problems = self.check_groups() + self.check_answers() + self.check_questions() + self.check_targets()
		if self.opens_on and self.closes_on and getdate(self.closes_on) < getdate(self.opens_on):
			problems.append(Problem(M.SURVEY_DATES, (self.closes_on, self.opens_on)))
		if self.status != "Draft" and not (self.respondent_groups and self.answer_options and self.questions):
			problems.append(Problem(M.SURVEY_NOT_READY))
		criteria.throw_problems(problems, _("The survey was not saved"))

	def on_update(self):
		before = self.get_doc_before_save()
		if self.status == "Closed" and (before is None or before.status != "Closed"):
			self.recompute()

	def on_trash(self):
		# the counts go with the survey (its responses, if any are left, still keep it from being deleted)
		frappe.db.delete("PAR Survey Count", {"survey": self.name})

	def group_names(self) -> set[str]:
		return {g.group_name for g in self.respondent_groups}

	def check_groups(self) -> list[Problem]:
		seen, problems = set(), []
		for group in self.respondent_groups:
			group.group_name = (group.group_name or "").strip()
			if group.group_name in seen:
				problems.append(Problem(M.SURVEY_DUPLICATE_GROUP, (group.group_name,)))
			seen.add(group.group_name)
		if self.allow_anonymous and self.anonymous_group not in seen:
			problems.append(Problem(M.SURVEY_UNKNOWN_GROUP, (_("Anonymous citizens"), self.anonymous_group)))
		return problems

	def check_answers(self) -> list[Problem]:
		letters, problems = set(), []
		for option in self.answer_options:
			option.letter = (option.letter or "").strip().upper()
			if option.letter in letters:
				problems.append(Problem(M.SURVEY_DUPLICATE_LETTER, (option.letter,)))
			letters.add(option.letter)
		try:
			check_weights({o.letter: o.weight or 0 for o in self.answer_options})
		except ScoringError as error:
			problems += error.problems
		return problems

	def check_questions(self) -> list[Problem]:
		numbers, problems, groups = set(), [], self.group_names()
		survey_criteria = set(
			frappe.get_all(
				"PAR Criterion",
				filters={"criteria_set": self.criteria_set, "rule_kind": "Survey"},
				pluck="name",
			)
		)
		for question in self.questions:
			if question.number in numbers:
				problems.append(Problem(M.SURVEY_DUPLICATE_QUESTION, (question.number,)))
			numbers.add(question.number)
			if question.respondent_group not in groups:
				label = _("Question {0}").format(question.number)
				problems.append(Problem(M.SURVEY_UNKNOWN_GROUP, (label, question.respondent_group)))
			if question.criterion not in survey_criteria:
				args = (question.number, question.criterion, self.criteria_set)
				problems.append(Problem(M.SURVEY_NOT_SURVEY_CRITERION, args))
		# a satisfaction (SIPAS) survey: some answers must count as satisfied, or every index is 0
		if any(q.element for q in self.questions) and not any(o.satisfied for o in self.answer_options):
			problems.append(Problem(M.SURVEY_NO_SATISFIED_ANSWER))
		return problems

	def check_targets(self) -> list[Problem]:
		problems, groups = [], self.group_names()
		unit_group = frappe.db.get_value("PAR Criteria Set", self.criteria_set, "unit_group")
		for target in self.targets:
			if target.respondent_group not in groups:
				label = _("Target row {0}").format(target.idx)
				problems.append(Problem(M.SURVEY_UNKNOWN_GROUP, (label, target.respondent_group)))
			if target.unit and frappe.db.get_value("PAR Unit", target.unit, "unit_group") != unit_group:
				problems.append(Problem(M.SURVEY_UNIT_OUTSIDE_GROUP, (target.unit, unit_group)))
		return problems

	@frappe.whitelist(methods=["POST"])
	def recompute(self):
		"""Compute the survey points and write them, with new totals, into every assessment of the set:
		at once for a small group (returns how many changed), in the background for a large one."""
		self.check_permission("write")
		size = frappe.db.count("PAR Assessment", {"criteria_set": self.criteria_set, "docstatus": 0})
		if jobs.is_large(size):
			return jobs.start(
				"parindex.par_survey.aggregation.write_points",
				_("Writing the survey points"),
				self.doctype,
				self.name,
				survey=self.name,
			)
		return aggregation.write_points(self.name)["changed"]

	@frappe.whitelist(methods=["POST"])
	def rebuild_counts(self):
		"""Count the answers again from the responses (repair); says how many counts were wrong."""
		self.check_permission("write")
		result = counts.rebuild(self.name)
		self.add_comment(
			"Info",
			_("Answer counts rebuilt from the responses: {0} counts, {1} of them were different.").format(
				result["rows"], result["differing"]
			),
		)
		return result

	@frappe.whitelist(methods=["POST"])
	def create_invitations(self, unit, respondent_group, count, expires_on=None):
		"""Invitations with one-time tokens for a unit and a respondent group; returns their links."""
		self.check_permission("write")
		problems = []
		count = cint(count) if str(count).strip().isdigit() else 0
		if not 1 <= count <= MAX_INVITATIONS:
			problems.append(Problem(M.INVITATION_COUNT, (MAX_INVITATIONS,)))
		if respondent_group not in self.group_names():
			problems.append(Problem(M.SURVEY_UNKNOWN_GROUP, (_("Invitations"), respondent_group)))
		unit_group = frappe.db.get_value("PAR Criteria Set", self.criteria_set, "unit_group")
		if not isinstance(unit, str) or frappe.db.get_value("PAR Unit", unit, "unit_group") != unit_group:
			problems.append(Problem(M.SURVEY_UNIT_OUTSIDE_GROUP, (unit, unit_group)))
		criteria.throw_problems(problems)
		links = []
		for _i in range(count):
			token = frappe.generate_hash(length=24)
			link = get_url(f"/par-survey?token={token}")
			frappe.get_doc(
				{
					"doctype": "PAR Survey Invitation",
					"survey": self.name,
					"unit": unit,
					"respondent_group": respondent_group,
					"token": token,
					"expires_on": expires_on or self.closes_on,
					"link": link,
				}
			).insert()
			links.append(link)
		return links

	@frappe.whitelist()
	def get_progress(self):
		"""Responses received against the targets, per unit and respondent group."""
		self.check_permission("read")
		response = frappe.qb.DocType("PAR Survey Response")
		received = {
			(unit, group): count
			for unit, group, count in frappe.qb.from_(response)
			.select(response.unit, response.respondent_group, frappe.query_builder.functions.Count("*"))
			.where(response.survey == self.name)
			.groupby(response.unit, response.respondent_group)
			.run()
		}
		unit_group = frappe.db.get_value("PAR Criteria Set", self.criteria_set, "unit_group")
		units = frappe.get_all(
			"PAR Unit",
			filters={"unit_group": unit_group, "is_group": 0, "disabled": 0},
			pluck="name",
			order_by="lft",
		)
		# a unit's own target, else the target of every unit of the group (the first row listed counts)
		targets = {(t.unit or None, t.respondent_group): t.target for t in reversed(self.targets)}
		rows = []
		for unit in units:
			for group in self.respondent_groups:
				name = group.group_name
				target = targets.get((unit, name), targets.get((None, name), 0))
				got = received.get((unit, name), 0)
				rows.append({"unit": unit, "respondent_group": name, "received": got, "target": target})
		return rows
