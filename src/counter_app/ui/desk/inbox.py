"""The online-dossier inbox: dossiers submitted on the portal, waiting at the desk (status 1),
oldest first. The officer checks the documents and accepts (receipt printed), asks for
supplements (form 02) or refuses (form 03)."""

from __future__ import annotations

import html
import logging
import re
import traceback
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QTimer, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.domain.intake import DocumentForm, DocumentLine
from counter_app.services import documents, inbox
from counter_app.ui.desk.decline_dialog import MissingRow, SlipItemsModel
from counter_app.ui.desk.dossier_dialog import DossierDialog
from counter_app.ui.i18n import current_language, format_datetime
from counter_app.ui.models.sync_models import CheckedDocumentsModel, InboxModel, age_text
from counter_app.ui.widgets.banner import BannerKind, MessageBanner
from counter_app.ui.widgets.documents_table import CountDelegate, FormDelegate
from counter_app.ui.widgets.field_error import FieldErrorLabel
from counter_app.ui.widgets.pdf_preview import open_receipt_preview

log = logging.getLogger(__name__)

PreviewOpener = Callable[[Any, QWidget | None], None]
SUPPLEMENT, REFUSAL = "supplement", "refusal"
FORM_OF_KIND = {SUPPLEMENT: "02", REFUSAL: "03"}
SAFETY_REFRESH_MS = 30_000
TOPICS = frozenset({"dossier", "sync"})
_ITEM_FIELD = re.compile(r"^(?:documents|missing)\[(\d+)\]")
_REASON_CODES = {"reason_required", "reason_too_long", "transition_reason_required"}
_ITEMS_CODES = {"missing_items_required", "too_many"}


def _describe(error: BaseException) -> str:
    if isinstance(error, DomainError):
        return error.message(current_language())
    if isinstance(error, ValidationFailed):
        lang = current_language()
        return " ".join(e.message(lang) for e in error.errors)
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(error)))
    return QCoreApplication.translate("InboxView", "unexpected error (%1). Tell the IT administrator.").replace(
        "%1", type(error).__name__)


# --- form 02 / 03 for an online dossier ----------------------------------------------------------


