"""The workspace's figures: this year's assessments, counted per workflow state.

Frappe's own "Document Type" number cards and "Group By" charts count every year at once and
show the raw state names ("Draft") in the chart's legend, whatever the user's language. These
small sources (a Custom number card calls a method; a Custom chart calls its Dashboard Chart
Source) fix both:

- they count the assessments of the *current year*: the newest year of an Active criteria set,
  or, when no set is active, the newest year that has assessments;
- they go through `frappe.get_list`, so each user counts only what they may read (a unit user
  sees their own unit's assessment, an appraiser those of their units);
- states are named with `_()`, so a Vietnamese desk shows "Chờ thẩm định", not "Submitted".

Example: with the 2025 set Active, 2 assessments in Draft and 1 Submitted, the chart shows
the labels ["Draft", "Submitted"] (translated) with the values [2, 1]; the 2024 ones are left out.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Max

from parindex.par_assessment.stages import stages, states_in
from parindex.process import Stage

#: the number cards, each a set of stages (whatever the states are called on this site)
SUBMITTED = (Stage.SUBMITTED,)
AWAITING_APPRAISAL = (Stage.SUBMITTED, Stage.APPRAISAL)
APPROVED = (Stage.APPROVED,)


def current_year() -> int | None:
	"""The year the workspace shows: the newest Active set's, else the newest assessed year."""
	criteria_set = frappe.qb.DocType("PAR Criteria Set")
	year = (
		frappe.qb.from_(criteria_set)
		.select(Max(criteria_set.year))
		.where(criteria_set.status == "Active")
		.run()[0][0]
	)
	if year is None:
		assessment = frappe.qb.DocType("PAR Assessment")
		year = frappe.qb.from_(assessment).select(Max(assessment.year)).run()[0][0]
	return year


def counts_by_state(year: int | None) -> dict[str, int]:
	"""How many assessments of `year` the user may read, per workflow state."""
	if year is None:
		return {}
	rows = frappe.get_list(
		"PAR Assessment",
		filters={"year": year, "docstatus": ("<", 2)},
		fields=["workflow_state", "count(name) as count"],
		group_by="workflow_state",
		order_by="count desc",
	)
	return {row.workflow_state: row["count"] for row in rows if row.workflow_state}


def _year_from(filters) -> int | None:
	filters = frappe.parse_json(filters) or {}
	if isinstance(filters, dict) and filters.get("year"):
		try:
			return int(filters["year"])
		except (TypeError, ValueError):
			frappe.throw(_("The year must be a whole number, such as 2025."))
	return current_year()


def _card(wanted: tuple[Stage, ...], filters=None) -> dict:
	year = _year_from(filters)
	counts = counts_by_state(year)
	states = states_in(*wanted)
	return {
		"value": sum(counts.get(state, 0) for state in states),
		"fieldtype": "Int",
		"route": ["List", "PAR Assessment"],
		"route_options": {"year": year, "workflow_state": ["in", list(states)]},
	}


@frappe.whitelist()
def assessments_submitted(filters=None) -> dict:
	"""Number card: this year's assessments sent and not yet taken up by an appraiser."""
	return _card(SUBMITTED, filters)


@frappe.whitelist()
def awaiting_appraisal(filters=None) -> dict:
	"""Number card: this year's assessments waiting for an appraiser."""
	return _card(AWAITING_APPRAISAL, filters)


@frappe.whitelist()
def approved_assessments(filters=None) -> dict:
	"""Number card: this year's assessments approved by the council."""
	return _card(APPROVED, filters)


def state_chart(filters=None) -> dict:
	"""Chart data: this year's assessments per state, in the order of the process."""
	counts = counts_by_state(_year_from(filters))
	order = list(stages())
	states = [state for state in order if counts.get(state)]
	states += sorted(state for state in counts if state not in order)
	return {
		"labels": [_(state) for state in states],
		"datasets": [{"name": _("Assessments"), "values": [counts[state] for state in states]}],
	}
