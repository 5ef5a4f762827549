"""Reading a document's number and issue date from its text, as typed and as OCR gives it."""

import datetime

import pytest

from parindex.scoring.documents import plain, read_reference, same_number

HEADING = """ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH KHÁNH HÒA                          Độc lập - Tự do - Hạnh phúc
Số: 2150/QĐ-UBND                 Khánh Hòa, ngày 05 tháng 12 năm 2025

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch cải cách hành chính năm 2026
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;"""


def test_a_typed_heading():
	found = read_reference(HEADING)
	assert found.number == "2150/QĐ-UBND"
	assert found.issued == datetime.date(2025, 12, 5)  # the heading's date, not the decree's


@pytest.mark.parametrize(
	("text", "number", "issued"),
	[
		# OCR: marks lost, a digit for a letter, spaces inside the number
		("S6: 45 / 2025 / NQ - HĐND\nngay 9 thang 7 nam 2025", "45/2025/NQ-HĐND", datetime.date(2025, 7, 9)),
		("So: 12/KH-UBND  Hà Nội, ngay 31 thang 01 nam 2026", "12/KH-UBND", datetime.date(2026, 1, 31)),
		("SỐ:7/BC-SNV\nngày 3 tháng 2 năm 2025", "7/BC-SNV", datetime.date(2025, 2, 3)),
		# a date written short
		("Số: 88/TB-VP\nNgày ban hành: 20/11/2025", "88/TB-VP", datetime.date(2025, 11, 20)),
	],
)
def test_number_and_date_through_ocr_mistakes(text, number, issued):
	found = read_reference(text)
	assert (found.number, found.issued) == (number, issued)


def test_what_is_not_there_is_none():
	assert read_reference("Báo cáo tình hình thực hiện") == read_reference(None)
	assert read_reference("").number is None
	# an impossible date is passed over for the next one
	assert read_reference("ngày 31 tháng 02 năm 2025, ngày 1 tháng 3 năm 2025").issued == datetime.date(
		2025, 3, 1
	)


def test_plain_keeps_places():
	text = "Số: 1/QĐ-UBND, ngày"
	assert plain(text) == "So: 1/QD-UBND, ngay"
	assert len(plain(text)) == len(text)


def test_same_number_whatever_the_marks():
	assert same_number("123/QĐ-UBND", "123/qd-ubnd")
	assert same_number("45/2025/NQ-HĐND", "45 / 2025 / NQ-HDND")
	assert not same_number("123/QĐ-UBND", "124/QĐ-UBND")
	assert not same_number(None, "1/QĐ")
