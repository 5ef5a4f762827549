"""The public results page (/ket-qua): each published ranking for anyone, without signing in.

- ``/ket-qua``: the published rankings, newest year first;
- ``/ket-qua/<publication>``: its ranking by unit group (index, rank, band), a chart per field, the
  annex to download;
- ``/ket-qua/<publication>/<unit>``: the unit's results by field against the group, and its years.

Only what a submitted publication froze is shown: its entries and its results by field
(``field_entries``), never an assessment. PAR Settings' *public results page* switches it off (every
path answers "not found"). A publication never changes once submitted, so each page is rendered once per
language and kept whole in the cache (:class:`ResultsPage`); a publication submitted or cancelled, or
the settings saved, forgets them all.
"""

from __future__ import annotations

from urllib.parse import unquote

import frappe
from frappe import _
from frappe.website.page_renderers.not_found_page import NotFoundPage
from frappe.website.page_renderers.template_page import TemplatePage
from frappe.website.utils import build_response

from parindex.settings import setting

ROUTE = "ket-qua"
CACHE = "parindex_results_pages"


def enabled() -> bool:
	return bool(setting("public_results_page"))


def forget_pages(*_args, **_kwargs) -> None:
	"""Forget every rendered results page (a publication submitted or cancelled, settings saved)."""
	frappe.cache.delete_value(CACHE)
	frappe.cache.delete_value("website_404")  # a page asked for before it was published


def publications() -> list[dict]:
	"""The latest submitted publication of each criteria set, newest year first."""
	table = frappe.qb.DocType("PAR Ranking Publication")
	rows = (
		frappe.qb.from_(table)
		.select(
			table.name,
			table.criteria_set,
			table.year,
			table.unit_group,
			table.decision_no,
			table.decision_date,
		)
		.where(table.docstatus == 1)
		.orderby(table.year, order=frappe.qb.desc)
		.orderby(table.decision_date, order=frappe.qb.desc)
		.orderby(table.creation, order=frappe.qb.desc)
		.run(as_dict=True)
	)
	latest, seen = [], set()
	for row in rows:
		if row.criteria_set not in seen:
			seen.add(row.criteria_set)
			latest.append(row)
	return latest


def publication(name: str) -> dict | None:
	"""A submitted publication's heading; None for any other name (a draft, a cancelled one)."""
	found = frappe.db.get_value(
		"PAR Ranking Publication",
		{"name": name, "docstatus": 1},
		["name", "criteria_set", "year", "unit_group", "decision_no", "decision_date"],
		as_dict=True,
	)
	return found or None


def entries(name: str) -> list[dict]:
	entry = frappe.qb.DocType("PAR Ranking Entry")
	return (
		frappe.qb.from_(entry)
		.select(
			entry.rank,
			entry.unit,
			entry.appraised_total,
			entry.survey_total,
			entry.final_total,
			entry.total_max,
			entry.index,
			entry.classification,
		)
		.where((entry.parent == name) & (entry.parenttype == "PAR Ranking Publication"))
		.orderby(entry.idx)
		.run(as_dict=True)
	)


def field_entries(name: str, unit: str | None = None) -> list[dict]:
	table = frappe.qb.DocType("PAR Ranking Field Entry")
	query = (
		frappe.qb.from_(table)
		.select(
			table.unit, table.field_code, table.field_title, table.final_points, table.maximum, table.index
		)
		.where((table.parent == name) & (table.parenttype == "PAR Ranking Publication"))
		.orderby(table.idx)
	)
	if unit is not None:
		query = query.where(table.unit == unit)
	return query.run(as_dict=True)


def field_summary(name: str) -> list[dict]:
	"""Per field: its title and the average, lowest and highest sub-index over the group's units."""
	fields: dict[str, dict] = {}
	for row in field_entries(name):
		field = fields.setdefault(
			row.field_code, {"code": row.field_code, "title": row.field_title, "values": []}
		)
		field["values"].append(row.index or 0)
	for field in fields.values():
		values = field.pop("values")
		field.update(average=sum(values) / len(values), lowest=min(values), highest=max(values))
	return list(fields.values())


