"""The full record of one dossier (an audited view): every field, its history, its control
slip, and what the officer can do with it — change its status, apologise with a new date,
withdraw it, record a hand-over between units, print its forms."""

from __future__ import annotations

import html
import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import LOCAL_TZ, to_local
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.intake import DocumentLine
from counter_app.domain.lifecycle import allowed_targets, needs_reason
from counter_app.domain.status import DossierStatus
from counter_app.services import catalog, documents, forwarding, lifecycle, search
from counter_app.ui.i18n import current_language, format_date, format_datetime
from counter_app.ui.models.documents_model import DocumentRow, DocumentsTableModel
from counter_app.ui.models.dossier_list_model import short_datetime
from counter_app.ui.models.sync_models import read_badges, show_badge
from counter_app.ui.widgets.banner import BannerKind, MessageBanner
from counter_app.ui.widgets.documents_table import DocumentsTable
from counter_app.ui.widgets.field_error import FieldErrorLabel, FieldErrorMap
from counter_app.ui.widgets.pdf_preview import open_receipt_preview

log = logging.getLogger(__name__)

S = DossierStatus
PreviewOpener = Callable[[Any, QWidget | None], None]
_Index = QModelIndex | QPersistentModelIndex

# The forms this dialog prints (documents.print_form kinds), in button order.
PRINT_FORMS = ("02", "03", "04", "05", "withdrawal", "stop", "handover")
# The slip that belongs to a status change: printed right after it.
SLIP_OF_STATUS = {S.SUPPLEMENT_REQUESTED: "02", S.REFUSED: "03", S.WITHDRAWN: "withdrawal", S.STOPPED: "stop"}
APOLOGY_STATUSES = (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT)
STATUS_COLOURS = {
    S.REFUSED: ("#fce8e6", "#a50e0e"),
    S.WITHDRAWN: ("#fce8e6", "#a50e0e"),
    S.STOPPED: ("#fce8e6", "#a50e0e"),
    S.SUPPLEMENT_REQUESTED: ("#fef0d9", "#8a4b00"),
    S.AWAITING_PAYMENT: ("#fef0d9", "#8a4b00"),
    S.RESULT_READY: ("#e6f4ea", "#0d652d"),
    S.RETURNED: ("#eceff1", "#37474f"),
}


def form_title(form: str) -> str:
    """The button text of a printable form."""
    titles = {
        "02": QCoreApplication.translate("DossierDialog", "Form 02 – request to complete"),
        "03": QCoreApplication.translate("DossierDialog", "Form 03 – refusal"),
        "04": QCoreApplication.translate("DossierDialog", "Form 04 – apology"),
        "05": QCoreApplication.translate("DossierDialog", "Form 05 – control slip"),
        "withdrawal": QCoreApplication.translate("DossierDialog", "Withdrawal slip"),
        "stop": QCoreApplication.translate("DossierDialog", "Stop notice"),
        "handover": QCoreApplication.translate("DossierDialog", "Hand-over receipt"),
    }
    return titles[form]


def event_title(kind: str) -> str:
    titles = {
        "received": QCoreApplication.translate("DossierDialog", "Received"),
        "received_online": QCoreApplication.translate("DossierDialog", "Submitted online"),
        "transition": QCoreApplication.translate("DossierDialog", "Status changed"),
        "apology": QCoreApplication.translate("DossierDialog", "Apology, new date"),
        "handoff": QCoreApplication.translate("DossierDialog", "Handed to another unit"),
        "handover": QCoreApplication.translate("DossierDialog", "Result handed over"),
    }
    return titles.get(kind, kind)


def outcome_title(outcome: str) -> str:
    titles = {
        "early": QCoreApplication.translate("DossierDialog", "early"),
        "on_time": QCoreApplication.translate("DossierDialog", "on time"),
        "late": QCoreApplication.translate("DossierDialog", "late"),
    }
    return titles.get(outcome, outcome)


def status_text(status: DossierStatus | None) -> str:
    return f"{int(status)} {status.label(current_language())}" if status is not None else ""


def local_qdatetime(value: datetime) -> QDateTime:
    local = to_local(value)
    return QDateTime(local.date(), local.time().replace(second=0, microsecond=0))


def aware_from_qdatetime(value: QDateTime) -> datetime:
    """A QDateTimeEdit's value, read as Hà Nội wall time, as an aware datetime."""
    date, time = value.date(), value.time()
    return datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(), tzinfo=LOCAL_TZ)


def offered_targets(info: Any) -> tuple[DossierStatus, ...]:
    """The statuses offered for a dossier: the legal moves, less “received” for a dossier
    already entered in the register (5 → 2 is only for online dossiers never received)."""
    targets = allowed_targets(info.status)
    if info.register_book:
        targets = tuple(t for t in targets if t is not S.RECEIVED)
    return targets


