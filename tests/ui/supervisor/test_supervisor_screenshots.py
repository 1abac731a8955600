"""Screenshots of the supervisor console on the busy demo centre (scenario.py), as the head of the
centre sees it at 09:30 on Thursday 26/11/2026.

Always rendered (so a broken screen fails here); written to docs/screenshots/supervisor-*.png
only when COUNTER_APP_SCREENSHOTS is set ("1" or "docs"), e.g.:

    COUNTER_APP_SCREENSHOTS=1 QT_QPA_PLATFORM=offscreen pytest tests/ui/supervisor/test_supervisor_screenshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
SIZE = (1440, 900)


@pytest.fixture
def shots(tmp_path):
    target = SHOTS if os.environ.get("COUNTER_APP_SCREENSHOTS") in ("1", "docs") else tmp_path

    def save(widget, name: str) -> Path:
        path = target / f"supervisor-{name}.png"
        image = widget.grab()
        assert not image.isNull() and image.width() >= 1000
        assert image.save(str(path))
        return path

    return save


def test_screenshots_of_the_console(qtbot, console, shots, worker):
    console.resize(*SIZE)
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)
    shots(console, "now")

    console.show_dossier_list("overdue")
    qtbot.waitUntil(lambda: console.dossiers_view.panel._answered and worker.idle, timeout=10_000)
    shots(console, "dossiers")

    console.tabs.setCurrentWidget(console.indicators_view)
    qtbot.waitUntil(lambda: console.indicators_view.data is not None and worker.idle, timeout=15_000)
    shots(console, "indicators")
    console.indicators_view.show_page("reform")
    shots(console, "reform")

    console.tabs.setCurrentWidget(console.people_view)
    qtbot.waitUntil(lambda: console.people_view.data is not None and worker.idle, timeout=15_000)
    shots(console, "people")

    console.tabs.setCurrentWidget(console.charts_view)
    qtbot.waitUntil(lambda: console.charts_view.data is not None and worker.idle, timeout=15_000)
    shots(console, "charts")
