"""Timing for the benchmarks: the median of several runs, which a shared, noisy machine moves least."""

import statistics
import time


def median_seconds(function, repeats: int) -> float:
	"""The median time of ``repeats`` calls of ``function``, in seconds."""
	times = []
	for _ in range(repeats):
		start = time.perf_counter()
		function()
		times.append(time.perf_counter() - start)
	return statistics.median(times)
