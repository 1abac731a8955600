"""The receipt preview: the archived PDF's pages are drawn through Qt's print system."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from pypdf import PdfReader

from counter_app.services import documents, intake
from counter_app.ui.widgets import pdf_preview
from tests.helpers import intake_request, pick_procedure


def _receipt(svc, officer):
    info = intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=5)))
    return documents.print_receipt(svc, officer, info.code)


def test_receipt_pages_print_to_a5_pages(qapp, svc, officer, tmp_path):
    printed = _receipt(svc, officer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageSize(pdf_preview.page_size_of(printed.pdf))
    printer.setFullPage(True)
    pdf_preview.paint_pdf(printer, printed.pdf)

    source, out = PdfReader(printed.path), PdfReader(tmp_path / "printed.pdf")
    assert len(out.pages) == len(source.pages) == 2  # Liên 1 and Liên 2
    width, height = (float(v) for v in out.pages[0].mediabox.upper_right)
    assert abs(width - 420) < 3 and abs(height - 595) < 3  # A5 portrait, in points


def test_default_opener_shows_every_page_in_the_print_preview(qapp, svc, officer, monkeypatch):
    printed = _receipt(svc, officer)
    shown = {}

    def fake_exec(dialog):
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        shown["pages"] = preview.pageCount()
        shown["title"] = dialog.windowTitle()
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    pdf_preview.open_receipt_preview(printed, None)
    assert shown["pages"] == 2
    assert Path(printed.path).name in shown["title"]
