"""The criteria workbook: round trip, template, every kind of broken workbook, and the shipped sample."""

import datetime
import io
import os
import zipfile
from collections import Counter
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from parindex.scoring import messages as M
from parindex.scoring.errors import ScoringError, render
from parindex.scoring.rules import Band, Option, RuleKind, RuleSpec
from parindex.workbooks.criteria import GUIDE, CriterionRow, check_rows, read_criteria, write_criteria

SAMPLE = Path(__file__).resolve().parent.parent / "parindex" / "sample" / "sample_criteria_set.xlsx"
HEADER = [
	"Code",
	"Title",
	"Max score",
	"Rule kind",
	"Parameters",
	"Evidence required",
	"Not applicable allowed",
	"Cap",
	"Bonus",
	"Guidance",
]
HEADER_VI = [
	"Mã",
	"Tên tiêu chí",
	"Điểm tối đa",
	"Cách chấm",
	"Tham số",
	"Yêu cầu tài liệu kiểm chứng",
	"Cho phép không đánh giá",
	"Giới hạn trần",
	"Điểm thưởng",
	"Hướng dẫn chấm",
]
KINDS = "Manual, Options, Thresholds, Proportional, Deadline, Yes/No, Deduction, Survey"


def workbook(*rows, title="Criteria"):
	"""An .xlsx built cell by cell, as an admin might type it."""
	book = Workbook()
	sheet = book.active
	sheet.title = title
	for row in rows:
		sheet.append(list(row))
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()


def refused(content):
	"""(row, template, args) of every problem; read_criteria must return nothing."""
	with pytest.raises(ScoringError) as caught:
		read_criteria(content)
	return [(p.row, p.template, p.args) for p in caught.value.problems]


def realistic_rows():
	"""Three levels, every rule kind and every flag; 1 = 4 + 1 + 1 (bonus 1.9 apart), 2 capped at 4 of 5.5."""
	return [
		CriterionRow("1", "Chỉ đạo, điều hành CCHC", D(6), guidance="Lĩnh vực 1\nhai dòng"),
		CriterionRow("1.1", "Kế hoạch CCHC năm", D(4)),
		CriterionRow(
			"1.1.1",
			"Ban hành kế hoạch đúng hạn",
			D(1),
			RuleSpec(
				RuleKind.DEADLINE,
				{"on_time": D(1), "late": D("0.5"), "not_done": D(0), "due": datetime.date(2024, 12, 31)},
			),
			evidence_required=True,
			guidance="Đúng hạn 1; chậm 0,5; không ban hành 0",
		),
		CriterionRow(
			"1.1.2",
			"Xác định nhiệm vụ, bố trí kinh phí",
			D(1),
			RuleSpec(RuleKind.YES_NO, {"yes": D(1), "no": D(0)}),
			evidence_required=True,
		),
		CriterionRow(
			"1.1.3",
			"Mức độ hoàn thành kế hoạch",
			D(2),
			RuleSpec(
				RuleKind.THRESHOLDS,
				bands=(
					Band(D(2), D(90), False, None),
					Band(D(1), D(70), True, D(90), True),
					Band(D(0), None, True, D(70), False),
				),
			),
		),
		CriterionRow(
			"1.2",
			"Chấp hành kỷ luật, kỷ cương",
			D(1),
			RuleSpec(
				RuleKind.OPTIONS,
				options=(
					Option("Chấp hành đầy đủ", D(1)),
					Option("Vi phạm nhẹ", D("0.5")),
					Option("Vi phạm nghiêm trọng", D(0)),
				),
			),
		),
		CriterionRow(
			"1.3", "Đánh giá của người dân", D(1), RuleSpec(RuleKind.SURVEY), not_applicable_allowed=True
		),
		CriterionRow(
			"1.9",
			"Điểm thưởng sáng kiến",
			D(5),
			RuleSpec(
				RuleKind.OPTIONS,
				options=(Option("Xuất sắc", D(5)), Option("Tốt", D("3.75")), Option("Hoàn thành", D("2.5"))),
			),
			is_bonus=True,
		),
		CriterionRow("2", "Dịch vụ công", D(4), is_cap=True),
		CriterionRow(
			"2.1", "Tỷ lệ hồ sơ trực tuyến", D("2.5"), RuleSpec(RuleKind.PROPORTIONAL, {"floor": D("0.5")})
		),
		CriterionRow(
			"2.2",
			"Chấm trực tiếp",
			D(2),
			RuleSpec(RuleKind.MANUAL, {"step": D("0.25")}),
			not_applicable_allowed=True,
		),
		CriterionRow(
			"2.3", "Báo cáo chậm", D(1), RuleSpec(RuleKind.DEDUCTION, {"per": D("0.25"), "floor": D(0)})
		),
		CriterionRow(
			"2.4",
			"Vi phạm",
			D(0),
			RuleSpec(RuleKind.DEDUCTION, {"per": D("0.5"), "floor": D(-2)}),
		),
	]


