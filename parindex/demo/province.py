"""A believable demo province: ``bench --site SITE execute parindex.demo.province.load``.

20 departments and 60 communes in their unit groups; users of every role (password ``Demo@2025``);
this year's assessments in every workflow state, with evidence files; a survey with responses; and last
year's approved assessments with a published ranking, so the year-over-year views have history.
Vietnamese becomes the site's language. Running it again changes nothing.
"""

from __future__ import annotations

import datetime
import random

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate

from parindex.demo import documents as demo_documents
from parindex.demo.values import Calendar, calendar, field_left_open, plan_states, reported_value
from parindex.par_assessment import evidence_reader, lines
from parindex.par_assessment.creation import insert_assessments, missing_units
from parindex.par_assessment.workflow import grant_unit
from parindex.par_index.lineage import merge_units
from parindex.process import SHIPPED_STATES
from parindex.sample import criteria_set_from_sample

PASSWORD = "Demo@2025"
PROVINCE = "Tỉnh Demo"
DEPARTMENTS = (
	"Văn phòng UBND tỉnh",
	"Sở Nội vụ",
	"Sở Tư pháp",
	"Sở Tài chính",
	"Sở Xây dựng",
	"Sở Y tế",
	"Sở Giáo dục và Đào tạo",
	"Sở Công Thương",
	"Sở Nông nghiệp và Môi trường",
	"Sở Khoa học và Công nghệ",
	"Sở Văn hóa, Thể thao và Du lịch",
	"Sở Dân tộc và Tôn giáo",
	"Sở Ngoại vụ",
	"Thanh tra tỉnh",
	"Ban Quản lý các khu công nghiệp",
	"Sở Giao thông vận tải",
	"Sở Lao động - Thương binh và Xã hội",
	"Sở Kế hoạch và Đầu tư",
	"Sở Thông tin và Truyền thông",
	"Sở Tài nguyên và Môi trường",
)
PLACES = (
	"An Bình",
	"An Phú",
	"Bình Minh",
	"Bình Thạnh",
	"Cẩm Lệ",
	"Châu Thành",
	"Đông Hòa",
	"Hòa Thuận",
	"Hòa Phú",
	"Hưng Long",
	"Kim Sơn",
	"Long Điền",
	"Mỹ Hòa",
	"Nam Thành",
	"Ngọc Lâm",
	"Phú Lộc",
	"Phước Hải",
	"Quang Trung",
	"Tân Lập",
	"Tân Phú",
	"Thạnh Mỹ",
	"Thuận An",
	"Tiên Phước",
	"Trung Hòa",
	"Vĩnh Hưng",
	"Xuân Lộc",
	"Yên Bình",
	"Đức Thắng",
	"Hải Châu",
	"Sơn Trà",
)
COMMUNES = tuple(f"{kind} {place}" for kind in ("Xã", "Phường") for place in PLACES)
GROUPS = {"Sở, ban, ngành": DEPARTMENTS, "UBND cấp xã": COMMUNES}
PATH = {  # the actions that bring a Draft assessment to each state
	"Draft": (),
	"Submitted": ("Submit for Appraisal",),
	"Under Appraisal": ("Submit for Appraisal", "Start Appraisal"),
	"Explanation Requested": ("Submit for Appraisal", "Start Appraisal", "Request Explanation"),
	"Explained": ("Submit for Appraisal", "Start Appraisal", "Request Explanation", "Send Explanation"),
	"Appraised": ("Submit for Appraisal", "Start Appraisal", "Finish Appraisal"),
	"Approved": ("Submit for Appraisal", "Start Appraisal", "Finish Appraisal", "Approve"),
}
USERS = (
	# (user, full name, roles, unit)
	("quantri@demo.parindex.vn", "Quản trị Chỉ số CCHC", ("PAR Manager",), None),
	("thamdinh1@demo.parindex.vn", "Thành viên Tổ giúp việc 1", ("PAR Appraiser",), None),
	("thamdinh2@demo.parindex.vn", "Thành viên Tổ giúp việc 2", ("PAR Appraiser",), None),
	("hoidong@demo.parindex.vn", "Thành viên Hội đồng thẩm định", ("PAR Council Member",), None),
	("canbo.noivu@demo.parindex.vn", "Cán bộ Sở Nội vụ", ("PAR Unit User",), "Sở Nội vụ"),
	("lanhdao.noivu@demo.parindex.vn", "Lãnh đạo Sở Nội vụ", ("PAR Unit User", "PAR Unit Head"), "Sở Nội vụ"),
	("canbo.tuphap@demo.parindex.vn", "Cán bộ Sở Tư pháp", ("PAR Unit User",), "Sở Tư pháp"),
	(
		"lanhdao.tuphap@demo.parindex.vn",
		"Lãnh đạo Sở Tư pháp",
		("PAR Unit User", "PAR Unit Head"),
		"Sở Tư pháp",
	),
	("canbo.anbinh@demo.parindex.vn", "Cán bộ UBND Xã An Bình", ("PAR Unit User",), "Xã An Bình"),
	(
		"lanhdao.anbinh@demo.parindex.vn",
		"Chủ tịch UBND Xã An Bình",
		("PAR Unit User", "PAR Unit Head"),
		"Xã An Bình",
	),
)


