"""printing layer of counter_app: official forms as PDF (reportlab), barcodes, archive.

No Qt, no database: callers pass plain data and get PDF bytes back.
"""

from counter_app.printing.archive import ArchivedFile, archive_pdf
from counter_app.printing.barcodes import Code128Flowable, QrFlowable, code128_modules
from counter_app.printing.fonts import register_fonts
from counter_app.printing.forms import (
    FORM_SETS,
    ApologyData,
    ControlSlipData,
    FormHeader,
    FormSet,
    ForwardListData,
    ForwardListRow,
    HandoffRow,
    HandoverReceiptData,
    RefusalData,
    StopNoticeData,
    SupplementRequestData,
    WithdrawalSlipData,
    form_set_for,
    render_form,
)
from counter_app.printing.receipt import PersonBlock, ReceiptData, ReceiptDocumentRow, render_receipt
from counter_app.printing.register import RegisterData, RegisterRow, register_xlsx, render_register_pdf
from counter_app.printing.ticket import TicketData, render_ticket

__all__ = [
    "FORM_SETS",
    "ApologyData",
    "ArchivedFile",
    "Code128Flowable",
    "ControlSlipData",
    "FormHeader",
    "FormSet",
    "ForwardListData",
    "ForwardListRow",
    "HandoffRow",
    "HandoverReceiptData",
    "PersonBlock",
    "QrFlowable",
    "ReceiptData",
    "ReceiptDocumentRow",
    "RefusalData",
    "RegisterData",
    "RegisterRow",
    "StopNoticeData",
    "SupplementRequestData",
    "TicketData",
    "WithdrawalSlipData",
    "archive_pdf",
    "code128_modules",
    "form_set_for",
    "register_fonts",
    "register_xlsx",
    "render_form",
    "render_receipt",
    "render_register_pdf",
    "render_ticket",
]
