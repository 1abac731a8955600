"""Sign-in at a counter: username, password, counter number."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.errors import DomainError
from counter_app.services import accounts
from counter_app.ui.i18n import current_language
from counter_app.ui.widgets.change_password_dialog import ChangePasswordDialog
from counter_app.ui.widgets.field_error import ERROR_STYLE, FieldErrorLabel
from counter_app.ui.worker import Worker

MAX_COUNTER = 99


class LoginDialog(QDialog):
    """Asks who is at which counter and checks the password off the GUI thread.

    Enter in the username goes to the password; Enter in the password signs in. A wrong
    password keeps the username, clears the password and puts the cursor back in it.
    Esc does nothing (closing the window quits).

    Sign-in rules (services/accounts): after repeated wrong passwords the account is locked
    for a while and the message says until when; an officer assigned to a counter signs in
    only there; a generated or reset password must be changed first (ChangePasswordDialog,
    ``change_password_dialog`` while shown) and ``authenticated`` is emitted only after that.

    Signals:
        authenticated(object): the Actor that signed in (the dialog is then accepted).
    """

    authenticated = Signal(object)

    def __init__(
        self,
        services: Any,
        worker: Worker,
        *,
        site: Any | None = None,
        counter_number: int | None = None,
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.site = site
        self.change_password_dialog: ChangePasswordDialog | None = None  # the forced change step, while shown
        self.setModal(True)

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.centre = QLabel(site.name if site is not None else "")
        self.centre.setWordWrap(True)
        self.centre.setStyleSheet("color: #444444;")
        self.username = QLineEdit(username)
        self.username.setMaxLength(50)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.counter = QSpinBox()
        self.counter.setRange(1, MAX_COUNTER)
        self.counter.setValue(counter_number if counter_number else 1)
        self.counter.setMaximumWidth(90)
        self.message = FieldErrorLabel()
        self.message.setStyleSheet(ERROR_STYLE.replace("9pt", "10pt"))
        self.sign_in_button = QPushButton()
        self.sign_in_button.setAutoDefault(False)
        self.sign_in_button.setStyleSheet("font-weight: 600; padding: 5px 16px;")

        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.counter_label = QLabel()
        self.counter_label.setBuddy(self.counter)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        form.addRow(self.counter_label, self.counter)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.centre)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)

        self.username.returnPressed.connect(self._on_username_entered)
        self.password.returnPressed.connect(self._on_sign_in)
        self.sign_in_button.clicked.connect(self._on_sign_in)
        self.username.textEdited.connect(self.message.clear_message)
        self.password.textEdited.connect(self.message.clear_message)
        QWidget.setTabOrder(self.username, self.password)
        QWidget.setTabOrder(self.password, self.counter)
        QWidget.setTabOrder(self.counter, self.sign_in_button)
        (self.password if username else self.username).setFocus()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Sign in — reception desk"))
        self.heading.setText(self.tr("Sign in to the reception desk"))
        self.username_label.setText(self.tr("&Username"))
        self.password_label.setText(self.tr("&Password"))
        self.counter_label.setText(self.tr("&Counter number"))
        self.sign_in_button.setText(self.tr("Sign in"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # Esc does not close the desk
            return
        super().keyPressEvent(event)

    # --- behaviour ----------------------------------------------------------------------

    def _on_username_entered(self) -> None:
        if self.password.text():
            self._on_sign_in()
        else:
            self.password.setFocus()

    def _on_sign_in(self) -> None:
        if not self.sign_in_button.isEnabled():
            return  # already checking
        username = self.username.text().strip()
        if not username:
            self.message.show_message(self.tr("Type your username."))
            self.username.setFocus()
            return
        if not self.password.text():
            self.message.show_message(self.tr("Type your password."))
            self.password.setFocus()
            return
        self._set_busy(True)
        svc, password, counter = self.services, self.password.text(), self._sign_in_counter()
        # A wrong password makes the service wait a little (lock-out rules): on the worker thread.
        self.worker.run(
            lambda: accounts.sign_in(svc, username, password, counter),
            on_success=self._on_signed_in,
            on_failure=self._on_failed,
            owner=self,
        )

    def _sign_in_counter(self) -> int | None:
        """The counter signed in at (None for windows without one)."""
        return self.counter.value()

    def _admit(self, actor: Any) -> bool:
        """Whether this window accepts ``actor`` (subclasses refuse some roles, and say why)."""
        return True

    def _on_signed_in(self, result: Any) -> None:
        if not self._admit(result.actor):
            return
        if result.must_change_password:
            self._ask_new_password(result.actor)
            return
        self._on_authenticated(result.actor)

    def _ask_new_password(self, actor: Any) -> None:
        """A generated or reset password: the officer chooses their own before any window opens."""
        self.message.clear_message()
        for spent in self.findChildren(ChangePasswordDialog):  # an earlier attempt's, closed
            spent.deleteLater()
        dialog = ChangePasswordDialog(self.services, self.worker, actor, current_password=self.password.text(),
                                      required=True, parent=self)
        self.change_password_dialog = dialog
        dialog.passwordChanged.connect(lambda: self._on_authenticated(actor))
        dialog.rejected.connect(self._on_change_refused)
        dialog.open()

    def _on_change_refused(self) -> None:
        self.change_password_dialog = None
        self._set_busy(False)
        self.message.show_message(self.tr(
            "The password was not changed, so you are not signed in. Sign in again and choose a new password."))
        self.password.clear()
        self.password.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        self.username.setReadOnly(busy)
        self.password.setReadOnly(busy)
        self.sign_in_button.setText(self.tr("Checking…") if busy else self.tr("Sign in"))

    def _on_authenticated(self, actor: Any) -> None:
        self.change_password_dialog = None
        self._set_busy(False)
        self.authenticated.emit(actor)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        code = getattr(error, "code", "")
        if code in ("counter_unknown", "login_wrong_counter"):
            self.message.show_message(error.message(current_language()))  # type: ignore[attr-defined]
            self._fit()
            self.counter.setFocus()
            self.counter.selectAll()
            return
        if isinstance(error, DomainError):
            text = error.message(current_language())
            if code == "login_failed":
                text += " " + self.tr(
                    "Type the password again (check Caps Lock, and switch off Vietnamese typing such as Unikey)."
                )
        else:
            text = self.tr("Cannot sign in now (%1). Check the connection to the database, then try again.").replace(
                "%1", type(error).__name__
            )
        self.message.show_message(text)
        self._fit()
        self.password.clear()
        self.password.setFocus()

    def _fit(self) -> None:
        """Grow to show a long message whole."""
        layout = self.layout()
        fit = layout.heightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        self.resize(self.width(), max(fit, self.minimumSizeHint().height(), self.height()))
