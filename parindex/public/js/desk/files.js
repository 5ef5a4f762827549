// Uploading a file to a method, and downloading what a method sends.
frappe.provide("parindex.files");

$.extend(parindex.files, {
	/** Open a whitelisted method's download (a workbook, an annex) in a new tab. */
	download(method, args = {}) {
		const query = new URLSearchParams(args).toString();
		window.open(frappe.urllib.get_full_url(`/api/method/${method}${query ? "?" + query : ""}`));
	},

	/** A method that answered "queued": say the work goes on in the background (true), or false. */
	started_in_background(result) {
		if (!result || !result.queued) return false;
		frappe.show_alert({
			message: __("{0} started in the background. You will be told when it is done.", [result.title]),
			indicator: "blue",
		}, 10);
		return true;
	},

	/** Let the user upload one file (attached, private), then call `method` with its URL. */
	upload_and_call({ doctype, docname, method, args = {}, types = [".xlsx"], confirm, freeze_message, message, done }) {
		new frappe.ui.FileUploader({
			doctype,
			docname,
			make_attachments_public: false,
			restrictions: { allowed_file_types: types },
			on_success(file) {
				const call = () =>
					frappe
						.call({ method, args: { ...args, file_url: file.file_url }, freeze: true, freeze_message })
						.then((r) => {
							if (parindex.files.started_in_background(r.message)) return;
							const text = typeof message === "function" ? message(r.message) : message;
							if (text) frappe.show_alert({ message: text, indicator: "green" });
							if (done) done(r.message);
						});
				if (confirm) frappe.confirm(confirm, call);
				else call();
			},
		});
	},
});
