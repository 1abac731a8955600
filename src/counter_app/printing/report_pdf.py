"""The period report of the supervisor console as a PDF (A4; the wide forms II.06a and II.07a
on landscape pages).

Page 1: the centre and the national motto, "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ",
the period and when the report was made, the key figures and the reform targets. Then
06a and 07a (landscape), the queue, the officers, satisfaction and the citizens' comments, the
four charts (reportlab.graphics, vector: arrivals per hour against staffed counters, waiting
times, the on-time rate by week, arrivals by field and weekday) and the short definitions.
Pages numbered "Trang n/N"; only the embedded Liberation Serif faces are used, charts included.

The report is a services.reports.PeriodReport, read by attribute (printing/ may not import
services/); its tables are those of printing/report_xlsx.py, which the console shows too.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
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
)

from counter_app.printing.common import (
    MOTTO,
    NATION,
    NO_PADDING,
    balanced_break,
    clean,
    clip,
    continuation_line,
    esc,
    grid_style,
    PERSONAL_DATA_NOTICE,
    local_time,
    numbered_canvas,
    styles,
    table_style,
)
from counter_app.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from counter_app.printing.report_xlsx import DASH, ReportTable, cell_text, minutes, period_tables

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_X = 14 * mm
MARGIN_TOP = 15 * mm     # the running line of later pages sits in the top margin
MARGIN_BOTTOM = 14 * mm
FOOTER_Y = 7 * mm
PAD = 2.5                # cell padding, points
BODY_SIZE = 8
HEAD_SIZE = 7.6

TITLE = {"vi": "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ",
         "en": "REPORT ON DOSSIERS RECEIVED AND RESOLVED"}
# the same in running text (the page headers, the document's title)
RUNNING_TITLE = {"vi": "Báo cáo tình hình tiếp nhận và giải quyết hồ sơ",
                 "en": "Report on dossiers received and resolved"}

_W: dict[str, tuple[str, str]] = {
    "period": ("Kỳ báo cáo: {p}", "Period: {p}"),
    "generated": ("Lập lúc {t} ngày {d}", "Generated at {t} on {d}"),
    "as_of": ("Hồ sơ đang giải quyết tính đến {at}", "Dossiers in progress as of {at}"),
    "key_figures": ("Số liệu chính", "Key figures"),
    "k_received": ("Tổng hồ sơ tiếp nhận", "Dossiers received"),
    "k_resolved": ("Đã giải quyết", "Resolved"),
    "k_on_time": ("Tỷ lệ giải quyết đúng hạn", "On-time rate"),
    "k_in_progress": ("Đang giải quyết (trong đó quá hạn)", "In progress (of which overdue)"),
    "k_issued": ("Số phiếu lấy số", "Queue tickets issued"),
    "k_wait": ("Thời gian chờ trung bình", "Average wait"),
    "k_within": ("Tỷ lệ chờ trong mục tiêu", "Within wait target"),
    "k_satisfied": ("Tỷ lệ hài lòng (số lượt đánh giá)", "Satisfied (ratings)"),
    "min": ("phút", "min"),
    "charts": ("Biểu đồ", "Charts"),
    "c1": ("Lượt đến theo giờ và số quầy phục vụ", "Arrivals per hour and counters staffed"),
    "c1_sub": ("Trung bình mỗi ngày làm việc: lượt lấy số (cột), quầy có gọi số (đường)",
               "Average per working day: tickets issued (bars), counters calling (line)"),
    "c2": ("Phân bố thời gian chờ", "Distribution of waiting times"),
    "c2_sub": ("Số phiếu được gọi theo thời gian chờ (phút)", "Called tickets by waiting time (minutes)"),
    "c3": ("Tỷ lệ giải quyết đúng hạn theo tuần", "On-time rate by week"),
    "c3_sub": ("Tuần tính từ thứ Hai; cột: số hồ sơ đã giải quyết (trục phải)",
               "Weeks from Monday; bars: dossiers resolved (right axis)"),
    "c4": ("Lượt đến theo lĩnh vực và thứ trong tuần", "Arrivals by field and weekday"),
    "c4_sub": ("Tổng số phiếu lấy số trong kỳ", "Tickets issued over the period"),
    "arrivals": ("Lượt đến/giờ", "Arrivals/hour"),
    "staffed": ("Quầy phục vụ", "Counters staffed"),
    "tickets": ("Số phiếu", "Tickets"),
    "minutes_axis": ("phút", "min"),
    "on_time": ("Tỷ lệ đúng hạn", "On-time rate"),
    "resolved": ("Hồ sơ giải quyết", "Dossiers resolved"),
    "heat_legend": ("Lượt đến", "Arrivals"),
    "other_fields": ("{n} lĩnh vực khác", "{n} other fields"),
    "no_data": ("Không có số liệu trong kỳ", "No data in the period"),
    "no_rows": ("(không có số liệu)", "(no data)"),
    "definitions": ("Định nghĩa các chỉ số", "Definitions"),
    "definitions_more": ("Định nghĩa đầy đủ: docs/INDICATORS.md (nút “?” trên màn hình giám sát).",
                         "Full definitions: docs/INDICATORS.md (the “?” button of the supervisor console)."),
}
WEEKDAYS = {"vi": ("T2", "T3", "T4", "T5", "T6", "T7", "CN"), "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}

# The definitions of docs/INDICATORS.md, short (change both together).
DEFINITIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "vi": (
        ("Kỳ báo cáo", "ngày theo giờ Việt Nam, tính cả ngày đầu và ngày cuối."),
        ("Tiếp nhận", "hồ sơ đã có thời điểm tiếp nhận (không tính hồ sơ đăng ký trực tuyến chưa tiếp nhận "
                      "và hồ sơ không tiếp nhận). Biểu 06a theo cơ quan chủ trì giải quyết, 07a theo lĩnh vực."),
        ("Kỳ trước chuyển qua", "tiếp nhận trước kỳ, đầu kỳ chưa giải quyết, chưa rút hoặc dừng."),
        ("Trước hạn / đúng hạn / quá hạn", "có kết quả trong kỳ trước ngày hẹn / trong ngày hẹn, không sau giờ hẹn / "
                                           "sau thời hạn đang có hiệu lực (sau gia hạn và thời gian chờ bổ sung)."),
        ("Đang giải quyết", "đến cuối kỳ (kỳ chưa hết: đến lúc lập báo cáo) chưa có kết quả, chưa rút hoặc dừng; "
                            "trong hạn hoặc quá hạn theo thời hạn đang có hiệu lực; chờ bổ sung tính trong hạn."),
        ("Rút/dừng", "rút hồ sơ hoặc dừng giải quyết trong kỳ. Tổng tiếp nhận = đã giải quyết + đang giải quyết "
                     "+ rút/dừng."),
        ("Tỷ lệ đúng hạn", "(trước hạn + đúng hạn) / đã giải quyết; “—” khi không có hồ sơ nào được giải quyết."),
        ("Chỉ tiêu cải cách", "tỷ lệ trực tuyến, chữ ký số, hồ sơ điện tử, tích hợp Cổng Dịch vụ công quốc gia "
                              "so với mục tiêu 2025/2030; ISO điện tử không đo được tại quầy (“chưa đo”)."),
        ("Xếp hàng", "chờ = lần gọi đầu − lúc lấy số; di chuyển = bắt đầu phục vụ − lần gọi cuối; phục vụ = "
                     "kết thúc − bắt đầu; trong mục tiêu: phiếu được gọi có thời gian chờ không quá mục tiêu "
                     "của lĩnh vực; hết ngày chưa gọi: phiếu còn chờ khi hết ngày."),
        ("Thời gian rảnh", "khoảng giữa kết thúc một phiếu và gọi phiếu kế tiếp trong cùng ngày, mỗi khoảng "
                           "dưới một giờ."),
        ("Hài lòng", "nửa trên của thang đánh giá (2–3 trên thang 3 mức, 4–5 trên thang 5 mức); đánh giá "
                     "theo thang cũ tính riêng."),
    ),
    "en": (
        ("Period", "local dates (Vietnam time), first and last day included."),
        ("Received", "dossiers with a receipt time (not those registered online and not yet received, nor "
                     "those not accepted). Form 06a by resolving agency, 07a by field."),
        ("Carried over", "received before the period, neither resolved nor withdrawn/stopped at its start."),
        ("Early / on time / late", "result ready in the period before the due day / on the due day, not after "
                                   "its time / after the due date in force (after extensions and supplement pauses)."),
        ("In progress", "not resolved, withdrawn or stopped at the end of the period (or now, for a period not "
                        "over yet); within or past the due date in force; paused for supplements counts as within."),
        ("Withdrawn/stopped", "withdrawn or stopped during the period. Received = resolved + in progress + "
                              "withdrawn/stopped."),
        ("On-time rate", "(early + on time) / resolved; “—” when nothing was resolved."),
        ("Reform targets", "online, digital-signature, electronic-dossier and national-portal shares against the "
                           "2025/2030 targets; electronic ISO is not measurable at the counter (“not measured”)."),
        ("Queue", "wait = first call − issue; walk = service start − last call; service = finish − start; "
                  "within target: called tickets whose wait is within the field's target; expired: still waiting "
                  "when the day ended."),
        ("Idle time", "gaps between finishing a ticket and calling the next one on the same day, each under one hour."),
        ("Satisfied", "the upper half of the scale (2–3 of 3 levels, 4–5 of 5); ratings on an old scale are "
                      "counted apart."),
    ),
}


def _w(key: str, lang: str, **kw: object) -> str:
    text = _W[key][1 if lang == "en" else 0]
    return text.format(**kw) if kw else text


# --------------------------------------------------------------------------- styles


def _style(name: str, **kw: object) -> ParagraphStyle:
    register_fonts()
    base = dict(fontName=SERIF, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.2, alignment=TA_LEFT)
    base.update(kw)
    return ParagraphStyle(name, **base)


_SECTION = _style("rp_section", fontName=SERIF_BOLD, fontSize=11.5, leading=14, spaceBefore=5, spaceAfter=2,
                  keepWithNext=1)
_NOTE = _style("rp_note", fontName=SERIF_ITALIC, fontSize=8, leading=9.6, keepWithNext=1)
_CELL = _style("rp_cell")
_CELL_BOLD = _style("rp_cell_bold", fontName=SERIF_BOLD)
_HEAD = _style("rp_head", fontName=SERIF_BOLD, fontSize=HEAD_SIZE, leading=HEAD_SIZE * 1.18, alignment=TA_CENTER)
_CHART_TITLE = _style("rp_chart_title", fontName=SERIF_BOLD, fontSize=9.5, leading=11.5)
_CHART_SUB = _style("rp_chart_sub", fontName=SERIF_ITALIC, fontSize=7.5, leading=9)
_DEF = _style("rp_def", fontSize=8.5, leading=10.4, spaceAfter=1.5, leftIndent=8, firstLineIndent=-8)
_KEY = _style("rp_key", fontSize=9.5, leading=11.5)
_KEY_VALUE = _style("rp_key_value", fontName=SERIF_BOLD, fontSize=10.5, leading=12.5, alignment=TA_RIGHT)
_CENTRE = _style("rp_centre", fontName=SERIF_BOLD, fontSize=10, leading=12, alignment=TA_CENTER)


# --------------------------------------------------------------------------- tables


def _two_lines(head: str) -> float:
    """The width a head needs on at most two lines (broken at its best space)."""
    words = head.split()
    if len(words) < 2:
        return stringWidth(head, SERIF_BOLD, HEAD_SIZE)
    return min(max(stringWidth(" ".join(words[:k]), SERIF_BOLD, HEAD_SIZE),
                   stringWidth(" ".join(words[k:]), SERIF_BOLD, HEAD_SIZE)) for k in range(1, len(words)))


def _column_widths(t: ReportTable, texts: list[list[str]], frame_w: float) -> list[float]:
    """Numbers never wrap and no head breaks inside a word; text columns take what is left
    (within limits). Spare width first puts the heads of number columns on two lines at
    most, then is shared by all columns in proportion."""
    pad = 2 * PAD + 1  # a point of slack: a word exactly as wide as the cell would be broken
    n = len(t.columns)
    widths = [0.0] * n
    want = [0.0] * n
    low = [0.0] * n
    two = [0.0] * n
    for c, (head, fmt) in enumerate(zip(t.columns, t.formats)):
        words = head.split() or [""]
        head_word = max(stringWidth(x, SERIF_BOLD, HEAD_SIZE) for x in words)
        two[c] = _two_lines(head) + pad
        content = max((stringWidth(row[c], SERIF_BOLD, BODY_SIZE) for row in texts), default=0.0)
        if fmt == "text":
            want[c] = min(max(content, head_word), 75 * mm) + pad
            low[c] = min(max(head_word + pad, 20 * mm), want[c])
        else:
            widths[c] = max(content, head_word, 6 * mm) + pad
    text_cols = [c for c in range(n) if t.formats[c] == "text"]
    avail = frame_w - sum(widths[c] for c in range(n) if c not in text_cols)
    wanted = sum(want[c] for c in text_cols)
    if wanted <= avail:
        for c in text_cols:
            widths[c] = want[c]
        spare = frame_w - sum(widths)
        for c in range(n):
            if c in text_cols or spare <= 0:
                continue
            grow = min(max(0.0, two[c] - widths[c]), spare)
            widths[c] += grow
            spare -= grow
        # then number columns of one width (the narrowest raised first), as the forms print them
        nums = sorted((c for c in range(n) if t.formats[c] not in ("text", "datetime")), key=lambda c: widths[c])
        while spare > 0.01 and len(nums) > 1:
            level = widths[nums[0]]
            group = [c for c in nums if widths[c] <= level + 0.01]
            if len(group) == len(nums):
                break
            nxt = min(widths[c] for c in nums if c not in group)
            grow = min(nxt - level, spare / len(group))
            for c in group:
                widths[c] += grow
            spare -= grow * len(group)
        total = sum(widths)
        widths = [w + spare * w / total for w in widths]
    else:
        floor = sum(low[c] for c in text_cols)
        if floor <= avail:
            k = (avail - floor) / (wanted - floor) if wanted > floor else 0.0
            for c in text_cols:
                widths[c] = low[c] + (want[c] - low[c]) * k
        else:
            for c in text_cols:
                widths[c] = low[c]
            scale = frame_w / sum(widths)
            widths = [w * scale for w in widths]
    return widths


def _texts(t: ReportTable, lang: str) -> tuple[list[list[str]], list[str] | None]:
    texts = [[cell_text(v, f, lang) for v, f in zip(row, t.formats)] for row in t.rows]
    total = [cell_text(v, f, lang) for v, f in zip(t.total, t.formats)] if t.total is not None else None
    return texts, total


def _pdf_table(t: ReportTable, frame_w: float, lang: str, *, like: ReportTable | None = None) -> Table:
    """*t* as a ruled table; with *like* (a table of the same columns), columns as wide as both need."""
    texts, total = _texts(t, lang)
    measure = texts + ([total] if total else [])
    if like is not None:
        more, more_total = _texts(like, lang)
        measure += more + ([more_total] if more_total else [])
    widths = _column_widths(t, measure, frame_w)
    n = len(t.columns)

    head: list[list[object]] = []
    spans: list[tuple] = []
    if t.groups:
        top: list[object] = []
        bottom: list[object] = []
        col = 0
        for label, span in t.groups:
            if label:
                top += [Paragraph(esc(label), _HEAD)] + [""] * (span - 1)
                bottom += [Paragraph(esc(h), _HEAD) for h in t.columns[col:col + span]]
                if span > 1:
                    spans.append(("SPAN", (col, 0), (col + span - 1, 0)))
            else:
                for k in range(span):
                    top.append(Paragraph(esc(t.columns[col + k]), _HEAD))
                    bottom.append("")
                    spans.append(("SPAN", (col + k, 0), (col + k, 1)))
            col += span
        head = [top, bottom]
    else:
        head = [[Paragraph(esc(h), _HEAD) for h in t.columns]]
    nh = len(head)

    def line(cells: list[str], bold: bool) -> list[object]:
        out: list[object] = []
        for c, (s, fmt) in enumerate(zip(cells, t.formats)):
            if fmt == "text":
                out.append(Paragraph(esc(clip(s, 600)), _CELL_BOLD if bold else _CELL))
            else:
                out.append(s)
        return out

    body = [line(row, False) for row in texts]
    if not body and total is None:
        body = [[Paragraph(esc(_w("no_rows", lang)), _CELL)] + [""] * (n - 1)]
        spans.append(("SPAN", (0, nh), (n - 1, nh)))
    if total is not None:
        body.append(line(total, True))

    numeric = [c for c in range(n) if t.formats[c] != "text"]
    commands: list[tuple] = [
        *spans,
        ("VALIGN", (0, 0), (-1, nh - 1), "MIDDLE"),
        ("VALIGN", (0, nh), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, nh - 1), colors.HexColor("#E6E6E6")),
        ("FONTSIZE", (0, nh), (-1, -1), BODY_SIZE),
        ("LEADING", (0, nh), (-1, -1), BODY_SIZE * 1.2),
        *[("ALIGN", (c, nh), (c, -1), "RIGHT") for c in numeric],
    ]
    if len(body) > 3:
        commands.append(("ROWBACKGROUNDS", (0, nh), (-1, -1 if total is None else -2),
                         [colors.white, colors.HexColor("#F5F5F5")]))
    if total is not None:
        commands += [("FONTNAME", (0, -1), (-1, -1), SERIF_BOLD),
                     ("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black)]
    table = Table(head + body, colWidths=widths, repeatRows=nh, splitByRow=1)
    table.setStyle(grid_style(commands, padding=PAD))
    return table


def _table_block(t: ReportTable, frame_w: float, lang: str, *, skip_notes: Sequence[str] = (),
                 like: ReportTable | None = None) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(esc(t.title), _SECTION)]
    story += [Paragraph(esc(n), _NOTE) for n in t.notes if n not in skip_notes]
    story += [Spacer(0, 1.5 * mm), _pdf_table(t, frame_w, lang, like=like), Spacer(0, 4 * mm)]
    return story


# --------------------------------------------------------------------------- charts

BLUE = colors.HexColor("#3C6FA8")
ORANGE = colors.HexColor("#E07B24")
GREY = colors.HexColor("#BDBDBD")
GRID = colors.HexColor("#DDDDDD")
AXIS = colors.HexColor("#555555")
HEAT = ("#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C", "#08306B")
TICK = 6.8


def _text(x: float, y: float, text: str, size: float = TICK, anchor: str = "start", *, bold: bool = False,
          color: colors.Color = colors.black) -> String:
    return String(x, y, text, fontName=SERIF_BOLD if bold else SERIF, fontSize=size, textAnchor=anchor,
                  fillColor=color)


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing whose initial font is the embedded serif: reportlab would otherwise start
    every drawing with Helvetica, a base-14 font that is never embedded."""
    register_fonts()
    d = Drawing(width, height)
    d.initialFontName = SERIF
    d.initialFontSize = TICK
    return d


