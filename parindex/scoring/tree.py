"""The criteria tree: fields → criteria → sub-criteria (any depth), read from the codes.

The hierarchy is in the code itself: ``1.2.3`` is a child of ``1.2``, which is a child of field ``1``.
A parent's maximum is the sum of its children's, unless the parent is declared a **cap**: then its
maximum may be lower than that sum and its points never exceed it (a field of 10 points whose
criteria offer 12). A **bonus** node adds its points to its parent but not its maximum, so bonus points
can lift a unit above what others reach without moving the index's denominator.

Criteria whose rule kind is Survey form the **survey part** of the set; all others the **appraised part**.

Example: the 2017 provincial set has 8 fields with maxima 10, 10, 14.5, 11, 16, 7, 16 and 15.5 (100).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem, raise_if
from parindex.scoring.numbers import ZERO, fmt, round2
from parindex.scoring.rules import Rule, RuleKind

CODE_PATTERN = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")

APPRAISED = "appraised"
SURVEY = "survey"


def parent_code(code: str) -> str | None:
	"""``'1.2.3'`` → ``'1.2'``; a field (``'1'``) has no parent."""
	head, _, _ = code.rpartition(".")
	return head or None


def code_sort_key(code: str) -> tuple:
	"""Natural order of codes: 1.2 < 1.10 < 2; letters after numbers (1.a after 1.9)."""
	return tuple((0, int(s), "") if s.isdigit() else (1, 0, s.casefold()) for s in code.split("."))


def code_sort_string(code: str) -> str:
	"""A string that sorts like :func:`code_sort_key`, for an ORDER BY in the database.

	>>> code_sort_string("1.10") > code_sort_string("1.9")
	True
	"""
	return ".".join(s.zfill(6) if s.isdigit() else "~" + s.casefold() for s in code.split("."))


@dataclass(eq=False)
class Node:
	"""One node of the tree: a field, a criterion or a sub-criterion."""

	code: str
	title: str = ""
	max_score: Decimal = ZERO
	rule: Rule | None = None
	is_cap: bool = False
	is_bonus: bool = False
	not_applicable_allowed: bool = False
	evidence_required: bool = False
	guidance: str = ""
	children: list[Node] = field(default_factory=list, repr=False)
	parent: Node | None = field(default=None, repr=False)

	@property
	def is_leaf(self) -> bool:
		return not self.children

	@property
	def depth(self) -> int:
		return self.code.count(".") + 1

	@property
	def is_survey(self) -> bool:
		return self.rule is not None and self.rule.kind is RuleKind.SURVEY

	@property
	def field_code(self) -> str:
		return self.code.split(".", 1)[0]


class CriteriaTree:
	"""A checked criteria tree. Build it with :meth:`build`, which raises with every problem found."""

	def __init__(self, fields: list[Node], nodes: dict[str, Node]):
		self.fields = fields
		self.nodes = nodes
		self.part_max: dict[str, dict[str, Decimal]] = {}
		self.total_max = sum((n.max_score for n in fields if not n.is_bonus), ZERO)
		for node in fields:
			self._collect_part_max(node)

	@classmethod
	def build(cls, nodes: Iterable[Node]) -> CriteriaTree:
		tree, problems = cls.check(nodes)
		raise_if(problems)
		return tree

	@classmethod
	def check(cls, nodes: Iterable[Node]) -> tuple[CriteriaTree | None, list[Problem]]:
		"""Link the nodes and list every problem; the tree is None when the shape itself is broken."""
		problems: list[Problem] = []
		by_code: dict[str, Node] = {}
		seen: set[tuple] = set()
		for node in sorted(nodes, key=lambda n: code_sort_key(n.code) if CODE_PATTERN.match(n.code) else ()):
			node.children, node.parent = [], None
			if not CODE_PATTERN.match(node.code):
				problems.append(Problem(M.BAD_CODE, (node.code,), node.code))
			elif code_sort_key(node.code) in seen:
				# 1.a and 1.A, or 1.01 and 1.1, are one code to a reader (and to the database)
				problems.append(Problem(M.DUPLICATE_CODE, (node.code,), node.code))
			else:
				seen.add(code_sort_key(node.code))
				by_code[node.code] = node
		fields = []
		for node in by_code.values():
			parent = parent_code(node.code)
			if parent is None:
				fields.append(node)
			elif parent in by_code:
				node.parent = by_code[parent]
				node.parent.children.append(node)
			else:
				problems.append(Problem(M.MISSING_PARENT, (node.code, parent), node.code))
		if not by_code and not problems:
			problems.append(Problem(M.NO_CRITERIA))
		if problems:
			return None, problems
		for node in by_code.values():
			problems += _node_problems(node)
		return cls(fields, by_code), problems

	def _collect_part_max(self, node: Node) -> dict[str, Decimal]:
		if node.is_leaf:
			parts = {SURVEY if node.is_survey else APPRAISED: node.max_score}
		else:
			parts: dict[str, Decimal] = {}
			for child in node.children:
				child_parts = self._collect_part_max(child)
				if not child.is_bonus:
					for part, value in child_parts.items():
						parts[part] = parts.get(part, ZERO) + value
			if node.is_cap and len(parts) == 1:
				parts = {next(iter(parts)): node.max_score}
		self.part_max[node.code] = parts
		return parts

	def part_maximum(self, part: str) -> Decimal:
		"""Maximum of the appraised or the survey part of the whole set."""
		return sum((self.part_max[f.code].get(part, ZERO) for f in self.fields if not f.is_bonus), ZERO)

	def __iter__(self) -> Iterator[Node]:
		"""Nodes in reading order (1, 1.1, 1.1.1, 1.1.2, 1.2, …, 2, …)."""
		stack = list(reversed(self.fields))
		while stack:
			node = stack.pop()
			yield node
			stack.extend(reversed(node.children))

	def leaves(self) -> list[Node]:
		return [n for n in self if n.is_leaf]

	def __getitem__(self, code: str) -> Node:
		return self.nodes[code]

	def __len__(self) -> int:
		return len(self.nodes)


def own_problems(node: Node) -> list[Problem]:
	"""What is wrong with the node itself, whatever its place: title, maximum, rule parameters."""
	code = node.code
	found = []
	if not (node.title or "").strip():
		found.append(Problem(M.EMPTY_TITLE, (code,), code))
	if node.max_score < 0:
		found.append(Problem(M.NEGATIVE_MAX, (code,), code))
	elif node.max_score != round2(node.max_score):
		found.append(Problem(M.MAX_DECIMALS, (code, fmt(node.max_score)), code))
	if node.rule is not None:
		rule_problems = node.rule.problems(code, node.max_score)
		found += rule_problems
		best = node.rule.best(node.max_score)
		if not rule_problems and best < node.max_score:
			found.append(Problem(M.RULE_BELOW_MAX, (code, fmt(best), fmt(node.max_score)), code))
		if node.is_survey and node.evidence_required:
			found.append(Problem(M.SURVEY_EVIDENCE, (code,), code))
	return found


def _node_problems(node: Node) -> list[Problem]:
	code = node.code
	found = own_problems(node)
	if node.is_leaf:
		if node.rule is None:
			found.append(Problem(M.LEAF_WITHOUT_RULE, (code,), code))
		return found
	if node.rule is not None:
		found.append(Problem(M.PARENT_WITH_RULE, (code,), code))
	children_sum = sum((c.max_score for c in node.children if not c.is_bonus), ZERO)
	if node.is_cap:
		if node.max_score > children_sum:
			found.append(Problem(M.CAP_ABOVE_SUM, (code, fmt(node.max_score), fmt(children_sum)), code))
		if _has_both_parts(node):
			found.append(Problem(M.CAP_MIXES_PARTS, (code,), code))
	elif node.max_score != children_sum:
		found.append(Problem(M.MAX_NOT_SUM, (code, fmt(node.max_score), fmt(children_sum)), code))
	return found


def _has_both_parts(node: Node) -> bool:
	kinds = set()
	stack = [node]
	while stack:
		current = stack.pop()
		if current.is_leaf:
			kinds.add(current.is_survey)
		stack.extend(current.children)
	return len(kinds) == 2
