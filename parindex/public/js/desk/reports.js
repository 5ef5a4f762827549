// Report filters that open with something useful: the user's current criteria set, the latest
// published ranking, the user's unit.
frappe.provide("parindex.reports");

$.extend(parindex.reports, {
	criteria_set_filter(extra = {}) {
		return {
			fieldname: "criteria_set",
			label: __("Criteria set"),
			fieldtype: "Link",
			options: "PAR Criteria Set",
			reqd: 1,
			...extra,
		};
	},

	/** Fill the empty filters with the user's defaults (which set, which unit, which survey). */
	set_defaults(report, wanted = ["criteria_set"]) {
		// what the address asks for wins, even when it is applied after the defaults arrive
		const asked = { ...frappe.utils.get_query_params(), ...(frappe.route_options || {}) };
		frappe.xcall("parindex.par_ranking.report.common.default_filters").then((defaults) => {
			for (const key of wanted) {
				const source = key === "published_set" ? "criteria_set" : key;
				const value = defaults[key];
				if (source in asked) continue;
				if (value && report.get_filter(source) && !report.get_filter_value(source)) {
					report.set_filter_value(source, value);
				}
			}
		});
	},
});
