"""A unit's official enters a whole field (lĩnh vực) of the assessment form with the keyboard, through the
control each rule kind gets, and attaches evidence from the criteria's own rows. Every value is checked
as stored; every action (click or key press) is counted. Used by the cycle check and the benchmark."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

#: the control each kind of entry must get (Frappe's data-fieldtype); a free-text box is a failure
CONTROLS = {"select": "Select", "date": "Date", "integer": "Int", "number": "Float"}


@dataclass
class Progress:
	"""What the panel above the lines shows: "37/94 tiêu chí đã nhập, 5 thiếu tài liệu kiểm chứng"."""

	entered: int
	total: int
	lacking: int
	totals: str


@dataclass
class Entry:
	actions: int = 0
	lines: list[str] = field(default_factory=list)
	values: dict[str, str] = field(default_factory=dict)


class FieldEntry:
	def __init__(self, desk, english=None):
		self.desk, self.english = desk, english

	def idle(self) -> None:
		"""Wait until no request is under way and no preview waits to run (an open row form keeps
		Frappe's backdrop up, so that is no sign of work)."""
		time.sleep(0.3)
		self.desk.wait.until(
			lambda d: d.execute_script("return frappe.request.ajax_count === 0 && !cur_frm.parindex_preview")
		)
		time.sleep(0.2)

	def shown(self, selector: str):
		"""The first element shown that matches (Frappe keeps closed row forms in the page), once there is one."""
		return self.desk.wait.until(
			lambda d: next((e for e in d.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()), None)
		)

	def click(self, element) -> None:
		"""Click an element once the page has stopped moving it (Frappe scrolls to an opened row)."""
		time.sleep(0.6)
		self.desk.js("arguments[0].scrollIntoView({block: 'center'})", element)
		time.sleep(0.3)
		element.click()

	def progress(self) -> Progress:
		text = self.desk.js("return $('.par-progress').text().replace(/\\s+/g, ' ').trim()")
		entered, total = map(int, re.search(r"(\d+)/(\d+)", text).groups())
		lacking = int(re.search(r"(\d+) thiếu", text).group(1))
		totals = self.desk.js("return $('.par-totals').text().trim()")
		return Progress(entered, total, lacking, totals)

	def scan(self, where: str) -> None:
		if self.english:
			self.english.scan(where)

	def no_free_text(self, column: str = "self_input") -> int:
		"""Every line of every field, shown field by field: the value column (the unit's, or the
		appraiser's) of a line that takes a typed value is a list, a date or a number, never a free-text
		box. The number of lines looked at."""
		fields = self.desk.js(
			"return $('.par-field').map((i, b) => $(b).attr('data-field')).get().filter(Boolean)"
		)
		seen = 0
		for code in fields:
			self.click(self.desk.driver.find_element(By.CSS_SELECTOR, f".par-field[data-field='{code}']"))
			self.idle()
			rows = self.desk.js(
				"return cur_frm.fields_dict.lines.grid.grid_rows.map(r => [r.doc.code, r.doc.rule_kind,"
				" r.doc.field_code, r.docfields.find(df => df.fieldname === arguments[0]).fieldtype])",
				column,
			)
			assert rows, f"field {code} shows no line"
			for line, kind, field_code, fieldtype in rows:
				assert field_code == code, f"field {code} shows line {line} of field {field_code}"
				if kind != "Survey":
					assert fieldtype in CONTROLS.values(), f"{line} ({kind}) is entered as {fieldtype}"
				seen += 1
		return seen

	def open_field(self, code: str) -> None:
		self.click(self.desk.driver.find_element(By.CSS_SELECTOR, f".par-field[data-field='{code}']"))
		self.idle()

	def key_value(self, element, spec: dict) -> tuple[str, str]:
		"""The keys a user presses in the control to enter a good value, and the value stored."""
		control = spec["control"]
		if control == "select":
			texts = self.desk.js("return [...arguments[0].options].map(o => [o.value, o.text])", element)
			value = spec["choices"][0]
			text = dict(texts)[value]
			# the browser picks the first option that starts with what is typed
			for n in range(1, len(text) + 1):
				first = next(v for v, t in texts if t.casefold().startswith(text[:n].casefold()))
				if first == value:
					return text[:n], value
		if control == "date":
			iso = self.desk.js(
				"return frappe.datetime.add_days(arguments[0], -3)", spec.get("due") or "2026-01-15"
			)
			return self.desk.js("return frappe.datetime.str_to_user(arguments[0])", iso), iso
		if control == "integer":
			low = spec.get("min") or 0
			return str(low), str(low)
		number = spec.get("max") if spec.get("max") is not None else 95
		text = f"{float(number):g}"
		point = self.desk.js("return get_number_format_info(get_number_format()).decimal_str")
		return text.replace(".", point), text

	def fill(self, field_code: str) -> Entry:
		"""Enter every line of the field: one click on the first value, then for each line the keys of
		its value and Enter to go to the next."""
		self.open_field(field_code)
		rows = self.desk.js(
			"const specs = parindex.assessment.specs(cur_frm);"
			"return cur_frm.fields_dict.lines.grid.grid_rows.filter(r => r.doc.rule_kind !== 'Survey')"
			".map(r => [r.doc.name, r.doc.code, specs[r.doc.code]])"
		)
		entry = Entry()
		driver = self.desk.driver
		first = driver.find_element(
			By.CSS_SELECTOR,
			f".grid-row[data-name='{rows[0][0]}'] .grid-static-col[data-fieldname='self_input']",
		)
		first.click()
		entry.actions += 1
		for name, code, spec in rows:
			self.desk.wait.until(
				lambda d, name=name: d.execute_script(
					"const el = document.activeElement;"
					"return el && el.getAttribute('data-fieldname') === 'self_input'"
					" && el.closest('.grid-row') && el.closest('.grid-row').getAttribute('data-name') === arguments[0]",
					name,
				)
			)
			element = driver.switch_to.active_element
			fieldtype = element.get_attribute("data-fieldtype")
			assert fieldtype == CONTROLS[spec["control"]], f"{code}: a {fieldtype} box, not {spec['control']}"
			keys, stored = self.key_value(element, spec)
			element.send_keys(keys)
			if spec["control"] == "date":
				self.scan(f"the date picker of {code}")
			element.send_keys(Keys.ENTER)
			entry.actions += len(keys) + 1
			entry.lines.append(code)
			entry.values[code] = stored
		self.idle()
		for _name, code, spec in rows:
			value = self.desk.js(
				"return cur_frm.doc.lines.find(l => l.code === arguments[0]).self_input", code
			)
			expected = entry.values[code]
			if spec["control"] == "number":
				assert value not in (None, "") and float(value) == float(expected), (code, value, expected)
			else:
				assert str(value) == expected, f"{code}: stored {value!r}, typed for {expected!r}"
		return entry

	def save(self) -> None:
		ActionChains(self.desk.driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
		self.desk.wait.until(
			lambda d: d.execute_script("return !cur_frm.is_dirty() && !cur_frm.save_disabled")
		)
		self.idle()

	def attach(self, code: str, files: list[Path], before_upload=None) -> int:
		"""From the list of what is missing, open the line and attach files to it (several at once).
		The actions it took."""
		driver = self.desk.driver
		self.click(driver.find_element(By.CSS_SELECTOR, f".par-jump[data-code='{code}']"))
		button = self.shown(".grid-form-body .par-attach")
		self.scan(f"the row of {code}")
		self.click(button)
		chooser = self.desk.wait.until(
			lambda d: d.find_element(By.CSS_SELECTOR, ".modal.show input[type='file']")
		)
		self.desk.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".modal.show .btn-modal-primary"))
		time.sleep(0.5)
		self.scan("the uploader")
		chooser.send_keys("\n".join(str(f) for f in files))
		upload = self.desk.wait.until(
			lambda d: d.find_element(By.CSS_SELECTOR, ".modal.show .btn-modal-primary")
		)
		time.sleep(0.5)
		self.scan("the uploader with files")
		if before_upload:
			before_upload()
		self.click(upload)
		self.desk.wait.until(
			lambda d: d.execute_script(
				"return cur_frm.doc.evidence.filter(e => e.criterion_code === arguments[0] && e.file).length"
				" >= arguments[1] && !cur_frm.is_dirty() && frappe.request.ajax_count === 0",
				code,
				len(files),
			)
		)
		self.idle()
		listed = self.desk.js(
			"return $('.grid-form-body:visible .par-evidence li a[target]').map((i, a) => a.textContent).get()"
		)
		for f in files:
			assert any(f.name in name for name in listed), f"{f.name} not listed on {code}: {listed}"
		self.scan(f"the evidence of {code}")
		self.click(self.shown(".form-in-grid .grid-collapse-row"))
		self.idle()
		count = self.desk.js(
			"const line = cur_frm.doc.lines.find(l => l.code === arguments[0]);"
			"return $(`.grid-row[data-name='${line.name}'] .grid-static-col[data-fieldname='evidence_count'] .static-area`)"
			".text().trim()",
			code,
		)
		assert count == str(len(files)), f"the grid shows {count!r} files for {code}"
		# the jump, the button, choosing the files, uploading, closing the row
		return 5
