"""Every message template of the scoring core and the criteria workbook.

Templates are English, with ``{0}``-style placeholders, and name the criterion code (or the row) at fault.
The Frappe layer translates them (``_(template).format(*args)``); the app's Vietnamese translation file
must hold every one of them, which a tier-1 test checks.
"""

# Criteria tree
BAD_CODE = "Criterion {0}: the code must be numbers or letters separated by dots, such as 1, 1.2 or 1.2.3"
DUPLICATE_CODE = "Criterion {0}: the code is used more than once"
MISSING_PARENT = "Criterion {0}: its parent {1} does not exist"
NEGATIVE_MAX = "Criterion {0}: the maximum score cannot be negative"
MAX_DECIMALS = "Criterion {0}: the maximum {1} has more than two decimals"
LEAF_WITHOUT_RULE = "Criterion {0}: a criterion without sub-criteria needs a rule kind"
PARENT_WITH_RULE = (
	"Criterion {0}: a criterion with sub-criteria takes its points from them and cannot have a rule"
)
MAX_NOT_SUM = "Criterion {0}: the maximum {1} differs from the sum of its sub-criteria {2}"
CAP_ABOVE_SUM = "Criterion {0}: the cap {1} is above the sum of its sub-criteria {2}"
CAP_MIXES_PARTS = "Criterion {0}: a cap cannot cover both survey-derived and appraised sub-criteria"
SURVEY_EVIDENCE = "Criterion {0}: survey-derived points are not claimed by the unit and need no evidence"
EMPTY_TITLE = "Criterion {0}: the title is missing"
RULE_BELOW_MAX = "Criterion {0}: the rule gives at most {1} points, so the maximum {2} can never be reached"

# Rules
UNKNOWN_KIND = "Criterion {0}: unknown rule kind {1}"
POINTS_OUT_OF_RANGE = "Criterion {0}: {1} points is outside 0 to the maximum {2}"
STEP_NOT_POSITIVE = "Criterion {0}: the step must be greater than 0"
NO_OPTIONS = "Criterion {0}: a fixed-options rule needs at least one option"
DUPLICATE_OPTION = "Criterion {0}: the option {1} is listed more than once"
EMPTY_OPTION = "Criterion {0}: an option has no label"
NO_BANDS = "Criterion {0}: a thresholds rule needs at least one band"
BAND_EMPTY = "Criterion {0}: the band {1} contains no value"
BANDS_OVERLAP = "Criterion {0}: the bands {1} and {2} overlap"
BANDS_GAP = "Criterion {0}: there is a gap between the bands {1} and {2}"
FLOOR_ABOVE_CAP = "Criterion {0}: the floor {1} is above the cap {2}"
PER_NOT_POSITIVE = "Criterion {0}: the deduction per occurrence must be greater than 0"
FLOOR_ABOVE_BASE = "Criterion {0}: the floor {1} is above the maximum {2}"
NEGATIVE_FLOOR = "Criterion {0}: the floor {1} is below 0; only a penalty criterion (maximum 0) goes below 0"
RATE_PARAM_RANGE = "Criterion {0}: the rate {1} % must lie between 0 and 100"
TOO_MANY_DECIMALS = "Criterion {0}: {1} has more than two decimals"
STEP_NOT_DIVIDING = "Criterion {0}: the step {1} does not divide the maximum {2}"

# Inputs given to a rule
SCORE_NOT_NUMBER = "Criterion {0}: {1} is not a number"
SCORE_OUT_OF_RANGE = "Criterion {0}: the score {1} is outside 0 to {2}"
SCORE_OFF_STEP = "Criterion {0}: the score {1} is not a multiple of the step {2}"
UNKNOWN_OPTION = "Criterion {0}: {1} is not one of the options ({2})"
VALUE_OUTSIDE_BANDS = "Criterion {0}: the value {1} lies outside every band"
RATE_OUT_OF_RANGE = "Criterion {0}: the rate {1} % is outside 0 to 100"
DATE_NEEDED = "Criterion {0}: give the date it was done (due {1}), or leave it empty if it was not done"
SHARE_OUT_OF_RANGE = "Criterion {0}: the survey result {1} % is outside 0 to 100"
BAD_DEADLINE_STATUS = "Criterion {0}: {1} is not a deadline status (on time, late, not done)"
NO_DUE_DATE = (
	"Criterion {0}: the rule has no due date, so give a status (on time, late, not done) instead of a date"
)
BAD_YES_NO = "Criterion {0}: {1} is not yes or no"
BAD_COUNT = "Criterion {0}: the number of occurrences {1} must be a whole number of 0 or more"
NOT_APPLICABLE_REFUSED = "Criterion {0}: this criterion cannot be marked not applicable"
NOT_A_LEAF = "Criterion {0}: scores are given to criteria without sub-criteria only"
UNKNOWN_CRITERION = "Criterion {0}: no such criterion in the set"

