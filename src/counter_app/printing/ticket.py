"""Queue ticket ("phiếu số thứ tự") for the kiosk / counter thermal printer.

One PDF page exactly as wide as the paper roll (80 mm or 58 mm) and exactly as tall as
its content, so a thermal printer driver cuts right below the last line. Everything is
centred inside the printable width (72 mm on an 80 mm roll, 48 mm on a 58 mm roll) and
drawn in black only. Liberation Serif is embedded (fonts.register_fonts); the QR code
is barcodes.QrFlowable.

This module does not import counter_app.domain: TicketData carries ready-made labels.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer

from counter_app.printing.barcodes import QrFlowable
from counter_app.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

TITLE = "PHIẾU SỐ THỨ TỰ"
WAIT_NOTE = "Vui lòng chờ gọi số trên màn hình và loa."
ROLL_SIZES_MM = (58, 80)

# user text is clipped so that a runaway value cannot turn the ticket into a scroll
CENTRE_LIMIT = 200
FIELD_LIMIT = 200
PRIORITY_LIMIT = 120
NOTE_LIMIT = 400
NUMBER_LIMIT = 16
QR_PAYLOAD_LIMIT = 300
QR_MIN_MODULE = 0.5 * mm  # 4 dots at 203 dpi: reliably printed and scanned


@dataclass(frozen=True)
class TicketData:
    centre_name: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH QUẢNG NAM"
    number: str  # "A012"
    field_name: str  # "Hộ tịch"
    issued_at: datetime  # aware; printed in Asia/Ho_Chi_Minh
    ahead: int  # tickets waiting before this one
    estimated_wait_minutes: int
    priority_label: str = ""  # "Người cao tuổi" -> printed as "Ưu tiên: Người cao tuổi"
    qr_payload: str = ""  # default: the number
    note: str = ""


@dataclass(frozen=True)
class _Roll:
    """Geometry and type sizes for one paper width."""

    width_mm: int
    printable_mm: float
    centre_size: float
    title_size: float
    number_max: float
    field_size: float
    priority_size: float
    info_size: float
    note_size: float
    qr_mm: float

    @property
    def page_width(self) -> float:
        return self.width_mm * mm

    @property
    def printable(self) -> float:
        return self.printable_mm * mm

    @property
    def margin_x(self) -> float:
        return (self.page_width - self.printable) / 2


_ROLLS = {
    80: _Roll(80, 72, centre_size=11, title_size=9.5, number_max=92, field_size=12.5, priority_size=10.5,
              info_size=9.5, note_size=8.5, qr_mm=24),
    58: _Roll(58, 48, centre_size=9.5, title_size=8.5, number_max=64, field_size=11, priority_size=9.5,
              info_size=8.5, note_size=7.5, qr_mm=21),
}
MARGIN_TOP = 4 * mm
MARGIN_BOTTOM = 6 * mm  # feed past the tear bar / cutter


# --------------------------------------------------------------------------- helpers

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def _clean(text: object, limit: int) -> str:
    s = _SPACES.sub(" ", _CONTROL.sub("", str(text))).strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _t(text: object, limit: int) -> str:
    """User text -> Paragraph markup: control characters dropped, whitespace collapsed, clipped, escaped."""
    return escape(_clean(text, limit), {'"': "&quot;"})


def _local(dt: datetime) -> datetime:
    if not isinstance(dt, datetime) or dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("ticket issued_at must be a timezone-aware datetime")
    return dt.astimezone(VN_TZ)


def _wait_text(minutes: int) -> str:
    if minutes < 1:
        return "dưới 1 phút"
    return f"khoảng {minutes} phút"


class _BigNumber(Flowable):
    """The ticket number, bold, centred, as large as the width allows (up to max_size)."""

    def __init__(self, text: str, max_size: float) -> None:
        super().__init__()
        self.text = text
        self.max_size = max_size
        self.size = max_size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        unit = stringWidth(self.text, SERIF_BOLD, 1)
        self.size = min(self.max_size, availWidth * 0.97 / unit)
        face = pdfmetrics.getFont(SERIF_BOLD).face
        self.cap = face.capHeight / 1000 * self.size
        self.desc = 0.06 * self.size  # numbers are capitals and digits: only round overshoot below
        self.width = availWidth
        self.height = self.cap + self.desc
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        canv.setFont(SERIF_BOLD, self.size)
        canv.drawCentredString(self.width / 2, self.desc, self.text)
        canv.restoreState()


class _Boxed(Flowable):
    """A centred Paragraph inside a thin black rounded frame (the priority line).

    The frame hugs a short label and spans the whole width when the label wraps.
    """

    def __init__(self, para: Paragraph, plain: str, pad_x: float = 2.5 * mm, pad_y: float = 1.3 * mm) -> None:
        super().__init__()
        self.para = para
        self.plain = plain
        self.pad_x = pad_x
        self.pad_y = pad_y

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        inner = availWidth - 2 * self.pad_x
        _, h = self.para.wrap(inner, availHeight)
        natural = stringWidth(self.plain, self.para.style.fontName, self.para.style.fontSize) + 1
        self.box_w = min(inner, natural) + 2 * self.pad_x
        self.width = availWidth
        self.height = h + 2 * self.pad_y
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        lw = 0.9
        x0 = (self.width - self.box_w) / 2
        canv.saveState()
        canv.setStrokeColorRGB(0, 0, 0)
        canv.setLineWidth(lw)
        canv.roundRect(x0 + lw / 2, lw / 2, self.box_w - lw, self.height - lw, 1.5 * mm, stroke=1, fill=0)
        canv.restoreState()
        self.para.drawOn(canv, self.pad_x, self.pad_y)


def _qr_size(payload: str, roll: _Roll) -> float:
    """QR side: the roll's default, larger when the payload needs more modules."""
    widget = QrCodeWidget(payload, barLevel="M", barBorder=4)
    widget.draw()
    modules = widget.qr.getModuleCount() + 2 * 4
    return min(roll.printable, max(roll.qr_mm * mm, modules * QR_MIN_MODULE))


