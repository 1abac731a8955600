"""The desk's main window: the intake form, its shortcuts, and who is working where."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTabWidget, QWidget

from counter_app.services import setup
from counter_app.ui import i18n
from counter_app.ui.desk.intake_controller import ConfirmDiscard, IntakeController, PreviewOpener, ask_discard
from counter_app.ui.desk.forwarding_view import ForwardingView
from counter_app.ui.desk.handover_view import HandoverView
from counter_app.ui.desk.inbox import InboxView
from counter_app.ui.desk.intake_view import IntakeView
from counter_app.ui.desk.lock_screen import IdleLock
from counter_app.ui.desk.queue_controller import QueueController
from counter_app.ui.desk.queue_panel import QueuePanel
from counter_app.ui.desk.register_dialog import RegisterDialog
from counter_app.ui.desk.search_view import SearchView
from counter_app.ui.desk.sync_bar import SYNC_NOW_SHORTCUT, RunnerStarter, SyncBar
from counter_app.ui.desk.sync_issues import SyncIssuesDialog
from counter_app.ui.widgets.pdf_preview import open_receipt_preview
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

STATUS_SEPARATOR = "  |  "


class DeskWindow(QMainWindow):
    """Main window of a reception counter.

    The left side holds four tabs: intake (Ctrl+1), result handover (Ctrl+2 or F10; its
    search box takes the barcode scanner), dossier search (Ctrl+3 or Ctrl+F) and forwarding
    to the resolving agencies (Ctrl+4). The register (form 06) is exported from the menu
    (Ctrl+Shift+E).

    Shortcuts: Ctrl+Enter save and print, Ctrl+N new intake, F6 / Ctrl+K procedure search,
    Ctrl+P print the last receipt again, Ctrl+Q quit. Esc never clears anything.
    Queue (queue_controller.SHORTCUTS): F2 call next, F3 recall, F4 not present, F7 start
    serving, F8 done, F9 transfer, Shift+F2 call a number out of turn, F12 pause / open.
    Sync: Ctrl+5 the online-dossier inbox (a fifth tab, shown once the site syncs or an online
    dossier waits), Ctrl+Shift+X the "action needed" list, F11 sync now; the status bar shows
    the sync line (sync_bar.py).

    Signals:
        closed(): the officer closed the window (the desk session ends).
    """

    closed = Signal()

    def __init__(
        self,
        services: Any,
        actor: Any,
        worker: Worker,
        *,
        site: Any | None = None,
        preview_opener: PreviewOpener = open_receipt_preview,
        confirm_discard: ConfirmDiscard = ask_discard,
        idle_lock_ms: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.site = site
        self.intake_view = IntakeView()
        self.intake = IntakeController(
            self.intake_view,
            services,
            actor,
            worker,
            preview_opener=preview_opener,
            confirm_discard=confirm_discard,
            parent=self,
        )
        self.preview_opener = preview_opener
        self.handover_view = HandoverView(services, actor, worker, preview_opener=preview_opener)
        self.search_view = SearchView(services, actor, worker, preview_opener=preview_opener)
        self.forwarding_view = ForwardingView(services, actor, worker, preview_opener=preview_opener)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for view in (self.intake_view, self.handover_view, self.search_view, self.forwarding_view):
            self.tabs.addTab(view, "")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        # The queue panel stands at the right of the tabs, always in view (the officer may widen it).
        self.queue_panel = QueuePanel()
        self.queue = QueueController(self.queue_panel, services, actor, worker, parent=self)
        columns = QSplitter()
        columns.addWidget(self.tabs)
        columns.addWidget(self.queue_panel)
        columns.setStretchFactor(0, 1)
        columns.setCollapsible(1, False)
        self.setCentralWidget(columns)

        self.status_label = QLabel()
        self.busy_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        worker.busyChanged.connect(self._on_busy_changed)

        # --- sync (sync_bar.py, sync_issues.py, inbox.py) ---------------------------------
        self.inbox_view = InboxView(services, actor, worker, preview_opener=preview_opener, parent=self)
        self.inbox_view.hide()  # a tab once the site syncs or an online dossier waits (_ensure_inbox_tab)
        self.inbox_view.countChanged.connect(self._on_inbox_count)
        self.inbox_view.follow(self.queue.live)
        self.sync_bar = SyncBar(services)  # asks services.sync_runner whether this computer syncs
        self.sync_bar.follow(self.queue.live)
        self.sync_bar.issuesRequested.connect(self.open_sync_issues)
        self.sync_bar.statusChanged.connect(self._on_sync_status)
        self.statusBar().addPermanentWidget(self.sync_bar)
        self.sync_issues_dialog: SyncIssuesDialog | None = None
        # --- end sync ---------------------------------------------------------------------

        self._build_actions()
        self.retranslateUi()
        self.resize(1280, 800)
        # Sign-in (lock_screen.py): the desk locks after the site's idle time (idle_lock_ms: tests);
        # "Sign out" on the lock screen ends the session (signed_out, then closed).
        self.signed_out = False
        self.idle_lock = IdleLock(self, services, actor, worker, idle_ms=idle_lock_ms)
        self.idle_lock.signOutRequested.connect(self.sign_out)
        if site is None:
            worker.run(lambda: setup.site_info(services), on_success=self._on_site_loaded, owner=self)

    def _build_actions(self) -> None:
        self.dossier_menu = self.menuBar().addMenu("")
        self.menuBar().addMenu(self.queue.menu)
        self.sync_menu = self.menuBar().addMenu("")  # sync
        self.language_menu = self.menuBar().addMenu("")

        self.save_action = QAction(self)
        self.save_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.save_action.triggered.connect(self._on_save_triggered)
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(self._on_new_triggered)
        self.find_procedure_action = QAction(self)
        self.find_procedure_action.setShortcuts([QKeySequence("F6"), QKeySequence("Ctrl+K")])
        self.find_procedure_action.triggered.connect(self._on_find_procedure_triggered)
        self.reprint_action = QAction(self)
        self.reprint_action.setShortcut(QKeySequence("Ctrl+P"))
        self.reprint_action.triggered.connect(self._on_reprint_triggered)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.handover_action = QAction(self)
        self.handover_action.setShortcuts([QKeySequence("Ctrl+2"), QKeySequence("F10")])
        self.handover_action.triggered.connect(lambda: self.show_tab(self.handover_view))
        self.search_action = QAction(self)
        self.search_action.setShortcuts([QKeySequence("Ctrl+3"), QKeySequence("Ctrl+F")])
        self.search_action.triggered.connect(lambda: self.show_tab(self.search_view))
        self.forwarding_action = QAction(self)
        self.forwarding_action.setShortcut(QKeySequence("Ctrl+4"))
        self.forwarding_action.triggered.connect(lambda: self.show_tab(self.forwarding_view))
        self.intake_tab_action = QAction(self)
        self.intake_tab_action.setShortcut(QKeySequence("Ctrl+1"))
        self.intake_tab_action.triggered.connect(lambda: self.show_tab(self.intake_view))
        self.register_action = QAction(self)
        self.register_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.register_action.triggered.connect(self._on_register_triggered)
        # --- sync actions ---
        self.inbox_action = QAction(self)
        self.inbox_action.setShortcut(QKeySequence("Ctrl+5"))
        self.inbox_action.triggered.connect(self.show_inbox)
        self.sync_issues_action = QAction(self)
        self.sync_issues_action.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.sync_issues_action.triggered.connect(self.open_sync_issues)
        self.sync_now_action = QAction(self)
        self.sync_now_action.setShortcut(QKeySequence(SYNC_NOW_SHORTCUT))
        self.sync_now_action.triggered.connect(self.sync_bar.sync_now)
        # --- end sync actions ---
        for action in (self.new_action, self.find_procedure_action, self.save_action, self.reprint_action):
            self.dossier_menu.addAction(action)
        self.dossier_menu.addSeparator()
        # Not accepting / reopening belong to the intake form: they bring its tab forward first.
        for action in (self.intake.decline_action, self.intake.reopen_action):
            action.triggered.connect(lambda _checked=False: self.show_tab(self.intake_view), Qt.ConnectionType.DirectConnection)
            self.dossier_menu.addAction(action)
        self.dossier_menu.addSeparator()
        for action in (self.intake_tab_action, self.handover_action, self.search_action, self.forwarding_action):
            self.dossier_menu.addAction(action)
        self.dossier_menu.addSeparator()
        self.dossier_menu.addAction(self.register_action)
        self.dossier_menu.addSeparator()
        self.dossier_menu.addAction(self.quit_action)
        for action in (self.inbox_action, self.sync_issues_action, self.sync_now_action):  # sync
            self.sync_menu.addAction(action)

        self.language_group = QActionGroup(self)
        self.vietnamese_action = QAction("Tiếng Việt", self, checkable=True)  # each in its own language
        self.english_action = QAction("English", self, checkable=True)
        for action, language in ((self.vietnamese_action, "vi"), (self.english_action, "en")):
            action.setData(language)
            action.setChecked(language == i18n.current_language())
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
        self.language_group.triggered.connect(self._on_language_chosen)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Reception desk — counter %1").replace("%1", self._counter_text()))
        self.dossier_menu.setTitle(self.tr("&Dossier"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.save_action.setText(self.tr("&Save and print receipt"))
        self.new_action.setText(self.tr("&New intake"))
        self.find_procedure_action.setText(self.tr("&Find procedure"))
        self.reprint_action.setText(self.tr("&Print the last document again"))
        self.quit_action.setText(self.tr("&Quit"))
        self.intake_tab_action.setText(self.tr("&Intake"))
        self.handover_action.setText(self.tr("&Hand over a result"))
        self.search_action.setText(self.tr("&Search dossiers"))
        self.forwarding_action.setText(self.tr("&Forward to agencies"))
        self.register_action.setText(self.tr("&Register (form 06)…"))
        for view, text in ((self.intake_view, self.tr("Intake")), (self.handover_view, self.tr("Hand over results")),
                           (self.search_view, self.tr("Search")), (self.forwarding_view, self.tr("Forwarding"))):
            self.tabs.setTabText(self.tabs.indexOf(view), text)
        # sync
        self.sync_menu.setTitle(self.tr("S&ync"))
        self.inbox_action.setText(self.tr("&Online dossiers"))
        self.sync_issues_action.setText(self.tr("Sync: &action needed…"))
        self.sync_now_action.setText(self.tr("&Sync now"))
        self._update_inbox_title()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _counter_text(self) -> str:
        number = getattr(self.actor, "counter_number", None)
        return str(number) if number is not None else "—"

    def _update_status(self) -> None:
        parts = []
        if self.site is not None:
            parts.append(self.site.name)
        if getattr(self.actor, "counter_number", None) is not None:
            parts.append(self.tr("Counter %1").replace("%1", str(self.actor.counter_number)))
        parts.append(self.tr("Officer: %1").replace("%1", self.actor.full_name))
        self.status_label.setText(STATUS_SEPARATOR.join(parts))

    def status_text(self) -> str:
        return self.status_label.text()

    # --- slots ------------------------------------------------------------------------

    def _on_site_loaded(self, site: Any) -> None:
        self.site = site
        self._update_status()

    def _on_busy_changed(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")

    def _on_save_triggered(self) -> None:
        if self.tabs.currentWidget() is self.intake_view:
            self.intake.save()

    def _on_new_triggered(self) -> None:
        self.show_tab(self.intake_view)
        self.intake.new_intake()

    def show_tab(self, view: QWidget) -> None:
        """Bring a tab to the front and put the cursor where the officer starts typing."""
        self.tabs.setCurrentWidget(view)
        self._on_tab_changed(self.tabs.currentIndex())

    def _on_tab_changed(self, index: int) -> None:
        view = self.tabs.widget(index)
        # Ctrl+Enter belongs to the tab in front (save the intake, hand over, forward).
        self.save_action.setEnabled(view is self.intake_view)
        if view is self.handover_view:
            self.handover_view.focus_search()  # ready for the barcode scanner
        elif view is self.search_view:
            self.search_view.focus_query()
        elif view is self.forwarding_view:
            self.forwarding_view.refresh()
        elif view is self.intake_view:
            self.intake.focus_procedure()
        elif view is self.inbox_view:  # sync
            self.inbox_view.focus_list()

    def _on_register_triggered(self) -> None:
        dialog = RegisterDialog(self.services, self.actor, self.worker, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _on_find_procedure_triggered(self) -> None:
        self.show_tab(self.intake_view)
        self.intake.focus_procedure()

    def _on_reprint_triggered(self) -> None:
        self.intake.reprint()

    # --- sync -------------------------------------------------------------------------

    def start_sync(self, starter: RunnerStarter) -> None:
        """Start this desk's sync worker off the GUI thread (``starter``: services.sync_runner.start_worker)."""
        svc = self.services
        self.worker.run(lambda: starter(svc), on_success=self._on_sync_started,
                        on_failure=self._on_sync_start_failed, owner=self)

    def _on_sync_started(self, runner: Any) -> None:
        if self.sync_bar.stopped:
            if runner is not None:
                runner.stop()  # the window closed meanwhile
            return
        self.sync_bar.set_runner(runner)

    def _on_sync_start_failed(self, error: BaseException) -> None:
        log.error("the sync worker did not start: %s", error)
        self.sync_bar.set_runner(None)

    def show_inbox(self) -> None:
        self._ensure_inbox_tab()
        self.show_tab(self.inbox_view)

    def _ensure_inbox_tab(self) -> None:
        if self.tabs.indexOf(self.inbox_view) < 0:
            self.tabs.addTab(self.inbox_view, "")
            self._update_inbox_title()

    def _update_inbox_title(self) -> None:
        index = self.tabs.indexOf(self.inbox_view)
        if index >= 0:
            count = max(self.inbox_view.count, 0)
            title = self.tr("Online dossiers")
            self.tabs.setTabText(index, f"{title} ({count})" if count else title)

    def _on_inbox_count(self, count: int) -> None:
        if count > 0:
            self._ensure_inbox_tab()
        self._update_inbox_title()

    def _on_sync_status(self, status: Any) -> None:
        # A site that syncs has the inbox tab even while it is empty; one that does not, only
        # when an online dossier waits (never, in practice).
        if status.state != "not_configured":
            self._ensure_inbox_tab()

    def open_sync_issues(self) -> SyncIssuesDialog:
        """The "action needed" list (one window; shown again if already open)."""
        dialog = self.sync_issues_dialog
        if dialog is None:
            dialog = SyncIssuesDialog(self.services, self.actor, self.worker, preview_opener=self.preview_opener,
                                      parent=self)
            dialog.follow(self.queue.live)
            dialog.changed.connect(self.sync_bar.refresh)
            dialog.finished.connect(lambda _r: self.sync_bar.refresh())
            self.sync_issues_dialog = dialog
        else:
            dialog.reload()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # --- end sync -----------------------------------------------------------------------

    def _on_language_chosen(self, action: QAction) -> None:
        i18n.set_language(action.data())

    def sign_out(self) -> None:
        """End the session from the lock screen (already confirmed there); the launcher signs in again."""
        if self.intake.saving:
            return  # a save in flight finishes first; the desk stays locked
        self.signed_out = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.intake.saving:
            event.ignore()  # a save in flight finishes first
            return
        if self.intake.is_dirty() and not self.signed_out and not self.intake.confirm_discard(self):
            event.ignore()
            return
        event.accept()
        self.idle_lock.stop()
        self.sync_bar.stop()  # sync: the desk's worker ends and frees the site's lock
        self.inbox_view.stop()
        self.closed.emit()