def load(departments: int = len(DEPARTMENTS), communes: int = len(COMMUNES), today=None) -> dict:
	"""Create the demo province and commit; return what was made."""
	result = create(departments, communes, today)
	frappe.db.commit()  # nosemgrep: run from the shell, not inside a request
	return result


def create(departments: int = len(DEPARTMENTS), communes: int = len(COMMUNES), today=None) -> dict:
	"""The demo province as of ``today`` (the real date when not given): the cycle of the year under way
	(self-assessment due in two weeks, the survey open) and last year's, approved and published."""
	dates = calendar(getdate(today))
	year = dates.year
	_site_settings()
	sizes = {"Sở, ban, ngành": departments, "UBND cấp xã": communes}
	_units(sizes)
	_users()
	made = {}
	for group in GROUPS:
		last = _criteria_set(group, year - 1, dates)
		current = _criteria_set(group, year, dates)
		if not frappe.db.exists("PAR Assessment", {"criteria_set": last}):
			_year(last, finished=True, dates=dates)
			_publish(last)
		if group == "UBND cấp xã":
			_merger(GROUPS[group][: sizes[group]], dates)
		if not frappe.db.exists("PAR Assessment", {"criteria_set": current}):
			_year(current, finished=False, dates=dates)
		made[group] = (last, current)
	return made


def _site_settings() -> None:
	"""A Vietnamese site, set up: language, time zone, date and number formats; no setup wizard."""
	settings = frappe.get_single("System Settings")
	settings.update(
		{
			"language": "vi",
			"time_zone": "Asia/Ho_Chi_Minh",
			"date_format": "dd/mm/yyyy",
			"number_format": "#.###,##",
			"setup_complete": 1,
			"allow_error_traceback": 0,  # production posture: no Python tracebacks in users' errors
		}
	)
	if frappe.db.exists("Country", "Vietnam"):
		settings.country = "Vietnam"
	settings.save()
	frappe.db.set_default("lang", "vi")
	frappe.db.set_default("desktop:home_page", "workspace")


def _units(sizes: dict[str, int]) -> None:
	_insert("PAR Unit", PROVINCE, {"unit_name": PROVINCE, "is_group": 1})
	for group, names in GROUPS.items():
		_insert("PAR Unit Group", group, {"group_name": group})
		block = f"Khối {group}"
		_insert("PAR Unit", block, {"unit_name": block, "is_group": 1, "parent_par_unit": PROVINCE})
		for name in names[: sizes[group]]:
			_insert("PAR Unit", name, {"unit_name": name, "unit_group": group, "parent_par_unit": block})


def _insert(doctype: str, name: str, values: dict) -> None:
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, **values}).insert()


def _users() -> None:
	for email, full_name, roles, unit in USERS:
		if frappe.db.exists("User", email):
			continue
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"language": "vi",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
			}
		).insert()
		user.add_roles(*roles)
		if unit and frappe.db.exists("PAR Unit", unit):
			grant_unit(email, unit)


def _criteria_set(group: str, year: int, dates: Calendar) -> str:
	name = frappe.db.get_value("PAR Criteria Set", {"unit_group": group, "year": year}, "name")
	if name:
		return name
	label = "các sở, ban, ngành" if group == "Sở, ban, ngành" else "UBND cấp xã"
	deadlines = (
		{
			"self_assessment_deadline": dates.self_assessment_deadline,
			"appraisal_deadline": dates.appraisal_deadline,
		}
		if year == dates.year
		else {}
	)
	set_doc = criteria_set_from_sample(f"Bộ chỉ số CCHC {label} năm {year}", year, group, **deadlines)
	set_doc.reload()
	for field in range(1, 9):
		appraiser = "thamdinh1@demo.parindex.vn" if field <= 4 else "thamdinh2@demo.parindex.vn"
		set_doc.append("appraisers", {"field": f"{set_doc.name}-{field}", "appraiser": appraiser})
	set_doc.status = "Active"
	set_doc.save()
	return set_doc.name


