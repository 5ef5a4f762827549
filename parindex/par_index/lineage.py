"""Units through mergers on a site: the predecessors recorded on each PAR Unit, the province's rule for
combining them (PAR Settings), and the tool that merges units for a new year
(:mod:`parindex.scoring.lineage` holds the method)."""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

from parindex.par_index.criteria import throw_problems
from parindex.scoring import lineage as core
from parindex.scoring.numbers import to_decimal
from parindex.settings import setting

RULES = {
	"Weighted by population": core.POPULATION,
	"Best predecessor": core.BEST,
	"Mean of predecessors": core.MEAN,
}


def rule() -> str:
	return RULES.get(setting("history_combination"), core.POPULATION)


def load() -> dict[str, list[core.Predecessor]]:
	"""Every unit's predecessors, each with its population as weight."""
	row = frappe.qb.DocType("PAR Unit Predecessor")
	unit = frappe.qb.DocType("PAR Unit")
	rows = (
		frappe.qb.from_(row)
		.left_join(unit)
		.on(unit.name == row.predecessor)
		.select(row.parent, row.predecessor, row.change, row.from_date, unit.population)
		.where(row.parenttype == "PAR Unit")
		.orderby(row.idx)
		.run(as_dict=True)
	)
	found: dict[str, list[core.Predecessor]] = defaultdict(list)
	for r in rows:
		weight = to_decimal(r.population) if r.population else None
		found[r.parent].append(core.Predecessor(r.predecessor, r.change, getdate(r.from_date), weight))
	return dict(found)


def check(doc) -> None:
	"""A unit's predecessors: other units, each once, no circle (PAR Unit's validation)."""
	rows = [
		core.Predecessor(p.predecessor, p.change, getdate(p.from_date)) for p in doc.get("predecessors") or []
	]
	if not rows:
		return
	problems = core.lineage_problems(doc.name or doc.unit_name, rows, load())
	if problems:
		throw_problems(problems, _("The predecessors were not saved"))


@frappe.whitelist(methods=["POST"])
def merge_units(units: str | list, new_unit: str, from_date: str, unit_group: str | None = None) -> str:
	"""Merge units into a new one from a date: the new unit records them as predecessors (its population
	their sum, its parent theirs when they share one), and they are disabled, so the next year's
	assessments go to the new unit only. Their results stay theirs; the new unit's history is made of
	them."""
	frappe.only_for(("PAR Manager", "System Manager"))
	names = frappe.parse_json(units) if isinstance(units, str) else list(units or [])
	names = [name for name in dict.fromkeys(names) if name]
	title = _("The units were not merged")
	if len(names) < 2:
		frappe.throw(_("Choose at least two units to merge."), title=title)
	new_unit = (new_unit or "").strip()
	if not new_unit:
		frappe.throw(_("Name the unit they form."), title=title)
	if frappe.db.exists("PAR Unit", new_unit):
		frappe.throw(_("A unit named {0} exists already.").format(new_unit), title=title)
	if not from_date:
		frappe.throw(_("Give the date the merger takes effect."), title=title)
	found = frappe.get_all(
		"PAR Unit",
		filters={"name": ("in", names)},
		fields=["name", "unit_group", "population", "is_group", "disabled", "parent_par_unit"],
	)
	missing = sorted(set(names) - {row.name for row in found})
	if missing:
		frappe.throw(_("No such unit: {0}.").format(", ".join(missing)), title=title)
	refused = [row.name for row in found if row.is_group or row.disabled]
	if refused:
		frappe.throw(_("Only active units can be merged, not {0}.").format(", ".join(refused)), title=title)
	groups = {row.unit_group for row in found}
	if not unit_group and len(groups) > 1:
		frappe.throw(_("The units are in different unit groups: choose the new unit's group."), title=title)
	doc = frappe.get_doc(
		{
			"doctype": "PAR Unit",
			"unit_name": new_unit,
			"unit_group": unit_group or groups.pop(),
			"population": sum(row.population or 0 for row in found) or None,
			# under the predecessors' parent unit when they share one
			"parent_par_unit": found[0].parent_par_unit
			if len({row.parent_par_unit for row in found}) == 1
			else None,
			"predecessors": [
				{"predecessor": name, "change": core.MERGED, "from_date": from_date} for name in names
			],
		}
	).insert()
	for name in names:
		frappe.db.set_value("PAR Unit", name, "disabled", 1)
	return doc.name


def predecessors_of(units, lineage: dict) -> set[str]:
	"""Every unit the given ones were formed from, however far back."""
	found, stack = set(), list(units)
	while stack:
		for predecessor in lineage.get(stack.pop(), []):
			if predecessor.unit not in found:
				found.add(predecessor.unit)
				stack.append(predecessor.unit)
	return found


def fill_from_predecessors(found: dict, units: list[str], year: int, fetch, merge) -> None:
	"""For each unit without results in ``year`` (``found``: unit → code → value), its predecessors'
	results, code by code: ``fetch(units)`` gives theirs in the same shape, ``merge(values, rule)``
	combines one code's [(value, weight)] of the stand-ins."""
	missing = [unit for unit in units if not found.get(unit)]
	if not missing:
		return
	lineage = load()
	earlier = predecessors_of(missing, lineage)
	if not earlier:
		return
	theirs = fetch(sorted(earlier))
	how = rule()
	for unit in missing:
		sources = core.stand_ins(unit, year, lineage, lambda name: bool(theirs.get(name)))
		codes = dict.fromkeys(code for source, _weight in sources for code in theirs[source])
		combined = {}
		for code in codes:
			values = [(theirs[source][code], weight) for source, weight in sources if code in theirs[source]]
			combined[code] = merge(values, how)
		if combined:
			found[unit] = combined
