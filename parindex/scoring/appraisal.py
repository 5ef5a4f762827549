"""When a line counts as appraised, and how much the support team has still to look at.

The support team (Tổ giúp việc) splits the fields (lĩnh vực) among its members; each member appraises
their fields and **signs them off**. A line is appraised once an appraiser has set its value, refused the
unit's "not applicable", or signed off its field (what the unit reported is then accepted as it is).
Until then it has **no** appraised score — not a copy of the unit's — and the totals say how many lines,
worth how many points, are still unappraised. The line's final score is the appraised one once it is
appraised and the unit's own until then, so a live ranking during appraisal stays meaningful.

An appraiser may refuse a "not applicable": the line then counts with its full maximum, and without a
value of the appraiser's it scores 0 (the unit reported nothing).

>>> unit_says_yes = LineState(self_points=Decimal("1"))
>>> judge(unit_says_yes, field_signed=False)
Judged(appraised=False, appraised_points=None, final=Decimal('1'), not_applicable=False)
>>> judge(unit_says_yes, field_signed=True)
Judged(appraised=True, appraised_points=Decimal('1'), final=Decimal('1'), not_applicable=False)
>>> judge(LineState(Decimal("1"), appraised_points=Decimal("0.5")), field_signed=False).final
Decimal('0.5')
>>> judge(LineState(ZERO, unit_na=True, na_refused=True), field_signed=False)
Judged(appraised=True, appraised_points=Decimal('0'), final=Decimal('0'), not_applicable=False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from parindex.scoring.numbers import ZERO


class FieldStatus(str, Enum):
	"""Where the appraisal of one field of one assessment stands."""

	NOT_STARTED = "Not started"
	IN_PROGRESS = "In progress"
	SIGNED_OFF = "Signed off"


@dataclass(frozen=True)
class LineState:
	"""What a line holds: the unit's points, the points of the appraiser's value (None: no value set),
	the unit's "not applicable" and whether an appraiser refused it."""

	self_points: Decimal
	appraised_points: Decimal | None = None
	unit_na: bool = False
	na_refused: bool = False

	@property
	def touched(self) -> bool:
		"""An appraiser has acted on the line itself."""
		return self.appraised_points is not None or self.na_refused


@dataclass(frozen=True)
class Judged:
	appraised: bool
	appraised_points: Decimal | None  # None: not yet appraised
	final: Decimal
	not_applicable: bool


def judge(line: LineState, field_signed: bool) -> Judged:
	"""The line's appraisal: whether it is appraised, its appraised points and its final points."""
	appraised = line.touched or field_signed
	if line.unit_na and not line.na_refused:
		return Judged(appraised, None, ZERO, True)
	if line.appraised_points is not None:
		points = line.appraised_points
	elif appraised:
		points = line.self_points  # accepted as reported (or refused N/A without a value: nothing)
	else:
		points = None
	return Judged(appraised, points, line.self_points if points is None else points, False)


def field_status(signed: bool, lines: Iterable[LineState]) -> FieldStatus:
	"""Signed off; in progress once an appraiser acted on one of its lines; otherwise not started.

	>>> field_status(False, [LineState(ZERO), LineState(ZERO, appraised_points=ZERO)]).value
	'In progress'
	"""
	if signed:
		return FieldStatus.SIGNED_OFF
	return FieldStatus.IN_PROGRESS if any(line.touched for line in lines) else FieldStatus.NOT_STARTED


def unappraised(judged: Iterable[tuple[Judged, Decimal]]) -> tuple[int, Decimal]:
	"""How many lines are still unappraised, and the maximum they are worth (not applicable ones left
	out): ``(judged line, its maximum)`` pairs.

	>>> pending = judge(LineState(Decimal("1")), field_signed=False)
	>>> done = judge(LineState(Decimal("1")), field_signed=True)
	>>> unappraised([(pending, Decimal("1.5")), (done, Decimal("2"))])
	(1, Decimal('1.5'))
	"""
	count, maximum = 0, ZERO
	for line, line_max in judged:
		if not line.appraised and not line.not_applicable:
			count += 1
			maximum += line_max
	return count, maximum
