"""The administration window, driven like an IT administrator would: sign in, add a user (a bad
field first), reset a password, add a holiday and see a due date move, rename a counter, import
a catalog, print a test page; an officer cannot open it. Screenshots of every tab."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester

from counter_app.services import accounts, intake
from tests.ui.keyboard import press, type_text

ROOT = Path(__file__).resolve().parents[2]


class OpenAnswer:
    """Stands in for QFileDialog.getOpenFileName."""

    def __init__(self) -> None:
        self.answer = ""

    def __call__(self, parent, caption, folder, filters):
        return self.answer, filters


@pytest.fixture
def open_answer() -> OpenAnswer:
    return OpenAnswer()


@pytest.fixture
def launcher(qtbot, svc, demo, worker, open_answer, ui_language, tmp_path, monkeypatch):
    from counter_app.ui.admin.app import AdminLauncher

    monkeypatch.setenv("COUNTER_APP_CONFIG", str(tmp_path / "config.toml"))
    launcher = AdminLauncher(svc, worker=worker, open_file_name=open_answer, printer_pdf_dir=tmp_path / "printed")
    finished: list[int] = []
    launcher.finished.connect(finished.append)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.login_dialog is not None and launcher.login_dialog.isVisible(), timeout=10_000)
    launcher.login_dialog.activateWindow()
    qtbot.waitUntil(launcher.login_dialog.isActiveWindow)
    launcher.finished_codes = finished
    launcher.demo = demo
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


@pytest.fixture
def window(qtbot, launcher, worker):
    sign_in(qtbot, launcher.login_dialog, "admin", launcher.demo["admin"][0])
    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window.isVisible(), timeout=10_000)
    w = launcher.window
    w.activateWindow()
    qtbot.waitUntil(lambda: w.users_view.loaded and worker.idle, timeout=10_000)
    return w


def wait_idle(qtbot, worker) -> None:
    qtbot.waitUntil(lambda: worker.idle, timeout=15_000)


def open_tab(qtbot, window, worker, view) -> None:
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.loaded and worker.idle, timeout=15_000)


def test_an_officer_cannot_open_the_admin_window(qtbot, launcher, worker):
    dialog = launcher.login_dialog
    assert dialog.windowTitle() == "Đăng nhập — quản trị hệ thống"
    assert not dialog.counter.isVisible()
    sign_in(qtbot, dialog, "canbo1", launcher.demo["canbo1"][0])
    qtbot.waitUntil(lambda: dialog.refused, timeout=10_000)
    wait_idle(qtbot, worker)
    assert launcher.window is None and dialog.isVisible()
    text = dialog.message.message
    assert "canbo1" in text and "quản trị" in text, text
    assert dialog.password.text() == "" and dialog.username.text() == "canbo1"
    sign_in(qtbot, dialog, "giamsat", launcher.demo["giamsat"][0])  # a supervisor neither
    qtbot.waitUntil(lambda: "giamsat" in dialog.message.message, timeout=10_000)
    assert launcher.window is None and launcher.finished_codes == []


def test_add_a_user_a_bad_field_first_then_good(qtbot, window, worker, svc):
    view = window.users_view
    assert window.tabs.tabText(0) == "Người dùng" and window.windowTitle() == "Quản trị hệ thống"
    assert view.model.rowCount() == 6
    view.new_button.click()
    assert view.username.hasFocus()
    type_text(qtbot, "cán bộ 5")  # accents and a space: refused
    view.full_name.setFocus()
    type_text(qtbot, "Đỗ Văn Em")
    view.role.setCurrentIndex(view.role.findData("officer"))
    view.counter.setCurrentIndex(view.counter.findData(2))
    view.save_button.click()
    wait_idle(qtbot, worker)
    message = view.errors.message("username")
    assert "chữ cái không dấu" in message, message
    assert "sửa các ô" in view.banner.text or "Chưa lưu" in view.banner.text, view.banner.text
    assert view.username.hasFocus()
    assert view.full_name.text() == "Đỗ Văn Em" and view.counter.currentData() == 2  # nothing typed lost
    assert len(accounts_of(svc)) == 6
    assert view.password_dialog is None

    view.username.selectAll()
    type_text(qtbot, "canbo5")
    assert view.errors.message("username") == ""  # the red line goes as one types
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.password_dialog is not None and view.password_dialog.isVisible(), timeout=10_000)
    password = view.password_dialog.value.text()
    assert len(password) >= 10
    wait_idle(qtbot, worker)
    assert "canbo5" in [view.model.row(i).username for i in range(view.model.rowCount())]
    row = next(u for u in view.model.rows() if u.username == "canbo5")
    assert row.assigned_counter == 2 and row.must_change_password
    assert "canbo5" in view.form_box.title()
    result = accounts.sign_in(svc, "canbo5", password, 2)
    assert result.must_change_password and result.actor.full_name == "Đỗ Văn Em"
    view.password_dialog.accept()


def accounts_of(svc) -> list[str]:
    from sqlalchemy import select

    from counter_app.store.models import User

    with svc.reading() as s:
        return list(s.execute(select(User.username)).scalars())


def test_reset_password_shows_a_temporary_password(qtbot, window, worker, svc, launcher):
    view = window.users_view
    shown = []
    view.passwordShown.connect(lambda u, p: shown.append((u, p)))
    row = next(i for i in range(view.model.rowCount()) if view.model.row(i).username == "canbo2")
    view.table.selectRow(row)
    assert view.username.text() == "canbo2" and view.username.isReadOnly()
    view.reset_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown[0][0] == "canbo2"
    dialog = view.password_dialog
    assert dialog.isVisible() and dialog.value.text() == shown[0][1]
    assert "canbo2" in dialog.heading.text() and "chỉ hiện" in dialog.note.text().lower()
    with pytest.raises(Exception):
        accounts.sign_in(svc, "canbo2", launcher.demo["canbo2"][0], 2)
    assert accounts.sign_in(svc, "canbo2", shown[0][1], 2).must_change_password
    dialog.accept()
    wait_idle(qtbot, worker)
    # The last administrator cannot deactivate themself: said in the strip, nothing changed.
    me = next(i for i in range(view.model.rowCount()) if view.model.row(i).username == "admin")
    view.table.selectRow(me)
    view.active_button.click()
    wait_idle(qtbot, worker)
    assert "chính mình" in view.banner.text
    assert next(u for u in view.model.rows() if u.username == "admin").active


def test_a_holiday_moves_the_due_date(qtbot, window, worker, svc):
    from tests.helpers import pick_procedure

    procedure = pick_procedure(svc, days=2)
    received = datetime.fromisoformat("2026-11-26T09:30+07:00")
    assert intake.preview_due(svc, procedure.code, received).date() == date(2026, 11, 30)
    view = window.calendar_view
    open_tab(qtbot, window, worker, view)
    assert view.year.value() == 2026
    national = view.model.rowCount()
    assert national >= 10 and not view.remove_button.isEnabled()
    view.day.setDate(QDate(2026, 11, 27))
    view.kind.setCurrentIndex(view.kind.findData("day_off"))
    view.add_button.click()  # no name: refused, next to the name
    wait_idle(qtbot, worker)
    assert view.errors.message("note") and view.model.rowCount() == national
    view.name.setFocus()
    type_text(qtbot, "Nghỉ lễ hội của tỉnh")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.rowCount() == national + 1, timeout=10_000)
    wait_idle(qtbot, worker)
    assert "27/11/2026" in view.banner.text
    assert intake.preview_due(svc, procedure.code, received).date() == date(2026, 12, 1)
    assert view.remove_button.isEnabled()  # the new day is selected
    view.remove_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == national, timeout=10_000)
    assert intake.preview_due(svc, procedure.code, received).date() == date(2026, 11, 30)


def test_rename_a_counter_and_choose_its_fields(qtbot, window, worker, svc):
    from counter_app.services import queue

    view = window.counters_view
    window.tab_actions[1].trigger()  # Ctrl+2
    qtbot.waitUntil(lambda: view.loaded and worker.idle, timeout=10_000)
    assert view.model.rowCount() == 4
    view.table.selectRow(2)
    assert view.name.text() == "Quầy 3"
    view.name.selectAll()
    view.name.setFocus()
    type_text(qtbot, "Quầy 3 — Đất đai")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.rowCount() == 4 and view.model.row(2).name == "Quầy 3 — Đất đai",
                    timeout=10_000)
    wait_idle(qtbot, worker)
    assert "Quầy 3 — Đất đai" in view.banner.text
    view.fields_list.item(0).setCheckState(Qt.CheckState.Checked)
    code = view.fields_list.item(0).data(Qt.ItemDataRole.UserRole)
    view.fields_button.click()
    wait_idle(qtbot, worker)
    assert next(c for c in queue.queue_status(svc).counters if c.number == 3).fields == (code,)
    # A new counter: number 5 is offered.
    assert view.new_number.value() == 5
    view.add_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=10_000)


def test_field_numbering_errors_stay_next_to_the_field(qtbot, window, worker):
    view = window.fields_view
    open_tab(qtbot, window, worker, view)
    view.table.selectRow(0)
    original = view.model.row(0).prefix
    view.prefix.setText("A1")
    view.start.setValue(500)
    view.end.setValue(100)
    view.save_button.click()
    wait_idle(qtbot, worker)
    assert "chữ in hoa" in view.errors.message("prefix")
    assert "nhỏ hơn" in view.errors.message("end")
    assert view.prefix.text() == "A1" and view.start.value() == 500  # kept for correcting
    assert view.model.row(0).prefix == original


def test_catalog_preview_then_import(qtbot, window, worker, open_answer, tmp_path):
    from counter_app.resources import resource_path

    view = window.catalog_view
    open_tab(qtbot, window, worker, view)
    count = view.model.rowCount()
    bad = tmp_path / "hong.json"
    bad.write_text("{ not json", encoding="utf-8")
    open_answer.answer = str(bad)
    view.choose_button.click()
    wait_idle(qtbot, worker)
    assert "không nhập được" in view.report.toPlainText().lower(), view.report.toPlainText()
    assert not view.import_button.isEnabled() and view.banner.text

    data = json.loads(resource_path("catalog", "procedures.json").read_text(encoding="utf-8"))
    data["version"] = "2027.01"
    data["procedures"].append(dict(data["procedures"][0], code="9.999999.000.00.00.H56", name="Thủ tục mới thử"))
    good = tmp_path / "moi.json"
    good.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    open_answer.answer = str(good)
    view.choose_button.click()
    wait_idle(qtbot, worker)
    text = view.report.toPlainText()
    assert "1 thủ tục mới" in text and "Thủ tục mới thử" in text, text
    assert view.model.rowCount() == count and view.import_button.isEnabled()
    view.import_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == count + 1, timeout=10_000)
    assert "2027.01" in view.banner.text


def test_centre_identity_and_printers(qtbot, window, worker, tmp_path):
    from counter_app import config

    site = window.site_view
    open_tab(qtbot, window, worker, site)
    assert site.agency_code.text() == "000.00.06.H56" and not site.agency_code.isReadOnly()
    site.hotline.setText("gọi em")
    site.save_identity_button.click()
    wait_idle(qtbot, worker)
    assert "số" in site.errors.message("hotline").lower()
    site.hotline.setText("0235 3812 345")
    site.save_identity_button.click()
    wait_idle(qtbot, worker)
    assert site.errors.message("hotline") == "" and "đã lưu" in site.banner.text.lower()

    printers = window.printers_view
    open_tab(qtbot, window, worker, printers)
    printers.width.setCurrentIndex(printers.width.findData(58))
    printers.save_button.click()
    wait_idle(qtbot, worker)
    assert config.load_printers().ticket_width_mm == 58
    printers.test_ticket_button.click()
    wait_idle(qtbot, worker)
    printers.test_forms_button.click()
    wait_idle(qtbot, worker)
    assert len(printers.printed) == 2, printers.banner.text
    import pypdfium2 as pdfium

    for path, width_mm in zip(printers.printed, (58, 148)):
        document = pdfium.PdfDocument(path.read_bytes())
        assert abs(document[0].get_size()[0] - width_mm * 72 / 25.4) < 2
        document.close()


def test_models_pass_the_model_tester(qtbot, window, worker):
    mode = QAbstractItemModelTester.FailureReportingMode.Fatal
    for view in (window.counters_view, window.fields_view, window.catalog_view, window.calendar_view):
        open_tab(qtbot, window, worker, view)
    for model in (window.users_view.model, window.counters_view.model, window.fields_view.model,
                  window.catalog_view.model, window.calendar_view.model):
        QAbstractItemModelTester(model, mode)
        assert model.rowCount() > 0
        model.set_rows(model.rows())


def test_screenshots_of_every_tab(qtbot, window, worker, tmp_path):
    out = tmp_path / "shots"
    out.mkdir()
    window.resize(1280, 760)
    names = ["users", "counters", "fields", "catalog", "holidays", "identity", "printers"]
    for view, name in zip(window.views(), names):
        open_tab(qtbot, window, worker, view)
        if name == "users":
            view.table.selectRow(2)
        if name == "counters":
            view.table.selectRow(0)
        if name == "fields":
            view.table.selectRow(0)
        qtbot.wait(50)
        image = window.grab()
        path = out / f"admin-{name}.png"
        assert image.save(str(path))
        assert path.stat().st_size > 10_000
    if os.environ.get("COUNTER_APP_SAVE_DOCS_SCREENSHOTS") == "1":
        for name in ("users", "holidays", "catalog"):
            (ROOT / "docs" / f"admin-{name}.png").write_bytes((out / f"admin-{name}.png").read_bytes())


def test_the_desk_and_the_kiosk_print_on_the_configured_printers(tmp_path, monkeypatch, qapp):
    from counter_app import config
    from counter_app.ui.kiosk import printing
    from counter_app.ui.widgets import pdf_preview

    monkeypatch.setenv("COUNTER_APP_CONFIG", str(tmp_path / "config.toml"))
    config.save_printers(config.PrinterChoice("HP A5", "XP-58", 58))

    class Installed:
        names = ["HP A5", "XP-58", "Other"]

        @classmethod
        def availablePrinterNames(cls):
            return cls.names

    monkeypatch.setattr(pdf_preview, "QPrinterInfo", Installed)
    assert pdf_preview.configured_printer("forms") == "HP A5"
    assert printing.QtTicketPrinter().printer_name == "XP-58"
    assert printing.QtTicketPrinter("Other").printer_name == "Other"  # an explicit name wins
    Installed.names = ["Other"]  # the chosen printers are not installed on this PC: the system default
    assert pdf_preview.configured_printer("forms") == "" and printing.QtTicketPrinter().printer_name == ""
    (tmp_path / "config.toml").write_text("[printers\n", encoding="utf-8")  # a broken file never stops a print
    assert pdf_preview.configured_printer("ticket") == ""


def test_the_admin_catalog_is_complete_compiled_and_loaded(tmp_path, ui_language):
    import subprocess
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QCoreApplication

    from counter_app.resources import resource_path
    from tests.ui.test_translations import PLACEHOLDER, VIETNAMESE_LETTERS, _lrelease, _messages

    catalog = resource_path("translations") / "counter_app_admin_vi.ts"
    messages = list(_messages(catalog))
    assert len(messages) > 150
    for context, source, kind, forms in messages:
        assert kind is None, f"{context}: “{source}” is {kind}"
        for text in forms:
            assert text.strip(), f"{context}: “{source}” has no translation"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (context, source, text)
            assert source.count("&") == text.count("&"), f"keyboard accelerator lost: {context}: {text}"
    long_texts = [forms[0] for _c, source, _k, forms in messages if len(source) > 12]
    assert all(VIETNAMESE_LETTERS.search(t) for t in long_texts if "*" not in t)
    # Its contexts are its own: no other catalog translates them.
    mine = {c for c, *_ in messages}
    for other in resource_path("translations").glob("counter_app_*.ts"):
        if other != catalog:
            theirs = {n.text for n in ET.parse(other).getroot().iter("name")}
            assert not mine & theirs, (other.name, mine & theirs)
    assert QCoreApplication.translate("AdminWindow", "Users") == "Người dùng"

    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "out.qm"
    subprocess.run([lrelease, "-silent", str(catalog), "-qm", str(out)], check=True)
    assert out.read_bytes() == catalog.with_suffix(".qm").read_bytes(), "run pyside6-lrelease on counter_app_admin_vi.ts"
    lupdate = Path(lrelease).with_name("pyside6-lupdate")
    if lupdate.exists():
        fresh = tmp_path / "fresh.ts"
        sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src/counter_app/ui/admin").glob("*.py"))
        subprocess.run([str(lupdate), *sources, "-source-language", "en", "-target-language", "vi_VN",
                        "-no-obsolete", "-locations", "none", "-silent", "-ts", str(fresh)], check=True, cwd=ROOT)
        wanted = {(c, s) for c, s, _k, _f in _messages(fresh)}
        assert wanted <= {(c, s) for c, s, _k, _f in messages}, sorted(wanted - {(c, s) for c, s, _k, _f in messages})


def test_the_window_switches_to_english(qtbot, window):
    from counter_app.ui import i18n

    window.english_action.trigger()
    try:
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Users", timeout=3_000)
        assert [window.tabs.tabText(i) for i in range(7)] == [
            "Users", "Counters", "Fields", "Procedures catalog", "Holidays", "Centre identity", "Printers"]
        assert window.users_view.model.headerData(0, Qt.Orientation.Horizontal) == "User name"
    finally:
        i18n.set_language("vi")
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Người dùng", timeout=3_000)
