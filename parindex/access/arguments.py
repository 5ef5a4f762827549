"""What a request may ask of Frappe's list queries: plain field names and filters, no SQL.

Frappe 15's list query (``DatabaseQuery``, behind ``frappe.client.get_list``, ``/api/resource``,
``frappe.desk.reportview``, the sidebar counts, number cards and charts) checks only the first token of
a requested field and passes filter field names into its SQL nearly as given. Any signed-in user can so
add a sub-query (``fields=["`name`, (select … from `tabPAR Assessment`) as x"]``) or step out of the
permission condition (``filters=[["name` || 1=1 || `tabX`.`name", "=", "z"]]``) and read every table.

Every request (``before_request``) from anyone but the Administrator and system managers is checked
here first: a field is a column name, optionally with its table (``tabDocType.column``), an alias,
``*`` or one aggregate over a column; a filter names a column and uses one of Frappe's operators; a
sort is a column and a direction. What fails is refused before any query runs. Debug output (which
prints the query) is refused too, and a report is run for the signed-in user only.
"""

from __future__ import annotations

import json
import re
import urllib.parse

import frappe
from frappe import _

NAME = r"[A-Za-z0-9_]+"
TABLE = r"(?:`tab[A-Za-z0-9_ \-]+`|tab[A-Za-z0-9_]+)"
COLUMN = rf"(?:{TABLE}\.)?(?:`{NAME}`|{NAME})"
AGGREGATE = rf"(?:count|sum|avg|min|max)\(\s*(?:distinct\s+)?(?:{COLUMN}|\*)\s*\)"
ALIAS = rf"(?:\s+as\s+(?:`{NAME}`|{NAME}))?"
FIELD = re.compile(rf"\s*(?:{COLUMN}|\*|{AGGREGATE}){ALIAS}\s*", re.IGNORECASE | re.ASCII)
SORT = re.compile(rf"\s*(?:{COLUMN}|{AGGREGATE}|{NAME})(?:\s+(?:asc|desc))?\s*", re.IGNORECASE | re.ASCII)
#: a column of a linked document, as the list view asks for a link's title: link_field.column
LINKED = re.compile(rf"\s*(?P<link>{NAME})\.(?P<column>`{NAME}`|{NAME}){ALIAS}\s*", re.IGNORECASE | re.ASCII)
#: documents whose columns are not fetched through another document's link (only their title is)
RESTRICTED = {
	"PAR Assessment",
	"PAR Ranking Publication",
	"PAR Survey Response",
	"PAR Survey Invitation",
	"File",
}
FILTER_FIELD = re.compile(rf"\s*{COLUMN}\s*", re.ASCII)
DOCTYPE = re.compile(r"[A-Za-z0-9_ \-]+", re.ASCII)
OPERATORS = {
	"=",
	"!=",
	"<",
	">",
	"<=",
	">=",
	"like",
	"not like",
	"in",
	"not in",
	"is",
	"between",
	"timespan",
	"descendants of",
	"ancestors of",
	"not descendants of",
	"not ancestors of",
	"descendants of (inclusive)",
	"previous",
	"next",
	"fiscal year",
}

#: request arguments (also inside a chart's or number card's JSON) and what each must hold
FIELD_LISTS = {"fields", "filter_fields", "stats"}
SINGLE_FIELDS = {
	"group_by",
	"sort_field",
	"aggregate_on_field",
	"field",
	"searchfield",
	"workflow_state_field",
	"based_on",
	"value_based_on",
	"group_by_based_on",
	"aggregate_function_based_on",
}
DOCTYPES = {"document_type", "parent_document_type", "parent_doctype", "reference_doctype"}
SORTS = {"order_by", "sort_by"}
FILTERS = {"filters", "or_filters", "current_filters", "filters_json", "dynamic_filters_json"}
CHOICES = {
	"sort_order": {"asc", "desc"},
	"aggregate_function": {"count", "sum", "avg", "min", "max"},
}
#: documents sent as JSON that Frappe turns into list queries (a chart or a number card being shown)
QUERY_DOCS = {"chart", "doc"}
QUERY_DOC_METHODS = {
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
	"frappe.desk.doctype.number_card.number_card.get_result",
	"frappe.desk.doctype.number_card.number_card.get_percentage_difference",
}
#: methods that take a ``user`` to run as
RUN_AS_METHODS = {"frappe.desk.query_report.run", "frappe.desk.query_report.export_query"}