# Rule parameters written as text (criteria workbook)
PARAM_SYNTAX = "Criterion {0}: cannot read the parameter {1}; write it as {2}"
PARAM_UNKNOWN = "Criterion {0}: {1} is not a parameter of the rule kind {2}"
PARAM_NUMBER = "Criterion {0}: the parameter {1} needs a number, not {2}"
PARAM_DATE = "Criterion {0}: the parameter {1} needs a date (YYYY-MM-DD or DD/MM/YYYY), not {2}"
PARAM_REPEATED = "Criterion {0}: the parameter {1} is given more than once"
PARAM_WITHOUT_KIND = "Criterion {0}: parameters are given but no rule kind"
PARAM_BAND = "Criterion {0}: cannot read the band {1}; write bands such as >90=2; 70..90=1; <70=0"

# Assessments
SURVEY_CLAIMED = "Criterion {0}: its points come from the survey; the unit reports no value"
NOT_REPORTED = "Criterion {0}: no value reported"
EVIDENCE_MISSING = "Criterion {0}: attach evidence or explain why there is none"
EVIDENCE_UNKNOWN_CODE = "Evidence {0}: {1} is not a criterion of this assessment"
EVIDENCE_NOT_ATTACHED = "Evidence {0}: the file is not attached to this assessment; upload it here"
EXPLANATION_MISSING = "Criterion {0}: the appraiser asked for an explanation"
NO_EXPLANATION_REQUESTED = "Mark at least one criterion whose explanation you request"
LINES_CHANGED = (
	"The criteria of this assessment come from its criteria set and cannot be added, removed or changed"
)
MISSING_LINES = "Criteria {0} of the set are missing from this assessment"
OUTSIDE_ASSIGNED_FIELDS = "Criterion {0}: it belongs to field {1}, which is not assigned to you for appraisal"
STATE_NOT_EDITABLE = "In the state {0} only {1} can change this assessment"
APPROVE_ONLY_APPRAISED = "Only an appraised assessment can be approved; this one is {0}"
EXPLAIN_ONLY = (
	"Criterion {0}: while an explanation is requested, the unit changes only explanations and evidence"
)
NOT_ASSIGNED = "You are not assigned to appraise any field of the criteria set {0}"
PUBLISH_UNAPPROVED = "{0} assessments of the criteria set are not approved yet; the council approves them before the ranking is published"
ANSWER_KEY = "{0} is not a question number"
ANSWERS_SHAPE = "The answers could not be read; send one answer per question number"
ANSWERS_TOO_LONG = "The answers are longer than a survey takes ({0} characters at most)"
SET_NOT_ACTIVE = "The criteria set {0} is not active; activate it before creating assessments"
DUPLICATE_ASSESSMENT = "The unit {0} already has the assessment {1} for this criteria set"

# Surveys
SURVEY_DUPLICATE_GROUP = "Respondent group {0} is listed more than once"
SURVEY_DUPLICATE_LETTER = "Answer {0} is listed more than once"
SURVEY_DUPLICATE_QUESTION = "Question {0} is listed more than once"
SURVEY_UNKNOWN_GROUP = "{0}: {1} is not a respondent group of this survey"
SURVEY_NOT_SURVEY_CRITERION = "Question {0}: {1} is not a survey-derived criterion of the criteria set {2}"
SURVEY_UNIT_OUTSIDE_GROUP = "Unit {0} is not in the unit group {1} of the criteria set"
SURVEY_NOT_READY = "A survey opens with at least one respondent group, one answer and one question"
SURVEY_DATES = "The survey closes on {0}, before it opens on {1}"
TOKEN_UNKNOWN = "This invitation link is not valid. Check that you opened the whole link."
TOKEN_USED = "This invitation has already been used to answer; each invitation answers once."
TOKEN_EXPIRED = "This invitation expired on {0}."
SURVEY_CLOSED = "The survey {0} is not open for answers."
ANSWER_MISSING = "Question {0} has no answer"
ANSWER_INVALID = "Question {0}: {1} is not one of the answers {2}"
ANSWER_NOT_ASKED = "Question {0} is not asked of {1}"
ANONYMOUS_CLOSED = "This survey does not take anonymous answers"
INVITATION_COUNT = "Give the number of invitations to make: a whole number from 1 to {0}"
ANONYMOUS_LIMIT = "The unit {0} has received all the anonymous answers this survey takes"

# Criteria set
SET_NOT_DRAFT = "The criteria set {0} is {1}: its rules are locked. Return it to Draft, or copy it to a new year to change them"
SET_IN_USE = "The criteria set {0} is used by assessments; copy it to a new year to change its rules"
PARENT_HAS_RULE = (
	"Criterion {0}: its parent {1} has a rule; clear the parent's rule kind before adding sub-criteria"
)
CODE_CHANGED = "Criterion {0}: the code cannot change; delete the criterion and add it again"
ONE_ACTIVE_SET = "The criteria set {0} is already active for {1} in {2}"
DEADLINE_ORDER = "The appraisal deadline {0} comes before the self-assessment deadline {1}"
PART_MAX_MISMATCH = "The {0} maximum of the set is {1}, but its criteria add up to {2}"
NO_CRITERIA = "The criteria set has no criteria"

