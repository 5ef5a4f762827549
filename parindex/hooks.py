app_name = "parindex"
app_title = "PAR Index"
app_publisher = "ParIndex developers"
app_description = "Public Administration Reform index (Chỉ số CCHC) for Vietnamese provinces"
app_email = "parindex@example.org"
app_license = "agpl-3.0"
required_apps = []

# Tree views
doctype_tree_js = {"PAR Criterion": "public/js/par_criterion_tree.js"}

# Roles that exist from installation on; later issues add the assessment roles.
fixtures = []

after_install = "parindex.setup.install.after_install"
