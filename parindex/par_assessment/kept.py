"""An assessment's kept line scores (``line_scores``), read for a change of a few of its lines.

The survey's write-back changes survey lines: some 15 of a province's 130. It reads each assessment's
text, decodes the survey lines only, changes some of them and writes the text back with every other
line's part as it was: the other 115 lines are never parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parindex.par_assessment.lines import CompiledSet, LineScores, decode_line, encode_line

#: each line's code: the second item of each record (records are ``name,code,…`` joined by ``;``)
_CODE = re.compile(r"(?:^|;)[^,;]*,([^,;]*)")


@lru_cache(maxsize=64)
def _positions(codes: tuple[str, ...], wanted: frozenset[str]) -> tuple[int, ...]:
	"""Where the wanted lines are, in an order of codes: the same for every assessment of a set."""
	return tuple(position for position, code in enumerate(codes) if code in wanted)


@lru_cache(maxsize=64)
def _has_the_lines(codes: tuple[str, ...], lines: frozenset[str]) -> bool:
	"""Whether an order of codes has each of the set's lines once (assessments of a set share one)."""
	return len(codes) == len(lines) and set(codes) == lines


@dataclass
class KeptScores:
	records: list[str]  # each line's part of the text, in the assessment's order
	lines: list[tuple[int, str, LineScores]]  # (position in records, line name, scores) of the lines read

	@classmethod
	def read(cls, text: str | None, compiled: CompiledSet, wanted: frozenset[str]) -> KeptScores | None:
		"""The text's lines, those of the ``wanted`` codes decoded; None when there is no text or it
		does not have the set's lines (written before the text was kept, or before the set changed).

		Assessments keep their lines in the set's order: then only the wanted lines are looked at, each
		where the set has it. Lines in another order are found by their codes."""
		if not text:
			return None
		records = text.split(";")
		order = compiled.line_order
		if len(records) == len(order):
			lines = []
			for position in _positions(order, wanted):
				name, row = decode_line(records[position])
				if row.code != order[position]:
					break
				lines.append((position, name, row))
			else:
				return cls(records, lines)
		codes = tuple(_CODE.findall(text))
		if len(codes) != len(records) or not _has_the_lines(codes, compiled.line_codes):
			return None
		return cls(records, [(p, *decode_line(records[p])) for p in _positions(codes, wanted)])

	@classmethod
	def of_rows(cls, rows: list[tuple[str, LineScores]], wanted: frozenset[str]) -> KeptScores:
		"""The same, from the lines themselves (where the text was missing)."""
		records = [encode_line(name, row) for name, row in rows]
		lines = [(position, name, row) for position, (name, row) in enumerate(rows) if row.code in wanted]
		return cls(records, lines)

	def set(self, number: int, row: LineScores) -> None:
		"""Give the ``number``-th of :attr:`lines` new scores."""
		position, name, _old = self.lines[number]
		self.lines[number] = (position, name, row)
		self.records[position] = encode_line(name, row)

	def rows(self) -> list[LineScores]:
		"""The scores of the lines read."""
		return [row for _position, _name, row in self.lines]

	def text(self) -> str:
		return ";".join(self.records)
