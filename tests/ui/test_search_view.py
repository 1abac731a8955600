"""The search screen and its table model, with a real SQLite site."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester

from counter_app.domain.status import DossierStatus as S
from counter_app.services import intake, lifecycle, search
from counter_app.store.models import AuditEntry
from counter_app.ui.desk.search_view import DEBOUNCE_MS, SearchView
from counter_app.ui.models.dossier_list_model import OVERDUE_COLOUR, DossierListModel
from tests.helpers import intake_request, pick_procedure
from tests.ui.keyboard import focused, press, type_text

OWNER_ID = "001301012345"
OWNER_PHONE = "0912345678"


@pytest.fixture
def dossiers(svc, officer):
    """Three dossiers: Nguyễn Thị Ấn's (received, and processing) and Trần Văn Bình's."""
    proc = pick_procedure(svc, days=5)
    first = intake.receive_dossier(svc, officer, intake_request(proc)).code
    second = intake.receive_dossier(svc, officer, intake_request(proc)).code
    lifecycle.transition(svc, officer, second, S.PROCESSING)
    other = intake.receive_dossier(
        svc, officer, intake_request(proc, full_name="Trần Văn Bình", id_number="001099000111", phone="0987654321")
    ).code
    return {"received": first, "processing": second, "other": other, "procedure": proc}


@pytest.fixture
def screen(qtbot, svc, officer, worker, preview_spy, ui_language, dossiers):
    view = SearchView(svc, officer, worker, preview_opener=preview_spy)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.waitUntil(lambda: worker.idle)
    return view


def cells(model) -> list[str]:
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    return [str(model.index(r, c).data(role) or "") for r in range(model.rowCount())
            for c in range(model.columnCount()) for role in roles]


def codes(view) -> set[str]:
    return {view.model.item(r).code for r in range(view.model.rowCount())}


def wait_search(qtbot, view, worker) -> None:
    qtbot.wait(DEBOUNCE_MS + 50)
    qtbot.waitUntil(lambda: worker.idle and not view._debounce.isActive(), timeout=10_000)


def test_newest_dossiers_are_listed_before_anything_is_typed(screen, dossiers):
    assert focused() is screen.query
    assert codes(screen) == {dossiers["received"], dossiers["processing"], dossiers["other"]}
    assert screen.model.item(0).code == dossiers["other"]  # newest first
    assert screen.result_count.text() == "Tìm thấy 3 hồ sơ"


def test_a_name_typed_without_accents_finds_the_dossier_with_masked_id_and_phone(qtbot, screen, worker, dossiers):
    view = screen
    type_text(qtbot, "nguyen thi an")  # searched after a short pause, no Enter needed
    wait_search(qtbot, view, worker)
    assert codes(view) == {dossiers["received"], dossiers["processing"]}
    model = view.model
    row = model.row_of(dossiers["received"])
    assert model.index(row, DossierListModel.OWNER).data() == "Nguyễn Thị Ấn"
    assert model.index(row, DossierListModel.ID_NUMBER).data() == "001******345"
    assert model.index(row, DossierListModel.PHONE).data() == "091****678"
    assert model.index(row, DossierListModel.STATUS).data() == "Được tiếp nhận"
    everything = " ".join(cells(model))
    assert OWNER_ID not in everything and OWNER_PHONE not in everything
    assert model.headerData(DossierListModel.ID_NUMBER, Qt.Orientation.Horizontal) == "Số định danh"
    assert view.result_count.text() == "Tìm thấy 2 hồ sơ"

    # By phone, by ID number, with Enter.
    view.query.selectAll()
    type_text(qtbot, "0987 654 321")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)
    assert codes(view) == {dossiers["other"]}


def test_filters_narrow_the_list(qtbot, screen, worker, svc, clock, dossiers):
    view = screen
    view.status.setCurrentIndex(view.status.findData("s4"))
    wait_search(qtbot, view, worker)
    assert codes(view) == {dossiers["processing"]}

    view.status.setCurrentIndex(view.status.findData("open"))
    wait_search(qtbot, view, worker)
    assert len(codes(view)) == 3
    view.status.setCurrentIndex(0)

    field = dossiers["procedure"].field_code
    qtbot.waitUntil(lambda: view.field.findData(field) > 0)
    view.field.setCurrentIndex(view.field.findData(field))
    wait_search(qtbot, view, worker)
    assert len(codes(view)) == 3
    view.field.setCurrentIndex(0)

    # Received on 26/11/2026: inside the period, then outside.
    view.received_from.setDate(QDate(2026, 11, 1))
    view.received_to.setDate(QDate(2026, 11, 30))
    view.received_between.setChecked(True)
    wait_search(qtbot, view, worker)
    assert view.filters().received_from == date(2026, 11, 1) and len(codes(view)) == 3
    view.received_to.setDate(QDate(2026, 11, 25))
    wait_search(qtbot, view, worker)
    assert codes(view) == set() and view.result_count.text() == "Không tìm thấy hồ sơ"
    view.received_between.setChecked(False)
    wait_search(qtbot, view, worker)

    # Nothing is overdue today; a month later the unfinished ones are, in red.
    view.overdue.setChecked(True)
    wait_search(qtbot, view, worker)
    assert codes(view) == set()
    clock.set(clock.now + timedelta(days=30))
    view.search()
    qtbot.waitUntil(lambda: worker.idle)
    assert len(codes(view)) == 3
    due = view.model.index(0, DossierListModel.DUE)
    assert due.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(OVERDUE_COLOUR)
    assert "Quá hạn" in due.data(Qt.ItemDataRole.ToolTipRole)
    view.overdue.setChecked(False)

    # Due today: the five working days from Thursday 26/11 end on Thursday 03/12.
    due_at = intake.get_dossier(svc, dossiers["other"]).due_at
    clock.set(due_at - timedelta(hours=2))
    view.due_today.setChecked(True)
    wait_search(qtbot, view, worker)
    assert len(codes(view)) == 3


def test_a_query_that_is_too_long_is_explained_under_the_box(qtbot, screen, worker):
    view = screen
    view.query.setText("x" * 250)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)
    assert view.query_error.message and "200" in view.query_error.message
    assert view.query.text() == "x" * 250  # nothing typed is lost


def test_opening_a_dossier_shows_the_full_record_and_is_audited(qtbot, screen, worker, svc, dossiers):
    view = screen
    type_text(qtbot, "tran van binh")
    wait_search(qtbot, view, worker)
    press(qtbot, Qt.Key.Key_Down)  # from the box into the list
    assert focused() is view.table and view.table.currentIndex().row() == 0
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.info is not None, timeout=10_000)
    dialog = view.dialog
    assert dialog.code == dossiers["other"]
    assert dialog.value_labels["owner.id_number"].text() == "001099000111"  # in full: an audited view
    assert dialog.value_labels["owner.phone"].text() == "0987654321"
    with svc.reading() as s:
        entries = list(s.execute(sa.select(AuditEntry).where(AuditEntry.action == "dossier.view")).scalars())
    assert len(entries) == 1 and entries[0].details["code"] == dossiers["other"]
    dialog.reject()
    qtbot.waitUntil(lambda: view.dialog is None)


def test_a_scanned_code_opens_its_dossier(qtbot, screen, worker, svc, dossiers):
    view = screen
    qtbot.keyClicks(focused(), dossiers["processing"])
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.info is not None, timeout=10_000)
    assert view.dialog.code == dossiers["processing"]
    assert view.dialog.status_badge.text() == "4 Đang xử lý"
    view.dialog.reject()


def test_the_list_model_passes_the_model_tester(qapp, svc, officer, dossiers, ui_language):
    model = DossierListModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_items(search.search_dossiers(svc, ""))
    assert model.rowCount() == 3 and model.columnCount() == DossierListModel.COLUMNS
    assert model.index(0, 0).data(DossierListModel.CODE_ROLE) == dossiers["other"]
    assert model.index(0, DossierListModel.DUE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(5, 0)) is None and model.item(7) is None
    model.retranslate()
    model.clear()
    assert model.rowCount() == 0
    del tester


PEOPLE = (
    ("Nguyễn Thị Ấn", "001301012345", "0912345678"),
    ("Trần Văn Bình", "001099000111", "0987654321"),
    ("Lê Thị Hồng Nhung", "048185004321", "0905123456"),
    ("Phạm Quốc Việt", "049090001234", "0935111222"),
    ("Hoàng Minh Tuấn", "001203009876", "0977888999"),
    ("Võ Thị Thu Hà", "049301005555", "0868123123"),
)


def fill_centre(svc, officer, clock) -> list[str]:
    """A fortnight of dossiers of several procedures, at several stages (for screenshots)."""
    from datetime import UTC, datetime

    from counter_app.services import catalog

    procedures = [p for p in catalog.list_procedures(svc, include_retired=False)][:8]
    start = clock.now
    received = []
    for day in range(12):
        clock.set(datetime(2026, 11, 9 + day, 2 + day % 5, 15, tzinfo=UTC))
        if clock.now.weekday() >= 5:
            continue
        name, id_number, phone = PEOPLE[day % len(PEOPLE)]
        proc = procedures[day % len(procedures)]
        received.append(intake.receive_dossier(
            svc, officer, intake_request(proc, full_name=name, id_number=id_number, phone=phone)).code)
    clock.set(start)
    for code in received[:3]:
        lifecycle.transition(svc, officer, code, S.PROCESSING)
    for code in received[3:5]:
        lifecycle.transition(svc, officer, code, S.RESULT_READY)
    lifecycle.transition(svc, officer, received[5], S.SUPPLEMENT_REQUESTED, reason="Thiếu giấy tờ",
                         missing=intake.get_dossier(svc, received[5]).documents[:1])
    return received


def test_screenshot_search(qtbot, svc, officer, worker, preview_spy, ui_language, clock, tmp_path):
    """docs/screenshots/search.png when COUNTER_APP_SCREENSHOTS=docs."""
    import os
    from pathlib import Path

    fill_centre(svc, officer, clock)
    view = SearchView(svc, officer, worker, preview_opener=preview_spy)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitUntil(lambda: worker.idle)
    view.status.setCurrentIndex(view.status.findData("open"))
    wait_search(qtbot, view, worker)
    assert view.model.rowCount() >= 4
    target = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("COUNTER_APP_SCREENSHOTS") != "docs":
        target = tmp_path
    target.mkdir(parents=True, exist_ok=True)
    image = view.grab()
    assert not image.isNull() and image.width() >= 1280
    assert image.save(str(target / "search.png"))
    assert (target / "search.png").stat().st_size < 200_000
