"""Citizens' satisfaction with the administration's service (SIPAS, Chỉ số hài lòng về sự phục vụ hành
chính), as the Ministry of Home Affairs measures it.

A SIPAS questionnaire asks about five elements of a service, each in several questions, on a five-point
scale from "very dissatisfied" to "very satisfied":

1. access to the service (tiếp cận dịch vụ);
2. the administrative procedure (thủ tục hành chính);
3. the civil servants who handle it (công chức trực tiếp giải quyết công việc);
4. the result of the service (kết quả cung ứng dịch vụ);
5. receiving and handling feedback (tiếp nhận, xử lý góp ý, phản ánh, kiến nghị).

The method followed:

* a question's **share satisfied** is the share of its answers that are "satisfied" or "very satisfied";
* an **element's index** is the mean of its questions' shares (in %);
* the **SIPAS index** is the mean of the elements' indices;
* the province's figures pool every unit's answers (each respondent counts once, wherever they were asked).

	Element 1, questions 1 and 2: 30 of 40 satisfied (75 %), 24 of 40 (60 %) → 67.50 %
	Elements 67.50, 80, 70, 90, 62.50 → SIPAS 74.00 %

Indices are rounded half-up to two decimals once, at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from parindex.scoring.numbers import HUNDRED, round2

ELEMENTS = ("access", "procedure", "civil_servants", "result", "feedback")
PROVINCE = ""  # the key of the province's pooled figures


@dataclass
class Satisfaction:
	"""One unit's (or the province's) satisfaction: per element and overall, in %."""

	elements: dict[str, Decimal | None] = field(default_factory=dict)
	index: Decimal | None = None
	answers: int = 0  # answers counted, all questions together
	satisfied: int = 0


def satisfaction(
	counts: Iterable[tuple[str, int, str, int]],
	element_of: Mapping[int, str],
	satisfied: set[str],
) -> dict[str, Satisfaction]:
	"""Satisfaction per unit and for the province (key :data:`PROVINCE`), from answer counts (unit,
	question number, answer, count): ``element_of`` maps each SIPAS question to its element, ``satisfied``
	holds the answers that count as satisfied. Questions outside ``element_of`` are left out.

	>>> counts = [("U1", 1, "D", 3), ("U1", 1, "E", 1), ("U1", 1, "B", 4), ("U1", 2, "E", 2)]
	>>> result = satisfaction(counts, {1: "access", 2: "access", 3: "result"}, {"D", "E"})
	>>> result["U1"].elements["access"], result["U1"].elements["result"], result["U1"].index
	(Decimal('75.00'), None, Decimal('75.00'))

	(question 1: 4 of 8 satisfied, 50 %; question 2: 2 of 2, 100 %; access: 75 %; no answer on result.)
	"""
	per_question: dict[tuple[str, int], list[int]] = {}
	for unit, question, answer, count in counts:
		if question not in element_of or count <= 0:
			continue
		for key in ((unit, question), (PROVINCE, question)):
			totals = per_question.setdefault(key, [0, 0])
			totals[0] += count
			totals[1] += count if answer in satisfied else 0
	by_unit: dict[str, dict[str, list[Decimal]]] = {}
	tallies: dict[str, list[int]] = {}
	for (unit, question), (answered, happy) in per_question.items():
		share = Decimal(happy) * HUNDRED / Decimal(answered)
		by_unit.setdefault(unit, {}).setdefault(element_of[question], []).append(share)
		tally = tallies.setdefault(unit, [0, 0])
		tally[0] += answered
		tally[1] += happy
	result = {}
	for unit, shares in by_unit.items():
		elements = {e: _mean(shares[e]) if e in shares else None for e in _order(element_of)}
		measured = [value for value in elements.values() if value is not None]
		index = round2(sum(measured, Decimal(0)) / len(measured)) if measured else None
		rounded = {e: round2(v) if v is not None else None for e, v in elements.items()}
		result[unit] = Satisfaction(rounded, index, *tallies[unit])
	return result


def _mean(values: list[Decimal]) -> Decimal:
	return sum(values, Decimal(0)) / len(values)


def _order(element_of: Mapping[int, str]) -> list[str]:
	"""The elements asked about, the five of the method first in their order."""
	asked = set(element_of.values())
	return [e for e in ELEMENTS if e in asked] + sorted(asked - set(ELEMENTS))
