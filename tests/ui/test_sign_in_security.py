"""Sign-in security through the real widgets: the lock-out message, the forced password change
of a generated password, and the desk that locks itself when nobody touches it.

Screenshots (lock-out message, change-password step, lock screen) are written to the test's
temporary folder, or to docs/ with COUNTER_APP_SCREENSHOTS=docs.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain.errors import DomainError
from counter_app.services import accounts, setup
from counter_app.store.models import AuditEntry
from counter_app.ui.app import DeskLauncher, build_desk_window
from counter_app.ui.desk.lock_screen import IDLE_ENV, idle_override_ms
from counter_app.ui.desk.login_dialog import LoginDialog
from counter_app.ui.supervisor.app import SupervisorLoginDialog
from tests.ui.keyboard import focused, press, type_text
from tests.ui.test_desk_flow import choose_procedure

DOCS = Path(__file__).resolve().parents[2] / "docs"
LOCKED = "Tài khoản tạm khóa đến 09:45 do nhập sai mật khẩu nhiều lần"


@pytest.fixture(autouse=True)
def delays(monkeypatch):
    waited: list[float] = []
    monkeypatch.setattr(accounts, "sleep", waited.append)
    return waited


@pytest.fixture
def shot(tmp_path):
    target = DOCS if os.environ.get("COUNTER_APP_SCREENSHOTS") == "docs" else tmp_path

    def save(widget, name: str) -> Path:
        path = target / f"signin-{name}.png"
        image = widget.grab()
        assert not image.isNull() and image.width() > 300
        assert image.save(str(path))
        return path

    return save


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _actions(svc):
    with svc.reading() as s:
        return list(s.execute(sa.select(AuditEntry.action).order_by(AuditEntry.id)).scalars())


def test_five_wrong_passwords_show_the_lock_out_and_refuse_the_right_one_until_later(
        qtbot, svc, demo, clock, worker, ui_language, delays, shot):
    login = _show(qtbot, LoginDialog(svc, worker, site=setup.site_info(svc), counter_number=1))
    signed_in = []
    login.authenticated.connect(signed_in.append)
    type_text(qtbot, "canbo1")
    press(qtbot, Qt.Key.Key_Return)
    for attempt in range(5):
        assert focused() is login.password
        type_text(qtbot, f"sai-mat-khau-{attempt}")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: worker.idle)
    assert login.message.message.startswith(LOCKED), login.message.message
    assert "Caps Lock" not in login.message.message  # the lock is not a typing problem
    assert delays == [0.5, 1.0, 1.5, 2.0, 2.5]  # waited on the worker thread, not the window
    shot(login, "lockout")

    type_text(qtbot, demo["canbo1"][0])  # the right password, still refused
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)
    assert login.message.message.startswith(LOCKED)
    assert signed_in == [] and login.isVisible() and login.password.text() == ""

    clock.set(clock.now + timedelta(minutes=15))
    type_text(qtbot, demo["canbo1"][0])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(signed_in))
    assert signed_in[0].username == "canbo1" and not login.isVisible()


def test_an_officer_at_the_wrong_counter_is_told_their_counter(qtbot, svc, demo, worker, ui_language):
    from counter_app.store.models import User

    with svc.transaction() as s:
        s.execute(sa.update(User).where(User.username == "canbo2").values(assigned_counter=2))
    login = _show(qtbot, LoginDialog(svc, worker, site=setup.site_info(svc), counter_number=3))
    login.username.setText("canbo2")
    login.password.setFocus()
    type_text(qtbot, demo["canbo2"][0])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)
    assert login.message.message.startswith("Tài khoản canbo2 được phân công làm việc tại quầy số 2")
    assert focused() is login.counter


def test_first_administrator_changes_the_generated_password_before_the_desk_opens(
        qtbot, svc, worker, preview_spy, ui_language, shot):
    generated = accounts.generate_password("quantri")  # as `counter-app init` does without --admin-password
    setup.initialize_site(svc, **setup.DEMO_SITE, admin_username="quantri", admin_password=generated,
                          admin_full_name="Trần Văn Quản", must_change_password=True)
    launcher = DeskLauncher(svc, counter_number=1, worker=worker, preview_opener=preview_spy, start_sync=False)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.login_dialog is not None and launcher.login_dialog.isVisible())
    login = launcher.login_dialog
    qtbot.addWidget(login)
    login.activateWindow()
    qtbot.waitUntil(login.isActiveWindow)
    type_text(qtbot, "quantri")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, generated)
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: login.change_password_dialog is not None and login.change_password_dialog.isVisible())
    change = login.change_password_dialog
    qtbot.waitUntil(change.isActiveWindow)
    assert launcher.window is None  # no desk before the new password
    assert not change.current.isVisible()  # just typed: not asked again
    assert focused() is change.new
    type_text(qtbot, "quantri2026")
    assert change.new_error.message == "Mật khẩu không được chứa tên đăng nhập."  # said while typing
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "quantri2026")
    press(qtbot, Qt.Key.Key_Return)
    assert change.new_error.message == "Mật khẩu không được chứa tên đăng nhập."
    assert focused() is change.new and launcher.window is None
    shot(change, "change-password")
    change.new.clear()
    type_text(qtbot, "Hoi-An-pho-co-1999")
    press(qtbot, Qt.Key.Key_Return)
    change.again.clear()
    type_text(qtbot, "Hoi-An-pho-co-1999")
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window.isVisible(), timeout=10_000)
    qtbot.addWidget(launcher.window)
    assert launcher.window.actor.username == "quantri"
    assert not accounts.sign_in(svc, "quantri", "Hoi-An-pho-co-1999", None).must_change_password
    with pytest.raises(DomainError):
        accounts.sign_in(svc, "quantri", generated, None)
    assert "password.change" in _actions(svc)
    qtbot.waitUntil(lambda: worker.idle)
    launcher.window.close()


def test_the_supervisor_console_asks_for_the_change_too_and_sign_out_keeps_it_closed(
        qtbot, svc, demo, worker, ui_language):
    admin = accounts.authenticate(svc, "admin", demo["admin"][0], None)
    giamsat = next(u for u in _user_ids(svc) if u[1] == "giamsat")
    temporary = accounts.reset_password(svc, admin, giamsat[0])
    login = _show(qtbot, SupervisorLoginDialog(svc, worker, site=setup.site_info(svc)))
    signed_in = []
    login.authenticated.connect(signed_in.append)
    type_text(qtbot, "giamsat")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, temporary)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.change_password_dialog is not None and login.change_password_dialog.isVisible())
    change = login.change_password_dialog
    assert change.cancel_button.text() == "Đăng xuất"
    change.cancel_button.click()
    qtbot.waitUntil(lambda: login.message.isVisible())
    assert login.message.message.startswith("Chưa đổi mật khẩu nên chưa đăng nhập.")
    assert signed_in == [] and login.isVisible() and login.sign_in_button.isEnabled()


def _user_ids(svc):
    from counter_app.store.models import User

    with svc.reading() as s:
        return list(s.execute(sa.select(User.id, User.username)).all())


def test_idle_desk_locks_hides_the_form_and_unlocks_with_the_same_password(
        qtbot, svc, demo, officer, worker, preview_spy, ui_language, shot):
    window = build_desk_window(svc, officer, worker=worker, preview_opener=preview_spy,
                               confirm_discard=lambda parent: True, idle_lock_ms=0)
    _show(qtbot, window)
    qtbot.waitUntil(lambda: worker.idle)
    choose_procedure(qtbot, window, "khai sinh")
    type_text(qtbot, "Nguyễn Thị Ấn")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "00119001")
    # Every key press starts the idle time again (the application-wide event filter).
    idle = window.idle_lock
    idle.set_interval(5000)
    for digit in "2345":
        qtbot.wait(300)
        before = idle.timer.remainingTime()
        type_text(qtbot, digit)
        assert before < 4800 < idle.timer.remainingTime(), before
    assert not idle.locked

    idle.set_interval(300)  # then nobody touches the desk
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)
    screen = window.idle_lock.screen
    qtbot.waitUntil(screen.isVisible)
    assert screen.title.text() == "Quầy 1 — Nguyễn Văn An — đã khóa."
    assert screen.prompt.text().startswith("Nhập mật khẩu để mở khóa.")
    assert not window.centralWidget().isVisible()  # nothing personal left on screen
    assert QApplication.activeModalWidget() is screen
    assert screen.geometry().contains(window.geometry().center())
    shot(screen, "lock-screen")

    # Another officer's password does not open it.
    screen.password.setFocus()
    type_text(qtbot, demo["canbo2"][0])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)
    assert screen.message.message == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert window.idle_lock.locked and screen.password.text() == ""
    press(qtbot, Qt.Key.Key_Escape)
    assert window.idle_lock.locked

    type_text(qtbot, demo["canbo1"][0])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.idle_lock.locked)
    assert window.centralWidget().isVisible()
    owner = window.intake_view.owner
    assert owner.full_name.text() == "Nguyễn Thị Ấn" and owner.id_number.text() == "001190012345"
    assert window.intake.procedure is not None and window.intake.procedure.name == "Đăng ký khai sinh"
    assert window.idle_lock.timer.isActive()  # it watches again
    qtbot.waitUntil(lambda: worker.idle)
    actions = _actions(svc)
    assert actions.count("login.idle_lock") == 1 and actions[-1] == "login.unlock"
    window.idle_lock.set_interval(0)


def test_someone_else_signs_out_of_the_locked_desk_after_confirming(
        qtbot, svc, demo, worker, preview_spy, ui_language):
    launcher = DeskLauncher(svc, counter_number=1, worker=worker, preview_opener=preview_spy, start_sync=False,
                            idle_lock_ms=0)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.login_dialog is not None and launcher.login_dialog.isVisible())
    first_login = launcher.login_dialog
    qtbot.addWidget(first_login)
    first_login.username.setText("canbo1")
    first_login.password.setText(demo["canbo1"][0])
    first_login.sign_in_button.click()
    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window.isVisible())
    window = launcher.window
    window.intake_view.owner.full_name.setText("Nguyễn Thị Ấn")
    answers = []
    window.idle_lock.confirm_sign_out = lambda parent: answers.append(parent) or len(answers) > 1
    window.idle_lock.lock()
    screen = window.idle_lock.screen
    screen.sign_out_button.click()  # "No" the first time: still locked
    assert window.idle_lock.locked and launcher.window is window
    screen.sign_out_button.click()
    qtbot.waitUntil(lambda: launcher.login_dialog is not first_login and launcher.login_dialog.isVisible())
    assert launcher.window is None and not window.isVisible()
    assert launcher.login_dialog.counter.value() == 1
    qtbot.addWidget(launcher.login_dialog)


def test_idle_time_comes_from_the_environment_or_the_site(qtbot, svc, demo, officer, worker, monkeypatch):
    monkeypatch.setenv(IDLE_ENV, "1.5")
    assert idle_override_ms() == 1500
    monkeypatch.setenv(IDLE_ENV, "soon")
    assert idle_override_ms() is None
    monkeypatch.delenv(IDLE_ENV)
    admin = accounts.authenticate(svc, "admin", demo["admin"][0], None)
    accounts.configure_security(svc, admin, idle_lock_minutes=2)
    window = build_desk_window(svc, officer, worker=worker, confirm_discard=lambda parent: True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.idle_lock.interval_ms == 120_000)
    accounts.configure_security(svc, admin, idle_lock_minutes=0)
    never = build_desk_window(svc, officer, worker=worker, confirm_discard=lambda parent: True)
    qtbot.addWidget(never)
    qtbot.waitUntil(lambda: worker.idle)
    assert never.idle_lock.interval_ms == 0 and not never.idle_lock.timer.isActive()


SIGNIN_SOURCES = ["src/counter_app/ui/desk/lock_screen.py", "src/counter_app/ui/widgets/change_password_dialog.py"]


def test_signin_catalog_is_complete_compiled_and_loaded(tmp_path, ui_language):
    """resources/translations/counter_app_signin_vi.ts (after changing a string in SIGNIN_SOURCES:
    pyside6-lupdate <SIGNIN_SOURCES> -source-language en -target-language vi_VN -no-obsolete
    -locations none -ts resources/translations/counter_app_signin_vi.ts, translate, pyside6-lrelease)."""
    import subprocess

    from PySide6.QtCore import QCoreApplication

    from counter_app.resources import resource_path
    from tests.ui.test_translations import PLACEHOLDER, VIETNAMESE_LETTERS, _lrelease, _messages

    catalog = resource_path("translations") / "counter_app_signin_vi.ts"
    messages = list(_messages(catalog))
    assert len(messages) >= 25
    for context, source, kind, forms in messages:
        assert context in ("ChangePasswordDialog", "LockScreen")
        assert kind is None and forms[0].strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(forms[0])) == sorted(PLACEHOLDER.findall(source)), (context, source)
        assert source.count("&") == forms[0].count("&"), (context, source)
        assert len(source) <= 12 or VIETNAMESE_LETTERS.search(forms[0]), forms[0]
    assert QCoreApplication.translate("LockScreen", "Unlock") == "Mở khóa"
    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "out.qm"
    subprocess.run([lrelease, "-silent", str(catalog), "-qm", str(out)], check=True)
    assert out.read_bytes() == catalog.with_suffix(".qm").read_bytes(), "run pyside6-lrelease on counter_app_signin_vi.ts"
    lupdate = Path(lrelease).with_name("pyside6-lupdate")
    if lupdate.exists():
        fresh = tmp_path / "fresh.ts"
        subprocess.run([str(lupdate), *SIGNIN_SOURCES, "-source-language", "en", "-target-language", "vi_VN",
                        "-no-obsolete", "-locations", "none", "-silent", "-ts", str(fresh)], check=True,
                       cwd=Path(__file__).resolve().parents[2])
        wanted = {(c, s) for c, s, _k, _f in _messages(fresh)}
        assert wanted <= {(c, s) for c, s, _k, _f in messages}
