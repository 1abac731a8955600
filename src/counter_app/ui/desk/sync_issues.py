"""The "action needed" list: changes the central system refused (and restores to look at),
with what the officer can do about each — send again after correcting the dossier, take the
central system's state, escalate to a supervisor, or (supervisor) acknowledge a restore."""

from __future__ import annotations

import html
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.services import sync_status
from counter_app.services.authz import SUPERVISE
from counter_app.services.sync_status import RESTORE_KINDS
from counter_app.ui.desk.dossier_dialog import DossierDialog
from counter_app.ui.i18n import current_language
from counter_app.ui.models.sync_models import IssuesModel, operation_text, server_state_text
from counter_app.ui.widgets.banner import BannerKind, MessageBanner
from counter_app.ui.widgets.field_error import FieldErrorLabel
from counter_app.ui.widgets.pdf_preview import open_receipt_preview

log = logging.getLogger(__name__)

RESUBMIT, ACCEPT_SERVER, ESCALATE, ACKNOWLEDGE = "resubmit", "accept_server", "escalate", "acknowledge"
ACTIONS = (RESUBMIT, ACCEPT_SERVER, ESCALATE, ACKNOWLEDGE)
NOTE_REQUIRED = {ESCALATE}
NOTE_OFFERED = {RESUBMIT, ESCALATE, ACKNOWLEDGE}
NOTE_MAX_LENGTH = sync_status.NOTE_MAX_LENGTH


