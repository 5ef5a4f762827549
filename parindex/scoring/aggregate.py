"""From the points of each sub-criterion to totals, sub-indices and the index.

Not applicable
--------------
A criterion marked not applicable leaves **both** the achieved points and the maximum, everywhere above
it. A parent whose children are all not applicable is itself not applicable. So the index compares what a
unit achieved with what it could achieve: a department with no land-management tasks is not punished
for that. Where a whole part is not run (no survey this year), its criteria are marked not applicable and
the remaining points are measured against the remaining maximum:

	achieved 60 of an applicable 75 → index 80.00 %, scaled total 80.00 of the set's 100 points.

Caps and bonuses
----------------
A cap node's maximum is min(cap, sum of its applicable children's maxima) and its points never exceed it.
A bonus node adds its points to its parent and none of its maximum. Bonus points are extra by definition,
so they are added after the parent's cap: a capped field of 2 with 2 points earned and a bonus of 1 has 3.

Rounding
--------
Leaf points already have two decimals (see :mod:`parindex.scoring.numbers`), so the sums are exact.
Indices and the scaled total are rounded half-up to two decimals, once, from the exact ratio.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, ScoringError, raise_if
from parindex.scoring.numbers import HUNDRED, ZERO, round2
from parindex.scoring.tree import APPRAISED, SURVEY, CriteriaTree


class _NotApplicable:
	"""The score of a criterion marked not applicable."""

	_instance = None

	def __new__(cls):
		if cls._instance is None:
			cls._instance = super().__new__(cls)
		return cls._instance

	def __repr__(self) -> str:
		return "NOT_APPLICABLE"

	def __bool__(self) -> bool:
		return False


NOT_APPLICABLE = _NotApplicable()


def index_of(achieved: Decimal, maximum: Decimal) -> Decimal | None:
	"""Index = achieved / maximum × 100, two decimals half-up; None when nothing is applicable.

	>>> index_of(Decimal("61.5"), Decimal("75")), index_of(Decimal(2), Decimal(3)), index_of(ZERO, ZERO)
	(Decimal('82.00'), Decimal('66.67'), None)
	"""
	if not maximum:
		return None
	return round2(achieved * HUNDRED / maximum)


@dataclass(frozen=True)
class Total:
	"""Achieved points against the applicable maximum of a node, a part or the whole set."""

	achieved: Decimal
	maximum: Decimal
	applicable: bool = True

	@property
	def index(self) -> Decimal | None:
		return index_of(self.achieved, self.maximum)


@dataclass(frozen=True)
class Result:
	"""Totals of one assessment. Per-node totals are built on demand: most callers need only a few."""

	total: Total
	appraised: Total
	survey: Total
	full_maximum: Decimal
	_codes: list = field(repr=False)
	_achieved: list = field(repr=False)
	_maximum: list = field(repr=False)
	_applicable: list = field(repr=False)
	_position: dict = field(repr=False)

	def node(self, code: str) -> Total:
		"""Achieved points, applicable maximum and sub-index of one node."""
		i = self._position[code]
		return Total(self._achieved[i], self._maximum[i], self._applicable[i])

	@property
	def nodes(self) -> dict[str, Total]:
		return {code: self.node(code) for code in self._codes}

	@property
	def index(self) -> Decimal | None:
		return self.total.index

	@property
	def scaled_total(self) -> Decimal | None:
		"""Points on the set's full scale: achieved × full maximum / applicable maximum."""
		if not self.total.maximum:
			return None
		return round2(self.total.achieved * self.full_maximum / self.total.maximum)

	def field_totals(self, tree: CriteriaTree) -> list[tuple[str, Total]]:
		"""Sub-totals per field, in order; each Total's ``index`` is the field's sub-index."""
		return [(f.code, self.node(f.code)) for f in tree.fields]


