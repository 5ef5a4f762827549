"""The criteria tree and its checks; totals, parts, sub-indices and the index, with hand-computed figures."""

import random
from decimal import Decimal as D

import pytest

from parindex.scoring import messages as M
from parindex.scoring.aggregate import (
	NOT_APPLICABLE,
	Aggregator,
	Total,
	aggregate,
	index_of,
	scaled_total,
	set_total,
)
from parindex.scoring.errors import ScoringError
from parindex.scoring.rules import Deduction, Manual, Option, Options, Proportional, Survey, YesNo
from parindex.scoring.tree import CriteriaTree, Node, code_sort_key, code_sort_string, parent_code

NA = NOT_APPLICABLE


def leaf(code, max_score, rule=None, **flags):
	return Node(code, f"Criterion {code}", D(max_score), rule or Manual(), **flags)


def group(code, max_score, **flags):
	return Node(code, f"Criterion {code}", D(max_score), **flags)


def tree_problems(nodes):
	tree, problems = CriteriaTree.check(nodes)
	return tree, [(p.template, p.code) for p in problems]


def main_tree():
	"""A set of 10 points: appraised 6 (1.1.1, 1.1.2, 2.1, 2.2) and survey 4 (1.2, 2.3); 2.9 is a bonus.

	1   (4)  1.1 (3): 1.1.1 yes/no 1, 1.1.2 manual 2 step 0.25;  1.2 survey 1
	2   (6)  2.1 proportional 2, 2.2 options 1, 2.3 survey 3, 2.9 bonus options 1
	"""
	return CriteriaTree.build(
		[
			group("1", 4),
			group("1.1", 3),
			leaf("1.1.1", 1, YesNo(), not_applicable_allowed=True),
			leaf("1.1.2", 2, Manual(step=D("0.25")), not_applicable_allowed=True),
			leaf("1.2", 1, Survey(), not_applicable_allowed=True),
			group("2", 6),
			leaf("2.1", 2, Proportional()),
			leaf(
				"2.2",
				1,
				Options((Option("Full", D(1)), Option("Partial", D("0.5")))),
				not_applicable_allowed=True,
			),
			leaf("2.3", 3, Survey(), not_applicable_allowed=True),
			leaf("2.9", 1, Options((Option("Excellent", D(1)), Option("Good", D("0.5")))), is_bonus=True),
		]
	)


SCORES = {
	"1.1.1": D(1),
	"1.1.2": D("1.5"),
	"1.2": D("0.62"),
	"2.1": D("1.75"),
	"2.2": D("0.5"),
	"2.3": D("2.2"),
	"2.9": D("0.5"),
}


# --- Tree checks -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["1..2", "1.", ".1", "", "1 2", "1-2", "1.2 ", "1,2"])
def test_bad_code(code):
	tree, problems = tree_problems([leaf(code, 1)])
	assert tree is None
	assert problems == [(M.BAD_CODE, code)]


def test_duplicate_code():
	tree, problems = tree_problems([group("1", 1), leaf("1.1", 1), leaf("1.1", 1)])
	assert tree is None
	assert problems == [(M.DUPLICATE_CODE, "1.1")]


def test_missing_parent_names_child_and_parent():
	tree, problems = CriteriaTree.check([group("1", 1), leaf("1.2.3", 1)])
	assert tree is None
	assert [(p.template, p.args) for p in problems] == [(M.MISSING_PARENT, ("1.2.3", "1.2"))]


def test_shape_problems_are_all_reported():
	_, problems = tree_problems([leaf("1", 1), leaf("1", 1), leaf("x..y", 1), leaf("3.1", 1)])
	assert sorted(problems, key=str) == sorted(
		[(M.DUPLICATE_CODE, "1"), (M.BAD_CODE, "x..y"), (M.MISSING_PARENT, "3.1")], key=str
	)


def test_no_criteria():
	assert tree_problems([]) == (None, [(M.NO_CRITERIA, None)])


def test_leaf_without_rule():
	_, problems = tree_problems([group("1", 1)])
	assert problems == [(M.LEAF_WITHOUT_RULE, "1")]


def test_parent_with_rule():
	_, problems = tree_problems([leaf("1", 1, YesNo()), leaf("1.1", 1)])
	assert problems == [(M.PARENT_WITH_RULE, "1")]