def _nice(top: float, ticks: int = 4) -> tuple[float, float]:
    """A round axis maximum >= top and its step (about *ticks* intervals)."""
    if top <= 0:
        return 1.0, 0.25 if ticks >= 4 else 0.5
    raw = top / ticks
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        step = m * mag
        if step * ticks >= top - 1e-9:
            return step * ticks, step
    return 10 * mag * ticks, 10 * mag


def _tick_label(v: float, step: float, lang: str) -> str:
    return cell_text(int(round(v)), "int", lang) if float(step).is_integer() else cell_text(v, "decimal", lang)


def _no_data(d: Drawing, lang: str) -> Drawing:
    d.add(Rect(0.5, 0.5, d.width - 1, d.height - 1, strokeColor=GRID, fillColor=None, strokeWidth=0.6))
    d.add(_text(d.width / 2, d.height / 2 - 3, _w("no_data", lang), 8.5, "middle", color=AXIS))
    return d


def _legend(d: Drawing, x: float, y: float, items: Sequence[tuple[str, str, colors.Color]]) -> None:
    """Legend entries left to right: (kind "bar" | "line", label, colour)."""
    for kind, label, colour in items:
        if kind == "bar":
            d.add(Rect(x, y - 1, 9, 6, fillColor=colour, strokeColor=None))
        else:
            d.add(Line(x, y + 2, x + 11, y + 2, strokeColor=colour, strokeWidth=1.6))
            d.add(Circle(x + 5.5, y + 2, 1.8, fillColor=colour, strokeColor=None))
        d.add(_text(x + 13, y, label, TICK + 0.4))
        x += 13 + stringWidth(label, SERIF, TICK + 0.4) + 12


