"""The online-dossier inbox tab, as the officer uses it: the dossier the sync worker brought
shows up by itself, oldest first; accept (status 2, receipt archived and previewed), ask to
complete (form 02) or refuse (form 03, reason required, nothing typed lost).

Online dossiers arrive the way the sync worker brings them: services.sync_apply.apply_changes
with a wire.Change of the `online_dossiers` stream, in one transaction.
"""

from __future__ import annotations

import os
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from counter_app.domain.identity import mask_id_number
from counter_app.domain.intake import DocumentForm, DocumentLine
from counter_app.domain.status import DossierStatus as S
from counter_app.services import inbox, intake
from counter_app.services.sync_apply import apply_changes
from counter_app.sync.wire import Change
from counter_app.ui import i18n
from counter_app.ui.desk.inbox import REFUSAL, SUPPLEMENT, InboxView
from counter_app.ui.models.sync_models import CheckedDocumentsModel, InboxModel
from tests.helpers import pick_procedure
from tests.ui.keyboard import type_text

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MODE = QAbstractItemModelTester.FailureReportingMode.Fatal
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
AGENCY = "000.00.06.H56"
DOCUMENTS = [
    {"name": "Tờ khai đăng ký khai sinh (bản điện tử)", "form": "original", "count": 1},
    {"name": "Giấy chứng sinh", "form": "certified_copy", "count": 1},
]


@pytest.fixture(autouse=True)
def _no_sync_settings(monkeypatch, tmp_path):
    for name in ("COUNTER_APP_SYNC_URL", "COUNTER_APP_SYNC_TOKEN", "COUNTER_APP_SYNC_NODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COUNTER_APP_CONFIG", str(tmp_path / "no-config.toml"))


@pytest.fixture
def shots(tmp_path):
    target = SHOTS if os.environ.get("COUNTER_APP_SCREENSHOTS") in ("1", "docs") else tmp_path

    def save(widget, name: str) -> Path:
        path = target / f"desk-sync-{name}.png"
        QApplication.processEvents()  # pending layout requests first, as on screen
        image = widget.grab()
        assert not image.isNull() and image.width() > 300
        assert image.save(str(path))
        return path

    return save


def publish(svc, *, seq: int, owner: str = "Trần Văn Bình", id_number: str = "001201009876",
            submitted_at: datetime | None = None, documents: list[dict] | None = None,
            note: str = "Nộp trên Cổng dịch vụ công") -> str:
    """An online dossier as the sync worker brings it (status 1); returns its code."""
    proc = pick_procedure(svc, days=5)
    code = f"{AGENCY}-261125-{seq:04d}"
    dossier_id = uuid.uuid4()
    change = Change(position=seq, op="upsert", key=str(dossier_id), data={
        "dossier_id": str(dossier_id), "code": code, "agency_code": AGENCY, "procedure_code": proc.code,
        "catalog_version": "2026.11",
        "submitted_at": (submitted_at or datetime(2026, 11, 25, 8, 15, tzinfo=UTC)).isoformat(),
        "owner": {"full_name": owner, "id_number": id_number, "id_kind": "cccd", "phone": "0987654321",
                  "email": "", "address": "5 Trần Phú, Hà Nội", "birth_date": None},
        "submitter": None, "documents": documents if documents is not None else DOCUMENTS,
        "return_method": "online", "note": note})
    with svc.transaction() as s:
        apply_changes(s, "online_dossiers", [change], now=svc.now())
    return code


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def inbox_title(desk) -> str | None:
    index = desk.tabs.indexOf(desk.inbox_view)
    return desk.tabs.tabText(index) if index >= 0 else None


@pytest.fixture
def view(qtbot, svc, officer, worker, preview_spy, ui_language):
    """The inbox on its own (as in its tab), shown."""
    widget = InboxView(svc, officer, worker, preview_opener=preview_spy)
    qtbot.addWidget(widget)
    widget.resize(1000, 720)
    widget.show()
    qtbot.waitUntil(lambda: worker.idle and widget._answered, timeout=5000)
    return widget


def reload(qtbot, view: InboxView, worker, count: int) -> None:
    view.reload()
    qtbot.waitUntil(lambda: worker.idle and not view._loading and view.model.rowCount() == count, timeout=5000)


# --- in the desk ------------------------------------------------------------------------------------