def test_max_differs_from_sum_of_children():
	_, problems = CriteriaTree.check([group("1", 3), group("1.1", 3), leaf("1.1.1", 1), leaf("1.1.2", "1.5")])
	assert [str(p) for p in problems] == [
		"Criterion 1.1: the maximum 3 differs from the sum of its sub-criteria 2.5",
	]
	assert problems[0].code == "1.1"


def test_empty_title_and_negative_max():
	_, problems = tree_problems([Node("1", " ", D(-1), Manual())])
	assert problems == [(M.EMPTY_TITLE, "1"), (M.NEGATIVE_MAX, "1")]


def test_rule_that_cannot_reach_the_maximum():
	node = leaf("1", 1, Options((Option("Full", D("0.5")), Option("None", D(0)))))
	_, problems = CriteriaTree.check([node])
	assert [(p.template, p.args) for p in problems] == [(M.RULE_BELOW_MAX, ("1", "0.5", "1"))]


def test_rule_parameter_problems_are_tree_problems():
	_, problems = tree_problems(
		[group("1", 2), leaf("1.1", 1, Manual(step=D(0))), leaf("1.2", 1, Deduction(per=D(0)))]
	)
	assert problems == [(M.STEP_NOT_POSITIVE, "1.1"), (M.PER_NOT_POSITIVE, "1.2")]


def test_survey_criterion_cannot_require_evidence():
	_, problems = tree_problems([leaf("1", 1, Survey(), evidence_required=True)])
	assert problems == [(M.SURVEY_EVIDENCE, "1")]


def test_build_raises_with_every_node_problem():
	nodes = [group("1", 5), leaf("1.1", 1), group("1.2", 1), leaf("2", 1, Manual(step=D(-1)))]
	with pytest.raises(ScoringError) as caught:
		CriteriaTree.build(nodes)
	found = sorted((p.template, p.code) for p in caught.value.problems)
	assert found == sorted([(M.MAX_NOT_SUM, "1"), (M.LEAF_WITHOUT_RULE, "1.2"), (M.STEP_NOT_POSITIVE, "2")])


def test_cap_may_be_below_the_sum():
	tree, problems = tree_problems([group("1", 10, is_cap=True), leaf("1.1", 6), leaf("1.2", 6)])
	assert problems == []
	assert tree.total_max == D(10)
	assert tree.part_max["1"] == {"appraised": D(10)}


def test_cap_above_the_sum_is_refused():
	_, problems = CriteriaTree.check([group("1", 13, is_cap=True), leaf("1.1", 6), leaf("1.2", 6)])
	assert [(p.template, p.args) for p in problems] == [(M.CAP_ABOVE_SUM, ("1", "13", "12"))]


def test_cap_mixing_survey_and_appraised_is_refused():
	nodes = [group("1", 2, is_cap=True), leaf("1.1", 2), group("1.2", 1), leaf("1.2.1", 1, Survey())]
	_, problems = tree_problems(nodes)
	assert problems == [(M.CAP_MIXES_PARTS, "1")]


def test_bonus_child_is_left_out_of_the_parent_maximum():
	tree, problems = tree_problems([group("1", 2), leaf("1.1", 2), leaf("1.2", 5, is_bonus=True)])
	assert problems == []
	assert tree.part_max["1"] == {"appraised": D(2)}


def test_bonus_field_is_left_out_of_the_set_maximum():
	tree = CriteriaTree.build([leaf("1", 10), leaf("2", 3, is_bonus=True)])
	assert tree.total_max == D(10)
	assert tree.part_maximum("appraised") == D(10)


def test_natural_code_order():
	codes = ["1", "1.2", "1.9", "1.10", "1.a", "2", "10"]
	shuffled = codes[:]
	random.Random(7).shuffle(shuffled)
	maxima = {"1": 4}
	tree = CriteriaTree.build([group(c, maxima[c]) if c == "1" else leaf(c, 1) for c in shuffled])
	assert [n.code for n in tree] == codes
	assert [n.code for n in tree.fields] == ["1", "2", "10"]
	assert [n.code for n in tree["1"].children] == ["1.2", "1.9", "1.10", "1.a"]
	assert sorted(shuffled, key=code_sort_key) == codes
	assert sorted(shuffled, key=code_sort_string) == codes


def test_code_helpers():
	assert parent_code("1.2.3") == "1.2"
	assert parent_code("1") is None
	assert code_sort_key("1.2") < code_sort_key("1.10") < code_sort_key("2")


