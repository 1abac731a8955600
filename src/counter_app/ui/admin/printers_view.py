"""Máy in: this PC's printers — the forms printer (A5 forms, A4 registers) and the ticket printer
(80 or 58 mm roll) — kept in this PC's config file, with a test page for each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import config
from counter_app.services import admin
from counter_app.ui.admin.base import AdminTab
from counter_app.ui.kiosk.printing import QtTicketPrinter, TicketPrintJob
from counter_app.ui.widgets.banner import BannerKind
from counter_app.ui.widgets.pdf_preview import page_size_of, paint_pdf
from counter_app.ui.worker import Worker


def print_forms_page(pdf: bytes, printer_name: str, output_file: Path | None) -> None:
    """Print an A5 page on the named printer (or into a PDF file)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if output_file is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output_file))
    elif printer_name:
        printer.setPrinterName(printer_name)
    if output_file is None and (printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or not printer.isValid()):
        raise RuntimeError(f"no usable printer {printer_name or '(system default)'!r}")
    printer.setDocName("Trang in thử A5")
    printer.setPageSize(page_size_of(pdf))
    printer.setFullPage(True)
    paint_pdf(printer, pdf)


class AdminPrintersView(AdminTab):
    """``pdf_output``: a folder where the test pages go as PDF files instead of a printer (tests, no printer).
    ``printed``: the files written there."""

    def __init__(self, services: Any, actor: Any, worker: Worker, *, pdf_output: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.pdf_output = pdf_output
        self.printed: list[Path] = []
        self.choice: config.PrinterChoice | None = None
        self.box = QGroupBox()
        form = QFormLayout()
        self.forms_printer = QComboBox()
        self.ticket_printer = QComboBox()
        self.width = QComboBox()
        self.width.addItem("", 80)
        self.width.addItem("", 58)
        self.add_field(form, "forms_printer", self.forms_printer, lambda: self.tr("&Forms printer (A5, A4)"))
        self.add_field(form, "ticket_printer", self.ticket_printer, lambda: self.tr("&Ticket printer"))
        self.add_field(form, "ticket_width_mm", self.width, lambda: self.tr("Ticket &roll"))
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setStyleSheet("color: #555555;")
        self.save_button = QPushButton()
        self.test_forms_button = QPushButton()
        self.test_ticket_button = QPushButton()
        self.refresh_button = QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        row.addWidget(self.test_forms_button)
        row.addWidget(self.test_ticket_button)
        row.addWidget(self.save_button)
        box = QVBoxLayout(self.box)
        box.addLayout(form)
        box.addWidget(self.where)
        box.addLayout(row)
        layout = self.page_layout()
        layout.addWidget(self.box)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.test_forms_button.clicked.connect(lambda: self.test_page("forms"))
        self.test_ticket_button.clicked.connect(lambda: self.test_page("ticket"))
        self.refresh_button.clicked.connect(self.reload)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.box.setTitle(self.tr("Printers of this computer"))
        self.width.setItemText(0, self.tr("80 mm"))
        self.width.setItemText(1, self.tr("58 mm"))
        self.save_button.setText(self.tr("&Save"))
        self.test_forms_button.setText(self.tr("Test page on the f&orms printer"))
        self.test_ticket_button.setText(self.tr("Test &ticket"))
        self.refresh_button.setText(self.tr("&Look for printers again"))
        self.where.setText(self.tr("Saved in this computer's settings file (%1); each computer chooses its own "
                                   "printers. The desk and the kiosk use them from their next start.")
                           .replace("%1", str(config.config_file())))
        if self.choice is not None:
            self._fill(self.choice)

    def reload(self) -> None:
        try:
            self.choice = admin.printer_choice(self.actor)
        except Exception as error:  # noqa: BLE001 - shown, never raised into Qt
            self.show_failure(error)
            return
        self._fill(self.choice)
        self.loaded = True

    @staticmethod
    def available_printers() -> list[str]:
        return list(QPrinterInfo.availablePrinterNames())

    def _fill(self, choice: config.PrinterChoice) -> None:
        names = self.available_printers()
        default = QPrinterInfo.defaultPrinterName()
        for combo, wanted in ((self.forms_printer, choice.forms_printer), (self.ticket_printer, choice.ticket_printer)):
            combo.clear()
            combo.addItem(self.tr("The system's default printer (%1)").replace("%1", default or self.tr("none"))
                          if default or not names else self.tr("The system's default printer"), "")
            for name in names:
                combo.addItem(name, name)
            if wanted and wanted not in names:
                combo.addItem(self.tr("%1 (not found on this computer)").replace("%1", wanted), wanted)
            combo.setCurrentIndex(max(combo.findData(wanted), 0))
        self.width.setCurrentIndex(max(self.width.findData(choice.ticket_width_mm), 0))

    def save(self) -> None:
        svc, actor = self.services, self.actor
        forms, ticket, width = (self.forms_printer.currentData(), self.ticket_printer.currentData(),
                                self.width.currentData())
        self.errors.clear()
        self.run(lambda: admin.save_printers(svc, actor, forms_printer=forms, ticket_printer=ticket,
                                             ticket_width_mm=width), self._on_saved)

    def _on_saved(self, path: Path) -> None:
        self.choice = config.load_printers()
        self.say(BannerKind.SUCCESS, self.tr("Saved in %1.").replace("%1", str(path)))

    def test_page(self, kind: str) -> None:
        combo = self.forms_printer if kind == "forms" else self.ticket_printer
        name, width, out = combo.currentData() or "", int(self.width.currentData()), None
        if self.pdf_output is not None:
            self.pdf_output.mkdir(parents=True, exist_ok=True)
            out = self.pdf_output / f"test-{kind}-{len(self.printed) + 1}.pdf"
        svc = self.services

        def work() -> Path | None:
            centre = admin.site_name(svc)
            pdf = admin.sample_page_pdf(kind, ticket_width_mm=width, printer_name=name, centre=centre,
                                        now=svc.now())
            if kind == "forms":
                print_forms_page(pdf, name, out)
            else:
                QtTicketPrinter(name, output_file=out)(TicketPrintJob(number="A000", pdf=pdf, roll_mm=width))
            return out

        shown = name or self.tr("the system's default printer")
        self.run(work, lambda path: self._on_printed(path, shown),
                 lambda error: self.say(BannerKind.ERROR, self.tr(
                     "The test page could not be printed on %1: %2. Check that the printer is on, has paper and "
                     "is connected, then try again.").replace("%1", shown).replace("%2", str(error))))

    def _on_printed(self, path: Path | None, shown: str) -> None:
        if path is not None:
            self.printed.append(path)
        self.say(BannerKind.SUCCESS, self.tr("The test page was sent to %1.").replace("%1", shown))
