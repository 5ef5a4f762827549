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

from parindex.access.scope import own_units
from parindex.par_assessment.stages import stages, states_in, workflow
from parindex.par_assessment.workflow import is_manager
from parindex.process import UNIT_ROLES, Stage

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


@frappe.whitelist()
def my_assessments(filters=None) -> dict:
	"""Number card: this year's assessments of the user's own units (a unit's users)."""
	year = _year_from(filters)
	units = sorted(own_units())
	names = (
		frappe.get_list(
			"PAR Assessment",
			filters={"year": year, "unit": ("in", units), "docstatus": ("<", 2)},
			pluck="name",
		)
		if units and year
		else []
	)
	route = ["Form", "PAR Assessment", names[0]] if len(names) == 1 else ["List", "PAR Assessment"]
	return {"value": len(names), "fieldtype": "Int", "route": route, "route_options": {"year": year}}


@frappe.whitelist()
def waiting_for_me(filters=None) -> dict:
	"""Number card: this year's assessments waiting for the user's move — a unit head's to submit or
	explain, an appraiser's in the sets they appraise, the council's to approve."""
	year = _year_from(filters)
	states = sorted(acting_states(set(frappe.get_roles())))
	query = {"year": year, "workflow_state": ("in", states), "docstatus": 0}
	if (
		not is_manager()
		and "PAR Appraiser" in frappe.get_roles()
		and not set(frappe.get_roles()) & UNIT_ROLES
	):
		sets = frappe.get_all(
			"PAR Appraiser Assignment",
			filters={"appraiser": frappe.session.user},
			pluck="parent",
			distinct=True,
		)
		query["criteria_set"] = ("in", sets or [""])
	count = len(frappe.get_list("PAR Assessment", filters=query, pluck="name")) if states and year else 0
	return {
		"value": count,
		"fieldtype": "Int",
		"route": ["List", "PAR Assessment"],
		"route_options": {"year": year, "workflow_state": ["in", states]},
	}


def acting_states(roles: set[str]) -> set[str]:
	"""The workflow states in which one of these roles moves the assessment on (a transition)."""
	flow = workflow()
	if not flow:
		return set()
	return {t.state for t in flow.transitions if t.allowed in roles} - {
		s.state for s in flow.states if str(s.doc_status) == "1"
	}
