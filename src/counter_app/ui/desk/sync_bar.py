"""The desk's sync line in the status bar: a coloured dot, what the sync is doing in one
sentence, "Cần xử lý (N)" when changes were refused, and "Đồng bộ ngay" (F11)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from counter_app.services import sync_runner, sync_status
from counter_app.ui.i18n import current_language
from counter_app.ui.models.sync_models import LEVEL_COLOURS, short_time
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

REFRESH_MS = 2000
NOTE_MS = 6000
SYNC_NOW_SHORTCUT = "F11"  # F2–F4 and F7–F9, F12 are the queue's, F6 the procedure search, F10 the handover tab
# Topics of the change feed that move the sync line (SQLite says only "something changed": empty).
TOPICS = frozenset({"sync", "outbox", "dossier"})

RunnerStarter = Callable[[Any], Any]


class SyncBar(QWidget):
    """Sync status of the site, kept fresh every 2 s and on the change feed (off the GUI thread).

    ``runner`` is the desk's SyncRunner (services/sync_runner.py) or None when this desk does
    not run the worker; ``configured`` says whether this process has sync settings (None: ask
    services.sync_runner once).

    Signals:
        issuesRequested(): the officer clicked "Cần xử lý (N)".
        statusChanged(object): a new SyncStatus was read.
        syncRequested(bool): "Đồng bộ ngay": True when this desk's worker was woken.
    """

    issuesRequested = Signal()
    statusChanged = Signal(object)
    syncRequested = Signal(bool)

    def __init__(
        self,
        services: Any,
        *,
        runner: Any | None = None,
        configured: bool | None = None,
        refresh_ms: int = REFRESH_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self._configured = configured if runner is None else True
        self.status: Any | None = None
        self._refreshing = False
        self._refresh_again = False
        self._stopped = False
        # Its own one-thread pool: a status read every 2 s must neither wait behind the
        # officer's work nor flash the window's "Working…" sign. Not a Qt child of the bar: a
        # read answered while the window is being deleted still finds its worker (its
        # callbacks are skipped, the bar being gone).
        self.poller = Worker(max_threads=1)

        self.dot = QLabel()
        self.dot.setObjectName("sync_dot")
        self.dot.setFixedSize(14, 14)
        self.text_label = QLabel()
        self.text_label.setObjectName("sync_text")
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.issues_button = QPushButton()
        self.issues_button.setObjectName("sync_issues")
        self.issues_button.setFlat(True)
        self.issues_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.issues_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.issues_button.setStyleSheet(
            "QPushButton#sync_issues { color: #a50e0e; font-weight: 600; text-decoration: underline;"
            " border: none; padding: 0 4px; }"
        )
        self.issues_button.hide()
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("sync_now")
        self.sync_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.sync_button.setAutoDefault(False)
        self.note_label = QLabel()
        self.note_label.setObjectName("sync_note")
        self.note_label.setStyleSheet("color: #37474f;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.dot)
        layout.addWidget(self.text_label)
        layout.addWidget(self.issues_button)
        layout.addWidget(self.note_label)
        layout.addWidget(self.sync_button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.issues_button.clicked.connect(self.issuesRequested)
        self.sync_button.clicked.connect(self.sync_now)
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_MS)
        self._note_timer.timeout.connect(self._clear_note)
        self._note_key: str | None = None

        self._set_dot("grey")
        self.retranslateUi()
        self._timer.start()
        self.refresh()

    # --- language ---------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.sync_button.setText(self.tr("Sync now (%1)").replace("%1", SYNC_NOW_SHORTCUT))
        self.issues_button.setToolTip(self.tr("Changes the central system refused: open the list to handle them"))
        if self._note_key is not None:
            self.note_label.setText(self._note_text(self._note_key))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- following the database -------------------------------------------------------

    def follow(self, live: Any) -> None:
        """Refresh on the change feed as well (``live`` is a ui.live.LiveUpdates)."""
        live.changed.connect(self._on_live_changed)

    def refresh(self) -> None:
        """Read the status again (one read at a time; a change during a read reads once more)."""
        if self._stopped:
            return
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        self._refresh_again = False
        svc, configured = self.services, self._configured

        def read() -> tuple[bool, Any]:
            known = configured
            if known is None:
                try:
                    known = sync_runner.sync_configured(svc)
                except Exception:  # noqa: BLE001 - unreadable settings: this desk cannot sync
                    log.warning("sync settings could not be read", exc_info=True)
                    known = False  # a worker elsewhere still shows its real state (sync_status)
            return known, sync_status.sync_status(svc, configured=known)

        self.poller.run(read, on_success=self._on_status, on_failure=self._on_status_failed, owner=self)

    def set_runner(self, runner: Any | None) -> None:
        """The desk's worker once started (None: not configured here)."""
        self.runner = runner
        self._configured = runner is not None
        self._show()
        self.refresh()

    def stop(self, timeout: float = 2.0) -> None:
        """The window is closing: no more reads; the worker thread ends and frees the lock."""
        self._stopped = True
        self._timer.stop()
        self._note_timer.stop()
        runner, self.runner = self.runner, None
        if runner is not None:
            runner.stop(timeout)
        self.poller.wait_for_done(int(timeout * 1000))  # no status read outlives the window

    @property
    def stopped(self) -> bool:
        return self._stopped

    def _on_live_changed(self, topics: Any) -> None:
        if not topics or TOPICS & set(topics):
            self.refresh()

    def _on_status(self, result: tuple[bool, Any]) -> None:
        configured, status = result
        if self._configured is None:
            self._configured = configured
        self.status = status
        self._done()
        self._show()
        self.statusChanged.emit(status)

    def _on_status_failed(self, error: BaseException) -> None:
        log.warning("sync status not read: %s", error)
        self._done()
        self._set_dot("grey")
        self.text_label.setText(self.tr("Sync status unknown: the database did not answer"))
        self.text_label.show()

    def _done(self) -> None:
        self._refreshing = False
        if self._refresh_again and not self._stopped:
            self.refresh()

    # --- what is shown ----------------------------------------------------------------

    @property
    def text(self) -> str:
        """The sentence the officer reads (the issues link when changes were refused)."""
        if self.issues_button.isVisible() or (self.status is not None and self.status.state == "attention"):
            parts = [t for t in (self.text_label.text(), self.issues_button.text()) if t]
            return " ".join(parts)
        return self.text_label.text()

    @property
    def level(self) -> str:
        """"ok" | "amber" | "red" | "grey" (not configured or unknown): the dot's colour."""
        return self._level

    def _show(self) -> None:
        st = self.status
        if st is None:
            self.text_label.setText(self.tr("Reading the sync status…"))
            return
        english = current_language() == "en"
        sentence = st.text_en if english else st.text_vi
        self._set_dot("grey" if st.state == "not_configured" else st.level)
        if st.open_issues:
            self.issues_button.setText(self.tr("Action needed (%1)").replace("%1", str(st.open_issues)))
            self.issues_button.show()
        else:
            self.issues_button.hide()
        if st.state == "attention":
            # The service's sentence is "Cần xử lý (N)": the link says it; the rest tells what is waiting.
            sentence = self.tr("Changes waiting to be sent: %1").replace("%1", str(st.pending)) if st.pending else ""
        self.text_label.setText(sentence)
        self.text_label.setVisible(bool(sentence))
        self.text_label.setToolTip(self._details(st))
        can_sync = st.state != "not_configured" or self.runner is not None or bool(st.worker)
        self.sync_button.setEnabled(can_sync)
        self.sync_button.setToolTip(
            self.tr("Send this desk's changes to the central system and fetch its news now") if can_sync
            else self._note_text("not_configured"))

    def _details(self, st: Any) -> str:
        lines = []
        if st.last_success_at is not None:
            lines.append(self.tr("Last successful sync: %1").replace("%1", short_time(st.last_success_at)))
        if st.last_attempt_at is not None:
            lines.append(self.tr("Last attempt: %1").replace("%1", short_time(st.last_attempt_at)))
        if st.next_attempt_at is not None and st.state == "offline":
            lines.append(self.tr("Next attempt: %1").replace("%1", short_time(st.next_attempt_at)))
        if st.last_error:
            lines.append(self.tr("Last error: %1").replace("%1", st.last_error))
        if st.oldest_pending_at is not None:
            lines.append(self.tr("Oldest change waiting since %1").replace("%1", short_time(st.oldest_pending_at)))
        if st.worker:
            lines.append(self.tr("Syncing computer: %1").replace("%1", st.worker))
        return "\n".join(lines)

    def _set_dot(self, level: str) -> None:
        self._level = level
        colour = LEVEL_COLOURS.get(level, LEVEL_COLOURS["grey"])
        self.dot.setStyleSheet(f"QLabel#sync_dot {{ background: {colour}; border-radius: 7px; }}")

    # --- "Đồng bộ ngay" ---------------------------------------------------------------

    def sync_now(self) -> bool:
        """Wake this desk's worker; when another computer is the site's worker, say so.

        Returns True when a cycle was asked of this desk's worker.
        """
        runner = self.runner
        woke = False
        if runner is not None and runner.holds_lock:
            woke = bool(runner.wake())
        if woke:
            key = "woken"
            QTimer.singleShot(300, self.refresh)
        elif runner is not None or (self.status is not None and self.status.worker):
            key = "elsewhere"
        else:
            key = "not_configured"
        self._show_note(key)
        self.syncRequested.emit(woke)
        return woke

    def _note_text(self, key: str) -> str:
        if key == "woken":
            return self.tr("Syncing now…")
        if key == "elsewhere":
            holder = self.status.worker if self.status is not None and self.status.worker else ""
            if holder:
                return self.tr("Another computer is syncing this centre (%1); it sends the changes.").replace("%1", holder)
            return self.tr("Another computer is syncing this centre; it sends the changes.")
        return self.tr("Sync is not set up on this computer: ask the IT administrator.")

    def _show_note(self, key: str) -> None:
        self._note_key = key
        self.note_label.setText(self._note_text(key))
        self._note_timer.start()

    def _clear_note(self) -> None:
        self._note_key = None
        self.note_label.clear()

    @property
    def note(self) -> str:
        return self.note_label.text()
