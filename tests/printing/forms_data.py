"""Realistic inputs for the lifecycle forms and the register (builders with overrides).

Times are given in UTC on purpose: printing must show them in Vietnam time (UTC+7).
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader

from counter_app.printing import (
    ApologyData,
    ControlSlipData,
    FormHeader,
    ForwardListData,
    ForwardListRow,
    HandoffRow,
    HandoverReceiptData,
    PersonBlock,
    ReceiptDocumentRow,
    RefusalData,
    RegisterData,
    RegisterRow,
    StopNoticeData,
    SupplementRequestData,
    WithdrawalSlipData,
    form_set_for,
)

CODE = "000.00.06.H56-261126-0361"
A5_W, A5_H = 419.53, 595.28
A4_LANDSCAPE = (841.89, 595.28)

UTC = timezone.utc
# 02:05 UTC = 09:05 in Vietnam
RECEIVED = datetime(2026, 11, 26, 2, 5, tzinfo=UTC)
DUE = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # 16:30 local
NEW_DUE = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # 16:00 local
ISSUED = datetime(2026, 11, 30, 1, 15, tzinfo=UTC)  # 08:15 local, 30/11/2026

OWNER = PersonBlock(
    full_name="Nguyễn Thị Ấn",
    id_number="049186001234",
    birth_date=date(1986, 3, 14),
    phone="0905 123 456",
    email="an.nguyen@example.vn",
    address="Số 15 Phan Chu Trinh, phường An Mỹ, thành phố Tam Kỳ, tỉnh Quảng Nam",
)
UNIT = "Bộ phận tiếp nhận và trả kết quả - Trung tâm Phục vụ hành chính công tỉnh"
PROCEDURE = "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh"


def header(**overrides: object) -> FormHeader:
    fields: dict[str, object] = dict(
        issuing_body="UBND TỈNH QUẢNG NAM",
        centre_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        place_name="Tam Kỳ",
        centre_address="Số 02 Trần Hưng Đạo, phường Tân Thạnh, thành phố Tam Kỳ, tỉnh Quảng Nam",
        hotline="0235 3 812 345",
        issued_at=ISSUED,
        number_text="",
    )
    fields.update(overrides)
    return FormHeader(**fields)  # type: ignore[arg-type]


def fs2018():
    return form_set_for(date(2026, 11, 26), "tt01_2018")


def fs2025():
    return form_set_for(date(2026, 11, 26), "tt03_2025")


def supplement(**overrides: object) -> SupplementRequestData:
    fields: dict[str, object] = dict(
        header=header(number_text="12/PYCBS"),
        form_set=fs2018(),
        owner=OWNER,
        submitter=None,
        procedure_code="1.000948.H38",
        procedure_name=PROCEDURE,
        dossier_code=CODE,
        items=(
            ReceiptDocumentRow("Bản sao Căn cước công dân của chủ hộ (bản cũ bị ướt, nhòe chữ)", "Bản sao", 1),
            ReceiptDocumentRow("Giấy đề nghị có chữ ký của chủ hộ kinh doanh", "Bản chính", 1),
        ),
        reason="Giấy tờ bị ướt, không đọc được; giấy đề nghị thiếu chữ ký.",
        officer_name="Trần Văn Bình",
        officer_phone="0235 3 812 346",
        receiving_unit=UNIT,
    )
    fields.update(overrides)
    return SupplementRequestData(**fields)  # type: ignore[arg-type]


def refusal(**overrides: object) -> RefusalData:
    fields: dict[str, object] = dict(
        header=header(number_text="7/PTC"),
        form_set=fs2018(),
        owner=OWNER,
        submitter=PersonBlock("Lê Văn Nộp", id_number="049186001235", phone="0906 000 111"),
        procedure_code="1.000948.H38",
        procedure_name=PROCEDURE,
        dossier_code="",
        reason="Hồ sơ không thuộc thẩm quyền giải quyết của tỉnh; đề nghị nộp tại UBND phường An Mỹ.",
        officer_name="Trần Văn Bình",
        officer_phone="0235 3 812 346",
        receiving_unit=UNIT,
    )
    fields.update(overrides)
    return RefusalData(**fields)  # type: ignore[arg-type]


def apology(**overrides: object) -> ApologyData:
    fields: dict[str, object] = dict(
        header=header(number_text="3/PXL"),
        form_set=fs2018(),
        agency_name="Phòng Tài chính - Kế hoạch thành phố Tam Kỳ",
        owner_name="Nguyễn Thị Ấn",
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        received_at=RECEIVED,
        original_due_at=DUE,
        reason="Hồ sơ phải lấy ý kiến của cơ quan thuế; văn bản trả lời chưa đến.",
        new_due_at=NEW_DUE,
        signer_title="TRƯỞNG PHÒNG",
        signer_name="Phạm Thị Duyên",
    )
    fields.update(overrides)
    return ApologyData(**fields)  # type: ignore[arg-type]


def control_slip(**overrides: object) -> ControlSlipData:
    fields: dict[str, object] = dict(
        header=header(number_text="1427/PKS"),
        form_set=fs2018(),
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        owner_name="Nguyễn Thị Ấn",
        received_at=RECEIVED,
        due_at=DUE,
        lead_agency="Phòng Tài chính - Kế hoạch thành phố Tam Kỳ",
        co_agencies=("Chi cục Thuế khu vực Tam Kỳ - Phú Ninh",),
        rows=(
            HandoffRow("Bộ phận tiếp nhận và trả kết quả", "Phòng Tài chính - Kế hoạch", RECEIVED + timedelta(hours=2),
                       "Trần Văn Bình", "Lê Thị Cúc", "Sớm hạn", ""),
            HandoffRow("Phòng Tài chính - Kế hoạch", "Bộ phận tiếp nhận và trả kết quả",
                       datetime(2026, 11, 30, 8, 0, tzinfo=UTC), "Lê Thị Cúc", "Trần Văn Bình", "Đúng hạn",
                       "Giấy tờ ướt đã thay"),
        ),
    )
    fields.update(overrides)
    return ControlSlipData(**fields)  # type: ignore[arg-type]


def stop_notice(**overrides: object) -> StopNoticeData:
    fields: dict[str, object] = dict(
        header=header(number_text="2/TBD"),
        form_set=fs2025(),
        owner_name="Nguyễn Thị Ấn",
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        received_at=RECEIVED,
        reason="Quá thời hạn bổ sung hồ sơ mà Ông/Bà chưa bổ sung.",
        officer_name="Trần Văn Bình",
    )
    fields.update(overrides)
    return StopNoticeData(**fields)  # type: ignore[arg-type]


def withdrawal(**overrides: object) -> WithdrawalSlipData:
    fields: dict[str, object] = dict(
        header=header(number_text="5/PRHS"),
        dossier_code=CODE,
        owner=OWNER,
        procedure_name=PROCEDURE,
        received_at=RECEIVED,
        reason="Gia đình thay đổi kế hoạch kinh doanh.",
        officer_name="Trần Văn Bình",
    )
    fields.update(overrides)
    return WithdrawalSlipData(**fields)  # type: ignore[arg-type]


def handover(**overrides: object) -> HandoverReceiptData:
    fields: dict[str, object] = dict(
        header=header(number_text="1427/TKQ"),
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        owner_name="Nguyễn Thị Ấn",
        result_text="Giấy chứng nhận đăng ký hộ kinh doanh số 40A8001234",
        handed_at=DUE,
        collector_name="Lê Văn Nộp",
        collector_id_number="049186001235",
        authorisation_note="Giấy ủy quyền ngày 20/11/2026, chứng thực tại UBND phường An Mỹ",
        fees_text="50.000 đồng (đã nộp tiền mặt)",
        officer_name="Trần Văn Bình",
        rating_label="Rất hài lòng",
    )
    fields.update(overrides)
    return HandoverReceiptData(**fields)  # type: ignore[arg-type]


def forward_list(**overrides: object) -> ForwardListData:
    fields: dict[str, object] = dict(
        header=header(number_text="45/BG"),
        agency="Phòng Tài chính - Kế hoạch thành phố Tam Kỳ",
        rows=tuple(
            ForwardListRow(f"000.00.06.H56-261126-{i:04d}", PROCEDURE, f"Nguyễn Thị Ấn {i}", RECEIVED, DUE, 1)
            for i in range(361, 364)
        ),
        giver="Trần Văn Bình",
        receiver="Lê Thị Cúc",
    )
    fields.update(overrides)
    return ForwardListData(**fields)  # type: ignore[arg-type]


def register_row(i: int, **overrides: object) -> RegisterRow:
    received = RECEIVED + timedelta(minutes=7 * i)
    fields: dict[str, object] = dict(
        no=i,
        dossier_code=f"000.00.06.H56-261126-{i:04d}",
        procedure_name=PROCEDURE,
        applicant="Nguyễn Thị Ấn",
        address_phone="Số 15 Phan Chu Trinh, phường An Mỹ, thành phố Tam Kỳ; 0905 123 456",
        lead_agency="Phòng Tài chính - Kế hoạch",
        received_at=received,
        due_at=received + timedelta(days=5),
        returned_at=received + timedelta(days=4) if i % 2 else None,
        return_method="Tại Bộ phận Một cửa" if i % 2 else "",
        collector="Lê Văn Nộp" if i % 2 else "",
    )
    fields.update(overrides)
    return RegisterRow(**fields)  # type: ignore[arg-type]


def register(n: int = 3, **overrides: object) -> RegisterData:
    fields: dict[str, object] = dict(
        header=header(number_text="03/2026"),
        form_set=fs2018(),
        period_from=date(2026, 11, 1),
        period_to=date(2026, 11, 30),
        rows=tuple(register_row(i) for i in range(1, n + 1)),
    )
    fields.update(overrides)
    return RegisterData(**fields)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- reading PDFs back


def flat(text: str) -> str:
    return " ".join(text.split())


def pages_text(pdf: bytes) -> list[str]:
    return [flat(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def pages_text_fast(pdf: bytes) -> list[str]:
    """Like pages_text, with pdfium's text extraction: much faster on a 100-page register."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [flat(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def decode(pdf: bytes, page: int = 0, dpi: int = 300) -> dict[str, list[str]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[page].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
    found: dict[str, list[str]] = {}
    for b in zxingcpp.read_barcodes(image):
        found.setdefault(b.format.name, []).append(b.text)
    return found


