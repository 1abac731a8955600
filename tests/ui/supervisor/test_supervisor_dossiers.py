"""The dossier lists: a count on the live view opens its list; Enter opens a dossier."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.services import supervisor
from counter_app.ui.models.dossier_list_model import DossierListModel


def test_a_dossier_count_opens_its_list(qtbot, console, centre, centre_svc, boss, worker):
    now = console.now_view
    counts = now.snapshot.dossiers
    assert now.dossier_buttons["overdue"].text() == f"Quá hạn: {counts['overdue']}"
    assert now.dossier_buttons["uncollected"].text() == f"Chưa nhận kết quả > 5 ngày: {counts['uncollected']}"
    qtbot.mouseClick(now.dossier_buttons["overdue"], Qt.MouseButton.LeftButton)
    view = console.dossiers_view
    assert console.tabs.currentWidget() is view and view.kind == "overdue"
    assert view.buttons["overdue"].isChecked()
    qtbot.waitUntil(lambda: view.panel._answered and not view.panel._loading, timeout=10_000)
    codes = view.panel.codes()
    assert codes == [d.code for d in supervisor.dossier_list(centre_svc, boss, "overdue")]
    assert len(codes) == counts["overdue"] and centre.marked["overdue_gt"] in codes
    assert view.buttons["overdue"].text() == f"Quá hạn ({counts['overdue']})"
    assert view.panel.count.text() == f"Số hồ sơ: {len(codes)}"
    model = view.panel.model
    row = model.row_of(centre.marked["overdue_gt"])
    assert model.data(model.index(row, DossierListModel.DUE), Qt.ItemDataRole.ForegroundRole) is not None  # red
    assert "*" in model.data(model.index(row, DossierListModel.ID_NUMBER))  # masked


def test_each_list_holds_its_marked_dossier_and_enter_opens_it(qtbot, console, centre, worker, preview_spy):
    console.show_dossier_list("due_today")
    view = console.dossiers_view
    for kind, label in (("due_today", "due_today"), ("supplement", "supplement"), ("uncollected", "uncollected")):
        qtbot.mouseClick(view.buttons[kind], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: view.panel._answered and not view.panel._loading, timeout=10_000)
        assert centre.marked[label] in view.panel.codes(), kind
        assert centre.marked["withdrawn"] not in view.panel.codes()

    row = view.panel.model.row_of(centre.marked["uncollected"])
    view.panel.table.selectRow(row)
    view.panel.table.setFocus()
    qtbot.keyClick(view.panel.table, Qt.Key.Key_Return)
    dialog = view.panel.dialog
    assert dialog is not None and dialog.code == centre.marked["uncollected"]
    qtbot.waitUntil(lambda: dialog.view_data is not None, timeout=10_000)
    dialog.close()
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)
