frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["PAR Assessments by State"] = {
	method: "parindex.par_ranking.dashboard_chart_source.par_assessments_by_state.par_assessments_by_state.get",
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			description: __("Empty: the year of the active criteria set"),
		},
	],
};