def satisfaction(name: str) -> dict[str, dict]:
	"""The satisfaction the publication froze, by unit ("" for the province), with its elements in the
	method's order as (label, index) pairs."""
	from parindex.par_survey.sipas import LABELS
	from parindex.scoring.satisfaction import ELEMENTS

	table = frappe.qb.DocType("PAR Ranking Satisfaction")
	rows = (
		frappe.qb.from_(table)
		.select(table.unit, table.sipas_index, table.answers, *[table[e] for e in ELEMENTS])
		.where((table.parent == name) & (table.parenttype == "PAR Ranking Publication"))
		.run(as_dict=True)
	)
	return {
		row.unit or "": {
			"index": row.sipas_index,
			"answers": row.answers,
			"elements": [(_(LABELS[e]), row[e]) for e in ELEMENTS],
		}
		for row in rows
	}


def unit_years(unit: str) -> list[dict]:
	"""The unit in every latest publication it was ranked in: year, group, index, rank, band, units."""
	found = []
	for heading in publications():
		rows = entries(heading.name)
		mine = next((row for row in rows if row.unit == unit), None)
		if mine:
			found.append({**heading, **mine, "units": len(rows)})
	return found


def page_context(publication_name: str | None, unit: str | None) -> dict | None:
	"""What the page shows at a path; None when there is nothing to show there (not found)."""
	if not publication_name:
		return {"view": "list", "publications": publications()}
	heading = publication(publication_name)
	if heading is None:
		return None
	ranking = entries(heading.name)
	if unit is None:
		return {
			"view": "ranking",
			"publication": heading,
			"entries": ranking,
			"fields": field_summary(heading.name),
			"satisfaction": satisfaction(heading.name).get(""),
		}
	mine = next((row for row in ranking if row.unit == unit), None)
	if mine is None:
		return None
	averages = {field["code"]: field["average"] for field in field_summary(heading.name)}
	return {
		"view": "unit",
		"publication": heading,
		"entry": mine,
		"units": len(ranking),
		"fields": [
			{**row, "average": averages.get(row.field_code)} for row in field_entries(heading.name, unit)
		],
		"years": unit_years(unit),
		"satisfaction": (found := satisfaction(heading.name)).get(unit),
		"province_satisfaction": found.get(""),
	}


class ResultsPage(TemplatePage):
	"""Renders every path under /ket-qua from the template ``www/ket-qua.html`` and keeps each page
	whole, per path and language, until a publication or the settings change (:func:`forget_pages`)."""

	def __init__(self, path, http_status_code=None):
		self.request_path = (path or "").strip("/")
		super().__init__(ROUTE, http_status_code)

	def can_render(self):
		return self.request_path == ROUTE or self.request_path.startswith(ROUTE + "/")

	def render(self):
		key = f"{frappe.local.lang}|{self.request_path}"
		html = frappe.cache.hget(CACHE, key)
		if html is None:
			parts = [unquote(part) for part in self.request_path.split("/")[1:] if part]
			context = (
				page_context(parts[0] if parts else None, "/".join(parts[1:]) or None) if enabled() else None
			)
			if context is None:
				return NotFoundPage(self.request_path).render()
			frappe.local.parindex_results = context
			html = TemplatePage.get_html.__wrapped__(self)  # rendered here, kept below: not by path
			frappe.cache.hset(CACHE, key, html)
		else:
			frappe.local.response.from_cache = True
		return build_response(self.request_path, self.add_csrf_token(html), self.http_status_code or 200)


@frappe.whitelist(allow_guest=True, methods=["GET"])
def annex(publication: str):
	"""The published ranking's annex (.xlsx), for anyone while the public results page is on."""
	from parindex.par_ranking.report.par_ranking.par_ranking import annex_workbook

	heading = frappe.get_doc("PAR Ranking Publication", publication) if enabled() else None
	if heading is None or heading.docstatus != 1:
		raise frappe.DoesNotExistError(_("No published ranking {0}.").format(publication))
	rows = [row.as_dict() for row in heading.entries]
	content = annex_workbook(heading.year, heading.unit_group, rows, heading.as_dict())
	frappe.response["filename"] = f"Phu-luc-xep-hang-{heading.criteria_set}.xlsx"
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"