def _year(criteria_set: str, finished: bool, dates: Calendar) -> None:
	"""Assessments of every unit: filled, moved through the workflow, and surveyed."""
	set_doc = frappe.get_doc("PAR Criteria Set", criteria_set)
	insert_assessments(criteria_set, missing_units(set_doc))
	compiled = lines.compiled_set(criteria_set)
	rng = random.Random(f"{criteria_set}")
	rows = frappe.get_all(
		"PAR Assessment", filters={"criteria_set": criteria_set}, fields=["name", "unit"], order_by="name"
	)
	with_users = {unit for _email, _name, _roles, unit in USERS if unit}
	plan = plan_states([row.unit in with_users for row in rows], tuple(SHIPPED_STATES), finished)
	for row, (state, complete) in zip(rows, plan, strict=True):
		name, open_field = row.name, not finished and row.unit in with_users
		truth = _fill(
			name, compiled, rng, strength=rng.uniform(0.45, 0.95), complete=complete, open_field=open_field
		)
		for action in PATH[state]:
			_step(name, action, rng, compiled, truth)
	_survey(set_doc, rng, closed=finished, dates=dates)
	if finished:
		_sipas(set_doc, rng)


def _fill(
	name: str, compiled, rng: random.Random, strength: float, complete: bool, open_field: bool = False
) -> dict[str, str]:
	"""Values, evidence and reasons for a missing evidence. With ``open_field`` one field is left for the
	unit's official to enter: its values empty, two of its lines waiting for evidence.

	About one unit in four inflates some of its claims, as units do: the best value is claimed where the
	honest one was lower, with no evidence file. Returns those lines' honest values (code → value),
	which the support team finds on most of them when it appraises."""
	inflating = rng.random() < 0.25
	truth: dict[str, str] = {}
	doc = frappe.get_doc("PAR Assessment", name)
	left = field_left_open([(line.field_code, line.rule_kind) for line in doc.lines]) if open_field else None
	waiting = [
		line.code
		for line in doc.lines
		if line.field_code == left and line.evidence_required and line.rule_kind != "Survey"
	][:2]
	for line in doc.lines:
		node = compiled.tree[line.code]
		if line.field_code == left and line.code in waiting:
			continue
		if line.field_code == left:
			if line.evidence_required:
				line.no_evidence_reason = "Tài liệu lưu tại bộ phận văn thư."
			continue
		if line.rule_kind == "Survey" or (not complete and rng.random() < 0.5):
			continue
		line.self_input = reported_value(node.rule, node.max_score, rng, strength)
		if inflating and rng.random() < 0.3:
			best = reported_value(node.rule, node.max_score, rng, 1.0)
			if best is not None and _points(node, best) > _points(node, line.self_input):
				truth[line.code], line.self_input = line.self_input, best
				if line.evidence_required:
					line.no_evidence_reason = "Đơn vị đã thực hiện đầy đủ."
				continue
		if line.evidence_required:
			# most claims come with a document; some with a reason instead
			line.no_evidence_reason = (
				"" if rng.random() < 0.85 else "Văn bản đã gửi qua hệ thống quản lý văn bản điều hành."
			)
	# a unit's few documents (a plan, reports, decisions) each prove several criteria
	documents: list[str] = []
	for line in doc.lines:
		if (
			line.evidence_required
			and line.rule_kind != "Survey"
			and line.self_input
			and not line.no_evidence_reason
			and line.code not in waiting
			and line.code not in truth
		):
			if len(documents) < len(DOCUMENTS):
				year = int(doc.year or getdate().year)
				documents.append(_evidence_file(doc.name, DOCUMENTS[len(documents)], rng, year))
			doc.append(
				"evidence",
				{
					"criterion_code": line.code,
					"file": documents[len(doc.evidence) % len(documents)],
					"description": "Văn bản chứng minh",
				},
			)
	for line in doc.lines:
		if (
			line.evidence_required
			and line.code not in waiting
			and not line.no_evidence_reason
			and line.code not in {e.criterion_code for e in doc.evidence}
		):
			line.no_evidence_reason = "Tài liệu lưu tại bộ phận văn thư."
	doc.save()
	evidence_reader.read_assessment(name)  # what the background job does once a worker runs it
	return truth


