"""Touch widgets of the kiosk and the rating screen: sizes that follow the screen, field buttons, the PIN pad."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

# Sans-serif faces that carry every Vietnamese letter, in order of preference per platform.
TOUCH_FONT_FAMILIES = ["Segoe UI", "Noto Sans", "Roboto", "DejaVu Sans", "Liberation Sans", "Arial"]

_PX = re.compile(r"(\d+(?:\.\d+)?)px")


def touch_font() -> QFont:
    font = QFont()
    font.setFamilies(TOUCH_FONT_FAMILIES)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def screen_scale(width: int, height: int, base: int) -> float:
    """How much to scale sizes written for a screen whose short side is ``base`` pixels."""
    return max(0.4, min(3.0, min(width, height) / base))


def scaled_css(css: str, scale: float) -> str:
    """The style sheet with every ``Npx`` multiplied by ``scale`` (at least 1 px)."""
    return _PX.sub(lambda m: f"{max(1, round(float(m[1]) * scale))}px", css)


def passthrough(label: QLabel) -> QLabel:
    """A label inside a button: touches go to the button."""
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class TouchButton(QPushButton):
    """A big button whose text wraps: a title and an optional second line (QPushButton text never wraps).

    The labels are named ``<objectName>Title`` and ``<objectName>Subtitle`` for the style sheet.
    """

    def __init__(self, name: str, title: str = "", subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title_label = passthrough(QLabel())
        self.title_label.setObjectName(f"{name}Title")
        self.subtitle_label = passthrough(QLabel())
        self.subtitle_label.setObjectName(f"{name}Subtitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(4)
        for label in (self.title_label, self.subtitle_label):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        self.set_texts(title, subtitle)

    def set_texts(self, title: str, subtitle: str = "") -> None:
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        self.subtitle_label.setVisible(bool(subtitle))
        self.setAccessibleName(f"{title}. {subtitle}" if subtitle else title)

    def text(self) -> str:  # what a screen reader or a test reads
        return self.accessibleName()


class FieldButton(QPushButton):
    """One field (lĩnh vực) on the kiosk: ticket letter, name, people waiting and the estimated wait.

    ``field`` is the services.queue.FieldQueue shown; ``code`` its field code.
    """

    def __init__(self, field: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldButton")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.prefix_label = passthrough(QLabel())
        self.prefix_label.setObjectName("fieldPrefix")
        self.prefix_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = passthrough(QLabel())
        self.name_label.setObjectName("fieldName")
        self.name_label.setWordWrap(True)
        self.info_label = passthrough(QLabel())
        self.info_label.setObjectName("fieldInfo")
        self.info_label.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addStretch(1)
        text.addWidget(self.name_label)
        text.addWidget(self.info_label)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(18)
        layout.addWidget(self.prefix_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)
        self.field = field
        self.set_field(field)

    @property
    def code(self) -> str:
        return self.field.code

    def set_field(self, field: Any) -> None:
        self.field = field
        self.prefix_label.setText(field.prefix or "•")
        self.name_label.setText(field.name)
        self.retranslateUi()

    def overflows(self) -> bool:
        """Whether the name and the waiting line need more height than the button has."""
        layout = self.layout()
        width = self.width()
        need = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalMinimumSize().height()
        return need > self.height() + 1

    def retranslateUi(self) -> None:
        self.info_label.setText(waiting_text(self.field.waiting, self.field.estimated_wait.total_seconds()))
        self.setAccessibleName(f"{self.field.name}. {self.info_label.text()}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def wait_minutes(seconds: float) -> int:
    return max(1, -(-int(seconds) // 60))


def waiting_text(waiting: int, wait_seconds: float) -> str:
    """"Đang chờ: 3 · khoảng 16 phút" — what a citizen wants to know before choosing."""
    if waiting == 0:
        return QCoreApplication.translate("KioskText", "Nobody waiting")
    return (
        QCoreApplication.translate("KioskText", "%1 waiting · about %2 min")
        .replace("%1", str(waiting))
        .replace("%2", str(wait_minutes(wait_seconds)))
    )


class PinPad(QWidget):
    """A digit pad for the administrator's PIN; the digits typed are shown as dots.

    Signals:
        submitted(str): OK was pressed with these digits.
        cancelled(): Cancel was pressed.
        touched(): any key was pressed (the caller restarts its inactivity timer).
    """

    submitted = Signal(str)
    cancelled = Signal()
    touched = Signal()

    MAX_DIGITS = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits = ""
        self.title = QLabel()
        self.title.setObjectName("pinTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.display = QLabel()
        self.display.setObjectName("pinDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel()
        self.message.setObjectName("pinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.digit_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(14)
        for i, digit in enumerate("123456789"):
            grid.addWidget(self._key(digit), i // 3, i % 3)
        self.back_button = self._key("⌫", self._on_backspace)
        self.back_button.setObjectName("pinKeyAlt")
        grid.addWidget(self.back_button, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        self.ok_button = self._key("OK", self._on_ok)
        self.ok_button.setObjectName("pinKeyOk")
        grid.addWidget(self.ok_button, 3, 2)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("secondaryButton")
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self._on_cancel)
        pad = QWidget()
        pad.setObjectName("pinPad")
        pad.setLayout(grid)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.display)
        column.addWidget(self.message)
        column.addWidget(pad, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self._refresh()
        self.retranslateUi()

    def _key(self, text: str, slot=None) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("pinKey")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if slot is None:
            self.digit_buttons[text] = button
            button.clicked.connect(lambda _=False, d=text: self._on_digit(d))
        else:
            button.clicked.connect(slot)
        return button

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Administrator: enter the PIN to close the kiosk"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.back_button.setAccessibleName(self.tr("Delete the last digit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def clear(self) -> None:
        self._digits = ""
        self.message.clear()
        self._refresh()

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def enter(self, digits: str) -> None:
        """Type ``digits`` as if touched one by one (tests, hardware keypads)."""
        for d in digits:
            self._on_digit(d)

    def _refresh(self) -> None:
        self.display.setText("●" * len(self._digits) if self._digits else "—")

    def _on_digit(self, digit: str) -> None:
        self.touched.emit()
        if len(self._digits) < self.MAX_DIGITS:
            self._digits += digit
        self._refresh()

    def _on_backspace(self) -> None:
        self.touched.emit()
        self._digits = self._digits[:-1]
        self._refresh()

    def _on_ok(self) -> None:
        self.touched.emit()
        digits, self._digits = self._digits, ""
        self._refresh()
        self.submitted.emit(digits)

    def _on_cancel(self) -> None:
        self.clear()
        self.cancelled.emit()


class LongPress(QObject):
    """Emits ``triggered`` when a widget is held down for ``msecs`` (the hidden administrator gesture).

    Signals:
        triggered(): the widget was held long enough.
    """

    triggered = Signal()

    def __init__(self, widget: QWidget, msecs: int = 3000) -> None:
        super().__init__(widget)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(msecs)
        self._timer.timeout.connect(self.triggered)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._timer.start()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.Leave, QEvent.Type.Hide):
            self._timer.stop()
        return False
