"""Units through mergers, splits and renamings: whose results stand for a unit in a year before it
existed.

Since the 2025 reform communes and provinces were merged, so a unit ranked this year may have had no
assessment last year. Each unit records its predecessors: the units it was formed from, with the kind of
change (merged, split, renamed) and the date it took effect. For a year before that date the unit's
history is its predecessors' (theirs in turn if they had none), combined by the province's rule:

* **population** — the mean weighted by each predecessor's population (equal weights where a
  population is missing): communes of 12,000 and 4,000 people at 80 and 60 → (80·12 + 60·4) / 16 = 75;
* **best** — the best predecessor's result: 80;
* **mean** — the plain mean: 70.

A split successor takes its one predecessor's results whole; a renamed unit keeps its own.

>>> from datetime import date
>>> lineage = {
...     "Xã Hòa An": [
...         Predecessor("Xã Hòa", MERGED, date(2025, 7, 1), Decimal(12000)),
...         Predecessor("Xã An", MERGED, date(2025, 7, 1), Decimal(4000)),
...     ]
... }
>>> values = {"Xã Hòa": Decimal(80), "Xã An": Decimal(60)}
>>> [history_value("Xã Hòa An", 2024, lineage, values, rule) for rule in (POPULATION, BEST, MEAN)]
[Decimal('75'), Decimal('80'), Decimal('70')]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem

MERGED, SPLIT, RENAMED = "Merged", "Split", "Renamed"
POPULATION, BEST, MEAN = "population", "best", "mean"


@dataclass(frozen=True)
class Predecessor:
	unit: str
	kind: str  # MERGED, SPLIT or RENAMED
	since: date  # the day the change took effect
	weight: Decimal | None = None  # the predecessor's population, for the population rule


Lineage = Mapping[str, list[Predecessor]]


def stand_ins(unit: str, year: int, lineage: Lineage, has_result) -> list[tuple[str, Decimal | None]]:
	"""The units whose results stand for ``unit`` in ``year``, with their weights: the unit itself when
	``has_result(unit)``, else its predecessors that still existed in that year (a change after its
	1 January), theirs in turn; a predecessor without a weight of its own takes its successor's."""
	if has_result(unit):
		return [(unit, None)]
	found: list[tuple[str, Decimal | None]] = []
	for predecessor in lineage.get(unit, []):
		if predecessor.since <= date(year, 1, 1):  # gone before that year began
			continue
		for source, weight in stand_ins(predecessor.unit, year, _without(lineage, unit), has_result):
			found.append((source, weight if weight is not None else predecessor.weight))
	return found


def combine(values: list[tuple[Decimal, Decimal | None]], rule: str) -> Decimal | None:
	"""One result from the stand-ins' (value, weight) by the rule; None when there is none."""
	if not values:
		return None
	if rule == BEST:
		return max(value for value, _weight in values)
	if rule == POPULATION and all(weight for _value, weight in values):
		total = sum((weight for _value, weight in values), Decimal(0))
		return sum((value * weight for value, weight in values), Decimal(0)) / total
	return sum((value for value, _weight in values), Decimal(0)) / len(values)


def history_value(unit: str, year: int, lineage: Lineage, values: Mapping[str, Decimal], rule: str):
	"""The unit's result in a year: its own, or its predecessors' combined; None when nobody's."""
	sources = stand_ins(unit, year, lineage, lambda name: name in values)
	return combine([(values[source], weight) for source, weight in sources], rule)


def lineage_problems(unit: str, predecessors: list[Predecessor], lineage: Lineage) -> list[Problem]:
	"""A unit's predecessors must be other units, each once, with a date, and lead back to it nowhere."""
	found, seen = [], set()
	for predecessor in predecessors:
		if predecessor.unit == unit:
			found.append(Problem(M.PREDECESSOR_ITSELF, (unit,)))
		elif predecessor.unit in seen:
			found.append(Problem(M.PREDECESSOR_TWICE, (predecessor.unit,)))
		elif _reaches(predecessor.unit, unit, lineage, set()):
			found.append(Problem(M.PREDECESSOR_CYCLE, (predecessor.unit, unit)))
		seen.add(predecessor.unit)
	return found


def _reaches(start: str, target: str, lineage: Lineage, visited: set) -> bool:
	if start == target:
		return True
	visited.add(start)
	return any(
		_reaches(p.unit, target, lineage, visited) for p in lineage.get(start, []) if p.unit not in visited
	)


def _without(lineage: Lineage, unit: str) -> dict:
	"""The lineage without a unit's own entry: a cycle recorded by mistake cannot loop."""
	return {name: found for name, found in lineage.items() if name != unit}
