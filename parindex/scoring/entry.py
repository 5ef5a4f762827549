"""How a value is entered for each rule kind, and the one form it is stored in.

A unit (or an appraiser) reports a value for a criterion; the rule turns it into points. The form shows
a control fit for the kind — a list of the criterion's options, Có / Không, a date, a number with its
unit and bounds — and whatever way a value arrives (the form, a workbook, an older record) it is kept
in one **canonical** form that the rule reads:

==============  =======================  ==================================  =====================
rule kind       control                  canonical value                     shown (Vietnamese)
==============  =======================  ==================================  =====================
Options         list of the options      the option's label as defined       the label
Yes/No          Có / Không               ``Yes`` or ``No``                    Có / Không
Deadline, due   a date                   ``2025-01-05`` (or ``Not done``)    05/01/2025
Deadline        On time / Late / …       ``On time``, ``Late``, ``Not done``   Đúng hạn, Chậm, …
Thresholds      a number                 ``87.5``                             87,5
Proportional    a number, %, 0 – 100     ``87.5``                             87,5 %
Deduction       a whole number ≥ 0       ``3``                                3
Manual          a number, 0 – max, step  ``0.75``                             0,75
==============  =======================  ==================================  =====================

>>> from parindex.scoring.rules import YesNo, Deadline, Options, Option
>>> canonical(YesNo(), "1.2", "có"), canonical(Deadline(due=None), "1.1", "đúng hạn")
('Yes', 'On time')
>>> import datetime
>>> canonical(Deadline(due=datetime.date(2025, 12, 31)), "1.1", "05/01/2025")
'2025-01-05'
>>> canonical(Options((Option("Đạt", Decimal(1)),)), "2.1", "  đạt ")
'Đạt'
>>> spec(YesNo(), Decimal(1))["choices"]
['Yes', 'No']
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, ScoringError
from parindex.scoring.numbers import HUNDRED, ZERO, fmt, to_decimal
from parindex.scoring.rules import (
	Deadline,
	DeadlineStatus,
	Deduction,
	Manual,
	Options,
	Proportional,
	Rule,
	Survey,
	Thresholds,
	YesNo,
	parse_date,
	parse_yes_no,
)

YES, NO = "Yes", "No"


def canonical(rule: Rule, code: str, value) -> str:
	"""The value in the form it is stored in; "" for nothing reported. Raises :class:`ScoringError`
	(with the rule's own message) for a value the rule cannot read."""
	if value is None or (isinstance(value, str) and not value.strip()):
		return ""
	if isinstance(rule, Survey):
		return ""
	if isinstance(rule, YesNo):
		try:
			answer = parse_yes_no(value)
		except ValueError:
			answer = None
		if answer is None:
			raise ScoringError(Problem(M.BAD_YES_NO, (code, value), code))
		return YES if answer else NO
	if isinstance(rule, Options):
		key = str(value).strip().casefold()
		for option in rule.options:
			if option.label.strip().casefold() == key:
				return option.label
		rule.score(code, ZERO, value)  # raises the rule's own message, with the options
	if isinstance(rule, Deadline):
		return _deadline(rule, code, value)
	if isinstance(rule, Deduction):
		rule.score(code, ZERO, value)  # a whole number from 0, or the rule's message
		return fmt(to_decimal(value))
	# Manual, Thresholds, Proportional: a number the rule accepts
	number = to_decimal(value) if _is_number(value) else None
	if number is None:
		raise ScoringError(Problem(M.SCORE_NOT_NUMBER, (code, value), code))
	return fmt(number)


def _is_number(value) -> bool:
	try:
		to_decimal(value)
	except ValueError:
		return False
	return True


def _deadline(rule: Deadline, code: str, value) -> str:
	if isinstance(value, datetime.date):
		done = value
	else:
		done = parse_date(str(value))
	if done is not None:
		rule.status_of(code, done)  # refused without a due date
		return done.isoformat()
	return rule.status_of(code, value).value


def check(rule: Rule, code: str, max_score: Decimal, value) -> str:
	"""The canonical value, once the rule has scored it: everything a form must refuse is refused."""
	stored = canonical(rule, code, value)
	if stored:
		rule.score(code, max_score, stored)
	return stored


def spec(rule: Rule, max_score: Decimal) -> dict:
	"""What the form needs to draw the control of a criterion: its kind and, by kind, the choices
	(canonical values, shown translated), the unit, the bounds and the step."""
	max_value = float(max_score)
	if isinstance(rule, Options):
		return {"control": "select", "choices": [o.label for o in rule.options], "translate": False}
	if isinstance(rule, YesNo):
		return {"control": "select", "choices": [YES, NO], "translate": True}
	if isinstance(rule, Deadline):
		if rule.due is not None:
			return {
				"control": "date",
				"due": rule.due.isoformat(),
				"choices": [DeadlineStatus.NOT_DONE.value],
			}
		return {"control": "select", "choices": [s.value for s in DeadlineStatus], "translate": True}
	if isinstance(rule, Proportional):
		return {"control": "number", "unit": "%", "min": 0, "max": float(HUNDRED)}
	if isinstance(rule, Deduction):
		return {"control": "integer", "unit": "times", "min": 0}
	if isinstance(rule, Manual):
		return {"control": "number", "unit": "points", "min": 0, "max": max_value, "step": _float(rule.step)}
	if isinstance(rule, Thresholds):
		lows = [b.lower for b in rule.bands if b.lower is not None]
		highs = [b.upper for b in rule.bands if b.upper is not None]
		bounded_below = all(b.lower is not None for b in rule.bands)
		bounded_above = all(b.upper is not None for b in rule.bands)
		return {
			"control": "number",
			"min": float(min(lows)) if lows and bounded_below else None,
			"max": float(max(highs)) if highs and bounded_above else None,
		}
	return {"control": "none"}


def _float(value: Decimal | None) -> float | None:
	return float(value) if value is not None else None


#: stored values that are words of the method, shown in the reader's language
WORDS = (YES, NO, *(s.value for s in DeadlineStatus))


def shown(
	value,
	translate=None,
	date=lambda d: d.strftime("%d/%m/%Y"),
	number=fmt,
) -> str:
	"""A stored value as people read it, with no rule at hand (a history, a timeline): Có / Không and the
	deadline statuses in the reader's language, a date as the site writes dates, a number with its
	decimal mark; an option's label and anything else as it is.

	>>> vi = {"Yes": "Có", "On time": "Đúng hạn"}.get
	>>> shown("Yes", vi), shown("On time", vi), shown("2025-01-05"), shown("Đạt", vi)
	('Có', 'Đúng hạn', '05/01/2025', 'Đạt')
	>>> shown("87.5", number=lambda d: fmt(d).replace(".", ",")), shown(None), shown(0.75)
	('87,5', '', '0.75')
	"""
	if value is None:
		return ""
	text = str(value).strip()
	if text in WORDS:
		return (translate(text) if translate else None) or text
	if len(text) == 10 and (day := parse_date(text)) is not None and text[4] == "-":
		return date(day)
	try:
		return number(to_decimal(text))
	except ValueError:
		return text
