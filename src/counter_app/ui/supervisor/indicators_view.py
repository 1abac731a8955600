"""Tab "Chỉ số": reports II.06a (by unit) and II.07a (by field), the reform targets, and the
queue figures of the period. A double-click on a number of 06a/07a lists the dossiers behind it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from counter_app.services import report_tables, reports
from counter_app.ui.i18n import current_language
from counter_app.ui.supervisor.dossier_list import DrillDownDialog
from counter_app.ui.supervisor.models import MET_COLOURS, NOT_MET_COLOURS
from counter_app.ui.supervisor.period_tab import PeriodTab
from counter_app.ui.supervisor.report_page import ReportPage
from counter_app.ui.widgets.pdf_preview import open_receipt_preview

PAGES = ("06a", "07a", "reform", "queue")
DRILL_BY = {"06a": "unit", "07a": "field"}
# Columns 1..12 of tables 06a/07a are reports.DOSSIER_MEASURES in order; 13 is the on-time rate.
MEASURE_COLUMNS = {i + 1: measure for i, measure in enumerate(reports.DOSSIER_MEASURES)}
REFORM_ACTUAL, REFORM_2025, REFORM_2030, REFORM_ASSESSMENT = 3, 4, 5, 6
EPS = 1e-9


def reform_colours(lines: tuple[Any, ...]) -> Callable[[int, int], tuple[str, str] | None]:
    """Green where the actual figure meets a target, red where it does not yet."""

    def colours(row: int, column: int) -> tuple[str, str] | None:
        if row >= len(lines):
            return None
        line = lines[row]
        if not line.measured or line.actual is None:
            return None
        t25, t30 = line.target_2025, line.target_2030
        if column == REFORM_2025 and t25 is not None:
            return MET_COLOURS if line.actual >= t25 - EPS else NOT_MET_COLOURS
        if column == REFORM_2030 and t30 is not None:
            return MET_COLOURS if line.actual >= t30 - EPS else NOT_MET_COLOURS
        if column in (REFORM_ACTUAL, REFORM_ASSESSMENT) and t25 is not None:
            return MET_COLOURS if line.actual >= t25 - EPS else NOT_MET_COLOURS
        return None

    return colours


class IndicatorsView(PeriodTab):
    """Sub-tabs 06a, 07a, reform targets, queue; ``pages[key]`` is each ReportPage.

    ``drill_dialog`` is the last drill-down dialog opened.
    """

    def __init__(self, services: Any, actor: Any, worker: Any, *, preview_opener: Any = open_receipt_preview,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.preview_opener = preview_opener
        self.drill_dialog: DrillDownDialog | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("indicator_tabs")
        self.pages: dict[str, ReportPage] = {
            "06a": ReportPage("06a", name="table_06a"),
            "07a": ReportPage("07a", name="table_07a"),
            "reform": ReportPage("reform", name="table_reform"),
            "queue": ReportPage("queue", name="table_queue"),
        }
        for key in PAGES:
            self.tabs.addTab(self.pages[key], "")
        for key in DRILL_BY:
            self.pages[key].cellActivated.connect(lambda row, column, k=key: self.drill_down(k, row, column))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.bar_slot)
        layout.addWidget(self.tabs)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        texts = {"06a": self.tr("06a – by unit"), "07a": self.tr("07a – by field"),
                 "reform": self.tr("Reform targets"), "queue": self.tr("Queue")}
        for key, text in texts.items():
            self.tabs.setTabText(self.tabs.indexOf(self.pages[key]), text)

    def excel_keys(self) -> tuple[str, ...]:
        return (self.current_key(),)

    def current_key(self) -> str:
        page = self.tabs.currentWidget()
        return next(key for key, p in self.pages.items() if p is page)

    def show_page(self, key: str) -> ReportPage:
        self.tabs.setCurrentWidget(self.pages[key])
        return self.pages[key]

    # --- figures ------------------------------------------------------------------------

    def fetch(self, period: Any) -> Callable[[], Any]:
        svc, actor = self.services, self.actor

        def run() -> dict[str, Any]:
            r06, r07, reform = reports.dossier_indicators(svc, actor, period)
            return {"06a": r06, "07a": r07, "reform": reform, "queue": reports.queue_report(svc, actor, period)}

        return run

    def show_loading(self) -> None:
        for page in self.pages.values():
            page.set_loading(self.tr("Computing the figures of %1…").replace("%1", self.wanted.label()))

    def show_failed(self, text: str) -> None:
        for page in self.pages.values():
            page.set_failed(text)

    def render(self) -> None:
        data, lang = self.data, current_language()
        hint = self.tr("Double-click a number to see its dossiers")
        self.pages["06a"].set_table(report_tables.table_06a(data["06a"], lang), hint=hint)
        self.pages["07a"].set_table(report_tables.table_07a(data["07a"], lang), hint=hint)
        self.pages["reform"].set_table(report_tables.table_reform(data["reform"], lang),
                                       reform_colours(tuple(data["reform"])))
        self.pages["queue"].set_table(report_tables.table_queue(data["queue"], lang))

    # --- drill-down ---------------------------------------------------------------------

    def drill_down(self, key: str, row: int, column: int) -> DrillDownDialog | None:
        """The dossiers behind the number at (row, column) of 06a or 07a."""
        measure = MEASURE_COLUMNS.get(column)
        if self.data is None or measure is None:
            return None
        report = self.data[key]
        page = self.pages[key]
        line_key = None if page.model.is_total(row) else report.rows[row].key
        table = page.model.table
        label = page.model.data(page.model.index(row, 0))
        count = page.model.data(page.model.index(row, column))
        heading = self.tr("%1 — %2 — %3: %4 dossier(s), period %5").replace("%1", table.title).replace(
            "%2", label).replace("%3", table.columns[column]).replace("%4", count).replace("%5", self.period.label())
        svc, actor, period, by = self.services, self.actor, self.period, DRILL_BY[key]
        if self.drill_dialog is not None:
            self.drill_dialog.close()
        dialog = DrillDownDialog(
            self.services, self.actor, self.worker, heading=heading,
            loader=lambda: reports.drill_down(svc, actor, period, by=by, key=line_key, measure=measure),
            preview_opener=self.preview_opener, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _obj=None, d=dialog: self._forget(d))
        self.drill_dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: Any) -> None:
        if self.drill_dialog is dialog:
            self.drill_dialog = None
