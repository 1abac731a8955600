"""The dossier dialog with a real SQLite site: the full record, its history, and the actions
(status changes, apology, withdrawal, hand-over rows, printing) through their small forms."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from counter_app.domain.status import DossierStatus as S
from counter_app.services import forwarding, intake, lifecycle
from counter_app.ui.desk.dossier_dialog import DossierDialog, TransitionForm
from tests.helpers import intake_request, pick_procedure
from tests.ui.keyboard import type_text


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def code(svc, officer) -> str:
    proc = pick_procedure(svc, days=5)
    return intake.receive_dossier(svc, officer, intake_request(proc)).code


@pytest.fixture
def open_dialog(qtbot, svc, officer, worker, preview_spy, ui_language):
    def opener(dossier_code: str) -> DossierDialog:
        dialog = DossierDialog(svc, officer, worker, dossier_code, preview_opener=preview_spy)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.info is not None, timeout=10_000)
        qtbot.waitUntil(lambda: worker.idle)
        return dialog

    return opener


def submit(qtbot, worker, form) -> None:
    form.ok_button.click()
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)


def history_rows(dialog) -> list[tuple[str, ...]]:
    return dialog.history_model.rows()


def test_the_dialog_shows_the_whole_record(open_dialog, code, svc):
    dialog = open_dialog(code)
    info = intake.get_dossier(svc, code)
    assert dialog.heading.text() == code and dialog.status_badge.text() == "2 Được tiếp nhận"
    assert dialog.value_labels["owner.full_name"].text() == "Nguyễn Thị Ấn"
    assert dialog.value_labels["owner.id_number"].text() == "001301012345"
    assert dialog.value_labels["owner.address"].text() == "12 Lê Lợi, phường Hải Châu, TP Đà Nẵng"
    assert dialog.value_labels["submitter.full_name"].text() == "chủ hồ sơ tự nộp"
    assert "26/11/2026" in dialog.value_labels["received_at"].text()
    assert dialog.value_labels["register"].text() == f"quyển {info.register_book}, số thứ tự {info.register_seq}"
    assert dialog.value_labels["paused_at"].text() == "—"
    assert dialog.documents_model.rowCount() == len(info.documents)
    assert history_rows(dialog)[0][1] == "Tiếp nhận"
    assert dialog.tabs.tabText(2) == f"Lịch sử ({dialog.history_model.rowCount()})"
    # What applies to a received dossier.
    assert dialog.transition_button.isEnabled() and dialog.apology_button.isEnabled()
    assert dialog.withdraw_button.isEnabled() and dialog.handoff_button.isEnabled()
    assert {f for f, b in dialog.print_buttons.items() if b.isEnabled()} == {"05"}


def test_status_changes_through_the_dialog_and_the_supplement_clock_moves_the_due_date(
    qtbot, open_dialog, code, svc, worker, clock, preview_spy
):
    dialog = open_dialog(code)
    due_at_receipt = intake.get_dossier(svc, code).due_at

    # 2 → 4
    form = dialog.start_transition()
    assert isinstance(form, TransitionForm)
    offered = [form.target.itemData(i) for i in range(form.target.count())]
    assert offered == [4, 5, 6, 7, 8, 9]
    form.choose(S.PROCESSING)
    assert not form.missing_box.isVisible()
    assert form.reason_label.text() == "&Lý do (không bắt buộc)"
    submit(qtbot, worker, form)
    qtbot.waitUntil(lambda: dialog.info.status is S.PROCESSING)
    assert dialog.action_form is None
    assert "Đang xử lý" in dialog.banner.text
    assert history_rows(dialog)[-1][2] == "2 Được tiếp nhận → 4 Đang xử lý"

    # 4 → 5: what is missing (ticked from the dossier's documents, one added) and why.
    form = dialog.start_transition()
    form.choose(S.SUPPLEMENT_REQUESTED)
    assert form.missing_box.isVisible() and form.reason_label.text() == "&Lý do (bắt buộc)"
    model = form.missing_model
    assert model.rowCount() == len(intake.get_dossier(svc, code).documents) and model.lines() == ()
    model.setData(model.index(0, model.COL_RECEIVED), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    row = model.add_row()
    model.setData(model.index(row, model.COL_NAME), "Bản sao giấy chứng nhận kết hôn")
    model.setData(model.index(row, model.COL_FORM), "certified_copy")
    model.setData(model.index(row, model.COL_COUNT), 2)
    type_text(qtbot, "Thiếu giấy tờ chứng minh quan hệ", form.reason)
    submit(qtbot, worker, form)
    qtbot.waitUntil(lambda: dialog.info.status is S.SUPPLEMENT_REQUESTED)
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1)  # form 02, printed at once
    qtbot.waitUntil(lambda: worker.idle)
    slip = pdf_text(preview_spy.calls[0].pdf)
    assert "Bản sao giấy chứng nhận kết hôn" in slip and code in slip
    assert dialog.value_labels["paused_at"].text() != "—"
    event = lifecycle.history(svc, code)[-1]
    assert event.to_status is S.SUPPLEMENT_REQUESTED and event.reason == "Thiếu giấy tờ chứng minh quan hệ"
    assert [m["name"] for m in event.details["missing"]][-1] == "Bản sao giấy chứng nhận kết hôn"
    assert event.details["missing"][-1]["count"] == 2 and event.details["missing"][-1]["form"] == "certified_copy"
    assert "Cần bổ sung:" in history_rows(dialog)[-1][3]
    assert dialog.print_buttons["02"].isEnabled()

    # The citizen brings the papers two working days later (Thursday → Monday): 5 → 4.
    clock.set(clock.now + timedelta(days=4))
    form = dialog.start_transition()
    assert [form.target.itemData(i) for i in range(form.target.count())] == [4, 7, 8]  # not 2: received already
    form.choose(S.PROCESSING)
    submit(qtbot, worker, form)
    qtbot.waitUntil(lambda: dialog.info.status is S.PROCESSING)
    info = intake.get_dossier(svc, code)
    assert info.due_at == due_at_receipt + timedelta(days=4)  # Thu 03/12 → Mon 07/12 (two working days)
    assert info.original_due_at == due_at_receipt and info.paused_at is None
    last = history_rows(dialog)[-1]
    assert last[2] == "5 Yêu cầu bổ sung giấy tờ → 4 Đang xử lý" and "→" in last[5]
    assert "07/12/2026" in dialog.value_labels["due_at"].text()
    assert "03/12/2026" in dialog.value_labels["original_due_at"].text()
    assert dialog.changed


def test_incomplete_or_stale_actions_show_the_services_message_and_write_nothing(
    qtbot, open_dialog, code, svc, officer, worker, preview_spy
):
    dialog = open_dialog(code)
    before = len(lifecycle.history(svc, code))

    # A request to complete with nothing ticked: the law wants the missing items written down.
    form = dialog.start_transition()
    form.choose(S.SUPPLEMENT_REQUESTED)
    form.reason.setPlainText("Thiếu giấy tờ")
    submit(qtbot, worker, form)
    assert dialog.action_form is form and form.isVisible()
    assert "ít nhất một giấy tờ" in form.missing.error.message
    assert form.reason.toPlainText() == "Thiếu giấy tờ"
    form.reject()

    # A withdrawal without the citizen's reason.
    form = dialog.start_withdraw()
    submit(qtbot, worker, form)
    assert "lý do" in form.errors.message("reason") and form.isVisible()
    form.reject()

    # An apology whose new date is not later than the due date.
    form = dialog.start_apology()
    form.reason.setPlainText("Cơ quan chuyên môn cần thêm thời gian xác minh")
    form.set_due(intake.get_dossier(svc, code).due_at - timedelta(days=1))
    submit(qtbot, worker, form)
    assert "sau ngày hẹn trả hiện tại" in form.errors.message("new_due")
    assert form.reason.toPlainText() == "Cơ quan chuyên môn cần thêm thời gian xác minh"
    form.reject()

    # Another counter moved the dossier meanwhile: the move chosen here is no longer legal.
    lifecycle.transition(svc, officer, code, S.RESULT_READY)
    form = dialog.start_transition()
    form.choose(S.AWAITING_PAYMENT)
    form.reason.setPlainText("Chờ nộp lệ phí")
    submit(qtbot, worker, form)
    assert "không thể chuyển sang" in form.general_error.message and "Đã xử lý xong" in form.general_error.message
    form.reject()

    assert len(lifecycle.history(svc, code)) == before + 1  # only the other counter's move
    assert intake.get_dossier(svc, code).status is S.RESULT_READY
    assert preview_spy.calls == [] and not dialog.changed


def test_an_apology_prints_form_04_and_sets_the_new_due_date(qtbot, open_dialog, code, svc, worker, preview_spy):
    dialog = open_dialog(code)
    assert not dialog.print_buttons["04"].isEnabled()
    original = intake.get_dossier(svc, code).due_at
    form = dialog.start_apology()
    type_text(qtbot, "Cơ quan chuyên môn cần thêm thời gian xác minh", form.reason)
    form.set_due(original + timedelta(days=5))
    submit(qtbot, worker, form)
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: worker.idle)
    printed = preview_spy.calls[0]
    assert printed.kind == "apology"
    text = pdf_text(printed.pdf)
    assert code in text and "Cơ quan chuyên môn cần thêm thời gian xác minh" in text
    info = intake.get_dossier(svc, code)
    assert info.due_at == original + timedelta(days=5) and info.original_due_at == original
    assert dialog.print_buttons["04"].isEnabled()
    assert history_rows(dialog)[-1][1] == "Xin lỗi, hẹn lại" and history_rows(dialog)[-1][6].endswith("/PXL")
    assert "Mẫu 04" in dialog.banner.text

    # Printed again from its button.
    dialog.print_buttons["04"].click()
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 2, timeout=10_000)


def test_withdrawal_and_hand_over_rows(qtbot, open_dialog, code, svc, worker, preview_spy):
    dialog = open_dialog(code)
    form = dialog.start_handoff()
    assert form.from_unit.text() == forwarding.RECEPTION_UNIT and form.giver.text() == "Nguyễn Văn An"
    form.to_unit.setText("Phòng Tư pháp")
    form.receiver.setText("Lê Thị Hoa")
    submit(qtbot, worker, form)
    qtbot.waitUntil(lambda: dialog.handoffs_model.rowCount() == 1)
    row = dialog.handoffs_model.rows()[0]
    assert row[:2] == (forwarding.RECEPTION_UNIT, "Phòng Tư pháp") and row[4] == "Lê Thị Hoa"
    assert row[5] in ("sớm hạn", "đúng hạn")
    assert forwarding.handoffs(svc, code)[0].receiver == "Lê Thị Hoa"
    assert dialog.tabs.tabText(3) == "Phiếu kiểm soát (1)"

    form = dialog.start_handoff()
    assert form.from_unit.text() == "Phòng Tư pháp" and form.to_unit.text() == forwarding.RECEPTION_UNIT
    form.to_unit.clear()
    submit(qtbot, worker, form)
    assert form.errors.message("to_unit") and form.isVisible()
    form.reject()

    form = dialog.start_withdraw()
    form.reason.setPlainText("Công dân không còn nhu cầu")
    submit(qtbot, worker, form)
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: worker.idle)
    assert preview_spy.calls[0].kind == "withdrawal"
    assert dialog.info.status is S.WITHDRAWN
    assert not dialog.transition_button.isEnabled() and not dialog.withdraw_button.isEnabled()
    assert not dialog.apology_button.isEnabled()
    assert {f for f, b in dialog.print_buttons.items() if b.isEnabled()} == {"05", "withdrawal"}
