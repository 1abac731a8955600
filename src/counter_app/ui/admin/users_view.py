"""Người dùng: the accounts of the centre — add, edit, deactivate, reset a password, unlock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app.services import admin
from counter_app.ui.admin.base import AdminTab, make_table, select_row
from counter_app.ui.admin.models import AdminUsersModel, role_name
from counter_app.ui.widgets.banner import BannerKind
from counter_app.ui.worker import Worker

ROLES = ("officer", "supervisor", "admin")


class AdminPasswordDialog(QDialog):
    """Shows a temporary password once, big and selectable, with a copy button."""

    def __init__(self, username: str, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.password = password
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 11pt; font-weight: 600;")
        self.value = QLabel(password)
        self.value.setObjectName("temporary_password")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.value.setStyleSheet("font-family: monospace; font-size: 20pt; font-weight: 600; padding: 8px;"
                                 " background: #f1f3f4; border: 1px solid #dadce0;")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(password))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.setMinimumWidth(460)
        self.setWindowTitle(self.tr("Temporary password"))
        self.heading.setText(self.tr("Temporary password of “%1”").replace("%1", username))
        self.note.setText(self.tr(
            "Give it to the user in person. It is shown only now: it is not stored anywhere readable. "
            "At the next sign-in the user must choose a new password."))
        self.copy_button.setText(self.tr("&Copy"))


class AdminUsersView(AdminTab):
    """Signals:
        passwordShown(str, str): a temporary password was shown (username, password) — for tests.
    """

    passwordShown = Signal(str, str)

    def __init__(self, services: Any, actor: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.model = AdminUsersModel(self)
        self.table = make_table(self.model, "users_table", stretch=1)
        self.password_dialog: AdminPasswordDialog | None = None
        self._editing: Any | None = None  # the UserInfo in the form, None: a new account
        self._counters: list[int] = []

        self.form_box = QGroupBox()
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setMaxLength(50)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(100)
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem("", role)
        self.counter = QComboBox()
        self.add_field(form, "username", self.username, lambda: self.tr("&User name"))
        self.add_field(form, "full_name", self.full_name, lambda: self.tr("&Full name"))
        self.add_field(form, "role", self.role, lambda: self.tr("&Role"))
        self.add_field(form, "assigned_counter", self.counter, lambda: self.tr("Assigned &counter"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.new_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.reset_button = QPushButton()
        self.unlock_button = QPushButton()
        self.active_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        actions = QHBoxLayout()
        actions.addWidget(self.reset_button)
        actions.addWidget(self.unlock_button)
        actions.addWidget(self.active_button)
        actions.addStretch(1)
        box = QVBoxLayout(self.form_box)
        box.addLayout(form)
        box.addWidget(self.state)
        box.addLayout(buttons)
        box.addSpacing(12)
        box.addLayout(actions)
        box.addStretch(1)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.form_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = self.page_layout()
        layout.addWidget(splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._on_row(current.row()))
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock)
        self.active_button.clicked.connect(self.toggle_active)
        for edit in (self.username, self.full_name):
            edit.returnPressed.connect(self.save)
            edit.textEdited.connect(lambda _t, e=edit: self._clear_error_of(e))
        self.retranslateUi()
        self.start_new()

    def _clear_error_of(self, widget: QWidget) -> None:
        for path in ("username", "full_name"):
            binding = self.errors.binding_for(path)
            if binding is not None and binding.focus is widget:
                binding.label.clear_message()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        for i, role in enumerate(ROLES):
            self.role.setItemText(i, role_name(role))
        self._fill_counters(self._counters)
        self.new_button.setText(self.tr("&New account"))
        self.reset_button.setText(self.tr("Reset &password…"))
        self.unlock_button.setText(self.tr("Un&lock"))
        self._update_form_state()

    def _fill_counters(self, numbers: list[int]) -> None:
        current = self.counter.currentData()
        self.counter.clear()
        self.counter.addItem(self.tr("None (any counter)"), None)
        for n in numbers:
            self.counter.addItem(self.tr("Counter %1").replace("%1", str(n)), n)
        index = self.counter.findData(current)
        self.counter.setCurrentIndex(max(index, 0))

    # --- loading ------------------------------------------------------------------------

    def reload(self, select_username: str = "") -> None:
        svc, actor = self.services, self.actor

        def load():
            return admin.list_users(svc, actor), [c.number for c in admin.list_counters(svc, actor) if c.active]

        keep = select_username or (self._editing.username if self._editing is not None else "")
        self.run(load, lambda result: self._on_loaded(result, keep))

    def _on_loaded(self, result: tuple[list, list[int]], select_username: str) -> None:
        users, counters = result
        self._counters = counters
        self._fill_counters(counters)
        self.model.set_rows(users)
        self.loaded = True
        if select_username:
            for i, u in enumerate(users):
                if u.username == select_username:
                    select_row(self.table, i)
                    self._on_row(i)
                    break

    def _on_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        user = self.model.row(row)
        self._editing = user
        self.errors.clear()
        self.username.setText(user.username)
        self.full_name.setText(user.full_name)
        self.role.setCurrentIndex(max(self.role.findData(user.role), 0))
        self.counter.setCurrentIndex(max(self.counter.findData(user.assigned_counter), 0))
        self._update_form_state()

    def start_new(self) -> None:
        """An empty form for a new account (what was typed in an edit is dropped)."""
        self._editing = None
        self.table.clearSelection()
        self.errors.clear()
        self.username.clear()
        self.full_name.clear()
        self.role.setCurrentIndex(0)
        self.counter.setCurrentIndex(0)
        self._update_form_state()
        self.username.setFocus()

    def _update_form_state(self) -> None:
        user = self._editing
        new = user is None
        self.username.setReadOnly(not new)
        self.form_box.setTitle(self.tr("New account") if new else self.tr("Account “%1”").replace("%1", user.username))
        self.save_button.setText(self.tr("&Add the account") if new else self.tr("&Save changes"))
        for button in (self.reset_button, self.unlock_button, self.active_button):
            button.setEnabled(not new)
        if new:
            self.active_button.setText(self.tr("&Deactivate"))
            self.state.setText(self.tr("A temporary password is made for the new account and shown once; "
                                       "the user changes it at the first sign-in."))
            return
        self.unlock_button.setEnabled(user.locked or user.failed_logins > 0)
        self.active_button.setText(self.tr("&Deactivate") if user.active else self.tr("Re&activate"))
        self.state.setText(self.model._state(user))

    # --- actions ------------------------------------------------------------------------

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        svc, actor = self.services, self.actor
        full_name, role, counter = self.full_name.text(), self.role.currentData(), self.counter.currentData()
        self.errors.clear()
        self.banner.hide()
        self.save_button.setEnabled(False)
        if self._editing is None:
            username = self.username.text()
            self.run(lambda: admin.create_user(svc, actor, username=username, full_name=full_name, role=role,
                                               assigned_counter=counter),
                     self._on_created, self._on_save_failed)
        else:
            uid = self._editing.id
            self.run(lambda: admin.update_user(svc, actor, uid, full_name=full_name, role=role,
                                               assigned_counter=counter),
                     self._on_updated, self._on_save_failed)

    def _on_save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.show_failure(error)

    def _on_created(self, result: tuple[Any, str]) -> None:
        self.save_button.setEnabled(True)
        user, password = result
        self.say(BannerKind.SUCCESS, self.tr("The account “%1” was added.").replace("%1", user.username))
        self._editing = user
        self.reload(user.username)
        self._show_password(user.username, password)

    def _on_updated(self, user: Any) -> None:
        self.save_button.setEnabled(True)
        self.say(BannerKind.SUCCESS, self.tr("The changes to “%1” were saved.").replace("%1", user.username))
        self.reload(user.username)

    def _show_password(self, username: str, password: str) -> None:
        if self.password_dialog is not None:
            self.password_dialog.deleteLater()
        self.password_dialog = AdminPasswordDialog(username, password, self)
        self.password_dialog.open()  # window-modal, does not block the event loop
        self.passwordShown.emit(username, password)

    def reset_password(self) -> None:
        user = self._editing
        if user is None:
            return
        svc, actor = self.services, self.actor
        self.run(lambda: admin.reset_password(svc, actor, user.id),
                 lambda password: self._on_reset(user.username, password))

    def _on_reset(self, username: str, password: str) -> None:
        self.say(BannerKind.SUCCESS, self.tr("A new temporary password was given to “%1”.").replace("%1", username))
        self.reload(username)
        self._show_password(username, password)

    def unlock(self) -> None:
        user = self._editing
        if user is None:
            return
        svc, actor = self.services, self.actor
        self.run(lambda: admin.unlock_user(svc, actor, user.id), self._on_unlocked)

    def _on_unlocked(self, user: Any) -> None:
        self.say(BannerKind.SUCCESS, self.tr("“%1” can sign in again.").replace("%1", user.username))
        self.reload(user.username)

    def toggle_active(self) -> None:
        user = self._editing
        if user is None:
            return
        svc, actor, active = self.services, self.actor, not user.active
        self.run(lambda: admin.set_user_active(svc, actor, user.id, active), self._on_active_changed)

    def _on_active_changed(self, user: Any) -> None:
        text = (self.tr("“%1” can sign in again.") if user.active
                else self.tr("“%1” can no longer sign in; the history of the account is kept."))
        self.say(BannerKind.SUCCESS, text.replace("%1", user.username))
        self.reload(user.username)
