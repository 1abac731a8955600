"""Behaviour of the intake form: search, checklist, live due date, save, print, errors."""

from __future__ import annotations

import html
import logging
import re
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app.domain.calendar import Counting, to_local
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.intake import Channel, IntakeRequest, normalize_intake, validate_intake
from counter_app.services import catalog, documents, intake
from counter_app.ui.desk.intake_view import IntakeView
from counter_app.ui.i18n import current_language, format_datetime, format_processing_time
from counter_app.ui.widgets.banner import BannerKind
from counter_app.ui.widgets.pdf_preview import open_receipt_preview
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

DUE_DELAY_MS = 400  # debounce of the live due date while the officer types
DUE_REFRESH_MS = 30_000  # the clock moves on even when nobody types
_DOCUMENT_LINE = re.compile(r"^documents\[(\d+)\](?:\.(\w+))?$")

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

    Signals:
        saved(object): a dossier was received (DossierInfo).
        printed(object): its receipt was archived (PrintedDocumentInfo).
    """

    saved = Signal(object)
    printed = Signal(object)

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
        self._saving = False
        self._due_generation = 0

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
        v.banner.actionTriggered.connect(self.reprint)
        v.installEventFilter(self)  # to hear of a language switch
        self._show_due_placeholder()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.LanguageChange:
            self._on_language_changed()
        return super().eventFilter(watched, event)

    def _on_language_changed(self) -> None:
        """Texts this controller wrote (summary, due date) are written again in the new language."""
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
        """Print the receipt of the last saved dossier again (archived again)."""
        if self.last_code:
            self._print(self.last_code)

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
        self._due_generation += 1
        self._due_timer.stop()
        v.picker.reset()
        v.owner.clear()
        v.submitter.clear()
        v.submitter_differs.setChecked(False)
        v.documents_model.clear()
        v.sets.setValue(1)
        v.return_method.setCurrentIndex(0)
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
        )
        return request, list(local.items())

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.view.form.setEnabled(not saving)
        self.view.save_button.setEnabled(not saving)
        self.view.new_button.setEnabled(not saving)

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

    # --- errors -------------------------------------------------------------------------

    def _show_errors(self, errors: list[FieldError], local: list[tuple[str, str]]) -> None:
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
        v.banner.show_message(
            BannerKind.ERROR,
            html.escape(
                self.tr("Not saved: %n mistake(s) to correct, shown in red next to the fields. Nothing typed was lost.", None, count)
            ),
        )
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
