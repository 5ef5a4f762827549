"""What lifts a unit's rank (Mô phỏng nâng hạng): where it is furthest below its maximum, what each
criterion would bring, and the fewest criteria that reach the next rank and the next band.

For a unit's current points (its own, or as appraised), every applicable criterion with points still to
gain is an opportunity. Its **gain** is what the set's total would rise by if the unit reached the
criterion's maximum, and nothing else changed: caps respected (a capped criterion gives no more than its
cap leaves room for), bonus points added as bonus. Opportunities are listed by gain, largest first, each
with the index, rank and band the unit would reach with it alone.

Rank is counted against the other units' indices: 1 + the number of units with a higher index (ties
share a rank, as in :mod:`parindex.scoring.ranking`). Without the others' indices (a unit before the
ranking is published) there is no rank, only bands.

The **next rank** is reached when the index equals the lowest index above the unit's own; the **next
band** when the index reaches the lower bound of the band above. The fewest criteria to get there are
taken greedily, the largest gain first, each gain counted again after the ones taken (two criteria
under one cap share its room). Without caps shared that way this is the fewest possible.

Worked example, a set of 10 points (the first field capped at 4):

	1 (cap 4)   1.1 (2): 1 point   1.2 (3): 1 point
	2 (6)       2.1 (6): 3 points                        total 5 of 10 → index 50.00

	1.1 to 2 gains 1 (field 1: 2 + 1 = 3); 1.2 to 3 gains 2 (1 + 3 = 4, the cap); 2.1 to 6 gains 3.
	Others at 75 and 55: rank 3. Next rank: 55 → 2.1 alone (index 80.00, rank 1).
	Bands Khá ≥ 80, Trung bình ≥ 60: next band Trung bình (60) → 2.1 (index 80.00: Khá, which is beyond).
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from parindex.scoring.aggregate import Aggregator, Lift, index_of
from parindex.scoring.numbers import ZERO, round2
from parindex.scoring.ranking import ClassBand


@dataclass(frozen=True)
class Standing:
	"""Index, rank (None without the others' indices) and band (None when below every band)."""

	index: Decimal | None
	rank: int | None
	band: str | None


@dataclass(frozen=True)
class Opportunity:
	"""One criterion the unit can still gain on."""

	code: str
	points: Decimal  # the unit's points now
	maximum: Decimal
	gain: Decimal  # what the set's total would gain with the maximum here, caps respected
	standing: Standing  # with that gain alone


@dataclass(frozen=True)
class Target:
	"""The next rank or band: the index that reaches it and the fewest criteria to get there."""

	goal: Decimal  # the index to reach
	label: str  # the band, or the rank ("2")
	codes: tuple[str, ...]  # the criteria to raise to their maximum, largest gain first
	standing: Standing  # reached with them


@dataclass(frozen=True)
class Simulation:
	standing: Standing
	opportunities: list[Opportunity]
	next_rank: Target | None  # None: first already, no others given, or out of reach
	next_band: Target | None  # None: in the top band already, or out of reach


class Others:
	"""The other units' indices, to rank an index among them (kept in hundredths: indices have two
	decimals, and whole numbers sort and compare fast)."""

	def __init__(self, others: Iterable[Decimal | float]):
		values = list(others)
		if all(type(value) is float for value in values):  # as read from the database: the fast way
			self.sorted = sorted([round(value * 100) for value in values])
		else:
			self.sorted = sorted(_hundredths(value) for value in values)

	def rank(self, index: Decimal | None) -> int:
		"""1 + the number of other units with a higher index."""
		return 1 + len(self.sorted) - bisect_right(self.sorted, _hundredths(index or ZERO))

	def next_above(self, index: Decimal | None) -> Decimal | None:
		"""The lowest index above this one: reaching it moves the unit up at least one rank."""
		position = bisect_right(self.sorted, _hundredths(index or ZERO))
		return Decimal(self.sorted[position]) / 100 if position < len(self.sorted) else None


def _hundredths(value: Decimal | float) -> int:
	"""An index in hundredths, rounded half-up (a float read from the database: to its two decimals)."""
	if isinstance(value, float):
		return round(value * 100)
	return int(round2(Decimal(value)) * 100)


def simulate(
	aggregator: Aggregator,
	scores: Mapping,
	others: Iterable[Decimal] | None = None,
	bands: Sequence[ClassBand] = (),
	candidates: Iterable[str] | None = None,
) -> Simulation:
	"""The simulation for one unit's leaf points (code → points, NOT_APPLICABLE or None for unscored).

	``others``: the other units' indices (None: no rank); ``candidates``: the criteria the unit may
	raise (default every leaf).

	>>> from parindex.scoring.rules import Manual
	>>> from parindex.scoring.tree import CriteriaTree, Node
	>>> D = Decimal
	>>> tree = CriteriaTree.build(
	...     [
	...         Node("1", "Direction", D(4), is_cap=True),
	...         Node("1.1", "Plan", D(2), Manual()),
	...         Node("1.2", "Reports", D(3), Manual()),
	...         Node("2", "Impact", D(6)),
	...         Node("2.1", "Online", D(6), Manual()),
	...     ]
	... )
	>>> bands = [ClassBand("Khá", D(80)), ClassBand("Trung bình", D(60))]
	>>> result = simulate(Aggregator(tree), {"1.1": D(1), "1.2": D(1), "2.1": D(3)}, [D(75), D(55)], bands)
	>>> result.standing
	Standing(index=Decimal('50.00'), rank=3, band=None)
	>>> [(o.code, o.gain, o.standing.index, o.standing.rank) for o in result.opportunities]
	[('2.1', Decimal('3'), Decimal('80.00'), 1), ('1.2', Decimal('2'), Decimal('70.00'), 2), ('1.1', Decimal('1'), Decimal('60.00'), 2)]
	>>> result.next_rank.codes, result.next_band.label, result.next_band.codes
	(('2.1',), 'Trung bình', ('2.1',))
	"""
	tree = aggregator.tree
	field = Others(others) if others is not None else None
	bands = sorted(bands, key=lambda band: band.min_index, reverse=True)

	def standing(total: Decimal, maximum: Decimal) -> Standing:
		index = index_of(total, maximum)
		band = next((b.label for b in bands if index is not None and index >= b.min_index), None)
		return Standing(index, field.rank(index) if field else None, band)

	lift = Lift(aggregator, scores)
	now = standing(lift.total, lift.total_maximum)
	codes = list(candidates) if candidates is not None else list(aggregator.leaf_positions)
	opportunities = []
	for code in codes:
		points = lift.points(code)
		maximum = tree[code].max_score
		if points is None or points >= maximum:
			continue
		gain = lift.gain(code, maximum)
		if gain > 0:
			reached = standing(lift.total + gain, lift.total_maximum)
			opportunities.append(Opportunity(code, points, maximum, gain, reached))
	opportunities.sort(key=lambda o: (-o.gain, o.code))
	next_rank = next_band = None
	if field is not None and (above := field.next_above(now.index)) is not None:
		next_rank = _reach(lift, above, str(field.rank(above)), opportunities, standing)
	band_above = _band_above(now.index, bands)
	if band_above is not None:
		next_band = _reach(lift, band_above.min_index, band_above.label, opportunities, standing)
	return Simulation(now, opportunities, next_rank, next_band)


def _band_above(index: Decimal | None, bands: list[ClassBand]) -> ClassBand | None:
	"""The lowest band whose lower bound lies above the index."""
	value = round2(index) if index is not None else None
	above = [band for band in bands if value is None or band.min_index > value]
	return min(above, key=lambda band: band.min_index) if above else None


def _reach(start: Lift, goal: Decimal, label: str, opportunities, standing) -> Target | None:
	"""The fewest criteria (largest gain first, counted again after each) that bring the index to
	``goal``; None when all of them together do not.

	A gain never grows when other criteria are raised (a cap's room only shrinks), so each criterion's
	last gain is an upper bound: the one on top is counted again, and taken when it still leads."""
	lift = start.copy()
	maxima = {o.code: o.maximum for o in opportunities}
	queue = [(-o.gain, o.code) for o in opportunities]
	heapq.heapify(queue)
	taken: list[str] = []
	while (index_of(lift.total, lift.total_maximum) or ZERO) < goal:
		while queue:
			_bound, code = heapq.heappop(queue)
			gain = lift.gain(code, maxima[code])
			if not queue or (-gain, code) <= queue[0]:
				break
			heapq.heappush(queue, (-gain, code))
		else:
			return None
		if gain <= 0:
			return None
		lift.raise_to(code, maxima[code])
		taken.append(code)
	return Target(goal, label, tuple(taken), standing(lift.total, lift.total_maximum))
