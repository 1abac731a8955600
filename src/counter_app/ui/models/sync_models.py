"""Table models and small texts of the desk's sync screens: the "action needed" list, the
online-dossier inbox and its documents, and the per-record sync badge (a coloured dot)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel

from counter_app.domain.calendar import to_local
from counter_app.domain.intake import DocumentForm, DocumentLine
from counter_app.domain.status import DossierStatus
from counter_app.services import sync_runner, sync_status
from counter_app.ui.i18n import current_language

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex

# Colours of the status dot and of the badges: (dot, text on a light background).
LEVEL_COLOURS = {"ok": "#188038", "amber": "#e37400", "red": "#c5221f", "grey": "#80868b"}
BADGE_LEVEL = {"synced": "ok", "pending": "amber", "attention": "red"}
# An online dossier waiting longer than this is shown in red (a UI cue, so the oldest are seen).
LATE_WAIT_HOURS = 24.0


# --- short texts ---------------------------------------------------------------------------


def age_text(hours: float) -> str:
    """"45 phút", "3 giờ 20 phút", "2 ngày 4 giờ" (rounded down)."""
    minutes = max(0, int(hours * 60))
    if minutes < 1:
        return QCoreApplication.translate("SyncText", "under a minute")
    if minutes < 60:
        return QCoreApplication.translate("SyncText", "%1 min").replace("%1", str(minutes))
    if minutes < 24 * 60:
        h, m = divmod(minutes, 60)
        if m == 0:
            return QCoreApplication.translate("SyncText", "%1 h").replace("%1", str(h))
        return QCoreApplication.translate("SyncText", "%1 h %2 min").replace("%1", str(h)).replace("%2", str(m))
    d, h = divmod(minutes // 60, 24)
    if h == 0:
        return QCoreApplication.translate("SyncText", "%1 d").replace("%1", str(d))
    return QCoreApplication.translate("SyncText", "%1 d %2 h").replace("%1", str(d)).replace("%2", str(h))


def short_time(value: datetime | None) -> str:
    """"09:32 26/11/2026" in Hà Nội time; "" for none."""
    return f"{to_local(value):%H:%M %d/%m/%Y}" if value is not None else ""


def operation_text(operation: str, kind: str = "rejected") -> str:
    """What the rejected change was, in the officer's words."""
    if kind == "restored_backup":
        return QCoreApplication.translate("SyncText", "This desk's database was restored from a backup")
    if kind == "central_restore":
        return QCoreApplication.translate("SyncText", "The central system was restored from a backup")
    texts = {
        "dossier.received": QCoreApplication.translate("SyncText", "Dossier received"),
        "dossier.transition": QCoreApplication.translate("SyncText", "Status change"),
        "dossier.apology": QCoreApplication.translate("SyncText", "Apology and new return date"),
        "dossier.handoff": QCoreApplication.translate("SyncText", "Hand-over between units"),
        "intake.not_accepted": QCoreApplication.translate("SyncText", "Dossier not accepted (form 02 / 03)"),
    }
    return texts.get(operation, operation or "—")


def status_words(value: Any) -> str:
    """"4 – Đang giải quyết" for a status number; the raw value if it is not one."""
    try:
        status = DossierStatus(int(value))
    except (TypeError, ValueError):
        return str(value)
    return f"{int(status)} – {status.label(current_language())}"


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return None
        return when if when.tzinfo is not None else None
    return None


def server_state_text(state: Mapping[str, Any] | None, kind: str = "rejected") -> str:
    """The central system's current state of the record, in words ("—" when it did not say)."""
    state = dict(state or {})
    parts: list[str] = []
    if "status" in state and state["status"] not in (None, ""):
        parts.append(status_words(state["status"]))
    due = _as_datetime(state.get("due_at"))
    if due is not None:
        parts.append(QCoreApplication.translate("SyncText", "due %1").replace("%1", short_time(due)))
    ready = _as_datetime(state.get("result_ready_at"))
    if ready is not None:
        parts.append(QCoreApplication.translate("SyncText", "result ready %1").replace("%1", short_time(ready)))
    if kind != "rejected" and state.get("last_applied_seq") is not None:
        parts.append(QCoreApplication.translate("SyncText", "has this desk's changes up to no. %1")
                     .replace("%1", str(state["last_applied_seq"])))
    return "; ".join(parts) if parts else "—"


def issue_state_text(issue: Any) -> str:
    if issue.state != "open":
        texts = {
            "resubmitted": QCoreApplication.translate("SyncText", "Sent again"),
            "accepted_server": QCoreApplication.translate("SyncText", "Central state taken"),
            "acknowledged": QCoreApplication.translate("SyncText", "Acknowledged"),
        }
        return texts.get(issue.resolution, issue.resolution)
    if issue.resolution == "escalated":
        return QCoreApplication.translate("SyncText", "Escalated by %1, waiting for a supervisor").replace(
            "%1", issue.resolved_by or "—")
    return QCoreApplication.translate("SyncText", "To handle")


