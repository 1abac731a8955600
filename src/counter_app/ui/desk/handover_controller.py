"""Behaviour of the handover screen: scan → check → collector, fees, rating → hand over → receipt."""

from __future__ import annotations

import html
import logging
import re
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QWidget

from counter_app.domain.calendar import to_local
from counter_app.domain.dossier_code import looks_like_dossier_code
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.intake import ReturnMethod
from counter_app.services import documents, handover, queue, search
from counter_app.ui.i18n import current_language, format_datetime
from counter_app.ui.widgets.banner import BannerKind

log = logging.getLogger(__name__)

PreviewOpener = Callable[[Any, QWidget | None], None]
SEARCH_LIMIT = 30
_FEE_SEPARATORS = re.compile(r"[ .,]")


def parse_fees(text: str) -> tuple[int | None, bool]:
    """"50.000" → (50000, True); "" → (None, True); anything else → (None, False)."""
    digits = _FEE_SEPARATORS.sub("", text.strip())
    if not digits:
        return None, True
    if not digits.isdigit() or len(digits) > 13:
        return None, False
    return int(digits), True


def format_fees(value: int) -> str:
    """50000 → "50.000" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


class HandoverController(QObject):
    """Drives a HandoverView with services.handover, services.search and services.documents.

    ``preview_opener(printed, parent)`` shows the hand-over receipt after printing; tests
    replace it to capture the PrintedDocumentInfo.

    Signals:
        checked(object): a scanned dossier was looked up (HandoverCheck).
        handedOver(object): a result was handed over (DossierInfo).
        printed(object): its hand-over receipt was archived (PrintedDocumentInfo).
    """

    checked = Signal(object)
    handedOver = Signal(object)
    printed = Signal(object)

    def __init__(
        self,
        view: Any,
        services: Any,
        actor: Any,
        worker: Any,
        *,
        preview_opener: PreviewOpener,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.services = services
        self.actor = actor
        self.worker = worker
        self.preview_opener = preview_opener
        self.check: Any | None = None  # the HandoverCheck shown
        self.last_code: str | None = None  # the last dossier handed over (for “Print again”)
        self.scale: tuple[str, ...] = ()
        self._busy = False
        self._generation = 0
        self._state_source: tuple[str, Any] = ("idle", None)

        v = view
        v.search.returnPressed.connect(self.lookup)
        v.search_button.clicked.connect(self.lookup)
        v.search.textEdited.connect(self._on_search_edited)
        v.results.activated.connect(self._on_result_activated)
        v.hand_over_button.clicked.connect(self.hand_over)
        for shortcut in v.hand_over_shortcuts:
            shortcut.activated.connect(self.hand_over)
        v.clear_button.clicked.connect(self.new_citizen)
        v.banner.actionTriggered.connect(self.reprint)
        v.fees.editingFinished.connect(self._on_fees_finished)
        v.fees.textEdited.connect(lambda _t: v.errors.clear_field("fees_paid"))
        v.collector_name.textEdited.connect(lambda _t: v.errors.clear_field("collector.full_name"))
        v.collector_id.textEdited.connect(lambda _t: v.errors.clear_field("collector.id_number"))
        v.collector_note.textEdited.connect(lambda _t: v.errors.clear_field("collector.authorisation_note"))
        v.rating_reason.textEdited.connect(lambda _t: v.errors.clear_field("rating"))
        v.rating_buttons.idToggled.connect(self._on_rating_toggled)
        v.languageChanged.connect(self._on_language_changed)
        self._show_idle()
        self._load_scale()

    # --- commands -----------------------------------------------------------------------

    def lookup(self) -> None:
        """Enter in the search box: a dossier code is checked at once; other text is searched."""
        if self._busy:
            return  # a handover is being recorded: its answer clears the screen
        text = self.view.search.text().strip()
        self.view.search_error.clear_message()
        if not text:
            self.view.search_error.show_message(self.tr("Scan the barcode on the appointment slip or type the dossier code."))
            return
        if looks_like_dossier_code(text):
            self.check_code(text)
        else:
            self._search(text)

    def check_code(self, code: str) -> None:
        """Look the dossier up (in the worker) and show whether it can be handed over."""
        if self._busy:
            return
        self._generation += 1
        generation = self._generation
        self.view.hand_over_button.setEnabled(False)
        self.view.set_state("busy", self.tr("Checking dossier %1…").replace("%1", code))
        svc, actor = self.services, self.actor
        self.worker.run(
            lambda: handover.check_handover(svc, actor, code),
            on_success=lambda check: self._on_checked(generation, check),
            on_failure=lambda error: self._on_check_failed(generation, code, error),
            owner=self.view,
        )

    def hand_over(self) -> None:
        """Ctrl+Enter: record the handover, then print the receipt. Nothing typed is lost on error."""
        check = self.check
        if self._busy or check is None or not check.ready:
            return
        v = self.view
        v.errors.clear()
        v.general_error.clear_message()
        fees, fees_ok = parse_fees(v.fees.text())
        if not fees_ok:
            self._show_errors([FieldError("fees_paid", "fees_invalid")])
            return
        collector = handover.Collector(
            kind="authorised" if v.is_authorised() else "owner",
            full_name=v.collector_name.text() if v.is_authorised() else "",
            id_number=v.collector_id.text() if v.is_authorised() else "",
            authorisation_note=v.collector_note.text() if v.is_authorised() else "",
        )
        rating = v.rating_value()
        reason = v.rating_reason.text() if rating == 1 else ""
        fee_note = v.fee_note.text()
        code = check.code
        svc, actor = self.services, self.actor
        self._set_busy(True)
        v.banner.show_message(BannerKind.INFO, html.escape(self.tr("Recording the handover of %1…").replace("%1", code)))
        self.worker.run(
            lambda: handover.hand_over(svc, actor, code, collector=collector, fees_paid=fees, fee_note=fee_note,
                                       rating=rating, rating_reason=reason),
            on_success=self._on_handed_over,
            on_failure=self._on_hand_over_failed,
            owner=self.view,
        )

    def reprint(self) -> None:
        """Print the hand-over receipt of the last result handed over again (archived again)."""
        if self.last_code:
            self._print(self.last_code, None)

    def new_citizen(self) -> None:
        """Clear everything and wait for the next scan."""
        if self._busy:
            return
        self._generation += 1
        self.clear_form()
        v = self.view
        v.search.clear()
        v.search_error.clear_message()
        v.results_model.clear()
        v.results_box.hide()
        self._show_idle()
        v.focus_search()

    def clear_form(self) -> None:
        """The collector, fees and rating of the previous citizen go; the search box stays."""
        v = self.view
        self.check = None
        v.hand_over_button.setEnabled(False)
        v.errors.clear()
        v.general_error.clear_message()
        v.collector_owner.setChecked(True)
        for widget in (v.collector_name, v.collector_id, v.collector_note, v.fees, v.fee_note, v.rating_reason):
            widget.clear()
        v.rating_none.setChecked(True)
        self._show_details(None)

    @property
    def busy(self) -> bool:
        return self._busy

    # --- looking the dossier up ---------------------------------------------------------

    def _search(self, text: str) -> None:
        self._generation += 1
        generation = self._generation
        self.view.set_state("busy", self.tr("Searching…"))
        svc = self.services
        self.worker.run(
            lambda: search.search_dossiers(svc, text, limit=SEARCH_LIMIT),
            on_success=lambda found: self._on_found(generation, text, found),
            on_failure=lambda error: self._on_search_failed(generation, error),
            owner=self.view,
        )

    def _on_found(self, generation: int, text: str, found: list[Any]) -> None:
        if generation != self._generation:
            return
        v = self.view
        v.results_model.set_items(found)
        if not found:
            v.results_box.hide()
            self._show_problem_text(self.tr("No dossier found for “%1”. Check the code on the appointment slip.").replace("%1", text))
            return
        if len(found) == 1:
            v.results_box.hide()
            self.check_code(found[0].code)
            return
        v.results_box.show()
        self._show_idle(self.tr("%1 dossiers match “%2”: choose one in the list.").replace("%1", str(len(found))).replace("%2", text))
        v.results.setFocus()
        v.results.selectRow(0)

    def _on_search_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._show_idle()
        self.view.search_error.show_message(self._describe(error))
        self.view.focus_search()

    def _on_result_activated(self, index: QModelIndex) -> None:
        item = self.view.results_model.item(index.row())
        if item is not None:
            self.check_code(item.code)
            self.view.focus_search()

    def _on_search_edited(self, _text: str) -> None:
        self.view.search_error.clear_message()

    def _on_checked(self, generation: int, check: Any) -> None:
        if generation != self._generation:
            return
        previous = self.check
        if previous is not None and previous.code != check.code:
            self.view.errors.clear()
        self.check = check
        self._show_details(check)
        self._show_check_state(check)
        self.view.hand_over_button.setEnabled(bool(check.ready) and not self._busy)
        self.view.search.setText(check.code)
        self.view.focus_search()
        self.checked.emit(check)

    def _on_check_failed(self, generation: int, code: str, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.check = None
        self._show_details(None)
        self.view.hand_over_button.setEnabled(False)
        self._show_problem_error(error)
        self.view.focus_search()

    # --- handing over -------------------------------------------------------------------

    def _on_handed_over(self, info: Any) -> None:
        self._set_busy(False)
        self.last_code = info.code
        v = self.view
        who = self._collector_text()
        self.handedOver.emit(info)
        self.clear_form()
        v.search.clear()
        v.results_model.clear()
        v.results_box.hide()
        done = self._handed_html(info.code, who, info)
        v.banner.show_message(BannerKind.SUCCESS, done + " " + html.escape(self.tr("Printing the hand-over receipt…")))
        self._show_idle()
        v.focus_search()
        self._print(info.code, done)

    def _collector_text(self) -> str:
        v = self.view
        if v.is_authorised():
            return v.collector_name.text().strip()
        return self.check.owner_name if self.check is not None else ""

    def _handed_html(self, code: str, who: str, info: Any) -> str:
        at = format_datetime(to_local(info.returned_at)) if getattr(info, "returned_at", None) else ""
        text = self.tr("Result of dossier %1 handed over to %2 at %3.").replace("%2", who).replace("%3", at)
        return html.escape(text).replace("%1", f"<b style='font-size:13pt'>{html.escape(code)}</b>")

    def _on_hand_over_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        v = self.view
        if isinstance(error, ValidationFailed):
            self._show_errors(error.errors)
            return
        v.banner.hide()
        self._show_problem_error(error)
        if isinstance(error, DomainError) and error.code.startswith("handover_"):
            v.hand_over_button.setEnabled(False)  # returned or withdrawn meanwhile
        if v.hand_over_button.isEnabled():
            v.hand_over_button.setFocus()
        else:
            v.focus_search()

    def _print(self, code: str, lead_html: str | None) -> None:
        svc, actor = self.services, self.actor
        self.worker.run(
            lambda: documents.print_form(svc, actor, "handover", code),
            on_success=lambda printed: self._on_printed(code, printed, lead_html),
            on_failure=lambda error: self._on_print_failed(code, error),
            owner=self.view,
        )

    def _on_printed(self, code: str, printed: Any, lead_html: str | None) -> None:
        lead = lead_html or html.escape(self.tr("Hand-over receipt of dossier %1 printed again.").replace("%1", code))
        self.view.banner.show_message(
            BannerKind.SUCCESS,
            lead + " " + html.escape(self.tr("The hand-over receipt is ready to print.")),
            action=self.tr("Print again"),
        )
        self.printed.emit(printed)
        self.preview_opener(printed, self.view.window())
        self.view.focus_search()

    def _on_print_failed(self, code: str, error: BaseException) -> None:
        log.error("hand-over receipt of %s not printed: %s", code, error)
        text = self.tr("The result of %1 is recorded as handed over, but its receipt could not be printed: %2 Press “Print again”.")
        self.view.banner.show_message(
            BannerKind.ERROR,
            html.escape(text.replace("%1", code).replace("%2", _sentence(self._describe(error)))),
            action=self.tr("Print again"),
        )

    # --- showing ------------------------------------------------------------------------

    def _show_details(self, check: Any | None) -> None:
        d = self.view.details
        if check is None:
            for label in d.values():
                label.clear()
            return
        lang = current_language()
        owner = check.owner_name + (f"  ({check.owner_id_masked})" if check.owner_id_masked else "")
        submitter = "—"
        if check.submitter_name:
            submitter = check.submitter_name + (f"  ({check.submitter_id_masked})" if check.submitter_id_masked else "")
        try:
            method = ReturnMethod(check.return_method).label(lang)
        except ValueError:
            method = str(check.return_method)
        d["code"].setText(check.code)
        d["procedure"].setText(check.procedure_name)
        d["owner"].setText(owner)
        d["submitter"].setText(submitter)
        d["received"].setText(format_datetime(to_local(check.received_at)))
        due = format_datetime(to_local(check.due_at))
        late = check.result_ready_at is not None and check.result_ready_at > check.due_at
        d["due"].setText(due + self.tr(" (the result came late)") if late else due)
        d["due"].setStyleSheet("font-weight: 600;" + (" color: #b00020;" if late else ""))
        d["ready_at"].setText(format_datetime(to_local(check.result_ready_at)) if check.result_ready_at else self.tr("not yet"))
        d["return_method"].setText(method)
        d["fee"].setText(check.fee_text or self.tr("none"))

    def _show_check_state(self, check: Any) -> None:
        self._state_source = ("check", check)
        if check.ready:
            text = self.tr("Ready to hand over: %1 — %2").replace("%1", check.code).replace("%2", check.owner_name)
            self.view.set_state("ready", "✔ " + text)
        else:
            problem = check.problem
            message = problem.message(current_language()) if problem is not None else check.status.label(current_language())
            self.view.set_state("problem", "✖ " + message)

    def _show_problem_error(self, error: BaseException) -> None:
        self._state_source = ("error", error)
        self.view.set_state("problem", "✖ " + self._describe(error))

    def _show_problem_text(self, text: str) -> None:
        self._state_source = ("text", text)
        self.view.set_state("problem", "✖ " + text)

    def _show_idle(self, text: str = "") -> None:
        self._state_source = ("idle", text)
        self.view.set_state("neutral", text or self.tr("Scan the barcode on the citizen's appointment slip."))

    def _on_language_changed(self) -> None:
        kind, value = self._state_source
        if kind == "check":
            self._show_details(value)
            self._show_check_state(value)
        elif kind == "error":
            self._show_problem_error(value)
        elif kind == "idle" and not value:
            self._show_idle()

    def _show_errors(self, errors: list[FieldError]) -> None:
        v = self.view
        lang = current_language()
        first, unplaced = v.errors.show(errors, lang)
        if unplaced:
            v.general_error.show_message("\n".join(f"{e.label(lang)}: {e.message(lang)}" for e in unplaced))
        v.banner.show_message(
            BannerKind.ERROR,
            html.escape(self.tr("Not handed over yet: correct what is shown in red. Nothing typed was lost.")),
        )
        if first is not None:
            first.setFocus()

    def _on_fees_finished(self) -> None:
        value, ok = parse_fees(self.view.fees.text())
        if ok and value is not None:
            self.view.fees.setText(format_fees(value))

    def _on_rating_toggled(self, value: int, checked: bool) -> None:
        if not checked:
            return
        worst = value == 1
        self.view.rating_reason.setEnabled(worst)
        self.view.errors.clear_field("rating")
        if worst:
            self.view.rating_reason.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        v = self.view
        v.form.setEnabled(not busy)
        v.clear_button.setEnabled(not busy)
        v.hand_over_button.setEnabled(not busy and self.check is not None and bool(self.check.ready))

    def _load_scale(self) -> None:
        svc = self.services
        self.worker.run(
            lambda: queue.rating_scale(svc),
            on_success=self._on_scale,
            on_failure=lambda error: log.error("rating scale not loaded: %s", error),
            owner=self.view,
        )

    def _on_scale(self, scale: tuple[str, ...]) -> None:
        self.scale = tuple(scale)
        self.view.set_rating_scale(self.scale)

    def _describe(self, error: BaseException) -> str:
        if isinstance(error, DomainError):
            return error.message(current_language())
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(error)))
        return self.tr("unexpected error (%1). Tell the IT administrator.").replace("%1", type(error).__name__)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
