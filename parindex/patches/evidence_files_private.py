"""Evidence is private: a file attached to an assessment as public (possible before this version)
becomes private, so that only those who may read the assessment can download it."""

import frappe


def execute():
	for name in frappe.get_all(
		"File",
		filters={"attached_to_doctype": "PAR Assessment", "is_private": 0, "is_folder": 0},
		pluck="name",
	):
		file_doc = frappe.get_doc("File", name)
		old_url = file_doc.file_url
		file_doc.is_private = 1
		file_doc.save(ignore_permissions=True)
		frappe.db.set_value(
			"PAR Evidence",
			{"parent": file_doc.attached_to_name, "file": old_url},
			"file",
			file_doc.file_url,
			update_modified=False,
		)
