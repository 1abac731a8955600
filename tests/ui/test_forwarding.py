"""Forwarding received dossiers to their agency: the screen, its table model, the printed list."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt

from counter_app.domain.status import DossierStatus
from counter_app.services import catalog, forwarding, intake
from counter_app.ui.desk.forwarding_view import CombinedDocument, ForwardingView
from counter_app.ui.models.forward_model import ANY_AGENCY, NO_AGENCY, ForwardTableModel
from tests.helpers import intake_request
from tests.ui.keyboard import press, type_text
from tests.ui.test_desk_flow import CTRL

BIRTH = "1.001193.000.00.00.H38"  # Đăng ký khai sinh, lead agency "UBND cấp xã"


def pdf_text(pdf: bytes) -> list[str]:
    """Each page's text without any white space (a code may wrap inside its table cell)."""
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _receive(svc, officer, names: list[str], procedure_code: str = BIRTH) -> list[str]:
    procedure = catalog.get_procedure(svc, procedure_code)
    codes = []
    for i, name in enumerate(names):
        request = intake_request(procedure, full_name=name, id_number=f"00130101234{i}")
        codes.append(intake.receive_dossier(svc, officer, request).code)
    return codes


def _view(qtbot, svc, officer, worker, preview_spy) -> ForwardingView:
    view = ForwardingView(svc, officer, worker, preview_opener=preview_spy)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.waitUntil(lambda: worker.idle)
    return view


def test_forward_two_of_three_then_print_the_list_and_the_control_slips(
    qtbot, svc, officer, worker, preview_spy, ui_language
):
    codes = _receive(svc, officer, ["Nguyễn Thị Ấn", "Trần Văn Bình", "Lê Thị Cúc"])
    view = _view(qtbot, svc, officer, worker, preview_spy)
    model = view.model
    assert [model.item(r).code for r in range(model.rowCount())] == codes
    assert view.agency_filter.itemText(0) == "Tất cả cơ quan (3)"
    assert view.agency_filter.itemText(1) == "UBND cấp xã (3)"
    assert view.count_label.text() == "Đã chọn: 0 hồ sơ (0 bộ)"
    assert not view.forward_button.isEnabled()

    # Space ticks the current row, whatever its column; Down moves on.
    view.table.setFocus()
    view.table.setCurrentIndex(model.index(0, ForwardTableModel.COL_OWNER))
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    assert model.checked_codes() == codes[:2]
    assert view.count_label.text() == "Đã chọn: 2 hồ sơ (2 bộ)"
    assert view.agency.currentText() == "UBND cấp xã"  # the agency of the dossiers ticked
    view.receiver.setFocus()
    type_text(qtbot, "Phạm Thị Nhận")
    press(qtbot, Qt.Key.Key_Return, CTRL)

    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: worker.idle)
    batch = view.last_batch
    assert batch.number.endswith("/BGHS") and batch.agency == "UBND cấp xã" and batch.receiver == "Phạm Thị Nhận"
    for code in codes[:2]:
        dossier = intake.get_dossier(svc, code)
        assert dossier.status is DossierStatus.PROCESSING and dossier.forwarded_at is not None
        rows = forwarding.handoffs(svc, code)
        assert len(rows) == 1
        assert (rows[0].to_unit, rows[0].giver, rows[0].receiver) == ("UBND cấp xã", officer.full_name, "Phạm Thị Nhận")
    assert intake.get_dossier(svc, codes[2]).status is DossierStatus.RECEIVED
    # The list now shows only the third dossier.
    assert [model.item(r).code for r in range(model.rowCount())] == [codes[2]]
    assert view.agency_filter.itemText(0) == "Tất cả cơ quan (1)"
    assert batch.number in view.banner.text and "Đã chuyển 2 hồ sơ đến UBND cấp xã" in view.banner.text

    # The forward list lists the two codes, and not the third.
    forward_list = preview_spy.calls[0]
    assert forward_list.kind == "forward_list" and forward_list.path.is_file()
    text = " ".join(pdf_text(forward_list.pdf))
    assert codes[0] in text and codes[1] in text and codes[2] not in text
    assert batch.number in text

    # The control slips (form 05), one page per dossier, from the button.
    assert view.slips_button.isEnabled() and view.slips_button.text() == "In phiếu kiểm soát (2)"
    view.slips_button.click()
    assert len(preview_spy.calls) == 2
    slips = preview_spy.calls[1]
    assert isinstance(slips, CombinedDocument) and len(slips.parts) == 2
    assert all(part.path.is_file() for part in slips.parts)
    pages = pdf_text(slips.pdf)
    assert len(pages) >= 2
    assert codes[0] in " ".join(pages) and codes[1] in " ".join(pages)