#: columns kept at permission level 3 of the assessment and its lines (flags compare a unit with its
#: group; the manager's override and who is notified): a user who may not read them may not filter,
#: sort or group by them either, which Frappe's list query would otherwise allow
LEVEL_3_DOCTYPE = "PAR Assessment"
LEVEL_3_COLUMNS = {"flag_reasons", "flag_codes", "flagged_lines", "override_reason", "notify_to"}


class Refused(frappe.PermissionError):
	pass


class Malformed(frappe.ValidationError):
	http_status_code = 400


#: a guest's argument is at most this long; JSON is nested at most this deep (Frappe parses guests'
#: JSON arguments before any method sees them, and deeper nesting ends in a server error)
GUEST_ARGUMENT = 100_000
NESTING = 50


def _refuse(value) -> None:
	text = str(value)
	text = text if len(text) <= 40 else text[:40] + "…"
	frappe.throw(
		_("The request was refused: {0} is not a field, filter or sort this server accepts.").format(
			frappe.utils.escape_html(text)
		),
		Refused,
		title=_("Not permitted"),
	)


def _decoded(value):
	if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
		try:
			return json.loads(value)
		except ValueError:
			_refuse(value)
	return value


def _column(text: str) -> str:
	return re.split(r"\s+as\s+|\s+", text.strip(), flags=re.IGNORECASE)[0].rsplit(".", 1)[-1].strip("`() ")


def check_level_3(text) -> None:
	"""Refuse naming a level-3 column (alone, in an aggregate or a sort) without the right to read it."""
	if not isinstance(text, str):
		return
	column = _column(re.sub(r"^\s*\w+\(\s*(distinct\s+)?", "", text, flags=re.IGNORECASE))
	if column in LEVEL_3_COLUMNS and not reads_level_3():
		_refuse(text)


def reads_level_3() -> bool:
	roles = set(frappe.get_roles())
	return any(
		p.permlevel == 3 and p.read and p.role in roles for p in frappe.get_meta(LEVEL_3_DOCTYPE).permissions
	)


def check_field(value, doctype: str | None = None) -> None:
	if value is None or value == "":
		return
	if not isinstance(value, str):
		_refuse(value)
	check_level_3(value)
	if FIELD.fullmatch(value):
		return
	linked = LINKED.fullmatch(value)
	if not linked or not _may_join(doctype, linked["link"], linked["column"].strip("`")):
		_refuse(value)


def _may_join(doctype: str | None, link: str, column: str) -> bool:
	"""A link's column may be fetched when the link is a Link field of the DocType asked for, and
	the linked DocType is not restricted, or the column is its title."""
	if not doctype or not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		return False
	field = frappe.get_meta(doctype).get_field(link)
	if not field or field.fieldtype != "Link" or not field.options:
		return False
	target = frappe.get_meta(field.options)
	return field.options not in RESTRICTED or column in ("name", target.title_field)


def check_sort(value) -> None:
	if value is None or value == "":
		return
	if not isinstance(value, str):
		_refuse(value)
	for part in value.split(","):
		if not SORT.fullmatch(part):
			_refuse(part)
		check_level_3(part)


def _check_condition(row: list | tuple) -> None:
	"""[field, operator, value] or [doctype, field, operator, value] (a fifth item is ignored)."""
	row = list(row)
	if len(row) >= 4:
		if not isinstance(row[0], str) or not DOCTYPE.fullmatch(row[0]):
			_refuse(row[0])
		field, operator = row[1], row[2]
	elif len(row) == 3:
		field, operator = row[0], row[1]
	else:
		_refuse(row)
	if not isinstance(field, str) or not FILTER_FIELD.fullmatch(field):
		_refuse(field)
	check_level_3(field)
	if not isinstance(operator, str) or operator.strip().lower() not in OPERATORS:
		_refuse(operator)


