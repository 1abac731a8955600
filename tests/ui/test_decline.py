"""Not accepting a dossier at the intake form (forms 02 / 03) and reopening it when the citizen
comes back: real desk widgets, real services, a real SQLite site; typed with the keyboard."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt

from counter_app.domain.intake import DocumentForm, DocumentLine
from counter_app.services import intake
from counter_app.services.not_accepted import find_not_accepted
from counter_app.ui.widgets.banner import BannerKind
from counter_app.ui.desk.decline_dialog import DeclineDialog, SlipItemsModel
from counter_app.ui.models.documents_model import DocumentsTableModel as M
from tests.ui.keyboard import focused, press, tab, type_text
from tests.ui.test_desk_flow import CTRL, choose_procedure

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ID_NUMBER = "001190012345"


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _fill_form(qtbot, desk) -> None:
    choose_procedure(qtbot, desk, "khai sinh")
    type_text(qtbot, "Nguyễn Thị Ấn")
    tab(qtbot, 2)  # past the ID kind
    type_text(qtbot, ID_NUMBER)
    tab(qtbot)
    type_text(qtbot, "05/09/1990")
    tab(qtbot)
    type_text(qtbot, "0912 345 678")
    tab(qtbot, 2)
    type_text(qtbot, "12 Lê Lợi, phường Hải Châu, TP Đà Nẵng")


def _untick(qtbot, desk, *rows: int) -> None:
    table = desk.intake_view.documents.view
    table.setFocus()
    for row in rows:
        table.setCurrentIndex(desk.intake_view.documents_model.index(row, M.COL_RECEIVED))
        press(qtbot, Qt.Key.Key_Space)


def _open_decline(qtbot, desk) -> DeclineDialog:
    press(qtbot, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: desk.intake.decline_dialog is not None and desk.intake.decline_dialog.isVisible())
    dialog = desk.intake.decline_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_request_to_complete_then_reopen_and_receive(qtbot, desk, svc, preview_spy):
    view = desk.intake_view
    _fill_form(qtbot, desk)
    _untick(qtbot, desk, 0, 1)
    rows = view.documents_model.rows()
    missing_names = [rows[0].name, rows[1].name]
    received_before = view.documents_model.lines()

    # Ctrl+Shift+R: the dialog lists what was not ticked, form 02 chosen.
    dialog = _open_decline(qtbot, desk)
    assert dialog.kind() == "supplement" and dialog.supplement.hasFocus()
    assert [line.name for line in dialog.items_model.lines()] == missing_names
    assert "Nguyễn Thị Ấn" in dialog.intro.text() and "Đăng ký khai sinh" in dialog.intro.text()
    # The officer makes the second item a certified copy, and writes the guidance.
    dialog.items_model.setData(dialog.items_model.index(1, SlipItemsModel.COL_FORM), DocumentForm.CERTIFIED_COPY.value)
    dialog.reason.setFocus()
    type_text(qtbot, "Bổ sung giấy chứng sinh bản sao có chứng thực.")
    press(qtbot, Qt.Key.Key_Return, CTRL)

    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)
    records = find_not_accepted(svc, ID_NUMBER)
    assert len(records) == 1
    record = records[0]
    assert record.kind == "supplement" and record.number.endswith("/PYCBS")
    assert record.missing == (
        DocumentLine(missing_names[0], DocumentForm.ORIGINAL, 1),
        DocumentLine(missing_names[1], DocumentForm.CERTIFIED_COPY, 1),
    )
    assert record.reason == "Bổ sung giấy chứng sinh bản sao có chứng thực."
    assert desk.intake.last_slip == record.number

    printed = preview_spy.calls[0]
    assert printed.pdf.startswith(b"%PDF") and printed.path.is_file()
    text = pdf_text(printed.pdf)
    assert record.number in text
    for name in missing_names:
        assert " ".join(name.split()) in text
    assert record.number in view.banner.text
    # The form is empty for the next citizen; the dialog is gone.
    assert view.picker.edit.text() == "" and view.owner.full_name.text() == ""
    assert view.documents_model.rowCount() == 0
    assert desk.intake.decline_dialog is None  # recorded: the dialog is gone
    qtbot.waitUntil(desk.isActiveWindow)
    assert focused() is view.picker.edit

    # The citizen comes back: typing the ID number offers to reopen the slip.
    view.owner.id_number.setFocus()
    type_text(qtbot, ID_NUMBER)
    qtbot.waitUntil(lambda: view.reopen_banner.isVisible(), timeout=5000)
    assert record.number in view.reopen_banner.text and "Đăng ký khai sinh" in view.reopen_banner.text
    assert view.reopen_banner.action_button.text() == "Mở lại"
    view.reopen_banner.action_button.click()
    qtbot.waitUntil(lambda: desk.intake.reopened_from is not None, timeout=5000)
    qtbot.waitUntil(lambda: desk.worker.idle)

    # Everything as typed the first time, without retyping.
    assert desk.intake.procedure.name == "Đăng ký khai sinh"
    assert view.picker.edit.text() == "Đăng ký khai sinh"
    assert view.owner.full_name.text() == "Nguyễn Thị Ấn"
    assert view.owner.id_number.text() == ID_NUMBER
    assert view.owner.birth_date.text() == "05/09/1990"
    assert view.owner.address.text() == "12 Lê Lợi, phường Hải Châu, TP Đà Nẵng"
    assert view.documents_model.lines() == received_before
    assert [r.name for r in view.documents_model.rows() if not r.received][:2] == missing_names
    assert "Mở lại từ phiếu yêu cầu bổ sung số " + record.number in view.reopen_banner.text
    assert focused() is view.documents.view

    # The citizen brought the two papers: tick them, Ctrl+Enter receives the dossier.
    _untick(qtbot, desk, 0, 1)  # Space ticks them again
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.intake.last_code is not None, timeout=10_000)
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)

    dossier = intake.get_dossier(svc, desk.intake.last_code)
    assert dossier.owner.full_name == "Nguyễn Thị Ấn" and dossier.owner.id_number == ID_NUMBER
    assert [d.name for d in dossier.documents][:2] == missing_names
    assert find_not_accepted(svc, ID_NUMBER, open_only=True) == []
    assert len(find_not_accepted(svc, ID_NUMBER, open_only=False)) == 1
    assert not view.reopen_banner.isVisible() and desk.intake.reopened_from is None


def test_refusal_needs_a_reason_shown_in_the_dialog_and_nothing_is_written(qtbot, desk, svc, preview_spy):
    view = desk.intake_view
    _fill_form(qtbot, desk)
    dialog = _open_decline(qtbot, desk)
    press(qtbot, Qt.Key.Key_Down)  # radio buttons: form 03
    assert dialog.kind() == "refusal" and not dialog.items_box.isVisible()
    assert "bắt buộc" in dialog.reason_label.text()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.worker.idle)

    assert dialog.isVisible()
    assert dialog.reason_error.message == "Cần ghi rõ lý do."
    assert focused() is dialog.reason
    assert find_not_accepted(svc, "", open_only=False) == []
    assert preview_spy.calls == []
    assert view.owner.full_name.text() == "Nguyễn Thị Ấn"  # nothing lost

    type_text(qtbot, "Thủ tục thuộc thẩm quyền của UBND cấp huyện.")
    assert dialog.reason_error.message == ""
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)
    record = find_not_accepted(svc, ID_NUMBER)[0]
    assert record.kind == "refusal" and record.number.endswith("/PTC") and record.missing == ()
    text = pdf_text(preview_spy.calls[0].pdf)
    assert record.number in text and "Thủ tục thuộc thẩm quyền của UBND cấp huyện." in text
    assert f"Đã lập phiếu từ chối tiếp nhận số <b style='font-size:13pt'>{record.number}</b> cho Nguyễn Thị Ấn" in (
        view.banner.text)


def test_missing_owner_is_shown_next_to_the_intake_field_and_the_dialog_keeps_its_lines(qtbot, desk, svc):
    view = desk.intake_view
    choose_procedure(qtbot, desk, "khai sinh")
    _untick(qtbot, desk, 2)
    dialog = _open_decline(qtbot, desk)
    dialog.reason.setFocus()
    type_text(qtbot, "Thiếu giấy tờ tùy thân.")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.worker.idle)

    # The owner's name and ID are needed for the slip: said next to the fields of the form.
    assert not dialog.isVisible()
    assert view.errors.message("owner.full_name")
    assert view.errors.message("owner.id_number")
    assert "Chưa lập phiếu" in view.banner.text
    assert focused() is view.owner.full_name
    assert find_not_accepted(svc, "", open_only=False) == []

    type_text(qtbot, "Trần Văn Hùng")
    tab(qtbot, 2)
    type_text(qtbot, "001085012345")
    # Ctrl+Shift+R again: the same dialog, with what was typed in it.
    dialog_again = _open_decline(qtbot, desk)
    assert dialog_again is dialog
    assert dialog.reason_text() == "Thiếu giấy tờ tùy thân."
    assert len(dialog.items_model.lines()) == 1
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.intake.last_slip is not None, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)
    assert find_not_accepted(svc, "001085012345")[0].owner_name == "Trần Văn Hùng"


def test_a_supplement_without_any_item_is_refused_in_the_dialog(qtbot, desk, svc):
    _fill_form(qtbot, desk)
    dialog = _open_decline(qtbot, desk)
    assert dialog.items_model.rowCount() == 0  # everything was ticked as received
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.worker.idle)
    assert dialog.isVisible()
    assert "ít nhất một giấy tờ" in dialog.items_error.message
    # Ctrl+Insert adds a line and opens its name for typing.
    dialog.items.setFocus()
    press(qtbot, Qt.Key.Key_Insert, CTRL)
    type_text(qtbot, "Sổ hộ khẩu")
    press(qtbot, Qt.Key.Key_Return)  # the editor commits on the next turn of the event loop
    qtbot.waitUntil(lambda: dialog.items_model.lines() == (DocumentLine("Sổ hộ khẩu"),))
    # Esc goes back to the form and loses nothing.
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.waitUntil(desk.isActiveWindow)  # the keyboard is back in the form
    assert _open_decline(qtbot, desk).items_model.lines() == (DocumentLine("Sổ hộ khẩu"),)


def test_reopen_dialog_finds_the_slip_by_name_and_fills_the_form(qtbot, desk, svc, preview_spy):
    view = desk.intake_view
    _fill_form(qtbot, desk)
    _untick(qtbot, desk, 1)
    _open_decline(qtbot, desk)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.intake.last_slip is not None, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)
    number = desk.intake.last_slip

    press(qtbot, Qt.Key.Key_O, CTRL_SHIFT)
    qtbot.waitUntil(lambda: desk.intake.reopen_dialog is not None and desk.intake.reopen_dialog.isVisible())
    dialog = desk.intake.reopen_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.search
    type_text(qtbot, "nguyen thi an")
    qtbot.waitUntil(lambda: not dialog.searching and dialog.model.rowCount() == 1, timeout=5000)
    slip = dialog.model.item(0)
    assert slip.number == number
    row = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert row[0] == number and row[2] == "Yêu cầu bổ sung (Mẫu 02)" and row[4] == "Nguyễn Thị Ấn"
    assert row[5] != ID_NUMBER and row[5].endswith("345")  # masked
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.intake.reopened_from is not None, timeout=5000)
    qtbot.waitUntil(lambda: desk.worker.idle)
    assert not dialog.isVisible()
    assert view.owner.full_name.text() == "Nguyễn Thị Ấn" and desk.intake.procedure.name == "Đăng ký khai sinh"

    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.intake.last_code is not None, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)
    assert find_not_accepted(svc, "", open_only=True) == []

    # The same slip cannot be taken up twice (say, from a list opened before): not done.
    desk.intake.reopen(slip)
    qtbot.waitUntil(lambda: desk.worker.idle)
    assert view.banner.kind is BannerKind.ERROR
    assert f"Phiếu {number} đã được tiếp nhận lại thành hồ sơ {desk.intake.last_code}" in view.banner.text
    assert desk.intake.reopened_from is None and view.owner.full_name.text() == ""


def test_a_slip_already_taken_up_is_explained(qtbot, desk, svc):
    from tests.helpers import intake_request, pick_procedure
    from counter_app.services import not_accepted

    request = intake_request(pick_procedure(svc))
    slip = not_accepted.decline_intake(svc, desk.actor, request, kind="refusal", reason="Thiếu hồ sơ")
    reopened = not_accepted.reopen_request(svc, desk.actor, slip.number)
    code = intake.receive_dossier(svc, desk.actor, reopened).code
    desk.intake.reopen(slip)
    qtbot.waitUntil(lambda: desk.worker.idle)
    assert f"Phiếu {slip.number} đã được tiếp nhận lại thành hồ sơ {code}" in desk.intake_view.banner.text
