"""The console's table models, checked by Qt's model tester, and what their cells say."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester

from counter_app.domain.indicators import Period
from counter_app.services import report_tables, reports, supervisor
from counter_app.ui.supervisor.indicators_view import reform_colours
from counter_app.ui.supervisor.models import (
    LEVEL_COLOURS,
    LEVEL_ROLE,
    MET_COLOURS,
    NOT_MET_COLOURS,
    VALUE_ROLE,
    AlertsModel,
    CountersNowModel,
    FieldsNowModel,
    ReportTableModel,
    WaitingNowModel,
    duration_text,
)
from counter_app.ui.supervisor.report_page import GroupedReportModel, column_heads

AT = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)
MODE = QAbstractItemModelTester.FailureReportingMode.Fatal
PERIOD = Period(date(2026, 11, 1), date(2026, 11, 26))


def field_now(code="ho_tich", name="Hộ tịch", waiting=3, longest=10, level="ok", **kw):
    values = dict(code=code, name=name, open=True, waiting=waiting, priority_waiting=1,
                  longest_wait=timedelta(minutes=longest), estimated_wait=timedelta(minutes=12), counters=(1, 2),
                  wait_target=timedelta(minutes=15), level=level, served_today=7,
                  avg_wait_today=timedelta(minutes=6))
    values.update(kw)
    return supervisor.FieldNow(**values)


def counter_now(number=1, state="serving", spent=5, level="ok", fields=("ho_tich",)):
    serving = state == "serving"
    return supervisor.CounterNow(
        number=number, name=f"Quầy {number}", state=state, officer_name="Nguyễn Văn An",
        ticket_number="A001" if serving else "", field_code="ho_tich" if serving else "",
        since=AT - timedelta(minutes=spent) if serving else None,
        in_service_for=timedelta(minutes=spent) if serving else None,
        service_target=timedelta(minutes=20) if serving else None, level=level, fields=fields, served_today=4)


def background(model, row: int, column: int = 0) -> QColor | None:
    brush = model.data(model.index(row, column), Qt.ItemDataRole.BackgroundRole)
    return brush.color() if brush is not None else None


def test_fields_model_passes_the_tester_and_colours_rows_by_level(qapp, ui_language):
    model = FieldsNowModel()
    QAbstractItemModelTester(model, MODE)
    model.set_fields([field_now(), field_now("dat_dai", "Đất đai", longest=13, level="warning"),
                      field_now("chung_thuc", "Chứng thực", waiting=0, longest=0),
                      field_now("cong_thuong", "Công thương", longest=16, level="late", open=False)], AT)
    assert model.rowCount() == 4 and model.columnCount() == 8
    assert background(model, 0) is None
    assert background(model, 1) == QColor(LEVEL_COLOURS["warning"][0])
    assert background(model, 3, FieldsNowModel.SERVED) == QColor(LEVEL_COLOURS["late"][0])
    assert model.data(model.index(3, 0), LEVEL_ROLE) == "late"
    assert model.data(model.index(0, FieldsNowModel.LONGEST)) == "10 phút"
    assert model.data(model.index(2, FieldsNowModel.LONGEST)) == "—"
    assert model.data(model.index(2, FieldsNowModel.ESTIMATED)) == "—"  # nobody waiting
    assert model.data(model.index(0, FieldsNowModel.COUNTERS)) == "1, 2"
    assert "ngừng" in model.data(model.index(3, 0))  # the kiosk does not issue this field
    assert "15 phút" in model.data(model.index(3, 1), Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Lĩnh vực"

    # One second ticks move the waits on: 10 min + 2 min 30 s = 12 min 30 s, amber.
    assert model.tick(AT + timedelta(minutes=2, seconds=30)) is True
    assert model.level("ho_tich") == "warning"
    assert model.level("chung_thuc") == "ok"  # nobody waiting: stays as it is
    assert model.tick(AT + timedelta(minutes=2, seconds=31)) is False  # nothing changed colour
    assert model.tick(AT + timedelta(minutes=5, seconds=1)) is True
    assert model.level("ho_tich") == "late"


def test_counters_model_passes_the_tester_and_shows_the_service_time(qapp, ui_language):
    model = CountersNowModel()
    QAbstractItemModelTester(model, MODE)
    names = {"ho_tich": "Hộ tịch", "dat_dai": "Đất đai"}
    model.set_counters([counter_now(1, spent=5), counter_now(2, spent=21, level="late"),
                        counter_now(3, state="paused", fields=("ho_tich", "dat_dai"))], AT, names)
    assert model.data(model.index(0, CountersNowModel.STATE)) == "Đang phục vụ"
    assert model.data(model.index(2, CountersNowModel.STATE)) == "Tạm nghỉ"
    assert model.data(model.index(1, CountersNowModel.FOR)) == "21 phút"
    assert model.data(model.index(2, CountersNowModel.FOR)) == "—"
    assert model.data(model.index(2, CountersNowModel.FIELDS)) == "Tất cả lĩnh vực (2)"
    assert model.data(model.index(0, CountersNowModel.FIELDS)) == "Hộ tịch"
    assert background(model, 1) == QColor(LEVEL_COLOURS["late"][0])
    assert model.tick(AT + timedelta(minutes=11)) is True  # 16 minutes: amber
    assert model.row(0).level == "warning"
    assert model.row(2).level == "ok"


def test_waiting_and_alerts_models_pass_the_tester(qapp, ui_language):
    waiting = WaitingNowModel()
    QAbstractItemModelTester(waiting, MODE)
    line = supervisor.WaitingLine(id=None, number="A007", field_code="ho_tich", priority="elderly",
                                  queued_at=AT - timedelta(minutes=14), wait=timedelta(minutes=14), level="warning")
    waiting.set_priority_labels({"elderly": "Người cao tuổi"})
    waiting.set_waiting([line], AT, {"ho_tich": "Hộ tịch"}, {"ho_tich": timedelta(minutes=15)})
    assert [waiting.data(waiting.index(0, c)) for c in range(5)] == ["A007", "Hộ tịch", "Người cao tuổi", "09:16",
                                                                    "14 phút"]
    assert waiting.tick(AT + timedelta(minutes=2)) is True
    assert waiting.row(0).level == "late"

    alerts = AlertsModel()
    QAbstractItemModelTester(alerts, MODE)
    alerts.set_alerts([supervisor.Alert("wait", "late", "ho_tich", "Lĩnh vực Hộ tịch: chờ lâu", "Hộ tịch: long wait"),
                       supervisor.Alert("uncollected", "warning", "", "4 kết quả chưa nhận", "4 not collected")])
    assert alerts.data(alerts.index(0, 0)) == "Khẩn"
    assert alerts.data(alerts.index(1, 0)) == "Cảnh báo"
    assert alerts.messages() == ["Lĩnh vực Hộ tịch: chờ lâu", "4 kết quả chưa nhận"]
    assert background(alerts, 1, 1) == QColor(LEVEL_COLOURS["warning"][0])


def test_report_table_model_passes_the_tester_over_every_table_of_the_period(qapp, ui_language, centre_svc, boss):
    report = reports.period_report(centre_svc, boss, PERIOD)
    tables = report_tables.period_tables(report, "vi")
    assert [t.key for t in tables] == ["06a", "07a", "reform", "queue", "officers", "satisfaction", "comments"]
    model = GroupedReportModel()
    QAbstractItemModelTester(model, MODE)
    for table in tables:
        model.set_table(table)
        rows = len(table.rows) + (table.total is not None)
        assert model.rowCount() == rows and model.columnCount() == len(table.columns)
        for column, fmt in enumerate(table.formats):
            for row in range(rows):
                assert model.data(model.index(row, column)) == report_tables.cell_text(
                    model.data(model.index(row, column), VALUE_ROLE), fmt, "vi")
        if table.total is not None:
            last = rows - 1
            assert model.is_total(last)
            assert model.data(model.index(last, 0)) == "Tổng cộng"
            assert model.data(model.index(last, 0), Qt.ItemDataRole.FontRole).bold()
    model.set_table(None)
    assert model.rowCount() == 0 and model.columnCount() == 0


def test_report_06a_heads_carry_their_group_and_numbers_are_right_aligned(qapp, ui_language, centre_svc, boss):
    table = report_tables.table_06a(reports.report_06a(centre_svc, boss, PERIOD), "vi")
    heads = column_heads(table)
    assert heads[0] == "Đơn vị"
    assert heads[5].splitlines() == ["Đã giải quyết", "Trước hạn"]
    assert heads[13].splitlines()[0] == "Tỷ lệ đúng"  # wrapped, no group
    model = GroupedReportModel()
    model.set_table(table)
    assert model.headerData(5, Qt.Orientation.Horizontal) == heads[5]
    align = Qt.AlignmentFlag(model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole))
    assert align & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None
    # the on-time rate as on paper: "79,5 %"
    last = model.rowCount() - 1
    assert model.data(model.index(last, 13)).endswith(" %")


def test_reform_targets_met_are_green_and_not_met_red(qapp, ui_language):
    lines = (
        reports.ReformLine("online_share", "", 30, 100, 0.30, 0.50, 0.70, True),
        reports.ReformLine("portal_share", "", 80, 100, 0.80, 0.70, 1.00, True),
        reports.ReformLine("on_time_rate", "", 8, 10, 0.8, None, None, True),
        reports.ReformLine("electronic_iso", "", 0, 0, None, None, None, False),
    )
    model = ReportTableModel()
    QAbstractItemModelTester(model, MODE)
    model.set_table(report_tables.table_reform(lines, "vi"), reform_colours(lines))
    assert background(model, 0, 4) == QColor(NOT_MET_COLOURS[0])   # 30 % < 50 %
    assert background(model, 1, 4) == QColor(MET_COLOURS[0])       # 80 % >= 70 %
    assert background(model, 1, 5) == QColor(NOT_MET_COLOURS[0])   # 80 % < 100 %
    assert background(model, 1, 3) == QColor(MET_COLOURS[0])
    assert background(model, 2, 4) is None                         # no target
    assert background(model, 3, 3) is None                         # not measured
    assert model.data(model.index(3, 3)) == "chưa đo"


@pytest.mark.parametrize(("minutes", "text"), [(0.5, "dưới 1 phút"), (7, "7 phút"), (65, "1 giờ 05 phút")])
def test_durations_are_said_in_minutes(qapp, ui_language, minutes, text):
    assert duration_text(timedelta(minutes=minutes)) == text
    assert duration_text(None) == "—"
