"""Form 01 (Circular 01/2018/TT-VPCP): "Giấy tiếp nhận hồ sơ và hẹn trả kết quả".

A5 portrait, two copies in one PDF: "(Liên 1: Lưu)" and "(Liên 2: Giao khách hàng)", each
starting on a new page and otherwise identical. Long content flows onto continuation pages
that repeat the copy label and the dossier code at the top.

This module does not import counter_app.domain: ReceiptData carries ready-made labels.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from counter_app.printing.barcodes import Code128Flowable, QrFlowable
from counter_app.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao khách hàng")
NOTE_TEXT = (
    "Khi đến nhận kết quả, mang theo giấy tiếp nhận này và giấy tờ tùy thân; "
    "nếu không phải chủ hồ sơ, mang theo giấy ủy quyền."
)

PAGE_WIDTH, PAGE_HEIGHT = A5
MARGIN_X = 12 * mm
MARGIN_TOP = 10 * mm
MARGIN_BOTTOM = 10 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
QR_SIZE = 17 * mm
BLANK = "……………………"
HEADER_LIMIT = 160  # characters; header and signature cells cannot split across pages
SIGNATURE_LIMIT = 120


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class PersonBlock:
    full_name: str
    id_number: str = ""
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class ReceiptDocumentRow:
    name: str
    form_label: str  # "Bản chính" | "Bản sao" | "Bản photo" ...
    count: int


@dataclass(frozen=True)
class ReceiptData:
    issuing_body: str  # "UBND TỈNH QUẢNG NAM"
    centre_name: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    place_name: str  # "Tam Kỳ"
    centre_address: str
    hotline: str
    dossier_code: str
    receiving_unit: str  # "Bộ phận tiếp nhận và trả kết quả - Trung tâm ..."
    owner: PersonBlock
    submitter: PersonBlock | None
    procedure_code: str
    procedure_name: str
    documents: tuple[ReceiptDocumentRow, ...]
    sets: int
    processing_days: int
    counting_label: str  # "ngày làm việc" | "ngày"
    received_at: datetime  # aware
    due_at: datetime  # aware
    return_place: str
    register_book: str
    register_seq: int
    officer_name: str
    fee_text: str = ""
    note: str = ""
    qr_payload: str = ""  # default: the dossier code
    # optional additions (not in the contract's required set)
    number_text: str = ""  # the "Số:" line; default "<register_seq>/TNHS"


# --------------------------------------------------------------------------- helpers

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def _t(text: object) -> str:
    """User text -> Paragraph markup: control characters dropped, whitespace collapsed, escaped."""
    s = _SPACES.sub(" ", _CONTROL.sub("", str(text))).strip()
    return escape(s, {'"': "&quot;"})


def _clip(text: str, limit: int) -> str:
    """Shorten *text* for places that cannot flow onto another page (header, signatures)."""
    s = _SPACES.sub(" ", str(text)).strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _or_blank(text: str) -> str:
    s = _t(text)
    return s if s else BLANK


def _local(dt: datetime) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("receipt date-times must be timezone-aware")
    return dt.astimezone(VN_TZ)


def _time_and_date(dt: datetime) -> str:
    d = _local(dt)
    return f"{d:%H} giờ {d:%M} phút, ngày {d:%d/%m/%Y}"


def _processing_time(days: int, counting_label: str) -> str:
    if days <= 0:
        return "trong ngày"
    return f"{days} {_t(counting_label) or 'ngày làm việc'}"


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class _Styles:
    head_left: ParagraphStyle
    head_left_bold: ParagraphStyle
    head_right_bold: ParagraphStyle
    head_motto: ParagraphStyle
    head_date: ParagraphStyle
    head_number: ParagraphStyle
    title: ParagraphStyle
    copy_label: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    sign_head: ParagraphStyle
    sign_hint: ParagraphStyle
    sign_name: ParagraphStyle


@lru_cache(maxsize=1)
def _styles() -> _Styles:
    register_fonts()
    base = ParagraphStyle("base", fontName=SERIF, fontSize=10, leading=11.8, alignment=TA_LEFT)

    def s(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return _Styles(
        head_left=s("head_left", fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        head_left_bold=s("head_left_bold", fontName=SERIF_BOLD, fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        head_right_bold=s("head_right_bold", fontName=SERIF_BOLD, fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        head_motto=s("head_motto", fontName=SERIF_BOLD, fontSize=10, leading=12, alignment=TA_CENTER),
        head_date=s("head_date", fontName=SERIF_ITALIC, fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        head_number=s("head_number", fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        title=s("title", fontName=SERIF_BOLD, fontSize=12, leading=14.5, alignment=TA_CENTER),
        copy_label=s("copy_label", fontName=SERIF_ITALIC, fontSize=10, leading=12.5, alignment=TA_CENTER),
        body=s("body", alignment=TA_JUSTIFY),
        note=s("note", fontName=SERIF_ITALIC, fontSize=9.5, leading=11.5, alignment=TA_JUSTIFY),
        cell=s("cell", fontSize=9.5, leading=11),
        cell_center=s("cell_center", fontSize=9.5, leading=11, alignment=TA_CENTER),
        cell_head=s("cell_head", fontName=SERIF_BOLD, fontSize=9, leading=10.5, alignment=TA_CENTER),
        sign_head=s("sign_head", fontName=SERIF_BOLD, fontSize=10, leading=12.2, alignment=TA_CENTER),
        sign_hint=s("sign_hint", fontName=SERIF_ITALIC, fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        sign_name=s("sign_name", fontName=SERIF_BOLD, fontSize=10, leading=12.2, alignment=TA_CENTER),
    )


# --------------------------------------------------------------------------- document


def _table_style(commands: list[tuple]) -> TableStyle:
    # Tables set their cell font even for flowable cells; without this, reportlab's
    # default (Helvetica, not embedded) would end up in the PDF's font resources.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), *commands])


class _CopyMarker(Flowable):
    """Zero-size flowable marking where a copy (liên) begins; read by the doc template."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _ReceiptDoc(BaseDocTemplate):
    """Doc template that knows which copy (liên) each page belongs to.

    ``copy_pages`` collects how many pages each copy took; when a copy needs more than
    one page, render_receipt builds again with those totals as ``copy_totals`` so every
    page of that copy is numbered "trang n/N".
    """

    def __init__(self, buf: io.BytesIO, data: ReceiptData, copy_totals: dict[str, int] | None = None) -> None:
        self.receipt = data
        self.copy_label = ""
        self.copy_first_page = 1
        self.copy_pages: dict[str, int] = {}
        self.copy_totals = dict(copy_totals or {})
        title = f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả - {data.dossier_code}"
        super().__init__(
            buf,
            pagesize=A5,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=data.centre_name,
            subject="Mẫu số 01 - Thông tư 01/2018/TT-VPCP",
            creator="counter_app",
            producer="counter_app (ReportLab)",
            keywords=[data.dossier_code],
            invariant=1,
            pageCompression=1,
            lang="vi-VN",
            initialFontName=SERIF,
            initialFontSize=10,
            initialLeading=11.8,
            allowSplitting=1,
        )
        frame = Frame(
            MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
        )
        later = Frame(
            MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 5 * mm,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body_later",
        )
        self.addPageTemplates([
            PageTemplate(id="first", frames=[frame], pagesize=A5, onPageEnd=self._page_end),
            PageTemplate(
                id="later", frames=[later], pagesize=A5,
                onPage=self._continuation_header, onPageEnd=self._page_end,
            ),
        ])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _CopyMarker):
            self.copy_label = flowable.label
            self.copy_first_page = self.page

    def _page_of_copy(self) -> str:
        n = self.page - self.copy_first_page + 1
        total = self.copy_totals.get(self.copy_label, 0)
        return f"trang {n}/{total}" if total >= n else f"trang {n}"

    def _page_end(self, canv, doc) -> None:  # noqa: ANN001 - reportlab callback
        self.copy_pages[self.copy_label] = self.page - self.copy_first_page + 1
        if self.copy_totals.get(self.copy_label, 1) > 1:
            canv.saveState()
            canv.setFont(SERIF_ITALIC, 8.5)
            canv.drawCentredString(
                PAGE_WIDTH / 2, MARGIN_BOTTOM - 5 * mm, f"({self.copy_label}) - {self._page_of_copy()}"
            )
            canv.restoreState()

    def _continuation_header(self, canv, doc) -> None:  # noqa: ANN001 - reportlab callback
        text = (
            f"Mã hồ sơ: {self.receipt.dossier_code} - ({self.copy_label})"
            f" - {self._page_of_copy()} (tiếp theo)"
        )
        canv.saveState()
        size = 8.5
        while size > 6 and stringWidth(text, SERIF_ITALIC, size) > FRAME_WIDTH:
            size -= 0.5
        canv.setFont(SERIF_ITALIC, size)
        y = PAGE_HEIGHT - MARGIN_TOP - size
        canv.drawCentredString(PAGE_WIDTH / 2, y, text)
        canv.setLineWidth(0.4)
        canv.line(MARGIN_X, y - 3, PAGE_WIDTH - MARGIN_X, y - 3)
        canv.restoreState()


