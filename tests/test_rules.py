"""Rule kinds: points per reported value, parameter checks, and the rule table of a provincial decision."""

import datetime
from decimal import Decimal as D

import pytest

from parindex.scoring import messages as M
from parindex.scoring.aggregate import Total, aggregate
from parindex.scoring.errors import ScoringError
from parindex.scoring.rules import (
	KIND_LABELS_VI,
	Band,
	Deadline,
	DeadlineStatus,
	Deduction,
	Manual,
	Option,
	Options,
	Proportional,
	RuleKind,
	RuleSpec,
	Survey,
	Thresholds,
	YesNo,
	parse_yes_no,
)
from parindex.scoring.tree import CriteriaTree, Node

DUE = datetime.date(2024, 12, 31)


def refused(rule, max_score, value, code="1.1.1"):
	"""The problems of a refused value; every one must name the criterion code."""
	with pytest.raises(ScoringError) as caught:
		rule.score(code, D(max_score), value)
	assert caught.value.problems
	assert all(p.code == code and code in str(p) for p in caught.value.problems)
	return caught.value.problems


def templates(problems):
	return [p.template for p in problems]


# --- The rule table of domain.md, expressed through the core -------------------------------------------

PLAN_ISSUED = Deadline(on_time=D(1), late=D("0.5"), not_done=D(0), due=DUE)


@pytest.mark.parametrize(
	("value", "points"),
	[
		(datetime.date(2024, 12, 20), D(1)),
		(DUE, D(1)),  # done on the due date is on time
		(datetime.date(2025, 1, 1), D("0.5")),
		(datetime.datetime(2024, 12, 31, 23, 59), D(1)),  # a datetime counts by its date
		(None, D(0)),  # no date: not issued
	],
)
def test_plan_issued_with_a_due_date(value, points):
	assert PLAN_ISSUED.score("1.1.1", D(1), value) == points


@pytest.mark.parametrize(
	("status", "points"),
	[
		("On time", D(1)),
		("đúng hạn", D(1)),
		("Late", D("0.5")),
		("quá hạn", D("0.5")),
		(DeadlineStatus.NOT_DONE, D(0)),
		("không ban hành", D(0)),
		("", D(0)),
	],
)
def test_plan_issued_by_status(status, points):
	rule = Deadline(on_time=D(1), late=D("0.5"), not_done=D(0))
	assert rule.score("1.1.1", D(1), status) == points


def test_deadline_defaults_on_time_to_the_maximum_and_others_to_zero():
	rule = Deadline()
	assert rule.score("1.1.1", D("1.5"), "on time") == D("1.5")
	assert rule.score("1.1.1", D("1.5"), "late") == D(0)
	assert rule.score("1.1.1", D("1.5"), "not done") == D(0)
	assert rule.best(D("1.5")) == D("1.5")


def test_deadline_date_without_due_date_is_refused():
	problems = refused(Deadline(), 1, datetime.date(2024, 12, 1))
	assert templates(problems) == [M.NO_DUE_DATE]


@pytest.mark.parametrize(
	("text", "points"),
	[("2024-12-31", D(1)), ("31/12/2024", D(1)), ("01-01-2025", D("0.5")), ("2025-01-10", D("0.5"))],
)
def test_deadline_accepts_a_completion_date_written_as_text(text, points):
	# forms and workbooks send dates as text; PLAN_ISSUED is due on 2024-12-31
	assert PLAN_ISSUED.score("1.1.1", D(1), text) == points


def test_deadline_unknown_status_is_refused():
	problems = refused(PLAN_ISSUED, 1, "someday")
	assert templates(problems) == [M.BAD_DEADLINE_STATUS]
	assert problems[0].args == ("1.1.1", "someday")


def test_deadline_points_above_max_are_a_parameter_problem():
	problems = Deadline(on_time=D(2), late=D("-0.5")).problems("1.1", D(1))
	assert templates(problems) == [M.POINTS_OUT_OF_RANGE, M.POINTS_OUT_OF_RANGE]
	assert [p.args for p in problems] == [("1.1", "2", "1"), ("1.1", "-0.5", "1")]


