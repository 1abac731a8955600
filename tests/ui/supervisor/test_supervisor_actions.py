"""The supervisor's actions, driven through their dialogs: the database changes, an audit row
is written, and a refusal is said in plain words without losing what was typed."""

from __future__ import annotations

import pytest
import shiboken6
import sqlalchemy as sa
from PySide6.QtCore import Qt

from counter_app.domain.errors import DomainError
from counter_app.services import accounts, queue, supervisor
from counter_app.store.models import AuditEntry, Ticket
from tests.ui.keyboard import type_text
from tests.ui.supervisor import scenario


def audit_rows(svc, action: str) -> list[AuditEntry]:
    with svc.reading() as s:
        return list(s.execute(sa.select(AuditEntry).where(AuditEntry.action == action)
                              .order_by(AuditEntry.id)).scalars())


def closed(dialog) -> bool:
    """The dialog is gone (it deletes itself when it closes)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def select_row(table, row: int) -> None:
    table.setCurrentIndex(table.model().index(row, 0))


def test_move_a_waiting_ticket_to_another_field(qtbot, console, centre, centre_svc, worker):
    now = console.now_view
    number = centre.waiting_numbers[scenario.HT][0]
    assert not now.move_button.isEnabled()  # nothing selected yet
    select_row(now.waiting_table, now.waiting_model.row_of(number))
    assert now.move_button.isEnabled()
    qtbot.mouseClick(now.move_button, Qt.MouseButton.LeftButton)
    dialog = now.move_dialog
    assert dialog is not None and dialog.isVisible()
    assert number in dialog.heading.text() and "Hộ tịch" in dialog.heading.text()
    assert dialog.to_field.findData(scenario.HT) == -1  # not to the field it is in
    dialog.to_field.setCurrentIndex(dialog.to_field.findData(scenario.CT))
    type_text(qtbot, "Công dân lấy nhầm lĩnh vực", dialog.reason)
    qtbot.mouseClick(dialog.primary, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5_000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5_000)

    with centre_svc.reading() as s:
        moved = s.execute(sa.select(Ticket).where(Ticket.number == number,
                                                  Ticket.business_day == scenario.TODAY)).scalar_one()
    assert moved.field_code == scenario.CT and moved.status == "waiting"
    entry = audit_rows(centre_svc, "queue.move")[-1]
    assert entry.actor_username == "giamsat"
    assert entry.details["number"] == number and entry.details["to_field"] == scenario.CT
    assert entry.details["reason"] == "Công dân lấy nhầm lĩnh vực"
    assert "Đã chuyển số " + number in now.banner.text
    qtbot.waitUntil(lambda: now.waiting_model.row(now.waiting_model.row_of(number)).field_code == scenario.CT,
                    timeout=3_000)


def test_a_ticket_called_meanwhile_is_not_moved_and_the_dialog_says_why(qtbot, console, centre, centre_svc, worker,
                                                                       boss):
    now = console.now_view
    number = centre.waiting_numbers[scenario.CT][0]
    select_row(now.waiting_table, now.waiting_model.row_of(number))
    dialog = now.open_move()
    dialog.to_field.setCurrentIndex(dialog.to_field.findData(scenario.HT))
    dialog.reason.setText("Chuyển giúp")
    # Meanwhile counter 4 opens again and calls it.
    officer4 = accounts.authenticate(centre_svc, "canbo4", centre.passwords["canbo4"], 4)
    queue.set_counter_state(centre_svc, officer4, "open")
    queue.set_counter_fields(centre_svc, boss, 4, [scenario.CT])  # the supervisor's call
    called = queue.call_next(centre_svc, officer4)
    assert called.number == number
    qtbot.mouseClick(dialog.primary, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: worker.idle, timeout=5_000)
    assert dialog.isVisible()  # nothing lost: the dialog stays, with what was typed
    assert dialog.reason.text() == "Chuyển giúp"
    assert number in dialog.error.message and dialog.error.isVisible()
    assert dialog.primary.isEnabled()
    dialog.reject()


def test_choose_the_fields_a_counter_serves(qtbot, console, centre_svc, worker):
    now = console.now_view
    row = now.counters_model.row_of(3)
    select_row(now.counters_table, row)
    qtbot.mouseClick(now.counter_fields_button, Qt.MouseButton.LeftButton)
    dialog = now.fields_dialog
    assert sorted(dialog.chosen()) == sorted([scenario.DD, scenario.XD])
    dialog.boxes[scenario.GT].setChecked(True)
    dialog.boxes[scenario.XD].setChecked(False)
    qtbot.mouseClick(dialog.primary, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5_000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5_000)

    status = queue.queue_status(centre_svc)
    fields = next(c.fields for c in status.counters if c.number == 3)
    assert sorted(fields) == sorted([scenario.DD, scenario.GT])
    entry = audit_rows(centre_svc, "queue.counter_fields")[-1]
    assert entry.actor_username == "giamsat" and entry.entity_id == "3"
    assert sorted(entry.details["fields"]) == sorted([scenario.DD, scenario.GT])
    qtbot.waitUntil(lambda: "Giao thông" in now.counters_model.data(
        now.counters_model.index(row, now.counters_model.FIELDS)), timeout=3_000)


def test_a_counter_cannot_be_left_without_fields(qtbot, console, worker):
    now = console.now_view
    select_row(now.counters_table, 0)
    dialog = now.open_counter_fields()
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.primary, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "ít nhất một lĩnh vực" in dialog.error.message
    assert worker.idle
    dialog.reject()


def test_broadcast_a_notice_to_the_display_board(qtbot, console, centre_svc, worker):
    now = console.now_view
    qtbot.mouseClick(now.notice_button, Qt.MouseButton.LeftButton)
    dialog = now.notice_dialog
    assert dialog.text.toPlainText() == scenario.NOTICE  # the notice now, to be edited
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.text.selectAll()
    type_text(qtbot, "Hệ thống xếp hàng tạm dừng   từ 11:00 đến 11:15.", dialog.text)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5_000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5_000)
    text = "Hệ thống xếp hàng tạm dừng từ 11:00 đến 11:15."
    assert queue.queue_status(centre_svc).notice == text
    assert audit_rows(centre_svc, "queue.display_notice")[-1].details["notice"] == text
    qtbot.waitUntil(lambda: now.notice_label.text() == text, timeout=3_000)
    assert text in now.banner.text


def test_a_notice_too_long_is_refused_before_sending(qtbot, console, centre_svc, worker):
    dialog = console.now_view.open_notice()
    dialog.text.setPlainText("x" * 501)
    assert "501 / 500" in dialog.count.text()
    dialog.submit()
    assert dialog.isVisible() and "tối đa 500" in dialog.error.message
    assert queue.queue_status(centre_svc).notice == scenario.NOTICE
    dialog.reject()


def test_the_usual_line_clears_the_notice(qtbot, console, centre_svc, worker):
    dialog = console.now_view.open_notice()
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5_000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5_000)
    assert queue.queue_status(centre_svc).notice == ""
    qtbot.waitUntil(lambda: "dòng mặc định" in console.now_view.notice_label.text(), timeout=3_000)


def test_an_officer_is_refused_by_the_services_even_with_the_console_open(qtbot, centre, centre_svc, worker,
                                                                          ui_language):
    """The role is checked by the services too: an officer's console says so in plain words."""
    from counter_app.ui.supervisor.app import build_supervisor_window

    officer = accounts.authenticate(centre_svc, "canbo1", centre.passwords["canbo1"], 1)
    window = build_supervisor_window(centre_svc, officer, worker=worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.now_view.banner.isVisible(), timeout=5_000)
    assert "không có quyền" in window.now_view.banner.text
    assert window.now_view.snapshot is None
    with pytest.raises(DomainError) as refused:
        supervisor.broadcast_notice(centre_svc, officer, "x")
    assert refused.value.code == "role_forbidden"
    window.close()
    qtbot.waitUntil(lambda: worker.idle, timeout=5_000)
