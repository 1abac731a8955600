from PySide6.QtCore import Qt
from tests.ui.keyboard import focused, press, tab, type_text
from tests.ui.test_desk_flow import choose_procedure, CTRL

def test_x(qtbot, desk, svc):
    view = desk.intake_view
    choose_procedure(qtbot, desk, "dang ky khai sinh")
    type_text(qtbot, "Nguyễn Thị Ấn")
    tab(qtbot, 2)
    type_text(qtbot, "001190012345")
    tab(qtbot)
    type_text(qtbot, "05/09/1990")
    tab(qtbot)
    type_text(qtbot, "0912 345 678")
    tab(qtbot, 2)
    type_text(qtbot, "12 Lê Lợi, phường Hải Châu, TP Đà Nẵng")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.intake.last_code is not None, timeout=10_000)
    qtbot.waitUntil(lambda: desk.worker.idle)