class OnlineSlipDialog(QDialog):
    """Request to complete (form 02: what is missing, and the reason and guidance) or refusal
    (form 03: the reason, required) of one online dossier.

    "Record and print" emits ``submitted``; the dialog stays open and busy until the inbox
    calls :meth:`finish` or :meth:`show_error`. Esc only hides it: the inbox keeps it, so
    opening it again for the same dossier shows what was typed.

    Signals:
        submitted(str, str, object): kind ("supplement" | "refusal"), reason, tuple of DocumentLine.
    """

    submitted = Signal(str, str, object)

    def __init__(self, kind: str, item: Any, missing: Iterable[DocumentLine] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.item = item
        self._busy = False
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.items_model = SlipItemsModel(
            (MissingRow(line.name, DocumentForm(line.form), line.count) for line in missing), self)
        self.items = QTableView()
        self.items.setModel(self.items_model)
        self.items.setTabKeyNavigation(False)
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.items.setItemDelegateForColumn(SlipItemsModel.COL_FORM, FormDelegate(self.items))
        self.items.setItemDelegateForColumn(SlipItemsModel.COL_COUNT, CountDelegate(self.items))
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SlipItemsModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.items.setMinimumHeight(130)
        self.items_label = QLabel()
        self.items_label.setWordWrap(True)
        self.items_label.setBuddy(self.items)
        self.items_error = FieldErrorLabel()
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        item_buttons = QHBoxLayout()
        item_buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            item_buttons.addWidget(button)
        item_buttons.addStretch(1)
        self.items_box = QWidget()
        items_layout = QVBoxLayout(self.items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addWidget(self.items_label)
        items_layout.addWidget(self.items, 1)
        items_layout.addWidget(self.items_error)
        items_layout.addLayout(item_buttons)
        self.items_box.setVisible(kind == SUPPLEMENT)

        self.reason_label = QLabel()
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(80)
        self.reason_label.setBuddy(self.reason)
        self.reason_error = FieldErrorLabel()
        self.error = FieldErrorLabel()
        self.ok_button = QPushButton()
        self.ok_button.setObjectName("slip_ok")
        self.ok_button.setAutoDefault(False)
        colour = "#b3261e" if kind == REFUSAL else "#8a4b00"
        self.ok_button.setStyleSheet(
            f"QPushButton#slip_ok {{ font-weight: 600; padding: 6px 14px; color: white; background: {colour};"
            " border-radius: 4px; } QPushButton#slip_ok:disabled { background: #bdbdbd; }")
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.items_box, 1)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.reason_error)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.reason.textChanged.connect(self.reason_error.clear_message)
        for signal in (self.items_model.dataChanged, self.items_model.rowsInserted, self.items_model.rowsRemoved):
            signal.connect(self.items_error.clear_message)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.submit)
        for keys, slot in (("Ctrl+Insert", self.add_item), ("Ctrl+Delete", self.remove_item)):
            shortcut = QShortcut(QKeySequence(keys), self.items_box)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.retranslateUi()
        self.resize(700, 520 if kind == SUPPLEMENT else 320)

    def retranslateUi(self) -> None:
        code, owner = html.escape(self.item.code), html.escape(self.item.owner_name)
        if self.kind == SUPPLEMENT:
            self.setWindowTitle(self.tr("Request to complete – %1").replace("%1", self.item.code))
            intro = self.tr("Online dossier %1 of %2: tell the citizen, once, everything to supply or complete (form 02).")
            self.reason_label.setText(self.tr("Reason and &guidance (required, printed on form 02)"))
            self.reason.setPlaceholderText(self.tr("e.g. The scanned birth certificate cannot be read; send a clear copy."))
            self.ok_button.setText(self.tr("Record and &print form 02 (Ctrl+Enter)"))
        else:
            self.setWindowTitle(self.tr("Refuse – %1").replace("%1", self.item.code))
            intro = self.tr("Online dossier %1 of %2 is refused (form 03). The reason is required and printed on the form.")
            self.reason_label.setText(self.tr("&Reason for refusal (required, printed on form 03)"))
            self.reason.setPlaceholderText(self.tr("e.g. The procedure is handled by the district People's Committee."))
            self.ok_button.setText(self.tr("Record and &print form 03 (Ctrl+Enter)"))
        self.intro.setText(html.escape(intro).replace("%1", f"<b>{code}</b>").replace("%2", f"<b>{owner}</b>"))
        self.items_label.setText(self.tr("&Documents to supply or complete (prefilled with those not ticked as checked)"))
        self.add_button.setText(self.tr("Add &line"))
        self.remove_button.setText(self.tr("Remove line"))
        self.add_button.setToolTip(self.tr("Add a line (Ctrl+Insert)"))
        self.remove_button.setToolTip(self.tr("Remove the selected line (Ctrl+Delete)"))
        self.cancel_button.setText(self.tr("Back to the inbox"))
        self.cancel_button.setToolTip(self.tr("Esc: nothing is lost; open this window again to go on"))
        self.items_model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- values and commands --------------------------------------------------------------

    def reason_text(self) -> str:
        return self.reason.toPlainText()

    def missing_lines(self) -> tuple[DocumentLine, ...]:
        return self.items_model.lines() if self.kind == SUPPLEMENT else ()

    def add_item(self) -> None:
        if self.kind != SUPPLEMENT or self._busy:
            return
        row = self.items_model.rowCount()
        self.items_model.insertRows(row, 1)
        index = self.items_model.index(row, SlipItemsModel.COL_NAME)
        self.items.setFocus()
        self.items.setCurrentIndex(index)
        self.items.edit(index)

    def remove_item(self) -> None:
        current = self.items.currentIndex()
        if current.isValid() and not self._busy:
            self.items_model.removeRows(current.row(), 1)

    def submit(self) -> None:
        if self._busy:
            return
        if self.items.state() == QAbstractItemView.State.EditingState:
            self.items.setFocus()  # the open editor commits what is shown
        self.clear_errors()
        self.submitted.emit(self.kind, self.reason_text(), self.missing_lines())

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.ok_button, self.items_box, self.reason):
            widget.setEnabled(not busy)

    @property
    def busy(self) -> bool:
        return self._busy

    def finish(self) -> None:
        self.set_busy(False)
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def clear_errors(self) -> None:
        for label in (self.items_error, self.reason_error, self.error):
            label.clear_message()

    def show_error(self, error: BaseException) -> None:
        """The message next to what it is about; focus there. Nothing typed is cleared."""
        self.set_busy(False)
        lang = current_language()
        if isinstance(error, ValidationFailed):
            items, general = [], []
            for e in error.errors:
                match = _ITEM_FIELD.match(e.field)
                if match is not None:
                    items.append(self.tr("Line %1: %2").replace("%1", str(int(match.group(1)) + 1))
                                 .replace("%2", e.message(lang)))
                elif e.field == "reason":
                    self.reason_error.show_message(e.message(lang))
                else:
                    general.append(e.message(lang))
            if items:
                self.items_error.show_message("\n".join(items))
                self.items.setFocus()
            if general:
                self.error.show_message("\n".join(general))
            return
        if isinstance(error, DomainError) and error.code in _REASON_CODES:
            self.reason_error.show_message(error.message(lang))
            self.reason.setFocus()
            return
        if isinstance(error, DomainError) and error.code in _ITEMS_CODES and self.kind == SUPPLEMENT:
            self.items_error.show_message(error.message(lang))
            self.items.setFocus()
            return
        self.error.show_message(self.tr("Nothing was recorded: %1").replace("%1", _describe(error)))


