"""Export the register of dossiers (form 06) for a period, as PDF (A4 landscape) or XLSX.

The register holds personal data: the export is archived and audited by the service, and
the dialog says so. The file chooser is injected (``save_file_name``, with the signature of
QFileDialog.getSaveFileName) so tests can answer it.
"""

from __future__ import annotations

import html
import logging
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError
from counter_app.services import documents
from counter_app.ui.i18n import current_language
from counter_app.ui.widgets.banner import BannerKind, MessageBanner
from counter_app.ui.widgets.field_error import FieldErrorLabel
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

SaveFileName = Callable[[QWidget | None, str, str, str], tuple[str, str]]
EXTENSIONS = {"pdf": ".pdf", "xlsx": ".xlsx"}


def export_to_file(services: Any, actor: Any, start: date, end: date, fmt: str, path: Path) -> Any:
    """Render and archive the register (audited), then write the officer's copy (on the worker)."""
    printed = documents.export_register(services, actor, start, end, fmt)
    path.write_bytes(printed.pdf)  # an OSError is explained by the dialog
    return printed


class RegisterDialog(QDialog):
    """From / to dates (default: the 1st of this month to today), PDF or XLSX, then a file name.

    Ctrl+Enter or "Export…" asks where to save, exports off the GUI thread and says where
    the file is. ``exported`` holds (path, PrintedDocumentInfo) of the last export.
    """

    def __init__(
        self,
        services: Any,
        actor: Any,
        worker: Worker,
        *,
        save_file_name: SaveFileName = QFileDialog.getSaveFileName,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.save_file_name = save_file_name
        self.exported: tuple[Path, Any] | None = None
        self._busy = False

        today = to_local(services.now()).date()
        self.start = QDateEdit(QDate(today.year, today.month, 1))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMaximumDate(QDate(today.year, today.month, today.day))
            edit.setMinimumDate(QDate(2000, 1, 1))
            edit.dateChanged.connect(lambda _d: self.period_error.clear_message())
        self.start_label = QLabel()
        self.start_label.setBuddy(self.start)
        self.end_label = QLabel()
        self.end_label.setBuddy(self.end)
        self.period_error = FieldErrorLabel()

        self.pdf = QRadioButton()
        self.xlsx = QRadioButton()
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.pdf)
        self.format_group.addButton(self.xlsx)
        self.pdf.setChecked(True)
        formats = QHBoxLayout()
        formats.setContentsMargins(0, 0, 0, 0)
        formats.addWidget(self.pdf)
        formats.addWidget(self.xlsx)
        formats.addStretch(1)
        self.format_label = QLabel()

        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel { background: #fef7e0; color: #7a4f01; border: 1px solid #f9d77e; border-radius: 4px;"
            " padding: 6px; }"
        )
        self.banner = MessageBanner()
        self.banner.actionTriggered.connect(self.open_folder)
        self.error = FieldErrorLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.start_label, _stack(self.start, FieldErrorLabel()))
        form.addRow(self.end_label, _stack(self.end, self.period_error))
        formats_box = QWidget()
        formats_box.setLayout(formats)
        form.addRow(self.format_label, formats_box)

        self.export_button = QPushButton()
        self.close_button = QPushButton()
        for button in (self.export_button, self.close_button):
            button.setAutoDefault(False)
        self.export_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.export)
        self.retranslateUi()
        self.setMinimumWidth(520)

    # --- view -------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Export the register of dossiers (form 06)"))
        self.start_label.setText(self.tr("&From"))
        self.end_label.setText(self.tr("&To (inclusive)"))
        self.format_label.setText(self.tr("Format"))
        self.pdf.setText(self.tr("&PDF (to print, A4 landscape)"))
        self.xlsx.setText(self.tr("&Excel (XLSX)"))
        self.warning.setText(self.tr(
            "The register holds personal data of citizens (names, ID numbers, addresses, phones). "
            "The export is recorded under your name. Keep the file on the centre's computers only."
        ))
        self.export_button.setText(self.tr("E&xport… (Ctrl+Enter)"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- values -----------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))

    def fmt(self) -> str:
        return "xlsx" if self.xlsx.isChecked() else "pdf"

    def set_format(self, fmt: str) -> None:
        (self.xlsx if fmt == "xlsx" else self.pdf).setChecked(True)

    @property
    def busy(self) -> bool:
        return self._busy

    # --- export -------------------------------------------------------------------------

    def suggested_name(self) -> str:
        start, end = self.period()
        return f"so-theo-doi-ho-so_{start:%Y-%m-%d}_{end:%Y-%m-%d}{EXTENSIONS[self.fmt()]}"

    def export(self) -> None:
        """Ctrl+Enter: ask where to save, then export off the GUI thread."""
        if self._busy:
            return
        self.error.clear_message()
        self.period_error.clear_message()
        start, end = self.period()
        if start > end:
            self.period_error.show_message(DomainError("date_range_invalid").message(current_language()))
            self.end.setFocus()
            return
        fmt = self.fmt()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        filters = self.tr("PDF document (*.pdf)") if fmt == "pdf" else self.tr("Excel workbook (*.xlsx)")
        chosen, _filter = self.save_file_name(
            self, self.tr("Save the register as"), str(Path(folder) / self.suggested_name()), filters
        )
        if not chosen:
            return  # the officer cancelled the file chooser
        path = Path(chosen)
        if path.suffix.lower() != EXTENSIONS[fmt]:
            path = path.with_name(path.name + EXTENSIONS[fmt])
        self._set_busy(True)
        self.banner.show_message(BannerKind.INFO, html.escape(self.tr("Exporting the register…")))
        svc, actor = self.services, self.actor
        self.worker.run(
            lambda: export_to_file(svc, actor, start, end, fmt, path),
            on_success=lambda printed: self._on_exported(path, printed),
            on_failure=self._on_failed,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.export_button, self.start, self.end, self.pdf, self.xlsx):
            widget.setEnabled(not busy)

    def _on_exported(self, path: Path, printed: Any) -> None:
        self._set_busy(False)
        self.exported = (path, printed)
        self.banner.show_message(
            BannerKind.SUCCESS,
            html.escape(self.tr("The register was saved to:")) + f"<br><b>{html.escape(str(path))}</b>",
            action=self.tr("Open the folder"),
        )
        self.adjustSize()
        self.close_button.setFocus()

    def open_folder(self) -> None:
        """Show the folder of the exported file in the file manager."""
        if self.exported is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported[0].parent)))

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.banner.hide()
        if isinstance(error, OSError):
            self.error.show_message(
                self.tr("The file %1 could not be written (%2). Choose another folder and export again.")
                .replace("%1", str(error.filename or "")).replace("%2", error.strerror or type(error).__name__)
            )
            return
        if isinstance(error, DomainError):
            if error.code == "date_range_invalid":
                self.period_error.show_message(error.message(current_language()))
                return
            text = error.message(current_language())
        else:
            log.error("register not exported:\n%s", "".join(traceback.format_exception(error)))
            text = self.tr("unexpected error (%1). Tell the IT administrator.").replace("%1", type(error).__name__)
        self.error.show_message(self.tr("The register was not exported: %1").replace("%1", text))

    def reject(self) -> None:
        if self._busy:
            return  # the export finishes first
        super().reject()


def _stack(widget: QWidget, error: FieldErrorLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
    layout.addWidget(error)
    return box
