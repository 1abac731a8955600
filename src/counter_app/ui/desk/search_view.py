"""The search screen: find dossiers by code, ID number, phone or name (with or without
accents), filter them, and open one (an audited full view) in the dossier dialog."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from PySide6.QtCore import QDate, QEvent, QModelIndex, QTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import to_local
from counter_app.domain.dossier_code import looks_like_dossier_code
from counter_app.domain.errors import DomainError
from counter_app.domain.status import DossierStatus
from counter_app.services import queue, search
from counter_app.ui.desk.dossier_dialog import DossierDialog
from counter_app.ui.i18n import current_language
from counter_app.ui.models.dossier_list_model import DossierListModel
from counter_app.ui.models.sync_models import read_badges
from counter_app.ui.widgets.field_error import FieldErrorLabel
from counter_app.ui.widgets.pdf_preview import open_receipt_preview

log = logging.getLogger(__name__)

S = DossierStatus
DEBOUNCE_MS = 300
RESULT_LIMIT = 200
# Status choices of the filter: (key, statuses); () = all. Labels in retranslateUi.
STATUS_GROUPS: tuple[tuple[str, tuple[DossierStatus, ...]], ...] = (
    ("all", ()),
    ("open", (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT)),
    ("ready", (S.RESULT_READY,)),
    *((f"s{int(s)}", (s,)) for s in S),
)


class _QueryEdit(QLineEdit):
    """The query box: Down moves into the results."""

    downPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.downPressed.emit()
            return
        super().keyPressEvent(event)


class SearchView(QWidget):
    """Tra cứu hồ sơ: query box (Enter searches; typing searches after a short pause), filters,
    the results (masked ID and phone), Enter or double-click opens the dossier.

    A scanned dossier code (code + Enter) opens that dossier directly.

    Signals:
        searched(list): a search answered (list of DossierListItem).
        dossierOpened(object): the dossier dialog was opened (DossierDialog).
    """

    searched = Signal(list)
    dossierOpened = Signal(object)

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
        self.services = services
        self.actor = actor
        self.worker = worker
        self.preview_opener = preview_opener
        self.dialog: DossierDialog | None = None
        self._generation = 0
        self._answered = 0  # generation of the last answer shown
        self._open_when_found: str | None = None
        self._last_failure: BaseException | None = None
        self._first_show = True

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.query_label = QLabel()
        self.query = _QueryEdit()
        self.query.setObjectName("search_query")
        self.query.setClearButtonEnabled(True)
        self.query.setMaxLength(300)
        self.query.setStyleSheet("QLineEdit { font-size: 13pt; padding: 5px; }")
        self.query_label.setBuddy(self.query)
        self.search_button = QPushButton()
        self.search_button.setAutoDefault(False)
        self.query_error = FieldErrorLabel()
        query_row = QHBoxLayout()
        query_row.addWidget(self.query, 1)
        query_row.addWidget(self.search_button)

        self.status_label = QLabel()
        self.status = QComboBox()
        for key, _statuses in STATUS_GROUPS:
            self.status.addItem("", key)
        self.status_label.setBuddy(self.status)
        self.field_label = QLabel()
        self.field = QComboBox()
        self.field.addItem("", "")
        self.field.setMinimumContentsLength(22)
        self.field.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.field_label.setBuddy(self.field)
        self.due_today = QCheckBox()
        self.overdue = QCheckBox()
        self.received_between = QCheckBox()
        today = QDate(to_local(services.now()).date())
        self.received_from = QDateEdit(today.addDays(-30))
        self.received_to = QDateEdit(today)
        for edit in (self.received_from, self.received_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)
        self.received_dash = QLabel("–")
        # Two short rows, so the screen fits beside the queue panel at 1280 px.
        choices = QHBoxLayout()
        choices.addWidget(self.status_label)
        choices.addWidget(self.status)
        choices.addSpacing(8)
        choices.addWidget(self.field_label)
        choices.addWidget(self.field)
        choices.addStretch(1)
        checks = QHBoxLayout()
        checks.addWidget(self.due_today)
        checks.addWidget(self.overdue)
        checks.addSpacing(12)
        checks.addWidget(self.received_between)
        checks.addWidget(self.received_from)
        checks.addWidget(self.received_dash)
        checks.addWidget(self.received_to)
        checks.addStretch(1)
        filters = QVBoxLayout()
        filters.setSpacing(4)
        filters.addLayout(choices)
        filters.addLayout(checks)

        self.model = DossierListModel(self)
        self.table = QTableView()
        self.table.setObjectName("search_results")
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
        header.setSectionResizeMode(DossierListModel.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)

        self.result_count = QLabel()
        self.result_count.setObjectName("result_count")
        self.result_count.setStyleSheet("font-size: 11pt; color: #37474f;")
        self.open_button = QPushButton()
        self.open_button.setAutoDefault(False)
        self.open_button.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.result_count, 1)
        bottom.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.query_label)
        layout.addLayout(query_row)
        layout.addWidget(self.query_error)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search)

        self.query.returnPressed.connect(self._on_return)
        self.query.textEdited.connect(self._on_query_edited)
        self.query.downPressed.connect(self._focus_results)
        self.search_button.clicked.connect(self.search)
        self.status.currentIndexChanged.connect(self._schedule)
        self.field.currentIndexChanged.connect(self._schedule)
        self.due_today.toggled.connect(self._schedule)
        self.overdue.toggled.connect(self._schedule)
        self.received_between.toggled.connect(self._on_between_toggled)
        self.received_from.dateChanged.connect(self._schedule)
        self.received_to.dateChanged.connect(self._schedule)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.open_button.clicked.connect(self.open_current)

        chain = [self.query, self.search_button, self.status, self.field, self.due_today, self.overdue,
                 self.received_between, self.received_from, self.received_to, self.table, self.open_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.retranslateUi()
        self._load_fields()

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Find a dossier"))
        self.query_label.setText(self.tr("&Dossier code, ID number, phone or owner's name (accents optional)"))
        self.query.setPlaceholderText(self.tr("e.g. nguyen thi an, 001301012345, 0912345678"))
        self.search_button.setText(self.tr("Search (Enter)"))
        self.status_label.setText(self.tr("S&tatus"))
        lang = current_language()
        for index, (key, statuses) in enumerate(STATUS_GROUPS):
            if key == "all":
                text = self.tr("All statuses")
            elif key == "open":
                text = self.tr("Being processed (2, 4, 5, 6)")
            elif key == "ready":
                text = self.tr("Result ready, to hand over (9)")
            else:
                text = f"{int(statuses[0])} – {statuses[0].label(lang)}"
            self.status.setItemText(index, text)
        self.field_label.setText(self.tr("F&ield"))
        self.field.setItemText(0, self.tr("All fields"))
        self.due_today.setText(self.tr("Due to&day"))
        self.overdue.setText(self.tr("O&verdue"))
        self.received_between.setText(self.tr("&Received between"))
        self.open_button.setText(self.tr("Open the dossier (Enter)"))
        self.model.retranslate()
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_query()
        if self._first_show:
            self._first_show = False
            if not self._answered and self._generation == 0:
                self.search()  # the newest dossiers, before anything is typed

    # --- commands -----------------------------------------------------------------------

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def filters(self) -> Any:
        statuses = dict(STATUS_GROUPS).get(self.status.currentData() or "all", ())
        start = end = None
        if self.received_between.isChecked():
            start = self.received_from.date().toPython()
            end = self.received_to.date().toPython()
        return search.SearchFilters(
            statuses=statuses,
            field_code=self.field.currentData() or "",
            due_today=self.due_today.isChecked(),
            overdue=self.overdue.isChecked(),
            received_from=start,
            received_to=end,
        )

    def search(self) -> None:
        """Run the search now (in the worker); older answers are dropped."""
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        query = self.query.text().strip()
        filters = self.filters()
        svc = self.services
        self.result_count.setText(self.tr("Searching…"))

        def find() -> tuple[list[Any], dict[str, str]]:
            found = search.search_dossiers(svc, query, filters, limit=RESULT_LIMIT)
            return found, read_badges(svc, [item.id for item in found])  # sync badges beside the codes

        self.worker.run(
            find,
            on_success=lambda result: self._on_found(generation, *result),
            on_failure=lambda error: self._on_failed(generation, error),
            owner=self,
        )

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._on_activated(index)

    def open_dossier(self, code: str) -> DossierDialog:
        """The full record (audited) in its dialog; the list is refreshed when it closes."""
        if self.dialog is not None:
            self.dialog.close()
        dialog = DossierDialog(self.services, self.actor, self.worker, code, preview_opener=self.preview_opener,
                               parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._on_dialog_finished(d))
        self.dialog = dialog
        dialog.open()
        self.dossierOpened.emit(dialog)
        return dialog

    # --- behaviour ----------------------------------------------------------------------

    def _on_return(self) -> None:
        query = self.query.text().strip()
        # A scanned code (code + Enter) goes straight to the dossier.
        self._open_when_found = query if looks_like_dossier_code(query) else None
        self.search()

    def _on_query_edited(self, _text: str) -> None:
        self.query_error.clear_message()
        self._schedule()

    def _schedule(self, *_args: object) -> None:
        self._debounce.start()

    def _on_between_toggled(self, checked: bool) -> None:
        self.received_from.setEnabled(checked)
        self.received_to.setEnabled(checked)
        self._schedule()

    def _on_found(self, generation: int, found: list[Any], badges: dict[str, str] | None = None) -> None:
        if generation != self._generation:
            return
        self._answered = generation
        self._last_failure = None
        self.query_error.clear_message()
        current = self.model.item(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        self.model.set_items(found)
        self.model.set_badges(badges or {})
        self._show_count()
        row = self.model.row_of(current.code) if current is not None else None
        if found:
            self.table.selectRow(row if row is not None else 0)
        self.open_button.setEnabled(bool(found))
        self.searched.emit(found)
        wanted, self._open_when_found = self._open_when_found, None
        if wanted is not None:
            match = self.model.row_of(wanted)
            if match is not None:
                self.open_dossier(wanted)

    def _on_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._answered = generation
        self._open_when_found = None
        self._last_failure = error
        self.query_error.show_message(self._describe(error))
        self.result_count.setText("")

    def _show_count(self) -> None:
        if not self._answered:
            self.result_count.setText("")
            return
        count = self.model.rowCount()
        if count == 0:
            self.result_count.setText(self.tr("No dossier found"))
        elif count >= RESULT_LIMIT:
            self.result_count.setText(self.tr("The first %1 dossiers are shown; narrow the search to see others.").replace("%1", str(count)))
        else:
            self.result_count.setText(self.tr("Dossiers found: %1").replace("%1", str(count)))

    def _focus_results(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.open_button.setEnabled(current.isValid())

    def _on_activated(self, index: QModelIndex) -> None:
        item = self.model.item(index.row())
        if item is not None:
            self.open_dossier(item.code)

    def _on_dialog_finished(self, dialog: DossierDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        if dialog.changed:
            self.search()  # its status or due date moved
        self.table.setFocus()

    def _load_fields(self) -> None:
        svc = self.services
        self.worker.run(
            lambda: queue.list_fields(svc),
            on_success=self._on_fields,
            on_failure=lambda error: log.error("fields not loaded: %s", error),
            owner=self,
        )

    def _on_fields(self, fields: list[Any]) -> None:
        chosen = self.field.currentData()
        self.field.blockSignals(True)
        while self.field.count() > 1:
            self.field.removeItem(1)
        for f in fields:
            self.field.addItem(f.name, f.code)
        self.field.setCurrentIndex(max(0, self.field.findData(chosen)))
        self.field.blockSignals(False)

    def _describe(self, error: BaseException) -> str:
        if isinstance(error, DomainError):
            return error.message(current_language())
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(error)))
        return self.tr("The search failed (%1). Tell the IT administrator.").replace("%1", type(error).__name__)

