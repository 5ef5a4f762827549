"""Exact numbers and half-up rounding; rule parameters as one line of text, and its round trip."""

import datetime
import doctest
import importlib
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parindex.scoring import messages as M
from parindex.scoring.numbers import fmt, round2, to_decimal
from parindex.scoring.rule_text import format_rule, parse_band, parse_date, parse_rule
from parindex.scoring.rules import KIND_PARAMETERS, Band, Option, RuleKind, RuleSpec

# --- numbers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("value", "expected"),
	[
		(2.675, D("2.675")),  # through repr, not the binary 2.67499999…
		(3, D(3)),
		(D("1.50"), D("1.50")),
		("0,5", D("0.5")),  # decimal comma
		(" 90 % ", D(90)),  # percent sign
		("-0,125", D("-0.125")),
	],
)
def test_to_decimal(value, expected):
	result = to_decimal(value)
	assert isinstance(result, D)
	assert result == expected


@pytest.mark.parametrize(
	"value", [True, False, None, "", "abc", "1,234.5", "NaN", "-Infinity", float("nan"), float("inf")]
)
def test_to_decimal_refuses(value):
	with pytest.raises(ValueError):
		to_decimal(value)


@pytest.mark.parametrize(
	("value", "expected"),
	[
		("0.125", "0.13"),
		("1.005", "1.01"),  # half-even would give 1.00
		("2.675", "2.68"),
		("82.525", "82.53"),
		("-0.125", "-0.13"),  # half away from zero for negatives
		("-1.745", "-1.75"),
		("7", "7.00"),
	],
)
def test_round2_half_up(value, expected):
	result = round2(D(value))
	assert result == D(expected)
	assert str(result) == expected  # always two places


@pytest.mark.parametrize(
	("value", "text"),
	[("1.50", "1.5"), ("0.25", "0.25"), ("10.0", "10"), ("1E+2", "100"), ("-1.50", "-1.5"), ("-0.00", "0")],
)
def test_fmt(value, text):
	assert fmt(D(value)) == text


# --- band syntax -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("text", "band"),
	[
		(">90", Band(D(0), D(90), False, None)),
		(">=90", Band(D(0), D(90), True, None)),
		("<70", Band(D(0), None, True, D(70), False)),
		("≤ 70", Band(D(0), None, True, D(70), True)),
		(">=70 <90", Band(D(0), D(70), True, D(90), False)),
		("<90 >=70", Band(D(0), D(70), True, D(90), False)),
		("≥70 ≤90", Band(D(0), D(70), True, D(90), True)),
		(">70% <=90%", Band(D(0), D(70), False, D(90), True)),
		("70..90", Band(D(0), D(70), True, D(90), True)),
		("-5..5,5", Band(D(0), D(-5), True, D("5.5"), True)),
		("*", Band(D(0))),
	],
)
def test_parse_band(text, band):
	assert parse_band(text) == band


@pytest.mark.parametrize("text", ["90", ">>90", ">90 >95", "70..", ">70abc", ""])
def test_parse_band_refuses(text):
	assert parse_band(text) is None


# --- parse_rule ------------------------------------------------------------------------------------------


def parsed(kind, text, code="1.2.3"):
	spec, problems = parse_rule(kind, text, code)
	assert problems == []
	return spec


def test_parse_manual():
	assert parsed(RuleKind.MANUAL, "step=0.25") == RuleSpec(RuleKind.MANUAL, {"step": D("0.25")})
	assert parsed(RuleKind.MANUAL, "bước = 0,5") == RuleSpec(RuleKind.MANUAL, {"step": D("0.5")})
	assert parsed(RuleKind.MANUAL, "") == RuleSpec(RuleKind.MANUAL)


def test_parse_options():
	spec = parsed(RuleKind.OPTIONS, "On time=1; Late=0,5;\nNot issued = 0")
	assert spec == RuleSpec(
		RuleKind.OPTIONS,
		options=(Option("On time", D(1)), Option("Late", D("0.5")), Option("Not issued", D(0))),
	)


def test_parse_options_label_may_contain_an_equals_sign():
	assert parsed(RuleKind.OPTIONS, "Rate = 100 %=1").options == (Option("Rate = 100 %", D(1)),)


