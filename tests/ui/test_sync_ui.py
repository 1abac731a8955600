"""The desk's sync line, the "action needed" list and the desk's sync worker, as the officer
sees them: real widgets on the real site database (SQLite), offscreen.

What the sync engine would write (its `sync_meta` "worker" record, rejections and their
issues) is written here with SQLAlchemy, as services/test_sync_status.py does.

Screenshots are always rendered; written to docs/screenshots/desk-sync-*.png when
COUNTER_APP_SCREENSHOTS is set ("1" or "docs").
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from counter_app.domain.status import DossierStatus as S
from counter_app.resources import resource_path
from counter_app.services import accounts, catalog, intake, sync_runner, sync_status
from counter_app.store.locks import WorkerLock
from counter_app.store.models import SyncIssue, SyncMeta, SyncOutbox
from counter_app.ui import i18n
from counter_app.ui.desk.sync_bar import SyncBar
from counter_app.ui.desk.sync_issues import SyncIssuesDialog
from counter_app.ui.models.dossier_list_model import DossierListModel
from counter_app.ui.models.sync_models import LEVEL_COLOURS, IssuesModel
from tests.helpers import intake_request, pick_procedure
from tests.ui.keyboard import type_text
from tests.ui.test_translations import PLACEHOLDER, VIETNAMESE_LETTERS, _lrelease, _messages

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
MODE = QAbstractItemModelTester.FailureReportingMode.Fatal
CATALOG = resource_path("translations") / "counter_app_sync_vi.ts"
CATALOG_SOURCES = [
    "src/counter_app/ui/desk/sync_bar.py",
    "src/counter_app/ui/desk/sync_issues.py",
    "src/counter_app/ui/desk/inbox.py",
    "src/counter_app/ui/models/sync_models.py",
]
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _no_sync_settings(monkeypatch, tmp_path):
    """This computer has no central system configured (unless a test says so)."""
    for name in ("COUNTER_APP_SYNC_URL", "COUNTER_APP_SYNC_TOKEN", "COUNTER_APP_SYNC_NODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COUNTER_APP_CONFIG", str(tmp_path / "no-config.toml"))


@pytest.fixture
def shots(tmp_path):
    target = SHOTS if os.environ.get("COUNTER_APP_SCREENSHOTS") in ("1", "docs") else tmp_path

    def save(widget, name: str) -> Path:
        path = target / f"desk-sync-{name}.png"
        QApplication.processEvents()  # pending layout requests first, as on screen
        image = widget.grab()
        assert not image.isNull() and image.width() > 200
        assert image.save(str(path))
        return path

    return save


# --- what the engine writes ---------------------------------------------------------------------


def set_meta(svc, **values: Any) -> None:
    record = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items()}
    with svc.transaction() as s:
        row = s.get(SyncMeta, "worker")
        if row is None:
            s.add(SyncMeta(key="worker", value=record, updated_at=svc.now()))
        else:
            row.value = record
            row.updated_at = svc.now()


def receive(svc, officer, **owner) -> Any:
    return intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=5), **owner))


def outbox_row(svc, entity_id: str) -> SyncOutbox:
    with svc.reading() as s:
        row = s.execute(sa.select(SyncOutbox).where(SyncOutbox.entity_id == entity_id)
                        .order_by(SyncOutbox.seq)).scalars().first()
        s.expunge(row)
        return row


def reject(svc, entity_id: str, *, message: str = "Hồ sơ đã được cơ quan giải quyết trả kết quả",
           reason_code: str = "transition_illegal", server_state: dict | None = None) -> uuid.UUID:
    """The engine's handling of a `rejected` result: the row rejected, an open issue."""
    row = outbox_row(svc, entity_id)
    with svc.transaction() as s:
        s.execute(sa.update(SyncOutbox).where(SyncOutbox.id == row.id).values(state="rejected", last_error=reason_code))
        issue = SyncIssue(kind="rejected", outbox_id=row.id, mutation_id=row.mutation_id, lane=row.lane, seq=row.seq,
                          entity_type=row.entity_type, entity_id=row.entity_id, operation=row.operation,
                          reason_code=reason_code, message=message, server_state=server_state or {}, state="open",
                          created_at=svc.now())
        s.add(issue)
        s.flush()
        return issue.id


