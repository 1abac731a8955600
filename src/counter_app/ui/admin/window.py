"""The administration window: users, counters, fields, procedures catalog, holidays, centre
identity, printers — one tab each (Ctrl+1 … Ctrl+7), each tab loaded when first shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from counter_app.ui import i18n
from counter_app.ui.admin.calendar_view import AdminCalendarView
from counter_app.ui.admin.catalog_view import AdminCatalogView, OpenFileName
from counter_app.ui.admin.counters_view import AdminCountersView, AdminFieldsView
from counter_app.ui.admin.models import role_name
from counter_app.ui.admin.printers_view import AdminPrintersView
from counter_app.ui.admin.site_view import AdminSiteView
from counter_app.ui.admin.users_view import AdminUsersView
from counter_app.ui.worker import Worker


class AdminWindow(QMainWindow):
    """Cửa sổ quản trị. F5 reads the tab in front again; Ctrl+Q quits.

    Signals:
        closed(): the window closed (the session ends).
    """

    closed = Signal()

    def __init__(self, services: Any, actor: Any, worker: Worker, *, lang: str | None = None,
                 open_file_name: OpenFileName = QFileDialog.getOpenFileName, printer_pdf_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        if lang is not None and lang != i18n.current_language():
            i18n.set_language(lang)
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.users_view = AdminUsersView(services, actor, worker)
        self.counters_view = AdminCountersView(services, actor, worker)
        self.fields_view = AdminFieldsView(services, actor, worker)
        self.catalog_view = AdminCatalogView(services, actor, worker, open_file_name=open_file_name)
        self.calendar_view = AdminCalendarView(services, actor, worker)
        self.site_view = AdminSiteView(services, actor, worker)
        self.printers_view = AdminPrintersView(services, actor, worker, pdf_output=printer_pdf_dir)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("admin_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setStyleSheet("QTabBar::tab { padding: 6px 16px; font-size: 10.5pt; }"
                                " QTabBar::tab:selected { font-weight: 600; }")
        for view in self.views():
            self.tabs.addTab(view, "")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.status_label = QLabel()
        self.busy_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        worker.busyChanged.connect(self._on_busy)
        self.tabs.currentChanged.connect(self._on_tab)
        self._build_actions()
        self.retranslateUi()
        self.resize(1280, 800)
        self._on_tab(0)

    def views(self) -> list[Any]:
        return [self.users_view, self.counters_view, self.fields_view, self.catalog_view, self.calendar_view,
                self.site_view, self.printers_view]

    def _build_actions(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.view_menu = self.menuBar().addMenu("")
        self.language_menu = self.menuBar().addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(lambda: self.tabs.currentWidget().reload())
        self.tab_actions: list[QAction] = []
        for i, view in enumerate(self.views()):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _c=False, v=view: self.tabs.setCurrentWidget(v))
            self.tab_actions.append(action)
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)
        self.language_group = QActionGroup(self)
        self.vietnamese_action = QAction("Tiếng Việt", self, checkable=True)
        self.english_action = QAction("English", self, checkable=True)
        for action, language in ((self.vietnamese_action, "vi"), (self.english_action, "en")):
            action.setData(language)
            action.setChecked(language == i18n.current_language())
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
        self.language_group.triggered.connect(lambda action: i18n.set_language(action.data()))

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Administration"))
        titles = (self.tr("Users"), self.tr("Counters"), self.tr("Fields"), self.tr("Procedures catalog"),
                  self.tr("Holidays"), self.tr("Centre identity"), self.tr("Printers"))
        for view, title, action in zip(self.views(), titles, self.tab_actions):
            self.tabs.setTabText(self.tabs.indexOf(view), title)
            action.setText(title)
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.quit_action.setText(self.tr("&Quit"))
        self.refresh_action.setText(self.tr("&Reload this tab"))
        self.vietnamese_action.setChecked(i18n.current_language() == "vi")
        self.english_action.setChecked(i18n.current_language() == "en")
        self.status_label.setText(self.tr("Signed in: %1 (%2)").replace("%1", self.actor.full_name).replace(
            "%2", role_name(self.actor.role)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _on_tab(self, index: int) -> None:
        view = self.tabs.widget(index)
        if view is not None and not view.loaded:
            view.reload()

    def _on_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