# --- the inbox tab ---------------------------------------------------------------------------------


class InboxView(QWidget):
    """Hồ sơ trực tuyến: the online dossiers waiting (table, oldest first) and the one chosen
    (its documents to tick as checked, and the three answers).

    Ctrl+Enter accepts the chosen dossier and prints its receipt. The list follows the
    change feed (``follow``) and reads itself again every 30 s.

    Signals:
        countChanged(int): how many online dossiers wait (for the tab's title).
        loaded(list): the list was read (OnlineDossierInfo).
        accepted(object): a dossier was accepted (DossierInfo).
        declined(object): form 02 / 03 recorded (DossierInfo).
        printed(object): a receipt or form was archived (PrintedDocumentInfo).
        dossierOpened(object): the full dossier was opened (DossierDialog).
    """

    countChanged = Signal(int)
    loaded = Signal(list)
    accepted = Signal(object)
    declined = Signal(object)
    printed = Signal(object)
    dossierOpened = Signal(object)

    def __init__(
        self,
        services: Any,
        actor: Any,
        worker: Any,
        *,
        preview_opener: PreviewOpener = open_receipt_preview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.preview_opener = preview_opener
        self.slip_dialog: OnlineSlipDialog | None = None
        self.dossier_dialog: DossierDialog | None = None
        self.count = -1
        self._answered = False
        self._loading = False
        self._load_again = False
        self._busy = False
        self._shown_code: str | None = None
        self._checks: dict[str, tuple[bool, ...]] = {}  # what was ticked, per dossier (kept across reloads)
        self._last_print: tuple[str, str] | None = None  # (form, code) for "Print again"
        self._confirming = False
        self._lead = ""  # what the banner says before "ready to print"
        self._tick_hint = False  # the banner asks to tick the documents (hidden once some are)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #37474f;")
        self.banner = MessageBanner()

        self.model = InboxModel(self)
        self.table = QTableView()
        self.table.setObjectName("inbox_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(InboxModel.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("inbox_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #5f6368; font-size: 12pt;")
        self.empty_label.hide()

        # The chosen dossier.
        self.heading = QLabel()
        self.heading.setObjectName("inbox_heading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setWordWrap(True)
        self.value_labels: dict[str, QLabel] = {}
        self.row_labels: dict[str, QLabel] = {}
        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key in ("owner", "submitted", "note"):
            label, value = QLabel(), QLabel("—")
            label.setStyleSheet("color: #5f6368;")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"inbox_{key}")
            self.row_labels[key], self.value_labels[key] = label, value
            facts.addRow(label, value)
        self.documents_model = CheckedDocumentsModel(self)
        self.documents = QTableView()
        self.documents.setObjectName("inbox_documents")
        self.documents.setModel(self.documents_model)
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents.setTabKeyNavigation(False)
        self.documents.setWordWrap(True)
        doc_header = self.documents.horizontalHeader()
        doc_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        doc_header.setSectionResizeMode(CheckedDocumentsModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.documents.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.documents_label = QLabel()
        self.documents_label.setBuddy(self.documents)
        self.check_all_button = QPushButton()
        self.check_all_button.setAutoDefault(False)
        self.checked_count = QLabel()
        self.checked_count.setStyleSheet("color: #37474f;")
        doc_row = QHBoxLayout()
        doc_row.addWidget(self.documents_label, 1)
        doc_row.addWidget(self.checked_count)
        doc_row.addWidget(self.check_all_button)

        self.accept_button = QPushButton()
        self.accept_button.setObjectName("inbox_accept")
        self.accept_button.setAutoDefault(False)
        self.accept_button.setStyleSheet(
            "QPushButton#inbox_accept { font-weight: 600; padding: 6px 14px; color: white; background: #188038;"
            " border-radius: 4px; } QPushButton#inbox_accept:disabled { background: #a8dab5; }")
        self.supplement_button = QPushButton()
        self.refuse_button = QPushButton()
        self.open_button = QPushButton()
        actions = QHBoxLayout()
        actions.addWidget(self.accept_button)
        for button in (self.supplement_button, self.refuse_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        self.open_button.setAutoDefault(False)
        actions.addWidget(self.open_button)

        # Accepting with documents not ticked asks first, here (nothing modal).
        self.confirm_box = QFrame()
        self.confirm_box.setObjectName("inbox_confirm")
        self.confirm_box.setStyleSheet(
            "QFrame#inbox_confirm { background: #fef7e0; border: 1px solid #f9cc6b; border-radius: 4px; }")
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_accept_button = QPushButton()
        self.confirm_back_button = QPushButton()
        for button in (self.confirm_accept_button, self.confirm_back_button):
            button.setAutoDefault(False)
        confirm_layout = QHBoxLayout(self.confirm_box)
        confirm_layout.addWidget(self.confirm_text, 1)
        confirm_layout.addWidget(self.confirm_back_button)
        confirm_layout.addWidget(self.confirm_accept_button)
        self.confirm_box.hide()

        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addLayout(facts)
        detail_layout.addLayout(doc_row)
        detail_layout.addWidget(self.documents, 1)
        detail_layout.addWidget(self.confirm_box)
        detail_layout.addLayout(actions)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.empty_label, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_dossier())
        self.documents_model.dataChanged.connect(self._on_checks_changed)
        self.check_all_button.clicked.connect(self.check_all)
        self.accept_button.clicked.connect(lambda: self.accept_current())
        self.supplement_button.clicked.connect(lambda: self.start_slip(SUPPLEMENT))
        self.refuse_button.clicked.connect(lambda: self.start_slip(REFUSAL))
        self.open_button.clicked.connect(self.open_dossier)
        self.confirm_accept_button.clicked.connect(lambda: self.accept_current(confirmed=True))
        self.confirm_back_button.clicked.connect(self._cancel_confirm)
        self.banner.actionTriggered.connect(self._on_banner_action)
        # On the list and the chosen dossier only: the form 02 / 03 window (a child of this view)
        # has its own Ctrl+Enter.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.splitter)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda: self.accept_current())

        self._safety = QTimer(self)
        self._safety.setInterval(SAFETY_REFRESH_MS)
        self._safety.timeout.connect(self.reload)
        self._safety.start()

        self.retranslateUi()
        self._show_current()
        self.reload()

    # --- language ---------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Dossiers submitted online"))
        self.intro.setText(self.tr(
            "Oldest first. Check each document the citizen sent and tick it, then accept the dossier "
            "(the receipt is printed), ask for what is missing (form 02) or refuse it (form 03)."
        ))
        self.empty_label.setText(self.tr("No online dossier is waiting."))
        self.row_labels["owner"].setText(self.tr("Owner"))
        self.row_labels["submitted"].setText(self.tr("Submitted"))
        self.row_labels["note"].setText(self.tr("Citizen's note"))
        self.documents_label.setText(self.tr("D&ocuments sent (tick those you checked: Space)"))
        self.check_all_button.setText(self.tr("Tick &all"))
        self.accept_button.setText(self.tr("A&ccept and print the receipt (Ctrl+Enter)"))
        self.supplement_button.setText(self.tr("Ask to co&mplete (form 02)…"))
        self.refuse_button.setText(self.tr("&Refuse (form 03)…"))
        self.open_button.setText(self.tr("See the &full dossier"))
        self.confirm_back_button.setText(self.tr("Back"))
        self.confirm_accept_button.setText(self.tr("Accept anyway"))
        self.model.retranslate()
        self.documents_model.retranslate()
        self._show_current()
        if self._confirming:
            self._update_confirm_text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- following the database -------------------------------------------------------

    def follow(self, live: Any) -> None:
        """Read the list again when dossiers change (``live``: ui.live.LiveUpdates)."""
        live.changed.connect(self._on_live_changed)

    def _on_live_changed(self, topics: Any) -> None:
        if not topics or TOPICS & set(topics):
            self.reload()

    def stop(self) -> None:
        self._safety.stop()

    def reload(self) -> None:
        """Read the waiting online dossiers (one read at a time; a change meanwhile reads again)."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        self._load_again = False
        svc, actor = self.services, self.actor
        self.worker.run(lambda: inbox.online_inbox(svc, actor), on_success=self._on_loaded,
                        on_failure=self._on_load_failed, owner=self)

    def _on_loaded(self, items: list[Any]) -> None:
        self._loading = False
        self._answered = True
        self._remember_checks()
        current = self.current_code()
        self.model.set_items(items)
        codes = {i.code for i in items}
        self._checks = {code: checks for code, checks in self._checks.items() if code in codes}
        row = self.model.row_of(current) if current else None
        if row is None and items:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self.table.setVisible(bool(items))
        self.empty_label.setVisible(not items)
        self._show_current()
        if len(items) != self.count:
            self.count = len(items)
            self.countChanged.emit(self.count)
        self.loaded.emit(items)
        if self._load_again:
            self.reload()

    def _on_load_failed(self, error: BaseException) -> None:
        self._loading = False
        self.banner.show_message(BannerKind.ERROR, html.escape(
            self.tr("The list of online dossiers could not be read: %1").replace("%1", _describe(error))))
        if self._load_again:
            self.reload()

    # --- the chosen dossier -----------------------------------------------------------

    def current_item(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def current_code(self) -> str | None:
        item = self.current_item()
        return item.code if item is not None else None

    def select(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def focus_list(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._remember_checks()
        self._cancel_confirm()
        self._show_current()

    def _remember_checks(self) -> None:
        if self._shown_code is not None:
            rows = range(self.documents_model.rowCount())
            self._checks[self._shown_code] = tuple(
                self.documents_model.data(self.documents_model.index(r, 0), Qt.ItemDataRole.CheckStateRole)
                == Qt.CheckState.Checked for r in rows)

    def _show_current(self) -> None:
        item = self.current_item()
        self.detail.setEnabled(item is not None)
        if item is None:
            self._shown_code = None
            self.heading.setText(self.tr("Choose a dossier in the list") if self.model.rowCount() else "")
            for value in self.value_labels.values():
                value.setText("—")
            self.documents_model.set_lines(())
            self._update_buttons()
            return
        if item.code != self._shown_code:
            self.documents_model.set_lines(item.documents)
            for row, checked in enumerate(self._checks.get(item.code, ())):
                if row < self.documents_model.rowCount():
                    self.documents_model.setData(self.documents_model.index(row, 0),
                                                 Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
                                                 Qt.ItemDataRole.CheckStateRole)
            self._shown_code = item.code
        self.heading.setText(f"{item.code} — {item.procedure_name}")
        self.value_labels["owner"].setText(f"{item.owner_name} ({item.owner_id_masked})")
        self.value_labels["submitted"].setText(
            self.tr("%1 — waiting %2").replace("%1", format_datetime(to_local(item.submitted_at)))
            .replace("%2", age_text(item.waiting_hours)))
        self.value_labels["note"].setText(item.note or "—")
        self._update_buttons()

    def _on_checks_changed(self, *_args: object) -> None:
        if self._tick_hint and self.documents_model.checked_lines():
            self._tick_hint = False
            self.banner.hide()  # done what it asked
        if self._confirming:
            self._update_confirm_text()
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current_item() is not None and not self._busy
        for button in (self.accept_button, self.supplement_button, self.refuse_button, self.open_button,
                       self.check_all_button):
            button.setEnabled(has)
        total = self.documents_model.rowCount()
        checked = len(self.documents_model.checked_lines())
        self.checked_count.setText(self.tr("Checked: %1 of %2").replace("%1", str(checked)).replace("%2", str(total))
                                   if total else "")

    def check_all(self) -> None:
        self.documents_model.set_all_checked(True)

    # --- accept -------------------------------------------------------------------------

    def accept_current(self, confirmed: bool = False) -> bool:
        """Tiếp nhận: 1 → 2, then print the receipt. Documents not ticked ask first."""
        item = self.current_item()
        if item is None or self._busy:
            return False
        total = self.documents_model.rowCount()
        checked = self.documents_model.checked_lines()
        if total and not checked:
            self._tick_hint = True
            self.banner.show_message(BannerKind.ERROR, html.escape(self.tr(
                "Tick the documents you checked (Space, or “Tick all”), then accept. If papers are missing, "
                "ask to complete (form 02).")))
            self.documents.setFocus()
            return False
        if total and len(checked) < total and not confirmed:
            self._confirming = True
            self._update_confirm_text()
            self.confirm_box.show()
            self.confirm_back_button.setFocus()
            return False
        self._cancel_confirm()
        # All ticked: the documents as submitted; some left out: only those checked are recorded.
        chosen = None if len(checked) == total else checked
        svc, actor, code = self.services, self.actor, item.code
        self._set_busy(True)
        self._tick_hint = False
        self.banner.show_message(BannerKind.INFO, html.escape(self.tr("Accepting dossier %1…").replace("%1", code)))
        self.worker.run(lambda: inbox.accept_online(svc, actor, code, documents=chosen),
                        on_success=self._on_accepted, on_failure=lambda error: self._on_failed(code, error),
                        owner=self)
        return True

    def _update_confirm_text(self) -> None:
        total = self.documents_model.rowCount()
        unchecked = total - len(self.documents_model.checked_lines())
        self.confirm_text.setText(self.tr(
            "%1 of %2 documents are not ticked. Accepting records only the ticked ones; if papers are missing, "
            "ask to complete instead (form 02)."
        ).replace("%1", str(unchecked)).replace("%2", str(total)))

    def _cancel_confirm(self) -> None:
        self._confirming = False
        self.confirm_box.hide()

    def _on_accepted(self, info: Any) -> None:
        self._set_busy(False)
        self._checks.pop(info.code, None)
        self.accepted.emit(info)
        self._lead = self._accepted_html(info)
        self.banner.show_message(BannerKind.SUCCESS, self._lead + " " + html.escape(self.tr("Printing the receipt…")))
        self.reload()
        self._print("01", info.code)

    def _accepted_html(self, info: Any) -> str:
        return html.escape(self.tr("Dossier %1 accepted for %2; result due %3.")).replace(
            "%1", f"<b style='font-size:12pt'>{html.escape(info.code)}</b>").replace(
            "%2", html.escape(info.owner.full_name)).replace("%3", html.escape(format_datetime(to_local(info.due_at))))

    # --- form 02 / 03 ---------------------------------------------------------------------

    def start_slip(self, kind: str) -> OnlineSlipDialog | None:
        """Open form 02 (prefilled with the documents not ticked) or form 03 for the chosen dossier."""
        item = self.current_item()
        if item is None or self._busy:
            return None
        dialog = self.slip_dialog
        if dialog is None or dialog.kind != kind or dialog.item.code != item.code:
            self._drop_slip_dialog()
            dialog = OnlineSlipDialog(kind, item, self.documents_model.unchecked_lines(), parent=self)
            dialog.submitted.connect(self._on_slip_submitted)
            self.slip_dialog = dialog
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()  # opened again after Esc: the keyboard goes to it
        (dialog.items if kind == SUPPLEMENT and dialog.items_model.rowCount() == 0 else dialog.reason).setFocus()
        return dialog

    def _drop_slip_dialog(self) -> None:
        dialog, self.slip_dialog = self.slip_dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.hide()
            dialog.deleteLater()

    def _on_slip_submitted(self, kind: str, reason: str, missing: Any) -> None:
        dialog = self.slip_dialog
        if dialog is None or self._busy:
            return
        code, svc, actor, items = dialog.item.code, self.services, self.actor, tuple(missing)
        dialog.set_busy(True)
        self._set_busy(True)
        if kind == SUPPLEMENT:
            call = lambda: inbox.request_supplement_online(svc, actor, code, missing=items, reason=reason)  # noqa: E731
        else:
            call = lambda: inbox.refuse_online(svc, actor, code, reason=reason)  # noqa: E731
        self.worker.run(call, on_success=lambda info: self._on_slip_recorded(kind, info),
                        on_failure=lambda error: self._on_slip_failed(code, error), owner=self)

    def _on_slip_recorded(self, kind: str, info: Any) -> None:
        self._set_busy(False)
        dialog, self.slip_dialog = self.slip_dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.finish()
            dialog.deleteLater()
        self._checks.pop(info.code, None)
        self.declined.emit(info)
        if kind == SUPPLEMENT:
            text = self.tr("Dossier %1: request to complete recorded (form 02); the processing clock is stopped.")
        else:
            text = self.tr("Dossier %1 refused (form 03).")
        self._lead = html.escape(text).replace("%1", f"<b style='font-size:12pt'>{html.escape(info.code)}</b>")
        self.banner.show_message(BannerKind.SUCCESS, self._lead + " " + html.escape(self.tr("Printing the form…")))
        self.reload()
        self._print(FORM_OF_KIND[kind], info.code)

    def _on_slip_failed(self, code: str, error: BaseException) -> None:
        self._set_busy(False)
        dialog = self.slip_dialog
        if dialog is not None and shiboken6.isValid(dialog):
            if not dialog.isVisible():
                dialog.open()
            dialog.show_error(error)
        else:
            self._on_failed(code, error)
        if isinstance(error, DomainError) and error.code == "online_dossier_not_waiting":
            self.reload()

    def _on_failed(self, code: str, error: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_message(BannerKind.ERROR, html.escape(
            self.tr("Dossier %1: nothing was recorded. %2").replace("%1", code).replace("%2", _describe(error))))
        if isinstance(error, DomainError) and error.code == "online_dossier_not_waiting":
            self.reload()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    # --- printing -------------------------------------------------------------------------

    def _print(self, form: str, code: str) -> None:
        self._last_print = (form, code)
        svc, actor = self.services, self.actor
        call = (lambda: documents.print_receipt(svc, actor, code)) if form == "01" else (
            lambda: documents.print_form(svc, actor, form, code))
        self.worker.run(call, on_success=lambda printed: self._on_printed(form, printed),
                        on_failure=lambda error: self._on_print_failed(form, code, error), owner=self)

    def _form_name(self, form: str) -> str:
        return {"01": self.tr("The receipt"), "02": self.tr("Form 02"), "03": self.tr("Form 03")}[form]

    def _on_printed(self, form: str, printed: Any) -> None:
        lead = self._lead
        text = self.tr("%1 is ready to print.").replace("%1", self._form_name(form))
        self.banner.show_message(BannerKind.SUCCESS, f"{lead} {html.escape(text)}".strip(), action=self.tr("Print again"))
        self.printed.emit(printed)
        focus = self.focusWidget()
        self.preview_opener(printed, self.window())
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus()
        else:
            self.focus_list()

    def _on_print_failed(self, form: str, code: str, error: BaseException) -> None:
        log.error("%s of %s not printed: %s", form, code, error)
        text = self.tr("%1 of dossier %2 is recorded, but could not be printed: %3 Press “Print again”.").replace(
            "%1", self._form_name(form)).replace("%2", code).replace("%3", _describe(error))
        self.banner.show_message(BannerKind.ERROR, html.escape(text), action=self.tr("Print again"))

    def _on_banner_action(self) -> None:
        if self._last_print is not None:
            self._print(*self._last_print)

    # --- the full dossier -------------------------------------------------------------------

    def open_dossier(self) -> DossierDialog | None:
        """The full record (an audited view) of the chosen dossier."""
        code = self.current_code()
        if code is None:
            return None
        if self.dossier_dialog is not None and shiboken6.isValid(self.dossier_dialog):
            self.dossier_dialog.close()
        dialog = DossierDialog(self.services, self.actor, self.worker, code, preview_opener=self.preview_opener,
                               parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._on_dossier_closed(d))
        self.dossier_dialog = dialog
        dialog.open()
        self.dossierOpened.emit(dialog)
        return dialog

    def _on_dossier_closed(self, dialog: DossierDialog) -> None:
        if self.dossier_dialog is dialog:
            self.dossier_dialog = None
        self.reload()

