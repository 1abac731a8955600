"""printing layer of counter_app: official forms as PDF (reportlab), barcodes, archive.

No Qt, no database: callers pass plain data and get PDF bytes back.
"""

from counter_app.printing.archive import ArchivedFile, archive_pdf
from counter_app.printing.barcodes import Code128Flowable, QrFlowable, code128_modules
from counter_app.printing.fonts import register_fonts
from counter_app.printing.receipt import PersonBlock, ReceiptData, ReceiptDocumentRow, render_receipt
from counter_app.printing.ticket import TicketData, render_ticket

__all__ = [
    "ArchivedFile",
    "Code128Flowable",
    "PersonBlock",
    "QrFlowable",
    "ReceiptData",
    "ReceiptDocumentRow",
    "TicketData",
    "archive_pdf",
    "code128_modules",
    "register_fonts",
    "render_receipt",
    "render_ticket",
]
