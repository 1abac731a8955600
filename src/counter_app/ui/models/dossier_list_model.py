"""Table model of a dossier search result (services.search.DossierListItem), masked as lists must be."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from counter_app.domain.calendar import to_local
from counter_app.ui.i18n import current_language
from counter_app.ui.models.sync_models import badge_icon, badge_text

_Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOUR = "#b00020"


def short_datetime(value: datetime | None) -> str:
    """"09:32 26/11/2026" in local time; "" when there is no value."""
    return f"{to_local(value):%H:%M %d/%m/%Y}" if value is not None else ""


class DossierListModel(QAbstractTableModel):
    """Rows of dossiers: code | status | procedure | owner | ID (masked) | phone (masked) | received | due.

    Only the masked ID and phone ever reach a cell (Decree 13/2023): the full record is an
    audited view (services.search.open_dossier). The due date of an overdue dossier is red.
    ``CODE_ROLE`` on any cell gives the dossier code; ``item(row)`` the whole list item.
    ``set_badges`` puts each dossier's sync badge (a coloured dot) before its code.
    """

    CODE, STATUS, PROCEDURE, OWNER, ID_NUMBER, PHONE, RECEIVED, DUE = range(8)
    COLUMNS = 8
    CODE_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []
        self._badges: dict[str, str] = {}  # dossier id -> sync badge (services.sync_status.badges)

    # --- Qt model API -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._items):
                return str(section + 1)
            return None
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < self.COLUMNS:
            return None
        titles = (
            self.tr("Dossier code"),
            self.tr("Status"),
            self.tr("Procedure"),
            self.tr("Owner"),
            self.tr("ID number"),
            self.tr("Phone"),
            self.tr("Received"),
            self.tr("Due"),
        )
        return titles[section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == self.CODE_ROLE:
            return item.code
        if role == Qt.ItemDataRole.DecorationRole and column == self.CODE:
            return badge_icon(self._badge(item))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.CODE:
                return badge_text(self._badge(item)) or None
            if column == self.PROCEDURE:
                return item.procedure_name
            if column == self.DUE and item.overdue:
                return self.tr("Overdue: the result was due %1").replace("%1", short_datetime(item.due_at))
            if column == self.STATUS:
                return f"{int(item.status)} – {item.status.label(current_language())}"
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DUE and item.overdue:
            return QBrush(QColor(OVERDUE_COLOUR))
        if role == Qt.ItemDataRole.FontRole and column in (self.CODE, self.DUE) and (column == self.CODE or item.overdue):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, item: Any, column: int) -> str:
        if column == self.CODE:
            return item.code
        if column == self.STATUS:
            return item.status.label(current_language())
        if column == self.PROCEDURE:
            return item.procedure_name
        if column == self.OWNER:
            return item.owner_name
        if column == self.ID_NUMBER:
            return item.owner_id_masked
        if column == self.PHONE:
            return item.owner_phone_masked
        if column == self.RECEIVED:
            return short_datetime(item.received_at)
        if column == self.DUE:
            return short_datetime(item.due_at)
        return ""

    # --- for the views ----------------------------------------------------------------

    def set_items(self, items: Iterable[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def clear(self) -> None:
        self.set_items([])

    def set_badges(self, badges: dict[str, str]) -> None:
        """Sync badges by dossier id ("pending" | "synced" | "attention")."""
        self._badges = dict(badges)
        if self._items:
            self.dataChanged.emit(self.index(0, self.CODE), self.index(len(self._items) - 1, self.CODE),
                                  [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])

    def badge(self, row: int) -> str:
        item = self.item(row)
        return self._badge(item) if item is not None else ""

    def _badge(self, item: Any) -> str:
        return self._badges.get(str(getattr(item, "id", "")), "")

    def items(self) -> list[Any]:
        return list(self._items)

    def item(self, row: int) -> Any | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, code: str) -> int | None:
        for row, item in enumerate(self._items):
            if item.code == code:
                return row
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, self.COLUMNS - 1))

    def _valid(self, index: _Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._items) and 0 <= index.column() < self.COLUMNS
