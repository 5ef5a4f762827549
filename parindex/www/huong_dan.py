"""The user guide (docs/guide, in Vietnamese) as pages of the site: /huong-dan and /huong-dan?chuong=…"""

import re
from pathlib import Path

import frappe
from frappe.utils import md_to_html

no_cache = 1
GUIDE = Path(frappe.get_app_path("parindex")).parent / "docs" / "guide"
CHAPTERS = (
	("can-bo-don-vi", "Cán bộ đơn vị: tự đánh giá"),
	("lanh-dao-don-vi", "Lãnh đạo đơn vị: gửi và giải trình"),
	("to-giup-viec", "Tổ giúp việc: thẩm định"),
	("hoi-dong", "Hội đồng thẩm định: phê duyệt"),
	("quan-ly", "Quản trị Chỉ số CCHC: công việc trong năm"),
	("quan-tri", "Quản trị hệ thống: cấu hình không cần lập trình"),
)


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.chapters = CHAPTERS
	wanted = frappe.form_dict.get("chuong")
	known = dict(CHAPTERS)
	context.current = wanted if wanted in known else None
	name = context.current or "README"
	path = GUIDE / f"{name}.md"
	text = path.read_text(encoding="utf-8") if path.exists() else ""
	# pictures are served with the app's assets; links between chapters stay on this page
	text = re.sub(r"\]\((screenshots/[^)]+)\)", r"](/assets/parindex/guide/\1)", text)
	text = re.sub(r"\]\(([a-z-]+)\.md\)", r"](/huong-dan?chuong=\1)", text)
	context.body = md_to_html(text)
	context.title = known.get(context.current, "Hướng dẫn sử dụng ParIndex")
	return context
