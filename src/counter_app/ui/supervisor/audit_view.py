"""Tab "Nhật ký thao tác": the audit trail for the supervisor: who did what, when, at which
counter; filters (dates, user, action), a CSV export for Excel, and the integrity check of the
hash chain in plain words."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QEvent, QModelIndex, QPersistentModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import LOCAL_TZ, to_local
from counter_app.services import audit
from counter_app.ui.i18n import current_language
from counter_app.ui.supervisor.widgets import describe_error, make_table
from counter_app.ui.widgets.banner import BannerKind, MessageBanner

PAGE = 200
_Index = QModelIndex | QPersistentModelIndex


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


class AuditTableModel(QAbstractTableModel):
    """The entries of one page: #, time, user, counter, action, object, details (and the change)."""

    COLUMNS = 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[audit.AuditRow] = []

    def set_rows(self, rows: list[audit.AuditRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("No."), self.tr("Time"), self.tr("User"), self.tr("Counter"), self.tr("Action"),
                  self.tr("Object"), self.tr("Details"))
        return titles[section] if 0 <= section < len(titles) else None

    def text(self, row: int, column: int) -> str:
        r = self.rows[row]
        if column == 0:
            return str(r.seq)
        if column == 1:
            return r.at.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M:%S")
        if column == 2:
            return r.username or "—"
        if column == 3:
            return "" if r.counter_number is None else str(r.counter_number)
        if column == 4:
            return r.action
        if column == 5:
            return f"{r.entity_type} {r.entity_id}".strip()
        details = _compact(r.details)
        if r.before is not None or r.after is not None:
            change = f"{_compact(r.before) or '—'} → {_compact(r.after) or '—'}"
            details = f"{change}  {details}".strip()
        return details

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or not (0 <= index.column() < self.COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AuditView(QWidget):
    """Signals:
        loaded(object): a page was shown (the AuditPage).
        verified(object): the integrity check finished (the VerifyResult).
        exported(object): the CSV file was written (its Path).
    """

    loaded = Signal(object)
    verified = Signal(object)
    exported = Signal(object)

    def __init__(self, services: Any, actor: Any, worker: Any, *,
                 save_file_name: Callable[..., tuple[str, str]] = QFileDialog.getSaveFileName,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.worker = services, actor, worker
        self.save_file_name = save_file_name
        self.offset = 0
        self.total = 0
        self._choices_loaded = False

        today = to_local(services.now()).date()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.user_label, self.action_label = QLabel(), QLabel()
        self.date_from = self._date_edit("audit_from", today - timedelta(days=6))
        self.date_to = self._date_edit("audit_to", today)
        self.user_box = QComboBox()
        self.user_box.setObjectName("audit_user")
        self.user_box.setMinimumWidth(140)
        self.action_box = QComboBox()
        self.action_box.setObjectName("audit_action")
        self.action_box.setMinimumWidth(220)
        self.show_button = QPushButton()
        self.show_button.setObjectName("audit_show")
        self.export_button = QPushButton()
        self.export_button.setObjectName("audit_export")
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("audit_verify")
        self.show_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.export)
        self.verify_button.clicked.connect(self.verify)
        for box in (self.user_box, self.action_box):
            box.activated.connect(lambda _i: self.reload())

        bar = QHBoxLayout()
        for label, field in ((self.from_label, self.date_from), (self.to_label, self.date_to),
                             (self.user_label, self.user_box), (self.action_label, self.action_box)):
            label.setBuddy(field)
            bar.addWidget(label)
            bar.addWidget(field)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.verify_button)

        self.banner = MessageBanner()
        self.banner.hide()
        self.model = AuditTableModel(self)
        self.table = make_table(self.model, "audit_table", stretch=6)

        self.page_label = QLabel()
        self.page_label.setObjectName("audit_page")
        self.prev_button, self.next_button = QPushButton(), QPushButton()
        self.prev_button.clicked.connect(lambda: self._page(-PAGE))
        self.next_button.clicked.connect(lambda: self._page(PAGE))
        pager = QHBoxLayout()
        pager.addWidget(self.page_label, 1)
        pager.addWidget(self.prev_button)
        pager.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(pager)
        self.retranslateUi()
        self._update_pager()

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def title(self) -> str:
        return self.tr("Activity log")

    def retranslateUi(self) -> None:
        self.from_label.setText(self.tr("&From"))
        self.to_label.setText(self.tr("&To"))
        self.user_label.setText(self.tr("&User"))
        self.action_label.setText(self.tr("&Action"))
        self.show_button.setText(self.tr("&Show"))
        self.export_button.setText(self.tr("Export to &CSV…"))
        self.verify_button.setText(self.tr("Check &integrity"))
        self.verify_button.setToolTip(self.tr(
            "Check that no entry of the log was edited, deleted or inserted outside the program."))
        self.prev_button.setText(self.tr("◀ Newer"))
        self.next_button.setText(self.tr("Older ▶"))
        for box in (self.user_box, self.action_box):
            if box.count() == 0:
                box.addItem("", "")
            box.setItemText(0, self.tr("(all)"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, AuditTableModel.COLUMNS - 1)
        self._update_pager()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._choices_loaded:
            self._choices_loaded = True
            self.reload()

    # --- loading ------------------------------------------------------------------------

    def filters(self) -> audit.AuditFilters:
        return audit.AuditFilters(start=self.date_from.date().toPython(), end=self.date_to.date().toPython(),
                                  username=self.user_box.currentData() or "", action=self.action_box.currentData() or "")

    def reload(self) -> None:
        self.offset = 0
        self._load()
        svc, actor = self.services, self.actor
        self.worker.run(lambda: audit.choices(svc, actor), on_success=self._on_choices,
                        on_failure=lambda _error: None, owner=self)  # the page load reports it

    def _page(self, step: int) -> None:
        self.offset = max(0, min(self.offset + step, max(self.total - 1, 0)))
        self._load()

    def _load(self) -> None:
        svc, actor, filters, offset = self.services, self.actor, self.filters(), self.offset
        self.worker.run(lambda: audit.list_entries(svc, actor, filters, limit=PAGE, offset=offset),
                        on_success=self._on_loaded, on_failure=self._on_failed, owner=self)

    def _on_loaded(self, page: audit.AuditPage) -> None:
        self.total = page.total
        self.model.set_rows(list(page.rows))
        self.table.resizeColumnsToContents()
        self._update_pager()
        self.loaded.emit(page)

    def _on_choices(self, found: tuple[list[str], list[str]]) -> None:
        users, actions = found
        for box, values in ((self.user_box, users), (self.action_box, actions)):
            current = box.currentData() or ""
            while box.count() > 1:
                box.removeItem(1)
            for value in values:
                box.addItem(value, value)
            if current:
                if box.findData(current) < 0:
                    box.addItem(current, current)
                box.setCurrentIndex(box.findData(current))

    def _on_failed(self, error: BaseException) -> None:
        self.banner.show_message(BannerKind.ERROR, html.escape(describe_error(error)))

    def _update_pager(self) -> None:
        if not self.model.rows:
            self.page_label.setText(self.tr("No entry matches these filters.") if self.total == 0 else "")
        else:
            self.page_label.setText(self.tr("Entries %1–%2 of %3 (newest first)")
                                    .replace("%1", str(self.offset + 1))
                                    .replace("%2", str(self.offset + len(self.model.rows)))
                                    .replace("%3", str(self.total)))
        self.prev_button.setEnabled(self.offset > 0)
        self.next_button.setEnabled(self.offset + len(self.model.rows) < self.total)

    # --- export and verification -----------------------------------------------------------

    def export(self) -> None:
        f = self.filters()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = str(Path(folder) / f"nhat-ky-thao-tac_{f.start:%Y%m%d}-{f.end:%Y%m%d}.csv")
        path, _ = self.save_file_name(self, self.tr("Export the activity log"), suggested,
                                      self.tr("CSV for Excel (*.csv)"))
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".csv":
            target = target.with_name(target.name + ".csv")
        svc, actor, lang = self.services, self.actor, current_language()
        self.export_button.setEnabled(False)
        self.worker.run(lambda: audit.export(svc, actor, f, target, lang=lang),
                        on_success=lambda n: self._on_exported(target, n), on_failure=self._on_export_failed, owner=self)

    def _on_exported(self, path: Path, count: int) -> None:
        self.export_button.setEnabled(True)
        self.banner.show_message(BannerKind.SUCCESS, html.escape(
            self.tr("%1 entries exported to %2.").replace("%1", str(count)).replace("%2", str(path))))
        self.exported.emit(path)
        self._load()  # the export itself is an entry

    def _on_export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self._on_failed(error)

    def verify(self) -> None:
        svc, actor = self.services, self.actor
        self.verify_button.setEnabled(False)
        self.banner.show_message(BannerKind.INFO, html.escape(self.tr("Checking the whole log…")))
        self.worker.run(lambda: audit.verify(svc, actor), on_success=self._on_verified,
                        on_failure=self._on_verify_failed, owner=self)

    def _on_verified(self, result: audit.VerifyResult) -> None:
        self.verify_button.setEnabled(True)
        lang = current_language()
        if result.ok:
            self.banner.show_message(BannerKind.SUCCESS, html.escape(result.summary(lang)))
        else:
            shown = result.lines(lang)[:20]
            more = len(result.problems) - len(shown)
            lines = [f"<b>{html.escape(result.summary(lang))}</b>"] + [f"• {html.escape(t)}" for t in shown]
            if more > 0:
                lines.append(html.escape(self.tr("… and %1 more (see: counter-app audit verify).")
                                         .replace("%1", str(more))))
            lines.append(html.escape(self.tr("Tell the IT administrator and keep a copy of the database as it is.")))
            self.banner.show_message(BannerKind.ERROR, "<br>".join(lines))
        self.verified.emit(result)

    def _on_verify_failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self._on_failed(error)
