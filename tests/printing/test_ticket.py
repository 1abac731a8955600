"""Queue ticket: real PDFs rendered and read back (pypdf text, pypdfium2 pixels, zxing)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import ImageChops
from pypdf import PdfReader

from counter_app.printing import TicketData, render_ticket

MM = 72 / 25.4
ISSUED = datetime(2026, 11, 26, 2, 5, tzinfo=timezone.utc)  # 09:05 in Vietnam (UTC+7)
LONG_CENTRE = (
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH QUẢNG NAM - CHI NHÁNH KHU VỰC MIỀN NÚI PHÍA TÂY "
    "(HUYỆN NAM TRÀ MY, BẮC TRÀ MY, PHƯỚC SƠN, ĐÔNG GIANG, TÂY GIANG VÀ NAM GIANG)"
)
LONG_FIELD = (
    "Đăng ký doanh nghiệp, hộ kinh doanh, hợp tác xã; cấp giấy phép xây dựng; đất đai "
    "(cấp đổi, cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất)"
)
UNBROKEN = "Đ" * 80 + "X" * 80  # no space anywhere: must be split, not overflow


def make(**overrides: object) -> TicketData:
    fields: dict[str, object] = dict(
        centre_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH QUẢNG NAM",
        number="A012",
        field_name="Hộ tịch – Chứng thực",
        issued_at=ISSUED,
        ahead=7,
        estimated_wait_minutes=25,
    )
    fields.update(overrides)
    return TicketData(**fields)  # type: ignore[arg-type]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return _flat(reader.pages[0].extract_text())


def _render(pdf: bytes, dpi: int = 300):
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def _qr(pdf: bytes) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(_render(pdf)) if b.format.name == "QRCode"]


def _ink_outside_content(pdf: bytes, side_mm: float, dpi: int = 150) -> list[str]:
    """Page edges that carry ink (something overflowed the printable area)."""
    image = _render(pdf, dpi)
    w, h = image.size
    px = dpi / 25.4
    band = int(side_mm * px)
    problems = []
    for side, box in (("left", (0, 0, band, h)), ("right", (w - band, 0, w, h)),
                      ("top", (0, 0, w, int(2.5 * px))), ("bottom", (0, h - int(3.5 * px), w, h))):
        lo, _ = image.crop(box).getextrema()
        if lo < 200:
            problems.append(side)
    return problems


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("roll", [80, 58])
def test_text(roll):
    pdf = render_ticket(make(priority_label="Người cao tuổi", note="Tổng đài hỗ trợ: 0235 3 812 345"), roll)
    text = _text(pdf)
    for expected in (
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "PHIẾU SỐ THỨ TỰ",
        "A012",
        "Hộ tịch – Chứng thực",
        "Ưu tiên: Người cao tuổi",
        "Thời gian lấy số: 09:05 26/11/2026",  # 02:05 UTC printed in Asia/Ho_Chi_Minh
        "Số người đang chờ trước bạn: 7",
        "Thời gian chờ dự kiến: khoảng 25 phút",
        "Vui lòng chờ gọi số trên màn hình và loa.",
        "Tổng đài hỗ trợ: 0235 3 812 345",
    ):
        assert expected in text, (expected, text)


def test_time_is_converted_to_vietnam_across_midnight():
    # 17:30 UTC on the 31st = 00:30 on 1 January in Vietnam
    pdf = render_ticket(make(issued_at=datetime(2026, 12, 31, 17, 30, tzinfo=timezone.utc)))
    assert "Thời gian lấy số: 00:30 01/01/2027" in _text(pdf)
    other = timezone(timedelta(hours=-5))
    pdf = render_ticket(make(issued_at=datetime(2026, 11, 25, 21, 5, tzinfo=other)))
    assert "Thời gian lấy số: 09:05 26/11/2026" in _text(pdf)


def test_optional_lines_absent_when_empty():
    text = _text(render_ticket(make()))
    assert "Ưu tiên" not in text
    assert text.rstrip().endswith("Vui lòng chờ gọi số trên màn hình và loa.")


def test_zero_wait():
    text = _text(render_ticket(make(ahead=0, estimated_wait_minutes=0)))
    assert "Số người đang chờ trước bạn: 0" in text
    assert "Thời gian chờ dự kiến: dưới 1 phút" in text


def test_user_text_is_escaped():
    text = _text(render_ticket(make(field_name="Đất đai <b>&</b> xây dựng", note="a < b & c")))
    assert "Đất đai <b>&</b> xây dựng" in text
    assert "a < b & c" in text


# --------------------------------------------------------------------------- page


@pytest.mark.parametrize("roll", [80, 58])
def test_page_is_roll_wide_and_short(roll):
    reader = PdfReader(io.BytesIO(render_ticket(make(priority_label="Phụ nữ mang thai"), roll)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(roll * MM, abs=0.5)
    assert float(box.height) < 200 * MM
    assert float(box.height) > 60 * MM


def test_height_follows_content():
    def height(data: TicketData, roll: int = 80) -> float:
        return float(PdfReader(io.BytesIO(render_ticket(data, roll))).pages[0].mediabox.height)

    plain = height(make())
    assert height(make(priority_label="Người khuyết tật")) > plain
    assert height(make(note="Ghi chú thêm")) > plain
    assert height(make(centre_name=LONG_CENTRE)) > plain
    # the long centre name wraps onto several more lines (11 pt / 9.5 pt type) on both rolls
    assert height(make(centre_name=LONG_CENTRE), 80) - plain > 3 * 11
    assert height(make(centre_name=LONG_CENTRE), 58) - height(make(), 58) > 3 * 9.5


def _fonts(page) -> list:
    resources = page["/Resources"]
    fonts = resources.get("/Font")
    return [f.get_object() for f in fonts.get_object().values()] if fonts else []


@pytest.mark.parametrize("roll", [80, 58])
def test_fonts_embedded(roll):
    reader = PdfReader(io.BytesIO(render_ticket(make(priority_label="Người cao tuổi", note="x"), roll)))
    names = set()
    for font in _fonts(reader.pages[0]):
        descendants = font.get("/DescendantFonts")
        faces = [d.get_object() for d in descendants.get_object()] if descendants else [font]
        for face in faces:
            name = str(face["/BaseFont"])
            names.add(name)
            descriptor = face.get("/FontDescriptor")
            assert descriptor is not None, f"{name} not embedded"
            assert "/FontFile2" in descriptor.get_object(), f"{name} not embedded TrueType"
    assert names and all("LiberationSerif" in n for n in names), names
    assert any(n.endswith("LiberationSerif-Bold") for n in names)


def test_black_only():
    doc = pdfium.PdfDocument(render_ticket(make(priority_label="Người cao tuổi", note="x")))
    try:
        rgb = doc[0].render(scale=100 / 72).to_pil().convert("RGB")
    finally:
        doc.close()
    r, g, b = rgb.split()
    for one, other in ((r, g), (g, b), (r, b)):
        assert ImageChops.difference(one, other).getextrema()[1] <= 8, "coloured pixels on a thermal ticket"


def test_metadata_and_determinism():
    pdf = render_ticket(make())
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta.title == "Phiếu số thứ tự A012"
    assert render_ticket(make()) == pdf
    assert render_ticket(make(number="A013")) != pdf


# --------------------------------------------------------------------------- QR


@pytest.mark.parametrize("roll", [80, 58])
def test_qr_defaults_to_the_number(roll):
    assert _qr(render_ticket(make(), roll)) == ["A012"]


@pytest.mark.parametrize("roll", [80, 58])
def test_qr_payload(roll):
    payload = "https://dichvucong.quangnam.gov.vn/hang-doi/2026-11-26/A012?t=8f3a91c2"
    assert _qr(render_ticket(make(qr_payload=payload), roll)) == [payload]


def test_long_qr_payload_still_decodes_on_the_narrow_roll():
    payload = "https://dichvucong.quangnam.gov.vn/hang-doi/" + "x" * 200
    assert _qr(render_ticket(make(qr_payload=payload), 58)) == [payload]


# --------------------------------------------------------------------------- the big number


def _number_height_px(pdf: bytes, dpi: int = 150) -> int:
    """Height in pixels of the tallest run of rows whose ink spans more than 60 % of the width."""
    image = _render(pdf, dpi)
    w, h = image.size
    px = image.load()
    best = run = 0
    for y in range(h):
        xs = [x for x in range(w) if px[x, y] < 128]
        run = run + 1 if xs and xs[-1] - xs[0] > w * 0.6 else 0
        best = max(best, run)
    return best


def test_number_is_big():
    # on the 80 mm roll "A012" is well over 15 mm tall, on the 58 mm one over 10 mm
    assert _number_height_px(render_ticket(make(), 80)) > 15 * 150 / 25.4
    assert _number_height_px(render_ticket(make(), 58)) > 10 * 150 / 25.4


# --------------------------------------------------------------------------- overflow


@pytest.mark.parametrize("roll,side_mm", [(80, 3.5), (58, 4.5)])
def test_nothing_outside_the_printable_area(roll, side_mm):
    normal = make(priority_label="Người cao tuổi", note="Tổng đài hỗ trợ: 0235 3 812 345")
    long = make(
        centre_name=LONG_CENTRE,
        field_name=LONG_FIELD,
        number="VIP-12345678",
        priority_label="Người có công với cách mạng, thân nhân liệt sĩ và người được hưởng chính sách như thương binh",
        note=LONG_FIELD,
        qr_payload="https://dichvucong.quangnam.gov.vn/hang-doi/" + "y" * 150,
    )
    unbroken = make(centre_name=UNBROKEN, field_name=UNBROKEN, priority_label=UNBROKEN, note=UNBROKEN)
    for data in (normal, long, unbroken):
        pdf = render_ticket(data, roll)
        assert _ink_outside_content(pdf, side_mm) == [], data
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        assert float(reader.pages[0].mediabox.width) == pytest.approx(roll * MM, abs=0.5)
    text = _text(render_ticket(long, roll))
    assert "Người có công với cách mạng" in text
    assert "quyền sở hữu nhà ở" in text


def test_margin_check_can_fail():
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(80 * MM, 100 * MM))
    c.rect(80 * MM - 3, 50 * MM, 2, 10, fill=1)
    c.showPage()
    c.save()
    assert _ink_outside_content(buf.getvalue(), 3.5) == ["right"]


def test_long_names_wrap_not_shrink():
    text = _text(render_ticket(make(centre_name=LONG_CENTRE, field_name=LONG_FIELD), 58))
    assert "TÂY GIANG VÀ NAM GIANG" in text
    assert "gắn liền với đất" in text


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("roll", [0, 57, 72, 76, 110, True, "80"])
def test_bad_roll(roll):
    with pytest.raises(ValueError, match="roll_mm"):
        render_ticket(make(), roll)  # type: ignore[arg-type]


def test_naive_datetime_rejected():
    with pytest.raises(ValueError, match="timezone-aware"):
        render_ticket(make(issued_at=datetime(2026, 11, 26, 9, 5)))


@pytest.mark.parametrize("bad", [dict(number="  "), dict(ahead=-1), dict(estimated_wait_minutes=-3),
                                 dict(qr_payload="x" * 301)])
def test_bad_data(bad):
    with pytest.raises(ValueError):
        render_ticket(replace(make(), **bad))