def test_realistic_rows_form_a_valid_tree():
	tree, problems = check_rows(realistic_rows())
	assert problems == []
	assert tree.total_max == D(10)
	assert {row.spec.kind for row in realistic_rows() if row.spec} == set(RuleKind)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_round_trip(lang):
	rows = realistic_rows()
	read = read_criteria(write_criteria(rows, lang=lang))
	assert read == rows
	assert [row.row for row in read] == list(range(2, 2 + len(rows)))


def test_round_trip_sorts_rows_by_code():
	rows = realistic_rows()
	read = read_criteria(write_criteria(list(reversed(rows))))
	assert [row.code for row in read] == [row.code for row in rows]


@pytest.mark.parametrize(
	("lang", "sheets", "header"),
	[("en", ["Criteria", "Guide"], HEADER), ("vi", ["Tiêu chí", "Hướng dẫn"], HEADER_VI)],
)
def test_template_has_header_and_guide(lang, sheets, header):
	book = load_workbook(io.BytesIO(write_criteria([], lang=lang, guide=GUIDE)))
	assert book.sheetnames == sheets
	rows = list(book[sheets[0]].iter_rows(values_only=True))
	assert list(rows[0]) == header
	assert all(value is None for row in rows[1:] for value in row)
	assert [tuple(row) for row in book[sheets[1]].iter_rows(values_only=True)] == list(GUIDE)


def test_template_without_guide_has_one_sheet_and_a_rule_kind_list():
	book = load_workbook(io.BytesIO(write_criteria([])))
	assert book.sheetnames == ["Criteria"]
	validations = book["Criteria"].data_validations.dataValidation
	assert [v.formula1 for v in validations] == [
		'"Manual,Options,Thresholds,Proportional,Deadline,Yes/No,Deduction,Survey"'
	]


def test_vietnamese_template_lists_vietnamese_rule_kinds():
	rows = [CriterionRow("1", "Có kế hoạch", D(1), RuleSpec(RuleKind.YES_NO))]
	sheet = load_workbook(io.BytesIO(write_criteria(rows, lang="vi")))["Tiêu chí"]
	assert sheet["D2"].value == "Có/Không"
	assert sheet["A2"].value == "1"


def test_reading_the_template_finds_no_criteria():
	assert refused(write_criteria([], guide=GUIDE)) == [(None, M.WB_EMPTY, ())]


# --- broken workbooks ------------------------------------------------------------------------------------


def test_random_bytes_are_not_a_workbook():
	assert refused(os.urandom(64)) == [(None, M.WB_NOT_XLSX, ())]


def test_a_zip_that_is_not_a_workbook():
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w") as archive:
		archive.writestr("notes.txt", "not a workbook")
	[(row, template, _)] = refused(buffer.getvalue())
	assert (row, template) == (None, M.WB_NOT_XLSX)


