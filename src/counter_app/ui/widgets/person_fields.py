"""The block of fields describing a person (dossier owner or submitter), with live checks."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from counter_app.domain import identity
from counter_app.domain.errors import FieldError
from counter_app.domain.identity import IdKind
from counter_app.domain.intake import Person
from counter_app.ui.i18n import current_language
from counter_app.ui.widgets.field_error import FieldErrorLabel, FieldErrorMap

_DATE_SEPARATORS = re.compile(r"[./\- ]+")


def parse_birth_date(text: str) -> date | None:
    """Read a date typed at the counter: "05/09/1990", "5/9/1990", "05-09-1990", "05091990".

    Returns None for an empty field; raises ValueError when the text is not a date.
    """
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 8:
        day, month, year = int(text[:2]), int(text[2:4]), int(text[4:])
    else:
        parts = _DATE_SEPARATORS.split(text)
        if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            raise ValueError(text)
        day, month, year = (int(p) for p in parts)
    return date(year, month, day)


class PersonFields(QWidget):
    """Name, ID kind and number, date of birth, phone, email and address of one person.

    Field paths are ``<prefix>.full_name``, ``<prefix>.id_number``, ``<prefix>.birth_date``,
    ``<prefix>.phone``, ``<prefix>.email``, ``<prefix>.address`` (as in ValidationFailed).

    Signals:
        edited(): the officer changed any value.
    """

    edited = Signal()

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefix = prefix
        self.errors = FieldErrorMap()

        self.full_name = QLineEdit()
        self.id_kind = QComboBox()
        for kind in (IdKind.CCCD, IdKind.PASSPORT, IdKind.CMND):
            self.id_kind.addItem("", kind)
        self.id_number = QLineEdit()
        self.birth_date = QLineEdit()
        self.birth_date.setMaxLength(10)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QLineEdit()
        self.full_name.setMaxLength(100)
        self.id_number.setMaxLength(20)
        self.phone.setMaxLength(16)
        self.email.setMaxLength(254)
        self.address.setMaxLength(300)

        self._labels: dict[str, QLabel] = {}
        self._error_labels: dict[str, FieldErrorLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)

        id_box = QWidget()
        id_row = QHBoxLayout(id_box)
        id_row.setContentsMargins(0, 0, 0, 0)
        id_row.setSpacing(6)
        id_row.addWidget(self.id_kind)
        id_row.addWidget(self.id_number, 1)
        self.birth_date.setMaximumWidth(140)
        self.phone.setMaximumWidth(220)

        # One field per line, its red message right under it across the whole width.
        placement = [
            ("full_name", self.full_name),
            ("id_number", id_box),
            ("birth_date", self.birth_date),
            ("phone", self.phone),
            ("email", self.email),
            ("address", self.address),
        ]
        focus_of = {"id_number": self.id_number}
        for number, (field, editor) in enumerate(placement):
            label = QLabel()
            label.setBuddy(focus_of.get(field, editor))
            error = FieldErrorLabel()
            grid.addWidget(label, 2 * number, 0)
            grid.addWidget(editor, 2 * number, 1, Qt.AlignmentFlag.AlignLeft if editor.maximumWidth() < 1000 else Qt.AlignmentFlag(0))
            grid.addWidget(error, 2 * number + 1, 1)
            self._labels[field] = label
            self._error_labels[field] = error
            self.errors.register(f"{prefix}.{field}", focus_of.get(field, editor), error)
        # Errors on the ID kind are shown with the number.
        self.errors.register(f"{prefix}.id_kind", self.id_kind, self._error_labels["id_number"])

        fields = ("full_name", "id_number", "birth_date", "phone", "email", "address")
        for field, edit in zip(fields, self._line_edits()):
            edit.textEdited.connect(self._on_text_edited)
            # A message goes away while the officer corrects the value; leaving the field
            # checks it again.
            edit.textEdited.connect(self._error_labels[field].clear_message)
        self.id_kind.currentIndexChanged.connect(self._on_id_kind_changed)
        self.full_name.editingFinished.connect(self._on_full_name_done)
        self.id_number.editingFinished.connect(self._on_id_number_done)
        self.birth_date.editingFinished.connect(self._on_birth_date_done)
        self.phone.editingFinished.connect(self._on_phone_done)
        self.email.editingFinished.connect(self._on_email_done)

        tab_chain = [self.full_name, self.id_kind, self.id_number, self.birth_date, self.phone, self.email, self.address]
        for first, second in zip(tab_chain, tab_chain[1:]):
            QWidget.setTabOrder(first, second)
        self.retranslateUi()

    # --- view -------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        texts = {
            "full_name": self.tr("Full &name"),
            "id_number": self.tr("&ID number"),
            "birth_date": self.tr("&Date of birth"),
            "phone": self.tr("&Phone"),
            "email": self.tr("E&mail"),
            "address": self.tr("&Address"),
        }
        for field, text in texts.items():
            self._labels[field].setText(text)
        self.id_kind.setItemText(0, self.tr("Citizen ID (CCCD)"))
        self.id_kind.setItemText(1, self.tr("Passport"))
        self.id_kind.setItemText(2, self.tr("Old ID card (CMND)"))
        self.birth_date.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.id_number.setPlaceholderText(self.tr("12 digits"))
        self.phone.setPlaceholderText(self.tr("e.g. 0912345678"))
        self.full_name.setPlaceholderText(self.tr("as on the ID card"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def first_field(self) -> QWidget:
        return self.full_name

    def _line_edits(self) -> list[QLineEdit]:
        return [self.full_name, self.id_number, self.birth_date, self.phone, self.email, self.address]

    # --- values -----------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not any(edit.text().strip() for edit in self._line_edits())

    def person(self) -> tuple[Person, dict[str, str]]:
        """The person as typed, plus messages for values the UI could not read (bad dates).

        Text is passed as typed; the service normalises and validates it.
        """
        local: dict[str, str] = {}
        try:
            birth = parse_birth_date(self.birth_date.text())
        except ValueError:
            birth = None
            local[f"{self.prefix}.birth_date"] = self._bad_date_message()
        person = Person(
            full_name=self.full_name.text(),
            id_number=self.id_number.text(),
            id_kind=self.id_kind.currentData(),
            birth_date=birth,
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.text(),
        )
        return person, local

    def clear(self) -> None:
        for edit in self._line_edits():
            edit.clear()
        self.id_kind.setCurrentIndex(0)
        self.errors.clear()

    def set_person(self, person: Person) -> None:
        self.full_name.setText(person.full_name)
        self.id_kind.setCurrentIndex(max(0, self.id_kind.findData(person.id_kind)))
        self.id_number.setText(person.id_number)
        self.birth_date.setText(person.birth_date.strftime("%d/%m/%Y") if person.birth_date else "")
        self.phone.setText(person.phone)
        self.email.setText(person.email)
        self.address.setText(person.address)

    # --- live checks (on leaving a field; the service checks everything again on save) ---

    def _bad_date_message(self) -> str:
        return self.tr("Date of birth is not a date: type it as day/month/year, e.g. 05/09/1990.")

    def _path(self, field: str) -> str:
        return f"{self.prefix}.{field}"

    def _show(self, field: str, errors: list[FieldError]) -> None:
        label = self._error_labels[field]
        lang = current_language()
        text = "\n".join(dict.fromkeys(e.message(lang) for e in errors))
        if text:
            label.show_message(text)
        else:
            label.clear_message()

    def _on_text_edited(self, _text: str) -> None:
        self.edited.emit()

    def _on_id_kind_changed(self, _index: int) -> None:
        if self.id_number.text().strip():
            self._on_id_number_done()
        self.edited.emit()

    def _on_full_name_done(self) -> None:
        value = self.full_name.text()
        self._show("full_name", identity.check_person_name(value, field=self._path("full_name")) if value.strip() else [])

    def _birth_date_or_none(self) -> date | None:
        try:
            return parse_birth_date(self.birth_date.text())
        except ValueError:
            return None

    def _on_id_number_done(self) -> None:
        value = self.id_number.text()
        errors: list[FieldError] = []
        if value.strip():
            errors = identity.check_id_number(
                value,
                kind=self.id_kind.currentData(),
                birth_date=self._birth_date_or_none(),
                field=self._path("id_number"),
            )
        self._show("id_number", errors)

    def _on_birth_date_done(self) -> None:
        try:
            parse_birth_date(self.birth_date.text())
        except ValueError:
            self._error_labels["birth_date"].show_message(self._bad_date_message())
        else:
            self._error_labels["birth_date"].clear_message()
            if self.id_number.text().strip():
                self._on_id_number_done()  # the ID number encodes the birth year

    def _on_phone_done(self) -> None:
        value = self.phone.text()
        self._show("phone", identity.check_phone(value, field=self._path("phone")) if value.strip() else [])

    def _on_email_done(self) -> None:
        value = self.email.text()
        self._show("email", identity.check_email(value, field=self._path("email")) if value.strip() else [])
