"""The report tabs: period picker, reports 06a / 07a with their drill-down, the reform targets,
satisfaction and officers, charts, the "?" definitions, and the two exports."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from counter_app.domain.indicators import Period
from counter_app.services import report_tables, reports
from counter_app.store.models import AuditEntry
from tests.ui.supervisor import scenario

MONTH = Period(date(2026, 11, 1), date(2026, 11, 26))


def show_indicators(qtbot, console, page: str = "06a"):
    console.tabs.setCurrentWidget(console.indicators_view)
    view = console.indicators_view
    view.show_page(page)
    qtbot.waitUntil(lambda: view.data is not None and view.period == console.period_bar.period(), timeout=15_000)
    return view


def cell(model, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def test_the_report_tabs_open_on_this_month_and_match_the_services(qtbot, console, centre_svc, boss):
    assert not console._bar_host.isVisible()  # no period on the live view
    view = show_indicators(qtbot, console)
    assert console._bar_host.isVisible()
    assert console.period_bar.period() == MONTH
    assert console.period_bar.start.date() == QDate(2026, 11, 1)
    expected = report_tables.table_06a(reports.report_06a(centre_svc, boss, MONTH), "vi")
    model = view.pages["06a"].model
    assert view.pages["06a"].title.text() == expected.title == "Biểu II.06a — Tình hình giải quyết TTHC theo đơn vị"
    assert model.rowCount() == len(expected.rows) + 1
    for row, line in enumerate((*expected.rows, expected.total)):
        assert [cell(model, row, c) for c in range(len(line))] == [
            report_tables.cell_text(v, f, "vi") for v, f in zip(line, expected.formats)]
    assert "Tổng tiếp nhận = đã giải quyết" in view.pages["06a"].notes.text()
    assert view.tabs.tabText(0) == "06a – theo đơn vị"


def test_quick_periods_and_a_reversed_period(qtbot, console):
    view = show_indicators(qtbot, console)
    bar = console.period_bar
    qtbot.mouseClick(bar.quick["last_month"], Qt.MouseButton.LeftButton)
    assert bar.period() == Period(date(2026, 10, 1), date(2026, 10, 31))
    qtbot.waitUntil(lambda: view.period == bar.period() and view.data is not None, timeout=15_000)
    assert bar.end.date() == QDate(2026, 10, 31)
    qtbot.mouseClick(bar.quick["this_quarter"], Qt.MouseButton.LeftButton)
    assert bar.period() == Period(date(2026, 10, 1), date(2026, 11, 26))
    qtbot.mouseClick(bar.quick["this_year"], Qt.MouseButton.LeftButton)
    assert bar.period() == Period(date(2026, 1, 1), date(2026, 11, 26))
    qtbot.waitUntil(lambda: view.period == bar.period(), timeout=15_000)

    bar.start.setDate(QDate(2026, 11, 20))
    bar.end.setDate(QDate(2026, 11, 10))
    qtbot.waitUntil(lambda: bar.error.isVisible(), timeout=3_000)
    assert "ngày bắt đầu 20/11/2026 sau ngày kết thúc 10/11/2026" in bar.error.message
    assert bar.period() == Period(date(2026, 1, 1), date(2026, 11, 26))  # the last valid one stays


def test_drill_down_lists_the_dossiers_behind_a_number(qtbot, console, centre, centre_svc, boss, worker,
                                                       preview_spy):
    view = show_indicators(qtbot, console, "07a")
    page = view.pages["07a"]
    model = page.model
    row = next(r for r in range(model.rowCount() - 1) if view.data["07a"].rows[r].key == scenario.HT)
    late_column = 7  # Đã giải quyết / Quá hạn
    assert model.table.columns[late_column] == "Quá hạn"
    page.table.setCurrentIndex(model.index(row, late_column))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = view.drill_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.panel._answered, timeout=10_000)
    codes = dialog.panel.codes()
    expected = [d.code for d in reports.drill_down(centre_svc, boss, MONTH, by="field", key=scenario.HT,
                                                   measure="resolved_late")]
    assert codes == expected
    assert centre.marked["late_ht"] in codes
    assert len(codes) == int(cell(model, row, late_column))
    assert "Hộ tịch" in dialog.heading.text() and "Quá hạn" in dialog.heading.text()
    # The ID numbers are masked in the list.
    assert all("*" in dialog.panel.model.item(r).owner_id_masked for r in range(len(codes)))

    # Enter opens the dossier (the audited full view).
    dialog.panel.table.selectRow(codes.index(centre.marked["late_ht"]))
    dialog.panel.open_current()
    dossier = dialog.panel.dialog
    assert dossier is not None and dossier.code == centre.marked["late_ht"]
    qtbot.waitUntil(lambda: dossier.view_data is not None, timeout=10_000)
    dossier.close()
    dialog.close()
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)


def test_drill_down_of_the_total_line(qtbot, console, centre, centre_svc, boss, worker):
    view = show_indicators(qtbot, console, "06a")
    model = view.pages["06a"].model
    total = model.rowCount() - 1
    dialog = view.drill_down("06a", total, 10)  # in progress, overdue — every unit
    qtbot.waitUntil(lambda: dialog.panel._answered, timeout=10_000)
    expected = [d.code for d in reports.drill_down(centre_svc, boss, MONTH, by="unit", key=None,
                                                   measure="in_progress_overdue")]
    assert dialog.panel.codes() == expected and centre.marked["overdue_gt"] in expected
    assert str(len(expected)) == cell(model, total, 10)
    assert view.drill_down("06a", total, 13) is None  # the on-time rate is not a count of dossiers
    dialog.close()
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)


def test_reform_targets_are_coloured(qtbot, console):
    view = show_indicators(qtbot, console, "reform")
    model = view.pages["reform"].model
    assert cell(model, 0, 0) == "Tỷ lệ hồ sơ giải quyết trực tuyến"
    brushes = [model.data(model.index(r, 4), Qt.ItemDataRole.BackgroundRole) for r in range(4)]
    assert len({b.color().name() for b in brushes if b is not None}) == 2  # some met, some not
    assert cell(model, 5, 3) == "chưa đo"


def test_satisfaction_and_officers(qtbot, console, centre_svc, boss):
    console.tabs.setCurrentWidget(console.people_view)
    view = console.people_view
    qtbot.waitUntil(lambda: view.data is not None, timeout=15_000)
    satisfaction = reports.satisfaction_report(centre_svc, boss, MONTH)
    share = report_tables.cell_text(satisfaction.satisfied_share, "percent", "vi")
    assert view.headline.text() == f"Hài lòng: {share} trên {satisfaction.total} lượt đánh giá"
    assert view.pages["satisfaction"].model.rowCount() == len(satisfaction.labels) + 2
    comments = view.pages["comments"].model
    assert comments.rowCount() == len(satisfaction.comments) > 0
    officers = view.pages["officers"].model
    names = [cell(officers, r, 0) for r in range(officers.rowCount())]
    assert names[:4] == ["Nguyễn Văn An", "Lê Thị Bình", "Phạm Minh Châu", "Võ Thị Dung"] and names[-1] == "Tổng cộng"
    assert console.excel_keys() == ("satisfaction", "comments", "officers")


def test_charts_are_drawn(qtbot, console, centre_svc, boss):
    console.tabs.setCurrentWidget(console.charts_view)
    view = console.charts_view
    qtbot.waitUntil(lambda: view.data is not None, timeout=15_000)
    data = reports.chart_data(centre_svc, boss, MONTH)
    assert set(view.charts) == {"arrivals", "wait", "on_time"}
    bars, line = view.charts["arrivals"].series()
    assert bars.barSets()[0].count() == len(data.arrivals_by_hour)
    assert line.count() == len(data.arrivals_by_hour)
    within, beyond = view.charts["wait"].series()[0].barSets()
    assert sum(within.at(i) + beyond.at(i) for i in range(within.count())) == sum(b.count for b in data.wait_histogram)
    assert beyond.at(0) == 0 and within.at(4) == 0  # 0–5 min within the 15-min target, 20–30 past it
    counts = view.heat_counts()
    assert sum(counts.values()) == sum(c.arrivals for c in data.heatmap)
    view.heat_field.setCurrentIndex(view.heat_field.findData(scenario.DD))
    assert sum(view.heat_counts().values()) == sum(c.arrivals for c in data.heatmap if c.field_code == scenario.DD)
    assert not console.period_bar.excel_button.isEnabled()  # charts go to the PDF
    assert console.period_bar.pdf_button.isEnabled()


def test_the_question_mark_shows_the_definition(qtbot, console):
    view = show_indicators(qtbot, console)
    help_button = view.pages["06a"].help
    qtbot.mouseClick(help_button, Qt.MouseButton.LeftButton)
    dialog = help_button.dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.text()
    assert "Kỳ trước chuyển qua" in text and "đúng hạn" in text
    assert "Nhấp đúp" in text
    dialog.close()
    now_help = console.now_view.fields_help
    dialog = now_help.show_definition()
    assert "80 %" in dialog.text() and "màu vàng" in dialog.text()
    dialog.close()


def audit_exports(svc) -> list[AuditEntry]:
    with svc.reading() as s:
        return list(s.execute(sa.select(AuditEntry).where(AuditEntry.action == "export.report")).scalars())


def test_export_the_current_table_to_excel(qtbot, console, save_answer, centre_svc, worker):
    show_indicators(qtbot, console, "07a")
    qtbot.mouseClick(console.period_bar.excel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.exported is not None, timeout=20_000)
    path, kind = console.exported
    caption, suggested, filters = save_answer.asked[-1]
    assert suggested.endswith("bao-cao-07a_2026-11-01_2026-11-26.xlsx") and "*.xlsx" in filters
    assert kind == "xlsx" and path.exists() and path.parent == save_answer.folder
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["07a"]
    sheet = workbook["07a"]
    assert sheet["A2"].value == "Biểu II.07a — Tình hình giải quyết TTHC theo lĩnh vực"
    assert sheet["A3"].value == MONTH.label()
    assert "Đã lưu vào" in console.export_banner.text
    assert audit_exports(centre_svc)[-1].details["tables"] == ["07a"]

    # The satisfaction tab exports its three tables in one workbook.
    console.tabs.setCurrentWidget(console.people_view)
    qtbot.waitUntil(lambda: console.people_view.data is not None, timeout=15_000)
    save_answer.answer = "hai-long"
    console.export_excel()
    qtbot.waitUntil(lambda: console.exported[0].name == "hai-long.xlsx", timeout=20_000)
    assert load_workbook(console.exported[0]).sheetnames == ["satisfaction", "comments", "officers"]
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)


def test_export_the_period_report_as_pdf(qtbot, console, save_answer, worker, centre_svc):
    console.tabs.setCurrentWidget(console.charts_view)
    qtbot.mouseClick(console.period_bar.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.exported is not None, timeout=60_000)
    path, kind = console.exported
    assert kind == "pdf" and path.name == "bao-cao-ky_2026-11-01_2026-11-26.pdf"
    assert path.read_bytes()[:5] == b"%PDF-"
    assert audit_exports(centre_svc)[-1].entity_id == "pdf"
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)


def test_cancelling_the_file_chooser_writes_nothing(qtbot, console, save_answer, worker):
    show_indicators(qtbot, console)
    save_answer.answer = ""
    console.export_excel()
    console.export_pdf()
    assert len(save_answer.asked) == 2
    assert console.exported is None and worker.idle
    assert list(save_answer.folder.iterdir()) == []


def test_an_export_that_cannot_be_written_says_so(qtbot, console, save_answer, worker):
    show_indicators(qtbot, console)
    (save_answer.folder / "taken.xlsx").mkdir()  # a folder where the file should go: cannot be written
    save_answer.answer = "taken.xlsx"
    console.export_excel()
    qtbot.waitUntil(lambda: worker.idle, timeout=20_000)
    assert console.exported is None
    assert "Xuất báo cáo không thành công" in console.export_banner.text
    assert console.period_bar.excel_button.isEnabled()  # try again with another folder
