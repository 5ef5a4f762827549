"""Chart source "PAR Assessments by State": this year's assessments per workflow state."""

import frappe

from parindex.par_ranking.dashboard import state_chart


@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
) -> dict:
	"""Not cached on purpose: each user counts what they may read, named in their language."""
	return state_chart(filters)