# --- a read-only table ------------------------------------------------------------------


class RowsModel(QAbstractTableModel):
    """Rows of texts under translated column titles (history, control slip, documents).

    ``titles`` is called for the column titles (so they follow the language).
    """

    def __init__(self, titles: Callable[[], Sequence[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles = titles
        self._rows: list[tuple[str, ...]] = []
        self._columns = len(titles())

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._columns

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._rows) else None
        titles = self._titles()
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._rows[index.row()][index.column()]
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 30 else None
        return None

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._rows = [tuple(str(x) for x in row) + ("",) * (self._columns - len(row)) for row in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self._columns - 1)

    def _valid(self, index: _Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < self._columns


def _table(model: QAbstractTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


# --- the small forms of the actions -------------------------------------------------------


class MissingItemsModel(DocumentsTableModel):
    """The checklist of a request to complete (form 02): the ticked rows are what is missing."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == self.COL_RECEIVED:
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("MissingItemsModel", "Missing")
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("MissingItemsModel", "Tick what the citizen must still supply (Space)")
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == self.COL_RECEIVED:
            missing = self.rows()[index.row()].received
            return QCoreApplication.translate("MissingItemsModel", "Missing") if missing else QCoreApplication.translate("MissingItemsModel", "Not missing")
        return super().data(index, role)


class ActionForm(QDialog):
    """A small form for one action: its fields, red messages next to them, OK / Cancel.

    OK does not close the form: it emits ``submitted``; the dossier dialog runs the service
    and closes the form on success, or shows the error here (nothing typed is lost).

    Signals:
        submitted(): OK was pressed.
    """

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.fields = QFormLayout()
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = FieldErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.fields)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra, 10)
        layout.addStretch(1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.errors = FieldErrorMap()
        self._busy = False
        self.retranslate_buttons()

    def retranslate_buttons(self) -> None:
        self.ok_button.setText(QCoreApplication.translate("ActionForm", "Record"))
        self.cancel_button.setText(QCoreApplication.translate("ActionForm", "Cancel"))

    def add_field(self, path: str, label: QLabel, widget: QWidget) -> FieldErrorLabel:
        error = FieldErrorLabel()
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(widget)
        box_layout.addWidget(error)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        label.setBuddy(widget)
        self.fields.addRow(label, box)
        self.errors.register(path, widget, error)
        return error

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy)

    def clear_errors(self) -> None:
        self.errors.clear()
        self.general_error.clear_message()

    def show_error(self, error: BaseException, *, field_of_code: dict[str, str] | None = None) -> None:
        """Field errors next to their fields; a domain error next to the field it is about
        (``field_of_code``: error code → field path), else under the form."""
        self.clear_errors()
        lang = current_language()
        if isinstance(error, ValidationFailed):
            self.show_field_errors(error.errors)
            return
        if isinstance(error, DomainError):
            path = (field_of_code or {}).get(error.code)
            if path is not None and self.errors.set_message(path, error.message(lang)):
                binding = self.errors.binding_for(path)
                if binding is not None:
                    binding.focus.setFocus()
                return
            self.general_error.show_message(error.message(lang))
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(error)))
        self.general_error.show_message(
            QCoreApplication.translate("DossierDialog", "Unexpected error (%1). Tell the IT administrator.").replace("%1", type(error).__name__)
        )

    def show_field_errors(self, errors: Sequence[FieldError], extra: Sequence[tuple[str, str]] = ()) -> None:
        lang = current_language()
        first, unplaced = self.errors.show(errors, lang, extra=extra)
        if unplaced:
            self.general_error.show_message("\n".join(f"{e.label(lang)}: {e.message(lang)}" for e in unplaced))
        if first is not None:
            first.setFocus()

    def _on_ok(self) -> None:
        if not self._busy:
            self.clear_errors()
            self.submitted.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_buttons()
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # pragma: no cover - overridden
        pass


class TransitionForm(ActionForm):
    """Chuyển trạng thái: the next status (only the legal ones), the reason when it needs one,
    and for “supplement requested” the list of what is missing (prefilled from the dossier)."""

    def __init__(self, info: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.target = QComboBox()
        for status in offered_targets(info):
            self.target.addItem("", int(status))
        self.target_label = QLabel()
        self.add_field("target", self.target_label, self.target)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        self.reason_label = QLabel()
        self.add_field("reason", self.reason_label, self.reason)
        self.missing_model = MissingItemsModel(self)
        self.missing_model.set_rows(
            DocumentRow(name=d.name, form=d.form, count=d.count, received=False, required=True) for d in info.documents
        )
        self.missing = DocumentsTable(self.missing_model)
        self.missing_title = QLabel()
        self.missing_title.setWordWrap(True)
        self.missing_box = QWidget()
        missing_layout = QVBoxLayout(self.missing_box)
        missing_layout.setContentsMargins(0, 0, 0, 0)
        missing_layout.addWidget(self.missing_title)
        missing_layout.addWidget(self.missing, 1)
        self.extra.addWidget(self.missing_box)
        self.errors.register("documents", self.missing.view, self.missing.error)
        self.errors.register("missing", self.missing.view, self.missing.error)
        self.target.currentIndexChanged.connect(self._on_target_changed)
        self.retranslateUi()
        self._on_target_changed()
        self.resize(720, 520)

    def chosen(self) -> DossierStatus | None:
        value = self.target.currentData()
        return S(value) if value is not None else None

    def choose(self, status: DossierStatus) -> None:
        self.target.setCurrentIndex(max(0, self.target.findData(int(status))))

    def missing_lines(self) -> tuple[DocumentLine, ...]:
        return self.missing_model.lines() if self.chosen() is S.SUPPLEMENT_REQUESTED else ()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Change the status of %1").replace("%1", self.info.code))
        self.intro.setText(
            self.tr("Now: %1. Only the statuses the dossier may move to are offered.").replace("%1", status_text(self.info.status))
        )
        self.target_label.setText(self.tr("&New status"))
        for index in range(self.target.count()):
            self.target.setItemText(index, status_text(S(self.target.itemData(index))))
        self.missing_title.setText(
            self.tr("What must the citizen supply? Tick the missing documents (Space), add others (Ctrl+Insert); "
                    "they are printed on form 02. The processing clock stops until they are brought.")
        )
        self._update_reason_label()

    def _update_reason_label(self) -> None:
        target = self.chosen()
        required = target is not None and needs_reason(self.info.status, target)
        self.reason_label.setText(self.tr("&Reason (required)") if required else self.tr("&Reason (optional)"))

    def _on_target_changed(self, *_args: object) -> None:
        self.clear_errors()
        self.missing_box.setVisible(self.chosen() is S.SUPPLEMENT_REQUESTED)
        self._update_reason_label()

    def show_error(self, error: BaseException, *, field_of_code: dict[str, str] | None = None) -> None:
        if isinstance(error, ValidationFailed):
            # "documents[2].name": the row of the checklist, in words.
            self.clear_errors()
            rows = [i for i, r in enumerate(self.missing_model.rows()) if r.received]
            extra = []
            placed = []
            lang = current_language()
            for e in error.errors:
                if e.field.startswith("documents["):
                    index = int(e.field[len("documents["):e.field.index("]")])
                    number = rows[index] + 1 if index < len(rows) else index + 1
                    extra.append(("documents", self.tr("Row %1: %2").replace("%1", str(number)).replace("%2", e.message(lang))))
                else:
                    placed.append(e)
            self.show_field_errors(placed, extra)
            return
        super().show_error(error, field_of_code={
            "transition_reason_required": "reason", "reason_too_long": "reason", "reason_required": "reason",
            "missing_items_required": "documents", "too_many": "documents",
            **(field_of_code or {}),
        })


class ApologyForm(ActionForm):
    """Xin lỗi, hẹn lại (form 04): the reason and the new return date and time."""

    def __init__(self, info: Any, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.reason_label = QLabel()
        self.add_field("reason", self.reason_label, self.reason)
        self.new_due = QDateTimeEdit()
        self.new_due.setCalendarPopup(True)
        self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
        start = max(info.due_at, now) + timedelta(days=1)
        self.new_due.setDateTime(local_qdatetime(start))
        self.new_due_label = QLabel()
        self.add_field("new_due", self.new_due_label, self.new_due)
        self.retranslateUi()
        self.resize(560, 300)

    def chosen_due(self) -> datetime:
        return aware_from_qdatetime(self.new_due.dateTime())

    def set_due(self, when: datetime) -> None:
        self.new_due.setDateTime(local_qdatetime(when))

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Apology and new return date – %1").replace("%1", self.info.code))
        self.intro.setText(
            self.tr("The result will be late. Current due date: %1. The apology (form 04) is printed for the citizen "
                    "and the new date becomes the due date.").replace("%1", format_datetime(to_local(self.info.due_at)))
        )
        self.reason_label.setText(self.tr("&Reason for the delay"))
        self.new_due_label.setText(self.tr("New &return date"))

    def show_error(self, error: BaseException, *, field_of_code: dict[str, str] | None = None) -> None:
        super().show_error(error, field_of_code={
            "reason_required": "reason", "reason_too_long": "reason",
            "new_due_not_later": "new_due", "new_due_past": "new_due", "datetime_naive": "new_due",
        })


class WithdrawForm(ActionForm):
    """Rút hồ sơ: the citizen's reason; the withdrawal slip is printed."""

    def __init__(self, info: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.reason_label = QLabel()
        self.add_field("reason", self.reason_label, self.reason)
        self.retranslateUi()
        self.resize(520, 260)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Withdraw dossier %1").replace("%1", self.info.code))
        self.intro.setText(self.tr("The citizen asks to withdraw the dossier. This cannot be undone; a withdrawal slip is printed."))
        self.reason_label.setText(self.tr("&Reason given by the citizen"))

    def show_error(self, error: BaseException, *, field_of_code: dict[str, str] | None = None) -> None:
        super().show_error(error, field_of_code={"transition_reason_required": "reason", "reason_too_long": "reason"})


class HandoffForm(ActionForm):
    """Ghi nhận bàn giao: a row of the control slip (form 05) between two units."""

    def __init__(self, info: Any, rows: Sequence[Any], officer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        # The usual next row: from where the dossier is now, back towards the reception unit
        # (or, before any row, from the reception unit to the lead agency).
        last = rows[-1] if rows else None
        reception = forwarding.RECEPTION_UNIT
        self.from_unit = QLineEdit(last.to_unit if last else reception)
        if last is None or last.to_unit == reception:
            self.to_unit = QLineEdit(info.lead_agency)
        else:
            self.to_unit = QLineEdit(reception)
        self.giver = QLineEdit(officer_name if self.from_unit.text() == reception else "")
        self.receiver = QLineEdit()
        self.note = QLineEdit()
        for widget, limit in ((self.from_unit, 300), (self.to_unit, 300), (self.giver, 100), (self.receiver, 100),
                              (self.note, 500)):
            widget.setMaxLength(limit)
        self.labels = {key: QLabel() for key in ("from_unit", "to_unit", "giver", "receiver", "note")}
        for key, widget in (("from_unit", self.from_unit), ("to_unit", self.to_unit), ("giver", self.giver),
                            ("receiver", self.receiver), ("note", self.note)):
            self.add_field(key, self.labels[key], widget)
        self.retranslateUi()
        self.resize(600, 320)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Record a hand-over – %1").replace("%1", self.info.code))
        self.intro.setText(self.tr("A row of the control slip (form 05): who handed the dossier to whom, now."))
        self.labels["from_unit"].setText(self.tr("&From unit"))
        self.labels["to_unit"].setText(self.tr("&To unit"))
        self.labels["giver"].setText(self.tr("&Handed by"))
        self.labels["receiver"].setText(self.tr("Re&ceived by"))
        self.labels["note"].setText(self.tr("&Note"))


# --- the dialog -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DossierView:
    """What the dialog shows: the record, its history and its control-slip rows."""

    info: Any
    events: tuple[Any, ...]
    handoffs: tuple[Any, ...]
    field_name: str = ""
    sync_badge: str = ""  # "pending" | "synced" | "attention" | "" (services.sync_status.badges)


class DossierDialog(QDialog):
    """Hồ sơ <code>: opened with a code; loads the full record (services.search.open_dossier,
    audited as "dossier.view") with its history and control slip, in the worker.

    ``changed`` is True once an action was recorded (the caller refreshes its list).
    ``action_form`` is the small form open for an action (for tests).

    Signals:
        loaded(object): the dossier was (re)loaded (DossierView).
        printed(object): a form was archived (PrintedDocumentInfo).
    """

    loaded = Signal(object)
    printed = Signal(object)

    def __init__(
        self,
        services: Any,
        actor: Any,
        worker: Any,
        code: str,
        *,
        preview_opener: PreviewOpener = open_receipt_preview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.code = code.strip().upper()
        self.preview_opener = preview_opener
        self.view_data: DossierView | None = None
        self.action_form: ActionForm | None = None
        self.changed = False
        self._busy = False
        self._build()
        self.retranslateUi()
        self._set_actions_enabled()
        self.reload(audited=True)

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.resize(1120, 740)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = QLabel()
        self.status_badge.setObjectName("status_badge")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet("color: #37474f; font-size: 11pt;")
        self.banner = MessageBanner()
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addWidget(self.status_badge)
        self.sync_badge = QLabel()  # sync: sent / waiting / refused by the central system
        self.sync_badge.setObjectName("sync_badge")
        self.sync_badge.hide()
        head.addWidget(self.sync_badge)
        head.addStretch(1)

        # Information tab: four groups of label/value rows.
        self.groups: dict[str, QGroupBox] = {}
        self.value_labels: dict[str, QLabel] = {}
        self.row_labels: dict[str, QLabel] = {}
        layout_of = {
            "dossier": ("procedure", "field", "channel", "return_method", "sets", "lead_agency", "received_by",
                        "register", "note"),
            "dates": ("received_at", "original_due_at", "due_at", "paused_at", "forwarded_at", "result_ready_at",
                      "returned_at"),
            "owner": ("owner.full_name", "owner.id_number", "owner.birth_date", "owner.phone", "owner.email",
                      "owner.address"),
            "submitter": ("submitter.full_name", "submitter.id_number", "submitter.birth_date", "submitter.phone",
                          "submitter.email", "submitter.address"),
        }
        for group, keys in layout_of.items():
            box = QGroupBox()
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            for key in keys:
                label = QLabel()
                label.setStyleSheet("color: #5f6368;")
                value = QLabel("—")
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setObjectName(f"value_{key}")
                self.row_labels[key] = label
                self.value_labels[key] = value
                form.addRow(label, value)
            self.groups[group] = box
        info_page = QWidget()
        grid = QGridLayout(info_page)
        grid.addWidget(self.groups["dossier"], 0, 0)
        grid.addWidget(self.groups["dates"], 0, 1)
        grid.addWidget(self.groups["owner"], 1, 0)
        grid.addWidget(self.groups["submitter"], 1, 1)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        info_scroll = QScrollArea()
        info_scroll.setWidgetResizable(True)
        info_scroll.setWidget(info_page)

        self.documents_model = RowsModel(lambda: (self.tr("Document"), self.tr("Form"), self.tr("Count")), self)
        self.documents_table = _table(self.documents_model, 0)
        self.history_model = RowsModel(lambda: (
            self.tr("Time"), self.tr("Event"), self.tr("Status"), self.tr("Reason, details"), self.tr("Officer"),
            self.tr("Due date"), self.tr("Slip no."),
        ), self)
        self.history_table = _table(self.history_model, 3)
        self.handoffs_model = RowsModel(lambda: (
            self.tr("From unit"), self.tr("To unit"), self.tr("Time"), self.tr("Handed by"), self.tr("Received by"),
            self.tr("Result"), self.tr("Note"),
        ), self)
        self.handoffs_table = _table(self.handoffs_model, 6)

        self.tabs = QTabWidget()
        self.tabs.addTab(info_scroll, "")
        self.tabs.addTab(self.documents_table, "")
        self.tabs.addTab(self.history_table, "")
        self.tabs.addTab(self.handoffs_table, "")

        # Actions and printing.
        self.transition_button = QPushButton()
        self.apology_button = QPushButton()
        self.withdraw_button = QPushButton()
        self.handoff_button = QPushButton()
        actions = QHBoxLayout()
        self.actions_label = QLabel()
        actions.addWidget(self.actions_label)
        for button in (self.transition_button, self.apology_button, self.withdraw_button, self.handoff_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        self.print_buttons: dict[str, QPushButton] = {}
        prints = QHBoxLayout()
        self.print_label = QLabel()
        prints.addWidget(self.print_label)
        for form in PRINT_FORMS:
            button = QPushButton()
            button.setAutoDefault(False)
            button.setObjectName(f"print_{form}")
            button.clicked.connect(lambda _c=False, f=form: self.print_form(f))
            self.print_buttons[form] = button
            prints.addWidget(button)
        prints.addStretch(1)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        prints.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(actions)
        layout.addLayout(prints)

        self.transition_button.clicked.connect(self.start_transition)
        self.apology_button.clicked.connect(self.start_apology)
        self.withdraw_button.clicked.connect(self.start_withdraw)
        self.handoff_button.clicked.connect(self.start_handoff)
        self.banner.actionTriggered.connect(self._on_banner_action)
        self._banner_form: str | None = None

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Dossier %1").replace("%1", self.code))
        self.groups["dossier"].setTitle(self.tr("Dossier"))
        self.groups["dates"].setTitle(self.tr("Dates"))
        self.groups["owner"].setTitle(self.tr("Owner"))
        self.groups["submitter"].setTitle(self.tr("Submitter"))
        person = {
            "full_name": self.tr("Full name"), "id_number": self.tr("ID number"), "birth_date": self.tr("Date of birth"),
            "phone": self.tr("Phone"), "email": self.tr("Email"), "address": self.tr("Address"),
        }
        texts = {
            "procedure": self.tr("Procedure"), "field": self.tr("Field"), "channel": self.tr("Submitted"),
            "return_method": self.tr("Result returned"), "sets": self.tr("Sets"), "lead_agency": self.tr("Lead agency"),
            "received_by": self.tr("Received by", "the officer who received the dossier"),
            "register": self.tr("Register"), "note": self.tr("Note"),
            "received_at": self.tr("Received", "date and time of receipt"), "original_due_at": self.tr("Original due date"),
            "due_at": self.tr("Due date in force"), "paused_at": self.tr("Waiting for supplement since"),
            "forwarded_at": self.tr("Forwarded"), "result_ready_at": self.tr("Result ready"),
            "returned_at": self.tr("Result handed over"),
            **{f"owner.{k}": v for k, v in person.items()},
            **{f"submitter.{k}": v for k, v in person.items()},
        }
        for key, text in texts.items():
            self.row_labels[key].setText(text)
        self.actions_label.setText(self.tr("Actions:"))
        self.transition_button.setText(self.tr("Change &status…"))
        self.apology_button.setText(self.tr("&Apologise, new date…"))
        self.withdraw_button.setText(self.tr("&Withdraw…"))
        self.handoff_button.setText(self.tr("Record a &hand-over…"))
        self.print_label.setText(self.tr("Print:"))
        for form, button in self.print_buttons.items():
            button.setText(form_title(form))
        self.close_button.setText(self.tr("Close"))
        for model in (self.documents_model, self.history_model, self.handoffs_model):
            model.retranslate()
        self._update_tab_titles()
        if self.view_data is not None:
            self._show(self.view_data)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(0, self.tr("Information"))
        self.tabs.setTabText(1, self.tr("Documents (%1)").replace("%1", str(self.documents_model.rowCount())))
        self.tabs.setTabText(2, self.tr("History (%1)").replace("%1", str(self.history_model.rowCount())))
        self.tabs.setTabText(3, self.tr("Control slip (%1)").replace("%1", str(self.handoffs_model.rowCount())))

    # --- loading ------------------------------------------------------------------------

    def reload(self, *, audited: bool = False) -> None:
        """Load the record (the first time through open_dossier, which is audited)."""
        svc, actor, code = self.services, self.actor, self.code

        def load() -> DossierView:
            info = search.open_dossier(svc, actor, code) if audited else search.reload_dossier(svc, actor, code)
            try:
                field_name = catalog.get_procedure(svc, info.procedure_code).field_name
            except DomainError:
                field_name = ""  # a procedure since removed from the catalog: the code is shown
            return DossierView(info, tuple(lifecycle.history(svc, code)), tuple(forwarding.handoffs(svc, code)),
                               field_name, read_badges(svc, [info.id]).get(str(info.id), ""))

        self._set_busy(True)
        self.worker.run(load, on_success=self._on_loaded, on_failure=self._on_load_failed, owner=self)

    def _on_loaded(self, data: DossierView) -> None:
        self._set_busy(False)
        self.view_data = data
        self._show(data)
        self.loaded.emit(data)

    def _on_load_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_message(BannerKind.ERROR, html.escape(
            self.tr("The dossier could not be opened: %1").replace("%1", _describe(error))
        ))

    @property
    def info(self) -> Any | None:
        return self.view_data.info if self.view_data is not None else None

    def _show(self, data: DossierView) -> None:
        d = data.info
        lang = current_language()
        self.heading.setText(d.code)
        background, foreground = STATUS_COLOURS.get(d.status, ("#e8f0fe", "#174ea6"))
        self.status_badge.setStyleSheet(
            f"QLabel#status_badge {{ background: {background}; color: {foreground}; border-radius: 4px;"
            " padding: 4px 10px; font-size: 12pt; font-weight: 600; }"
        )
        self.status_badge.setText(status_text(d.status))
        show_badge(self.sync_badge, data.sync_badge)
        self.subtitle.setText(f"{d.owner.full_name} — {d.procedure_name}")

        def when(value: datetime | None) -> str:
            return format_datetime(to_local(value)) if value is not None else "—"

        counter = self.tr(" (counter %1)").replace("%1", str(d.counter_number)) if d.counter_number else ""
        register = (self.tr("book %1, no. %2").replace("%1", d.register_book).replace("%2", str(d.register_seq))
                    if d.register_book else "—")
        values = {
            "procedure": f"{d.procedure_code} – {d.procedure_name}",
            "field": data.field_name or d.field_code or "—",
            "channel": d.channel.label(lang) + (self.tr(" (entered late from a paper receipt)") if d.late_entry else ""),
            "return_method": d.return_method.label(lang),
            "sets": str(d.sets),
            "lead_agency": d.lead_agency or "—",
            "received_by": (d.received_by or "—") + counter,
            "register": register,
            "note": d.note or "—",
            "received_at": when(d.received_at),
            "original_due_at": when(d.original_due_at or d.due_at),
            "due_at": when(d.due_at),
            "paused_at": when(d.paused_at),
            "forwarded_at": when(d.forwarded_at),
            "result_ready_at": when(d.result_ready_at),
            "returned_at": when(d.returned_at),
        }
        for prefix, person in (("owner", d.owner), ("submitter", d.submitter)):
            values.update({
                f"{prefix}.full_name": person.full_name if person else self.tr("the owner submitted in person"),
                f"{prefix}.id_number": (person.id_number or "—") if person else "—",
                f"{prefix}.birth_date": format_date(person.birth_date) if person and person.birth_date else "—",
                f"{prefix}.phone": (person.phone or "—") if person else "—",
                f"{prefix}.email": (person.email or "—") if person else "—",
                f"{prefix}.address": (person.address or "—") if person else "—",
            })
        for key, text in values.items():
            self.value_labels[key].setText(text)
        submitter_form = self.groups["submitter"].layout()
        for key in ("id_number", "birth_date", "phone", "email", "address"):
            submitter_form.setRowVisible(self.value_labels[f"submitter.{key}"], d.submitter is not None)
        moved = d.original_due_at is not None and d.original_due_at != d.due_at
        self.value_labels["due_at"].setStyleSheet("font-weight: 600;" + (" color: #b00020;" if moved else ""))

        self.documents_model.set_rows([(x.name, x.form.label(lang), str(x.count)) for x in d.documents])
        self.history_model.set_rows([self._event_row(e) for e in data.events])
        self.handoffs_model.set_rows([
            (h.from_unit, h.to_unit, short_datetime(h.at), h.giver, h.receiver, outcome_title(h.outcome), h.note)
            for h in data.handoffs
        ])
        self._update_tab_titles()
        self._set_actions_enabled()

    def _event_row(self, e: Any) -> tuple[str, ...]:
        kind = e.kind
        details = e.details or {}
        if kind == "transition" and "handover" in details:
            kind = "handover"
        moves = ""
        if e.from_status is not None or e.to_status is not None:
            moves = f"{status_text(e.from_status)} → {status_text(e.to_status)}" if e.from_status is not None else status_text(e.to_status)
        parts = [e.reason] if e.reason else []
        if details.get("missing"):
            items = "; ".join(f"{m.get('name', '')} ({m.get('count', 1)})" for m in details["missing"])
            parts.append(self.tr("Missing: %1").replace("%1", items))
        if "handover" in details:
            collected = details["handover"] or {}
            parts.append(self.tr("Collected by: %1").replace("%1", str(collected.get("collector_name", ""))))
        if kind == "handoff":
            parts.append(f"{details.get('from', '')} → {details.get('to', '')}")
        officer = e.actor_name + (self.tr(" (counter %1)").replace("%1", str(e.counter_number)) if e.counter_number else "")
        due = ""
        if e.due_before is not None and e.due_after is not None and e.due_before != e.due_after:
            due = f"{short_datetime(e.due_before)} → {short_datetime(e.due_after)}"
        elif e.due_after is not None and kind == "received":
            due = short_datetime(e.due_after)
        return (short_datetime(e.at), event_title(kind), moves, " · ".join(p for p in parts if p), officer, due, e.number)

    # --- what applies -------------------------------------------------------------------

    def applicable_forms(self) -> set[str]:
        data = self.view_data
        if data is None:
            return set()
        status = data.info.status
        reached = {e.to_status for e in data.events if e.kind == "transition"}
        forms: set[str] = set()
        # A slip exists once its step was recorded (it stays printable afterwards).
        for form, target in (("02", S.SUPPLEMENT_REQUESTED), ("03", S.REFUSED), ("withdrawal", S.WITHDRAWN),
                             ("stop", S.STOPPED)):
            if target in reached:
                forms.add(form)
        if any(e.kind == "apology" for e in data.events):
            forms.add("04")
        if status not in (S.REGISTERED_ONLINE, S.REFUSED):
            forms.add("05")
        if status is S.RETURNED:
            forms.add("handover")
        return forms

    def _set_actions_enabled(self) -> None:
        info = self.info
        ready = info is not None and not self._busy
        status = info.status if info is not None else None
        targets = offered_targets(info) if info is not None else ()
        self.transition_button.setEnabled(ready and bool(targets))
        self.apology_button.setEnabled(ready and status in APOLOGY_STATUSES)
        self.withdraw_button.setEnabled(ready and S.WITHDRAWN in targets)
        self.handoff_button.setEnabled(ready and status not in (S.REGISTERED_ONLINE, S.REFUSED))
        forms = self.applicable_forms() if ready else set()
        for form, button in self.print_buttons.items():
            button.setEnabled(form in forms)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._set_actions_enabled()

    # --- actions ------------------------------------------------------------------------

    def start_transition(self) -> TransitionForm | None:
        if self.info is None:
            return None
        form = TransitionForm(self.info, self)
        form.submitted.connect(lambda: self._submit_transition(form))
        return self._open_form(form)

    def start_apology(self) -> ApologyForm | None:
        if self.info is None:
            return None
        form = ApologyForm(self.info, self.services.now(), self)
        form.submitted.connect(lambda: self._submit_apology(form))
        return self._open_form(form)

    def start_withdraw(self) -> WithdrawForm | None:
        if self.info is None:
            return None
        form = WithdrawForm(self.info, self)
        form.submitted.connect(lambda: self._submit_withdraw(form))
        return self._open_form(form)

    def start_handoff(self) -> HandoffForm | None:
        if self.view_data is None:
            return None
        form = HandoffForm(self.info, self.view_data.handoffs, self.actor.full_name, self)
        form.submitted.connect(lambda: self._submit_handoff(form))
        return self._open_form(form)

    def _open_form(self, form: ActionForm) -> Any:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.finished.connect(lambda _r, f=form: self._on_form_closed(f))
        self.action_form = form
        form.open()
        return form

    def _on_form_closed(self, form: ActionForm) -> None:
        if self.action_form is form:
            self.action_form = None

    def _submit_transition(self, form: TransitionForm) -> None:
        target = form.chosen()
        if target is None:
            return
        reason = form.reason.toPlainText()
        missing = form.missing_lines()
        svc, actor, code = self.services, self.actor, self.code
        done = self.tr("Dossier %1 is now “%2”.").replace("%1", code).replace("%2", status_text(target))
        self._run(form, lambda: lifecycle.transition(svc, actor, code, target, reason=reason, missing=missing),
                  done, SLIP_OF_STATUS.get(target))

    def _submit_apology(self, form: ApologyForm) -> None:
        reason = form.reason.toPlainText()
        new_due = form.chosen_due()
        svc, actor, code = self.services, self.actor, self.code
        done = self.tr("Apology recorded; the new return date is %1.").replace("%1", format_datetime(to_local(new_due)))
        self._run(form, lambda: lifecycle.apologise(svc, actor, code, reason=reason, new_due=new_due), done, "04")

    def _submit_withdraw(self, form: WithdrawForm) -> None:
        reason = form.reason.toPlainText()
        svc, actor, code = self.services, self.actor, self.code
        done = self.tr("Dossier %1 is withdrawn.").replace("%1", code)
        self._run(form, lambda: lifecycle.withdraw(svc, actor, code, reason=reason), done, "withdrawal")

    def _submit_handoff(self, form: HandoffForm) -> None:
        values = {key: getattr(form, key).text() for key in ("from_unit", "to_unit", "giver", "receiver", "note")}
        svc, actor, code = self.services, self.actor, self.code
        done = self.tr("Hand-over to %1 recorded on the control slip.").replace("%1", values["to_unit"].strip())
        self._run(form, lambda: forwarding.record_handoff(svc, actor, code, **values), done, None)

    def _run(self, form: ActionForm, call: Callable[[], Any], done: str, slip: str | None) -> None:
        form.set_busy(True)

        def succeeded(_result: Any) -> None:
            self.changed = True
            if shiboken6.isValid(form):
                form.set_busy(False)
                form.accept()
            self.banner.show_message(BannerKind.SUCCESS, html.escape(done))
            self.reload()
            if slip is not None:
                self.print_form(slip, lead=done)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(form) and form.isVisible():
                form.set_busy(False)
                form.show_error(error)
            else:
                self.banner.show_message(BannerKind.ERROR, html.escape(_describe(error)))

        self.worker.run(call, on_success=succeeded, on_failure=failed, owner=self)

    # --- printing -----------------------------------------------------------------------

    def print_form(self, form: str, *, lead: str = "") -> None:
        """Print a form of this dossier (archived with its SHA-256), then show the preview."""
        svc, actor, code = self.services, self.actor, self.code
        self.worker.run(
            lambda: documents.print_form(svc, actor, form, code),
            on_success=lambda printed: self._on_printed(form, printed, lead),
            on_failure=lambda error: self._on_print_failed(form, error, lead),
            owner=self,
        )

    def _on_printed(self, form: str, printed: Any, lead: str) -> None:
        text = self.tr("%1 is ready to print.").replace("%1", form_title(form))
        self._banner_form = form
        self.banner.show_message(BannerKind.SUCCESS, html.escape(f"{lead} {text}".strip()), action=self.tr("Print again"))
        self.printed.emit(printed)
        self.preview_opener(printed, self)

    def _on_print_failed(self, form: str, error: BaseException, lead: str) -> None:
        text = self.tr("%1 could not be printed: %2").replace("%1", form_title(form)).replace("%2", _describe(error))
        self._banner_form = form
        self.banner.show_message(BannerKind.ERROR, html.escape(f"{lead} {text}".strip()), action=self.tr("Print again"))

    def _on_banner_action(self) -> None:
        if self._banner_form is not None:
            self.print_form(self._banner_form)


def _describe(error: BaseException) -> str:
    if isinstance(error, DomainError):
        return error.message(current_language())
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(error)))
    return QCoreApplication.translate("DossierDialog", "unexpected error (%1). Tell the IT administrator.").replace(
        "%1", type(error).__name__
    )
