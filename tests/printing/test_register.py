"""The register (Sổ theo dõi hồ sơ): A4 landscape PDF and XLSX, read back."""

from __future__ import annotations

import io
import re
import time
from datetime import datetime, timedelta, timezone

import openpyxl
import pytest

import forms_data as fd
from counter_app.printing import render_register_pdf, register_xlsx

HEADS = (
    "STT", "Mã hồ sơ", "Tên thủ tục", "Tổ chức, cá nhân nộp hồ sơ", "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết", "Nhận hồ sơ", "Hẹn trả kết quả", "Ngày trả kết quả",
    "Hình thức nhận kết quả", "Ký nhận, ghi rõ họ tên",
)
PERIOD = "Từ ngày 01/11/2026 đến ngày 30/11/2026"
CODE_RE = re.compile(r"000\.00\.06\.H56-261126-\d{4}")


def _flat_heads(text: str) -> str:
    return text.replace(" ", "")


def _assert_a4_landscape(pdf: bytes) -> None:
    for w, h in fd.page_sizes(pdf):
        assert (w, h) == pytest.approx(fd.A4_LANDSCAPE, abs=1)


# --------------------------------------------------------------------------- PDF


def test_register_pdf_text_and_layout():
    pdf = render_register_pdf(fd.register(3))
    pages = fd.pages_text(pdf)
    assert len(pages) == 1
    text = pages[0]
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Mẫu số 06 - Thông tư số 01/2018/TT-VPCP" in text
    assert PERIOD in text
    assert "Quyển số: 03/2026" in text
    assert "UBND TỈNH QUẢNG NAM" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    # heads may wrap inside their cells: compare without spaces
    for head in HEADS:
        assert _flat_heads(head) in _flat_heads(text), head
    assert "(1)" in text and "(11)" in text
    assert "Trang 1/1" in text
    # row 1: received 02:12 UTC = 09:12 local; due five days later; returned (odd rows) after four
    assert "000.00.06.H56-261126-0001" in text
    assert "Nguyễn Thị Ấn" in text and "0905 123 456" in text and "Phòng Tài chính - Kế hoạch" in text
    assert "09:12 26/11/2026 09:12 01/12/2026 09:12 30/11/2026" in text
    assert "Tại Bộ phận Một cửa" in text and "Lê Văn Nộp" in text
    # row 2 is not returned yet: due is followed directly by row 3
    assert "09:19 01/12/2026 3 000.00.06.H56-261126-0003" in text
    _assert_a4_landscape(pdf)
    names = fd.embedded_font_names(pdf)
    assert names and all("LiberationSerif" in n for n in names), names
    assert fd.ink_in_margins(pdf, side_mm=7, top_mm=6, bottom_mm=3) == []


def test_register_of_the_2025_set_is_number_07():
    text = fd.pages_text(render_register_pdf(fd.register(1, form_set=fd.fs2025())))[0]
    assert "Mẫu số 07 - Thông tư số 03/2025/TT-VPCP" in text
    assert "SỔ THEO DÕI HỒ SƠ" in text


def test_two_thousand_rows_render_quickly_with_heads_and_page_numbers_on_every_page():
    data = fd.register(2000)
    # CPU time of this process (about 2 s on a 2-core machine): other test runs sharing the
    # machine do not count against the budget
    start = time.process_time()
    pdf = render_register_pdf(data)
    elapsed = time.process_time() - start
    assert elapsed < 5, f"{elapsed:.1f} s"
    pages = fd.pages_text_fast(pdf)
    n = len(pages)
    assert n > 50
    codes: list[str] = []
    for k, text in enumerate(pages, start=1):
        assert f"Trang {k}/{n}" in text
        for head in ("Mã hồ sơ", "Tên thủ tục", "Hẹn trả kết quả", "Ký nhận, ghi rõ họ"):
            assert head in text, (k, head)
        if k > 1:
            assert f"Sổ theo dõi hồ sơ - {PERIOD} (tiếp theo)" in text
        codes += CODE_RE.findall(text)
    # every row printed exactly once, in order
    assert codes == [f"000.00.06.H56-261126-{i:04d}" for i in range(1, 2001)]
    _assert_a4_landscape(pdf)


def test_long_cells_hostile_text_and_emoji():
    rows = (
        fd.register_row(1, applicant='<b>Trần</b> & "Bé" 😀', address_phone="Thôn Phú Xuân " * 80,
                        procedure_name="x" * 500, lead_agency="Phòng\x00 Tư\x07 pháp"),
        fd.register_row(2, dossier_code="MỘT-MÃ-RẤT-DÀI-" * 10),
    )
    pdf = render_register_pdf(fd.register(rows=rows))
    text = " ".join(fd.pages_text(pdf))
    assert '<b>Trần</b> & "Bé"' in text
    assert "Phòng Tư pháp" in text
    assert "Thôn Phú Xuân" in text
    _assert_a4_landscape(pdf)
    assert fd.ink_in_margins(pdf, side_mm=7, top_mm=6, bottom_mm=3) == []