def test_missing_required_columns():
	content = workbook(["Code", "Title", "Rule kind"], ["1", "Field", "Yes/No"])
	assert refused(content) == [(None, M.WB_MISSING_COLUMNS, ("Max score",))]


@pytest.mark.parametrize(
	"rows",
	[
		[],  # an empty workbook
		[["Number", "Name", "Points"], ["1", "Field", 1]],  # no Code / Title header
		[*[["title"]] * 10, HEADER, ["1", "Field", 1, "Yes/No"]],  # header below the first 10 rows
	],
)
def test_header_not_found(rows):
	assert refused(workbook(*rows)) == [(None, M.WB_NO_SHEET, ())]


def test_header_without_rows():
	assert refused(workbook(HEADER, [None] * 10)) == [(None, M.WB_EMPTY, ())]


@pytest.mark.parametrize(
	("row", "problem"),
	[
		(["1", "Field", "ten", "Yes/No"], (2, M.WB_BAD_NUMBER, ("Max score", "ten"))),
		(["1", "Field", None, "Yes/No"], (2, M.WB_MISSING_VALUE, ("Max score",))),
		(["1", "Field", 1, "Yes/No", None, "maybe"], (2, M.WB_BAD_FLAG, ("Evidence required", "maybe"))),
		(["1", "Field", 1, "Yes/No", None, None, None, None, "2"], (2, M.WB_BAD_FLAG, ("Bonus", "2"))),
		(["1", "Field", 1, "Formula"], (2, M.WB_BAD_KIND, ("Formula", KINDS))),
		(["1", "Field", 1, "Manual", "step=abc"], (2, M.PARAM_NUMBER, ("1", "step", "abc"))),
		(["1", "Field", 1, "Manual", "cap=1"], (2, M.PARAM_UNKNOWN, ("1", "cap", "Manual"))),
		(["1", "Field", 1, "Thresholds", "90=1"], (2, M.PARAM_BAND, ("1", "90=1"))),
		([None, "Field without code", 1, "Yes/No"], (2, M.WB_MISSING_VALUE, ("Code",))),
	],
)
def test_broken_row(row, problem):
	assert refused(workbook(HEADER, row)) == [problem]


def test_duplicate_code_is_reported_on_its_second_row():
	content = workbook(
		HEADER,
		["1", "Field", 2],
		["1.1", "A", 1, "Yes/No"],
		["1.2", "B", 1, "Yes/No"],
		["1.1", "A again", 1, "Yes/No"],
	)
	assert refused(content) == [(5, M.DUPLICATE_CODE, ("1.1",))]


def test_missing_parent():
	content = workbook(HEADER, ["1", "Field", 1, "Yes/No"], ["2.1", "Orphan", 1, "Yes/No"])
	assert refused(content) == [(3, M.MISSING_PARENT, ("2.1", "2"))]


def test_parent_max_differs_from_sum():
	content = workbook(HEADER, ["1", "Field", 3], ["1.1", "A", 1, "Yes/No"], ["1.2", "B", "1,5", "Yes/No"])
	assert refused(content) == [(2, M.MAX_NOT_SUM, ("1", "3", "2.5"))]


def test_tree_problems_are_all_reported_with_their_rows():
	content = workbook(
		HEADER,
		["1", "Field", 3],
		["1.1", "No rule", 1],
		["1.2", "", 1, "Yes/No"],
		["2", "Options short of max", 2, "Options", "Good=1; Bad=0"],
	)
	assert refused(content) == [
		(2, M.MAX_NOT_SUM, ("1", "3", "2")),
		(3, M.LEAF_WITHOUT_RULE, ("1.1",)),
		(4, M.EMPTY_TITLE, ("1.2",)),
		(5, M.RULE_BELOW_MAX, ("2", "1", "2")),
	]


