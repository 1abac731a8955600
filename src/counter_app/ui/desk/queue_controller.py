"""Behaviour of the desk's queue panel: call, recall, no-show, serve, transfer, pause — and follow the queue."""

from __future__ import annotations

import html
import logging
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError
from counter_app.domain.queue import TicketStatus
from counter_app.services import queue
from counter_app.ui.desk.queue_panel import CallSpecificDialog, QueuePanel, TransferDialog, format_elapsed
from counter_app.ui.i18n import current_language
from counter_app.ui.live import LiveUpdates
from counter_app.ui.widgets.banner import BannerKind
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

TICK_MS = 1000  # the stopwatch of the current ticket and the longest waits
SAFETY_REFRESH_MS = 30_000  # in case a change notification is ever missed

SHORTCUTS = {
    "call_next": "F2",
    "recall": "F3",
    "no_show": "F4",
    "start": "F7",
    "finish": "F8",
    "transfer": "F9",
    "call_specific": "Shift+F2",
    "pause": "F12",
}

Message = tuple[BannerKind, Callable[[], str], str]  # kind, text in the current language, source


class QueueController(QObject):
    """Drives a QueuePanel with the queue services, for the counter of the signed-in officer.

    Every service call goes through the worker. The panel follows the database through
    LiveUpdates (a kiosk issuing a ticket shows within a second) and a slow safety timer;
    the feed runs while the panel is shown. An officer without a counter sees why the
    actions are disabled.

    The actions (``actions()``) carry the shortcuts; the window puts ``menu`` in its menu bar.

    Signals:
        currentChanged(object): the ticket at this counter changed (TicketInfo or None).
    """

    currentChanged = Signal(object)

    def __init__(
        self,
        panel: QueuePanel,
        services: Any,
        actor: Any,
        worker: Worker,
        *,
        live: LiveUpdates | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = panel
        self.services = services
        self.actor = actor
        self.worker = worker
        self.counter: int | None = getattr(actor, "counter_number", None)
        self.current: Any | None = None  # TicketInfo of the ticket called or served here
        self.state: str | None = None  # "open" / "paused" / "closed"; "missing": not an active counter
        self.status: Any | None = None  # the last QueueStatus
        self.transfer_dialog: TransferDialog | None = None
        self.call_specific_dialog: CallSpecificDialog | None = None
        self._busy = False  # an action is in flight
        self._actions_done = 0  # refresh results older than the last action are dropped
        self._refreshing = False
        self._refresh_again = False
        self._message: Message | None = None

        self.live = live if live is not None else LiveUpdates(services, self)
        self.live.changed.connect(self._on_live_changed)

        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._safety = QTimer(self)
        self._safety.setInterval(SAFETY_REFRESH_MS)
        self._safety.timeout.connect(self.refresh)

        self.call_next_action = self._action("call_next", self.call_next)
        self.recall_action = self._action("recall", self.recall)
        self.no_show_action = self._action("no_show", self.mark_no_show)
        self.start_action = self._action("start", self.start_service)
        self.finish_action = self._action("finish", self.finish)
        self.transfer_action = self._action("transfer", self.open_transfer)
        self.call_specific_action = self._action("call_specific", self.open_call_specific)
        self.pause_action = self._action("pause", self.toggle_pause)
        self.menu = QMenu(panel)
        for action in self.actions():
            self.menu.addAction(action)
            if action is self.finish_action or action is self.call_specific_action:
                self.menu.addSeparator()
        panel.addActions(self.actions())  # the shortcuts work wherever the focus is in the window

        p = panel
        self._buttons: list[tuple[QPushButton, QAction]] = [
            (p.call_next_button, self.call_next_action),
            (p.recall_button, self.recall_action),
            (p.no_show_button, self.no_show_action),
            (p.start_button, self.start_action),
            (p.finish_button, self.finish_action),
            (p.transfer_button, self.transfer_action),
            (p.call_specific_button, self.call_specific_action),
            (p.pause_button, self.pause_action),
        ]
        for button, action in self._buttons:
            button.clicked.connect(action.trigger)
        panel.installEventFilter(self)  # shown / hidden / language switch

        self.retranslateUi()
        self._show_ticket()
        self._update_actions()
        if panel.isVisible():
            self._start_following()

    def _action(self, name: str, slot: Callable[[], None]) -> QAction:
        action = QAction(self.panel)
        action.setObjectName(f"queue_{name}")
        action.setShortcut(QKeySequence(SHORTCUTS[name]))
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction]:
        return [
            self.call_next_action, self.recall_action, self.no_show_action, self.start_action,
            self.finish_action, self.transfer_action, self.call_specific_action, self.pause_action,
        ]

    # --- following the database -------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.panel:
            kind = event.type()
            if kind == QEvent.Type.Show:
                self._start_following()
            elif kind == QEvent.Type.Hide and not event.spontaneous():
                self.stop()  # the window closed (a minimised window keeps following)
            elif kind == QEvent.Type.LanguageChange:
                self.retranslateUi()
        return super().eventFilter(watched, event)

    def _start_following(self) -> None:
        self.live.start()
        self._safety.start()
        self._tick.start()
        self.refresh()

    def stop(self) -> None:
        """Stop following the database (the window is closing)."""
        self._safety.stop()
        self._tick.stop()
        self.live.stop()

    def refresh(self) -> None:
        """Read the queue again (one call at a time; a change during a read reads once more)."""
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        self._refresh_again = False
        svc, seen = self.services, self._actions_done
        self.worker.run(
            lambda: (queue.queue_status(svc), svc.now()),
            on_success=lambda result: self._on_status(seen, *result),
            on_failure=lambda error: self._on_status_failed(seen, error),
            owner=self.panel,
        )

    def _refresh_done(self) -> None:
        self._refreshing = False
        if self._refresh_again:
            self.refresh()

    def _on_live_changed(self, topics: Any) -> None:
        if not topics or "queue" in topics:
            self.refresh()

    def _on_status(self, seen: int, status: Any, now: datetime) -> None:
        try:
            if seen != self._actions_done:
                self._refresh_again = True  # an action finished meanwhile: this read may be stale
                return
            self.status = status
            mine = next((c for c in status.counters if c.number == self.counter), None)
            if self.counter is None:
                rows = list(status.fields)
            elif mine is None:
                self.state, rows = "missing", []
            else:
                self.state = mine.state
                rows = [f for f in status.fields if f.code in mine.fields]
            self.panel.waiting_model.set_rows(rows, now)
            if self._message is not None and self._message[2] == "refresh":
                self._set_message(None)
            self._set_current(mine.current if mine is not None else None)
            self._show_counter()
        finally:
            self._refresh_done()

    def _on_status_failed(self, seen: int, error: BaseException) -> None:
        try:
            _log_unexpected(error)
            self._set_message((BannerKind.ERROR, lambda: self.tr("The queue could not be read: %1").replace(
                "%1", self._explain(error)), "refresh"))
        finally:
            self._refresh_done()

    def _on_tick(self) -> None:
        self._show_time()
        self.panel.waiting_model.set_now(self.services.now())

    # --- commands (shortcuts and buttons) ------------------------------------------------

    def call_next(self) -> None:
        """F2: call the next ticket of the fields this counter serves."""
        svc, actor = self.services, self.actor
        self._run(lambda: queue.call_next(svc, actor), self._on_called)

    def recall(self) -> None:
        """F3: call the current ticket again (the hall display and voice repeat it)."""
        svc, actor = self.services, self.actor
        self._run(lambda: queue.recall(svc, actor), self._on_recalled)

    def mark_no_show(self) -> None:
        """F4: the citizen did not come; the ticket is closed as a no-show."""
        svc, actor = self.services, self.actor
        self._run(lambda: queue.mark_no_show(svc, actor), lambda info: self._on_closed(info, "no_show"))

    def start_service(self) -> None:
        """F7: the citizen is at the counter."""
        svc, actor = self.services, self.actor
        self._run(lambda: queue.start_service(svc, actor), self._on_started)

    def finish(self) -> None:
        """F8: the citizen is served."""
        svc, actor = self.services, self.actor
        self._run(lambda: queue.finish(svc, actor), lambda info: self._on_closed(info, "finish"))

    def toggle_pause(self) -> None:
        """F12: pause the counter (nobody is called here) or open it again."""
        svc, actor = self.services, self.actor
        state = "open" if self.state in ("paused", "closed") else "paused"
        self._run(lambda: queue.set_counter_state(svc, actor, state), lambda _none: self._on_state_set(state))

    def open_transfer(self) -> None:
        """F9: send the current ticket to another field or counter (a small dialog)."""
        if self.current is None or self._busy:
            return
        status = self.status
        fields = [(f.code, f.name) for f in (status.fields if status else ()) if f.code != self.current.field_code]
        counters = [(c.number, c.state == "open") for c in (status.counters if status else ())
                    if c.number != self.counter]
        dialog = TransferDialog(self.current.number, fields, counters, self.panel.window())
        dialog.submitted.connect(lambda values: self._on_transfer_submitted(dialog, values))
        dialog.finished.connect(lambda _code: self._on_dialog_closed(dialog))
        self.transfer_dialog = dialog
        dialog.open()
        (dialog.field_combo if dialog.to_field.isChecked() else dialog.counter_combo).setFocus()

    def open_call_specific(self) -> None:
        """Shift+F2: call a waiting number out of turn, with a reason (a small dialog)."""
        if self._busy or not self.call_specific_action.isEnabled():
            return
        dialog = CallSpecificDialog(self.panel.window())
        dialog.submitted.connect(lambda values: self._on_call_specific_submitted(dialog, values))
        dialog.finished.connect(lambda _code: self._on_dialog_closed(dialog))
        self.call_specific_dialog = dialog
        dialog.open()
        dialog.number.setFocus()

    def _on_transfer_submitted(self, dialog: TransferDialog, values: dict) -> None:
        svc, actor = self.services, self.actor
        self._run(lambda: queue.transfer(svc, actor, **values), lambda info: self._on_transferred(info, values),
                  dialog=dialog)

    def _on_call_specific_submitted(self, dialog: CallSpecificDialog, values: dict) -> None:
        svc, actor = self.services, self.actor
        self._run(lambda: queue.call_specific(svc, actor, values["number"], values["reason"]), self._on_called,
                  dialog=dialog)

    def _on_dialog_closed(self, dialog: Any) -> None:
        if dialog is self.transfer_dialog:
            self.transfer_dialog = None
        if dialog is self.call_specific_dialog:
            self.call_specific_dialog = None
        dialog.deleteLater()

    def _run(self, call: Callable[[], Any], on_done: Callable[[Any], None], *, dialog: Any | None = None) -> None:
        """One action at a time: the buttons wait for the answer, then the queue is read again."""
        if self._busy or self.counter is None:
            return
        self._busy = True
        self._update_actions()
        if dialog is not None:
            dialog.set_busy(True)

        def succeeded(result: Any) -> None:
            self._action_finished()
            on_done(result)
            if _is_open(dialog):
                dialog.finish()
            self.refresh()

        def failed(error: BaseException) -> None:
            self._action_finished()
            _log_unexpected(error)
            if _is_open(dialog):
                dialog.show_error(self._explain(error))  # the officer's input stays in the dialog
            else:
                self._set_message((BannerKind.ERROR, lambda: self._explain(error), "action"))
            self.refresh()

        self.worker.run(call, on_success=succeeded, on_failure=failed, owner=self.panel)

    def _action_finished(self) -> None:
        self._busy = False
        self._actions_done += 1
        self._update_actions()

    # --- results ---------------------------------------------------------------------------

    def _on_called(self, info: Any | None) -> None:
        if info is None:
            self._set_message((BannerKind.INFO, lambda: self.tr(
                "Nobody is waiting for the fields this counter serves."), "action"))
            return
        self._set_current(info)
        self._set_message((BannerKind.SUCCESS, lambda: self.tr("Ticket %1 called to counter %2.").replace(
            "%1", info.number).replace("%2", str(self.counter)), "action"))

    def _on_recalled(self, info: Any) -> None:
        self._set_current(info)
        self._set_message((BannerKind.SUCCESS, lambda: self.tr("Ticket %1 called again (call %2).").replace(
            "%1", info.number).replace("%2", str(info.call_count)), "action"))

    def _on_started(self, info: Any) -> None:
        self._set_current(info)
        self._set_message(None)

    def _on_closed(self, info: Any, how: str) -> None:
        self._set_current(None)
        if how == "no_show":
            text = lambda: self.tr("Ticket %1 marked as not present. Press F2 for the next.").replace(  # noqa: E731
                "%1", info.number)
        else:
            text = lambda: self.tr("Ticket %1 served. Press F2 for the next.").replace("%1", info.number)  # noqa: E731
        self._set_message((BannerKind.SUCCESS, text, "action"))

    def _on_transferred(self, info: Any, values: dict) -> None:
        self._set_current(None)
        if values["to_field"] is not None:
            text = lambda: self.tr("Ticket %1 sent to the field %2; it keeps its number.").replace(  # noqa: E731
                "%1", info.number).replace("%2", info.field_name)
        else:
            text = lambda: self.tr("Ticket %1 sent to counter %2; it keeps its number.").replace(  # noqa: E731
                "%1", info.number).replace("%2", str(values["to_counter"]))
        self._set_message((BannerKind.SUCCESS, text, "action"))

    def _on_state_set(self, state: str) -> None:
        self.state = state
        self._show_counter()
        self._set_message(None)

    # --- showing ---------------------------------------------------------------------------

    def _set_current(self, info: Any | None) -> None:
        changed = _identity(info) != _identity(self.current)
        self.current = info
        self._show_ticket()
        self._update_actions()
        if changed:
            self.currentChanged.emit(info)

    def _set_message(self, message: Message | None) -> None:
        self._message = message
        self._show_message()

    def _show_message(self) -> None:
        if self._message is None:
            self.panel.message.hide()
            return
        kind, text, _source = self._message
        self.panel.message.show_message(kind, html.escape(text()))

    def _show_counter(self) -> None:
        p = self.panel
        if self.counter is None:
            p.set_state("none", self.tr("You are signed in without a counter: calling tickets is not possible. "
                                        "Sign in again with your counter number to serve the queue."))
        elif self.state == "missing":
            p.set_state("none", DomainError("counter_unknown", number=self.counter).message(current_language()))
        elif self.state == "paused":
            p.set_state("paused", self.tr("Counter paused: nobody is called here. Press F12 to open it again."))
        elif self.state == "closed":
            p.set_state("closed", self.tr("Counter closed. Press F12 to open it."))
        else:
            p.set_state("open", self.tr("Counter open"))
        p.waiting_title.setText(self.tr("Waiting for this counter") if self.counter is not None
                                else self.tr("Waiting (all fields)"))
        p.total.setText(self.tr("Total waiting: %1").replace("%1", str(p.waiting_model.total_waiting())))
        self._update_actions()

    def _show_ticket(self) -> None:
        p, info = self.panel, self.current
        p.card.setVisible(self.counter is not None)
        if info is None:
            p.caption.setText(self.tr("No ticket at this counter"))
            p.number.setText("—")
            p.field.setText(self.tr("Press F2 to call the next citizen.") if self.counter is not None else "")
            p.priority.hide()
            p.time.clear()
            return
        p.caption.setText(info.status.label(current_language()))
        p.number.setText(info.number)
        p.field.setText(info.field_name)
        p.priority.setVisible(bool(info.priority))
        p.priority.setText(self.tr("Priority: %1").replace("%1", info.priority_label))
        self._show_time()

    def _show_time(self) -> None:
        info = self.current
        if info is None:
            return
        now = self.services.now()
        if info.status == TicketStatus.SERVING and info.started_at is not None:
            since = _aware(info.started_at)
            text = self.tr("Serving for %1 (since %2)")
        else:
            since = _aware(info.called_at or info.queued_at)
            text = self.tr("Called %1 ago (at %2)") if info.call_count <= 1 else \
                self.tr("Called %1 ago (at %2, call %3)").replace("%3", str(info.call_count))
        self.panel.time.setText(text.replace("%1", format_elapsed(now - since))
                                .replace("%2", to_local(since).strftime("%H:%M")))

    def _update_actions(self) -> None:
        usable = self.counter is not None and self.state != "missing" and not self._busy
        status = self.current.status if self.current is not None else None
        called = status == TicketStatus.CALLED
        self.call_next_action.setEnabled(usable)
        self.call_specific_action.setEnabled(usable)
        self.recall_action.setEnabled(usable and called)
        self.no_show_action.setEnabled(usable and called)
        self.start_action.setEnabled(usable and called)
        self.finish_action.setEnabled(usable and status is not None)
        self.transfer_action.setEnabled(usable and status is not None)
        self.pause_action.setEnabled(usable and self.state is not None)
        for button, action in self._buttons:
            button.setEnabled(action.isEnabled())
        self._retranslate_pause()

    def retranslateUi(self) -> None:
        p = self.panel
        self.menu.setTitle(self.tr("&Queue"))
        p.title.setText(self.tr("Queue — counter %1").replace("%1", str(self.counter)) if self.counter is not None
                        else self.tr("Queue"))
        texts = {
            self.call_next_action: self.tr("&Call next"),
            self.recall_action: self.tr("&Recall"),
            self.no_show_action: self.tr("&Not present"),
            self.start_action: self.tr("&Start serving"),
            self.finish_action: self.tr("&Done"),
            self.transfer_action: self.tr("&Transfer…"),
            self.call_specific_action: self.tr("Call a number &out of turn…"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.transfer_action.setToolTip(self.tr("Send this ticket to another field or counter; it keeps its number"))
        self.call_specific_action.setToolTip(self.tr("Call a waiting number out of turn (a reason is recorded)"))
        self._retranslate_pause()
        p.waiting_model.retranslate()
        if self.status is not None or self.counter is None:
            self._show_counter()
        else:
            p.set_state("open", self.tr("Reading the queue…"))
        self._show_ticket()
        self._show_message()

    def _retranslate_pause(self) -> None:
        paused = self.state in ("paused", "closed")
        self.pause_action.setText(self.tr("Open the counter &again") if paused else self.tr("&Pause the counter"))
        for button, action in self._buttons:
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setText(f"{_plain(action.text())} ({key})")
            button.setToolTip(action.toolTip() if action.toolTip() != _plain(action.text()) else "")

    def _explain(self, error: BaseException) -> str:
        """What went wrong, for the officer, in the current language."""
        if isinstance(error, DomainError):
            return error.message(current_language())
        return self.tr("Unexpected error (%1). Try again; if it happens again, tell the IT administrator.").replace(
            "%1", type(error).__name__)


def _log_unexpected(error: BaseException) -> None:
    if not isinstance(error, DomainError):
        log.error("queue call failed:\n%s", "".join(traceback.format_exception(error)))


def _plain(text: str) -> str:
    """An action's text without its keyboard accelerator ("&Call next" -> "Call next")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _identity(info: Any | None) -> tuple | None:
    return None if info is None else (info.id, info.status, info.call_count)


def _is_open(dialog: Any | None) -> bool:
    """The dialog is still on screen (the officer may have closed it while the call ran)."""
    return dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible()


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)