@pytest.mark.parametrize(
	("answer", "points"),
	[
		("yes", D(1)),
		("Có", D(1)),
		("no", D(0)),
		(False, D(0)),
	],
)
def test_tasks_identified_and_budgeted(answer, points):
	assert YesNo().score("1.1.2", D(1), answer) == points


@pytest.mark.parametrize("answer", ["maybe", 2, None])
def test_yes_no_refuses_anything_else(answer):
	problems = refused(YesNo(), 1, answer)
	assert templates(problems) == [M.BAD_YES_NO]


def test_yes_no_with_explicit_points():
	rule = YesNo(yes=D("0.5"), no=D("0.25"))
	assert rule.score("1.1", D(1), "đạt") == D("0.5")
	assert rule.score("1.1", D(1), "không đạt") == D("0.25")
	assert rule.best(D(1)) == D("0.5")
	assert YesNo(yes=D(2)).problems("1.1", D(1))[0].args == ("1.1", "2", "1")


COMPLETION = Thresholds(
	(
		Band(D(2), lower=D(90), lower_inclusive=False),
		Band(D(1), lower=D(70), upper=D(90), upper_inclusive=True),
		Band(D(0), upper=D(70)),
	)
)


@pytest.mark.parametrize(
	("rate", "points"),
	[
		("90.01", D(2)),
		("90", D(1)),  # 70 % to 90 %: both ends give 1
		("80", D(1)),
		("70", D(1)),
		("69.99", D(0)),
		("90,01", D(2)),
	],
)
def test_degree_of_plan_completion(rate, points):
	assert COMPLETION.problems("1.3", D(2)) == []
	assert COMPLETION.score("1.3", D(2), rate) == points


# Reports sent on time, 4 a year: "all on time 1, otherwise 0". Modelled as Thresholds on the count of
# on-time reports, because the unit reports a number it can prove (4 dated reports); the bands 4..4 and
# 0..3 also state the valid range, so 5 or -1 on-time reports out of 4 are refused instead of scored.
REPORTS = Thresholds(
	(Band(D(1), lower=D(4), upper=D(4), upper_inclusive=True), Band(D(0), lower=D(0), upper=D(4)))
)


@pytest.mark.parametrize(("on_time", "points"), [(4, D(1)), (3, D(0)), (0, D(0))])
def test_reports_sent_on_time(on_time, points):
	assert REPORTS.problems("1.4", D(1)) == []
	assert REPORTS.score("1.4", D(1), on_time) == points


@pytest.mark.parametrize("on_time", [5, -1])
def test_reports_sent_on_time_outside_the_year_is_refused(on_time):
	problems = refused(REPORTS, 1, on_time)
	assert templates(problems) == [M.VALUE_OUTSIDE_BANDS]


ETHICS = Options(
	(Option("Full compliance", D(1)), Option("Minor breach", D("0.5")), Option("Serious breach", D(0)))
)


@pytest.mark.parametrize(
	("answer", "points"),
	[("Full compliance", D(1)), ("minor BREACH", D("0.5")), ("  Serious breach ", D(0))],
)
def test_ethics_compliance(answer, points):
	assert ETHICS.problems("5.5", D(1)) == []
	assert ETHICS.score("5.5", D(1), answer) == points


def test_options_unknown_label_lists_the_options():
	problems = refused(ETHICS, 1, "Perfect")
	assert templates(problems) == [M.UNKNOWN_OPTION]
	assert problems[0].args == ("1.1.1", "Perfect", "Full compliance, Minor breach, Serious breach")


# Bonus for excellence, max 5: excellent max, good 75 % (3.75), completed 50 % (2.5).
EXCELLENCE = Options((Option("Excellent", D(5)), Option("Good", D("3.75")), Option("Completed", D("2.5"))))


@pytest.mark.parametrize(
	("answer", "points"), [("Excellent", D(5)), ("Good", D("3.75")), ("Completed", D("2.5"))]
)
def test_bonus_for_excellence(answer, points):
	assert EXCELLENCE.problems("9", D(5)) == []
	assert EXCELLENCE.score("9", D(5), answer) == points