def _frame(d: Drawing, left: float, bottom: float, pw: float, ph: float, top: float, step: float,
           label: Callable[[float], str], *, right: tuple[float, float, Callable[[float], str], colors.Color] | None = None
           ) -> None:
    """Horizontal grid lines with the left axis labels (and a right axis), the base line."""
    n = int(round(top / step))
    for i in range(n + 1):
        y = bottom + ph * i / n
        d.add(Line(left, y, left + pw, y, strokeColor=GRID if i else AXIS, strokeWidth=0.5 if i else 0.8))
        d.add(_text(left - 3, y - 2.3, label(step * i), anchor="end"))
    if right is not None:
        r_top, r_step, r_label, colour = right
        m = int(round(r_top / r_step))
        for i in range(m + 1):
            y = bottom + ph * i / m
            d.add(_text(left + pw + 3, y - 2.3, r_label(r_step * i), color=colour))


def _every(n: int, room: float, widest: float) -> int:
    """Label every k-th category so that labels do not overlap."""
    k = 1
    while n and room * k < widest + 3:
        k += 1
    return k


def chart_arrivals(points: Sequence[Any], width: float, height: float, lang: str = "vi") -> Drawing:
    """Arrivals per hour (bars, left axis) against counters staffed (line, right axis)."""
    d = _drawing(width, height)
    pts = sorted(points, key=lambda p: p.hour)
    if not pts:
        return _no_data(d, lang)
    left, right, bottom, top_room = 26.0, 24.0, 18.0, 26.0
    pw, ph = width - left - right, height - bottom - top_room
    a_top, a_step = _nice(max(p.arrivals for p in pts))
    s_top, s_step = _nice(max(p.staffed for p in pts))
    _frame(d, left, bottom, pw, ph, a_top, a_step, lambda v: _tick_label(v, a_step, lang),
           right=(s_top, s_step, lambda v: _tick_label(v, s_step, lang), ORANGE))
    slot = pw / len(pts)
    bw = slot * 0.64
    k = _every(len(pts), slot, stringWidth("00h", SERIF, TICK))
    line: list[float] = []
    for i, p in enumerate(pts):
        x = left + i * slot
        h = ph * p.arrivals / a_top
        if h > 0:
            d.add(Rect(x + (slot - bw) / 2, bottom, bw, h, fillColor=BLUE, strokeColor=None))
        line += [x + slot / 2, bottom + ph * p.staffed / s_top]
        if i % k == 0:
            d.add(_text(x + slot / 2, bottom - 9, f"{p.hour:02d}h", anchor="middle"))
    d.add(PolyLine(line, strokeColor=ORANGE, strokeWidth=1.6))
    for i in range(0, len(line), 2):
        d.add(Circle(line[i], line[i + 1], 1.9, fillColor=ORANGE, strokeColor=colors.white, strokeWidth=0.4))
    d.add(_text(4, bottom + ph + 6, _w("arrivals", lang), color=BLUE))
    d.add(_text(width - 2, bottom + ph + 6, _w("staffed", lang), anchor="end", color=ORANGE))
    _legend(d, left, height - 9, (("bar", _w("arrivals", lang), BLUE), ("line", _w("staffed", lang), ORANGE)))
    return d


