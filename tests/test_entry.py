"""Typed entry: each rule kind's control, and the one canonical form every value is stored in."""

import datetime
from decimal import Decimal

import pytest

from parindex.scoring import messages as M
from parindex.scoring.entry import check, spec
from parindex.scoring.errors import ScoringError
from parindex.scoring.rules import (
	Band,
	Deadline,
	Deduction,
	Manual,
	Option,
	Options,
	Proportional,
	Survey,
	Thresholds,
	YesNo,
)

D = Decimal
DUE = datetime.date(2025, 12, 31)
OPTIONS = Options((Option("Đầy đủ", D(1)), Option("Vi phạm nhẹ", D("0.5")), Option("Vi phạm nặng", D(0))))
BANDS = Thresholds(
	(
		Band(D(2), lower=D(90), lower_inclusive=False, upper=D(100), upper_inclusive=True),
		Band(D(1), lower=D(70), upper=D(90), upper_inclusive=True),
		Band(D(0), lower=D(0), upper=D(70)),
	)
)


@pytest.mark.parametrize(
	("rule", "typed", "stored"),
	[
		(YesNo(), "Có", "Yes"),
		(YesNo(), "không", "No"),
		(YesNo(), 1, "Yes"),
		(OPTIONS, " vi phạm NHẸ ", "Vi phạm nhẹ"),
		(Deadline(due=DUE), "20/12/2025", "2025-12-20"),
		(Deadline(due=DUE), datetime.date(2026, 1, 5), "2026-01-05"),
		(Deadline(due=DUE), "không thực hiện", "Not done"),
		(Deadline(), "Đúng hạn", "On time"),
		(Deadline(), "chậm", "Late"),
		(Proportional(), "87,5", "87.5"),
		(Proportional(), 87.50, "87.5"),
		(BANDS, "90", "90"),
		(Deduction(per=D("0.25")), "3", "3"),
		(Manual(step=D("0.25")), "0,75", "0.75"),
		(Manual(), "", ""),
		(Survey(), "80", ""),
	],
)
def test_every_way_of_writing_a_value_is_stored_one_way(rule, typed, stored):
	assert check(rule, "1.1", D(2), typed) == stored
	assert check(rule, "1.1", D(2), stored) == stored  # stored values read back as themselves


@pytest.mark.parametrize(
	("rule", "typed", "message"),
	[
		(YesNo(), "maybe", M.BAD_YES_NO),
		(OPTIONS, "Tốt", M.UNKNOWN_OPTION),
		(Deadline(), "05/01/2025", M.NO_DUE_DATE),  # a date, but the rule has no due date
		(Deadline(due=DUE), "Đúng hạn", M.DATE_NEEDED),  # the date it was done is needed
		(Deadline(), "soon", M.BAD_DEADLINE_STATUS),
		(Proportional(), "120", M.RATE_OUT_OF_RANGE),
		(Proportional(), "abc", M.SCORE_NOT_NUMBER),
		(BANDS, "-5", M.VALUE_OUTSIDE_BANDS),
		(Deduction(per=D(1)), "2.5", M.BAD_COUNT),
		(Deduction(per=D(1)), "-1", M.BAD_COUNT),
		(Manual(step=D("0.25")), "0.3", M.SCORE_OFF_STEP),
		(Manual(), "3", M.SCORE_OUT_OF_RANGE),
	],
)
def test_a_value_the_rule_cannot_take_is_refused_with_the_rules_message(rule, typed, message):
	with pytest.raises(ScoringError) as caught:
		check(rule, "1.1", D(2), typed)
	assert [p.template for p in caught.value.problems] == [message]
	assert caught.value.problems[0].code == "1.1"


def test_each_kind_has_its_control():
	assert spec(OPTIONS, D(1)) == {
		"control": "select",
		"choices": ["Đầy đủ", "Vi phạm nhẹ", "Vi phạm nặng"],
		"translate": False,
	}
	assert spec(YesNo(), D(1))["choices"] == ["Yes", "No"]
	assert spec(Deadline(due=DUE), D(1)) == {"control": "date", "due": "2025-12-31", "choices": ["Not done"]}
	assert spec(Deadline(), D(1))["choices"] == ["On time", "Late", "Not done"]
	assert spec(Proportional(), D(2)) == {"control": "number", "unit": "%", "min": 0, "max": 100.0}
	assert spec(Deduction(per=D(1)), D(1)) == {"control": "integer", "unit": "times", "min": 0}
	assert spec(Manual(step=D("0.25")), D(1)) == {
		"control": "number",
		"unit": "points",
		"min": 0,
		"max": 1.0,
		"step": 0.25,
	}
	assert spec(BANDS, D(2)) == {"control": "number", "min": 0.0, "max": 100.0}
	open_ended = Thresholds((Band(D(1), lower=D(5)), Band(D(0), upper=D(5))))
	assert spec(open_ended, D(1)) == {"control": "number", "min": None, "max": None}
	assert spec(Survey(), D(2)) == {"control": "none"}
