"""A rule in words, as the unit and the appraiser read it beside the value they enter.

The criteria workbook writes a rule's parameters in a compact syntax for admins (``yes=1; no=0``,
``on_time=1; late=0.5; due=2025-12-31``); the people who enter values read the same rule in plain words,
in their language. The words are templates of :mod:`parindex.scoring.messages`, which the app
translates; numbers and dates are written by the caller's formatters (a decimal comma in Vietnamese).

>>> from parindex.scoring.rules import Deadline, Deduction, YesNo
>>> describe(YesNo(), Decimal(1))
'Yes: 1 points; No: 0 points'
>>> describe(Deadline(late=Decimal("0.5"), due=datetime.date(2025, 12, 31)), Decimal(1))
'Due 31/12/2025. On time: 1 points; late: 0.5 points; not done: 0 points'
>>> describe(Deduction(per=Decimal("0.25")), Decimal(1))
'0.25 points off for each time, down to 0 points'
>>> vi = {"Yes: {0}; No: {1}": "Có: {0}; Không: {1}", "{0} points": "{0} điểm"}
>>> describe(YesNo(), Decimal("0.5"), vi.get, lambda d: fmt(d).replace(".", ","))
'Có: 0,5 điểm; Không: 0 điểm'
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from parindex.scoring import messages as M
from parindex.scoring.numbers import HUNDRED, fmt
from parindex.scoring.rules import (
	Band,
	Deadline,
	Deduction,
	Manual,
	Options,
	Proportional,
	Rule,
	Survey,
	Thresholds,
	YesNo,
)

Translate = Callable[[str], str]
Number = Callable[[Decimal], str]


def describe(
	rule: Rule | None,
	max_score: Decimal,
	translate: Translate | None = None,
	number: Number = fmt,
	date: Callable[[datetime.date], str] = lambda d: d.strftime("%d/%m/%Y"),
) -> str:
	"""The rule in words, starting with a capital; "" for a node without a rule."""
	text = _words(rule, max_score, _translator(translate), number, date)
	return text[:1].upper() + text[1:]


def _words(rule, max_score, t: Translate, number: Number, date) -> str:

	def points(value: Decimal) -> str:
		return t(M.RULE_POINTS).format(number(value))

	if isinstance(rule, Options):
		return "; ".join(t(M.RULE_OPTION).format(o.label, points(o.points)) for o in rule.options)
	if isinstance(rule, YesNo):
		return t(M.RULE_YES_NO).format(points(max_score if rule.yes is None else rule.yes), points(rule.no))
	if isinstance(rule, Deadline):
		on_time = points(max_score if rule.on_time is None else rule.on_time)
		if rule.due:
			return t(M.RULE_DEADLINE_DUE).format(
				date(rule.due), on_time, points(rule.late), points(rule.not_done)
			)
		return t(M.RULE_DEADLINE).format(on_time, points(rule.late), points(rule.not_done))
	if isinstance(rule, Thresholds):
		return "; ".join(
			t(M.RULE_OPTION).format(band_words(b, t, number), points(b.points)) for b in rule.bands
		)
	if isinstance(rule, Proportional):
		text = t(M.RULE_PROPORTIONAL).format(number(rule.cap or HUNDRED))
		if rule.floor is not None:
			text += "; " + t(M.RULE_FLOOR).format(number(rule.floor))
		return text
	if isinstance(rule, Deduction):
		return t(M.RULE_DEDUCTION).format(points(rule.per), points(rule.floor))
	if isinstance(rule, Manual):
		text = t(M.RULE_MANUAL).format(points(max_score))
		if rule.step:
			text += ", " + t(M.RULE_STEP).format(number(rule.step))
		return text
	if isinstance(rule, Survey):
		return t(M.RULE_SURVEY)
	return ""


def band_words(band: Band, translate: Translate | None = None, number: Number = fmt) -> str:
	"""A band of a thresholds rule in words.

	>>> band_words(Band(Decimal(1), lower=Decimal(70), upper=Decimal(90), upper_inclusive=True))
	'from 70 to 90'
	>>> band_words(Band(Decimal(2), lower=Decimal(90), lower_inclusive=False))
	'above 90'
	>>> band_words(Band(Decimal(0), upper=Decimal(70)))
	'below 70'
	>>> band_words(Band(Decimal(1), lower=Decimal(70), upper=Decimal(90)))
	'70 or more and below 90'
	>>> band_words(Band(Decimal(1), lower=Decimal(100), upper=Decimal(100), upper_inclusive=True))
	'100'
	"""
	t = _translator(translate)
	low, high = band.lower, band.upper
	if low is not None and high is not None and band.lower_inclusive and band.upper_inclusive:
		return number(low) if low == high else t(M.RULE_BAND_RANGE).format(number(low), number(high))
	parts = []
	if low is not None:
		parts.append(t(M.RULE_BAND_FROM if band.lower_inclusive else M.RULE_BAND_ABOVE).format(number(low)))
	if high is not None:
		parts.append(t(M.RULE_BAND_UP_TO if band.upper_inclusive else M.RULE_BAND_BELOW).format(number(high)))
	if not parts:
		return t(M.RULE_BAND_ANY)
	return parts[0] if len(parts) == 1 else t(M.RULE_BAND_BOTH).format(*parts)


def _translator(translate: Translate | None) -> Translate:
	if translate is None:
		return lambda template: template
	return lambda template: translate(template) or template
