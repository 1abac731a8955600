import pytest
from PySide6.QtCore import Qt
from counter_app.ui.app import DeskLauncher
from tests.ui.keyboard import focused, press, tab, type_text
from tests.ui.test_desk_flow import _wait_shown, CTRL

def intake(qtbot, window):
    view = window.intake_view
    window.intake.focus_procedure()
    type_text(qtbot, "dang ky khai sinh")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.intake.procedure is not None, timeout=5000)
    type_text(qtbot, "Nguyễn Thị Ấn")
    tab(qtbot, 2)
    type_text(qtbot, "001190012345")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.intake.last_code is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.worker.idle)

@pytest.mark.parametrize("mode", ["service_setup", "dialog_setup_no_login"])
def test_v(qtbot, svc, worker, preview_spy, ui_language, mode):
    from counter_app.services import setup, accounts
    if mode == "service_setup":
        setup.initialize_site(svc, name="Trung tâm X", issuing_body="UBND", agency_code="000.00.06.H56", place_name="Tam Kỳ", admin_username="quantri", admin_password="mat-khau-2026", admin_full_name="Trần Văn Quản")
        launcher = DeskLauncher(svc, counter_number=2, worker=worker, preview_opener=preview_spy)
        launcher.start()
        login = _wait_shown(qtbot, lambda: launcher.login_dialog)
        type_text(qtbot, "quantri", login.username); login.password.setFocus()
        type_text(qtbot, "mat-khau-2026"); press(qtbot, Qt.Key.Key_Return)
        window = _wait_shown(qtbot, lambda: launcher.window)
    else:
        launcher = DeskLauncher(svc, counter_number=2, worker=worker, preview_opener=preview_spy)
        launcher.start()
        sd = _wait_shown(qtbot, lambda: launcher.setup_dialog)
        for text in ("Trung tâm X", "UBND", "000.00.06.H56", "", "", "Tam Kỳ"):
            type_text(qtbot, text); tab(qtbot)
        tab(qtbot)
        for text in ("quantri", "Trần Văn Quản", "mat-khau-2026", "mat-khau-2026"):
            type_text(qtbot, text); tab(qtbot)
        press(qtbot, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: launcher.login_dialog is not None)
        actor = accounts.authenticate(svc, "quantri", "mat-khau-2026", 2)
        from counter_app.ui.app import build_desk_window
        window = build_desk_window(svc, actor, worker=worker, preview_opener=preview_spy)
        qtbot.addWidget(window); qtbot.addWidget(launcher.login_dialog)
        window.show(); window.activateWindow(); qtbot.waitUntil(window.isActiveWindow)
    intake(qtbot, window)