def test_several_problems_in_several_rows_at_once():
	content = workbook(
		HEADER,
		["1", "Field", 2],
		["1.2", "Flag and parameters", 1, "Deadline", "due=someday", "perhaps"],
		[None, None, None, None, None, None, None, None, None, None],  # blank: skipped
		["1.1", "Kind", 1, "Formula"],
		[None, "No code", 1],
		["2", "Max", "x", "Yes/No"],
	)
	assert refused(content) == [
		(3, M.WB_BAD_FLAG, ("Evidence required", "perhaps")),
		(3, M.PARAM_DATE, ("1.2", "due", "someday")),
		(5, M.WB_BAD_KIND, ("Formula", KINDS)),
		(6, M.WB_MISSING_VALUE, ("Code",)),
		(7, M.WB_BAD_NUMBER, ("Max score", "x")),
	]


def test_tree_problems_are_reported_beside_broken_rows():
	content = workbook(
		HEADER,
		["1", "Field", 1],
		["1.1", "Bad flag", 1, "Yes/No", None, "maybe"],
		["2", "Field", 3],
		["2.1", "Fine", 1, "Yes/No"],
	)
	assert refused(content) == [
		(3, M.WB_BAD_FLAG, ("Evidence required", "maybe")),
		(4, M.MAX_NOT_SUM, ("2", "3", "1")),
	]


def test_parent_of_a_broken_row_is_not_blamed_for_its_sum():
	# 1.1's maximum cannot be read, so the sum of 1's children is unknown: only the broken row is reported
	content = workbook(HEADER, ["1", "Field", 2], ["1.1", "A", "two", "Yes/No"], ["1.2", "B", 1, "Yes/No"])
	assert refused(content) == [(3, M.WB_BAD_NUMBER, ("Max score", "two"))]


def test_broken_row_still_reports_its_missing_parent():
	content = workbook(HEADER, ["1", "Field", 1, "Yes/No"], ["2.1", "Orphan", "x", "Yes/No"])
	assert refused(content) == [
		(3, M.WB_BAD_NUMBER, ("Max score", "x")),
		(3, M.MISSING_PARENT, ("2.1", "2")),
	]


def test_problems_render_with_their_row():
	with pytest.raises(ScoringError) as caught:
		read_criteria(workbook(HEADER, ["1", "Field", "ten", "Yes/No"]))
	assert [render(p) for p in caught.value.problems] == [
		"Row 2: the column Max score needs a number, not ten"
	]


# --- lenient reading -------------------------------------------------------------------------------------


def test_vietnamese_headers_with_odd_case_and_spaces():
	content = workbook(
		["MÃ", " Tên   tiêu chí ", "điểm tối đa", "Cách chấm", "Tham số", "Yêu cầu tài liệu kiểm chứng"],
		["1", "Lĩnh vực", 3],
		["1.1", "Có kế hoạch", 1, "Có/Không", "có=1; không=0", "có"],
		["1.2", "Mức độ hoàn thành", 2, "Ngưỡng", ">=90=2; ≥50 <90=1; <50=0"],
	)
	rows = read_criteria(content)
	assert [(r.code, r.max_score, r.spec.kind if r.spec else None, r.evidence_required) for r in rows] == [
		("1", D(3), None, False),
		("1.1", D(1), RuleKind.YES_NO, True),
		("1.2", D(2), RuleKind.THRESHOLDS, False),
	]
	assert rows[1].spec.params == {"yes": D(1), "no": D(0)}


def test_column_keys_are_accepted_as_headers():
	rows = read_criteria(workbook(["code", "title", "max_score", "rule_kind"], ["1", "Field", 1, "yes_no"]))
	assert rows == [CriterionRow("1", "Field", D(1), RuleSpec(RuleKind.YES_NO))]


