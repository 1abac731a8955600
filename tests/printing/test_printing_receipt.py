"""Form 01 receipt: real PDFs rendered and read back (pypdf text, pypdfium2 pixels, zxing)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from counter_app.printing import PersonBlock, ReceiptDocumentRow, render_receipt

A5_W, A5_H = 419.53, 595.28
MM = 72 / 25.4
LABEL_1 = "Liên 1: Lưu"
LABEL_2 = "Liên 2: Giao khách hàng"
TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pages_text(pdf: bytes) -> list[str]:
    return [_flat(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _decode(pdf: bytes, page: int, dpi: int = 300) -> dict[str, list[str]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[page].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
    found: dict[str, list[str]] = {}
    for b in zxingcpp.read_barcodes(image):
        found.setdefault(b.format.name, []).append(b.text)
    return found


# --------------------------------------------------------------------------- text


def test_text_of_both_copies(receipt_data):
    pdf = render_receipt(receipt_data)
    pages = _pages_text(pdf)
    assert len(pages) == 2
    for text in pages:
        assert TITLE in text
        assert "Mã hồ sơ" in text
        assert receipt_data.dossier_code in text
        assert "Ông/Bà Nguyễn Thị Ấn" in text
        assert "UBND TỈNH QUẢNG NAM" in text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        # received 02:05 UTC = 09:05 in Vietnam; due 09:30 UTC = 16:30
        assert "Tam Kỳ, ngày 26 tháng 11 năm 2026" in text
        assert "4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 26/11/2026" in text
        assert "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 01/12/2026" in text
        assert "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh (mã 1.000948.H38)" in text
        assert "3. Thời gian giải quyết hồ sơ theo quy định là: 3 ngày làm việc" in text
        assert "2. Số lượng hồ sơ: 1 (bộ)" in text
        assert "Quyển số: 03/2026, Số thứ tự: 1427" in text
        assert "Số: 1427/TNHS" in text
        assert "Căn cước công dân của chủ hộ kinh doanh" in text
        assert "049186001234" in text and "0905 123 456" in text and "an.nguyen@example.vn" in text
        assert "Phí, lệ phí: 50.000 đồng (đã nộp tiền mặt)" in text
        assert "Đường dây nóng: 0235 3 812 345" in text
        assert "giấy ủy quyền" in text
        assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
        assert "Trần Văn Bình" in text
        assert "Người nộp hồ sơ" not in text  # no submitter given
    assert LABEL_1 in pages[0] and LABEL_2 not in pages[0]
    assert LABEL_2 in pages[1] and LABEL_1 not in pages[1]
    # the two copies differ only by their label
    assert pages[0].replace(LABEL_1, "") == pages[1].replace(LABEL_2, "")


def test_submitter_same_day_and_optional_lines(make_receipt):
    data = make_receipt(
        submitter=PersonBlock("Lê Văn Nộp", id_number="049186001235", phone="0906 000 111"),
        processing_days=0,
        fee_text="",
        note="Hồ sơ nhận ngoài giờ theo yêu cầu.",
        documents=(),
    )
    text = _pages_text(render_receipt(data))[0]
    assert "Người nộp hồ sơ: Ông/Bà Lê Văn Nộp" in text
    assert "049186001235" in text
    assert "theo quy định là: trong ngày" in text
    assert "Phí, lệ phí" not in text
    assert "Ghi chú: Hồ sơ nhận ngoài giờ theo yêu cầu." in text
    assert "(không có)" in text


@pytest.mark.parametrize("tz", [timezone.utc, ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York"),
                                ZoneInfo("Asia/Ho_Chi_Minh")])
def test_times_print_in_vietnam_time_whatever_their_zone(make_receipt, tz):
    received = datetime(2026, 11, 26, 23, 50, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    due = received + timedelta(days=5, minutes=-20)
    text = _pages_text(render_receipt(make_receipt(received_at=received.astimezone(tz), due_at=due.astimezone(tz))))[0]
    assert "Thời gian nhận hồ sơ: 23 giờ 50 phút, ngày 26/11/2026" in text
    assert "Thời gian trả kết quả giải quyết hồ sơ: 23 giờ 30 phút, ngày 01/12/2026" in text
    assert "ngày 26 tháng 11 năm 2026" in text


def test_naive_datetimes_are_refused(make_receipt):
    with pytest.raises(ValueError, match="timezone-aware"):
        render_receipt(make_receipt(due_at=datetime(2026, 12, 1, 16, 30)))


def test_markup_in_user_text_is_printed_literally(make_receipt):
    owner = PersonBlock('Trần "Bé" <b>Tí</b> & Cộng sự', address="Ngõ 5 > số 7 < 9", email="a&b@example.vn")
    text = _pages_text(render_receipt(make_receipt(owner=owner)))[0]
    assert 'Trần "Bé" <b>Tí</b> & Cộng sự' in text
    assert "Ngõ 5 > số 7 < 9" in text
    assert "a&b@example.vn" in text


# --------------------------------------------------------------------------- PDF structure


def _assert_a5(reader: PdfReader) -> None:
    for i, page in enumerate(reader.pages):
        box = page.mediabox
        assert float(box.width) == pytest.approx(A5_W, abs=1), f"page {i + 1} width"
        assert float(box.height) == pytest.approx(A5_H, abs=1), f"page {i + 1} height"


def _fonts(obj, seen: set[int] | None = None):
    """Every font dictionary reachable from a page's resources (XObjects included)."""
    seen = set() if seen is None else seen
    resources = obj.get("/Resources")
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            yield font
    for xobject in (resources.get("/XObject") or {}).values():
        yield from _fonts(xobject.get_object(), seen)