# Classification bands and ranking
BAND_NO_LABEL = "Classification band {0}: the label is missing"
BAND_DUPLICATE_LABEL = "Classification band {0}: the label is used more than once"
BAND_DUPLICATE_MIN = "Classification band {0}: another band starts at the same index {1}"
BAND_MIN_RANGE = "Classification band {0}: the lower bound {1} is outside 0 to 100"

SURVEY_NO_SATISFIED_ANSWER = (
	"The questions measure satisfaction (SIPAS): mark the answers that count as satisfied"
)

# Units through mergers
PREDECESSOR_ITSELF = "Unit {0} cannot be its own predecessor"
PREDECESSOR_TWICE = "Predecessor {0} is listed more than once"
PREDECESSOR_CYCLE = "Predecessor {0} was itself formed from {1}: the history would go round in a circle"

# Survey conversion
WEIGHT_RANGE = "Answer {0}: the weight {1} % is outside 0 to 100"
UNKNOWN_ANSWER = "Answer {0} is not in the answer scheme"
NEGATIVE_COUNT = "Answer {0}: the number of answers {1} cannot be negative"
WEIGHT_NOT_NUMBER = "Answer {0}: the weight {1} is not a number"

# Criteria workbook
WB_NOT_XLSX = "The file is not an Excel workbook (.xlsx)"
WB_NO_SHEET = "The workbook has no sheet of criteria"
WB_MISSING_COLUMNS = "The header row lacks the columns: {0}"
WB_ROW = "Row {0}: {1}"
WB_EMPTY = "The workbook has no criteria rows"
WB_BAD_NUMBER = "the column {0} needs a number, not {1}"
WB_BAD_FLAG = "the column {0} needs yes or no, not {1}"
WB_MISSING_VALUE = "the column {0} is empty"
WB_BAD_KIND = "the rule kind {0} is unknown; use one of {1}"
WB_FORMULA = "the column {0} (column {1}) holds a formula; type the value itself"
MORE_PROBLEMS = "… and {0} more problems"

# A rule in words, beside the value entered (describe.py)
RULE_POINTS = "{0} points"
RULE_OPTION = "{0}: {1}"
RULE_YES_NO = "Yes: {0}; No: {1}"
RULE_DEADLINE = "On time: {0}; late: {1}; not done: {2}"
RULE_DEADLINE_DUE = "Due {0}. On time: {1}; late: {2}; not done: {3}"
RULE_PROPORTIONAL = "Points in proportion to the rate; {0} % earns the maximum"
RULE_FLOOR = "no point below {0} %"
RULE_DEDUCTION = "{0} off for each time, down to {1}"
RULE_MANUAL = "A score from 0 to {0}"
RULE_STEP = "in steps of {0}"
RULE_SURVEY = "From the survey; not entered by the unit"
RULE_BAND_RANGE = "from {0} to {1}"
RULE_BAND_ABOVE = "above {0}"
RULE_BAND_FROM = "{0} or more"
RULE_BAND_BELOW = "below {0}"
RULE_BAND_UP_TO = "up to {0}"
RULE_BAND_BOTH = "{0} and {1}"
RULE_BAND_ANY = "any value"

# Flags before appraisal (flags.py)
FLAG_FULL_WITHOUT_EVIDENCE = "Full marks claimed with no evidence file attached"
FLAG_JUMP = "Claims {0} % of the maximum; {1} % was appraised last year"
FLAG_OUTLIER = (
	"Far above the unit group (robust z-score {0}; the group's median claim is {1} % of the maximum)"
)
FLAG_LATE_EVIDENCE = "Claimed done on time ({0}, due {1}) but an evidence document is dated {2}"
FLAG_REPEATED = "The explanation repeats last year's ({0} % alike)"
FLAG_EVIDENCE_DATE = "The evidence document is dated {0} but the unit entered {1}"

# Appraisal by field (appraisal.py)
NA_REFUSED_WITHOUT_REMARK = 'Criterion {0}: say in the appraiser\'s remark why "not applicable" is refused'
FIELDS_NOT_SIGNED_OFF = "Field {0} is not signed off yet ({1})"
OVERRIDE_NEEDS_REASON = (
	"Some fields are not signed off: only a PAR manager may finish the appraisal, with the reason written in"
	' "Reason for finishing without every sign-off"'
)
SIGN_OFF_NOT_YOURS = "Field {0} is not assigned to you in the criteria set {1}"
SIGN_OFF_WRONG_STAGE = "Fields are signed off while the assessment is under appraisal, not in the state {0}"
SIGN_OFF_UNKNOWN_FIELD = "{0} is not a field of this assessment"


def all_templates() -> dict[str, str]:
	"""Name → template, for the translation check."""
	return {k: v for k, v in globals().items() if k.isupper() and isinstance(v, str)}
