"""Start the hall display board (`counter-app display`): full screen on the hall TV, with voice.

Keys on the board: M switches the loudspeaker off and on, F11 leaves or enters full screen,
Ctrl+Q closes. With several screens the board goes to the one that is not the primary
screen (the TV next to the PC's own monitor) unless COUNTER_APP_DISPLAY_SCREEN names one
(its index from 0, or its name).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

from counter_app import __version__
from counter_app.ui import i18n
from counter_app.ui.display.announcer import Announcer, AudioBackend, choose_backend
from counter_app.ui.display.controller import SAFETY_INTERVAL_MS, BoardController
from counter_app.ui.display.view import BoardView
from counter_app.ui.live import LiveUpdates
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

SCREEN_ENV = "COUNTER_APP_DISPLAY_SCREEN"
# Calls and status are read at once; two more threads for a read given up as hung.
BOARD_THREADS = 4


def build_display(
    services: Any,
    *,
    worker: Worker | None = None,
    announcer: Announcer | None = None,
    backend: AudioBackend | None = None,
    live: LiveUpdates | None = None,
    muted: bool = False,
    language: str | None = None,
    safety_interval_ms: int = SAFETY_INTERVAL_MS,
) -> BoardView:
    """The board window with its controller (``board.controller``); call
    ``board.controller.start()`` once shown. Needs a QApplication.

    ``live`` follows the change feed (without it only the safety timer, every
    ``safety_interval_ms``, refreshes);
    the announcer plays through ``backend`` (default: a Vietnamese voice, else the clips).
    """
    if language is not None and language != i18n.current_language():
        i18n.set_language(language)
    board = BoardView()
    if worker is None:
        worker = Worker(board, max_threads=BOARD_THREADS)
    if announcer is None:
        announcer = Announcer(backend or choose_backend(), muted=muted, parent=board)
    elif announcer.parent() is None:
        announcer.setParent(board)
    if live is not None and live.parent() is None:
        live.setParent(board)
    board.controller = BoardController(services, board, worker, announcer, live=live,
                                       safety_interval_ms=safety_interval_ms)
    board.worker = worker
    board.announcer = announcer
    return board


def pick_screen() -> QScreen | None:
    """The screen for the board: COUNTER_APP_DISPLAY_SCREEN, else a non-primary one."""
    screens = QGuiApplication.screens()
    wanted = os.environ.get(SCREEN_ENV, "").strip()
    if wanted:
        for i, screen in enumerate(screens):
            if wanted in (str(i), screen.name()):
                return screen
        log.warning("%s=%r matches no screen (%s)", SCREEN_ENV, wanted, ", ".join(s.name() for s in screens))
    primary = QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not primary]
    if others:
        return max(others, key=lambda s: s.size().width() * s.size().height())
    return primary


def run_display(services: Any, *, settings: Any = None, options: Any = None) -> int:
    """Run the board until it is closed; returns the exit code for cli.py."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("counter-app")
    app.setApplicationDisplayName("counter_app")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("counter-app")
    language = getattr(options, "language", None) or getattr(settings, "language", None) or i18n.DEFAULT_LANGUAGE
    i18n.set_language(language)
    windowed = bool(getattr(options, "windowed", False))

    worker = Worker(max_threads=BOARD_THREADS)
    board = build_display(services, worker=worker, live=LiveUpdates(services),
                          muted=bool(getattr(options, "mute", False)))
    log.info("display board: voice %s%s", board.announcer.backend.name, " (muted)" if board.announcer.muted else "")

    def toggle_full_screen() -> None:
        if board.isFullScreen():
            board.showNormal()
            board.unsetCursor()
        else:
            board.showFullScreen()
            board.setCursor(Qt.CursorShape.BlankCursor)

    board.closeRequested.connect(board.close)
    board.fullScreenToggled.connect(toggle_full_screen)
    if windowed:
        board.resize(1280, 720)
        board.show()
    else:
        screen = pick_screen()
        if screen is not None:
            board.setScreen(screen)
            board.setGeometry(screen.geometry())
        board.showFullScreen()
        board.setCursor(Qt.CursorShape.BlankCursor)
    board.controller.start()
    try:
        code = app.exec()
    finally:
        board.controller.stop()
        worker.wait_for_done()
        QCoreApplication.sendPostedEvents()  # callbacks of calls that just finished
        board.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        i18n.remove_translators()
    return code
