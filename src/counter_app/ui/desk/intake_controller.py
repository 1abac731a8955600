"""Behaviour of the intake form: search, checklist, live due date, save, print, errors."""

from __future__ import annotations

import html
import logging
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app.domain.calendar import Counting, to_local
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.identity import normalize_id_number
from counter_app.domain.intake import (
    Channel,
    DocumentForm,
    DocumentLine,
    IntakeRequest,
    normalize_intake,
    validate_intake,
)
from counter_app.domain.text import fold
from counter_app.services import catalog, documents, intake, not_accepted
from counter_app.ui.desk.decline_dialog import FORM_OF_KIND, DeclineDialog, MissingRow
from counter_app.ui.desk.intake_view import IntakeView
from counter_app.ui.desk.reopen_dialog import ReopenDialog
from counter_app.ui.i18n import current_language, format_date, format_datetime, format_processing_time
from counter_app.ui.models.documents_model import DocumentRow
from counter_app.ui.widgets.banner import BannerKind
from counter_app.ui.widgets.pdf_preview import open_receipt_preview
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

DUE_DELAY_MS = 400  # debounce of the live due date while the officer types
DUE_REFRESH_MS = 30_000  # the clock moves on even when nobody types
_DOCUMENT_LINE = re.compile(r"^documents\[(\d+)\](?:\.(\w+))?$")
DECLINE_SHORTCUT = "Ctrl+Shift+R"  # not accepted: form 02 / 03 ("refuse")
REOPEN_SHORTCUT = "Ctrl+Shift+O"  # reopen a dossier not accepted earlier

PreviewOpener = Callable[[Any, QWidget | None], None]
ConfirmDiscard = Callable[[QWidget], bool]


