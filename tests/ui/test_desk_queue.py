"""The desk's queue panel through the real widgets, real queue services and a real SQLite file.

The officer works with the keys (F2 call next, F3 recall, F4 not present, F7 start, F8 done,
F9 transfer, Shift+F2 call a number out of turn, F12 pause) while the cursor stays in the
intake form; what the panel shows is checked against what the database says.
"""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import timedelta

import pytest
import shiboken6
import sqlalchemy as sa
from PySide6.QtCore import Qt

from counter_app.domain.errors import DomainError
from counter_app.domain.queue import TicketStatus
from counter_app.resources import resource_path
from counter_app.services import queue
from counter_app.services.context import Services
from counter_app.store.models import AuditEntry

from tests.helpers import KIOSK
from tests.ui.keyboard import focused, press, tab, type_text
from tests.ui.test_screenshots import DOCS
from tests.ui.test_translations import PLACEHOLDER, _lrelease, _messages

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def fields(svc, demo):
    """Field codes of the demo centre, in the kiosk's order (A, B, C, ...)."""
    return [f.code for f in queue.list_fields(svc)]


def settle(qtbot, desk) -> None:
    qtbot.waitUntil(lambda: desk.worker.idle, timeout=5000)


def key(qtbot, desk, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key wherever the cursor is (the intake form), then wait for the answer."""
    press(qtbot, k, modifier)
    settle(qtbot, desk)


def refreshed(qtbot, desk) -> None:
    desk.queue.refresh()
    settle(qtbot, desk)


def closed(dialog) -> bool:
    """The dialog went away (it deletes itself once closed)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def waiting_in(svc, code: str) -> int:
    return next(f.waiting for f in queue.list_fields(svc) if f.code == code)


def test_f2_calls_the_first_ticket_f3_recalls_f4_marks_not_present(qtbot, desk, svc, fields):
    first = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    second = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    refreshed(qtbot, desk)
    panel = desk.queue_panel
    assert panel.number.text() == "—"
    assert focused() is desk.intake_view.picker.edit  # the officer is in the intake form

    key(qtbot, desk, Qt.Key.Key_F2)
    assert panel.number.text() == first.number
    assert panel.field.text() == first.field_name == "Hộ tịch"
    assert panel.caption.text() == "Đang gọi"
    in_db = queue.current_ticket(svc, 1)
    assert in_db.number == first.number and in_db.status is TicketStatus.CALLED and in_db.counter_number == 1
    assert focused() is desk.intake_view.picker.edit  # the cursor did not move

    key(qtbot, desk, Qt.Key.Key_F3)
    assert queue.current_ticket(svc, 1).call_count == 2
    assert "lần 2" in panel.time.text()
    assert panel.message.text == f"Đã gọi lại số {first.number} (lần 2)."

    key(qtbot, desk, Qt.Key.Key_F4)
    assert queue.current_ticket(svc, 1) is None
    assert panel.number.text() == "—"
    assert panel.message.text.startswith(f"Số {first.number} được ghi vắng mặt.")

    key(qtbot, desk, Qt.Key.Key_F2)
    assert panel.number.text() == second.number
    assert queue.current_ticket(svc, 1).number == second.number


def test_the_keys_work_wherever_the_cursor_is(qtbot, desk, svc, fields):
    from tests.ui.test_desk_flow import choose_procedure

    first = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    choose_procedure(qtbot, desk, "khai sinh")
    type_text(qtbot, "Nguyễn Thị Ấn")
    desk.intake_view.documents.view.setFocus()  # F2 is also the table's "edit" key
    key(qtbot, desk, Qt.Key.Key_F2)
    assert queue.current_ticket(svc, 1).number == first.number
    assert desk.intake_view.owner.full_name.text() == "Nguyễn Thị Ấn"  # nothing typed is lost
    desk.intake_view.sets.setFocus()
    key(qtbot, desk, Qt.Key.Key_F8)
    assert queue.current_ticket(svc, 1) is None


def test_start_and_finish_serving(qtbot, desk, svc, fields, clock):
    ticket = queue.issue_ticket(svc, fields[1], actor=KIOSK)
    refreshed(qtbot, desk)
    key(qtbot, desk, Qt.Key.Key_F2)
    clock.set(clock.now + timedelta(minutes=2, seconds=5))
    key(qtbot, desk, Qt.Key.Key_F7)
    assert queue.current_ticket(svc, 1).status is TicketStatus.SERVING
    panel = desk.queue_panel
    assert panel.caption.text() == "Đang phục vụ"
    assert panel.time.text() == "Đã phục vụ 00:00 (từ 09:32)"
    assert not panel.recall_button.isEnabled() and not panel.start_button.isEnabled()
    clock.set(clock.now + timedelta(minutes=4, seconds=30))
    desk.queue._on_tick()
    assert panel.time.text() == "Đã phục vụ 04:30 (từ 09:32)"

    key(qtbot, desk, Qt.Key.Key_F8)
    assert queue.current_ticket(svc, 1) is None
    assert panel.message.text == f"Đã phục vụ xong số {ticket.number}. Bấm F2 để gọi số tiếp."


def test_buttons_show_their_keys_and_are_disabled_when_they_make_no_sense(qtbot, desk, svc, fields):
    panel = desk.queue_panel
    texts = [b.text() for b in panel.buttons()]
    assert texts == [
        "Gọi số tiếp (F2)", "Gọi lại (F3)", "Vắng mặt (F4)", "Bắt đầu phục vụ (F7)", "Hoàn thành (F8)",
        "Chuyển số… (F9)", "Gọi số cụ thể… (Shift+F2)", "Tạm dừng quầy (F12)",
    ]
    menu = [a.text() for a in desk.queue.menu.actions() if not a.isSeparator()]
    assert desk.queue.menu.title() == "Hàng &chờ" and len(menu) == 8

    # No ticket: nothing to recall, mark, start, finish or transfer.
    for button in (panel.recall_button, panel.no_show_button, panel.start_button, panel.finish_button,
                   panel.transfer_button):
        assert not button.isEnabled()
    assert panel.call_next_button.isEnabled() and panel.pause_button.isEnabled()
    key(qtbot, desk, Qt.Key.Key_F3)
    key(qtbot, desk, Qt.Key.Key_F4)
    key(qtbot, desk, Qt.Key.Key_F8)
    assert panel.message.text == ""  # disabled keys do nothing at all

    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    key(qtbot, desk, Qt.Key.Key_F2)
    for button in panel.buttons():
        assert button.isEnabled(), button.text()


def test_nobody_waiting_and_counter_busy_are_explained_in_the_panel(qtbot, desk, svc, fields):
    panel = desk.queue_panel
    key(qtbot, desk, Qt.Key.Key_F2)
    assert panel.message.text == "Không có ai đang chờ ở các lĩnh vực quầy này phục vụ."
    assert queue.current_ticket(svc, 1) is None

    first = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    key(qtbot, desk, Qt.Key.Key_F2)
    key(qtbot, desk, Qt.Key.Key_F2)  # still serving the first one
    assert panel.message.text == (
        f"Quầy 1 đang phục vụ số {first.number}; vui lòng kết thúc hoặc chuyển số này trước khi gọi số mới.")
    assert panel.number.text() == first.number
    assert waiting_in(svc, fields[0]) == 1


def test_transfer_to_another_field_keeps_the_number(qtbot, desk, svc, fields, officer):
    ticket = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    refreshed(qtbot, desk)
    key(qtbot, desk, Qt.Key.Key_F2)

    press(qtbot, Qt.Key.Key_F9)
    dialog = desk.queue.transfer_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == f"Chuyển số {ticket.number}"
    assert dialog.field_combo.findData(fields[0]) == -1  # not to the field it is already in
    dialog.field_combo.setCurrentIndex(dialog.field_combo.findData(fields[2]))
    type_text(qtbot, "Hồ sơ đất đai, không phải hộ tịch", dialog.reason)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle(qtbot, desk)

    assert desk.queue.transfer_dialog is None and closed(dialog)
    assert queue.current_ticket(svc, 1) is None
    assert waiting_in(svc, fields[0]) == 0 and waiting_in(svc, fields[2]) == 1
    assert desk.queue_panel.message.text == (
        f"Đã chuyển số {ticket.number} sang lĩnh vực Đất đai; công dân giữ nguyên số.")
    # Another counter calls it: the same number, now in the new field.
    at_two = replace(officer, counter_number=2)
    called = queue.call_next(svc, at_two)
    assert (called.number, called.field_code) == (ticket.number, fields[2])


def test_transfer_to_another_counter(qtbot, desk, svc, fields, officer):
    ticket = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    key(qtbot, desk, Qt.Key.Key_F2)
    press(qtbot, Qt.Key.Key_F9)
    dialog = desk.queue.transfer_dialog
    assert [dialog.counter_combo.itemText(i) for i in range(dialog.counter_combo.count())] == [
        "Quầy 2", "Quầy 3", "Quầy 4"]
    dialog.to_counter.setChecked(True)
    dialog.counter_combo.setCurrentIndex(dialog.counter_combo.findData(3))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert closed(dialog)
    assert queue.call_next(svc, replace(officer, counter_number=2)) is None  # meant for counter 3 only
    assert queue.call_next(svc, replace(officer, counter_number=3)).number == ticket.number


def test_call_a_number_out_of_turn_needs_a_reason(qtbot, desk, svc, fields):
    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    third = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    refreshed(qtbot, desk)

    press(qtbot, Qt.Key.Key_F2, SHIFT)
    dialog = desk.queue.call_specific_dialog
    assert dialog is not None and dialog.isVisible()
    type_text(qtbot, third.number.lower(), dialog.number)
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    settle(qtbot, desk)
    assert dialog.isVisible()
    assert dialog.error.message == "Ghi lý do gọi số này không theo thứ tự; lý do được lưu lại."
    assert queue.current_ticket(svc, 1) is None  # nobody was called

    type_text(qtbot, "Người khuyết tật, chưa lấy số ưu tiên", dialog.reason)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle(qtbot, desk)
    assert closed(dialog) and desk.queue.call_specific_dialog is None
    assert queue.current_ticket(svc, 1).number == third.number
    assert desk.queue_panel.number.text() == third.number
    with svc.reading() as s:
        entry = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "queue.call_specific")).scalar_one()
    assert entry.details["reason"] == "Người khuyết tật, chưa lấy số ưu tiên"


