"""Bench commands of ParIndex: ``bench --site SITE parindex-rebuild-survey-counts [SURVEY …]``."""

import click
from frappe.commands import get_site, pass_context


@click.command("parindex-rebuild-survey-counts")
@click.argument("surveys", nargs=-1)
@pass_context
def rebuild_survey_counts(context, surveys):
	"""Count survey answers again from the responses (every survey, or those named)."""
	import frappe

	from parindex.par_survey import counts

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		for survey in surveys or frappe.get_all("PAR Survey", pluck="name", order_by="name"):
			result = counts.rebuild(survey)
			frappe.db.commit()
			click.echo(f"{survey}: {result['rows']} counts, {result['differing']} were different")
	finally:
		frappe.destroy()


commands = [rebuild_survey_counts]