class Aggregator:
	"""Aggregates many assessments of one tree; the tree is walked once, here, not per assessment."""

	def __init__(self, tree: CriteriaTree):
		self.tree = tree
		order = [n for n in tree]  # parents before children
		position = {n.code: i for i, n in enumerate(order)}
		self.codes = [n.code for n in order]
		self.position = position
		self.leaf_positions = {n.code: position[n.code] for n in order if n.is_leaf}
		# a survey not run this year leaves its criteria out, so they may always be not applicable
		self.na_allowed = {n.code for n in order if n.is_leaf and (n.not_applicable_allowed or n.is_survey)}
		# children before parents, for the bottom-up pass
		self.steps = [
			(
				position[n.code],
				position[n.parent.code] if n.parent else -1,
				n.is_leaf,
				n.max_score,
				n.is_cap,
				n.is_bonus,
			)
			for n in reversed(order)
		]
		self.part_roots = _part_roots(tree, position)

	def check_scores(self, scores: Mapping[str, object]) -> list[Problem]:
		found = []
		for code, value in scores.items():
			if code not in self.leaf_positions:
				template = M.NOT_A_LEAF if code in self.tree.nodes else M.UNKNOWN_CRITERION
				found.append(Problem(template, (code,), code))
			elif value is NOT_APPLICABLE and code not in self.na_allowed:
				found.append(Problem(M.NOT_APPLICABLE_REFUSED, (code,), code))
		return found

	def aggregate(self, scores: Mapping[str, Decimal | _NotApplicable | None], check: bool = True) -> Result:
		"""Totals from leaf points (code → points, NOT_APPLICABLE, or None for not scored yet = 0)."""
		if check:
			raise_if(self.check_scores(scores))
		size = len(self.codes)
		achieved = [ZERO] * size
		maximum = [ZERO] * size
		bonus = [ZERO] * size  # bonus points of a node's children: added after its cap
		applicable = [False] * size
		top_achieved = top_maximum = ZERO
		top_applicable = False
		get = scores.get
		for pos, parent, is_leaf, max_score, is_cap, is_bonus in self.steps:
			if is_leaf:
				points = get(self.codes[pos])
				if points is NOT_APPLICABLE:
					continue
				achieved[pos] = points or ZERO
				maximum[pos] = max_score
				applicable[pos] = True
			elif not applicable[pos]:
				continue
			else:
				if is_cap:
					maximum[pos] = min(maximum[pos], max_score)
					achieved[pos] = min(achieved[pos], maximum[pos])
				achieved[pos] += bonus[pos]
			if parent < 0:
				top_achieved += achieved[pos]
				top_applicable = True
				if not is_bonus:
					top_maximum += maximum[pos]
			else:
				applicable[parent] = True
				if is_bonus:
					bonus[parent] += achieved[pos]
				else:
					achieved[parent] += achieved[pos]
					maximum[parent] += maximum[pos]
		parts = {}
		for part in (APPRAISED, SURVEY):
			part_achieved = part_maximum = ZERO
			for pos, is_bonus in self.part_roots[part]:
				part_achieved += achieved[pos]
				if not is_bonus:
					part_maximum += maximum[pos]
			parts[part] = Total(part_achieved, part_maximum, bool(part_maximum or part_achieved))
		return Result(
			total=Total(top_achieved, top_maximum, top_applicable),
			appraised=parts[APPRAISED],
			survey=parts[SURVEY],
			full_maximum=self.tree.total_max,
			_codes=self.codes,
			_achieved=achieved,
			_maximum=maximum,
			_applicable=applicable,
			_position=self.position,
		)

	def score_and_aggregate(self, inputs: Mapping[str, object]) -> tuple[dict, Result]:
		"""Score every leaf from what the unit reported (code → value or NOT_APPLICABLE), then aggregate.

		Every input problem is reported at once, with the codes at fault.
		"""
		points, problems = score_inputs(self.tree, inputs)
		marked = {c: v for c, v in inputs.items() if v is NOT_APPLICABLE and c in self.leaf_positions}
		problems += self.check_scores(marked)
		raise_if(problems)
		return points, self.aggregate(points, check=False)


def score_inputs(tree: CriteriaTree, inputs: Mapping[str, object]) -> tuple[dict, list[Problem]]:
	"""Points per leaf from reported values; blank values (None) stay unscored."""
	points: dict[str, Decimal | _NotApplicable | None] = {}
	problems: list[Problem] = []
	nodes = tree.nodes
	for code, value in inputs.items():
		node = nodes.get(code)
		if node is None or not node.is_leaf:
			problems.append(Problem(M.NOT_A_LEAF if node else M.UNKNOWN_CRITERION, (code,), code))
		elif value is NOT_APPLICABLE or value is None:
			points[code] = value
		else:
			try:
				points[code] = node.rule.score(code, node.max_score, value)
			except ScoringError as error:
				problems += error.problems
	return points, problems


def aggregate(tree: CriteriaTree, scores: Mapping[str, object]) -> Result:
	"""Convenience for one assessment; use :class:`Aggregator` for many of the same tree."""
	return Aggregator(tree).aggregate(scores)


def _part_roots(tree: CriteriaTree, position: dict[str, int]) -> dict[str, list[tuple[int, bool]]]:
	"""The highest nodes that lie wholly in one part (appraised or survey), with their bonus flag.

	A part's totals are the sums over these nodes, so caps inside a part are respected.
	"""
	roots: dict[str, list[tuple[int, bool]]] = {APPRAISED: [], SURVEY: []}

	def walk(node, inherited_bonus: bool):
		bonus = inherited_bonus or node.is_bonus
		single = _single_part(node)
		if single is not None:
			roots[single].append((position[node.code], bonus))
			return
		for child in node.children:
			walk(child, bonus)

	for top in tree.fields:
		walk(top, False)
	return roots


def _single_part(node) -> str | None:
	if node.is_leaf:
		return SURVEY if node.is_survey else APPRAISED
	parts = {_single_part(c) for c in node.children}
	return parts.pop() if len(parts) == 1 and None not in parts else None
