"""The register of dossiers ("Sổ theo dõi hồ sơ", form 06 of Circular 01/2018, 07 of 03/2025).

render_register_pdf: A4 landscape, the standard header, "Mẫu số NN - <legal basis>", the
title, the period line, then the eleven columns of DOMAIN.md §3 with their heads (and a
"(1) … (11)" numbering row) repeated on every page, pages numbered "Trang n/N".

Thousands of rows: rows are measured once and cut into one table per page here, rather
than letting reportlab split one huge table page after page (which re-measures every
remaining row at every page break).

register_xlsx: the same columns as an Excel workbook (openpyxl); received / due /
returned are real Excel date-times (naive, Vietnam time); text that starts like a formula
stays text.

No counter_app.domain import: RegisterRow carries ready-made labels.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from counter_app.printing.common import (
    Styles,
    breakable,
    clean,
    clip,
    continuation_line,
    esc,
    fit_lines,
    form_number_line,
    grid_style,
    header_table,
    local_time,
    PERSONAL_DATA_NOTICE,
    numbered_canvas,
    short_time_and_date,
    styles,
)
from counter_app.printing.fonts import SERIF
from counter_app.printing.forms import REGISTER, FormHeader, FormSet

PAGE_SIZE = landscape(A4)
PAGE_WIDTH, PAGE_HEIGHT = PAGE_SIZE
MARGIN_X = 10 * mm
MARGIN_TOP = 10 * mm
MARGIN_BOTTOM = 12 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
CONTINUED_ROOM = 6 * mm  # the "(tiếp theo)" line on later pages
PADDING = 2.5
CELL_LIMIT = 240  # characters per cell: a row always fits on one page

TITLE = "SỔ THEO DÕI HỒ SƠ"
SHEET_NAME = "So theo doi"

# (head, width in mm on A4 landscape, width in Excel characters)
COLUMNS: tuple[tuple[str, float, float], ...] = (
    ("STT", 10, 6),
    ("Mã hồ sơ", 35, 27),
    ("Tên thủ tục", 40, 40),
    ("Tổ chức, cá nhân nộp hồ sơ", 30, 26),
    ("Địa chỉ, số điện thoại", 36, 34),
    ("Cơ quan chủ trì giải quyết", 28, 26),
    ("Nhận hồ sơ", 18, 17),
    ("Hẹn trả kết quả", 18, 17),
    ("Ngày trả kết quả", 18, 17),
    ("Hình thức nhận kết quả", 20, 20),
    ("Ký nhận, ghi rõ họ tên", 24, 24),
)
HEADS = tuple(c[0] for c in COLUMNS)
# the same heads with line breaks chosen for the PDF's narrow columns (no lone last word)
_PDF_BREAKS = {
    "Tổ chức, cá nhân nộp hồ sơ": "Tổ chức, cá nhân<br/>nộp hồ sơ",
    "Cơ quan chủ trì giải quyết": "Cơ quan chủ trì<br/>giải quyết",
    "Hẹn trả kết quả": "Hẹn trả<br/>kết quả",
    "Ngày trả kết quả": "Ngày trả<br/>kết quả",
    "Hình thức nhận kết quả": "Hình thức<br/>nhận kết quả",
    "Ký nhận, ghi rõ họ tên": "Ký nhận,<br/>ghi rõ họ tên",
}


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class RegisterRow:
    no: int
    dossier_code: str
    procedure_name: str
    applicant: str
    address_phone: str
    lead_agency: str
    received_at: datetime  # aware
    due_at: datetime  # aware
    returned_at: datetime | None  # aware; None = not returned yet
    return_method: str  # "Tại Bộ phận Một cửa" | "Bưu chính công ích" | "Trực tuyến" ...
    collector: str  # who signed for the result


@dataclass(frozen=True)
class RegisterData:
    header: FormHeader  # number_text = the book ("Quyển số")
    form_set: FormSet
    period_from: date
    period_to: date
    rows: tuple[RegisterRow, ...]


def _period(data: RegisterData) -> str:
    return f"Từ ngày {data.period_from:%d/%m/%Y} đến ngày {data.period_to:%d/%m/%Y}"


def _title(data: RegisterData) -> str:
    return data.form_set.title(REGISTER, TITLE)


# --------------------------------------------------------------------------- PDF


def _widths() -> list[float]:
    widths = [c[1] * mm for c in COLUMNS]
    widths[2] += FRAME_WIDTH - sum(widths)  # the procedure column takes what is left
    return widths


class _RegisterDoc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, data: RegisterData) -> None:
        self.continued = f"{_title(data).capitalize()} - {_period(data)} (tiếp theo)"
        super().__init__(
            buf,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=f"{_title(data).capitalize()} - {_period(data)}",
            author=clean(data.header.centre_name),
            subject=f"Mẫu số {data.form_set.number(REGISTER)} - {data.form_set.legal_basis}",
            creator="counter_app",
            producer="counter_app (ReportLab)",
            invariant=1,
            pageCompression=1,
            lang="vi-VN",
            initialFontName=SERIF,
            allowSplitting=1,
        )
        first = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, self.first_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="first")
        later = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, self.later_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="later")
        self.addPageTemplates([
            PageTemplate(id="first", frames=[first], pagesize=PAGE_SIZE),
            PageTemplate(id="later", frames=[later], pagesize=PAGE_SIZE, onPage=self._continuation),
        ])

    first_height = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    later_height = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - CONTINUED_ROOM

    def _continuation(self, canv, doc) -> None:  # noqa: ANN001 - reportlab callback
        continuation_line(canv, self.continued, page_width=PAGE_WIDTH, top=PAGE_HEIGHT - MARGIN_TOP,
                          margin_x=MARGIN_X)


def _head_rows(st: Styles) -> list[list[object]]:
    return [
        [Paragraph(_PDF_BREAKS.get(h, esc(h)), st.small_head) for h in HEADS],
        [Paragraph(f"({i})", st.small_hint) for i in range(1, len(HEADS) + 1)],
    ]


BODY_SIZE = 8
BODY_LEADING = 9.4
# columns printed centred (STT, the three date-times, return method, collector)
_CENTRED = (0, 6, 7, 8, 9, 10)


def _cells(row: RegisterRow, widths: list[float]) -> tuple[list[str], int]:
    """One row as plain-string cells (lines joined by newlines) and its line count.

    Plain strings rather than Paragraphs: 2,000 rows render in a fraction of the time,
    and user text is never read as markup.
    """
    returned = short_time_and_date(row.returned_at, "\n") if row.returned_at is not None else ""
    values = [
        str(row.no),
        None,  # the dossier code, broken after its hyphens below
        row.procedure_name,
        row.applicant,
        row.address_phone,
        row.lead_agency,
        short_time_and_date(row.received_at, "\n"),
        short_time_and_date(row.due_at, "\n"),
        returned,
        row.return_method,
        row.collector,
    ]
    cells: list[str] = []
    lines = 1
    for i, (value, w) in enumerate(zip(values, widths)):
        inner = w - 2 * PADDING
        if value is None:
            code = clip(clean(row.dossier_code), 80)
            parts = breakable(code, SERIF, BODY_SIZE, inner).split("<br/>")
            cell_lines = [x for part in parts for x in fit_lines(part, SERIF, BODY_SIZE, inner)]
        elif i in (6, 7, 8):
            cell_lines = value.split("\n") if value else []
        else:
            cell_lines = fit_lines(clip(clean(value), CELL_LIMIT), SERIF, BODY_SIZE, inner)
        cells.append("\n".join(cell_lines))
        lines = max(lines, len(cell_lines))
    return cells, lines


def _row_height(lines: int) -> float:
    return lines * BODY_LEADING + 1 + 2  # top and bottom paddings of grid_style


def _head_height(head: list[list[object]], widths: list[float]) -> float:
    h = 0.0
    for cell, w in zip(head, widths):
        h = max(h, cell.wrap(w - 2 * PADDING, 10_000)[1])  # type: ignore[union-attr]
    return h + 1 + 2


def _intro(data: RegisterData, st: Styles) -> list[Flowable]:
    number = clean(data.header.number_text)
    story: list[Flowable] = []
    if data.form_set.number(REGISTER):
        story.append(form_number_line(st, data.form_set.number(REGISTER), data.form_set.legal_basis))
    story += [
        header_table(
            st,
            issuing_body=data.header.issuing_body,
            centre_name=data.header.centre_name,
            place_name=data.header.place_name,
            day=data.header.issued_at,
            number_text=number or None,
            number_label="Quyển số",
            width=FRAME_WIDTH,
            right_width=110 * mm,
        ),
        Spacer(0, 3 * mm),
        Paragraph(esc(_title(data)), st.register_title),
        Paragraph(_period(data), st.subtitle),
        Spacer(0, 3 * mm),
    ]
    return story


def _page_table(head: list[list[object]], body: list[list[object]], widths: list[float],
                heights: list[float]) -> Table:
    # the row heights are known already: reportlab need not measure the rows again
    table = Table(head + body, colWidths=widths, rowHeights=heights, repeatRows=len(head), splitByRow=1)
    n = len(head)
    table.setStyle(grid_style([
        ("VALIGN", (0, n), (-1, -1), "TOP"),
        ("FONTSIZE", (0, n), (-1, -1), BODY_SIZE),
        ("LEADING", (0, n), (-1, -1), BODY_LEADING),
        *[("ALIGN", (c, n), (c, -1), "CENTER") for c in _CENTRED],
    ], padding=PADDING))
    return table


def render_register_pdf(data: RegisterData) -> bytes:
    """The register as a PDF: A4 landscape, column heads on every page, "Trang n/N"."""
    st = styles()
    local_time(data.header.issued_at)
    widths = _widths()
    intro = _intro(data, st)
    head_heights = [_head_height(cells, widths) for cells in _head_rows(st)]
    head_h = sum(head_heights)

    intro_h = 0.0
    for f in intro:
        intro_h += f.wrap(FRAME_WIDTH, _RegisterDoc.first_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    slack = 2.0  # points kept free on each page against rounding
    avail = _RegisterDoc.first_height - intro_h - head_h - slack

    # measure every row once (naive date-times fail here, clearly); cut the rows into pages
    pages: list[tuple[list[list[object]], list[float]]] = [([], [])]
    used = 0.0
    for row in data.rows:
        cells, lines = _cells(row, widths)
        h = _row_height(lines)
        body, heights = pages[-1]
        if body and used + h > avail:
            pages.append(([], []))
            body, heights = pages[-1]
            used = 0.0
            avail = _RegisterDoc.later_height - head_h - slack
        body.append(cells)  # type: ignore[arg-type]
        heights.append(h)
        used += h

    story: list[Flowable] = [NextPageTemplate("later"), *intro]
    for i, (body, heights) in enumerate(pages):
        if i:
            story.append(PageBreak())
        if not body:
            body = [["", "(không có hồ sơ)"] + [""] * (len(HEADS) - 2)]
            heights = [_row_height(1)]
        story.append(_page_table(_head_rows(st), body, widths, head_heights + heights))

    buf = io.BytesIO()
    doc = _RegisterDoc(buf, data)
    # the register names citizens: every page says so (Decree 13/2023)
    doc.build(story, canvasmaker=numbered_canvas(footer_y=MARGIN_BOTTOM - 6 * mm, always=True,
                                                 notice=PERSONAL_DATA_NOTICE))
    return buf.getvalue()


# --------------------------------------------------------------------------- XLSX

_FORMULA_START = ("=", "+", "-", "@")
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


def _excel_time(dt: datetime | None) -> datetime | None:
    """Aware -> naive Vietnam time (Excel has no time zones); None stays None."""
    if dt is None:
        return None
    return local_time(dt).replace(tzinfo=None)


def register_xlsx(data: RegisterData) -> bytes:
    """The register as an .xlsx workbook: sheet "So theo doi", title rows, bold frozen header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    local_time(data.header.issued_at)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    wb.properties.title = f"{_title(data).capitalize()} - {_period(data)}"
    wb.properties.creator = "counter_app"
    # it names citizens (Decree 13/2023): said in the properties, row 5 and the printed footer
    wb.properties.subject = PERSONAL_DATA_NOTICE
    wb.properties.keywords = "dữ liệu cá nhân; Nghị định 13/2023/NĐ-CP"
    wb.properties.description = PERSONAL_DATA_NOTICE

    ncol = len(HEADS)
    last = get_column_letter(ncol)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    centre_top = Alignment(wrap_text=True, vertical="top", horizontal="center")

    def put(row: int, col: int, value: object):  # noqa: ANN202
        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            value = clean(value)  # control characters are not allowed in XLSX
            cell.value = value
            if value.startswith(_FORMULA_START):
                # hostile-input hygiene: a name like "=1+1" must never become a formula
                cell.data_type = "s"
                cell.quotePrefix = True
        else:
            cell.value = value
        return cell

    # title rows
    put(1, 1, clean(data.header.issuing_body).upper()).font = Font(name="Times New Roman", size=11)
    put(2, 1, clean(data.header.centre_name).upper()).font = Font(name="Times New Roman", size=11, bold=True)
    number = data.form_set.number(REGISTER)
    if number:
        c = put(1, ncol, f"Mẫu số {number} - {data.form_set.legal_basis}")
        c.font = Font(name="Times New Roman", size=9, italic=True)
        c.alignment = Alignment(horizontal="right")
    c = put(3, 1, _title(data))
    c.font = Font(name="Times New Roman", size=14, bold=True)
    c.alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A3:{last}3")
    book = clean(data.header.number_text)
    c = put(4, 1, _period(data) + (f" - Quyển số: {book}" if book else ""))
    c.font = Font(name="Times New Roman", size=11, italic=True)
    c.alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A4:{last}4")
    c = put(5, 1, PERSONAL_DATA_NOTICE)
    c.font = Font(name="Times New Roman", size=9, italic=True, bold=True)
    c.alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A5:{last}5")
    ws.oddFooter.center.text = PERSONAL_DATA_NOTICE
    ws.oddFooter.center.size = 8

    header_row = 6
    for col, head in enumerate(HEADS, start=1):
        c = put(header_row, col, head)
        c.font = Font(name="Times New Roman", size=11, bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        c.border = box
    ws.row_dimensions[header_row].height = 32
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)

    body_font = Font(name="Times New Roman", size=11)
    for r, row in enumerate(data.rows, start=header_row + 1):
        values: list[object] = [
            row.no, row.dossier_code, row.procedure_name, row.applicant, row.address_phone, row.lead_agency,
            _excel_time(row.received_at), _excel_time(row.due_at), _excel_time(row.returned_at),
            row.return_method, row.collector,
        ]
        for col, value in enumerate(values, start=1):
            c = put(r, col, value)
            c.font = body_font
            c.border = box
            c.alignment = centre_top if col in (1, 7, 8, 9) else wrap_top
            if isinstance(value, datetime):
                c.number_format = DATETIME_FORMAT

    for col, (_, _, chars) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = chars
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
