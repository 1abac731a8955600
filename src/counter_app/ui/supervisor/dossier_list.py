"""A masked list of dossiers that opens one (the audited full view) on double-click or Enter:
the Dossiers tab and the drill-down dialog of the indicators both show one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.ui.desk.dossier_dialog import DossierDialog
from counter_app.ui.models.dossier_list_model import DossierListModel
from counter_app.ui.supervisor.widgets import button_row, close_button, describe_error, make_table
from counter_app.ui.widgets.field_error import FieldErrorLabel
from counter_app.ui.widgets.pdf_preview import open_receipt_preview

Loader = Callable[[], list[Any]]


class DossierListPanel(QWidget):
    """Table of DossierListItem (masked ID and phone) + count + "Open the dossier".

    ``load(fn)`` runs ``fn`` in the worker and shows its answer (older answers are dropped).

    Signals:
        loaded(list): an answer was shown.
        dossierOpened(object): the DossierDialog opened.
        dossierClosed(object): a DossierDialog closed (``changed`` says whether it recorded something).
    """

    loaded = Signal(list)
    dossierOpened = Signal(object)
    dossierClosed = Signal(object)

    def __init__(self, services: Any, actor: Any, worker: Any, *, preview_opener: Any = open_receipt_preview,
                 limit: int = 500, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.preview_opener = preview_opener
        self.limit = limit
        self.dialog: DossierDialog | None = None
        self._generation = 0
        self._answered = False
        self._loading = False
        self.model = DossierListModel(self)
        self.table = make_table(self.model, "dossier_list", stretch=DossierListModel.PROCEDURE)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(DossierListModel.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.count.setObjectName("dossier_count")
        self.count.setStyleSheet("color: #37474f; font-size: 10.5pt;")
        self.error = FieldErrorLabel()
        self.open_button = QPushButton()
        self.open_button.setAutoDefault(False)
        self.open_button.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.open_button.setEnabled(current.isValid()))
        self.open_button.clicked.connect(self.open_current)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.open_button.setText(self.tr("Open the dossier (Enter)"))
        self.model.retranslate()
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- loading ------------------------------------------------------------------------

    def load(self, fn: Loader) -> None:
        self._generation += 1
        generation = self._generation
        self._loading = True
        self.error.clear_message()
        self._show_count()
        self.worker.run(fn, on_success=lambda items: self._on_loaded(generation, items),
                        on_failure=lambda error: self._on_failed(generation, error), owner=self)

    def _on_loaded(self, generation: int, items: list[Any]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._answered = True
        current = self.model.item(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        self.model.set_items(items)
        row = self.model.row_of(current.code) if current is not None else None
        if items:
            self.table.selectRow(row if row is not None else 0)
        self.open_button.setEnabled(bool(items))
        self._show_count()
        self.loaded.emit(list(items))

    def _on_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.error.show_message(self.tr("The list could not be read: %1").replace("%1", describe_error(error)))
        self._show_count()

    def _show_count(self) -> None:
        if self._loading:
            self.count.setText(self.tr("Loading…"))
        elif not self._answered:
            self.count.setText("")
        elif self.model.rowCount() == 0:
            self.count.setText(self.tr("No dossier in this list."))
        elif self.model.rowCount() >= self.limit:
            self.count.setText(self.tr("The first %1 dossiers are shown.").replace("%1", str(self.model.rowCount())))
        else:
            self.count.setText(self.tr("Dossiers: %1").replace("%1", str(self.model.rowCount())))

    def codes(self) -> list[str]:
        return [item.code for item in self.model.items()]

    # --- opening ------------------------------------------------------------------------

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._on_activated(index)

    def _on_activated(self, index: QModelIndex) -> None:
        item = self.model.item(index.row())
        if item is not None:
            self.open_dossier(item.code)

    def open_dossier(self, code: str) -> DossierDialog:
        """The full record (an audited view) in the desk's dossier dialog."""
        if self.dialog is not None:
            self.dialog.close()
        dialog = DossierDialog(self.services, self.actor, self.worker, code, preview_opener=self.preview_opener,
                               parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result, d=dialog: self._on_dialog_finished(d))
        self.dialog = dialog
        dialog.open()
        self.dossierOpened.emit(dialog)
        return dialog

    def _on_dialog_finished(self, dialog: DossierDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.dossierClosed.emit(dialog)
        self.table.setFocus()


class DrillDownDialog(QDialog):
    """The dossiers behind one number of a report (reports.drill_down), each one openable."""

    def __init__(self, services: Any, actor: Any, worker: Any, *, heading: str, loader: Loader,
                 preview_opener: Any = open_receipt_preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading_text = heading
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.panel = DossierListPanel(services, actor, worker, preview_opener=preview_opener, limit=1000)
        self.close_button = close_button(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.panel, 1)
        layout.addLayout(button_row(self.close_button))
        self.resize(1100, 560)
        self.retranslateUi()
        self.panel.load(loader)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Dossiers behind the figure"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
