"""Layout of the desk's queue panel and its two dialogs (widgets only; QueueController drives them)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.ui.widgets.banner import MessageBanner
from counter_app.ui.widgets.field_error import FieldErrorLabel

PANEL_WIDTH = 320  # at 1280 px the intake form keeps the rest
MIN_WIDTH = 290
_Index = QModelIndex | QPersistentModelIndex

# Colours of the counter state strip: (background, text).
STATE_COLOURS = {
    "open": ("#e6f4ea", "#0d652d"),
    "paused": ("#fef0d9", "#8a4b00"),
    "closed": ("#eceff1", "#37474f"),
    "none": ("#fce8e6", "#a50e0e"),
}


def format_wait(wait: timedelta) -> str:
    """A waiting time as the officer says it: "dưới 1 phút", "12 phút", "1 giờ 05 phút"."""
    minutes = max(0, int(wait.total_seconds() // 60))
    if minutes < 1:
        return QCoreApplication.translate("WaitingModel", "under 1 min")
    if minutes < 60:
        return QCoreApplication.translate("WaitingModel", "%1 min").replace("%1", str(minutes))
    text = QCoreApplication.translate("WaitingModel", "%1 h %2 min")
    return text.replace("%1", str(minutes // 60)).replace("%2", f"{minutes % 60:02d}")


def format_elapsed(span: timedelta) -> str:
    """A running stopwatch: "04:37", "1:02:05"."""
    seconds = max(0, int(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class WaitingModel(QAbstractTableModel):
    """Waiting counts of the fields a counter serves (one row per services.queue.FieldQueue).

    The longest wait keeps growing between refreshes: it is shown as of ``now`` (set_now).
    """

    FIELD, WAITING, LONGEST = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._fetched_at: datetime | None = None
        self._now: datetime | None = None

    def set_rows(self, rows: list[Any], fetched_at: datetime) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._fetched_at = self._now = fetched_at
        self.endResetModel()

    def set_now(self, now: datetime) -> None:
        self._now = now
        if self._rows:
            self.dataChanged.emit(self.index(0, self.LONGEST), self.index(len(self._rows) - 1, self.LONGEST))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def row(self, row: int) -> Any:
        return self._rows[row]

    def total_waiting(self) -> int:
        return sum(r.waiting for r in self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def longest_wait(self, row: int) -> timedelta:
        item = self._rows[row]
        if item.waiting and self._now is not None and self._fetched_at is not None:
            return item.longest_wait + max(timedelta(0), self._now - self._fetched_at)
        return item.longest_wait

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.FIELD:
                return f"{item.prefix} · {item.name}"
            if column == self.WAITING:
                if item.priority_waiting:
                    return self.tr("%1 (%2 priority)").replace("%1", str(item.waiting)).replace(
                        "%2", str(item.priority_waiting))
                return str(item.waiting)
            if column == self.LONGEST:
                return format_wait(self.longest_wait(index.row())) if item.waiting else "—"
        elif role == Qt.ItemDataRole.ToolTipRole and column == self.FIELD:
            text = item.name
            if not item.open:
                text += " — " + self.tr("not issuing tickets now")
            return text
        elif role == Qt.ItemDataRole.TextAlignmentRole and column != self.FIELD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.ForegroundRole and not item.waiting:
            return QColor("#80868b")
        elif role == Qt.ItemDataRole.FontRole and item.waiting and column == self.WAITING:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Field"), self.tr("Waiting"), self.tr("Longest wait"))[section] if 0 <= section < 3 else None


class QueuePanel(QFrame):
    """The queue at this counter: the ticket being served, the buttons, who is waiting.

    Widgets only; QueueController fills the labels and binds the buttons to its actions.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self.setMinimumWidth(MIN_WIDTH)
        self.setMaximumWidth(2 * PANEL_WIDTH)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # paints the left rule
        self.setStyleSheet(
            "QFrame#queuePanel { border-left: 1px solid #d0d4d9; }"
            " QFrame#ticketCard { background: white; border: 1px solid #c6cbd1; border-radius: 6px; }"
            " QLabel#ticketNumber { font-size: 40pt; font-weight: 700; color: #174ea6; }"
            " QLabel#ticketField { font-size: 12pt; font-weight: 600; }"
            " QLabel#priorityBadge { background: #fde2c8; color: #8a4b00; border-radius: 4px;"
            " padding: 2px 8px; font-weight: 600; }"
            " QLabel#ticketTime { font-size: 11pt; }"
            " QLabel#sectionTitle { font-size: 12pt; font-weight: 600; }"
        )

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.state = QLabel()
        self.state.setObjectName("counterState")
        self.state.setWordWrap(True)

        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = QLabel("—")
        self.number.setObjectName("ticketNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.field = QLabel()
        self.field.setObjectName("ticketField")
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setWordWrap(True)
        self.priority = QLabel()
        self.priority.setObjectName("priorityBadge")
        self.priority.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.priority.setWordWrap(True)
        self.priority.hide()
        self.time = QLabel()
        self.time.setObjectName("ticketTime")
        self.time.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time.setWordWrap(True)
        self.card = QFrame()
        self.card.setObjectName("ticketCard")
        card = QVBoxLayout(self.card)
        card.setSpacing(2)
        card.addWidget(self.caption)
        card.addWidget(self.number)
        card.addWidget(self.field)
        card.addWidget(self.priority)
        card.addWidget(self.time)

        self.message = MessageBanner()

        self.call_next_button = QPushButton()
        self.call_next_button.setMinimumHeight(38)
        # The button the officer presses all day long: the obvious one.
        self.call_next_button.setStyleSheet(
            "QPushButton { font-weight: 600; font-size: 12pt; color: white; background: #1a73e8;"
            " border: 1px solid #1558b0; border-radius: 4px; }"
            " QPushButton:focus { border: 2px solid #0b3d91; }"
            " QPushButton:disabled { background: #9bbcf0; }"
        )
        self.recall_button = QPushButton()
        self.no_show_button = QPushButton()
        self.start_button = QPushButton()
        self.finish_button = QPushButton()
        self.transfer_button = QPushButton()
        self.call_specific_button = QPushButton()
        self.pause_button = QPushButton()
        buttons = QGridLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.call_next_button, 0, 0, 1, 2)
        buttons.addWidget(self.recall_button, 1, 0)
        buttons.addWidget(self.no_show_button, 1, 1)
        buttons.addWidget(self.start_button, 2, 0)
        buttons.addWidget(self.finish_button, 2, 1)
        buttons.addWidget(self.transfer_button, 3, 0)
        buttons.addWidget(self.pause_button, 3, 1)
        buttons.addWidget(self.call_specific_button, 4, 0, 1, 2)
        for button in self.buttons():
            button.setAutoDefault(False)
            # Clicking keeps the cursor where the officer is typing; the keys are F2, F3, ...
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.waiting_title = QLabel()
        self.waiting_title.setObjectName("sectionTitle")
        self.waiting_model = WaitingModel(self)
        self.waiting = QTableView()
        self.waiting.setModel(self.waiting_model)
        self.waiting.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.waiting.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.waiting.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.waiting.verticalHeader().hide()
        self.waiting.setShowGrid(False)
        self.waiting.setAlternatingRowColors(True)
        self.waiting.setWordWrap(False)
        self.waiting.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.waiting.horizontalHeader()
        header.setSectionResizeMode(WaitingModel.FIELD, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WaitingModel.WAITING, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WaitingModel.LONGEST, QHeaderView.ResizeMode.ResizeToContents)
        self.waiting.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.total = QLabel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.card)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addSpacing(6)
        layout.addWidget(self.waiting_title)
        layout.addWidget(self.waiting, 1)
        layout.addWidget(self.total)

    def sizeHint(self) -> QSize:
        return QSize(PANEL_WIDTH, super().sizeHint().height())

    def buttons(self) -> list[QPushButton]:
        return [
            self.call_next_button, self.recall_button, self.no_show_button, self.start_button,
            self.finish_button, self.transfer_button, self.call_specific_button, self.pause_button,
        ]

    def set_state(self, kind: str, text: str) -> None:
        background, foreground = STATE_COLOURS.get(kind, STATE_COLOURS["none"])
        self.state.setStyleSheet(
            f"QLabel#counterState {{ background: {background}; color: {foreground}; border-radius: 4px;"
            " padding: 4px 8px; font-weight: 600; }"
        )
        self.state.setText(text)


