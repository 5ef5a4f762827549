"""Sites upgraded from before the sign-off per field: what was appraised then stays appraised.

Assessments already appraised or approved had every field appraised as a whole: their fields are
recorded as signed off (by whoever last changed the assessment, when it was changed) and their lines as
appraised, so the totals of an approved assessment do not change and an appraised one goes on to the
council. Under appraisal, a line whose appraised value was already set is appraised; the rest waits for
its field's sign-off, as on a new site."""

import frappe

from parindex.bulk import bulk_update
from parindex.par_assessment.stages import states_in
from parindex.process import Stage


def execute():
	assessment = frappe.qb.DocType("PAR Assessment")
	done = (
		frappe.qb.from_(assessment)
		.select(assessment.name, assessment.modified_by, assessment.modified)
		.where(assessment.workflow_state.isin(states_in(Stage.APPRAISED, Stage.APPROVED)))
		.run(as_dict=True)
	)
	by_name = {row.name: row for row in done}
	field = frappe.qb.DocType("PAR Assessment Field")
	line = frappe.qb.DocType("PAR Assessment Line")
	if by_name:
		rows = (
			frappe.qb.from_(field)
			.select(field.name, field.parent)
			.where(field.parent.isin(list(by_name)) & field.signed_off_by.isnull())
			.run(as_dict=True)
		)
		bulk_update(
			"PAR Assessment Field",
			{
				row.name: {
					"appraisal_status": "Signed off",
					"signed_off_by": by_name[row.parent].modified_by,
					"signed_off_on": by_name[row.parent].modified,
					"unappraised": 0,
				}
				for row in rows
			},
		)
		frappe.qb.update(line).set(line.appraised, 1).where(
			line.parent.isin(list(by_name)) & (line.rule_kind != "Survey")
		).run()
		frappe.qb.update(assessment).set(assessment.unappraised_lines, 0).set(
			assessment.unappraised_max, 0
		).where(assessment.name.isin(list(by_name))).run()
	frappe.qb.update(line).set(line.appraised, 1).where(
		(line.parenttype == "PAR Assessment")
		& line.appraised_input.isnotnull()
		& (line.appraised_input != "")
		& (line.rule_kind != "Survey")
	).run()
