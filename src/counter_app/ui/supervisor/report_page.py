"""One indicator table on screen: its title, the "?" definition, the table (ReportTableModel),
its notes, and what is happening (loading, failed)."""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from counter_app.ui.supervisor.models import ReportTableModel
from counter_app.ui.supervisor.widgets import make_table, section_title, titled
from counter_app.ui.widgets.field_error import FieldErrorLabel


HEAD_WIDTH = 13  # characters per line of a column head: the tables fit the window without scrolling


def column_heads(table: Any) -> list[str]:
    """Column heads wrapped on short lines, each under its group ("Đã giải quyết / Trước hạn")."""
    if table is None:
        return []
    groups = list(getattr(table, "groups", ()) or [("", len(table.columns))])
    heads: list[str] = []
    column = 0
    for label, span in groups:
        for _ in range(span):
            text = table.columns[column]
            lines = textwrap.wrap(text, HEAD_WIDTH) if column else [text]
            if label:
                lines = [label, *lines]
            heads.append("\n".join(lines))
            column += 1
    return heads


class GroupedReportModel(ReportTableModel):
    """A ReportTableModel whose column heads are wrapped and carry their group on a first line."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            heads = column_heads(self.table)
            if 0 <= section < len(heads):
                return heads[section]
        return super().headerData(section, orientation, role)


class ReportPage(QWidget):
    """A report table with its title and definition.

    Signals:
        cellActivated(int, int): a cell was double-clicked or Enter pressed on it (row, column).
    """

    cellActivated = Signal(int, int)

    def __init__(self, help_key: str, *, name: str, stretch_first: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.help_key = help_key
        self.model = GroupedReportModel(self)
        self.table = make_table(self.model, name, stretch=None)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(self.table.SelectionBehavior.SelectItems)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setStretchLastSection(False)
        self.stretch_first = stretch_first
        self.title = section_title()
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #455a64;")
        title_row, self.help = titled(self.title, help_key, self.hint)
        self.status = QLabel()
        self.status.setObjectName("report_status")
        self.status.setStyleSheet("color: #455a64;")
        self.error = FieldErrorLabel()
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #455a64; font-size: 9.5pt;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(title_row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        self.table.activated.connect(self._on_activated)

    def set_loading(self, text: str) -> None:
        self.error.clear_message()
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def set_failed(self, text: str) -> None:
        self.status.hide()
        self.error.show_message(text)

    def set_table(self, table: Any | None, cell_colours: Any = None, *, hint: str = "") -> None:
        self.status.hide()
        self.error.clear_message()
        self.model.set_table(table, cell_colours)
        self.title.setText(table.title if table is not None else "")
        self.notes.setText("\n".join(table.notes) if table is not None else "")
        self.notes.setVisible(bool(table is not None and table.notes))
        self.hint.setText(hint)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self.stretch_first and self.model.columnCount():
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        elif self.model.columnCount():
            header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.cellActivated.emit(index.row(), index.column())
