"""Pieces shared by the official forms (receipt, forms 02-05, practice forms, register).

Text helpers (user text escaped for Paragraph markup, control characters dropped), the
paragraph styles, the standard header of every form (issuing body / centre on the left,
the national motto on the right, the number line and the place/date line below), the
"Mẫu số NN - <legal basis>" line, the dossier code block (Code 128 + QR), signature
blocks, the table style (which pins the table font so reportlab's non-embedded
Helvetica never reaches the PDF) and a canvas that numbers pages "Trang n/N".

No counter_app.domain import: callers pass ready-made labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from counter_app.printing.barcodes import Code128Flowable, QrFlowable
from counter_app.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts

if TYPE_CHECKING:  # receipt.py defines the data classes and imports this module
    from counter_app.printing.receipt import PersonBlock, ReceiptDocumentRow

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# A5 portrait geometry shared by form 01 and forms 02-05
PAGE_WIDTH, PAGE_HEIGHT = A5
MARGIN_X = 12 * mm
MARGIN_TOP = 10 * mm
# the first page of a form starts higher: its first line is the small "Mẫu số NN" line
FIRST_PAGE_TOP = 7.5 * mm
MARGIN_BOTTOM = 10 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
QR_SIZE = 17 * mm
HEADER_RIGHT_WIDTH = 205.0  # points: wide enough for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"

BLANK = "……………………"
HEADER_LIMIT = 160  # characters; header and signature cells cannot split across pages
SIGNATURE_LIMIT = 120

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_HINT = "(Ký và ghi rõ họ tên)"


# --------------------------------------------------------------------------- text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def clean(text: object) -> str:
    """Plain user text: control characters dropped, whitespace collapsed, stripped."""
    return _SPACES.sub(" ", _CONTROL.sub("", str(text))).strip()


def esc(text: object) -> str:
    """User text -> Paragraph markup: control characters dropped, whitespace collapsed, escaped."""
    return escape(clean(text), {'"': "&quot;"})


def clip(text: str, limit: int) -> str:
    """Shorten *text* for places that cannot flow onto another page (header, signatures)."""
    s = _SPACES.sub(" ", str(text)).strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def or_blank(text: str) -> str:
    """Escaped user text, or a dotted blank to fill in by hand when it is empty."""
    s = esc(text)
    return s if s else BLANK


def local_time(dt: datetime) -> datetime:
    """*dt* in Vietnam time; naive date-times are refused (their zone is unknown)."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("date-times to print must be timezone-aware (got a naive datetime)")
    return dt.astimezone(VN_TZ)


def time_and_date(dt: datetime) -> str:
    """'09 giờ 05 phút, ngày 26/11/2026' (Vietnam time)."""
    d = local_time(dt)
    return f"{d:%H} giờ {d:%M} phút, ngày {d:%d/%m/%Y}"


def short_time_and_date(dt: datetime, sep: str = " ") -> str:
    """'09:05 26/11/2026' (Vietnam time), for table cells; ``sep="<br/>"`` puts the date
    under the time (a narrow cell would otherwise break inside the date)."""
    d = local_time(dt)
    return f"{d:%H:%M}{sep}{d:%d/%m/%Y}"


def running_name(text: str) -> str:
    """A name typed in capitals for a header ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG") in
    sentence case for running text ("Trung tâm phục vụ hành chính công"); others unchanged."""
    s = clean(text)
    return s.capitalize() if s.isupper() else s


def place_and_date(place: str, dt: datetime) -> str:
    """'Tam Kỳ, ngày 26 tháng 11 năm 2026' as escaped markup."""
    d = local_time(dt)
    return f"{esc(clip(place, HEADER_LIMIT))}, ngày {d:%d} tháng {d:%m} năm {d:%Y}"


