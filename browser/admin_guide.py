"""Screenshots for the admin's chapter of the user guide (docs/guide/quan-tri.md), taken on a demo site.

As the Administrator: the workflow with its states and their stages, PAR Settings, and Customize
Form on the assessment lines. Run it again whenever these screens change:

	python browser/admin_guide.py --url http://127.0.0.1:8000 --password admin
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desk import Desk

OUT = Path(__file__).resolve().parent.parent / "docs" / "guide" / "screenshots" / "admin"


def run(desk: Desk) -> None:
	desk.login("Administrator")
	desk.open(
		"/app/workflow/PAR Assessment", "return !!(window.cur_frm && cur_frm.doc.name === 'PAR Assessment')"
	)
	desk.js("document.querySelector('[data-fieldname=\"states\"]').scrollIntoView({block: 'start'})")
	desk.shot("quy-trinh-cac-trang-thai-va-giai-doan")
	desk.js("document.querySelector('[data-fieldname=\"transitions\"]').scrollIntoView({block: 'start'})")
	desk.shot("quy-trinh-cac-buoc-chuyen")
	desk.open("/app/par-settings", "return !!(window.cur_frm && cur_frm.doc.doctype === 'PAR Settings')")
	desk.shot("cai-dat-chi-so-cchc")
	desk.js(
		"document.querySelector('[data-fieldname=\"section_reminders\"]').scrollIntoView({block: 'start'})"
	)
	desk.shot("cai-dat-nhac-viec-va-trang-khao-sat")
	desk.open("/app/customize-form", "return !!(window.cur_frm && cur_frm.doctype === 'Customize Form')")
	desk.js("cur_frm.set_value('doc_type', 'PAR Assessment Line')")
	desk.wait.until(lambda d: d.execute_script("return (cur_frm.doc.fields || []).length > 10"))
	desk.js("cur_frm.scroll_to_field('doc_type')")
	desk.shot("tuy-chinh-bieu-mau-dong-tieu-chi")


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--url", default="http://127.0.0.1:8000")
	parser.add_argument("--password", default="admin", help="the Administrator's password")
	parser.add_argument("--out", default=OUT, type=Path)
	args = parser.parse_args()
	return Desk(args.url, args.out, {}, args.password).run_and_quit(run)


if __name__ == "__main__":
	sys.exit(main())
