// What lifts our rank (Mô phỏng nâng hạng) on an assessment: where the unit can still gain, what
// each criterion would bring, the fewest criteria to the next rank and band, and values tried out in
// the dialog without saving (parindex.par_assessment.simulation).
frappe.provide("parindex.simulation");

const SIMULATE = "parindex.par_assessment.simulation.simulate_assessment";

$.extend(parindex.simulation, {
	open(frm) {
		const codes = (frm.doc.lines || []).map((line) => line.code);
		const dialog = new frappe.ui.Dialog({
			title: __("What lifts our rank"),
			size: "extra-large",
			fields: [
				{
					fieldname: "source",
					label: __("From"),
					fieldtype: "Select",
					options: [
						{ value: "final", label: __("Final points") },
						{ value: "self", label: __("The unit's own points") },
					],
					default: "final",
					change: () => parindex.simulation.run(frm, dialog),
				},
				{ fieldname: "result", fieldtype: "HTML" },
				{ fieldtype: "Section Break", label: __("Try other values (nothing is saved)") },
				{
					fieldname: "values",
					fieldtype: "Table",
					label: __("Values to try"),
					cannot_add_rows: false,
					in_place_edit: true,
					data: [],
					fields: [
						{
							fieldname: "code",
							label: __("Criterion"),
							fieldtype: "Select",
							options: [""].concat(codes),
							in_list_view: 1,
							columns: 3,
						},
						{
							fieldname: "value",
							label: __("Value"),
							fieldtype: "Data",
							in_list_view: 1,
							columns: 5,
						},
					],
				},
			],
			primary_action_label: __("Recompute"),
			primary_action: () => parindex.simulation.run(frm, dialog),
		});
		dialog.show();
		this.run(frm, dialog);
	},

	run(frm, dialog) {
		const values = {};
		for (const row of dialog.get_value("values") || []) {
			if (row.code) values[row.code] = row.value;
		}
		frappe.call({
			method: SIMULATE,
			args: { assessment: frm.doc.name, source: dialog.get_value("source"), values },
			freeze: true,
			callback: (r) => dialog.fields_dict.result.$wrapper.html(this.render(r.message)),
		});
	},

	render(result) {
		const esc = frappe.utils.escape_html;
		const num = (value) => (value === null || value === undefined ? "" : format_number(value, null, 2));
		const standing = (row) =>
			[
				`${num(row.index)} %`,
				result.ranked && row.rank ? __("rank {0}", [row.rank]) : "",
				row.band ? esc(row.band) : "",
			]
				.filter(Boolean)
				.join(" · ");
		const target = (label, t) => {
			if (!t) return "";
			const list = t.codes.map((code, i) => `<b>${esc(code)}</b> ${esc(t.titles[i] || "")}`).join("; ");
			return `<p class="parindex-sim-target">${esc(label)} — ${esc(t.label)} (${num(t.goal)} %): ${list}
				→ ${standing(t)}</p>`;
		};
		const rows = result.opportunities
			.map(
				(o) => `<tr>
					<td>${esc(o.code)}</td>
					<td>${esc(o.title)}${o.survey ? ` <span class="text-muted">(${__("survey")})</span>` : ""}</td>
					<td class="text-right">${num(o.points)} / ${num(o.maximum)}</td>
					<td class="text-right">+${num(o.gain)}</td>
					<td>${standing(o)}</td>
				</tr>`
			)
			.join("");
		return `
			<p class="parindex-sim-now"><b>${__("Now")}:</b> ${standing(result)}
				${result.tried.length ? ` <span class="text-muted">(${__("with the values tried")})</span>` : ""}</p>
			${target(__("Next band"), result.next_band)}
			${result.ranked ? target(__("Next rank"), result.next_rank) : ""}
			${result.ranked ? "" : `<p class="text-muted">${__("Until the ranking is published you see the bands only, not ranks.")}</p>`}
			${
				rows
					? `<table class="table table-sm parindex-sim-table">
						<thead><tr><th>${__("Code")}</th><th>${__("Criterion")}</th>
						<th class="text-right">${__("Points now")}</th><th class="text-right">${__("Points to gain")}</th>
						<th>${__("If gained")}</th></tr></thead><tbody>${rows}</tbody></table>`
					: `<p>${__("Every applicable criterion is at its maximum.")}</p>`
			}`;
	},
});
