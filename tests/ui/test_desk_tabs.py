"""The desk's tabs as the officer uses them: F10 and a scanner hand a result over, Ctrl+F
searches, Ctrl+Enter belongs to the tab in front."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.domain.status import DossierStatus as S
from counter_app.services import handover, intake, lifecycle
from tests.helpers import intake_request, pick_procedure
from tests.ui.keyboard import focused

CTRL = Qt.KeyboardModifier.ControlModifier


def test_tabs_are_in_vietnamese(desk):
    titles = [desk.tabs.tabText(i) for i in range(desk.tabs.count())]
    assert titles == ["Tiếp nhận", "Trả kết quả", "Tra cứu", "Chuyển xử lý"]
    assert desk.tabs.currentWidget() is desk.intake_view


def test_f10_then_a_scan_hands_the_result_over(qtbot, desk, svc, officer, worker, preview_spy):
    proc = pick_procedure(svc, days=5)
    code = intake.receive_dossier(svc, officer, intake_request(proc)).code
    lifecycle.transition(svc, officer, code, S.RESULT_READY)

    qtbot.keyClick(desk, Qt.Key.Key_F10)
    assert desk.tabs.currentWidget() is desk.handover_view
    assert focused() is desk.handover_view.search
    qtbot.keyClicks(focused(), code)  # the scanner types the code and Enter
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle and desk.handover_view.state_kind == "ready", timeout=10_000)
    # Ctrl+Enter hands over here (the intake's save is not the one that answers)
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: worker.idle and intake.get_dossier(svc, code).status is S.RETURNED, timeout=10_000)
    qtbot.waitUntil(lambda: len(preview_spy.calls) == 1, timeout=10_000)
    assert handover.handover_of(svc, code).collector_kind == "owner"
    assert preview_spy.calls[0].kind == "handover"
    assert not desk.intake.is_dirty()  # nothing was saved on the intake form


def test_ctrl_f_opens_search_and_ctrl_1_goes_back(qtbot, desk):
    qtbot.keyClick(desk, Qt.Key.Key_F, CTRL)
    assert desk.tabs.currentWidget() is desk.search_view
    assert focused() is desk.search_view.query
    qtbot.keyClick(desk, Qt.Key.Key_1, CTRL)
    assert desk.tabs.currentWidget() is desk.intake_view
    assert desk.save_action.isEnabled()