def _header(data: ReceiptData, st: _Styles) -> Table:
    received = _local(data.received_at)
    number = data.number_text.strip() or f"{data.register_seq}/TNHS"
    right_w = 205.0
    left_w = FRAME_WIDTH - right_w
    centre = _clip(data.centre_name, HEADER_LIMIT).upper()
    centre_w = min(left_w - 4, stringWidth(centre, SERIF_BOLD, 9.5), 40 * mm)
    motto = "Độc lập - Tự do - Hạnh phúc"
    left = [
        Paragraph(_t(_clip(data.issuing_body, HEADER_LIMIT).upper()), st.head_left),
        Paragraph(_t(centre), st.head_left_bold),
        HRFlowable(width=max(centre_w * 0.45, 18 * mm), thickness=0.6, color=colors.black,
                   spaceBefore=2.5, spaceAfter=0, hAlign="CENTER"),
    ]
    right = [
        Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st.head_right_bold),
        Paragraph(motto, st.head_motto),
        HRFlowable(width=stringWidth(motto, SERIF_BOLD, 10), thickness=0.6, color=colors.black,
                   spaceBefore=2.5, spaceAfter=0, hAlign="CENTER"),
    ]
    # second row: the number line and the place/date line share a baseline
    number_line = Paragraph(f"Số: {_t(_clip(number, HEADER_LIMIT))}", st.head_number)
    date_line = Paragraph(
        f"{_t(_clip(data.place_name, HEADER_LIMIT))}, ngày {received:%d} tháng {received:%m} năm {received:%Y}",
        st.head_date,
    )
    table = Table([[left, right], [number_line, date_line]], colWidths=[left_w, right_w])
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 4),
    ]))
    return table


