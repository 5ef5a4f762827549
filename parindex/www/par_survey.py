"""The answering page: /par-survey?token=… (invitation) or /par-survey?survey=…&unit=… (anonymous).

The page is the same for every respondent, so Frappe's website cache serves it (in the site's language)
without building it again; the questions of the link come from :func:`parindex.par_survey.answering.load`
once the page is open, and the answers go to :func:`parindex.par_survey.answering.submit`. Nothing of
the link is written into the page by the server.
"""

from parindex.par_survey.answering import speak_site_language


def get_context(context):
	speak_site_language()  # a phone set to English still gets the Vietnamese page around the questions
	context.show_sidebar = False
	return context