def breakable(markup: str, font: str, size: float, width: float, at: str = "-") -> str:
    """Escaped *markup* of a long code with line breaks after *at* where it is too wide.

    Paragraphs only break lines at spaces; a dossier code such as
    ``000.00.06.H56-261126-0361`` has none, so in a narrow cell it is broken after its
    hyphens instead of in the middle of a group (into two balanced lines when that fits).
    """
    if stringWidth(markup, font, size) <= width or at not in markup:
        return markup
    parts = markup.split(at)
    two = balanced_break(markup, font, size, width, at=at, keep=True)
    if two != markup:
        return two
    lines: list[str] = []
    line = ""
    for i, part in enumerate(parts):
        piece = part + (at if i < len(parts) - 1 else "")
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    lines.append(line)
    return "<br/>".join(lines)


def fit_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Plain *text* broken into lines no wider than *width* (at spaces; a word wider than
    the line is cut between characters). For plain-string table cells, which reportlab
    draws much faster than Paragraphs and never reads as markup."""
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width):
        while stringWidth(line, font, size) > width and len(line) > 1:
            # the longest head that fits (at least one character)
            lo, hi = 1, len(line)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if stringWidth(line[:mid], font, size) <= width:
                    lo = mid
                else:
                    hi = mid - 1
            lines.append(line[:lo])
            line = line[lo:]
        lines.append(line)
    return lines


def balanced_break(markup: str, font: str, size: float, width: float, *, at: str = " ",
                   keep: bool = False) -> str:
    """*markup* on two lines of about equal width (``<br/>`` at the best *at*) when it is
    too wide for one line but fits on two; otherwise unchanged. ``keep`` keeps *at* at
    the end of the first line (a hyphen), else it is dropped (a space).

    Used for titles ("… GIA HẠN / THỜI GIAN GIẢI QUYẾT" rather than a lone last word)."""
    if stringWidth(markup, font, size) <= width:
        return markup
    best: tuple[float, str] | None = None
    start = 0
    while (i := markup.find(at, start)) >= 0:
        left = markup[: i + len(at)] if keep else markup[:i]
        right = markup[i + len(at):]
        wide = max(stringWidth(left, font, size), stringWidth(right, font, size))
        if wide <= width and (best is None or wide < best[0]):
            best = (wide, f"{left}<br/>{right}")
        start = i + len(at)
    return best[1] if best else markup


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    head_left: ParagraphStyle
    head_left_bold: ParagraphStyle
    head_right_bold: ParagraphStyle
    head_motto: ParagraphStyle
    head_date: ParagraphStyle
    head_number: ParagraphStyle
    form_number: ParagraphStyle
    title: ParagraphStyle
    register_title: ParagraphStyle
    subtitle: ParagraphStyle
    copy_label: ParagraphStyle
    body: ParagraphStyle
    body_center: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    small: ParagraphStyle
    small_center: ParagraphStyle
    small_head: ParagraphStyle
    small_hint: ParagraphStyle
    sign_head: ParagraphStyle
    sign_hint: ParagraphStyle
    sign_name: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    register_fonts()
    base = ParagraphStyle("base", fontName=SERIF, fontSize=10, leading=11.8, alignment=TA_LEFT)

    def s(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        head_left=s("head_left", fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        head_left_bold=s("head_left_bold", fontName=SERIF_BOLD, fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        head_right_bold=s("head_right_bold", fontName=SERIF_BOLD, fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        head_motto=s("head_motto", fontName=SERIF_BOLD, fontSize=10, leading=12, alignment=TA_CENTER),
        head_date=s("head_date", fontName=SERIF_ITALIC, fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        head_number=s("head_number", fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        form_number=s("form_number", fontName=SERIF_ITALIC, fontSize=7.5, leading=8.5, alignment=TA_RIGHT,
                      spaceAfter=0.8),
        title=s("title", fontName=SERIF_BOLD, fontSize=12, leading=14.5, alignment=TA_CENTER),
        register_title=s("register_title", fontName=SERIF_BOLD, fontSize=15, leading=18, alignment=TA_CENTER),
        subtitle=s("subtitle", fontName=SERIF_ITALIC, fontSize=10, leading=12.5, alignment=TA_CENTER),
        copy_label=s("copy_label", fontName=SERIF_ITALIC, fontSize=10, leading=12.5, alignment=TA_CENTER),
        body=s("body", alignment=TA_JUSTIFY),
        body_center=s("body_center", alignment=TA_CENTER),
        note=s("note", fontName=SERIF_ITALIC, fontSize=9.5, leading=11.5, alignment=TA_JUSTIFY),
        cell=s("cell", fontSize=9.5, leading=11),
        cell_center=s("cell_center", fontSize=9.5, leading=11, alignment=TA_CENTER),
        cell_head=s("cell_head", fontName=SERIF_BOLD, fontSize=9, leading=10.5, alignment=TA_CENTER),
        small=s("small", fontSize=8, leading=9.4),
        small_center=s("small_center", fontSize=8, leading=9.4, alignment=TA_CENTER),
        small_head=s("small_head", fontName=SERIF_BOLD, fontSize=7.5, leading=8.8, alignment=TA_CENTER),
        small_hint=s("small_hint", fontName=SERIF_ITALIC, fontSize=7, leading=8.2, alignment=TA_CENTER),
        sign_head=s("sign_head", fontName=SERIF_BOLD, fontSize=10, leading=12.2, alignment=TA_CENTER),
        sign_hint=s("sign_hint", fontName=SERIF_ITALIC, fontSize=9.5, leading=11.5, alignment=TA_CENTER),
        sign_name=s("sign_name", fontName=SERIF_BOLD, fontSize=10, leading=12.2, alignment=TA_CENTER),
    )


# --------------------------------------------------------------------------- blocks


def table_style(commands: list[tuple]) -> TableStyle:
    # Tables set their cell font even for flowable cells; without this, reportlab's
    # default (Helvetica, not embedded) would end up in the PDF's font resources.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), *commands])


NO_PADDING = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


def header_table(
    st: Styles,
    *,
    issuing_body: str,
    centre_name: str,
    place_name: str,
    day: datetime,
    number_text: str | None,
    number_label: str = "Số",
    width: float = FRAME_WIDTH,
    right_width: float = HEADER_RIGHT_WIDTH,
) -> Table:
    """The header of every form.

    Left: issuing body and centre name (bold, underlined); right: the national motto
    (underlined). Second row: "<number_label>: <number_text>" on the left (left empty when
    *number_text* is None) and "<place>, ngày dd tháng mm năm yyyy" on the right.
    """
    left_w = width - right_width
    centre = clip(centre_name, HEADER_LIMIT).upper()
    centre_w = min(left_w - 4, stringWidth(centre, SERIF_BOLD, 9.5), 40 * mm)
    left = [
        Paragraph(esc(clip(issuing_body, HEADER_LIMIT).upper()), st.head_left),
        Paragraph(esc(centre), st.head_left_bold),
        HRFlowable(width=max(centre_w * 0.45, 18 * mm), thickness=0.6, color=colors.black,
                   spaceBefore=2.5, spaceAfter=0, hAlign="CENTER"),
    ]
    right = [
        Paragraph(NATION, st.head_right_bold),
        Paragraph(MOTTO, st.head_motto),
        HRFlowable(width=stringWidth(MOTTO, SERIF_BOLD, 10), thickness=0.6, color=colors.black,
                   spaceBefore=2.5, spaceAfter=0, hAlign="CENTER"),
    ]
    # second row: the number line and the place/date line share a baseline
    number_line = (
        Paragraph(f"{number_label}: {esc(clip(number_text, HEADER_LIMIT))}", st.head_number)
        if number_text is not None else Paragraph("", st.head_number)
    )
    date_line = Paragraph(place_and_date(place_name, day), st.head_date)
    table = Table([[left, right], [number_line, date_line]], colWidths=[left_w, right_width])
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        *NO_PADDING,
        ("TOPPADDING", (0, 1), (-1, 1), 4),
    ]))
    return table


def form_number_line(st: Styles, number: str, legal_basis: str) -> Paragraph:
    """'Mẫu số 02 - Thông tư số 01/2018/TT-VPCP', small italic, right-aligned."""
    text = f"Mẫu số {esc(number)}"
    if clean(legal_basis):
        text += f" - {esc(legal_basis)}"
    return Paragraph(text, st.form_number)


def code_block(code: str, qr_payload: str = "", *, width: float = FRAME_WIDTH, qr_size: float = QR_SIZE) -> Table:
    """The dossier code: Code 128 with "Mã hồ sơ: <code>" underneath, and a QR code on the right."""
    left_w = width - qr_size - 2 * mm
    left = Code128Flowable(code, bar_height=9 * mm, font_size=10.5, caption_prefix="Mã hồ sơ: ")
    qr = QrFlowable(qr_payload or code, qr_size)
    table = Table([[left, qr]], colWidths=[left_w, qr_size + 2 * mm])
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        *NO_PADDING,
    ]))
    return table


def grid_style(extra: Sequence[tuple] = (), *, padding: float = 3) -> TableStyle:
    """A ruled table (every cell boxed) with small paddings."""
    return table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        *extra,
    ])


def documents_table(st: Styles, documents: tuple[ReceiptDocumentRow, ...], *,
                    name_head: str = "Tên giấy tờ", width: float = FRAME_WIDTH) -> Table:
    """No. | name | form (original / certified copy / photocopy) | count; heads repeat on each page."""
    w_no, w_form, w_count = 9 * mm, 33 * mm, 14 * mm
    w_name = width - w_no - w_form - w_count
    rows: list[list[object]] = [[
        Paragraph("STT", st.cell_head),
        Paragraph(esc(name_head), st.cell_head),
        Paragraph("Hình thức (bản chính, bản sao, bản photo)", st.cell_head),
        Paragraph("Số lượng", st.cell_head),
    ]]
    for i, doc in enumerate(documents, start=1):
        rows.append([
            Paragraph(str(i), st.cell_center),
            Paragraph(esc(doc.name), st.cell),
            Paragraph(esc(doc.form_label), st.cell_center),
            Paragraph(str(doc.count), st.cell_center),
        ])
    if not documents:
        rows.append([Paragraph("", st.cell), Paragraph("(không có)", st.cell), "", ""])
    table = Table(rows, colWidths=[w_no, w_name, w_form, w_count], repeatRows=1, splitByRow=1, splitInRow=1)
    table.setStyle(grid_style())
    return table


def person_lines(p: PersonBlock) -> list[str]:
    """Address; phone and email; ID number (and date of birth) — blanks to fill in when empty."""
    id_line = f"Số định danh cá nhân: {or_blank(p.id_number)}"
    if p.birth_date is not None:
        id_line += f"; ngày sinh: {p.birth_date:%d/%m/%Y}"
    return [
        f"Địa chỉ: {or_blank(p.address)}",
        f"Số điện thoại: {or_blank(p.phone)}&nbsp;&nbsp;&nbsp; Email: {or_blank(p.email)}",
        id_line,
    ]


def submitter_line(s: PersonBlock) -> str:
    """'Người nộp hồ sơ: Ông/Bà <name> (<ID>; <phone>)' for a submitter other than the owner."""
    extra = []
    if s.id_number.strip():
        extra.append(f"Số định danh cá nhân: {esc(s.id_number)}")
    if s.phone.strip():
        extra.append(f"Số điện thoại: {esc(s.phone)}")
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"Người nộp hồ sơ: Ông/Bà {esc(s.full_name)}{tail}"


@dataclass(frozen=True)
class Signer:
    """One signature column: a bold head, an italic hint, room to sign, the printed name."""

    head: str
    name: str = ""
    hint: str = SIGN_HINT


def signature_table(st: Styles, signers: Sequence[Signer | None], *, width: float = FRAME_WIDTH,
                    space: float = 10.5 * mm) -> Table:
    """Signature columns side by side, equal widths; ``None`` leaves a column empty
    (a single signer on the right is the usual place of the signer of an official letter)."""
    col_w = width / max(1, len(signers))

    def col(s: Signer | None) -> list[Flowable] | str:
        if s is None:
            return ""
        return [
            Paragraph(esc(clip(s.head, SIGNATURE_LIMIT)), st.sign_head),
            Paragraph(esc(s.hint), st.sign_hint),
            Spacer(0, space),
            Paragraph(esc(clip(s.name, SIGNATURE_LIMIT)), st.sign_name),
        ]

    table = Table([[col(s) for s in signers]], colWidths=[col_w] * len(signers))
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


# --------------------------------------------------------------------------- page numbers


# Printed on every page of an export that holds personal data (Decree 13/2023), and written
# in the first row and the properties of such a workbook.
PERSONAL_DATA_NOTICE = ("Tài liệu có chứa dữ liệu cá nhân — Nghị định 13/2023/NĐ-CP; "
                        "chỉ sử dụng đúng mục đích, không chia sẻ.")


class NumberedCanvas(Canvas):
    """A canvas that knows the page count when the document is saved.

    Pages are kept until ``save()``; then each is finished with "Trang n/N" centred at
    ``footer_y`` (only when there are several pages, unless ``always`` is set).
    Use through :func:`numbered_canvas`.
    """

    footer_y: float = MARGIN_BOTTOM - 5 * mm
    always: bool = False
    prefix: str = ""
    notice: str = ""  # a line above "Trang n/N" on every page (PERSONAL_DATA_NOTICE)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if total > 1 or self.always:
                self._footer(total)
            if self.notice:
                self._notice()
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        register_fonts()
        width = self._pagesize[0]
        text = f"{self.prefix}Trang {self._pageNumber}/{total}"
        self.saveState()
        size = 8.5
        while size > 6 and stringWidth(text, SERIF_ITALIC, size) > width - 2 * MARGIN_X:
            size -= 0.5
        self.setFont(SERIF_ITALIC, size)
        self.drawCentredString(width / 2, self.footer_y, text)
        self.restoreState()


    def _notice(self) -> None:
        register_fonts()
        width = self._pagesize[0]
        self.saveState()
        size = 7.0
        while size > 5 and stringWidth(self.notice, SERIF_ITALIC, size) > width - 2 * MARGIN_X:
            size -= 0.5
        self.setFont(SERIF_ITALIC, size)
        self.drawCentredString(width / 2, self.footer_y + 3.2 * mm, self.notice)
        self.restoreState()


def numbered_canvas(*, footer_y: float = MARGIN_BOTTOM - 5 * mm, always: bool = False, prefix: str = "",
                    notice: str = "") -> type:
    """A NumberedCanvas subclass with these settings, for ``doc.build(..., canvasmaker=...)``."""
    return type("NumberedCanvas", (NumberedCanvas,),
                {"footer_y": footer_y, "always": always, "prefix": prefix, "notice": notice})


def continuation_line(canv: Canvas, text: str, *, page_width: float, top: float, margin_x: float) -> None:
    """A small italic ruled line at the top of a continuation page (fits the frame width)."""
    register_fonts()
    canv.saveState()
    size = 8.5
    width = page_width - 2 * margin_x
    while size > 6 and stringWidth(text, SERIF_ITALIC, size) > width:
        size -= 0.5
    if stringWidth(text, SERIF_ITALIC, size) > width:
        text = clip(text, max(10, int(len(text) * width / stringWidth(text, SERIF_ITALIC, size)) - 2))
    canv.setFont(SERIF_ITALIC, size)
    y = top - size
    canv.drawCentredString(page_width / 2, y, text)
    canv.setLineWidth(0.4)
    canv.line(margin_x, y - 3, page_width - margin_x, y - 3)
    canv.restoreState()
