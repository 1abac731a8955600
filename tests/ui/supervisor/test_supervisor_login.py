"""Signing in to the console: no counter asked; an officer is refused in plain words and the
sign-in stays open; a supervisor or an administrator gets the console."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.keyboard import press, type_text


@pytest.fixture
def launcher(qtbot, centre_svc, worker, save_answer, preview_spy, ui_language):
    from counter_app.ui.supervisor.app import SupervisorLauncher

    launcher = SupervisorLauncher(centre_svc, worker=worker, save_file_name=save_answer, preview_opener=preview_spy)
    finished: list[int] = []
    launcher.finished.connect(finished.append)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.login_dialog is not None and launcher.login_dialog.isVisible(), timeout=10_000)
    dialog = launcher.login_dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    launcher.finished_codes = finished
    yield launcher
    if launcher.window is not None:
        launcher.window.close()
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)
    launcher.dispose()


def sign_in(qtbot, dialog, username: str, password: str) -> None:
    dialog.username.clear()
    dialog.username.setFocus()
    type_text(qtbot, username)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, password)
    press(qtbot, Qt.Key.Key_Return)


def test_the_sign_in_asks_no_counter(launcher):
    dialog = launcher.login_dialog
    assert dialog.windowTitle() == "Đăng nhập — bảng điều hành giám sát"
    assert dialog.heading.text() == "Đăng nhập bảng điều hành giám sát"
    assert not dialog.counter.isVisible() and not dialog.counter_label.isVisible()
    assert dialog.username.isVisible() and dialog.password.isVisible()


def test_an_officer_is_refused_and_the_sign_in_stays_open(qtbot, launcher, centre, worker):
    dialog = launcher.login_dialog
    sign_in(qtbot, dialog, "canbo1", centre.passwords["canbo1"])
    qtbot.waitUntil(lambda: dialog.refused, timeout=10_000)
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)
    assert dialog.isVisible() and launcher.window is None
    text = dialog.message.message
    assert "canbo1" in text and "không mở được bảng điều hành giám sát" in text, text
    assert "giám sát hoặc quản trị" in text
    assert dialog.password.text() == "" and dialog.username.text() == "canbo1"
    assert dialog.sign_in_button.isEnabled()
    assert launcher.finished_codes == []

    # The right account then opens the console, from the same dialog.
    sign_in(qtbot, dialog, "giamsat", centre.passwords["giamsat"])
    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window.isVisible(), timeout=10_000)
    window = launcher.window
    assert window.actor.username == "giamsat" and window.actor.counter_number is None
    qtbot.waitUntil(lambda: window.now_view.snapshot is not None, timeout=10_000)
    assert window.tabs.tabText(0) == "Hiện tại"
    qtbot.waitUntil(lambda: "Trần Thị Giám Sát" in window.status_label.text(), timeout=5_000)


def test_a_wrong_password_says_so(qtbot, launcher, worker):
    dialog = launcher.login_dialog
    sign_in(qtbot, dialog, "giamsat", "sai-mat-khau")
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    assert "mật khẩu" in dialog.message.message.lower()
    assert launcher.window is None


def test_an_administrator_gets_the_console(qtbot, launcher, centre):
    sign_in(qtbot, launcher.login_dialog, "admin", centre.passwords["admin"])
    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: launcher.window.now_view.snapshot is not None, timeout=10_000)
    qtbot.waitUntil(lambda: "Quản trị viên" in launcher.window.status_label.text(), timeout=5_000)


def test_closing_the_console_ends_the_session(qtbot, launcher, centre):
    sign_in(qtbot, launcher.login_dialog, "giamsat", centre.passwords["giamsat"])
    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window.isVisible(), timeout=10_000)
    launcher.window.close()
    assert launcher.finished_codes == [0]
