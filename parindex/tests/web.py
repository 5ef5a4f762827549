"""Requests through Frappe's own WSGI application, for the tests where the web path matters (headers,
the client's address, the API path, responses as sent, several requests at once).

Each request runs in a thread of its own, as a server would run it: its own ``frappe.local`` and its
own database connection. So it sees only committed data; a test using it commits its data and
removes it afterwards.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from unittest.mock import patch

import frappe
from werkzeug.test import Client


@contextmanager
def site_requests():
	"""While open, requests made with :func:`client` reach this test's site."""
	with patch("frappe.app.get_site_name", return_value=frappe.local.site):
		yield


def client() -> Client:
	from frappe.app import application

	return Client(application, use_cookies=True)


def in_thread(function, *args, **kwargs):
	"""Run one request (or a few) in a fresh thread, as the server would; return its result."""
	box = {}

	def run():
		try:
			box["result"] = function(*args, **kwargs)
		except BaseException as error:  # reported to the caller
			box["error"] = error

	thread = threading.Thread(target=run)
	thread.start()
	thread.join()
	if "error" in box:
		raise box["error"]
	return box["result"]


def all_at_once(functions) -> list:
	"""Start every function in its own thread behind one barrier, so they really run together."""
	barrier = threading.Barrier(len(functions))
	results: list = [None] * len(functions)

	def run(index, function):
		barrier.wait()
		try:
			results[index] = function()
		except BaseException as error:
			results[index] = error

	threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	return results


def signed_in(user: str, password: str) -> Client:
	"""A client with a session of the user (the user's password set beforehand)."""
	browser = client()
	response = in_thread(browser.post, "/api/method/login", data={"usr": user, "pwd": password})
	assert response.status_code == 200, response.get_data(as_text=True)
	return browser
