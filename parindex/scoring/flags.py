"""Flags before appraisal: the claims most worth an appraiser's look.

Every province's complaint is inflated self-scores. When a unit submits (and again when it sends its
explanations), each line is checked against what the app already knows, and a line that looks inflated
carries **flags** for the appraisers (never shown to units: some compare a unit with its group):

=========================  ==========================================================================
flag                       raised when
=========================  ==========================================================================
full without evidence      the full maximum is claimed on a line that requires evidence, with no file
                           attached (only a reason given)
jump from last year        the claimed share of the maximum exceeds last year's *appraised* share on
                           the same criterion code by ``jump`` percentage points or more
outlier in the group       the claimed share is far above the unit group's claims on the same code:
                           robust z-score ``0.6745 × (x − median) / MAD`` above ``robust_z``, with at
                           least ``min_group`` claims to compare
on time, evidence late     a deadline is claimed met (done on or before the due date) but an evidence
                           document is dated after the due date
repeated explanation       an explanation is, word for word or nearly (``similarity``), the one the unit
                           gave on the same code last year
=========================  ==========================================================================

The thresholds are a province's settings, not code. Shares are fractions of the line's maximum, so
criteria of 0.5 and of 2 points compare alike.

>>> facts = LineFacts(
...     "1.1",
...     Decimal("1"),
...     self_points=Decimal("1"),
...     evidence_required=True,
...     last_points=Decimal("0.25"),
...     last_max=Decimal("1"),
... )
>>> [f.kind.value for f in line_flags(facts, group=[], thresholds=Thresholds())]
['full_without_evidence', 'jump_from_last_year']
"""

from __future__ import annotations

import datetime
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from parindex.scoring import messages as M
from parindex.scoring.numbers import HUNDRED, fmt


class FlagKind(str, Enum):
	FULL_WITHOUT_EVIDENCE = "full_without_evidence"
	JUMP_FROM_LAST_YEAR = "jump_from_last_year"
	OUTLIER_IN_GROUP = "outlier_in_group"
	ON_TIME_LATE_EVIDENCE = "on_time_late_evidence"
	REPEATED_EXPLANATION = "repeated_explanation"
	EVIDENCE_DATE_DIFFERS = "evidence_date_differs"


#: how each flag is told (a template of parindex.scoring.messages and its arguments)
TEMPLATES = {
	FlagKind.FULL_WITHOUT_EVIDENCE: M.FLAG_FULL_WITHOUT_EVIDENCE,
	FlagKind.JUMP_FROM_LAST_YEAR: M.FLAG_JUMP,
	FlagKind.OUTLIER_IN_GROUP: M.FLAG_OUTLIER,
	FlagKind.ON_TIME_LATE_EVIDENCE: M.FLAG_LATE_EVIDENCE,
	FlagKind.REPEATED_EXPLANATION: M.FLAG_REPEATED,
	FlagKind.EVIDENCE_DATE_DIFFERS: M.FLAG_EVIDENCE_DATE,
}


@dataclass(frozen=True)
class Thresholds:
	jump: Decimal = Decimal(50)  # percentage points of the maximum
	robust_z: float = 3.5
	min_group: int = 8
	similarity: float = 0.8  # 0–1


@dataclass(frozen=True)
class LineFacts:
	"""What is known of one line when its flags are computed. ``self_points`` is None for a line not
	reported or not applicable (it is not flagged); last year's values are None where the unit had no
	appraised line of that code. Where the shares of the maximum are known already (a whole province
	read from the assessments' share texts), ``claimed_share`` and ``last_share`` give them instead of
	points."""

	code: str
	max_score: Decimal
	self_points: Decimal | None
	evidence_required: bool = False
	evidence_files: int = 0
	claimed_done: datetime.date | None = None
	due: datetime.date | None = None
	evidence_dates: tuple[datetime.date, ...] = ()
	read_dates: tuple[datetime.date, ...] = ()  # the issue dates the evidence reader found
	explanation: str = ""
	last_points: Decimal | None = None
	last_max: Decimal | None = None
	last_explanation: str = ""
	claimed_share: float | None = None
	last_share: float | None = None

	@property
	def share(self) -> float | None:
		if self.claimed_share is not None:
			return self.claimed_share
		if self.self_points is None or not self.max_score:
			return None
		return float(self.self_points / self.max_score)

	@property
	def share_last_year(self) -> float | None:
		if self.last_share is not None:
			return self.last_share
		if self.last_points is None or not self.last_max:
			return None
		return float(self.last_points / self.last_max)


