"""What lifts a unit's rank: gains, standings and the fewest criteria to the next rank and band,
against hand-computed cases and against summing every leaf again."""

import random
from decimal import Decimal as D

import pytest

from parindex.scoring.aggregate import NOT_APPLICABLE as NA
from parindex.scoring.aggregate import Aggregator
from parindex.scoring.ranking import ClassBand
from parindex.scoring.rules import Manual
from parindex.scoring.simulate import Others, Standing, simulate
from parindex.scoring.tree import CriteriaTree, Node
from tests.test_tree_and_aggregate import main_tree, survey_heavy_tree

BANDS = [ClassBand("Tốt", D(90)), ClassBand("Khá", D(80)), ClassBand("Trung bình", D(70))]


def capped_tree():
	"""10 points: field 1 capped at 4 over 1.1 (3) and 1.2 (3); field 2: 2.1 (5) and a bonus 2.9 (1)."""
	return CriteriaTree.build(
		[
			Node("1", "Direction", D(4), is_cap=True),
			Node("1.1", "Plan", D(3), Manual()),
			Node("1.2", "Reports", D(3), Manual(), not_applicable_allowed=True),
			Node("2", "Impact", D(6)),
			Node("2.1", "Online", D(5), Manual()),
			Node("2.2", "Kiosk", D(1), Manual(), not_applicable_allowed=True),
			Node("2.9", "Initiative", D(1), Manual(), is_bonus=True),
		]
	)


def test_gains_respect_the_cap_and_count_again_after_each_criterion_taken():
	# 1.1 = 0, 1.2 = 0, 2.1 = 5, 2.2 = 1, bonus 0: 6 of 10 → 60.00
	scores = {"1.1": D(0), "1.2": D(0), "2.1": D(5), "2.2": D(1), "2.9": D(0)}
	result = simulate(Aggregator(capped_tree()), scores, bands=BANDS)
	assert result.standing == Standing(D("60.00"), None, None)
	# alone, each of 1.1 and 1.2 gains 3 (the cap leaves 4); the bonus gains 1 and no maximum
	gains = [(o.code, o.gain, o.standing.index) for o in result.opportunities]
	assert gains == [("1.1", D(3), D("90.00")), ("1.2", D(3), D("90.00")), ("2.9", D(1), D("70.00"))]
	# next band (Trung bình, 70): one criterion is enough, the largest gain first
	assert (result.next_band.label, result.next_band.codes) == ("Trung bình", ("1.1",))
	assert result.next_band.standing.band == "Tốt"
	# no other units given: no rank, no next rank
	assert result.standing.rank is None and result.next_rank is None


def test_criteria_under_one_cap_share_its_room_when_reaching_a_goal():
	scores = {"1.1": D(0), "1.2": D(0), "2.1": D(5), "2.2": D(1), "2.9": D(0)}
	top = [ClassBand("Xuất sắc", D(100))]
	result = simulate(Aggregator(capped_tree()), scores, bands=top)
	# 1.1 brings 3 (→ 90 %); 1.2 then brings only the cap's last point (→ 100 %), not 3
	assert result.next_band.codes == ("1.1", "1.2")
	assert result.next_band.standing.index == D("100.00")


def test_not_applicable_and_full_criteria_are_no_opportunity():
	scores = {"1.1": D(3), "1.2": NA, "2.1": D(2), "2.2": NA, "2.9": D(1)}
	result = simulate(Aggregator(capped_tree()), scores, bands=BANDS)
	# 1.1 + bonus 1 + 2.1: 3 + 1 + 2 = 6 of 3 + 5 = 8 → 75.00; only 2.1 has room
	assert result.standing.index == D("75.00")
	assert [(o.code, o.points, o.gain) for o in result.opportunities] == [("2.1", D(2), D(3))]


