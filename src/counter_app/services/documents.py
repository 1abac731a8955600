"""Printed documents: render, archive with SHA-256, record. The dossier is committed first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import sqlalchemy as sa

from counter_app.domain.calendar import LOCAL_TZ, Counting, to_local
from counter_app.domain.errors import DomainError
from counter_app.domain.intake import DocumentForm, ReturnMethod
from counter_app.domain.status import DossierStatus
from counter_app.printing import PersonBlock, ReceiptData, ReceiptDocumentRow, archive_pdf, render_receipt
from counter_app.printing import forms as pf
from counter_app.printing import register as pr
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.intake import DossierInfo, dossier_info, find_dossier, person_from_json
from counter_app.services.journal import audit
from counter_app.services.queue import rating_labels
from counter_app.services.setup import SiteInfo, site_info_of, the_site
from counter_app.store.models import (
    Dossier,
    DossierEvent,
    DossierHandoff,
    Handover,
    NotAccepted,
    PrintedDocument,
    Procedure,
    Rating,
    Site,
)


@dataclass(frozen=True)
class PrintedDocumentInfo:
    kind: str
    path: Path
    sha256: str
    size: int
    pdf: bytes


def _optional_block(p) -> PersonBlock | None:
    return _block(p) if p is not None else None


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


def print_receipt(svc: Services, actor: Actor, code: str) -> PrintedDocumentInfo:
    """Render Mẫu 01 for a saved dossier, archive the PDF and record its SHA-256.

    Can be repeated at will (a reprint is archived and recorded again)."""
    authz.require(actor, "document.receipt")
    with svc.reading() as s:
        d = find_dossier(s, code)
        site = site_info_of(s.get(Site, d.site_id))
        info = dossier_info(s, d)
        fee_text = s.get(Procedure, d.procedure_id).fee_text
    data = receipt_data(site, info, fee_text)
    fs = _sets().get(info.form_set)
    if fs is not None:
        data = replace(data, form_number=fs.numbers["receipt"], legal_basis=fs.legal_basis)
    pdf = render_receipt(data)
    return _archive(svc, actor, "receipt", info.code, pdf, dossier_id=info.id)


def _archive(svc: Services, actor: Actor | None, kind: str, key: str, pdf: bytes, *,
             dossier_id=None, details: dict | None = None, suffix: str = ".pdf",
             action: str = "document.print") -> PrintedDocumentInfo:
    """Archive a rendered document, record its SHA-256 and audit the printing (*action*:
    "document.print", or "export.<what>" for an export)."""
    now = svc.now()
    try:
        archived = archive_pdf(svc.archive_dir, kind, key, pdf, now, suffix=suffix)
    except OSError as exc:
        raise DomainError("archive_failed", path=str(svc.archive_dir), detail=exc.strerror or str(exc)) from exc
    with svc.transaction() as s:
        s.add(PrintedDocument(kind=kind, dossier_id=dossier_id, path=str(archived.path), sha256=archived.sha256,
                              size=archived.size, printed_at=now, printed_by=actor.username if actor else ""))
        audit(s, actor, action, at=now, entity_type="dossier" if dossier_id else kind,
              entity_id=str(dossier_id or key), details={"kind": kind, "code": key, "sha256": archived.sha256,
                                                         **(details or {})})
    return PrintedDocumentInfo(kind, archived.path, archived.sha256, archived.size, pdf)


# -- the lifecycle forms (02–05 and the practice slips) -------------------------------------

FORMS = {
    "02": "supplement_request", "03": "refusal", "04": "apology", "05": "control_slip",
    "withdrawal": "withdrawal", "stop": "stop_notice", "handover": "handover",
}
_ALIASES = {"supplement": "02", "refusal": "03", "apology": "04", "control": "05", "control-slip": "05",
            "stop-notice": "stop"}


def _sets() -> dict[str, pf.FormSet]:
    return {fs.key: fs for fs in pf.FORM_SETS}


def _header(site: SiteInfo, at, number: str = "") -> pf.FormHeader:
    return pf.FormHeader(issuing_body=site.issuing_body.upper(), centre_name=site.name.upper(),
                         place_name=site.place_name, centre_address=site.address, hotline=site.hotline,
                         issued_at=to_local(at), number_text=number)


def _form_set(s, site_row: Site, key: str, day) -> pf.FormSet:
    if key in _sets():
        return _sets()[key]
    return pf.form_set_for(day, (site_row.settings or {}).get("form_set", "auto"))


def _rows(items: list) -> tuple[ReceiptDocumentRow, ...]:
    return tuple(ReceiptDocumentRow(x["name"], DocumentForm(x["form"]).label("vi"), int(x["count"])) for x in items or ())


def _not_applicable(code: str, form: str, why_vi: str, why_en: str) -> DomainError:
    return DomainError("form_not_applicable", dossier_code=code, form=form, why=why_vi, why_en=why_en)


def _last_event(s, d: Dossier, kind: str, to_status: int | None = None) -> DossierEvent | None:
    stmt = sa.select(DossierEvent).where(DossierEvent.dossier_id == d.id, DossierEvent.kind == kind)
    if to_status is not None:
        stmt = stmt.where(DossierEvent.to_status == to_status)
    return s.execute(stmt.order_by(DossierEvent.id.desc()).limit(1)).scalar_one_or_none()


def _not_accepted_form(s, form: str, ref: str):
    r = s.execute(sa.select(NotAccepted).where(NotAccepted.number == ref.strip().upper())).scalar_one_or_none()
    if r is None:
        return None
    expected = "supplement" if form == "02" else "refusal"
    if r.kind != expected:
        raise _not_applicable(r.number, form, "phiếu này thuộc mẫu khác", "this slip belongs to another form")
    site_row = s.get(Site, r.site_id)
    site = site_info_of(site_row)
    fs = _form_set(s, site_row, r.form_set, to_local(r.at).date())
    req = r.request or {}
    common = dict(header=_header(site, r.at, r.number), form_set=fs, owner=_block(person_from_json(req.get("owner"))),
                  submitter=_optional_block(person_from_json(req.get("submitter"))), procedure_code=r.procedure_code,
                  procedure_name=r.procedure_name, dossier_code="", reason=r.reason, officer_name=r.officer_name,
                  officer_phone=site.hotline, receiving_unit=f"Bộ phận tiếp nhận và trả kết quả - {site.name}")
    if form == "02":
        return pf.SupplementRequestData(items=_rows(r.missing), **common), r.number, None
    return pf.RefusalData(**common), r.number, None


def _dossier_form(s, form: str, d: Dossier):
    site_row = s.get(Site, d.site_id)
    site = site_info_of(site_row)
    fs = _form_set(s, site_row, d.form_set, to_local(d.received_at).date())
    owner = PersonBlock(full_name=d.owner_name, id_number=d.owner_id_number, birth_date=d.owner_birth_date,
                        phone=d.owner_phone, email=d.owner_email, address=d.owner_address)
    unit = f"Bộ phận tiếp nhận và trả kết quả - {site.name}"
    if form in ("02", "03", "withdrawal", "stop"):
        target = {"02": 5, "03": 3, "withdrawal": 7, "stop": 8}[form]
        e = _last_event(s, d, "transition", target)
        if e is None:
            label = DossierStatus(target)
            raise _not_applicable(d.code, form, f"chưa có bước “{label.label('vi')}”",
                                  f"no “{label.label('en')}” step yet")
        header = _header(site, e.at, e.number)
        if form == "02":
            return pf.SupplementRequestData(
                header=header, form_set=fs, owner=owner, submitter=_optional_block(person_from_json(d.submitter)),
                procedure_code=d.procedure_code, procedure_name=d.procedure_name, dossier_code=d.code,
                items=_rows((e.details or {}).get("missing")), reason=e.reason, officer_name=e.actor_name,
                officer_phone=site.hotline, receiving_unit=unit)
        if form == "03":
            return pf.RefusalData(header=header, form_set=fs, owner=owner, submitter=_optional_block(person_from_json(d.submitter)),
                                  procedure_code=d.procedure_code, procedure_name=d.procedure_name,
                                  dossier_code=d.code, reason=e.reason, officer_name=e.actor_name,
                                  officer_phone=site.hotline, receiving_unit=unit)
        if form == "withdrawal":
            return pf.WithdrawalSlipData(header=header, dossier_code=d.code, owner=owner,
                                         procedure_name=d.procedure_name, received_at=d.received_at,
                                         reason=e.reason, officer_name=e.actor_name)
        return pf.StopNoticeData(header=header, form_set=fs, owner_name=d.owner_name, dossier_code=d.code,
                                 procedure_name=d.procedure_name, received_at=d.received_at, reason=e.reason,
                                 officer_name=e.actor_name)
    if form == "04":
        e = _last_event(s, d, "apology")
        if e is None:
            raise _not_applicable(d.code, form, "chưa có văn bản xin lỗi, hẹn lại", "no apology recorded")
        return pf.ApologyData(header=_header(site, e.at, e.number), form_set=fs,
                              agency_name=d.lead_agency or site.name, owner_name=d.owner_name, dossier_code=d.code,
                              procedure_name=d.procedure_name, received_at=d.received_at,
                              original_due_at=e.due_before, reason=e.reason, new_due_at=e.due_after)
    if form == "05":
        rows = s.execute(sa.select(DossierHandoff).where(DossierHandoff.dossier_id == d.id)
                         .order_by(DossierHandoff.position)).scalars()
        outcome = {"early": "Sớm hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}
        return pf.ControlSlipData(
            header=_header(site, d.received_at), form_set=fs, dossier_code=d.code, procedure_name=d.procedure_name,
            owner_name=d.owner_name, received_at=d.received_at, due_at=d.due_at, lead_agency=d.lead_agency,
            co_agencies="",
            rows=tuple(pf.HandoffRow(from_unit=h.from_unit, to_unit=h.to_unit, at=h.at, giver=h.giver,
                                     receiver=h.receiver, outcome=outcome.get(h.outcome, ""), note=h.note)
                       for h in rows))
    # handover
    h = s.execute(sa.select(Handover).where(Handover.dossier_id == d.id)).scalar_one_or_none()
    if h is None:
        raise _not_applicable(d.code, form, "chưa trả kết quả", "the result has not been handed over")
    proc = s.get(Procedure, d.procedure_id)
    fees = f"{h.fees_paid:,} đồng".replace(",", ".") if h.fees_paid is not None else ""
    if h.fee_note:
        fees = f"{fees} ({h.fee_note})" if fees else h.fee_note
    rating = ""
    if h.rating_id is not None:
        r = s.get(Rating, h.rating_id)
        labels = rating_labels(site_row)
        if r is not None and 1 <= r.value <= len(labels):
            rating = labels[len(labels) - r.value]
    return pf.HandoverReceiptData(
        header=_header(site, h.at, ""), dossier_code=d.code, procedure_name=d.procedure_name, owner_name=d.owner_name,
        result_text=proc.result_text if proc else "", handed_at=h.at, collector_name=h.collector_name,
        collector_id_number=h.collector_id_number, authorisation_note=h.authorisation_note, fees_text=fees,
        officer_name=h.officer_name, rating_label=rating)


def print_form(svc: Services, actor: Actor, form: str, ref: str) -> PrintedDocumentInfo:
    """Render a lifecycle form for a dossier code (or, for 02/03 at intake, a slip number
    such as "3/PYCBS"), archive it with its SHA-256 and audit the printing."""
    authz.require(actor, "document.form")
    form = _ALIASES.get(form.strip().lower(), form.strip().lower())
    if form not in FORMS:
        raise DomainError("form_unknown", value=form[:20], choices=", ".join(FORMS))
    with svc.reading() as s:
        built = _not_accepted_form(s, form, ref) if form in ("02", "03") and "/" in ref else None
        if built is not None:
            data, key, dossier_id = built
        else:
            d = find_dossier(s, ref)
            data, key, dossier_id = _dossier_form(s, form, d), d.code, d.id
    pdf = pf.render_form(data)
    return _archive(svc, actor, FORMS[form], key.replace("/", "-"), pdf, dossier_id=dossier_id,
                    details={"form": form})


def print_forward_list(svc: Services, actor: Actor, ref: str) -> PrintedDocumentInfo:
    """The hand-over list of a forward batch (by id or number "3/BGHS")."""
    authz.require(actor, "document.forward_list")
    from counter_app.services.forwarding import get_forward_batch

    batch = get_forward_batch(svc, ref)
    with svc.reading() as s:
        site = site_info_of(the_site(s))
    data = pf.ForwardListData(
        header=_header(site, batch.at, batch.number), agency=batch.agency,
        rows=tuple(pf.ForwardListRow(dossier_code=i.code, procedure_name=i.procedure_name, owner_name=i.owner_name,
                                     received_at=i.received_at, due_at=i.due_at, sets=i.sets) for i in batch.items),
        giver=batch.officer_name, receiver=batch.receiver)
    return _archive(svc, actor, "forward_list", batch.number.replace("/", "-"), pf.render_form(data))


# Rows one export may hold: a 20,000-row register is ~1,300 A4 pages (~20 s to render);
# beyond that the officer chooses a shorter period (or XLSX), never a silently cut list.
REGISTER_LIMITS = {"pdf": 20_000, "xlsx": 200_000}


def export_register(svc: Services, actor: Actor, start, end, fmt: str = "pdf") -> PrintedDocumentInfo:
    """Form 06, the register, for dossiers received between two local dates (inclusive):
    A4 landscape PDF or XLSX. It holds personal data: the export is archived and audited."""
    authz.require(actor, "document.register")
    if fmt not in ("pdf", "xlsx"):
        raise DomainError("form_unknown", value=str(fmt)[:20], choices="pdf, xlsx")
    if start > end:
        raise DomainError("date_range_invalid")
    lo = datetime.combine(start, time.min, tzinfo=LOCAL_TZ)
    hi = datetime.combine(end + timedelta(days=1), time.min, tzinfo=LOCAL_TZ)
    with svc.reading() as s:
        site_row = the_site(s)
        site = site_info_of(site_row)
        query = (sa.select(Dossier, Handover.collector_name)
                 .outerjoin(Handover, Handover.dossier_id == Dossier.id)
                 .where(Dossier.received_at >= lo, Dossier.received_at < hi)
                 .order_by(Dossier.received_at, Dossier.code).limit(REGISTER_LIMITS[fmt] + 1))
        rows = []
        for i, (d, collector) in enumerate(s.execute(query), start=1):
            applicant = d.owner_name
            if d.submitter and d.submitter.get("full_name"):
                applicant += f" (người nộp: {d.submitter['full_name']})"
            contact = ", ".join(x for x in (d.owner_address, d.owner_phone) if x)
            rows.append(pr.RegisterRow(
                no=i, dossier_code=d.code, procedure_name=d.procedure_name, applicant=applicant,
                address_phone=contact, lead_agency=d.lead_agency, received_at=d.received_at, due_at=d.due_at,
                returned_at=d.returned_at, return_method=ReturnMethod(d.return_method).label("vi"),
                collector=collector or ""))
        if len(rows) > REGISTER_LIMITS[fmt]:
            raise DomainError("register_too_large", max=REGISTER_LIMITS[fmt], fmt=fmt.upper())
        fs = pf.form_set_for(end, (site_row.settings or {}).get("form_set", "auto"))
    data = pr.RegisterData(header=_header(site, svc.now()), form_set=fs, period_from=start, period_to=end,
                           rows=tuple(rows))
    key = f"{start.isoformat()}_{end.isoformat()}"
    # Audited as "export.register": who and at which counter (the entry's actor), the period,
    # the row count and the file's SHA-256; the names stay in the file (which says it holds them).
    details = {"from": start.isoformat(), "to": end.isoformat(), "format": fmt, "rows": len(rows),
               "personal_data": True}
    if fmt == "pdf":
        content = pr.render_register_pdf(data)
        return _archive(svc, actor, "register", key, content, details=details, action="export.register")
    content = pr.register_xlsx(data)
    return _archive(svc, actor, "register_xlsx", key, content, suffix=".xlsx", details=details,
                    action="export.register")