def _assert_fonts_embedded(reader: PdfReader) -> set[str]:
    names: set[str] = set()
    for page in reader.pages:
        for font in _fonts(page):
            descendants = font.get("/DescendantFonts")
            faces = [d.get_object() for d in descendants.get_object()] if descendants else [font]
            for face in faces:
                name = str(face["/BaseFont"])
                names.add(name)
                descriptor = face.get("/FontDescriptor")
                assert descriptor is not None, f"{name} has no font descriptor (base-14, not embedded)"
                assert "/FontFile2" in descriptor.get_object(), f"{name} is not an embedded TrueType font"
    return names


def test_pages_are_a5_and_fonts_embedded(receipt_data):
    reader = PdfReader(io.BytesIO(render_receipt(receipt_data)))
    assert len(reader.pages) == 2
    _assert_a5(reader)
    names = _assert_fonts_embedded(reader)
    assert names, "no fonts found at all"
    assert all("LiberationSerif" in n for n in names), names
    assert any(n.endswith("LiberationSerif-Bold") for n in names)
    assert any(n.endswith("LiberationSerif-Italic") for n in names)


def test_metadata(receipt_data):
    reader = PdfReader(io.BytesIO(render_receipt(receipt_data)))
    meta = reader.metadata
    assert meta.title == f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả - {receipt_data.dossier_code}"
    assert meta.author == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"


def test_same_input_same_bytes(make_receipt):
    a = render_receipt(make_receipt())
    b = render_receipt(make_receipt())
    assert a == b
    assert render_receipt(make_receipt(register_seq=1428)) != a


# --------------------------------------------------------------------------- barcodes


@pytest.mark.parametrize("page", [0, 1])
def test_code128_and_qr_decode_to_the_dossier_code(receipt_data, page):
    found = _decode(render_receipt(receipt_data), page)
    assert found.get("Code128") == [receipt_data.dossier_code], found
    assert found.get("QRCode") == [receipt_data.dossier_code], found


def test_qr_carries_the_payload_when_given(make_receipt):
    payload = "https://dichvucong.quangnam.gov.vn/tra-cuu?ma=000.00.06.H56-261126-0361"
    data = make_receipt(qr_payload=payload)
    found = _decode(render_receipt(data), 0)
    assert found.get("QRCode") == [payload], found
    assert found.get("Code128") == [data.dossier_code], found


def test_barcodes_still_decode_at_150_dpi(receipt_data):
    found = _decode(render_receipt(receipt_data), 0, dpi=150)
    assert found.get("Code128") == [receipt_data.dossier_code], found
    assert found.get("QRCode") == [receipt_data.dossier_code], found


# --------------------------------------------------------------------------- long content


def _long_receipt(make_receipt):
    owner_name = "Nguyễn Thị Ấn " + "Hoàng Phương Quỳnh Thư " * 4  # > 100 characters
    owner_name = owner_name.strip() + ' "Bé Na" 😀'
    address = ("Thôn Phú Xuân, xã Tam Ngọc, thành phố Tam Kỳ, tỉnh Quảng Nam; " * 5)[:250]
    documents = tuple(
        ReceiptDocumentRow(
            f"Giấy tờ số {i:02d} - bản kê khai chi tiết tình trạng tài sản, thu nhập của người đề nghị "
            "và các thành viên trong hộ gia đình",
            "Bản sao có chứng thực",
            i,
        )
        for i in range(1, 31)
    )
    return make_receipt(
        owner=PersonBlock(
            full_name=owner_name,
            id_number="049186001234",
            birth_date=date(1990, 1, 2),
            phone="0905 123 456",
            email="ten.rat.dai." + "x" * 90 + "@example.vn",  # one long unbreakable word
            address=address,
        ),
        submitter=PersonBlock(full_name="Lê Văn Nộp Hộ " * 8 + "'Út'", id_number="049186001235"),
        documents=documents,
        procedure_name="Thủ tục " + "đăng ký, cấp giấy chứng nhận và điều chỉnh thông tin " * 4,
        officer_name="Trần Văn Bình " * 8,
        note="Ghi chú dài " * 30,
    ), owner_name, address


