"""Table model of the documents checklist at intake: what the procedure asks for, what was received."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from counter_app.domain.intake import DocumentForm, DocumentLine
from counter_app.ui.i18n import current_language

MAX_COUNT = 99
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DocumentRow:
    name: str
    form: DocumentForm = DocumentForm.ORIGINAL
    count: int = 1
    received: bool = True
    required: bool = True  # asked for by the procedure (False: "if any" or added by hand)


class DocumentsTableModel(QAbstractTableModel):
    """Rows of the checklist: [received ✓] | document | form | count.

    The received column is a check box; name, form and count are editable. Rows can be
    inserted (``insertRows``/``add_row``) and removed. ``lines()`` gives the received rows
    as domain DocumentLines, in order; ``row_of_line(i)`` maps the i-th line back to its
    row, to place a "documents[i].count" error.
    """

    COL_RECEIVED, COL_NAME, COL_FORM, COL_COUNT = range(4)
    COLUMNS = 4
    FORM_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentRow] = []

    # --- Qt model API -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
                return str(section + 1)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            titles = (self.tr("Received"), self.tr("Document"), self.tr("Form"), self.tr("Count"))
            return titles[section] if 0 <= section < len(titles) else None
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_RECEIVED:
            return self.tr("Tick the documents the citizen handed in (Space)")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_RECEIVED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == self.COL_RECEIVED:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.received else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Received") if row.received else self.tr("Not received")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_NAME:
                return row.name
            if column == self.COL_FORM:
                return row.form.label(current_language())
            if column == self.COL_COUNT:
                return row.count
        if role == Qt.ItemDataRole.EditRole:
            if column == self.COL_NAME:
                return row.name
            if column == self.COL_FORM:
                return row.form.value
            if column == self.COL_COUNT:
                return row.count
        if role == self.FORM_ROLE and column == self.COL_FORM:
            return row.form
        if role == Qt.ItemDataRole.FontRole and column == self.COL_NAME and not row.required:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_NAME:
            # Long names are cut in the cell; the tooltip shows them whole.
            return row.name if row.required else f"{row.name}\n{self.tr('Optional: only if the case needs it')}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index):
            return False
        row = self._rows[index.row()]
        column = index.column()
        new: DocumentRow | None = None
        if column == self.COL_RECEIVED and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            new = replace(row, received=checked)
        elif role == Qt.ItemDataRole.EditRole and column == self.COL_NAME:
            if not isinstance(value, str):
                return False
            new = replace(row, name=value)
        elif role == Qt.ItemDataRole.EditRole and column == self.COL_FORM:
            try:
                new = replace(row, form=DocumentForm(value))
            except ValueError:
                return False
        elif role == Qt.ItemDataRole.EditRole and column == self.COL_COUNT:
            try:
                count = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= count <= MAX_COUNT:
                return False
            new = replace(row, count=count)
        if new is None:
            return False
        if new != row:
            self._rows[index.row()] = new
            self.dataChanged.emit(index, index, [role])
        return True

    def insertRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:
        if parent.isValid() or count < 1 or not 0 <= row <= len(self._rows):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        self._rows[row:row] = [DocumentRow(name="", required=False) for _ in range(count)]
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        self.endRemoveRows()
        return True

    # --- for the intake form ---------------------------------------------------------

    def set_rows(self, rows: Iterable[DocumentRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_required_documents(self, documents: Iterable[Any]) -> None:
        """Fill from the procedure's RequiredDocuments; the required ones start ticked."""
        self.set_rows(
            DocumentRow(name=d.name, form=DocumentForm(d.form), count=d.count, received=d.required, required=d.required)
            for d in documents
        )

    def clear(self) -> None:
        self.set_rows([])

    def rows(self) -> list[DocumentRow]:
        return list(self._rows)

    def add_row(self) -> int:
        """Append an empty row (ticked as received) and return its number."""
        position = len(self._rows)
        self.insertRows(position, 1)
        return position

    def lines(self) -> tuple[DocumentLine, ...]:
        """The received documents, as the receipt lists them."""
        return tuple(DocumentLine(name=r.name, form=r.form, count=r.count) for r in self._rows if r.received)

    def row_of_line(self, line: int) -> int | None:
        received = [i for i, r in enumerate(self._rows) if r.received]
        return received[line] if 0 <= line < len(received) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))

    def _valid(self, index: _Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < self.COLUMNS
