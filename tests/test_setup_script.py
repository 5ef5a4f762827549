"""scripts/setup-demo.sh: its options are documented, and bad input stops it before it does anything."""

import os
import re
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "setup-demo.sh"


def run(*args: str) -> subprocess.CompletedProcess:
	return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, timeout=30)


def test_help_documents_every_option_the_script_reads():
	parsed = set(re.findall(r"^\t(--[a-z-]+)(?: \| -h)?\)", SCRIPT.read_text(), re.M))
	assert {"--bench-dir", "--site", "--frappe-path", "--no-start"} <= parsed
	shown = run("--help")
	assert shown.returncode == 0
	for option in parsed:
		assert option in shown.stdout, option


def test_an_unknown_option_is_refused_with_the_help():
	refused = run("--frappe-pth", "/srv/frappe")
	assert refused.returncode == 2
	assert "Unknown option: --frappe-pth" in refused.stderr
	assert "--frappe-path" in refused.stderr + refused.stdout


def test_root_or_a_bad_site_name_stops_it_before_any_step():
	stopped = run("--site", "Sở Nội vụ")
	assert stopped.returncode == 1
	expected = "not as root" if os.geteuid() == 0 else "may hold only a-z"
	assert expected in stopped.stderr
	assert "==>" not in stopped.stdout  # no step was started
