"""Find a dossier not accepted earlier (form 02 or 03) to reopen it at the intake form.

The dialog searches (by ID number or name, accents optional) off the GUI thread and lists
the slips still open; the officer picks one with Enter. IntakeController reopens it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError
from counter_app.services import not_accepted
from counter_app.ui.i18n import current_language
from counter_app.ui.widgets.field_error import FieldErrorLabel
from counter_app.ui.worker import Worker

SEARCH_DELAY_MS = 250
_Index = QModelIndex | QPersistentModelIndex


class NotAcceptedModel(QAbstractTableModel):
    """Rows of NotAcceptedInfo: slip | date | kind | procedure | owner | ID (masked) | reason."""

    COL_NUMBER, COL_DATE, COL_KIND, COL_PROCEDURE, COL_OWNER, COL_ID, COL_REASON = range(7)
    COLUMNS = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Slip"), self.tr("Date"), self.tr("Kind"), self.tr("Procedure"), self.tr("Dossier owner"),
            self.tr("ID number"), self.tr("Reason / to complete"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items) or not 0 <= index.column() < self.COLUMNS:
            return None
        info = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_NUMBER:
                return info.number
            if column == self.COL_DATE:
                return to_local(info.at).strftime("%d/%m/%Y %H:%M")
            if column == self.COL_KIND:
                return self.kind_label(info.kind)
            if column == self.COL_PROCEDURE:
                return info.procedure_name
            if column == self.COL_OWNER:
                return info.owner_name
            if column == self.COL_ID:
                return info.owner_id_masked
            return self._reason(info)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.COL_PROCEDURE, self.COL_REASON):
            if column == self.COL_PROCEDURE:
                return f"{info.procedure_code} — {info.procedure_name}"
            lines = [info.reason] if info.reason else []
            lines += [f"• {m.name} ({m.form.label(current_language())}, {m.count})" for m in info.missing]
            return "\n".join(lines) or None
        return None

    def kind_label(self, kind: str) -> str:
        return self.tr("Request to complete (form 02)") if kind == "supplement" else self.tr("Refusal (form 03)")

    @staticmethod
    def _reason(info: Any) -> str:
        if info.missing:
            names = "; ".join(m.name for m in info.missing)
            return f"{names} — {info.reason}" if info.reason else names
        return info.reason

    def set_items(self, items: Iterable[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> Any | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, self.COLUMNS - 1))


class ReopenDialog(QDialog):
    """Slips (form 02/03) not taken up again yet, newest first; type an ID number or a name.

    Enter (or "Reopen") emits ``chosen``; the dialog stays open until the controller calls
    :meth:`finish` (the form is filled) or :meth:`show_error`.

    Signals:
        chosen(object): the NotAcceptedInfo picked.
    """

    chosen = Signal(object)

    def __init__(self, services: Any, worker: Worker, *, query: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.services = services
        self.worker = worker
        self._generation = 0
        self._busy = False
        self._pending = False
        self._choose_when_ready = False

        self.search = QLineEdit(query)
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(100)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.model = NotAcceptedModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(NotAcceptedModel.COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NotAcceptedModel.COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setStyleSheet("color: #555555;")
        self.error = FieldErrorLabel()
        self.open_button = QPushButton()
        self.close_button = QPushButton()
        for button in (self.open_button, self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.open_button)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.installEventFilter(self)
        self.table.activated.connect(lambda _index: self.choose())
        self.table.doubleClicked.connect(lambda _index: self.choose())
        self.open_button.clicked.connect(self.choose)
        self.close_button.clicked.connect(self.reject)
        self.retranslateUi()
        self.resize(980, 440)
        self.refresh()

    # --- view -------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Reopen a dossier not accepted"))
        self.search_label.setText(self.tr("&Search"))
        self.search.setPlaceholderText(self.tr("ID number or name of the dossier owner (accents optional)"))
        self.open_button.setText(self.tr("&Reopen at the intake form (Enter)"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        if rows:
            self.status.setText(self.tr("Slips not yet taken up again: %1").replace("%1", str(rows)))
        else:
            self.status.setText(self.tr("No slip waiting to be taken up again matches this search."))

    # --- search -----------------------------------------------------------------------

    def refresh(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        self._pending = True
        svc, query = self.services, self.search.text().strip()
        self.worker.run(
            lambda: not_accepted.find_not_accepted(svc, query, open_only=True),
            on_success=lambda found: self._on_found(generation, found),
            on_failure=lambda error: self._on_failed(generation, error),
            owner=self,
        )

    @property
    def searching(self) -> bool:
        """A search is waiting for its pause or for its answer."""
        return self._timer.isActive() or self._pending

    def _on_found(self, generation: int, found: list[Any]) -> None:
        if generation != self._generation:
            return
        self._pending = False
        self.error.clear_message()
        self.model.set_items(found)
        if found:
            self.table.selectRow(0)
        self._show_count()
        if self._choose_when_ready:
            self._choose_when_ready = False
            self.choose()

    def _on_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._pending = False
        self._choose_when_ready = False
        self.show_error(error)

    # --- choose -----------------------------------------------------------------------

    def current(self) -> Any | None:
        index = self.table.currentIndex()
        return self.model.item(index.row() if index.isValid() else -1)

    def choose(self) -> None:
        info = self.current()
        if info is None or self._busy:
            return
        self.error.clear_message()
        self.set_busy(True)
        self.chosen.emit(info)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.open_button.setEnabled(not busy)

    def finish(self) -> None:
        self.set_busy(False)
        self.done(QDialog.DialogCode.Accepted)

    def show_error(self, error: BaseException | str) -> None:
        self.set_busy(False)
        if isinstance(error, DomainError):
            text = error.message(current_language())
        elif isinstance(error, BaseException):
            text = self.tr("The search failed (%1). Try again; if it goes on, tell the IT administrator.").replace(
                "%1", type(error).__name__)
        else:
            text = error
        self.error.show_message(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the search box move in the list; Enter reopens the selected slip."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                row = self.table.currentIndex().row() if self.table.currentIndex().isValid() else -1
                row = max(0, min(self.model.rowCount() - 1, row + (1 if key == Qt.Key.Key_Down else -1)))
                self.table.selectRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                if self._timer.isActive():
                    self.refresh()  # typed faster than the pause: search now, reopen on the answer
                if self._pending:
                    self._choose_when_ready = True
                else:
                    self.choose()
                return True
        return super().eventFilter(watched, event)

    def done(self, result: int) -> None:
        super().done(result)
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()  # the keyboard goes back to the form