class SyncIssuesDialog(QDialog):
    """Thay đổi cần xử lý: the open issues, oldest first (services.sync_status.list_issues).

    Each action asks first, in a strip at the bottom of the window (with its note: required to
    escalate); the result is shown at the top and the list is read again. Double-click or
    Enter opens the dossier (correct it, then "send again"). Nothing typed is lost on an error.

    Signals:
        changed(): an action was recorded (the status bar reads again).
        loaded(list): the list was read (IssueInfo).
    """

    changed = Signal()
    loaded = Signal(list)

    def __init__(
        self,
        services: Any,
        actor: Any,
        worker: Any,
        *,
        preview_opener: Callable[[Any, QWidget | None], None] = open_receipt_preview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.preview_opener = preview_opener
        self.dossier_dialog: DossierDialog | None = None
        self.pending_action: str | None = None
        self._pending_issue: Any | None = None
        self._busy = False
        self._loading = False
        self._load_again = False
        self._last_done: tuple[str, Any] | None = None

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.banner = MessageBanner()

        self.model = IssuesModel(self)
        self.table = QTableView()
        self.table.setObjectName("sync_issues_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(IssuesModel.REASON, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("sync_issues_empty")
        self.empty_label.setStyleSheet("color: #0d652d; font-size: 12pt;")
        self.empty_label.hide()

        self.hint = QLabel()
        self.hint.setObjectName("sync_issue_hint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.hint.setStyleSheet("QLabel#sync_issue_hint { background: #f1f3f4; border-radius: 4px; padding: 8px; }")

        self.open_button = QPushButton()
        self.resubmit_button = QPushButton()
        self.accept_button = QPushButton()
        self.escalate_button = QPushButton()
        self.acknowledge_button = QPushButton()
        self.close_button = QPushButton()
        self.action_buttons = {
            RESUBMIT: self.resubmit_button, ACCEPT_SERVER: self.accept_button,
            ESCALATE: self.escalate_button, ACKNOWLEDGE: self.acknowledge_button,
        }
        buttons = QHBoxLayout()
        for button in (self.open_button, *self.action_buttons.values()):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.close_button)

        # The confirmation strip: the question, the note, Confirm / Cancel.
        self.confirm_box = QFrame()
        self.confirm_box.setObjectName("confirm_box")
        self.confirm_box.setStyleSheet(
            "QFrame#confirm_box { background: #fef7e0; border: 1px solid #f9cc6b; border-radius: 4px; }"
        )
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_text.setTextFormat(Qt.TextFormat.RichText)
        self.note_label = QLabel()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(64)
        self.note_label.setBuddy(self.note)
        self.note_error = FieldErrorLabel()
        self.confirm_error = FieldErrorLabel()
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirm_button")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.setStyleSheet("QPushButton#confirm_button { font-weight: 600; padding: 5px 12px; }")
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        confirm_buttons = QHBoxLayout()
        confirm_buttons.addStretch(1)
        confirm_buttons.addWidget(self.cancel_button)
        confirm_buttons.addWidget(self.confirm_button)
        confirm_layout = QVBoxLayout(self.confirm_box)
        confirm_layout.addWidget(self.confirm_text)
        confirm_layout.addWidget(self.note_label)
        confirm_layout.addWidget(self.note)
        confirm_layout.addWidget(self.note_error)
        confirm_layout.addWidget(self.confirm_error)
        confirm_layout.addLayout(confirm_buttons)
        self.confirm_box.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.confirm_box)

        self.table.doubleClicked.connect(self._on_activated)
        for keys in ("Return", "Enter"):
            enter = QShortcut(QKeySequence(keys), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.open_dossier)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.open_button.clicked.connect(self.open_dossier)
        self.resubmit_button.clicked.connect(lambda: self.ask(RESUBMIT))
        self.accept_button.clicked.connect(lambda: self.ask(ACCEPT_SERVER))
        self.escalate_button.clicked.connect(lambda: self.ask(ESCALATE))
        self.acknowledge_button.clicked.connect(lambda: self.ask(ACKNOWLEDGE))
        self.close_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.cancel)
        self.note.textChanged.connect(self.note_error.clear_message)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.confirm_box)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.confirm)

        self.retranslateUi()
        self._update_buttons()
        self.resize(1100, 600)
        self.reload()

    # --- language ---------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Sync — action needed"))
        self.title.setText(self.tr("Changes the central system did not accept"))
        self.intro.setText(self.tr(
            "These changes are kept here, nothing is lost. Choose a line, read the central system's reason, "
            "then choose what to do. Double-click a line to open the dossier."
        ))
        self.empty_label.setText(self.tr("Nothing to handle: every change was accepted by the central system."))
        self.open_button.setText(self.tr("&Open the dossier"))
        self.resubmit_button.setText(self.tr("&Send again after correcting"))
        self.accept_button.setText(self.tr("&Take the central system's state"))
        self.escalate_button.setText(self.tr("&Escalate to a supervisor…"))
        self.acknowledge_button.setText(self.tr("&Acknowledge"))
        self.close_button.setText(self.tr("Close"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.model.retranslate()
        self._update_hint()
        self._update_confirm_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- loading ------------------------------------------------------------------------

    def follow(self, live: Any) -> None:
        """Read the list again when the database changes (``live``: ui.live.LiveUpdates)."""
        live.changed.connect(self._on_live_changed)

    def _on_live_changed(self, topics: Any) -> None:
        if self.isVisible() and (not topics or "sync" in topics):
            self.reload()

    def reload(self) -> None:
        """Read the open issues (one read at a time)."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        self._load_again = False
        svc = self.services
        self.worker.run(lambda: sync_status.list_issues(svc), on_success=self._on_loaded,
                        on_failure=self._on_load_failed, owner=self)

    def _on_loaded(self, issues: list[Any]) -> None:
        self._loading = False
        current = self.current_issue()
        self.model.set_issues(issues)
        row = self.model.row_of(current.id) if current is not None else None
        if row is None and issues:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self.table.setVisible(bool(issues))
        self.empty_label.setVisible(not issues)
        if self._pending_issue is not None and self.model.row_of(self._pending_issue.id) is None and not self._busy:
            self.cancel()  # the issue was settled meanwhile (another desk, a supervisor)
        self._update_buttons()
        self._update_hint()
        self.loaded.emit(issues)
        if self._load_again:
            self.reload()

    def _on_load_failed(self, error: BaseException) -> None:
        self._loading = False
        self.banner.show_message(BannerKind.ERROR, html.escape(
            self.tr("The list could not be read: %1").replace("%1", _describe(error))))

    # --- selection ----------------------------------------------------------------------

    def current_issue(self) -> Any | None:
        index = self.table.currentIndex()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return self.model.issue(rows[0].row())
        return self.model.issue(index.row()) if index.isValid() else None

    def select_issue(self, issue_id: Any) -> bool:
        row = self.model.row_of(issue_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._pending_issue is not None and not self._busy:
            current = self.current_issue()
            if current is None or current.id != self._pending_issue.id:
                self.cancel()
        self._update_buttons()
        self._update_hint()

    def _supervises(self) -> bool:
        return getattr(self.actor, "role", "") in SUPERVISE

    def allowed(self, issue: Any | None) -> dict[str, bool]:
        """Which actions this officer may take on ``issue`` (the service checks again)."""
        if issue is None or issue.state != "open":
            return dict.fromkeys(ACTIONS, False)
        restore = issue.kind in RESTORE_KINDS
        settled_by_supervisor = issue.resolution == "escalated" and not self._supervises()
        return {
            RESUBMIT: not restore and not settled_by_supervisor,
            ACCEPT_SERVER: not restore and not settled_by_supervisor,
            ESCALATE: issue.resolution != "escalated",
            ACKNOWLEDGE: restore and self._supervises(),
        }

    def _update_buttons(self) -> None:
        issue = self.current_issue()
        allowed = self.allowed(issue)
        for action, button in self.action_buttons.items():
            button.setEnabled(allowed[action] and not self._busy)
        restore = issue is not None and issue.kind in RESTORE_KINDS
        self.acknowledge_button.setVisible(restore)
        self.resubmit_button.setVisible(not restore)
        self.accept_button.setVisible(not restore)
        if restore and not self._supervises():
            self.acknowledge_button.setToolTip(self.tr("Only a supervisor account can acknowledge a restore"))
        else:
            self.acknowledge_button.setToolTip("")
        self.open_button.setEnabled(issue is not None and bool(issue.dossier_code))

    def _update_hint(self) -> None:
        issue = self.current_issue()
        if issue is None:
            self.hint.setText(html.escape(self.tr("Choose a line to see what to do.")))
            self.hint.setVisible(self.model.rowCount() > 0)
            return
        self.hint.setVisible(True)
        reason = html.escape(issue.message or issue.reason_code or "—")
        if issue.resolution == "escalated":
            text = html.escape(self.tr(
                "Escalated by %1. It stays in this list until a supervisor settles it."
            ).replace("%1", issue.resolved_by or "—"))
            if issue.note:
                text += "<br>" + html.escape(self.tr("Note: %1").replace("%1", issue.note))
        elif issue.kind in RESTORE_KINDS:
            text = "<b>" + html.escape(operation_text(issue.operation, issue.kind)) + "</b>. " + html.escape(self.tr(
                "Changes made around that time may be missing on one side. A supervisor checks the dossiers "
                "received then, and presses “Acknowledge”; or escalate it."
            ))
        else:
            code = html.escape(issue.dossier_code or "—")
            text = (
                html.escape(self.tr("The central system did not accept “%1” of dossier %2:"))
                .replace("%1", html.escape(operation_text(issue.operation, issue.kind)))
                .replace("%2", f"<b>{code}</b>")
                + f" <i>{reason}</i><br>"
                + html.escape(self.tr(
                    "If the dossier here is wrong: open it, correct it, then press “Send again after correcting”. "
                    "If the central system is right: press “Take the central system's state”. "
                    "If you are not sure: escalate it to a supervisor."
                ))
            )
        self.hint.setText(text)

    # --- actions ------------------------------------------------------------------------

    def ask(self, action: str) -> bool:
        """Show the confirmation strip for ``action`` on the selected issue."""
        issue = self.current_issue()
        if issue is None or not self.allowed(issue)[action] or self._busy:
            return False
        if self._pending_issue is None or self._pending_issue.id != issue.id or self.pending_action != action:
            self.note.clear()  # a new question; the same one keeps what was typed
        self.pending_action = action
        self._pending_issue = issue
        self.note_error.clear_message()
        self.confirm_error.clear_message()
        self._update_confirm_texts()
        self.confirm_box.show()
        if action in NOTE_OFFERED:
            self.note.setFocus()
        else:
            self.confirm_button.setFocus()
        return True

    def cancel(self) -> None:
        if self._busy:
            return
        self.pending_action = None
        self._pending_issue = None
        self.confirm_box.hide()
        self.table.setFocus()

    def _update_confirm_texts(self) -> None:
        action, issue = self.pending_action, self._pending_issue
        if action is None or issue is None:
            return
        code = issue.dossier_code or "—"
        what = operation_text(issue.operation, issue.kind)
        if action == RESUBMIT:
            question = self.tr(
                "Send “%1” of dossier %2 again, as the dossier is now? Correct the dossier first if the "
                "central system pointed out a mistake."
            ).replace("%1", what).replace("%2", code)
            confirm = self.tr("Send again")
        elif action == ACCEPT_SERVER:
            question = self.tr(
                "Take the central system's state for dossier %1 (%2)? The change made here is dropped and "
                "the dossier here is updated to match."
            ).replace("%1", code).replace("%2", server_state_text(issue.server_state, issue.kind))
            confirm = self.tr("Take the central system's state")
        elif action == ESCALATE:
            question = self.tr(
                "Hand this to a supervisor? Say what they need to know; it stays in the list until it is settled."
            )
            confirm = self.tr("Escalate")
        else:
            question = self.tr("Acknowledge “%1”: the dossiers concerned were checked?").replace("%1", what)
            confirm = self.tr("Acknowledge")
        self.confirm_text.setText(f"<b>{html.escape(question)}</b>")
        self.confirm_button.setText(confirm + " (Ctrl+Enter)")
        offered = action in NOTE_OFFERED
        self.note_label.setVisible(offered)
        self.note.setVisible(offered)
        if action in NOTE_REQUIRED:
            self.note_label.setText(self.tr("&Note for the supervisor (required)"))
        else:
            self.note_label.setText(self.tr("&Note (optional)"))

    def confirm(self) -> None:
        """Run the action asked for; the strip stays, with the note, until it succeeds."""
        action, issue = self.pending_action, self._pending_issue
        if action is None or issue is None or self._busy:
            return
        note = self.note.toPlainText() if action in NOTE_OFFERED else ""
        if action in NOTE_REQUIRED and not note.strip():
            self.note_error.show_message(self.tr("Write a note for the supervisor: what is wrong, what you checked."))
            self.note.setFocus()
            return
        svc, actor, issue_id = self.services, self.actor, issue.id
        calls = {
            RESUBMIT: lambda: sync_status.resubmit(svc, actor, issue_id, note=note),
            ACCEPT_SERVER: lambda: sync_status.accept_server_state(svc, actor, issue_id),
            ESCALATE: lambda: sync_status.escalate(svc, actor, issue_id, note=note),
            ACKNOWLEDGE: lambda: sync_status.acknowledge(svc, actor, issue_id, note=note),
        }
        self._set_busy(True)
        self.worker.run(calls[action], on_success=lambda result: self._on_done(action, issue, result),
                        on_failure=self._on_failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.confirm_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.note.setReadOnly(busy)
        self._update_buttons()

    def _on_done(self, action: str, issue: Any, result: Any) -> None:
        self._set_busy(False)
        self._last_done = (action, result)
        self.pending_action = None
        self._pending_issue = None
        self.note.clear()
        self.confirm_box.hide()
        code = issue.dossier_code or "—"
        texts = {
            RESUBMIT: self.tr("Dossier %1: the change will be sent again at the next sync."),
            ACCEPT_SERVER: self.tr("Dossier %1 now matches the central system."),
            ESCALATE: self.tr("Escalated to a supervisor; dossier %1 stays in the list until it is settled."),
            ACKNOWLEDGE: self.tr("Acknowledged."),
        }
        self.banner.show_message(BannerKind.SUCCESS, html.escape(texts[action].replace("%1", code)))
        self.changed.emit()
        self.reload()
        self.table.setFocus()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, DomainError) and error.code == "sync_note_required":
            self.note_error.show_message(error.message(current_language()))
            self.note.setFocus()
            return
        if isinstance(error, ValidationFailed):
            lang = current_language()
            self.note_error.show_message("\n".join(e.message(lang) for e in error.errors))
            self.note.setFocus()
            return
        text = self.tr("Nothing was recorded: %1").replace("%1", _describe(error))
        if isinstance(error, DomainError) and error.code in ("sync_issue_resolved", "sync_issue_not_found"):
            # Settled meanwhile (another desk, a supervisor): the strip goes, the list is read again.
            self.banner.show_message(BannerKind.ERROR, html.escape(text))
            self.pending_action = None
            self._pending_issue = None
            self.confirm_box.hide()
            self.reload()
            return
        self.confirm_error.show_message(text)

    # --- the dossier ----------------------------------------------------------------------

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.open_dossier()

    def open_dossier(self) -> DossierDialog | None:
        """The selected issue's dossier in its dialog (an audited view); the list is read again after."""
        issue = self.current_issue()
        if issue is None or not issue.dossier_code:
            return None
        if self.dossier_dialog is not None:
            self.dossier_dialog.close()
        dialog = DossierDialog(self.services, self.actor, self.worker, issue.dossier_code,
                               preview_opener=self.preview_opener, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._on_dossier_closed(d))
        self.dossier_dialog = dialog
        dialog.open()
        return dialog

    def _on_dossier_closed(self, dialog: DossierDialog) -> None:
        if self.dossier_dialog is dialog:
            self.dossier_dialog = None
        self.reload()
        self.table.setFocus()


def _describe(error: BaseException) -> str:
    if isinstance(error, DomainError):
        return error.message(current_language())
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(error)))
    return QCoreApplication.translate("SyncIssuesDialog", "unexpected error (%1). Tell the IT administrator.").replace(
        "%1", type(error).__name__)