def _fonts(obj, seen: set[int] | None = None):
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


def embedded_font_names(pdf: bytes) -> set[str]:
    """Base names of every font used; asserts each one is an embedded TrueType font."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
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


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def bold_fragments(pdf: bytes, page: int = 0) -> list[str]:
    """Text drawn in the bold face on *page* (pypdf visitor), to check what is emphasised."""
    found: list[str] = []

    def visit(text, cm, tm, font, size):  # noqa: ANN001
        if font is not None and str(font.get("/BaseFont", "")).endswith("LiberationSerif-Bold") and text.strip():
            found.append(text)

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


MM = 72 / 25.4


def ink_in_margins(pdf: bytes, side_mm: float = 9, top_mm: float = 6, bottom_mm: float = 3) -> list[str]:
    """Pages/sides where something is drawn in the outer page margins (overflow)."""
    problems = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=1, grayscale=True).to_pil().convert("L")
            w, h = image.size
            band = int(side_mm * MM)
            for side, box in (("left", (0, 0, band, h)), ("right", (w - band, 0, w, h)),
                              ("top", (0, 0, w, int(top_mm * MM))),
                              ("bottom", (0, h - int(bottom_mm * MM), w, h))):
                lo, _ = image.crop(box).getextrema()
                if lo < 200:
                    problems.append(f"page {i + 1} {side}")
    finally:
        doc.close()
    return problems
