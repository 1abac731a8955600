"""First start on an empty database: the centre's identity and the first administrator."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.dossier_code import check_agency_code
from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.services import setup
from counter_app.ui.i18n import current_language
from counter_app.ui.widgets.field_error import FieldErrorLabel, FieldErrorMap
from counter_app.ui.worker import Worker


class SetupDialog(QDialog):
    """Creates the centre (setup.initialize_site) the first time the desk opens a new database.

    Every mistake is shown under its field; nothing typed is cleared. Esc does not close it.

    Signals:
        siteCreated(object, str): the SiteInfo created, and the administrator's username.
    """

    siteCreated = Signal(object, str)

    # (attribute, field path in ValidationFailed, max length)
    CENTRE_FIELDS = (
        ("centre_name", "name", 200),
        ("issuing_body", "issuing_body", 200),
        ("agency_code", "agency_code", 20),
        ("address", "address", 250),
        ("hotline", "hotline", 30),
        ("place_name", "place_name", 100),
    )
    ADMIN_FIELDS = (
        ("admin_username", "username", 50),
        ("admin_full_name", "full_name", 100),
        ("admin_password", "password", 128),
        ("admin_password_again", "password_again", 128),
    )

    def __init__(self, services: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.setModal(True)
        self.errors = FieldErrorMap()
        self._labels: dict[str, QLabel] = {}
        self._error_labels: dict[str, FieldErrorLabel] = {}

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.centre_group = QGroupBox()
        self.admin_group = QGroupBox()
        centre_grid = QGridLayout(self.centre_group)
        admin_grid = QGridLayout(self.admin_group)
        for grid, fields in ((centre_grid, self.CENTRE_FIELDS), (admin_grid, self.ADMIN_FIELDS)):
            grid.setVerticalSpacing(2)
            grid.setColumnStretch(1, 1)
            for row, (attribute, path, max_length) in enumerate(fields):
                edit = QLineEdit()
                edit.setMaxLength(max_length)
                setattr(self, attribute, edit)
                label = QLabel()
                label.setBuddy(edit)
                error = FieldErrorLabel()
                grid.addWidget(label, 2 * row, 0)
                grid.addWidget(edit, 2 * row, 1)
                grid.addWidget(error, 2 * row + 1, 1)
                self._labels[attribute] = label
                self._error_labels[attribute] = error
                self.errors.register(path, edit, error)
                edit.textEdited.connect(error.clear_message)
        self.counters = QSpinBox()
        self.counters.setRange(1, 99)
        self.counters.setValue(4)
        self.counters_label = QLabel()
        self.counters_label.setBuddy(self.counters)
        self.counters_error = FieldErrorLabel()
        row = 2 * len(self.CENTRE_FIELDS)
        centre_grid.addWidget(self.counters_label, row, 0)
        centre_grid.addWidget(self.counters, row, 1, Qt.AlignmentFlag.AlignLeft)
        centre_grid.addWidget(self.counters_error, row + 1, 1)
        self.errors.register("counters", self.counters, self.counters_error)
        for attribute, path, _ in self.ADMIN_FIELDS:  # the service's own names, too
            self.errors.register(f"admin_{path}", getattr(self, attribute), self._error_labels[attribute])
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_password_again.setEchoMode(QLineEdit.EchoMode.Password)

        self.message = FieldErrorLabel()
        self.create_button = QPushButton()
        self.create_button.setAutoDefault(False)
        self.create_button.setStyleSheet("font-weight: 600; padding: 5px 16px;")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.centre_group)
        layout.addWidget(self.admin_group)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(640)

        chain = [getattr(self, a) for a, _, _ in self.CENTRE_FIELDS] + [self.counters]
        chain += [getattr(self, a) for a, _, _ in self.ADMIN_FIELDS] + [self.create_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.agency_code.editingFinished.connect(self._on_agency_code_done)
        self.admin_password_again.editingFinished.connect(self._on_password_again_done)
        self.admin_password_again.returnPressed.connect(self._on_create)
        self.create_button.clicked.connect(self._on_create)
        self.centre_name.setFocus()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("First start — set up the centre"))
        self.heading.setText(self.tr("Set up the centre"))
        self.intro.setText(
            self.tr(
                "This database is new. Enter the centre's identity as it must appear on receipts, "
                "and the first administrator account. Everything can be changed later by an administrator."
            )
        )
        self.centre_group.setTitle(self.tr("Centre"))
        self.admin_group.setTitle(self.tr("First administrator"))
        texts = {
            "centre_name": self.tr("Centre &name"),
            "issuing_body": self.tr("&Issuing body"),
            "agency_code": self.tr("A&gency code (QCVN 102)"),
            "address": self.tr("A&ddress"),
            "hotline": self.tr("&Hotline"),
            "place_name": self.tr("&Place name on forms"),
            "admin_username": self.tr("&Username"),
            "admin_full_name": self.tr("&Full name"),
            "admin_password": self.tr("Pass&word"),
            "admin_password_again": self.tr("Password &again"),
        }
        for attribute, text in texts.items():
            self._labels[attribute].setText(text)
        self.counters_label.setText(self.tr("Number of &counters"))
        self.centre_name.setPlaceholderText(self.tr("e.g. Trung tâm Phục vụ hành chính công tỉnh Quảng Nam"))
        self.issuing_body.setPlaceholderText(self.tr("e.g. UBND TỈNH QUẢNG NAM"))
        self.agency_code.setPlaceholderText(self.tr("e.g. 000.00.06.H56"))
        self.place_name.setPlaceholderText(self.tr("e.g. Tam Kỳ (printed as “Tam Kỳ, ngày … tháng … năm …”)"))
        self.hotline.setPlaceholderText(self.tr("e.g. 0235 3812 345"))
        self.admin_password.setPlaceholderText(self.tr("at least 10 characters, letters and digits"))
        self.create_button.setText(self.tr("Create the centre"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # Esc must not throw away what was typed
            return
        super().keyPressEvent(event)

    # --- behaviour ----------------------------------------------------------------------

    def _on_agency_code_done(self) -> None:
        value = self.agency_code.text().strip()
        errors = check_agency_code(value) if value else []
        if errors:
            self._error_labels["agency_code"].show_message(errors[0].message(current_language()))
        else:
            self._error_labels["agency_code"].clear_message()

    def _password_mismatch(self) -> str:
        if self.admin_password_again.text() and self.admin_password.text() != self.admin_password_again.text():
            return self.tr("The two passwords differ; type the same password twice.")
        return ""

    def _on_password_again_done(self) -> None:
        text = self._password_mismatch()
        if text:
            self._error_labels["admin_password_again"].show_message(text)

    def _on_create(self) -> None:
        if not self.create_button.isEnabled():
            return
        self.errors.clear()
        self.message.clear_message()
        local: list[tuple[str, str]] = []
        if not self.admin_password_again.text():
            local.append(("password_again", self.tr("Type the password a second time.")))
        elif mismatch := self._password_mismatch():
            local.append(("password_again", mismatch))
        if local:
            first, _ = self.errors.show([], current_language(), extra=local)
            if first is not None:
                first.setFocus()
            return
        values = dict(
            name=self.centre_name.text(),
            issuing_body=self.issuing_body.text(),
            agency_code=self.agency_code.text(),
            address=self.address.text(),
            hotline=self.hotline.text(),
            place_name=self.place_name.text(),
            admin_username=self.admin_username.text().strip(),
            admin_password=self.admin_password.text(),
            admin_full_name=self.admin_full_name.text(),
            counters=self.counters.value(),
        )
        self._set_busy(True)
        svc = self.services
        self.worker.run(
            lambda: setup.initialize_site(svc, **values),
            on_success=self._on_created,
            on_failure=self._on_failed,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.create_button.setText(self.tr("Creating…") if busy else self.tr("Create the centre"))

    def _on_created(self, site: Any) -> None:
        self._set_busy(False)
        self.siteCreated.emit(site, self.admin_username.text().strip())
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        lang = current_language()
        if isinstance(error, ValidationFailed):
            first, unplaced = self.errors.show(error.errors, lang)
            if unplaced:
                self.message.show_message("\n".join(f"{e.label(lang)}: {e.message(lang)}" for e in unplaced))
            if first is not None:
                first.setFocus()
            return
        if isinstance(error, DomainError):
            self.message.show_message(error.message(lang))
        else:
            self.message.show_message(
                self.tr("The centre could not be created (%1). Check the database, then try again.").replace(
                    "%1", html.escape(type(error).__name__)
                )
            )
