"""Results by field for the rankings published before they were frozen with them (the public results
page shows them): taken from the approved assessments each publication ranked, which no longer change."""

import frappe


def execute():
	from parindex.par_ranking.ranking import field_entries

	for name in frappe.get_all("PAR Ranking Publication", {"docstatus": 1}, pluck="name"):
		if frappe.db.exists("PAR Ranking Field Entry", {"parent": name}):
			continue
		doc = frappe.get_doc("PAR Ranking Publication", name)
		for values in field_entries(doc.entries):
			doc.append("field_entries", values).db_insert()
