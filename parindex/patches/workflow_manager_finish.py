"""The shipped workflow gains "Finish Appraisal" for the PAR manager (who finishes an appraisal whose
fields are not all signed off, with a reason): applied where the workflow is still the one shipped
before, and said on the workflow's timeline where an admin changed it."""

import json

from parindex.setup.workflow import SHIPPED, shipped, upgrade


def execute():
	previous = json.loads((SHIPPED / "previous" / "workflow_1.json").read_text())[0]
	upgrade(previous, shipped("workflow")[0], "workflow_manager_finish")