def test_part_maxima_and_navigation():
	tree = main_tree()
	assert tree.total_max == D(10)
	assert tree.part_maximum("appraised") == D(6)  # 1 + 2 + 2 + 1 (the bonus 2.9 left out)
	assert tree.part_maximum("survey") == D(4)  # 1 + 3
	assert tree.part_max["1"] == {"appraised": D(3), "survey": D(1)}
	assert tree.part_max["1.1"] == {"appraised": D(3)}
	assert [n.code for n in tree.leaves()] == ["1.1.1", "1.1.2", "1.2", "2.1", "2.2", "2.3", "2.9"]
	assert len(tree) == 10
	assert tree["1.1.2"].parent.code == "1.1"
	assert (tree["1.1.2"].depth, tree["1.1.2"].field_code) == (3, "1")


def test_building_twice_from_the_same_nodes_does_not_duplicate_children():
	nodes = [group("1", 2), leaf("1.1", 1), leaf("1.2", 1)]
	CriteriaTree.build(nodes)
	tree = CriteriaTree.build(nodes)
	assert [c.code for c in tree["1"].children] == ["1.1", "1.2"]


# --- Aggregation ---------------------------------------------------------------------------------------


def test_totals_of_every_node():
	result = aggregate(main_tree(), SCORES)
	assert result.nodes["1.1"] == Total(D("2.5"), D(3))  # 1 + 1.5
	assert result.nodes["1"] == Total(D("3.12"), D(4))  # 2.5 + 0.62
	assert result.nodes["2"] == Total(D("4.95"), D(6))  # 1.75 + 0.5 + 2.2 + bonus 0.5; max 2 + 1 + 3
	assert result.nodes["2.9"] == Total(D("0.5"), D(1))
	assert result.node("2") == result.nodes["2"]
	assert list(result.nodes) == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1", "2.2", "2.3", "2.9"]
	assert result.total == Total(D("8.07"), D(10))


def test_sub_indices_and_index():
	tree = main_tree()
	result = aggregate(tree, SCORES)
	assert result.nodes["1.1"].index == D("83.33")  # 2.5 / 3 = 83.333…
	assert [(code, total.index) for code, total in result.field_totals(tree)] == [
		("1", D("78.00")),  # 3.12 / 4
		("2", D("82.50")),  # 4.95 / 6
	]
	assert result.index == D("80.70")
	assert result.scaled_total == D("8.07")
	assert result.full_maximum == D(10)


def test_appraised_and_survey_parts():
	result = aggregate(main_tree(), SCORES)
	# appraised: 1 + 1.5 + 1.75 + 0.5 + bonus 0.5 = 5.25 of 6; survey: 0.62 + 2.2 = 2.82 of 4
	assert result.appraised == Total(D("5.25"), D(6))
	assert result.survey == Total(D("2.82"), D(4))
	assert (result.appraised.index, result.survey.index) == (D("87.50"), D("70.50"))


def test_unscored_leaves_count_as_zero():
	result = aggregate(main_tree(), {"1.1.1": D(1), "2.3": None})
	assert result.nodes["1.1"] == Total(D(1), D(3))
	assert result.nodes["2"] == Total(D(0), D(6))
	assert result.total == Total(D(1), D(10))
	assert result.index == D("10.00")


@pytest.mark.parametrize(
	("achieved", "maximum", "index"),
	[
		("2", "3", D("66.67")),  # 66.666…
		("1", "3", D("33.33")),
		("33.01", "40", D("82.53")),  # exactly 82.525 → 82.53 (half-even would give 82.52)
		("61.5", "75", D("82.00")),
		("0", "10", D("0.00")),
		("-1", "8", D("-12.50")),
	],
)
def test_index_rounding_half_up(achieved, maximum, index):
	tree = CriteriaTree.build([leaf("1", maximum)])
	assert aggregate(tree, {"1": D(achieved)}).index == index
	assert index_of(D(achieved), D(maximum)) == index


def test_index_of_nothing_applicable_is_none():
	assert index_of(D(0), D(0)) is None


