"""The answering page: /par-survey?token=… (invitation) or /par-survey?survey=…&unit=… (anonymous)."""

import frappe

from parindex.par_survey.answering import load, speak_site_language

no_cache = 1


def get_context(context):
	args = frappe.form_dict
	speak_site_language()  # a phone set to English still gets the Vietnamese page around the questions
	context.no_cache = 1
	context.show_sidebar = False
	context.token, context.survey, context.unit = args.get("token"), args.get("survey"), args.get("unit")
	try:
		context.form = load(context.token, context.survey, context.unit)
	except frappe.ValidationError as error:
		frappe.clear_last_message()
		context.form = None
		context.error = str(error)
	return context
