// Copyright (c) 2026, ParIndex developers
// License: AGPL-3.0. See license.txt

frappe.listview_settings["PAR Unit"] = {
	onload(listview) {
		if (!frappe.user.has_role(["PAR Manager", "System Manager"])) return;
		listview.page.add_inner_button(__("Merge units"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Merge units"),
				fields: [
					{
						fieldname: "units",
						fieldtype: "MultiSelectList",
						label: __("Units merged"),
						reqd: 1,
						get_data: (txt) =>
							frappe.db.get_link_options("PAR Unit", txt, { is_group: 0, disabled: 0 }),
					},
					{ fieldname: "new_unit", fieldtype: "Data", label: __("The unit they form"), reqd: 1 },
					{ fieldname: "from_date", fieldtype: "Date", label: __("From"), reqd: 1 },
					{
						fieldname: "unit_group",
						fieldtype: "Link",
						options: "PAR Unit Group",
						label: __("Unit group"),
						description: __("Needed only when the units are in different groups."),
					},
				],
				primary_action_label: __("Merge"),
				primary_action(values) {
					frappe.call({
						method: "parindex.par_index.lineage.merge_units",
						args: {
							units: values.units || [],
							new_unit: values.new_unit,
							from_date: values.from_date,
							unit_group: values.unit_group,
						},
						freeze: true,
						callback: (r) => {
							dialog.hide();
							frappe.show_alert({ message: __("{0} formed", [r.message]), indicator: "green" });
							frappe.set_route("Form", "PAR Unit", r.message);
						},
					});
				},
			});
			dialog.show();
		});
	},
};
