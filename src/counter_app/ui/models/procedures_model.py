"""List model of procedures found by a search (the picker's drop-down list)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

_Index = QModelIndex | QPersistentModelIndex


class ProcedureListModel(QAbstractListModel):
    """One row per ProcedureInfo: "Name — code · field"; retired ones greyed and last.

    ``PROCEDURE_ROLE`` returns the ProcedureInfo itself.
    """

    PROCEDURE_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items) or index.column() != 0:
            return None
        info = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{info.name}  —  {info.code}"
            if getattr(info, "field_name", ""):
                text += f"  ·  {info.field_name}"
            if info.retired:
                text += "  " + self.tr("(retired)")
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{info.code}\n{info.name}"
        if role == Qt.ItemDataRole.ForegroundRole and info.retired:
            return QBrush(QColor("#888888"))
        if role == self.PROCEDURE_ROLE:
            return info
        return None

    def set_procedures(self, procedures: Iterable[Any]) -> None:
        self.beginResetModel()
        # Retired procedures stay findable (so the officer learns why) but sink to the end.
        self._items = sorted(procedures, key=lambda p: bool(p.retired))
        self.endResetModel()

    def procedure(self, row: int) -> Any | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def clear(self) -> None:
        self.set_procedures([])