def test_not_applicable_leaf_leaves_achieved_and_maximum():
	result = aggregate(main_tree(), {**SCORES, "2.2": NA})
	assert result.nodes["2.2"] == Total(D(0), D(0), False)
	assert result.nodes["2"] == Total(D("4.45"), D(5))  # 4.95 − 0.5, 6 − 1
	assert result.total == Total(D("7.57"), D(9))
	assert result.index == D("84.11")  # 7.57 / 9 = 84.111…
	assert result.scaled_total == D("8.41")  # 7.57 × 10 / 9 = 8.411…
	assert result.appraised == Total(D("4.75"), D(5))


def test_parent_of_only_not_applicable_children_is_not_applicable():
	result = aggregate(main_tree(), {**SCORES, "1.1.1": NA, "1.1.2": NA})
	assert result.nodes["1.1"] == Total(D(0), D(0), False)
	assert result.nodes["1.1"].index is None
	assert result.nodes["1"] == Total(D("0.62"), D(1))


def test_everything_not_applicable():
	tree = CriteriaTree.build(
		[
			group("1", 2),
			leaf("1.1", 1, not_applicable_allowed=True),
			leaf("1.2", 1, not_applicable_allowed=True),
		]
	)
	result = aggregate(tree, {"1.1": NA, "1.2": NA})
	assert result.total == Total(D(0), D(0), False)
	assert (result.index, result.scaled_total) == (None, None)


def test_not_applicable_refused_where_not_allowed_lists_every_code():
	with pytest.raises(ScoringError) as caught:
		aggregate(main_tree(), {**SCORES, "2.1": NA, "2.9": NA, "2.2": NA})
	assert [(p.template, p.code) for p in caught.value.problems] == [
		(M.NOT_APPLICABLE_REFUSED, "2.1"),
		(M.NOT_APPLICABLE_REFUSED, "2.9"),
	]


def no_survey_tree():
	return CriteriaTree.build(
		[
			leaf("1", 75),
			group("2", 25),
			leaf("2.1", 10, Survey(), not_applicable_allowed=True),
			leaf("2.2", 15, Survey(), not_applicable_allowed=True),
		]
	)


def test_no_survey_index_on_the_remaining_maximum():
	result = aggregate(no_survey_tree(), {"1": D(60), "2.1": NA, "2.2": NA})
	assert result.nodes["2"] == Total(D(0), D(0), False)
	assert result.total == Total(D(60), D(75))
	assert result.index == D("80.00")  # 60 / 75
	assert result.scaled_total == D("80.00")  # 60 × 100 / 75, on the full scale
	assert result.full_maximum == D(100)
	assert result.appraised == Total(D(60), D(75))
	assert result.survey == Total(D(0), D(0), False)


def test_with_survey_the_index_uses_the_full_maximum():
	result = aggregate(no_survey_tree(), {"1": D(60), "2.1": D(5), "2.2": D("7.5")})
	assert result.total == Total(D("72.5"), D(100))
	assert (result.index, result.scaled_total) == (D("72.50"), D("72.50"))


def cap_tree():
	return CriteriaTree.build(
		[group("1", 10, is_cap=True), leaf("1.1", 6), leaf("1.2", 6, not_applicable_allowed=True)]
	)


def test_cap_limits_achieved_points():
	result = aggregate(cap_tree(), {"1.1": D(6), "1.2": D(5)})
	assert result.nodes["1"] == Total(D(10), D(10))  # 11 capped at 10
	assert result.appraised == Total(D(10), D(10))
	assert aggregate(cap_tree(), {"1.1": D(4), "1.2": D(5)}).nodes["1"] == Total(D(9), D(10))


def test_cap_with_a_not_applicable_child_uses_the_applicable_sum():
	# min(cap 10, applicable 6) = 6
	assert aggregate(cap_tree(), {"1.1": D(5), "1.2": NA}).nodes["1"] == Total(D(5), D(6))


@pytest.mark.parametrize(
	("scores", "expected"),
	[
		({"9.9": D(1)}, [(M.UNKNOWN_CRITERION, "9.9")]),
		({"1": D(1)}, [(M.NOT_A_LEAF, "1")]),
		({"1.1": NA}, [(M.NOT_A_LEAF, "1.1")]),
		(
			{"9": NA, "2": D(1), "2.1": NA},
			[(M.UNKNOWN_CRITERION, "9"), (M.NOT_A_LEAF, "2"), (M.NOT_APPLICABLE_REFUSED, "2.1")],
		),
	],
)
def test_unknown_and_non_leaf_codes_are_refused(scores, expected):
	with pytest.raises(ScoringError) as caught:
		aggregate(main_tree(), scores)
	assert [(p.template, p.code) for p in caught.value.problems] == expected


