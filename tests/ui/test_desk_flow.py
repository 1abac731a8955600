"""The officer's day through the real desk widgets, real services and a real SQLite file.

Everything is typed with the keyboard on whatever widget has the focus, as at the counter.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from counter_app.domain.dossier_code import format_dossier_code
from counter_app.domain.errors import DomainError
from counter_app.services import intake
from counter_app.ui.app import DeskLauncher
from tests.ui.keyboard import focused, press, tab, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
AGENCY = "000.00.06.H56"


def _wait_shown(qtbot, get):
    qtbot.waitUntil(lambda: get() is not None and get().isVisible(), timeout=10_000)
    widget = get()
    qtbot.addWidget(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def test_first_start_setup_then_sign_in_then_intake_all_by_keyboard(qtbot, svc, clock, worker, preview_spy, ui_language):
    launcher = DeskLauncher(svc, counter_number=2, worker=worker, preview_opener=preview_spy)
    launcher.start()

    # 1. First start on an empty database: the centre and its first administrator.
    setup = _wait_shown(qtbot, lambda: launcher.setup_dialog)
    assert focused() is setup.centre_name
    for text in (
        "Trung tâm Phục vụ hành chính công tỉnh Quảng Nam",
        "UBND TỈNH QUẢNG NAM",
        AGENCY,
        "Số 1 Trần Hưng Đạo, Tam Kỳ",
        "0235 3812 345",
        "Tam Kỳ",
    ):
        type_text(qtbot, text)
        tab(qtbot)
    assert focused() is setup.counters  # number of counters: 4 is right
    tab(qtbot)
    for text in ("quantri", "Trần Văn Quản", "mat-khau-2026", "mat-khau-2026"):
        type_text(qtbot, text)
        tab(qtbot)
    assert focused() is setup.create_button
    press(qtbot, Qt.Key.Key_Space)

    # 2. Sign in: the username is already there, the cursor waits in the password.
    login = _wait_shown(qtbot, lambda: launcher.login_dialog)
    assert login.username.text() == "quantri" and focused() is login.password
    assert login.counter.value() == 2
    type_text(qtbot, "mat-khau-2026")
    press(qtbot, Qt.Key.Key_Return)

    window = _wait_shown(qtbot, lambda: launcher.window)
    qtbot.waitUntil(lambda: window.site is not None)
    status = window.status_text()
    assert status == "Trung tâm Phục vụ hành chính công tỉnh Quảng Nam  |  Quầy 2  |  Cán bộ: Trần Văn Quản"

    # 3. Intake: the cursor is in the procedure search; Enter may come before the answer.
    view = window.intake_view
    assert focused() is view.picker.edit
    type_text(qtbot, "dang ky khai sinh")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.intake.procedure is not None, timeout=5000)
    assert window.intake.procedure.name == "Đăng ký khai sinh"
    assert view.documents_model.rowCount() > 0
    qtbot.waitUntil(lambda: view.due.text().startswith("Hẹn trả: "))

    assert focused() is view.owner.full_name
    type_text(qtbot, "Nguyễn Thị Ấn")
    tab(qtbot, 2)  # past the ID kind (CCCD)
    type_text(qtbot, "001190012345")
    tab(qtbot)
    type_text(qtbot, "05/09/1990")
    tab(qtbot)
    type_text(qtbot, "0912 345 678")
    tab(qtbot, 2)  # no e-mail
    type_text(qtbot, "12 Lê Lợi, phường Hải Châu, TP Đà Nẵng")
    received = view.documents_model.lines()
    press(qtbot, Qt.Key.Key_Return, CTRL)

    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: window.worker.idle)
    code = format_dossier_code(AGENCY, clock.now.date(), 1)
    assert code in view.banner.text

    dossier = intake.get_dossier(svc, code)
    assert dossier.owner.full_name == "Nguyễn Thị Ấn"
    assert dossier.owner.id_number == "001190012345"
    assert dossier.owner.phone == "0912345678"
    assert dossier.procedure_name == "Đăng ký khai sinh"
    assert dossier.counter_number == 2 and dossier.received_by == "Trần Văn Quản"
    assert dossier.documents == received

    printed = preview_spy.calls[0]
    archived = Path(printed.path)
    assert archived.is_file()
    assert hashlib.sha256(archived.read_bytes()).hexdigest() == printed.sha256 == dossier.receipt_sha256
    assert printed.pdf.startswith(b"%PDF")

    # Ready for the next citizen.
    assert view.picker.edit.text() == "" and view.owner.full_name.text() == ""
    assert view.documents_model.rowCount() == 0
    assert focused() is view.picker.edit


def test_wrong_id_number_is_explained_next_to_the_field_and_nothing_is_lost(qtbot, desk, svc, clock):
    view = desk.intake_view
    choose_procedure(qtbot, desk, "khai sinh")
    type_text(qtbot, "Lê Văn Bình")
    tab(qtbot, 2)
    type_text(qtbot, "00109001234")  # 11 digits
    tab(qtbot)
    type_text(qtbot, "05/09/1990")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.worker.idle)

    message = view.errors.message("owner.id_number")
    assert message == "Số định danh cá nhân phải gồm đúng 12 chữ số (đang có 11 chữ số)."
    assert view.owner._error_labels["id_number"].isVisible()
    assert "Chưa lưu" in view.banner.text
    assert focused() is view.owner.id_number
    # Everything typed is still there.
    assert view.owner.full_name.text() == "Lê Văn Bình"
    assert view.owner.id_number.text() == "00109001234"
    assert view.owner.birth_date.text() == "05/09/1990"
    assert desk.intake.procedure.name == "Đăng ký khai sinh"
    assert view.documents_model.rowCount() > 0
    with pytest.raises(DomainError):
        intake.get_dossier(svc, format_dossier_code(AGENCY, clock.now.date(), 1))

    # Corrected, the same form saves.
    view.owner.id_number.selectAll()
    type_text(qtbot, "001090012345")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.intake.last_code is not None, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)
    assert intake.get_dossier(svc, desk.intake.last_code).owner.full_name == "Lê Văn Bình"


def test_mistakes_show_when_leaving_the_field_before_saving(qtbot, desk):
    view = desk.intake_view
    choose_procedure(qtbot, desk, "khai sinh")
    tab(qtbot, 2)
    type_text(qtbot, "001090012345")
    tab(qtbot)
    type_text(qtbot, "05/09/1991")  # the ID number says born in 1990
    tab(qtbot)
    assert "năm sinh" in view.errors.message("owner.id_number")
    type_text(qtbot, "0123")
    tab(qtbot)
    assert view.errors.message("owner.phone").startswith("Số điện thoại")
    type_text(qtbot, "an@")
    tab(qtbot)
    assert view.errors.message("owner.email")
    assert "Chưa lưu" not in view.banner.text  # nothing was saved or refused yet


def test_unreadable_date_of_birth_is_explained_and_kept(qtbot, desk):
    view = desk.intake_view
    choose_procedure(qtbot, desk, "khai sinh")
    type_text(qtbot, "Phạm Thu")
    tab(qtbot, 2)
    type_text(qtbot, "001190012345")
    tab(qtbot)
    type_text(qtbot, "31/02/1990")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert "ngày/tháng/năm" in view.errors.message("owner.birth_date")
    assert view.owner.birth_date.text() == "31/02/1990"
    assert focused() is view.owner.birth_date


def test_retired_procedure_is_refused_at_the_picker(qtbot, desk, svc):
    from tests.helpers import pick_procedure

    retired = pick_procedure(svc, retired=True)
    view = desk.intake_view
    type_text(qtbot, retired.code)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.intake.procedure is not None)
    assert view.picker.error.message.endswith("đã bãi bỏ, không tiếp nhận hồ sơ mới.")
    assert view.documents_model.rowCount() == 0
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert "bãi bỏ" in view.errors.message("procedure")
    assert focused() is view.picker.edit


def test_search_without_accents_lists_the_procedure(qtbot, desk):
    picker = desk.intake_view.picker
    type_text(qtbot, "khai sinh")
    qtbot.waitUntil(lambda: picker.list.isVisible() and not picker.searching)
    names = [picker.results.procedure(r).name for r in range(picker.results.rowCount())]
    assert "Đăng ký khai sinh" in names
    # Down and Enter choose from the list without leaving the search box.
    row = names.index("Đăng ký khai sinh")
    for _ in range(row):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert desk.intake.procedure.name == "Đăng ký khai sinh"


def test_due_date_is_shown_live_in_vietnamese(qtbot, desk, svc):
    from tests.helpers import pick_procedure

    five_days = pick_procedure(svc, days=5)
    type_text(qtbot, five_days.code)
    press(qtbot, Qt.Key.Key_Return)
    view = desk.intake_view
    qtbot.waitUntil(lambda: view.due.text().startswith("Hẹn trả"))
    # Thursday 26/11/2026 09:30 + 5 working days (the day of receipt not counted).
    assert view.due.text() == "Hẹn trả: 09:30 thứ Năm 03/12/2026 (5 ngày làm việc)"


def test_shortcuts_and_escape_keep_what_was_typed(qtbot, desk):
    view = desk.intake_view
    choose_procedure(qtbot, desk, "khai sinh")
    type_text(qtbot, "Đỗ Minh Khoa")
    press(qtbot, Qt.Key.Key_Escape)
    assert view.owner.full_name.text() == "Đỗ Minh Khoa"
    press(qtbot, Qt.Key.Key_F6)
    assert focused() is view.picker.edit
    press(qtbot, Qt.Key.Key_Escape)
    assert view.picker.edit.text() == "Đăng ký khai sinh"
    view.owner.address.setFocus()
    press(qtbot, Qt.Key.Key_K, CTRL)
    assert focused() is view.picker.edit

    asked = []
    desk.intake.confirm_discard = lambda parent: asked.append(parent) or False
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert len(asked) == 1 and view.owner.full_name.text() == "Đỗ Minh Khoa"
    desk.intake.confirm_discard = lambda parent: True
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert view.owner.full_name.text() == "" and view.documents_model.rowCount() == 0
    assert focused() is view.picker.edit


def test_submitter_fields_appear_and_are_saved(qtbot, desk, svc):
    view = desk.intake_view
    choose_procedure(qtbot, desk, "khai sinh")
    type_text(qtbot, "Nguyễn Thị Ấn")
    tab(qtbot, 2)
    type_text(qtbot, "001190012345")
    view.submitter_differs.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert view.submitter_group.isVisible() and focused() is view.submitter.full_name
    type_text(qtbot, "Nguyễn Văn Ba")
    tab(qtbot, 2)
    type_text(qtbot, "001085012345")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.intake.last_code is not None, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)
    saved = intake.get_dossier(svc, desk.intake.last_code)
    assert saved.submitter is not None and saved.submitter.full_name == "Nguyễn Văn Ba"


def choose_procedure(qtbot, desk, query: str) -> None:
    desk.intake.focus_procedure()
    type_text(qtbot, query)
    qtbot.waitUntil(lambda: desk.intake_view.picker.list.isVisible() and not desk.intake_view.picker.searching)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.intake.procedure is not None)
    assert focused() is desk.intake_view.owner.full_name
