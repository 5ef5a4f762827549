"""Answer counts for the surveys answered before they were kept (parindex.par_survey.counts)."""

import frappe


def execute():
	from parindex.par_survey import counts

	for survey in frappe.get_all("PAR Survey", pluck="name"):
		counts.rebuild(survey)
