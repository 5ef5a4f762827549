"""Consistency of the app's JSON, hooks and translations, checked without Frappe."""

import ast
import csv
import json
import re

import pytest

from tests.app_strings import APP, ROOT, all_strings, json_files, translations

FRAPPE_DOCTYPES = {
	"User",
	"Role",
	"File",
	"DocType",
	"Module Def",
	"Workspace",
	"Print Format",
	"Report",
	"Workflow State",
}


def _doctypes():
	return {json.loads(p.read_text())["name"]: p for p in json_files("doctype")}


def test_every_json_file_parses():
	files = list(APP.rglob("*.json"))
	assert files, "the app ships JSON"
	for path in files:
		json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", json_files("doctype"), ids=lambda p: p.stem)
def test_doctype_json_is_consistent(path):
	doc = json.loads(path.read_text())
	modules = (APP / "modules.txt").read_text().split("\n")
	assert doc["doctype"] == "DocType"
	assert path.stem == doc["name"].lower().replace(" ", "_")
	assert doc["module"] in modules
	fieldnames = [f["fieldname"] for f in doc["fields"]]
	assert len(fieldnames) == len(set(fieldnames)), "duplicate fieldnames"
	assert doc["field_order"] == fieldnames
	controller = path.with_suffix(".py")
	assert controller.exists(), f"{doc['name']} has no controller"
	class_name = doc["name"].replace(" ", "").replace("-", "")
	classes = [n.name for n in ast.parse(controller.read_text()).body if isinstance(n, ast.ClassDef)]
	assert class_name in classes


@pytest.mark.parametrize("path", json_files("doctype"), ids=lambda p: p.stem)
def test_links_and_tables_point_to_existing_doctypes(path):
	known = set(_doctypes()) | FRAPPE_DOCTYPES
	doc = json.loads(path.read_text())
	for field in doc["fields"]:
		if field["fieldtype"] in ("Link", "Table", "Table MultiSelect"):
			assert field.get("options") in known, (
				f"{doc['name']}.{field['fieldname']} → {field.get('options')}"
			)
		if field["fieldtype"] == "Table":
			child = json.loads(_doctypes()[field["options"]].read_text())
			assert child.get("istable") == 1, f"{field['options']} is not a child table"


def test_tree_doctypes_have_nested_set_fields():
	for name, path in _doctypes().items():
		doc = json.loads(path.read_text())
		if doc.get("is_tree"):
			fields = {f["fieldname"]: f for f in doc["fields"]}
			parent = doc["nsm_parent_field"]
			assert fields[parent]["options"] == name
			assert {"lft", "rgt", "old_parent", "is_group"} <= set(fields), name


def test_workspace_links_point_to_existing_doctypes_and_reports():
	doctypes = set(_doctypes())
	reports = {json.loads(p.read_text())["name"] for p in json_files("report")}
	cards = {json.loads(p.read_text())["name"] for p in json_files("number_card")}
	charts = {json.loads(p.read_text())["name"] for p in json_files("dashboard_chart")}
	for path in json_files("workspace"):
		doc = json.loads(path.read_text())
		for target in [*doc["shortcuts"], *(link for link in doc["links"] if link["type"] == "Link")]:
			kind = target.get("type") or target.get("link_type")
			if target.get("link_type") == "Report" or target.get("type") == "Report":
				assert target["link_to"] in reports, target
			elif kind in ("DocType", "Link"):
				assert target["link_to"] in doctypes, target
		assert {c["number_card_name"] for c in doc.get("number_cards", [])} <= cards
		assert {c["chart_name"] for c in doc.get("charts", [])} <= charts
		shortcut_names = {s["label"] for s in doc["shortcuts"]}
		for block in json.loads(doc["content"]):
			if block["type"] == "shortcut":
				assert block["data"]["shortcut_name"] in shortcut_names


