"""Evidence documents made for the demo, the tests and the reader's benchmark: a heading with its number
and date, as a PDF with text (Frappe's own PDF tool), as a DOCX, and as a scan (an image-only PDF
rendered from the same text)."""

from __future__ import annotations

import datetime
import io
import zipfile
from xml.sax.saxutils import escape

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def heading(number: str, issued: datetime.date, title: str = "Kế hoạch cải cách hành chính") -> list[str]:
	return [
		"ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		f"Số: {number}",
		f"Khánh Hòa, ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}",
		title.upper(),
		"Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
	]


def text_pdf(number: str, issued: datetime.date) -> bytes:
	from frappe.utils.pdf import get_pdf

	body = "".join(f"<p>{escape(line)}</p>" for line in heading(number, issued))
	return get_pdf(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>")


def docx(number: str, issued: datetime.date, title: str = "Kế hoạch cải cách hành chính") -> bytes:
	paragraphs = "".join(
		f"<w:p><w:r><w:t xml:space='preserve'>{escape(line)}</w:t></w:r></w:p>"
		for line in heading(number, issued, title)
	)
	files = {
		"[Content_Types].xml": (
			'<?xml version="1.0" encoding="UTF-8"?>'
			'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
			'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
			'<Default Extension="xml" ContentType="application/xml"/>'
			'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
			'officedocument.wordprocessingml.document.main+xml"/></Types>'
		),
		"_rels/.rels": (
			'<?xml version="1.0" encoding="UTF-8"?>'
			'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
			'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
			'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
		),
		"word/document.xml": (
			'<?xml version="1.0" encoding="UTF-8"?>'
			'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
			f"<w:body>{paragraphs}</w:body></w:document>"
		),
	}
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
		for name, text in files.items():
			book.writestr(name, text)
	return buffer.getvalue()


def scanned_pdf(number: str, issued: datetime.date, seed: int = 0) -> bytes:
	"""An image-only PDF of the heading, at 200 dpi, slightly tilted and speckled as a scan is."""
	import random

	from PIL import Image, ImageDraw, ImageFont

	rng = random.Random(seed)
	width, height = 1654, 1000  # an A4 page's top, 200 dpi
	page = Image.new("L", (width, height), 255)
	draw = ImageDraw.Draw(page)
	font = ImageFont.truetype(FONT, 30)
	y = 80
	for line in heading(number, issued):
		draw.text((120, y), line, fill=rng.randint(0, 40), font=font)
		y += 60
	for _speck in range(400):
		x, y = rng.randrange(width), rng.randrange(height)
		draw.point((x, y), fill=rng.randint(120, 200))
	page = page.rotate(rng.uniform(-0.8, 0.8), fillcolor=255, expand=False)
	buffer = io.BytesIO()
	page.save(buffer, "PDF", resolution=200)
	return buffer.getvalue()