def ask_discard(parent: QWidget) -> bool:
    """Default ``confirm_discard``: Ctrl+N on a half-typed form asks first."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("IntakeController", "New intake"))
    box.setText(QCoreApplication.translate("IntakeController", "Clear the form? What you typed for this citizen will be lost."))
    clear = box.addButton(QCoreApplication.translate("IntakeController", "Clear the form"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(QCoreApplication.translate("IntakeController", "Keep typing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is clear


class IntakeController(QObject):
    """Drives an IntakeView with the intake, catalog and documents services.

    ``preview_opener(printed, parent)`` shows the receipt after printing; tests replace it
    to capture the PrintedDocumentInfo instead of opening a modal preview.
    ``confirm_discard(parent) -> bool`` is asked before Ctrl+N clears a half-typed form.

    Not accepting (``decline``, Ctrl+Shift+R) records form 02 or 03 from what is typed and
    prints it; reopening (``open_reopen_dialog``, Ctrl+Shift+O, or the banner offered when
    the owner's ID number has an open slip) fills the form again so Ctrl+Enter receives it.
    ``decline_action`` and ``reopen_action`` carry those shortcuts (window-wide) for menus.

    Signals:
        saved(object): a dossier was received (DossierInfo).
        printed(object): its receipt was archived (PrintedDocumentInfo).
        declined(object): the dossier was not accepted (NotAcceptedInfo).
        slip_printed(object): its form 02 / 03 was archived (PrintedDocumentInfo).
        reopened(object): a not-accepted intake is back in the form (NotAcceptedInfo).
    """

    saved = Signal(object)
    printed = Signal(object)
    declined = Signal(object)
    slip_printed = Signal(object)
    reopened = Signal(object)

    def __init__(
        self,
        view: IntakeView,
        services: Any,
        actor: Any,
        worker: Worker,
        *,
        preview_opener: PreviewOpener = open_receipt_preview,
        confirm_discard: ConfirmDiscard = ask_discard,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.services = services
        self.actor = actor
        self.worker = worker
        self.preview_opener = preview_opener
        self.confirm_discard = confirm_discard
        self.procedure: Any | None = None
        self.last_code: str | None = None
        self.last_slip: str | None = None
        self._last_printed: tuple[str, str] | None = None  # (form: "receipt" | "02" | "03", code or slip number)
        self._saving = False
        self._due_generation = 0
        # Not accepting / reopening
        self.decline_dialog: DeclineDialog | None = None
        self._decline_procedure: str | None = None
        self._decline_prefill: tuple[DocumentLine, ...] = ()
        self.reopen_dialog: ReopenDialog | None = None
        self.reopened_from: Any | None = None  # NotAcceptedInfo of the slip being taken up again
        self._reopens: str | None = None
        self._reopen_note = ""
        self._open_slips: list[Any] = []  # open slips of the owner's ID number, newest first
        self._looked_up_id = ""
        self._lookup_generation = 0

        self._due_timer = QTimer(self)
        self._due_timer.setSingleShot(True)
        self._due_timer.setInterval(DUE_DELAY_MS)
        self._due_timer.timeout.connect(self._refresh_due)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(DUE_REFRESH_MS)
        self._clock_timer.timeout.connect(self._refresh_due)
        self._clock_timer.start()

        v = view
        v.picker.searchRequested.connect(self._on_search_requested)
        v.picker.procedureChosen.connect(self._on_procedure_chosen)
        v.submitter_differs.toggled.connect(self._on_submitter_toggled)
        v.owner.edited.connect(self._on_form_edited)
        v.submitter.edited.connect(self._on_form_edited)
        v.documents.edited.connect(self._on_form_edited)
        v.sets.valueChanged.connect(self._on_sets_changed)
        v.return_method.currentIndexChanged.connect(self._on_return_method_changed)
        v.save_button.clicked.connect(self.save)
        v.new_button.clicked.connect(self.new_intake)
        v.decline_button.clicked.connect(self.decline)
        v.reopen_button.clicked.connect(self.open_reopen_dialog)
        v.banner.actionTriggered.connect(self.reprint)
        v.reopen_banner.actionTriggered.connect(self._on_reopen_banner_action)
        v.owner.id_number.editingFinished.connect(self._look_up_open_slips)
        v.owner.id_number.textEdited.connect(self._on_owner_id_edited)

        self.decline_action = QAction(self)
        self.decline_action.setShortcut(QKeySequence(DECLINE_SHORTCUT))
        self.decline_action.triggered.connect(self.decline)
        self.reopen_action = QAction(self)
        self.reopen_action.setShortcut(QKeySequence(REOPEN_SHORTCUT))
        self.reopen_action.triggered.connect(lambda: self.open_reopen_dialog())
        for action in (self.decline_action, self.reopen_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            v.addAction(action)
        self._retranslate_actions()
        v.installEventFilter(self)  # to hear of a language switch
        self._show_due_placeholder()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.LanguageChange:
            self._on_language_changed()
        return super().eventFilter(watched, event)

    def _retranslate_actions(self) -> None:
        self.decline_action.setText(self.tr("Not &accepted (form 02 / 03)…"))
        self.reopen_action.setText(self.tr("&Reopen a dossier not accepted…"))

    def _on_language_changed(self) -> None:
        """Texts this controller wrote (summary, due date) are written again in the new language."""
        self._retranslate_actions()
        self._show_reopen_banner()
        if self.procedure is None:
            self._show_due_placeholder()
            return
        self.view.picker.set_summary(self._procedure_summary(self.procedure))
        self._refresh_due()

    # --- commands (shortcuts and buttons) -----------------------------------------------

    def focus_procedure(self) -> None:
        self.view.picker.focus_search()

    def new_intake(self) -> None:
        """Ctrl+N: an empty form for the next citizen (asks first if something was typed)."""
        if self._saving:
            return
        if self.is_dirty() and not self.confirm_discard(self.view.window()):
            return
        self.clear_form()
        self.view.banner.hide()
        self.focus_procedure()

    def save(self) -> None:
        """Ctrl+Enter: check, save, then print. Nothing typed is lost on error."""
        if self._saving:
            return
        self._commit_open_edit()
        request, local_errors = self._build_request()
        errors = list(validate_intake(normalize_intake(request)))
        if self.procedure is not None and self.procedure.retired:
            errors.append(self._retired_error(self.procedure))
        # A date the UI could not read is sent as "no date"; report only the UI's message.
        bad_paths = {path for path, _text in local_errors}
        errors = [e for e in errors if e.field not in bad_paths]
        self.view.errors.clear()
        self.view.general_error.clear_message()
        if errors or local_errors:
            self._show_errors(errors, local_errors)
            return
        self._set_saving(True)
        self.view.banner.show_message(BannerKind.INFO, html.escape(self.tr("Saving the dossier…")))
        svc, actor = self.services, self.actor
        self.worker.run(
            lambda: intake.receive_dossier(svc, actor, request),
            on_success=self._on_saved,
            on_failure=self._on_save_failed,
            owner=self.view,
        )

    def reprint(self) -> None:
        """Print the last document again (the receipt, or the slip 02 / 03; archived again)."""
        if self._last_printed is not None and self._last_printed[0] != "receipt":
            self._print_slip(*self._last_printed)
        elif self.last_code:
            self._print(self.last_code)

    def decline(self) -> None:
        """Ctrl+Shift+R: do not accept the dossier typed: form 02 (to complete) or 03 (refusal)."""
        if self._saving:
            return
        self._commit_open_edit()
        v = self.view
        if self.procedure is None:
            v.errors.clear_field("procedure")
            v.picker.set_error(
                self.tr("Choose the procedure first: the slip names the procedure the citizen asked for.")
            )
            self.focus_procedure()
            return
        prefill = self._missing_from_checklist()
        dialog = self.decline_dialog
        if dialog is None or self._decline_procedure != self.procedure.code:
            self._drop_decline_dialog()
            dialog = DeclineDialog(prefill, parent=v.window())
            dialog.submitted.connect(self._on_decline_submitted)
            self.decline_dialog = dialog
            self._decline_procedure = self.procedure.code
        elif dialog.items_model.lines() == self._decline_prefill and prefill != self._decline_prefill:
            # Lines untouched since they were prefilled: follow the checklist as it is now.
            dialog.items_model.set_rows(MissingRow(x.name, x.form, x.count) for x in prefill)
        self._decline_prefill = prefill
        dialog.set_context(v.owner.full_name.text(), self.procedure.name)
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()
        dialog.focus_first()

    def open_reopen_dialog(self, query: str | None = None) -> None:
        """Ctrl+Shift+O: the slips (form 02 / 03) not taken up again, to reopen one."""
        if self._saving:
            return
        if query is None:
            digits = normalize_id_number(self.view.owner.id_number.text())
            query = digits if _is_id_number(digits) else ""
        if self.reopen_dialog is not None:
            self.reopen_dialog.deleteLater()
        dialog = ReopenDialog(self.services, self.worker, query=query, parent=self.view.window())
        dialog.chosen.connect(lambda info: self.reopen(info, dialog=dialog))
        self.reopen_dialog = dialog
        dialog.open()
        dialog.search.setFocus()

    def reopen(self, info: Any, *, dialog: ReopenDialog | None = None, from_banner: bool = False) -> None:
        """Fill the form with a dossier not accepted earlier; Ctrl+Enter then receives it."""
        if self._saving:
            if dialog is not None:
                dialog.set_busy(False)
            return
        v = self.view
        same_citizen = (
            from_banner
            and not (v.submitter_differs.isChecked() and not v.submitter.is_empty())
            and (self.procedure is None or self.procedure.code == info.procedure_code)
        )
        if self.is_dirty() and not same_citizen and not self.confirm_discard(dialog or v.window()):
            if dialog is not None:
                dialog.set_busy(False)
            return
        svc, actor = self.services, self.actor

        def job() -> tuple[IntakeRequest, Any]:
            request = not_accepted.reopen_request(svc, actor, info.number)
            return request, catalog.get_procedure(svc, request.procedure_code)

        v.banner.show_message(BannerKind.INFO, html.escape(self.tr("Reopening slip %1…").replace("%1", info.number)))
        self.worker.run(
            job,
            on_success=lambda result: self._on_reopened(info, result[0], result[1], dialog),
            on_failure=lambda error: self._on_reopen_failed(error, dialog),
            owner=v,
        )

    # --- state --------------------------------------------------------------------------

    @property
    def saving(self) -> bool:
        """A save is in flight (the form is read-only until it answers)."""
        return self._saving

    def is_dirty(self) -> bool:
        v = self.view
        return bool(
            v.picker.edit.text().strip()
            or not v.owner.is_empty()
            or (v.submitter_differs.isChecked() and not v.submitter.is_empty())
            or v.documents_model.rowCount()
        )

    def clear_form(self) -> None:
        v = self.view
        self.procedure = None
        self._reopens = None
        self.reopened_from = None
        self._reopen_note = ""
        self._open_slips = []
        self._looked_up_id = ""
        self._lookup_generation += 1
        v.reopen_banner.hide()
        self._drop_decline_dialog()
        self._due_generation += 1
        self._due_timer.stop()
        v.picker.reset()
        v.owner.clear()
        v.submitter.clear()
        v.submitter_differs.setChecked(False)
        v.documents_model.clear()
        v.sets.setValue(1)
        v.return_method.setCurrentIndex(0)
        v.digitised.setChecked(False)
        v.errors.clear()
        v.general_error.clear_message()
        self._show_due_placeholder()

    def _commit_open_edit(self) -> None:
        """A cell still being edited in the checklist counts: Ctrl+Enter saves what is shown."""
        table = self.view.documents.view
        if table.state() == table.State.EditingState:
            table.setFocus()  # the editor loses the focus, so its delegate commits the value

    def _build_request(self) -> tuple[IntakeRequest, list[tuple[str, str]]]:
        v = self.view
        owner, local = v.owner.person()
        submitter = None
        if v.submitter_differs.isChecked():
            submitter, more = v.submitter.person()
            local = {**local, **more}
        request = IntakeRequest(
            procedure_code=self.procedure.code if self.procedure is not None else "",
            owner=owner,
            submitter=submitter,
            documents=v.documents_model.lines(),
            sets=v.sets.value(),
            return_method=v.return_method.currentData(),
            channel=Channel.IN_PERSON,
            note=self._reopen_note,
            reopens=self._reopens,
            digitised=v.digitised.isChecked(),
        )
        return request, list(local.items())

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        v = self.view
        v.form.setEnabled(not saving)
        for widget in (v.save_button, v.new_button, v.decline_button, v.reopen_button):
            widget.setEnabled(not saving)
        for action in (self.decline_action, self.reopen_action):
            action.setEnabled(not saving)

    # --- procedure search and choice ----------------------------------------------------

    def _on_search_requested(self, query: str) -> None:
        svc, picker = self.services, self.view.picker
        self.worker.run(
            lambda: catalog.search_procedures(svc, query, include_retired=True),
            on_success=lambda found: picker.show_results(query, found),
            on_failure=lambda error: self._on_search_failed(query, error),
            owner=self.view,
        )

    def _on_search_failed(self, query: str, error: BaseException) -> None:
        self.view.picker.search_failed(query)
        self._show_failure(self.tr("The procedure search failed"), error)

    def _on_procedure_chosen(self, info: Any) -> None:
        v = self.view
        self.procedure = info
        v.picker.clear_error()
        v.picker.set_summary(self._procedure_summary(info))
        if info.retired:
            v.picker.set_error(self._retired_error(info).message(current_language()))
            v.documents_model.clear()
            self._show_due_placeholder()
            return
        v.documents_model.set_required_documents(info.documents)
        self._refresh_due()
        v.owner.full_name.setFocus()

    def _retired_error(self, info: Any) -> FieldError:
        return FieldError("procedure", "procedure_retired", {"code": info.code, "name": info.name})

    def _procedure_summary(self, info: Any) -> str:
        days = format_processing_time(info.processing_days, info.counting == Counting.CALENDAR_DAYS)
        parts = [f"<b>{html.escape(info.code)}</b>"]
        if info.field_name:
            parts.append(html.escape(info.field_name))
        parts.append(html.escape(self.tr("Processing time: %1").replace("%1", days)))
        if getattr(info, "fee_text", ""):
            parts.append(html.escape(self.tr("Fee: %1").replace("%1", info.fee_text)))
        return " · ".join(parts)

    # --- live due date ------------------------------------------------------------------

    def _on_form_edited(self) -> None:
        self.view.general_error.clear_message()
        if self.procedure is not None and not self.procedure.retired:
            self._due_timer.start()

    def _on_sets_changed(self, _value: int) -> None:
        self.view.errors.clear_field("sets")
        self._on_form_edited()

    def _on_return_method_changed(self, _index: int) -> None:
        self.view.errors.clear_field("return_method")
        self._on_form_edited()

    def _on_submitter_toggled(self, checked: bool) -> None:
        self.view.set_submitter_visible(checked)
        if checked:
            self.view.submitter.full_name.setFocus()

    def _refresh_due(self) -> None:
        info = self.procedure
        if info is None or info.retired:
            return
        self._due_generation += 1
        generation = self._due_generation
        svc = self.services
        self.worker.run(
            lambda: intake.preview_due(svc, info.code),
            on_success=lambda due: self._on_due(generation, info, due),
            on_failure=lambda error: self._on_due_failed(generation, error),
            owner=self.view,
        )

    def _on_due(self, generation: int, info: Any, due: Any) -> None:
        if generation != self._due_generation or info is not self.procedure:
            return  # an older answer, or the procedure changed meanwhile
        days = format_processing_time(info.processing_days, info.counting == Counting.CALENDAR_DAYS)
        text = self.tr("Result due: %1 (%2)").replace("%1", format_datetime(to_local(due))).replace("%2", days)
        self.view.due.setText(text)

    def _on_due_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._due_generation:
            return
        self.view.due.setText(self.tr("The due date could not be computed: %1").replace("%1", self._describe(error)))

    def _show_due_placeholder(self) -> None:
        self.view.due.setText(self.tr("Choose a procedure to see the due date."))

    # --- save and print -----------------------------------------------------------------

    def _on_saved(self, info: Any) -> None:
        self._set_saving(False)
        self.last_code = info.code
        self._last_printed = ("receipt", info.code)
        self.view.banner.show_message(
            BannerKind.SUCCESS,
            self._saved_html(info) + " " + html.escape(self.tr("Printing the receipt…")),
        )
        self.clear_form()
        self.focus_procedure()
        self.saved.emit(info)
        self._print(info.code, info)

    def _saved_html(self, info: Any) -> str:
        due = format_datetime(to_local(info.due_at))
        return (
            html.escape(self.tr("Dossier received:"))
            + f" <b style='font-size:13pt'>{html.escape(info.code)}</b> — "
            + html.escape(self.tr("%1, result due %2.").replace("%1", info.owner.full_name).replace("%2", due))
        )

    def _on_save_failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, ValidationFailed):
            self._show_errors(error.errors, [])
            return
        self._show_failure(self.tr("The dossier was not saved"), error)
        self.view.save_button.setFocus()

    def _print(self, code: str, info: Any | None = None) -> None:
        svc, actor = self.services, self.actor
        self.worker.run(
            lambda: documents.print_receipt(svc, actor, code),
            on_success=lambda printed: self._on_printed(printed, info),
            on_failure=lambda error: self._on_print_failed(code, error),
            owner=self.view,
        )

    def _on_printed(self, printed: Any, info: Any | None) -> None:
        lead = self._saved_html(info) if info is not None else html.escape(
            self.tr("Receipt of dossier %1 printed again.").replace("%1", self.last_code or "")
        )
        self.view.banner.show_message(
            BannerKind.SUCCESS,
            lead + " " + html.escape(self.tr("The receipt is ready to print (2 copies).")),
            action=self.tr("Print again"),
        )
        self.printed.emit(printed)
        self._preview(printed)

    def _preview(self, printed: Any) -> None:
        """Open the print preview, then give the focus back where the officer was typing."""
        focus = self.view.focusWidget() if self.view.isActiveWindow() else None
        self.preview_opener(printed, self.view.window())
        if focus is not None and focus.isVisible():
            focus.setFocus()
        else:
            self.focus_procedure()

    def _on_print_failed(self, code: str, error: BaseException) -> None:
        log.error("receipt of %s not printed: %s", code, error)
        self.view.banner.show_message(
            BannerKind.ERROR,
            html.escape(
                self.tr("Dossier %1 is saved, but its receipt could not be printed: %2 Press “Print again”.")
                .replace("%1", code)
                .replace("%2", _sentence(self._describe(error)))
            ),
            action=self.tr("Print again"),
        )

    # --- not accepted: form 02 / 03 ---------------------------------------------------------

    def _missing_from_checklist(self) -> tuple[DocumentLine, ...]:
        """The procedure's documents not ticked as received: what form 02 asks for, at first."""
        return tuple(
            DocumentLine(name=r.name.strip(), form=r.form, count=r.count)
            for r in self.view.documents_model.rows()
            if not r.received and r.required and r.name.strip()
        )

    def _drop_decline_dialog(self) -> None:
        dialog, self.decline_dialog = self.decline_dialog, None
        self._decline_procedure = None
        self._decline_prefill = ()
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()

    def _on_decline_submitted(self, kind: str, reason: str, missing: Any) -> None:
        dialog = self.decline_dialog
        if self._saving or dialog is None:
            return
        self._commit_open_edit()
        request, local = self._build_request()
        v = self.view
        v.errors.clear()
        v.general_error.clear_message()
        if local:  # a date the UI cannot read would be stored as "no date": correct it first
            dialog.reject()
            self._show_errors([], local, banner=self._decline_not_recorded())
            return
        self._set_saving(True)
        dialog.set_busy(True)
        v.banner.show_message(BannerKind.INFO, html.escape(self.tr("Recording the slip…")))
        svc, actor, items = self.services, self.actor, tuple(missing)
        self.worker.run(
            lambda: not_accepted.decline_intake(svc, actor, request, kind=kind, reason=reason, missing=items),
            on_success=self._on_declined,
            on_failure=self._on_decline_failed,
            owner=v,
        )

    def _decline_not_recorded(self) -> str:
        return self.tr(
            "No slip was recorded: correct the fields shown in red, then press “Not accepted…” again "
            "(Ctrl+Shift+R). Nothing typed was lost."
        )

    def _on_declined(self, info: Any) -> None:
        self._set_saving(False)
        dialog, self.decline_dialog = self.decline_dialog, None
        if dialog is not None:
            dialog.finish()
            dialog.deleteLater()
        self.last_slip = info.number
        form = FORM_OF_KIND.get(info.kind, "02")
        self.view.banner.show_message(
            BannerKind.SUCCESS, self._declined_html(info) + " " + html.escape(self.tr("Printing the slip…"))
        )
        self.clear_form()
        self.focus_procedure()
        self.declined.emit(info)
        self._print_slip(form, info.number, info)

    def _declined_html(self, info: Any) -> str:
        number = f"<b style='font-size:13pt'>{html.escape(info.number)}</b>"
        if info.kind == "refusal":
            text = self.tr("Refusal slip %1 recorded for %2: the dossier is not received.")
        else:
            text = self.tr(
                "Request to complete %1 recorded for %2. When the citizen comes back, type their ID number "
                "to reopen the form without typing it again."
            )
        parts = html.escape(text).split("%1")
        return number.join(parts).replace("%2", html.escape(info.owner_name))

    def _on_decline_failed(self, error: BaseException) -> None:
        self._set_saving(False)
        dialog = self.decline_dialog
        v = self.view
        v.banner.hide()
        if isinstance(error, ValidationFailed):
            in_dialog = [e for e in error.errors if DeclineDialog.owns(e.field)]
            on_form = [e for e in error.errors if not DeclineDialog.owns(e.field)]
            if dialog is not None:
                dialog.show_errors(in_dialog, focus=not on_form)
            if on_form:
                if dialog is not None:
                    dialog.reject()  # hidden with what was typed; Ctrl+Shift+R shows it again
                self._show_errors(on_form, [], banner=self._decline_not_recorded())
            return
        if dialog is not None and dialog.isVisible():
            if isinstance(error, DomainError):
                dialog.show_failure(error)
            else:
                text = _sentence(self._describe(error)) + " " + self.tr("Nothing was recorded; try again.")
                dialog.show_failure(text)
            return
        self._show_failure(self.tr("No slip was recorded"), error)

    def _print_slip(self, form: str, number: str, info: Any | None = None) -> None:
        self._last_printed = (form, number)
        svc, actor = self.services, self.actor
        self.worker.run(
            lambda: documents.print_form(svc, actor, form, number),
            on_success=lambda printed: self._on_slip_printed(printed, number, info),
            on_failure=lambda error: self._on_slip_print_failed(number, error),
            owner=self.view,
        )

    def _on_slip_printed(self, printed: Any, number: str, info: Any | None) -> None:
        lead = self._declined_html(info) if info is not None else html.escape(
            self.tr("Slip %1 printed again.").replace("%1", number)
        )
        self.view.banner.show_message(
            BannerKind.SUCCESS,
            lead + " " + html.escape(self.tr("The slip is ready to print; give it to the citizen.")),
            action=self.tr("Print again"),
        )
        self.slip_printed.emit(printed)
        self._preview(printed)

    def _on_slip_print_failed(self, number: str, error: BaseException) -> None:
        log.error("slip %s not printed: %s", number, error)
        self.view.banner.show_message(
            BannerKind.ERROR,
            html.escape(
                self.tr("Slip %1 is recorded, but it could not be printed: %2 Press “Print again”.")
                .replace("%1", number)
                .replace("%2", _sentence(self._describe(error)))
            ),
            action=self.tr("Print again"),
        )

    # --- reopening a dossier not accepted --------------------------------------------------

    def _on_owner_id_edited(self, text: str) -> None:
        digits = normalize_id_number(text)
        if len(digits) == 12 and digits.isdigit():
            self._look_up_open_slips()
        elif self._reopens is None and self._open_slips:
            self._open_slips = []
            self._looked_up_id = ""
            self.view.reopen_banner.hide()

    def _look_up_open_slips(self) -> None:
        """The owner's ID number typed: does this citizen have a slip 02 / 03 still open?"""
        if self._reopens is not None:
            return
        digits = normalize_id_number(self.view.owner.id_number.text())
        if not _is_id_number(digits) or digits == self._looked_up_id:
            return
        self._looked_up_id = digits
        self._lookup_generation += 1
        generation = self._lookup_generation
        svc = self.services
        self.worker.run(
            lambda: not_accepted.find_not_accepted(svc, digits, open_only=True),
            on_success=lambda found: self._on_open_slips(generation, digits, found),
            on_failure=lambda error: log.warning("open slips of an ID number not looked up: %s", error),
            owner=self.view,
        )

    def _on_open_slips(self, generation: int, digits: str, found: list[Any]) -> None:
        if generation != self._lookup_generation or self._reopens is not None:
            return
        if normalize_id_number(self.view.owner.id_number.text()) != digits:
            return
        self._open_slips = list(found)
        self._show_reopen_banner()

    def _slip_kind(self, kind: str) -> str:
        return self.tr("refusal slip") if kind == "refusal" else self.tr("request to complete")

    def _show_reopen_banner(self) -> None:
        """The offer to reopen (an open slip for this ID number), or the reminder once reopened."""
        banner = self.view.reopen_banner
        info = self.reopened_from
        if info is not None:
            text = self.tr("Reopened from the %1 no. %2 of %3.").replace("%1", self._slip_kind(info.kind)).replace(
                "%2", info.number).replace("%3", format_date(to_local(info.at).date()))
            if info.missing:
                text += " " + self.tr("To supply: %1.").replace("%1", "; ".join(m.name for m in info.missing))
            text += " " + self.tr("Tick what the citizen brought, then press Ctrl+Enter to receive the dossier.")
            banner.show_message(BannerKind.INFO, html.escape(text))
            return
        if not self._open_slips:
            banner.hide()
            return
        newest = self._open_slips[0]
        text = (
            self.tr("This citizen has a %1 no. %2 of %3 (%4), not taken up again yet.")
            .replace("%1", self._slip_kind(newest.kind))
            .replace("%2", newest.number)
            .replace("%3", format_date(to_local(newest.at).date()))
            .replace("%4", newest.procedure_name)
        )
        if len(self._open_slips) > 1:
            text += " " + self.tr("Slips still open: %1.").replace("%1", str(len(self._open_slips)))
            action = self.tr("Show them…")
        else:
            action = self.tr("Reopen")
        banner.show_message(BannerKind.INFO, html.escape(text), action=action)

    def _on_reopen_banner_action(self) -> None:
        if len(self._open_slips) == 1:
            self.reopen(self._open_slips[0], from_banner=True)
        elif self._open_slips:
            self.open_reopen_dialog(self._looked_up_id)

    def _on_reopened(self, info: Any, request: IntakeRequest, procedure: Any, dialog: ReopenDialog | None) -> None:
        v = self.view
        self.clear_form()
        v.banner.hide()
        self._choose_procedure(procedure)
        v.documents_model.set_rows(_reopened_rows(procedure.documents, request.documents, info.missing))
        v.owner.set_person(request.owner)
        if request.submitter is not None:
            v.submitter_differs.setChecked(True)
            v.submitter.set_person(request.submitter)
        v.sets.setValue(request.sets)
        v.return_method.setCurrentIndex(max(0, v.return_method.findData(request.return_method)))
        v.digitised.setChecked(request.digitised)
        self._reopens = request.reopens
        self._reopen_note = request.note
        self.reopened_from = info
        self._show_reopen_banner()
        if dialog is not None:
            dialog.finish()
        v.documents.view.setFocus()
        v.documents.select_row(0, 0)
        self.reopened.emit(info)

    def _choose_procedure(self, info: Any) -> None:
        """Choose ``info`` in the picker as if typed and picked (the checklist follows)."""
        picker = self.view.picker
        name = info.name.strip()
        picker.reset()
        picker.edit.setText(name)
        picker.show_results(name, [info])
        picker.list.activated.emit(picker.results.index(0, 0))
        picker.edit.deselect()

    def _on_reopen_failed(self, error: BaseException, dialog: ReopenDialog | None) -> None:
        self.view.banner.hide()
        if dialog is not None and dialog.isVisible():
            dialog.show_error(error if isinstance(error, DomainError) else _sentence(self._describe(error)))
            return
        self._show_failure(self.tr("The dossier could not be reopened"), error)

    # --- errors -------------------------------------------------------------------------

    def _show_errors(self, errors: list[FieldError], local: list[tuple[str, str]], banner: str | None = None) -> None:
        """Each message next to its field; focus on the first wrong field; nothing cleared."""
        v = self.view
        lang = current_language()
        extra = list(local)
        placed: list[FieldError] = []
        first_document_row: int | None = None
        for error in errors:
            match = _DOCUMENT_LINE.match(error.field)
            if match is None:
                placed.append(error)
                continue
            row = v.documents_model.row_of_line(int(match.group(1)))
            number = (row if row is not None else int(match.group(1))) + 1
            extra.append(("documents", self.tr("Row %1: %2").replace("%1", str(number)).replace("%2", error.message(lang))))
            if first_document_row is None and row is not None:
                first_document_row = row
        first, unplaced = v.errors.show(placed, lang, extra=extra)
        if unplaced:
            v.general_error.show_message("\n".join(f"{e.label(lang)}: {e.message(lang)}" for e in unplaced))
        count = len(errors) + len(local)
        if banner is None:
            banner = self.tr(
                "Not saved: %n mistake(s) to correct, shown in red next to the fields. Nothing typed was lost.", None, count
            )
        v.banner.show_message(BannerKind.ERROR, html.escape(banner))
        if first is not None:
            if first is v.documents.view and first_document_row is not None:
                v.documents.select_row(first_document_row)
            first.setFocus()
            _ensure_visible(first)

    def _describe(self, error: BaseException) -> str:
        if isinstance(error, DomainError):
            return error.message(current_language())
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(error)))
        return self.tr("unexpected error (%1). Tell the IT administrator.").replace("%1", type(error).__name__)

    def _show_failure(self, what: str, error: BaseException) -> None:
        text = f"{what}: {_sentence(self._describe(error))} " + self.tr("What you typed is still in the form; try again.")
        self.view.banner.show_message(BannerKind.ERROR, html.escape(text))


