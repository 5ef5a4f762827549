"""Bulk inserts for whole trees and whole provinces.

``frappe.db.bulk_insert`` builds its statement with the query builder, one term object per value; for
the 4 million values of 1,000 assessments that alone takes half a minute. This writes the same
multi-row ``INSERT``, in chunks, with each value escaped by the database driver's own escaping; a value
repeated on many rows (a criterion's title and guidance on every unit's line) is escaped once.
"""

import frappe
from pymysql.constants.COMMAND import COM_QUERY

CHUNK = 2_000


def bulk_insert(doctype: str, rows: list[dict], on_duplicate_add: tuple[str, ...] = ()) -> None:
	"""Insert rows (dicts with the same keys) into a DocType's table. With ``on_duplicate_add``, a row
	whose name exists already has those columns increased by the row's values instead (an upsert)."""
	for query in insert_statements(doctype, rows, on_duplicate_add):
		_execute(query)


def insert_statements(doctype: str, rows: list[dict], on_duplicate_add: tuple[str, ...] = ()):
	"""The statements of :func:`bulk_insert`, one per chunk, made as they are asked for."""
	if not rows:
		return
	fields = list(rows[0])
	columns = ", ".join(f"`{field}`" for field in fields)
	upsert = ""
	if on_duplicate_add:
		added = [f"`{f}` = `{f}` + values(`{f}`)" for f in on_duplicate_add if f in fields]
		upsert = " on duplicate key update " + ", ".join([*added, "`modified` = values(`modified`)"])
	literal = _literals()
	for start in range(0, len(rows), CHUNK):
		chunk = rows[start : start + CHUNK]
		values = ", ".join(
			"(" + ", ".join([literal(row.get(field)) for field in fields]) + ")" for row in chunk
		)
		yield f"insert into `tab{doctype}` ({columns}) values {values}{upsert}"


def _execute(query: str) -> None:
	"""Run a statement whose values are written into it, escaped (:func:`_literals`). It goes to the
	driver as it is, after Frappe's own bookkeeping of writes: ``frappe.db.sql`` rewrites text such as
	``ifnull(`` anywhere in a statement, values included, and would change a criterion's guidance that
	quotes it."""
	frappe.db.check_transaction_status(query)
	frappe.db._cursor.execute(query)


def _literals():
	"""The driver's escaping of one value as SQL, remembered per value: equal values, equal SQL."""
	escape, escape_string = frappe.db._conn.literal, frappe.db._conn.escape_string
	known: dict = {}

	def literal(value) -> str:
		if type(value) is str:  # as the driver quotes text; names are unique, so not remembered
			return "'" + escape_string(value) + "'"
		key = (type(value), value)
		try:
			return known[key]
		except KeyError:
			known[key] = text = escape(value)
			return text
		except TypeError:  # not hashable
			return escape(value)

	return literal


def standard_fields() -> dict:
	"""The columns Frappe sets on every new row: now, by the current user, as a draft."""
	timestamp, user = frappe.utils.now(), frappe.session.user
	return {"creation": timestamp, "modified": timestamp, "owner": user, "modified_by": user, "docstatus": 0}


def bulk_update(doctype: str, values: dict[str, dict]) -> None:
	"""Set columns of many rows by name: one ``UPDATE … JOIN`` per chunk instead of one per row.

	The new values come as a derived table (``select … union all select …``) joined on the name, so
	each row is found by its primary key: linear in the rows, where a ``CASE`` per column grows with
	rows × rows. Rows are grouped by the columns they set. Only existing rows change."""
	for fields, names in _by_columns(values).items():
		one_row = "select " + ", ".join(["%s"] * (len(fields) + 1))
		first_row = "select %s as `name`, " + ", ".join(f"%s as `{field}`" for field in fields)
		assignments = ", ".join(f"t.`{field}` = v.`{field}`" for field in fields)
		for start in range(0, len(names), CHUNK // 2):
			chunk = names[start : start + CHUNK // 2]
			params = [value for name in chunk for value in (name, *(values[name][f] for f in fields))]
			rows = " union all ".join([first_row] + [one_row] * (len(chunk) - 1))
			frappe.db.sql(
				f"update `tab{doctype}` t join ({rows}) v on t.`name` = v.`name` set {assignments}",  # nosemgrep
				params,
			)


def bulk_set(doctype: str, values: dict[str, dict]) -> None:
	"""Set columns of many rows by name, for rows known to exist: read in this transaction under their
	parent's row lock, so none can have gone. One ``INSERT … ON DUPLICATE KEY UPDATE`` per chunk, which
	MariaDB runs as updates by primary key: about twice as fast as :func:`bulk_update`'s join, which
	is the one to use where a row might be missing (it changes nothing then)."""
	for query in set_statements(doctype, values):
		_execute(query)


def set_statements(doctype: str, values: dict[str, dict]):
	"""The statements of :func:`bulk_set`, one per chunk, made as they are asked for."""
	for fields, names in _by_columns(values).items():
		columns = ", ".join(f"`{field}`" for field in ("name", *fields))
		assignments = ", ".join(f"`{field}` = values(`{field}`)" for field in fields)
		literal = _literals()
		for start in range(0, len(names), CHUNK // 2):
			chunk = names[start : start + CHUNK // 2]
			rows = ", ".join(
				"(" + ", ".join([literal(name), *(literal(values[name][f]) for f in fields)]) + ")"
				for name in chunk
			)
			yield f"insert into `tab{doctype}` ({columns}) values {rows} on duplicate key update {assignments}"


class Overlapped:
	"""Statements sent without waiting for each to finish: the database runs one while Python prepares
	what comes next. At most one is in flight; each send, and the end of the ``with`` block, first reads
	the result of the one before (an error raises there). Inside the block nothing else may use the
	database without calling :meth:`wait` first."""

	def __init__(self):
		self._connection = frappe.db._conn
		self._pending = False

	def send(self, query: str) -> None:
		self.wait()
		frappe.db.check_transaction_status(query)
		connection = self._connection
		connection._execute_command(COM_QUERY, query.encode(connection.encoding, "surrogateescape"))
		self._pending = True

	def send_all(self, queries) -> None:
		for query in queries:
			self.send(query)

	def wait(self) -> None:
		if self._pending:
			self._pending = False
			self._connection._read_query_result()

	def __enter__(self):
		return self

	def __exit__(self, *exc) -> None:
		self.wait()


#: what separates a group's records in its text, and the values in a record (see :func:`grouped`)
RECORD, VALUE = "\x1e", "\x1f"


def grouped(query: str, values):
	"""The rows of a query that joins each group's records into one text, ``group_concat(concat_ws(
	char(31), …) separator %s)`` with :data:`RECORD` as its first value (given here): (key, each record's
	values as text). A province's 80,000 counts come as 1,000 rows of text, read in a fraction of the
	time 80,000 rows take."""
	frappe.db.sql("set session group_concat_max_len = 16777216")
	for key, text in frappe.db.sql(query, [RECORD, *values]):  # nosemgrep: placeholders only
		yield key, [record.split(VALUE) for record in text.split(RECORD)]


def _by_columns(values: dict[str, dict]) -> dict[tuple, list[str]]:
	"""Row names by the columns their new values set (rows setting nothing left out)."""
	groups: dict[tuple, list[str]] = {}
	for name, row in values.items():
		if row:
			groups.setdefault(tuple(sorted(row)), []).append(name)
	return groups
