// The assessment form as units and appraisers use it: a control fit for each criterion's rule (in the
// grid and in the row form), one field (lĩnh vực) at a time with progress and jumps to what is missing,
// scores and totals that follow each value typed, evidence attached on the criterion's own row.
frappe.provide("parindex.assessment");

const LINE = "PAR Assessment Line";
const VALUES = ["self_input", "appraised_input"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

$.extend(parindex.assessment, {
	specs(frm) {
		const fresh = frm.doc.__onload && frm.doc.__onload.entry;
		if (fresh) frm.parindex_specs = fresh;
		return frm.parindex_specs || {};
	},

	setup(frm) {
		const grid = frm.fields_dict.lines && frm.fields_dict.lines.grid;
		if (!grid) return;
		// the lines are the criteria set's: none is added or removed by hand (the server refuses it too)
		frm.set_df_property("lines", "cannot_add_rows", 1);
		frm.set_df_property("lines", "cannot_delete_rows", 1);
		if (!grid.parindex_ready) {
			// one field at a time: the grid shows the lines of the chosen field only
			const get_data = grid.get_data.bind(grid);
			grid.get_data = (...args) => {
				const rows = get_data(...args) || [];
				const field = frm.parindex_field;
				return field ? rows.filter((row) => row.field_code === field) : rows;
			};
			const refresh = grid.refresh.bind(grid);
			grid.refresh = (...args) => {
				const out = refresh(...args);
				parindex.assessment.type_rows(frm);
				return out;
			};
			this.setup_keys(grid);
			grid.parindex_ready = true;
		}
		if (frm.parindex_field === undefined) frm.parindex_field = this.first_field(frm);
		grid.refresh();
		this.render_panel(frm);
	},

	/** Keyboard entry down a column, as in a spreadsheet: Enter or ↓ to the next line, ↑ to the one
	 * before, Tab past the last column to the next line. Frappe's own keys find the next row by its
	 * position in the whole table, which is wrong once the grid shows one field: these go first. */
	setup_keys(grid) {
		// a click on a cell whose control is a list or a toggle puts the keyboard in it, as for a text box
		// (seen on the way down: Frappe's own click handler stops the click there)
		grid.wrapper[0].addEventListener(
			"click",
			(e) => {
				const col = e.target.closest && e.target.closest(".grid-row .grid-static-col");
				if (!col) return;
				setTimeout(() => {
					if (col.contains(document.activeElement)) return;
					$(col).find("select:enabled:visible, input:enabled:visible").first().trigger("focus");
				}, 50);
			},
			true
		);
		// what was typed in each cell, in case the cell is redrawn (and emptied) before Enter takes it
		grid.wrapper[0].addEventListener(
			"input",
			(e) => {
				const el = e.target.closest && e.target.closest("[data-fieldname]");
				const row = el && el.closest(".grid-row");
				if (!row) return;
				this.typed = this.typed || {};
				this.typed[`${row.getAttribute("data-name")}:${el.getAttribute("data-fieldname")}`] = el.value;
			},
			true
		);
		grid.wrapper[0].addEventListener(
			"keydown",
			(e) => {
				const input = e.target.closest("[data-fieldname]");
				const moves = { ArrowDown: 1, Enter: 1, ArrowUp: -1, Tab: e.shiftKey ? 0 : 1 };
				if (!input || !(e.key in moves) || !moves[e.key] || e.altKey || e.ctrlKey || e.metaKey) return;
				if (["TEXTAREA", "BUTTON"].includes(input.tagName) || !e.target.closest(".grid-row .editable-row")) {
					return;
				}
				const rows = grid.grid_rows || [];
				const at = rows.findIndex((row) => row.wrapper && row.wrapper[0].contains(input));
				if (at < 0) return;
				const fieldname = input.getAttribute("data-fieldname");
				if (e.key === "Tab") {
					const inputs = [...rows[at].wrapper[0].querySelectorAll(".editable-row [data-fieldname]")].filter(
						(el) => !el.disabled && el.offsetParent !== null && el.tagName !== "BUTTON"
					);
					if (inputs[inputs.length - 1] !== input) return; // within the line: the browser's Tab
				}
				e.preventDefault();
				e.stopPropagation();
				const step = moves[e.key];
				// the next line whose column takes a value (lines from the survey take none)
				const go = (to) => {
					const next = rows[to];
					if (!next) return;
					next.toggle_editable_row(true);
					setTimeout(() => {
						const field = e.key !== "Tab" && next.columns[fieldname] && next.columns[fieldname].field;
						const $input = field && field.$input;
						if ($input && $input.is(":visible") && !$input.prop("disabled")) return $input.trigger("focus");
						if (e.key !== "Tab" && rows[to + step]) return go(to + step);
						next.row.find(":input:enabled:visible").first().trigger("focus");
					}, 50);
				};
				// the value typed is stored before the line is left (a date typed and Enter at once
				// would otherwise be lost while the row is redrawn)
				this.commit_typed(rows[at], fieldname, input).then(() => go(at + step));
			},
			true
		);
	},

	/** Store what is typed in a grid cell now, through its control's parser, and wait for it. */
	commit_typed(grid_row, fieldname, input) {
		const column = grid_row.columns && grid_row.columns[fieldname];
		const control = column && column.field;
		const doc = grid_row.doc;
		if (!control || !control.get_input_value || !doc) {
			$(input).trigger("change");
			return Promise.resolve();
		}
		const empty = (v) => v === null || v === undefined || v === "";
		const key = `${doc.name}:${fieldname}`;
		let value = control.get_input_value();
		if (empty(value) && this.typed && !empty(this.typed[key])) value = this.typed[key];
		if (this.typed) delete this.typed[key];
		if (control.parse) value = control.parse(value);
		if ((empty(value) && empty(doc[fieldname])) || String(value) === String(doc[fieldname])) {
			return Promise.resolve();
		}
		if (!empty(value)) {
			this.committed = this.committed || {};
			this.committed[key] = { value, at: Date.now() };
		}
		return Promise.resolve(frappe.model.set_value(doc.doctype, doc.name, fieldname, value));
	},

	/** The fields assigned to the user as an appraiser (none for others). */
	my_fields(frm) {
		const fresh = frm.doc.__onload && frm.doc.__onload.my_fields;
		if (fresh) frm.parindex_my_fields = fresh;
		return frm.parindex_my_fields || [];
	},

	/** Where the form opens: a unit on the first field with a value missing; an appraiser on the first
	 * of their fields with a line not yet appraised. */
	first_field(frm) {
		const lines = (frm.doc.lines || []).filter((l) => l.rule_kind !== "Survey");
		const mine = this.my_fields(frm);
		if (mine.length) {
			const own = lines.filter((l) => mine.includes(l.field_code));
			const todo = own.find((l) => !l.not_applicable && !this.filled(l.appraised_input));
			return (todo || own[0] || {}).field_code || null;
		}
		const todo = lines.find((l) => this.is_missing(l));
		return (todo || lines[0] || {}).field_code || null;
	},

	/** The docfield of a value column, made the control of the criterion's rule. */
	type_docfield(df, spec) {
		const base = frappe.meta.get_docfield(LINE, df.fieldname);
		df.fieldtype = "Data";
		df.options = "";
		df.description = __(base.description || "");
		df.formatter = null;
		df.precision = "";
		df.read_only = base.read_only;
		const bounds = [];
		if (spec.min !== undefined && spec.min !== null) bounds.push(__("from {0}", [format_number(spec.min)]));
		if (spec.max !== undefined && spec.max !== null) bounds.push(__("to {0}", [format_number(spec.max)]));
		switch (spec.control) {
			case "select":
				df.fieldtype = "Select";
				df.options = ["", ...spec.choices].join("\n");
				break;
			case "date":
				df.fieldtype = "Date";
				df.description = __("The date it was done (due {0}); if it was not done, use the button Not done.", [
					frappe.datetime.str_to_user(spec.due),
				]);
				df.formatter = (value, field, options, row) =>
					value && !ISO_DATE.test(value)
						? __(value)
						: frappe.form.formatters.Date(value, field, options, row);
				break;
			case "integer":
				df.fieldtype = "Int";
				df.description = __("How many times; a whole number {0}.", [bounds.join(" ")]);
				break;
			case "number": {
				df.fieldtype = "Float";
				df.precision = "2";
				const unit = spec.unit === "%" ? "%" : spec.unit === "points" ? __("points") : "";
				const step = spec.step ? __(", in steps of {0}", [format_number(spec.step)]) : "";
				df.description = [unit, bounds.join(" ")].filter(Boolean).join(", ") + step;
				break;
			}
			default:
				df.read_only = 1; // from the survey, never typed
		}
		if (spec.rule) {
			df.description = [df.description, __("Rule: {0}", [spec.rule])].filter(Boolean).join(" · ");
		}
	},

	/** Each shown line's controls made those of its rule: the grid row's fields and the line's own copy
	 * of them, which the row form reads (Frappe reuses a grid row for another line when the grid shows
	 * another field, so both are typed each time). */
	type_rows(frm) {
		const grid = frm.fields_dict.lines.grid;
		const specs = this.specs(frm);
		for (const row of grid.grid_rows || []) {
			if (!row.doc || !row.docfields) continue;
			const spec = specs[row.doc.code] || { control: "none" };
			const changed = this.type_fields(row.docfields, row.doc, spec);
			this.type_fields(frappe.meta.get_docfields(LINE, row.doc.name), row.doc, spec);
			for (const fieldname of changed) {
				const column = row.columns && row.columns[fieldname];
				if (column && column.field) {
					column.field.$wrapper.remove();
					column.field = null;
				}
			}
			this.value_types(row);
			if (changed.length) row.refresh();
		}
	},

	/** The fields whose control changed. */
	type_fields(docfields, doc, spec) {
		const changed = [];
		for (const df of docfields || []) {
			const before = `${df.fieldtype}|${df.options}|${df.read_only}`;
			if (VALUES.includes(df.fieldname)) {
				this.type_docfield(df, spec);
			} else if (df.fieldname === "rule_summary") {
				// the rule in words, not the admins' parameters (yes=1; no=0)
				if (spec.rule) df.formatter = () => frappe.utils.escape_html(spec.rule);
			} else if (df.fieldname === "appraised_score") {
				// a line nobody has appraised has no appraised score (not a copy of the unit's)
				df.formatter = (value, field, options, line) =>
					line && !line.appraised && line.rule_kind !== "Survey" && !line.not_applicable
						? `<span class="text-muted">${__("Not yet appraised")}</span>`
						: frappe.form.formatters.Float(value, field, options, line);
			} else if (df.fieldname === "not_applicable") {
				df.read_only = doc.not_applicable_allowed && doc.rule_kind !== "Survey" ? 0 : 1;
			}
			if (before !== `${df.fieldtype}|${df.options}|${df.read_only}`) changed.push(df.fieldname);
		}
		return changed;
	},

	/** Numbers kept as text ("72.14") become numbers for the number controls, whatever the
	 * number format shown (72,14); nothing reported stays empty, not 0. */
	value_types(row) {
		for (const df of row.docfields) {
			if (!VALUES.includes(df.fieldname)) continue;
			const value = row.doc[df.fieldname];
			if (df.fieldtype === "Float" || df.fieldtype === "Int") {
				if (value === "" || value === undefined) row.doc[df.fieldname] = null;
				else if (typeof value === "string" && !isNaN(Number(value))) row.doc[df.fieldname] = Number(value);
			}
		}
	},

	is_missing(line) {
		return !line.not_applicable && !this.filled(line.self_input);
	},

	/** A value is there, 0 included (a number control holds 0 as a number). */
	filled(value) {
		return value !== null && value !== undefined && String(value).trim() !== "";
	},

	lacks_evidence(frm, line) {
		if (!line.evidence_required || line.not_applicable || String(line.no_evidence_reason || "").trim()) {
			return false;
		}
		return !(frm.doc.evidence || []).some((e) => e.file && e.criterion_code === line.code);
	},

	/** Progress, the fields to work in one by one, and the criteria still missing something. */
	render_panel(frm) {
		const field = frm.fields_dict.entry_panel;
		if (!field) return;
		const esc = frappe.utils.escape_html;
		const lines = (frm.doc.lines || []).filter((l) => l.rule_kind !== "Survey");
		const missing = lines.filter((l) => this.is_missing(l));
		const no_evidence = lines.filter((l) => this.lacks_evidence(frm, l));
		const appraised = lines.filter((l) => l.appraised).length;
		const titles = {};
		for (const row of frm.doc.field_results || []) titles[row.field_code] = row.field_title;
		const codes = [...new Set((frm.doc.lines || []).map((l) => l.field_code))];
		const button = (code, label, active) =>
			`<button class="btn btn-xs ${active ? "btn-primary" : "btn-default"} par-field" data-field="${esc(
				code || ""
			)}">${esc(label)}</button>`;
		const mine = this.my_fields(frm);
		const per_field = codes
			.map((code) => {
				const own = lines.filter((l) => l.field_code === code);
				// an appraiser counts what is appraised in their fields; everyone else what is entered
				const done = mine.includes(code)
					? own.filter((l) => l.not_applicable || l.appraised).length
					: own.length - own.filter((l) => this.is_missing(l)).length;
				const label = `${code}. ${titles[code] || ""} (${done}/${own.length})${
					mine.includes(code) ? " · " + __("your field") : ""
				}`;
				return button(code, label, frm.parindex_field === code);
			})
			.join(" ");
		const links = (rows) =>
			rows
				.slice(0, 30)
				.map((l) => `<a class="par-jump" data-code="${esc(l.code)}">${esc(l.code)}</a>`)
				.join(", ");
		const jumps = links([...new Set([...missing, ...no_evidence])]);
		// the appraisers' questions still waiting for the unit's explanation
		const to_explain = (frm.doc.lines || []).filter(
			(l) => l.explanation_requested && !this.filled(l.explanation)
		);
		const totals = __("Self-assessed points {0}, index {1} %", [
			format_number(frm.doc.self_total || 0, null, 2),
			format_number(frm.doc.self_index || 0, null, 2),
		]);
		field.$wrapper.html(`
			<div class="par-entry-panel" style="margin-bottom: var(--margin-md)">
				<p class="par-progress">
					<b>${__("{0}/{1} criteria entered", [lines.length - missing.length, lines.length])}</b>,
					<b>${__("{0} lacking evidence", [no_evidence.length])}</b>
					${appraised ? " · " + __("{0} appraised", [appraised]) : ""}
					· <span class="par-totals">${totals}</span>
				</p>
				<div class="par-fields" style="display: flex; flex-wrap: wrap; gap: 4px">
					${per_field} ${button("", __("All fields"), !frm.parindex_field)}
				</div>
				${jumps ? `<p class="par-missing text-muted small" style="margin-top: 6px">${__("Still missing")}: ${jumps}</p>` : ""}
				${this.appraisal_html(frm)}
				${
					to_explain.length
						? `<p class="par-explain small text-danger" style="margin-top: 6px">${__(
								"Waiting for the unit's explanation"
						  )}: ${links(to_explain)}</p>`
						: ""
				}
			</div>`);
		field.$wrapper.find(".par-field").on("click", (e) => {
			frm.parindex_field = $(e.currentTarget).attr("data-field") || null;
			frm.fields_dict.lines.grid.refresh();
			this.render_panel(frm);
		});
		field.$wrapper.find(".par-jump").on("click", (e) => this.jump(frm, $(e.currentTarget).attr("data-code")));
		field.$wrapper.find(".par-sign").on("click", (e) => {
			const $b = $(e.currentTarget);
			this.sign_off(frm, $b.attr("data-field"), $b.attr("data-undo") === "1");
		});
	},

	/** Where the appraisal stands, field by field (who signs off, who signed, when); what is still
	 * unappraised; the explanation's due date; for the support team, the lines flagged for attention. */
	appraisal_html(frm) {
		const esc = frappe.utils.escape_html;
		const doc = frm.doc;
		if (!doc.workflow_state || doc.workflow_state === "Draft") return "";
		const mine = this.my_fields(frm);
		const manager = frappe.user.has_role("PAR Manager") || frappe.user.has_role("System Manager");
		const open = !!(doc.__onload && doc.__onload.signing) && !frm.is_dirty();
		const appraisable = new Set(
			(doc.lines || []).filter((l) => l.rule_kind !== "Survey").map((l) => l.field_code)
		);
		const status = {
			"Signed off": "green",
			"In progress": "orange",
			"Not started": "gray",
		};
		const rows = (doc.field_results || [])
			.filter((f) => appraisable.has(f.field_code))
			.map((f) => {
				const signed = f.appraisal_status === "Signed off";
				const who = signed
					? `${esc(frappe.user.full_name(f.signed_off_by))}, ${frappe.datetime.str_to_user(f.signed_off_on)}`
					: esc(f.appraisers || "");
				const may = open && (manager || mine.includes(f.field_code));
				const action = may
					? `<button class="btn btn-xs btn-default par-sign" data-field="${esc(f.field_code)}" data-undo="${
							signed ? 1 : 0
					  }">${signed ? __("Reopen") : __("Sign off field")}</button>`
					: "";
				return `<tr class="par-field-status" data-field="${esc(f.field_code)}">
					<td>${esc(f.field_code)}. ${esc(f.field_title || "")}</td>
					<td><span class="indicator-pill ${status[f.appraisal_status] || "gray"}">${esc(
						__(f.appraisal_status || "Not started")
					)}</span></td>
					<td>${who}</td><td>${f.unappraised ? __("{0} lines left", [f.unappraised]) : ""}</td>
					<td>${action}</td></tr>`;
			})
			.join("");
		const left = doc.unappraised_lines
			? `<b class="par-unappraised">${__("{0} lines not yet appraised ({1} points)", [
					doc.unappraised_lines,
					format_number(doc.unappraised_max || 0, null, 2),
			  ])}</b>`
			: `<b class="par-unappraised">${__("Every line is appraised")}</b>`;
		let due = "";
		if (doc.explanation_due) {
			const late = frappe.datetime.get_diff(frappe.datetime.get_today(), doc.explanation_due) > 0;
			due = `<span class="par-explanation-due ${late ? "text-danger" : ""}"> · ${
				late
					? __("Explanation overdue since {0}", [frappe.datetime.str_to_user(doc.explanation_due)])
					: __("Explanation due {0}", [frappe.datetime.str_to_user(doc.explanation_due)])
			}</span>`;
		}
		const flagged = (doc.lines || []).filter((l) => l.flag_codes);
		const flags = flagged.length
			? `<p class="par-flagged small" style="margin-top: 6px"><span class="indicator-pill red">${__(
					"Needs attention"
			  )}</span> ${flagged
					.slice(0, 30)
					.map(
						(l) =>
							`<a class="par-jump" data-code="${esc(l.code)}" title="${esc(l.flag_reasons || "")}">${esc(l.code)}</a>`
					)
					.join(", ")}</p>`
			: "";
		return `<div class="par-appraisal" style="margin-top: 6px">
			<p>${left}${due}</p>
			<table class="table table-sm table-bordered small" style="margin-bottom: 4px">
				<thead><tr><th>${__("Field")}</th><th>${__("Appraisal")}</th><th>${__("Appraisers")}</th>
				<th></th><th></th></tr></thead><tbody>${rows}</tbody></table>${flags}</div>`;
	},

	sign_off(frm, field, undo) {
		const go = () =>
			frappe
				.call({
					method: "parindex.par_assessment.appraisal.sign_off",
					args: { assessment: frm.doc.name, field, undo: undo ? 1 : 0 },
					freeze: true,
				})
				.then(() => frm.reload_doc());
		if (undo) go();
		else
			frappe.confirm(
				__("Sign off field {0}? Its lines without an appraised value are accepted as the unit reported them.", [
					field,
				]),
				go
			);
	},

	jump(frm, code) {
		const line = (frm.doc.lines || []).find((l) => l.code === code);
		if (!line) return;
		frm.parindex_field = line.field_code;
		const grid = frm.fields_dict.lines.grid;
		grid.refresh();
		this.render_panel(frm);
		const row = grid.grid_rows_by_docname[line.name];
		if (row) {
			frappe.utils.scroll_to(row.wrapper, true, 120);
			row.toggle_view(true);
		}
	},

	/** A value typed: checked by its rule at once (refused with the rule stated), kept canonical. */
	value_changed(frm, cdt, cdn, fieldname) {
		const row = locals[cdt][cdn];
		const value = row[fieldname];
		frm.parindex_checked = frm.parindex_checked || {};
		const key = `${cdn}:${fieldname}`;
		if (frm.parindex_checked[key] === value) return;
		const empty = value === null || value === undefined || String(value).trim() === "";
		// a date control redrawn just after its value was taken clears itself (its picker's clear()
		// fires a change): a value emptied within a moment of being entered is put back
		const recent = (this.committed || {})[key];
		if (empty && recent && Date.now() - recent.at < 2000) {
			delete this.committed[key];
			frappe.model.set_value(cdt, cdn, fieldname, recent.value);
			return;
		}
		const done = (stored) => {
			frm.parindex_checked[key] = stored;
			if (stored !== value) frappe.model.set_value(cdt, cdn, fieldname, stored);
			this.schedule_preview(frm);
		};
		if (empty) return done("");
		frappe
			.call({
				method: "parindex.par_assessment.entry.check_value",
				args: { assessment: frm.doc.name, code: row.code, value },
			})
			.then((r) => done(r.message.value))
			.catch(() => {
				// refused: back to the last value the rule took
				const previous = frm.parindex_checked[key] ?? "";
				frm.parindex_checked[key] = previous;
				frappe.model.set_value(cdt, cdn, fieldname, previous);
			});
	},

	schedule_preview(frm) {
		clearTimeout(frm.parindex_preview);
		frm.parindex_preview = setTimeout(() => this.preview(frm), 400);
	},

	/** Scores and totals of what is typed, computed by the same rules as a save, without saving. */
	preview(frm) {
		frm.parindex_preview = null;
		if (frm.is_new()) return;
		const values = {};
		for (const l of frm.doc.lines || []) {
			const text = (v) => (this.filled(v) ? String(v) : "");
			values[l.code] = [text(l.self_input), l.not_applicable ? 1 : 0, text(l.appraised_input)];
		}
		frappe
			.xcall("parindex.par_assessment.entry.preview", {
				assessment: frm.doc.name,
				values: JSON.stringify(values),
			})
			.then((result) => {
				const grid = frm.fields_dict.lines.grid;
				for (const l of frm.doc.lines || []) {
					const scores = result.lines[l.code];
					if (!scores) continue;
					[l.self_score, l.appraised_score, l.final_score] = scores;
					const row = grid.grid_rows_by_docname[l.name];
					if (row) ["self_score", "appraised_score", "final_score"].forEach((f) => row.refresh_field(f));
				}
				for (const [key, value] of Object.entries(result.totals)) {
					frm.doc[key] = value;
					frm.refresh_field(key);
				}
				this.render_panel(frm);
			});
	},

	/** The criterion's evidence on its own row: see, add (several files, dropped or chosen), remove. */
	render_evidence(frm, row) {
		const field = row.grid_form && row.grid_form.fields_dict.evidence_html;
		if (!field) return;
		const esc = frappe.utils.escape_html;
		const code = row.doc.code;
		const editable = frm.doc.docstatus === 0 && frm.perm[1] && frm.perm[1].write;
		const files = (frm.doc.evidence || []).filter((e) => e.criterion_code === code && e.file);
		const list = files
			.map(
				(e) => `<li><a href="${esc(e.file)}" target="_blank">${esc(e.file.split("/").pop())}</a>
				${e.description ? " — " + esc(e.description) : ""}
				${this.reading(e)}
				${editable ? `<a class="text-danger par-remove" data-name="${esc(e.name)}">${__("Remove")}</a>` : ""}</li>`
			)
			.join("");
		field.$wrapper.html(`
			<div class="par-evidence">
				${list ? `<ul>${list}</ul>` : `<p class="text-muted">${__("No evidence attached to this criterion yet.")}</p>`}
				${editable ? `<button class="btn btn-xs btn-default par-attach">${__("Attach evidence")}</button>` : ""}
			</div>`);
		field.$wrapper.find(".par-attach").on("click", () => this.attach(frm, row));
		field.$wrapper.find(".par-remove").on("click", (e) => {
			const name = $(e.currentTarget).attr("data-name");
			frm.doc.evidence = frm.doc.evidence.filter((d) => d.name !== name);
			frm.doc.evidence.forEach((d, i) => (d.idx = i + 1));
			frm.dirty();
			frm.save().then(() => this.after_evidence(frm, code));
		});
	},

	/** What the evidence reader found in the document: its number and date, or why it could not read it. */
	reading(e) {
		const esc = frappe.utils.escape_html;
		if (!e.reading) return "";
		const found = [
			e.read_number ? __("Document No. {0}", [esc(e.read_number)]) : "",
			e.read_date ? frappe.datetime.str_to_user(e.read_date) : "",
		].filter(Boolean);
		return `<div class="text-muted small par-reading">${__("Reader")}: ${found.length ? found.join(", ") + " · " : ""}${esc(e.reading)}</div>`;
	},

	attach(frm, row) {
		const code = row.doc.code;
		let added = 0;
		const uploader = new frappe.ui.FileUploader({
			doctype: frm.doctype,
			docname: frm.doc.name,
			dialog_title: __("Evidence of criterion {0}", [code]),
			make_attachments_public: false,
			allow_multiple: true,
			on_success: (file) => {
				frm.add_child("evidence", { criterion_code: code, file: file.file_url });
				added += 1;
				clearTimeout(frm.parindex_attach);
				frm.parindex_attach = setTimeout(
					() => frm.save().then(() => this.after_evidence(frm, code, added)),
					600
				);
			},
		});
		// evidence stays private (the server refuses a public one): no choice offered
		if (uploader.dialog) uploader.dialog.$wrapper.addClass("par-evidence-uploader");
		if (!$("#par-evidence-uploader-style").length) {
			$(`<style id="par-evidence-uploader-style">
				.par-evidence-uploader .config-area, .par-evidence-uploader .modal-footer .btn-secondary {
					display: none !important;
				}
			</style>`).appendTo("head");
		}
	},

	after_evidence(frm, code, added) {
		if (added) frappe.show_alert({ message: __("{0} files attached to {1}", [added, code]), indicator: "green" });
		const line = (frm.doc.lines || []).find((l) => l.code === code);
		const row = line && frm.fields_dict.lines.grid.grid_rows_by_docname[line.name];
		if (row) {
			row.toggle_view(true);
			this.render_evidence(frm, row);
		}
		this.render_panel(frm);
	},

	/** Frappe's timeline shows values as they are stored ("Yes", "2025-12-20", "0.75", null): shown here
	 * as people read them (Có, 20/12/2025, 0,75, trống). */
	readable_timeline(frm) {
		const timeline = frm.timeline;
		if (!timeline || timeline.parindex_readable || !timeline.get_version_timeline_contents) return;
		const original = timeline.get_version_timeline_contents.bind(timeline);
		timeline.get_version_timeline_contents = () =>
			original().map((item) => ({
				...item,
				content: String(item.content).replace(/<b>([^<]*)<\/b>/g, (_m, text) => `<b>${this.as_read(text)}</b>`),
			}));
		timeline.parindex_readable = true;
		timeline.refresh();
	},

	/** A stored value (as Frappe's timeline prints it, escaped) as people read it. */
	as_read(text) {
		if (["Yes", "No", "On time", "Late", "Not done"].includes(text)) return frappe.utils.escape_html(__(text));
		if (text === "null" || text === '""') return frappe.utils.escape_html(__("(empty)"));
		if (ISO_DATE.test(text)) return frappe.datetime.str_to_user(text);
		if (/^-?\d+\.\d+$/.test(text)) return format_number(text, null, text.split(".")[1].length);
		return text;
	},

	/** Questions and answers on the criterion (Hỏi đáp): the public answers and the unit's own. */
	render_questions(frm, row) {
		const field = row.grid_form && row.grid_form.fields_dict.questions_html;
		if (!field) return;
		const fresh = frm.doc.__onload && frm.doc.__onload.questions;
		if (fresh) frm.parindex_questions = fresh;
		const esc = frappe.utils.escape_html;
		const asked = (frm.parindex_questions || {})[row.doc.code] || [];
		const items = asked
			.map(
				(q) => `<li><b>${__("Question")}:</b> ${esc(q.question)}<br>
				${q.answer ? `<b>${__("Reply")}:</b> ${esc(q.answer)}` : `<span class="text-muted">${__("Waiting for an answer")}</span>`}</li>`
			)
			.join("");
		const may_ask = frappe.user.has_role(["PAR Unit User", "PAR Unit Head"]);
		field.$wrapper.html(`
			<div class="par-questions">
				${items ? `<ul>${items}</ul>` : ""}
				${may_ask ? `<button class="btn btn-xs btn-default par-ask">${__("Ask how this criterion is scored")}</button>` : ""}
			</div>`);
		field.$wrapper.find(".par-ask").on("click", () => {
			frappe.prompt(
				{ fieldname: "question", fieldtype: "Small Text", label: __("Question"), reqd: 1 },
				(values) =>
					frappe
						.xcall("parindex.par_index.questions.ask", {
							assessment: frm.doc.name,
							code: row.doc.code,
							question: values.question,
						})
						.then(() => {
							frm.parindex_questions = frm.parindex_questions || {};
							(frm.parindex_questions[row.doc.code] ||= []).push({ question: values.question });
							frappe.show_alert({ message: __("Your question has been sent"), indicator: "green" });
							// closing the question's dialog closes the line too: open it again where it was
							setTimeout(() => {
								row.toggle_view(true);
								this.render_questions(frm, row);
							}, 300);
						}),
				__("Ask about criterion {0}", [row.doc.code]),
				__("Send")
			);
		});
	},

	/** "Not done" for a criterion whose rule asks for the date it was done. */
	add_not_done_button(frm, row) {
		const spec = this.specs(frm)[row.doc.code] || {};
		const control = row.grid_form && row.grid_form.fields_dict.self_input;
		if (spec.control !== "date" || !control || control.$wrapper.find(".par-not-done").length) return;
		if (!(frm.perm[1] && frm.perm[1].write)) return;
		$(`<button class="btn btn-xs btn-default par-not-done" style="margin-top: 4px">${__("Not done")}</button>`)
			.appendTo(control.$wrapper)
			.on("click", () => frappe.model.set_value(row.doc.doctype, row.doc.name, "self_input", "Not done"));
	},
});
