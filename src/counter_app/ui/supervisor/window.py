"""The supervisor console's main window: live queues and counters, dossier lists, indicators,
satisfaction and officers, charts; exports of the period's tables (Excel) and report (PDF)."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from counter_app.domain.calendar import to_local
from counter_app.services import reports, setup
from counter_app.ui import i18n
from counter_app.ui.live import LiveUpdates
from counter_app.ui.supervisor.audit_view import AuditView
from counter_app.ui.supervisor.charts_view import ChartsView
from counter_app.ui.supervisor.dossiers_view import DossiersView
from counter_app.ui.supervisor.indicators_view import IndicatorsView
from counter_app.ui.supervisor.now_view import NowView
from counter_app.ui.supervisor.people_view import PeopleView
from counter_app.ui.supervisor.period_bar import PeriodBar
from counter_app.ui.supervisor.period_tab import PeriodTab
from counter_app.ui.supervisor.widgets import describe_error
from counter_app.ui.widgets.banner import BannerKind, MessageBanner
from counter_app.ui.widgets.pdf_preview import open_receipt_preview
from counter_app.ui.worker import Worker

SaveFileName = Callable[[QWidget | None, str, str, str], tuple[str, str]]
STATUS_SEPARATOR = "  |  "


class SupervisorWindow(QMainWindow):
    """Bảng điều hành của lãnh đạo / giám sát trung tâm.

    Tabs (Ctrl+1 … Ctrl+5): now, dossiers, indicators, satisfaction and officers, charts.
    F5 reads the live view again. The report tabs share the period bar (from / to, quick
    choices, the two exports). ``save_file_name`` (the signature of
    QFileDialog.getSaveFileName) asks where to save an export; tests answer it.
    ``exported`` is (path, kind) of the last export written.

    Signals:
        closed(): the window closed (the session ends).
        exportWritten(object): an export was written (its Path).
    """

    closed = Signal()
    exportWritten = Signal(object)

    def __init__(
        self,
        services: Any,
        actor: Any,
        worker: Worker,
        *,
        lang: str | None = None,
        site: Any | None = None,
        live: LiveUpdates | None = None,
        save_file_name: SaveFileName = QFileDialog.getSaveFileName,
        preview_opener: Any = open_receipt_preview,
        parent: QWidget | None = None,
    ) -> None:
        if lang is not None and lang != i18n.current_language():
            i18n.set_language(lang)
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.site = site
        self.save_file_name = save_file_name
        self.exported: tuple[Path, str] | None = None
        self._exporting = False
        self._closing = False

        self.now_view = NowView(services, actor, worker, live=live)
        self.dossiers_view = DossiersView(services, actor, worker, preview_opener=preview_opener)
        self.indicators_view = IndicatorsView(services, actor, worker, preview_opener=preview_opener)
        self.people_view = PeopleView(services, actor, worker)
        self.charts_view = ChartsView(services, actor, worker)
        self.audit_view = AuditView(services, actor, worker, save_file_name=save_file_name)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("supervisor_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setStyleSheet("QTabBar::tab { padding: 6px 16px; font-size: 10.5pt; }"
                                " QTabBar::tab:selected { font-weight: 600; }")
        for view in self.views():
            self.tabs.addTab(view, "")
        self.period_bar = PeriodBar(lambda: to_local(services.now()).date())
        self.export_banner = MessageBanner()
        self.export_banner.actionTriggered.connect(self.open_export_folder)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        # One period bar (and its export message) for the report tabs: it moves into the tab in
        # front, under the tab bar; the live view and the dossier lists have no period.
        self._bar_host = QWidget()
        bar_layout = QVBoxLayout(self._bar_host)
        bar_layout.setContentsMargins(0, 0, 0, 0)
        bar_layout.addWidget(self.period_bar)
        bar_layout.addWidget(self.export_banner)
        self.indicators_view.bar_slot.addWidget(self._bar_host)

        self.status_label = QLabel()
        self.busy_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        worker.busyChanged.connect(self._on_busy_changed)

        self.now_view.dossierListRequested.connect(self.show_dossier_list)
        self.now_view.refreshed.connect(self._on_now_refreshed)
        self.period_bar.periodChanged.connect(self._on_period_changed)
        self.period_bar.exportExcel.connect(self.export_excel)
        self.period_bar.exportPdf.connect(self.export_pdf)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self._build_actions()
        self.retranslateUi()
        self._on_tab_changed(self.tabs.currentIndex())
        self.resize(1440, 900)
        if site is None:
            worker.run(lambda: setup.site_info(services), on_success=self._on_site_loaded, owner=self)

    def views(self) -> list[QWidget]:
        return [self.now_view, self.dossiers_view, self.indicators_view, self.people_view, self.charts_view,
                self.audit_view]

    # --- menus and shortcuts ------------------------------------------------------------

    def _build_actions(self) -> None:
        self.report_menu = self.menuBar().addMenu("")
        self.view_menu = self.menuBar().addMenu("")
        self.language_menu = self.menuBar().addMenu("")

        self.excel_action = QAction(self)
        self.excel_action.setShortcut(QKeySequence("Ctrl+E"))
        self.excel_action.triggered.connect(self.export_excel)
        self.pdf_action = QAction(self)
        self.pdf_action.setShortcut(QKeySequence("Ctrl+P"))
        self.pdf_action.triggered.connect(self.export_pdf)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        for action in (self.excel_action, self.pdf_action):
            self.report_menu.addAction(action)
        self.report_menu.addSeparator()
        self.report_menu.addAction(self.quit_action)

        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh)
        self.tab_actions: list[QAction] = []
        for i, view in enumerate(self.views()):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _checked=False, v=view: self.tabs.setCurrentWidget(v))
            self.tab_actions.append(action)
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)

        self.language_group = QActionGroup(self)
        self.vietnamese_action = QAction("Tiếng Việt", self, checkable=True)  # each in its own language
        self.english_action = QAction("English", self, checkable=True)
        for action, language in ((self.vietnamese_action, "vi"), (self.english_action, "en")):
            action.setData(language)
            action.setChecked(language == i18n.current_language())
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
        self.language_group.triggered.connect(lambda action: i18n.set_language(action.data()))

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Supervisor console"))
        titles = (self.tr("Now"), self.tr("Dossiers"), self.tr("Indicators"), self.tr("Satisfaction && officers"),
                  self.tr("Charts"), self.audit_view.title())
        for view, title in zip(self.views(), titles):
            self.tabs.setTabText(self.tabs.indexOf(view), title)
        self.report_menu.setTitle(self.tr("&Report"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.excel_action.setText(self.tr("Export the tables to &Excel…"))
        self.pdf_action.setText(self.tr("Export the &PDF report of the period…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.refresh_action.setText(self.tr("&Refresh the live view"))
        for action, title in zip(self.tab_actions, titles):
            action.setText(title)
        self.vietnamese_action.setChecked(i18n.current_language() == "vi")
        self.english_action.setChecked(i18n.current_language() == "en")
        self._update_status()
        self._update_exports()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _update_status(self) -> None:
        parts = []
        if self.site is not None:
            parts.append(self.site.name)
        role = self.tr("Administrator") if getattr(self.actor, "role", "") == "admin" else self.tr("Supervisor")
        parts.append(f"{role}: {self.actor.full_name} ({self.actor.username})")
        self.status_label.setText(STATUS_SEPARATOR.join(parts))

    # --- following ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._closing and not self.now_view._following:
            self.now_view.start()

    def refresh(self) -> None:
        """F5: read the live view again (and the current report tab's figures)."""
        self.now_view.refresh()
        view = self.tabs.currentWidget()
        if isinstance(view, PeriodTab):
            view.load(self.period_bar.period())
        elif view is self.dossiers_view:
            self.dossiers_view.reload()
        elif view is self.audit_view:
            self.audit_view.reload()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.now_view.stop()
        event.accept()
        self.closed.emit()

    # --- tabs ---------------------------------------------------------------------------

    def show_dossier_list(self, kind: str) -> None:
        self.tabs.setCurrentWidget(self.dossiers_view)
        self.dossiers_view.show_list(kind)

    def _on_tab_changed(self, index: int) -> None:
        view = self.tabs.widget(index)
        if isinstance(view, PeriodTab):
            view.bar_slot.addWidget(self._bar_host)  # moves it from the tab it was in
            self._bar_host.show()
            if view.wanted != self.period_bar.period():
                view.load(self.period_bar.period())
        elif view is self.dossiers_view and not self.dossiers_view.panel._answered:
            self.dossiers_view.reload()
        self._update_exports()

    def _on_period_changed(self, period: Any) -> None:
        view = self.tabs.currentWidget()
        if isinstance(view, PeriodTab):
            view.load(period)

    def _on_now_refreshed(self, snapshot: Any) -> None:
        self.dossiers_view.set_counts(snapshot.dossiers, snapshot.targets.uncollected_days)
        self.charts_view.set_wait_target(snapshot.targets.max_wait)

    def _on_site_loaded(self, site: Any) -> None:
        self.site = site
        self._update_status()

    def _on_busy_changed(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")

    # --- exports ------------------------------------------------------------------------

    def _update_exports(self) -> None:
        view = self.tabs.currentWidget()
        keys = view.excel_keys() if isinstance(view, PeriodTab) else ()
        self.period_bar.excel_button.setEnabled(bool(keys) and not self._exporting)
        self.period_bar.excel_button.setToolTip(
            self.tr("Save the table(s) of this tab as an Excel workbook") if keys
            else self.tr("The charts are in the PDF report; Excel holds the tables of the other tabs."))
        self.period_bar.pdf_button.setEnabled(not self._exporting)
        self.excel_action.setEnabled(bool(keys) and not self._exporting)
        self.pdf_action.setEnabled(not self._exporting)

    def excel_keys(self) -> tuple[str, ...]:
        view = self.tabs.currentWidget()
        return view.excel_keys() if isinstance(view, PeriodTab) else ()

    def _ask_path(self, title: str, name: str, filters: str, suffix: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        chosen, _filter = self.save_file_name(self, title, str(Path(folder) / name), filters)
        if not chosen:
            return None  # the supervisor cancelled the file chooser
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def export_excel(self) -> None:
        """Ctrl+E: the table(s) of the current tab, for the period, as an Excel workbook."""
        keys = self.excel_keys()
        if self._exporting or not keys:
            return
        period = self.period_bar.period()
        name = f"bao-cao-{'-'.join(keys)}_{period.start:%Y-%m-%d}_{period.end:%Y-%m-%d}.xlsx"
        path = self._ask_path(self.tr("Save the tables as"), name, self.tr("Excel workbook (*.xlsx)"), ".xlsx")
        if path is None:
            return
        svc, actor, lang = self.services, self.actor, i18n.current_language()
        self._start_export(self.tr("Writing the Excel workbook…"),
                           lambda: reports.export_tables_xlsx(svc, actor, period, keys, path, lang=lang), path, "xlsx")

    def export_pdf(self) -> None:
        """Ctrl+P: the whole report of the period (tables and charts) as PDF."""
        if self._exporting:
            return
        period = self.period_bar.period()
        name = f"bao-cao-ky_{period.start:%Y-%m-%d}_{period.end:%Y-%m-%d}.pdf"
        path = self._ask_path(self.tr("Save the period report as"), name, self.tr("PDF document (*.pdf)"), ".pdf")
        if path is None:
            return
        svc, actor, lang = self.services, self.actor, i18n.current_language()
        self._start_export(self.tr("Writing the PDF report…"),
                           lambda: reports.export_period_pdf(svc, actor, period, path, lang), path, "pdf")

    def _start_export(self, message: str, fn: Callable[[], Any], path: Path, kind: str) -> None:
        self._exporting = True
        self._update_exports()
        self.export_banner.show_message(BannerKind.INFO, html.escape(message))
        self.worker.run(fn, on_success=lambda _result: self._on_exported(path, kind),
                        on_failure=self._on_export_failed, owner=self)

    def _on_exported(self, path: Path, kind: str) -> None:
        self._exporting = False
        self._update_exports()
        self.exported = (path, kind)
        self.export_banner.show_message(
            BannerKind.SUCCESS,
            html.escape(self.tr("Saved to:")) + f" <b>{html.escape(str(path))}</b>",
            action=self.tr("Open the folder"))
        self.exportWritten.emit(path)

    def _on_export_failed(self, error: BaseException) -> None:
        self._exporting = False
        self._update_exports()
        self.export_banner.show_message(BannerKind.ERROR, html.escape(
            self.tr("The export failed: %1").replace("%1", describe_error(error))))

    def open_export_folder(self) -> None:
        if self.exported is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported[0].parent)))

