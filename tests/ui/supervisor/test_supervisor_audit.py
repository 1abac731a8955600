"""The console's "Nhật ký thao tác" tab on the busy centre: filters, the CSV export, the
integrity check in plain words (intact, then tampered with); its table model; its catalog."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester

from counter_app.resources import resource_path
from counter_app.services import audit
from counter_app.store.models import AuditEntry
from counter_app.ui.supervisor.audit_view import AuditTableModel
from counter_app.ui.widgets.banner import BannerKind
from tests.ui.test_translations import PLACEHOLDER, _lrelease, _messages

ROOT = Path(__file__).resolve().parents[3]
CATALOG = resource_path("translations") / "counter_app_audit_vi.ts"
# Written to docs/screenshots/ when COUNTER_APP_SCREENSHOTS is set (as test_supervisor_screenshots.py).
SHOTS = ROOT / "docs" / "screenshots"


def rows_of(view) -> list[list[str]]:
    m = view.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def open_tab(console, qtbot):
    view = console.audit_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        console.tab_actions[5].trigger()  # Ctrl+6
    assert console.tabs.currentWidget() is view
    assert console.tabs.tabText(5) == "Nhật ký thao tác"
    qtbot.waitUntil(lambda: view.action_box.count() > 1, timeout=5_000)
    return view


def test_filter_export_and_verify(console, qtbot, centre_svc, boss, save_answer, tmp_path):
    shots = SHOTS if os.environ.get("COUNTER_APP_SCREENSHOTS") in ("1", "docs") else tmp_path
    view = open_tab(console, qtbot)
    assert view.verify_button.text() == "Kiểm tra tính toàn &vẹn"
    assert view.model.headerData(4, Qt.Orientation.Horizontal) == "Thao tác"
    first = rows_of(view)
    assert first and view.page_label.text().startswith("Mục 1–")
    # newest first, and within the default week (20/11 – 26/11/2026)
    assert [int(r[0]) for r in first] == sorted((int(r[0]) for r in first), reverse=True)
    assert all("/11/2026" in r[1] and 20 <= int(r[1][:2]) <= 26 for r in first)

    # one officer's finished tickets
    view.user_box.setCurrentIndex(view.user_box.findData("canbo2"))
    view.action_box.setCurrentIndex(view.action_box.findData("queue.finish"))
    view.date_from.setDate(QDate(2026, 11, 1))
    with qtbot.waitSignal(view.loaded, timeout=10_000) as shown:
        qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    page = shown.args[0]
    expected = audit.list_entries(centre_svc, boss, audit.AuditFilters(
        start=datetime(2026, 11, 1).date(), end=datetime(2026, 11, 26).date(), username="canbo2", action="queue.finish"),
        limit=1000)
    assert page.total == expected.total > 0
    rows = rows_of(view)
    assert {(r[2], r[3], r[4]) for r in rows} == {("canbo2", "2", "queue.finish")}
    assert f"trên tổng số {page.total}" in view.page_label.text()

    shots.mkdir(parents=True, exist_ok=True)
    assert console.grab().save(str(shots / "supervisor-audit.png"))

    # the export: what is shown, for Excel, and itself in the log
    save_answer.answer = "nhat-ky.csv"
    with qtbot.waitSignal(view.exported, timeout=10_000) as written:
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    path = written.args[0]
    assert path == save_answer.folder / "nhat-ky.csv"
    assert save_answer.asked[-1][1].endswith("nhat-ky-thao-tac_20261101-20261126.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:5] == ["Số TT", "Thời điểm", "Người thao tác", "Quầy", "Thao tác"]
    assert len(lines) == page.total + 1 and all(",canbo2,2,queue.finish," in line for line in lines[1:])
    assert view.banner.kind is BannerKind.SUCCESS
    assert view.banner.text == f"Đã xuất {page.total} mục vào tệp {path}."
    last = audit.list_entries(centre_svc, boss, limit=1).rows[0]
    assert (last.action, last.username) == ("audit.export", "giamsat")

    # the integrity check: intact …
    with qtbot.waitSignal(view.verified, timeout=30_000) as checked:
        qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    n = checked.args[0].checked
    assert view.banner.kind is BannerKind.SUCCESS
    assert view.banner.text == f"Nhật ký toàn vẹn: đã kiểm tra {n} mục, không có mục nào bị sửa, xóa hay chèn."
    # … then someone edits an entry with SQL, behind the program's back
    with centre_svc.engine.begin() as c:
        c.execute(sa.update(AuditEntry).where(AuditEntry.seq == 10).values(actor_username="nguoikhac"))
    with qtbot.waitSignal(view.verified, timeout=30_000):
        qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    assert view.banner.kind is BannerKind.ERROR
    text = view.banner.text
    assert f"Nhật ký đã bị can thiệp ngoài phần mềm: 1 vấn đề trên {n} mục đã kiểm tra." in text
    assert "Mục #10 đã bị sửa hoặc thay thế sau khi ghi" in text
    assert "báo quản trị viên CNTT" in text
    qtbot.wait(50)  # the banner's height settles with its text
    assert view.banner.height() >= view.banner.label.heightForWidth(view.banner.label.width())
    assert console.grab().save(str(shots / "supervisor-audit-tampered.png"))


def test_an_officer_is_told_plainly(qtbot, centre_svc, centre, worker, ui_language):
    from counter_app.services import accounts
    from counter_app.ui.supervisor.audit_view import AuditView

    officer = accounts.authenticate(centre_svc, "canbo1", centre.passwords["canbo1"], 1)
    view = AuditView(centre_svc, officer, worker)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.banner.kind is BannerKind.ERROR and bool(view.banner.text), timeout=10_000)
    assert view.model.rowCount() == 0 and "audit.browse" in view.banner.text


def test_the_table_model_passes_the_model_tester(qapp):
    model = AuditTableModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    at = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)
    rows = [audit.AuditRow(seq=i, at=at, username="canbo1", counter_number=1 if i % 2 else None, action="dossier.transition",
                           entity_type="dossier", entity_id=f"id{i}", details={"code": f"C{i}"},
                           before={"status": 4} if i % 2 else None, after={"status": 9} if i % 2 else None)
            for i in range(3, 0, -1)]
    model.set_rows(rows)
    assert model.rowCount() == 3 and model.columnCount() == 7
    assert model.index(0, 1).data() == "26/11/2026 09:30:00"  # Hà Nội time
    assert model.index(0, 6).data() == '{"status": 4} → {"status": 9}  {"code": "C3"}'
    assert model.index(1, 3).data() == "" and model.index(1, 6).data() == '{"code": "C2"}'
    model.set_rows([])
    assert model.rowCount() == 0


def test_the_audit_catalog_is_complete_and_loaded(tmp_path, ui_language):
    messages = list(_messages(CATALOG))
    assert ET.parse(CATALOG).getroot().get("language") == "vi_VN"
    for context, source, kind, forms in messages:
        assert kind is None and forms[0].strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(forms[0])) == sorted(PLACEHOLDER.findall(source)), (context, source)
        assert source.count("&") == forms[0].count("&"), (context, source)
    assert QCoreApplication.translate("AuditView", "Activity log") == "Nhật ký thao tác"
    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "out.qm"
    subprocess.run([lrelease, "-silent", str(CATALOG), "-qm", str(out)], check=True)
    assert out.read_bytes() == CATALOG.with_suffix(".qm").read_bytes(), "run pyside6-lrelease on counter_app_audit_vi.ts"
    lupdate = Path(lrelease).with_name("pyside6-lupdate")
    if not lupdate.exists():
        return
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), "src/counter_app/ui/supervisor/audit_view.py", "-source-language", "en",
                    "-target-language", "vi_VN", "-no-obsolete", "-locations", "none", "-silent", "-ts", str(fresh)],
                   check=True, cwd=ROOT)
    wanted = {(c, s) for c, s, _k, _f in _messages(fresh)}
    assert wanted and wanted <= {(c, s) for c, s, _k, _f in messages}, sorted(wanted - {(c, s) for c, s, _k, _f in messages})