def test_bonus_node_adds_points_but_not_maximum():
	tree = CriteriaTree.build(
		[
			Node("1", "Field", D(2)),
			Node("1.1", "Plan completion", D(2), COMPLETION),
			Node("1.9", "Bonus for excellence", D(5), EXCELLENCE, is_bonus=True),
		]
	)
	points = {"1.1": COMPLETION.score("1.1", D(2), 80), "1.9": EXCELLENCE.score("1.9", D(5), "Good")}
	result = aggregate(tree, points)
	# 1 + 3.75 achieved against a maximum of 2 (the bonus maximum 5 does not count)
	assert result.nodes["1"].achieved == D("4.75")
	assert result.nodes["1"].maximum == D(2)
	assert tree.total_max == D(2)


@pytest.mark.parametrize(
	("rate", "points"),
	[
		("87.345", D("1.75")),  # 87.345 % of 2 = 1.7469 → 1.75
		("0", D(0)),
		("100", D(2)),
		("0.25", D("0.01")),  # 0.005 → 0.01 half-up
		(62.5, D("1.25")),
	],
)
def test_proportional(rate, points):
	assert Proportional().score("2.1", D(2), rate) == points


def test_proportional_rounds_half_up():
	# 62.5 % of 1 = 0.625 → 0.63 (half-even would give 0.62)
	assert Proportional().score("2.1", D(1), "62.5") == D("0.63")


@pytest.mark.parametrize(
	("rate", "points"),
	[("49.99", D(0)), ("50", D("1.25")), ("60", D("1.5")), ("79.99", D(2)), ("80", D(2)), ("100", D(2))],
)
def test_proportional_floor_and_cap_are_rates(rate, points):
	# max 2, full points from 80 %, nothing below 50 %: 60 % → 2 × 60 / 80 = 1.5; 79.99 % → 1.99975 → 2.00
	assert Proportional(floor=D(50), cap=D(80)).score("2.1", D(2), rate) == points


@pytest.mark.parametrize("rate", ["-1", "100.01", "870"])
def test_proportional_rate_outside_0_to_100_is_refused(rate):
	# a typo such as 870 must not earn the maximum
	problems = refused(Proportional(), 2, rate)
	assert templates(problems) == [M.RATE_OUT_OF_RANGE]


def test_proportional_parameter_problems():
	assert templates(Proportional(floor=D(90), cap=D(80)).problems("2.1", D(2))) == [M.FLOOR_ABOVE_CAP]
	problems = Proportional(floor=D(-1), cap=D(120)).problems("2.1", D(2))
	assert templates(problems) == [M.RATE_PARAM_RANGE, M.RATE_PARAM_RANGE]
	assert Proportional(cap=D(80)).best(D(2)) == D(2)  # a cap is a rate: the maximum stays reachable


@pytest.mark.parametrize(("count", "points"), [(0, D(1)), (2, D("0.5")), (6, D(0)), ("2.0", D("0.5"))])
def test_deduction_per_occurrence_with_floor(count, points):
	# max 1, 0.25 off per late report, never below 0: 6 late → 1 − 1.5 = −0.5 → floor 0
	assert Deduction(per=D("0.25")).score("1.2", D(1), count) == points


@pytest.mark.parametrize(("count", "points"), [(0, D(0)), (3, D("-1.5")), (5, D(-2))])
def test_penalty_node_of_max_zero_with_negative_floor(count, points):
	rule = Deduction(per=D("0.5"), floor=D(-2))
	assert rule.problems("9.1", D(0)) == []
	assert rule.score("9.1", D(0), count) == points


def test_penalty_node_lowers_its_parent():
	tree = CriteriaTree.build(
		[
			Node("1", "Field", D(1)),
			Node("1.1", "Plan", D(1), YesNo()),
			Node("1.2", "Breaches", D(0), Deduction(per=D("0.5"), floor=D(-2))),
		]
	)
	result = aggregate(tree, {"1.1": D(1), "1.2": D("-1.5")})
	assert result.nodes["1"] == Total(D("-0.5"), D(1), True)


