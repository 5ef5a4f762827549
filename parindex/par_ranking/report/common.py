"""What the PAR reports share: who sees which units, the ranking a user may see, figures and charts.

Visibility: the PAR managers, the support team (appraisers), the appraisal council and system managers
see every unit. Anyone else (the units' own users and heads) sees only the units of their User
Permissions until the province publishes the set's ranking; after the publication the ranking is public
and they see it in full.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import frappe
from frappe import _

from parindex.access.scope import is_overseer, own_units, unit_scope
from parindex.par_ranking.ranking import latest_publication, live_ranking, published_ranking
from parindex.scoring.numbers import round2, to_decimal

LIVE, PUBLISHED = "Live", "Published"
BLUE, GREEN, ORANGE, RED = "#2490ef", "#29cd42", "#ffa00a", "#e24c4c"


def two(value) -> float | None:
	"""A figure as shown: two decimals, rounded half-up; None stays None."""
	if value is None:
		return None
	if isinstance(value, int) and not isinstance(value, bool):
		return float(value)
	if isinstance(value, float) and value == round(value, 2):
		return value  # a stored figure already has two decimals: nothing to round (the common case)
	return float(round2(to_decimal(value)))


def percent(part, whole) -> float | None:
	"""part / whole × 100 to two decimals; None when there is no whole."""
	whole = to_decimal(whole or 0)
	if not whole:
		return None
	return float(round2(to_decimal(part or 0) * 100 / whole))


def mean(values) -> float | None:
	values = [to_decimal(v) for v in values if v is not None]
	if not values:
		return None
	return float(round2(sum(values) / len(values)))


def published_scope(criteria_set: str, user: str | None = None) -> set[str] | None:
	"""The units whose results of the set the user may see: all once the ranking is published."""
	if latest_publication(criteria_set):
		return None
	return unit_scope(user)


class Refused(Exception):
	"""A report the user may not run with these filters: shown as the report's message."""


def check_overseer(report_label: str) -> None:
	if not is_overseer():
		raise Refused(
			_(
				"The report {0} is for the PAR managers, the support team and the appraisal council only."
			).format(report_label)
		)


def check_unit(unit: str) -> None:
	"""A unit's own user may only ask for the units of their User Permissions."""
	scope = unit_scope()
	if scope is not None and unit not in scope:
		raise Refused(_("You may only see the results of your own unit, not of {0}.").format(unit))


def never_raises(execute):
	"""A report's ``execute`` that answers a refusal or a bad filter with its message, never an error.

	Frappe 15 starts a 15-second timer when a Script Report starts and cancels it only when the report
	returns: a report that raises is switched to prepared (background) mode for every user 15 s later.
	So a unit's user could break a report for the whole province by asking for what they may not see.
	The reports' roles refuse most such users before the report runs; this covers the rest.
	"""

	@functools.wraps(execute)
	def run(filters=None):
		try:
			return execute(filters)
		except Refused as refusal:
			return [], [], message([str(refusal)]), None
		except frappe.ValidationError as error:  # also PermissionError and DoesNotExistError
			frappe.clear_last_message()
			return [], [], message([frappe.utils.strip_html(str(error))]), None
		except Exception:
			frappe.log_error(title=_("Report error"))
			return [], [], message([_("The report could not be run; the error was logged.")]), None

	return run


@dataclass
class RankingView:
	rows: list[dict]
	source: str
	publication: str | None
	notes: list[str] = field(default_factory=list)


def ranking_view(criteria_set: str, source: str | None = None) -> RankingView:
	"""The ranking of the set the session user may see, from the source asked for where allowed."""
	publication = latest_publication(criteria_set)
	scope = unit_scope()
	notes = []
	if scope is not None:
		if publication:
			if source == LIVE:
				notes.append(_("Units see the published ranking."))
			return RankingView(published_ranking(publication), PUBLISHED, publication, notes)
		rows = [dict(row, rank=None) for row in live_ranking(criteria_set) if row["unit"] in scope]
		notes.append(_("Until the ranking is published you see only your own unit, without its rank."))
		return RankingView(rows, LIVE, None, notes)
	if (source or PUBLISHED) == PUBLISHED:
		if publication:
			return RankingView(published_ranking(publication), PUBLISHED, publication, notes)
		if source == PUBLISHED:
			notes.append(
				_("No ranking of {0} has been published yet: this is the live ranking.").format(criteria_set)
			)
	return RankingView(live_ranking(criteria_set), LIVE, None, notes)