def restore_issue(svc) -> uuid.UUID:
    with svc.transaction() as s:
        issue = SyncIssue(kind="central_restore", lane="case", reason_code="conflict",
                          message="Hệ thống trung tâm được khôi phục từ bản sao lưu",
                          server_state={"last_applied_seq": 12}, state="open", created_at=svc.now())
        s.add(issue)
        s.flush()
        return issue.id


def issue_row(svc, issue_id) -> SyncIssue:
    with svc.reading() as s:
        issue = s.get(SyncIssue, issue_id)
        s.expunge(issue)
        return issue


def ack_all(svc) -> None:
    with svc.transaction() as s:
        s.execute(sa.update(SyncOutbox).where(SyncOutbox.state == "pending").values(state="acked", acked_at=svc.now()))


class FakeRunner:
    """Stands in for services.sync_runner.SyncRunner."""

    def __init__(self, holds_lock: bool = True) -> None:
        self.holds_lock = holds_lock
        self.wakes = 0
        self.stopped = False

    def wake(self) -> bool:
        self.wakes += 1
        return self.holds_lock

    def stop(self, timeout: float = 5.0) -> bool:
        self.stopped = True
        return True


def wait_text(qtbot, bar: SyncBar, text: str, timeout: int = 5000) -> None:
    bar.refresh()
    qtbot.waitUntil(lambda: bar.text == text, timeout=timeout)


# --- the status line ---------------------------------------------------------------------------------


def test_the_status_line_follows_the_sync_state(qtbot, desk, svc, officer, clock, shots):
    bar = desk.sync_bar
    assert bar.isVisible() and bar.parentWidget() is not None
    qtbot.waitUntil(lambda: bar.status is not None, timeout=5000)
    assert bar.text == "Chưa cấu hình đồng bộ" and bar.level == "grey"
    assert bar.sync_button.text() == "Đồng bộ ngay (F11)"
    assert [desk.tabs.tabText(i) for i in range(desk.tabs.count())][-1] == "Chuyển xử lý"  # no inbox tab here

    # A worker has run on this database: the real state is shown.
    set_meta(svc, last_success_at=svc.now(), last_attempt_at=svc.now(), online=True)
    qtbot.waitUntil(lambda: bar.text == "Đã đồng bộ lúc 09:30", timeout=5000)  # the change feed, by itself
    assert bar.level == "ok" and LEVEL_COLOURS["ok"] in bar.dot.styleSheet()
    assert desk.tabs.tabText(desk.tabs.count() - 1) == "Hồ sơ trực tuyến"  # the site syncs: the inbox tab is there
    shots(desk.statusBar(), "status-synced")

    d = receive(svc, officer)
    wait_text(qtbot, bar, "Đã đồng bộ lúc 09:30 — 1 thay đổi chờ gửi")
    assert bar.level == "ok"

    set_meta(svc, last_success_at=svc.now(), last_attempt_at=svc.now(), online=True, progress_done=1,
             progress_total=3)
    wait_text(qtbot, bar, "Đang gửi 1/3")

    set_meta(svc, last_success_at=svc.now() - timedelta(minutes=20), last_attempt_at=svc.now(), online=False,
             last_error="Không kết nối được hệ thống trung tâm")
    clock.set(clock.now + timedelta(minutes=20))
    wait_text(qtbot, bar, "Mất kết nối — 1 thay đổi chờ gửi (cũ nhất 20 phút)")
    assert bar.level == "amber" and LEVEL_COLOURS["amber"] in bar.dot.styleSheet()
    assert "Lỗi gần nhất: Không kết nối được hệ thống trung tâm" in bar.text_label.toolTip()
    shots(desk.statusBar(), "status-offline")

    clock.set(clock.now + timedelta(hours=3))
    wait_text(qtbot, bar, "Mất kết nối — 1 thay đổi chờ gửi (cũ nhất 3 giờ)")
    assert bar.level == "red" and LEVEL_COLOURS["red"] in bar.dot.styleSheet()

    reject(svc, str(d.id))  # nothing waits any more, but a person must act: amber
    wait_text(qtbot, bar, "Cần xử lý (1)")
    assert bar.issues_button.isVisible() and bar.level == "amber"

    # English, switched while running.
    i18n.set_language("en")
    qtbot.waitUntil(lambda: bar.text == "Action needed (1)")
    assert bar.sync_button.text() == "Sync now (F11)"
    assert desk.sync_menu.title() == "S&ync"
    i18n.set_language("vi")
    qtbot.waitUntil(lambda: bar.text == "Cần xử lý (1)")
    shots(desk, "desk")


