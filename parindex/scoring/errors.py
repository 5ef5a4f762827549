"""Problems found by the core, reported all at once.

A :class:`Problem` carries an English message *template* (``{0}``-style placeholders) and its arguments,
so the Frappe layer can translate the template with ``_()`` before filling it in. The core itself never
translates. Every template used by the core is a constant in :mod:`parindex.scoring.messages`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Problem:
	"""One thing wrong, tied to the criterion code at fault and, for workbooks, the row."""

	template: str
	args: tuple = ()
	code: str | None = None
	row: int | None = None

	def __str__(self) -> str:
		return self.template.format(*self.args)


class ScoringError(ValueError):
	"""Raised with every problem found, never only the first."""

	def __init__(self, problems: list[Problem] | Problem):
		self.problems = [problems] if isinstance(problems, Problem) else list(problems)
		super().__init__("; ".join(str(p) for p in self.problems))


def raise_if(problems: list[Problem]) -> None:
	if problems:
		raise ScoringError(problems)


def render(problem: Problem, translate=lambda template: template, quote=lambda text: text) -> str:
	"""The problem as a sentence, translated by ``translate`` (``frappe._`` in the app), with its row.

	``quote`` is applied to every argument that is plain text, such as a value read from a workbook or
	sent by a client: the app shortens and escapes them there before they reach a message.

	>>> problem = Problem("the column {0} needs a number, not {1}", ("Max", "<b>"), "1.2", 7)
	>>> render(problem, quote=lambda text: text.replace("<", "&lt;"))
	'Row 7: the column Max needs a number, not &lt;b>'
	"""
	args = tuple(_render_arg(a, translate, quote) for a in problem.args)
	text = translate(problem.template).format(*args)
	if problem.row is not None:
		from parindex.scoring.messages import WB_ROW

		text = translate(WB_ROW).format(problem.row, text)
	return text


def _render_arg(arg, translate, quote):
	if isinstance(arg, Problem):
		return render(arg, translate, quote)
	if isinstance(arg, Enum):
		return translate(arg.value)
	if isinstance(arg, str | list | tuple | dict | set):
		return quote(str(arg))
	return arg
