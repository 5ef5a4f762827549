"""The public results page, /ket-qua: rendered and kept by :class:`parindex.par_ranking.public.ResultsPage`,
which decides what the path shows; this only hands it to the template."""

import frappe

from parindex.par_survey.answering import speak_site_language


def get_context(context):
	found = getattr(frappe.local, "parindex_results", None)
	if not found:
		raise frappe.DoesNotExistError
	speak_site_language()
	context.update(found)
	context.no_cache = 1  # kept whole by the renderer, per path
	context.show_sidebar = False
	context.title = frappe._("PAR index results")
	return context