# --- badges ----------------------------------------------------------------------------------

_icons: dict[str, QIcon] = {}


def dot_pixmap(colour: str, size: int = 12) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour).darker(130))
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return pixmap


def badge_icon(badge: str | None) -> QIcon | None:
    """A small coloured dot for a record's sync badge: green synced, amber pending, red attention."""
    level = BADGE_LEVEL.get(badge or "")
    if level is None:
        return None
    if badge not in _icons:
        _icons[badge] = QIcon(dot_pixmap(LEVEL_COLOURS[level]))
    return _icons[badge]


def badge_text(badge: str | None) -> str:
    """Short words for a badge (tooltips and the dossier dialog); "" when there is none."""
    texts = {
        "synced": QCoreApplication.translate("SyncBadge", "Sent to the central system"),
        "pending": QCoreApplication.translate("SyncBadge", "Waiting to be sent to the central system"),
        "attention": QCoreApplication.translate("SyncBadge", "Refused by the central system: see “Action needed”"),
    }
    return texts.get(badge or "", "")


def read_badges(services: Any, entity_ids: Sequence[Any]) -> dict[str, str]:
    """Badges of these records (call it in the worker); {} when the site does not sync (every
    record would say "waiting to be sent" for ever), or when they cannot be read, so a search
    or a dossier still opens."""
    try:
        if not sync_runner.site_syncs(services):
            return {}
        return sync_status.badges(services, [str(i) for i in entity_ids])
    except Exception:  # noqa: BLE001 - a badge is a hint, never a reason to fail
        log.warning("sync badges not read", exc_info=True)
        return {}


def show_badge(label: QLabel, badge: str | None) -> None:
    """A coloured dot and the badge's words on ``label``; hidden when there is no badge."""
    level = BADGE_LEVEL.get(badge or "")
    label.setVisible(level is not None)
    if level is None:
        label.clear()
        return
    label.setStyleSheet(f"color: {LEVEL_COLOURS[level]}; font-size: 10pt; font-weight: 600;")
    label.setText("● " + badge_text(badge))


# --- a read-only table of service results --------------------------------------------------------


class _RowsModel(QAbstractTableModel):
    """Rows of service results, one per line, numbered in the vertical header; selectable, not
    editable. Subclasses give ``COLUMNS``, ``_headers()`` (the column titles, translated) and
    ``data``; ``_rows`` holds the results."""

    COLUMNS = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def _headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
                return str(section + 1)
            return None
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < self.COLUMNS:
            return None
        return self._headers()[section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _row(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))

    def _valid(self, index: _Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < self.COLUMNS


# --- the "action needed" list ------------------------------------------------------------------


class IssuesModel(_RowsModel):
    """Issues of the sync (services.sync_status.IssueInfo), oldest first:
    waiting | dossier | what was sent | the central system's reason | its current state | state.

    ``ISSUE_ROLE`` on any cell gives the IssueInfo.
    """

    AGE, DOSSIER, OPERATION, REASON, SERVER_STATE, STATE = range(6)
    COLUMNS = 6
    ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Waiting"),
            self.tr("Dossier"),
            self.tr("What was sent"),
            self.tr("Reason given by the central system"),
            self.tr("State on the central system"),
            self.tr("Handling"),
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        issue = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(issue, column)
        if role == self.ISSUE_ROLE:
            return issue
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.REASON:
                code = f" ({issue.reason_code})" if issue.reason_code else ""
                return (issue.message or "—") + code
            if column == self.AGE:
                return self.tr("Since %1").replace("%1", short_time(issue.created_at))
            if column == self.STATE and issue.note:
                return issue.note
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE and issue.resolution == "escalated":
            return QBrush(QColor("#8a4b00"))
        if role == Qt.ItemDataRole.FontRole and column == self.DOSSIER:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, issue: Any, column: int) -> str:
        if column == self.AGE:
            return age_text(issue.age_hours)
        if column == self.DOSSIER:
            return issue.dossier_code or "—"
        if column == self.OPERATION:
            return operation_text(issue.operation, issue.kind)
        if column == self.REASON:
            return issue.message or issue.reason_code or "—"
        if column == self.SERVER_STATE:
            return server_state_text(issue.server_state, issue.kind)
        if column == self.STATE:
            return issue_state_text(issue)
        return ""

    # --- for the views ----------------------------------------------------------------

    def set_issues(self, issues: Iterable[Any]) -> None:
        self._set_rows(list(issues))

    def issues(self) -> list[Any]:
        return list(self._rows)

    def issue(self, row: int) -> Any | None:
        return self._row(row)

    def row_of(self, issue_id: Any) -> int | None:
        for row, issue in enumerate(self._rows):
            if issue.id == issue_id:
                return row
        return None