def chart_waits(buckets: Sequence[Any], width: float, height: float, lang: str = "vi") -> Drawing:
    """How many called tickets waited how long (bars per bucket of minutes)."""
    d = _drawing(width, height)
    if not buckets or not any(b.count for b in buckets):
        return _no_data(d, lang)
    left, right, bottom, top_room = 30.0, 8.0, 24.0, 16.0
    pw, ph = width - left - right, height - bottom - top_room
    top, step = _nice(max(b.count for b in buckets))
    _frame(d, left, bottom, pw, ph, top, step, lambda v: _tick_label(v, step, lang))
    slot = pw / len(buckets)
    bw = slot * 0.72
    widest = max(stringWidth(b.label, SERIF, TICK) for b in buckets)
    k = _every(len(buckets), slot, widest)
    for i, b in enumerate(buckets):
        x = left + i * slot
        h = ph * b.count / top
        if h > 0:
            d.add(Rect(x + (slot - bw) / 2, bottom, bw, h, fillColor=BLUE, strokeColor=None))
        if b.count and slot >= stringWidth(cell_text(b.count, "int", lang), SERIF, TICK) + 1:
            d.add(_text(x + slot / 2, bottom + h + 2, cell_text(b.count, "int", lang), anchor="middle"))
        if i % k == 0:
            d.add(_text(x + slot / 2, bottom - 9, b.label, anchor="middle"))
    d.add(_text(left + pw, bottom - 19, _w("minutes_axis", lang), anchor="end", color=AXIS))
    d.add(_text(4, bottom + ph + 6, _w("tickets", lang), color=BLUE))
    return d


