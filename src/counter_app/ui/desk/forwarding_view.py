"""Forwarding received dossiers to their resolving agency: the hand-over list and control slips (form 05).

The officer picks an agency, ticks the dossiers handed over, names the person receiving
them and presses Ctrl+Enter: each dossier moves to "Đang xử lý" (status 4) with the first
row of its control slip, the numbered hand-over list is printed (preview), and the control
slips are ready to print from "Print control slips".
"""

from __future__ import annotations

import html
import io
import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.services import documents, forwarding
from counter_app.ui.i18n import current_language
from counter_app.ui.models.forward_model import ANY_AGENCY, NO_AGENCY, ForwardTableModel
from counter_app.ui.widgets.banner import BannerKind, MessageBanner
from counter_app.ui.widgets.field_error import FieldErrorLabel
from counter_app.ui.widgets.pdf_preview import open_receipt_preview
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

PreviewOpener = Callable[[Any, QWidget | None], None]
FORWARD_SHORTCUTS = ("Ctrl+Return", "Ctrl+Enter")
REFRESH_SHORTCUT = "F5"


@dataclass(frozen=True)
class CombinedDocument:
    """Several archived PDFs (the control slips of a list) as one document to preview and print.

    Each part is archived on its own (``parts``: PrintedDocumentInfo); ``pdf`` joins them.
    """

    kind: str
    path: Path
    pdf: bytes
    parts: tuple[Any, ...]


def join_pdfs(parts: Sequence[bytes]) -> bytes:
    """One PDF with every page of ``parts``, in order."""
    joined = pdfium.PdfDocument.new()
    try:
        for part in parts:
            source = pdfium.PdfDocument(part)
            try:
                joined.import_pages(source)
            finally:
                source.close()
        buffer = io.BytesIO()
        joined.save(buffer)
        return buffer.getvalue()
    finally:
        joined.close()


@dataclass(frozen=True)
class ForwardPrints:
    batch: Any  # ForwardBatchInfo
    forward_list: Any  # PrintedDocumentInfo
    control_slips: CombinedDocument


def print_batch(services: Any, actor: Any, batch: Any) -> ForwardPrints:
    """Archive the hand-over list and one control slip per dossier (runs on the worker)."""
    forward_list = documents.print_forward_list(services, actor, batch.number)
    slips = tuple(documents.print_form(services, actor, "05", item.code) for item in batch.items)
    combined = CombinedDocument(
        kind="control_slips",
        path=Path(f"phieu-kiem-soat_{batch.number.replace('/', '-')}.pdf"),
        pdf=join_pdfs([slip.pdf for slip in slips]),
        parts=slips,
    )
    return ForwardPrints(batch=batch, forward_list=forward_list, control_slips=combined)