def test_empty_register():
    text = fd.pages_text(render_register_pdf(fd.register(0)))[0]
    assert "(không có hồ sơ)" in text and "SỔ THEO DÕI HỒ SƠ" in text


def test_naive_datetimes_are_refused():
    naive = datetime(2026, 11, 26, 9, 0)
    with pytest.raises(ValueError, match="timezone-aware"):
        render_register_pdf(fd.register(rows=(fd.register_row(1, due_at=naive),)))
    with pytest.raises(ValueError, match="timezone-aware"):
        register_xlsx(fd.register(rows=(fd.register_row(1, returned_at=naive),)))


# --------------------------------------------------------------------------- XLSX


def _sheet(data):
    wb = openpyxl.load_workbook(io.BytesIO(register_xlsx(data)))
    assert wb.sheetnames == ["So theo doi"]
    return wb["So theo doi"]


def _header_row(ws) -> int:
    for row in ws.iter_rows(min_row=1, max_row=20):
        if row[0].value == "STT":
            return row[0].row
    raise AssertionError("no header row")


def test_xlsx_title_rows_header_and_frozen_panes():
    ws = _sheet(fd.register(3))
    hr = _header_row(ws)
    values = [c.value for c in ws[hr]]
    assert tuple(values[:11]) == HEADS
    assert all(c.font.bold for c in ws[hr][:11])
    assert ws.freeze_panes == f"A{hr + 1}"
    above = " ".join(str(c.value) for row in ws.iter_rows(min_row=1, max_row=hr - 1) for c in row if c.value)
    assert "SỔ THEO DÕI HỒ SƠ" in above
    assert "Mẫu số 06 - Thông tư số 01/2018/TT-VPCP" in above
    assert PERIOD in above
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in above
    widths = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(11)]
    assert all(w >= 6 for w in widths) and widths[2] >= 30  # the procedure column is wide


def test_xlsx_row_values_and_real_datetimes():
    ws = _sheet(fd.register(3))
    hr = _header_row(ws)
    first = [c.value for c in ws[hr + 1]][:11]
    assert first[0] == 1
    assert first[1] == "000.00.06.H56-261126-0001"
    assert first[2] == fd.PROCEDURE
    assert first[3] == "Nguyễn Thị Ấn"
    assert first[4].endswith("0905 123 456")
    assert first[5] == "Phòng Tài chính - Kế hoạch"
    # 02:12 UTC -> 09:12 Vietnam time, stored naive
    assert first[6] == datetime(2026, 11, 26, 9, 12)
    assert first[7] == datetime(2026, 12, 1, 9, 12)
    assert first[8] == datetime(2026, 11, 30, 9, 12)
    assert first[9] == "Tại Bộ phận Một cửa" and first[10] == "Lê Văn Nộp"
    for c in ws[hr + 1][6:9]:
        assert isinstance(c.value, datetime) and c.is_date
        assert c.number_format == "dd/mm/yyyy hh:mm"
    second = [c.value for c in ws[hr + 2]][:11]
    assert second[8] is None  # not returned yet
    assert ws.max_row == hr + 3


def test_xlsx_formula_like_text_stays_text():
    rows = (
        fd.register_row(1, applicant="=1+1", address_phone="+84 905 123 456", lead_agency="@SUM(A1:A9)",
                        collector="-2+3", procedure_name="=HYPERLINK(\"http://x\")"),
        fd.register_row(2, applicant="Nguyễn\x01 Thị\x1f Ấn"),  # control characters are illegal in XLSX
    )
    raw = register_xlsx(fd.register(rows=rows))
    ws = openpyxl.load_workbook(io.BytesIO(raw))["So theo doi"]
    hr = _header_row(ws)
    row = ws[hr + 1]
    for idx, value in ((3, "=1+1"), (4, "+84 905 123 456"), (5, "@SUM(A1:A9)"), (10, "-2+3"),
                       (2, '=HYPERLINK("http://x")')):
        assert row[idx].value == value
        assert row[idx].data_type == "s", (idx, row[idx].data_type)
    assert b"<f>" not in _sheet_xml(raw)
    assert ws[hr + 2][3].value == "Nguyễn Thị Ấn"


def _sheet_xml(raw: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_xlsx_of_two_thousand_rows():
    data = fd.register(2000)
    ws = _sheet(data)
    hr = _header_row(ws)
    assert ws.max_row == hr + 2000
    last = [c.value for c in ws[hr + 2000]][:3]
    assert last[0] == 2000 and last[1] == "000.00.06.H56-261126-2000"


def test_xlsx_times_whatever_their_zone():
    received = datetime(2026, 11, 26, 23, 50, tzinfo=timezone(timedelta(hours=7)))
    row = fd.register_row(1, received_at=received.astimezone(timezone(timedelta(hours=-5))),
                          due_at=received.astimezone(timezone.utc) + timedelta(days=1))
    ws = _sheet(fd.register(rows=(row,)))
    hr = _header_row(ws)
    assert ws.cell(hr + 1, 7).value == datetime(2026, 11, 26, 23, 50)
    assert ws.cell(hr + 1, 8).value == datetime(2026, 11, 27, 23, 50)