def chart_on_time(weeks: Sequence[Any], width: float, height: float, lang: str = "vi") -> Drawing:
    """The on-time rate per week (line, 0–100 %), dossiers resolved (light bars, right axis)."""
    d = _drawing(width, height)
    pts = sorted(weeks, key=lambda w: w.week_start)
    if not pts or not any(w.resolved for w in pts):
        return _no_data(d, lang)
    left, right, bottom, top_room = 34.0, 24.0, 18.0, 26.0
    pw, ph = width - left - right, height - bottom - top_room
    r_top, r_step = _nice(max(w.resolved for w in pts))
    _frame(d, left, bottom, pw, ph, 1.0, 0.25, lambda v: cell_text(v, "percent", lang).replace(",0", "")
           .replace(".0", ""), right=(r_top, r_step, lambda v: _tick_label(v, r_step, lang), AXIS))
    slot = pw / len(pts)
    bw = slot * 0.6
    k = _every(len(pts), slot, stringWidth("00/00", SERIF, TICK))
    segments: list[list[float]] = [[]]
    for i, w in enumerate(pts):
        x = left + i * slot
        h = ph * w.resolved / r_top
        if h > 0:
            d.add(Rect(x + (slot - bw) / 2, bottom, bw, h, fillColor=colors.HexColor("#D5D5D5"), strokeColor=None))
        if w.on_time_rate is None:
            segments.append([])
        else:
            segments[-1] += [x + slot / 2, bottom + ph * w.on_time_rate]
        if i % k == 0:
            d.add(_text(x + slot / 2, bottom - 9, f"{w.week_start:%d/%m}", anchor="middle"))
    label_points = len(pts) <= 12
    for seg in segments:
        if len(seg) >= 4:
            d.add(PolyLine(seg, strokeColor=BLUE, strokeWidth=1.6))
        for i in range(0, len(seg), 2):
            d.add(Circle(seg[i], seg[i + 1], 2, fillColor=BLUE, strokeColor=colors.white, strokeWidth=0.4))
    if label_points:
        for i, w in enumerate(pts):
            if w.on_time_rate is not None:
                y = bottom + ph * w.on_time_rate
                d.add(_text(left + (i + 0.5) * slot, min(y + 4, bottom + ph + 2),
                            cell_text(w.on_time_rate, "percent", lang), TICK - 0.6, "middle", color=BLUE))
    _legend(d, left, height - 9, (("line", _w("on_time", lang), BLUE),
                                  ("bar", _w("resolved", lang), colors.HexColor("#D5D5D5"))))
    return d