class ForwardingView(QWidget):
    """The dossiers received and not yet forwarded, to hand over to their agency in a list.

    Shortcuts (inside the view): Ctrl+Enter forward and print the list, F5 refresh, Space
    ticks the current row. ``preview_opener(printed, parent)`` shows the PDFs (tests
    replace it). ``last_prints`` holds the list and control slips of the last forward.
    """

    def __init__(
        self,
        services: Any,
        actor: Any,
        worker: Worker,
        *,
        preview_opener: PreviewOpener = open_receipt_preview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.preview_opener = preview_opener
        self.last_batch: Any | None = None
        self.last_prints: ForwardPrints | None = None
        self._busy = False
        self._loading = False
        self._generation = 0

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.banner = MessageBanner()

        self.agency_filter = QComboBox()
        self.agency_filter.setMinimumContentsLength(28)
        self.agency_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agency_filter_label = QLabel()
        self.agency_filter_label.setBuddy(self.agency_filter)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(100)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.refresh_button = QPushButton()
        filters = QHBoxLayout()
        filters.addWidget(self.agency_filter_label)
        filters.addWidget(self.agency_filter, 2)
        filters.addSpacing(12)
        filters.addWidget(self.search_label)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.refresh_button)

        self.model = ForwardTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in range(ForwardTableModel.COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ForwardTableModel.COL_PROCEDURE, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #555555; font-style: italic;")
        self.empty.hide()

        self.select_all = QCheckBox()
        self.count_label = QLabel()
        self.count_label.setStyleSheet("font-weight: 600;")
        selection = QHBoxLayout()
        selection.addWidget(self.select_all)
        selection.addSpacing(16)
        selection.addWidget(self.count_label, 1)

        self.agency = QComboBox()
        self.agency.setEditable(True)
        self.agency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agency.lineEdit().setMaxLength(300)
        self.agency.setMinimumContentsLength(36)
        self.agency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agency_label = QLabel()
        self.agency_label.setBuddy(self.agency)
        self.agency_error = FieldErrorLabel()
        self.receiver = QLineEdit()
        self.receiver.setMaxLength(100)
        self.receiver_label = QLabel()
        self.receiver_label.setBuddy(self.receiver)
        self.receiver_error = FieldErrorLabel()
        self.handover_group = QGroupBox()
        handover = QFormLayout(self.handover_group)
        handover.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        handover.addRow(self.agency_label, _stack(self.agency, self.agency_error))
        handover.addRow(self.receiver_label, _stack(self.receiver, self.receiver_error))

        self.slips_button = QPushButton()
        self.slips_button.setEnabled(False)
        self.forward_button = QPushButton()
        for button in (self.refresh_button, self.slips_button, self.forward_button):
            button.setAutoDefault(False)
        self.forward_button.setStyleSheet(
            "QPushButton { font-weight: 600; padding: 7px 16px; color: white; background: #1a73e8;"
            " border: 1px solid #1558b0; border-radius: 4px; }"
            " QPushButton:focus { border: 2px solid #0b3d91; }"
            " QPushButton:disabled { background: #9bbcf0; }"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.slips_button)
        buttons.addStretch(1)
        buttons.addWidget(self.forward_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(selection)
        layout.addWidget(self.handover_group)
        layout.addLayout(buttons)

        chain = [self.agency_filter, self.search, self.refresh_button, self.table, self.select_all, self.agency,
                 self.receiver, self.forward_button, self.slips_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        self.agency_filter.currentIndexChanged.connect(self._on_agency_filter_changed)
        self.search.textChanged.connect(self.model.set_text_filter)
        self.refresh_button.clicked.connect(self.refresh)
        self.select_all.clicked.connect(self._on_select_all_clicked)
        self.model.checkedChanged.connect(self._on_checked_changed)
        self.model.modelReset.connect(self._on_checked_changed)
        self.agency.editTextChanged.connect(lambda _t: self.agency_error.clear_message())
        self.receiver.textEdited.connect(lambda _t: self.receiver_error.clear_message())
        self.forward_button.clicked.connect(self.forward)
        self.slips_button.clicked.connect(self.print_control_slips)
        self.banner.actionTriggered.connect(self._on_banner_action)
        self._banner_action: Callable[[], None] | None = None
        for keys, slot in [(k, self.forward) for k in FORWARD_SHORTCUTS] + [(REFRESH_SHORTCUT, self.refresh)]:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.retranslateUi()
        self.refresh()

    # --- view -------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Forward dossiers to the resolving agency"))
        self.agency_filter_label.setText(self.tr("&Lead agency"))
        self.search_label.setText(self.tr("&Find"))
        self.search.setPlaceholderText(self.tr("code, owner or procedure"))
        self.refresh_button.setText(self.tr("Refresh (F5)"))
        self.select_all.setText(self.tr("Tick &all in view"))
        self.handover_group.setTitle(self.tr("Hand-over"))
        self.agency_label.setText(self.tr("Forward &to (agency)"))
        self.agency.lineEdit().setPlaceholderText(self.tr("agency receiving the dossiers"))
        self.receiver_label.setText(self.tr("&Received by"))
        self.receiver.setPlaceholderText(self.tr("full name of the person receiving the dossiers"))
        self.forward_button.setText(self.tr("Forward and print the list (Ctrl+Enter)"))
        self.empty.setText(self.tr("No received dossier is waiting to be forwarded."))
        self.model.retranslate()
        self._fill_agency_filter()
        self._update_slips_button()
        self._on_checked_changed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space ticks or unticks the current row, whatever its column."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Space and not event.modifiers():
                current = self.table.currentIndex()
                if current.isValid():
                    index = self.model.index(current.row(), ForwardTableModel.COL_CHECK)
                    checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                    self.model.setData(index, not checked, Qt.ItemDataRole.CheckStateRole)
                return True
        return super().eventFilter(watched, event)

    # --- list ---------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy or self._loading

    def refresh(self) -> None:
        """F5: the dossiers received and not yet forwarded, read again."""
        self._generation += 1
        generation = self._generation
        self._loading = True
        svc = self.services
        self.worker.run(
            lambda: forwarding.forwardable(svc),
            on_success=lambda items: self._on_loaded(generation, items),
            on_failure=lambda error: self._on_load_failed(generation, error),
            owner=self,
        )

    def _on_loaded(self, generation: int, items: list[Any]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.model.set_items(items)
        self._fill_agency_filter()
        self.empty.setVisible(self.model.total() == 0)

    def _on_load_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._show_error(self.tr("The list could not be read"), error)

    def _agency_text(self, agency: str) -> str:
        return agency or self.tr("(lead agency not recorded)")

    def _fill_agency_filter(self) -> None:
        combo = self.agency_filter
        wanted = self.model.agency_filter
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All agencies (%1)").replace("%1", str(self.model.total())), ANY_AGENCY)
        for agency, count in self.model.agencies():
            combo.addItem(f"{self._agency_text(agency)} ({count})", agency)
        index = 0 if wanted is ANY_AGENCY else combo.findData(wanted)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)
        if index < 0 and wanted is not ANY_AGENCY:
            self.model.set_agency_filter(ANY_AGENCY)  # that agency has nothing left to forward
        # The destination offers the agencies present; free text is allowed.
        typed = self.agency.currentText()
        self.agency.blockSignals(True)
        self.agency.clear()
        for agency, _count in self.model.agencies():
            if agency:
                self.agency.addItem(agency)
        self.agency.setEditText(typed)
        self.agency.blockSignals(False)

    def _on_agency_filter_changed(self, index: int) -> None:
        agency = self.agency_filter.itemData(index) if index > 0 else ANY_AGENCY
        self.model.set_agency_filter(agency)
        if agency:
            self.agency.setEditText(agency)
        if self.model.rowCount():
            self.table.selectRow(0)

    def choose_agency(self, agency: str | None) -> None:
        """Show only the dossiers of ``agency`` (None: all), as the filter combo does."""
        index = 0 if agency is ANY_AGENCY else self.agency_filter.findData(agency)
        if index >= 0:
            self.agency_filter.setCurrentIndex(index)

    def _on_select_all_clicked(self, checked: bool) -> None:
        self.model.set_all_checked(checked)

    def _on_checked_changed(self) -> None:
        items = self.model.checked_items()
        self.select_all.blockSignals(True)
        self.select_all.setChecked(self.model.all_checked())
        self.select_all.blockSignals(False)
        sets = sum(item.sets for item in items)
        self.count_label.setText(
            self.tr("Dossiers ticked: %1 (sets: %2)").replace("%1", str(len(items))).replace("%2", str(sets))
        )
        self.forward_button.setEnabled(bool(items) and not self._busy)
        # One agency among the ticked dossiers, and nothing typed yet: it is the destination.
        agencies = {item.lead_agency for item in items if item.lead_agency}
        if len(agencies) == 1 and not self.agency.currentText().strip():
            self.agency.setEditText(agencies.pop())

    # --- forward --------------------------------------------------------------------------

    def forward(self) -> None:
        """Ctrl+Enter: forward the ticked dossiers in one numbered list, then print it."""
        if self._busy:
            return
        items = self.model.checked_items()
        self.agency_error.clear_message()
        self.receiver_error.clear_message()
        if not items:
            self._show_banner(BannerKind.ERROR, html.escape(self.tr(
                "Tick the dossiers to forward first (Space on a row, or “Tick all in view”).")))
            self.table.setFocus()
            return
        agency = " ".join(self.agency.currentText().split())
        if not agency:
            self.agency_error.show_message(self.tr("Write the agency that receives the dossiers."))
            self.agency.setFocus()
            return
        others = [item for item in items if item.lead_agency and item.lead_agency != agency]
        if others:
            first = others[0]
            self.agency_error.show_message(
                self.tr("Dossier %1 is handled by “%2”, not by this agency. Untick it or correct the agency.")
                .replace("%1", first.code).replace("%2", first.lead_agency)
            )
            self.agency.setFocus()
            return
        codes = [item.code for item in items]
        receiver = " ".join(self.receiver.text().split())
        self._set_busy(True)
        self._show_banner(BannerKind.INFO, html.escape(
            self.tr("Forwarding the ticked dossiers (%1) to %2…").replace("%1", str(len(codes))).replace("%2", agency)))
        svc, actor = self.services, self.actor
        self.worker.run(
            lambda: forwarding.forward(svc, actor, codes, agency=agency, receiver=receiver),
            on_success=self._on_forwarded,
            on_failure=self._on_forward_failed,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.forward_button.setEnabled(not busy and bool(self.model.checked_codes()))
        self.handover_group.setEnabled(not busy)
        self.table.setEnabled(not busy)
        self.select_all.setEnabled(not busy)

    def _on_forwarded(self, batch: Any) -> None:
        self._set_busy(False)
        self.last_batch = batch
        self.last_prints = None
        self._update_slips_button()
        self._show_banner(BannerKind.SUCCESS, self._forwarded_html(batch) + " " + html.escape(
            self.tr("Printing the hand-over list and the control slips…")))
        self.receiver.clear()
        if self.model.agency_filter is ANY_AGENCY:
            self.agency.setEditText("")  # the next list may go elsewhere: the ticks will say where
        self.refresh()
        self._print(batch)

    def _forwarded_html(self, batch: Any) -> str:
        text = (self.tr("Forwarded to %2 with hand-over list %3 (dossiers: %1).")
                .replace("%1", str(len(batch.items))).replace("%2", batch.agency))
        return f"<b>{html.escape(batch.number)}</b>".join(html.escape(part) for part in text.split("%3"))

    def _on_forward_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationFailed):
            lang = current_language()
            rest = []
            for e in error.errors:
                label = {"agency": self.agency_error, "receiver": self.receiver_error}.get(e.field)
                if label is not None:
                    label.show_message(e.message(lang))
                else:
                    rest.append(e)
            if rest:
                self._show_banner(BannerKind.ERROR, html.escape(ValidationFailed(rest).message(lang)))
            else:
                self.banner.hide()
            (self.agency if any(e.field == "agency" for e in error.errors) else self.receiver).setFocus()
            return
        self._show_error(self.tr("Nothing was forwarded"), error)
        if isinstance(error, DomainError) and error.code == "forward_not_received":
            self.refresh()  # someone else forwarded it meanwhile: show the list as it is now

    # --- printing -----------------------------------------------------------------------

    def _print(self, batch: Any) -> None:
        svc, actor = self.services, self.actor
        self._set_busy(True)
        self.worker.run(
            lambda: print_batch(svc, actor, batch),
            on_success=self._on_printed,
            on_failure=lambda error: self._on_print_failed(batch, error),
            owner=self,
        )

    def _on_printed(self, prints: ForwardPrints) -> None:
        self._set_busy(False)
        self.last_prints = prints
        self._update_slips_button()
        self._show_banner(
            BannerKind.SUCCESS,
            self._forwarded_html(prints.batch) + " " + html.escape(self.tr(
                "The hand-over list is ready to print (one copy for each side); then print the control slips.")),
            self.tr("Print control slips"), self.print_control_slips,
        )
        self.preview_opener(prints.forward_list, self.window())
        self.slips_button.setFocus()

    def _on_print_failed(self, batch: Any, error: BaseException) -> None:
        self._set_busy(False)
        log.error("forward list %s not printed: %s", batch.number, error)
        self._show_banner(
            BannerKind.ERROR,
            html.escape(self.tr("The dossiers are forwarded (list %1), but the list could not be printed: %2")
                        .replace("%1", batch.number).replace("%2", self._describe(error))),
            self.tr("Print again"), lambda: self._print(batch),
        )

    def print_control_slips(self) -> None:
        """Preview the control slips (form 05) of the last list, one page per dossier."""
        if self.last_prints is not None:
            self.preview_opener(self.last_prints.control_slips, self.window())
        elif self.last_batch is not None and not self._busy:
            self._print(self.last_batch)

    def _update_slips_button(self) -> None:
        count = len(self.last_batch.items) if self.last_batch is not None else 0
        self.slips_button.setText(self.tr("Print control slips (%1)").replace("%1", str(count)) if count
                                  else self.tr("Print control slips"))
        self.slips_button.setEnabled(bool(count))

    # --- messages -----------------------------------------------------------------------

    def _show_banner(self, kind: BannerKind, text_html: str, action: str = "",
                     slot: Callable[[], None] | None = None) -> None:
        self._banner_action = slot
        self.banner.show_message(kind, text_html, action=action)

    def _on_banner_action(self) -> None:
        if self._banner_action is not None:
            self._banner_action()

    def _describe(self, error: BaseException) -> str:
        if isinstance(error, DomainError):
            return error.message(current_language())
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(error)))
        return self.tr("unexpected error (%1). Tell the IT administrator.").replace("%1", type(error).__name__)

    def _show_error(self, what: str, error: BaseException) -> None:
        self._show_banner(BannerKind.ERROR, html.escape(f"{what}: {self._describe(error)}"))


def _stack(widget: QWidget, error: FieldErrorLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box
