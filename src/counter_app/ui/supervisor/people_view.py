"""Tab "Hài lòng & cán bộ": citizen satisfaction (shares per level, the satisfied share, the
comments) and the figures of each officer over the report period."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from counter_app.services import report_tables, reports
from counter_app.ui.i18n import current_language
from counter_app.ui.supervisor.period_tab import PeriodTab
from counter_app.ui.supervisor.report_page import ReportPage

SATISFIED_GOOD = 0.8  # the headline turns amber below this share


class PeopleView(PeriodTab):
    """``pages``: "satisfaction", "comments", "officers"."""

    EXCEL_KEYS = ("satisfaction", "comments", "officers")

    def __init__(self, services: Any, actor: Any, worker: Any, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.pages: dict[str, ReportPage] = {
            "satisfaction": ReportPage("satisfaction", name="table_satisfaction"),
            "comments": ReportPage("satisfaction", name="table_comments", stretch_first=False),
            "officers": ReportPage("officers", name="table_officers"),
        }
        self.headline = QLabel()
        self.headline.setObjectName("satisfied_share")
        self.headline.setWordWrap(True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._headline_style("#e6f4ea", "#0d652d")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.headline)
        left_layout.addWidget(self.pages["satisfaction"], 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(self.pages["comments"])
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        top.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.pages["officers"])
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.bar_slot)
        layout.addWidget(splitter, 1)

    def _headline_style(self, background: str, text: str) -> None:
        self.headline.setStyleSheet(
            f"QLabel {{ background: {background}; color: {text}; border-radius: 4px; padding: 8px 12px;"
            " font-size: 13pt; font-weight: 600; }")

    def fetch(self, period: Any) -> Callable[[], Any]:
        svc, actor = self.services, self.actor
        return lambda: {"satisfaction": reports.satisfaction_report(svc, actor, period),
                        "officers": reports.officer_report(svc, actor, period)}

    def show_loading(self) -> None:
        for page in self.pages.values():
            page.set_loading(self.tr("Computing the figures of %1…").replace("%1", self.wanted.label()))

    def show_failed(self, text: str) -> None:
        for page in self.pages.values():
            page.set_failed(text)

    def render(self) -> None:
        lang = current_language()
        satisfaction = self.data["satisfaction"]
        self.pages["satisfaction"].set_table(report_tables.table_satisfaction(satisfaction, lang))
        self.pages["comments"].set_table(report_tables.table_comments(satisfaction, lang))
        self.pages["officers"].set_table(report_tables.table_officers(self.data["officers"], lang))
        share = satisfaction.satisfied_share
        if share is None:
            self.headline.setText(self.tr("No rating was given in this period."))
            self._headline_style("#eceff1", "#37474f")
        else:
            self.headline.setText(self.tr("Satisfied: %1 of %2 ratings").replace(
                "%1", report_tables.cell_text(share, "percent", lang)).replace(
                "%2", report_tables.cell_text(satisfaction.total, "int", lang)))
            if share >= SATISFIED_GOOD:
                self._headline_style("#e6f4ea", "#0d652d")
            else:
                self._headline_style("#fff6d6", "#4a3500")
