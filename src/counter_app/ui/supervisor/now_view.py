"""Tab "Hiện tại": the queues and counters as they are now, what is late, the dossier lists'
counts, the hall notice, and the three actions.

The view reads services.supervisor.now_view in the worker when the change feed says the
database changed (a ticket issued at the kiosk shows within a second), every few seconds for
safety, and after each action. Between reads, a one-second tick moves the elapsed times on
locally, so a wait turns amber, then red, on time; a colour change also triggers a read, so
the alert list follows.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import to_local
from counter_app.services import queue, supervisor
from counter_app.ui.live import LiveUpdates
from counter_app.ui.supervisor.actions import CounterFieldsDialog, MoveTicketDialog, NoticeDialog
from counter_app.ui.supervisor.models import (
    LEVEL_COLOURS,
    AlertsModel,
    CountersNowModel,
    FieldsNowModel,
    WaitingNowModel,
)
from counter_app.ui.supervisor.widgets import describe_error, make_table, section_title, titled
from counter_app.ui.widgets.banner import BannerKind, MessageBanner

TICK_MS = 1000
SAFETY_REFRESH_MS = 15_000
NOTICE_STYLE = ("QLabel {{ background: #fffdf3; border: 1px solid #e0d9b8; border-radius: 4px; padding: 6px;"
                " color: {text}; }}")
DOSSIER_LIST_STYLE = (
    "QPushButton {{ text-align: left; padding: 6px 10px; border: 1px solid {border}; border-radius: 4px;"
    " background: {background}; color: {text}; font-size: 10.5pt; }}"
    " QPushButton:hover {{ border-color: #1a73e8; }}"
)


class NowView(QWidget):
    """The live view. ``snapshot`` is the last SupervisorNow read.

    Signals:
        refreshed(object): a new SupervisorNow is shown.
        dossierListRequested(str): a dossier count was clicked (one of supervisor.DOSSIER_LISTS).
        actionDone(str): an action changed the database ("move", "counter_fields", "notice").
    """

    refreshed = Signal(object)
    dossierListRequested = Signal(str)
    actionDone = Signal(str)

    def __init__(self, services: Any, actor: Any, worker: Any, *, live: LiveUpdates | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.snapshot: Any | None = None
        self.move_dialog: MoveTicketDialog | None = None
        self.fields_dialog: CounterFieldsDialog | None = None
        self.notice_dialog: NoticeDialog | None = None
        self._refreshing = False
        self._refresh_again = False
        self._following = False
        self._failure: BaseException | None = None

        self.live = live if live is not None else LiveUpdates(services, self)
        self.live.changed.connect(self._on_live_changed)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.tick)
        self._safety = QTimer(self)
        self._safety.setInterval(SAFETY_REFRESH_MS)
        self._safety.timeout.connect(self.refresh)

        self.banner = MessageBanner()
        self.updated = QLabel()
        self.updated.setObjectName("now_updated")
        self.updated.setStyleSheet("color: #455a64;")
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.refresh_button = QPushButton()
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.legend)
        top.addStretch(1)
        top.addWidget(self.updated)
        top.addWidget(self.refresh_button)

        # Left: queues per field, then counters.
        self.fields_model = FieldsNowModel(self)
        self.fields_table = make_table(self.fields_model, "fields_now", stretch=FieldsNowModel.FIELD,
                                       selectable=False)
        self.fields_title = section_title()
        fields_row, self.fields_help = titled(self.fields_title, "fields_now")

        self.counters_model = CountersNowModel(self)
        self.counters_table = make_table(self.counters_model, "counters_now", stretch=CountersNowModel.FIELDS)
        self.counters_title = section_title()
        self.counter_fields_button = QPushButton()
        self.counter_fields_button.setObjectName("counter_fields_button")
        self.counter_fields_button.setAutoDefault(False)
        self.counter_fields_button.setEnabled(False)
        counters_row, self.counters_help = titled(self.counters_title, "counters_now", self.counter_fields_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(fields_row)
        left_layout.addWidget(self.fields_table, 3)
        left_layout.addSpacing(6)
        left_layout.addLayout(counters_row)
        left_layout.addWidget(self.counters_table, 2)

        # Right: alerts, dossier lists, the hall notice, the waiting tickets.
        self.alerts_model = AlertsModel(self)
        self.alerts_table = make_table(self.alerts_model, "alerts", stretch=AlertsModel.MESSAGE, selectable=False)
        self.alerts_table.setWordWrap(True)
        self.alerts_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.alerts_title = section_title()
        alerts_row, self.alerts_help = titled(self.alerts_title, "alerts")
        self.no_alert = QLabel()
        self.no_alert.setObjectName("no_alert")
        self.no_alert.setStyleSheet("color: #0d652d; background: #e6f4ea; border: 1px solid #a8dab5;"
                                    " border-radius: 4px; padding: 6px;")

        self.dossiers_title = section_title()
        dossiers_row, self.dossiers_help = titled(self.dossiers_title, "dossier_lists")
        self.dossier_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        for i, kind in enumerate(supervisor.DOSSIER_LISTS):
            button = QPushButton()
            button.setObjectName(f"dossiers_{kind}")
            button.setAutoDefault(False)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, k=kind: self.dossierListRequested.emit(k))
            self.dossier_buttons[kind] = button
            grid.addWidget(button, i // 2, i % 2)

        self.notice_title = section_title()
        self.notice_button = QPushButton()
        self.notice_button.setObjectName("notice_button")
        self.notice_button.setAutoDefault(False)
        notice_row, _ = titled(self.notice_title, None, self.notice_button)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("notice_now")
        self.notice_label.setWordWrap(True)
        self.notice_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice_label.setStyleSheet(NOTICE_STYLE.format(text="#6b7280"))

        self.waiting_model = WaitingNowModel(self)
        self.waiting_table = make_table(self.waiting_model, "waiting_now", stretch=WaitingNowModel.FIELD)
        self.waiting_title = section_title()
        self.move_button = QPushButton()
        self.move_button.setObjectName("move_button")
        self.move_button.setAutoDefault(False)
        self.move_button.setEnabled(False)
        waiting_row, _ = titled(self.waiting_title, None, self.move_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(alerts_row)
        right_layout.addWidget(self.alerts_table, 2)
        right_layout.addWidget(self.no_alert)
        right_layout.addSpacing(6)
        right_layout.addLayout(dossiers_row)
        right_layout.addLayout(grid)
        right_layout.addSpacing(6)
        right_layout.addLayout(notice_row)
        right_layout.addWidget(self.notice_label)
        right_layout.addSpacing(6)
        right_layout.addLayout(waiting_row)
        right_layout.addWidget(self.waiting_table, 3)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.waiting_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.counters_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.waiting_table.activated.connect(lambda _index: self.open_move())
        self.counters_table.activated.connect(lambda _index: self.open_counter_fields())
        self.move_button.clicked.connect(self.open_move)
        self.counter_fields_button.clicked.connect(self.open_counter_fields)
        self.notice_button.clicked.connect(self.open_notice)

        self.retranslateUi()
        self._load_priority_labels()

    # --- language -----------------------------------------------------------------------

    def retranslateUi(self) -> None:
        warning_bg, warning_fg = LEVEL_COLOURS["warning"]
        late_bg, late_fg = LEVEL_COLOURS["late"]
        amber, red = html.escape(self.tr("Amber")), html.escape(self.tr("Red"))
        self.legend.setText(
            f"<span style='background:{warning_bg}; color:{warning_fg}'>&nbsp;{amber}&nbsp;</span> "
            + html.escape(self.tr("at 80 % of the target")) + " &nbsp; "
            f"<span style='background:{late_bg}; color:{late_fg}'>&nbsp;{red}&nbsp;</span> "
            + html.escape(self.tr("past the target")))
        self.refresh_button.setText(self.tr("Refresh (F5)"))
        self.fields_title.setText(self.tr("Queues by field"))
        self.counters_title.setText(self.tr("Counters"))
        self.counter_fields_button.setText(self.tr("Fields of the counter…"))
        self.counter_fields_button.setToolTip(self.tr("Choose the fields the selected counter calls tickets of"))
        self.alerts_title.setText(self.tr("Alerts"))
        self.no_alert.setText(self.tr("Nothing needs your attention now."))
        self.dossiers_title.setText(self.tr("Dossiers"))
        self.notice_title.setText(self.tr("Display board notice"))
        self.notice_button.setText(self.tr("Notice on the display board…"))
        self.waiting_title.setText(self.tr("Tickets waiting"))
        self.move_button.setText(self.tr("Move to another field…"))
        self.move_button.setToolTip(self.tr("Move the selected waiting ticket to another field's queue"))
        for model in (self.fields_model, self.counters_model, self.waiting_model, self.alerts_model):
            model.retranslate()
        self._show_snapshot_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- following the database ---------------------------------------------------------

    def start(self) -> None:
        """Follow the database: change feed, safety timer, one-second tick; read now."""
        self._following = True
        self.live.start()
        self._tick.start()
        self._safety.start()
        self.refresh()

    def stop(self) -> None:
        self._following = False
        self._tick.stop()
        self._safety.stop()
        self.live.stop()

    def refresh(self) -> None:
        """Read the live view again (one read at a time; a change during a read reads once more)."""
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        self._refresh_again = False
        svc, actor = self.services, self.actor
        self.worker.run(lambda: supervisor.now_view(svc, actor), on_success=self._on_snapshot,
                        on_failure=self._on_failed, owner=self)

    def _done_refreshing(self) -> None:
        self._refreshing = False
        if self._refresh_again:
            self.refresh()

    def _on_live_changed(self, _topics: Any) -> None:
        self.refresh()

    def _on_snapshot(self, snapshot: Any) -> None:
        try:
            self.snapshot = snapshot
            if self._failure is not None:
                self._failure = None
                if self.banner.kind is BannerKind.ERROR:
                    self.banner.hide()
            names = {f.code: f.name for f in snapshot.fields}
            self.fields_model.set_fields(snapshot.fields, snapshot.at)
            self.counters_model.set_counters(snapshot.counters, snapshot.at, names)
            self.waiting_model.set_waiting(snapshot.waiting, snapshot.at, names,
                                           {f.code: f.wait_target for f in snapshot.fields})
            self.alerts_model.set_alerts(snapshot.alerts)
            self._show_snapshot_texts()
            self._update_actions()
            self.refreshed.emit(snapshot)
        finally:
            self._done_refreshing()

    def _on_failed(self, error: BaseException) -> None:
        try:
            self._failure = error
            self.banner.show_message(BannerKind.ERROR, html.escape(
                self.tr("The live view could not be read: %1 It is read again in a few seconds.").replace(
                    "%1", describe_error(error))))
        finally:
            self._done_refreshing()

    def tick(self) -> None:
        """Every second: move the elapsed times on; a colour that changed reads the database again."""
        if self.snapshot is None:
            return
        now = self.services.now()
        changed = self.fields_model.tick(now)
        changed |= self.counters_model.tick(now)
        changed |= self.waiting_model.tick(now)
        if changed:
            self.refresh()

    def _show_snapshot_texts(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.updated.setText(self.tr("Reading…"))
            for kind, button in self.dossier_buttons.items():
                button.setText(self._dossier_list_label(kind, None))
            self.notice_label.setText("")
            self.no_alert.hide()
            return
        self.updated.setText(self.tr("Updated at %1").replace("%1", f"{to_local(snap.at):%H:%M:%S}"))
        for kind, button in self.dossier_buttons.items():
            count = snap.dossiers.get(kind, 0)
            button.setText(self._dossier_list_label(kind, count))
            urgent = count and kind in ("overdue", "uncollected", "due_today")
            if urgent and kind == "overdue":
                colours = dict(background="#fde7e9", border="#f28b82", text="#7f0000")
            elif urgent:
                colours = dict(background="#fff6d6", border="#f2c14e", text="#4a3500")
            else:
                colours = dict(background="#f8fafc", border="#cbd5e1", text="#1f2937")
            button.setStyleSheet(DOSSIER_LIST_STYLE.format(**colours))
            button.setToolTip(self.tr("Open this list in the Dossiers tab"))
        if snap.notice:
            self.notice_label.setText(snap.notice)
            self.notice_label.setStyleSheet(NOTICE_STYLE.format(text="#1f2937"))
        else:
            self.notice_label.setText(self.tr("(none — the board shows its usual line)"))
            self.notice_label.setStyleSheet(NOTICE_STYLE.format(text="#6b7280"))
        self.waiting_title.setText(self.tr("Tickets waiting (%1)").replace("%1", str(len(snap.waiting))))
        self.no_alert.setVisible(not snap.alerts)
        self.alerts_table.setVisible(bool(snap.alerts))

    def _dossier_list_label(self, kind: str, count: int | None) -> str:
        days = self.snapshot.targets.uncollected_days if self.snapshot is not None else 5
        label = {
            "due_today": self.tr("Due today"),
            "overdue": self.tr("Overdue"),
            "supplement": self.tr("Waiting for supplements"),
            "uncollected": self.tr("Results not collected > %1 days").replace("%1", str(days)),
        }[kind]
        return f"{label}: {count if count is not None else '…'}"

    def _load_priority_labels(self) -> None:
        svc = self.services
        self.worker.run(lambda: queue.priority_categories(svc),
                        on_success=lambda cats: self.waiting_model.set_priority_labels({c.code: c.name for c in cats}),
                        on_failure=lambda _error: None, owner=self)

    # --- actions ------------------------------------------------------------------------

    def selected_ticket(self) -> Any | None:
        index = self.waiting_table.currentIndex()
        return self.waiting_model.row(index.row()) if index.isValid() else None

    def selected_counter(self) -> Any | None:
        index = self.counters_table.currentIndex()
        return self.counters_model.row(index.row()) if index.isValid() else None

    def _update_actions(self) -> None:
        has_fields = self.snapshot is not None and len(self.snapshot.fields) > 1
        self.move_button.setEnabled(has_fields and self.selected_ticket() is not None)
        self.counter_fields_button.setEnabled(self.snapshot is not None and self.selected_counter() is not None)
        self.notice_button.setEnabled(self.snapshot is not None)

    def open_move(self) -> MoveTicketDialog | None:
        ticket = self.selected_ticket()
        if ticket is None or self.snapshot is None:
            return None
        dialog = MoveTicketDialog(self.services, self.actor, self.worker, ticket, self.snapshot.fields, parent=self)
        dialog.done.connect(lambda info: self._on_action_done(
            "move", self.tr("Ticket %1 moved to %2.").replace("%1", info.number).replace("%2", info.field_name)))
        self.move_dialog = self._open(dialog)
        return dialog

    def open_counter_fields(self) -> CounterFieldsDialog | None:
        counter = self.selected_counter()
        if counter is None or self.snapshot is None:
            return None
        dialog = CounterFieldsDialog(self.services, self.actor, self.worker, counter, self.snapshot.fields,
                                     parent=self)
        name = counter.name or self.tr("Counter %1").replace("%1", str(counter.number))
        dialog.done.connect(lambda _r: self._on_action_done(
            "counter_fields", self.tr("The fields of %1 were saved.").replace("%1", name)))
        self.fields_dialog = self._open(dialog)
        return dialog

    def open_notice(self) -> NoticeDialog | None:
        if self.snapshot is None:
            return None
        dialog = NoticeDialog(self.services, self.actor, self.worker, self.snapshot.notice, parent=self)
        dialog.done.connect(lambda text: self._on_action_done(
            "notice", self.tr("The display board now shows: %1").replace("%1", text) if text
            else self.tr("The display board shows its usual line again.")))
        self.notice_dialog = self._open(dialog)
        return dialog

    def _open(self, dialog: Any) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_action_done(self, action: str, message: str) -> None:
        self.banner.show_message(BannerKind.SUCCESS, html.escape(message))
        self.refresh()
        self.actionDone.emit(action)
