"""Not accepting the dossier being typed: request to complete (form 02) or refusal (form 03).

The dialog only collects the officer's choice; IntakeController calls the services. It stays
open (with everything typed) until the slip is recorded, and Esc only hides it: the
controller keeps it, so opening it again shows the same lines and reason.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.errors import DomainError, FieldError
from counter_app.domain.intake import DocumentForm, DocumentLine
from counter_app.ui.i18n import current_language
from counter_app.ui.models.documents_model import MAX_COUNT
from counter_app.ui.widgets.documents_table import CountDelegate, FormDelegate
from counter_app.ui.widgets.field_error import FieldErrorLabel

SUPPLEMENT = "supplement"
REFUSAL = "refusal"
FORM_OF_KIND = {SUPPLEMENT: "02", REFUSAL: "03"}
REASON_MAX_LENGTH = 2000
_ITEM_FIELD = re.compile(r"^(?:documents|missing)\[(\d+)\](?:\.(\w+))?$")
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class MissingRow:
    name: str = ""
    form: DocumentForm = DocumentForm.ORIGINAL
    count: int = 1


class SlipItemsModel(QAbstractTableModel):
    """The items the citizen must supply or complete (form 02): document | form | count, all editable."""

    COL_NAME, COL_FORM, COL_COUNT = range(3)
    COLUMNS = 3

    def __init__(self, rows: Iterable[MissingRow] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MissingRow] = list(rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._rows) else None
        titles = (self.tr("Document to supply or complete"), self.tr("Form"), self.tr("Count"))
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, row.form.label(current_language()), row.count)[column]
        if role == Qt.ItemDataRole.EditRole:
            return (row.name, row.form.value, row.count)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_NAME:
            return row.name or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        column = index.column()
        if column == self.COL_NAME:
            if not isinstance(value, str):
                return False
            new = replace(row, name=value)
        elif column == self.COL_FORM:
            try:
                new = replace(row, form=DocumentForm(value))
            except ValueError:
                return False
        else:
            try:
                count = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= count <= MAX_COUNT:
                return False
            new = replace(row, count=count)
        if new != row:
            self._rows[index.row()] = new
            self.dataChanged.emit(index, index, [role])
        return True

    def insertRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:
        if parent.isValid() or count < 1 or not 0 <= row <= len(self._rows):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        self._rows[row:row] = [MissingRow() for _ in range(count)]
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        self.endRemoveRows()
        return True

    def set_rows(self, rows: Iterable[MissingRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[MissingRow]:
        return list(self._rows)

    def lines(self) -> tuple[DocumentLine, ...]:
        """Every row, as the slip lists them (the service cleans and checks the names)."""
        return tuple(DocumentLine(name=r.name, form=r.form, count=r.count) for r in self._rows)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))

    def _valid(self, index: _Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < self.COLUMNS


class DeclineDialog(QDialog):
    """Form 02 (what to supply or complete, once, with guidance) or form 03 (refusal, reason required).

    Ctrl+Enter or the OK button emits ``submitted``; the dialog stays open, busy, until the
    controller calls :meth:`finish` (recorded) or :meth:`show_errors` (nothing recorded).

    Signals:
        submitted(str, str, object): kind ("supplement" | "refusal"), reason, tuple of DocumentLine.
    """

    submitted = Signal(str, str, object)

    def __init__(
        self,
        missing: Iterable[DocumentLine] = (),
        *,
        owner_name: str = "",
        procedure_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._owner_name = owner_name
        self._procedure_name = procedure_name
        self._busy = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)

        self.supplement = QRadioButton()
        self.refusal = QRadioButton()
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.supplement)
        self.kind_group.addButton(self.refusal)
        self.supplement.setChecked(True)
        self.kind_hint = QLabel()
        self.kind_hint.setWordWrap(True)
        self.kind_hint.setStyleSheet("color: #555555;")

        self.items_model = SlipItemsModel(
            (MissingRow(line.name, DocumentForm(line.form), line.count) for line in missing), self
        )
        self.items = QTableView()
        self.items.setModel(self.items_model)
        self.items.setTabKeyNavigation(False)
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.items.setWordWrap(True)
        self.items.setItemDelegateForColumn(SlipItemsModel.COL_FORM, FormDelegate(self.items))
        self.items.setItemDelegateForColumn(SlipItemsModel.COL_COUNT, CountDelegate(self.items))
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(SlipItemsModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        # Wide enough for the longest form ("Bản sao chứng thực") whatever the rows, so it never wraps.
        header.setSectionResizeMode(SlipItemsModel.COL_FORM, QHeaderView.ResizeMode.Fixed)
        metrics = self.items.fontMetrics()
        header.resizeSection(SlipItemsModel.COL_FORM, max(
            metrics.horizontalAdvance(form.label(lang)) for form in DocumentForm for lang in ("vi", "en")) + 28)
        header.setSectionResizeMode(SlipItemsModel.COL_COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.items.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.items.setMinimumHeight(140)
        self.items_label = QLabel()
        self.items_label.setBuddy(self.items)
        self.items_error = FieldErrorLabel()
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        item_buttons = QHBoxLayout()
        item_buttons.setContentsMargins(0, 0, 0, 0)
        item_buttons.addWidget(self.add_button)
        item_buttons.addWidget(self.remove_button)
        item_buttons.addStretch(1)
        self.items_box = QWidget()
        items_layout = QVBoxLayout(self.items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.setSpacing(4)
        items_layout.addWidget(self.items_label)
        items_layout.addWidget(self.items, 1)
        items_layout.addWidget(self.items_error)
        items_layout.addLayout(item_buttons)

        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(70)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.reason_error = FieldErrorLabel()

        self.kind_box = QGroupBox()
        kind_layout = QVBoxLayout(self.kind_box)
        kind_layout.addWidget(self.supplement)
        kind_layout.addWidget(self.refusal)
        kind_layout.addWidget(self.kind_hint)

        self.error = FieldErrorLabel()
        self.ok_button = QPushButton()
        self.cancel_button = QPushButton()
        self.ok_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.ok_button.setStyleSheet(
            "QPushButton { font-weight: 600; padding: 6px 14px; color: white; background: #b3261e;"
            " border: 1px solid #8c1d18; border-radius: 4px; }"
            " QPushButton:focus { border: 2px solid #601410; }"
            " QPushButton:disabled { background: #e0a9a5; }"
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.kind_box)
        layout.addWidget(self.items_box, 1)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.reason_error)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        chain = [self.supplement, self.refusal, self.items, self.add_button, self.remove_button, self.reason,
                 self.ok_button, self.cancel_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        self.supplement.toggled.connect(self._on_kind_toggled)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.reason.textChanged.connect(self.reason_error.clear_message)
        for signal in (self.items_model.dataChanged, self.items_model.rowsInserted, self.items_model.rowsRemoved):
            signal.connect(self.items_error.clear_message)
        for keys, slot in (("Ctrl+Return", self.submit), ("Ctrl+Enter", self.submit)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
        for keys, slot in (("Ctrl+Insert", self.add_item), ("Ctrl+Delete", self.remove_item)):
            shortcut = QShortcut(QKeySequence(keys), self.items_box)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.retranslateUi()
        self._on_kind_toggled(True)
        self.resize(720, 560)

    # --- view -------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Dossier not accepted"))
        self.kind_box.setTitle(self.tr("What the citizen is given"))
        self.supplement.setText(self.tr("Request to &complete the dossier (form 02)"))
        self.refusal.setText(self.tr("&Refuse to receive the dossier (form 03)"))
        self.items_label.setText(self.tr("&Documents to supply or complete (prefilled with those not ticked as received)"))
        self.add_button.setText(self.tr("Add &line"))
        self.remove_button.setText(self.tr("Remove line"))
        self.add_button.setToolTip(self.tr("Add a line (Ctrl+Insert)"))
        self.remove_button.setToolTip(self.tr("Remove the selected line (Ctrl+Delete)"))
        self.ok_button.setText(self.tr("Record and &print the slip (Ctrl+Enter)"))
        self.cancel_button.setText(self.tr("Back to the form"))
        self.cancel_button.setToolTip(self.tr("Esc: nothing is lost; open this window again to go on"))
        self.items_model.retranslate()
        self._retranslate_kind()
        self._update_intro()

    def _retranslate_kind(self) -> None:
        if self.supplement.isChecked():
            self.kind_hint.setText(self.tr(
                "The citizen is told once, in writing, everything to supply or complete. "
                "When they come back, the form is reopened without typing it again."
            ))
            self.reason_label.setText(self.tr("Reason and &guidance (printed on the slip)"))
            self.reason.setPlaceholderText(self.tr("e.g. The birth certificate must be a certified copy."))
        else:
            self.kind_hint.setText(self.tr(
                "The dossier is not received. The reason is required and printed on the slip given to the citizen."
            ))
            self.reason_label.setText(self.tr("&Reason for refusal (required, printed on the slip)"))
            self.reason.setPlaceholderText(self.tr("e.g. The procedure is handled by the district People's Committee."))

    def _update_intro(self) -> None:
        parts = []
        if self._owner_name:
            parts.append(self.tr("Dossier owner: %1").replace("%1", f"<b>{html.escape(self._owner_name)}</b>"))
        if self._procedure_name:
            parts.append(self.tr("Procedure: %1").replace("%1", f"<b>{html.escape(self._procedure_name)}</b>"))
        self.intro.setText("<br>".join(parts))
        self.intro.setVisible(bool(parts))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- values -----------------------------------------------------------------------

    def kind(self) -> str:
        return SUPPLEMENT if self.supplement.isChecked() else REFUSAL

    def set_kind(self, kind: str) -> None:
        (self.supplement if kind == SUPPLEMENT else self.refusal).setChecked(True)

    def form(self) -> str:
        """"02" or "03": the form printed for the chosen kind."""
        return FORM_OF_KIND[self.kind()]

    def reason_text(self) -> str:
        return self.reason.toPlainText()

    def missing_lines(self) -> tuple[DocumentLine, ...]:
        return self.items_model.lines() if self.kind() == SUPPLEMENT else ()

    def set_context(self, owner_name: str, procedure_name: str) -> None:
        """Who and what the slip is about (shown at the top; the form may have changed)."""
        self._owner_name = owner_name.strip()
        self._procedure_name = procedure_name
        self._update_intro()

    def focus_first(self) -> None:
        if self.kind() == SUPPLEMENT:
            self.supplement.setFocus()
        else:
            self.refusal.setFocus()

    # --- commands ---------------------------------------------------------------------

    def add_item(self) -> None:
        if not self.items_box.isVisible() or self._busy:
            return
        row = self.items_model.rowCount()
        self.items_model.insertRows(row, 1)
        self.items.setFocus()
        index = self.items_model.index(row, SlipItemsModel.COL_NAME)
        self.items.setCurrentIndex(index)
        self.items.edit(index)

    def remove_item(self) -> None:
        if self._busy:
            return
        current = self.items.currentIndex()
        if current.isValid():
            self.items_model.removeRows(current.row(), 1)
            rows = self.items_model.rowCount()
            if rows:
                self.items.setCurrentIndex(self.items_model.index(min(current.row(), rows - 1), SlipItemsModel.COL_NAME))

    def submit(self) -> None:
        """OK / Ctrl+Enter: hand the choice to the controller; the dialog stays open."""
        if self._busy:
            return
        if self.items.state() == QAbstractItemView.State.EditingState:
            self.items.setFocus()  # the open editor commits what is shown
        self.clear_errors()
        self.submitted.emit(self.kind(), self.reason_text(), self.missing_lines())

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.ok_button, self.kind_box, self.items_box, self.reason):
            widget.setEnabled(not busy)

    @property
    def busy(self) -> bool:
        return self._busy

    def finish(self) -> None:
        """The slip is recorded: close for good."""
        self.set_busy(False)
        self.done(QDialog.DialogCode.Accepted)

    # --- errors -----------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in (self.items_error, self.reason_error, self.error):
            label.clear_message()

    @staticmethod
    def owns(field: str) -> bool:
        """Errors on these fields belong in this dialog (the rest go next to the intake fields)."""
        return field in ("kind", "reason", "missing") or _ITEM_FIELD.match(field) is not None

    def show_errors(self, errors: Iterable[FieldError], *, focus: bool = True) -> None:
        """Each message under its field; focus on the first wrong one. Nothing is cleared."""
        self.set_busy(False)
        lang = current_language()
        items: list[str] = []
        reason: list[str] = []
        general: list[str] = []
        first_row: int | None = None
        for error in errors:
            match = _ITEM_FIELD.match(error.field)
            if match is not None:
                row = int(match.group(1))
                items.append(self.tr("Line %1: %2").replace("%1", str(row + 1)).replace("%2", error.message(lang)))
                if first_row is None:
                    first_row = row
            elif error.field == "missing":
                items.append(error.message(lang))
            elif error.field == "reason":
                reason.append(error.message(lang))
            else:
                general.append(error.message(lang))
        if items:
            self.items_error.show_message("\n".join(dict.fromkeys(items)))
        if reason:
            self.reason_error.show_message("\n".join(dict.fromkeys(reason)))
        if general:
            self.error.show_message("\n".join(dict.fromkeys(general)))
        if not focus:
            return
        if items and self.kind() == SUPPLEMENT:
            self.items.setFocus()
            if first_row is not None and first_row < self.items_model.rowCount():
                self.items.setCurrentIndex(self.items_model.index(first_row, SlipItemsModel.COL_NAME))
        elif reason:
            self.reason.setFocus()

    def show_failure(self, error: BaseException | str) -> None:
        """A failure that is not about one field (or a reason too long), in plain words."""
        self.set_busy(False)
        if isinstance(error, DomainError) and error.code == "reason_too_long":
            self.reason_error.show_message(error.message(current_language()))
            self.reason.setFocus()
            return
        text = error.message(current_language()) if isinstance(error, DomainError) else str(error)
        self.error.show_message(text)

    # --- behaviour --------------------------------------------------------------------

    def _on_kind_toggled(self, _checked: bool) -> None:
        supplement = self.supplement.isChecked()
        self.items_box.setVisible(supplement)
        self.items_error.clear_message()
        self._retranslate_kind()

    def reject(self) -> None:
        """Esc / Back: hide, keeping everything typed (the controller owns the dialog)."""
        if self._busy:
            return  # the slip is being recorded; wait for the answer
        super().reject()

    def done(self, result: int) -> None:
        super().done(result)
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()  # the keyboard goes back to the form