def test_filter_by_agency_and_the_agency_mismatch_is_refused(qtbot, svc, officer, worker, preview_spy, ui_language):
    births = _receive(svc, officer, ["Nguyễn Thị Ấn", "Trần Văn Bình"])
    other = next(p for p in catalog.list_procedures(svc, include_retired=False)
                 if p.lead_agency and p.lead_agency != "UBND cấp xã")
    others = _receive(svc, officer, ["Lê Thị Cúc"], other.code)
    view = _view(qtbot, svc, officer, worker, preview_spy)
    assert view.model.rowCount() == 3

    view.choose_agency(other.lead_agency)
    assert [view.model.item(r).code for r in range(view.model.rowCount())] == others
    assert view.agency.currentText() == other.lead_agency
    view.choose_agency(ANY_AGENCY)
    assert view.model.rowCount() == 3

    # "Tick all in view" with the three shown, forwarded to the birth registration agency: refused.
    view.select_all.click()
    assert view.model.checked_codes() == [view.model.item(r).code for r in range(3)]
    view.agency.setEditText("UBND cấp xã")
    view.forward()
    assert other.lead_agency in view.agency_error.message and others[0] in view.agency_error.message
    assert worker.idle and view.last_batch is None
    assert intake.get_dossier(svc, births[0]).status is DossierStatus.RECEIVED

    # Hiding rows unticks them: only what is shown is forwarded.
    view.choose_agency("UBND cấp xã")
    assert view.model.checked_codes() == births
    view.forward()
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: worker.idle)
    assert [i.code for i in view.last_batch.items] == births
    assert [view.model.item(r).code for r in range(view.model.rowCount())] == others
    assert view.agency_filter.currentIndex() == 0  # that agency has nothing left: back to all


def test_nothing_ticked_or_no_agency_is_explained(qtbot, svc, officer, worker, preview_spy, ui_language):
    codes = _receive(svc, officer, ["Nguyễn Thị Ấn"])
    view = _view(qtbot, svc, officer, worker, preview_spy)
    view.forward()
    assert "Hãy chọn hồ sơ cần chuyển trước" in view.banner.text
    view.model.setData(view.model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    view.agency.setEditText("")
    view.forward()
    assert view.agency_error.message == "Cần ghi cơ quan nhận hồ sơ để giải quyết."
    assert worker.idle and intake.get_dossier(svc, codes[0]).status is DossierStatus.RECEIVED


def test_forward_model_passes_the_model_tester(qtmodeltester, svc, officer, qapp):
    _receive(svc, officer, ["Nguyễn Thị Ấn", "Trần Văn Bình"])
    model = ForwardTableModel()
    model.set_items(forwarding.forwardable(svc))
    qtmodeltester.check(model)
    assert model.agencies() == [("UBND cấp xã", 2)]
    model.set_all_checked(True)
    model.set_text_filter("binh")  # accents optional
    assert [model.item(0).owner_name] == ["Trần Văn Bình"] and model.rowCount() == 1
    assert model.checked_codes() == [model.item(0).code]  # the hidden row was unticked
    model.set_text_filter("")
    model.set_agency_filter(NO_AGENCY)
    assert model.rowCount() == 0
    qtmodeltester.check(model)
