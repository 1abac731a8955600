"""The period report's exports: the shared tables (both languages), the XLSX workbook and the
PDF, built from a PeriodReport made by hand (no database) and read back."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from pypdf import PdfReader

import forms_data as fd
from counter_app.domain.indicators import REFORM_TARGETS, Period
from counter_app.printing.report_pdf import render_period_report_pdf, write_period_report_pdf
from counter_app.printing.report_xlsx import write_tables_xlsx
from counter_app.services.report_tables import (
    ReportTable,
    cell_text,
    period_tables,
    table_06a,
    table_07a,
    table_comments,
    table_officers,
    table_queue,
    table_reform,
    table_satisfaction,
)
from counter_app.services.reports import (
    ChartData,
    DossierCounts,
    DossierReport,
    HeatCell,
    HourPoint,
    OfficerLine,
    OfficerReport,
    PeriodReport,
    QueueLine,
    QueueReport,
    RatingComment,
    ReformLine,
    SatisfactionReport,
    WaitBucket,
    WeekPoint,
)

PERIOD = Period(date(2026, 10, 1), date(2026, 10, 31))
PERIOD_LABEL = "Kỳ báo cáo: 01/10/2026 – 31/10/2026"
SITE = "Trung tâm Phục vụ hành chính công tỉnh Quảng Nam"
AS_OF = datetime(2026, 10, 31, 17, 0, tzinfo=UTC)  # 01/11/2026 00:00 in Vietnam
A4 = (595.28, 841.89)


def counts(key: str, label: str, carried: int, online: int, direct: int, early: int, on_time: int, late: int,
           within: int, overdue: int, closed: int) -> DossierCounts:
    c = DossierCounts(key, label, carried, online, direct, early, on_time, late, within, overdue, closed)
    assert c.received == c.resolved + c.in_progress + c.closed  # the identity of docs/INDICATORS.md
    return c


TOTAL = counts("", "Tổng cộng", 7, 24, 20, 11, 7, 3, 23, 5, 2)
REPORT_06A = DossierReport("06a", PERIOD, AS_OF, (
    counts("", "Trung tâm Phục vụ hành chính công", 5, 20, 15, 10, 7, 3, 15, 4, 1),  # 17/20 = 85,0 %
    counts("STP", "Sở Tư pháp", 2, 3, 5, 0, 0, 0, 8, 1, 1),                          # nothing resolved: —
    counts("X", "=1+1", 0, 1, 0, 1, 0, 0, 0, 0, 0),                                  # formula-looking label
), TOTAL)
REPORT_07A = DossierReport("07a", PERIOD, AS_OF, (
    counts("HT", "Hộ tịch", 3, 10, 12, 8, 5, 2, 6, 3, 1),
    counts("DD", "Đất đai", 4, 14, 8, 3, 2, 1, 17, 2, 1),
), TOTAL)


def _reform() -> tuple[ReformLine, ...]:
    figures = {
        "online_share": (24, 44), "digital_signature_share": (12, 80), "electronic_share": (30, 44),
        "portal_share": (90, 100), "on_time_rate": (18, 21),
    }
    lines = []
    for t in REFORM_TARGETS:
        num, den = figures.get(t.key, (0, 0))
        actual = num / den if (t.measured and den) else None
        lines.append(ReformLine(t.key, t.label_vi, num, den, actual, t.target_2025, t.target_2030, t.measured))
    return tuple(lines)


def m(minutes: float = 0, seconds: float = 0) -> timedelta:
    return timedelta(minutes=minutes, seconds=seconds)


QUEUE = QueueReport(PERIOD, (
    QueueLine("HT", "Hộ tịch", 120, 100, 8, 12, m(12, 30), m(48), 0.85, m(0, 40), m(7)),
    QueueLine("DD", "Đất đai", 80, 60, 5, 15, m(20), m(75), 0.5, m(1), m(15, 30)),
    QueueLine("BT", "Bảo trợ xã hội", 0, 0, 0, 0, None, None, None, None, None),
), QueueLine("", "Tổng cộng", 200, 160, 13, 27, m(15, 36), m(75), 0.7, m(0, 50), m(10)))

OFFICERS = OfficerReport(PERIOD, (
    OfficerLine(uuid.UUID(int=1), "an.nt", "Nguyễn Thị Ấn", 90, 6, m(12), m(0, 40), m(7, 12), m(205), 35, 60,
                2.75, 3),
    OfficerLine(uuid.UUID(int=2), "binh.tv", "Trần Văn Bình", 70, 7, m(19), m(0, 55), m(14), m(60), 16, 0,
                None, 0),
))

COMMENTS = (
    RatingComment(datetime(2026, 10, 30, 2, 5, tzinfo=UTC), 3, "Trần Văn Bình", 1, "Không hài lòng",
                  "Phải chờ quá lâu, không có ghế ngồi"),
    RatingComment(datetime(2026, 10, 28, 1, 0, tzinfo=UTC), None, "Nguyễn Thị Ấn", 3, "Rất hài lòng",
                  "+84 cán bộ nhiệt tình, hướng dẫn rõ ràng"),
)
SATISFACTION = SatisfactionReport(PERIOD, ("Rất hài lòng", "Hài lòng", "Không hài lòng"), (34, 17, 9), 60, 51, 2,
                                  COMMENTS)

HOURS = (7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
CHARTS = ChartData(
    arrivals_by_hour=tuple(HourPoint(h, a, s) for h, a, s in zip(
        HOURS, (3.5, 12.0, 15.2, 11.0, 6.5, 1.0, 8.0, 10.5, 9.0, 4.0), (2, 4, 5, 5, 4, 1, 4, 5, 4, 3))),
    wait_histogram=tuple(WaitBucket(label, lo, hi, n) for label, lo, hi, n in (
        ("0–5", 0, 5, 40), ("5–10", 5, 10, 35), ("10–15", 10, 15, 30), ("15–20", 15, 20, 20),
        ("20–30", 20, 30, 15), ("30–45", 30, 45, 8), ("45–60", 45, 60, 3), ("60+", 60, None, 2))),
    on_time_by_week=(
        WeekPoint(date(2026, 9, 28), 3, 2 / 3), WeekPoint(date(2026, 10, 5), 6, 5 / 6),
        WeekPoint(date(2026, 10, 12), 8, 7 / 8), WeekPoint(date(2026, 10, 19), 0, None),
        WeekPoint(date(2026, 10, 26), 4, 1.0),
    ),
    # arrivals per field and weekday (Monday first), spread over two hours; Bảo trợ xã hội
    # has no one on Wednesdays and Saturdays, nobody comes on Sundays
    heatmap=tuple(
        HeatCell(field, wd, hour, n)
        for field, per_day in (("HT", (31, 24, 18, 22, 27, 9)), ("DD", (14, 20, 11, 16, 25, 4)),
                               ("BT", (3, 2, 0, 5, 1, 0)))
        for wd, day in enumerate(per_day)
        for hour, n in ((8, day - day // 3), (14, day // 3))
        if n > 0
    ),
)


def build_report(**overrides: object) -> PeriodReport:
    fields: dict[str, object] = dict(
        site_name=SITE, period=PERIOD, generated_at=datetime(2026, 11, 1, 1, 30, tzinfo=UTC),
        report_06a=REPORT_06A, report_07a=REPORT_07A, reform=_reform(), queue=QUEUE, officers=OFFICERS,
        satisfaction=SATISFACTION, charts=CHARTS,
    )
    fields.update(overrides)
    return PeriodReport(**fields)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- cell_text and the tables


@pytest.mark.parametrize(("value", "fmt", "vi", "en"), [
    (None, "percent", "—", "—"),
    (None, "text", "—", "—"),
    (0.85, "percent", "85,0 %", "85.0%"),
    (18 / 21, "percent", "85,7 %", "85.7%"),
    (1.0, "percent", "100,0 %", "100.0%"),
    (12.5, "minutes", "12,5", "12.5"),
    (m(7, 12), "minutes", "7,2", "7.2"),
    (1234, "int", "1.234", "1,234"),
    (1234.5, "minutes", "1.234,5", "1,234.5"),
    (2.75, "decimal", "2,8", "2.8"),
    (datetime(2026, 10, 30, 2, 5, tzinfo=UTC), "datetime", "30/10/2026 09:05", "30/10/2026 09:05"),
    (date(2026, 10, 5), "datetime", "05/10/2026", "05/10/2026"),
    ("Sở Tư pháp", "text", "Sở Tư pháp", "Sở Tư pháp"),
    ("chưa đo", "percent", "chưa đo", "chưa đo"),
])
def test_cell_text_in_both_languages(value, fmt, vi, en):
    assert cell_text(value, fmt) == vi  # Vietnamese is the default
    assert cell_text(value, fmt, "vi") == vi
    assert cell_text(value, fmt, "en") == en


def test_cell_text_refuses_unknown_languages():
    with pytest.raises(ValueError, match="language"):
        cell_text(1, "int", "fr")


def test_table_06a_columns_rows_total_in_vietnamese():
    t = table_06a(REPORT_06A)
    assert t.key == "06a"
    assert t.title == "Biểu II.06a — Tình hình giải quyết TTHC theo đơn vị"
    assert t.columns == (
        "Đơn vị", "Kỳ trước chuyển qua", "Trực tuyến", "Trực tiếp/bưu chính", "Tổng tiếp nhận", "Trước hạn",
        "Đúng hạn", "Quá hạn", "Tổng đã giải quyết", "Trong hạn", "Quá hạn (đang giải quyết)",
        "Tổng đang giải quyết", "Rút/dừng", "Tỷ lệ đúng hạn",
    )
    assert t.formats == ("text",) + ("int",) * 12 + ("percent",)
    assert t.rows[0] == ("Trung tâm Phục vụ hành chính công", 5, 20, 15, 40, 10, 7, 3, 20, 15, 4, 19, 1, 0.85)
    assert t.rows[1][-1] is None and t.rows[2][0] == "=1+1"
    assert t.total == ("Tổng cộng", 7, 24, 20, 51, 11, 7, 3, 21, 23, 5, 28, 2, pytest.approx(18 / 21))
    assert [cell_text(v, f) for v, f in zip(t.rows[0], t.formats)][-2:] == ["1", "85,0 %"]
    assert any("01/11/2026 00:00" in n for n in t.notes)  # as of, in Vietnam time
    assert any("INDICATORS.md" in n for n in t.notes)
    assert t.groups == (("", 1), ("Tiếp nhận", 4), ("Đã giải quyết", 4), ("Đang giải quyết", 3), ("", 1), ("", 1))


def test_tables_in_english():
    t = table_07a(REPORT_07A, "en")
    assert t.title == "Form II.07a — Administrative procedures handled, by field"
    assert t.columns[:5] == ("Field", "Carried over", "Online", "In person/post", "Total received")
    assert t.columns[-1] == "On-time rate" and t.total[0] == "Total"
    assert [g for g, _ in t.groups] == ["", "Received", "Resolved", "In progress", "", ""]
    assert table_06a(REPORT_06A, "en").columns[0] == "Unit"
    assert table_queue(QUEUE, "en").columns[:3] == ("Field", "Tickets issued", "Served")
    assert table_officers(OFFICERS, "en").columns[0] == "Officer"
    assert table_satisfaction(SATISFACTION, "en").columns == ("Rating", "Count", "Share")
    assert table_comments(SATISFACTION, "en").columns == ("Time", "Counter", "Officer", "Rating", "Reason")
    reform = table_reform(_reform(), "en")
    assert reform.rows[0][0] == "Share of dossiers handled online"
    assert reform.rows[-1][3] == "not measured"


def test_table_reform_actual_against_targets():
    t = table_reform(_reform())
    assert t.columns == ("Chỉ tiêu", "Tử số", "Mẫu số", "Thực tế", "Mục tiêu 2025", "Mục tiêu 2030", "Đánh giá")
    by_label = {row[0]: row for row in t.rows}
    online = by_label["Tỷ lệ hồ sơ giải quyết trực tuyến"]
    assert online[1:6] == (24, 44, pytest.approx(24 / 44), 0.5, 0.7)
    assert online[6] == "Đạt mục tiêu 2025"
    assert by_label["Tỷ lệ dịch vụ công trực tuyến sử dụng chữ ký số"][6] == "Chưa đạt mục tiêu 2025"
    assert by_label["Tỷ lệ hồ sơ giải quyết đúng và trước hạn"][4:] == (None, None, None)
    iso = by_label["ISO điện tử (quản lý chất lượng mọi bước)"]
    assert iso[1:4] == (None, None, "chưa đo")
    assert [cell_text(v, f) for v, f in zip(online, t.formats)][3:6] == ["54,5 %", "50,0 %", "70,0 %"]


def test_table_queue_officers_satisfaction_comments():
    q = table_queue(QUEUE)
    assert q.rows[0] == ("Hộ tịch", 120, 100, 8, 12, 12.5, 48.0, 0.85, 0.7, 7.0)
    assert q.rows[2][5:] == (None,) * 5
    assert q.total == ("Tổng cộng", 200, 160, 13, 27, 15.6, 75.0, 0.7, 0.8, 10.0)
    assert q.formats[5:] == ("minutes", "minutes", "percent", "minutes", "minutes")

    o = table_officers(OFFICERS)
    assert o.rows[0] == ("Nguyễn Thị Ấn", "an.nt", 90, 6, 12.0, 0.7, 7.2, 205.0, 35, 60, 2.75, 3)
    assert o.rows[1][10] is None
    assert o.total == ("Tổng cộng", None, 160, 13, None, None, None, 265.0, 51, 60, 2.75, 3)

    s = table_satisfaction(SATISFACTION)
    assert s.rows[0] == ("Rất hài lòng", 34, pytest.approx(34 / 60))
    assert s.rows[-1] == ("Trong đó hài lòng (Rất hài lòng, Hài lòng)", 51, 0.85)
    assert s.total == ("Tổng cộng", 60, 1.0)
    assert any("2 lượt đánh giá theo thang cũ" in n for n in s.notes)

    c = table_comments(SATISFACTION)
    assert c.formats == ("datetime", "int", "text", "text", "text")
    assert [cell_text(v, f) for v, f in zip(c.rows[0], c.formats)] == [
        "30/10/2026 09:05", "3", "Trần Văn Bình", "Không hài lòng", "Phải chờ quá lâu, không có ghế ngồi"]
    assert cell_text(c.rows[1][1], "int") == "—"


def test_report_table_checks_its_shape():
    with pytest.raises(ValueError, match="formats"):
        ReportTable("x", "X", ("a", "b"), (), ("text",))
    with pytest.raises(ValueError, match="row 0"):
        ReportTable("x", "X", ("a",), (("1", "2"),), ("text",))
    with pytest.raises(ValueError, match="unknown"):
        ReportTable("x", "X", ("a",), (), ("money",))


def test_period_tables_order():
    assert [t.key for t in period_tables(build_report())] == [
        "06a", "07a", "reform", "queue", "officers", "satisfaction", "comments"]


# --------------------------------------------------------------------------- XLSX

SHEETS = ["06a", "07a", "reform", "queue", "officers", "satisfaction", "comments"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "bao-cao.xlsx"
    out = write_tables_xlsx(period_tables(build_report()), path, site_name=SITE, period_label=PERIOD_LABEL)
    assert out == path and path.is_file()
    return path


def _header_row(ws, first: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=20):
        if row[0].value == first:
            return row[0].row
    raise AssertionError(f"no header row starting {first!r}")


def test_xlsx_sheets_titles_and_frozen_bold_heads(workbook):
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == SHEETS
    ws = wb["06a"]
    assert ws["A1"].value == SITE and ws["A1"].font.bold
    assert ws["A2"].value == "Biểu II.06a — Tình hình giải quyết TTHC theo đơn vị"
    assert ws["A3"].value == PERIOD_LABEL
    hr = _header_row(ws, "Đơn vị")
    assert tuple(c.value for c in ws[hr]) == table_06a(REPORT_06A).columns
    assert all(c.font.bold for c in ws[hr])
    assert ws.freeze_panes == f"B{hr + 1}"
    # the group row above the heads, merged over its columns
    assert ws.cell(hr - 1, 2).value == "Tiếp nhận" and ws.cell(hr - 1, 6).value == "Đã giải quyết"
    assert f"B{hr - 1}:E{hr - 1}" in {str(r) for r in ws.merged_cells.ranges}
    widths = {col: ws.column_dimensions[col].width for col in "ABN"}
    assert widths["A"] > widths["B"] >= 8 and widths["N"] >= 8


def test_xlsx_numbers_are_numbers_with_formats(workbook):
    ws = openpyxl.load_workbook(workbook)["06a"]
    hr = _header_row(ws, "Đơn vị")
    first = ws[hr + 1]
    assert [c.value for c in first] == ["Trung tâm Phục vụ hành chính công", 5, 20, 15, 40, 10, 7, 3, 20, 15, 4, 19,
                                        1, 0.85]
    assert all(type(c.value) is int and c.number_format == "#,##0" for c in first[1:13])
    assert first[13].data_type == "n" and first[13].number_format == "0.0%"
    assert ws.cell(hr + 2, 14).value is None  # no ratio: an empty cell, not 0 %
    total = ws[hr + 4]
    assert total[0].value == "Tổng cộng" and all(c.font.bold for c in total)
    assert [c.value for c in total[1:13]] == [7, 24, 20, 51, 11, 7, 3, 21, 23, 5, 28, 2]
    assert total[13].value == pytest.approx(18 / 21)
    assert ws.max_row == hr + 4

    q = openpyxl.load_workbook(workbook)["queue"]
    hr = _header_row(q, "Lĩnh vực")
    row = q[hr + 1]
    assert [c.value for c in row] == ["Hộ tịch", 120, 100, 8, 12, 12.5, 48.0, 0.85, 0.7, 7.0]
    assert [c.number_format for c in row[5:]] == ["0.0", "0.0", "0.0%", "0.0", "0.0"]
    assert [c.value for c in q[hr + 3][5:]] == [None] * 5
    assert q[hr + 4][0].value == "Tổng cộng" and q[hr + 4][0].font.bold

    o = openpyxl.load_workbook(workbook)["officers"]
    hr = _header_row(o, "Cán bộ")
    assert o.cell(hr + 1, 8).value == 205.0 and o.cell(hr + 1, 11).value == 2.75
    assert o.cell(hr + 1, 11).number_format == "0.0"


def test_xlsx_reform_satisfaction_and_comments(workbook):
    wb = openpyxl.load_workbook(workbook)
    r = wb["reform"]
    hr = _header_row(r, "Chỉ tiêu")
    iso = [c.value for c in r[hr + 6]]
    assert iso[:4] == ["ISO điện tử (quản lý chất lượng mọi bước)", None, None, "chưa đo"]
    assert r.cell(hr + 1, 5).value == 0.5 and r.cell(hr + 1, 5).number_format == "0.0%"

    s = wb["satisfaction"]
    hr = _header_row(s, "Mức đánh giá")
    assert [c.value for c in s[hr + 4]] == ["Trong đó hài lòng (Rất hài lòng, Hài lòng)", 51, 0.85]
    assert [c.value for c in s[hr + 5]] == ["Tổng cộng", 60, 1]

    c = wb["comments"]
    hr = _header_row(c, "Thời gian")
    first = c[hr + 1]
    assert first[0].value == datetime(2026, 10, 30, 9, 5)  # Vietnam time, naive for Excel
    assert first[0].is_date and first[0].number_format == "dd/mm/yyyy hh:mm"
    second = c[hr + 2]
    assert second[1].value is None
    assert second[4].value == "+84 cán bộ nhiệt tình, hướng dẫn rõ ràng" and second[4].data_type == "s"


def test_xlsx_formula_looking_text_stays_text(workbook):
    ws = openpyxl.load_workbook(workbook)["06a"]
    hr = _header_row(ws, "Đơn vị")
    cell = ws.cell(hr + 3, 1)
    assert cell.value == "=1+1" and cell.data_type == "s"
    with zipfile.ZipFile(workbook) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name), name


def test_xlsx_in_english_and_long_keys(tmp_path):
    tables = [table_06a(REPORT_06A, "en"),
              ReportTable("a/very:long*key?that[is]too-long-for-excel", "T", ("x",), (("=SUM(A1)",),), ("text",)),
              ReportTable("a/very:long*key?that[is]too-long-for-excel", "T", ("x",), ((None,),), ("text",))]
    wb = openpyxl.load_workbook(write_tables_xlsx(tables, tmp_path / "r.xlsx", site_name=SITE,
                                                  period_label="Period: 01/10/2026 – 31/10/2026"))
    assert wb.sheetnames[0] == "06a"
    assert all(len(n) <= 31 for n in wb.sheetnames) and len(set(wb.sheetnames)) == 3
    assert not any(ch in n for n in wb.sheetnames for ch in "[]:*?/\\")
    ws = wb["06a"]
    assert _header_row(ws, "Unit")
    odd = wb[wb.sheetnames[1]]
    assert odd.cell(_header_row(odd, "x") + 1, 1).data_type == "s"


# --------------------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def pdf_vi() -> bytes:
    return render_period_report_pdf(build_report())


def test_pdf_first_page(pdf_vi):
    pages = fd.pages_text(pdf_vi)
    n = len(pages)
    first = pages[0]
    assert "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ" in first
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH QUẢNG NAM" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Kỳ báo cáo: 01/10/2026 – 31/10/2026" in first
    assert "Lập lúc 08:30 ngày 01/11/2026" in first
    assert f"Trang 1/{n}" in first
    # key figures and the reform table
    assert "Tỷ lệ giải quyết đúng hạn 85,7 %" in first
    assert "Tỷ lệ hài lòng (số lượt đánh giá) 85,0 % (60)" in first
    assert "Chỉ tiêu cải cách hành chính" in first
    assert "ISO điện tử (quản lý chất lượng mọi bước) — — chưa đo" in first
    assert "54,5 % 50,0 % 70,0 % Đạt mục tiêu 2025" in first


def test_pdf_all_pages(pdf_vi):
    pages = fd.pages_text(pdf_vi)
    n = len(pages)
    assert 4 <= n <= 8
    for k, text in enumerate(pages, start=1):
        assert f"Trang {k}/{n}" in text
    text = " ".join(pages)
    # 06a: the centre's line, the unit with nothing resolved, the formula-looking label, the total
    assert "Biểu II.06a — Tình hình giải quyết TTHC theo đơn vị" in text
    assert "Trung tâm Phục vụ hành chính công 5 20 15 40 10 7 3 20 15 4 19 1 85,0 %" in text
    assert "Sở Tư pháp 2 3 5 10 0 0 0 0 8 1 9 1 —" in text
    assert "=1+1 0 1 0 1 1 0 0 1 0 0 0 0 100,0 %" in text
    assert "Tổng cộng 7 24 20 51 11 7 3 21 23 5 28 2 85,7 %" in text
    assert "Biểu II.07a — Tình hình giải quyết TTHC theo lĩnh vực" in text
    assert "Hộ tịch 3 10 12 25 8 5 2 15 6 3 9 1 86,7 %" in text
    # queue, officers, satisfaction, comments
    assert "Hộ tịch 120 100 8 12 12,5 48,0 85,0 % 0,7 7,0" in text
    assert "Bảo trợ xã hội 0 0 0 0 — — — — —" in text
    assert "Nguyễn Thị Ấn an.nt 90 6 12,0 0,7 7,2 205,0 35 60 2,8 3" in text
    assert "Trong đó hài lòng (Rất hài lòng, Hài lòng) 51 85,0 %" in text
    assert "Ngoài ra 2 lượt đánh giá theo thang cũ, không tính ở đây." in text
    assert "30/10/2026 09:05 3 Trần Văn Bình Không hài lòng Phải chờ quá lâu, không có ghế ngồi" in text
    # the four charts, their axes and the heat map's weekdays, then the definitions
    for title in ("Lượt đến theo giờ và số quầy phục vụ", "Phân bố thời gian chờ",
                  "Tỷ lệ giải quyết đúng hạn theo tuần", "Lượt đến theo lĩnh vực và thứ trong tuần"):
        assert title in text, title
    assert "T2 T3 T4 T5 T6 T7" in text and "45–60" in text and "26/10" in text
    assert "Định nghĩa các chỉ số" in text and "docs/INDICATORS.md" in text


def test_pdf_pages_are_a4_and_fonts_embedded(pdf_vi):
    sizes = fd.page_sizes(pdf_vi)
    portrait = [s for s in sizes if s == pytest.approx(A4, abs=1)]
    landscape = [s for s in sizes if s == pytest.approx(fd.A4_LANDSCAPE, abs=1)]
    assert len(portrait) + len(landscape) == len(sizes)
    assert sizes[0] == pytest.approx(A4, abs=1) and landscape  # 06a/07a on landscape pages
    pages = fd.pages_text(pdf_vi)
    for (w, h), text in zip(sizes, pages):
        if "Biểu II.06a" in text:
            assert w > h
    names = fd.embedded_font_names(pdf_vi)
    assert names and all("LiberationSerif" in n for n in names), names
    assert fd.ink_in_margins(pdf_vi, side_mm=9, top_mm=5, bottom_mm=3) == []


def test_pdf_metadata_and_charts_are_vector(pdf_vi):
    reader = PdfReader(io.BytesIO(pdf_vi))
    assert reader.metadata.title.startswith("Báo cáo tình hình tiếp nhận")
    for page in reader.pages:  # no raster images: the charts are drawn
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())


def test_pdf_in_english_written_to_a_path(tmp_path):
    out = write_period_report_pdf(build_report(), tmp_path / "sub" / "report-en.pdf", lang="en")
    assert out == tmp_path / "sub" / "report-en.pdf"
    pdf = out.read_bytes()
    pages = fd.pages_text(pdf)
    text = " ".join(pages)
    assert "REPORT ON DOSSIERS RECEIVED AND RESOLVED" in pages[0]
    assert "Period: 01/10/2026 – 31/10/2026" in pages[0]
    assert "Trang 1/" in pages[0]
    assert "Form II.06a — Administrative procedures handled, by unit" in text
    assert "Trung tâm Phục vụ hành chính công 5 20 15 40 10 7 3 20 15 4 19 1 85.0%" in text
    assert "Electronic ISO (quality management of every step) — — not measured" in text
    assert "Arrivals per hour and counters staffed" in text and "Mon Tue Wed Thu Fri Sat" in text
    assert all("LiberationSerif" in n for n in fd.embedded_font_names(pdf))


def test_pdf_of_an_empty_period():
    empty_counts = DossierCounts("", "Tổng cộng", 0, 0, 0, 0, 0, 0, 0, 0, 0)
    empty = build_report(
        report_06a=DossierReport("06a", PERIOD, AS_OF, (), empty_counts),
        report_07a=DossierReport("07a", PERIOD, AS_OF, (), empty_counts),
        queue=QueueReport(PERIOD, (), QueueLine("", "Tổng cộng", 0, 0, 0, 0, None, None, None, None, None)),
        officers=OfficerReport(PERIOD, ()),
        satisfaction=SatisfactionReport(PERIOD, ("Hài lòng", "Bình thường", "Không hài lòng"), (0, 0, 0), 0, 0, 0,
                                        ()),
        charts=ChartData((), (), (), ()),
    )
    pdf = render_period_report_pdf(empty)
    text = " ".join(fd.pages_text(pdf))
    assert "Không có số liệu trong kỳ" in text
    assert "(không có số liệu)" in text
    assert "Không có lượt đánh giá nào trong kỳ." in text
    assert all("LiberationSerif" in n for n in fd.embedded_font_names(pdf))


def test_pdf_refuses_naive_times_and_unknown_languages():
    with pytest.raises(ValueError, match="timezone-aware"):
        render_period_report_pdf(build_report(generated_at=datetime(2026, 11, 1, 8, 30)))
    with pytest.raises(ValueError, match="language"):
        render_period_report_pdf(build_report(), lang="fr")


def test_pdf_of_a_busy_year_flows_over_pages():
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    units = tuple(counts(f"U{i}", f"Phòng Tài nguyên và Môi trường số {i} — bộ phận một cửa liên thông", 1, 2, 3,
                         1, 1, 1, 1, 1, 1) for i in range(1, 61))
    fields = tuple(counts(f"F{i}", f"Lĩnh vực {i}", 1, 2, 3, 1, 1, 1, 1, 1, 1) for i in range(1, 31))
    total = counts("", "Tổng cộng", 60, 120, 180, 60, 60, 60, 60, 60, 60)
    comments = tuple(RatingComment(datetime(2026, 12, 30, 2, 5, tzinfo=UTC) - timedelta(hours=i), i % 9 + 1,
                                   "Lê Thị Hồng Nhung", 2, "Hài lòng", f"Ý kiến số {i}: " + "rất tốt " * (i % 7))
                     for i in range(150))
    charts = ChartData(
        arrivals_by_hour=tuple(HourPoint(h, 2.0 + h % 5, 1.0 + h % 3) for h in range(0, 24)),
        wait_histogram=CHARTS.wait_histogram,
        on_time_by_week=tuple(WeekPoint(date(2025, 12, 29) + timedelta(weeks=k), k % 6,
                                        None if k % 6 == 0 else 0.5 + (k % 5) / 10) for k in range(53)),
        heatmap=tuple(HeatCell(f"F{i}", wd, 9, i + wd) for i in range(1, 31) for wd in range(7)),
    )
    report = build_report(
        period=year,
        report_06a=DossierReport("06a", year, AS_OF, units, total),
        report_07a=DossierReport("07a", year, AS_OF, fields, total),
        satisfaction=SatisfactionReport(year, SATISFACTION.labels, SATISFACTION.counts, 60, 51, 0, comments),
        charts=charts,
    )
    pdf = render_period_report_pdf(report)
    pages = fd.pages_text(pdf)
    n = len(pages)
    assert n >= 7
    for k, text in enumerate(pages, start=1):
        assert f"Trang {k}/{n}" in text
    landscape = [text for (w, h), text in zip(fd.page_sizes(pdf), pages) if w > h]
    assert len(landscape) >= 3
    assert all("Tổng tiếp nhận" in text for text in landscape)  # the heads repeat on every page
    text = " ".join(pages)
    assert "Phòng Tài nguyên và Môi trường số 60" in text and "Ý kiến số 149" in text
    assert "16 lĩnh vực khác" in text and "CN" in text  # the heat map keeps 14 fields, Sunday shown
    assert all("LiberationSerif" in n for n in fd.embedded_font_names(pdf))
    assert fd.ink_in_margins(pdf, side_mm=9, top_mm=5, bottom_mm=3) == []