def _heat_colour(v: float, top: float) -> colors.Color:
    if top <= 0 or v <= 0:
        return colors.white
    t = min(1.0, v / top) * (len(HEAT) - 1)
    i = min(int(t), len(HEAT) - 2)
    a, b = colors.HexColor(HEAT[i]), colors.HexColor(HEAT[i + 1])
    f = t - i
    return colors.Color(a.red + (b.red - a.red) * f, a.green + (b.green - a.green) * f,
                        a.blue + (b.blue - a.blue) * f)


MAX_HEAT_ROWS = 15  # the busiest fields; the others are summed on one line


def heat_rows(cells: Sequence[Any], names: dict[str, str], lang: str = "vi"
              ) -> tuple[list[tuple[str, list[int]]], list[int]]:
    """(field label, arrivals per weekday) rows, busiest field first (beyond MAX_HEAT_ROWS,
    the rest on one "other fields" line), and the weekdays shown (Monday–Saturday, and
    Sunday when anyone came on a Sunday)."""
    sums: dict[str, list[int]] = {}
    for c in cells:
        sums.setdefault(c.field_code, [0] * 7)[c.weekday] += c.arrivals
    days = list(range(6)) + ([6] if any(v[6] for v in sums.values()) else [])
    ordered = sorted(sums.items(), key=lambda kv: (-sum(kv[1]), names.get(kv[0], kv[0])))
    rows = [(names.get(code) or code, v) for code, v in ordered]
    if len(rows) > MAX_HEAT_ROWS:
        keep, rest = rows[:MAX_HEAT_ROWS - 1], rows[MAX_HEAT_ROWS - 1:]
        other = [sum(v[i] for _, v in rest) for i in range(7)]
        rows = [*keep, (_w("other_fields", lang, n=len(rest)), other)]
    return rows, days


def heat_height(n_rows: int) -> float:
    return 34 + 14 + max(1, n_rows) * 13.0


def chart_heatmap(cells: Sequence[Any], names: dict[str, str], width: float, height: float,
                  lang: str = "vi") -> Drawing:
    """Arrivals per field (rows) and weekday (columns) as coloured cells, with a legend."""
    d = _drawing(width, height)
    rows, days = heat_rows(cells, names, lang)
    if not rows:
        return _no_data(d, lang)
    legend_h, head_h = 26.0, 12.0
    label_w = min(max(stringWidth(label, SERIF, TICK + 0.4) for label, _ in rows) + 6, width * 0.42)
    cw = (width - label_w - 2) / len(days)
    ch = min(16.0, (height - legend_h - head_h) / len(rows))
    # the "other fields" line (a sum of many) is grey, outside the colour scale of the fields
    other = len({c.field_code for c in cells}) > MAX_HEAT_ROWS
    scaled = rows[:-1] if other else rows
    top_v = max(max(v[d_] for d_ in days) for _, v in scaled) or 1
    y0 = height - head_h
    for j, day in enumerate(days):
        d.add(_text(label_w + (j + 0.5) * cw, y0 + 3, WEEKDAYS[lang][day], TICK + 0.4, "middle", bold=True))
    for i, (label, values) in enumerate(rows):
        y = y0 - (i + 1) * ch
        shown = label
        while stringWidth(shown, SERIF, TICK + 0.4) > label_w - 6 and len(shown) > 2:
            shown = shown[:-2].rstrip() + "…"
        d.add(_text(label_w - 4, y + ch / 2 - 2.4, shown, TICK + 0.4, "end"))
        grey = other and i == len(rows) - 1
        for j, day in enumerate(days):
            v = values[day]
            x = label_w + j * cw
            fill = colors.HexColor("#E4E4E4") if grey and v else _heat_colour(v, top_v)
            d.add(Rect(x, y, cw, ch, fillColor=fill, strokeColor=colors.white, strokeWidth=1))
            if v:
                dark = not grey and v / top_v > 0.5
                d.add(_text(x + cw / 2, y + ch / 2 - 2.3, cell_text(v, "int", lang), TICK, "middle",
                            color=colors.white if dark else colors.black))
    # the legend: a colour ramp from 0 to the largest cell
    ly = y0 - len(rows) * ch - legend_h + 6
    steps = 24
    lw = min(width - label_w - 2, 150.0)
    lx = label_w
    for s in range(steps):
        d.add(Rect(lx + lw * s / steps, ly + 8, lw / steps + 0.3, 6, fillColor=_heat_colour(top_v * (s + 1) / steps,
                                                                                         top_v), strokeColor=None))
    d.add(Rect(lx, ly + 8, lw, 6, fillColor=None, strokeColor=GRID, strokeWidth=0.4))
    d.add(_text(lx, ly, "0", anchor="start"))
    d.add(_text(lx + lw, ly, cell_text(top_v, "int", lang), anchor="end"))
    d.add(_text(lx - 4, ly + 8.5, _w("heat_legend", lang), TICK + 0.4, "end"))
    return d


