"""The period report as tables: the generic table the supervisor console, the workbook and the
PDF share (ReportTable), how a cell is shown (cell_text), the seven tables of a period report
(table_06a … table_comments), and the XLSX export (write_tables_xlsx).

Why here and not in services/: the PDF (printing/report_pdf.py) lays these tables out, and
printing/ may not import services/ (the layers contract of pyproject.toml). The tables are
therefore built from the report dataclasses of services/reports.py by reading their
attributes, without importing them; services/report_tables.py is the public home of these
names for the console.

Cells: str, int, float (ratios 0..1 as float), minutes as float rounded to 0.1, date/datetime
(aware, shown in Vietnam time), None ("—" on screen and paper, an empty cell in Excel).
Definitions of every figure: docs/INDICATORS.md.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from counter_app.domain.indicators import REFORM_TARGETS, satisfied_threshold

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LANGS = ("vi", "en")
FORMATS = ("text", "int", "percent", "minutes", "decimal", "datetime")
DASH = "—"

# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class ReportTable:
    """One table of a report, ready for the console, the workbook and the PDF."""

    key: str                 # "06a", "07a", "reform", "queue", "officers", "satisfaction", "comments"
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    formats: tuple[str, ...]  # per column, one of FORMATS
    total: tuple[object, ...] | None = None
    notes: tuple[str, ...] = ()
    # optional head groups over the columns, left to right: (label, number of columns);
    # label "" = no group (the column head stands alone). Empty: no group row.
    groups: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        n = len(self.columns)
        if len(self.formats) != n:
            raise ValueError(f"{self.key}: {len(self.formats)} formats for {n} columns")
        bad = [f for f in self.formats if f not in FORMATS]
        if bad:
            raise ValueError(f"{self.key}: unknown formats {bad}")
        for i, row in enumerate(self.rows):
            if len(row) != n:
                raise ValueError(f"{self.key}: row {i} has {len(row)} cells for {n} columns")
        if self.total is not None and len(self.total) != n:
            raise ValueError(f"{self.key}: total has {len(self.total)} cells for {n} columns")
        if self.groups and sum(span for _, span in self.groups) != n:
            raise ValueError(f"{self.key}: groups span {sum(s for _, s in self.groups)} of {n} columns")


def minutes(value: timedelta | None) -> float | None:
    """A duration as minutes rounded to 0.1 (None stays None)."""
    return None if value is None else round(value.total_seconds() / 60, 1)


def _number(x: float, decimals: int, lang: str) -> str:
    s = f"{x:,.{decimals}f}"  # 1,234.5
    if lang == "vi":
        s = s.translate(str.maketrans({",": ".", ".": ","}))  # 1.234,5
    return s


def _local(dt: datetime) -> datetime:
    return dt.astimezone(VN_TZ) if dt.tzinfo is not None and dt.utcoffset() is not None else dt


def cell_text(value: object, fmt: str, lang: str = "vi") -> str:
    """A cell as shown: "—" for None, "85,0 %" (vi) / "85.0%" (en), minutes "12,5" (vi) / "12.5",
    counts "1.234" (vi) / "1,234", dates dd/mm/yyyy HH:MM in Vietnam time. Text stays as it is."""
    _check_lang(lang)
    if value is None:
        return DASH
    if isinstance(value, str):
        return value
    if isinstance(value, timedelta):
        value, fmt = minutes(value), "minutes"
    if isinstance(value, datetime):
        return f"{_local(value):%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if fmt == "percent":
        return _number(value * 100, 1, lang) + (" %" if lang == "vi" else "%")
    if fmt in ("minutes", "decimal"):
        return _number(value, 1, lang)
    if fmt == "int":
        return _number(value, 0, lang)
    return _number(value, 1, lang) if isinstance(value, float) else str(value)


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unsupported report language {lang!r} (vi, en)")


# --------------------------------------------------------------------------- words

_WORDS: dict[str, tuple[str, str]] = {
    "total": ("Tổng cộng", "Total"),
    "title_06a": ("Biểu II.06a — Tình hình giải quyết TTHC theo đơn vị",
                  "Form II.06a — Administrative procedures handled, by unit"),
    "title_07a": ("Biểu II.07a — Tình hình giải quyết TTHC theo lĩnh vực",
                  "Form II.07a — Administrative procedures handled, by field"),
    "title_reform": ("Chỉ tiêu cải cách hành chính", "Administrative reform targets"),
    "title_queue": ("Xếp hàng lấy số theo lĩnh vực", "Queue by field"),
    "title_officers": ("Cán bộ tiếp nhận và trả kết quả", "Front-desk officers"),
    "title_satisfaction": ("Mức độ hài lòng của người dân", "Citizen satisfaction"),
    "title_comments": ("Ý kiến của người dân", "Citizens' comments"),
    "unit": ("Đơn vị", "Unit"),
    "field": ("Lĩnh vực", "Field"),
    "as_of": ("Hồ sơ đang giải quyết tính đến {at}.", "Dossiers in progress as of {at}."),
    "identity": ("Tổng tiếp nhận = đã giải quyết + đang giải quyết + rút/dừng.",
                 "Total received = resolved + in progress + withdrawn/stopped."),
    "definitions": ("Cách tính: xem mục “Định nghĩa các chỉ số” (docs/INDICATORS.md).",
                    "How each figure is computed: see “Definitions” (docs/INDICATORS.md)."),
    "received": ("Tiếp nhận", "Received"),
    "resolved": ("Đã giải quyết", "Resolved"),
    "in_progress": ("Đang giải quyết", "In progress"),
    "not_measured": ("chưa đo", "not measured"),
    "meets_2030": ("Đạt mục tiêu 2030", "Meets the 2030 target"),
    "meets_2025": ("Đạt mục tiêu 2025", "Meets the 2025 target"),
    "below_2025": ("Chưa đạt mục tiêu 2025", "Below the 2025 target"),
    "reform_note": ("Mục tiêu theo kế hoạch cải cách hành chính của tỉnh; “chưa đo”: không đo được tại quầy.",
                    "Targets of the province's reform plan; “not measured”: not measurable at the counter."),
    "minutes_note": ("Thời gian tính bằng phút.", "Times in minutes."),
    "satisfied_row": ("Trong đó hài lòng ({levels})", "Of which satisfied ({levels})"),
    "other_scale": ("Ngoài ra {n} lượt đánh giá theo thang cũ, không tính ở đây.",
                    "Also {n} ratings on a scale no longer used, not counted here."),
    "no_ratings": ("Không có lượt đánh giá nào trong kỳ.", "No ratings in the period."),
    "comments_note": ("{n} ý kiến, mới nhất trước.", "{n} comments, newest first."),
}


def word(key: str, lang: str = "vi", **kw: object) -> str:
    text = _WORDS[key][1 if lang == "en" else 0]
    return text.format(**kw) if kw else text


_DOSSIER_COLUMNS = {
    "vi": ("Kỳ trước chuyển qua", "Trực tuyến", "Trực tiếp/bưu chính", "Tổng tiếp nhận",
           "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng đã giải quyết",
           "Trong hạn", "Quá hạn (đang giải quyết)", "Tổng đang giải quyết", "Rút/dừng", "Tỷ lệ đúng hạn"),
    "en": ("Carried over", "Online", "In person/post", "Total received",
           "Early", "On time", "Late", "Total resolved",
           "Within deadline", "Overdue (in progress)", "Total in progress", "Withdrawn/stopped", "On-time rate"),
}
_QUEUE_COLUMNS = {
    "vi": ("Lĩnh vực", "Số phiếu cấp", "Đã phục vụ", "Vắng mặt", "Hết ngày chưa gọi", "Chờ trung bình",
           "Chờ lâu nhất", "Tỷ lệ chờ trong mục tiêu", "Di chuyển trung bình", "Phục vụ trung bình"),
    "en": ("Field", "Tickets issued", "Served", "No-show", "Expired", "Average wait", "Longest wait",
           "Within wait target", "Average walk", "Average service"),
}
_OFFICER_COLUMNS = {
    "vi": ("Cán bộ", "Tài khoản", "Đã phục vụ", "Vắng mặt", "Chờ trung bình", "Di chuyển trung bình",
           "Phục vụ trung bình", "Thời gian rảnh", "Hồ sơ tiếp nhận", "Lượt đánh giá", "Điểm trung bình",
           "Không hài lòng"),
    "en": ("Officer", "Username", "Served", "No-show", "Average wait", "Average walk", "Average service",
           "Idle time", "Dossiers received", "Ratings", "Average rating", "Dissatisfied"),
}
_REFORM_COLUMNS = {
    "vi": ("Chỉ tiêu", "Tử số", "Mẫu số", "Thực tế", "Mục tiêu 2025", "Mục tiêu 2030", "Đánh giá"),
    "en": ("Indicator", "Numerator", "Denominator", "Actual", "2025 target", "2030 target", "Assessment"),
}
_SATISFACTION_COLUMNS = {
    "vi": ("Mức đánh giá", "Số lượt", "Tỷ lệ"),
    "en": ("Rating", "Count", "Share"),
}
_COMMENT_COLUMNS = {
    "vi": ("Thời gian", "Quầy", "Cán bộ", "Đánh giá", "Lý do"),
    "en": ("Time", "Counter", "Officer", "Rating", "Reason"),
}


# --------------------------------------------------------------------------- the tables
# The report arguments are the dataclasses of services/reports.py, read by attribute.


def _dossier_cells(c: Any, label: str) -> tuple[object, ...]:
    return (
        label, c.carried_over, c.received_online, c.received_direct, c.received,
        c.resolved_early, c.resolved_on_time, c.resolved_late, c.resolved,
        c.in_progress_within, c.in_progress_overdue, c.in_progress, c.closed, c.on_time_rate,
    )


def _dossier_table(r: Any, key: str, first: str, lang: str) -> ReportTable:
    _check_lang(lang)
    groups = (("", 1), (word("received", lang), 4), (word("resolved", lang), 4),
              (word("in_progress", lang), 3), ("", 1), ("", 1))
    return ReportTable(
        key=key,
        title=word(f"title_{key}", lang),
        columns=(word(first, lang), *_DOSSIER_COLUMNS[lang]),
        rows=tuple(_dossier_cells(c, c.label) for c in r.rows),
        formats=("text",) + ("int",) * 12 + ("percent",),
        total=_dossier_cells(r.total, word("total", lang)),
        notes=(word("as_of", lang, at=cell_text(r.as_of, "datetime", lang)), word("identity", lang),
               word("definitions", lang)),
        groups=groups,
    )


def table_06a(r: Any, lang: str = "vi") -> ReportTable:
    """Form II.06a (a services.reports.DossierReport by unit)."""
    return _dossier_table(r, "06a", "unit", lang)


def table_07a(r: Any, lang: str = "vi") -> ReportTable:
    """Form II.07a (a services.reports.DossierReport by field)."""
    return _dossier_table(r, "07a", "field", lang)


_TARGET_LABELS = {t.key: t for t in REFORM_TARGETS}
_EPS = 1e-9


def _assessment(line: Any, lang: str) -> str | None:
    if not line.measured or line.actual is None or line.target_2025 is None:
        return None
    if line.target_2030 is not None and line.actual >= line.target_2030 - _EPS:
        return word("meets_2030", lang)
    if line.actual >= line.target_2025 - _EPS:
        return word("meets_2025", lang)
    return word("below_2025", lang)


def table_reform(lines: Iterable[Any], lang: str = "vi") -> ReportTable:
    """The reform targets (services.reports.ReformLine, in REFORM_TARGETS order): actual against
    the 2025 and 2030 targets; "chưa đo" for what the counter cannot measure."""
    _check_lang(lang)
    rows = []
    for line in lines:
        target = _TARGET_LABELS.get(line.key)
        label = target.label(lang) if target is not None else line.label
        if line.measured:
            rows.append((label, line.numerator, line.denominator, line.actual,
                         line.target_2025, line.target_2030, _assessment(line, lang)))
        else:
            rows.append((label, None, None, word("not_measured", lang),
                         line.target_2025, line.target_2030, None))
    return ReportTable(
        key="reform",
        title=word("title_reform", lang),
        columns=_REFORM_COLUMNS[lang],
        rows=tuple(rows),
        formats=("text", "int", "int", "percent", "percent", "percent", "text"),
        notes=(word("reform_note", lang), word("definitions", lang)),
    )


def _queue_cells(q: Any, label: str) -> tuple[object, ...]:
    return (label, q.issued, q.served, q.no_show, q.expired, minutes(q.avg_wait), minutes(q.max_wait),
            q.within_target, minutes(q.avg_walk), minutes(q.avg_service))


def table_queue(r: Any, lang: str = "vi") -> ReportTable:
    """Queue figures per field (a services.reports.QueueReport); times in minutes."""
    _check_lang(lang)
    return ReportTable(
        key="queue",
        title=word("title_queue", lang),
        columns=_QUEUE_COLUMNS[lang],
        rows=tuple(_queue_cells(q, q.label) for q in r.rows),
        formats=("text", "int", "int", "int", "int", "minutes", "minutes", "percent", "minutes", "minutes"),
        total=_queue_cells(r.total, word("total", lang)),
        notes=(word("minutes_note", lang), word("definitions", lang)),
    )


def table_officers(r: Any, lang: str = "vi") -> ReportTable:
    """Per officer (a services.reports.OfficerReport); times in minutes. The total adds what
    adds up; the average rating is weighted by the ratings, the other averages are not totalled."""
    _check_lang(lang)
    rows = tuple(
        (o.name, o.username, o.served, o.no_show, minutes(o.avg_wait), minutes(o.avg_walk),
         minutes(o.avg_service), minutes(o.idle), o.dossiers_received, o.ratings, o.avg_rating, o.dissatisfied)
        for o in r.rows
    )
    rated = [o for o in r.rows if o.avg_rating is not None and o.ratings]
    n_ratings = sum(o.ratings for o in rated)
    avg_rating = round(sum(o.avg_rating * o.ratings for o in rated) / n_ratings, 2) if n_ratings else None
    total = (
        word("total", lang), None, sum(o.served for o in r.rows), sum(o.no_show for o in r.rows), None, None,
        None, minutes(sum((o.idle for o in r.rows), timedelta())), sum(o.dossiers_received for o in r.rows),
        sum(o.ratings for o in r.rows), avg_rating, sum(o.dissatisfied for o in r.rows),
    )
    return ReportTable(
        key="officers",
        title=word("title_officers", lang),
        columns=_OFFICER_COLUMNS[lang],
        rows=rows,
        formats=("text", "text", "int", "int", "minutes", "minutes", "minutes", "minutes", "int", "int",
                 "decimal", "int"),
        total=total,
        notes=(word("minutes_note", lang), word("definitions", lang)),
    )


def table_satisfaction(r: Any, lang: str = "vi") -> ReportTable:
    """Shares of each level of the site's scale, best first (a services.reports.SatisfactionReport),
    then the satisfied ones (the upper half of the scale); ratings on an old scale are noted apart."""
    _check_lang(lang)
    rows: list[tuple[object, ...]] = [
        (label, count, share) for label, count, share in zip(r.labels, r.counts, r.shares)
    ]
    if r.labels:
        # values run 1 (worst) .. scale (best); labels are best first
        top = len(r.labels) - satisfied_threshold(len(r.labels)) + 1
        levels = ", ".join(r.labels[:top])
        rows.append((word("satisfied_row", lang, levels=levels), r.satisfied, r.satisfied_share))
    notes: list[str] = []
    if not r.total:
        notes.append(word("no_ratings", lang))
    if r.other_scale:
        notes.append(word("other_scale", lang, n=cell_text(r.other_scale, "int", lang)))
    notes.append(word("definitions", lang))
    return ReportTable(
        key="satisfaction",
        title=word("title_satisfaction", lang),
        columns=_SATISFACTION_COLUMNS[lang],
        rows=tuple(rows),
        formats=("text", "int", "percent"),
        total=(word("total", lang), r.total, 1.0 if r.total else None),
        notes=tuple(notes),
    )


def table_comments(r: Any, lang: str = "vi") -> ReportTable:
    """The reasons citizens gave with their rating, newest first (a services.reports.SatisfactionReport)."""
    _check_lang(lang)
    return ReportTable(
        key="comments",
        title=word("title_comments", lang),
        columns=_COMMENT_COLUMNS[lang],
        rows=tuple((c.at, c.counter_number, c.officer_name, c.label, c.reason) for c in r.comments),
        formats=("datetime", "int", "text", "text", "text"),
        notes=(word("comments_note", lang, n=cell_text(len(r.comments), "int", lang)),),
    )


def period_tables(report: Any, lang: str = "vi") -> tuple[ReportTable, ...]:
    """The seven tables of a services.reports.PeriodReport, in the order of the PDF."""
    return (
        table_06a(report.report_06a, lang),
        table_07a(report.report_07a, lang),
        table_reform(report.reform, lang),
        table_queue(report.queue, lang),
        table_officers(report.officers, lang),
        table_satisfaction(report.satisfaction, lang),
        table_comments(report.satisfaction, lang),
    )


# --------------------------------------------------------------------------- XLSX

_FORMULA_START = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
NUMBER_FORMATS = {
    "int": "#,##0",
    "percent": "0.0%",
    "minutes": "0.0",
    "decimal": "0.0",
    "datetime": "dd/mm/yyyy hh:mm",
}
DATE_FORMAT = "dd/mm/yyyy"
FONT = "Times New Roman"


def sheet_title(key: str, taken: Iterable[str] = ()) -> str:
    """An Excel sheet name from a table key: no []:*?/\\, at most 31 characters, unique."""
    base = _SHEET_BAD.sub("_", key).strip("'") or "Sheet"
    base = base[:31]
    used = {t.lower() for t in taken}
    name, i = base, 2
    while name.lower() in used:
        suffix = f" ({i})"
        name = base[: 31 - len(suffix)] + suffix
        i += 1
    return name


def _xlsx_value(value: object) -> object:
    """A cell value as Excel keeps it: aware date-times as naive Vietnam time, durations as
    minutes, text without control characters."""
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, timedelta):
        return minutes(value)
    if isinstance(value, datetime):
        return _local(value).replace(tzinfo=None)
    return value


def _display_len(value: object, fmt: str) -> int:
    if value is None:
        return 1
    if isinstance(value, str):
        return max((len(part) for part in value.split("\n")), default=0)
    return len(cell_text(value, fmt, "en"))


def write_tables_xlsx(tables: Sequence[ReportTable], path: str | os.PathLike[str], *, site_name: str,
                      period_label: str, personal_data: bool = False) -> Path:
    """One sheet per table (named after its key): the site, the title, the period and the notes
    above a bold, frozen header row; numbers as numbers with number formats, None as an empty
    cell, the total row bold, text that starts like a formula kept as text. With *personal_data*
    (officers by name, citizens' comments) the first row of every sheet, the printed footer and
    the workbook's properties carry the notice of Decree 13/2023. Returns the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = f"{_CONTROL.sub('', site_name)} - {_CONTROL.sub('', period_label)}"
    wb.properties.creator = "counter_app"
    notice = ""
    if personal_data:
        from counter_app.printing.common import PERSONAL_DATA_NOTICE as notice

        wb.properties.subject = wb.properties.description = notice
        wb.properties.keywords = "dữ liệu cá nhân; Nghị định 13/2023/NĐ-CP"

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="E8E8E8")
    head_align = Alignment(wrap_text=True, vertical="center", horizontal="center")

    def put(ws, row: int, col: int, value: object):  # noqa: ANN001, ANN202
        cell = ws.cell(row=row, column=col)
        value = _xlsx_value(value)
        if value is None:
            return cell
        cell.value = value
        if isinstance(value, str) and value.startswith(_FORMULA_START):
            # hostile-input hygiene: a label like "=1+1" must never become a formula
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell

    for table in tables:
        ws = wb.create_sheet(sheet_title(table.key, wb.sheetnames))
        ncol = len(table.columns)

        r = 1
        if notice:
            put(ws, r, 1, notice).font = Font(name=FONT, size=9, bold=True, italic=True)
            ws.oddFooter.center.text = notice
            ws.oddFooter.center.size = 8
            r += 1
        for text, font in ((site_name, Font(name=FONT, size=11, bold=True)),
                           (table.title, Font(name=FONT, size=14, bold=True)),
                           (period_label, Font(name=FONT, size=11, italic=True))):
            c = put(ws, r, 1, text)
            c.font = font
            r += 1
        for note in table.notes:
            c = put(ws, r, 1, note)
            c.font = Font(name=FONT, size=10, italic=True)
            r += 1
        r += 1  # a blank row before the heads

        head_font = Font(name=FONT, size=11, bold=True)
        if table.groups:
            col = 1
            for label, span in table.groups:
                for k in range(span):
                    c = ws.cell(row=r, column=col + k)
                    c.border, c.fill, c.alignment, c.font = box, head_fill, head_align, head_font
                if label:
                    put(ws, r, col, label)
                    if span > 1:
                        ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + span - 1)
                col += span
            r += 1
        header_row = r
        for col, head in enumerate(table.columns, start=1):
            c = put(ws, header_row, col, head)
            c.font, c.alignment, c.border, c.fill = head_font, head_align, box, head_fill
        ws.row_dimensions[header_row].height = 45
        ws.freeze_panes = ws.cell(row=header_row + 1, column=2 if ncol > 1 else 1)

        body_font = Font(name=FONT, size=11)
        bold_font = Font(name=FONT, size=11, bold=True)
        lines = [(row, body_font) for row in table.rows]
        if table.total is not None:
            lines.append((table.total, bold_font))
        for row_no, (cells, font) in enumerate(lines, start=header_row + 1):
            for col, (value, fmt) in enumerate(zip(cells, table.formats), start=1):
                c = put(ws, row_no, col, value)
                c.font = font
                c.border = box
                v = c.value
                if isinstance(v, str) or v is None:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
                else:
                    c.alignment = Alignment(vertical="top", horizontal="right")
                    if isinstance(v, datetime):
                        c.number_format = NUMBER_FORMATS["datetime"]
                    elif isinstance(v, date):
                        c.number_format = DATE_FORMAT
                    elif fmt in NUMBER_FORMATS and fmt != "datetime":
                        c.number_format = NUMBER_FORMATS[fmt]
        if not table.rows and table.total is None:
            c = put(ws, header_row + 1, 1, "—")
            c.font = body_font

        for col in range(1, ncol + 1):
            fmt = table.formats[col - 1]
            head = table.columns[col - 1]
            longest_word = max((len(w) for w in head.split()), default=4)
            content = max((_display_len(cells[col - 1], fmt) for cells, _ in lines), default=0)
            cap = 70 if fmt == "text" else 18
            width = max(longest_word + 2, min(content + 2, cap), 8 if fmt != "text" else 12)
            if fmt != "text":
                width = max(width, min(len(head) / 2 + 2, 16))  # heads on two lines at most
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.page_setup.orientation = "landscape" if ncol > 6 else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    if not tables:
        wb.create_sheet("Sheet")

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out
