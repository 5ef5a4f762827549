"""EXPLAIN of the queries people wait for, on whatever data the site holds (best on a benchmark's).

Run: ``bench --site SITE execute parindex.benchmarks.explain.run``

Each query is the one the named path runs (the same table, filters and order), with values taken from
the site's own rows. For each it prints the index MariaDB chooses and the rows it expects to read: a
query reading a table's every row where a few would do is a missing index. Where ParIndex added an
index for the query (:data:`ADDED`), the plan without it comes first (``IGNORE INDEX``), on the same
data. ``parindex.benchmarks.surveys`` runs this on its province before rolling it back.
"""

from __future__ import annotations

import frappe

#: name → (SQL with %(…)s values, what to fill them with: a query for one row of values)
QUERIES = {
	"answering: the unit's anonymous answers so far (locking)": (
		"select count(name) from `tabPAR Survey Response` where survey = %(survey)s and unit = %(unit)s"
		" and channel = 'Anonymous' for update",
		"select survey, unit from `tabPAR Survey Response` order by creation desc limit 1",
	),
	"survey form: responses per unit and group": (
		"select unit, respondent_group, count(*) from `tabPAR Survey Response` where survey = %(survey)s"
		" group by unit, respondent_group",
		"select survey from `tabPAR Survey Response` order by creation desc limit 1",
	),
	"closing a survey: its answer counts": (
		"select unit, question_no, answer, answers from `tabPAR Survey Count` where survey = %(survey)s"
		" and answers > 0",
		"select survey from `tabPAR Survey Count` limit 1",
	),
	"answering by invitation: the token": (
		"select name from `tabPAR Survey Invitation` where token = %(token)s for update",
		"select 'no-such-token' as token",
	),
	"unit's list: its assessments, newest first": (
		"select name, workflow_state, `index` from `tabPAR Assessment` where unit = %(unit)s"
		" order by modified desc limit 20",
		"select unit from `tabPAR Assessment` order by creation desc limit 1",
	),
	"Ranking report: a set's assessments": (
		"select unit, final_total, total_max, `index` from `tabPAR Assessment`"
		" where criteria_set = %(criteria_set)s and docstatus < 2",
		"select criteria_set from `tabPAR Assessment` order by creation desc limit 1",
	),
	"assessment form: its lines": (
		"select * from `tabPAR Assessment Line` where parent = %(parent)s"
		" and parenttype = 'PAR Assessment' order by idx",
		"select name as parent from `tabPAR Assessment` order by creation desc limit 1",
	),
	"assessment form: score history": (
		"select name, data from `tabVersion` where ref_doctype = 'PAR Assessment' and docname = %(docname)s"
		" order by creation desc",
		"select name as docname from `tabPAR Assessment` order by creation desc limit 1",
	),
	"assessment form: evidence files": (
		"select name, file_url from `tabFile` where attached_to_doctype = 'PAR Assessment'"
		" and attached_to_name = %(name)s",
		"select name from `tabPAR Assessment` order by creation desc limit 1",
	),
	"flags and sign-offs: a line by its assessment and code": (
		"select name, parent from `tabPAR Assessment Line` where parent = %(parent)s and code = %(code)s",
		"select parent, code from `tabPAR Assessment Line` order by creation desc limit 1",
	),
}


#: query label → (table, index) that ParIndex added for it
ADDED = {
	"answering: the unit's anonymous answers so far (locking)": (
		"tabPAR Survey Response",
		"survey_unit_respondent_group_channel_index",
	),
	"survey form: responses per unit and group": (
		"tabPAR Survey Response",
		"survey_unit_respondent_group_channel_index",
	),
	"flags and sign-offs: a line by its assessment and code": ("tabPAR Assessment Line", "parent_code_index"),
	"closing a survey: its answer counts": (
		"tabPAR Survey Count",
		"survey_unit_question_no_answer_answers_index",
	),
}


def _plan(query: str, values: dict) -> str:
	plan = frappe.db.sql(f"explain {query}", values, as_dict=True)  # nosemgrep: fixed text
	return "; ".join(
		f"{row.get('table')}: {row.get('type')} via {row.get('key') or 'no index'}, ~{row.get('rows')} rows"
		+ (f" ({row.get('Extra')})" if row.get("Extra") else "")
		for row in plan
	)


def run() -> None:
	for label, (query, values_query) in QUERIES.items():
		values = frappe.db.sql(values_query, as_dict=True)
		if not values:
			print(f"{label}: no data")
			continue
		print(label)
		if label in ADDED:
			table, index = ADDED[label]
			without = query.replace(f"`{table}`", f"`{table}` ignore index (`{index}`)", 1)
			print(f"    without {index}: {_plan(without, values[0])}")
			print(f"    with it:  {_plan(query, values[0])}")
		else:
			print(f"    {_plan(query, values[0])}")