def _field_names(report: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for line in (*report.queue.rows, *report.report_07a.rows):
        if line.key and line.label and line.key not in names:
            names[line.key] = clean(line.label)
    return names


def _charts(report: Any, frame_w: float, lang: str) -> list[Flowable]:
    gap = 6 * mm
    cw = (frame_w - gap) / 2
    ch = 68 * mm
    c = report.charts
    names = _field_names(report)
    n_fields = len(heat_rows(c.heatmap, names, lang)[0])
    hh = max(ch, heat_height(n_fields))

    def cell(key: str, drawing: Drawing) -> list[Flowable]:
        return [Paragraph(esc(_w(key, lang)), _CHART_TITLE), Paragraph(esc(_w(f"{key}_sub", lang)), _CHART_SUB),
                Spacer(0, 2 * mm), drawing]

    grid = Table(
        [
            [cell("c1", chart_arrivals(c.arrivals_by_hour, cw, ch, lang)), "",
             cell("c2", chart_waits(c.wait_histogram, cw, ch, lang))],
            [cell("c3", chart_on_time(c.on_time_by_week, cw, ch, lang)), "",
             cell("c4", chart_heatmap(c.heatmap, names, cw, hh, lang))],
        ],
        colWidths=[cw, gap, cw],
        splitByRow=1,
    )
    grid.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), *NO_PADDING,
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 5 * mm)]))
    return [Paragraph(esc(_w("charts", lang)), _SECTION), Spacer(0, 2 * mm), grid]


# --------------------------------------------------------------------------- page 1


def _cover(report: Any, frame_w: float, lang: str) -> list[Flowable]:
    st = styles()
    site = clip(clean(report.site_name), 160).upper()
    right_w = 80 * mm if lang == "vi" else 0.0
    left_w = frame_w - right_w
    left = [Paragraph(balanced_break(esc(site), SERIF_BOLD, 10, left_w - 4), _CENTRE),
            HRFlowable(width=min(40 * mm, stringWidth(site, SERIF_BOLD, 10) * 0.5 + 10), thickness=0.6,
                       color=colors.black, spaceBefore=2.5, spaceAfter=0, hAlign="CENTER")]
    if lang == "vi":
        right = [Paragraph(NATION, st.head_right_bold), Paragraph(MOTTO, st.head_motto),
                 HRFlowable(width=stringWidth(MOTTO, SERIF_BOLD, 10), thickness=0.6, color=colors.black,
                            spaceBefore=2.5, spaceAfter=0, hAlign="CENTER")]
        head = Table([[left, right]], colWidths=[left_w, right_w])
    else:
        head = Table([[left]], colWidths=[frame_w])
    head.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               *NO_PADDING]))
    at = local_time(report.generated_at)
    return [
        head,
        Spacer(0, 9 * mm),
        Paragraph(esc(TITLE[lang]), st.register_title),
        Spacer(0, 1.5 * mm),
        Paragraph(esc(_w("period", lang, p=report.period.label())), st.subtitle),
        Paragraph(esc(_w("generated", lang, t=f"{at:%H:%M}", d=f"{at:%d/%m/%Y}")), st.subtitle),
        Paragraph(esc(_w("as_of", lang, at=cell_text(report.report_06a.as_of, "datetime", lang))), st.subtitle),
        Spacer(0, 7 * mm),
    ]


def _key_figures(report: Any, frame_w: float, lang: str) -> list[Flowable]:
    t = report.report_06a.total
    q = report.queue.total
    s = report.satisfaction
    wait = minutes(q.avg_wait)
    pairs = [
        (_w("k_received", lang), cell_text(t.received, "int", lang)),
        (_w("k_issued", lang), cell_text(q.issued, "int", lang)),
        (_w("k_resolved", lang), cell_text(t.resolved, "int", lang)),
        (_w("k_wait", lang), DASH if wait is None else f"{cell_text(wait, 'minutes', lang)} {_w('min', lang)}"),
        (_w("k_on_time", lang), cell_text(t.on_time_rate, "percent", lang)),
        (_w("k_within", lang), cell_text(q.within_target, "percent", lang)),
        (_w("k_in_progress", lang),
         f"{cell_text(t.in_progress, 'int', lang)} ({cell_text(t.in_progress_overdue, 'int', lang)})"),
        (_w("k_satisfied", lang),
         f"{cell_text(s.satisfied_share, 'percent', lang)} ({cell_text(s.total, 'int', lang)})"),
    ]
    rows = []
    for i in range(0, len(pairs), 2):
        (a, av), (b, bv) = pairs[i], pairs[i + 1]
        rows.append([Paragraph(esc(a), _KEY), Paragraph(esc(av), _KEY_VALUE), "",
                     Paragraph(esc(b), _KEY), Paragraph(esc(bv), _KEY_VALUE)])
    gap = 8 * mm
    half = (frame_w - gap) / 2
    table = Table(rows, colWidths=[half - 30 * mm, 30 * mm, gap, half - 30 * mm, 30 * mm])
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (1, -1), 0.4, GRID),
        ("LINEBELOW", (3, 0), (4, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return [Paragraph(esc(_w("key_figures", lang)), _SECTION), Spacer(0, 1 * mm), table, Spacer(0, 5 * mm)]


def _definitions(lang: str) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(esc(_w("definitions", lang)), _SECTION)]
    for term, text in DEFINITIONS[lang]:
        story.append(Paragraph(f"<b>{esc(term)}</b>: {esc(text)}", _DEF))
    story.append(Paragraph(esc(_w("definitions_more", lang)), _NOTE))
    return [KeepTogether(story)]


# --------------------------------------------------------------------------- the document


class _ReportDoc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, report: Any, lang: str) -> None:
        period = report.period.label()
        title = RUNNING_TITLE[lang]
        self.running = f"{clean(report.site_name)} — {title} — {period}"
        super().__init__(
            buf,
            pagesize=PORTRAIT,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=f"{title} - {period}",
            author=clean(report.site_name),
            subject=title,
            creator="counter_app",
            producer="counter_app (ReportLab)",
            invariant=1,
            pageCompression=1,
            lang="vi-VN" if lang == "vi" else "en-GB",
            initialFontName=SERIF,
            allowSplitting=1,
        )
        templates = []
        for tid, size in (("portrait", PORTRAIT), ("landscape", LANDSCAPE)):
            w, h = size
            frame = Frame(MARGIN_X, MARGIN_BOTTOM, w - 2 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM,
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=tid)
            templates.append(PageTemplate(id=tid, frames=[frame], pagesize=size, onPage=self._running_line))
        self.addPageTemplates(templates)

    def _running_line(self, canv, doc) -> None:  # noqa: ANN001 - reportlab callback
        if doc.page == 1:
            return
        w, h = canv._pagesize
        continuation_line(canv, self.running, page_width=w, top=h - 7 * mm, margin_x=MARGIN_X)


