"""The PAR Index scoring method in plain Python: no Frappe here, ever.

Modules, in the order of the method:

* :mod:`~parindex.scoring.numbers` — exact decimals and the rounding rule;
* :mod:`~parindex.scoring.rules` — rule kinds turning a unit's report into points;
* :mod:`~parindex.scoring.rule_text` — rule parameters as one line of text (criteria workbook);
* :mod:`~parindex.scoring.tree` — the criteria tree and its checks;
* :mod:`~parindex.scoring.aggregate` — totals, not-applicable handling, parts, sub-indices, index;
* :mod:`~parindex.scoring.survey` — survey answers to points;
* :mod:`~parindex.scoring.ranking` — ranking with ties and classification bands;
* :mod:`~parindex.scoring.simulate` — what lifts a unit's rank: gains, the next rank and band.
"""

from parindex.scoring.aggregate import NOT_APPLICABLE, Aggregator, Result, Total, aggregate, index_of
from parindex.scoring.errors import Problem, ScoringError
from parindex.scoring.numbers import round2, to_decimal
from parindex.scoring.ranking import ClassBand, Ranked, band_problems, classify, rank
from parindex.scoring.rules import (
	Band,
	Deadline,
	Deduction,
	Manual,
	Option,
	Options,
	Proportional,
	RuleKind,
	RuleSpec,
	Survey,
	Thresholds,
	YesNo,
)
from parindex.scoring.tree import CriteriaTree, Node

__all__ = [
	"NOT_APPLICABLE",
	"Aggregator",
	"Band",
	"ClassBand",
	"CriteriaTree",
	"Deadline",
	"Deduction",
	"Manual",
	"Node",
	"Option",
	"Options",
	"Problem",
	"Proportional",
	"Ranked",
	"Result",
	"RuleKind",
	"RuleSpec",
	"ScoringError",
	"Survey",
	"Thresholds",
	"Total",
	"YesNo",
	"aggregate",
	"band_problems",
	"classify",
	"index_of",
	"rank",
	"round2",
	"to_decimal",
]