@pytest.mark.parametrize("count", [-1, "1.5", "many", True])
def test_deduction_refuses_counts_that_are_not_whole_numbers(count):
	problems = refused(Deduction(per=D("0.25")), 1, count)
	assert templates(problems) == [M.BAD_COUNT]


def test_deduction_parameter_problems():
	problems = Deduction(per=D(0), floor=D(4)).problems("1.2", D(1))
	assert templates(problems) == [M.PER_NOT_POSITIVE, M.FLOOR_ABOVE_BASE]
	assert problems[1].args == ("1.2", "4", "1")
	assert Deduction(per=D(1)).best(D(1)) == D(1)


def test_negative_floor_only_for_a_penalty_criterion():
	# a criterion worth 1 point cannot fall to −1; a penalty criterion (maximum 0) can
	assert templates(Deduction(per=D(1), floor=D(-1)).problems("1.2", D(1))) == [M.NEGATIVE_FLOOR]
	assert Deduction(per=D(1), floor=D(-1)).problems("9.1", D(0)) == []


def test_parameters_with_more_than_two_decimals_are_refused():
	assert templates(Deduction(per=D("0.125")).problems("1.2", D(1))) == [M.TOO_MANY_DECIMALS]
	assert templates(YesNo(yes=D("0.995")).problems("1.1", D(1))) == [M.TOO_MANY_DECIMALS]


def test_manual_step_must_divide_the_maximum():
	# max 1 with step 0.3 never reaches 1
	assert templates(Manual(step=D("0.3")).problems("1.1", D(1))) == [M.STEP_NOT_DIVIDING]
	assert Manual(step=D("0.25")).problems("1.1", D(1)) == []


@pytest.mark.parametrize(
	("share", "points"),
	[
		("73.4", D("1.47")),
		("100", D(2)),
		("62.5 %", D("1.25")),
		(D("0.25"), D("0.01")),
	],
)
def test_survey_derived(share, points):
	# max 2: 73.4 % → 1.468 → 1.47; 0.25 % → 0.005 → 0.01 half-up
	assert Survey().score("8.1", D(2), share) == points


@pytest.mark.parametrize("share", ["100.01", "-0.01"])
def test_survey_share_outside_0_to_100_is_refused(share):
	problems = refused(Survey(), 2, share)
	assert templates(problems) == [M.SHARE_OUT_OF_RANGE]


# --- Thresholds: the shape of the bands ----------------------------------------------------------------


def bands_problems(*bands, max_score=2):
	return Thresholds(tuple(bands)).problems("1.3", D(max_score))


def test_thresholds_without_bands():
	assert templates(bands_problems()) == [M.NO_BANDS]


def test_thresholds_overlapping_bands():
	problems = bands_problems(Band(D(1), upper=D(80)), Band(D(2), lower=D(70)))
	assert templates(problems) == [M.BANDS_OVERLAP]
	assert problems[0].args == ("1.3", "<80", ">=70")


def test_thresholds_inclusive_on_both_sides_overlap():
	problems = bands_problems(Band(D(0), upper=D(70), upper_inclusive=True), Band(D(1), lower=D(70)))
	assert templates(problems) == [M.BANDS_OVERLAP]


def test_thresholds_exclusive_on_both_sides_leave_a_gap():
	# <70 and >70: the value 70 itself falls in no band
	problems = bands_problems(Band(D(0), upper=D(70)), Band(D(1), lower=D(70), lower_inclusive=False))
	assert templates(problems) == [M.BANDS_GAP]
	assert problems[0].args == ("1.3", "<70", ">70")


def test_thresholds_gap_between_bounds():
	problems = bands_problems(Band(D(0), upper=D(60)), Band(D(1), lower=D(70)))
	assert templates(problems) == [M.BANDS_GAP]


def test_thresholds_two_open_lower_bounds_overlap():
	assert templates(bands_problems(Band(D(0), upper=D(50)), Band(D(1), upper=D(70)))) == [M.BANDS_OVERLAP]