# --------------------------------------------------------------------------- layout


def _story(data: TicketData, roll: _Roll) -> list[Flowable]:
    register_fonts()

    def style(name: str, font: str, size: float, leading: float | None = None) -> ParagraphStyle:
        return ParagraphStyle(
            f"ticket_{roll.width_mm}_{name}", fontName=font, fontSize=size, leading=leading or size * 1.2,
            alignment=TA_CENTER, splitLongWords=1, textColor=colors.black,
        )

    centre = style("centre", SERIF_BOLD, roll.centre_size)
    title = style("title", SERIF, roll.title_size)
    field = style("field", SERIF_BOLD, roll.field_size)
    priority = style("priority", SERIF_BOLD, roll.priority_size)
    info = style("info", SERIF, roll.info_size, roll.info_size * 1.3)
    note = style("note", SERIF_ITALIC, roll.note_size)
    extra = style("extra", SERIF, roll.note_size)

    issued = _local(data.issued_at)
    number = _clean(data.number, NUMBER_LIMIT)
    payload = data.qr_payload.strip() or number

    def rule(dash: tuple[float, float] | None = None, width: str = "100%", thickness: float = 0.6) -> HRFlowable:
        return HRFlowable(width=width, thickness=thickness, color=colors.black, dash=dash,
                          spaceBefore=0, spaceAfter=0, hAlign="CENTER")

    story: list[Flowable] = [
        Paragraph(_t(data.centre_name, CENTRE_LIMIT), centre),
        Spacer(0, 1.5 * mm),
        rule(width="40%", thickness=0.8),
        Spacer(0, 2 * mm),
        Paragraph(TITLE, title),
        Spacer(0, 3.5 * mm),
        _BigNumber(number, roll.number_max),
        Spacer(0, 3.2 * mm),
        Paragraph(_t(data.field_name, FIELD_LIMIT), field),
    ]
    if data.priority_label.strip():
        story += [
            Spacer(0, 1.8 * mm),
            _Boxed(
                Paragraph(f"Ưu tiên: {_t(data.priority_label, PRIORITY_LIMIT)}", priority),
                f"Ưu tiên: {_clean(data.priority_label, PRIORITY_LIMIT)}",
            ),
        ]
    story += [
        Spacer(0, 2.5 * mm),
        rule(dash=(2, 1.5)),
        Spacer(0, 2 * mm),
        Paragraph(f"Thời gian lấy số: <b>{issued:%H:%M %d/%m/%Y}</b>", info),
        Paragraph(f"Số người đang chờ trước bạn: <b>{data.ahead}</b>", info),
        Paragraph(f"Thời gian chờ dự kiến: <b>{_wait_text(data.estimated_wait_minutes)}</b>", info),
        Spacer(0, 2.5 * mm),
        QrFlowable(payload, _qr_size(payload, roll)),
        Spacer(0, 1.5 * mm),
        Paragraph(WAIT_NOTE, note),
    ]
    if data.note.strip():
        story += [Spacer(0, 1 * mm), Paragraph(_t(data.note, NOTE_LIMIT), extra)]
    return story


def _validate(data: TicketData, roll_mm: int) -> _Roll:
    if isinstance(roll_mm, bool) or roll_mm not in _ROLLS:
        raise ValueError(f"roll_mm must be 58 or 80, not {roll_mm!r}")
    _local(data.issued_at)
    if not _clean(data.number, NUMBER_LIMIT):
        raise ValueError("ticket number is empty")
    if data.ahead < 0:
        raise ValueError("ahead must not be negative")
    if data.estimated_wait_minutes < 0:
        raise ValueError("estimated_wait_minutes must not be negative")
    if len(data.qr_payload.strip()) > QR_PAYLOAD_LIMIT:
        raise ValueError(f"qr_payload is longer than {QR_PAYLOAD_LIMIT} characters")
    return _ROLLS[int(roll_mm)]


def render_ticket(data: TicketData, roll_mm: int = 80) -> bytes:
    """Render a queue ticket: a one-page PDF as wide as the roll (80 or 58 mm), as tall as its content."""
    roll = _validate(data, roll_mm)
    story = _story(data, roll)
    avail = roll.printable

    sizes = [f.wrap(avail, 10_000) for f in story]
    content_h = sum(h + f.getSpaceBefore() + f.getSpaceAfter() for f, (_, h) in zip(story, sizes))
    page_h = MARGIN_TOP + content_h + MARGIN_BOTTOM

    buf = io.BytesIO()
    number = _clean(data.number, NUMBER_LIMIT)
    canv = Canvas(
        buf, pagesize=(roll.page_width, page_h), invariant=1, pageCompression=1, lang="vi-VN",
        initialFontName=SERIF, initialFontSize=10, initialLeading=12,
    )
    canv.setTitle(f"Phiếu số thứ tự {number}")
    canv.setAuthor(_clean(data.centre_name, CENTRE_LIMIT))
    canv.setSubject(_clean(data.field_name, FIELD_LIMIT))
    canv.setCreator("counter_app")
    canv.setProducer("counter_app (ReportLab)")

    y = page_h - MARGIN_TOP
    for f, (w, h) in zip(story, sizes):
        y -= f.getSpaceBefore() + h
        f.drawOn(canv, roll.margin_x, y, _sW=avail - w)
        y -= f.getSpaceAfter()
    canv.showPage()
    canv.save()
    return buf.getvalue()
