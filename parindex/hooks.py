app_name = "parindex"
app_title = "PAR Index"
app_publisher = "ParIndex developers"
app_description = "Public Administration Reform index (Chỉ số CCHC) for Vietnamese provinces"
app_email = "parindex@example.org"
app_license = "agpl-3.0"
required_apps = []

# Tree views
doctype_tree_js = {"PAR Criterion": "public/js/par_criterion_tree.js"}

# The assessment workflow, its states and actions, shipped as data an admin may change
fixtures = [
	{
		"dt": "Workflow State",
		"filters": [
			[
				"name",
				"in",
				[
					"Draft",
					"Submitted",
					"Under Appraisal",
					"Explanation Requested",
					"Explained",
					"Appraised",
					"Approved",
				],
			]
		],
	},
	{
		"dt": "Workflow Action Master",
		"filters": [
			[
				"name",
				"in",
				[
					"Submit for Appraisal",
					"Withdraw",
					"Start Appraisal",
					"Request Explanation",
					"Send Explanation",
					"Finish Appraisal",
					"Approve",
					"Return to Appraisal",
				],
			]
		],
	},
	{"dt": "Workflow", "filters": [["name", "=", "PAR Assessment"]]},
]

after_install = "parindex.setup.install.after_install"
after_migrate = "parindex.setup.install.after_install"

scheduler_events = {"daily": ["parindex.par_assessment.reminders.send_reminders"]}

# child-table rows listed on their own follow their parent's visibility
permission_query_conditions = {
	"PAR Assessment Line": "parindex.permissions.assessment_rows",
	"PAR Assessment Field": "parindex.permissions.assessment_rows",
	"PAR Evidence": "parindex.permissions.assessment_rows",
	"PAR Ranking Entry": "parindex.permissions.ranking_entries",
}