def test_thresholds_catch_all_band_overlaps_any_other():
	assert templates(bands_problems(Band(D(0)), Band(D(1), lower=D(70)))) == [M.BANDS_OVERLAP]


def test_thresholds_order_of_bands_does_not_matter():
	assert bands_problems(*reversed(COMPLETION.bands)) == []


@pytest.mark.parametrize(
	"band",
	[
		Band(D(1), lower=D(5), upper=D(5)),  # >=5 <5
		Band(D(1), lower=D(5), lower_inclusive=False, upper=D(5), upper_inclusive=True),  # >5 <=5
		Band(D(1), lower=D(10), upper=D(5), upper_inclusive=True),  # 10..5
	],
)
def test_thresholds_empty_band(band):
	problems = bands_problems(band)
	assert templates(problems) == [M.BAND_EMPTY]
	assert problems[0].args[0] == "1.3"


def test_thresholds_single_point_band_is_not_empty():
	assert bands_problems(Band(D(1), lower=D(5), upper=D(5), upper_inclusive=True)) == []


def test_thresholds_points_above_max():
	problems = bands_problems(Band(D(3), lower=D(0)), max_score=2)
	assert templates(problems) == [M.POINTS_OUT_OF_RANGE]
	assert problems[0].args == ("1.3", "3", "2")


def test_thresholds_nested_bands_report_overlaps_but_no_gap():
	# 0..100 covers 10..20 and 30..40: both overlap it, and nothing lies outside every band between them
	problems = bands_problems(
		Band(D(1), lower=D(0), upper=D(100), upper_inclusive=True),
		Band(D(1), lower=D(10), upper=D(20), upper_inclusive=True),
		Band(D(1), lower=D(30), upper=D(40), upper_inclusive=True),
		max_score=1,
	)
	assert M.BANDS_GAP not in templates(problems)
	assert templates(problems).count(M.BANDS_OVERLAP) == 2


@pytest.mark.parametrize("value", ["-1", "100.01"])
def test_value_outside_every_band_is_refused(value):
	rule = Thresholds(
		(Band(D(1), lower=D(50), upper=D(100), upper_inclusive=True), Band(D(0), lower=D(0), upper=D(50)))
	)
	problems = refused(rule, 1, value)
	assert templates(problems) == [M.VALUE_OUTSIDE_BANDS]


def test_thresholds_refuses_text():
	assert templates(refused(COMPLETION, 2, "eighty")) == [M.SCORE_NOT_NUMBER]


def test_thresholds_best_is_the_highest_band():
	assert COMPLETION.best(D(2)) == D(2)
	assert Thresholds(()).best(D(2)) == D(0)


# --- Manual --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "0.75", "1", "0,5"])
def test_manual_on_step(value):
	assert Manual(step=D("0.25")).score("1.4", D(1), value) == D(str(value).replace(",", "."))


def test_manual_off_step_is_refused():
	problems = refused(Manual(step=D("0.25")), 1, "0.3")
	assert templates(problems) == [M.SCORE_OFF_STEP]
	assert problems[0].args == ("1.1.1", "0.3", "0.25")


@pytest.mark.parametrize("value", ["-0.25", "1.25"])
def test_manual_out_of_range_is_refused(value):
	problems = refused(Manual(step=D("0.25")), 1, value)
	assert templates(problems) == [M.SCORE_OUT_OF_RANGE]


def test_manual_without_step_takes_any_score_in_range():
	assert Manual().score("1.4", D("1.5"), "1.33") == D("1.33")


def test_manual_refuses_text():
	problems = refused(Manual(), 1, "good")
	assert templates(problems) == [M.SCORE_NOT_NUMBER]
	assert problems[0].args == ("1.1.1", "good")


@pytest.mark.parametrize("step", [D(0), D("-0.25")])
def test_manual_step_must_be_positive(step):
	assert templates(Manual(step=step).problems("1.4", D(1))) == [M.STEP_NOT_POSITIVE]


# --- Options parameters --------------------------------------------------------------------------------


