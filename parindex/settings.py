"""The numbers a province tunes, from PAR Settings (a Single DocType), with the shipped defaults.

The defaults live in the DocType (``par_settings.json``): a field never saved answers its default.
Reading is one query of the settings' stored values, not cached across requests, so a change made in
the desk applies at once.

>>> # in a site: setting("survey_answers_per_hour") → 30 until a manager changes it
"""

from __future__ import annotations

import frappe
from frappe.utils import cast

from parindex.process import OVERSEER_ROLES

SHIPPED_OVERSEERS = frozenset(OVERSEER_ROLES - {"System Manager"})

DOCTYPE = "PAR Settings"
#: the bands a new site starts with (those of the sample criteria set)
SHIPPED_BANDS = (("Tốt", 90), ("Khá", 80), ("Trung bình", 70), ("Yếu", 0))
#: remembered for the request, forgotten when the settings are saved
_OVERSEERS = "parindex_overseer_roles"


def setting(fieldname: str):
	df = frappe.get_meta(DOCTYPE).get_field(fieldname)
	stored = frappe.db.get_singles_dict(DOCTYPE)
	value = stored.get(fieldname)
	if value in (None, ""):
		value = df.default
	return cast(df.fieldtype, value)


def overseer_roles() -> frozenset[str]:
	"""The roles that read every unit's assessment (PAR Settings; the shipped ones until it is saved)."""
	roles = getattr(frappe.local, _OVERSEERS, None)
	if roles is None:
		if frappe.db.get_singles_dict(DOCTYPE):
			roles = frozenset(
				frappe.get_all(
					"PAR Overseer Role", filters={"parent": DOCTYPE, "parenttype": DOCTYPE}, pluck="role"
				)
			)
		else:
			roles = SHIPPED_OVERSEERS
		setattr(frappe.local, _OVERSEERS, roles)
	return roles | {"System Manager"}


def forget() -> None:
	"""Settings were saved (or a test rolled them back): read them again."""
	setattr(frappe.local, _OVERSEERS, None)


def default_bands() -> list[dict]:
	rows = frappe.get_all(
		"PAR Classification Band",
		filters={"parent": DOCTYPE, "parenttype": DOCTYPE, "parentfield": "default_bands"},
		fields=["band_label", "min_index"],
		order_by="min_index desc",
	)
	return [{"band_label": r.band_label, "min_index": r.min_index} for r in rows]


def ship_settings() -> None:
	"""On install (and, once, on sites installed before): the settings with their defaults, the shipped
	bands and the roles that see every unit, where missing. Frappe may already have stored a Single's
	defaults when it created the DocType, so each part is checked on its own."""
	settings = frappe.get_single(DOCTYPE)
	stored = frappe.db.get_singles_dict(DOCTYPE)
	for df in settings.meta.fields:
		if df.default is not None and stored.get(df.fieldname) in (None, ""):
			settings.set(df.fieldname, cast(df.fieldtype, df.default))
	if not settings.default_bands:
		for label, minimum in SHIPPED_BANDS:
			settings.append("default_bands", {"band_label": label, "min_index": minimum})
	if not settings.overseer_roles:
		for role in sorted(SHIPPED_OVERSEERS):
			settings.append("overseer_roles", {"role": role})
	settings.save(ignore_permissions=True)


@frappe.whitelist()
def bands_for_new_set() -> list[dict]:
	"""The default bands, for the form of a new criteria set."""
	frappe.has_permission("PAR Criteria Set", "create", throw=True)
	return default_bands()
