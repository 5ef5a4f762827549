"""Ranking with ties, classification bands, and the conversion of survey answers to points."""

from decimal import Decimal as D

import pytest

from parindex.scoring import messages as M
from parindex.scoring.errors import ScoringError
from parindex.scoring.ranking import ClassBand, Ranked, band_problems, classify, rank
from parindex.scoring.survey import check_weights, criterion_result, question_result, survey_points

# --- Ranking -------------------------------------------------------------------------------------------


def test_rank_ties_share_a_rank_and_the_next_rank_skips():
	ranked = rank(
		[("Sở Tư pháp", 80), ("Sở Nội vụ", "91.5"), ("Sở Y tế", D("80.00")), ("Sở Xây dựng", 70.25)]
	)
	assert ranked == [
		Ranked("Sở Nội vụ", D("91.50"), 1),
		Ranked("Sở Tư pháp", D("80.00"), 2),
		Ranked("Sở Y tế", D("80.00"), 2),
		Ranked("Sở Xây dựng", D("70.25"), 4),
	]


def test_rank_ties_only_after_rounding_to_two_decimals():
	# 88.504 and 88.495 are both published as 88.50; within the tie the order is by name
	ranked = rank([("Zeta", "88.504"), ("Alpha", "88.495"), ("Beta", "88.51"), ("Gamma", "88.49")])
	assert [(r.unit, r.score, r.rank) for r in ranked] == [
		("Beta", D("88.51"), 1),
		("Alpha", D("88.50"), 2),
		("Zeta", D("88.50"), 2),
		("Gamma", D("88.49"), 4),
	]


def test_rank_three_way_tie_then_next():
	ranked = rank([("C", 90), ("B", 90), ("A", 90), ("D", 89)])
	assert [(r.unit, r.rank) for r in ranked] == [("A", 1), ("B", 1), ("C", 1), ("D", 4)]


def test_rank_order_does_not_depend_on_input_order():
	scores = [("B", 75), ("A", 75), ("C", 80)]
	assert rank(scores) == rank(list(reversed(scores)))


def test_rank_nothing():
	assert rank([]) == []


# --- Classification --------------------------------------------------------------------------------------

PROVINCE = [
	ClassBand("Khá", D(80)),
	ClassBand("Tốt", D(90)),
	ClassBand("Yếu", D(50)),
	ClassBand("Trung bình", D(70)),
]


@pytest.mark.parametrize(
	("index", "label"),
	[
		(D(90), "Tốt"),
		("100", "Tốt"),
		("89.99", "Khá"),
		("89.995", "Tốt"),  # published as 90.00
		(89.994, "Khá"),  # published as 89.99
		(80, "Khá"),
		("79.995", "Khá"),
		("70", "Trung bình"),
		("69.99", "Yếu"),
		("50", "Yếu"),
		("49.99", None),  # below every band
		(None, None),
	],
)
def test_classify_at_band_boundaries(index, label):
	assert classify(index, PROVINCE) == label


def test_classify_national_bands():
	national = [ClassBand("A", D(90)), ClassBand("B", D(80)), ClassBand("C", D(70))]
	assert [classify(v, national) for v in ("95", "85", "75", "65")] == ["A", "B", "C", None]


def test_classify_without_bands():
	assert classify("95", []) is None


def test_valid_bands_have_no_problems():
	assert band_problems(PROVINCE) == []


def test_band_without_label():
	problems = band_problems([ClassBand("Tốt", D(90)), ClassBand("  ", D(80))])
	assert [(p.template, p.args) for p in problems] == [(M.BAND_NO_LABEL, (2,))]


def test_band_duplicate_label_ignores_case():
	problems = band_problems([ClassBand("Tốt", D(90)), ClassBand("tốt", D(80))])
	assert [(p.template, p.args) for p in problems] == [(M.BAND_DUPLICATE_LABEL, ("tốt",))]


def test_band_duplicate_minimum():
	problems = band_problems([ClassBand("Tốt", D(90)), ClassBand("Khá", D("90.0"))])
	assert [(p.template, p.args) for p in problems] == [(M.BAND_DUPLICATE_MIN, ("Khá", "90"))]


@pytest.mark.parametrize("minimum", ["-0.01", "100.01", "150"])
def test_band_minimum_outside_0_to_100(minimum):
	problems = band_problems([ClassBand("Tốt", D(minimum))])
	assert [(p.template, p.args) for p in problems] == [(M.BAND_MIN_RANGE, ("Tốt", minimum))]


