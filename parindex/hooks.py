app_name = "parindex"
app_title = "PAR Index"
app_publisher = "ParIndex developers"
app_description = "Public Administration Reform index (Chỉ số CCHC) for Vietnamese provinces"
app_email = "parindex@example.org"
app_license = "agpl-3.0"
required_apps = []

# Desk code shared by forms and reports (parindex/public/js/parindex.bundle.js)
app_include_js = "parindex.bundle.js"

# Tree views
doctype_tree_js = {"PAR Criterion": "public/js/par_criterion_tree.js"}

# The assessment workflow, its states, actions and roles, the stage column and the settings are made on
# install, and by a patch on sites installed before (parindex/setup): once, never overwritten, so an
# admin's changes survive every update.
after_install = "parindex.setup.install.after_install"
after_migrate = "parindex.setup.install.after_migrate"

scheduler_events = {"daily": ["parindex.par_assessment.digest.send_digests"]}

# Who may read what (parindex.access): a unit's users read only their own units' assessments, rows
# and evidence until the ranking is published; drafts of a publication stay with the overseers
has_permission = {
	"PAR Assessment": "parindex.access.rules.assessment_permission",
	"PAR Ranking Publication": "parindex.access.rules.publication_permission",
	"File": "parindex.access.files.file_permission",
	"Notification Log": "parindex.access.rules.own_notification",
	"PAR Criterion Question": "parindex.par_index.questions.question_permission",
	"PAR Digest Log": "parindex.access.rules.own_digest",
}
permission_query_conditions = {
	"PAR Assessment": "parindex.access.rules.assessment_query",
	"PAR Assessment Line": "parindex.access.rules.assessment_rows_query",
	"PAR Assessment Field": "parindex.access.rules.assessment_rows_query",
	"PAR Evidence": "parindex.access.rules.assessment_rows_query",
	"PAR Ranking Publication": "parindex.access.rules.publication_query",
	"PAR Ranking Entry": "parindex.access.rules.ranking_entries_query",
	"PAR Ranking Field Entry": "parindex.access.rules.ranking_entries_query",
	"PAR Ranking Satisfaction": "parindex.access.rules.ranking_entries_query",
	"File": "parindex.access.files.files_query",
	"PAR Criterion Question": "parindex.par_index.questions.question_query",
	"PAR Digest Log": "parindex.access.rules.own_digests_query",
}
standard_queries = {
	"PAR Assessment": "parindex.access.endpoints.search",
	"PAR Assessment Line": "parindex.access.endpoints.search",
	"PAR Assessment Field": "parindex.access.endpoints.search",
	"PAR Evidence": "parindex.access.endpoints.search",
	"PAR Ranking Publication": "parindex.access.endpoints.search",
	"PAR Ranking Entry": "parindex.access.endpoints.search",
	"PAR Ranking Field Entry": "parindex.access.endpoints.search",
	"PAR Ranking Satisfaction": "parindex.access.endpoints.search",
	"PAR Survey Response": "parindex.access.endpoints.search",
	"PAR Survey Response Answer": "parindex.access.endpoints.search",
	"PAR Survey Invitation": "parindex.access.endpoints.search",
	"File": "parindex.access.endpoints.search",
	"PAR Criterion Question": "parindex.access.endpoints.search",
	"PAR Digest Log": "parindex.access.endpoints.search",
}
override_whitelisted_methods = {
	"frappe.client.get_count": "parindex.access.endpoints.get_count",
	"frappe.client.get": "parindex.access.endpoints.get",
	"frappe.desk.listview.get_group_by_count": "parindex.access.endpoints.get_group_by_count",
	"frappe.desk.form.utils.get_next": "parindex.access.endpoints.get_next",
	"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count": (
		"parindex.access.endpoints.get_workflow_state_count"
	),
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "parindex.access.endpoints.dashboard_chart",
	"frappe.desk.desktop.get_workspace_sidebar_items": "parindex.landing.get_workspace_sidebar_items",
}

# PAR users land on the workspace Chỉ số CCHC and see the app's workspaces only
boot_session = "parindex.landing.boot_session"
# the public results page, /ket-qua/… (parindex.par_ranking.public)
page_renderer = ["parindex.par_ranking.public.ResultsPage"]
before_request = [
	"parindex.access.arguments.check_request",
	"parindex.access.endpoints.unlist_originals",
	"parindex.par_survey.answering.page_language",
]
doc_events = {
	"File": {
		"before_insert": "parindex.access.files.check_new_file",
		"validate": "parindex.access.files.check_changed_file",
		"on_trash": "parindex.access.files.keep_evidence_in_use",
	},
	"Document Follow": {"validate": "parindex.access.rules.check_follow"},
	"PAR Settings": {"on_update": "parindex.par_ranking.public.forget_pages"},
}
