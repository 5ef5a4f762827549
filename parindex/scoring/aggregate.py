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
		return scaled_total(self.total, self.full_maximum)

	def field_totals(self, tree: CriteriaTree) -> list[tuple[str, Total]]:
		"""Sub-totals per field, in order; each Total's ``index`` is the field's sub-index."""
		return [(f.code, self.node(f.code)) for f in tree.fields]


@dataclass(frozen=True)
class Change:
	"""How a change of some leaves moved the totals: (Δ achieved, Δ maximum) of the changed part's
	highest nodes and of every node above them (fields included), of the whole set and of the part."""

	nodes: dict[str, tuple[Decimal, Decimal]]
	total: tuple[Decimal, Decimal]
	part: tuple[Decimal, Decimal]

	def moved(self, code: str, achieved: Decimal, maximum: Decimal) -> Total:
		"""A node's total, from what it was."""
		d_achieved, d_maximum = self.nodes.get(code, (ZERO, ZERO))
		achieved, maximum = achieved + d_achieved, maximum + d_maximum
		return Total(achieved, maximum, bool(achieved or maximum))


def _plus(pair: tuple[Decimal, Decimal], achieved: Decimal, maximum: Decimal) -> tuple[Decimal, Decimal]:
	return pair[0] + achieved, pair[1] + maximum


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
		self.field_positions = [(f.code, position[f.code]) for f in tree.fields]
		self.parent = [position[n.parent.code] if n.parent else -1 for n in order]
		self.bonus = [n.is_bonus for n in order]
		self.is_cap = [n.is_cap for n in order]
		self._part_steps: dict[str, list[tuple]] = {}

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
		achieved, maximum, applicable, _base, _bonus = self._sum_up(self.steps, scores)
		fields = {
			code: Total(achieved[pos], maximum[pos], applicable[pos]) for code, pos in self.field_positions
		}
		parts = {part: self._part(part, achieved, maximum) for part in (APPRAISED, SURVEY)}
		return Result(
			total=set_total(self.tree, fields),
			appraised=parts[APPRAISED],
			survey=parts[SURVEY],
			full_maximum=self.tree.total_max,
			_codes=self.codes,
			_achieved=achieved,
			_maximum=maximum,
			_applicable=applicable,
			_position=self.position,
		)

	def part_change(self, part: str, before: Mapping, after: Mapping) -> Change:
		"""How the totals move when only the leaves of one part change (the survey's points), from those
		leaves alone: ``before`` and ``after`` are their points (code → points, NOT_APPLICABLE or None).

		The part's highest nodes (:func:`_part_roots`) are summed twice, before and after; above them a
		node may not be capped (a cap mixing both parts is refused), so every node above moves by what
		its children moved: the points always, the maximum unless the child is a bonus. A province's 130
		lines with some 15 survey lines are not summed again.

		>>> from parindex.scoring.rules import Manual, Survey
		>>> from parindex.scoring.tree import Node
		>>> tree = CriteriaTree.build(
		...     [
		...         Node("1", "Impact", Decimal(5)),
		...         Node("1.1", "Online", Decimal(3), Manual()),
		...         Node("1.2", "Satisfaction", Decimal(2), Survey(), not_applicable_allowed=True),
		...     ]
		... )
		>>> change = Aggregator(tree).part_change(SURVEY, {"1.2": Decimal("0.6")}, {"1.2": NOT_APPLICABLE})
		>>> change.nodes["1"], change.total, change.part
		((Decimal('-0.6'), Decimal('-2')), (Decimal('-0.6'), Decimal('-2')), (Decimal('-0.6'), Decimal('-2')))
		"""
		steps = self._part_steps.get(part)
		if steps is None:
			inside = set()
			for pos, _is_bonus in self.part_roots[part]:
				stack = [self.tree[self.codes[pos]]]
				while stack:
					node = stack.pop()
					inside.add(self.position[node.code])
					stack.extend(node.children)
			steps = self._part_steps[part] = [step for step in self.steps if step[0] in inside]
		old_achieved, old_maximum, *_ = self._sum_up(steps, before)
		new_achieved, new_maximum, *_ = self._sum_up(steps, after)
		nodes: dict[str, tuple[Decimal, Decimal]] = {}
		total = part_total = (ZERO, ZERO)
		for pos, inherited_bonus in self.part_roots[part]:
			achieved = new_achieved[pos] - old_achieved[pos]
			maximum = new_maximum[pos] - old_maximum[pos]
			if not achieved and not maximum:
				continue
			part_total = _plus(part_total, achieved, ZERO if inherited_bonus else maximum)
			nodes[self.codes[pos]] = (achieved, maximum)
			child = pos
			while True:
				if self.bonus[child]:
					maximum = ZERO
				parent = self.parent[child]
				if parent < 0:
					total = _plus(total, achieved, maximum)
					break
				code = self.codes[parent]
				nodes[code] = _plus(nodes.get(code, (ZERO, ZERO)), achieved, maximum)
				child = parent
		return Change(nodes, total, part_total)

	def _sum_up(self, steps: list[tuple], scores: Mapping) -> tuple[list, list, list, list, list]:
		"""The bottom-up pass: each node's achieved points, applicable maximum, whether it applies, and
		(for :class:`Lift`) its children's points before its cap and its bonus children's points."""
		size = len(self.codes)
		achieved = [ZERO] * size
		maximum = [ZERO] * size
		base = [ZERO] * size  # points of a node's children (not bonus) before its cap
		bonus = [ZERO] * size  # bonus points of a node's children: added after its cap
		applicable = [False] * size
		get = scores.get
		for pos, parent, is_leaf, max_score, is_cap, is_bonus in steps:
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
				base[pos] = achieved[pos]
				if is_cap:
					maximum[pos] = min(maximum[pos], max_score)
					achieved[pos] = min(achieved[pos], maximum[pos])
				achieved[pos] += bonus[pos]
			if parent >= 0:
				applicable[parent] = True
				if is_bonus:
					bonus[parent] += achieved[pos]
				else:
					achieved[parent] += achieved[pos]
					maximum[parent] += maximum[pos]
		return achieved, maximum, applicable, base, bonus

	def _part(self, part: str, achieved: list, maximum: list) -> Total:
		"""One part's total (appraised or survey): the sum over its highest nodes."""
		part_achieved = part_maximum = ZERO
		for pos, is_bonus in self.part_roots[part]:
			part_achieved += achieved[pos]
			if not is_bonus:
				part_maximum += maximum[pos]
		return Total(part_achieved, part_maximum, bool(part_maximum or part_achieved))

	def score_and_aggregate(self, inputs: Mapping[str, object]) -> tuple[dict, Result]:
		"""Score every leaf from what the unit reported (code → value or NOT_APPLICABLE), then aggregate.

		Every input problem is reported at once, with the codes at fault.
		"""
		points, problems = score_inputs(self.tree, inputs)
		marked = {c: v for c, v in inputs.items() if v is NOT_APPLICABLE and c in self.leaf_positions}
		problems += self.check_scores(marked)
		raise_if(problems)
		return points, self.aggregate(points, check=False)


