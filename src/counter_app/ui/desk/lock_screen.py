"""The desk locks itself after a while without input, and only its officer unlocks it.

IdleLock watches every keyboard, mouse and touch event of the application (an event filter
on the QApplication). After ``idle_lock_minutes`` (site setting "security", default 5, 0 =
never; the environment variable COUNTER_APP_IDLE_LOCK_SECONDS overrides it, for tests and
demonstrations) without any, it covers the screen with the LockScreen:

    Quầy 1 — Nguyễn Văn An — đã khóa.
    Nhập mật khẩu để mở khóa.   [mật khẩu]  [Mở khóa]          [Đăng xuất]

The desk window underneath is left exactly as it was (an intake form being typed stays
typed); its central area is also hidden while locked, so nothing personal shows even if the
window manager raises it. Only the same officer's password unlocks (accounts.verify_password,
with the sign-in lock-out rules). Anyone else uses "Sign out", which asks for confirmation
(an unsaved form is lost) and ends the session: the desk goes back to its sign-in.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.errors import DomainError
from counter_app.services import accounts
from counter_app.ui.i18n import current_language
from counter_app.ui.widgets.field_error import ERROR_STYLE, FieldErrorLabel
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

IDLE_ENV = "COUNTER_APP_IDLE_LOCK_SECONDS"

# What counts as the officer being there.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)

ConfirmSignOut = Callable[[QWidget], bool]


def ask_sign_out(parent: QWidget) -> bool:
    """Ask before signing out of a locked desk (what is not saved is lost)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("LockScreen", "Sign out"),
        QCoreApplication.translate(
            "LockScreen",
            "Sign out of this desk? The desk closes and goes back to the sign-in; "
            "an intake form that was not saved is lost.",
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    sign_out = box.addButton(QCoreApplication.translate("LockScreen", "Sign out"),
                             QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton(QCoreApplication.translate("LockScreen", "Stay locked"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.exec()
    return box.clickedButton() is sign_out


def idle_override_ms() -> int | None:
    """COUNTER_APP_IDLE_LOCK_SECONDS in milliseconds (0 = never), or None when not set or unreadable."""
    raw = os.environ.get(IDLE_ENV, "").strip()
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        log.warning("%s=%r is not a number of seconds; the site's setting applies", IDLE_ENV, raw)
        return None
    return max(0, int(seconds * 1000))


class LockScreen(QDialog):
    """Covers the screen while the desk is locked; the officer's password unlocks it.

    Signals:
        unlocked(): the right password was typed (the screen then closes).
        signOutRequested(): someone else chose "Sign out" and confirmed it.
    """

    unlocked = Signal()
    signOutRequested = Signal()

    def __init__(self, services: Any, worker: Worker, actor: Any, *,
                 confirm_sign_out: ConfirmSignOut = ask_sign_out, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.actor = actor
        self.confirm_sign_out = confirm_sign_out
        self._may_close = False
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setObjectName("lockScreen")
        self.setStyleSheet("#lockScreen { background: #1f2a36; } #lockCard { background: white; border-radius: 8px; }")

        self.card = QFrame()
        self.card.setObjectName("lockCard")
        self.card.setMinimumWidth(560)
        self.card.setMaximumWidth(640)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(128)
        self.password.setMinimumWidth(260)
        self.unlock_button = QPushButton()
        self.unlock_button.setAutoDefault(False)
        self.unlock_button.setStyleSheet("font-weight: 600; padding: 5px 16px;")
        self.sign_out_button = QPushButton()
        self.sign_out_button.setAutoDefault(False)
        self.message = FieldErrorLabel()
        self.message.setStyleSheet(ERROR_STYLE.replace("9pt", "10pt"))

        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.unlock_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.sign_out_button)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(28, 24, 28, 20)
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.prompt)
        card_layout.addSpacing(6)
        card_layout.addLayout(row)
        card_layout.addWidget(self.message)
        card_layout.addSpacing(10)
        card_layout.addLayout(bottom)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(self.card, 3)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)

        self.password.returnPressed.connect(self._on_unlock)
        self.password.textEdited.connect(self.message.clear_message)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.sign_out_button.clicked.connect(self._on_sign_out)
        self.password.setFocus()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Desk locked"))
        name = getattr(self.actor, "full_name", "") or getattr(self.actor, "username", "")
        counter = getattr(self.actor, "counter_number", None)
        if counter is not None:
            self.title.setText(self.tr("Counter %1 — %2 — locked.").replace("%1", str(counter)).replace("%2", name))
        else:
            self.title.setText(self.tr("%1 — locked.").replace("%1", name))
        self.prompt.setText(self.tr("Type your password to unlock. Someone else: use “Sign out”."))
        self.sign_out_button.setText(self.tr("Sign out…"))
        self._set_busy(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # the lock does not go away with Esc
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close:
            event.ignore()  # nor with Alt+F4
            return
        super().closeEvent(event)

    def release(self) -> None:
        """Close for good (unlocked, signed out, or the window goes away)."""
        self._may_close = True
        self.close()

    # --- behaviour ----------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.sign_out_button.setEnabled(not busy)
        self.password.setReadOnly(busy)
        self.unlock_button.setText(self.tr("Checking…") if busy else self.tr("Unlock"))

    def _on_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        password = self.password.text()
        if not password:
            self.message.show_message(self.tr("Type your password."))
            return
        self._set_busy(True)
        svc, actor = self.services, self.actor
        self.worker.run(lambda: accounts.verify_password(svc, actor, password),
                        on_success=self._on_verified, on_failure=self._on_refused, owner=self)

    def _on_verified(self, _result: Any) -> None:
        self._set_busy(False)
        self.password.clear()
        self.unlocked.emit()

    def _on_refused(self, error: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, DomainError):
            text = error.message(current_language())
        else:
            text = self.tr("Cannot check the password now (%1). Check the connection to the database, then try "
                           "again.").replace("%1", type(error).__name__)
        self.message.show_message(text)

    def _on_sign_out(self) -> None:
        if self.confirm_sign_out(self):
            self.signOutRequested.emit()


class IdleLock(QObject):
    """Locks ``window`` after ``interval_ms`` without input in the whole application.

    ``idle_ms``: the interval (tests pass a short one); None = COUNTER_APP_IDLE_LOCK_SECONDS if
    set, else the site's idle_lock_minutes (read off the GUI thread). 0 = never. ``timer`` is
    the single-shot QTimer that every input restarts.

    Signals:
        lockedChanged(bool): the desk locked (True) or was unlocked (False).
        signOutRequested(): the lock screen's "Sign out" was confirmed.
    """

    lockedChanged = Signal(bool)
    signOutRequested = Signal()

    def __init__(self, window: QWidget, services: Any, actor: Any, worker: Worker, *,
                 idle_ms: int | None = None, confirm_sign_out: ConfirmSignOut = ask_sign_out) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.actor = actor
        self.worker = worker
        self.confirm_sign_out = confirm_sign_out
        self.screen: LockScreen | None = None
        self._hidden: QWidget | None = None
        self._focus: QWidget | None = None
        self.interval_ms = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # remainingTime() is exact (tests read it)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # removed by Qt when this object is deleted with the window
        if idle_ms is None:
            idle_ms = idle_override_ms()
        if idle_ms is not None:
            self.set_interval(idle_ms)
        else:
            svc = services
            worker.run(lambda: accounts.security_settings(svc),
                       on_success=lambda s: self.set_interval(s.idle_lock_minutes * 60_000), owner=window)

    @property
    def locked(self) -> bool:
        return self.screen is not None

    def set_interval(self, ms: int) -> None:
        self.interval_ms = max(0, int(ms))
        self.timer.setInterval(self.interval_ms)
        if self.interval_ms and not self.locked:
            self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.interval_ms and self.screen is None:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Cover the screen now (the timer calls it; so may a menu command)."""
        if self.screen is not None:
            return
        self.timer.stop()
        if not self.window.isVisible():
            return
        self._focus = QApplication.focusWidget()
        screen = LockScreen(self.services, self.worker, self.actor, confirm_sign_out=self.confirm_sign_out,
                            parent=self.window)
        screen.unlocked.connect(self.unlock)
        screen.signOutRequested.connect(self._on_sign_out)
        self.screen = screen
        central = getattr(self.window, "centralWidget", lambda: None)()
        if central is not None and central.isVisible():
            central.hide()
            self._hidden = central
        where = self.window.screen()
        if where is not None:
            screen.setGeometry(where.geometry())
        screen.showFullScreen()
        screen.raise_()
        screen.activateWindow()
        screen.password.setFocus()
        self.lockedChanged.emit(True)
        svc, actor, minutes = self.services, self.actor, round(self.interval_ms / 60_000)
        self.worker.run(lambda: accounts.record_idle_lock(svc, actor, minutes),
                        on_failure=lambda e: log.warning("idle lock not recorded: %s", e))

    def unlock(self) -> None:
        screen, self.screen = self.screen, None
        if screen is None:
            return
        if self._hidden is not None:
            self._hidden.show()
            self._hidden = None
        screen.release()
        screen.deleteLater()
        self.window.activateWindow()
        if self._focus is not None and shiboken6.isValid(self._focus):
            self._focus.setFocus()
        self._focus = None
        self.lockedChanged.emit(False)
        if self.interval_ms:
            self.timer.start()

    def _on_sign_out(self) -> None:
        self.signOutRequested.emit()

    def stop(self) -> None:
        """The window closes: no more locking; a lock screen still shown goes away."""
        self.interval_ms = 0
        self.timer.stop()
        screen, self.screen = self.screen, None
        if screen is not None:
            screen.release()
            screen.deleteLater()