def test_aggregator_is_reusable_across_assessments():
	aggregator = Aggregator(main_tree())
	first = aggregator.aggregate(SCORES)
	second = aggregator.aggregate({"2.1": D(2)})
	assert first.total == Total(D("8.07"), D(10))
	assert second.total == Total(D(2), D(10))
	assert aggregator.aggregate(SCORES) == first


def test_score_and_aggregate_from_reported_values():
	inputs = {
		"1.1.1": "yes",
		"1.1.2": "1.5",
		"1.2": "62",  # survey result 62 % of 1 point
		"2.1": "87.345",  # 87.345 % of 2 = 1.7469 → 1.75
		"2.2": NA,
		"2.3": "73.4",  # 73.4 % of 3 = 2.202 → 2.2
		"2.9": "good",
	}
	points, result = Aggregator(main_tree()).score_and_aggregate(inputs)
	assert points == {
		"1.1.1": D(1),
		"1.1.2": D("1.5"),
		"1.2": D("0.62"),
		"2.1": D("1.75"),
		"2.2": NA,
		"2.3": D("2.2"),
		"2.9": D("0.5"),
	}
	assert result.total == Total(D("7.57"), D(9))


def test_score_and_aggregate_keeps_blank_values_unscored():
	points, result = Aggregator(main_tree()).score_and_aggregate({"1.1.1": None, "2.1": "50"})
	assert points == {"1.1.1": None, "2.1": D(1)}
	assert result.total == Total(D(1), D(10))


def test_score_and_aggregate_reports_every_problem_at_once():
	inputs = {
		"1.1.1": "maybe",
		"1.1.2": "0.3",
		"1.2": "120",
		"2.1": NA,
		"2.2": "Perfect",
		"2.3": "50",
		"9.9": "1",
		"1": "1",
	}
	with pytest.raises(ScoringError) as caught:
		Aggregator(main_tree()).score_and_aggregate(inputs)
	found = sorted((p.code, p.template) for p in caught.value.problems)
	assert found == sorted(
		[
			("1.1.1", M.BAD_YES_NO),
			("1.1.2", M.SCORE_OFF_STEP),
			("1.2", M.SHARE_OUT_OF_RANGE),
			("2.1", M.NOT_APPLICABLE_REFUSED),
			("2.2", M.UNKNOWN_OPTION),
			("9.9", M.UNKNOWN_CRITERION),
			("1", M.NOT_A_LEAF),
		]
	)


def test_score_and_aggregate_reports_a_not_applicable_unknown_code_once():
	with pytest.raises(ScoringError) as caught:
		Aggregator(main_tree()).score_and_aggregate({"9.9": NA, "1": NA})
	assert [(p.template, p.code) for p in caught.value.problems] == [
		(M.UNKNOWN_CRITERION, "9.9"),
		(M.NOT_A_LEAF, "1"),
	]


def test_bonus_points_are_added_after_the_parent_cap():
	# field capped at 2; its children earn 2 + 1 (3 > 2 → 2), then the bonus of 1 is extra → 3
	tree = CriteriaTree.build(
		[
			Node("1", "Field", D(2), is_cap=True),
			Node("1.1", "A", D(2), YesNo()),
			Node("1.2", "B", D(1), YesNo()),
			Node("1.3", "Initiative", D(1), YesNo(), is_bonus=True),
		]
	)
	result = aggregate(tree, {"1.1": D(2), "1.2": D(1), "1.3": D(1)})
	assert result.node("1") == Total(D(3), D(2), True)
	# with every other child not applicable, the bonus still counts
	tree["1.1"].not_applicable_allowed = tree["1.2"].not_applicable_allowed = True
	result = Aggregator(tree).aggregate({"1.1": NA, "1.2": NA, "1.3": D(1)})
	assert result.node("1") == Total(D(1), D(0), True)


def test_survey_criteria_may_always_be_not_applicable():
	# a year without survey: the survey part leaves both points and maximum, without a flag per criterion
	tree = CriteriaTree.build(
		[
			Node("1", "Field", D(3)),
			Node("1.1", "Plan", D(1), YesNo()),
			Node("1.2", "Citizens", D(2), Survey()),
		]
	)
	result = aggregate(tree, {"1.1": D(1), "1.2": NA})
	assert (result.total, result.index, result.scaled_total) == (
		Total(D(1), D(1), True),
		D("100.00"),
		D("3.00"),
	)