def test_clicking_action_needed_opens_the_list(qtbot, desk, svc, officer, worker, shots):
    d = receive(svc, officer)
    set_meta(svc, last_success_at=svc.now(), last_attempt_at=svc.now(), online=True)
    reject(svc, str(d.id), server_state={"status": 9, "due_at": "2026-12-03T10:00:00+00:00"})
    bar = desk.sync_bar
    bar.refresh()
    qtbot.waitUntil(bar.issues_button.isVisible, timeout=5000)
    assert bar.issues_button.text() == "Cần xử lý (1)"
    qtbot.mouseClick(bar.issues_button, LEFT)
    dialog = desk.sync_issues_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.model.rowCount() == 1 and worker.idle, timeout=5000)
    model = dialog.model
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert texts == ["dưới 1 phút", d.code, "Tiếp nhận hồ sơ", "Hồ sơ đã được cơ quan giải quyết trả kết quả",
                     "9 – Đã xử lý xong; hẹn trả 17:00 03/12/2026", "Cần xử lý"]
    assert "Gửi lại sau khi sửa" in dialog.hint.text()
    dialog.resize(1100, 520)
    shots(dialog, "issues")
    # Ctrl+Shift+X opens the same window.
    dialog.hide()
    desk.activateWindow()
    qtbot.waitUntil(desk.isActiveWindow)
    qtbot.keyClick(desk, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert desk.sync_issues_dialog is dialog and dialog.isVisible()


@pytest.fixture
def issues_dialog(qtbot, svc, officer, worker, preview_spy, ui_language):
    def make(actor=None) -> SyncIssuesDialog:
        dialog = SyncIssuesDialog(svc, actor or officer, worker, preview_opener=preview_spy)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: worker.idle and not dialog._loading, timeout=5000)
        return dialog

    return make


def _select(qtbot, dialog: SyncIssuesDialog, issue_id) -> None:
    assert dialog.select_issue(issue_id)
    assert dialog.current_issue().id == issue_id


