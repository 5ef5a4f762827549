"""The yearly cycle in a real browser (headless Chromium), with a screenshot of each step.

Against a demo site (``bench --site demo.localhost execute parindex.demo.province.load``) served on
``--url``: the unit's official enters the field still open with the keyboard, through the control of
each rule kind (a free-text box for a typed value fails the check), sees progress and points move, and
attaches evidence on two lines from their own rows; the unit head submits; an appraiser appraises and
asks for an explanation; the unit explains; each of the two appraisers signs off their own fields
(Finish is refused after the first, in Vietnamese, and taken after the second); the council approves;
the Ranking report shows the unit. Any English shown on the way fails the check, and so does English on the pages
each of the five roles opens from the workspace (with the user menu and the notifications open).
Each demo can be checked three times: for Sở Nội vụ (``--unit noivu``), Sở Tư pháp (``tuphap``) and Xã An Bình (``anbinh``).
Uses the distribution's chromium and chromedriver (no browser download):

	python browser/check_cycle.py --url http://127.0.0.1:8000 --out docs/screenshots/cycle
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from desk import Desk
from english import EnglishLog
from entry import FieldEntry
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

PASSWORD = "Demo@2025"
#: the demo's departments whose users start this year's cycle (each can be checked once per demo)
UNITS = {"noivu": "Sở Nội vụ", "tuphap": "Sở Tư pháp", "anbinh": "Xã An Bình"}
USERS = {
	"appraiser": "thamdinh1@demo.parindex.vn",  # fields 1–4
	"appraiser2": "thamdinh2@demo.parindex.vn",  # fields 5–8
	"council": "hoidong@demo.parindex.vn",
	"manager": "quantri@demo.parindex.vn",
}


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

	def action(self, label: str, shot: str | None = None) -> None:
		"""Click a workflow action in the Actions menu (label as the user sees it); ``shot`` takes a
		screenshot of the open menu first."""
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
		if shot:
			self.shot(shot)
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

	def sign_off_my_fields(self) -> list[str]:
		"""Click "Xác nhận lĩnh vực" on each field the panel offers the signed-in appraiser."""
		self.open_assessment()
		signed = []
		while True:
			buttons = self.driver.find_elements(By.CSS_SELECTOR, ".par-appraisal .par-sign[data-undo='0']")
			if not buttons:
				break
			field = buttons[0].get_attribute("data-field")
			assert buttons[0].text.strip() == "Xác nhận lĩnh vực", buttons[0].text
			buttons[0].click()
			self.wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".modal.show .btn-primary"))).click()
			self.wait.until(
				lambda d, f=field: d.execute_script(
					"return (cur_frm.doc.field_results || []).some(r => r.field_code === arguments[0]"
					" && r.appraisal_status === 'Signed off')",
					f,
				)
			)
			time.sleep(1)
			self.check_no_error()
			signed.append(field)
		assert signed, "no field to sign off was offered"
		return signed

	def refused_action(self, label: str) -> str:
		"""Click a workflow action expected to be refused; the message the desk shows."""
		try:
			self.action(label)
		except AssertionError as shown:
			text = str(shown)
			self.js("$('.modal.show').modal('hide')")
			time.sleep(1)
			return text
		raise AssertionError(f"{label} was not refused")

	def state(self) -> str:
		self.open_assessment()
		return self.js("return cur_frm.doc.workflow_state")

	def run(self) -> None:
		self.english = EnglishLog(self)
		self.enter_and_attach()
		self.simulate()

		print("unit head submits")
		self.login("head")
		self.action("Gửi thẩm định")
		assert self.state() == "Submitted", self.state()
		self.english.scan("the submitted assessment")
		self.shot("head-submitted")

		print("appraiser appraises and asks for an explanation")
		self.login("appraiser")
		self.action("Bắt đầu thẩm định")
		self.open_assessment()
		seen = FieldEntry(self, self.english).no_free_text("appraised_input")
		print(
			f"  the appraiser's column of the {seen} lines has a list, a date or a number for each typed value"
		)
		self.open_assessment()
		code = self.js(
			"return cur_frm.doc.lines.find(l => l.field_code === '1' && l.rule_kind !== 'Survey').code"
		)
		self.set_line(code, "explanation_requested", 1)
		self.set_line(code, "appraiser_remark", "Đề nghị làm rõ thời điểm ban hành kế hoạch.")
		self.save()
		self.action("Yêu cầu giải trình")
		assert self.state() == "Explanation Requested", self.state()
		self.english.scan("the appraiser's form")
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

		print("each appraiser signs off their own fields; Finish waits for both")
		self.login("appraiser")
		signed = self.sign_off_my_fields()
		print(f"  thamdinh1 signed off fields {', '.join(signed)}")
		self.shot("appraiser-1-signed-off")
		refusal = self.refused_action("Hoàn thành thẩm định")
		assert "chưa được xác nhận" in refusal, refusal
		assert self.state() == "Explained", self.state()
		print(f"  Finish refused: {refusal[:120]}")
		self.login("appraiser2")
		signed = self.sign_off_my_fields()
		print(f"  thamdinh2 signed off fields {', '.join(signed)}")
		self.action("Hoàn thành thẩm định")
		assert self.state() == "Appraised", self.state()
		left = self.js("return cur_frm.doc.unappraised_lines")
		assert left == 0, left
		self.english.scan("the appraised assessment")
		self.shot("appraised-every-field-signed-off")

		print("council approves")
		self.login("council")
		self.action("Phê duyệt")
		assert self.state() == "Approved", self.state()
		self.english.scan("the approved assessment")
		self.shot("council-approved")

		print("the Ranking report shows the unit")
		self.login("manager")
		self.criteria_set = self.call(
			"frappe.client.get_value",
			{"doctype": "PAR Assessment", "filters": {"name": self.name}, "fieldname": "criteria_set"},
		)["criteria_set"]
		self.driver.get(
			f"{self.url}/app/query-report/PAR Ranking?criteria_set={self.criteria_set}&source=Live"
		)
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

		self.public_results()
		self.scan_pages()
		self.english.check()
		print("no English found")

	def enter_and_attach(self) -> None:
		"""The unit's official enters the open field with the keyboard and attaches evidence on two lines."""
		print("unit user enters a field with the keyboard and attaches evidence on two lines")
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
		self.english.scan("the unit's assessment")
		self.shot("unit-opens-its-assessment")
		entry = FieldEntry(self, self.english)
		seen = entry.no_free_text()
		print(f"  every typed line of the {seen} shown has a list, a date or a number")
		self.open_assessment()
		field = self.js("return parindex.assessment.first_field(cur_frm)")
		before = entry.progress()
		done = entry.fill(field)
		after = entry.progress()
		print(f"  field {field}: {len(done.lines)} lines entered in {done.actions} actions (clicks and keys)")
		assert after.entered == before.entered + len(done.lines), (before, after)
		assert after.totals != before.totals, f"the points did not move: {after.totals}"
		print(f"  progress {before.entered}/{before.total} → {after.entered}/{after.total}; {after.totals}")
		self.english.scan("the field entered")
		self.show(".par-entry-panel")
		self.shot("unit-entered-a-field")
		entry.save()
		self.check_no_error()

		waiting = self.js("return $('.par-jump').map((i, a) => $(a).attr('data-code')).get()")
		assert len(waiting) == 2 and after.lacking == 2, f"lines waiting for evidence: {waiting}"
		folder = Path("/tmp/parindex-browser-files")
		folder.mkdir(exist_ok=True)
		files = []
		key = next(k for k, unit in UNITS.items() if unit == self.unit)
		for name, text in (
			(f"ke-hoach-cai-cach-nam-{key}.txt", "Kế hoạch cải cách hành chính năm"),
			(f"bao-cao-quy-i-{key}.txt", "Báo cáo kết quả quý I"),
			(f"bao-cao-quy-ii-{key}.txt", "Báo cáo kết quả quý II"),
		):
			# content of its own: the desk would otherwise hand back a file of the same content
			# uploaded before (Frappe keeps one file per content)
			stamp = time.strftime("%Y-%m-%d %H:%M:%S")
			(folder / name).write_text(f"{text} — {self.unit}, {stamp}", encoding="utf-8")
			files.append(folder / name)
		entry.attach(waiting[0], files[:1])
		entry.attach(waiting[1], files[1:])
		final = entry.progress()
		assert final.lacking == 0 and final.entered == final.total, final
		print(f"  evidence on {waiting[0]} (1 file) and {waiting[1]} (2 files): {final}")
		self.show(".par-entry-panel")
		self.shot("unit-attached-evidence")

	def simulate(self) -> None:
		"""The unit's official asks what lifts the unit's rank, then tries a value without saving."""
		print("unit user opens What lifts our rank and tries a value")
		self.open_assessment()
		modified = self.js("return cur_frm.doc.modified")
		self.driver.find_element(By.XPATH, "//button[normalize-space()='Mô phỏng nâng hạng']").click()
		self.wait.until(
			lambda d: "Hiện tại" in self.js("return cur_dialog ? cur_dialog.$wrapper.text() : ''")
		)
		text = self.js("return cur_dialog.$wrapper.text()")
		assert "Điểm có thể tăng" in text, text[:300]
		assert "hạng " not in text.split("Hiện tại")[1].split("\n")[0], "a rank before publication"
		self.english.scan("the simulator")
		self.shot("unit-what-lifts-our-rank")
		before = self.js("return cur_dialog.$wrapper.find('.parindex-sim-now').text()")
		# the first criterion on offer whose value is a number: its best value
		code, value = self.js(
			"const codes = cur_dialog.$wrapper.find('.parindex-sim-table tbody tr td:first-child')"
			".map((i, td) => $(td).text()).get();"
			"const best = {Proportional: '100', Thresholds: '100'};"
			"for (const code of codes) {"
			"  const line = cur_frm.doc.lines.find(l => l.code === code);"
			"  if (best[line.rule_kind]) return [code, best[line.rule_kind]];"
			"  if (line.rule_kind === 'Manual') return [code, String(line.max_score)];"
			"}"
			"return [null, null];"
		)
		assert code, "no numeric criterion on offer"
		self.js(
			"const grid = cur_dialog.fields_dict.values.grid;"
			"grid.df.data.push({code: arguments[0], value: arguments[1]}); grid.refresh();",
			code,
			value,
		)
		self.js("cur_dialog.get_primary_btn().click()")
		self.wait.until(lambda d: "đang thử" in self.js("return cur_dialog.$wrapper.text()"))
		after = self.js("return cur_dialog.$wrapper.find('.parindex-sim-now').text()")
		print(f"  now: {' '.join(before.split())} → with {code} = {value}: {' '.join(after.split())}")
		self.shot("unit-tried-a-value")
		self.js("cur_dialog.hide()")
		assert self.js("return cur_frm.doc.modified") == modified, "the simulation saved something"

	def public_results(self) -> None:
		"""The public results page, as anyone on a phone: the published rankings, one group, one unit."""
		print("the public results page on a phone, signed out")
		self.driver.delete_all_cookies()
		self.driver.set_window_size(390, 844)
		try:
			self.driver.get(f"{self.url}/ket-qua")
			body = self.driver.find_element(By.TAG_NAME, "body")
			assert "Kết quả Chỉ số cải cách hành chính" in body.text, body.text[:300]
			self.english.scan("the public results page")
			self.shot("public-results-list")
			self.driver.find_element(By.CSS_SELECTOR, ".par-results li a").click()
			self.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".par-results table tbody tr"))
			rows = len(self.driver.find_elements(By.CSS_SELECTOR, ".par-results table tbody tr"))
			wide = self.js("return document.documentElement.scrollWidth > window.innerWidth + 1")
			assert not wide, "the ranking is wider than the phone"
			self.english.scan("a published ranking")
			self.shot("public-results-ranking")
			link = self.driver.find_element(By.CSS_SELECTOR, ".par-results table tbody tr a")
			unit = link.text
			link.click()
			self.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".par-results .par-field"))
			fields = len(self.driver.find_elements(By.CSS_SELECTOR, ".par-results .par-field"))
			self.english.scan("a unit's published results")
			self.shot("public-results-unit")
			print(f"  {rows} units ranked; {unit}: {fields} fields with the group's average")
		finally:
			self.driver.set_window_size(1400, 1000)

	def scan_pages(self) -> None:
		"""Each role's pages: the workspace with the user menu and notifications open, every page its
		workspace links to, the cycle's assessment and criteria set, the user guide."""
		print("the pages each role opens show no English")
		for who in ("unit", "head", "appraiser", "council", "manager"):
			self.login(who)
			self.open("/app/par-index")
			self.english.scan(f"{who}: the workspace")
			for opener in (".navbar .dropdown-navbar-user > a", ".navbar .dropdown-notifications > a"):
				for element in self.driver.find_elements(By.CSS_SELECTOR, opener)[:1]:
					element.click()
					time.sleep(1)
					self.english.scan(f"{who}: {opener}")
					element.click()
			links = self.js(
				'return [...new Set($(\'.layout-main-section a[href^="/app/"], .desk-sidebar a[href^="/app/"]\')'
				".map((i, a) => a.getAttribute('href')).get())]"
			)
			pages = [*links, f"/app/par-assessment/{self.name}", f"/app/par-criteria-set/{self.criteria_set}"]
			for page in [*dict.fromkeys(pages), "/huong-dan"]:
				self.driver.get(self.url + page)
				time.sleep(4)
				self.english.scan(f"{who} {page}")
				for entry in self.driver.get_log("browser"):
					if entry.get("level") == "SEVERE":
						print(f"    console ({who} {page}): {entry.get('message', '')[:160]}")
			print(f"  {who}: {len(pages) + 2} pages")
		self.login("manager")
		self.driver.get(f"{self.url}/app/par-index")
		self.wait.until(lambda d: "Bản nháp" in d.find_element(By.TAG_NAME, "body").text)
		self.shot("workspace")


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
