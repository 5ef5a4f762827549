"""The yearly process, in the app's own terms: its stages and its roles. No Frappe here.

A province's admins may rename the workflow's states, translate them, and add states of their own
(say a review by the Department of Home Affairs' leader before the council). The app never reads a
state's name: each state of the workflow says which **stage** of the process it belongs to (the
"PAR stage" column of the workflow's states), and the checks, reminders, dashboard and reports work by
stage.

========================  =============================================================================
stage                     what happens; checks when an assessment *enters* the stage from another one
========================  =============================================================================
Self-assessment           the unit reports values and attaches evidence
Submitted                 sent by the unit head, waiting for the support team; every applicable
                          criterion reported, with evidence where required
Appraisal                 appraisers work on their fields (also after the unit explained); entered only
                          by an appraiser assigned in the criteria set; leaving Explanation needs every
                          requested explanation given
Explanation               the unit answers the appraisers' remarks (only explanations and evidence change);
                          at least one explanation requested; a new round clears the answers asked again
Appraised                 appraisal done, with the council (or a review before it); explanations given
Approved                  approved by the council, locked
========================  =============================================================================

>>> stage_of_shipped("Explained")
<Stage.APPRAISAL: 'Appraisal'>
>>> [s.value for s in STAGES][:3]
['Self-assessment', 'Submitted', 'Appraisal']
"""

from __future__ import annotations

from enum import Enum


class Stage(str, Enum):
	SELF_ASSESSMENT = "Self-assessment"
	SUBMITTED = "Submitted"
	APPRAISAL = "Appraisal"
	EXPLANATION = "Explanation"
	APPRAISED = "Appraised"
	APPROVED = "Approved"


#: in the order of the yearly process
STAGES = tuple(Stage)
#: whose move it is in each stage
WITH_UNIT = frozenset({Stage.SELF_ASSESSMENT, Stage.EXPLANATION})
WITH_APPRAISERS = frozenset({Stage.SUBMITTED, Stage.APPRAISAL})
DONE = frozenset({Stage.APPRAISED, Stage.APPROVED})


class Role(str, Enum):
	"""The app's roles (Frappe Role names)."""

	MANAGER = "PAR Manager"
	UNIT_USER = "PAR Unit User"
	UNIT_HEAD = "PAR Unit Head"
	APPRAISER = "PAR Appraiser"
	COUNCIL = "PAR Council Member"


ROLES = tuple(Role)
UNIT_ROLES = frozenset({Role.UNIT_USER.value, Role.UNIT_HEAD.value})
MANAGER_ROLES = frozenset({Role.MANAGER.value, "System Manager"})
#: roles that read every unit's assessment: they run, appraise and approve the index
OVERSEER_ROLES = frozenset({Role.MANAGER.value, Role.APPRAISER.value, Role.COUNCIL.value, "System Manager"})

#: the states of the workflow the app ships, in order, with their stages
SHIPPED_STATES = {
	"Draft": Stage.SELF_ASSESSMENT,
	"Submitted": Stage.SUBMITTED,
	"Under Appraisal": Stage.APPRAISAL,
	"Explanation Requested": Stage.EXPLANATION,
	"Explained": Stage.APPRAISAL,
	"Appraised": Stage.APPRAISED,
	"Approved": Stage.APPROVED,
}


def stage_of_shipped(state: str | None) -> Stage | None:
	"""The stage of a state of the shipped workflow (None for a state an admin added)."""
	return SHIPPED_STATES.get(state or "")


def parse_stage(value: str | None) -> Stage | None:
	try:
		return Stage(value) if value else None
	except ValueError:
		return None
