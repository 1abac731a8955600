"""The handover screen with a real SQLite site: scan, check, collector, fees, rating, receipt.

Input arrives as at the counter: the scanner types the code into the focused search box and
presses Enter; the officer uses the keyboard.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from counter_app.domain.errors import DomainError
from counter_app.domain.status import DossierStatus as S
from counter_app.services import handover, intake, lifecycle
from counter_app.ui.desk.handover_view import HandoverView
from tests.helpers import intake_request, pick_procedure
from tests.ui.keyboard import focused, press, tab, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
OWNER_ID = "001301012345"


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def receive(svc, officer, *, ready: bool = True, **owner) -> str:
    proc = pick_procedure(svc, days=5)
    code = intake.receive_dossier(svc, officer, intake_request(proc, **owner)).code
    if ready:
        lifecycle.transition(svc, officer, code, S.PROCESSING)
        lifecycle.transition(svc, officer, code, S.RESULT_READY)
    return code


@pytest.fixture
def screen(qtbot, svc, officer, worker, preview_spy, ui_language):
    view = HandoverView(svc, officer, worker, preview_opener=preview_spy)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.waitUntil(lambda: worker.idle)
    return view


def scan(qtbot, view, code: str) -> None:
    """A barcode scanner: the code typed into whatever has the focus, then Enter."""
    qtbot.keyClicks(focused(), code)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.controller.worker.idle, timeout=10_000)


def test_scanned_ready_dossier_is_handed_to_the_owner_with_fees_rating_and_receipt(qtbot, screen, svc, officer,
                                                                                  preview_spy, worker):
    code = receive(svc, officer)
    view = screen
    assert focused() is view.search
    assert [b.text() for b in view.rating_buttons.buttons()] == ["Không đánh giá", "Rất hài lòng", "Hài lòng",
                                                                  "Không hài lòng"]

    scan(qtbot, view, code)
    assert view.state_kind == "ready"
    assert "Sẵn sàng trả kết quả" in view.state_text and code in view.state_text
    assert view.hand_over_button.isEnabled()
    assert view.details["code"].text() == code
    assert "Nguyễn Thị Ấn" in view.details["owner"].text() and "001******345" in view.details["owner"].text()
    assert OWNER_ID not in view.details["owner"].text()
    assert focused() is view.search  # the next scan lands in the search box too

    # The owner collects (the default); 50.000 đ paid; the citizen is very satisfied.
    view.fees.setFocus()
    type_text(qtbot, "50000")
    tab(qtbot)
    assert view.fees.text() == "50.000"
    type_text(qtbot, "Nộp tiền mặt")
    view.rating_button(3).click()
    press(qtbot, Qt.Key.Key_Return, CTRL)

    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: worker.idle)
    printed = preview_spy.calls[0]
    assert printed.pdf.startswith(b"%PDF") and code in pdf_text(printed.pdf)
    assert "Nguyễn Thị Ấn" in view.banner.text and code in view.banner.text

    record = handover.handover_of(svc, code)
    assert record.collector_kind == "owner" and record.collector_name == "Nguyễn Thị Ấn"
    assert record.fees_paid == 50_000
    last = lifecycle.history(svc, code)[-1]
    assert last.to_status is S.RETURNED
    assert last.details["handover"]["rating"] == 3 and last.details["handover"]["fees_paid"] == 50_000
    assert intake.get_dossier(svc, code).status is S.RETURNED

    # Ready for the next citizen.
    assert view.search.text() == "" and view.fees.text() == "" and view.fee_note.text() == ""
    assert view.rating_value() is None and view.collector_owner.isChecked()
    assert not view.hand_over_button.isEnabled()
    assert focused() is view.search

    # The same slip scanned again: already returned, when and to whom; nothing to press.
    scan(qtbot, view, code)
    assert view.state_kind == "problem"
    assert "đã được trả" in view.state_text and "Nguyễn Thị Ấn" in view.state_text
    assert not view.hand_over_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: worker.idle)
    assert len(preview_spy.calls) == 1
    with pytest.raises(DomainError) as err:
        handover.hand_over(svc, officer, code, collector=handover.Collector("owner"))
    assert err.value.code == "handover_already_returned"


def test_authorised_person_with_a_letter_collects(qtbot, screen, svc, officer, preview_spy, worker):
    code = receive(svc, officer)
    view = screen
    scan(qtbot, view, code)
    assert not view.collector_name.isEnabled()
    view.collector_authorised.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert view.collector_authorised.isChecked() and view.collector_name.isEnabled()
    tab(qtbot)
    assert focused() is view.collector_name
    type_text(qtbot, "Lê Văn Tám")
    tab(qtbot)
    type_text(qtbot, "001099000111")
    tab(qtbot)
    type_text(qtbot, "Giấy ủy quyền số 15/UQ ngày 20/11/2026")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: worker.idle)

    record = handover.handover_of(svc, code)
    assert record.collector_kind == "authorised" and record.collector_name == "Lê Văn Tám"
    assert record.authorisation_note == "Giấy ủy quyền số 15/UQ ngày 20/11/2026"
    assert record.fees_paid is None
    assert "Lê Văn Tám" in pdf_text(preview_spy.calls[0].pdf)
    assert "Lê Văn Tám" in view.banner.text
    assert not view.collector_authorised.isChecked() and view.collector_name.text() == ""


def test_authorised_person_without_a_letter_is_told_and_nothing_typed_is_lost(qtbot, screen, svc, officer,
                                                                               preview_spy, worker):
    code = receive(svc, officer)
    view = screen
    scan(qtbot, view, code)
    view.collector_authorised.click()
    view.collector_name.setFocus()
    type_text(qtbot, "Lê Văn Tám")
    tab(qtbot)
    type_text(qtbot, "001099000111")
    view.fees.setText("20.000")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: worker.idle)

    message = view.errors.message("collector.authorisation_note")
    assert "giấy ủy quyền" in message
    assert focused() is view.collector_note
    assert view.collector_name.text() == "Lê Văn Tám" and view.collector_id.text() == "001099000111"
    assert view.fees.text() == "20.000" and view.collector_authorised.isChecked()
    assert view.hand_over_button.isEnabled() and view.state_kind == "ready"
    assert "Không mất" in view.banner.text or "không mất" in view.banner.text
    assert preview_spy.calls == []
    assert intake.get_dossier(svc, code).status is S.RESULT_READY

    # The letter typed, the same press hands it over.
    type_text(qtbot, "GUQ 12/2026")
    assert view.errors.message("collector.authorisation_note") == ""
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    assert handover.handover_of(svc, code).fees_paid == 20_000


def test_not_ready_dossier_is_refused_with_its_reason(qtbot, screen, svc, officer, preview_spy, worker):
    code = receive(svc, officer, ready=False)
    view = screen
    scan(qtbot, view, code)
    assert view.state_kind == "problem"
    assert "chưa có kết quả" in view.state_text and "Được tiếp nhận" in view.state_text
    assert not view.hand_over_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: worker.idle)
    assert preview_spy.calls == [] and handover.handover_of(svc, code) is None

    lifecycle.withdraw(svc, officer, code, reason="Công dân xin rút")
    view.search.selectAll()
    scan(qtbot, view, code)
    assert view.state_kind == "problem" and "rút" in view.state_text


def test_unknown_code_says_so(qtbot, screen, svc, officer, worker):
    receive(svc, officer)
    view = screen
    scan(qtbot, view, "000.00.06.H56-261126-0999")
    assert view.state_kind == "problem" and "000.00.06.H56-261126-0999" in view.state_text
    assert not view.hand_over_button.isEnabled()


def test_a_name_lists_the_matching_dossiers_to_pick_from(qtbot, screen, svc, officer, worker):
    first = receive(svc, officer)
    second = receive(svc, officer, ready=False)
    receive(svc, officer, full_name="Trần Văn Bình", id_number="001099000111", phone="0987654321")
    view = screen
    type_text(qtbot, "nguyen thi an")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)
    assert view.results_box.isVisible() and view.results_model.rowCount() == 2
    assert {view.results_model.item(r).code for r in range(2)} == {first, second}
    cells = [view.results_model.index(r, c).data() for r in range(2) for c in range(view.results_model.columnCount())]
    assert OWNER_ID not in " ".join(str(c) for c in cells)
    assert focused() is view.results
    row = view.results_model.row_of(first)
    view.results.selectRow(row)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)
    assert view.state_kind == "ready" and view.details["code"].text() == first
    assert focused() is view.search

    # One match: checked at once.
    view.search.selectAll()
    type_text(qtbot, "tran van binh")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)
    assert view.state_kind == "ready" and "Trần Văn Bình" in view.details["owner"].text()


def test_unhappy_rating_needs_a_reason_and_fees_must_be_a_number(qtbot, screen, svc, officer, preview_spy, worker):
    code = receive(svc, officer)
    view = screen
    scan(qtbot, view, code)
    view.fees.setText("123456789012345")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: worker.idle)
    assert view.errors.message("fees_paid") and focused() is view.fees
    view.fees.clear()

    view.rating_button(1).click()
    assert view.rating_reason.isEnabled() and focused() is view.rating_reason
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: worker.idle)
    assert "lý do" in view.errors.message("rating")
    assert preview_spy.calls == [] and intake.get_dossier(svc, code).status is S.RESULT_READY

    type_text(qtbot, "Phải chờ lâu")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    assert lifecycle.history(svc, code)[-1].details["handover"]["rating"] == 1


def test_screenshot_handover(qtbot, screen, svc, officer, worker, clock, tmp_path):
    """docs/screenshots/handover.png when COUNTER_APP_SCREENSHOTS=docs: an authorised person
    collects a result that came late."""
    import os
    from datetime import UTC, datetime
    from pathlib import Path

    clock.set(datetime(2026, 11, 16, 1, 40, tzinfo=UTC))
    code = receive(svc, officer, ready=False, full_name="Hoàng Minh Tuấn", id_number="001203009876")
    clock.set(datetime(2026, 11, 26, 2, 30, tzinfo=UTC))
    lifecycle.transition(svc, officer, code, S.PROCESSING)
    lifecycle.transition(svc, officer, code, S.RESULT_READY)
    view = screen
    scan(qtbot, view, code)
    view.collector_authorised.click()
    view.collector_name.setText("Lê Văn Tám")
    view.collector_id.setText("001099000222")
    view.collector_note.setText("Giấy ủy quyền số 15/UQ ngày 20/11/2026")
    view.fees.setText("200.000")
    view.rating_button(3).click()
    view.focus_search()
    assert view.state_kind == "ready"
    target = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("COUNTER_APP_SCREENSHOTS") != "docs":
        target = tmp_path
    target.mkdir(parents=True, exist_ok=True)
    image = view.grab()
    assert not image.isNull() and image.width() >= 1280
    assert image.save(str(target / "handover.png"))
    assert (target / "handover.png").stat().st_size < 200_000
