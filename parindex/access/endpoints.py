"""Guards on Frappe endpoints that skip the row-level rules in Frappe 15.

Each override below keeps the endpoint's use in the desk and applies the rules of
:mod:`parindex.access.rules` (``override_whitelisted_methods``). The original functions are taken off
Frappe's whitelist as well (:func:`unlist_originals`), because other paths reach them: aliases of the
same function under another module path, and dispatchers that call a whitelisted function by name
(a search's ``query``, a tree's ``tree_method``, an upload's ``method``) without the override.

* ``frappe.client.get_count`` counts with no permission check at all: filtering on a unit and
  ``index > N`` and bisecting recovers any unit's unpublished index.
* ``frappe.client.get`` by filters finds the first matching document before checking permission, so
  "refused" against "not found" answers any question about any document.
* ``frappe.desk.listview.get_group_by_count`` for "assigned to" counts with no permission check.
* ``frappe.desk.form.utils.get_next`` reads the sort value of the document it is given unchecked.
* ``frappe.workflow…get_workflow_state_count`` groups every row by any column unchecked.
* ``frappe.desk.doctype.dashboard_chart.dashboard_chart.get`` draws a heat map with no permission
  check, and draws any chart a client describes.
* ``frappe.desk.search.search_widget`` with ``ignore_user_permissions=1`` drops *every* row rule; the
  search queries (``standard_queries``) search the restricted DocTypes with the rules on.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, get_safe_filters

from parindex.access.arguments import trusted


def unlist_originals() -> None:
	"""``before_request``: the functions this app overrides answer only through their overrides."""
	overrides = frappe.get_hooks("override_whitelisted_methods") or {}
	for path, replacements in overrides.items():
		if not any(r.startswith("parindex.") for r in replacements):
			continue
		try:
			function = frappe.get_attr(path)
		except (AttributeError, ImportError):
			continue
		while function in frappe.whitelisted:
			frappe.whitelisted.remove(function)


def _refuse() -> None:
	frappe.throw(
		_("You do not have permission to do this."), frappe.PermissionError, title=_("Not permitted")
	)


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False, parent=None) -> int:
	"""frappe.client.get_count, counting only the documents the user may list."""
	filters = get_safe_filters(filters)
	if isinstance(filters, str):
		filters = {"name": filters}
	rows = frappe.get_list(
		doctype,
		filters=filters,
		fields=[f"count(`tab{doctype}`.`name`) as total"],
		order_by=None,
		limit_page_length=None,
		parent_doctype=parent,
	)
	return cint(rows[0].total) if rows else 0


@frappe.whitelist()
def get(doctype: str, name=None, filters=None, parent=None):
	"""frappe.client.get; a document found by filters is found among those the user may list."""
	from frappe.client import get as frappe_get

	if not name and filters not in (None, {}, "{}") and not frappe.get_meta(doctype).issingle:
		found = frappe.get_list(
			doctype,
			filters=get_safe_filters(filters),
			fields=["name"],
			limit_page_length=1,
			parent_doctype=parent,
		)
		if not found:
			raise frappe.DoesNotExistError(_("{0} not found").format(_(doctype)))
		name, filters = found[0].name, None
	return frappe_get(doctype, name=name, filters=filters, parent=parent)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The sidebar's counts; "assigned to" counted over the documents the user may list."""
	from frappe.desk.listview import get_group_by_count as frappe_group_by_count

	if field != "assigned_to":
		return frappe_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), pluck="name", limit_page_length=None
	)
	if not names:
		return []
	todo = frappe.qb.DocType("ToDo")
	count = frappe.query_builder.functions.Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled") & (todo.reference_type == doctype) & todo.reference_name.isin(names)
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
		.run(as_dict=True)
	)


@frappe.whitelist()
def get_next(doctype, value, prev, filters=None, sort_order="desc", sort_field="modified"):
	"""The form's previous / next buttons, from a document the user may read."""
	from frappe.desk.form.utils import get_next as frappe_get_next

	if not frappe.has_permission(doctype, "read", doc=value, throw=False):
		_refuse()
	return frappe_get_next(doctype, value, prev, filters, sort_order, sort_field)


@frappe.whitelist()
def get_workflow_state_count(doctype, workflow_state_field, states):
	"""Counts by workflow state, of the documents the user may list, by the workflow's own field."""
	from frappe.model.workflow import get_workflow_name

	name = get_workflow_name(doctype)
	if not name or frappe.db.get_value("Workflow", name, "workflow_state_field") != workflow_state_field:
		_refuse()
	states = frappe.parse_json(states) or []
	rows = frappe.get_list(
		doctype,
		fields=[f"`{workflow_state_field}` as state", "count(*) as count"],
		filters={workflow_state_field: ["not in", states]} if states else None,
		group_by=f"`{workflow_state_field}`",
		order_by=None,
		limit_page_length=None,
	)
	return [{workflow_state_field: r.state, "count": r.count} for r in rows if r.state]


@frappe.whitelist()
def dashboard_chart(chart_name=None, chart=None, no_cache=None, filters=None, **kwargs):
	"""A dashboard chart: a saved one the user may read; a heat map or a chart described by the
	client only for system managers (Frappe draws those without permission checks)."""
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as frappe_chart

	if not trusted(frappe.session.user):
		if not chart_name or chart:
			_refuse()
		saved = frappe.get_doc("Dashboard Chart", chart_name)
		if not saved.has_permission("read") or saved.type == "Heatmap":
			_refuse()
	return frappe_chart(chart_name=chart_name, chart=chart, no_cache=no_cache, filters=filters, **kwargs)


def _search(doctype, fields, txt, start, page_len, filters, as_dict, parent=None) -> list:
	txt = (txt or "").replace("%", "").strip()
	return frappe.get_list(
		doctype,
		filters=filters or {},
		or_filters=[[doctype, field, "like", f"%{txt}%"] for field in fields] if txt else None,
		fields=fields,
		order_by="modified desc",
		limit_start=cint(start),
		limit_page_length=min(cint(page_len) or 10, 100),
		as_list=not as_dict,
		parent_doctype=parent,
	)


#: what a link search shows of each restricted DocType
SEARCH_FIELDS = {
	"PAR Assessment": ["name", "unit", "criteria_set"],
	"PAR Ranking Publication": ["name", "criteria_set", "decision_no"],
	"PAR Survey Response": ["name", "survey", "unit"],
	"PAR Survey Invitation": ["name", "survey", "unit"],
	"File": ["name", "file_name"],
	"PAR Criterion Question": ["name", "code", "question"],
	"PAR Digest Log": ["name", "day"],
}


@frappe.whitelist()
def search(doctype, txt, searchfield=None, start=0, page_len=10, filters=None, as_dict=False, **kwargs):
	"""Link search on a restricted DocType: what the user may list, whatever the client asks for."""
	if doctype not in SEARCH_FIELDS and not frappe.get_meta(doctype).istable:
		_refuse()
	parent = kwargs.get("reference_doctype") if frappe.get_meta(doctype).istable else None
	fields = SEARCH_FIELDS.get(doctype, ["name"])
	return _search(doctype, fields, txt, start, page_len, filters, as_dict, parent)
