"""Form 01 (Circular 01/2018/TT-VPCP): "Giấy tiếp nhận hồ sơ và hẹn trả kết quả".

A5 portrait, two copies in one PDF: "(Liên 1: Lưu)" and "(Liên 2: Giao khách hàng)", each
starting on a new page and otherwise identical. Long content flows onto continuation pages
that repeat the copy label and the dossier code at the top. A small "Mẫu số 01 - <legal
basis>" line sits above the header (ReceiptData.form_number / legal_basis; an empty
form_number leaves it out and the page exactly as before it existed). Shared pieces
(header, code block, styles, text helpers) live in printing/common.py.

This module does not import counter_app.domain: ReceiptData carries ready-made labels.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from counter_app.printing.common import (
    FIRST_PAGE_TOP,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Signer,
    Styles,
    code_block,
    documents_table,
    esc,
    form_number_line,
    header_table,
    local_time,
    or_blank,
    person_lines,
    signature_table,
    submitter_line,
    styles,
    time_and_date,
)
from counter_app.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC

TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao khách hàng")
NOTE_TEXT = (
    "Khi đến nhận kết quả, mang theo giấy tiếp nhận này và giấy tờ tùy thân; "
    "nếu không phải chủ hồ sơ, mang theo giấy ủy quyền."
)


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
    form_number: str = "01"  # "Mẫu số 01" of the form set in force on the receipt date
    legal_basis: str = "Thông tư số 01/2018/TT-VPCP"  # printed after the form number


# --------------------------------------------------------------------------- helpers


def _processing_time(days: int, counting_label: str) -> str:
    if days <= 0:
        return "trong ngày"
    return f"{days} {esc(counting_label) or 'ngày làm việc'}"


# --------------------------------------------------------------------------- document


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
            subject=f"Mẫu số {data.form_number} - {data.legal_basis}",
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
        # with a "Mẫu số" line above the header the first page starts a little higher
        top = FIRST_PAGE_TOP if data.form_number.strip() else MARGIN_TOP
        frame = Frame(
            MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - top - MARGIN_BOTTOM,
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


def _header(data: ReceiptData, st: Styles) -> Table:
    return header_table(
        st,
        issuing_body=data.issuing_body,
        centre_name=data.centre_name,
        place_name=data.place_name,
        day=data.received_at,
        number_text=data.number_text.strip() or f"{data.register_seq}/TNHS",
    )


def _signatures(data: ReceiptData, st: Styles) -> Table:
    applicant = data.submitter.full_name if data.submitter is not None else data.owner.full_name
    return signature_table(
        st, [Signer("NGƯỜI NỘP HỒ SƠ", applicant), Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", data.officer_name)]
    )


def _copy_story(data: ReceiptData, label: str, st: Styles) -> list[Flowable]:
    P = Paragraph
    body = st.body
    story: list[Flowable] = [_CopyMarker(label)]
    if data.form_number.strip():
        story.append(form_number_line(st, data.form_number, data.legal_basis))
    story += [
        _header(data, st),
        Spacer(0, 2.5 * mm),
        P(TITLE, st.title),
        P(f"({label})", st.copy_label),
        Spacer(0, 1.5 * mm),
        code_block(data.dossier_code, data.qr_payload),
        Spacer(0, 2 * mm),
        P(f"{esc(data.receiving_unit)} tiếp nhận hồ sơ của: <b>Ông/Bà {esc(data.owner.full_name)}</b>", body),
    ]
    story += [P(line, body) for line in person_lines(data.owner)]
    if data.submitter is not None:
        story.append(P(submitter_line(data.submitter), body))
    story += [
        P(
            f"Nội dung yêu cầu giải quyết: <b>{esc(data.procedure_name)}</b>"
            f" (mã&nbsp;{esc(data.procedure_code)})",
            body,
        ),
        P("1. Thành phần hồ sơ nộp gồm:", body),
        Spacer(0, 1),
        documents_table(st, data.documents),
        Spacer(0, 1.5),
        P(f"2. Số lượng hồ sơ: {data.sets} (bộ)", body),
        P(
            "3. Thời gian giải quyết hồ sơ theo quy định là: "
            f"{_processing_time(data.processing_days, data.counting_label)}",
            body,
        ),
        P(f"4. Thời gian nhận hồ sơ: {time_and_date(data.received_at)}", body),
        P(f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{time_and_date(data.due_at)}</b>", body),
        P(f"6. Đăng ký nhận kết quả tại: {or_blank(data.return_place)}", body),
        P(
            f"Vào Sổ theo dõi hồ sơ, Quyển số: {or_blank(data.register_book)},"
            f" Số thứ tự: {data.register_seq}",
            body,
        ),
    ]
    if data.fee_text.strip():
        story.append(P(f"Phí, lệ phí: {esc(data.fee_text)}", body))
    if data.note.strip():
        story.append(P(f"Ghi chú: {esc(data.note)}", body))
    # plain bold rather than bold italic: one font subset less in every archived PDF
    contact = ""
    if data.hotline.strip():
        contact += f" Đường dây nóng: {esc(data.hotline)}."
    if data.centre_address.strip():
        contact += f" Địa chỉ: {esc(data.centre_address)}."
    story.append(Spacer(0, 1))
    story.append(P(f'<font name="{SERIF_BOLD}">Lưu ý:</font> {NOTE_TEXT}{contact}', st.note))
    story.append(KeepTogether([Spacer(0, 1.5 * mm), _signatures(data, st)]))
    return story


def render_receipt(data: ReceiptData) -> bytes:
    """Render form 01 as a PDF: A5 portrait, copy 1 (Lưu) then copy 2 (Giao khách hàng)."""
    st = styles()
    # validate early, with a clear message, rather than deep inside reportlab
    local_time(data.received_at)
    local_time(data.due_at)
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


def _story(data: ReceiptData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [NextPageTemplate("later")]
    for i, label in enumerate(COPY_LABELS):
        if i:
            story += [NextPageTemplate("first"), PageBreak(), NextPageTemplate("later")]
        story += _copy_story(data, label, st)
    return story
