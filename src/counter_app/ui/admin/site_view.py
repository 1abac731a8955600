"""Thông tin trung tâm: the centre's identity printed on every form, and the sign-in security settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.services import accounts, admin
from counter_app.ui.admin.base import AdminTab
from counter_app.ui.widgets.banner import BannerKind
from counter_app.ui.worker import Worker


class AdminSiteView(AdminTab):
    def __init__(self, services: Any, actor: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.settings: Any | None = None
        self.identity_box = QGroupBox()
        form = QFormLayout()
        self.name = QLineEdit()
        self.issuing_body = QLineEdit()
        self.agency_code = QLineEdit()
        self.address = QLineEdit()
        self.hotline = QLineEdit()
        self.place_name = QLineEdit()
        for edit, size in ((self.name, 200), (self.issuing_body, 200), (self.agency_code, 20), (self.address, 250),
                           (self.hotline, 30), (self.place_name, 100)):
            edit.setMaxLength(size)
        self.add_field(form, "name", self.name, lambda: self.tr("Centre &name"))
        self.add_field(form, "issuing_body", self.issuing_body, lambda: self.tr("&Issuing body"))
        self.add_field(form, "agency_code", self.agency_code, lambda: self.tr("&Agency code"))
        self.add_field(form, "address", self.address, lambda: self.tr("A&ddress"))
        self.add_field(form, "hotline", self.hotline, lambda: self.tr("&Hotline"))
        self.add_field(form, "place_name", self.place_name, lambda: self.tr("&Place name on forms"))
        self.code_note = QLabel()
        self.code_note.setWordWrap(True)
        self.code_note.setStyleSheet("color: #8a4b00;")
        self.save_identity_button = QPushButton()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_identity_button)
        box = QVBoxLayout(self.identity_box)
        box.addLayout(form)
        box.addWidget(self.code_note)
        box.addLayout(row)

        self.security_box = QGroupBox()
        sform = QFormLayout()
        limits = accounts.SECURITY_LIMITS
        self.idle = QSpinBox()
        self.idle.setRange(*limits["idle_lock_minutes"])
        self.max_failed = QSpinBox()
        self.max_failed.setRange(*limits["max_failed_logins"])
        self.lockout = QSpinBox()
        self.lockout.setRange(*limits["lockout_minutes"])
        for spin in (self.idle, self.max_failed, self.lockout):
            spin.setMaximumWidth(120)
        self.add_field(sform, "idle_lock_minutes", self.idle, lambda: self.tr("Lock an idle desk after (&minutes)"))
        self.add_field(sform, "max_failed_logins", self.max_failed, lambda: self.tr("&Wrong passwords before lock-out"))
        self.add_field(sform, "lockout_minutes", self.lockout, lambda: self.tr("Lock-out &duration (minutes)"))
        self.save_security_button = QPushButton()
        srow = QHBoxLayout()
        srow.addStretch(1)
        srow.addWidget(self.save_security_button)
        sbox = QVBoxLayout(self.security_box)
        sbox.addLayout(sform)
        sbox.addLayout(srow)

        layout = self.page_layout()
        columns = QHBoxLayout()
        columns.addWidget(self.identity_box, 3)
        right = QVBoxLayout()
        right.addWidget(self.security_box)
        right.addStretch(1)
        columns.addLayout(right, 2)
        layout.addLayout(columns)
        layout.addStretch(1)
        self.save_identity_button.clicked.connect(self.save_identity)
        self.save_security_button.clicked.connect(self.save_security)
        for path, edit in (("name", self.name), ("issuing_body", self.issuing_body),
                           ("agency_code", self.agency_code), ("address", self.address),
                           ("hotline", self.hotline), ("place_name", self.place_name)):
            edit.returnPressed.connect(self.save_identity)
            edit.textEdited.connect(lambda _t, p=path: self.errors.clear_field(p))
        self.retranslateUi()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.identity_box.setTitle(self.tr("Identity of the centre (printed on every form)"))
        self.security_box.setTitle(self.tr("Sign-in security"))
        self.save_identity_button.setText(self.tr("&Save the identity"))
        self.save_security_button.setText(self.tr("Sa&ve the security settings"))
        self.agency_code.setPlaceholderText("000.00.06.H56")
        self._update_note()

    def _update_note(self) -> None:
        s = self.settings
        if s is not None and s.dossiers:
            self.code_note.setText(self.tr(
                "The agency code cannot change any more: %1 dossiers already carry it in their codes.")
                .replace("%1", str(s.dossiers)))
            self.agency_code.setReadOnly(True)
        else:
            self.code_note.setText(self.tr(
                "The agency code (QCVN 102) starts every dossier code. Check it before the first dossier: "
                "it cannot change afterwards."))
            self.agency_code.setReadOnly(False)

    def reload(self) -> None:
        svc, actor = self.services, self.actor
        self.run(lambda: admin.site_settings(svc, actor), self._on_loaded)

    def _on_loaded(self, settings: Any) -> None:
        self.settings = settings
        info, sec = settings.info, settings.security
        for edit, value in ((self.name, info.name), (self.issuing_body, info.issuing_body),
                            (self.agency_code, info.agency_code), (self.address, info.address),
                            (self.hotline, info.hotline), (self.place_name, info.place_name)):
            edit.setText(value)
        self.idle.setValue(sec.idle_lock_minutes)
        self.max_failed.setValue(sec.max_failed_logins)
        self.lockout.setValue(sec.lockout_minutes)
        self.loaded = True
        self._update_note()

    def save_identity(self) -> None:
        values = dict(name=self.name.text(), issuing_body=self.issuing_body.text(),
                      agency_code=self.agency_code.text(), address=self.address.text(), hotline=self.hotline.text(),
                      place_name=self.place_name.text())
        svc, actor = self.services, self.actor
        self.errors.clear()
        self.run(lambda: admin.update_identity(svc, actor, **values),
                 lambda _info: (self.say(BannerKind.SUCCESS, self.tr(
                     "The identity of the centre was saved; the next printed forms carry it.")), self.reload()))

    def save_security(self) -> None:
        svc, actor = self.services, self.actor
        idle, failed, lockout = self.idle.value(), self.max_failed.value(), self.lockout.value()
        self.errors.clear()
        self.run(lambda: admin.update_security(svc, actor, idle_lock_minutes=idle, max_failed_logins=failed,
                                               lockout_minutes=lockout),
                 lambda _s: self.say(BannerKind.SUCCESS, self.tr("The security settings were saved.")))
