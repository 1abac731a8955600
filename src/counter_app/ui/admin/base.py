"""What every tab of the administration window shares: the services, the worker, a message strip,
errors placed next to their field, a table with its model."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.ui import i18n
from counter_app.ui.widgets.banner import BannerKind, MessageBanner
from counter_app.ui.widgets.field_error import FieldErrorLabel, FieldErrorMap
from counter_app.ui.worker import Worker


def error_text(error: BaseException) -> str:
    if isinstance(error, DomainError):
        return error.message(i18n.current_language())
    return f"{type(error).__name__}: {error}"


def make_table(model: Any, name: str, stretch: int | None = None) -> QTableView:
    """A read-only table, one row selected at a time; column ``stretch`` (else the last) takes the
    spare width and elides long text (the tooltip shows it whole)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the form
    return table


def select_row(table: QTableView, row: int) -> None:
    model = table.model()
    if 0 <= row < model.rowCount():
        table.selectionModel().setCurrentIndex(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        table.scrollTo(model.index(row, 0))


class AdminTab(QWidget):
    """A tab: ``banner`` for what happened, ``errors`` for the form's fields, ``run`` for service calls.

    Subclasses build their widgets, call ``add_field`` for each form row (the red label goes
    under the field), implement ``retranslateUi`` and ``reload``.
    """

    def __init__(self, services: Any, actor: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.banner = MessageBanner()
        self.errors = FieldErrorMap()
        self.loaded = False
        self._labels: list[tuple[QLabel, Callable[[], str]]] = []

    def page_layout(self) -> QVBoxLayout:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.banner)
        return layout

    def add_field(self, form: QFormLayout, path: str, widget: QWidget, text: Callable[[], str]) -> FieldErrorLabel:
        """A form row with its label (buddy, so Alt+letter reaches it) and its red error line."""
        label = QLabel()
        label.setBuddy(widget)
        self._labels.append((label, text))
        error = FieldErrorLabel()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        form.addRow(label, box)
        self.errors.register(path, widget, error)
        return error

    def retranslate_labels(self) -> None:
        for label, text in self._labels:
            label.setText(text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.retranslate_labels()

    def reload(self) -> None:
        raise NotImplementedError

    # --- service calls ------------------------------------------------------------------

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None] | None = None) -> None:
        self.worker.run(fn, on_success=on_success, on_failure=on_failure or self.show_failure, owner=self)

    def show_failure(self, error: BaseException) -> None:
        """Field errors next to their fields (the first one focused); the rest in the strip."""
        self.errors.clear()
        if isinstance(error, ValidationFailed):
            first, unplaced = self.errors.show(error.errors, i18n.current_language())
            if unplaced:
                self.say(BannerKind.ERROR, "; ".join(e.message(i18n.current_language()) for e in unplaced))
            else:
                self.say(BannerKind.ERROR, self.tr("Nothing was saved: correct the fields marked in red."))
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.say(BannerKind.ERROR, self.tr("Nothing was saved: %1").replace("%1", error_text(error)))

    def say(self, kind: BannerKind, text: str) -> None:
        self.banner.show_message(kind, html.escape(text).replace("\n", "<br>"))
