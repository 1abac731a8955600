"""The desk's main window: the intake form, its shortcuts, and who is working where."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from counter_app.services import setup
from counter_app.ui import i18n
from counter_app.ui.desk.intake_controller import ConfirmDiscard, IntakeController, PreviewOpener, ask_discard
from counter_app.ui.desk.intake_view import IntakeView
from counter_app.ui.desk.queue_controller import QueueController
from counter_app.ui.desk.queue_panel import QueuePanel
from counter_app.ui.widgets.pdf_preview import open_receipt_preview
from counter_app.ui.worker import Worker

STATUS_SEPARATOR = "  |  "


class DeskWindow(QMainWindow):
    """Main window of a reception counter.

    Shortcuts: Ctrl+Enter save and print, Ctrl+N new intake, F6 / Ctrl+K procedure search,
    Ctrl+P print the last receipt again, Ctrl+Q quit. Esc never clears anything.
    Queue (queue_controller.SHORTCUTS): F2 call next, F3 recall, F4 not present, F7 start
    serving, F8 done, F9 transfer, Shift+F2 call a number out of turn, F12 pause / open.

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
        # The queue panel stands at the right of the form, always in view (the officer may widen it).
        self.queue_panel = QueuePanel()
        self.queue = QueueController(self.queue_panel, services, actor, worker, parent=self)
        columns = QSplitter()
        columns.addWidget(self.intake_view)
        columns.addWidget(self.queue_panel)
        columns.setStretchFactor(0, 1)
        columns.setCollapsible(1, False)
        self.setCentralWidget(columns)

        self.status_label = QLabel()
        self.busy_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        worker.busyChanged.connect(self._on_busy_changed)

        self._build_actions()
        self.retranslateUi()
        self.resize(1280, 800)
        if site is None:
            worker.run(lambda: setup.site_info(services), on_success=self._on_site_loaded, owner=self)

    def _build_actions(self) -> None:
        self.dossier_menu = self.menuBar().addMenu("")
        self.menuBar().addMenu(self.queue.menu)
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
        for action in (self.new_action, self.find_procedure_action, self.save_action, self.reprint_action):
            self.dossier_menu.addAction(action)
        self.dossier_menu.addSeparator()
        self.dossier_menu.addAction(self.quit_action)

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
        self.reprint_action.setText(self.tr("&Print last receipt again"))
        self.quit_action.setText(self.tr("&Quit"))
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
        self.intake.save()

    def _on_new_triggered(self) -> None:
        self.intake.new_intake()

    def _on_find_procedure_triggered(self) -> None:
        self.intake.focus_procedure()

    def _on_reprint_triggered(self) -> None:
        self.intake.reprint()

    def _on_language_chosen(self, action: QAction) -> None:
        i18n.set_language(action.data())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.intake.saving:
            event.ignore()  # a save in flight finishes first
            return
        if self.intake.is_dirty() and not self.intake.confirm_discard(self):
            event.ignore()
            return
        event.accept()
        self.closed.emit()