@dataclass(frozen=True)
class Flag:
	kind: FlagKind
	args: tuple = field(default=())

	def render(self, translate=None) -> str:
		template = TEMPLATES[self.kind]
		return ((translate(template) if translate else None) or template).format(*self.args)


@dataclass(frozen=True)
class Spread:
	"""How a unit group's claims on one code are spread: how many, their median and their median
	absolute deviation (computed once per code, then used for every unit's line).

	>>> spread = Spread.of([0.5, 0.55, 0.6, 0.5, 0.45, 0.6, 0.5, 1.0])
	>>> spread.count, spread.median, round(spread.mad, 3)
	(8, 0.525, 0.05)
	>>> round(spread.z(1.0), 2)
	6.41
	"""

	count: int
	median: float
	mad: float

	@classmethod
	def of(cls, values: Sequence[float]) -> Spread:
		if not values:
			return cls(0, 0.0, 0.0)
		median = statistics.median(values)
		return cls(len(values), median, statistics.median(abs(v - median) for v in values))

	def z(self, value: float) -> float | None:
		"""The robust z-score of a value against the group; None when the spread is nil."""
		if self.count < 2 or self.mad == 0:
			return None
		return 0.6745 * (value - self.median) / self.mad


def robust_z(value: float, values: Sequence[float]) -> float | None:
	"""How far ``value`` lies above the others, in robust standard deviations (median and median
	absolute deviation, which a few inflated claims do not drag along). None when the spread is nil.

	>>> round(robust_z(1.0, [0.5, 0.55, 0.6, 0.5, 0.45, 0.6, 0.5, 1.0]), 2)
	6.41
	>>> robust_z(1.0, [1.0, 1.0, 1.0]) is None
	True
	"""
	return Spread.of(values).z(value)


_WORD = re.compile(r"\w+", re.UNICODE)


def similarity(a: str, b: str) -> float:
	"""How alike two texts are: the overlap (Jaccard) of their word pairs, case and punctuation aside.

	>>> similarity("Đã ban hành kế hoạch, kèm quyết định.", "đã ban hành kế hoạch kèm quyết định")
	1.0
	>>> similarity("Kế hoạch ban hành ngày 20/12", "Không có văn bản") < 0.2
	True
	"""
	pairs = [_pairs(text) for text in (a, b)]
	if not pairs[0] or not pairs[1]:
		return 0.0
	return len(pairs[0] & pairs[1]) / len(pairs[0] | pairs[1])


def _pairs(text: str) -> set[tuple[str, ...]]:
	words = _WORD.findall((text or "").casefold())
	if len(words) < 2:
		return {tuple(words)} if words else set()
	return {tuple(words[i : i + 2]) for i in range(len(words) - 1)}


def line_flags(facts: LineFacts, group: Sequence[float] | Spread, thresholds: Thresholds) -> list[Flag]:
	"""The flags of one line; ``group``: the shares claimed by the units of the group on the same code
	(the unit's own included), or their :class:`Spread`."""
	share = facts.share
	if share is None:
		return []
	spread = group if isinstance(group, Spread) else Spread.of(group)
	found: list[Flag] = []
	if facts.evidence_required and facts.evidence_files == 0 and share >= 1 and facts.max_score > 0:
		found.append(Flag(FlagKind.FULL_WITHOUT_EVIDENCE))
	last_share = facts.share_last_year
	if last_share is not None:
		if (share - last_share) * 100 >= float(thresholds.jump):
			found.append(Flag(FlagKind.JUMP_FROM_LAST_YEAR, (_percent(share), _percent(last_share))))
	if spread.count >= thresholds.min_group:
		z = spread.z(share)
		if z is not None and z > thresholds.robust_z:
			found.append(Flag(FlagKind.OUTLIER_IN_GROUP, (f"{z:.1f}", _percent(spread.median))))
	if facts.due and facts.claimed_done and facts.claimed_done <= facts.due:
		later = [d for d in facts.evidence_dates if d > facts.due]
		if later:
			found.append(
				Flag(
					FlagKind.ON_TIME_LATE_EVIDENCE,
					(_date(facts.claimed_done), _date(facts.due), _date(max(later))),
				)
			)
	if facts.claimed_done:
		differing = sorted({d for d in facts.read_dates if d != facts.claimed_done})
		if differing:
			found.append(
				Flag(FlagKind.EVIDENCE_DATE_DIFFERS, (_date(differing[0]), _date(facts.claimed_done)))
			)
	if facts.explanation.strip() and facts.last_explanation.strip():
		alike = similarity(facts.explanation, facts.last_explanation)
		if alike >= thresholds.similarity:
			found.append(Flag(FlagKind.REPEATED_EXPLANATION, (_percent(alike),)))
	return found


