"""Sites installed before the notification of a new state and the digest's e-mail template were
records: make them once (a manager edits them in the desk from then on)."""

from parindex.setup.messages import ensure_messages


def execute():
	ensure_messages()
