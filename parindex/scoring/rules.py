"""Rule kinds: how a criterion without sub-criteria turns what the unit reports into points.

A rule is data an admin edits (kind plus parameters), never code. Each kind below is a frozen dataclass
with two methods:

* ``problems(code, max_score)`` — what is wrong with the parameters, given the criterion's maximum;
* ``score(code, max_score, value)`` — the points for one reported value, or :class:`ScoringError`.

The examples are the rule table of a provincial decision:

================================  ===  ===============================================  =============
sub-criterion                     max  rule                                             kind
================================  ===  ===============================================  =============
Yearly reform plan issued           1  on time 1; late 0.5; not issued 0                Deadline
Tasks identified and budgeted       1  yes 1 / no 0                                     YesNo
Degree of plan completion           2  > 90 % → 2; 70 % to 90 % → 1; < 70 % → 0         Thresholds
Reports sent on time (4 a year)     1  all on time 1, otherwise 0                       Thresholds
Ethics compliance                   1  full compliance 1; minor breach 0.5; serious 0   Options
Bonus for excellence                5  excellent 5; good 75 % (3.75); completed 50 %    Options
Online applications rate            2  rate × max                                       Proportional
Late reports                        1  0.25 off per late report, never below 0          Deduction
Citizens' satisfaction              2  filled from the survey                           Survey
================================  ===  ===============================================  =============
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import ClassVar

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, ScoringError
from parindex.scoring.numbers import HUNDRED, ZERO, Number, fmt, round2, to_decimal


class RuleKind(str, Enum):
	"""Rule kinds, with the label an admin picks in the criterion form."""

	MANUAL = "Manual"
	OPTIONS = "Options"
	THRESHOLDS = "Thresholds"
	PROPORTIONAL = "Proportional"
	DEADLINE = "Deadline"
	YES_NO = "Yes/No"
	DEDUCTION = "Deduction"
	SURVEY = "Survey"

	@classmethod
	def parse(cls, text: str) -> RuleKind | None:
		"""Accept the label, the enum name or a Vietnamese label, any case: 'Yes/No', 'yes_no', 'Có/Không'."""
		key = _fold(text)
		for kind in cls:
			names = (kind.value, kind.name, KIND_LABELS_VI[kind], *KIND_ALIASES.get(kind, ()))
			if key in {_fold(name) for name in names}:
				return kind
		return None


KIND_LABELS_VI = {
	RuleKind.MANUAL: "Chấm trực tiếp",
	RuleKind.OPTIONS: "Tùy chọn",
	RuleKind.THRESHOLDS: "Ngưỡng",
	RuleKind.PROPORTIONAL: "Tỷ lệ",
	RuleKind.DEADLINE: "Thời hạn",
	RuleKind.YES_NO: "Có/Không",
	RuleKind.DEDUCTION: "Trừ điểm",
	RuleKind.SURVEY: "Điều tra XHH",
}
#: other names officials use for the kinds, accepted when reading a workbook
KIND_ALIASES = {
	RuleKind.OPTIONS: ("Lựa chọn", "Mức độ"),
	RuleKind.PROPORTIONAL: ("Tỷ lệ %",),
	RuleKind.SURVEY: ("Điều tra xã hội học", "ĐTXHH"),
}


def _fold(text: str) -> str:
	return "".join(ch for ch in str(text).casefold() if ch.isalnum())


YES_WORDS = frozenset({"yes", "y", "true", "1", "x", "có", "co", "đạt", "dat"})
NO_WORDS = frozenset({"no", "n", "false", "0", "không", "khong", "chưa", "chua", "không đạt"})


def parse_yes_no(value: object) -> bool | None:
	"""Read a yes/no answer from a form or a workbook cell. Empty is None; unreadable raises ValueError.

	>>> parse_yes_no("Có"), parse_yes_no("no"), parse_yes_no(1), parse_yes_no(None)
	(True, False, True, None)
	"""
	if value is None or (isinstance(value, str) and not value.strip()):
		return None
	if isinstance(value, bool):
		return value
	if isinstance(value, int | float | Decimal) and value in (0, 1):
		return bool(value)
	text = str(value).strip().casefold()
	if text in YES_WORDS:
		return True
	if text in NO_WORDS:
		return False
	raise ValueError(f"not yes or no: {value!r}")


def parse_date(text: str) -> datetime.date | None:
	"""A date as forms and workbooks write it: 2024-12-31, 31/12/2024 or 31-12-2024 (a time after the
	date is ignored: 2024-12-31 10:00); None otherwise."""
	text = text.strip().split(" ")[0].split("T")[0]
	for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
		try:
			return datetime.datetime.strptime(text, pattern).date()
		except ValueError:
			continue
	return None


def _points_problems(code: str, points: Decimal, max_score: Decimal) -> list[Problem]:
	if not ZERO <= points <= max_score:
		return [Problem(M.POINTS_OUT_OF_RANGE, (code, fmt(points), fmt(max_score)), code)]
	return _decimals_problems(code, (points,))


def _decimals_problems(code: str, values) -> list[Problem]:
	"""Points are kept with two decimals; a parameter with more could never be shown or added up."""
	return [
		Problem(M.TOO_MANY_DECIMALS, (code, fmt(v)), code) for v in values if v is not None and v != round2(v)
	]


def _number(code: str, value: Number) -> Decimal:
	try:
		return to_decimal(value)
	except ValueError:
		raise ScoringError(Problem(M.SCORE_NOT_NUMBER, (code, value), code)) from None


class Rule:
	"""Base of the rule kinds."""

	kind: ClassVar[RuleKind]
	#: what the unit reports for this kind: score, option, value, rate, date, yes_no, count; None for survey
	input_kind: ClassVar[str | None]

	def problems(self, code: str, max_score: Decimal) -> list[Problem]:
		return []

	def score(self, code: str, max_score: Decimal, value) -> Decimal:  # pragma: no cover - abstract
		raise NotImplementedError

	def best(self, max_score: Decimal) -> Decimal:
		"""The most points this rule can give (a cap on the node's maximum for fixed-point kinds)."""
		return max_score


@dataclass(frozen=True)
class Manual(Rule):
	"""The appraiser types the score, within [0, max] and on a step: max 1, step 0.25 → 0, 0.25, … 1."""

	step: Decimal | None = None
	kind: ClassVar = RuleKind.MANUAL
	input_kind: ClassVar = "score"

	def problems(self, code, max_score):
		if self.step is None:
			return []
		if self.step <= 0:
			return [Problem(M.STEP_NOT_POSITIVE, (code,), code)]
		if max_score % self.step:
			return [Problem(M.STEP_NOT_DIVIDING, (code, fmt(self.step), fmt(max_score)), code)]
		return _decimals_problems(code, (self.step,))

	def score(self, code, max_score, value):
		points = _number(code, value)
		if not ZERO <= points <= max_score:
			raise ScoringError(Problem(M.SCORE_OUT_OF_RANGE, (code, fmt(points), fmt(max_score)), code))
		if self.step and points % self.step != 0:
			raise ScoringError(Problem(M.SCORE_OFF_STEP, (code, fmt(points), fmt(self.step)), code))
		return points


@dataclass(frozen=True)
class Option:
	label: str
	points: Decimal


@dataclass(frozen=True)
class Options(Rule):
	"""Fixed options, label → points: 'Full compliance' 1; 'Minor breach' 0.5; 'Serious breach' 0."""

	options: tuple[Option, ...]
	kind: ClassVar = RuleKind.OPTIONS
	input_kind: ClassVar = "option"

	def problems(self, code, max_score):
		if not self.options:
			return [Problem(M.NO_OPTIONS, (code,), code)]
		found, seen = [], set()
		for option in self.options:
			key = option.label.strip().casefold()
			if not key:
				found.append(Problem(M.EMPTY_OPTION, (code,), code))
			elif key in seen:
				found.append(Problem(M.DUPLICATE_OPTION, (code, option.label), code))
			seen.add(key)
			found += _points_problems(code, option.points, max_score)
		return found

	def score(self, code, max_score, value):
		key = str(value or "").strip().casefold()
		for option in self.options:
			if option.label.strip().casefold() == key:
				return option.points
		labels = ", ".join(o.label for o in self.options)
		raise ScoringError(Problem(M.UNKNOWN_OPTION, (code, value, labels), code))

	def best(self, max_score):
		return max((o.points for o in self.options), default=ZERO)


@dataclass(frozen=True)
class Band:
	"""A band of measured values and its points. A missing bound is open (−∞ or +∞).

	'70 % to 90 %' with both ends inclusive is ``Band(1, lower=70, upper=90, upper_inclusive=True)``.
	"""

	points: Decimal
	lower: Decimal | None = None
	lower_inclusive: bool = True
	upper: Decimal | None = None
	upper_inclusive: bool = False

	def contains(self, value: Decimal) -> bool:
		if self.lower is not None and (
			value < self.lower or (value == self.lower and not self.lower_inclusive)
		):
			return False
		if self.upper is not None and (
			value > self.upper or (value == self.upper and not self.upper_inclusive)
		):
			return False
		return True

	def is_empty(self) -> bool:
		if self.lower is None or self.upper is None:
			return False
		if self.lower == self.upper:
			return not (self.lower_inclusive and self.upper_inclusive)
		return self.lower > self.upper

	def describe(self) -> str:
		"""The band as an admin writes it: '>90', '70..90', '>=70 <90', '<70'."""
		parts = []
		if (
			self.lower is not None
			and self.upper is not None
			and self.lower_inclusive
			and self.upper_inclusive
		):
			return f"{fmt(self.lower)}..{fmt(self.upper)}"
		if self.lower is not None:
			parts.append((">=" if self.lower_inclusive else ">") + fmt(self.lower))
		if self.upper is not None:
			parts.append(("<=" if self.upper_inclusive else "<") + fmt(self.upper))
		return " ".join(parts) or "*"


def _lower_key(band: Band):
	# open lower bound first; at equal bounds the inclusive one starts earlier
	return (band.lower is not None, band.lower if band.lower is not None else ZERO, not band.lower_inclusive)


def _reaches_further(band: Band, than: Band) -> bool:
	if band.upper is None or than.upper is None:
		return than.upper is not None
	if band.upper != than.upper:
		return band.upper > than.upper
	return band.upper_inclusive and not than.upper_inclusive


@dataclass(frozen=True)
class Thresholds(Rule):
	"""Points by the band a measured value falls in; bands must neither overlap nor leave gaps.

	'above 90 % → 2; 70 % to 90 % → 1; below 70 % → 0': 90 and 70 both give 1. A value below the lowest
	band or above the highest is refused, so bands can also state the valid range (0..100).
	"""

	bands: tuple[Band, ...]
	kind: ClassVar = RuleKind.THRESHOLDS
	input_kind: ClassVar = "value"

	def problems(self, code, max_score):
		if not self.bands:
			return [Problem(M.NO_BANDS, (code,), code)]
		found = []
		for band in self.bands:
			found += _points_problems(code, band.points, max_score)
			if band.is_empty():
				found.append(Problem(M.BAND_EMPTY, (code, band.describe()), code))
		# walk the bands from the lowest; compare each with the band reaching furthest so far, so a band
		# nested in a wider one is an overlap and never hides or fakes a gap
		reach = None
		for band in sorted((b for b in self.bands if not b.is_empty()), key=_lower_key):
			if reach is not None:
				pair = (code, reach.describe(), band.describe())
				if reach.upper is None or band.lower is None or reach.upper > band.lower:
					found.append(Problem(M.BANDS_OVERLAP, pair, code))
				elif reach.upper < band.lower:
					found.append(Problem(M.BANDS_GAP, pair, code))
				elif reach.upper_inclusive and band.lower_inclusive:
					found.append(Problem(M.BANDS_OVERLAP, pair, code))
				elif not reach.upper_inclusive and not band.lower_inclusive:
					found.append(Problem(M.BANDS_GAP, pair, code))
			if reach is None or _reaches_further(band, reach):
				reach = band
		return found

	def score(self, code, max_score, value):
		measured = _number(code, value)
		for band in self.bands:
			if band.contains(measured):
				return band.points
		raise ScoringError(Problem(M.VALUE_OUTSIDE_BANDS, (code, fmt(measured)), code))

	def best(self, max_score):
		return max((b.points for b in self.bands), default=ZERO)


@dataclass(frozen=True)
class Proportional(Rule):
	"""Points in proportion to a rate (0–100 %), with two optional rates:

	* ``cap`` — the rate that already earns the maximum ("full points from 80 %"; 100 when not given);
	* ``floor`` — the rate below which no point is earned ("nothing below 50 %").

	points = max × min(rate, cap) / cap, rounded to 2 decimals; 0 below the floor.

	Max 2, rate 87.345 % → 1.75. Max 2, cap 80: rate 60 % → 1.5, rate 85 % → 2. Floor 50: 49.9 % → 0.
	"""

	floor: Decimal | None = None
	cap: Decimal | None = None
	kind: ClassVar = RuleKind.PROPORTIONAL
	input_kind: ClassVar = "rate"

	def problems(self, code, max_score):
		found = []
		for rate in (self.floor, self.cap):
			if rate is not None and not ZERO <= rate <= HUNDRED:
				found.append(Problem(M.RATE_PARAM_RANGE, (code, fmt(rate)), code))
		if self.cap is not None and self.cap <= 0:
			found.append(Problem(M.RATE_PARAM_RANGE, (code, fmt(self.cap)), code))
		if self.floor is not None and self.cap is not None and self.floor > self.cap:
			found.append(Problem(M.FLOOR_ABOVE_CAP, (code, fmt(self.floor), fmt(self.cap)), code))
		return found

	def score(self, code, max_score, value):
		rate = _number(code, value)
		if not ZERO <= rate <= HUNDRED:
			raise ScoringError(Problem(M.RATE_OUT_OF_RANGE, (code, fmt(rate)), code))
		if self.floor is not None and rate < self.floor:
			return ZERO
		cap = self.cap or HUNDRED
		return round2(max_score * min(rate, cap) / cap)


class DeadlineStatus(str, Enum):
	ON_TIME = "On time"
	LATE = "Late"
	NOT_DONE = "Not done"


_STATUS_WORDS = {
	DeadlineStatus.ON_TIME: ("on time", "on_time", "đúng hạn", "dung han"),
	DeadlineStatus.LATE: ("late", "chậm", "cham", "quá hạn", "qua han", "trễ hạn"),
	DeadlineStatus.NOT_DONE: ("not done", "not_done", "không thực hiện", "chưa thực hiện", "không ban hành"),
}


@dataclass(frozen=True)
class Deadline(Rule):
	"""On time / late / not done → points (on time: the maximum when not given; late and not done: 0).
	With a due date the unit gives the date it was done
	(none: not done) and the status follows; without one it gives the status itself.

	Plan issued, max 1, due 2024-12-31: done 2024-12-20 → 1; done 2025-01-10 → 0.5; not done → 0.
	"""

	on_time: Decimal | None = None
	late: Decimal = ZERO
	not_done: Decimal = ZERO
	due: datetime.date | None = None
	kind: ClassVar = RuleKind.DEADLINE
	input_kind: ClassVar = "date"

	def problems(self, code, max_score):
		found = []
		for points in (self.on_time, self.late, self.not_done):
			if points is not None:
				found += _points_problems(code, points, max_score)
		return found

	def status_of(self, code: str, value) -> DeadlineStatus:
		if value is None or value == "":
			return DeadlineStatus.NOT_DONE
		if isinstance(value, DeadlineStatus):
			return value
		if isinstance(value, datetime.date):
			if self.due is None:
				raise ScoringError(Problem(M.NO_DUE_DATE, (code,), code))
			done = value.date() if isinstance(value, datetime.datetime) else value
			return DeadlineStatus.ON_TIME if done <= self.due else DeadlineStatus.LATE
		if isinstance(value, str) and (done := parse_date(value)) is not None:
			return self.status_of(code, done)
		key = str(value).strip().casefold()
		for status, words in _STATUS_WORDS.items():
			if key == status.value.casefold() or key in words:
				if self.due is not None and status is not DeadlineStatus.NOT_DONE:
					raise ScoringError(Problem(M.DATE_NEEDED, (code, self.due.isoformat()), code))
				return status
		raise ScoringError(Problem(M.BAD_DEADLINE_STATUS, (code, value), code))

	def score(self, code, max_score, value):
		status = self.status_of(code, value)
		if status is DeadlineStatus.ON_TIME:
			return max_score if self.on_time is None else self.on_time
		return self.late if status is DeadlineStatus.LATE else self.not_done

	def best(self, max_score):
		return max(max_score if self.on_time is None else self.on_time, self.late, self.not_done)


@dataclass(frozen=True)
class YesNo(Rule):
	"""Yes → ``yes`` points (the maximum when not given), no → ``no`` points (0 when not given)."""

	yes: Decimal | None = None
	no: Decimal = ZERO
	kind: ClassVar = RuleKind.YES_NO
	input_kind: ClassVar = "yes_no"

	def problems(self, code, max_score):
		found = _points_problems(code, self.no, max_score)
		if self.yes is not None:
			found += _points_problems(code, self.yes, max_score)
		return found

	def score(self, code, max_score, value):
		try:
			answer = parse_yes_no(value)
		except ValueError:
			answer = None
		if answer is None:
			raise ScoringError(Problem(M.BAD_YES_NO, (code, value), code))
		return (max_score if self.yes is None else self.yes) if answer else self.no

	def best(self, max_score):
		return max(max_score if self.yes is None else self.yes, self.no)


@dataclass(frozen=True)
class Deduction(Rule):
	"""Starts from the maximum and loses ``per`` for each occurrence, never below ``floor`` (0 when not
	given). A pure penalty criterion has maximum 0 and a negative floor: its points lower the total.

	Max 1, 0.25 per late report: 0 late → 1; 2 late → 0.5; 6 late → 0.
	Penalty, max 0, 0.5 per breach, floor −2: 3 breaches → −1.5; 5 → −2.
	"""

	per: Decimal
	floor: Decimal = ZERO
	kind: ClassVar = RuleKind.DEDUCTION
	input_kind: ClassVar = "count"

	def problems(self, code, max_score):
		found = []
		if self.per <= 0:
			found.append(Problem(M.PER_NOT_POSITIVE, (code,), code))
		if self.floor > max_score:
			found.append(Problem(M.FLOOR_ABOVE_BASE, (code, fmt(self.floor), fmt(max_score)), code))
		elif self.floor < 0 and max_score > 0:
			found.append(Problem(M.NEGATIVE_FLOOR, (code, fmt(self.floor)), code))
		found += _decimals_problems(code, (self.per, self.floor))
		return found

	def score(self, code, max_score, value):
		try:
			count = to_decimal(value)
		except ValueError:
			count = Decimal(-1)
		if count < 0 or count != count.to_integral_value():
			raise ScoringError(Problem(M.BAD_COUNT, (code, value), code))
		return max(self.floor, max_score - count * self.per)


@dataclass(frozen=True)
class Survey(Rule):
	"""Points come from the sociological survey, never from the unit's claim: the survey result (the
	average answer weight, in %) × max. Max 2, result 73.4 % → 1.47.
	"""

	kind: ClassVar = RuleKind.SURVEY
	input_kind: ClassVar = None

	def score(self, code, max_score, value):
		share = _number(code, value)
		if not ZERO <= share <= HUNDRED:
			raise ScoringError(Problem(M.SHARE_OUT_OF_RANGE, (code, fmt(share)), code))
		return round2(share * max_score / HUNDRED)


RULE_CLASSES: dict[RuleKind, type[Rule]] = {
	cls.kind: cls for cls in (Manual, Options, Thresholds, Proportional, Deadline, YesNo, Deduction, Survey)
}

#: the parameters each kind takes, by name (options and bands are lists, not named parameters)
KIND_PARAMETERS: dict[RuleKind, tuple[str, ...]] = {
	RuleKind.MANUAL: ("step",),
	RuleKind.OPTIONS: (),
	RuleKind.THRESHOLDS: (),
	RuleKind.PROPORTIONAL: ("floor", "cap"),
	RuleKind.DEADLINE: ("on_time", "late", "not_done", "due"),
	RuleKind.YES_NO: ("yes", "no"),
	RuleKind.DEDUCTION: ("per", "floor"),
	RuleKind.SURVEY: (),
}


@dataclass(frozen=True)
class RuleSpec:
	"""A rule as stored in a form: kind, named parameters (None when blank), options and bands."""

	kind: RuleKind
	params: dict = field(default_factory=dict)
	options: tuple[Option, ...] = ()
	bands: tuple[Band, ...] = ()

	def build(self) -> Rule:
		p = {k: v for k, v in self.params.items() if v is not None and k in KIND_PARAMETERS[self.kind]}
		if self.kind is RuleKind.OPTIONS:
			return Options(tuple(self.options))
		if self.kind is RuleKind.THRESHOLDS:
			return Thresholds(tuple(self.bands))
		if self.kind is RuleKind.DEDUCTION:
			p.setdefault("per", ZERO)
		return RULE_CLASSES[self.kind](**p)

	def explicit(self, max_score: Decimal) -> RuleSpec:
		"""The same rule with every default written out, as a form stores it.

		A form cannot leave a number blank, so 'on time: the maximum' becomes ``on_time=max`` and
		no-op limits (a proportional floor of 0) are dropped.

		>>> RuleSpec(RuleKind.YES_NO).explicit(Decimal("1.5")).params
		{'yes': Decimal('1.5'), 'no': Decimal('0')}
		"""
		params = {k: v for k, v in self.params.items() if v is not None}
		for key in _DEFAULT_TO_MAX.get(self.kind, ()):
			params.setdefault(key, max_score)
		for key in _DEFAULT_TO_ZERO.get(self.kind, ()):
			params.setdefault(key, ZERO)
		for key in _ZERO_MEANS_NONE.get(self.kind, ()):
			if params.get(key) == ZERO:
				del params[key]
		ordered = {k: params[k] for k in KIND_PARAMETERS[self.kind] if k in params}
		return RuleSpec(self.kind, ordered, self.options, self.bands)


_DEFAULT_TO_MAX = {RuleKind.DEADLINE: ("on_time",), RuleKind.YES_NO: ("yes",)}
_DEFAULT_TO_ZERO = {
	RuleKind.DEADLINE: ("late", "not_done"),
	RuleKind.YES_NO: ("no",),
	RuleKind.DEDUCTION: ("floor",),
}
#: parameters for which 0 means 'none': a step or a cap of 0 makes no sense, a floor of 0 does nothing
_ZERO_MEANS_NONE = {RuleKind.MANUAL: ("step",), RuleKind.PROPORTIONAL: ("floor", "cap")}
