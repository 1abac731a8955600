"""UI-only fixtures: offscreen Qt, the desk in Vietnamese, a real SQLite site database.

The desk runs on the embedded SQLite file; the PostgreSQL half of the suite is covered by
the store and services tests, so UI tests pin the backend to SQLite.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _delete_closed_widgets(qapp):
    """Really delete the widgets qtbot closed (deleteLater needs an event loop turn).

    Qt objects still alive when Python finalises make PySide crash at exit
    ("bool_dealloc"/"none_dealloc"), so nothing is left for the interpreter to tear down.
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def ui_language(qapp):
    """The desk in Vietnamese (its default), restored after the test."""
    from counter_app.ui import i18n

    i18n.set_language("vi")
    yield "vi"
    i18n.set_language("vi")


@pytest.fixture
def worker(qapp, qtbot):
    """The background-call helper; waits for every call to finish at the end of the test."""
    from counter_app.ui.worker import Worker

    w = Worker()
    yield w
    qtbot.waitUntil(lambda: w.idle, timeout=10_000)
    w.wait_for_done()


class PreviewSpy:
    """Stands in for the modal print preview: records what it was asked to show."""

    def __init__(self) -> None:
        self.calls: list = []

    def __call__(self, printed, parent) -> None:
        self.calls.append(printed)


@pytest.fixture
def preview_spy() -> PreviewSpy:
    return PreviewSpy()


@pytest.fixture
def desk(qtbot, svc, officer, worker, preview_spy, ui_language):
    """The main window of officer canbo1 at counter 1 of the demo centre, shown and active."""
    from counter_app.ui.app import build_desk_window

    window = build_desk_window(svc, officer, worker=worker, preview_opener=preview_spy,
                               confirm_discard=lambda parent: True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: worker.idle)
    window.intake.focus_procedure()
    return window
