"""Start the ticket kiosk: `counter-app kiosk [--roll 58|80] [--pdf-dir DIR] [--windowed] [--language vi|en]`.

Full screen, on top, no mouse pointer (it is a touch screen). Tickets go to the system's
default printer, or to the printer named by COUNTER_APP_KIOSK_PRINTER, on a page as wide as
the roll; with --pdf-dir they are written there as PDF files instead. Every ticket is also
archived (services/tickets.py). The exit PIN (site setting kiosk_pin, else
COUNTER_APP_KIOSK_PIN) is asked for on Alt+F4 or after holding the centre name for 3 s; a
--windowed kiosk with no PIN configured closes freely (for trying it out).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication

from counter_app import __version__
from counter_app.ui import i18n
from counter_app.ui.kiosk.printing import PdfDirSink, QtTicketPrinter, TicketSink
from counter_app.ui.kiosk.window import KioskWindow
from counter_app.ui.live import LiveUpdates
from counter_app.ui.worker import Worker

PRINTER_ENV = "COUNTER_APP_KIOSK_PRINTER"


def touch_application(language: str, name: str) -> QApplication:
    """The QApplication of a touch window, in the given UI language."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("counter-app")
    app.setApplicationDisplayName(name)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("counter-app")
    i18n.set_language(language)
    return app


def show_touch_window(app: QApplication, window: Any, *, windowed: bool, size: tuple[int, int]) -> None:
    if windowed:
        window.resize(*size)
        window.show()
    else:
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
        window.showFullScreen()


def run_touch_window(app: QApplication, window: Any, worker: Worker, live: LiveUpdates) -> int:
    """Run until the window closes; then stop the live feed and the worker cleanly."""
    app.setQuitOnLastWindowClosed(True)
    try:
        code = app.exec()
    finally:
        live.stop()
        worker.wait_for_done()
        QCoreApplication.sendPostedEvents()  # callbacks of calls that just finished
        window.hide()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.restoreOverrideCursor()
        i18n.remove_translators()
    return code


def ticket_sink(options: Any) -> TicketSink:
    pdf_dir = getattr(options, "pdf_dir", None)
    if pdf_dir:
        return PdfDirSink(Path(pdf_dir).expanduser())
    return QtTicketPrinter(os.environ.get(PRINTER_ENV, ""))


def run_kiosk(services: Any, *, settings: Any, options: Any) -> int:
    """Run the kiosk until an administrator closes it with the PIN; the exit code for cli.py."""
    windowed = bool(getattr(options, "windowed", False))
    app = touch_application(getattr(options, "language", None) or settings.language, "Kiosk")
    worker = Worker()
    live = LiveUpdates(services)
    window = KioskWindow(
        services,
        worker,
        sink=ticket_sink(options),
        roll_mm=int(getattr(options, "roll", None) or getattr(settings, "ticket_width_mm", 80) or 80),
        lock_without_pin=not windowed,
        live=live,
    )
    live.start()
    show_touch_window(app, window, windowed=windowed, size=(1280, 800))
    return run_touch_window(app, window, worker, live)
