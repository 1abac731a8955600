"""Table models of the supervisor console, over the results of services.supervisor and
services.reports (and the shared ReportTable of services.report_tables).

The live models (fields, counters, waiting tickets) hold the last snapshot of
supervisor.now_view and move its elapsed times on with ``tick(now)`` every second, so a wait
that passes its target turns amber, then red, between two reads of the database.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from counter_app.domain.calendar import to_local
from counter_app.services import report_tables
from counter_app.services.supervisor import level_of
from counter_app.ui.i18n import current_language

_Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1   # "ok" | "warning" | "late" of the row
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2   # the raw value behind a cell

# (background, text) per level: amber when a wait or service time reaches 80 % of its
# target, red once it is past it (docs/INDICATORS.md, live view).
LEVEL_COLOURS: dict[str, tuple[str, str]] = {
    "warning": ("#ffd966", "#4a3500"),
    "late": ("#f28b82", "#5c0000"),
}
# Targets met / not met in the reform table, and the number cells of a report's total line.
MET_COLOURS = ("#c8e6c9", "#0d4a17")
NOT_MET_COLOURS = ("#ffcdd2", "#7f0000")
MUTED_TEXT = "#6b7280"
HEAD_WIDTH = 12  # characters per line of a column head


def level_background(level: str) -> QColor | None:
    colours = LEVEL_COLOURS.get(level)
    return QColor(colours[0]) if colours else None


def level_foreground(level: str) -> QColor | None:
    colours = LEVEL_COLOURS.get(level)
    return QColor(colours[1]) if colours else None


def level_text(level: str) -> str:
    return {
        "warning": QCoreApplication.translate("SupervisorFormat", "Near the target"),
        "late": QCoreApplication.translate("SupervisorFormat", "Past the target"),
    }.get(level, QCoreApplication.translate("SupervisorFormat", "Within the target"))


def duration_text(value: timedelta | None) -> str:
    """"12 phút", "1 giờ 05 phút", "dưới 1 phút"; "—" for no value."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return QCoreApplication.translate("SupervisorFormat", "under 1 min")
    if minutes < 60:
        return QCoreApplication.translate("SupervisorFormat", "%1 min").replace("%1", str(minutes))
    return (QCoreApplication.translate("SupervisorFormat", "%1 h %2 min")
            .replace("%1", str(minutes // 60)).replace("%2", f"{minutes % 60:02d}"))


def time_text(value: datetime | None) -> str:
    return f"{to_local(value):%H:%M}" if value is not None else ""


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class _RowsModel(QAbstractTableModel):
    """A read-only table of frozen dataclass rows; subclasses say what each cell shows."""

    COLUMNS = 0
    STRETCH = -1  # the column that takes the spare width (its head is not wrapped)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Vertical or role != DISPLAY or not 0 <= section < self.COLUMNS:
            return None
        title = self.titles()[section]
        if section == self.STRETCH:
            return title  # the wide column: one line
        return "\n".join(textwrap.wrap(title, HEAD_WIDTH))  # narrow number columns leave room for names

    def titles(self) -> Sequence[str]:
        raise NotImplementedError

    def _valid(self, index: _Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < self.COLUMNS

    def _set(self, rows: Iterable[Any]) -> None:
        rows = list(rows)
        if len(rows) == len(self._rows):
            # Same shape: change the cells in place, so selection and scrolling stay put.
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.COLUMNS - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[Any]:
        return list(self._rows)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))

    def _level_data(self, level: str, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = level_background(level)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = level_foreground(level)
            return QBrush(colour) if colour is not None else None
        if role == LEVEL_ROLE:
            return level
        return None


# --- live view --------------------------------------------------------------------------


class FieldsNowModel(_RowsModel):
    """Per field, now: waiting, priority, longest wait, estimated wait, counters, served today.

    The row's background is the field's level (amber near the wait target, red past it).
    """

    FIELD, WAITING, PRIORITY, LONGEST, ESTIMATED, COUNTERS, SERVED, AVG_WAIT = range(8)
    COLUMNS = 8
    STRETCH = FIELD
    NUMBERS = (WAITING, PRIORITY, SERVED)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._taken: list[Any] = []  # the rows as read (their times are moved on from these)
        self._at: datetime | None = None

    def titles(self) -> Sequence[str]:
        return (self.tr("Field"), self.tr("Waiting"), self.tr("Priority"), self.tr("Longest wait"),
                self.tr("Estimated wait"), self.tr("Open counters"), self.tr("Served today"),
                self.tr("Average wait today"))

    def set_fields(self, fields: Sequence[Any], at: datetime) -> None:
        self._taken = list(fields)
        self._at = at
        self._set(self._taken)

    def tick(self, now: datetime) -> bool:
        """Move the longest waits on to ``now``; True when a row's colour changed on screen."""
        if self._at is None:
            return False
        delta = max(now - self._at, timedelta(0))
        rows = []
        for f in self._taken:
            if f.waiting:
                longest = f.longest_wait + delta
                f = replace(f, longest_wait=longest, level=level_of(longest, f.wait_target))
            rows.append(f)
        before = [r.level for r in self._rows]
        self._set(rows)
        return before != [r.level for r in rows]

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        f = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._text(f, column)
        if role == VALUE_ROLE:
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.FIELD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (column == self.FIELD or (column == self.LONGEST and f.level != "ok")):
            return bold_font()
        if role == Qt.ItemDataRole.ForegroundRole and f.level == "ok" and not f.open:
            return QBrush(QColor(MUTED_TEXT))
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.tr("%1 — longest wait %2; target %3 (%4)").replace("%1", f.name).replace(
                "%2", duration_text(f.longest_wait)).replace("%3", duration_text(f.wait_target)).replace(
                "%4", level_text(f.level))
            if not f.open:
                tip += "\n" + self.tr("The kiosk does not issue tickets of this field now.")
            return tip
        return self._level_data(f.level, role)

    def _text(self, f: Any, column: int) -> str:
        if column == self.FIELD:
            return f.name if f.open else self.tr("%1 (kiosk closed)").replace("%1", f.name)
        if column == self.WAITING:
            return str(f.waiting)
        if column == self.PRIORITY:
            return str(f.priority_waiting)
        if column == self.LONGEST:
            return duration_text(f.longest_wait) if f.waiting else "—"
        if column == self.ESTIMATED:
            if not f.counters:
                return self.tr("no open counter")
            return duration_text(f.estimated_wait) if f.waiting else "—"
        if column == self.COUNTERS:
            return ", ".join(str(n) for n in f.counters) if f.counters else "—"
        if column == self.SERVED:
            return str(f.served_today)
        if column == self.AVG_WAIT:
            return duration_text(f.avg_wait_today)
        return ""

    def row_of(self, code: str) -> int | None:
        return next((i for i, f in enumerate(self._rows) if f.code == code), None)

    def level(self, code: str) -> str | None:
        row = self.row_of(code)
        return self._rows[row].level if row is not None else None


def counter_state_text(state: str) -> str:
    return {
        "serving": QCoreApplication.translate("SupervisorFormat", "Serving"),
        "idle": QCoreApplication.translate("SupervisorFormat", "Free"),
        "paused": QCoreApplication.translate("SupervisorFormat", "Paused"),
        "closed": QCoreApplication.translate("SupervisorFormat", "Closed"),
    }.get(state, state)


class CountersNowModel(_RowsModel):
    """Per counter, now: state, officer, ticket, for how long, fields, served today."""

    COUNTER, STATE, OFFICER, TICKET, FOR, FIELDS, SERVED = range(7)
    COLUMNS = 7
    STRETCH = FIELDS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._taken: list[Any] = []
        self._at: datetime | None = None
        self._field_names: dict[str, str] = {}

    def titles(self) -> Sequence[str]:
        return (self.tr("Counter"), self.tr("State"), self.tr("Officer"), self.tr("Ticket"),
                self.tr("Serving for"), self.tr("Fields served"), self.tr("Served today"))

    def set_counters(self, counters: Sequence[Any], at: datetime, field_names: Mapping[str, str]) -> None:
        self._taken = list(counters)
        self._at = at
        self._field_names = dict(field_names)
        self._set(self._taken)

    def tick(self, now: datetime) -> bool:
        if self._at is None:
            return False
        delta = max(now - self._at, timedelta(0))
        rows = []
        for c in self._taken:
            if c.in_service_for is not None:
                spent = c.in_service_for + delta
                c = replace(c, in_service_for=spent, level=level_of(spent, c.service_target))
            rows.append(c)
        before = [r.level for r in self._rows]
        self._set(rows)
        return before != [r.level for r in rows]

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        c = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._text(c, column)
        if role == VALUE_ROLE:
            return c
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.FOR, self.SERVED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column in (self.COUNTER, self.TICKET):
            return bold_font()
        if role == Qt.ItemDataRole.ForegroundRole and c.level == "ok" and c.state in ("paused", "closed"):
            return QBrush(QColor(MUTED_TEXT))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.FIELDS:
                return "\n".join(self._field_names.get(code, code) for code in c.fields)
            if c.in_service_for is not None:
                return self.tr("Serving for %1; target %2 (%3)").replace("%1", duration_text(c.in_service_for)).replace(
                    "%2", duration_text(c.service_target)).replace("%3", level_text(c.level))
            return None
        return self._level_data(c.level, role)

    def _text(self, c: Any, column: int) -> str:
        if column == self.COUNTER:
            return c.name or self.tr("Counter %1").replace("%1", str(c.number))
        if column == self.STATE:
            return counter_state_text(c.state)
        if column == self.OFFICER:
            return c.officer_name or "—"
        if column == self.TICKET:
            return c.ticket_number or "—"
        if column == self.FOR:
            return duration_text(c.in_service_for) if c.in_service_for is not None else "—"
        if column == self.FIELDS:
            if not c.fields:
                return self.tr("none")
            if self._field_names and set(self._field_names) <= set(c.fields):
                return self.tr("All fields (%1)").replace("%1", str(len(c.fields)))
            return ", ".join(self._field_names.get(code, code) for code in c.fields)
        if column == self.SERVED:
            return str(c.served_today)
        return ""

    def row_of(self, number: int) -> int | None:
        return next((i for i, c in enumerate(self._rows) if c.number == number), None)


class WaitingNowModel(_RowsModel):
    """The tickets waiting now, longest waiting first."""

    NUMBER, FIELD, PRIORITY, QUEUED, WAIT = range(5)
    COLUMNS = 5
    STRETCH = FIELD

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._taken: list[Any] = []
        self._at: datetime | None = None
        self._field_names: dict[str, str] = {}
        self._targets: dict[str, timedelta] = {}
        self._priority_labels: dict[str, str] = {}

    def titles(self) -> Sequence[str]:
        return (self.tr("Ticket"), self.tr("Field"), self.tr("Priority"), self.tr("In the queue since"),
                self.tr("Waited"))

    def set_priority_labels(self, labels: Mapping[str, str]) -> None:
        self._priority_labels = dict(labels)
        self.retranslate()

    def set_waiting(self, lines: Sequence[Any], at: datetime, field_names: Mapping[str, str],
                    wait_targets: Mapping[str, timedelta]) -> None:
        self._taken = list(lines)
        self._at = at
        self._field_names = dict(field_names)
        self._targets = dict(wait_targets)
        self._set(self._taken)

    def tick(self, now: datetime) -> bool:
        if self._at is None:
            return False
        delta = max(now - self._at, timedelta(0))
        rows = []
        for w in self._taken:
            wait = w.wait + delta
            rows.append(replace(w, wait=wait, level=level_of(wait, self._targets.get(w.field_code))
                                if w.field_code in self._targets else w.level))
        before = [r.level for r in self._rows]
        self._set(rows)
        return before != [r.level for r in rows]

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        w = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            if column == self.NUMBER:
                return w.number
            if column == self.FIELD:
                return self._field_names.get(w.field_code, w.field_code)
            if column == self.PRIORITY:
                if not w.priority:
                    return ""
                return self._priority_labels.get(w.priority) or self.tr("Priority")
            if column == self.QUEUED:
                return time_text(w.queued_at)
            if column == self.WAIT:
                return duration_text(w.wait)
            return ""
        if role == VALUE_ROLE:
            return w
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.WAIT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.NUMBER:
            return bold_font()
        return self._level_data(w.level, role)

    def row_of(self, number: str) -> int | None:
        return next((i for i, w in enumerate(self._rows) if w.number == number), None)


class AlertsModel(_RowsModel):
    """What needs the supervisor now, the most urgent first (red before amber)."""

    LEVEL, MESSAGE = range(2)
    COLUMNS = 2
    STRETCH = MESSAGE

    def titles(self) -> Sequence[str]:
        return (self.tr("Level"), self.tr("What needs attention"))

    def set_alerts(self, alerts: Sequence[Any]) -> None:
        self._set(alerts)

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        a = self._rows[index.row()]
        if role == DISPLAY:
            if index.column() == self.LEVEL:
                return self.tr("Urgent") if a.level == "late" else self.tr("Warning")
            return a.message(current_language())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.MESSAGE:
            return a.message(current_language())
        if role == VALUE_ROLE:
            return a
        if role == Qt.ItemDataRole.FontRole and index.column() == self.LEVEL:
            return bold_font()
        return self._level_data(a.level, role)

    def messages(self) -> list[str]:
        lang = current_language()
        return [a.message(lang) for a in self._rows]


# --- report tables ------------------------------------------------------------------------

CellColours = Callable[[int, int], tuple[str, str] | None]


class ReportTableModel(QAbstractTableModel):
    """Any indicator table (services.report_tables.ReportTable): its rows, then its total line
    in bold. Numbers are right-aligned and written by report_tables.cell_text, so the screen,
    the Excel file and the PDF say the same thing.

    ``cell_colours(row, column)`` may give (background, text) colours of a cell (the reform
    table colours a target met green, not met red). VALUE_ROLE gives a cell's raw value.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: Any | None = None
        self._cell_colours: CellColours | None = None
        self._lang = current_language()

    # --- Qt model API -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.rows) + (1 if self.table.total is not None else 0)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if self.table is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role == DISPLAY and 0 <= section < len(self.table.rows):
                return str(section + 1)
            return None
        if not 0 <= section < len(self.table.columns):
            return None
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self.table.columns[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        row, column = index.row(), index.column()
        value = self.value(row, column)
        fmt = self.table.formats[column] if column < len(self.table.formats) else "text"
        if role == DISPLAY:
            return self._cell_text(value, fmt)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._cell_text(value, fmt)
            return text if fmt == "text" and len(text) > 30 else None
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and fmt != "text":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.is_total(row):
            return bold_font()
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = self._cell_colours(row, column) if self._cell_colours is not None else None
            if colours is not None:
                return QBrush(QColor(colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]))
            if role == Qt.ItemDataRole.BackgroundRole and self.is_total(row):
                return QBrush(QColor("#eef2f7"))
        return None

    # --- for the views ----------------------------------------------------------------

    def set_table(self, table: Any | None, cell_colours: CellColours | None = None) -> None:
        self.beginResetModel()
        self.table = table
        self._cell_colours = cell_colours
        self._lang = current_language()
        self.endResetModel()

    def value(self, row: int, column: int) -> Any:
        if self.table is None:
            return None
        line = self.table.rows[row] if row < len(self.table.rows) else self.table.total
        return line[column] if line is not None and column < len(line) else None

    def is_total(self, row: int) -> bool:
        return self.table is not None and self.table.total is not None and row == len(self.table.rows)

    def column_texts(self, column: int) -> list[str]:
        return [self.data(self.index(r, column)) for r in range(self.rowCount())]

    def _cell_text(self, value: Any, fmt: str) -> str:
        return report_tables.cell_text(value, fmt, self._lang)

    def _valid(self, index: _Index) -> bool:
        return (index.isValid() and self.table is not None and 0 <= index.row() < self.rowCount()
                and 0 <= index.column() < len(self.table.columns))