def test_parse_thresholds():
	spec = parsed(RuleKind.THRESHOLDS, ">90=2; 70..90=1; <70=0")
	assert spec.bands == (
		Band(D(2), D(90), False, None),
		Band(D(1), D(70), True, D(90), True),
		Band(D(0), None, True, D(70), False),
	)


def test_parse_thresholds_with_inclusive_operators_and_catch_all():
	spec = parsed(RuleKind.THRESHOLDS, ">=90=2; >=70 <90=1,5; ≤ 50=0,5; *=0")
	assert spec.bands == (
		Band(D(2), D(90), True, None),
		Band(D("1.5"), D(70), True, D(90), False),
		Band(D("0.5"), None, True, D(50), True),
		Band(D(0)),
	)


def test_parse_proportional_vietnamese_names():
	assert parsed(RuleKind.PROPORTIONAL, "sàn=0,25; trần=1,5") == RuleSpec(
		RuleKind.PROPORTIONAL, {"floor": D("0.25"), "cap": D("1.5")}
	)
	assert parsed(RuleKind.PROPORTIONAL, "tối thiểu=0; tối đa=2") == RuleSpec(
		RuleKind.PROPORTIONAL, {"floor": D(0), "cap": D(2)}
	)


@pytest.mark.parametrize(
	"text",
	[
		"on_time=1; late=0.5; not_done=0; due=2024-12-31",
		"On time=1; Late=0,5; Not done=0; Due=31/12/2024",
		"đúng hạn=1; chậm=0,5; không thực hiện=0; hạn=31-12-2024",
		"Đúng hạn=1\ntrễ hạn=0.5\nkhông thực hiện=0\nHạn=2024-12-31",
	],
)
def test_parse_deadline(text):
	assert parsed(RuleKind.DEADLINE, text) == RuleSpec(
		RuleKind.DEADLINE,
		{"on_time": D(1), "late": D("0.5"), "not_done": D(0), "due": datetime.date(2024, 12, 31)},
	)


@pytest.mark.parametrize("text", ["yes=1; no=0,25", "có=1; không=0,25", "YES=1;;NO=0.25;"])
def test_parse_yes_no(text):
	assert parsed(RuleKind.YES_NO, text) == RuleSpec(RuleKind.YES_NO, {"yes": D(1), "no": D("0.25")})


@pytest.mark.parametrize("text", ["per=0.25; floor=-2", "mỗi lần=0,25; sàn=-2"])
def test_parse_deduction(text):
	assert parsed(RuleKind.DEDUCTION, text) == RuleSpec(
		RuleKind.DEDUCTION, {"per": D("0.25"), "floor": D(-2)}
	)


def test_parse_survey():
	assert parsed(RuleKind.SURVEY, "  ") == RuleSpec(RuleKind.SURVEY)


def problems_of(kind, text, code="4.1.2"):
	_, problems = parse_rule(kind, text, code)
	assert all(p.code == code and str(p).startswith(f"Criterion {code}:") for p in problems)
	return [(p.template, p.args) for p in problems]