def survey_heavy_tree():
	"""Survey lines in every field: under a cap, as a bonus, in a bonus field, beside appraised lines."""
	return CriteriaTree.build(
		[
			group("1", 4),
			leaf("1.1", 2, not_applicable_allowed=True),
			group("1.2", 2, is_cap=True),
			leaf("1.2.1", "1.5", Survey()),
			leaf("1.2.2", 1, Survey()),
			leaf("1.3", 1, Survey(), is_bonus=True),
			group("2", 3),
			group("2.1", 3),
			leaf("2.1.1", 1),
			leaf("2.1.2", 2, Survey()),
			group("3", 1, is_bonus=True),
			leaf("3.1", 1, Survey()),
		]
	)


@pytest.mark.parametrize("make_tree", [main_tree, survey_heavy_tree])
def test_a_change_of_the_survey_part_moves_every_total_as_summing_again_does(make_tree):
	"""What the survey's write-back relies on: from the survey leaves alone, before and after, every
	node above them, the set and the survey part move to what summing all the leaves again gives."""
	tree = make_tree()
	aggregator = Aggregator(tree)
	rng = random.Random(11)

	def points(node):
		choice = rng.random()
		if choice < 0.2 and (node.not_applicable_allowed or node.is_survey):
			return NA
		if choice > 0.9:
			return None
		return D(rng.randint(0, int(node.max_score * 4))) / 4

	for _ in range(300):
		appraised = {n.code: points(n) for n in tree.leaves() if not n.is_survey}
		before = {n.code: points(n) for n in tree.leaves() if n.is_survey}
		after = {n.code: points(n) for n in tree.leaves() if n.is_survey}
		old, new = aggregator.aggregate(appraised | before), aggregator.aggregate(appraised | after)
		change = aggregator.part_change("survey", before, after)
		for node in tree:
			if node.code in change.nodes:
				was = old.node(node.code)
				moved = change.moved(node.code, was.achieved, was.maximum)
				assert (moved.achieved, moved.maximum) == (
					new.node(node.code).achieved,
					new.node(node.code).maximum,
				)
			elif not any(leaf.is_survey for leaf in _leaves_under(node)):
				assert new.node(node.code) == old.node(node.code)
		assert old.total.achieved + change.total[0] == new.total.achieved
		assert old.total.maximum + change.total[1] == new.total.maximum
		assert old.survey.achieved + change.part[0] == new.survey.achieved
		assert old.survey.maximum + change.part[1] == new.survey.maximum
		assert old.appraised == new.appraised
		fields = {
			f.code: change.moved(f.code, old.node(f.code).achieved, old.node(f.code).maximum)
			for f in tree.fields
		}
		assert set_total(tree, fields).achieved == new.total.achieved
		assert scaled_total(set_total(tree, fields), tree.total_max) == new.scaled_total
	# the other leaves are not read: nonsense there changes nothing
	survey = next(n.code for n in tree.leaves() if n.is_survey and not n.is_bonus)
	other = next(n.code for n in tree.leaves() if not n.is_survey)
	change = aggregator.part_change("survey", {survey: D(0)}, {survey: D(1), other: "not a number"})
	assert (change.total, change.part) == ((D(1), D(0)), (D(1), D(0)))


def _leaves_under(node):
	return [node] if node.is_leaf else [leaf for child in node.children for leaf in _leaves_under(child)]


@pytest.mark.parametrize(("first", "second"), [("1.a", "1.A"), ("1.1", "1.01"), ("2", "02")])
def test_codes_equal_to_a_reader_are_duplicates(first, second):
	parent = [Node("1", "Field", D(2))] if first.startswith("1.") else []
	_, problems = CriteriaTree.check(
		[*parent, Node(first, "X", D(1), YesNo()), Node(second, "Y", D(1), YesNo())]
	)
	assert [p.template for p in problems] == [M.DUPLICATE_CODE]


def test_a_maximum_with_more_than_two_decimals_is_refused():
	_, problems = CriteriaTree.check([Node("1", "Field", D("0.125"), Manual())])
	assert [(p.template, p.args) for p in problems] == [(M.MAX_DECIMALS, ("1", "0.125"))]
