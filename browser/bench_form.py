"""Benchmark of the assessment form in headless Chromium (issue 14), as a unit's user.

1. Opening a 130-line assessment to interactive, against opening a plain Frappe form of the same size
   (a custom DocType with the same fields and the same 130 lines, no form script, no controller), both in
   one run, alternating: median of the warm opens and the first (cold) open of each. Target ≤ 1.5×.
2. User actions (clicks and key presses) to fill a field of 16 criteria: before, as free text in the
   plain form (the exact option label, "Có", a date, a number, then ↓ to the next line); after, with the
   typed controls (a list picked by its first letters, a date, a number, then Enter). Every value typed is
   checked as stored.

Needs the bench that serves the site (it prepares the data with ``bench execute`` and removes it after):

	python browser/bench_form.py --bench ~/parindex-bench --site parindex.localhost --url http://127.0.0.1:8000

(``--bench-user dev`` runs bench as that user when the script itself runs as root.)

Serve the site as production does for figures that mean something: ``bench start`` runs Frappe's
development server, which reads each child row's controller from the database on every request (about
100 ms more for a 130-line document on each workflow call). From the bench's ``sites`` folder:

	../env/bin/gunicorn -b 127.0.0.1:8001 -w 3 "frappe.app:application_with_statics()"

and pass ``--url http://<site>:8001``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from desk import Desk
from entry import FieldEntry
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROUNDS = 10
#: open a form and time it: interactive when the grid shows rows of the document just loaded (the
#: user can click a value and type), settled when no request is left (workflow actions, counts)
OPEN = """
const [doctype, name, done] = arguments;
frappe.model.remove_from_locals(doctype, name);
const start = performance.now();
let interactive = null;
frappe.set_route("Form", doctype, name);
const ready = () => {
	const frm = window.cur_frm;
	const doc = locals[doctype] && locals[doctype][name];
	const grid = frm && doc && frm.doc === doc && frm.fields_dict.lines && frm.fields_dict.lines.grid;
	const row = grid && grid.grid_rows && grid.grid_rows[0];
	if (interactive === null && row && doc.lines.includes(row.doc) && row.wrapper.is(":visible")) {
		interactive = performance.now() - start;
	}
	if (interactive !== null && frappe.request.ajax_count === 0) {
		requestAnimationFrame(() => done([interactive, performance.now() - start]));
	} else {
		setTimeout(ready, 2);
	}
};
setTimeout(ready, 0);
"""


def site_call(bench: Path, site: str, method: str, user: str | None = None):
	"""``bench execute`` on the site (as ``user`` when given: bench refuses to run as root)."""
	command = ["bench", "--site", site, "execute", method]
	if user:
		command = ["sudo", "-u", user, "-H", "bash", "-lc", f"cd {bench} && {' '.join(command)}"]
	result = subprocess.run(command, cwd=bench, capture_output=True, text=True, check=True)
	lines = [line for line in result.stdout.splitlines() if line.strip()]
	return json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None


class FormBench(Desk):
	def __init__(self, url: str, prepared: dict):
		super().__init__(url, Path("/tmp/parindex-bench-form"), {}, prepared["password"])
		self.prepared = prepared
		self.forms = {
			"app": ("PAR Assessment", prepared["assessment"]),
			"plain": (prepared["plain_doctype"], prepared["plain"]),
		}

	def open_ms(self, which: str) -> tuple[float, float]:
		"""(interactive, settled) in ms."""
		doctype, name = self.forms[which]
		self.driver.set_script_timeout(60)
		return tuple(self.driver.execute_async_script(OPEN, doctype, name))

	def settle(self) -> None:
		"""Wait for the landing page to finish its own requests."""
		self.wait.until(lambda d: d.execute_script("return frappe.request.ajax_count === 0"))
		time.sleep(2)

	def timings(self) -> dict:
		self.settle()
		times = {"app": [], "plain": []}
		cold = {which: self.open_ms(which) for which in ("plain", "app")}
		for _round in range(ROUNDS):
			for which in ("plain", "app"):  # strictly in turn: a route to the page shown reloads nothing
				time.sleep(0.3)
				times[which].append(self.open_ms(which))
		median = {
			which: tuple(statistics.median(t[i] for t in runs) for i in (0, 1))
			for which, runs in times.items()
		}
		return {"cold": cold, "median": median}

	def fill_app(self) -> tuple[int, list]:
		_doctype, name = self.forms["app"]
		self.driver.get(f"{self.url}/app/par-assessment/{name}")
		self.wait.until(
			lambda d: d.execute_script("return window.cur_frm && cur_frm.doc.name === arguments[0]", name)
		)
		time.sleep(1.5)
		entry = FieldEntry(self)
		done = entry.fill("1")
		entry.save()
		specs = self.js("return parindex.assessment.specs(cur_frm)")
		return done, specs

	def fill_plain(self, done, specs) -> int:
		"""The same values typed as free text in the plain form, ↓ to the next line."""
		doctype, name = self.forms["plain"]
		self.driver.get(f"{self.url}/app/{doctype.lower().replace(' ', '-')}/{name}")
		self.wait.until(
			lambda d: d.execute_script("return window.cur_frm && cur_frm.doc.name === arguments[0]", name)
		)
		time.sleep(1.5)
		rows = self.js(
			"return cur_frm.fields_dict.lines.grid.grid_rows.filter(r => r.doc.field_code === '1')"
			".map(r => [r.doc.name, r.doc.code])"
		)
		texts = {code: self.free_text(specs[code], done.values[code]) for _name, code in rows}
		first = self.driver.find_element(
			By.CSS_SELECTOR,
			f".grid-row[data-name='{rows[0][0]}'] .grid-static-col[data-fieldname='self_input']",
		)
		first.click()
		actions = 1
		for name, code in rows:
			self.wait.until(
				lambda d, name=name: d.execute_script(
					"const el = document.activeElement;"
					"return el && el.getAttribute('data-fieldname') === 'self_input'"
					" && el.closest('.grid-row').getAttribute('data-name') === arguments[0]",
					name,
				)
			)
			element = self.driver.switch_to.active_element
			element.send_keys(texts[code])
			element.send_keys(Keys.ARROW_DOWN)
			actions += len(texts[code]) + 1
		time.sleep(1)
		stored = self.js(
			"return Object.fromEntries(cur_frm.doc.lines.filter(l => l.field_code === '1')"
			".map(l => [l.code, l.self_input]))"
		)
		for code, text in texts.items():
			assert stored[code] == text, f"{code}: {stored[code]!r} for {text!r}"
		return actions

	def free_text(self, spec: dict, value: str) -> str:
		"""What the free-text form needed for the value: the label as shown, a date as dd/mm/yyyy."""
		if spec["control"] == "select":
			return self.js("return __(arguments[0])", value)
		if spec["control"] == "date":
			year, month, day = value.split("-")
			return f"{day}/{month}/{year}"
		point = self.js("return get_number_format_info(get_number_format()).decimal_str")
		return value.replace(".", point)


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--bench", type=Path, required=True, help="the bench directory serving the site")
	parser.add_argument("--site", required=True)
	parser.add_argument("--url", default="http://127.0.0.1:8000")
	parser.add_argument("--bench-user", help="run bench as this user (when this script runs as root)")
	args = parser.parse_args()
	prepared = site_call(args.bench, args.site, "parindex.benchmarks.form.prepare", args.bench_user)
	run = FormBench(args.url, prepared)
	results = {}

	def steps(desk: FormBench):
		desk.login(prepared["user"])
		results["open"] = desk.timings()
		done, specs = desk.fill_app()
		results["after"] = done.actions
		results["lines"] = len(done.lines)
		results["before"] = desk.fill_plain(done, specs)

	try:
		status = run.run_and_quit(steps)
	finally:
		site_call(args.bench, args.site, "parindex.benchmarks.form.cleanup", args.bench_user)
	if status:
		return status
	opened = results["open"]
	app, plain = opened["median"]["app"], opened["median"]["plain"]
	cold_app, cold_plain = opened["cold"]["app"], opened["cold"]["plain"]
	print("opening to interactive (rows shown, a value can be typed) / settled (no request left), ms:")
	print(f"  median of {ROUNDS} warm opens each, in turn:")
	print(f"    plain Frappe form, 130 lines, no app script: {plain[0]:.0f} / {plain[1]:.0f}")
	print(f"    the assessment form, 130 lines:              {app[0]:.0f} / {app[1]:.0f}")
	print(f"    ratio {app[0] / plain[0]:.2f}× / {app[1] / plain[1]:.2f}× (target ≤ 1.5×)")
	print("  first open of each after signing in (the DocType's definition is loaded too):")
	print(
		f"    plain {cold_plain[0]:.0f} / {cold_plain[1]:.0f}; assessment {cold_app[0]:.0f} / {cold_app[1]:.0f}"
	)
	print(f"    ratio {cold_app[0] / cold_plain[0]:.2f}× / {cold_app[1] / cold_plain[1]:.2f}×")
	print(f"filling a field of {results['lines']} criteria, user actions (clicks and key presses):")
	print(f"  before, free text: {results['before']}; after, typed controls: {results['after']}")
	return 0


if __name__ == "__main__":
	sys.exit(main())
