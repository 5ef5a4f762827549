"""Plausible values a unit would report for each rule kind (for the demo province), written as a
Vietnamese unit writes them ("Có", "Đúng hạn", 20/12/2025 as a date). No Frappe here."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from parindex.scoring.numbers import fmt
from parindex.scoring.rules import (
	Band,
	Deadline,
	Deduction,
	Manual,
	Options,
	Proportional,
	Rule,
	Thresholds,
	YesNo,
)


def reported_value(rule: Rule, max_score: Decimal, rng: random.Random, strength: float) -> str | None:
	"""A value for the rule, better on average when ``strength`` (0–1) is higher; None for survey criteria."""
	good = rng.random() < strength
	if isinstance(rule, Manual):
		step = rule.step or Decimal("0.25")
		steps = int(max_score / step)
		return fmt(step * (steps if good else rng.randint(0, steps)))
	if isinstance(rule, Options):
		ordered = sorted(rule.options, key=lambda o: o.points, reverse=True)
		return ordered[0].label if good else rng.choice(ordered).label
	if isinstance(rule, Thresholds):
		band = max(rule.bands, key=lambda b: b.points) if good else rng.choice(rule.bands)
		return fmt(_inside(band, rng))
	if isinstance(rule, Proportional):
		return fmt(Decimal(rng.randint(85 if good else 40, 100)))
	if isinstance(rule, Deadline):
		if rule.due is None:
			return "Đúng hạn" if good else rng.choice(["Đúng hạn", "Chậm", "Không thực hiện"])
		days = -rng.randint(1, 20) if good else rng.randint(-10, 30)
		return (rule.due + datetime.timedelta(days=days)).strftime("%d/%m/%Y")
	if isinstance(rule, YesNo):
		return "Có" if good or rng.random() < 0.5 else "Không"
	if isinstance(rule, Deduction):
		return str(0 if good else rng.randint(0, 4))
	return None


def field_left_open(lines: list[tuple[str, str]]) -> str | None:
	"""The field (lĩnh vực) a demo user's unit has still to enter, given its lines as (field code, rule
	kind): the one asking for the most kinds of value, then the most lines; survey lines do not count.

	>>> field_left_open(
	...     [("1", "Yes/No"), ("1", "Yes/No"), ("2", "Options"), ("2", "Yes/No"), ("3", "Survey")]
	... )
	'2'
	"""
	kinds: dict[str, list[str]] = {}
	for field, kind in lines:
		if kind != "Survey":
			kinds.setdefault(field, []).append(kind)
	if not kinds:
		return None
	return max(
		kinds, key=lambda field: (len(set(kinds[field])), len(kinds[field]), -list(kinds).index(field))
	)


def _inside(band: Band, rng: random.Random) -> Decimal:
	low = (
		band.lower if band.lower is not None else (band.upper - 30 if band.upper is not None else Decimal(0))
	)
	high = band.upper if band.upper is not None else low + 10
	low, high = max(low, Decimal(0)), min(high, Decimal(100)) if high > 0 else high
	for _ in range(20):
		value = Decimal(rng.randint(int(low * 100), int(high * 100))) / 100
		if band.contains(value):
			return value
	return band.lower if band.lower is not None and band.lower_inclusive else band.upper


def plan_states(own: list[bool], states: tuple[str, ...], finished: bool) -> list[tuple[str, bool]]:
	"""The state each assessment of a set is brought to, and whether its unit fills every line.

	``own[i]`` tells whether the i-th unit has demo users. Last year's set (``finished``) is all
	approved. This year the demo users' units wait in the first state, filled completely but for one
	field that their official is about to enter (see :func:`field_left_open`); the other units take the
	states in turn, and every other one in the first state is left half filled.

	>>> plan_states([False, True, False, False], ("Draft", "Submitted"), finished=False)
	[('Draft', False), ('Draft', True), ('Submitted', True), ('Draft', True)]
	"""
	plan, others = [], 0
	for has_users in own:
		if finished:
			plan.append((states[-1], True))
		elif has_users:
			plan.append((states[0], True))
		else:
			state = states[others % len(states)]
			plan.append((state, state != states[0] or (others // len(states)) % 2 == 1))
			others += 1
	return plan


@dataclass(frozen=True)
class Calendar:
	"""The demo's dates, read from the day it is loaded, so that a demo is usable on any date."""

	year: int  # the index year whose cycle is under way (or whose self-assessment last closed)
	self_assessment_deadline: datetime.date
	appraisal_deadline: datetime.date
	survey_opens: datetime.date
	survey_closes: datetime.date
	last_decision: datetime.date  # the decision that published last year's ranking


def calendar(today: datetime.date) -> Calendar:
	"""The cycle of an index year runs from mid-year (self-assessment) into January (publication):
	from July on the current year's cycle is under way, before July last year's still is. Deadlines
	fall after today, the survey is open around today, last year's ranking was published on 20 January.

	>>> c = calendar(datetime.date(2026, 12, 1))
	>>> c.year, c.self_assessment_deadline, c.appraisal_deadline, c.last_decision
	(2026, datetime.date(2026, 12, 15), datetime.date(2027, 1, 15), datetime.date(2026, 1, 20))
	>>> c = calendar(datetime.date(2027, 3, 10))
	>>> c.year, c.survey_opens <= datetime.date(2027, 3, 10) <= c.survey_closes, c.last_decision
	(2026, True, datetime.date(2026, 1, 20))
	"""
	year = today.year if today.month >= 7 else today.year - 1
	day = datetime.timedelta(days=1)
	return Calendar(
		year=year,
		self_assessment_deadline=today + 14 * day,
		appraisal_deadline=today + 45 * day,
		survey_opens=today - 30 * day,
		survey_closes=today + 30 * day,
		last_decision=datetime.date(year, 1, 20),
	)
