"""Numbers of the PAR method: exact decimals, rounded half-up to two places where shown or stored.

Every score is a :class:`decimal.Decimal`, never a float, so 0.1 + 0.2 is 0.3 and a unit that re-adds
its score sheet by hand gets the same total as the software.

Where rounding happens, and why
-------------------------------
1. **Points computed by a rule** (proportional, survey-derived): 87.345 % of 2 points = 1.7469 → 1.75.
   The sheet stores and shows two decimals, and the stored figure is the one that is added up.
2. **Indices** (achieved / maximum × 100) and **scaled totals**: computed from the unrounded ratio and
   rounded once, at the end: 61.5 / 75 × 100 = 82.00; 2 / 3 × 100 = 66.67.
Sums of points that already have two decimals are exact, so totals are never rounded again.

Half-up (0.125 → 0.13, 0.135 → 0.14) rather than Python's round-half-even, because that is how officials
and Excel round, and a published index must match the figure anyone can recompute.
"""

from __future__ import annotations

from contextlib import suppress
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")
NINE_PLACES = Decimal("1e-9")

Number = Decimal | int | float | str


def to_decimal(value: Number) -> Decimal:
	"""Turn a number from a form, a workbook or the database into an exact Decimal.

	>>> to_decimal(2.675), to_decimal("0,5"), to_decimal(" 90 % "), to_decimal(3)
	(Decimal('2.675'), Decimal('0.5'), Decimal('90'), Decimal('3'))

	Floats go through ``repr`` so 2.675 stays 2.675 (not 2.67499999...), and are rounded to the 9 decimals
	the database keeps, so 0.1 + 0.2 is 0.3. Text accepts a Vietnamese
	decimal comma and a trailing percent sign. Anything else raises ``ValueError``.
	"""
	if isinstance(value, Decimal):
		result = value
	elif isinstance(value, bool):
		raise ValueError(f"not a number: {value!r}")
	elif isinstance(value, int):
		return Decimal(value)
	elif isinstance(value, float):
		# a float carries binary noise (0.1 + 0.2 = 0.30000000000000004); the database keeps 9 decimals
		text = repr(value)
		result = Decimal(text)
		if "e-" in text or ("e" not in text and len(text) - text.find(".") > 10):
			with suppress(InvalidOperation):
				result = result.quantize(NINE_PLACES).normalize()
	elif isinstance(value, str):
		text = value.strip().rstrip("%").strip().replace(",", ".")
		try:
			result = Decimal(text)
		except InvalidOperation:
			raise ValueError(f"not a number: {value!r}") from None
	else:
		raise ValueError(f"not a number: {value!r}")
	if not result.is_finite():
		raise ValueError(f"not a finite number: {value!r}")
	return result


def round2(value: Decimal) -> Decimal:
	"""Round half-up to two decimals.

	>>> round2(Decimal("1.745")), round2(Decimal("1.7449")), round2(Decimal("-0.125"))
	(Decimal('1.75'), Decimal('1.74'), Decimal('-0.13'))
	"""
	return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def fmt(value: Decimal) -> str:
	"""Show a number the way a criteria table does: no trailing zeros, no exponent.

	>>> fmt(Decimal("1.50")), fmt(Decimal("2")), fmt(Decimal("0.25")), fmt(Decimal("10.0"))
	('1.5', '2', '0.25', '10')
	"""
	text = f"{value:f}"
	if "." in text:
		text = text.rstrip("0").rstrip(".")
	return "0" if text in ("-0", "") else text
