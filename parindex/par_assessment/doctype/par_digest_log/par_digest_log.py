# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

from frappe.model.document import Document


class PARDigestLog(Document):
	"""One person's daily digest as it was sent (written in bulk by parindex.par_assessment.digest)."""
