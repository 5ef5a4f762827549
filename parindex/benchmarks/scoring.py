"""Benchmark of the scoring core: score and aggregate 1,000 assessments of 130 criteria.

Run: ``python -m parindex.benchmarks.scoring`` (no Frappe needed). Target (issue 2): ≤ 1 s.

The baseline, timed in the same run, is the least any scorer must do: read each of the 130,000 inputs
once and add a Decimal per line. The ratio tells how much the method itself (rule checks, rounding,
not-applicable handling, caps, parts, sub-indices) costs over that floor, whatever the machine's load.
"""

from __future__ import annotations

import statistics
import time
from decimal import Decimal

from parindex.benchmarks.synthetic import assessment_inputs, criteria_rows
from parindex.scoring.aggregate import Aggregator
from parindex.workbooks.criteria import check_rows

ASSESSMENTS = 1_000
LEAVES = 130
REPEATS = 5


def _baseline(all_inputs: list[dict]) -> Decimal:
	total = Decimal(0)
	one = Decimal(1)
	for inputs in all_inputs:
		for value in inputs.values():
			total += one if value else 0
	return total


def _score(aggregator: Aggregator, all_inputs: list[dict]) -> list:
	return [aggregator.score_and_aggregate(inputs)[1].index for inputs in all_inputs]


def _best_of(function, *args) -> float:
	times = []
	for _ in range(REPEATS):
		start = time.perf_counter()
		function(*args)
		times.append(time.perf_counter() - start)
	return min(times), statistics.median(times)


def main() -> None:
	rows = criteria_rows(LEAVES)
	tree, problems = check_rows(rows)
	assert not problems, problems
	aggregator = Aggregator(tree)
	all_inputs = [assessment_inputs(rows, seed) for seed in range(ASSESSMENTS)]
	lines = sum(len(i) for i in all_inputs)
	indices = _score(aggregator, all_inputs)
	assert len(indices) == ASSESSMENTS and all(i is not None for i in indices)
	base_best, base_median = _best_of(_baseline, all_inputs)
	core_best, core_median = _best_of(_score, aggregator, all_inputs)
	print(f"assessments: {ASSESSMENTS}, criteria per assessment: {LEAVES}, lines: {lines}")
	print(f"baseline (read + add each line):   best {base_best:.3f} s, median {base_median:.3f} s")
	print(f"core (score + aggregate):          best {core_best:.3f} s, median {core_median:.3f} s")
	print(f"ratio core / baseline (median):    {core_median / base_median:.1f}×")
	print(f"target ≤ 1 s: {'met' if core_median <= 1 else 'NOT met'}")


if __name__ == "__main__":
	main()
