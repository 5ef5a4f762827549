"""Benchmark of the rank simulator: one unit's simulation among 1,000 units of 130 criteria.

Run: ``python -m parindex.benchmarks.simulation`` (no Frappe needed). Targets (issue 11): a unit's
simulation ≤ 100 ms and ≤ 5× one scoring of that unit, timed in the same run.

"One scoring" is what a save computes from the unit's inputs: each criterion scored by its rule, then
totals, parts and index (``Aggregator.score_and_aggregate``). The simulation starts from the points
(as the assessment holds them) and gives every criterion's gain with the index, rank and band it would
reach, and the fewest criteria to the next rank and the next band, against the 999 other indices.
"""

from __future__ import annotations

from decimal import Decimal

from parindex.benchmarks.synthetic import assessment_inputs, criteria_rows
from parindex.benchmarks.timing import median_seconds
from parindex.scoring.aggregate import Aggregator
from parindex.scoring.ranking import ClassBand
from parindex.scoring.simulate import simulate
from parindex.workbooks.criteria import check_rows

UNITS = 1_000
LEAVES = 130
REPEATS = 50
BANDS = [ClassBand("Xuất sắc", Decimal(95)), ClassBand("Tốt", Decimal(90)), ClassBand("Khá", Decimal(80))]
BANDS += [ClassBand("Trung bình", Decimal(70)), ClassBand("Yếu", Decimal(0))]


def _median(function, repeats: int = REPEATS) -> float:
	return median_seconds(function, repeats)


def main() -> None:
	rows = criteria_rows(LEAVES)
	tree, problems = check_rows(rows)
	assert not problems, problems
	aggregator = Aggregator(tree)
	scored = [aggregator.score_and_aggregate(assessment_inputs(rows, seed)) for seed in range(UNITS)]
	indices = [result.index for _points, result in scored]
	# the simulated unit: the median one, so that both a next rank and a next band exist
	order = sorted(range(UNITS), key=lambda i: indices[i])
	unit = order[UNITS // 2]
	inputs, points = assessment_inputs(rows, unit), scored[unit][0]
	others = [float(index) for index in indices[:unit] + indices[unit + 1 :]]  # as the database gives them
	result = simulate(aggregator, points, others, BANDS)
	assert result.next_rank is not None and result.next_band is not None
	scoring = _median(lambda: aggregator.score_and_aggregate(inputs))
	simulation = _median(lambda: simulate(aggregator, points, others, BANDS))
	print(
		f"units: {UNITS}, criteria: {LEAVES}; the unit: index {result.standing.index}, rank {result.standing.rank}"
	)
	print(
		f"opportunities: {len(result.opportunities)}; next rank in {len(result.next_rank.codes)} criteria,"
		f" next band ({result.next_band.label}) in {len(result.next_band.codes)}"
	)
	print(f"one scoring of the unit (baseline): {scoring * 1000:.2f} ms")
	print(
		f"one simulation: {simulation * 1000:.2f} ms = {simulation / scoring:.2f}× the scoring"
		f" (targets ≤ 100 ms, ≤ 5×)"
	)


if __name__ == "__main__":
	main()
