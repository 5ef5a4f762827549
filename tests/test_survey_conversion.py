"""Survey answers to points per unit, and paper forms read from a workbook."""

import io
import random
from decimal import Decimal as D

import pytest
from openpyxl import Workbook

from parindex.scoring import messages as M
from parindex.scoring.errors import ScoringError
from parindex.scoring.survey import points_by_unit, points_from_sums
from parindex.workbooks.survey import read_paper_forms, write_paper_template

WEIGHTS = {"A": 100, "B": 60, "C": 20, "D": 0}


def test_points_by_unit_averages_questions_of_a_criterion():
	# U1: Q1 A,A,B,D → 65 %; Q2 A,C,B,B → 60 %; 8.1 ← Q1, Q2: 62.5 % of 2 = 1.25
	# U1: Q3 C → 20 % of 1 = 0.20 for 8.2; U2 answered only Q3 (B: 60 %): 8.1 None, 8.2 0.60
	rows = [
		("U1", 1, "A", 2),
		("U1", 1, "B", 1),
		("U1", 1, "D", 1),
		("U1", 2, "A", 1),
		("U1", 2, "C", 1),
		("U1", 2, "B", 2),
		("U1", 3, "C", 1),
		("U2", 3, "B", 5),
	]
	points = points_by_unit(rows, WEIGHTS, {1: "8.1", 2: "8.1", 3: "8.2"}, {"8.1": 2, "8.2": 1})
	assert points == {"U1": {"8.1": D("1.25"), "8.2": D("0.20")}, "U2": {"8.1": None, "8.2": D("0.60")}}


def test_questions_not_tied_to_a_criterion_are_left_out():
	points = points_by_unit([("U1", 9, "A", 1), ("U1", 1, "B", 1)], WEIGHTS, {1: "8.1"}, {"8.1": 2})
	assert points == {"U1": {"8.1": D("1.20")}}


def test_repeated_count_rows_add_up():
	# the same (unit, question, answer) twice: 1 + 3 answers A, 4 answers D → 50 % of 2
	rows = [("U1", 1, "A", 1), ("U1", 1, "A", 3), ("U1", 1, "D", 4)]
	assert points_by_unit(rows, WEIGHTS, {1: "8.1"}, {"8.1": 2}) == {"U1": {"8.1": D("1.00")}}


def test_an_answer_outside_the_scheme_is_refused():
	with pytest.raises(ScoringError) as caught:
		points_by_unit([("U1", 1, "E", 1)], WEIGHTS, {1: "8.1"}, {"8.1": 2})
	assert [p.template for p in caught.value.problems] == [M.UNKNOWN_ANSWER]


def paper(*rows, header=("Unit", "Respondent group", 1, 2, 3)):
	book = Workbook()
	book.active.append(list(header))
	for row in rows:
		book.active.append(list(row))
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()


ASKED = {"Người dân": {1, 2}, "Cán bộ": {3}}
LETTERS = {"A", "B", "C", "D"}
UNITS = {"Sở Tư pháp", "Sở Y tế"}


def test_paper_forms_are_read_per_row():
	forms = read_paper_forms(
		paper(["Sở Tư pháp", "Người dân", "a", "B"], [None], ["Sở Y tế", "Cán bộ", None, None, "D"]),
		ASKED,
		LETTERS,
		UNITS,
	)
	assert [(f.row, f.unit, f.group, f.answers) for f in forms] == [
		(2, "Sở Tư pháp", "Người dân", {1: "A", 2: "B"}),
		(4, "Sở Y tế", "Cán bộ", {3: "D"}),
	]


def test_every_bad_paper_row_is_reported_with_its_row():
	content = paper(
		["Sở Tư pháp", "Người dân", "A"],  # question 2 missing
		["Sở Nội vụ", "Người dân", "A", "B"],  # unit outside the group
		["Sở Y tế", "Cán bộ", "A", None, "E"],  # question 1 not asked of officials; E unknown
	)
	with pytest.raises(ScoringError) as caught:
		read_paper_forms(content, ASKED, LETTERS, UNITS)
	assert [(p.row, p.template) for p in caught.value.problems] == [
		(2, M.ANSWER_MISSING),
		(3, M.SURVEY_UNIT_OUTSIDE_GROUP),
		(4, M.ANSWER_INVALID),
		(4, M.ANSWER_NOT_ASKED),
	]


def test_a_paper_sheet_without_its_columns_is_refused():
	with pytest.raises(ScoringError) as caught:
		read_paper_forms(paper(["x"], header=("Name", 1)), ASKED, LETTERS, UNITS)
	assert [p.template for p in caught.value.problems] == [M.WB_MISSING_COLUMNS]


def test_the_template_reads_back_empty_in_either_language():
	for lang in ("en", "vi"):
		content = write_paper_template([(1, "Thái độ?", "Người dân")], [("A", "Rất hài lòng")], lang)
		with pytest.raises(ScoringError) as caught:
			read_paper_forms(content, ASKED, LETTERS, UNITS)
		assert [p.template for p in caught.value.problems] == [M.WB_EMPTY]


def test_points_from_sums_equal_points_from_the_counts_behind_them():
	"""The database may sum the counts (answers and answers × weight per unit and question): the
	points are the same to the last decimal."""
	rng = random.Random(5)
	weights = {"A": D(100), "B": D("62.5"), "C": D("33.3"), "D": D(0)}
	criteria = {1: "8.1", 2: "8.1", 3: "8.2", 4: "8.3"}
	maxima = {"8.1": D("1.5"), "8.2": D(2), "8.3": D("0.75")}
	counts = [
		(unit, question, answer, rng.randint(0, 40))
		for unit in ("U1", "U2", "U3")
		for question in (1, 2, 3, 4, 5)
		for answer in "ABCD"
		if rng.random() < 0.7
	]
	sums = {}
	for unit, question, answer, count in counts:
		answered, weighted = sums.get((unit, question), (0, D(0)))
		sums[(unit, question)] = (answered + count, weighted + count * weights[answer])
	from_sums = points_from_sums([(u, q, n, w) for (u, q), (n, w) in sums.items()], criteria, maxima)
	assert from_sums == points_by_unit(counts, weights, criteria, maxima)
	assert any(value is not None for unit in from_sums.values() for value in unit.values())