@pytest.mark.parametrize(
	("kind", "text", "expected"),
	[
		(RuleKind.MANUAL, "step", [(M.PARAM_SYNTAX, ("4.1.2", "step", "step=0.25"))]),
		(RuleKind.MANUAL, "step=", [(M.PARAM_SYNTAX, ("4.1.2", "step=", "step=0.25"))]),
		(RuleKind.OPTIONS, "Good", [(M.PARAM_SYNTAX, ("4.1.2", "Good", "On time=1; Late=0.5"))]),
		(RuleKind.OPTIONS, "Good=a lot", [(M.PARAM_SYNTAX, ("4.1.2", "Good=a lot", "On time=1; Late=0.5"))]),
		(RuleKind.MANUAL, "cap=1", [(M.PARAM_UNKNOWN, ("4.1.2", "cap", "Manual"))]),
		(RuleKind.DEADLINE, "có=1", [(M.PARAM_UNKNOWN, ("4.1.2", "có", "Deadline"))]),
		(RuleKind.SURVEY, "step=1", [(M.PARAM_UNKNOWN, ("4.1.2", "step", "Survey"))]),
		(RuleKind.YES_NO, "yes=one", [(M.PARAM_NUMBER, ("4.1.2", "yes", "one"))]),
		(RuleKind.DEDUCTION, "per=1.2.3", [(M.PARAM_NUMBER, ("4.1.2", "per", "1.2.3"))]),
		(RuleKind.DEADLINE, "due=31/02/2024", [(M.PARAM_DATE, ("4.1.2", "due", "31/02/2024"))]),
		(RuleKind.DEADLINE, "hạn=tomorrow", [(M.PARAM_DATE, ("4.1.2", "hạn", "tomorrow"))]),
		(RuleKind.THRESHOLDS, "90=2", [(M.PARAM_BAND, ("4.1.2", "90=2"))]),
		(RuleKind.THRESHOLDS, ">>90=2", [(M.PARAM_BAND, ("4.1.2", ">>90=2"))]),
		(RuleKind.THRESHOLDS, ">90=two", [(M.PARAM_BAND, ("4.1.2", ">90=two"))]),
		(RuleKind.THRESHOLDS, ">90", [(M.PARAM_BAND, ("4.1.2", ">90"))]),
	],
)
def test_parse_rule_syntax_errors_name_the_code(kind, text, expected):
	assert problems_of(kind, text) == expected


def test_parse_rule_reports_every_bad_item_and_keeps_the_good_ones():
	spec, problems = parse_rule(
		RuleKind.DEADLINE, "on_time=1; late=half; soon=1; due=2024-99-01; not_done=0", "2.1"
	)
	assert [p.template for p in problems] == [M.PARAM_NUMBER, M.PARAM_UNKNOWN, M.PARAM_DATE]
	assert spec.params == {"on_time": D(1), "not_done": D(0)}


def test_parse_thresholds_reports_every_bad_band():
	spec, problems = parse_rule(RuleKind.THRESHOLDS, "x=1; >90=2; <y=0", "2.1")
	assert [p.args for p in problems] == [("2.1", "x=1"), ("2.1", "<y=0")]
	assert spec.bands == (Band(D(2), D(90), False, None),)


@pytest.mark.parametrize(
	("text", "date"),
	[
		("2024-12-31", datetime.date(2024, 12, 31)),
		("05/01/2025", datetime.date(2025, 1, 5)),
		("05-01-2025", datetime.date(2025, 1, 5)),
	],
)
def test_parse_date(text, date):
	assert parse_date(text) == date


# --- format_rule and the round trip ------------------------------------------------------------------------

ROUND_TRIP = [
	(RuleSpec(RuleKind.MANUAL, {"step": D("0.25")}), "step=0.25"),
	(RuleSpec(RuleKind.MANUAL), ""),
	(
		RuleSpec(
			RuleKind.OPTIONS,
			options=(Option("Xuất sắc", D(5)), Option("Tốt", D("3.75")), Option("Hoàn thành", D("2.50"))),
		),
		"Xuất sắc=5; Tốt=3.75; Hoàn thành=2.5",
	),
	(
		RuleSpec(
			RuleKind.THRESHOLDS,
			bands=(
				Band(D(2), D(90), False, None),
				Band(D(1), D(70), True, D(90), True),
				Band(D("0.5"), D(50), False, D(70), False),
				Band(D("0.25"), D(40), True, D(50), True),
				Band(D(0), None, True, D(40), False),
			),
		),
		">90=2; 70..90=1; >50 <70=0.5; 40..50=0.25; <40=0",
	),
	(
		RuleSpec(
			RuleKind.THRESHOLDS, bands=(Band(D(1), D(0), True, D(50)), Band(D(0), None, True, D(0), True))
		),
		">=0 <50=1; <=0=0",
	),
	(RuleSpec(RuleKind.THRESHOLDS, bands=(Band(D(1)),)), "*=1"),
	(RuleSpec(RuleKind.PROPORTIONAL, {"cap": D("1.5"), "floor": D("0.5")}), "floor=0.5; cap=1.5"),
	(
		RuleSpec(
			RuleKind.DEADLINE,
			{"due": datetime.date(2025, 1, 15), "on_time": D(1), "late": D("0.5"), "not_done": D(0)},
		),
		"on_time=1; late=0.5; not_done=0; due=2025-01-15",
	),
	(RuleSpec(RuleKind.YES_NO, {"yes": D("0.50"), "no": D(0)}), "yes=0.5; no=0"),
	(
		RuleSpec(RuleKind.DEDUCTION, {"per": D("0.5"), "floor": D(-2)}),
		"per=0.5; floor=-2",
	),
	(RuleSpec(RuleKind.SURVEY), ""),
]


