"""Each assessment keeps its lines' shares of the maximum as two short texts, in the order of its lines:
what the unit claimed (``claimed_shares``) and the final, appraised result (``final_shares``).

Comparing a unit with its group, or with its own last year, then reads one row per unit instead of
every line of the province: 1,000 rows of text rather than 130,000 lines. The texts are written on
every save of the assessment (:func:`set_on`); whatever writes lines without a save (a bulk job, a
patch, a test) refreshes them with :func:`refresh`.

A share is the points over the line's maximum, to six significant digits; a line not reported, not
applicable (and not refused) or from the survey has none (an empty place). All assessments of a
criteria set have the same lines in the same order, so places line up across units.
"""

from __future__ import annotations

from collections import defaultdict

import frappe

from parindex.bulk import bulk_update

SEPARATOR = ";"


def encode(values) -> str:
	return SEPARATOR.join("" if v is None else f"{v:.6g}" for v in values)


def decode(text: str | None) -> list[float | None]:
	return [float(v) if v else None for v in (text or "").split(SEPARATOR)] if text else []


def _share(points, maximum) -> float | None:
	maximum = float(maximum or 0)
	return float(points or 0) / maximum if maximum > 0 else None


def of_lines(lines) -> tuple[str, str]:
	"""(claimed, final) shares of lines (documents or dicts, in their order)."""
	claimed, final = [], []
	for line in lines:
		survey = line.get("rule_kind") == "Survey"
		unit_na = bool(line.get("not_applicable"))
		reported = not survey and not unit_na and str(line.get("self_input") or "").strip()
		claimed.append(_share(line.get("self_score"), line.get("max_score")) if reported else None)
		counts = not survey and (not unit_na or line.get("na_refused"))
		final.append(_share(line.get("final_score"), line.get("max_score")) if counts else None)
	return encode(claimed), encode(final)


def set_on(doc) -> None:
	doc.claimed_shares, doc.final_shares = of_lines(doc.lines)


def columns(texts: list[str], width: int) -> list[list[float]]:
	"""The shares of many assessments, place by place: ``columns(texts, n)[i]`` holds every share
	given on the i-th line (rows of another length, from another layout, are left out)."""
	rows = [text.split(SEPARATOR) for text in texts if text]
	rows = [row for row in rows if len(row) == width]
	return [[float(v) for v in column if v] for column in zip(*rows, strict=False)] if rows else [[]] * width


def refresh(assessments: list[str]) -> None:
	"""Write both texts again from the stored lines (for writes that bypassed the save)."""
	line = frappe.qb.DocType("PAR Assessment Line")
	found = defaultdict(list)
	for start in range(0, len(assessments), 500):
		rows = (
			frappe.qb.from_(line)
			.select(
				line.parent,
				line.rule_kind,
				line.not_applicable,
				line.na_refused,
				line.self_input,
				line.self_score,
				line.final_score,
				line.max_score,
			)
			.where(line.parent.isin(assessments[start : start + 500]) & (line.parenttype == "PAR Assessment"))
			.orderby(line.parent)
			.orderby(line.idx)
			.run(as_dict=True)
		)
		for row in rows:
			found[row.parent].append(row)
	values = {}
	for name, lines in found.items():
		claimed, final = of_lines(lines)
		values[name] = {"claimed_shares": claimed, "final_shares": final}
	bulk_update("PAR Assessment", values)
