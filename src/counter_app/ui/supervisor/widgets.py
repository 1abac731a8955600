"""Small pieces shared by the console's tabs: tables, section titles, the "?" definition button,
error wording, the close button of a dialog."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.errors import DomainError
from counter_app.ui.i18n import current_language
from counter_app.ui.supervisor.definitions import definition_html, definition_title

log = logging.getLogger(__name__)

TITLE_STYLE = "font-size: 12pt; font-weight: 600; color: #1f2937;"


def describe_error(error: BaseException) -> str:
    """A failure in plain words: the domain message, else what to do about it."""
    if isinstance(error, DomainError):
        return error.message(current_language())
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(error)))
    if isinstance(error, OSError):
        return QCoreApplication.translate(
            "SupervisorErrors", "The file could not be written (%1). Choose another folder or close the file if it "
            "is open in another program, then try again.").replace("%1", error.strerror or type(error).__name__)
    return QCoreApplication.translate(
        "SupervisorErrors", "Something went wrong (%1). Try again; if it happens again, tell the IT administrator."
    ).replace("%1", type(error).__name__)


def make_table(model: Any, name: str, *, stretch: int | None = None, selectable: bool = True) -> QTableView:
    """A read-only table view in the console's style."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection if selectable
                           else QAbstractItemView.SelectionMode.NoSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.setCornerButtonEnabled(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


def close_button(dialog: QDialog) -> QPushButton:
    """A "Close" button (ours, so it is translated: Qt ships no Vietnamese for its own)."""
    button = QPushButton()
    button.setAutoDefault(False)
    button.clicked.connect(dialog.reject)
    return button


def button_row(*buttons: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def section_title() -> QLabel:
    label = QLabel()
    label.setStyleSheet(TITLE_STYLE)
    return label


class DefinitionDialog(QDialog):
    """The definition of a figure or a table (docs/INDICATORS.md), in the UI language."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setStyleSheet("QTextBrowser { font-size: 10.5pt; }")
        self.close_button = close_button(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(button_row(self.close_button))
        self.resize(640, 480)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.close_button.setText(self.tr("Close"))
        self.setWindowTitle(self.tr("What this figure means — %1").replace("%1", definition_title(self.key)))
        self.browser.setHtml(definition_html(self.key))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def text(self) -> str:
        return self.browser.toPlainText()


class HelpButton(QToolButton):
    """The "?" beside a figure: opens its definition. ``dialog`` is the last one opened."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.dialog: DefinitionDialog | None = None
        self.setObjectName(f"help_{key}")
        self.setText("?")
        self.setStyleSheet(
            "QToolButton { font-weight: 700; color: #174ea6; border: 1px solid #aecbfa; border-radius: 11px;"
            " min-width: 20px; min-height: 20px; background: #e8f0fe; }"
            " QToolButton:hover { background: #d2e3fc; }")
        self.clicked.connect(self.show_definition)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setToolTip(self.tr("What does this mean? (%1)").replace("%1", definition_title(self.key)))
        self.setAccessibleName(self.toolTip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def show_definition(self) -> DefinitionDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = DefinitionDialog(self.key, self.window())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.open()
        return self.dialog

    def _forget(self) -> None:
        self.dialog = None


def titled(title: QLabel, help_key: str | None = None, *extra: QWidget) -> tuple[QHBoxLayout, HelpButton | None]:
    """A row: section title, its "?" button, then any extra widgets at the right."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(title)
    button = HelpButton(help_key) if help_key else None
    if button is not None:
        row.addWidget(button)
    row.addStretch(1)
    for widget in extra:
        row.addWidget(widget)
    return row, button