def test_rank_among_the_others_ties_share_and_the_next_rank_is_the_lowest_index_above():
	scores = {"1.1": D(1), "1.2": D(1), "2.1": D(4), "2.2": D(0), "2.9": D(0)}  # 6 of 10 → 60.00
	others = [D("60.00"), D("62.5"), D("62.50"), D(90)]
	result = simulate(Aggregator(capped_tree()), scores, others, BANDS)
	assert result.standing == Standing(D("60.00"), 4, None)  # 90, 62.5, 62.5 above; 60 ties
	# 62.50 needs +0.25 points: any criterion; the largest gain (1.1: 2) is taken
	assert result.next_rank.goal == D("62.50") and result.next_rank.label == "2"
	assert result.next_rank.codes == ("1.1",)
	assert result.next_rank.standing == Standing(D("80.00"), 2, "Khá")


def test_first_and_top_band_have_no_next():
	scores = {"1.1": D(3), "1.2": D(1), "2.1": D(5), "2.2": D(0), "2.9": D(0)}  # 9 of 10 → 90.00
	result = simulate(Aggregator(capped_tree()), scores, [D(50)], BANDS)
	assert result.standing == Standing(D("90.00"), 1, "Tốt")
	assert result.next_rank is None and result.next_band is None


def test_the_fewest_criteria_to_a_goal_and_a_goal_out_of_reach():
	scores = {"1.1": D(0), "1.2": NA, "2.1": D(0), "2.2": NA, "2.9": D(0)}  # 0 of 3 + 5 = 8
	result = simulate(Aggregator(capped_tree()), scores, [D(100)], BANDS)
	# Trung bình (70 %) needs 5.6 points: 2.1 (5) then 1.1 (3) → 8 of 8
	assert (result.next_band.label, result.next_band.codes) == ("Trung bình", ("2.1", "1.1"))
	assert result.next_rank.codes == ("2.1", "1.1")  # 100.00 ties the first: rank 1
	assert result.next_rank.standing.rank == 1
	# with only the bonus on offer, 1 of 8 (12.50) reaches neither
	only_bonus = simulate(Aggregator(capped_tree()), scores, [D(100)], BANDS, candidates=["2.9"])
	assert only_bonus.next_band is None and only_bonus.next_rank is None
	assert only_bonus.opportunities[0].standing.index == D("12.50")


def test_unscored_criteria_count_as_zero_and_may_be_raised():
	result = simulate(Aggregator(capped_tree()), {}, bands=BANDS)
	assert result.standing.index == D("0.00")
	assert {o.code for o in result.opportunities} == {"1.1", "1.2", "2.1", "2.2", "2.9"}


def test_candidates_limit_what_is_offered():
	result = simulate(Aggregator(capped_tree()), {}, bands=BANDS, candidates=["2.2"])
	assert [o.code for o in result.opportunities] == ["2.2"]


@pytest.mark.parametrize("make_tree", [main_tree, survey_heavy_tree, capped_tree])
def test_every_gain_and_target_equals_summing_all_leaves_again(make_tree):
	tree = make_tree()
	aggregator = Aggregator(tree)
	rng = random.Random(3)
	for _ in range(150):
		scores = {}
		for node in tree.leaves():
			if rng.random() < 0.15 and (node.not_applicable_allowed or node.is_survey):
				scores[node.code] = NA
			else:
				scores[node.code] = D(rng.randint(0, int(node.max_score * 4))) / 4
		others = [D(rng.randint(0, 10000)) / 100 for _ in range(rng.randint(0, 6))]
		result = simulate(aggregator, scores, others, BANDS)
		before = aggregator.aggregate(scores).total.achieved
		for opportunity in result.opportunities:
			raised = aggregator.aggregate({**scores, opportunity.code: opportunity.maximum})
			assert raised.total.achieved - before == opportunity.gain
			assert opportunity.standing.index == raised.index
			assert opportunity.standing.rank == Others(others).rank(raised.index)
		for target in (result.next_rank, result.next_band):
			if target is not None:
				raised = aggregator.aggregate({**scores, **{c: tree[c].max_score for c in target.codes}})
				assert raised.index == target.standing.index >= target.goal
				# one criterion fewer does not reach it
				fewer = {**scores, **{c: tree[c].max_score for c in target.codes[:-1]}}
				assert (aggregator.aggregate(fewer).index or 0) < target.goal
