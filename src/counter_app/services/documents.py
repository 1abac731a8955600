"""Printed documents: render, archive with SHA-256, record. The dossier is committed first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from counter_app.domain.calendar import Counting, to_local
from counter_app.domain.errors import DomainError
from counter_app.domain.intake import ReturnMethod
from counter_app.printing import PersonBlock, ReceiptData, ReceiptDocumentRow, archive_pdf, render_receipt
from counter_app.services.context import Actor, Services
from counter_app.services.intake import DossierInfo, dossier_info
from counter_app.services.journal import audit
from counter_app.services.setup import SiteInfo, site_info_of
from counter_app.store.models import Dossier, PrintedDocument, Procedure, Site


@dataclass(frozen=True)
class PrintedDocumentInfo:
    kind: str
    path: Path
    sha256: str
    size: int
    pdf: bytes


def _block(p) -> PersonBlock:
    return PersonBlock(full_name=p.full_name, id_number=p.id_number, birth_date=p.birth_date, phone=p.phone,
                       email=p.email, address=p.address)


def return_place(site: SiteInfo, dossier: DossierInfo) -> str:
    if dossier.return_method is ReturnMethod.POST:
        where = dossier.owner.address or "địa chỉ của chủ hồ sơ"
        return f"Qua dịch vụ bưu chính công ích, gửi đến: {where}"
    if dossier.return_method is ReturnMethod.ONLINE:
        return "Nhận kết quả trực tuyến (bản điện tử) qua Cổng Dịch vụ công"
    place = site.name + (f", {site.address}" if site.address else "")
    return f"Bộ phận tiếp nhận và trả kết quả - {place}"


def receipt_data(site: SiteInfo, d: DossierInfo, fee_text: str = "") -> ReceiptData:
    return ReceiptData(
        issuing_body=site.issuing_body.upper(),
        centre_name=site.name.upper(),
        place_name=site.place_name,
        centre_address=site.address,
        hotline=site.hotline,
        dossier_code=d.code,
        receiving_unit=f"Bộ phận tiếp nhận và trả kết quả - {site.name}",
        owner=_block(d.owner),
        submitter=_block(d.submitter) if d.submitter else None,
        procedure_code=d.procedure_code,
        procedure_name=d.procedure_name,
        documents=tuple(ReceiptDocumentRow(x.name, x.form.label("vi"), x.count) for x in d.documents),
        sets=d.sets,
        processing_days=d.processing_days,
        counting_label="ngày làm việc" if d.counting is Counting.WORKING_DAYS else "ngày",
        received_at=to_local(d.received_at),
        due_at=to_local(d.due_at),
        return_place=return_place(site, d),
        register_book=d.register_book,
        register_seq=d.register_seq,
        officer_name=d.received_by,
        fee_text=fee_text,
        note=d.note,
        qr_payload=d.code,
    )


def print_receipt(svc: Services, actor: Actor | None, code: str) -> PrintedDocumentInfo:
    """Render Mẫu 01 for a saved dossier, archive the PDF and record its SHA-256.

    Can be repeated at will (a reprint is archived and recorded again)."""
    with svc.reading() as s:
        d = s.execute(sa.select(Dossier).where(Dossier.code == code.strip())).scalar_one_or_none()
        if d is None:
            raise DomainError("dossier_not_found", value=code.strip()[:60])
        site = site_info_of(s.get(Site, d.site_id))
        info = dossier_info(s, d)
        fee_text = s.get(Procedure, d.procedure_id).fee_text
    pdf = render_receipt(receipt_data(site, info, fee_text))
    now = svc.now()
    try:
        archived = archive_pdf(svc.archive_dir, "receipt", info.code, pdf, now)
    except OSError as exc:
        raise DomainError("archive_failed", path=str(svc.archive_dir), detail=exc.strerror or str(exc)) from exc
    with svc.transaction() as s:
        s.add(PrintedDocument(kind="receipt", dossier_id=info.id, path=str(archived.path), sha256=archived.sha256,
                              size=archived.size, printed_at=now, printed_by=actor.username if actor else ""))
        audit(s, actor, "document.print", at=now, entity_type="dossier", entity_id=str(info.id),
              details={"kind": "receipt", "code": info.code, "sha256": archived.sha256})
    return PrintedDocumentInfo("receipt", archived.path, archived.sha256, archived.size, pdf)