class Lift:
	"""A unit's totals, ready to say what raising one criterion's points would add to the set's total.

	Raising a leaf moves each node above it by what its child moved: a capped node by no more than its
	cap leaves room for, a bonus child's points added after the cap. So a gain is a walk up the leaf's
	path, not a new aggregation (:mod:`parindex.scoring.simulate` asks for 130 of them at a time)."""

	def __init__(self, aggregator: Aggregator, scores: Mapping):
		self.aggregator = aggregator
		self.achieved, self.maximum, self.applicable, self.base, self.bonus = aggregator._sum_up(
			aggregator.steps, scores
		)
		fields = {
			code: Total(self.achieved[pos], self.maximum[pos], self.applicable[pos])
			for code, pos in aggregator.field_positions
		}
		total = set_total(aggregator.tree, fields)
		self.total, self.total_maximum = total.achieved, total.maximum

	def copy(self) -> Lift:
		"""Another lift from the same totals, to raise criteria on without changing this one."""
		other = object.__new__(Lift)
		other.__dict__.update(self.__dict__)
		for name in ("achieved", "maximum", "applicable", "base", "bonus"):
			setattr(other, name, list(getattr(self, name)))
		return other

	def points(self, code: str) -> Decimal | None:
		"""The leaf's points now; None when it is not applicable."""
		pos = self.aggregator.position[code]
		return self.achieved[pos] if self.applicable[pos] else None

	def gain(self, code: str, points: Decimal) -> Decimal:
		"""What the set's total would gain if the leaf had ``points`` (0 for a leaf not applicable)."""
		return self._walk(code, points, keep=False)

	def raise_to(self, code: str, points: Decimal) -> Decimal:
		"""Give the leaf ``points`` for good; returns the gain."""
		gain = self._walk(code, points, keep=True)
		self.total += gain
		return gain

	def _walk(self, code: str, points: Decimal, keep: bool) -> Decimal:
		aggregator = self.aggregator
		child = aggregator.position[code]
		if not self.applicable[child]:
			return ZERO
		moved = points - self.achieved[child]
		if keep:
			self.achieved[child] = points
		while moved:
			parent = aggregator.parent[child]
			if parent < 0:
				break
			base, bonus = self.base[parent], self.bonus[parent]
			if aggregator.bonus[child]:
				bonus += moved
			else:
				base += moved
			achieved = (min(base, self.maximum[parent]) if aggregator.is_cap[parent] else base) + bonus
			moved = achieved - self.achieved[parent]
			if keep:
				self.base[parent], self.bonus[parent], self.achieved[parent] = base, bonus, achieved
			child = parent
		return moved


def set_total(tree: CriteriaTree, fields: Mapping[str, Total]) -> Total:
	"""The whole set's total from its fields' totals: the points of every applicable field, the maxima of
	those that are not bonus fields.

	>>> from parindex.scoring.rules import Manual
	>>> from parindex.scoring.tree import Node
	>>> fields = [Node("1", "A", Decimal(10), Manual()), Node("2", "B", Decimal(5), Manual(), is_bonus=True)]
	>>> tree = CriteriaTree.build(fields)
	>>> set_total(tree, {"1": Total(Decimal(7), Decimal(10)), "2": Total(Decimal(2), Decimal(5))})
	Total(achieved=Decimal('9'), maximum=Decimal('10'), applicable=True)
	>>> set_total(tree, {"1": Total(ZERO, ZERO, False), "2": Total(ZERO, ZERO, False)})
	Total(achieved=Decimal('0'), maximum=Decimal('0'), applicable=False)
	"""
	achieved = maximum = ZERO
	applicable = False
	for node in tree.fields:
		total = fields[node.code]
		if total.applicable:
			applicable = True
			achieved += total.achieved
			if not node.is_bonus:
				maximum += total.maximum
	return Total(achieved, maximum, applicable)


def scaled_total(total: Total, full_maximum: Decimal) -> Decimal | None:
	"""Points on the set's full scale: achieved × full maximum / applicable maximum, two decimals.

	>>> scaled_total(Total(Decimal(60), Decimal(75)), Decimal(100))
	Decimal('80.00')
	"""
	if not total.maximum:
		return None
	return round2(total.achieved * full_maximum / total.maximum)


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