def test_each_action_settles_or_marks_its_issue(qtbot, svc, officer, demo, worker, issues_dialog, shots):
    first = receive(svc, officer)
    second = receive(svc, officer, full_name="Trần Văn Bình", id_number="001201009876")
    third = receive(svc, officer, full_name="Lê Thị Cúc", id_number="001301055555")
    resubmit_id = reject(svc, str(first.id), message="Thiếu mã lĩnh vực")
    accept_id = reject(svc, str(second.id), server_state={"status": int(S.PROCESSING)},
                       message="Hồ sơ đã được chuyển xử lý trên hệ thống trung tâm")
    escalate_id = reject(svc, str(third.id), message="Không rõ nguyên nhân")
    dialog = issues_dialog()
    assert dialog.model.rowCount() == 3
    QAbstractItemModelTester(dialog.model, MODE)

    # Gửi lại sau khi sửa: asks first; confirmed, a new change waits to be sent and the line goes.
    _select(qtbot, dialog, resubmit_id)
    qtbot.mouseClick(dialog.resubmit_button, LEFT)
    assert dialog.confirm_box.isVisible() and first.code in dialog.confirm_text.text()
    type_text(qtbot, "Đã sửa mã lĩnh vực", dialog.note)
    shots(dialog, "resubmit-confirm")
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    qtbot.waitUntil(lambda: worker.idle and dialog.model.row_of(resubmit_id) is None, timeout=5000)
    assert issue_row(svc, resubmit_id).resolution == "resubmitted"
    assert dialog.banner.text.endswith(f"Hồ sơ {first.code}: thay đổi sẽ được gửi lại ở lần đồng bộ tới.")
    assert not dialog.confirm_box.isVisible()
    with svc.reading() as s:
        states = s.execute(sa.select(SyncOutbox.state).where(SyncOutbox.entity_id == str(first.id))
                           .order_by(SyncOutbox.seq)).scalars().all()
    assert states == ["rejected", "pending"]

    # Nhận trạng thái của hệ thống trung tâm: the dossier here follows the central.
    _select(qtbot, dialog, accept_id)
    qtbot.mouseClick(dialog.accept_button, LEFT)
    assert "4 – Đang xử lý" in dialog.confirm_text.text()
    assert not dialog.note.isVisible()
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    qtbot.waitUntil(lambda: worker.idle and dialog.model.row_of(accept_id) is None, timeout=5000)
    assert intake.get_dossier(svc, second.code).status is S.PROCESSING

    # Chuyển lãnh đạo: the note is required (said next to it, nothing recorded), then the line stays, marked.
    _select(qtbot, dialog, escalate_id)
    qtbot.mouseClick(dialog.escalate_button, LEFT)
    assert dialog.note_label.text() == "Ghi c&hú cho lãnh đạo (bắt buộc)"
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    assert dialog.note_error.message == "Hãy ghi chú cho lãnh đạo: sai ở đâu, bạn đã kiểm tra những gì."
    assert issue_row(svc, escalate_id).resolution == ""
    type_text(qtbot, "Cần lãnh đạo xem lại", dialog.note)
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    qtbot.waitUntil(lambda: worker.idle and issue_row(svc, escalate_id).resolution == "escalated", timeout=5000)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and not dialog._loading)
    row = dialog.model.row_of(escalate_id)
    assert dialog.model.index(row, IssuesModel.STATE).data() == "canbo1 đã chuyển lãnh đạo, chờ lãnh đạo xử lý"
    _select(qtbot, dialog, escalate_id)
    assert not dialog.resubmit_button.isEnabled() and not dialog.escalate_button.isEnabled()
    assert "chuyển lãnh đạo" in dialog.hint.text()


def test_a_restore_is_acknowledged_by_a_supervisor(qtbot, svc, officer, demo, worker, issues_dialog):
    issue_id = restore_issue(svc)
    dialog = issues_dialog()
    _select(qtbot, dialog, issue_id)
    assert dialog.acknowledge_button.isVisible() and not dialog.acknowledge_button.isEnabled()
    assert not dialog.resubmit_button.isVisible()
    assert dialog.model.index(0, IssuesModel.OPERATION).data() == "Hệ thống trung tâm đã được khôi phục từ bản sao lưu"
    assert dialog.model.index(0, IssuesModel.SERVER_STATE).data() == "đã nhận các thay đổi của quầy đến số 12"
    dialog.close()

    supervisor = accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)
    dialog = issues_dialog(supervisor)
    _select(qtbot, dialog, issue_id)
    assert dialog.acknowledge_button.isEnabled()
    qtbot.mouseClick(dialog.acknowledge_button, LEFT)
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    qtbot.waitUntil(lambda: worker.idle and dialog.model.rowCount() == 0, timeout=5000)
    assert issue_row(svc, issue_id).resolution == "acknowledged"
    assert dialog.empty_label.isVisible()


def test_an_issue_settled_elsewhere_is_said_in_plain_words(qtbot, svc, officer, worker, issues_dialog):
    d = receive(svc, officer)
    issue_id = reject(svc, str(d.id))
    dialog = issues_dialog()
    _select(qtbot, dialog, issue_id)
    qtbot.mouseClick(dialog.resubmit_button, LEFT)
    type_text(qtbot, "ghi chú của tôi", dialog.note)
    sync_status.accept_server_state(svc, officer, issue_id)  # another desk was quicker
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    qtbot.waitUntil(lambda: worker.idle and dialog.model.rowCount() == 0, timeout=5000)
    assert dialog.empty_label.text() == "Không có gì cần xử lý: hệ thống trung tâm đã chấp nhận mọi thay đổi."
    assert "đã được xử lý" in dialog.banner.text and dialog.banner.kind.name == "ERROR"