def test_options_without_options():
	assert templates(Options(()).problems("1.5", D(1))) == [M.NO_OPTIONS]


def test_options_duplicate_labels_ignore_case():
	problems = Options((Option("Good", D(1)), Option(" good ", D("0.5")))).problems("1.5", D(1))
	assert templates(problems) == [M.DUPLICATE_OPTION]
	assert problems[0].args == ("1.5", " good ")


def test_options_empty_label():
	problems = Options((Option("  ", D(1)), Option("Bad", D(0)))).problems("1.5", D(1))
	assert templates(problems) == [M.EMPTY_OPTION]


def test_options_points_above_max():
	problems = Options((Option("Great", D("1.5")), Option("Bad", D(0)))).problems("1.5", D(1))
	assert templates(problems) == [M.POINTS_OUT_OF_RANGE]
	assert problems[0].args == ("1.5", "1.5", "1")


def test_options_every_problem_at_once():
	options = (Option("", D(1)), Option("A", D(2)), Option("a", D(0)))
	assert templates(Options(options).problems("1.5", D(1))) == [
		M.EMPTY_OPTION,
		M.POINTS_OUT_OF_RANGE,
		M.DUPLICATE_OPTION,
	]


def test_options_best_is_the_highest_option():
	assert ETHICS.best(D(1)) == D(1)
	assert Options((Option("Half", D("0.5")),)).best(D(1)) == D("0.5")


# --- best() of every kind ------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("rule", "best"),
	[
		(Manual(step=D("0.25")), D(2)),
		(YesNo(), D(2)),
		(YesNo(yes=D(1), no=D("1.5")), D("1.5")),
		(Deadline(on_time=D(1), late=D("0.5")), D(1)),
		(Proportional(cap=D(80)), D(2)),
		(Thresholds((Band(D(1), lower=D(0)),)), D(1)),
	],
)
def test_best(rule, best):
	assert rule.best(D(2)) == best


# --- RuleSpec --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("spec", "params"),
	[
		(RuleSpec(RuleKind.YES_NO), {"yes": D("1.5"), "no": D(0)}),
		(RuleSpec(RuleKind.YES_NO, {"no": D("0.5")}), {"yes": D("1.5"), "no": D("0.5")}),
		(RuleSpec(RuleKind.DEADLINE), {"on_time": D("1.5"), "late": D(0), "not_done": D(0)}),
		(
			RuleSpec(RuleKind.DEADLINE, {"late": D("0.5"), "due": DUE}),
			{"on_time": D("1.5"), "late": D("0.5"), "not_done": D(0), "due": DUE},
		),
		(
			RuleSpec(RuleKind.DEDUCTION, {"per": D("0.25")}),
			{"per": D("0.25"), "floor": D(0)},
		),
		(RuleSpec(RuleKind.MANUAL, {"step": D(0)}), {}),  # a step of 0 means none
		(RuleSpec(RuleKind.MANUAL, {"step": D("0.25")}), {"step": D("0.25")}),
		(RuleSpec(RuleKind.PROPORTIONAL, {"floor": D(0), "cap": D(0)}), {}),  # no-op limits dropped
		(RuleSpec(RuleKind.PROPORTIONAL, {"floor": D(50), "cap": None}), {"floor": D(50)}),
		(RuleSpec(RuleKind.SURVEY), {}),
	],
)
def test_rule_spec_explicit_writes_defaults_out(spec, params):
	explicit = spec.explicit(D("1.5"))
	assert explicit.kind is spec.kind
	assert explicit.params == params
	# in the order of the kind's parameters
	assert list(explicit.params) == list(params)


def test_rule_spec_explicit_keeps_options_and_bands():
	spec = RuleSpec(RuleKind.OPTIONS, options=ETHICS.options)
	assert spec.explicit(D(1)) == spec
	spec = RuleSpec(RuleKind.THRESHOLDS, bands=COMPLETION.bands)
	assert spec.explicit(D(2)) == spec