def _is_id_number(digits: str) -> bool:
    """12 digits (CCCD) or 9 (old CMND): worth asking whether a slip is open for it."""
    return digits.isdigit() and len(digits) in (9, 12)


def _reopened_rows(
    required: Iterable[Any], received: Iterable[DocumentLine], missing: Iterable[DocumentLine]
) -> list[DocumentRow]:
    """The checklist of a reopened intake: the procedure's documents, ticked as they were
    received then; lines typed by hand kept; items asked for on form 02 added unticked."""
    rows = [
        DocumentRow(name=d.name, form=DocumentForm(d.form), count=d.count, received=False, required=d.required)
        for d in required
    ]
    for line in received:
        match = next((i for i, r in enumerate(rows) if not r.received and r.name == line.name), None)
        if match is None:
            rows.append(DocumentRow(name=line.name, form=line.form, count=line.count, received=True, required=False))
        else:
            rows[match] = replace(rows[match], form=line.form, count=line.count, received=True)
    known = {fold(r.name) for r in rows}
    for line in missing:
        if fold(line.name) not in known:
            rows.append(DocumentRow(name=line.name, form=line.form, count=line.count, received=False, required=False))
            known.add(fold(line.name))
    return rows


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _ensure_visible(widget: QWidget) -> None:
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
            return
        parent = parent.parentWidget()
