"""The editable checklist of documents received, with its add/remove buttons."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.intake import DocumentForm
from counter_app.ui.i18n import current_language
from counter_app.ui.models.documents_model import MAX_COUNT, DocumentsTableModel
from counter_app.ui.widgets.field_error import FieldErrorLabel

_Index = QModelIndex | QPersistentModelIndex


class FormDelegate(QStyledItemDelegate):
    """Edits the form column with a combo: original / certified copy / photocopy."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        for form in DocumentForm:
            combo.addItem(form.label(current_language()), form.value)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class CountDelegate(QStyledItemDelegate):
    """Edits the count column with a spin box from 1 to 99."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(1, MAX_COUNT)
        return spin

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QSpinBox)
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 1))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class DocumentsTable(QWidget):
    """Checklist table (Space ticks, F2 or typing edits, arrows move) plus add/remove row.

    Tab leaves the table instead of walking its cells, so the form stays quick to cross.

    Signals:
        edited(): a row changed, was added or was removed.
    """

    edited = Signal()

    def __init__(self, model: DocumentsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(True)
        self.view.setItemDelegateForColumn(DocumentsTableModel.COL_FORM, FormDelegate(self.view))
        self.view.setItemDelegateForColumn(DocumentsTableModel.COL_COUNT, CountDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(DocumentsTableModel.COL_RECEIVED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DocumentsTableModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DocumentsTableModel.COL_FORM, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DocumentsTableModel.COL_COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setMinimumHeight(150)

        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.error = FieldErrorLabel()

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        for keys, slot in (("Ctrl+Insert", self._on_add_clicked), ("Ctrl+Delete", self._on_remove_clicked)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._on_model_changed)
        model.modelReset.connect(self._on_model_reset)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.add_button.setText(self.tr("&Add document"))
        self.remove_button.setText(self.tr("Remove row"))
        self.add_button.setToolTip(self.tr("Add a document the checklist does not list (Ctrl+Insert)"))
        self.remove_button.setToolTip(self.tr("Remove the selected row (Ctrl+Delete)"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def select_row(self, row: int, column: int = DocumentsTableModel.COL_NAME) -> None:
        index = self.model.index(row, column)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def _on_add_clicked(self) -> None:
        row = self.model.add_row()
        self.view.setFocus()
        self.select_row(row)
        self.view.edit(self.model.index(row, DocumentsTableModel.COL_NAME))

    def _on_remove_clicked(self) -> None:
        current = self.view.currentIndex()
        if current.isValid():
            self.model.removeRows(current.row(), 1)
            if self.model.rowCount():
                self.select_row(min(current.row(), self.model.rowCount() - 1))

    def _on_model_changed(self, *_args: object) -> None:
        self.error.clear_message()
        self.edited.emit()

    def _on_model_reset(self) -> None:
        self.error.clear_message()
        if self.model.rowCount():
            # Put the keyboard cursor on the first tick box without painting a selection.
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0, DocumentsTableModel.COL_RECEIVED),
                QItemSelectionModel.SelectionFlag.NoUpdate,
            )
