"""Layout of the intake form (widgets only; behaviour lives in IntakeController)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.intake import ReturnMethod
from counter_app.ui.models.documents_model import DocumentsTableModel
from counter_app.ui.widgets.banner import MessageBanner
from counter_app.ui.widgets.documents_table import DocumentsTable
from counter_app.ui.widgets.field_error import FieldErrorLabel, FieldErrorMap
from counter_app.ui.widgets.person_fields import PersonFields
from counter_app.ui.widgets.procedure_picker import ProcedurePicker

MAX_SETS = 20


class IntakeView(QWidget):
    """The intake form: 1 procedure, 2 owner (and submitter), 3 documents, 4 sets and return.

    ``errors`` maps every field path of IntakeRequest ("procedure", "owner.id_number",
    "documents", "sets", ...) to its widget and red label, in reading order.
    ``reopen_banner`` offers to reopen a dossier not accepted earlier (form 02 / 03) for the
    owner's ID number, then reminds what is being taken up again.
    No signals of its own: the controller connects to the widgets.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = MessageBanner()
        self.reopen_banner = MessageBanner()
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")

        self.picker = ProcedurePicker()
        self.procedure_group = QGroupBox()
        QVBoxLayout(self.procedure_group).addWidget(self.picker)

        self.owner = PersonFields("owner")
        self.owner_group = QGroupBox()
        QVBoxLayout(self.owner_group).addWidget(self.owner)

        self.submitter_differs = QCheckBox()
        self.submitter = PersonFields("submitter")
        self.submitter_group = QGroupBox()
        QVBoxLayout(self.submitter_group).addWidget(self.submitter)
        self.submitter_group.hide()

        self.documents_model = DocumentsTableModel(self)
        self.documents = DocumentsTable(self.documents_model)
        self.documents_group = QGroupBox()
        QVBoxLayout(self.documents_group).addWidget(self.documents)

        self.sets = QSpinBox()
        self.sets.setRange(1, MAX_SETS)
        self.sets_error = FieldErrorLabel()
        self.return_method = QComboBox()
        for method in (ReturnMethod.COUNTER, ReturnMethod.POST, ReturnMethod.ONLINE):
            self.return_method.addItem("", method)
        self.return_method_error = FieldErrorLabel()
        self.sets_label = QLabel()
        self.sets_label.setBuddy(self.sets)
        self.return_label = QLabel()
        self.return_label.setBuddy(self.return_method)
        self.details_group = QGroupBox()
        details = QFormLayout(self.details_group)
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        details.addRow(self.sets_label, _stack(self.sets, self.sets_error))
        details.addRow(self.return_label, _stack(self.return_method, self.return_method_error))
        # Scanned at the counter: counted as an electronic dossier in the province's reform figures.
        self.digitised = QCheckBox()
        details.addRow("", self.digitised)

        self.due = QLabel()
        self.due.setObjectName("due")
        self.due.setWordWrap(True)
        self.due.setStyleSheet("font-size: 13pt; font-weight: 600; color: #174ea6;")
        self.general_error = FieldErrorLabel()

        self.new_button = QPushButton()
        self.reopen_button = QPushButton()
        self.decline_button = QPushButton()
        for button in (self.new_button, self.reopen_button, self.decline_button):
            button.setAutoDefault(False)
        self.decline_button.setStyleSheet(
            "QPushButton { color: #a50e0e; padding: 5px 10px; }"
            " QPushButton:disabled { color: #c0c0c0; }"
        )
        self.save_button = QPushButton()
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        # The one action the officer is heading for: make it the obvious button.
        self.save_button.setStyleSheet(
            "QPushButton { font-weight: 600; padding: 7px 16px; color: white; background: #1a73e8;"
            " border: 1px solid #1558b0; border-radius: 4px; }"
            " QPushButton:focus { border: 2px solid #0b3d91; }"
            " QPushButton:disabled { background: #9bbcf0; }"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.reopen_button)
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.save_button)

        # Reading order: procedure across the top; owner on the left, documents on the right.
        left = QVBoxLayout()
        left.addWidget(self.owner_group)
        left.addWidget(self.submitter_differs)
        left.addWidget(self.submitter_group)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.documents_group, 1)
        right.addWidget(self.details_group)
        columns = QHBoxLayout()
        columns.addLayout(left, 4)
        columns.addLayout(right, 5)

        self.form = QWidget()
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.procedure_group)
        form_layout.addLayout(columns, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)

        footer = QVBoxLayout()
        footer.addWidget(self.general_error)
        footer.addWidget(self.due)
        footer.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.reopen_banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)

        self.errors = FieldErrorMap()
        self.errors.register("procedure", self.picker.edit, self.picker.error)
        self.errors.merge(self.owner.errors)
        self.errors.merge(self.submitter.errors)
        self.errors.register("documents", self.documents.view, self.documents.error)
        self.errors.register("sets", self.sets, self.sets_error)
        self.errors.register("return_method", self.return_method, self.return_method_error)

        chain = [
            self.picker.edit,
            self.owner.full_name,
            self.owner.id_kind,
            self.owner.id_number,
            self.owner.birth_date,
            self.owner.phone,
            self.owner.email,
            self.owner.address,
            self.submitter_differs,
            self.submitter.full_name,
            self.submitter.id_kind,
            self.submitter.id_number,
            self.submitter.birth_date,
            self.submitter.phone,
            self.submitter.email,
            self.submitter.address,
            self.documents.view,
            self.documents.add_button,
            self.documents.remove_button,
            self.sets,
            self.return_method,
            self.digitised,
            self.save_button,
            self.decline_button,
            self.new_button,
            self.reopen_button,
        ]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Receive a dossier"))
        self.procedure_group.setTitle(self.tr("1. Procedure"))
        self.owner_group.setTitle(self.tr("2. Dossier owner"))
        self.submitter_differs.setText(self.tr("The &submitter is not the owner (submits on their behalf)"))
        self.submitter_group.setTitle(self.tr("Submitter"))
        self.documents_group.setTitle(self.tr("3. Documents received"))
        self.details_group.setTitle(self.tr("4. Sets and result"))
        self.sets_label.setText(self.tr("Number of s&ets"))
        self.return_label.setText(self.tr("&Result returned"))
        self.return_method.setItemText(0, self.tr("At the counter"))
        self.return_method.setItemText(1, self.tr("By public post"))
        self.return_method.setItemText(2, self.tr("Online (electronic result)"))
        self.digitised.setText(self.tr("Papers &digitised (scanned): handled as an electronic dossier"))
        self.new_button.setText(self.tr("New intake (Ctrl+N)"))
        self.save_button.setText(self.tr("Save and print receipt (Ctrl+Enter)"))
        self.decline_button.setText(self.tr("Not accepted… (Ctrl+Shift+R)"))
        self.decline_button.setToolTip(self.tr(
            "The dossier is incomplete (form 02: what to supply, once) or cannot be received (form 03: refusal with reason)"
        ))
        self.reopen_button.setText(self.tr("Reopen… (Ctrl+Shift+O)"))
        self.reopen_button.setToolTip(self.tr(
            "Take up again a dossier not accepted earlier (form 02 / 03), without typing it again"
        ))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def set_submitter_visible(self, visible: bool) -> None:
        self.submitter_group.setVisible(visible)


def _stack(widget: QWidget, error: FieldErrorLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
    layout.addWidget(error)
    return box
