"""The handover screen: scan the appointment slip, see whether the result may be handed over,
record who collects it, the fees and the citizen's rating, print the hand-over receipt.

Layout only, plus the wiring to its HandoverController (handover_controller.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.ui.models.dossier_list_model import DossierListModel
from counter_app.ui.widgets.banner import MessageBanner
from counter_app.ui.widgets.field_error import FieldErrorLabel, FieldErrorMap
from counter_app.ui.widgets.pdf_preview import open_receipt_preview

# Colours of the state line: (background, text, border).
STATE_STYLES = {
    "ready": ("#e6f4ea", "#0d652d", "#34a853"),
    "problem": ("#fce8e6", "#a50e0e", "#d93025"),
    "neutral": ("#f1f3f4", "#37474f", "#dadce0"),
    "busy": ("#e8f0fe", "#174ea6", "#aecbfa"),
}
DETAIL_KEYS = ("code", "procedure", "owner", "submitter", "received", "due", "ready_at", "return_method", "fee")
MAX_FEES_DIGITS = 13


class HandoverView(QWidget):
    """Trả kết quả: the search box (a scanner types the code and Enter), the dossier and its
    state line, the collector, fees and rating, and the “Hand over” button (Ctrl+Enter).

    ``errors`` maps the field paths of services.handover ("collector.full_name",
    "collector.id_number", "collector.authorisation_note", "fees_paid", "rating") to their
    widgets and red labels. ``controller`` holds the behaviour.

    Signals:
        languageChanged(): the UI language changed (the controller rewrites its texts).
    """

    languageChanged = Signal()

    def __init__(
        self,
        services: Any,
        actor: Any,
        worker: Any,
        *,
        preview_opener: Any = open_receipt_preview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._build()
        from counter_app.ui.desk.handover_controller import HandoverController

        self.controller = HandoverController(self, services, actor, worker, preview_opener=preview_opener, parent=self)

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.banner = MessageBanner()

        # 1. The search box: where the scanner types.
        self.search = QLineEdit()
        self.search.setObjectName("handover_search")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.search.setStyleSheet("QLineEdit { font-size: 14pt; padding: 6px; }")
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.search_button = QPushButton()
        self.search_button.setAutoDefault(False)
        self.search_error = FieldErrorLabel()
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_button)

        self.results_model = DossierListModel(self)
        self.results = QTableView()
        self.results.setModel(self.results_model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setTabKeyNavigation(False)
        self.results.setAlternatingRowColors(True)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DossierListModel.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        self.results.setMaximumHeight(170)
        self.results_hint = QLabel()
        self.results_hint.setStyleSheet("color: #37474f;")
        self.results_box = QWidget()
        results_layout = QVBoxLayout(self.results_box)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.setSpacing(2)
        results_layout.addWidget(self.results_hint)
        results_layout.addWidget(self.results)
        self.results_box.hide()

        # 2. The big state line: ready (green) or what is wrong (red).
        self.state = QLabel()
        self.state.setObjectName("handover_state")
        self.state.setWordWrap(True)
        self.state.setMinimumHeight(54)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_kind = "neutral"

        # 3. The dossier.
        self.dossier_group = QGroupBox()
        details = QFormLayout(self.dossier_group)
        details.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        details.setVerticalSpacing(7)
        self.detail_labels: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        for key in DETAIL_KEYS:
            label = QLabel()
            label.setStyleSheet("color: #5f6368;")
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"detail_{key}")
            if key == "code":
                value.setStyleSheet("font-size: 13pt; font-weight: 600;")
            elif key in ("owner", "due", "ready_at"):
                value.setStyleSheet("font-weight: 600;")
            self.detail_labels[key] = label
            self.details[key] = value
            details.addRow(label, value)

        # 4. Who collects.
        self.collector_group = QGroupBox()
        self.collector_owner = QRadioButton()
        self.collector_authorised = QRadioButton()
        self.collector_owner.setChecked(True)
        self.collector_kind = QButtonGroup(self)
        self.collector_kind.addButton(self.collector_owner)
        self.collector_kind.addButton(self.collector_authorised)
        self.collector_kind_error = FieldErrorLabel()
        kinds = QHBoxLayout()
        kinds.addWidget(self.collector_owner)
        kinds.addWidget(self.collector_authorised)
        kinds.addStretch(1)
        self.collector_name = QLineEdit()
        self.collector_name.setMaxLength(100)
        self.collector_id = QLineEdit()
        self.collector_id.setMaxLength(20)
        self.collector_note = QLineEdit()
        self.collector_note.setMaxLength(300)
        self.collector_name_error = FieldErrorLabel()
        self.collector_id_error = FieldErrorLabel()
        self.collector_note_error = FieldErrorLabel()
        self.collector_name_label = QLabel()
        self.collector_name_label.setBuddy(self.collector_name)
        self.collector_id_label = QLabel()
        self.collector_id_label.setBuddy(self.collector_id)
        self.collector_note_label = QLabel()
        self.collector_note_label.setBuddy(self.collector_note)
        self.collector_hint = QLabel()
        self.collector_hint.setWordWrap(True)
        self.collector_hint.setStyleSheet("color: #5f6368;")
        collector = QFormLayout()
        collector.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        collector.addRow(self.collector_name_label, _stack(self.collector_name, self.collector_name_error))
        collector.addRow(self.collector_id_label, _stack(self.collector_id, self.collector_id_error))
        collector.addRow(self.collector_note_label, _stack(self.collector_note, self.collector_note_error))
        collector_layout = QVBoxLayout(self.collector_group)
        collector_layout.addLayout(kinds)
        collector_layout.addWidget(self.collector_kind_error)
        collector_layout.addWidget(self.collector_hint)
        collector_layout.addLayout(collector)

        # 5. Fees.
        self.fees_group = QGroupBox()
        self.fees = QLineEdit()
        self.fees.setObjectName("fees_paid")
        self.fees.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9 .,]{0,20}"), self.fees))
        self.fees.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.fees.setMaximumWidth(200)
        self.fees_unit = QLabel()
        self.fees_error = FieldErrorLabel()
        self.fees_label = QLabel()
        self.fees_label.setBuddy(self.fees)
        self.fee_note = QLineEdit()
        self.fee_note.setMaxLength(300)
        self.fee_note_label = QLabel()
        self.fee_note_label.setBuddy(self.fee_note)
        self.fee_note_error = FieldErrorLabel()
        fees_row = QWidget()
        fees_row_layout = QHBoxLayout(fees_row)
        fees_row_layout.setContentsMargins(0, 0, 0, 0)
        fees_row_layout.addWidget(self.fees)
        fees_row_layout.addWidget(self.fees_unit)
        fees_row_layout.addStretch(1)
        fees = QFormLayout(self.fees_group)
        fees.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fees.addRow(self.fees_label, _stack(fees_row, self.fees_error))
        fees.addRow(self.fee_note_label, _stack(self.fee_note, self.fee_note_error))

        # 6. Satisfaction (optional): one button per level of the site's scale.
        self.rating_group = QGroupBox()
        self.rating_buttons = QButtonGroup(self)
        self.rating_buttons.setExclusive(True)
        self.rating_none = QPushButton()
        self.rating_none.setCheckable(True)
        self.rating_none.setChecked(True)
        self.rating_none.setAutoDefault(False)
        self.rating_buttons.addButton(self.rating_none, 0)
        self.rating_row = QHBoxLayout()
        self.rating_row.addWidget(self.rating_none)
        self.rating_row.addStretch(1)
        self.rating_reason = QLineEdit()
        self.rating_reason.setMaxLength(500)
        self.rating_reason.setEnabled(False)
        self.rating_reason_label = QLabel()
        self.rating_reason_label.setBuddy(self.rating_reason)
        self.rating_error = FieldErrorLabel()
        rating = QVBoxLayout(self.rating_group)
        rating.addLayout(self.rating_row)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.rating_reason_label)
        reason_row.addWidget(self.rating_reason, 1)
        rating.addLayout(reason_row)
        rating.addWidget(self.rating_error)

        # 7. The one action.
        self.hand_over_button = QPushButton()
        self.hand_over_button.setObjectName("hand_over")
        self.hand_over_button.setAutoDefault(False)
        self.hand_over_button.setEnabled(False)
        self.hand_over_button.setMinimumHeight(44)
        self.hand_over_button.setStyleSheet(
            "QPushButton { font-size: 12pt; font-weight: 600; padding: 8px 22px; color: white; background: #188038;"
            " border: 1px solid #0d652d; border-radius: 4px; }"
            " QPushButton:focus { border: 2px solid #0b3d1f; }"
            " QPushButton:disabled { background: #b7d7c0; color: #f1f3f4; border-color: #b7d7c0; }"
        )
        self.clear_button = QPushButton()
        self.clear_button.setAutoDefault(False)
        self.general_error = FieldErrorLabel()

        left = QVBoxLayout()
        left.addWidget(self.dossier_group)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.collector_group)
        right.addWidget(self.fees_group)
        right.addWidget(self.rating_group)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.form = QWidget()
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)

        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.hand_over_button)

        top = QGridLayout()
        top.addWidget(self.search_label, 0, 0)
        top.addLayout(search_row, 1, 0)
        top.addWidget(self.search_error, 2, 0)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.results_box)
        layout.addWidget(self.state)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

        self.errors = FieldErrorMap()
        self.errors.register("collector.kind", self.collector_owner, self.collector_kind_error)
        self.errors.register("collector.full_name", self.collector_name, self.collector_name_error)
        self.errors.register("collector.id_number", self.collector_id, self.collector_id_error)
        self.errors.register("collector.authorisation_note", self.collector_note, self.collector_note_error)
        self.errors.register("collector", self.collector_owner, self.collector_kind_error)
        self.errors.register("fees_paid", self.fees, self.fees_error)
        self.errors.register("fee_note", self.fee_note, self.fee_note_error)
        # The only rating error the form can cause is the missing reason of the worst level.
        self.errors.register("rating", self.rating_reason, self.rating_error)
        self.errors.register("rating_reason", self.rating_reason, self.rating_error)

        self.hand_over_shortcuts = []
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.hand_over_shortcuts.append(shortcut)

        self.collector_kind.buttonToggled.connect(self._on_collector_kind_toggled)
        self.set_state("neutral", "")
        self._on_collector_kind_toggled(self.collector_owner, True)
        self._chain_tab_order()
        self.retranslateUi()

    def _chain_tab_order(self) -> None:
        chain = [
            self.search,
            self.search_button,
            self.results,
            self.collector_owner,
            self.collector_authorised,
            self.collector_name,
            self.collector_id,
            self.collector_note,
            self.fees,
            self.fee_note,
            self.rating_none,
            *[b for b in self.rating_buttons.buttons() if b is not self.rating_none],
            self.rating_reason,
            self.hand_over_button,
            self.clear_button,
        ]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Hand over results"))
        self.search_label.setText(self.tr("&Scan the appointment slip, or type a dossier code, ID number, phone or name, then Enter"))
        self.search.setPlaceholderText(self.tr("Dossier code, e.g. 000.00.06.H56-261126-0001"))
        self.search_button.setText(self.tr("Find (Enter)"))
        self.results_hint.setText(self.tr("Several dossiers match: choose one with the arrow keys and press Enter."))
        self.dossier_group.setTitle(self.tr("Dossier"))
        titles = {
            "code": self.tr("Dossier code"),
            "procedure": self.tr("Procedure"),
            "owner": self.tr("Owner"),
            "submitter": self.tr("Submitted by"),
            "received": self.tr("Received"),
            "due": self.tr("Due"),
            "ready_at": self.tr("Result ready"),
            "return_method": self.tr("Result returned"),
            "fee": self.tr("Fees"),
        }
        for key, text in titles.items():
            self.detail_labels[key].setText(text)
        self.collector_group.setTitle(self.tr("Collected by"))
        self.collector_owner.setText(self.tr("The &owner"))
        self.collector_authorised.setText(self.tr("An &authorised person"))
        self.collector_name_label.setText(self.tr("Full &name"))
        self.collector_id_label.setText(self.tr("&ID number"))
        self.collector_note_label.setText(self.tr("Authorisation &letter"))
        self.collector_note.setPlaceholderText(self.tr("Number and date of the letter, e.g. 15/UQ of 20/11/2026"))
        self.collector_id.setPlaceholderText(self.tr("12-digit ID or passport number"))
        self.fees_group.setTitle(self.tr("Fees"))
        self.fees_label.setText(self.tr("&Fees paid"))
        self.fees_unit.setText(self.tr("VND"))
        self.fees.setPlaceholderText(self.tr("none"))
        self.fee_note_label.setText(self.tr("Fee n&ote"))
        self.fee_note.setPlaceholderText(self.tr("e.g. paid by bank transfer, receipt no."))
        self.rating_group.setTitle(self.tr("Satisfaction (optional: ask the citizen)"))
        self.rating_none.setText(self.tr("Not rated"))
        self.rating_reason_label.setText(self.tr("Why not satisfied?"))
        self.rating_reason.setPlaceholderText(self.tr("Required when the citizen is not satisfied"))
        self.hand_over_button.setText(self.tr("Hand over the result (Ctrl+Enter)"))
        self.clear_button.setText(self.tr("Clear"))
        self._update_collector_hint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
            self.results_model.retranslate()
            self.languageChanged.emit()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The scanner types into whatever has the focus: make it the search box.
        self.search.setFocus()

    # --- helpers the controller uses ----------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def set_state(self, kind: str, text: str) -> None:
        """The big line under the search box: "ready" (green), "problem" (red), "neutral", "busy"."""
        self.state_kind = kind
        background, foreground, border = STATE_STYLES[kind]
        self.state.setStyleSheet(
            f"QLabel#handover_state {{ background: {background}; color: {foreground}; border: 2px solid {border};"
            " border-radius: 6px; padding: 8px 12px; font-size: 15pt; font-weight: 600; }"
        )
        self.state.setText(text)

    @property
    def state_text(self) -> str:
        return self.state.text()

    def set_rating_scale(self, labels: tuple[str, ...]) -> None:
        """One checkable button per level, best first; button id = the value (1 = worst)."""
        for button in list(self.rating_buttons.buttons()):
            if button is not self.rating_none:
                self.rating_buttons.removeButton(button)
                self.rating_row.removeWidget(button)
                button.deleteLater()
        count = len(labels)
        for position, label in enumerate(labels):
            value = count - position
            button = QPushButton(label)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setObjectName(f"rating_{value}")
            if value == 1:
                button.setStyleSheet("QPushButton:checked { background: #fce8e6; color: #a50e0e; font-weight: 600; }")
            else:
                button.setStyleSheet("QPushButton:checked { background: #e6f4ea; color: #0d652d; font-weight: 600; }")
            self.rating_buttons.addButton(button, value)
            self.rating_row.insertWidget(self.rating_row.count() - 1, button)
        self.rating_none.setChecked(True)
        self._chain_tab_order()

    def rating_button(self, value: int) -> QAbstractButton | None:
        return self.rating_buttons.button(value)

    def rating_value(self) -> int | None:
        value = self.rating_buttons.checkedId()
        return value if value > 0 else None

    def is_authorised(self) -> bool:
        return self.collector_authorised.isChecked()

    def _on_collector_kind_toggled(self, _button: QAbstractButton, _checked: bool) -> None:
        authorised = self.collector_authorised.isChecked()
        for widget in (self.collector_name, self.collector_id, self.collector_note):
            widget.setEnabled(authorised)
        for label in (self.collector_name_label, self.collector_id_label, self.collector_note_label):
            label.setEnabled(authorised)
        if not authorised:
            for path in ("collector.full_name", "collector.id_number", "collector.authorisation_note"):
                self.errors.clear_field(path)
        self._update_collector_hint()

    def _update_collector_hint(self) -> None:
        if self.collector_authorised.isChecked():
            self.collector_hint.setText(self.tr("Check the ID card of the person collecting and the authorisation letter."))
        else:
            self.collector_hint.setText(self.tr("Check the owner's ID card against the dossier."))


def _stack(widget: QWidget, error: FieldErrorLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    return box