def frame_width(size: tuple[float, float]) -> float:
    return size[0] - 2 * MARGIN_X


def render_period_report_pdf(report: Any, *, lang: str = "vi", personal_data: bool = True) -> bytes:
    """The period report (a services.reports.PeriodReport) as PDF bytes (with the personal-data
    notice on every page unless *personal_data* is False: it names officers and quotes citizens)."""
    if lang not in TITLE:
        raise ValueError(f"unsupported report language {lang!r} (vi, en)")
    local_time(report.generated_at)  # naive date-times are refused, clearly
    tables = {t.key: t for t in period_tables(report, lang)}
    pw, lw = frame_width(PORTRAIT), frame_width(LANDSCAPE)
    as_of_note = tables["06a"].notes[0]

    story: list[Flowable] = []
    story += _cover(report, pw, lang)
    story += _key_figures(report, pw, lang)
    story += _table_block(tables["reform"], pw, lang)
    story += [NextPageTemplate("landscape"), PageBreak()]
    story += _table_block(tables["06a"], lw, lang, like=tables["07a"])
    story += _table_block(tables["07a"], lw, lang, skip_notes=(as_of_note,), like=tables["06a"])
    story += [NextPageTemplate("portrait"), PageBreak()]
    for key in ("queue", "officers", "satisfaction", "comments"):
        story += _table_block(tables[key], pw, lang)
    story += [PageBreak()]
    story += _charts(report, pw, lang)
    story += _definitions(lang)

    buf = io.BytesIO()
    doc = _ReportDoc(buf, report, lang)
    doc.build(story, canvasmaker=numbered_canvas(footer_y=FOOTER_Y, always=True,
                                                 notice=PERSONAL_DATA_NOTICE if personal_data else ""))
    return buf.getvalue()


def write_period_report_pdf(report: Any, path: str | os.PathLike[str], *, lang: str = "vi",
                            personal_data: bool = True) -> Path:
    """Write the period report (a services.reports.PeriodReport) to *path* (atomically); return the path.
    It lists officers by name and citizens' comments: by default every page carries the
    personal-data notice (Decree 13/2023)."""
    return _write_atomically(render_period_report_pdf(report, lang=lang, personal_data=personal_data), Path(path))


def render_tables_pdf(tables: Sequence[ReportTable], *, site_name: str, period_label: str,
                      lang: str = "vi", personal_data: bool = False) -> bytes:
    """Some report tables alone (`counter-app report 06a … --out x.pdf`) as PDF bytes: A4, landscape
    when a wide II.06a/07a table is among them."""
    if lang not in TITLE:
        raise ValueError(f"unsupported report language {lang!r} (vi, en)")
    meta = SimpleNamespace(site_name=site_name, period=SimpleNamespace(label=lambda: period_label))
    wide = any(t.key in ("06a", "07a") for t in tables)
    fw = frame_width(LANDSCAPE if wide else PORTRAIT)
    st = styles()
    story: list[Flowable] = [
        Paragraph(balanced_break(esc(clip(clean(site_name), 160).upper()), SERIF_BOLD, 10, fw - 4), _CENTRE),
        Spacer(0, 6 * mm),
        Paragraph(esc(TITLE[lang]), st.register_title),
        Spacer(0, 1.5 * mm),
        Paragraph(esc(_w("period", lang, p=period_label)), st.subtitle),
        Spacer(0, 6 * mm),
    ]
    for table in tables:
        story += _table_block(table, fw, lang)
    buf = io.BytesIO()
    doc = _ReportDoc(buf, meta, lang)
    if wide:  # the first template is the first page's
        doc.pageTemplates.reverse()
    doc.build(story, canvasmaker=numbered_canvas(footer_y=FOOTER_Y, always=True,
                                                 notice=PERSONAL_DATA_NOTICE if personal_data else ""))
    return buf.getvalue()


def write_tables_pdf(tables: Sequence[ReportTable], path: str | os.PathLike[str], *, site_name: str,
                     period_label: str, lang: str = "vi", personal_data: bool = False) -> Path:
    """Write some report tables to *path* as PDF (atomically); return the path. With
    *personal_data* every page carries the notice of Decree 13/2023."""
    return _write_atomically(render_tables_pdf(tables, site_name=site_name, period_label=period_label, lang=lang,
                                               personal_data=personal_data), Path(path))


def _write_atomically(pdf: bytes, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pdf)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


__all__ = [
    "chart_arrivals",
    "chart_heatmap",
    "chart_on_time",
    "chart_waits",
    "render_period_report_pdf",
    "render_tables_pdf",
    "write_period_report_pdf",
    "write_tables_pdf",
]
