"""Paper forms: a blank workbook per survey, and importing the filled workbook (all or nothing)."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from parindex import jobs
from parindex.par_index import criteria
from parindex.par_index.criteria_io import file_content
from parindex.par_survey import counts
from parindex.refusals import existing
from parindex.scoring.errors import ScoringError
from parindex.workbooks.survey import read_paper_forms, write_paper_template


def _lang() -> str:
	return "vi" if (frappe.local.lang or "").startswith("vi") else "en"


@frappe.whitelist()
def download_paper_template(survey: str):
	survey_doc = existing("PAR Survey", survey)
	survey_doc.check_permission("read")
	questions = [
		(q.number, q.question, q.respondent_group)
		for q in sorted(survey_doc.questions, key=lambda q: q.number)
	]
	content = write_paper_template(
		questions, [(o.letter, o.label) for o in survey_doc.answer_options], _lang()
	)
	frappe.response["filename"] = f"{survey}-paper.xlsx"
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"


#: a workbook of paper forms larger than this (about 10,000 forms) is imported in the background
BACKGROUND_BYTES = 1_000_000


@frappe.whitelist(methods=["POST"])
def import_paper_forms(survey: str, file_url: str) -> dict:
	survey_doc = existing("PAR Survey", survey)
	survey_doc.check_permission("write")
	content = file_content(file_url, "PAR Survey", survey)
	if len(content) > BACKGROUND_BYTES:
		return jobs.start(
			"parindex.par_survey.paper.import_job",
			_("Importing paper forms"),
			"PAR Survey",
			survey,
			survey=survey,
			file_url=file_url,
		)
	return import_forms(survey_doc, content)


def import_job(survey: str, file_url: str, progress=None) -> dict:
	survey_doc = existing("PAR Survey", survey)
	survey_doc.check_permission("write")
	result = import_forms(survey_doc, file_content(file_url, "PAR Survey", survey), progress)
	return {**result, "message": _("{0} paper forms imported").format(result["imported"])}


def import_forms(survey_doc, content: bytes, progress=None) -> dict:
	"""Validate every row, then write every response in one bulk insert (or nothing)."""
	unit_group = frappe.db.get_value("PAR Criteria Set", survey_doc.criteria_set, "unit_group")
	units = set(frappe.get_all("PAR Unit", filters={"unit_group": unit_group, "is_group": 0}, pluck="name"))
	asked: dict[str, set[int]] = {g.group_name: set() for g in survey_doc.respondent_groups}
	for question in survey_doc.questions:
		asked.setdefault(question.respondent_group, set()).add(question.number)
	progress = progress or jobs.quiet
	progress(0, 3, _("Reading the workbook"))
	try:
		forms = read_paper_forms(content, asked, {o.letter for o in survey_doc.answer_options}, units)
	except ScoringError as error:
		criteria.throw_problems(error.problems, _("The paper forms were not imported"))
	progress(1, 3, _("Writing the responses"))
	counts.record_forms(
		survey_doc.name, ((form.unit, form.group, form.answers) for form in forms), now_datetime()
	)
	survey_doc.add_comment("Info", _("Imported {0} paper forms.").format(len(forms)))
	return {"imported": len(forms)}
