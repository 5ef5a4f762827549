"""Rule parameters written as one line of text, as in the criteria workbook.

Items are separated by ``;`` (or new lines); numbers take a decimal point or a decimal comma.

==============  ==========================================================  =======================
kind            parameters                                                  example
==============  ==========================================================  =======================
Manual          ``step`` (optional)                                         ``step=0.25``
Options         one ``label=points`` per option                             ``On time=1; Late=0.5; Not issued=0``
Thresholds      one ``band=points`` per band; a band is ``>x``, ``>=x``,     ``>90=2; 70..90=1; <70=0``
                ``<x``, ``<=x``, both (``>=70 <90``), ``a..b`` (both ends
                included) or ``*`` (any value)
Proportional    ``cap``: rate (%) earning the maximum (default 100);      ``cap=80; floor=50``
                ``floor``: rate below which no point (optional)
Deadline        ``on_time`` (default: the max), ``late``, ``not_done``      ``on_time=1; late=0.5; due=2024-12-31``
                (default 0), ``due`` (optional date)
Yes/No          ``yes`` (default: the max), ``no`` (default 0)               ``yes=1; no=0``
Deduction       ``per`` (required), ``floor`` (default 0; negative only   ``per=0.25; floor=0``
                for a penalty criterion of maximum 0)
Survey          none                                                        (empty)
==============  ==========================================================  =======================

Vietnamese parameter names are accepted too (``bước``, ``sàn``, ``trần``, ``đúng hạn``, ``chậm``,
``không thực hiện``, ``hạn``, ``có``, ``không``, ``mỗi lần``). :func:`format_rule` writes the English
names, or the Vietnamese ones with ``lang="vi"``, and ``parse_rule(format_rule(spec))`` gives the same spec
back in either language.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from parindex.scoring import messages as M
from parindex.scoring.errors import Problem
from parindex.scoring.numbers import fmt, to_decimal
from parindex.scoring.rules import KIND_PARAMETERS, Band, Option, RuleKind, RuleSpec, parse_date

ALIASES = {
	"bước": "step",
	"sàn": "floor",
	"tối thiểu": "floor",
	"trần": "cap",
	"tối đa": "cap",
	"đúng hạn": "on_time",
	"on time": "on_time",
	"chậm": "late",
	"trễ hạn": "late",
	"không thực hiện": "not_done",
	"not done": "not_done",
	"hạn": "due",
	"có": "yes",
	"không": "no",
	"mỗi lần": "per",
}
#: the name each parameter is written with in Vietnamese
VI_NAMES = {
	"step": "bước",
	"floor": "sàn",
	"cap": "trần",
	"on_time": "đúng hạn",
	"late": "chậm",
	"not_done": "không thực hiện",
	"due": "hạn",
	"yes": "có",
	"no": "không",
	"per": "mỗi lần",
}

EXAMPLES = {
	RuleKind.MANUAL: "step=0.25",
	RuleKind.PROPORTIONAL: "cap=80; floor=50",
	RuleKind.DEADLINE: "on_time=1; late=0.5; not_done=0; due=2024-12-31",
	RuleKind.YES_NO: "yes=1; no=0",
	RuleKind.DEDUCTION: "per=0.25; floor=0",
	RuleKind.OPTIONS: "On time=1; Late=0.5",
}

_BOUND = re.compile(r"^(>=|<=|>|<|≥|≤)\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*%?$")
_RANGE = re.compile(r"^(-?[0-9]+(?:[.,][0-9]+)?)\s*%?\s*\.\.\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*%?$")


def _items(text: str) -> list[str]:
	return [item.strip() for item in re.split(r"[;\n]", text or "") if item.strip()]


def _split(item: str) -> tuple[str, str] | None:
	key, sep, value = item.rpartition("=")
	if not sep or not key.strip() or not value.strip():
		return None
	return key.strip(), value.strip()


def parse_band(text: str) -> Band | None:
	"""``'>90'``, ``'>=70 <90'``, ``'70..90'``, ``'*'`` → a band with points 0 (set by the caller)."""
	text = text.strip().replace("≥", ">=").replace("≤", "<=")
	if text == "*":
		return Band(Decimal(0))
	if match := _RANGE.match(text):
		return Band(Decimal(0), to_decimal(match[1]), True, to_decimal(match[2]), True)
	lower = upper = None
	lower_inclusive, upper_inclusive = True, False
	parts = re.findall(r"(?:>=|<=|>|<)\s*-?[0-9]+(?:[.,][0-9]+)?\s*%?", text)
	if not parts or "".join(parts).replace(" ", "") != text.replace(" ", ""):
		return None
	for part in parts:
		match = _BOUND.match(part.strip())
		if not match:
			return None
		operator, value = match[1], to_decimal(match[2])
		if operator.startswith(">"):
			if lower is not None:
				return None
			lower, lower_inclusive = value, operator == ">="
		else:
			if upper is not None:
				return None
			upper, upper_inclusive = value, operator == "<="
	return Band(Decimal(0), lower, lower_inclusive, upper, upper_inclusive)


def parse_rule(kind: RuleKind, text: str, code: str) -> tuple[RuleSpec, list[Problem]]:
	"""Read the parameter text of a rule; every problem names the criterion code."""
	problems: list[Problem] = []
	items = _items(text)
	if kind is RuleKind.OPTIONS:
		options = []
		for item in items:
			pair = _split(item)
			points = _to_number(pair[1]) if pair else None
			if pair is None or points is None:
				problems.append(Problem(M.PARAM_SYNTAX, (code, item, EXAMPLES[kind]), code))
				continue
			options.append(Option(pair[0], points))
		return RuleSpec(kind, options=tuple(options)), problems
	if kind is RuleKind.THRESHOLDS:
		bands = []
		for item in items:
			pair = _split(item.replace(">=", "≥").replace("<=", "≤"))
			band = parse_band(pair[0]) if pair else None
			points = _to_number(pair[1]) if pair else None
			if band is None or points is None:
				problems.append(Problem(M.PARAM_BAND, (code, item), code))
				continue
			bands.append(Band(points, band.lower, band.lower_inclusive, band.upper, band.upper_inclusive))
		return RuleSpec(kind, bands=tuple(bands)), problems
	params: dict = {}
	allowed = KIND_PARAMETERS[kind]
	for item in items:
		pair = _split(item)
		if pair is None:
			problems.append(Problem(M.PARAM_SYNTAX, (code, item, EXAMPLES.get(kind, "")), code))
			continue
		key = pair[0].casefold()
		key = ALIASES.get(key, key)
		if key in params:
			problems.append(Problem(M.PARAM_REPEATED, (code, pair[0]), code))
		elif key not in allowed:
			problems.append(Problem(M.PARAM_UNKNOWN, (code, pair[0], kind), code))
		elif key == "due":
			if (due := parse_date(pair[1])) is None:
				problems.append(Problem(M.PARAM_DATE, (code, pair[0], pair[1]), code))
			else:
				params[key] = due
		elif (number := _to_number(pair[1])) is None:
			problems.append(Problem(M.PARAM_NUMBER, (code, pair[0], pair[1]), code))
		else:
			params[key] = number
	return RuleSpec(kind, params=params), problems


def format_rule(spec: RuleSpec, lang: str = "en") -> str:
	"""The text of a rule's parameters, with English or Vietnamese parameter names."""
	if spec.kind is RuleKind.OPTIONS:
		return "; ".join(f"{o.label}={fmt(o.points)}" for o in spec.options)
	if spec.kind is RuleKind.THRESHOLDS:
		return "; ".join(f"{b.describe()}={fmt(b.points)}" for b in spec.bands)
	parts = []
	for key in KIND_PARAMETERS[spec.kind]:
		value = spec.params.get(key)
		if value is None:
			continue
		name = VI_NAMES[key] if lang == "vi" else key
		if isinstance(value, datetime.date):
			text = value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()
		else:
			text = fmt(value)
		parts.append(f"{name}={text}")
	return "; ".join(parts)


def _to_number(text: str) -> Decimal | None:
	try:
		return to_decimal(text)
	except ValueError:
		return None
