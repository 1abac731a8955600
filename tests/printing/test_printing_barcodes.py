"""Vector Code 128 / QR flowables, decoded back from a rendered PDF."""

from __future__ import annotations

import io

import barcode
import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from counter_app.printing import Code128Flowable, QrFlowable, code128_modules
from counter_app.printing.barcodes import MIN_MODULE, QUIET_ZONE_MODULES

CODE = "000.00.06.H56-231027-0361"


def test_modules_come_from_python_barcode():
    assert code128_modules(CODE) == barcode.Code128(CODE).build()[0]
    assert set(code128_modules(CODE)) == {"0", "1"}


@pytest.mark.parametrize("text", ["", "Đà Nẵng", "mã 😀"])
def test_unencodable_text_is_a_value_error(text):
    with pytest.raises(ValueError):
        code128_modules(text)


def test_module_width_and_quiet_zones():
    f = Code128Flowable(CODE)
    total = len(code128_modules(CODE)) + 2 * QUIET_ZONE_MODULES
    # the width left beside the QR code on an A5 receipt
    w, h = f.wrap(A5[0] - 24 * mm - 20 * mm, 100 * mm)
    assert f.module >= MIN_MODULE
    assert w == pytest.approx(f.module * total)
    assert h > f.bar_height  # human-readable text below the bars
    # too narrow: it shrinks instead of overflowing
    w, _ = f.wrap(50 * mm, 100 * mm)
    assert w <= 50 * mm + 1e-6


def _render(*flowables) -> bytes:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A5, invariant=1).build(list(flowables))
    return buf.getvalue()


def _read(pdf: bytes, dpi: int = 300):
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
    return [(b.format.name, b.text) for b in zxingcpp.read_barcodes(image)]


def test_vector_barcodes_are_readable():
    url = "https://dichvucong.example.vn/tra-cuu?ma=" + CODE
    pdf = _render(Code128Flowable(CODE), Spacer(0, 10 * mm), QrFlowable(url, 20 * mm))
    assert sorted(_read(pdf)) == sorted([("Code128", CODE), ("QRCode", url)])
    # vectors, not an embedded picture
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert "/XObject" not in page["/Resources"]
    assert list(page.images) == []


def test_broken_bars_are_not_read():
    # the decoding check can fail: drop a run of bars and the Code 128 is no longer found
    f = Code128Flowable(CODE)
    f.runs = f.runs[: len(f.runs) // 2] + f.runs[len(f.runs) // 2 + 3:]
    assert [t for fmt, t in _read(_render(f)) if fmt == "Code128"] != [CODE]