def test_call_out_of_turn_keeps_the_input_when_the_number_is_wrong(qtbot, desk, svc, fields):
    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    press(qtbot, Qt.Key.Key_F2, SHIFT)
    dialog = desk.queue.call_specific_dialog
    type_text(qtbot, "Z999", dialog.number)
    type_text(qtbot, "Theo yêu cầu của lãnh đạo", dialog.reason)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle(qtbot, desk)
    assert dialog.isVisible()
    assert dialog.error.message == "Không tìm thấy số thứ tự Z999 trong ngày hôm nay."
    assert dialog.reason.text() == "Theo yêu cầu của lãnh đạo" and dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    assert closed(dialog)
    assert queue.current_ticket(svc, 1) is None


def test_paused_counter_calls_nobody_and_says_so(qtbot, desk, svc, fields):
    ticket = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    panel = desk.queue_panel
    key(qtbot, desk, Qt.Key.Key_F12)
    counter = next(c for c in queue.queue_status(svc).counters if c.number == 1)
    assert counter.state == "paused"
    assert panel.state.text() == "Quầy đang tạm dừng: không gọi số đến quầy này. Bấm F12 để mở lại quầy."
    assert panel.pause_button.text() == "Mở lại quầy (F12)"

    key(qtbot, desk, Qt.Key.Key_F2)
    assert panel.message.text == DomainError("counter_paused", number=1).message("vi")
    assert queue.current_ticket(svc, 1) is None and waiting_in(svc, fields[0]) == 1

    key(qtbot, desk, Qt.Key.Key_F12)
    assert panel.state.text() == "Quầy đang mở"
    key(qtbot, desk, Qt.Key.Key_F2)
    assert queue.current_ticket(svc, 1).number == ticket.number


