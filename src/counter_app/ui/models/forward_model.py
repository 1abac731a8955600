"""Table model of the dossiers waiting to be forwarded to their resolving agency, with tick boxes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from counter_app.domain.calendar import to_local
from counter_app.domain.text import fold

_Index = QModelIndex | QPersistentModelIndex
ANY_AGENCY = None  # agency filter: every dossier
NO_AGENCY = ""  # agency filter: dossiers whose lead agency is not recorded


class ForwardTableModel(QAbstractTableModel):
    """Rows of ForwardItem: [✓] | code | procedure | owner | lead agency | received | due | sets.

    The tick column is checkable (Space in the view). ``set_agency_filter`` shows only the
    dossiers of one lead agency (``NO_AGENCY`` for those with none, ``ANY_AGENCY`` for all);
    ``set_text_filter`` narrows by code, owner or procedure (accents optional). Only rows
    in view count as ticked: hiding a row unticks it, so nothing is forwarded unseen.

    Signals:
        checkedChanged(): the set of ticked rows changed.
    """

    COL_CHECK, COL_CODE, COL_PROCEDURE, COL_OWNER, COL_AGENCY, COL_RECEIVED, COL_DUE, COL_SETS = range(8)
    COLUMNS = 8
    checkedChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[Any] = []
        self._rows: list[Any] = []
        self._checked: set[str] = set()
        self._agency: str | None = ANY_AGENCY
        self._text = ""

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
            titles = (
                self.tr("Forward"), self.tr("Dossier code"), self.tr("Procedure"), self.tr("Dossier owner"),
                self.tr("Lead agency"), self.tr("Received"), self.tr("Due"), self.tr("Sets"),
            )
            return titles[section] if 0 <= section < len(titles) else None
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_CHECK:
            return self.tr("Tick the dossiers handed over in this list (Space)")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_CHECK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if column == self.COL_CHECK:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if item.code in self._checked else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_CODE:
                return item.code
            if column == self.COL_PROCEDURE:
                return item.procedure_name
            if column == self.COL_OWNER:
                return item.owner_name
            if column == self.COL_AGENCY:
                return item.lead_agency or self.tr("(not recorded)")
            if column == self.COL_RECEIVED:
                return to_local(item.received_at).strftime("%d/%m/%Y %H:%M")
            if column == self.COL_DUE:
                return to_local(item.due_at).strftime("%d/%m/%Y %H:%M")
            if column == self.COL_SETS:
                return item.sets
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.COL_PROCEDURE, self.COL_AGENCY):
            return item.procedure_name if column == self.COL_PROCEDURE else (item.lead_agency or None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_SETS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_AGENCY and not item.lead_agency:
            return QColor("#777777")
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or index.column() != self.COL_CHECK or role != Qt.ItemDataRole.CheckStateRole:
            return False
        code = self._rows[index.row()].code
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if checked == (code in self._checked):
            return True
        (self._checked.add if checked else self._checked.discard)(code)
        self.dataChanged.emit(index, index, [role])
        self.checkedChanged.emit()
        return True

    # --- for the forwarding screen ------------------------------------------------------

    def set_items(self, items: Iterable[Any]) -> None:
        """New list from the service; ticks of dossiers still listed are kept."""
        self._all = list(items)
        codes = {item.code for item in self._all}
        self._checked &= codes
        self._apply_filter()

    def set_agency_filter(self, agency: str | None) -> None:
        self._agency = agency
        self._apply_filter()

    def set_text_filter(self, text: str) -> None:
        self._text = fold(text.strip())
        self._apply_filter()

    @property
    def agency_filter(self) -> str | None:
        return self._agency

    def agencies(self) -> list[tuple[str, int]]:
        """Lead agencies present (NO_AGENCY for none recorded) with their number of dossiers, by name."""
        counts = Counter(item.lead_agency for item in self._all)
        return sorted(counts.items(), key=lambda pair: (pair[0] == NO_AGENCY, fold(pair[0])))

    def total(self) -> int:
        return len(self._all)

    def item(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def items(self) -> list[Any]:
        """The rows in view."""
        return list(self._rows)

    def checked_items(self) -> list[Any]:
        return [item for item in self._rows if item.code in self._checked]

    def checked_codes(self) -> list[str]:
        return [item.code for item in self.checked_items()]

    def set_all_checked(self, checked: bool) -> None:
        """Tick (or untick) every row in view."""
        codes = {item.code for item in self._rows}
        before = set(self._checked)
        if checked:
            self._checked |= codes
        else:
            self._checked -= codes
        if self._checked != before and self._rows:
            self.dataChanged.emit(self.index(0, self.COL_CHECK), self.index(len(self._rows) - 1, self.COL_CHECK),
                                  [Qt.ItemDataRole.CheckStateRole])
            self.checkedChanged.emit()

    def all_checked(self) -> bool:
        return bool(self._rows) and all(item.code in self._checked for item in self._rows)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))

    # --- internals ----------------------------------------------------------------------

    def _matches(self, item: Any) -> bool:
        if self._agency is not ANY_AGENCY and item.lead_agency != self._agency:
            return False
        if self._text:
            haystack = fold(" ".join((item.code, item.owner_name, item.procedure_name)))
            return all(token in haystack for token in self._text.split())
        return True

    def _apply_filter(self) -> None:
        before = set(self._checked)
        self.beginResetModel()
        self._rows = [item for item in self._all if self._matches(item)]
        self._checked &= {item.code for item in self._rows}
        self.endResetModel()
        if self._checked != before:
            self.checkedChanged.emit()

    def _valid(self, index: _Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < self.COLUMNS
