"""The supervisor's three actions on the live queue: move a waiting ticket to another field,
choose the fields a counter serves, and broadcast a notice to the hall display board.

Each is a small dialog that calls services.supervisor in the worker. A refusal (a ticket
called meanwhile, a role that may not do this, ...) is shown in the dialog in plain words and
nothing typed is lost; the dialog closes only when the database has changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.services import supervisor
from counter_app.ui.supervisor.widgets import describe_error
from counter_app.ui.widgets.field_error import FieldErrorLabel

NOTICE_MAX = 500
REASON_MAX = 200


class ActionDialog(QDialog):
    """Common frame: a heading, the form, an error line, [primary] [Cancel].

    Signals:
        done(object): the service call succeeded (its result); the dialog then accepts.
    """

    done = Signal(object)

    def __init__(self, services: Any, actor: Any, worker: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.busy = False
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.error = FieldErrorLabel()
        self.error.setStyleSheet("color: #b00020; font-size: 10pt;")
        self.primary = QPushButton()
        self.primary.setDefault(True)
        self.primary.setStyleSheet("font-weight: 600; padding: 4px 14px;")
        self.cancel = QPushButton()
        self.cancel.setAutoDefault(False)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.primary)
        self.buttons.addWidget(self.cancel)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.error)
        layout.addLayout(self.buttons)
        self.primary.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        self.setMinimumWidth(460)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.cancel.setText(self.tr("Cancel"))

    def submit(self) -> None:
        raise NotImplementedError

    def _run(self, fn: Callable[[], Any]) -> None:
        if self.busy:
            return
        self.busy = True
        self.error.clear_message()
        self._set_enabled(False)
        self.worker.run(fn, on_success=self._on_done, on_failure=self._on_failed, owner=self)

    def _set_enabled(self, enabled: bool) -> None:
        self.primary.setEnabled(enabled)

    def _say(self, text: str) -> None:
        """A refusal in plain words under the form; the dialog grows to show all of it."""
        self.error.show_message(text)
        self.adjustSize()

    def _on_done(self, result: Any) -> None:
        self.busy = False
        self._set_enabled(True)
        self.done.emit(result)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.busy = False
        self._set_enabled(True)
        self._say(describe_error(error))


class MoveTicketDialog(ActionDialog):
    """Chuyển lĩnh vực: a waiting ticket goes to another field's queue, keeping its place."""

    def __init__(self, services: Any, actor: Any, worker: Any, ticket: Any, fields: Sequence[Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.ticket = ticket
        self.field_names = {f.code: f.name for f in fields}
        self.to_field = QComboBox()
        self.to_field.setObjectName("move_to_field")
        for f in fields:
            if f.code != ticket.field_code:
                self.to_field.addItem(f.name, f.code)
        self.reason = QLineEdit()
        self.reason.setObjectName("move_reason")
        self.reason.setMaxLength(REASON_MAX)
        self.to_label = QLabel()
        self.to_label.setBuddy(self.to_field)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #455a64;")
        form = QFormLayout()
        form.addRow(self.to_label, self.to_field)
        form.addRow(self.reason_label, self.reason)
        self.body.addLayout(form)
        self.body.addWidget(self.note)
        self.to_field.currentIndexChanged.connect(self.error.clear_message)
        self.reason.textEdited.connect(self.error.clear_message)
        self.retranslateUi()
        self.to_field.setFocus()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Move a waiting ticket"))
        self.heading.setText(self.tr("Move ticket %1 (%2) to another field").replace("%1", self.ticket.number).replace(
            "%2", self.field_names.get(self.ticket.field_code, self.ticket.field_code)))
        self.to_label.setText(self.tr("&To the field"))
        self.reason_label.setText(self.tr("&Reason"))
        self.reason.setPlaceholderText(self.tr("e.g. the citizen took a ticket of the wrong field"))
        self.note.setText(self.tr("The ticket keeps its number and its place in the queue (the time it was taken)."))
        self.primary.setText(self.tr("&Move the ticket"))

    def submit(self) -> None:
        to_field = self.to_field.currentData()
        if not to_field:
            self._say(self.tr("Choose the field the ticket goes to."))
            self.to_field.setFocus()
            return
        svc, actor, number, reason = self.services, self.actor, self.ticket.number, self.reason.text().strip()
        self._run(lambda: supervisor.move_waiting_ticket(svc, actor, number, to_field, reason))

    def _set_enabled(self, enabled: bool) -> None:
        super()._set_enabled(enabled)
        self.to_field.setEnabled(enabled)
        self.reason.setReadOnly(not enabled)


class CounterFieldsDialog(ActionDialog):
    """Lĩnh vực của quầy: tick the fields a counter calls tickets of."""

    def __init__(self, services: Any, actor: Any, worker: Any, counter: Any, fields: Sequence[Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.counter = counter
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        per_column = max(len(fields) if len(fields) <= 12 else (len(fields) + 1) // 2, 1)  # one column if it fits
        for i, f in enumerate(fields):
            box = QCheckBox(f.name)
            box.setObjectName(f"field_{f.code}")
            box.setChecked(f.code in counter.fields)
            box.toggled.connect(self.error.clear_message)
            self.boxes[f.code] = box
            grid.addWidget(box, i % per_column, i // per_column)
        self.all_button = QPushButton()
        self.all_button.setAutoDefault(False)
        self.none_button = QPushButton()
        self.none_button.setAutoDefault(False)
        quick = QHBoxLayout()
        quick.addWidget(self.all_button)
        quick.addWidget(self.none_button)
        quick.addStretch(1)
        self.body.addLayout(grid)
        self.body.addLayout(quick)
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.retranslateUi()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        name = self.counter.name or self.tr("Counter %1").replace("%1", str(self.counter.number))
        self.setWindowTitle(self.tr("Fields of a counter"))
        self.heading.setText(self.tr("The fields %1 calls tickets of").replace("%1", name))
        self.all_button.setText(self.tr("Tick &all"))
        self.none_button.setText(self.tr("&Untick all"))
        self.primary.setText(self.tr("&Save"))

    def chosen(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def _tick_all(self, checked: bool) -> None:
        for box in self.boxes.values():
            box.setChecked(checked)

    def submit(self) -> None:
        codes = self.chosen()
        if not codes:
            self._say(self.tr(
                "Tick at least one field. To stop the counter calling, pause it at the counter instead."))
            return
        svc, actor, number = self.services, self.actor, self.counter.number
        self._run(lambda: supervisor.set_counter_fields(svc, actor, number, codes))

    def _set_enabled(self, enabled: bool) -> None:
        super()._set_enabled(enabled)
        for box in self.boxes.values():
            box.setEnabled(enabled)


class NoticeDialog(ActionDialog):
    """Thông báo bảng hiển thị: the line that scrolls on the hall display board."""

    def __init__(self, services: Any, actor: Any, worker: Any, current: str, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.text = QPlainTextEdit(current)
        self.text.setObjectName("notice_text")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(110)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.count.setStyleSheet("color: #455a64;")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #455a64;")
        self.clear_button = QPushButton()
        self.clear_button.setAutoDefault(False)
        self.buttons.insertWidget(0, self.clear_button)
        self.body.addWidget(self.text)
        self.body.addWidget(self.count)
        self.body.addWidget(self.hint)
        self.text.textChanged.connect(self._on_text_changed)
        self.clear_button.clicked.connect(self.use_default)
        self.retranslateUi()
        self.text.setFocus()
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Notice on the display board"))
        self.heading.setText(self.tr("The notice that scrolls on the hall display board"))
        self.text.setPlaceholderText(self.tr("e.g. From 14:00 today counter 3 no longer takes land (Đất đai) dossiers."))
        self.hint.setText(self.tr("Empty: the board shows its usual line (the opening hours). Ctrl+Enter sends."))
        self.clear_button.setText(self.tr("Use the &usual line"))
        self.primary.setText(self.tr("&Send to the board"))
        self._on_text_changed()

    def _on_text_changed(self) -> None:
        n = len(" ".join(self.text.toPlainText().split()))
        self.count.setText(self.tr("%1 / %2 characters").replace("%1", str(n)).replace("%2", str(NOTICE_MAX)))
        self.count.setStyleSheet("color: #b00020; font-weight: 600;" if n > NOTICE_MAX else "color: #455a64;")
        self.error.clear_message()

    def use_default(self) -> None:
        self.text.setPlainText("")
        self.submit()

    def submit(self) -> None:
        text = " ".join(self.text.toPlainText().split())
        if len(text) > NOTICE_MAX:
            self._say(self.tr("The notice is too long: at most %1 characters; shorten it.").replace(
                "%1", str(NOTICE_MAX)))
            self.text.setFocus()
            return
        svc, actor = self.services, self.actor
        self._run(lambda: (supervisor.broadcast_notice(svc, actor, text), text)[1])

    def _set_enabled(self, enabled: bool) -> None:
        super()._set_enabled(enabled)
        self.clear_button.setEnabled(enabled)
        self.text.setReadOnly(not enabled)
