"""Intake details: the checklist edited by keyboard, a failed print, language switch, run_desk."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain.intake import DocumentForm, DocumentLine
from counter_app.services import intake
from counter_app.ui import i18n
from counter_app.ui.models.documents_model import DocumentsTableModel as M
from tests.ui.keyboard import focused, press, tab, type_text
from tests.ui.test_desk_flow import CTRL, choose_procedure


def _fill_owner(qtbot) -> None:
    type_text(qtbot, "Hoàng Văn Em")
    tab(qtbot, 2)
    type_text(qtbot, "001090012345")


def test_checklist_is_edited_with_the_keyboard_and_saved_as_shown(qtbot, desk, svc):
    view = desk.intake_view
    choose_procedure(qtbot, desk, "khai sinh")
    _fill_owner(qtbot)
    table = view.documents.view
    required = [r for r in view.documents_model.rows() if r.received]

    # Untick the first row with Space.
    table.setFocus()
    table.setCurrentIndex(view.documents_model.index(0, M.COL_RECEIVED))
    press(qtbot, Qt.Key.Key_Space)
    assert not view.documents_model.rows()[0].received
    # Add a document of our own (Ctrl+Insert opens its name for typing), two photocopies.
    press(qtbot, Qt.Key.Key_Insert, CTRL)
    type_text(qtbot, "Sổ hộ khẩu")
    press(qtbot, Qt.Key.Key_Return)
    row = view.documents_model.rowCount() - 1
    view.documents_model.setData(view.documents_model.index(row, M.COL_FORM), DocumentForm.PHOTOCOPY.value)
    table.setCurrentIndex(view.documents_model.index(row, M.COL_COUNT))
    press(qtbot, Qt.Key.Key_F2)
    focused().selectAll()
    type_text(qtbot, "2")
    # Ctrl+Enter while the count is still being edited: what is shown is what is saved.
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.intake.last_code is not None, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)

    saved = intake.get_dossier(svc, desk.intake.last_code)
    expected = tuple(DocumentLine(r.name, r.form, r.count) for r in required[1:])
    assert saved.documents == expected + (DocumentLine("Sổ hộ khẩu", DocumentForm.PHOTOCOPY, 2),)


def test_a_failed_print_never_loses_the_saved_dossier(qtbot, desk, svc, preview_spy):
    svc.archive_dir.parent.mkdir(parents=True, exist_ok=True)
    svc.archive_dir.write_text("not a folder")  # the archive cannot be written
    view = desk.intake_view
    choose_procedure(qtbot, desk, "khai sinh")
    _fill_owner(qtbot)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.intake.last_code is not None, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)

    code = desk.intake.last_code
    assert intake.get_dossier(svc, code).owner.full_name == "Hoàng Văn Em"
    assert f"Hồ sơ {code} đã được lưu nhưng chưa in được giấy tiếp nhận" in view.banner.text
    assert view.banner.action_button.isVisible() and view.banner.action_button.text() == "In lại"
    assert preview_spy.calls == []

    svc.archive_dir.unlink()  # fixed: print again from the banner
    view.banner.action_button.click()
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    assert preview_spy.calls[0].path.is_file()
    assert intake.get_dossier(svc, code).receipt_sha256 == preview_spy.calls[0].sha256


def test_the_language_switches_while_running_and_back(qtbot, desk):
    view = desk.intake_view
    assert view.title.text() == "Tiếp nhận hồ sơ"
    choose_procedure(qtbot, desk, "khai sinh")
    qtbot.waitUntil(lambda: view.due.text().startswith("Hẹn trả"))
    desk.english_action.trigger()
    try:
        qtbot.waitUntil(lambda: view.title.text() == "Receive a dossier")  # LanguageChange is posted
        assert view.owner._labels["full_name"].text() == "Full &name"
        assert desk.dossier_menu.title() == "&Dossier"
        assert "Counter 1" in desk.status_text()
        qtbot.waitUntil(lambda: view.due.text().startswith("Result due: 17:00 Thursday 26/11/2026"))
        assert i18n.format_processing_time(1, False) == "1 working day"
        assert i18n.format_processing_time(5, False) == "5 working days"
    finally:
        desk.vietnamese_action.trigger()
    qtbot.waitUntil(lambda: view.title.text() == "Tiếp nhận hồ sơ")
    assert "Quầy 1" in desk.status_text()
    assert view.documents_model.headerData(M.COL_COUNT, Qt.Orientation.Horizontal) == "Số lượng"


def test_run_desk_shows_first_start_setup_and_returns_when_it_is_closed(qtbot, svc):
    from counter_app.ui.app import run_desk
    from counter_app.ui.desk.setup_dialog import SetupDialog

    app = QApplication.instance()
    seen = []

    def close_setup():
        dialogs = [w for w in app.topLevelWidgets() if isinstance(w, SetupDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, close_setup)
            return
        seen.append(dialogs[0].windowTitle())
        dialogs[0].close()

    QTimer.singleShot(0, close_setup)
    try:
        assert run_desk(svc, counter_number=2, language="vi") == 0
    finally:
        app.setQuitOnLastWindowClosed(True)
        i18n.set_language("vi")
    assert seen == ["Khởi động lần đầu — thiết lập trung tâm"]
