# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from parindex.par_index import lineage


class PARUnit(NestedSet):
	nsm_parent_field = "parent_par_unit"

	def validate(self):
		if not self.is_group and not self.unit_group:
			frappe.throw(
				_("Unit {0}: choose the unit group it is ranked in.").format(self.unit_name),
				title=_("Missing unit group"),
			)
		lineage.check(self)
		if self.parent_par_unit and not frappe.db.get_value("PAR Unit", self.parent_par_unit, "is_group"):
			frappe.throw(
				_("Unit {0}: the parent {1} is not a group.").format(self.unit_name, self.parent_par_unit),
				title=_("Invalid parent unit"),
			)