def group_shares(claims: Sequence[tuple[str, Decimal | None, Decimal]]) -> dict[str, list[float]]:
	"""The shares of the maximum claimed on each code: ``(code, points or None, maximum)`` rows.

	>>> group_shares(
	...     [("1.1", Decimal("0.5"), Decimal(1)), ("1.1", None, Decimal(1)), ("1.2", Decimal(2), Decimal(2))]
	... )
	{'1.1': [0.5], '1.2': [1.0]}
	"""
	shares: dict[str, list[float]] = {}
	for code, points, maximum in claims:
		if points is not None and maximum:
			shares.setdefault(code, []).append(float(points / maximum))
	return shares


def _percent(share: float) -> str:
	return fmt(round(Decimal(str(share)) * HUNDRED, 0))


def _date(day: datetime.date) -> str:
	return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Outcome:
	"""An appraised line: its flags, the unit's points and the points after appraisal."""

	flags: tuple[str, ...]
	self_points: Decimal
	final_points: Decimal

	@property
	def corrected(self) -> bool:
		return self.final_points != self.self_points


@dataclass(frozen=True)
class HitRate:
	"""How often the appraisers corrected the lines of one kind (a flag, any flag, no flag)."""

	kind: str  # a FlagKind value, "any" or "none"
	lines: int
	corrected: int
	points_removed: Decimal

	@property
	def rate(self) -> Decimal | None:
		"""Share of the lines corrected, in %; None without lines."""
		if not self.lines:
			return None
		return (Decimal(self.corrected) * HUNDRED / self.lines).quantize(Decimal("0.1"))


def hit_rates(outcomes: Sequence[Outcome]) -> list[HitRate]:
	"""Each flag's hit rate, then any flag's and no flag's: the lines appraised, how many the appraisers
	corrected, and the points they took away. A flag is worth its place when its lines are corrected
	far more often than unflagged ones.

	>>> rows = [
	...     Outcome(("jump_from_last_year",), Decimal(2), Decimal(1)),
	...     Outcome(("jump_from_last_year", "outlier_in_group"), Decimal(1), Decimal(1)),
	...     Outcome((), Decimal(1), Decimal(1)),
	...     Outcome((), Decimal(1), Decimal("0.5")),
	...     Outcome((), Decimal(2), Decimal(2)),
	... ]
	>>> [(r.kind, r.lines, r.corrected, str(r.rate), str(r.points_removed)) for r in hit_rates(rows)]
	... # doctest: +NORMALIZE_WHITESPACE
	[('full_without_evidence', 0, 0, 'None', '0'), ('jump_from_last_year', 2, 1, '50.0', '1'),
	 ('outlier_in_group', 1, 0, '0.0', '0'), ('on_time_late_evidence', 0, 0, 'None', '0'),
	 ('repeated_explanation', 0, 0, 'None', '0'), ('evidence_date_differs', 0, 0, 'None', '0'),
	 ('any', 2, 1, '50.0', '1'), ('none', 3, 1, '33.3', '0.5')]
	"""
	kinds = [k.value for k in FlagKind] + ["any", "none"]
	count = {k: [0, 0, Decimal(0)] for k in kinds}
	for outcome in outcomes:
		groups = [*outcome.flags, "any"] if outcome.flags else ["none"]
		for kind in groups:
			if kind not in count:
				continue
			count[kind][0] += 1
			if outcome.corrected:
				count[kind][1] += 1
				count[kind][2] += max(outcome.self_points - outcome.final_points, Decimal(0))
	return [HitRate(k, *count[k]) for k in kinds]
