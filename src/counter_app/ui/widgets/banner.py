"""A coloured message strip at the top of a form: saved, failed, working."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class BannerKind(Enum):
    INFO = ("#e8f0fe", "#174ea6", "#aecbfa")
    SUCCESS = ("#e6f4ea", "#0d652d", "#a8dab5")
    ERROR = ("#fce8e6", "#a50e0e", "#f6aea9")


class MessageBanner(QFrame):
    """Message with an optional action button ("Print again") and a close button.

    Signals:
        actionTriggered(): the action button was pressed.
    """

    actionTriggered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.kind = BannerKind.INFO
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton()
        self.action_button.hide()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.action_button.clicked.connect(self.actionTriggered)
        self.close_button.clicked.connect(self.hide)
        self.hide()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.close_button.setToolTip(self.tr("Hide this message"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def show_message(self, kind: BannerKind, html: str, action: str = "") -> None:
        self.kind = kind
        background, foreground, border = kind.value
        self.setStyleSheet(
            f"QFrame#banner {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
            f" QFrame#banner QLabel {{ color: {foreground}; font-size: 11pt; }}"
        )
        self.label.setText(html)
        self.action_button.setText(action)
        self.action_button.setVisible(bool(action))
        self.show()

    @property
    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""