def test_double_click_opens_the_dossier(qtbot, svc, officer, worker, issues_dialog):
    set_meta(svc, last_success_at=svc.now(), last_attempt_at=svc.now(), online=True)  # the site syncs
    d = receive(svc, officer)
    reject(svc, str(d.id))
    dialog = issues_dialog()
    view = dialog.table
    rect = view.visualRect(dialog.model.index(0, IssuesModel.DOSSIER))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())  # a double-click starts with a press
    qtbot.mouseDClick(view.viewport(), LEFT, pos=rect.center())
    assert dialog.dossier_dialog is not None and dialog.dossier_dialog.code == d.code
    qtbot.waitUntil(lambda: worker.idle and dialog.dossier_dialog.info is not None, timeout=5000)
    badge = dialog.dossier_dialog.sync_badge
    assert badge.isVisibleTo(dialog.dossier_dialog) and badge.text() == "● Hệ thống trung tâm không chấp nhận: xem “Cần xử lý”"
    dialog.dossier_dialog.reject()


# --- badges ------------------------------------------------------------------------------------------


def test_search_results_and_the_dossier_show_their_badge(qtbot, desk, svc, officer, worker, shots):
    first = receive(svc, officer)
    second = receive(svc, officer, full_name="Trần Văn Bình", id_number="001201009876")
    ack_all(svc)  # the central system has those two
    waiting = receive(svc, officer, full_name="Lê Thị Cúc", id_number="001301055555")
    desk.show_tab(desk.search_view)
    view = desk.search_view
    qtbot.waitUntil(lambda: worker.idle and view.model.rowCount() == 3, timeout=5000)
    assert {view.model.badge(r) for r in range(3)} == {""}  # a site that does not sync shows no badges
    set_meta(svc, last_success_at=svc.now(), last_attempt_at=svc.now(), online=True)  # now it does
    view.search()
    qtbot.waitUntil(lambda: worker.idle and view.model.badge(0) != "", timeout=5000)
    badges = {view.model.item(r).code: view.model.badge(r) for r in range(3)}
    assert badges == {first.code: "synced", second.code: "synced", waiting.code: "pending"}
    row = view.model.row_of(waiting.code)
    index = view.model.index(row, DossierListModel.CODE)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Đang chờ gửi lên hệ thống trung tâm"
    QAbstractItemModelTester(view.model, MODE)
    desk.sync_bar.refresh()
    qtbot.waitUntil(lambda: desk.sync_bar.status.state == "synced", timeout=5000)
    shots(desk, "search-badges")
    dialog = view.open_dossier(waiting.code)
    qtbot.waitUntil(lambda: worker.idle and dialog.info is not None, timeout=5000)
    assert dialog.sync_badge.text() == "● Đang chờ gửi lên hệ thống trung tâm"
    shots(dialog, "dossier-badge")
    dialog.reject()


# --- "Đồng bộ ngay" and the desk's worker -------------------------------------------------------------


def test_sync_now_wakes_the_desks_worker(qtbot, desk, svc):
    runner = FakeRunner()
    desk.sync_bar.set_runner(runner)
    qtbot.mouseClick(desk.sync_bar.sync_button, LEFT)
    assert runner.wakes == 1 and desk.sync_bar.note == "Đang đồng bộ…"
    qtbot.keyClick(desk, Qt.Key.Key_F11)
    assert runner.wakes == 2

    desk.sync_bar.set_runner(FakeRunner(holds_lock=False))
    qtbot.mouseClick(desk.sync_bar.sync_button, LEFT)
    assert desk.sync_bar.note == "Máy khác đang đồng bộ cho bộ phận một cửa; máy đó sẽ gửi các thay đổi."

    desk.close()
    assert desk.sync_bar.stopped and desk.sync_bar.runner is None


class CountingEngine:
    """A SyncEngine stand-in: one "cycle" per wake, until stopped."""

    def __init__(self) -> None:
        self.cycles = 0

    def run(self, stop: threading.Event, wake: threading.Event) -> None:
        while not stop.is_set():
            wake.clear()
            self.cycles += 1
            wake.wait(30)


