"""Sign-in and first-start dialogs: what the officer sees when something is wrong."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.services import setup
from counter_app.ui.desk.login_dialog import LoginDialog
from counter_app.ui.desk.setup_dialog import SetupDialog
from tests.ui.keyboard import focused, press, tab, type_text


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


@pytest.fixture
def login(qtbot, svc, demo, worker, ui_language):
    dialog = LoginDialog(svc, worker, site=setup.site_info(svc), counter_number=1)
    return _show(qtbot, dialog)


def test_wrong_password_is_explained_and_only_the_password_is_cleared(qtbot, login, worker):
    signed_in = []
    login.authenticated.connect(signed_in.append)
    assert focused() is login.username
    type_text(qtbot, "canbo1")
    press(qtbot, Qt.Key.Key_Return)  # Enter in the username goes on to the password
    assert focused() is login.password
    type_text(qtbot, "sai-mat-khau")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)

    assert login.message.message.startswith("Tên đăng nhập hoặc mật khẩu không đúng.")
    assert "nhập lại mật khẩu" in login.message.message
    assert login.message.isVisible()
    assert login.username.text() == "canbo1"
    assert login.password.text() == ""
    assert focused() is login.password
    assert signed_in == [] and login.isVisible()


def test_right_password_signs_in_at_the_chosen_counter(qtbot, login, demo, worker):
    signed_in = []
    login.authenticated.connect(signed_in.append)
    type_text(qtbot, "canbo3")
    tab(qtbot)
    type_text(qtbot, demo["canbo3"][0])
    tab(qtbot)
    login.counter.selectAll()
    type_text(qtbot, "3")
    press(qtbot, Qt.Key.Key_Return)
    login.password.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(signed_in))
    assert signed_in[0].full_name == "Phạm Minh Châu" and signed_in[0].counter_number == 3
    assert not login.isVisible()


def test_unknown_counter_is_explained_at_the_counter_number(qtbot, login, demo, worker):
    login.username.setText("canbo1")
    login.password.setFocus()
    type_text(qtbot, demo["canbo1"][0])
    login.counter.setValue(42)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)
    assert login.message.message == "Quầy số 42 không tồn tại hoặc đã ngừng hoạt động."
    assert focused() is login.counter
    assert login.password.text() == demo["canbo1"][0]  # the password was right: kept


def test_escape_does_not_close_the_login(qtbot, login):
    type_text(qtbot, "canbo1")
    press(qtbot, Qt.Key.Key_Escape)
    assert login.isVisible() and login.username.text() == "canbo1"


@pytest.fixture
def setup_dialog(qtbot, svc, worker, ui_language):
    return _show(qtbot, SetupDialog(svc, worker))


def _fill(dialog, **overrides):
    values = dict(
        centre_name="Trung tâm Phục vụ hành chính công tỉnh Quảng Nam",
        issuing_body="UBND TỈNH QUẢNG NAM",
        agency_code="000.00.06.H56",
        address="",
        hotline="",
        place_name="Tam Kỳ",
        admin_username="quantri",
        admin_full_name="Trần Văn Quản",
        admin_password="mat-khau-2026",
        admin_password_again="mat-khau-2026",
    )
    values.update(overrides)
    for attribute, text in values.items():
        getattr(dialog, attribute).setText(text)


def test_setup_mistakes_are_shown_next_to_their_fields_and_kept(qtbot, setup_dialog, svc, worker):
    _fill(setup_dialog, agency_code="H56", place_name="", admin_password="ngan", admin_password_again="ngan")
    setup_dialog.create_button.click()
    qtbot.waitUntil(lambda: worker.idle)

    errors = setup_dialog.errors
    assert "000.00.06.H56" in errors.message("agency_code")  # the message shows the expected shape
    assert errors.message("place_name") == "Chưa nhập thông tin bắt buộc này."
    assert focused() is setup_dialog.agency_code
    assert setup_dialog.agency_code.text() == "H56"
    assert setup_dialog.centre_name.text().startswith("Trung tâm")
    assert setup.site_info(svc) is None

    _fill(setup_dialog, admin_password="ngan", admin_password_again="ngan")
    setup_dialog.create_button.click()
    qtbot.waitUntil(lambda: worker.idle)
    assert "10" in errors.message("password")  # the password policy (domain/passwords.py)
    assert setup.site_info(svc) is None


def test_setup_passwords_must_match(qtbot, setup_dialog, svc):
    _fill(setup_dialog, admin_password_again="mat-khau-2025")
    setup_dialog.create_button.click()
    assert setup_dialog.errors.message("password_again") == (
        "Hai lần nhập mật khẩu không giống nhau; vui lòng nhập lại cho khớp."
    )
    assert focused() is setup_dialog.admin_password_again


def test_setup_checks_the_agency_code_when_leaving_the_field(qtbot, setup_dialog):
    tab(qtbot, 2)
    assert focused() is setup_dialog.agency_code
    type_text(qtbot, "000.00.06")
    tab(qtbot)
    assert setup_dialog.errors.message("agency_code")
    press(qtbot, Qt.Key.Key_Escape)
    assert setup_dialog.isVisible() and setup_dialog.agency_code.text() == "000.00.06"