def _points(node, value) -> float:
	from parindex.scoring import entry
	from parindex.scoring.errors import ScoringError

	try:
		stored = entry.check(node.rule, node.code, node.max_score, value)
	except ScoringError:
		return 0.0
	return float(node.rule.score(node.code, node.max_score, stored))


#: the documents a demo unit attaches (file name, title)
DOCUMENTS = (
	("ke-hoach-cchc", "Kế hoạch cải cách hành chính"),
	("bao-cao-cchc", "Báo cáo kết quả cải cách hành chính"),
	("quyet-dinh-ban-hanh", "Quyết định ban hành quy chế"),
	("bien-ban-kiem-tra", "Biên bản kiểm tra công tác cải cách hành chính"),
)


def _evidence_file(assessment: str, document: tuple[str, str], rng: random.Random, year: int) -> str:
	"""A document of the unit's as a DOCX with its heading (number and date), which the evidence reader
	reads."""
	file_name, title = document
	number = f"{rng.randint(10, 980)}/{rng.choice(('KH', 'BC', 'QĐ', 'BB'))}-UBND"
	issued = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
	file_doc = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{file_name}.docx",
			"attached_to_doctype": "PAR Assessment",
			"attached_to_name": assessment,
			"is_private": 1,
			"content": demo_documents.docx(number, issued, title),
		}
	).insert()
	return file_doc.file_url


def _step(name: str, action: str, rng: random.Random, compiled, truth: dict[str, str]) -> None:
	doc = frappe.get_doc("PAR Assessment", name)
	if action in ("Request Explanation", "Finish Appraisal") and doc.workflow_state == "Under Appraisal":
		for line in doc.lines:
			if line.rule_kind == "Survey" or not line.self_input:
				continue
			if line.code in truth and rng.random() < 0.8:  # an inflated claim found out
				line.appraised_input = truth[line.code]
				line.appraiser_remark = "Không có tài liệu kiểm chứng cho mức điểm tự chấm."
			elif rng.random() < 0.08:  # the appraiser scores lower than the unit
				node = compiled.tree[line.code]
				line.appraised_input = reported_value(node.rule, node.max_score, rng, 0.2)
				line.appraiser_remark = "Tài liệu kiểm chứng chưa đầy đủ."
		if action == "Request Explanation":
			doc.lines[0].explanation_requested = 1
			doc.lines[0].appraiser_remark = "Đề nghị giải trình thời điểm ban hành kế hoạch."
		doc.save()
	if action == "Send Explanation":
		for line in doc.lines:
			if line.explanation_requested:
				line.explanation = "Kế hoạch ban hành theo Quyết định số 15/QĐ-UBND, đính kèm bản scan."
		doc.save()
	if action == "Finish Appraisal":
		_sign_off_fields(name)
	apply_workflow(frappe.get_doc("PAR Assessment", name), action)


def _sign_off_fields(name: str) -> None:
	"""Each member of the support team signs off the fields assigned to them (in one save: the demo
	writes for everyone at once what :func:`parindex.par_assessment.appraisal.sign_off` writes)."""
	from parindex.par_assessment.appraisal import appraisable_fields, appraisers_by_field

	doc = frappe.get_doc("PAR Assessment", name)
	by_field = appraisers_by_field(doc.criteria_set)
	fields = appraisable_fields(doc.criteria_set)
	for row in doc.field_results:
		if row.field_code in fields and row.appraisal_status != "Signed off":
			row.update(
				{
					"appraisal_status": "Signed off",
					"signed_off_by": (by_field.get(row.field_code) or ["Administrator"])[0],
					"signed_off_on": frappe.utils.now_datetime(),
				}
			)
	doc.flags.parindex_sign_off = True
	doc.save()