def test_extra_columns_ignored_and_blank_rows_skipped_below_a_title():
	content = workbook(
		["Bộ chỉ số CCHC năm 2025"],
		[],
		["Notes", *HEADER[:4], "Reviewer"],
		["ignore me", "1", "Field", 2, None, "Nguyễn Văn A"],
		[None, None, None, None, None, None],
		["", "1.1", "A", 1, "Yes/No"],
		[None, "1.2", "B", 1, "Yes/No", "ignored"],
	)
	rows = read_criteria(content)
	assert [(r.code, r.row) for r in rows] == [("1", 4), ("1.1", 6), ("1.2", 7)]
	assert rows[0].guidance == ""


def test_codes_typed_as_numbers():
	content = workbook(
		HEADER,
		[1, "Field", 2.0],
		[1.1, "A", 1, "Yes/No"],
		[1.2, "B", 1, "Yes/No"],
		[2.0, "Other", 1, "Yes/No"],
	)
	rows = read_criteria(content)
	assert [r.code for r in rows] == ["1", "1.1", "1.2", "2"]
	assert [r.max_score for r in rows] == [D(2), D(1), D(1), D(1)]


def test_decimal_comma_and_flags_as_words():
	content = workbook(
		HEADER,
		["1", "Field", "1,5", None, None, None, None, "x"],
		["1.1", "A", "1,5", "Yes/No", None, "Có", "yes"],
		["1.2", "B", "0.5", "Yes/No", None, None, "X"],
	)
	rows = read_criteria(content)
	assert [(r.max_score, r.evidence_required, r.not_applicable_allowed, r.is_cap) for r in rows] == [
		(D("1.5"), False, False, True),
		(D("1.5"), True, True, False),
		(D("0.5"), False, True, False),
	]


def test_criteria_sheet_is_preferred_to_the_first_sheet():
	book = Workbook()
	book.active.title = "Notes"
	book.active.append(["Code", "Title", "Max score"])
	book.active.append(["9", "Not this one", "x"])
	sheet = book.create_sheet("Tiêu chí")
	sheet.append(HEADER_VI)
	sheet.append(["1", "Lĩnh vực", 1, "Có/Không"])
	buffer = io.BytesIO()
	book.save(buffer)
	assert [r.code for r in read_criteria(buffer.getvalue())] == ["1"]


def test_any_sheet_name_is_read_when_there_is_no_criteria_sheet():
	assert [r.code for r in read_criteria(workbook(HEADER, ["1", "F", 1, "Survey"], title="Sheet1"))] == ["1"]


# --- the shipped sample --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_rows():
	return read_criteria(SAMPLE.read_bytes())


def test_sample_reads_cleanly(sample_rows):
	tree, problems = check_rows(sample_rows)
	assert problems == []
	depths = Counter(row.code.count(".") + 1 for row in sample_rows)
	assert depths[1] == 8
	assert 38 <= depths[2] <= 42
	assert 85 <= depths[3] <= 95
	assert tree.total_max == D(100)
	assert tree.part_maximum("appraised") == D(75)
	assert tree.part_maximum("survey") == D(25)


def test_sample_uses_every_rule_kind(sample_rows):
	assert {row.spec.kind for row in sample_rows if row.spec} == set(RuleKind)


def test_problems_in_a_vietnamese_workbook_name_its_columns_and_kinds_in_vietnamese():
	content = workbook(HEADER_VI, ["1", "Lĩnh vực", "hai", "Kiểu lạ", "x=1"])
	problems = refused(content)
	assert problems[0] == (2, M.WB_BAD_NUMBER, ("Điểm tối đa", "hai"))
	assert problems[1][:2] == (2, M.WB_BAD_KIND)
	assert "Tùy chọn" in problems[1][2][1] and "Options" not in problems[1][2][1]


def test_parameters_without_a_rule_kind_are_refused():
	content = workbook(HEADER, ["1", "Field", 1, None, "yes=1"])
	assert refused(content) == [(2, M.PARAM_WITHOUT_KIND, ("1",))]