def publication_note(publication: str) -> str:
	decision_no, decision_date = frappe.db.get_value(
		"PAR Ranking Publication", publication, ["decision_no", "decision_date"]
	)
	return _("Published ranking: decision {0} of {1}.").format(
		decision_no, frappe.format(decision_date, {"fieldtype": "Date"})
	)


def message(notes: list[str]) -> str | None:
	return "<br>".join(frappe.utils.escape_html(note) for note in notes) or None


#: a chart of counts draws at least 0 to 5 on its axis, so that its ticks are whole numbers
COUNT_AXIS = {"yAxisRange": {"min": 0, "max": 5}}


def chart(labels: list, datasets: list[dict], kind: str = "bar", colors: list[str] | None = None, **extra):
	"""A frappe-charts definition for a report; None when there is nothing to draw. A chart of counts
	(``fieldtype="Int"``) gets whole-number ticks."""
	if not labels:
		return None
	if extra.get("fieldtype") == "Int" and kind != "donut":
		extra.setdefault("axisOptions", COUNT_AXIS)
	return {
		"data": {"labels": labels, "datasets": datasets},
		"type": kind,
		"colors": colors or [BLUE],
		**extra,
	}


def column(fieldname: str, label: str, fieldtype: str = "Float", width: int = 110, **extra) -> dict:
	col = {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **extra}
	if fieldtype == "Float":
		col.setdefault("precision", 2)
	return col


def criteria_set_fields(criteria_set: str) -> list[dict]:
	"""The fields (top-level criteria) of a set in code order: code and title."""
	criterion = frappe.qb.DocType("PAR Criterion")
	return (
		frappe.qb.from_(criterion)
		.select(criterion.code, criterion.title)
		.where(
			(criterion.criteria_set == criteria_set)
			& (criterion.parent_par_criterion.isnull() | (criterion.parent_par_criterion == ""))
		)
		.orderby(criterion.sort_key)
		.run(as_dict=True)
	)


def assessments_of(criteria_set: str, units: set[str] | None, *fields: str) -> list[dict]:
	"""The set's non-cancelled assessments (of the given units, when given), with the fields asked."""
	assessment = frappe.qb.DocType("PAR Assessment")
	query = (
		frappe.qb.from_(assessment)
		.select(assessment.name, assessment.unit, *[assessment[f] for f in fields])
		.where((assessment.criteria_set == criteria_set) & (assessment.docstatus < 2))
		.orderby(assessment.unit)
	)
	if units is not None:
		if not units:
			return []
		query = query.where(assessment.unit.isin(list(units)))
	return query.run(as_dict=True)


def field_results(assessments: list[str]) -> dict[tuple, float]:
	"""(assessment, field code) → the field's sub-index in the assessment."""
	if not assessments:
		return {}
	result = frappe.qb.DocType("PAR Assessment Field")
	rows = (
		frappe.qb.from_(result)
		.select(result.parent, result.field_code, result.index)
		.where((result.parenttype == "PAR Assessment") & result.parent.isin(assessments))
		.run(as_dict=True)
	)
	return {(r.parent, r.field_code): r.index or 0 for r in rows}


def field_column(code: str) -> str:
	"""The report column of a field's sub-index: field_1, field_2, …"""
	return "field_" + frappe.scrub(str(code)).replace(".", "_")


@frappe.whitelist()
def default_filters() -> dict:
	"""What a report opens with: the user's current criteria set (their unit group's newest active
	set), the newest published ranking, their unit, the newest open survey."""
	units = sorted(own_units())
	group = frappe.db.get_value("PAR Unit", units[0], "unit_group") if units else None
	sets = {"status": "Active", **({"unit_group": group} if group else {})}
	current = frappe.get_all("PAR Criteria Set", filters=sets, pluck="name", order_by="year desc", limit=1)
	publication = frappe.get_all(
		"PAR Ranking Publication",
		filters={"docstatus": 1, **({"unit_group": group} if group else {})},
		fields=["criteria_set"],
		order_by="decision_date desc, creation desc",
		limit=1,
	)
	survey = (
		frappe.get_all(
			"PAR Survey", filters={"status": "Open"}, pluck="name", order_by="creation desc", limit=1
		)
		if is_overseer()
		else []
	)
	return {
		"criteria_set": current[0] if current else None,
		"published_set": publication[0].criteria_set if publication else (current[0] if current else None),
		"unit": units[0] if units else None,
		"survey": survey[0] if survey else None,
	}
