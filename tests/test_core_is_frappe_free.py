"""The scoring core and the workbooks run without Frappe: no import of it, direct or hidden."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_DIRS = [ROOT / "parindex" / "scoring", ROOT / "parindex" / "workbooks"]
#: plain modules beside the core that must stay Frappe-free too
CORE_MODULES = [ROOT / "parindex" / "process.py", ROOT / "parindex" / "waiting.py"]
CORE_FILES = sorted([*(path for folder in CORE_DIRS for path in folder.rglob("*.py")), *CORE_MODULES])


def module_name(path: Path) -> str:
	parts = path.relative_to(ROOT).with_suffix("").parts
	return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def frappe_imports(source: str) -> list[str]:
	"""Every import of frappe (or a frappe submodule) in the source, wherever it stands."""
	found = []
	for node in ast.walk(ast.parse(source)):
		if isinstance(node, ast.Import):
			names = [alias.name for alias in node.names]
		elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
			names = [node.module]
		else:
			continue
		found += [name for name in names if name == "frappe" or name.startswith("frappe.")]
	return found


def test_core_files_are_found():
	names = {module_name(path) for path in CORE_FILES}
	assert {"parindex.scoring.rules", "parindex.scoring.aggregate", "parindex.workbooks.criteria"} <= names


def test_frappe_imports_are_detected():
	source = (
		"import os\ndef f():\n\tfrom frappe.utils import flt\n\timport frappe as fr\nfrom frappe_x import y\n"
	)
	assert frappe_imports(source) == ["frappe.utils", "frappe"]


@pytest.mark.parametrize("path", CORE_FILES, ids=module_name)
def test_no_frappe_import_in_source(path):
	assert frappe_imports(path.read_text(encoding="utf-8")) == []


POISONED_IMPORT = """
import importlib, sys

class NoFrappe:
	def find_spec(self, name, path=None, target=None):
		if name == "frappe" or name.startswith("frappe."):
			raise ImportError("frappe is not available to the core: " + name)
		return None

for name in [n for n in sys.modules if n == "frappe" or n.startswith("frappe.")]:
	del sys.modules[name]
sys.meta_path.insert(0, NoFrappe())
sys.path.insert(0, sys.argv[1])
for name in sys.argv[2:]:
	importlib.import_module(name)
try:
	import frappe
except ImportError:
	print("imported", len(sys.argv) - 2, "modules without frappe")
else:
	raise SystemExit("the poison did not work")
"""


def run_poisoned(*modules):
	return subprocess.run(
		[sys.executable, "-c", POISONED_IMPORT, str(ROOT), *modules],
		capture_output=True,
		text=True,
		timeout=60,
		cwd=ROOT,
	)


def test_core_imports_with_frappe_poisoned():
	modules = [module_name(path) for path in CORE_FILES]
	result = run_poisoned(*modules)
	assert result.returncode == 0, result.stderr
	assert result.stdout.strip() == f"imported {len(modules)} modules without frappe"


def test_the_poison_catches_a_frappe_import(tmp_path):
	# the check above can fail: a module importing frappe is refused under the same poison
	(tmp_path / "uses_frappe.py").write_text("import frappe\n")
	result = subprocess.run(
		[sys.executable, "-c", POISONED_IMPORT, str(tmp_path), "uses_frappe"],
		capture_output=True,
		text=True,
		timeout=60,
	)
	assert result.returncode != 0
	assert "frappe is not available to the core" in result.stderr
