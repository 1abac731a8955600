"""Screenshots of the desk as the officer sees it (offscreen), for docs/ and for review.

Always rendered (so a broken screen fails here); written to docs/desk-*.png only when
COUNTER_APP_SCREENSHOTS=docs, e.g.:

    COUNTER_APP_SCREENSHOTS=docs pytest tests/ui/test_screenshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from counter_app.services import setup
from counter_app.ui.desk.login_dialog import LoginDialog
from tests.ui.keyboard import press, tab, type_text
from tests.ui.test_desk_flow import CTRL, choose_procedure

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def shots(tmp_path):
    target = DOCS if os.environ.get("COUNTER_APP_SCREENSHOTS") == "docs" else tmp_path

    def save(widget, name: str) -> Path:
        path = target / f"desk-{name}.png"
        image = widget.grab()
        assert not image.isNull() and image.width() > 300
        assert image.save(str(path))
        return path

    return save


def test_screenshot_login(qtbot, svc, demo, worker, ui_language, shots):
    dialog = LoginDialog(svc, worker, site=setup.site_info(svc), counter_number=2)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_text(qtbot, "canbo2")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "sai-mat-khau")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: worker.idle)
    assert dialog.message.isVisible()
    shots(dialog, "login")


def test_screenshot_intake_filled(qtbot, desk, shots):
    desk.resize(1280, 800)
    choose_procedure(qtbot, desk, "khai sinh")
    type_text(qtbot, "Nguyễn Thị Ấn")
    tab(qtbot, 2)
    type_text(qtbot, "001190012345")
    tab(qtbot)
    type_text(qtbot, "05/09/1990")
    tab(qtbot)
    type_text(qtbot, "0912 345 678")
    tab(qtbot)
    type_text(qtbot, "an.nguyen@example.vn")
    tab(qtbot)
    type_text(qtbot, "12 Lê Lợi, phường Hải Châu, TP Đà Nẵng")
    qtbot.waitUntil(lambda: desk.intake_view.due.text().startswith("Hẹn trả"))
    qtbot.waitUntil(lambda: desk.worker.idle)
    shots(desk, "intake")


def test_screenshot_errors(qtbot, desk, shots):
    desk.resize(1280, 800)
    choose_procedure(qtbot, desk, "khai sinh")
    type_text(qtbot, "Trần Văn Bình")
    tab(qtbot, 2)
    type_text(qtbot, "00109001234")
    tab(qtbot)
    type_text(qtbot, "05/09/1990")
    tab(qtbot)
    type_text(qtbot, "0912 345")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.worker.idle)
    assert desk.intake_view.errors.message("owner.id_number")
    shots(desk, "errors")