def test_an_online_dossier_shows_up_and_is_accepted_with_its_receipt(qtbot, desk, svc, worker, preview_spy, shots):
    assert inbox_title(desk) is None  # a site that does not sync has no inbox tab
    code = publish(svc, seq=901)
    # The change feed brings it: the tab appears with its count.
    qtbot.waitUntil(lambda: inbox_title(desk) == "Hồ sơ trực tuyến (1)", timeout=10_000)
    qtbot.keyClick(desk, Qt.Key.Key_5, CTRL)
    view = desk.inbox_view
    assert desk.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.current_code() == code)
    assert view.heading.text().startswith(code)
    assert view.value_labels["owner"].text() == f"Trần Văn Bình ({mask_id_number('001201009876')})"
    assert view.documents_model.rowCount() == 2 and view.checked_count.text() == "Đã kiểm tra: 0/2"

    # Nothing ticked: the officer is told what to do; nothing is recorded.
    qtbot.mouseClick(view.accept_button, LEFT)
    assert "Hãy đánh dấu các giấy tờ đã kiểm tra" in view.banner.text
    assert intake.get_dossier(svc, code).status is S.REGISTERED_ONLINE

    qtbot.mouseClick(view.check_all_button, LEFT)
    assert view.checked_count.text() == "Đã kiểm tra: 2/2" and view.banner.text == ""  # done what it said
    shots(desk, "inbox-desk")
    qtbot.keyClick(view.table, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter accepts, as on the other tabs
    qtbot.waitUntil(lambda: worker.idle and len(preview_spy.calls) == 1, timeout=10_000)
    info = intake.get_dossier(svc, code)
    assert info.status is S.RECEIVED and info.received_by == "Nguyễn Văn An" and info.register_book
    printed = preview_spy.calls[0]
    assert printed.kind == "receipt" and printed.path.is_file() and printed.pdf.startswith(b"%PDF")
    assert f"Đã tiếp nhận hồ sơ {code} của Trần Văn Bình; hẹn trả kết quả" in plain(view.banner.text)
    assert "Giấy tiếp nhận đã sẵn sàng để in." in view.banner.text
    qtbot.waitUntil(lambda: inbox_title(desk) == "Hồ sơ trực tuyến", timeout=5000)
    assert view.empty_label.isVisibleTo(view)

    i18n.set_language("en")
    qtbot.waitUntil(lambda: inbox_title(desk) == "Online dossiers")
    assert view.accept_button.text() == "A&ccept and print the receipt (Ctrl+Enter)"
    assert view.model.headerData(InboxModel.WAITING, Qt.Orientation.Horizontal) == "Waiting"
    i18n.set_language("vi")
    qtbot.waitUntil(lambda: view.title.text() == "Hồ sơ nộp trực tuyến chờ tiếp nhận")


# --- the inbox ----------------------------------------------------------------------------------------


def test_oldest_first_with_waiting_time(qtbot, svc, worker, view, clock, shots):
    publish(svc, seq=902, owner="Lê Thị Cúc", id_number="001301055555",
            submitted_at=datetime(2026, 11, 26, 1, 0, tzinfo=UTC))
    oldest = publish(svc, seq=901, submitted_at=datetime(2026, 11, 24, 2, 30, tzinfo=UTC))
    publish(svc, seq=903, owner="Phạm Quốc Dũng", id_number="001099012345",
            submitted_at=datetime(2026, 11, 26, 2, 20, tzinfo=UTC), documents=[DOCUMENTS[0]], note="")
    reload(qtbot, view, worker, 3)
    model = view.model
    assert [model.index(r, InboxModel.WAITING).data() for r in range(3)] == ["2 ngày", "1 giờ 30 phút", "10 phút"]
    assert model.index(0, InboxModel.CODE).data() == oldest
    assert model.index(0, InboxModel.WAITING).data(Qt.ItemDataRole.ToolTipRole) == (
        "Đã chờ quá một ngày: hãy trả lời công dân này trước")
    assert model.index(0, InboxModel.SUBMITTED).data() == "09:30 24/11/2026"
    assert "*" in model.index(0, InboxModel.ID_NUMBER).data()
    assert view.current_code() == oldest
    view.documents_model.setData(view.documents_model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    shots(view, "inbox")
    # What was ticked stays with its dossier while the officer looks at another one.
    view.select(model.index(1, InboxModel.CODE).data())
    assert view.checked_count.text() == "Đã kiểm tra: 0/2"
    view.select(oldest)
    assert view.checked_count.text() == "Đã kiểm tra: 1/2"


def test_accepting_with_a_document_not_ticked_asks_first(qtbot, svc, worker, view, preview_spy):
    code = publish(svc, seq=901)
    reload(qtbot, view, worker, 1)
    view.documents_model.setData(view.documents_model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtbot.mouseClick(view.accept_button, LEFT)
    assert view.confirm_box.isVisible()
    assert view.confirm_text.text().startswith("Còn 1/2 giấy tờ chưa đánh dấu.")
    assert intake.get_dossier(svc, code).status is S.REGISTERED_ONLINE
    qtbot.mouseClick(view.confirm_accept_button, LEFT)
    qtbot.waitUntil(lambda: worker.idle and len(preview_spy.calls) == 1, timeout=10_000)
    info = intake.get_dossier(svc, code)
    assert info.status is S.RECEIVED
    assert [d.name for d in info.documents] == ["Tờ khai đăng ký khai sinh (bản điện tử)"]


def test_refusing_needs_a_reason_and_loses_nothing(qtbot, svc, worker, view, preview_spy, shots):
    code = publish(svc, seq=901)
    reload(qtbot, view, worker, 1)
    qtbot.mouseClick(view.refuse_button, LEFT)
    dialog = view.slip_dialog
    assert dialog is not None and dialog.isVisible() and dialog.kind == REFUSAL
    assert not dialog.items_box.isVisibleTo(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: worker.idle and dialog.reason_error.message != "", timeout=5000)
    assert dialog.reason_error.message == "Cần ghi rõ lý do."
    assert dialog.isVisible() and intake.get_dossier(svc, code).status is S.REGISTERED_ONLINE
    shots(dialog, "refuse-reason-required")

    dialog.reason.setFocus()
    type_text(qtbot, "Thủ tục thuộc thẩm quyền UBND cấp huyện")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc hides it; what was typed stays
    assert not dialog.isVisible()
    assert view.start_slip(REFUSAL) is dialog
    assert dialog.reason_text() == "Thủ tục thuộc thẩm quyền UBND cấp huyện"
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: worker.idle and len(preview_spy.calls) == 1, timeout=10_000)
    assert intake.get_dossier(svc, code).status is S.REFUSED
    assert preview_spy.calls[0].kind == "refusal" and preview_spy.calls[0].path.is_file()
    assert view.slip_dialog is None and view.model.rowCount() == 0
    assert "Mẫu 03 đã sẵn sàng để in." in view.banner.text


def test_asking_to_complete_lists_what_was_not_ticked(qtbot, svc, worker, view, preview_spy, shots):
    code = publish(svc, seq=901)
    reload(qtbot, view, worker, 1)
    view.documents_model.setData(view.documents_model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtbot.mouseClick(view.supplement_button, LEFT)
    dialog = view.slip_dialog
    assert dialog.kind == SUPPLEMENT
    assert dialog.missing_lines() == (DocumentLine(name="Giấy chứng sinh", form=DocumentForm.CERTIFIED_COPY, count=1),)
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.reason.setFocus()
    type_text(qtbot, "Bản quét giấy chứng sinh bị mờ, đề nghị gửi lại bản rõ nét.")
    shots(dialog, "supplement")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: worker.idle and len(preview_spy.calls) == 1, timeout=10_000)
    assert intake.get_dossier(svc, code).status is S.SUPPLEMENT_REQUESTED
    assert preview_spy.calls[0].kind == "supplement_request"


def test_a_dossier_taken_by_another_counter_is_said_in_plain_words(qtbot, svc, worker, view, demo):
    from counter_app.services import accounts

    code = publish(svc, seq=901)
    reload(qtbot, view, worker, 1)
    other = accounts.authenticate(svc, "canbo2", demo["canbo2"][0], 2)
    inbox.refuse_online(svc, other, code, reason="Sai thẩm quyền")
    view.check_all()
    qtbot.mouseClick(view.accept_button, LEFT)
    qtbot.waitUntil(lambda: worker.idle and view.model.rowCount() == 0, timeout=5000)
    assert f"Hồ sơ {code} không còn chờ tiếp nhận" in view.banner.text
    assert view.banner.kind.name == "ERROR"


def test_the_models_pass_the_model_tester(qtbot, svc, officer, ui_language):
    publish(svc, seq=901)
    publish(svc, seq=902, owner="Lê Thị Cúc", id_number="001301055555")
    items = inbox.online_inbox(svc, officer)
    model = InboxModel()
    QAbstractItemModelTester(model, MODE)
    model.set_items(items)
    assert model.rowCount() == 2
    model.set_items([])
    docs = CheckedDocumentsModel()
    QAbstractItemModelTester(docs, MODE)
    docs.set_lines(items[0].documents)
    assert docs.setData(docs.index(1, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert not docs.setData(docs.index(1, 1), "x", Qt.ItemDataRole.EditRole)
    assert docs.checked_lines() == (items[0].documents[1],) and docs.unchecked_lines() == (items[0].documents[0],)
    docs.set_all_checked(True)
    assert len(docs.checked_lines()) == 2