def test_waiting_counts_follow_a_kiosk_on_another_connection(qtbot, desk, svc, fields, clock, tmp_path):
    panel = desk.queue_panel
    model = panel.waiting_model
    assert model.total_waiting() == 0
    assert panel.total.text() == "Tổng số người đang chờ: 0"
    kiosk = Services(svc.database_url, archive_dir=tmp_path / "kiosk", clock=clock)
    try:
        queue.issue_ticket(kiosk, fields[1], actor=KIOSK)
        queue.issue_ticket(kiosk, fields[1], priority="elderly", actor=KIOSK)
        # No key pressed: the change feed tells the panel (the safety timer is 30 s away).
        qtbot.waitUntil(lambda: model.total_waiting() == 2, timeout=2000)
    finally:
        kiosk.close()
    row = next(r for r in range(model.rowCount()) if model.row(r).code == fields[1])
    assert model.index(row, model.WAITING).data() == "2 (1 ưu tiên)"
    assert model.index(row, model.LONGEST).data() == "dưới 1 phút"
    clock.set(clock.now + timedelta(minutes=12))
    desk.queue._on_tick()
    assert model.index(row, model.LONGEST).data() == "12 phút"
    settle(qtbot, desk)
    assert panel.total.text() == "Tổng số người đang chờ: 2"


def test_a_ticket_called_elsewhere_shows_up(qtbot, desk, svc, fields, officer):
    """Another program (the supervisor, a script) calls for counter 1: the panel follows."""
    ticket = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    queue.call_next(svc, officer)
    qtbot.waitUntil(lambda: desk.queue_panel.number.text() == ticket.number, timeout=2000)
    settle(qtbot, desk)