def _survey(set_doc, rng: random.Random, closed: bool, dates: Calendar) -> None:
	from parindex.par_survey import counts
	from parindex.par_survey.aggregation import apply_survey

	leaves = frappe.get_all(
		"PAR Criterion",
		filters={"criteria_set": set_doc.name, "rule_kind": "Survey"},
		fields=["name", "title"],
		order_by="sort_key",
	)
	survey = frappe.get_doc(
		{
			"doctype": "PAR Survey",
			"title": f"Điều tra xã hội học về CCHC năm {set_doc.year} — {set_doc.unit_group}",
			"criteria_set": set_doc.name,
			"status": "Open",
			"opens_on": f"{set_doc.year}-10-01" if closed else dates.survey_opens,
			"closes_on": f"{set_doc.year}-12-15" if closed else dates.survey_closes,
			"respondent_groups": [{"group_name": "Người dân, tổ chức"}, {"group_name": "Cán bộ, công chức"}],
			"answer_options": [
				{"letter": "A", "label": "Rất hài lòng", "weight": 100},
				{"letter": "B", "label": "Hài lòng", "weight": 60},
				{"letter": "C", "label": "Chưa hài lòng", "weight": 20},
				{"letter": "D", "label": "Không hài lòng", "weight": 0},
			],
			"questions": [
				{
					"number": n + 1,
					"question": f"Mức độ hài lòng về: {leaf.title}",
					"respondent_group": "Người dân, tổ chức" if n % 3 else "Cán bộ, công chức",
					"criterion": leaf.name,
				}
				for n, leaf in enumerate(leaves)
			],
			"targets": [
				{"respondent_group": "Người dân, tổ chức", "target": 30},
				{"respondent_group": "Cán bộ, công chức", "target": 10},
			],
			"allow_anonymous": 1,
			"anonymous_group": "Người dân, tổ chức",
		}
	).insert()
	units = frappe.get_all("PAR Assessment", filters={"criteria_set": set_doc.name}, pluck="unit")
	forms = []
	for unit in units:
		mood = rng.uniform(0.3, 0.9)
		for group, count in (("Người dân, tổ chức", 30), ("Cán bộ, công chức", 10)):
			for _i in range(count):
				given = {
					q.number: "A" if rng.random() < mood else rng.choice("BBCD")
					for q in survey.questions
					if q.respondent_group == group
				}
				forms.append((unit, group, given))
	counts.record_forms(survey.name, forms)
	apply_survey(survey)
	if closed:
		survey.status = "Closed"
		survey.save()


def _sipas(set_doc, rng: random.Random) -> None:
	"""Last year's satisfaction survey (SIPAS), 30 paper forms per unit, closed: its figures are frozen
	with the published ranking and shown on the public results page."""
	from parindex.par_survey import counts, sipas

	leaves = frappe.get_all(
		"PAR Criterion",
		filters={"criteria_set": set_doc.name, "rule_kind": "Survey"},
		fields=["name", "title"],
		order_by="sort_key",
	)
	if not leaves:
		return
	criterion = next((leaf for leaf in leaves if "hài lòng" in (leaf.title or "").lower()), leaves[0])
	survey = frappe.get_doc("PAR Survey", sipas.new_sipas_survey(set_doc.name, criterion.name))
	forms = []
	for unit in frappe.get_all("PAR Assessment", filters={"criteria_set": set_doc.name}, pluck="unit"):
		mood = rng.uniform(0.55, 0.95)
		for _i in range(30):
			given = {
				q.number: rng.choice("DE") if rng.random() < mood else rng.choice("ABCC")
				for q in survey.questions
			}
			forms.append((unit, sipas.GROUP, given))
	counts.record_forms(survey.name, forms)
	survey.status = "Closed"
	survey.save()


def _merger(communes: tuple[str, ...], dates: Calendar) -> None:
	"""The communes' populations, and the last two merged on 1 July of last year (as the 2025 reform
	merged communes): the merged commune is assessed this year, its history is theirs."""
	rng = random.Random("population")
	for name in communes:
		if not frappe.db.get_value("PAR Unit", name, "population"):
			frappe.db.set_value("PAR Unit", name, "population", rng.randrange(4_000, 30_000, 100))
	if len(communes) < 4:
		return
	first, second = communes[-2:]
	merged = f"{first} – {second.split(' ', 1)[1]}"
	if not frappe.db.exists("PAR Unit", merged):
		merge_units([first, second], merged, f"{dates.year - 1}-07-01")


def _publish(criteria_set: str) -> None:
	year = frappe.db.get_value("PAR Criteria Set", criteria_set, "year")
	publication = frappe.get_doc(
		{
			"doctype": "PAR Ranking Publication",
			"criteria_set": criteria_set,
			"decision_no": f"{250 + year % 100}/QĐ-UBND",
			"decision_date": f"{year + 1}-01-20",
		}
	).insert()
	publication.submit()
