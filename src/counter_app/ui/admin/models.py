"""Table models of the administration window: read-only rows of services/admin.py results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from counter_app.domain.calendar import to_local
from counter_app.ui import i18n

Index = QModelIndex | QPersistentModelIndex
MUTED = QBrush(QColor("#777777"))
WARN = QBrush(QColor("#a50e0e"))


def role_name(role: str) -> str:
    names = {
        "officer": QCoreApplication.translate("AdminRoles", "Reception officer"),
        "supervisor": QCoreApplication.translate("AdminRoles", "Supervisor"),
        "admin": QCoreApplication.translate("AdminRoles", "Administrator"),
    }
    return names.get(role, role)


class AdminRowsModel(QAbstractTableModel):
    """Rows of one service result; columns are (header, text of a row) pairs given by subclasses.

    ``row(i)`` is the service object behind row i; ``set_rows`` replaces them all (a reset).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def columns(self) -> Sequence[tuple[str, Callable[[Any], str]]]:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, i: int) -> Any:
        return self._rows[i]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            columns = self.columns()
            return columns[section][0] if 0 <= section < len(columns) else None
        return section + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            columns = self.columns()
            if 0 <= index.column() < len(columns):
                return columns[index.column()][1](row)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row)
        return None

    def foreground(self, row: Any) -> QBrush | None:
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class AdminUsersModel(AdminRowsModel):
    def columns(self):
        return (
            (self.tr("User name"), lambda u: u.username),
            (self.tr("Full name"), lambda u: u.full_name),
            (self.tr("Role"), lambda u: role_name(u.role)),
            (self.tr("Counter"), lambda u: str(u.assigned_counter) if u.assigned_counter else self.tr("any")),
            (self.tr("State"), self._state),
        )

    def _state(self, u) -> str:
        if not u.active:
            return self.tr("Deactivated")
        if u.locked:
            until = to_local(u.locked_until).strftime("%H:%M %d/%m/%Y")
            return self.tr("Locked until %1").replace("%1", until)
        if u.must_change_password:
            return self.tr("Active — must change the password")
        return self.tr("Active")

    def foreground(self, row):
        if not row.active:
            return MUTED
        return WARN if row.locked else None


class AdminCountersModel(AdminRowsModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field_names: dict[str, str] = {}

    def columns(self):
        return (
            (self.tr("No."), lambda c: str(c.number)),
            (self.tr("Name"), lambda c: c.name),
            (self.tr("In use"), lambda c: self.tr("yes") if c.active else self.tr("no")),
            (self.tr("Fields served"), self._fields),
            (self.tr("Serving now"), lambda c: c.serving or "—"),
        )

    def _fields(self, c) -> str:
        if not c.fields:
            return self.tr("every field")
        return ", ".join(self.field_names.get(code, code) for code in c.fields)

    def foreground(self, row):
        return None if row.active else MUTED


class AdminFieldsModel(AdminRowsModel):
    def columns(self):
        return (
            (self.tr("Field"), lambda f: f.name),
            (self.tr("Code"), lambda f: f.code),
            (self.tr("Prefix"), lambda f: f.prefix),
            (self.tr("Numbers"), lambda f: f"{f.start}–{f.end}"),
            (self.tr("At the kiosk"), lambda f: self.tr("offered") if f.queue_open else self.tr("not offered")),
            (self.tr("Counters that chose it"), lambda f: ", ".join(map(str, f.counters)) or "—"),
        )

    def foreground(self, row):
        return None if row.queue_open else MUTED


class AdminProceduresModel(AdminRowsModel):
    def columns(self):
        return (
            (self.tr("Code"), lambda p: p.code),
            (self.tr("Procedure"), lambda p: p.name),
            (self.tr("Field"), lambda p: p.field_name),
            (self.tr("Time limit"), lambda p: i18n.format_processing_time(
                p.processing_days, p.counting.value == "calendar_days")),
            (self.tr("State"), lambda p: self.tr("retired") if p.retired else self.tr("in force")),
            (self.tr("Catalog version"), lambda p: p.catalog_version),
        )

    def foreground(self, row):
        return MUTED if row.retired else None


class AdminCalendarModel(AdminRowsModel):
    def columns(self):
        return (
            (self.tr("Date"), lambda d: f"{i18n.weekday_name(d.day)} {i18n.format_date(d.day)}"),
            (self.tr("Kind"), lambda d: self.tr("Day off") if d.kind == "day_off" else self.tr("Make-up working day")),
            (self.tr("Name"), lambda d: d.name if i18n.current_language() == "vi" else d.name_en),
            (self.tr("Source"), lambda d: self.tr("the centre") if d.source == "site" else self.tr("national")),
        )

    def foreground(self, row):
        return None if row.source == "site" else MUTED
