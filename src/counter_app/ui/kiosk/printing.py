"""Where a kiosk ticket goes: the thermal printer through Qt's print system, or a folder of PDFs.

A sink is any callable taking a :class:`TicketPrintJob`; it returns when the job has been
handed over and raises when it could not be. The kiosk calls it on a worker thread (Qt
supports QPainter on a QPrinter outside the GUI thread), so a slow spooler never freezes
the screen. "Handed over" is all Qt can know: a printer that runs out of paper after
accepting the job is not detected, which is one more reason the kiosk shows the number
big on screen.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from counter_app.ui.widgets.pdf_preview import configured_printer, paint_pdf

POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class TicketPrintJob:
    number: str  # "A012"
    pdf: bytes  # one page, as wide as the roll (printing/ticket.py)
    roll_mm: int  # 80 or 58


TicketSink = Callable[[TicketPrintJob], None]


class PrinterUnavailable(RuntimeError):
    """The printer could not take the ticket (none installed, offline, spooler error)."""


def roll_page_size(pdf: bytes, roll_mm: int) -> QPageSize:
    """A custom page exactly ``roll_mm`` wide and as long as the ticket, so the cutter cuts below it."""
    document = pdfium.PdfDocument(pdf)
    try:
        _width, height = document[0].get_size()
    finally:
        document.close()
    return QPageSize(
        QSizeF(roll_mm, height / POINTS_PER_MM),
        QPageSize.Unit.Millimeter,
        f"Roll {roll_mm} mm",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )


class QtTicketPrinter:
    """Prints tickets on a QPrinter: the named printer, else this PC's ticket printer chosen in the
    administration window (when installed), else the system's default printer.

    ``output_file`` sends the job to a PDF file through the same Qt print path instead
    (tests, and checking the page size a driver would get).
    """

    def __init__(self, printer_name: str = "", *, output_file: Path | None = None) -> None:
        self.printer_name = printer_name or (configured_printer("ticket") if output_file is None else "")
        self.output_file = output_file

    def _printer(self, job: TicketPrintJob) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.output_file is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.output_file))
        else:
            if self.printer_name:
                printer.setPrinterName(self.printer_name)
            if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or not printer.isValid():
                raise PrinterUnavailable(f"no usable printer {self.printer_name or '(system default)'!r}")
        printer.setDocName(f"Ticket {job.number}")
        printer.setFullPage(True)
        layout = QPageLayout(
            roll_page_size(job.pdf, job.roll_mm),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
        if not printer.setPageLayout(layout):
            # Some drivers refuse a layout they do not list; the page size alone usually passes.
            printer.setPageSize(layout.pageSize())
        return printer

    def __call__(self, job: TicketPrintJob) -> None:
        printer = self._printer(job)
        try:
            paint_pdf(printer, job.pdf)
        except RuntimeError as exc:
            raise PrinterUnavailable(str(exc)) from exc
        if printer.printerState() == QPrinter.PrinterState.Error:
            raise PrinterUnavailable(f"the printer {printer.printerName()!r} reported an error")


class PdfDirSink:
    """Writes each ticket as ``ticket-<number>-<yyyymmddThhmmss>.pdf`` into a folder (no printer)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.written: list[Path] = []

    def __call__(self, job: TicketPrintJob) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = f"ticket-{job.number}-{time.strftime('%Y%m%dT%H%M%S')}"
        for attempt in range(1, 1000):
            path = self.folder / (f"{stem}.pdf" if attempt == 1 else f"{stem}-{attempt}.pdf")
            try:
                with open(path, "xb") as fh:  # never overwrite an earlier ticket
                    fh.write(job.pdf)
                    fh.flush()
                    os.fsync(fh.fileno())
            except FileExistsError:
                continue
            self.written.append(path)
            return
        raise FileExistsError(f"no free file name for {stem} in {self.folder}")
