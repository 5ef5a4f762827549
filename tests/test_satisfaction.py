"""SIPAS satisfaction: shares satisfied per question, element indices, the index, the province pooled."""

from decimal import Decimal as D

from parindex.scoring.satisfaction import PROVINCE, satisfaction

SATISFIED = {"D", "E"}  # A very dissatisfied … C neither … D satisfied, E very satisfied
ELEMENTS = {1: "access", 2: "access", 3: "procedure", 4: "civil_servants", 5: "result", 6: "feedback"}


def counts(unit, per_question):
	return [(unit, q, answer, n) for q, answers in per_question.items() for answer, n in answers.items()]


def test_the_worked_example_of_the_method():
	# access: Q1 30 of 40 (75 %), Q2 24 of 40 (60 %) → 67.50; procedure 80; civil servants 70;
	# result 90; feedback 62.50 → SIPAS (67.5 + 80 + 70 + 90 + 62.5) / 5 = 74.00
	rows = counts(
		"Xã An Bình",
		{
			1: {"E": 10, "D": 20, "C": 6, "A": 4},
			2: {"D": 24, "B": 16},
			3: {"E": 8, "C": 2},
			4: {"D": 7, "B": 3},
			5: {"E": 9, "A": 1},
			6: {"D": 5, "C": 3},
		},
	)
	result = satisfaction(rows, ELEMENTS, SATISFIED)["Xã An Bình"]
	assert result.elements == {
		"access": D("67.50"),
		"procedure": D("80.00"),
		"civil_servants": D("70.00"),
		"result": D("90.00"),
		"feedback": D("62.50"),
	}
	assert result.index == D("74.00")
	assert (result.answers, result.satisfied) == (118, 83)


def test_the_index_is_rounded_once_from_the_exact_means():
	# Q1 1 of 3 (33.33…), Q2 2 of 3 (66.66…): access 50.00; procedure 1 of 3 → 33.33 shown;
	# the index is (50 + 33.333…) / 2 = 41.666… → 41.67 (from the rounded 33.33 it would be 41.665)
	rows = counts("U", {1: {"D": 1, "A": 2}, 2: {"D": 2, "A": 1}, 3: {"E": 1, "B": 2}})
	result = satisfaction(rows, {1: "access", 2: "access", 3: "procedure"}, SATISFIED)["U"]
	assert result.elements == {"access": D("50.00"), "procedure": D("33.33")}
	assert result.index == D("41.67")


def test_the_province_pools_every_units_answers():
	# U1: Q1 9 of 10; U2: Q1 1 of 30 → the province: 10 of 40 = 25 %, not the units' mean 46.67
	rows = counts("U1", {1: {"E": 9, "A": 1}}) + counts("U2", {1: {"D": 1, "B": 29}})
	result = satisfaction(rows, {1: "access"}, SATISFIED)
	assert result["U1"].index == D("90.00")
	assert result["U2"].index == D("3.33")
	assert result[PROVINCE].index == D("25.00")


def test_questions_outside_the_method_and_empty_counts_are_left_out():
	rows = counts("U", {1: {"E": 1}, 7: {"A": 50}, 3: {"B": 0}})
	result = satisfaction(rows, {1: "access", 3: "procedure"}, SATISFIED)["U"]
	assert result.elements == {"access": D("100.00"), "procedure": None}
	assert result.index == D("100.00")
	assert result.answers == 1


def test_nobody_answered():
	assert satisfaction([], ELEMENTS, SATISFIED) == {}