def test_the_runner_holds_the_lock_and_takes_over_when_freed(qtbot, svc):
    other = WorkerLock(svc.engine, "sync")
    assert other.acquire()  # another process of the site is the worker
    engine = CountingEngine()
    runner = sync_runner.SyncRunner(svc, config=object(), engine=engine, lock_retry=0.05, watch_outbox=False).start()
    try:
        assert runner.running and not runner.holds_lock
        assert runner.wake() is False and engine.cycles == 0
        other.release()
        qtbot.waitUntil(lambda: runner.holds_lock and engine.cycles == 1, timeout=5000)
        assert runner.wake() is True
        qtbot.waitUntil(lambda: engine.cycles == 2, timeout=5000)
        assert not WorkerLock(svc.engine, "sync").acquire()  # held by the runner now
    finally:
        assert runner.stop()
    assert not runner.holds_lock and not runner.running
    again = WorkerLock(svc.engine, "sync")
    assert again.acquire()  # freed on stop
    again.release()


def test_no_worker_without_a_central_system(svc, monkeypatch):
    assert sync_runner.start_worker(svc) is None
    assert sync_runner.sync_configured(svc) is False and sync_runner.site_syncs(svc) is False
    set_meta(svc, last_attempt_at=svc.now(), online=False)  # `counter-app sync` ran on this database
    assert sync_runner.site_syncs(svc) is True
    monkeypatch.setenv("COUNTER_APP_SYNC_URL", "http://127.0.0.1:9")
    assert sync_runner.sync_configured(svc) is True


def test_the_desk_launcher_starts_the_worker_after_sign_in(qtbot, svc, demo, worker, preview_spy, ui_language):
    from counter_app.ui.app import DeskLauncher

    launcher = DeskLauncher(svc, counter_number=1, worker=worker, preview_opener=preview_spy)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.login_dialog is not None, timeout=5000)
    launcher.login_dialog.authenticated.emit(accounts.authenticate(svc, "canbo1", demo["canbo1"][0], 1))
    window = launcher.window
    assert window is not None
    qtbot.waitUntil(lambda: worker.idle and window.sync_bar.status is not None, timeout=5000)
    assert window.sync_bar.runner is None and window.sync_bar.text == "Chưa cấu hình đồng bộ"
    window.close()
    assert window.sync_bar.stopped
    launcher.dispose()  # deletes the windows (not handed to qtbot for that reason)


# --- models and the catalog --------------------------------------------------------------------------


def test_the_issues_model_passes_the_model_tester(qapp, svc, officer, ui_language):
    d = receive(svc, officer)
    reject(svc, str(d.id), server_state={"status": 4, "due_at": "2026-12-03T10:00:00+00:00"})
    restore_issue(svc)
    model = IssuesModel()
    QAbstractItemModelTester(model, MODE)
    model.set_issues(sync_status.list_issues(svc))
    assert model.rowCount() == 2
    assert model.headerData(IssuesModel.REASON, Qt.Orientation.Horizontal) == "Lý do hệ thống trung tâm đưa ra"
    model.set_issues([])
    assert model.rowCount() == 0


def test_the_sync_catalog_is_complete_compiled_and_covers_its_sources(tmp_path, ui_language):
    messages = list(_messages(CATALOG))
    assert len(messages) > 100
    assert ET.parse(CATALOG).getroot().get("language") == "vi_VN"
    for context, source, kind, forms in messages:
        assert kind is None, f"{context}: “{source}” is {kind}"
        assert "%n" not in source, f"{context}: plurals need an English catalog too: {source}"
        for text in forms:
            assert text.strip(), f"{context}: “{source}” has no translation"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (context, source, text)
            assert source.count("&") == text.count("&"), f"keyboard accelerator lost: {context}: {text}"
            accelerator = re.search(r"&(.)", text)
            assert accelerator is None or accelerator.group(1).isascii(), f"type-able accelerator: {text}"
    long_texts = [forms[0] for _c, source, _k, forms in messages if len(source) > 12]
    without = [t for t in long_texts if not VIETNAMESE_LETTERS.search(t)]
    assert len(without) / len(long_texts) < 0.05, without
    ours = {c for c, *_ in messages}
    for other in resource_path("translations").glob("counter_app_*.ts"):
        if other != CATALOG:
            assert not ours & {c for c, *_ in _messages(other)}, other.name

    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "out.qm"
    subprocess.run([lrelease, "-silent", str(CATALOG), "-qm", str(out)], check=True)
    assert out.read_bytes() == CATALOG.with_suffix(".qm").read_bytes(), "run pyside6-lrelease on counter_app_sync_vi.ts"
    lupdate = Path(lrelease).with_name("pyside6-lupdate")
    if not lupdate.exists():
        return
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *CATALOG_SOURCES, "-source-language", "en", "-target-language", "vi_VN",
                    "-no-obsolete", "-locations", "none", "-silent", "-ts", str(fresh)], check=True, cwd=ROOT)
    wanted = {(c, s) for c, s, *_ in _messages(fresh)}
    shipped = {(c, s) for c, s, *_ in messages}
    assert wanted == shipped, (sorted(wanted - shipped), sorted(shipped - wanted))