class _QueueDialog(QDialog):
    """A small non-blocking dialog: OK checks the input and emits ``submitted``; it stays open
    (with the officer's input) until the controller says the call worked.

    Signals:
        submitted(object): the checked input (a dict of the service's arguments).
    """

    submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.error = FieldErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        """OK / Enter: check, then hand over to the controller (the dialog stays open)."""
        self.error.clear_message()
        problem, widget, values = self.check()
        if problem:
            self.error.show_message(problem)
            if widget is not None:
                widget.setFocus()
            return
        self.submitted.emit(values)

    def check(self) -> tuple[str, QWidget | None, dict]:
        raise NotImplementedError

    def set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.show_message(text)

    def finish(self) -> None:
        """The call worked: close."""
        self.done(QDialog.DialogCode.Accepted)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        pass


class TransferDialog(_QueueDialog):
    """Send the current ticket to another field or counter; it keeps its number.

    ``fields``: (code, name) pairs; ``counters``: (number, is_open) pairs.
    ``submitted`` carries {"to_field": code | None, "to_counter": int | None, "reason": str}.
    """

    def __init__(self, number: str, fields: list[tuple[str, str]], counters: list[tuple[int, bool]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._number = number
        self._counters = counters
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.to_field = QRadioButton()
        self.to_counter = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.to_field)
        group.addButton(self.to_counter)
        self.field_combo = QComboBox()
        for code, name in fields:
            self.field_combo.addItem(name, code)
        self.counter_combo = QComboBox()
        for number_, _open in counters:
            self.counter_combo.addItem("", number_)
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.to_field, self.field_combo)
        form.addRow(self.to_counter, self.counter_combo)
        form.addRow(self.reason_label, self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.to_field.toggled.connect(self._on_target_toggled)
        self.field_combo.activated.connect(lambda _i: self.to_field.setChecked(True))
        self.counter_combo.activated.connect(lambda _i: self.to_counter.setChecked(True))
        if fields or not counters:
            self.to_field.setChecked(True)
        else:
            self.to_counter.setChecked(True)
        self._on_target_toggled(self.to_field.isChecked())
        self.to_field.setEnabled(bool(fields))
        self.to_counter.setEnabled(bool(counters))
        self.retranslateUi()
        self.setMinimumWidth(460)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Transfer ticket %1").replace("%1", self._number))
        self.intro.setText(self.tr(
            "Ticket %1 keeps its number and its place in the queue; it is called at its new destination."
        ).replace("%1", self._number))
        self.to_field.setText(self.tr("To the &field"))
        self.to_counter.setText(self.tr("To &counter"))
        self.reason_label.setText(self.tr("&Reason (optional)"))
        self.ok_button.setText(self.tr("Transfer"))
        self.cancel_button.setText(self.tr("Cancel"))
        for i, (number, is_open) in enumerate(self._counters):
            text = self.tr("Counter %1").replace("%1", str(number))
            if not is_open:
                text += " " + self.tr("(paused)")
            self.counter_combo.setItemText(i, text)

    def _on_target_toggled(self, to_field: bool) -> None:
        self.field_combo.setEnabled(to_field)
        self.counter_combo.setEnabled(not to_field)

    def check(self) -> tuple[str, QWidget | None, dict]:
        reason = self.reason.text().strip()
        if self.to_field.isChecked():
            if self.field_combo.currentIndex() < 0:
                return self.tr("Choose the field to send the ticket to."), self.field_combo, {}
            return "", None, {"to_field": self.field_combo.currentData(), "to_counter": None, "reason": reason}
        if self.counter_combo.currentIndex() < 0:
            return self.tr("Choose the counter to send the ticket to."), self.counter_combo, {}
        return "", None, {"to_field": None, "to_counter": self.counter_combo.currentData(), "reason": reason}


class CallSpecificDialog(_QueueDialog):
    """Call one waiting number out of turn; the reason is required (it goes to the audit log).

    ``submitted`` carries {"number": str, "reason": str}.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.number = QLineEdit()
        self.number.setMaxLength(12)
        self.number_label = QLabel()
        self.number_label.setBuddy(self.number)
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.number_label, self.number)
        form.addRow(self.reason_label, self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslateUi()
        self.setMinimumWidth(460)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Call a number out of turn"))
        self.intro.setText(self.tr(
            "Only with a good reason (for example an urgent case, or at the request of the head "
            "of the centre). The reason is recorded with your name."
        ))
        self.number_label.setText(self.tr("Ticket &number"))
        self.reason_label.setText(self.tr("&Reason"))
        self.number.setPlaceholderText(self.tr("e.g. A012"))
        self.ok_button.setText(self.tr("Call this number"))
        self.cancel_button.setText(self.tr("Cancel"))

    def check(self) -> tuple[str, QWidget | None, dict]:
        number = self.number.text().strip().upper()
        reason = self.reason.text().strip()
        if not number:
            return self.tr("Type the ticket number to call."), self.number, {}
        if not reason:
            return self.tr("Write the reason for calling this number out of turn; it is recorded."), self.reason, {}
        return "", None, {"number": number, "reason": reason}
