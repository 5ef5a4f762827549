"""Satisfaction surveys (SIPAS) on a site: the questionnaire the method asks for, ready to open as a PAR
Survey, and each unit's and the province's satisfaction from the survey's kept counts
(:mod:`parindex.scoring.satisfaction` holds the method).

A SIPAS survey is an ordinary PAR Survey whose questions name their element and whose answers say which
count as satisfied: it is answered on the same page, imported from the same paper forms, and its
questions feed the criterion of the criteria set that takes the satisfaction points, as any survey's do.
"""

from __future__ import annotations

import frappe
from frappe import _

from parindex.par_survey import counts
from parindex.scoring import satisfaction as core

#: the element of a question as the form shows it → the method's name for it
ELEMENTS = {
	"Access to the service": "access",
	"Administrative procedure": "procedure",
	"Civil servants": "civil_servants",
	"Result of the service": "result",
	"Receiving and handling feedback": "feedback",
}
LABELS = {key: label for label, key in ELEMENTS.items()}
GROUP = "Người dân, tổ chức"
#: the five-point scale, from very dissatisfied to very satisfied: (letter, label, weight, satisfied)
SCALE = (
	("A", "Rất không hài lòng", 0, 0),
	("B", "Không hài lòng", 25, 0),
	("C", "Bình thường", 50, 0),
	("D", "Hài lòng", 75, 1),
	("E", "Rất hài lòng", 100, 1),
)
#: the questionnaire: each element's questions (mức độ hài lòng của Ông/Bà về …)
QUESTIONS = (
	("Access to the service", "Nơi ngồi chờ, trang thiết bị phục vụ tại Bộ phận Một cửa"),
	("Access to the service", "Việc tiếp cận dịch vụ công trực tuyến, cổng dịch vụ công"),
	("Access to the service", "Thông tin hướng dẫn về địa điểm, thời gian làm việc"),
	("Administrative procedure", "Thủ tục hành chính được niêm yết công khai, đầy đủ, chính xác"),
	("Administrative procedure", "Thành phần hồ sơ phải nộp đúng quy định"),
	("Administrative procedure", "Phí, lệ phí phải nộp đúng quy định"),
	("Administrative procedure", "Thời hạn giải quyết đúng quy định"),
	("Civil servants", "Thái độ giao tiếp, lịch sự của công chức"),
	("Civil servants", "Công chức chú ý lắng nghe ý kiến của Ông/Bà"),
	("Civil servants", "Công chức hướng dẫn kê khai hồ sơ tận tình, dễ hiểu"),
	("Civil servants", "Công chức tuân thủ đúng quy định trong giải quyết công việc"),
	("Result of the service", "Kết quả nhận được đúng quy định"),
	("Result of the service", "Kết quả có thông tin đầy đủ, chính xác"),
	("Result of the service", "Thời gian nhận kết quả đúng hẹn"),
	("Receiving and handling feedback", "Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị"),
	("Receiving and handling feedback", "Góp ý, phản ánh, kiến nghị được tiếp nhận, xử lý tích cực"),
	("Receiving and handling feedback", "Kết quả xử lý được thông báo kịp thời"),
)


@frappe.whitelist(methods=["POST"])
def new_sipas_survey(criteria_set: str, criterion: str) -> str:
	"""A draft satisfaction survey of the set: the SIPAS questionnaire on the five-point scale, every
	question feeding the set's survey criterion that takes the satisfaction points."""
	frappe.only_for(("PAR Manager", "System Manager"))
	found = frappe.db.get_value(
		"PAR Criterion", criterion, ["criteria_set", "rule_kind", "code", "title"], as_dict=True
	)
	if not found or found.criteria_set != criteria_set or found.rule_kind != "Survey":
		frappe.throw(
			_("Choose a criterion of {0} whose points come from the survey.").format(criteria_set),
			title=_("The satisfaction survey was not created"),
		)
	year = frappe.db.get_value("PAR Criteria Set", criteria_set, "year")
	doc = frappe.get_doc(
		{
			"doctype": "PAR Survey",
			"title": _("Satisfaction with the administration's service (SIPAS) {0}").format(year),
			"criteria_set": criteria_set,
			"status": "Draft",
			"respondent_groups": [{"group_name": GROUP}],
			"answer_options": [
				{"letter": letter, "label": label, "weight": weight, "satisfied": happy}
				for letter, label, weight, happy in SCALE
			],
			"questions": [
				{
					"number": number,
					"question": text,
					"respondent_group": GROUP,
					"criterion": criterion,
					"element": element,
				}
				for number, (element, text) in enumerate(QUESTIONS, start=1)
			],
		}
	).insert()
	return doc.name


def is_sipas(survey_doc) -> bool:
	return any(q.element for q in survey_doc.questions)


def of_survey(survey_doc) -> dict[str, core.Satisfaction]:
	"""Each unit's satisfaction and the province's (key ``""``), from the survey's kept counts."""
	element_of = {q.number: ELEMENTS[q.element] for q in survey_doc.questions if q.element in ELEMENTS}
	satisfied = {o.letter for o in survey_doc.answer_options if o.satisfied}
	if not element_of:
		return {}
	return core.satisfaction(counts.read(survey_doc.name), element_of, satisfied)


def sipas_surveys(criteria_set: str, closed_only: bool = True) -> list[str]:
	"""The satisfaction surveys of a set (closed ones: their answers are final)."""
	question = frappe.qb.DocType("PAR Survey Question")
	survey = frappe.qb.DocType("PAR Survey")
	query = (
		frappe.qb.from_(survey)
		.join(question)
		.on((question.parent == survey.name) & (question.parenttype == "PAR Survey"))
		.select(survey.name)
		.distinct()
		.where((survey.criteria_set == criteria_set) & (question.element > ""))
		.orderby(survey.name)
	)
	if closed_only:
		query = query.where(survey.status == "Closed")
	return query.run(pluck=True)
