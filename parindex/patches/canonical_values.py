"""Reported and appraised values in the one form each rule kind stores (parindex.scoring.entry):
"Có" becomes "Yes", "31/12/2025" becomes "2025-12-31", "Đúng hạn" becomes "On time", so the typed
controls of the form show them. A value a rule cannot read is left as it was (the form shows it)."""

import frappe

from parindex.par_assessment.lines import compiled_set
from parindex.scoring.entry import canonical
from parindex.scoring.errors import ScoringError


def execute():
	sets = dict(frappe.get_all("PAR Assessment", fields=["name", "criteria_set"], as_list=True))
	rows = frappe.get_all(
		"PAR Assessment Line",
		filters={"parenttype": "PAR Assessment"},
		fields=["name", "parent", "code", "self_input", "appraised_input"],
	)
	for row in rows:
		criteria_set = sets.get(row.parent)
		if not criteria_set:
			continue
		node = compiled_set(criteria_set).tree.nodes.get(row.code)
		if node is None or node.rule is None:
			continue
		changed = {}
		for column in ("self_input", "appraised_input"):
			value = row.get(column)
			if not (value or "").strip():
				continue
			try:
				stored = canonical(node.rule, node.code, value)
			except ScoringError:
				continue
			if stored != value:
				changed[column] = stored
		if changed:
			frappe.db.set_value("PAR Assessment Line", row.name, changed, update_modified=False)
