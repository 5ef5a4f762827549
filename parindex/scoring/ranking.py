"""Ranking within a unit group, and classification bands.

Ranking is standard competition ranking on the published figure (two decimals): equal scores share a
rank and the next rank skips, 1, 2, 2, 4. Within a tie, units are listed by name so the order is stable.

Classification bands are data: a label and the lowest index (inclusive) that earns it, e.g.
≥ 90 Tốt, 80 – < 90 Khá, 70 – < 80 Trung bình, < 70 Yếu, or the national A ≥ 90, B 80 – < 90, C 70 – < 80.
An index below every band is unclassified (None). Classification uses the published, rounded index, so
89.995 (shown 90.00) is Tốt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem
from parindex.scoring.numbers import HUNDRED, ZERO, Number, fmt, round2, to_decimal


@dataclass(frozen=True)
class Ranked:
	unit: str
	score: Decimal
	rank: int


def rank(scores: Iterable[tuple[str, Number]]) -> list[Ranked]:
	"""Rank (unit, score) pairs, highest first, ties sharing a rank.

	>>> [(r.unit, r.rank) for r in rank([("A", 91), ("B", 88.5), ("C", "88.50"), ("D", 70)])]
	[('A', 1), ('B', 2), ('C', 2), ('D', 4)]
	"""
	rows = sorted(((round2(to_decimal(s)), u) for u, s in scores), key=lambda r: (-r[0], r[1]))
	ranked: list[Ranked] = []
	for position, (score, unit) in enumerate(rows, start=1):
		if ranked and ranked[-1].score == score:
			ranked.append(Ranked(unit, score, ranked[-1].rank))
		else:
			ranked.append(Ranked(unit, score, position))
	return ranked


@dataclass(frozen=True)
class ClassBand:
	label: str
	min_index: Decimal


def band_problems(bands: Iterable[ClassBand]) -> list[Problem]:
	found, labels, minima = [], set(), set()
	for number, band in enumerate(bands, start=1):
		label = (band.label or "").strip()
		if not label:
			found.append(Problem(M.BAND_NO_LABEL, (number,)))
		elif label.casefold() in labels:
			found.append(Problem(M.BAND_DUPLICATE_LABEL, (label,)))
		labels.add(label.casefold())
		if not ZERO <= band.min_index <= HUNDRED:
			found.append(Problem(M.BAND_MIN_RANGE, (label or number, fmt(band.min_index))))
		elif band.min_index in minima:
			found.append(Problem(M.BAND_DUPLICATE_MIN, (label or number, fmt(band.min_index))))
		minima.add(band.min_index)
	return found


def classify(index: Number | None, bands: Iterable[ClassBand]) -> str | None:
	"""The label of the highest band whose lower bound the rounded index reaches.

	>>> bands = [ClassBand("Tốt", Decimal(90)), ClassBand("Khá", Decimal(80)), ClassBand("Yếu", ZERO)]
	>>> classify("89.995", bands), classify(89.99, bands), classify(None, bands)
	('Tốt', 'Khá', None)
	"""
	if index is None:
		return None
	value = round2(to_decimal(index))
	for band in sorted(bands, key=lambda b: b.min_index, reverse=True):
		if value >= band.min_index:
			return band.label
	return None
