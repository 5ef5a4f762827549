#!/usr/bin/env python3
"""HTTP load test: unit users saving their assessments at once, and guests answering the survey page,
against the site served by gunicorn with several workers, as production serves it. Loopback only.

	scripts/http-load.py --bench ~/parindex-bench --site parindex.bench [--users 50] [--rounds 4]
	                     [--guests 200] [--workers 5] [--port 8123]

1. ``parindex.benchmarks.http_load.prepare`` makes N units, each with a 130-line assessment, a unit
   user, and a plain copy of the assessment in a DocType of the same fields (the baseline: no
   controller, no workflow, the same role permissions), and an open survey taking anonymous answers.
2. gunicorn starts on 127.0.0.1 with ``--workers`` workers (``--preload``, as bench's production
   set-up runs it).
3. The N users sign in and, all at once, open their assessment as the desk does
   (``frappe.desk.form.load.getdoc``), take a moment (0.5–1.5 s) to change a line's note, and save it
   as the desk does (``frappe.desk.form.save.savedocs``); ``--rounds`` times. Then the same on their
   plain copies; then both again (A, B, A, B, so drift on a shared machine falls on both).
4. Lost updates: each save writes a new mark; at the end the mark of each user's last successful save
   must be the one stored.
5. Guests: ``--guests`` people arrive over ``--arrival`` seconds, each from their own address (sent as
   X-Forwarded-For, the loopback being the site's trusted proxy meanwhile), open the survey page, load
   the questions, take 3–8 s to answer, and submit.
6. Latency percentiles (p50/p95/p99), errors, and the targets: assessment saves' p95 ≤ 2× the plain
   DocType's; 0 errors, 0 lost updates; guests' p95 ≤ 500 ms.

Everything it made is removed at the end (``cleanup``), and gunicorn stopped, whatever happens.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

TIMEOUT = 120


def percentiles(values: list[float]) -> dict:
	if not values:
		return {"n": 0}
	ordered = sorted(values)

	def at(share):
		return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000

	return {
		"n": len(ordered),
		"p50": at(0.5),
		"p95": at(0.95),
		"p99": at(0.99),
		"mean": statistics.mean(ordered) * 1000,
	}


def line(label: str, stats: dict, errors: int) -> str:
	if not stats.get("n"):
		return f"{label:<34} no requests"
	return (
		f"{label:<34} n={stats['n']:>5}  p50={stats['p50']:7.0f} ms  p95={stats['p95']:7.0f} ms"
		f"  p99={stats['p99']:7.0f} ms  errors={errors}"
	)


class Load:
	def __init__(self, options):
		self.options = options
		self.base = f"http://127.0.0.1:{options.port}"
		self.headers = {"Host": options.site}
		self.lock = threading.Lock()
		self.timings: dict[str, list[float]] = {}
		self.errors: dict[str, list[str]] = {}
		self.expected: dict[tuple[str, str], str] = {}
		self.deadline = time.monotonic() + options.max_seconds

	def bench(self, *command: str) -> str:
		done = subprocess.run(
			["bench", "--site", self.options.site, *command],
			cwd=self.options.bench,
			capture_output=True,
			text=True,
		)
		if done.returncode:
			sys.exit(f"bench {' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
		return done.stdout

	def record(
		self, kind: str, started: float, response: requests.Response | None, problem: str = ""
	) -> bool:
		ok = response is not None and response.status_code == 200 and not problem
		with self.lock:
			self.timings.setdefault(kind, []).append(time.perf_counter() - started)
			if not ok:
				text = problem or (
					f"{response.status_code} {response.text[:200]}" if response is not None else ""
				)
				self.errors.setdefault(kind, []).append(text)
		return ok

	def request(self, session: requests.Session, kind: str, method: str, path: str, **kwargs):
		if time.monotonic() > self.deadline:
			raise TimeoutError("the load test's time is up")
		started = time.perf_counter()
		try:
			response = session.request(method, self.base + path, timeout=TIMEOUT, **kwargs)
		except requests.RequestException as error:
			self.record(kind, started, None, str(error))
			return None
		return response if self.record(kind, started, response) else None

	# ------------------------------------------------------------------ unit users
	def sign_in(self, person: dict) -> requests.Session:
		session = requests.Session()
		session.headers.update(self.headers)
		response = session.post(
			self.base + "/api/method/login",
			data={"usr": person["user"], "pwd": self.password},
			timeout=TIMEOUT,
		)
		if response.status_code != 200:
			sys.exit(f"{person['user']} could not sign in: {response.status_code} {response.text[:300]}")
		return session

	def edit(self, session: requests.Session, person: dict, doctype: str, name: str, kind: str, phase: int):
		rng = random.Random(f"{person['user']}{kind}{phase}")
		for round_number in range(self.options.rounds):
			opened = self.request(
				session,
				f"{kind}: open",
				"GET",
				"/api/method/frappe.desk.form.load.getdoc",
				params={"doctype": doctype, "name": name},
			)
			if opened is None:
				continue
			doc = opened.json()["docs"][0]
			time.sleep(rng.uniform(0.5, 1.5))
			mark = f"load {person['user']} {kind} {phase}.{round_number}"
			doc["lines"][0]["self_note"] = mark
			saved = self.request(
				session,
				f"{kind}: save",
				"POST",
				"/api/method/frappe.desk.form.save.savedocs",
				data={"doc": json.dumps(doc), "action": "Save"},
			)
			if saved is not None:
				self.expected[(person["user"], kind)] = mark

	def users_phase(self, kind: str, phase: int) -> None:
		doctype = "PAR Assessment" if kind == "assessment" else self.world["plain_doctype"]
		barrier = threading.Barrier(len(self.people))

		def work(person, session):
			barrier.wait()
			self.edit(session, person, doctype, person[kind], kind, phase)

		threads = [
			threading.Thread(target=work, args=(person, self.sessions[person["user"]]))
			for person in self.people
		]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()

	# ------------------------------------------------------------------ guests
	def guest(self, number: int) -> None:
		rng = random.Random(number)
		time.sleep(rng.uniform(0, self.options.arrival))
		session = requests.Session()
		address = f"10.{number // 250 % 250}.{number % 250}.{7 + number % 200}"
		session.headers.update({**self.headers, "X-Forwarded-For": address})
		unit = self.people[number % len(self.people)]["unit"]
		link = {"survey": self.world["survey"], "unit": unit}
		self.request(session, "guest: page", "GET", "/par-survey", params=link)
		loaded = self.request(
			session, "guest: questions", "POST", "/api/method/parindex.par_survey.answering.load", data=link
		)
		if loaded is None:
			return
		questions = loaded.json()["message"]["questions"]
		time.sleep(rng.uniform(3, 8))
		answers = {str(q["number"]): rng.choice("ABCD") for q in questions}
		self.request(
			session,
			"guest: answer",
			"POST",
			"/api/method/parindex.par_survey.answering.submit",
			data={**link, "answers": json.dumps(answers)},
		)

	# ------------------------------------------------------------------ the run
	def serve(self) -> subprocess.Popen:
		bench = Path(self.options.bench)
		server = subprocess.Popen(
			[
				str(bench / "env/bin/gunicorn"),
				"-b",
				f"127.0.0.1:{self.options.port}",
				"-w",
				str(self.options.workers),
				"-t",
				"120",
				"--preload",
				"frappe.app:application",
			],
			cwd=bench / "sites",
			stdout=subprocess.DEVNULL,
			stderr=open(bench / "logs/http-load-gunicorn.log", "w"),
		)
		for _attempt in range(120):
			try:
				if (
					requests.get(self.base + "/api/method/ping", headers=self.headers, timeout=5).status_code
					== 200
				):
					return server
			except requests.RequestException:
				pass
			time.sleep(0.5)
		server.terminate()
		sys.exit("gunicorn did not answer within a minute")

	def run(self) -> int:
		print(f"preparing {self.options.users} units, assessments, users and their plain copies…", flush=True)
		output = self.bench(
			"execute",
			"parindex.benchmarks.http_load.prepare",
			"--kwargs",
			json.dumps({"units": self.options.users}),
		)
		self.world = json.loads(next(line for line in reversed(output.splitlines()) if line.startswith("{")))
		self.people, self.password = self.world["people"], self.world["password"]
		server = self.serve()
		try:
			print(f"gunicorn: {self.options.workers} workers on 127.0.0.1:{self.options.port}", flush=True)
			self.sessions = {person["user"]: self.sign_in(person) for person in self.people}
			for phase, kind in enumerate(("assessment", "plain", "assessment", "plain")):
				started = time.perf_counter()
				self.users_phase(kind, phase)
				print(
					f"  {kind}: {len(self.people)} users × {self.options.rounds} rounds in {time.perf_counter() - started:.1f} s",
					flush=True,
				)
			started = time.perf_counter()
			guests = [threading.Thread(target=self.guest, args=(n,)) for n in range(self.options.guests)]
			for thread in guests:
				thread.start()
			for thread in guests:
				thread.join()
			print(f"  guests: {self.options.guests} in {time.perf_counter() - started:.1f} s", flush=True)
			stored = json.loads(
				next(
					line
					for line in reversed(
						self.bench(
							"execute",
							"parindex.benchmarks.http_load.marks",
							"--kwargs",
							json.dumps({"people": json.dumps(self.people)}),
						).splitlines()
					)
					if line.startswith("{")
				)
			)
		finally:
			server.terminate()
			server.wait(30)
			self.bench("execute", "parindex.benchmarks.http_load.cleanup")
		return self.report(stored)

	def report(self, stored: dict) -> int:
		lost = {
			kind: sum(1 for (user, k), mark in self.expected.items() if k == kind and stored[user][k] != mark)
			for kind in ("assessment", "plain")
		}
		stats = {kind: percentiles(values) for kind, values in self.timings.items()}
		print()
		for kind in sorted(stats):
			print(line(kind, stats[kind], len(self.errors.get(kind, []))))
		for kind, problems in self.errors.items():
			print(f"  {kind}: first errors: {problems[:3]}")
		print(f"lost updates: assessment {lost['assessment']}, plain {lost['plain']}")
		ratio = stats["assessment: save"]["p95"] / stats["plain: save"]["p95"]
		guests = percentiles(
			[t for kind, values in self.timings.items() if kind.startswith("guest") for t in values]
		)
		guest_errors = sum(len(v) for k, v in self.errors.items() if k.startswith("guest"))
		user_errors = sum(len(v) for k, v in self.errors.items() if not k.startswith("guest"))
		print(f"assessment saves' p95 = {ratio:.2f}× the plain DocType's (target ≤ 2×)")
		print(
			f"guests, every request: p95 = {guests.get('p95', 0):.0f} ms (target ≤ 500 ms), errors {guest_errors}"
		)
		met = (
			ratio <= 2
			and user_errors == 0
			and sum(lost.values()) == 0
			and guests.get("p95", 0) <= 500
			and guest_errors == 0
		)
		print("targets met" if met else "TARGETS NOT MET")
		return 0 if met else 1


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--bench", default=str(Path.home() / "parindex-bench"))
	parser.add_argument("--site", required=True)
	parser.add_argument("--users", type=int, default=50)
	parser.add_argument("--rounds", type=int, default=4)
	parser.add_argument("--guests", type=int, default=200)
	parser.add_argument("--arrival", type=float, default=60, help="seconds over which the guests arrive")
	parser.add_argument("--workers", type=int, default=5)
	parser.add_argument("--port", type=int, default=8123)
	parser.add_argument("--max-seconds", type=float, default=1200, help="no request starts after this")
	return Load(parser.parse_args()).run()


if __name__ == "__main__":
	sys.exit(main())
