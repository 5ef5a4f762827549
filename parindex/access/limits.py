"""Rate limits for the pages guests use, keyed on the client's address as the server saw it.

Frappe 15 keys its ``rate_limit`` decorator on ``frappe.local.request_ip``, which it takes from the
first ``X-Forwarded-For`` entry whatever sent it (so a client picks its own bucket), and on
``form_dict.cmd``, which ``/api/v2/method/…`` leaves empty (so the same method has a second bucket).
Here the bucket is the action's name and the address of the peer that connected (``REMOTE_ADDR``).
Only when that peer is one of the site's trusted proxies (``parindex_trusted_proxies`` in the site
config, e.g. ``["127.0.0.1"]`` behind nginx on the same host) is the forwarded address used: the
right-most ``X-Forwarded-For`` entry that is not itself a trusted proxy, the one the proxy wrote.
"""

from __future__ import annotations

import ipaddress

import frappe
from frappe import _


def _address(text: str | None) -> str | None:
	try:
		return str(ipaddress.ip_address((text or "").strip()))
	except ValueError:
		return None


def trusted_proxies() -> set[str]:
	configured = frappe.get_conf().get("parindex_trusted_proxies") or []
	if isinstance(configured, str):
		configured = configured.split(",")
	return {a for a in (_address(p) for p in configured) if a}


def client_address() -> str:
	"""The address of the client, as far as this server can trust it."""
	request = getattr(frappe.local, "request", None)
	peer = _address(request.environ.get("REMOTE_ADDR")) if request else None
	peer = peer or "unknown"
	proxies = trusted_proxies()
	if peer not in proxies or not request:
		return peer
	forwarded = [_address(p) for p in (request.headers.get("X-Forwarded-For") or "").split(",")]
	for address in reversed(forwarded):
		if address and address not in proxies:
			return address
	return peer


def hit(action: str, limit: int, seconds: int) -> None:
	"""Count one request of ``action`` from this client; refuse (HTTP 429) beyond ``limit`` per
	``seconds``. Requests made outside a web request (jobs, tests, the console) are not counted."""
	if not getattr(frappe.local, "request", None):
		return
	key = frappe.cache.make_key(f"parindex:limit:{action}:{client_address()}")
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, seconds)
	if count > limit:
		frappe.throw(
			_("Too many requests from your address. Please try again later."),
			frappe.RateLimitExceededError,
			title=_("Please wait"),
		)