def _code_block(data: ReceiptData) -> Table:
    left_w = FRAME_WIDTH - QR_SIZE - 2 * mm
    left = Code128Flowable(data.dossier_code, bar_height=9 * mm, font_size=10.5, caption_prefix="Mã hồ sơ: ")
    qr = QrFlowable(data.qr_payload or data.dossier_code, QR_SIZE)
    table = Table([[left, qr]], colWidths=[left_w, QR_SIZE + 2 * mm])
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _documents_table(data: ReceiptData, st: _Styles) -> Table:
    w_no, w_form, w_count = 9 * mm, 33 * mm, 14 * mm
    w_name = FRAME_WIDTH - w_no - w_form - w_count
    rows: list[list[object]] = [[
        Paragraph("STT", st.cell_head),
        Paragraph("Tên giấy tờ", st.cell_head),
        Paragraph("Hình thức (bản chính, bản sao, bản photo)", st.cell_head),
        Paragraph("Số lượng", st.cell_head),
    ]]
    for i, doc in enumerate(data.documents, start=1):
        rows.append([
            Paragraph(str(i), st.cell_center),
            Paragraph(_t(doc.name), st.cell),
            Paragraph(_t(doc.form_label), st.cell_center),
            Paragraph(str(doc.count), st.cell_center),
        ])
    if not data.documents:
        rows.append([Paragraph("", st.cell), Paragraph("(không có)", st.cell), "", ""])
    table = Table(rows, colWidths=[w_no, w_name, w_form, w_count], repeatRows=1, splitByRow=1, splitInRow=1)
    table.setStyle(_table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _person_lines(p: PersonBlock) -> list[str]:
    id_line = f"Số định danh cá nhân: {_or_blank(p.id_number)}"
    if p.birth_date is not None:
        id_line += f"; ngày sinh: {p.birth_date:%d/%m/%Y}"
    return [
        f"Địa chỉ: {_or_blank(p.address)}",
        f"Số điện thoại: {_or_blank(p.phone)}&nbsp;&nbsp;&nbsp; Email: {_or_blank(p.email)}",
        id_line,
    ]


def _signatures(data: ReceiptData, st: _Styles) -> Table:
    applicant = data.submitter.full_name if data.submitter is not None else data.owner.full_name
    half = FRAME_WIDTH / 2

    def col(head: str, name: str) -> list[Flowable]:
        return [
            Paragraph(head, st.sign_head),
            Paragraph("(Ký và ghi rõ họ tên)", st.sign_hint),
            Spacer(0, 10.5 * mm),
            Paragraph(_t(_clip(name, SIGNATURE_LIMIT)), st.sign_name),
        ]

    table = Table(
        [[col("NGƯỜI NỘP HỒ SƠ", applicant), col("NGƯỜI TIẾP NHẬN HỒ SƠ", data.officer_name)]],
        colWidths=[half, half],
    )
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _copy_story(data: ReceiptData, label: str, st: _Styles) -> list[Flowable]:
    P = Paragraph
    body = st.body
    story: list[Flowable] = [
        _CopyMarker(label),
        _header(data, st),
        Spacer(0, 2.5 * mm),
        P(TITLE, st.title),
        P(f"({label})", st.copy_label),
        Spacer(0, 1.5 * mm),
        _code_block(data),
        Spacer(0, 2 * mm),
        P(f"{_t(data.receiving_unit)} tiếp nhận hồ sơ của: <b>Ông/Bà {_t(data.owner.full_name)}</b>", body),
    ]
    story += [P(line, body) for line in _person_lines(data.owner)]
    if data.submitter is not None:
        s = data.submitter
        extra = []
        if s.id_number.strip():
            extra.append(f"Số định danh cá nhân: {_t(s.id_number)}")
        if s.phone.strip():
            extra.append(f"Số điện thoại: {_t(s.phone)}")
        tail = f" ({'; '.join(extra)})" if extra else ""
        story.append(P(f"Người nộp hồ sơ: Ông/Bà {_t(s.full_name)}{tail}", body))
    story += [
        P(
            f"Nội dung yêu cầu giải quyết: <b>{_t(data.procedure_name)}</b>"
            f" (mã&nbsp;{_t(data.procedure_code)})",
            body,
        ),
        P("1. Thành phần hồ sơ nộp gồm:", body),
        Spacer(0, 1),
        _documents_table(data, st),
        Spacer(0, 1.5),
        P(f"2. Số lượng hồ sơ: {data.sets} (bộ)", body),
        P(
            "3. Thời gian giải quyết hồ sơ theo quy định là: "
            f"{_processing_time(data.processing_days, data.counting_label)}",
            body,
        ),
        P(f"4. Thời gian nhận hồ sơ: {_time_and_date(data.received_at)}", body),
        P(f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{_time_and_date(data.due_at)}</b>", body),
        P(f"6. Đăng ký nhận kết quả tại: {_or_blank(data.return_place)}", body),
        P(
            f"Vào Sổ theo dõi hồ sơ, Quyển số: {_or_blank(data.register_book)},"
            f" Số thứ tự: {data.register_seq}",
            body,
        ),
    ]
    if data.fee_text.strip():
        story.append(P(f"Phí, lệ phí: {_t(data.fee_text)}", body))
    if data.note.strip():
        story.append(P(f"Ghi chú: {_t(data.note)}", body))
    # plain bold rather than bold italic: one font subset less in every archived PDF
    contact = ""
    if data.hotline.strip():
        contact += f" Đường dây nóng: {_t(data.hotline)}."
    if data.centre_address.strip():
        contact += f" Địa chỉ: {_t(data.centre_address)}."
    story.append(Spacer(0, 1))
    story.append(P(f'<font name="{SERIF_BOLD}">Lưu ý:</font> {NOTE_TEXT}{contact}', st.note))
    story.append(KeepTogether([Spacer(0, 1.5 * mm), _signatures(data, st)]))
    return story


def render_receipt(data: ReceiptData) -> bytes:
    """Render form 01 as a PDF: A5 portrait, copy 1 (Lưu) then copy 2 (Giao khách hàng)."""
    st = _styles()
    # validate early, with a clear message, rather than deep inside reportlab
    _local(data.received_at)
    _local(data.due_at)
    if not data.dossier_code.strip():
        raise ValueError("dossier_code is empty")

    buf = io.BytesIO()
    doc = _ReceiptDoc(buf, data)
    doc.build(_story(data, st))
    if any(n > 1 for n in doc.copy_pages.values()):
        # a copy runs over several pages: build again, now knowing each copy's page count
        totals = doc.copy_pages
        buf = io.BytesIO()
        doc = _ReceiptDoc(buf, data, copy_totals=totals)
        doc.build(_story(data, st))
    return buf.getvalue()


def _story(data: ReceiptData, st: _Styles) -> list[Flowable]:
    story: list[Flowable] = [NextPageTemplate("later")]
    for i, label in enumerate(COPY_LABELS):
        if i:
            story += [NextPageTemplate("first"), PageBreak(), NextPageTemplate("later")]
        story += _copy_story(data, label, st)
    return story