def test_officer_without_a_counter_sees_why_nothing_can_be_called(qtbot, svc, officer, worker, preview_spy,
                                                                  ui_language, fields):
    from counter_app.ui.app import build_desk_window

    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    admin = replace(officer, counter_number=None)
    window = build_desk_window(svc, admin, worker=worker, preview_opener=preview_spy,
                               confirm_discard=lambda parent: True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: worker.idle)
    panel = window.queue_panel
    assert panel.state.text().startswith("Bạn đăng nhập không gắn với quầy nào nên không gọi số được.")
    assert not any(b.isEnabled() for b in panel.buttons())
    assert not any(a.isEnabled() for a in window.queue.actions())
    assert panel.waiting_model.total_waiting() == 1  # still sees the queue
    window.queue.call_next()
    assert worker.idle


def test_language_switch_rewrites_the_panel(qtbot, desk, svc, fields):
    from counter_app.ui import i18n

    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    key(qtbot, desk, Qt.Key.Key_F2)
    i18n.set_language("en")
    panel = desk.queue_panel
    qtbot.waitUntil(lambda: panel.call_next_button.text() == "Call next (F2)")  # LanguageChange is posted
    assert panel.caption.text() == "Called"
    assert panel.state.text() == "Counter open"
    assert panel.message.text.startswith("Ticket A001 called to counter 1")
    assert desk.queue.menu.title() == "&Queue"
    i18n.set_language("vi")
    qtbot.waitUntil(lambda: panel.call_next_button.text() == "Gọi số tiếp (F2)")
    assert panel.caption.text() == "Đang gọi"


def test_waiting_model_is_a_well_behaved_model(qtmodeltester, qtbot, desk, svc, fields):
    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    refreshed(qtbot, desk)
    qtmodeltester.check(desk.queue_panel.waiting_model)


def test_screenshot_desk_with_a_called_ticket(qtbot, desk, svc, fields, clock, tmp_path):
    """docs/desk-intake.png and docs/desk-queue.png (written when COUNTER_APP_SCREENSHOTS=docs)."""
    from tests.ui.test_desk_flow import choose_procedure

    target = DOCS if os.environ.get("COUNTER_APP_SCREENSHOTS") == "docs" else tmp_path
    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    clock.set(clock.now + timedelta(minutes=2))
    queue.issue_ticket(svc, fields[0], priority="elderly", actor=KIOSK)
    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    queue.issue_ticket(svc, fields[1], actor=KIOSK)
    queue.issue_ticket(svc, fields[2], actor=KIOSK)
    clock.set(clock.now + timedelta(minutes=9))
    desk.resize(1280, 800)
    key(qtbot, desk, Qt.Key.Key_F2)  # the elderly citizen first (priority)
    clock.set(clock.now + timedelta(seconds=48))
    desk.queue._on_tick()

    choose_procedure(qtbot, desk, "khai sinh")
    type_text(qtbot, "Nguyễn Thị Ấn")
    tab(qtbot, 2)
    type_text(qtbot, "001190012345")
    tab(qtbot)
    type_text(qtbot, "05/09/1990")
    tab(qtbot)
    type_text(qtbot, "0912 345 678")
    tab(qtbot)
    type_text(qtbot, "an.nguyen@example.vn")
    tab(qtbot)
    type_text(qtbot, "12 Lê Lợi, phường Hải Châu, TP Đà Nẵng")
    qtbot.waitUntil(lambda: desk.intake_view.due.text().startswith("Hẹn trả"))
    settle(qtbot, desk)
    assert desk.queue_panel.priority.isVisible()
    image = desk.grab()
    assert image.width() >= 1280 and image.save(str(target / "desk-intake.png"))

    key(qtbot, desk, Qt.Key.Key_F7)
    clock.set(clock.now + timedelta(minutes=3, seconds=12))
    desk.queue._on_tick()
    key(qtbot, desk, Qt.Key.Key_F2)  # too early: the panel explains
    image = desk.grab()
    assert image.save(str(target / "desk-queue.png"))


def test_queue_translations_are_complete_and_compiled(tmp_path):
    ts = resource_path("translations") / "counter_app_queue_vi.ts"
    messages = list(_messages(ts))
    assert len(messages) > 40
    for context, source, kind, forms in messages:
        assert kind is None, f"{context}: “{source}” is {kind}"
        for text in forms:
            assert text.strip(), f"{context}: “{source}” has no translation"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (context, source, text)
            assert source.count("&") == text.count("&"), f"keyboard accelerator lost: {context}: {text}"
    # Accelerators of the Queue menu are all different.
    menu = [forms[0] for context, source, _k, forms in messages if context == "QueueController" and
            re.match(r"^[^%]*&\w", source) and source != "&Queue"]
    letters = [re.search(r"&(\w)", text).group(1).lower() for text in menu]
    assert len(set(letters)) == len(letters), menu
    assert ET.parse(ts).getroot().get("language") == "vi_VN"
    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "out.qm"
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(out)], check=True)
    assert out.read_bytes() == ts.with_suffix(".qm").read_bytes(), "counter_app_queue_vi.qm is stale"
