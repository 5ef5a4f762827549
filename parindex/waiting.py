"""What waits for whom: the items of each person's daily digest. No Frappe here.

Each person gets at most one digest a day listing everything that waits for them, whatever the number
of assessments (a commune official of one unit, an appraiser of forty):

=======================  ===========================================================================
who                      what, and when
=======================  ===========================================================================
the unit's users         its self-assessment: some days before the deadline, on it, and after it
                         every few days until the unit submits (PAR Settings); its explanation: from
                         the day before it is due, every day until it is sent
appraisers               their fields not yet signed off in assessments submitted or under appraisal,
                         every day (unless PAR Settings turns it off); a unit late with an
                         explanation on their fields, every day
whoever acts next        an assessment waiting in a state where their role decides (the council with
                         appraised ones, or a review step an admin added), every day
=======================  ===========================================================================

>>> day = datetime.date(2025, 11, 27)
>>> open_ = Open(
...     "PA-1",
...     "Sở Tư pháp",
...     "CS-1",
...     "Draft",
...     Stage.SELF_ASSESSMENT,
...     self_deadline=datetime.date(2025, 11, 30),
... )
>>> items_for(day, [open_], unit_users={"Sở Tư pháp": {"canbo@tp"}}, appraisers={}, deciders={})
{'canbo@tp': [Item(kind=<Kind.SELF_ASSESSMENT: 'self_assessment'>, assessment='PA-1', unit='Sở Tư pháp', due=datetime.date(2025, 11, 30), fields=(), state='Draft', overdue=False)]}
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from parindex.process import Stage


class Kind(str, Enum):
	SELF_ASSESSMENT = "self_assessment"  # the unit: its self-assessment is due
	EXPLANATION = "explanation"  # the unit: its explanation is due
	SIGN_OFF = "sign_off"  # an appraiser: fields to appraise and sign off
	EXPLANATION_LATE = "explanation_late"  # an appraiser: a unit is late explaining on their fields
	DECISION = "decision"  # whoever decides in the state (the council: to approve)


@dataclass(frozen=True)
class Open:
	"""An assessment still on its way, as the digest sees it."""

	name: str
	unit: str
	criteria_set: str
	state: str
	stage: Stage | None
	self_deadline: datetime.date | None = None
	appraisal_deadline: datetime.date | None = None
	explanation_due: datetime.date | None = None
	unsigned: tuple[str, ...] = ()  # appraisable fields not signed off
	asked: tuple[str, ...] = ()  # fields with an explanation requested and not yet given


@dataclass(frozen=True)
class Reminders:
	days_before: int = 3
	days_after: int = 0
	appraisers: bool = True


@dataclass(frozen=True)
class Item:
	kind: Kind
	assessment: str
	unit: str
	due: datetime.date | None = None
	fields: tuple[str, ...] = field(default=())
	state: str = ""
	overdue: bool = False


def unit_is_due(deadline, day, days_before: int, days_after: int) -> bool:
	"""Whether a unit still working on its self-assessment is reminded on ``day``.

	>>> due = datetime.date(2025, 10, 31)
	>>> [unit_is_due(due, due - datetime.timedelta(days=d), 3, 0) for d in (4, 3, 1, 0)]
	[False, True, False, True]
	>>> [unit_is_due(due, due + datetime.timedelta(days=d), 3, 2) for d in (1, 2, 3, 4)]
	[False, True, False, True]
	"""
	if not deadline:
		return False
	late = (day - deadline).days
	if late <= 0:
		return late in (0, -days_before)
	return days_after > 0 and late % days_after == 0


def items_for(
	day: datetime.date,
	assessments: Iterable[Open],
	unit_users: Mapping[str, set[str]],
	appraisers: Mapping[tuple[str, str], set[str]],
	deciders: Mapping[str, set[str]],
	reminders: Reminders = Reminders(),
) -> dict[str, list[Item]]:
	"""Person → what waits for them on ``day``. ``appraisers``: (criteria set, field code) → users;
	``deciders``: state → the users whose role moves an assessment on from it (units and appraisers
	aside, who are reached by their own items)."""
	found: dict[str, list[Item]] = {}

	def give(users: Iterable[str], item: Item) -> None:
		for user in sorted(set(users)):
			found.setdefault(user, []).append(item)

	for a in assessments:
		if a.stage == Stage.SELF_ASSESSMENT:
			if unit_is_due(a.self_deadline, day, reminders.days_before, reminders.days_after):
				late = bool(a.self_deadline and day > a.self_deadline)
				give(
					unit_users.get(a.unit, ()),
					Item(Kind.SELF_ASSESSMENT, a.name, a.unit, a.self_deadline, (), a.state, late),
				)
		elif a.stage == Stage.EXPLANATION:
			due = a.explanation_due
			if due is None or (due - day).days <= 1:
				late = bool(due and day > due)
				give(
					unit_users.get(a.unit, ()),
					Item(Kind.EXPLANATION, a.name, a.unit, due, a.asked, a.state, late),
				)
				if late:
					for code in a.asked:
						give(
							appraisers.get((a.criteria_set, code), ()),
							Item(Kind.EXPLANATION_LATE, a.name, a.unit, due, (code,), a.state, True),
						)
		elif a.stage in (Stage.SUBMITTED, Stage.APPRAISAL):
			if reminders.appraisers:
				by_user: dict[str, list[str]] = {}
				for code in a.unsigned:
					for user in appraisers.get((a.criteria_set, code), ()):
						by_user.setdefault(user, []).append(code)
				late = bool(a.appraisal_deadline and day > a.appraisal_deadline)
				for user, codes in by_user.items():
					give(
						[user],
						Item(
							Kind.SIGN_OFF, a.name, a.unit, a.appraisal_deadline, tuple(codes), a.state, late
						),
					)
		if a.stage not in (Stage.SELF_ASSESSMENT, Stage.EXPLANATION, Stage.APPROVED):
			deciding = deciders.get(a.state, set())
			if deciding:
				give(deciding, Item(Kind.DECISION, a.name, a.unit, a.appraisal_deadline, (), a.state, False))
	return _merge(found)


def _merge(found: dict[str, list[Item]]) -> dict[str, list[Item]]:
	"""One item per person and assessment and kind (an appraiser of several fields gets one line)."""
	merged: dict[str, list[Item]] = {}
	for user, items in found.items():
		seen: dict[tuple, Item] = {}
		for item in items:
			key = (item.kind, item.assessment)
			if key in seen:
				first = seen[key]
				seen[key] = Item(
					item.kind,
					item.assessment,
					item.unit,
					item.due,
					tuple(dict.fromkeys(first.fields + item.fields)),
					item.state,
					item.overdue or first.overdue,
				)
			else:
				seen[key] = item
		merged[user] = sorted(
			seen.values(), key=lambda i: (not i.overdue, i.kind.value, i.unit, i.assessment)
		)
	return merged