# --- the online-dossier inbox -------------------------------------------------------------------


class InboxModel(_RowsModel):
    """Online dossiers waiting for the counter (services.inbox.OnlineDossierInfo), oldest first:
    waiting | code | procedure | owner | ID (masked) | submitted.

    Only the masked ID reaches a cell. ``CODE_ROLE`` on any cell gives the dossier code.
    """

    WAITING, CODE, PROCEDURE, OWNER, ID_NUMBER, SUBMITTED = range(6)
    COLUMNS = 6
    CODE_ROLE = Qt.ItemDataRole.UserRole + 1

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Waiting"),
            self.tr("Dossier code"),
            self.tr("Procedure"),
            self.tr("Owner"),
            self.tr("ID number"),
            self.tr("Submitted online"),
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        item = self._rows[index.row()]
        column = index.column()
        late = item.waiting_hours >= LATE_WAIT_HOURS
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == self.CODE_ROLE:
            return item.code
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.PROCEDURE:
                return item.procedure_name
            if column == self.WAITING and late:
                return self.tr("Waiting for more than a day: answer this citizen first")
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.WAITING and late:
            return QBrush(QColor(LEVEL_COLOURS["red"]))
        if role == Qt.ItemDataRole.FontRole and (column == self.CODE or (column == self.WAITING and late)):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, item: Any, column: int) -> str:
        if column == self.WAITING:
            return age_text(item.waiting_hours)
        if column == self.CODE:
            return item.code
        if column == self.PROCEDURE:
            return item.procedure_name
        if column == self.OWNER:
            return item.owner_name
        if column == self.ID_NUMBER:
            return item.owner_id_masked
        if column == self.SUBMITTED:
            return short_time(item.submitted_at)
        return ""

    def set_items(self, items: Iterable[Any]) -> None:
        # Oldest first whatever order the service used: the citizen who waited longest is served first.
        self._set_rows(sorted(items, key=lambda i: (-float(i.waiting_hours), i.code)))

    def items(self) -> list[Any]:
        return list(self._rows)

    def item(self, row: int) -> Any | None:
        return self._row(row)

    def row_of(self, code: str) -> int | None:
        for row, item in enumerate(self._rows):
            if item.code == code:
                return row
        return None


class CheckedDocumentsModel(QAbstractTableModel):
    """The documents an online dossier came with: [checked ✓] | document | form | count.

    Only the check box changes (Space or a click): ticked = the officer checked the file and it
    is right. ``checked_lines()`` / ``unchecked_lines()`` give them as DocumentLines.
    """

    COL_CHECKED, COL_NAME, COL_FORM, COL_COUNT = range(4)
    COLUMNS = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[DocumentLine] = []
        self._checked: list[bool] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._lines):
                return str(section + 1)
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.COLUMNS:
            return (self.tr("Checked"), self.tr("Document"), self.tr("Form"), self.tr("Count"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_CHECKED:
            return self.tr("Tick each document you have checked and found right (Space)")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_CHECKED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if column == self.COL_CHECKED:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if self._checked[index.row()] else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_NAME:
                return line.name
            if column == self.COL_FORM:
                return DocumentForm(line.form).label(current_language())
            return str(line.count)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_NAME:
            return line.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or index.column() != self.COL_CHECKED or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if self._checked[index.row()] != checked:
            self._checked[index.row()] = checked
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def set_lines(self, lines: Iterable[DocumentLine], *, checked: bool = False) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._checked = [checked] * len(self._lines)
        self.endResetModel()

    def set_all_checked(self, checked: bool) -> None:
        if not self._lines:
            return
        self._checked = [checked] * len(self._lines)
        self.dataChanged.emit(self.index(0, self.COL_CHECKED), self.index(len(self._lines) - 1, self.COL_CHECKED),
                              [Qt.ItemDataRole.CheckStateRole])

    def lines(self) -> tuple[DocumentLine, ...]:
        return tuple(self._lines)

    def checked_lines(self) -> tuple[DocumentLine, ...]:
        return tuple(line for line, c in zip(self._lines, self._checked) if c)

    def unchecked_lines(self) -> tuple[DocumentLine, ...]:
        return tuple(line for line, c in zip(self._lines, self._checked) if not c)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, self.COLUMNS - 1))

    def _valid(self, index: _Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._lines) and 0 <= index.column() < self.COLUMNS