def test_rule_spec_explicit_scores_like_the_original():
	spec = RuleSpec(RuleKind.DEADLINE, {"late": D("0.5")})
	for status in ("on time", "late", "not done"):
		assert spec.build().score("1", D(1), status) == spec.explicit(D(1)).build().score("1", D(1), status)


@pytest.mark.parametrize(
	("spec", "rule"),
	[
		(RuleSpec(RuleKind.MANUAL, {"step": D("0.25"), "cap": D(1)}), Manual(step=D("0.25"))),
		(RuleSpec(RuleKind.OPTIONS, options=ETHICS.options), ETHICS),
		(RuleSpec(RuleKind.THRESHOLDS, bands=COMPLETION.bands), COMPLETION),
		(RuleSpec(RuleKind.PROPORTIONAL, {"cap": D(1), "floor": None}), Proportional(cap=D(1))),
		(RuleSpec(RuleKind.DEADLINE, {"late": D("0.5"), "due": DUE}), Deadline(late=D("0.5"), due=DUE)),
		(RuleSpec(RuleKind.YES_NO, {"yes": D(1)}), YesNo(yes=D(1))),
		(RuleSpec(RuleKind.DEDUCTION, {"per": D("0.25")}), Deduction(per=D("0.25"))),
		(RuleSpec(RuleKind.SURVEY, {"step": D(1)}), Survey()),
	],
)
def test_rule_spec_build(spec, rule):
	assert spec.build() == rule


def test_rule_spec_deduction_without_per_is_a_problem():
	rule = RuleSpec(RuleKind.DEDUCTION).build()
	assert templates(rule.problems("1.2", D(1))) == [M.PER_NOT_POSITIVE]


# --- RuleKind.parse ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("text", "kind"),
	[
		("yes_no", RuleKind.YES_NO),  # enum name, any case
		("có/không", RuleKind.YES_NO),  # Vietnamese label, any case
		("ngưỡng", RuleKind.THRESHOLDS),
		("Chấm trực tiếp", RuleKind.MANUAL),
		("Tỷ lệ", RuleKind.PROPORTIONAL),
		("Thời hạn", RuleKind.DEADLINE),
		("Trừ điểm", RuleKind.DEDUCTION),
		("Điều tra XHH", RuleKind.SURVEY),
		(" options ", RuleKind.OPTIONS),
		# other names officials use
		("Lựa chọn", RuleKind.OPTIONS),
		("mức độ", RuleKind.OPTIONS),
		("ĐTXHH", RuleKind.SURVEY),
		("Điều tra xã hội học", RuleKind.SURVEY),
	],
)
def test_rule_kind_parse(text, kind):
	assert RuleKind.parse(text) is kind


def test_rule_kind_parse_every_label():
	for kind in RuleKind:
		assert RuleKind.parse(kind.value) is kind
		assert RuleKind.parse(kind.name) is kind
		assert RuleKind.parse(KIND_LABELS_VI[kind]) is kind


@pytest.mark.parametrize("text", ["", "Formula", "Yes/No/Maybe"])
def test_rule_kind_parse_unknown(text):
	assert RuleKind.parse(text) is None


# --- yes/no answers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("value", "answer"),
	[
		("X", True),
		("Đạt", True),
		(1.0, True),
		("khong", False),
		("chưa", False),
		(None, None),
		("  ", None),
	],
)
def test_parse_yes_no(value, answer):
	assert parse_yes_no(value) is answer


@pytest.mark.parametrize("value", ["perhaps", 2])
def test_parse_yes_no_refuses(value):
	with pytest.raises(ValueError):
		parse_yes_no(value)


@pytest.mark.parametrize("status", ["On time", "đúng hạn", "Late"])
def test_with_a_due_date_the_unit_gives_the_date_not_a_status(status):
	# a unit cannot claim "on time"; it gives the date it was done, which is checked against the due date
	problems = refused(PLAN_ISSUED, 1, status)
	assert templates(problems) == [M.DATE_NEEDED]
	assert PLAN_ISSUED.score("1.1.1", D(1), "Not done") == D(0)
	assert PLAN_ISSUED.score("1.1.1", D(1), "2024-12-31 16:30") == D(1)
