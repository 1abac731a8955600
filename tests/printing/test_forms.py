"""Lifecycle forms 02-05, the 2025 stop notice and the practice forms: real PDFs read back."""

from __future__ import annotations

import io
from dataclasses import FrozenInstanceError
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

import forms_data as fd
from counter_app.printing import (
    FORM_SETS,
    HandoffRow,
    PersonBlock,
    ReceiptDocumentRow,
    form_set_for,
    render_form,
    render_receipt,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = fd.CODE
HEADER_TEXTS = (
    "UBND TỈNH QUẢNG NAM",
    "TRUNG TÂM PHỤC VỤ HÀNH",  # the centre name may wrap inside the header cell
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Tam Kỳ, ngày 30 tháng 11 năm 2026",  # issued 01:15 UTC = 08:15 in Vietnam
)

# builder, title, "Mẫu số" line ("" = practice form), the "Số:" line, has a dossier code
FORMS = {
    "02": (fd.supplement, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
           "Mẫu số 02 - Thông tư số 01/2018/TT-VPCP", "Số: 12/PYCBS", True),
    "03": (fd.refusal, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
           "Mẫu số 03 - Thông tư số 01/2018/TT-VPCP", "Số: 7/PTC", False),
    "04": (fd.apology, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
           "Mẫu số 04 - Thông tư số 01/2018/TT-VPCP", "Số: 3/PXL", True),
    "05": (fd.control_slip, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
           "Mẫu số 05 - Thông tư số 01/2018/TT-VPCP", "Số: 1427/PKS", True),
    "stop": (fd.stop_notice, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
             "Mẫu số 05 - Thông tư số 03/2025/TT-VPCP", "Số: 2/TBD", True),
    "withdrawal": (fd.withdrawal, "PHIẾU XÁC NHẬN RÚT HỒ SƠ", "", "Số: 5/PRHS", True),
    "handover": (fd.handover, "PHIẾU TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ", "", "Số: 1427/TKQ", True),
    "forward": (fd.forward_list, "DANH SÁCH BÀN GIAO HỒ SƠ", "", "Số: 45/BG", False),
}


def _text(pdf: bytes) -> str:
    return " ".join(fd.pages_text(pdf))


# --------------------------------------------------------------------------- form sets


def test_form_set_table():
    keys = [fs.key for fs in FORM_SETS]
    assert keys == ["tt01_2018", "tt03_2025"]
    old, new = FORM_SETS
    assert old.legal_basis == "Thông tư số 01/2018/TT-VPCP" and old.effective_from == date(2018, 11, 23)
    assert new.legal_basis == "Thông tư số 03/2025/TT-VPCP" and new.effective_from == date(2025, 7, 1)
    assert dict(old.numbers) == {"receipt": "01", "supplement_request": "02", "refusal": "03", "apology": "04",
                                 "control_slip": "05", "register": "06"}
    assert dict(new.numbers) == {"receipt": "01", "supplement_request": "02", "refusal": "03", "apology": "04",
                                 "stop_notice": "05", "control_slip": "06", "register": "07"}
    assert old.titles["apology"] == "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
    assert new.titles["apology"] == "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
    assert new.titles["stop_notice"] == "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
    for fs in FORM_SETS:
        assert fs.titles["supplement_request"] == "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
        assert fs.titles["refusal"] == "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
        assert fs.titles["control_slip"] == "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
        assert fs.titles["register"] == "SỔ THEO DÕI HỒ SƠ"
        assert set(fs.titles) == set(fs.numbers)
        assert all(t == t.upper() for t in fs.titles.values())


def test_form_sets_are_read_only_and_hashable():
    fs = FORM_SETS[0]
    with pytest.raises(TypeError):
        fs.numbers["apology"] = "99"  # type: ignore[index]
    with pytest.raises(FrozenInstanceError):
        fs.key = "x"  # type: ignore[misc]
    assert len({fs, FORM_SETS[0], FORM_SETS[1]}) == 2


@pytest.mark.parametrize(("day", "key"), [
    (date(2018, 11, 23), "tt01_2018"),
    (date(2025, 6, 30), "tt01_2018"),
    (date(2025, 7, 1), "tt03_2025"),
    (date(2026, 11, 26), "tt03_2025"),
    (date(2015, 1, 1), "tt01_2018"),  # before any set: the first one
    # an aware datetime counts by its date in Vietnam: 18:00 UTC on 30/6 is 01:00 on 1/7
    (datetime(2025, 6, 30, 18, 0, tzinfo=timezone.utc), "tt03_2025"),
    (datetime(2025, 6, 30, 16, 59, tzinfo=timezone.utc), "tt01_2018"),
])
def test_form_set_for_picks_the_set_in_force(day, key):
    assert form_set_for(day).key == key
    assert form_set_for(day, "auto").key == key


def test_form_set_choice_forces_a_set_and_unknown_choices_fail():
    assert form_set_for(date(2026, 1, 1), "tt01_2018").key == "tt01_2018"
    assert form_set_for(date(2019, 1, 1), "tt03_2025").key == "tt03_2025"
    for bad in ("tt02_2020", "", "TT01-2018", "latest"):
        with pytest.raises(ValueError, match="form set"):
            form_set_for(date(2026, 1, 1), bad)


# --------------------------------------------------------------------------- every form


@pytest.mark.parametrize("name", list(FORMS))
def test_every_form_common_parts(name):
    build, title, form_line, number_line, has_code = FORMS[name]
    pdf = render_form(build())
    pages = fd.pages_text(pdf)
    assert len(pages) == 1, name
    text = pages[0]
    assert title in text
    for part in HEADER_TEXTS:
        assert part in text, part
    assert number_line in text
    if form_line:
        assert form_line in text
    else:
        assert "Mẫu số" not in text
    assert ("Mã hồ sơ: " + CODE in text) is has_code
    # A5 portrait, only embedded Liberation Serif subsets
    for w, h in fd.page_sizes(pdf):
        assert w == pytest.approx(fd.A5_W, abs=1) and h == pytest.approx(fd.A5_H, abs=1)
    names = fd.embedded_font_names(pdf)
    assert names and all("LiberationSerif" in n for n in names), names
    assert fd.ink_in_margins(pdf) == []
    # metadata names the form (and the code when there is one)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta.title.startswith(title.capitalize())
    assert (CODE in meta.title) is has_code


@pytest.mark.parametrize("name", list(FORMS))
def test_same_input_same_bytes(name):
    build = FORMS[name][0]
    assert render_form(build()) == render_form(build())


def test_unknown_data_type_is_refused():
    with pytest.raises(TypeError):
        render_form(object())  # type: ignore[arg-type]


# --------------------------------------------------------------------------- 02


def test_form_02_supplement_request_fields():
    pdf = render_form(fd.supplement())
    text = _text(pdf)
    assert "hướng dẫn hoàn thiện hồ sơ của: Ông/Bà Nguyễn Thị Ấn" in text
    assert "Địa chỉ: Số 15 Phan Chu Trinh, phường An Mỹ" in text
    assert "Số điện thoại: 0905 123 456" in text and "an.nguyen@example.vn" in text
    assert "Số định danh cá nhân: 049186001234; ngày sinh: 14/03/1986" in text
    assert "Nội dung yêu cầu giải quyết: Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh (mã 1.000948.H38)" in text
    assert "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:" in text
    assert "Nội dung cần bổ sung, hoàn thiện" in text and "Hình thức (bản chính, bản sao, bản photo)" in text
    assert "(bản cũ bị ướt, nhòe chữ)" in text and "Giấy đề nghị có chữ ký của chủ hộ kinh doanh" in text
    assert "Lý do: Giấy tờ bị ướt, không đọc được; giấy đề nghị thiếu chữ ký." in text
    assert "liên hệ với Trần Văn Bình, số điện thoại 0235 3 812 346 để được hướng dẫn" in text
    assert "NGƯỜI HƯỚNG DẪN" in text and "(Ký và ghi rõ họ tên)" in text
    assert "Đường dây nóng: 0235 3 812 345" in text
    found = fd.decode(pdf)
    assert found.get("Code128") == [CODE] and found.get("QRCode") == [CODE], found


def test_form_02_without_a_code_has_no_barcode():
    pdf = render_form(fd.supplement(dossier_code=""))
    text = _text(pdf)
    assert "Mã hồ sơ" not in text
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert fd.decode(pdf) == {}


def test_form_02_blanks_to_fill_in_and_submitter():
    data = fd.supplement(
        owner=PersonBlock("Nguyễn Thị Ấn"),
        submitter=PersonBlock("Lê Văn Nộp", phone="0906 000 111"),
        items=(), officer_phone="",
    )
    text = _text(render_form(data))
    assert "Địa chỉ: ……………………" in text
    assert "Người nộp hồ sơ: Ông/Bà Lê Văn Nộp (Số điện thoại: 0906 000 111)" in text
    assert "(không có)" in text
    assert "số điện thoại …………………… để được hướng dẫn" in text


# --------------------------------------------------------------------------- 03


def test_form_03_refusal_fields():
    pdf = render_form(fd.refusal())
    text = _text(pdf)
    assert "tiếp nhận hồ sơ của: Ông/Bà Nguyễn Thị Ấn" in text
    assert "Người nộp hồ sơ: Ông/Bà Lê Văn Nộp" in text
    assert "không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:" in text
    assert "Hồ sơ không thuộc thẩm quyền giải quyết của tỉnh; đề nghị nộp tại UBND phường An Mỹ." in text
    assert "liên hệ với Trần Văn Bình, số điện thoại 0235 3 812 346" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Lê Văn Nộp" in text and "Trần Văn Bình" in text
    assert fd.decode(pdf) == {}  # refused at intake: no code, no barcode
    # with a code (an online dossier refused at reception) the code is printed
    pdf = render_form(fd.refusal(dossier_code=CODE))
    assert f"Mã hồ sơ: {CODE}" in _text(pdf)
    assert fd.decode(pdf).get("Code128") == [CODE]


# --------------------------------------------------------------------------- 04


def test_form_04_apology_fields():
    pdf = render_form(fd.apology())
    text = _text(pdf)
    assert "Kính gửi: Ông/Bà Nguyễn Thị Ấn" in text
    # received 02:05 UTC = 09:05, due 09:30 UTC = 16:30, new due 09:00 UTC = 16:00
    assert "Vào lúc 09 giờ 05 phút, ngày 26/11/2026, Phòng Tài chính - Kế hoạch thành phố Tam Kỳ" in text
    assert f"(mã hồ sơ: {CODE})" in text
    assert "Thời hạn trả kết quả theo giấy tiếp nhận: 16 giờ 30 phút, ngày 01/12/2026." in text
    assert "Lý do: Hồ sơ phải lấy ý kiến của cơ quan thuế; văn bản trả lời chưa đến." in text
    assert "xin lỗi Ông/Bà" in text
    assert "hẹn lại thời gian trả kết quả giải quyết hồ sơ vào: 16 giờ 00 phút, ngày 03/12/2026." in text
    assert "TRƯỞNG PHÒNG" in text and "(Ký, ghi rõ họ tên và đóng dấu)" in text and "Phạm Thị Duyên" in text
    assert "Nơi nhận:" in text
    # the new return date is printed in bold
    bold = " ".join(fd.bold_fragments(pdf))
    assert "03/12/2026" in bold
    assert "01/12/2026" not in bold


def test_form_04_of_the_2025_set():
    pdf = render_form(fd.apology(form_set=fd.fs2025()))
    text = _text(pdf)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "Mẫu số 04 - Thông tư số 03/2025/TT-VPCP" in text
    assert "PHIẾU XIN LỖI" not in text and "01/2018" not in text
    assert "đề nghị gia hạn thời gian giải quyết hồ sơ; thời gian trả kết quả mới: 16 giờ 00 phút, ngày 03/12/2026" \
        in text
    assert "03/12/2026" in " ".join(fd.bold_fragments(pdf))


def test_form_04_barcodes_decode_to_the_code_and_payload():
    pdf = render_form(fd.apology())
    found = fd.decode(pdf)
    assert found.get("Code128") == [CODE], found
    assert found.get("QRCode") == [CODE], found
    payload = f"https://dichvucong.quangnam.gov.vn/tra-cuu?ma={CODE}"
    found = fd.decode(render_form(fd.apology(qr_payload=payload)), dpi=150)
    assert found.get("QRCode") == [payload] and found.get("Code128") == [CODE], found


def test_form_04_default_number_and_signer():
    data = fd.apology(header=fd.header(number_text=""), signer_title="thủ trưởng cơ quan", signer_name="")
    text = _text(render_form(data))
    assert "Số: ……/PXL" in text
    assert "THỦ TRƯỞNG CƠ QUAN" in text
    assert "THỦ TRƯỞNG CƠ QUAN" in _text(render_form(fd.apology(signer_title="")))


# --------------------------------------------------------------------------- 05


def test_form_05_control_slip_fields():
    pdf = render_form(fd.control_slip())
    text = _text(pdf)
    assert "Kèm theo hồ sơ của: Ông/Bà Nguyễn Thị Ấn" in text
    assert "Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 26/11/2026" in text
    assert "Thời gian hẹn trả kết quả: 16 giờ 30 phút, ngày 01/12/2026" in text
    assert "Cơ quan (bộ phận) chủ trì giải quyết: Phòng Tài chính - Kế hoạch thành phố Tam Kỳ" in text
    assert "Cơ quan phối hợp giải quyết: Chi cục Thuế khu vực Tam Kỳ - Phú Ninh" in text
    for head in ("Giao, nhận hồ sơ", "(từ đơn vị → đến đơn vị)", "Người giao", "Người nhận",
                 "(sớm hạn/ đúng hạn/ quá hạn)", "Ghi chú"):
        assert head in text, head
    assert "1. Bộ phận tiếp nhận và trả kết quả → Phòng Tài chính - Kế hoạch" in text
    assert "2. Phòng Tài chính - Kế hoạch → Bộ phận tiếp nhận và trả kết quả" in text
    assert "11:05 26/11/2026" in text and "15:00 30/11/2026" in text
    assert "Sớm hạn" in text and "Đúng hạn" in text and "Giấy tờ ướt đã thay" in text
    assert text.count("Trần Văn Bình") == 2 and text.count("Lê Thị Cúc") == 2
    # four empty rows to fill in by hand after the two given ones
    for k in (3, 4, 5, 6):
        assert f"{k}. …… → ……" in text
    assert "7. …… → ……" not in text
    assert text.count("…giờ…phút …/…/……") == 4


def test_form_05_barcodes_decode():
    found = fd.decode(render_form(fd.control_slip()))
    assert found.get("Code128") == [CODE], found
    assert found.get("QRCode") == [CODE], found


def test_control_slip_of_the_2025_set_is_number_06():
    data = fd.control_slip(form_set=fd.fs2025(), co_agencies=(), blank_rows=0)
    text = _text(render_form(data))
    assert "Mẫu số 06 - Thông tư số 03/2025/TT-VPCP" in text
    assert "Cơ quan phối hợp giải quyết: Không" in text
    assert "3. …… → ……" not in text


def test_control_slip_with_many_handoffs_runs_onto_more_pages_with_repeated_heads():
    base = datetime(2026, 11, 26, 2, 0, tzinfo=timezone.utc)
    rows = tuple(
        HandoffRow(f"Đơn vị giao số {i}", f"Đơn vị nhận số {i}", base + timedelta(hours=i),
                   "Người giao " + str(i), "Người nhận " + str(i), "Đúng hạn", "")
        for i in range(1, 31)
    ) + (HandoffRow("Phòng Tài chính", "Bộ phận tiếp nhận và trả kết quả", None),)
    pdf = render_form(fd.control_slip(rows=rows, co_agencies="Chi cục Thuế"))
    pages = fd.pages_text(pdf)
    n = len(pages)
    assert n >= 3
    for k, text in enumerate(pages, start=1):
        assert "Người giao" in text and "(sớm hạn/ đúng hạn/ quá hạn)" in text  # heads on every page
        assert f"Trang {k}/{n}" in text
    for text in pages[1:]:
        assert f"Phiếu kiểm soát quá trình giải quyết hồ sơ - Mã hồ sơ: {CODE} (tiếp theo)" in text
    whole = " ".join(pages)
    for i in (1, 15, 30):
        assert f"{i}. Đơn vị giao số {i} → Đơn vị nhận số {i}" in whole
    assert "31. Phòng Tài chính → Bộ phận tiếp nhận và trả kết quả" in whole
    assert "35. …… → ……" in whole
    assert fd.ink_in_margins(pdf) == []
    assert all(w == pytest.approx(fd.A5_W, abs=1) for w, _ in fd.page_sizes(pdf))


# --------------------------------------------------------------------------- 2025 stop notice


def test_stop_notice_fields():
    pdf = render_form(fd.stop_notice())
    text = _text(pdf)
    assert "Kính gửi: Ông/Bà Nguyễn Thị Ấn" in text
    assert "Vào lúc 09 giờ 05 phút, ngày 26/11/2026, Trung tâm phục vụ hành chính công đã tiếp nhận" in text
    assert "thông báo dừng giải quyết hồ sơ nêu trên" in text
    assert "Lý do: Quá thời hạn bổ sung hồ sơ mà Ông/Bà chưa bổ sung." in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Trần Văn Bình" in text
    assert fd.decode(pdf).get("Code128") == [CODE]


def test_stop_notice_with_the_2018_set_prints_without_a_form_number():
    text = _text(render_form(fd.stop_notice(form_set=fd.fs2018(), agency_name="Phòng Tư pháp")))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Mẫu số" not in text
    assert "Phòng Tư pháp thông báo dừng giải quyết hồ sơ" in text


# --------------------------------------------------------------------------- practice forms


def test_withdrawal_slip_fields():
    text = _text(render_form(fd.withdrawal()))
    assert "xác nhận Ông/Bà Nguyễn Thị Ấn đã rút hồ sơ sau đây:" in text
    assert "Số định danh cá nhân: 049186001234" in text
    assert "Nội dung yêu cầu giải quyết: Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh" in text
    assert "Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 26/11/2026" in text
    assert "Thời gian rút hồ sơ: 08 giờ 15 phút, ngày 30/11/2026" in text
    assert "Lý do rút hồ sơ: Gia đình thay đổi kế hoạch kinh doanh." in text
    assert "NGƯỜI RÚT HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text


def test_handover_receipt_fields():
    pdf = render_form(fd.handover())
    text = _text(pdf)
    assert "(Biên nhận trả kết quả)" in text
    assert "Hồ sơ của: Ông/Bà Nguyễn Thị Ấn" in text
    assert "Kết quả giải quyết: Giấy chứng nhận đăng ký hộ kinh doanh số 40A8001234" in text
    assert "Thời gian trả kết quả: 16 giờ 30 phút, ngày 01/12/2026" in text
    assert "Người nhận kết quả: Ông/Bà Lê Văn Nộp; Số định danh cá nhân: 049186001235" in text
    assert "Nhận thay chủ hồ sơ theo: Giấy ủy quyền ngày 20/11/2026" in text
    assert "Phí, lệ phí: 50.000 đồng (đã nộp tiền mặt)" in text
    assert "Đánh giá mức độ hài lòng: Rất hài lòng" in text
    assert "NGƯỜI NHẬN KẾT QUẢ" in text and "NGƯỜI TRẢ KẾT QUẢ" in text
    assert fd.decode(pdf).get("Code128") == [CODE]


def test_handover_receipt_when_the_owner_collects():
    data = fd.handover(collector_name="Nguyễn Thị Ấn", collector_id_number="", authorisation_note="",
                       fees_text="", rating_label="")
    text = _text(render_form(data))
    assert "(Chủ hồ sơ trực tiếp nhận kết quả)" in text
    assert "Nhận thay" not in text and "Phí, lệ phí" not in text and "hài lòng" not in text
    assert "Người nhận kết quả: Ông/Bà Nguyễn Thị Ấn" in text


def test_forward_list_fields():
    text = _text(render_form(fd.forward_list()))
    assert "Bên giao: Trung tâm phục vụ hành chính công" in text
    assert "Bên nhận: Phòng Tài chính - Kế hoạch thành phố Tam Kỳ" in text
    assert "Thời gian bàn giao: 08 giờ 15 phút, ngày 30/11/2026" in text
    for head in ("STT", "Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày nhận", "Hẹn trả", "Số bộ"):
        assert head in text
    joined = text.replace("- ", "-")  # codes may break after a hyphen inside their cell
    for i in (361, 362, 363):
        assert f"000.00.06.H56-261126-{i:04d}" in joined
        assert f"Nguyễn Thị Ấn {i}" in text
    assert "09:05 26/11/2026" in text and "16:30 01/12/2026" in text
    assert "Tổng số: 3 hồ sơ (3 bộ)." in text
    assert "NGƯỜI GIAO" in text and "NGƯỜI NHẬN" in text and "Lê Thị Cúc" in text


def test_forward_list_of_many_dossiers_flows_onto_more_pages():
    rows = tuple(
        fd.ForwardListRow(f"000.00.06.H56-261126-{i:04d}", fd.PROCEDURE, f"Chủ hồ sơ {i}", fd.RECEIVED, fd.DUE, 2)
        for i in range(1, 61)
    )
    pdf = render_form(fd.forward_list(rows=rows))
    pages = fd.pages_text(pdf)
    assert len(pages) >= 2
    assert all("Tên thủ tục" in p for p in pages)
    assert "Danh sách bàn giao hồ sơ (tiếp theo)" in pages[1]
    assert "Tổng số: 60 hồ sơ (120 bộ)." in pages[-1]
    assert fd.ink_in_margins(pdf) == []


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize("tz", [timezone.utc, ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York"), VN])
def test_times_print_in_vietnam_time_whatever_their_zone(tz):
    received = datetime(2026, 11, 26, 23, 50, tzinfo=VN)
    data = fd.apology(received_at=received.astimezone(tz),
                      original_due_at=(received + timedelta(days=5)).astimezone(tz),
                      new_due_at=(received + timedelta(days=7, hours=-8)).astimezone(tz),
                      header=fd.header(issued_at=received.astimezone(tz)))
    text = _text(render_form(data))
    assert "Vào lúc 23 giờ 50 phút, ngày 26/11/2026" in text
    assert "16:30" not in text
    assert "23 giờ 50 phút, ngày 01/12/2026" in text
    assert "15 giờ 50 phút, ngày 03/12/2026" in text
    assert "Tam Kỳ, ngày 26 tháng 11 năm 2026" in text


NAIVE = datetime(2026, 12, 1, 16, 30)


@pytest.mark.parametrize("data", [
    lambda: fd.apology(new_due_at=NAIVE),
    lambda: fd.apology(original_due_at=NAIVE),
    lambda: fd.control_slip(received_at=NAIVE),
    lambda: fd.control_slip(rows=(HandoffRow("A", "B", NAIVE),)),
    lambda: fd.supplement(header=fd.header(issued_at=NAIVE)),
    lambda: fd.refusal(header=fd.header(issued_at=NAIVE)),
    lambda: fd.stop_notice(received_at=NAIVE),
    lambda: fd.withdrawal(received_at=NAIVE),
    lambda: fd.handover(handed_at=NAIVE),
    lambda: fd.forward_list(rows=(fd.ForwardListRow(CODE, "x", "y", NAIVE, fd.DUE, 1),)),
])
def test_naive_datetimes_are_refused(data):
    with pytest.raises(ValueError, match="timezone-aware"):
        render_form(data())


# --------------------------------------------------------------------------- hostile and long input


def test_user_text_is_printed_literally_and_control_characters_dropped():
    owner = PersonBlock('Nguyễn\x00 Thị\x07 Ấn <b>"Bé"</b> & Cộng sự', address="Ngõ 5 > số 7 < 9",
                        email="a&b@example.vn")
    text = _text(render_form(fd.supplement(owner=owner, reason="Thiếu <i>giấy</i> &amp; ảnh\x1b")))
    assert 'Ông/Bà Nguyễn Thị Ấn <b>"Bé"</b> & Cộng sự' in text
    assert "Ngõ 5 > số 7 < 9" in text and "a&b@example.vn" in text
    assert "Lý do: Thiếu <i>giấy</i> &amp; ảnh" in text


def test_emoji_and_characters_the_font_lacks_do_not_crash():
    data = fd.apology(owner_name="Nguyễn Thị Ấn 😀 \u2603 \U0001F1FB\U0001F1F3 \u0e01",
                      reason="Mưa ướt hồ sơ ☔ 🙏")
    text = _text(render_form(data))
    assert "Kính gửi: Ông/Bà Nguyễn Thị Ấn" in text
    assert "Mưa ướt hồ sơ" in text
    text = _text(render_form(fd.control_slip(rows=(HandoffRow("A 😀", "B 🙏", None, "C", "D", "E", "F"),))))
    assert "1. A" in text


def test_long_reason_and_many_items_flow_onto_more_pages():
    reason = ("Hồ sơ thiếu giấy tờ chứng minh quyền sử dụng đất; bản sao bị ướt, nhòe chữ. " * 8)[:500]
    assert len(reason) == 500
    items = tuple(
        ReceiptDocumentRow(f"Giấy tờ cần bổ sung số {i:02d} - bản kê khai chi tiết có xác nhận của UBND cấp xã",
                           "Bản sao có chứng thực", i)
        for i in range(1, 31)
    )
    pdf = render_form(fd.supplement(items=items, reason=reason))
    pages = fd.pages_text(pdf)
    n = len(pages)
    assert n >= 2
    whole = " ".join(pages)
    for i in (1, 15, 30):
        assert f"Giấy tờ cần bổ sung số {i:02d}" in whole
    assert reason.strip()[-40:] in whole
    assert "NGƯỜI HƯỚNG DẪN" in pages[-1]
    for k, text in enumerate(pages, start=1):
        assert f"Trang {k}/{n}" in text
    for text in pages[1:]:
        assert f"Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ - Mã hồ sơ: {CODE} (tiếp theo)" in text
    assert "Nội dung cần bổ sung, hoàn thiện" in pages[1]  # the table's heads repeat where it continues
    assert fd.ink_in_margins(pdf) == []
    assert all(w == pytest.approx(fd.A5_W, abs=1) for w, _ in fd.page_sizes(pdf))
    # and a 500-character reason on the refusal and the apology
    for data in (fd.refusal(reason=reason), fd.apology(reason=reason)):
        pdf = render_form(data)
        assert reason.strip()[-40:] in _text(pdf)
        assert fd.ink_in_margins(pdf) == []


def test_absurdly_long_fields_still_render():
    big = "Nguyễn Văn Rất Dài " * 60
    word = "x" * 400
    hdr = fd.header(issuing_body=big, centre_name=big, place_name=big, number_text=word, hotline=word)
    for data in (
        fd.supplement(header=hdr, owner=PersonBlock(big, id_number=word, email=word, address=big + word),
                      procedure_code=word, procedure_name=big, officer_name=big, receiving_unit=big),
        fd.apology(header=hdr, agency_name=big, owner_name=big, signer_title=big, signer_name=big),
        fd.control_slip(header=hdr, lead_agency=big, co_agencies=(big, word),
                        rows=(HandoffRow(big, word, None, big, word, big, word),)),
        fd.handover(header=hdr, result_text=big, collector_name=big, authorisation_note=big + word),
        fd.forward_list(header=hdr, agency=big, rows=(fd.ForwardListRow(word, big, big, fd.RECEIVED, fd.DUE, 10**6),)),
    ):
        pdf = render_form(data)
        assert all(w == pytest.approx(fd.A5_W, abs=1) for w, _ in fd.page_sizes(pdf))
        assert fd.ink_in_margins(pdf) == []


def test_code_that_code128_cannot_encode_prints_as_text():
    data = fd.apology(dossier_code="HỒ-SƠ-Ấ-01")
    pdf = render_form(data)
    assert "Mã hồ sơ: HỒ-SƠ-Ấ-01" in _text(pdf)
    assert "Code128" not in fd.decode(pdf)


# --------------------------------------------------------------------------- form 01 gains its form number


def test_receipt_shows_its_form_number(make_receipt):
    text = fd.pages_text(render_receipt(make_receipt()))
    assert all("Mẫu số 01 - Thông tư số 01/2018/TT-VPCP" in t for t in text)
    text = _text(render_receipt(make_receipt(legal_basis="Thông tư số 03/2025/TT-VPCP")))
    assert "Mẫu số 01 - Thông tư số 03/2025/TT-VPCP" in text
    text = _text(render_receipt(make_receipt(form_number="")))
    assert "Mẫu số" not in text
    meta = PdfReader(io.BytesIO(render_receipt(make_receipt()))).metadata
    assert meta.subject == "Mẫu số 01 - Thông tư số 01/2018/TT-VPCP"