def check_filters(value) -> None:
	value = _decoded(value)
	if value is None or isinstance(value, str | int | float):
		return  # a document's name
	if isinstance(value, dict):
		for field, condition in value.items():
			if not FILTER_FIELD.fullmatch(str(field)):
				_refuse(field)
			check_level_3(field)
			if isinstance(condition, list | tuple) and condition and isinstance(condition[0], str):
				if condition[0].strip().lower() not in OPERATORS:
					_refuse(condition[0])
		return
	if isinstance(value, list | tuple):
		for row in value:
			if isinstance(row, dict):
				check_filters(row)
			elif isinstance(row, list | tuple):
				_check_condition(row)
			else:
				_refuse(row)
		return
	_refuse(value)


def check_argument(key: str, value, doctype: str | None = None) -> None:
	if key in FIELD_LISTS:
		value = _decoded(value)
		for field in value if isinstance(value, list | tuple) else [value]:
			if isinstance(field, dict):
				continue  # a document's field definitions (saved by system managers only)
			check_field(field, doctype)
	elif key in SINGLE_FIELDS:
		check_field(value)
	elif key in DOCTYPES and value not in (None, ""):
		if not isinstance(value, str) or not DOCTYPE.fullmatch(value):
			_refuse(value)
	elif key == "fieldname":
		value = _decoded(value)
		if not isinstance(value, dict):  # frappe.client.set_value takes {field: value} here
			for field in value if isinstance(value, list | tuple) else [value]:
				check_field(field)
	elif key in SORTS:
		check_sort(value)
	elif key in FILTERS:
		check_filters(value)
	elif key in CHOICES and value not in (None, ""):
		if str(value).strip().lower() not in CHOICES[key]:
			_refuse(value)
	elif key == "debug" and frappe.utils.sbool(value):
		_refuse(key)


def _method() -> str:
	if frappe.form_dict.get("cmd"):
		return str(frappe.form_dict.cmd)
	path = frappe.request.path if getattr(frappe.local, "request", None) else ""
	for prefix in ("/api/method/", "/api/v1/method/", "/api/v2/method/"):
		if path.startswith(prefix):
			return path[len(prefix) :]
	return ""


def nesting(text: str) -> int:
	"""How deeply a JSON text nests its arrays and objects (strings are skipped)."""
	depth = deepest = 0
	in_string = escaped = False
	for char in text:
		if in_string:
			if escaped:
				escaped = False
			elif char == "\\":
				escaped = True
			elif char == '"':
				in_string = False
		elif char == '"':
			in_string = True
		elif char in "[{":
			depth += 1
			deepest = max(deepest, depth)
		elif char in "]}":
			depth -= 1
	return deepest


def check_shape(value, guest: bool) -> None:
	if not isinstance(value, str):
		return
	if guest and len(value) > GUEST_ARGUMENT:
		frappe.throw(_("The request is too large."), Malformed, title=_("Not permitted"))
	if value.lstrip()[:1] in ("[", "{") and nesting(value) > NESTING:
		frappe.throw(_("The request nests its data too deeply."), Malformed, title=_("Not permitted"))


def _resource_doctype() -> str | None:
	"""The DocType of /api/resource/<doctype> and /api/v2/document/<doctype>."""
	path = frappe.request.path if getattr(frappe.local, "request", None) else ""
	for prefix in ("/api/resource/", "/api/v1/resource/", "/api/v2/document/"):
		if path.startswith(prefix):
			return urllib.parse.unquote(path[len(prefix) :].split("/")[0])
	return None


def trusted(user: str) -> bool:
	return user == "Administrator" or "System Manager" in frappe.get_roles(user)


def check_request() -> None:
	"""``before_request``: refuse SQL where a list query expects a field, filter or sort."""
	if trusted(frappe.session.user):
		return
	method = _method()
	guest = frappe.session.user == "Guest"
	doctype = frappe.form_dict.get("doctype") or _resource_doctype()
	for key, value in frappe.form_dict.items():
		check_shape(value, guest)
		check_argument(key, value, doctype)
		if key in QUERY_DOCS and method in QUERY_DOC_METHODS:
			doc = _decoded(value)
			if isinstance(doc, dict):
				for inner_key, inner in doc.items():
					check_argument(inner_key, inner)
	if method in RUN_AS_METHODS and frappe.form_dict.get("user") not in (None, "", frappe.session.user):
		_refuse("user")
	if frappe.form_dict.get("run") not in (None, "", 1, "1", True, "true"):
		_refuse("run")
