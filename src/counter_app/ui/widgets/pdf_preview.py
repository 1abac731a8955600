"""Print a generated PDF through Qt's print system, with a preview (pages rasterised by pdfium)."""

from __future__ import annotations

from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

# Enough for crisp text and a barcode a scanner reads; far below a printer's maximum.
RENDER_DPI = 300


def paint_pdf(printer: QPrinter, pdf: bytes) -> None:
    """Draw every page of ``pdf`` on ``printer``, each scaled to the printable page."""
    document = pdfium.PdfDocument(pdf)
    try:
        painter = QPainter()
        if not painter.begin(printer):
            raise RuntimeError("the printer could not start a page")
        try:
            for number in range(len(document)):
                if number:
                    printer.newPage()
                page = document[number]
                bitmap = page.render(scale=RENDER_DPI / 72, rev_byteorder=True, prefer_bgrx=True)
                image = QImage(
                    bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
                )
                target = QRectF(painter.viewport())
                scale = min(target.width() / image.width(), target.height() / image.height())
                size = QSizeF(image.width() * scale, image.height() * scale)
                painter.drawImage(QRectF(target.topLeft(), size), image)
                bitmap.close()
                page.close()
        finally:
            painter.end()
    finally:
        document.close()


def page_size_of(pdf: bytes) -> QPageSize:
    """The size of the first page (A5 for forms), so the printer is set up to match."""
    document = pdfium.PdfDocument(pdf)
    try:
        width, height = document[0].get_size()
    finally:
        document.close()
    return QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)


def configured_printer(kind: str) -> str:
    """This PC's printer chosen in the administration window ("forms" or "ticket"), when it is
    installed here; "" (the system's default printer) otherwise."""
    from counter_app.config import load_printers

    try:
        choice = load_printers()
    except (SystemExit, OSError):  # an unreadable config file must not stop a print
        return ""
    name = choice.forms_printer if kind == "forms" else choice.ticket_printer
    return name if name and name in QPrinterInfo.availablePrinterNames() else ""


def open_pdf_preview(parent: QWidget | None, pdf: bytes, title: str) -> int:
    """Show the print preview of ``pdf`` (modal); the officer prints from there, on this PC's
    forms printer when one was chosen in the administration window."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    name = configured_printer("forms")
    if name:
        printer.setPrinterName(name)
    printer.setDocName(title)
    printer.setPageSize(page_size_of(pdf))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PdfPreview", "Print preview — %1").replace("%1", title))
    dialog.paintRequested.connect(lambda p: paint_pdf(p, pdf))
    dialog.resize(900, 1000)
    return dialog.exec()


def open_receipt_preview(printed: Any, parent: QWidget | None) -> None:
    """Default ``preview_opener`` of the desk: preview the receipt just archived."""
    open_pdf_preview(parent, printed.pdf, printed.path.name)
