"""Keyboard-first procedure picker: type part of the name (accents optional) or the code, Enter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from counter_app.ui.models.procedures_model import ProcedureListModel
from counter_app.ui.widgets.field_error import FieldErrorLabel

SEARCH_DELAY_MS = 150
VISIBLE_ROWS = 7


class ProcedurePicker(QWidget):
    """A search box with a result list under it. The picker does not search by itself.

    It asks (``searchRequested``) once typing pauses; the owner runs the search off the GUI
    thread and hands the answer back with :meth:`show_results`. Focus stays in the box:
    Down/Up move in the list, Enter chooses (also when pressed before the answer arrived),
    Esc closes the list without losing the text.

    Signals:
        searchRequested(str): search the catalog for this text.
        procedureChosen(object): the officer chose this ProcedureInfo.
    """

    searchRequested = Signal(str)
    procedureChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(200)
        self.results = ProcedureListModel(self)
        self.list = QListView()
        self.list.setModel(self.results)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.hide()
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555555;")
        self.hint.hide()
        self.error = FieldErrorLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._on_search_timer)
        self._waiting_for: str | None = None  # query asked for, answer not yet back
        self._choose_when_ready = False
        self._chosen: Any | None = None

        self.edit.textEdited.connect(self._on_text_edited)
        self.edit.installEventFilter(self)
        self.list.clicked.connect(self._on_list_activated)
        self.list.activated.connect(self._on_list_activated)
        self.setFocusProxy(self.edit)
        self.retranslateUi()

    # --- view -------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.edit.setPlaceholderText(self.tr("Type part of the procedure name or its code, then Enter (F6)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- API for the owner --------------------------------------------------------------

    @property
    def chosen(self) -> Any | None:
        return self._chosen

    @property
    def searching(self) -> bool:
        return self._timer.isActive() or self._waiting_for is not None

    def show_results(self, query: str, procedures: list[Any]) -> None:
        """Show the answer to ``query``; answers to older queries are dropped."""
        if query != self._query():
            return
        self._waiting_for = None
        self.results.set_procedures(procedures)
        if procedures:
            self.hint.hide()
            self._resize_list()
            self.list.show()
            self.list.setCurrentIndex(self.results.index(0, 0))
        else:
            self.list.hide()
            self.hint.setText(self.tr("No procedure matches “%1”. Try fewer words or the code.").replace("%1", query))
            self.hint.show()
        if self._choose_when_ready:
            self._choose_when_ready = False
            self._choose_current()

    def search_failed(self, query: str) -> None:
        if query == self._query():
            self._waiting_for = None
            self._choose_when_ready = False

    def set_error(self, text: str) -> None:
        self.error.show_message(text)

    def clear_error(self) -> None:
        self.error.clear_message()

    def set_summary(self, html: str) -> None:
        self.summary.setText(html)
        self.summary.setVisible(bool(html))

    def reset(self) -> None:
        """Empty the box and forget the choice (next citizen)."""
        self._timer.stop()
        self._waiting_for = None
        self._choose_when_ready = False
        self._chosen = None
        self.edit.clear()
        self.results.clear()
        self.list.hide()
        self.hint.hide()
        self.error.clear_message()
        self.set_summary("")

    def focus_search(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    # --- behaviour --------------------------------------------------------------------

    def _query(self) -> str:
        return self.edit.text().strip()

    def _on_text_edited(self, _text: str) -> None:
        self.error.clear_message()
        self._choose_when_ready = False
        if self._query():
            self._timer.start()
        else:
            self._timer.stop()
            self._waiting_for = None
            self.results.clear()
            self.list.hide()
            self.hint.hide()

    def _on_search_timer(self) -> None:
        query = self._query()
        if query:
            self._waiting_for = query
            self.searchRequested.emit(query)

    def _on_list_activated(self, index: QModelIndex) -> None:
        self.list.setCurrentIndex(index)
        self._choose_current()

    def _choose_current(self) -> None:
        index = self.list.currentIndex()
        info = self.results.procedure(index.row() if index.isValid() else 0)
        if info is None:
            return
        self._chosen = info
        self.list.hide()
        self.hint.hide()
        self.edit.setText(info.name)
        self.edit.selectAll()
        self.procedureChosen.emit(info)

    def _move(self, step: int) -> None:
        rows = self.results.rowCount()
        if not rows:
            return
        if not self.list.isVisible():
            self._resize_list()
            self.list.show()
        current = self.list.currentIndex().row() if self.list.currentIndex().isValid() else -1
        self.list.setCurrentIndex(self.results.index(max(0, min(rows - 1, current + step)), 0))

    def _on_enter(self) -> None:
        if self._timer.isActive():  # typed faster than the pause: search now, choose on answer
            self._timer.stop()
            self._on_search_timer()
        if self._waiting_for is not None:
            self._choose_when_ready = True
        elif self.list.isVisible():
            self._choose_current()

    def _resize_list(self) -> None:
        row_height = max(self.list.sizeHintForRow(0), self.fontMetrics().height() + 6)
        rows = min(VISIBLE_ROWS, max(1, self.results.rowCount()))
        self.list.setFixedHeight(row_height * rows + 2 * self.list.frameWidth() + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                return False
            if key == Qt.Key.Key_Down:
                self._move(1)
                return True
            if key == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if key == Qt.Key.Key_PageDown:
                self._move(VISIBLE_ROWS)
                return True
            if key == Qt.Key.Key_PageUp:
                self._move(-VISIBLE_ROWS)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_enter()
                return True
            if key == Qt.Key.Key_Escape and self.list.isVisible():
                self.list.hide()  # only the list goes away; the text stays
                return True
        return super().eventFilter(watched, event)
