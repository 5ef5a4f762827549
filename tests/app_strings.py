"""Collect the app's user-facing strings, for the translation check (no Frappe needed)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "parindex"

PY_CALL = re.compile(r"""(?<![\w.])_\(\s*(?P<q>"|')(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[),]""")
JS_CALL = re.compile(r"""__\(\s*(?P<q>"|'|`)(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[),]""")


def json_files(kind: str) -> list[Path]:
	return sorted(APP.glob(f"*/{kind}/*/*.json"))


def doctype_strings(path: Path) -> set[str]:
	doc = json.loads(path.read_text())
	found = {doc["name"]}
	for field in doc.get("fields", []):
		for key in ("label", "description"):
			if field.get(key):
				found.add(field[key])
		if field.get("fieldtype") == "Select":
			found.update(o for o in (field.get("options") or "").split("\n") if o.strip())
	return found


def workspace_strings(path: Path) -> set[str]:
	doc = json.loads(path.read_text())
	found = {doc["label"], doc["title"]}
	found.update(s["label"] for s in doc.get("shortcuts", []))
	found.update(link["label"] for link in doc.get("links", []))
	for block in json.loads(doc.get("content") or "[]"):
		text = block.get("data", {}).get("text")
		if text:
			found.add(re.sub(r"<[^>]+>", "", text))
	return found


def code_strings() -> set[str]:
	found = set()
	for path in APP.rglob("*.py"):
		if path.name.startswith("test_"):
			continue
		found.update(_unescape(m["s"]) for m in PY_CALL.finditer(path.read_text()))
	for path in APP.rglob("*.html"):
		found.update(_unescape(m["s"]) for m in PY_CALL.finditer(path.read_text()))
	for path in APP.rglob("*.js"):
		found.update(_unescape(m["s"]) for m in JS_CALL.finditer(path.read_text()))
	return found


def core_strings() -> set[str]:
	from parindex.scoring import messages
	from parindex.scoring.rules import DeadlineStatus, RuleKind
	from parindex.workbooks.criteria import GUIDE

	found = set(messages.all_templates().values())
	found.update(k.value for k in RuleKind)
	found.update(s.value for s in DeadlineStatus)
	for topic, text in GUIDE:
		found.update((topic, text))
	found.update(("appraised", "survey"))
	return found


def fixture_strings() -> set[str]:
	"""Workflow states, actions, stages and the roles that act in them (the shipped workflow)."""
	found = set()
	for path in sorted((APP / "setup" / "shipped").glob("*.json")):
		for doc in json.loads(path.read_text()):
			if doc["doctype"] == "Workflow":
				found.update(s["state"] for s in doc["states"])
				found.update(t["action"] for t in doc["transitions"])
				found.update(t["allowed"] for t in doc["transitions"])
				found.update(s["allow_edit"] for s in doc["states"])
				found.update(s["par_stage"] for s in doc["states"])
	return found


def desk_object_strings() -> set[str]:
	"""Report names, number card labels, chart names and the labels inside print formats."""
	found = set()
	for kind, key in (("report", "name"), ("number_card", "label"), ("dashboard_chart", "chart_name")):
		found.update(json.loads(p.read_text()).get(key) or "" for p in json_files(kind))
	for path in json_files("print_format"):
		html = json.loads(path.read_text()).get("html") or ""
		found.update(_unescape(m["s"]) for m in PY_CALL.finditer(html))
	return found


#: Frappe's own strings the app translates because Frappe's Vietnamese file lacks them
FRAPPE_STRINGS = {
	"You submitted this document",
	"{0} submitted this document",
	"You cancelled this document",
	"{0} cancelled this document",
	"You changed the values for {0}",
	"{0} changed the values for {1}",
	"You changed the value of {0}",
	"{0} changed the value of {1}",
	"{0} from {1} to {2} in row #{3}",
	"{0} from {1} to {2}",
	"added rows for {0}",
	"removed rows for {0}",
	"Search or type a command ({0})",
	"List View",
	"Edit Filters",
	"Tools",
	"Build",
	"Navigate to main content",
	"No new notifications",
	"This form is not editable due to a Workflow.",
	"You created this",
	"You last edited this",
	"{0} created this",
	"{0} last edited this",
	# the form's sidebar, a row being edited, the uploader, the website footer
	"Follow",
	"Tags",
	"Assigned To",
	"Attachments",
	"Show All",
	"Editing Row",
	"Ctrl + Up",
	"Ctrl + Down",
	"ESC",
	"Drag and drop files here or upload from",
	"My Device",
	"Library",
	"Set all private",
	"Set all public",
	"Built on {0}",
}


def all_strings() -> set[str]:
	found = code_strings() | core_strings() | fixture_strings() | desk_object_strings() | FRAPPE_STRINGS
	for path in json_files("doctype"):
		found |= doctype_strings(path)
	for path in json_files("workspace"):
		found |= workspace_strings(path)
	return {s for s in found if s.strip()}


def translations(lang: str = "vi") -> dict[str, str]:
	path = APP / "translations" / f"{lang}.csv"
	with path.open(newline="", encoding="utf-8") as handle:
		return {row[0]: row[1] for row in csv.reader(handle) if row}


def _unescape(text: str) -> str:
	return text.replace('\\"', '"').replace("\\'", "'").replace("\\n", "\n")
