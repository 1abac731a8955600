"""The receipt of a saved dossier: printed, archived with its SHA-256, read back as a citizen gets it."""

from __future__ import annotations

import hashlib
import io

import pypdfium2 as pdfium
import sqlalchemy as sa
import zxingcpp
from pypdf import PdfReader

from counter_app.domain.calendar import to_local
from counter_app.services import documents, intake
from counter_app.store.models import AuditEntry, PrintedDocument
from tests.helpers import intake_request, pick_procedure


def test_receipt_of_a_saved_dossier_is_archived_and_reads_back(svc, officer):
    proc = pick_procedure(svc, days=5)
    d = intake.receive_dossier(svc, officer, intake_request(proc))
    printed = documents.print_receipt(svc, officer, d.code)

    # Archived on disk with the SHA-256 recorded in the database.
    assert printed.path.is_file() and printed.path.is_relative_to(svc.archive_dir)
    assert hashlib.sha256(printed.path.read_bytes()).hexdigest() == printed.sha256
    with svc.reading() as s:
        row = s.execute(sa.select(PrintedDocument)).scalar_one()
        assert (row.kind, row.sha256, row.printed_by) == ("receipt", printed.sha256, "canbo1")
        assert s.execute(sa.select(AuditEntry).where(AuditEntry.action == "document.print")).scalar_one()
    assert intake.get_dossier(svc, d.code).receipt_sha256 == printed.sha256

    reader = PdfReader(io.BytesIO(printed.pdf))
    assert len(reader.pages) == 2
    first, second = (p.extract_text() for p in reader.pages)
    due = to_local(d.due_at)
    for text in (first, second):
        assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
        assert d.code in text
        assert "Nguyễn Thị Ấn" in text
        assert f"{due:%d/%m/%Y}" in text
        assert f"Quyển số: {d.register_book}" in text.replace("\n", " ")
        assert proc.name.split()[0] in text
    assert "Liên 1: Lưu" in first and "Liên 2: Giao khách hàng" in second
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - 419.53) < 1 and abs(h - 595.28) < 1

    image = pdfium.PdfDocument(printed.pdf)[0].render(scale=300 / 72).to_pil()
    found = {(r.format.name, r.text) for r in zxingcpp.read_barcodes(image)}
    assert ("Code128", d.code) in found
    assert ("QRCode", d.code) in found


def test_reprint_is_archived_again_without_overwriting(svc, officer, clock):
    d = intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=5)))
    first = documents.print_receipt(svc, officer, d.code)
    second = documents.print_receipt(svc, officer, d.code)
    assert first.path != second.path and first.path.exists() and second.path.exists()
    with svc.reading() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(PrintedDocument)).scalar_one() == 2