def test_hooks_point_to_existing_code():
	hooks = ast.parse((APP / "hooks.py").read_text())
	values = {
		node.targets[0].id: ast.literal_eval(node.value)
		for node in hooks.body
		if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
	}
	assert values["app_name"] == "parindex"
	for relative in values.get("doctype_tree_js", {}).values():
		assert (APP / relative).exists(), relative
	for path in _dotted_paths(values):
		module, _, function = path.rpartition(".")
		source = ROOT / (module.replace(".", "/") + ".py")
		assert source.exists(), path
		defined = (ast.FunctionDef, ast.ClassDef)
		names = [n.name for n in ast.parse(source.read_text()).body if isinstance(n, defined)]
		assert function in names, path


def _dotted_paths(value) -> set[str]:
	"""Every "parindex.module.function" named anywhere in the hooks (handlers, overrides, queries)."""
	if isinstance(value, str):
		python = (
			value.startswith("parindex.") and value.count(".") >= 2 and not value.endswith((".js", ".css"))
		)
		return {value} if python else set()
	if isinstance(value, dict):
		value = [*value.keys(), *value.values()]
	if isinstance(value, list | tuple):
		return set().union(*(_dotted_paths(v) for v in value)) if value else set()
	return set()


def test_translation_file_is_well_formed():
	path = APP / "translations" / "vi.csv"
	with path.open(newline="", encoding="utf-8") as handle:
		rows = list(csv.reader(handle))
	sources = [row[0] for row in rows]
	assert len(sources) == len(set(sources)), "a source string is translated twice"
	for row in rows:
		assert len(row) in (2, 3) and row[1].strip(), row
		# placeholders must survive translation
		assert sorted(re.findall(r"\{\d\}", row[0])) == sorted(re.findall(r"\{\d\}", row[1])), row


def test_every_user_facing_string_has_a_vietnamese_translation():
	vi = translations("vi")
	missing = sorted(s for s in all_strings() if re.search("[A-Za-z]", s) and s not in vi)
	assert not missing, "no Vietnamese for:\n" + "\n".join(missing)


def test_vietnamese_rule_kind_labels_match_the_translation():
	from parindex.scoring.rules import KIND_LABELS_VI

	vi = translations("vi")
	for kind, label in KIND_LABELS_VI.items():
		assert vi[kind.value] == label


def test_workbook_headers_have_vietnamese():
	from parindex.workbooks.criteria import COLUMNS

	assert all(column.vi.strip() and column.vi != column.en for column in COLUMNS)


def test_shipped_workflow_is_consistent():
	shipped = APP / "setup" / "shipped"
	workflow = json.loads((shipped / "workflow.json").read_text())[0]
	assert workflow["document_type"] in _doctypes()
	meta = json.loads(_doctypes()[workflow["document_type"]].read_text())
	assert workflow["workflow_state_field"] in {f["fieldname"] for f in meta["fields"]}
	states = {s["state"] for s in workflow["states"]}
	roles = {p["role"] for p in meta["permissions"]}
	for transition in workflow["transitions"]:
		assert {transition["state"], transition["next_state"]} <= states, transition
		assert transition["allowed"] in roles, transition
	assert states <= {doc["name"] for doc in json.loads((shipped / "workflow_state.json").read_text())}
	actions = {doc["name"] for doc in json.loads((shipped / "workflow_action_master.json").read_text())}
	assert {t["action"] for t in workflow["transitions"]} <= actions
	submitted = [s["state"] for s in workflow["states"] if s["doc_status"] == "1"]
	assert submitted == ["Approved"] and meta["is_submittable"] == 1


def test_shipped_workflow_states_carry_the_stages_the_app_knows_them_by():
	from parindex.process import SHIPPED_STATES, Stage

	workflow = json.loads((APP / "setup" / "shipped" / "workflow.json").read_text())[0]
	assert {s["state"]: Stage(s["par_stage"]) for s in workflow["states"]} == SHIPPED_STATES
	assert set(SHIPPED_STATES.values()) == set(Stage)  # every stage has a state


def test_nothing_ships_as_a_fixture():
	"""Fixtures are imported again on every migrate, overwriting what an admin changed."""
	hooks = (APP / "hooks.py").read_text()
	assert "fixtures" not in hooks
	assert not (APP / "fixtures").exists() or not list((APP / "fixtures").glob("*.json"))