def test_long_content_flows_onto_labelled_continuation_pages(make_receipt):
    data, owner_name, address = _long_receipt(make_receipt)
    pdf = render_receipt(data)
    reader = PdfReader(io.BytesIO(pdf))
    _assert_a5(reader)
    _assert_fonts_embedded(reader)
    pages = [_flat(p.extract_text()) for p in reader.pages]
    assert len(pages) > 2

    # copy 1 runs until the first page labelled copy 2; every page says which copy it is
    first_copy2 = next(i for i, t in enumerate(pages) if LABEL_2 in t)
    assert first_copy2 >= 2
    copy1, copy2 = pages[:first_copy2], pages[first_copy2:]
    assert len(copy1) == len(copy2)
    assert all(LABEL_1 in t and LABEL_2 not in t for t in copy1)
    assert all(LABEL_2 in t and LABEL_1 not in t for t in copy2)
    n = len(copy1)
    for k, (t1, t2) in enumerate(zip(copy1, copy2), start=1):
        assert f"trang {k}/{n}" in t1 and f"trang {k}/{n}" in t2
        assert data.dossier_code in t1 and data.dossier_code in t2

    for copy in (copy1, copy2):
        text = " ".join(copy)
        assert TITLE in text
        assert "Hoàng Phương Quỳnh Thư" in text and '"Bé Na"' in text
        assert "Thôn Phú Xuân, xã Tam Ngọc" in text
        assert "Lê Văn Nộp Hộ" in text and "'Út'" in text
        for i in (1, 15, 30):
            assert f"Giấy tờ số {i:02d}" in text
        assert "Quyển số: 03/2026, Số thứ tự: 1427" in text
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
        # the table header repeats on the pages it continues onto
        assert " ".join(copy[1:]).count("Tên giấy tờ") >= 1


def _ink_outside_content(pdf: bytes, dpi: int = 72) -> list[str]:
    """Pages/sides where something is drawn in the outer page margins (overflow)."""
    problems = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            w, h = image.size
            band = int(9 * MM * dpi / 72)  # content starts 12 mm from each side edge
            for side, box in (("left", (0, 0, band, h)), ("right", (w - band, 0, w, h)),
                              ("top", (0, 0, w, int(6 * MM * dpi / 72))),
                              ("bottom", (0, h - int(3 * MM * dpi / 72), w, h))):
                lo, _ = image.crop(box).getextrema()
                if lo < 200:
                    problems.append(f"page {i + 1} {side}")
    finally:
        doc.close()
    return problems


def test_nothing_is_drawn_in_the_page_margins(make_receipt, receipt_data):
    assert _ink_outside_content(render_receipt(receipt_data)) == []
    data, _, _ = _long_receipt(make_receipt)
    assert _ink_outside_content(render_receipt(data)) == []


def test_margin_check_can_fail():
    # guard against a vacuous margin check: a page with ink at the edge is reported
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A5)
    c.rect(1, 300, 10, 10, fill=1)
    c.showPage()
    c.save()
    assert _ink_outside_content(buf.getvalue()) == ["page 1 left"]


def test_absurdly_long_fields_still_render(make_receipt):
    big = "Nguyễn Văn Rất Dài " * 60
    word = "x" * 400
    data = make_receipt(
        issuing_body=big, centre_name=big, place_name="Tam Kỳ",
        owner=PersonBlock(full_name=big, address=big + word, email=word, phone=word, id_number=word),
        submitter=PersonBlock(full_name=big, id_number=word),
        documents=(ReceiptDocumentRow(big * 3, big[:200], 10**6),),
        procedure_name=big, procedure_code=word, receiving_unit=big, return_place=big,
        register_book=word, officer_name=big, fee_text=big, note=big, hotline=word,
    )
    pdf = render_receipt(data)
    reader = PdfReader(io.BytesIO(pdf))
    _assert_a5(reader)
    texts = [_flat(p.extract_text()) for p in reader.pages]
    assert sum(LABEL_1 in t for t in texts) == sum(LABEL_2 in t for t in texts) == len(texts) // 2
    assert _ink_outside_content(pdf) == []


def test_empty_dossier_code_is_refused(make_receipt):
    with pytest.raises(ValueError):
        render_receipt(make_receipt(dossier_code="   "))


def test_page_count_of_a_normal_receipt_is_two(make_receipt):
    # four documents and a submitter still fit one page per copy
    docs = tuple(ReceiptDocumentRow(f"Giấy tờ {i}", "Bản chính", 1) for i in range(4))
    data = make_receipt(documents=docs, submitter=PersonBlock("Lê Văn Nộp", phone="0906 000 111"))
    assert len(PdfReader(io.BytesIO(render_receipt(data))).pages) == 2
    assert re.search(r"trang \d", " ".join(_pages_text(render_receipt(data)))) is None
