"""Screenshots for the user guide (docs/guide, in Vietnamese), one folder per role, taken on a demo site
while the demo's users take one unit through its cycle: the unit's official enters the open field,
attaches evidence and asks a question; the unit head submits; an appraiser appraises and asks for an
explanation; the unit explains; the council approves; the manager answers the question, follows progress
and publishes. Run it on a fresh demo whenever these screens change (each demo unit with users serves
once):

	python browser/user_guide.py --url http://127.0.0.1:8000 --unit tuphap
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from check_cycle import UNITS, Cycle
from entry import FieldEntry
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide" / "screenshots"
FILES = {
	"ke-hoach-cchc-2026.pdf": "Kế hoạch cải cách hành chính năm 2026",
	"bao-cao-quy-i.pdf": "Báo cáo kết quả quý I",
	"bao-cao-quy-ii.pdf": "Báo cáo kết quả quý II",
}


class Guide(Cycle):
	def __init__(self, url: str, unit: str):
		super().__init__(url, GUIDE, unit)
		self.driver.set_window_size(1280, 900)
		self.entry = FieldEntry(self)

	def chapter(self, name: str) -> None:
		"""Screenshots from here on go to the chapter's folder, numbered from 1 (older ones removed)."""
		self.out = GUIDE / name
		self.out.mkdir(parents=True, exist_ok=True)
		for old in self.out.glob("*.png"):
			old.unlink()
		self.step = 0
		print(f"chapter {name}")

	def landing(self, who: str, name: str = "trang-chu") -> None:
		self.login(who)
		self.open("/app/par-index")
		self.wait.until(lambda d: d.execute_script("return frappe.request.ajax_count === 0"))
		self.shot(name)

	def leave_row(self) -> None:
		"""Leave the line being edited, as a click elsewhere does."""
		self.js(
			"document.activeElement && document.activeElement.blur();"
			"frappe.ui.form.editable_row && frappe.ui.form.editable_row.toggle_editable_row(false);"
		)
		time.sleep(0.5)

	def evidence_files(self) -> list[Path]:
		folder = Path("/tmp/parindex-guide-files")
		folder.mkdir(exist_ok=True)
		paths = []
		for name, title in FILES.items():
			# a small valid PDF with the document's title
			body = f"BT /F1 14 Tf 40 780 Td ({title.encode('ascii', 'ignore').decode()}) Tj ET"
			(folder / name).write_bytes(
				b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
				b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
				b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
				+ f"4 0 obj<</Length {len(body)}>>stream\n{body}\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".encode()
			)
			paths.append(folder / name)
		return paths

	# --- the unit's official -------------------------------------------------------------------------

	def unit_official(self) -> None:
		self.chapter("can-bo-don-vi")
		self.landing("unit")
		self.name = self.call(
			"frappe.client.get_value",
			{
				"doctype": "PAR Assessment",
				"filters": {"unit": self.unit, "docstatus": 0},
				"fieldname": "name",
			},
		)["name"]
		self.open_assessment()
		self.shot("ban-danh-gia")
		field = self.js("return parindex.assessment.first_field(cur_frm)")
		self.entry.open_field(field)
		self.show(".par-entry-panel")
		self.shot("mot-linh-vuc")
		first = self.js(
			"return cur_frm.fields_dict.lines.grid.grid_rows.find(r => r.doc.rule_kind !== 'Survey').doc.name"
		)
		self.entry.click(
			self.driver.find_element(
				By.CSS_SELECTOR,
				f".grid-row[data-name='{first}'] .grid-static-col[data-fieldname='self_input']",
			)
		)
		self.shot("chon-gia-tri")
		self.leave_row()
		self.entry.fill(field)
		self.show(".par-entry-panel")
		self.shot("da-nhap-ca-linh-vuc")
		self.entry.save()
		waiting = self.js("return $('.par-jump').map((i, a) => $(a).attr('data-code')).get()")
		files = self.evidence_files()
		self.entry.click(self.driver.find_element(By.CSS_SELECTOR, f".par-jump[data-code='{waiting[0]}']"))
		self.entry.shown(".grid-form-body .par-attach")
		self.shot("dong-tieu-chi")
		self.entry.click(self.entry.shown(".grid-form-body .par-ask"))
		box = self.entry.shown(".modal.show textarea")
		box.send_keys(
			"Kế hoạch ban hành sau ngày 31/12 nhưng trước khi gửi báo cáo thì được tính là chậm hay không thực hiện?"
		)
		self.shot("hoi-ve-cach-cham")
		self.entry.click(self.entry.shown(".modal.show .btn-modal-primary"))
		time.sleep(1)
		self.js("$('.grid-form-body:visible .par-evidence')[0].scrollIntoView({block: 'center'})")
		self.shot("tai-lieu-tren-dong")
		self.entry.click(self.entry.shown(".form-in-grid .grid-collapse-row"))
		self.entry.attach(waiting[0], files[:1], before_upload=lambda: self.shot("chon-tep"))
		self.entry.attach(waiting[1], files[1:])
		self.show(".par-entry-panel")
		self.shot("du-tai-lieu")
		self.js("window.scrollTo(0, 0)")
		self.entry.click(
			self.driver.find_element(
				By.XPATH, "//div[contains(@class,'page-actions')]//button[contains(., 'Excel')]"
			)
		)
		self.shot("excel")
		self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)

	# --- the unit head ---------------------------------------------------------------------------------

	def unit_head_submits(self) -> None:
		self.chapter("lanh-dao-don-vi")
		self.landing("head")
		self.action("Gửi thẩm định", shot="gui-tham-dinh")
		assert self.state() == "Submitted", self.state()
		self.shot("da-gui")

	def unit_explains(self) -> None:
		self.login("unit")
		self.open_assessment()
		self.show(".par-entry-panel")
		self.shot("cho-giai-trinh")
		code = self.js("return $('.par-explain .par-jump').first().attr('data-code')")
		self.entry.click(
			self.driver.find_element(By.CSS_SELECTOR, f".par-explain .par-jump[data-code='{code}']")
		)
		box = self.entry.shown(".grid-form-body [data-fieldname='explanation'] textarea")
		box.send_keys("Kế hoạch ban hành ngày 20/12 theo Quyết định số 215/QĐ-UBND; đã đính kèm văn bản.")
		time.sleep(1)
		self.js("arguments[0].scrollIntoView({block: 'center'})", box)
		self.shot("nhap-giai-trinh")
		self.entry.click(self.entry.shown(".form-in-grid .grid-collapse-row"))
		self.entry.save()
		self.login("head")
		self.action("Gửi giải trình", shot="gui-giai-trinh")
		assert self.state() == "Explained", self.state()

	# --- the appraiser -----------------------------------------------------------------------------

	def appraiser_appraises(self) -> None:
		self.chapter("to-giup-viec")
		self.landing("appraiser")
		self.open("/app/par-assessment?workflow_state=Submitted")
		self.shot("danh-sach-cho-tham-dinh")
		self.action("Bắt đầu thẩm định", shot="bat-dau-tham-dinh")
		self.open_assessment()
		self.show(".par-entry-panel")
		self.shot("linh-vuc-cua-toi")
		rows = self.js(
			"return cur_frm.fields_dict.lines.grid.grid_rows.filter(r => r.doc.rule_kind !== 'Survey')"
			".map(r => [r.doc.name, r.doc.code])"
		)
		name, code = rows[0]
		self.entry.click(
			self.driver.find_element(
				By.CSS_SELECTOR,
				f".grid-row[data-name='{name}'] .grid-static-col[data-fieldname='appraised_input']",
			)
		)
		self.shot("nhap-gia-tri-tham-dinh")
		self.leave_row()
		self.js("cur_frm.fields_dict.lines.grid.grid_rows_by_docname[arguments[0]].toggle_view(true)", name)
		remark = self.entry.shown(".grid-form-body [data-fieldname='appraiser_remark'] textarea")
		self.js("arguments[0].scrollIntoView({block: 'center'})", remark)
		remark.send_keys("Đề nghị làm rõ ngày ban hành kế hoạch và gửi kèm quyết định.")
		self.entry.click(self.entry.shown(".grid-form-body [data-fieldname='explanation_requested'] input"))
		self.shot("yeu-cau-giai-trinh-dong")
		self.entry.click(self.entry.shown(".form-in-grid .grid-collapse-row"))
		self.entry.save()
		self.action("Yêu cầu giải trình", shot="gui-yeu-cau-giai-trinh")
		assert self.state() == "Explanation Requested", self.state()
		self.explained_code = code

	def appraiser_finishes(self) -> None:
		self.chapter_continue("to-giup-viec")
		self.login("appraiser")
		criteria_set = self.call(
			"frappe.client.get_value",
			{"doctype": "PAR Assessment", "filters": {"name": self.name}, "fieldname": "criteria_set"},
		)["criteria_set"]
		self.open_report("PAR Attention", criteria_set=criteria_set, mine=0, pending=0)
		self.shot("can-chu-y")
		self.open_assessment()
		self.show(".par-appraisal")
		self.shot("trang-thai-tham-dinh")
		self.sign_off_my_fields()
		self.show(".par-appraisal")
		self.shot("xac-nhan-linh-vuc")
		self.login("appraiser2")
		self.sign_off_my_fields()
		self.action("Hoàn thành thẩm định", shot="hoan-thanh-tham-dinh")
		assert self.state() == "Appraised", self.state()
		self.open_report("PAR Appraisal Gap", view="Flags' hit rate")
		self.shot("bao-cao-chenh-lech")

	def chapter_continue(self, name: str) -> None:
		"""Back to a chapter begun earlier: its numbering goes on."""
		self.out = GUIDE / name
		self.step = len(list(self.out.glob("*.png")))

	def open_report(self, report: str, **filters) -> None:
		query = "&".join(f"{k}={v}" for k, v in filters.items())
		self.driver.get(f"{self.url}/app/query-report/{report}{'?' + query if query else ''}")
		self.wait.until(lambda d: d.execute_script("return !!(window.frappe && frappe.query_report)"))
		time.sleep(3)
		self.wait.until(lambda d: d.execute_script("return frappe.request.ajax_count === 0"))

	# --- the council -------------------------------------------------------------------------------

	def council_approves(self) -> None:
		self.chapter("hoi-dong")
		self.landing("council")
		self.open("/app/par-assessment?workflow_state=Appraised")
		self.shot("danh-sach-cho-phe-duyet")
		self.open_assessment()
		self.entry.click(self.driver.find_element(By.CSS_SELECTOR, "a[data-fieldname='tab_results']"))
		self.shot("ket-qua")
		self.action("Phê duyệt", shot="phe-duyet")
		assert self.state() == "Approved", self.state()
		self.criteria_set = self.js("return cur_frm.doc.criteria_set")
		self.open_report("PAR Ranking", criteria_set=self.criteria_set, source="Live")
		self.js("frappe.query_report.refresh()")
		time.sleep(3)
		self.shot("xep-hang")

	# --- the manager -------------------------------------------------------------------------------

	def manager(self) -> None:
		self.chapter("quan-ly")
		self.landing("manager")
		self.open(f"/app/par-criteria-set/{self.criteria_set}")
		self.shot("bo-chi-so")
		self.open_report("PAR Progress", criteria_set=self.criteria_set)
		self.shot("tien-do")
		self.open("/app/par-criterion-question?status=Asked")
		self.shot("cau-hoi-cho-tra-loi")
		question = self.call(
			"frappe.client.get_value",
			{"doctype": "PAR Criterion Question", "filters": {"status": "Asked"}, "fieldname": "name"},
		)["name"]
		self.open(f"/app/par-criterion-question/{question}")
		answer = self.entry.shown("[data-fieldname='answer'] textarea, [data-fieldname='answer'] .ql-editor")
		answer.send_keys(
			"Ban hành sau hạn (31/12) là chậm, được 0,5 điểm; chỉ khi không ban hành mới là không thực hiện."
		)
		self.js("cur_frm.set_value('is_public', 1)")
		self.shot("tra-loi-cau-hoi")
		self.js("cur_frm.save()")
		time.sleep(2)
		self.open("/app/par-ranking-publication")
		self.shot("cong-bo-xep-hang")

	def run(self) -> None:
		self.unit_official()
		self.unit_head_submits()
		self.appraiser_appraises()
		self.chapter_continue("lanh-dao-don-vi")
		self.unit_explains()
		self.appraiser_finishes()
		self.council_approves()
		self.manager()
		print("the guide's screenshots are taken")


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--url", default="http://127.0.0.1:8000")
	parser.add_argument("--unit", default="tuphap", choices=sorted(UNITS))
	args = parser.parse_args()
	return Guide(args.url, args.unit).run_and_quit(Guide.run)


if __name__ == "__main__":
	sys.exit(main())
