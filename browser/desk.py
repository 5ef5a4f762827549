"""A headless Chromium on the desk (Debian's chromium and chromedriver, no browser download): signing
in, taking screenshots, running JavaScript in the page. Shared by the browser checks and the guides."""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

FLAGS = (
	"--headless=new",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--lang=vi",
)


class Desk:
	def __init__(self, url: str, out: Path, users: dict[str, str], password: str, size=(1400, 1000)):
		options = webdriver.ChromeOptions()
		options.binary_location = "/usr/bin/chromium"
		for flag in (*FLAGS, f"--window-size={size[0]},{size[1]}"):
			options.add_argument(flag)
		self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
		self.wait = WebDriverWait(self.driver, 30)
		self.url, self.out, self.step = url.rstrip("/"), out, 0
		self.users, self.passwords = users, {}
		self.password = password
		out.mkdir(parents=True, exist_ok=True)

	def shot(self, name: str) -> None:
		self.step += 1
		time.sleep(1.5)
		self.driver.save_screenshot(str(self.out / f"{self.step:02d}-{name}.png"))
		print(f"  screenshot {self.step:02d}-{name}.png")

	def login(self, who: str, password: str | None = None) -> None:
		self.driver.delete_all_cookies()
		self.driver.get(f"{self.url}/login")
		self.wait.until(EC.element_to_be_clickable((By.ID, "login_email"))).send_keys(
			self.users.get(who, who)
		)
		self.driver.find_element(By.ID, "login_password").send_keys(password or self.password)
		self.driver.find_element(By.CSS_SELECTOR, ".btn-login").click()
		self.wait.until(lambda d: "/app" in d.current_url)
		self.wait.until(
			lambda d: d.execute_script("return !!(window.frappe && frappe.boot && frappe.session.user)")
		)

	def show(self, selector: str) -> None:
		"""Scroll the page so that the element is at the top, below the navigation bar."""
		self.js(
			"const el = document.querySelector(arguments[0]);"
			"if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 70);",
			selector,
		)

	def js(self, script: str, *args):
		return self.driver.execute_script(script, *args)

	def call(self, method: str, args: dict):
		"""A whitelisted method, called from the page with the logged-in user's session."""
		return self.driver.execute_async_script(
			"const done = arguments[arguments.length - 1];"
			"frappe.call({method: arguments[0], args: arguments[1]}).then(r => done(r.message), e => done(null));",
			method,
			args,
		)

	def open(self, route: str, ready: str = "return !!(window.cur_frm || window.cur_list || true)") -> None:
		self.driver.get(f"{self.url}{route}")
		self.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
		self.wait.until(lambda d: d.execute_script(ready))
		time.sleep(2)

	def run_and_quit(self, steps) -> int:
		"""Run ``steps(self)``; on failure take a screenshot and say why. The exit status."""
		try:
			steps(self)
		except Exception as error:
			self.shot("failure")
			for entry in self.driver.get_log("browser")[-5:]:
				print(f"  browser console: {entry.get('message', '')[:300]}", file=sys.stderr)
			where = [f for f in traceback.extract_tb(error.__traceback__) if "/browser/" in f.filename]
			for frame in where[-3:]:
				print(f"  at {Path(frame.filename).name}:{frame.lineno} {frame.line}", file=sys.stderr)
			print(
				f"FAILED: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}",
				file=sys.stderr,
			)
			return 1
		finally:
			self.driver.quit()
		return 0
