"""Synthetic criteria sets and assessments of any size, for the benchmarks (no Frappe)."""

from __future__ import annotations

import random
from decimal import Decimal

from parindex.scoring.aggregate import NOT_APPLICABLE
from parindex.scoring.rule_text import parse_rule
from parindex.scoring.rules import RuleKind
from parindex.workbooks.criteria import CriterionRow

#: (kind, parameters, a function giving a random valid input) for leaves of maximum 1
LEAF_KINDS = (
	(RuleKind.MANUAL, "step=0.25", lambda r: r.choice(["0", "0.25", "0.5", "0.75", "1"])),
	(RuleKind.OPTIONS, "Full=1; Partial=0.5; None=0", lambda r: r.choice(["Full", "Partial", "None"])),
	(RuleKind.THRESHOLDS, ">90=1; 70..90=0.5; <70=0", lambda r: Decimal(r.randint(0, 10000)) / 100),
	(RuleKind.PROPORTIONAL, "", lambda r: Decimal(r.randint(0, 10000)) / 100),
	(RuleKind.DEADLINE, "on_time=1; late=0.5; not_done=0", lambda r: r.choice(["On time", "Late", None])),
	(RuleKind.YES_NO, "yes=1; no=0", lambda r: r.choice([True, False])),
	(RuleKind.DEDUCTION, "per=0.25; floor=0", lambda r: r.randint(0, 6)),
	(RuleKind.SURVEY, "", lambda r: Decimal(r.randint(0, 10000)) / 100),
)


def criteria_rows(
	leaves: int, per_criterion: int = 3, criteria_per_field: int = 4, kinds=LEAF_KINDS
) -> list[CriterionRow]:
	"""A three-level tree with ``leaves`` sub-criteria of 1 point each, cycling through the rule kinds
	(``(kind, parameters, …)``; every kind unless given)."""
	rows: list[CriterionRow] = []
	field = criterion = 0
	leaf_in_criterion = per_criterion
	criteria_in_field = criteria_per_field
	for index in range(leaves):
		if leaf_in_criterion == per_criterion:
			if criteria_in_field == criteria_per_field:
				field += 1
				criterion, criteria_in_field = 0, 0
				rows.append(CriterionRow(str(field), f"Field {field}", Decimal(0)))
			criterion += 1
			criteria_in_field += 1
			leaf_in_criterion = 0
			rows.append(CriterionRow(f"{field}.{criterion}", f"Criterion {field}.{criterion}", Decimal(0)))
		leaf_in_criterion += 1
		kind, params, *_ = kinds[index % len(kinds)]
		code = f"{field}.{criterion}.{leaf_in_criterion}"
		spec = parse_rule(kind, params, code)[0]
		rows.append(
			CriterionRow(
				code,
				f"Sub-criterion {code}",
				Decimal(1),
				spec,
				evidence_required=kind is not RuleKind.SURVEY,
				not_applicable_allowed=index % 10 == 0,
			)
		)
	_sum_maxima(rows)
	return rows


def _sum_maxima(rows: list[CriterionRow]) -> None:
	by_code = {r.code: r for r in rows}
	for row in sorted(rows, key=lambda r: -r.code.count(".")):
		parent = row.code.rpartition(".")[0]
		if parent:
			by_code[parent].max_score += row.max_score


def assessment_inputs(rows: list[CriterionRow], seed: int) -> dict:
	"""Random valid inputs for every leaf (one in twenty not applicable where allowed)."""
	rng = random.Random(seed)
	kinds = {kind: make for kind, _, make in LEAF_KINDS}
	inputs = {}
	for row in rows:
		if row.spec is None:
			continue
		if row.not_applicable_allowed and rng.random() < 0.05:
			inputs[row.code] = NOT_APPLICABLE
		else:
			inputs[row.code] = kinds[row.spec.kind](rng)
	return inputs
