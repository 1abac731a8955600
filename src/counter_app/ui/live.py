"""A Qt object that follows the site database's change feed and says when something changed.

One background thread waits on the feed (PostgreSQL LISTEN/NOTIFY or SQLite data_version
polling, see services/live.py); each change is delivered on the GUI thread as a signal, so
screens refresh within a second without a refresh key.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from counter_app.services import live

log = logging.getLogger(__name__)


class LiveUpdates(QObject):
    """Follows the change feed of a site.

    Signals:
        changed(object): a set of topics ("queue", "rating", ...); empty = "something changed".
    """

    changed = Signal(object)

    def __init__(self, services, parent: QObject | None = None, *, poll_timeout: float = 0.25) -> None:
        super().__init__(parent)
        self._services = services
        self._poll_timeout = poll_timeout
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="change-feed", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        feed = None
        while not self._stop.is_set():
            try:
                if feed is None:
                    feed = live.open_change_feed(self._services)
                topics = feed.wait(self._poll_timeout)
                if topics is not None and not self._stop.is_set():
                    self.changed.emit(topics)  # queued to the GUI thread: receivers live there
            except Exception:  # noqa: BLE001 - a dropped connection: reopen after a pause
                log.warning("change feed lost; reconnecting", exc_info=True)
                if feed is not None:
                    feed.close()
                feed = None
                self._stop.wait(2.0)
        if feed is not None:
            feed.close()