@pytest.mark.parametrize(("spec", "text"), ROUND_TRIP)
def test_format_rule_is_canonical_and_round_trips(spec, text):
	assert format_rule(spec) == text
	assert parsed(spec.kind, text) == spec


points = st.decimals(min_value=-100, max_value=100, places=2, allow_nan=False, allow_infinity=False)
bounds = st.one_of(st.none(), points)
labels = st.text(alphabet="abcxyzĐđàáạảãươ 0123456789/()-=,.%", min_size=1, max_size=20).filter(
	lambda s: s.strip() == s and s.strip() != ""
)


@given(st.lists(st.tuples(labels, points), min_size=1, max_size=5))
def test_round_trip_options_property(items):
	spec = RuleSpec(RuleKind.OPTIONS, options=tuple(Option(label, value) for label, value in items))
	assert parsed(RuleKind.OPTIONS, format_rule(spec)) == spec


@given(st.lists(st.tuples(points, bounds, st.booleans(), bounds, st.booleans()), min_size=1, max_size=5))
def test_round_trip_thresholds_property(items):
	bands = tuple(
		Band(p, lo, lo_inc or lo is None, up, up_inc and up is not None)
		for p, lo, lo_inc, up, up_inc in items
	)
	spec = RuleSpec(RuleKind.THRESHOLDS, bands=bands)
	assert parsed(RuleKind.THRESHOLDS, format_rule(spec)) == spec


@given(
	st.sampled_from([k for k in RuleKind if k not in (RuleKind.OPTIONS, RuleKind.THRESHOLDS)]),
	st.data(),
)
def test_round_trip_named_parameters_property(kind, data):
	params = {}
	for key in KIND_PARAMETERS[kind]:
		value = data.draw(
			st.one_of(
				st.none(),
				st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)) if key == "due" else points,
			),
			label=key,
		)
		if value is not None:
			params[key] = value
	spec = RuleSpec(kind, params)
	assert parsed(kind, format_rule(spec)) == spec


# --- the docstring examples of the core are part of its specification ------------------------------------

CORE_MODULES = [
	"parindex.scoring.numbers",
	"parindex.scoring.rules",
	"parindex.scoring.aggregate",
	"parindex.scoring.survey",
	"parindex.scoring.ranking",
	"parindex.scoring.tree",
	"parindex.scoring.entry",
	"parindex.scoring.describe",
	"parindex.scoring.flags",
	"parindex.scoring.appraisal",
	"parindex.scoring.errors",
	"parindex.process",
	"parindex.waiting",
]


@pytest.mark.parametrize("name", CORE_MODULES)
def test_docstring_examples_hold(name):
	result = doctest.testmod(importlib.import_module(name), verbose=False, report=False)
	assert result.attempted > 0
	assert result.failed == 0


def test_a_parameter_given_twice_is_refused():
	_spec, problems = parse_rule(RuleKind.YES_NO, "yes=1; no=0; có=0.5", "1.1")
	assert [(p.template, p.args) for p in problems] == [(M.PARAM_REPEATED, ("1.1", "có"))]


@pytest.mark.parametrize(
	("spec", "text"),
	[
		(
			RuleSpec(
				RuleKind.DEADLINE, {"on_time": D(1), "late": D("0.5"), "due": datetime.date(2024, 12, 31)}
			),
			"đúng hạn=1; chậm=0.5; hạn=31/12/2024",
		),
		(RuleSpec(RuleKind.DEDUCTION, {"per": D("0.25"), "floor": D(0)}), "mỗi lần=0.25; sàn=0"),
	],
)
def test_vietnamese_parameter_text_round_trips(spec, text):
	assert format_rule(spec, "vi") == text
	assert parse_rule(spec.kind, text, "1.1") == (spec, [])
