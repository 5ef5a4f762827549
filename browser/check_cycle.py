"""The yearly cycle in a real browser (headless Chromium), with a screenshot of each step.

Against a demo site (``bench --site demo.localhost execute parindex.demo.province.load``) served on
``--url``: a unit user fills criteria and attaches evidence; the unit head submits; an appraiser appraises
and asks for an explanation; the unit explains; the appraiser finishes; the council approves; the Ranking
report shows the unit; then the main pages, as a unit user and as the manager, must show no English.
Each demo can be checked three times: for Sở Nội vụ (``--unit noivu``), Sở Tư pháp (``tuphap``) and Xã An Bình (``anbinh``).
Uses the distribution's chromium and chromedriver (no browser download):

	python browser/check_cycle.py --url http://127.0.0.1:8000 --out docs/screenshots/cycle
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from desk import Desk
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

PASSWORD = "Demo@2025"
#: the demo's departments whose users start this year's cycle (each can be checked once per demo)
UNITS = {"noivu": "Sở Nội vụ", "tuphap": "Sở Tư pháp", "anbinh": "Xã An Bình"}
USERS = {
	"appraiser": "thamdinh1@demo.parindex.vn",
	"council": "hoidong@demo.parindex.vn",
	"manager": "quantri@demo.parindex.vn",
}

#: the pages a demo user meets first (the cycle's assessment and criteria set are added)
MAIN_PAGES = [
	"/app/par-index",
	"/app/par-assessment",
	"/app/par-criteria-set",
	"/app/par-survey",
	"/app/par-unit",
	"/app/query-report/PAR Ranking",
	"/app/query-report/PAR Progress",
]
#: visible text with an English word: Latin letters only, no Vietnamese letter; in the page and in
#: placeholders (hidden, transparent, off-screen, screen-reader-only and <option> text is left out)
ENGLISH_TEXT = r"""
const found = new Set();
const english = t => /[A-Za-z]{3,}/.test(t) && !/[À-ỹĐđ]/.test(t);
const shown = el => {
	if (!el || el.closest("option, select, script, style, .sr-only, .visually-hidden, .hidden")) return false;
	const box = el.getBoundingClientRect(), style = getComputedStyle(el);
	return box.width > 2 && box.height > 2 && box.right > 0 && box.bottom > 0
		&& style.visibility !== "hidden" && style.opacity !== "0";
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
	const text = walker.currentNode.textContent.replace(/\s+/g, " ").trim();
	if (english(text) && shown(walker.currentNode.parentElement)) found.add(text);
}
document.querySelectorAll("input[placeholder], textarea[placeholder]").forEach(el => {
	if (english(el.placeholder) && shown(el)) found.add(el.placeholder.trim());
});
return [...found];
"""
#: not English: document names and codes, file names and paths, e-mail addresses, the Administrator's
#: name, file types, initials, numbers, Vietnamese words without diacritics, and "null", which
#: Frappe's timeline writes for a value that was empty before a change
ALLOWED = re.compile(
	r"(?:[A-Z]{2,}-[\w.-]+…?|[\w.+-]+@[\w.-]+|[\w.@+-]+…|/?[\w/.-]+\.(?:txt|pdf|xlsx|docx|png)"
	r"|null|Administrator|Excel|PDF|xlsx|Website|Email|ID|CCHC|STT|Theo|[A-Z][a-z]?|[\d\W]+)"
)


class Cycle(Desk):
	def __init__(self, url: str, out: Path, unit: str = "noivu"):
		self.unit = UNITS[unit]
		users = {
			**USERS,
			"unit": f"canbo.{unit}@demo.parindex.vn",
			"head": f"lanhdao.{unit}@demo.parindex.vn",
		}
		super().__init__(url, out, users, PASSWORD)

	def open_assessment(self) -> None:
		self.driver.get(f"{self.url}/app/par-assessment/{self.name}")
		self.wait.until(
			lambda d: d.execute_script(
				"return window.cur_frm && cur_frm.doc && cur_frm.doc.name === arguments[0] && !cur_frm.is_dirty()",
				self.name,
			)
		)
		time.sleep(1)

	def set_line(self, code: str, field: str, value) -> None:
		self.js(
			"const row = cur_frm.doc.lines.find(l => l.code === arguments[0]);"
			"frappe.model.set_value(row.doctype, row.name, arguments[1], arguments[2]);",
			code,
			field,
			value,
		)

	def save(self) -> None:
		self.driver.find_element(By.CSS_SELECTOR, ".page-actions .primary-action").click()
		self.wait.until(lambda d: d.execute_script("return !cur_frm.is_dirty() && !cur_frm.save_disabled"))
		time.sleep(1.5)
		self.check_no_error()

	def check_no_error(self) -> None:
		errors = self.js("return $('.modal.show .msgprint, .modal.show .modal-body').text()")
		if errors and errors.strip():
			raise AssertionError(f"the desk showed: {errors.strip()[:300]}")

	def action(self, label: str) -> None:
		"""Click a workflow action in the Actions menu (label as the user sees it)."""
		self.open_assessment()
		button = self.wait.until(
			EC.element_to_be_clickable(
				(
					By.XPATH,
					"//div[contains(@class,'page-actions')]//button[contains(@class,'btn-primary') and contains(., 'thao tác')]",
				)
			)
		)
		button.click()
		item = self.wait.until(
			EC.element_to_be_clickable(
				(
					By.XPATH,
					f"//div[contains(@class,'page-actions')]//a[contains(@class,'dropdown-item')][normalize-space(.)='{label}']",
				)
			)
		)
		item.click()
		confirm = self.driver.find_elements(By.CSS_SELECTOR, ".modal.show .btn-primary")
		if confirm:
			confirm[-1].click()
		time.sleep(3)
		self.check_no_error()

	def state(self) -> str:
		self.open_assessment()
		return self.js("return cur_frm.doc.workflow_state")

	def run(self) -> None:
		print("unit user fills criteria and attaches evidence")
		self.login("unit")
		self.name = self.call(
			"frappe.client.get_value",
			{
				"doctype": "PAR Assessment",
				"filters": {"unit": self.unit, "docstatus": 0},
				"fieldname": "name",
			},
		)["name"]
		self.open_assessment()
		self.shot("unit-opens-its-assessment")
		codes = self.js("return cur_frm.doc.lines.filter(l => l.rule_kind === 'Yes/No').map(l => l.code)")
		for code in codes[:2]:
			self.set_line(code, "self_input", "Có")
		uploaded = self.driver.execute_async_script(
			"const done = arguments[arguments.length - 1];"
			"const form = new FormData();"
			"form.append('file', new Blob(['Quyết định ban hành kế hoạch CCHC'], {type: 'text/plain'}), 'ke-hoach-cchc.txt');"
			"form.append('is_private', 1); form.append('doctype', 'PAR Assessment'); form.append('docname', cur_frm.doc.name);"
			"fetch('/api/method/upload_file', {method: 'POST', body: form, headers: {'X-Frappe-CSRF-Token': frappe.csrf_token}})"
			".then(r => r.json()).then(r => done(r.message.file_url), () => done(null));"
		)
		first = self.js("return cur_frm.doc.lines.find(l => l.evidence_required).code")
		self.js(
			"const row = frappe.model.add_child(cur_frm.doc, 'PAR Evidence', 'evidence');"
			"row.criterion_code = arguments[0]; row.file = arguments[1]; row.description = 'Kế hoạch CCHC năm';"
			"cur_frm.refresh_field('evidence'); cur_frm.dirty();",
			first,
			uploaded,
		)
		self.save()
		self.shot("unit-saved-with-evidence")

		print("unit head submits")
		self.login("head")
		self.action("Gửi thẩm định")
		assert self.state() == "Submitted", self.state()
		self.shot("head-submitted")

		print("appraiser appraises and asks for an explanation")
		self.login("appraiser")
		self.action("Bắt đầu thẩm định")
		self.open_assessment()
		code = self.js(
			"return cur_frm.doc.lines.find(l => l.field_code === '1' && l.rule_kind !== 'Survey').code"
		)
		self.set_line(code, "explanation_requested", 1)
		self.set_line(code, "appraiser_remark", "Đề nghị làm rõ thời điểm ban hành kế hoạch.")
		self.save()
		self.action("Yêu cầu giải trình")
		assert self.state() == "Explanation Requested", self.state()
		self.shot("appraiser-asked-for-an-explanation")

		print("unit explains")
		self.login("unit")
		self.open_assessment()
		self.set_line(code, "explanation", "Kế hoạch ban hành ngày 20/12, kèm văn bản.")
		self.save()
		self.login("head")
		self.action("Gửi giải trình")
		assert self.state() == "Explained", self.state()
		self.shot("unit-explained")

		print("appraiser finishes, council approves")
		self.login("appraiser")
		self.action("Hoàn thành thẩm định")
		assert self.state() == "Appraised", self.state()
		self.login("council")
		self.action("Phê duyệt")
		assert self.state() == "Approved", self.state()
		self.shot("council-approved")

		print("the Ranking report shows the unit")
		self.login("manager")
		criteria_set = self.call(
			"frappe.client.get_value",
			{"doctype": "PAR Assessment", "filters": {"name": self.name}, "fieldname": "criteria_set"},
		)["criteria_set"]
		self.driver.get(f"{self.url}/app/query-report/PAR Ranking?criteria_set={criteria_set}&source=Live")
		# the filters come from the address after the page has loaded: run the report once they are set
		self.wait.until(
			lambda d: d.execute_script(
				"return !!(window.frappe && frappe.query_report && frappe.query_report.get_filter_value"
				" && frappe.query_report.get_filter_value('criteria_set'))"
			)
		)
		self.js("frappe.query_report.refresh()")
		self.wait.until(lambda d: self.unit in d.find_element(By.TAG_NAME, "body").text)
		self.shot("ranking-shows-the-unit")
		print("the whole cycle passed")

		print("the main pages show no English")
		english = {}
		for who in ("unit", "manager"):
			self.login(who)
			for page in [
				*MAIN_PAGES,
				f"/app/par-assessment/{self.name}",
				f"/app/par-criteria-set/{criteria_set}",
			]:
				self.driver.get(self.url + page)
				time.sleep(5)
				for text in self.js(ENGLISH_TEXT):
					if not ALLOWED.fullmatch(text):
						english.setdefault(text, f"{who} {page}")
		self.login("manager")
		self.driver.get(f"{self.url}/app/par-index")
		self.wait.until(lambda d: "Bản nháp" in d.find_element(By.TAG_NAME, "body").text)
		self.shot("workspace")
		assert not english, "English on the main pages: " + "; ".join(
			f"{t!r} ({p})" for t, p in english.items()
		)
		print("no English found")


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--url", default="http://127.0.0.1:8000")
	parser.add_argument("--out", default="docs/screenshots/cycle", type=Path)
	parser.add_argument(
		"--unit",
		default="noivu",
		choices=sorted(UNITS),
		help="whose cycle: Sở Nội vụ, Sở Tư pháp or Xã An Bình",
	)
	args = parser.parse_args()
	return Cycle(args.url, args.out, args.unit).run_and_quit(Cycle.run)


if __name__ == "__main__":
	sys.exit(main())
