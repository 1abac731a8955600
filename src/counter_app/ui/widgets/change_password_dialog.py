"""Change one's own password (accounts.change_password), also the step a generated password forces.

Used by the desk's and the supervisor console's sign-in (LoginDialog shows it when
SignIn.must_change_password) and by the administration window:

    dialog = ChangePasswordDialog(services, worker, actor)            # asks the current password
    dialog = ChangePasswordDialog(services, worker, actor, current_password=typed, required=True)
    dialog.passwordChanged.connect(...); dialog.open()
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.domain.passwords import MIN_LENGTH, check_password
from counter_app.services import accounts
from counter_app.ui.i18n import current_language
from counter_app.ui.widgets.field_error import ERROR_STYLE, FieldErrorLabel
from counter_app.ui.worker import Worker


class ChangePasswordDialog(QDialog):
    """Current password (unless given), new password twice; the policy is checked as one types
    and again by the service. Nothing typed is lost on a mistake except a wrong current password.

    ``required``: the account must change its password before any window opens (generated or
    reset password); the cancel button then reads "Sign out".

    Signals:
        passwordChanged(): the new password is saved (the dialog is then accepted).
    """

    passwordChanged = Signal()

    def __init__(
        self,
        services: Any,
        worker: Worker,
        actor: Any,
        *,
        current_password: str | None = None,
        required: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.actor = actor
        self.required = required
        self._given_current = current_password
        self.setModal(True)

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: #444444;")
        self.current = QLineEdit(current_password or "")
        self.new = QLineEdit()
        self.again = QLineEdit()
        for edit in (self.current, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(128)
        self.current_label, self.new_label, self.again_label = QLabel(), QLabel(), QLabel()
        self.current_label.setBuddy(self.current)
        self.new_label.setBuddy(self.new)
        self.again_label.setBuddy(self.again)
        self.current_error, self.new_error, self.again_error = FieldErrorLabel(), FieldErrorLabel(), FieldErrorLabel()
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        for row, (label, edit, error) in enumerate(((self.current_label, self.current, self.current_error),
                                                    (self.new_label, self.new, self.new_error),
                                                    (self.again_label, self.again, self.again_error))):
            grid.addWidget(label, 2 * row, 0)
            grid.addWidget(edit, 2 * row, 1)
            grid.addWidget(error, 2 * row + 1, 1)
        if current_password is not None:  # just typed at the sign-in: not asked twice
            for widget in (self.current_label, self.current, self.current_error):
                widget.hide()

        self.message = FieldErrorLabel()
        self.message.setStyleSheet(ERROR_STYLE.replace("9pt", "10pt"))
        self.save_button = QPushButton()
        self.save_button.setAutoDefault(False)
        self.save_button.setStyleSheet("font-weight: 600; padding: 5px 16px;")
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.rules)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)

        self.current.returnPressed.connect(self.new.setFocus)
        self.new.returnPressed.connect(self.again.setFocus)
        self.again.returnPressed.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.current.textEdited.connect(self.current_error.clear_message)
        self.new.textEdited.connect(self._on_new_edited)
        self.again.textEdited.connect(self.again_error.clear_message)
        (self.new if current_password is not None else self.current).setFocus()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Change password"))
        name = getattr(self.actor, "full_name", "") or getattr(self.actor, "username", "")
        if self.required:
            self.heading.setText(self.tr("Choose your own password"))
            self.intro.setText(self.tr(
                "%1, your password was generated or reset by an administrator. Choose your own password "
                "now; you cannot continue before it is changed.").replace("%1", name))
            self.cancel_button.setText(self.tr("Sign out"))
        else:
            self.heading.setText(self.tr("Change password"))
            self.intro.setText(self.tr("Account: %1").replace("%1", name))
            self.cancel_button.setText(self.tr("Cancel"))
        self.rules.setText(self.tr(
            "A password has at least %1 characters, with letters and digits; it must not contain your user "
            "name, be a common password or repeat the old one.").replace("%1", str(MIN_LENGTH)))
        self.current_label.setText(self.tr("&Current password"))
        self.new_label.setText(self.tr("&New password"))
        self.again_label.setText(self.tr("New password &again"))
        self._set_busy(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.required:
            event.accept()  # a required change is left with "Sign out" only
            return
        super().keyPressEvent(event)

    # --- behaviour ----------------------------------------------------------------------

    def _username(self) -> str:
        return getattr(self.actor, "username", "")

    def _on_new_edited(self, text: str) -> None:
        self.message.clear_message()
        if not text:
            self.new_error.clear_message()
            return
        # As one types: only what is already certain (the length is said once they stop short).
        errors = [e for e in check_password(text, username=self._username()) if e.code != "password_too_short"]
        if errors:
            self.new_error.show_message("\n".join(e.message(current_language()) for e in errors))
        else:
            self.new_error.clear_message()

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.message.clear_message()
        current, new, again = self.current.text(), self.new.text(), self.again.text()
        if not current:
            self.current_error.show_message(self.tr("Type your current password."))
            self.current.setFocus()
            return
        errors = check_password(new, username=self._username(), old_password=current)
        if errors:
            self.new_error.show_message("\n".join(e.message(current_language()) for e in errors))
            self.new.setFocus()
            self.new.selectAll()
            return
        self.new_error.clear_message()
        if again != new:
            self.again_error.show_message(self.tr("The two new passwords differ; type the same password twice."))
            self.again.clear()
            self.again.setFocus()
            return
        self.again_error.clear_message()
        self._set_busy(True)
        svc, actor = self.services, self.actor
        self.worker.run(lambda: accounts.change_password(svc, actor, current, new),
                        on_success=self._on_changed, on_failure=self._on_failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.save_button.setText(self.tr("Saving…") if busy else self.tr("Change password"))

    def _on_changed(self, _result: Any) -> None:
        self._set_busy(False)
        self.passwordChanged.emit()
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        lang = current_language()
        if isinstance(error, ValidationFailed):
            self.new_error.show_message("\n".join(e.message(lang) for e in error.errors))
            self.new.setFocus()
        elif isinstance(error, DomainError) and error.code == "password_old_wrong" and self.current.isVisibleTo(self):
            self.current_error.show_message(error.message(lang))
            self.current.clear()
            self.current.setFocus()
        elif isinstance(error, DomainError):
            self.message.show_message(error.message(lang))
        else:
            self.message.show_message(self.tr(
                "The password could not be changed (%1). Check the connection to the database, then try again."
            ).replace("%1", type(error).__name__))