def test_band_bounds_0_and_100_are_allowed():
	assert band_problems([ClassBand("Xuất sắc", D(100)), ClassBand("Yếu", D(0))]) == []


def test_band_problems_all_at_once():
	bands = [ClassBand("", D(101)), ClassBand("A", D(90)), ClassBand("a", D(90))]
	assert [p.template for p in band_problems(bands)] == [
		M.BAND_NO_LABEL,
		M.BAND_MIN_RANGE,
		M.BAND_DUPLICATE_LABEL,
		M.BAND_DUPLICATE_MIN,
	]


# --- Survey conversion ----------------------------------------------------------------------------------

WEIGHTS = {"A": 100, "B": 60, "C": 20, "D": 0}


def test_question_result_is_the_average_weight():
	# (40·100 + 30·60 + 20·20 + 10·0) / 100 answers = 6200 / 100 = 62 %
	assert question_result({"A": 40, "B": 30, "C": 20, "D": 10}, WEIGHTS) == D(62)


def test_question_result_is_not_rounded():
	# (1·100 + 2·60) / 3 = 73.333…
	assert question_result({"A": 1, "B": 2}, WEIGHTS) == D(220) / D(3)


@pytest.mark.parametrize("counts", [{}, {"A": 0, "B": 0}])
def test_question_nobody_answered(counts):
	assert question_result(counts, WEIGHTS) is None


def test_weights_may_be_text_with_a_percent_sign():
	assert check_weights({"A": "100 %", "B": "60,5"}) == {"A": D(100), "B": D("60.5")}
	assert question_result({"A": 1, "B": 1}, {"A": "100 %", "B": "60,5"}) == D("80.25")


def test_weights_outside_0_to_100_are_refused_all_at_once():
	with pytest.raises(ScoringError) as caught:
		check_weights({"A": 101, "B": 60, "C": -1})
	assert [(p.template, p.args) for p in caught.value.problems] == [
		(M.WEIGHT_RANGE, ("A", "101")),
		(M.WEIGHT_RANGE, ("C", "-1")),
	]


def test_question_result_refuses_bad_weights():
	with pytest.raises(ScoringError):
		question_result({"A": 1}, {"A": 120})


def test_unknown_answer_is_refused():
	with pytest.raises(ScoringError) as caught:
		question_result({"A": 3, "E": 1}, WEIGHTS)
	assert [(p.template, p.args) for p in caught.value.problems] == [(M.UNKNOWN_ANSWER, ("E",))]


def test_every_unknown_answer_is_reported():
	with pytest.raises(ScoringError) as caught:
		question_result({"E": 1, "F": 2}, WEIGHTS)
	assert [p.args for p in caught.value.problems] == [("E",), ("F",)]


def test_criterion_result_is_the_mean_ignoring_unanswered_questions():
	# (62 + 70) / 2 = 66; the unanswered question is left out, not counted as 0
	assert criterion_result([D(62), None, D(70)]) == D(66)


@pytest.mark.parametrize("results", [[], [None, None]])
def test_criterion_result_without_answers(results):
	assert criterion_result(results) is None


@pytest.mark.parametrize(
	("result", "max_score", "points"),
	[
		(D(62), 2, D("1.24")),
		(D("73.4"), 2, D("1.47")),  # 1.468
		(D("62.5"), 1, D("0.63")),  # 0.625 half-up
		(D(220) / D(3), "1.5", D("1.10")),  # 73.333… × 1.5 / 100 = 1.1
		(D(100), "0.75", D("0.75")),
		(D(0), 3, D(0)),
		(None, 2, None),
	],
)
def test_survey_points(result, max_score, points):
	assert survey_points(result, max_score) == points


def test_from_answers_to_points():
	questions = [
		question_result({"A": 40, "B": 30, "C": 20, "D": 10}, WEIGHTS),  # 62
		question_result({"A": 50, "B": 50}, WEIGHTS),  # 80
		question_result({}, WEIGHTS),  # nobody answered
	]
	# mean (62 + 80) / 2 = 71 % of 1.5 points = 1.065 → 1.07
	assert survey_points(criterion_result(questions), "1.5") == D("1.07")


def test_weights_that_are_not_numbers_are_all_reported():
	with pytest.raises(ScoringError) as caught:
		check_weights({"A": "full", "B": 60, "C": "much", "D": 120})
	assert [(p.template, p.args) for p in caught.value.problems] == [
		(M.WEIGHT_NOT_NUMBER, ("A", "full")),
		(M.WEIGHT_NOT_NUMBER, ("C", "much")),
		(M.WEIGHT_RANGE, ("D", "120")),
	]