# --- end to end: the desk's own worker against the reference central server ------------------------


def test_the_desk_syncs_with_the_central_system(qtbot, desk, svc, officer, worker, preview_spy, tmp_path, monkeypatch):
    """Signed in, the desk runs the site's worker: "Đồng bộ ngay" sends the dossier received
    here, brings the dossier submitted on the portal into the inbox and the province's catalog
    change into the intake form; the officer accepts the portal dossier and the central learns it."""
    from counter_app.sync.central.serve import CentralServer

    node = "000.00.06.H56"  # the demo site's agency code
    server = CentralServer(f"sqlite:///{tmp_path / 'central.sqlite3'}").start()
    try:
        server.store.load_catalog(None)
        token = server.store.add_node(node, "Trung tâm thử")
        monkeypatch.setenv("COUNTER_APP_SYNC_URL", server.url)
        monkeypatch.setenv("COUNTER_APP_SYNC_TOKEN", token)
        d = receive(svc, officer)
        online = server.store.publish_online_dossier(
            node, procedure_code=d.procedure_code,
            owner={"full_name": "Trần Văn Bình", "id_number": "001201009876", "id_kind": "cccd"})
        bar = desk.sync_bar
        desk.start_sync(sync_runner.start_worker)
        qtbot.waitUntil(lambda: bar.runner is not None and bar.runner.holds_lock, timeout=10_000)
        qtbot.mouseClick(bar.sync_button, LEFT)
        qtbot.waitUntil(lambda: bar.status is not None and bar.status.pending == 0
                        and bar.text == "Đã đồng bộ lúc 09:30", timeout=20_000)
        assert bar.level == "ok"
        assert server.store.dossier(d.code) is not None  # the central has the dossier received here
        qtbot.waitUntil(lambda: desk.inbox_view.model.row_of(online["code"]) is not None, timeout=10_000)
        assert desk.tabs.tabText(desk.tabs.indexOf(desk.inbox_view)) == "Hồ sơ trực tuyến (1)"

        # The officer checks the papers and accepts it: status 2 here, then at the central.
        qtbot.keyClick(desk, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
        view = desk.inbox_view
        qtbot.waitUntil(lambda: view.current_code() == online["code"])
        qtbot.mouseClick(view.check_all_button, LEFT)
        qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: intake.get_dossier(svc, online["code"]).status is S.RECEIVED, timeout=10_000)
        qtbot.waitUntil(lambda: len(preview_spy.calls) == 1 and preview_spy.calls[0].kind == "receipt", timeout=10_000)
        qtbot.mouseClick(bar.sync_button, LEFT)
        qtbot.waitUntil(lambda: server.store.dossier(online["code"])["status"] == 2, timeout=20_000)

        # The province retires a procedure: after the next cycle the intake form refuses it.
        retired = pick_procedure(svc, days=3)
        server.store.retire_procedure(retired.code)
        qtbot.mouseClick(bar.sync_button, LEFT)
        qtbot.waitUntil(lambda: catalog.get_procedure(svc, retired.code).retired, timeout=20_000)
        desk.show_tab(desk.intake_view)
        type_text(qtbot, retired.code, desk.intake_view.picker.edit)
        qtbot.keyClick(desk.intake_view.picker.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: desk.intake.procedure is not None and desk.intake.procedure.code == retired.code)
        assert desk.intake_view.picker.error.message.endswith("đã bãi bỏ, không tiếp nhận hồ sơ mới.")
        runner = bar.runner
        desk.close()
        assert not runner.holds_lock and not runner.running  # the lock is free for another desk
    finally:
        desk.sync_bar.stop()
        server.stop()
