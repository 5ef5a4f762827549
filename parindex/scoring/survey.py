"""Survey conversion: answers → average weight → points of the survey-derived criteria.

Each answer of a question carries a weight in % (one province: A = 100 %, B = 60 %, C = 20 %, D = 0 %).
A question's result is the average weight of its answers; a criterion fed by several questions takes the
mean of their results; its points are result × max, rounded half-up to two decimals.

	40 × A, 30 × B, 20 × C, 10 × D → (40·100 + 30·60 + 20·20 + 10·0) / 100 = 62.00 %
	criterion max 2 → 1.24 points
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, raise_if
from parindex.scoring.numbers import HUNDRED, ZERO, Number, fmt, round2, to_decimal


def check_weights(weights: Mapping[str, Number]) -> dict[str, Decimal]:
	"""The answer scheme as decimals; every weight must lie in 0–100 %."""
	scheme, problems = {}, []
	for answer, weight in weights.items():
		try:
			value = to_decimal(weight)
		except ValueError:
			problems.append(Problem(M.WEIGHT_NOT_NUMBER, (answer, weight)))
			continue
		if not ZERO <= value <= HUNDRED:
			problems.append(Problem(M.WEIGHT_RANGE, (answer, fmt(value))))
		scheme[answer] = value
	raise_if(problems)
	return scheme


def question_result(counts: Mapping[str, int], weights: Mapping[str, Number]) -> Decimal | None:
	"""Average weight (in %, unrounded) of a question's answers; None when nobody answered.

	>>> question_result({"A": 40, "B": 30, "C": 20, "D": 10}, {"A": 100, "B": 60, "C": 20, "D": 0})
	Decimal('62')
	"""
	return _average(counts, check_weights(weights))


def _average(counts: Mapping[str, int], scheme: Mapping[str, Decimal]) -> Decimal | None:
	"""Average weight of a question's answers, against a scheme already checked."""
	problems = [Problem(M.UNKNOWN_ANSWER, (answer,)) for answer in counts if answer not in scheme]
	problems += [Problem(M.NEGATIVE_COUNT, (answer, count)) for answer, count in counts.items() if count < 0]
	raise_if(problems)
	total = weighted = ZERO
	for answer, count in counts.items():
		total += count
		weighted += count * scheme[answer]
	return weighted / total if total else None


def criterion_result(question_results: Iterable[Decimal | None]) -> Decimal | None:
	"""Mean of the results of the questions feeding one criterion (unanswered ones left out)."""
	values = [r for r in question_results if r is not None]
	return sum(values, ZERO) / len(values) if values else None


def survey_points(result: Decimal | None, max_score: Number) -> Decimal | None:
	"""Points of a survey-derived criterion: result % × max, two decimals half-up.

	>>> survey_points(Decimal("73.4"), 2), survey_points(Decimal("62"), 2)
	(Decimal('1.47'), Decimal('1.24'))
	"""
	if result is None:
		return None
	return round2(result * to_decimal(max_score) / HUNDRED)


def points_by_unit(
	counts: Iterable[tuple[str, int, str, int]],
	weights: Mapping[str, Number],
	question_criteria: Mapping[int, str],
	maxima: Mapping[str, Number],
) -> dict[str, dict[str, Decimal | None]]:
	"""Survey points of every unit and survey-derived criterion, from answer counts.

	``counts`` holds (unit, question number, answer, count) rows, as one GROUP BY returns them;
	``question_criteria`` maps each question to the criterion code it scores, ``maxima`` each criterion
	to its maximum. A criterion without any answer for a unit gets None: the survey was not run there,
	so the criterion is left out of that unit's index rather than scored 0.

	>>> rows = [("U1", 1, "A", 3), ("U1", 1, "C", 1), ("U1", 2, "B", 2)]
	>>> points_by_unit(
	...     rows, {"A": 100, "B": 60, "C": 20}, {1: "8.1", 2: "8.1", 3: "8.2"}, {"8.1": 2, "8.2": 1}
	... )
	{'U1': {'8.1': Decimal('1.40'), '8.2': None}}

	(question 1: (3·100 + 20) / 4 = 80 %; question 2: 60 %; criterion 8.1: mean 70 % of 2 = 1.40.)
	"""
	scheme = check_weights(weights)
	by_question: dict[tuple[str, int], dict[str, int]] = {}
	for unit, question, answer, count in counts:
		answers = by_question.get((unit, question))
		if answers is None:
			answers = by_question[(unit, question)] = {}
		answers[answer] = answers.get(answer, 0) + count
	sums = []
	for (unit, question), answers in by_question.items():
		if question in question_criteria:
			_average(answers, scheme)  # every answer known, no count below 0
			weighted = sum((count * scheme[answer] for answer, count in answers.items()), ZERO)
			sums.append((unit, question, sum(answers.values()), weighted))
	return points_from_sums(sums, question_criteria, maxima)


def points_from_sums(
	sums: Iterable[tuple[str, int, int, Decimal]],
	question_criteria: Mapping[int, str],
	maxima: Mapping[str, Number],
) -> dict[str, dict[str, Decimal | None]]:
	"""Survey points from each unit's sums per question: (unit, question number, answers, Σ answers ×
	weight), as a database sums the counts against a checked scheme. The same points as
	:func:`points_by_unit` on the counts behind them:

	>>> sums = [("U1", 1, 4, Decimal(320)), ("U1", 2, 2, Decimal(120))]
	>>> points_from_sums(sums, {1: "8.1", 2: "8.1", 3: "8.2"}, {"8.1": 2, "8.2": 1})
	{'U1': {'8.1': Decimal('1.40'), '8.2': None}}
	"""
	results: dict[str, dict[str, list]] = {}
	for unit, question, answered, weighted in sums:
		code = question_criteria.get(question)
		if code is not None:
			result = weighted / answered if answered else None
			results.setdefault(unit, {}).setdefault(code, []).append(result)
	return {
		unit: {code: survey_points(criterion_result(by_code.get(code, [])), maxima[code]) for code in maxima}
		for unit, by_code in results.items()
	}
