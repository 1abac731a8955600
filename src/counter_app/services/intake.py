"""Taking in a dossier at the counter: validation, due date, code, register, audit, outbox."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain.calendar import Counting, compute_due, to_local
from counter_app.domain.dossier_code import format_dossier_code
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.identity import IdKind
from counter_app.domain.intake import (
    Channel,
    DocumentForm,
    DocumentLine,
    IntakeRequest,
    Person,
    ReturnMethod,
    normalize_intake,
    validate_intake,
)
from counter_app.domain.status import DossierStatus
from counter_app.domain.text import fold, lookup_key, safe_excerpt
from counter_app.services.calendar import site_calendar
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.journal import audit, enqueue
from counter_app.services.setup import the_site
from counter_app.printing.forms import form_set_for
from counter_app.store.models import (
    Dossier,
    DossierDocument,
    DossierEvent,
    NotAccepted,
    PrintedDocument,
    Procedure,
    RegisterEntry,
    Ticket,
)
from counter_app.store.sequences import next_value

# A paper receipt entered later may not claim a time in the future; allow clock skew.
FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True)
class DossierInfo:
    id: uuid.UUID
    code: str
    status: DossierStatus
    procedure_code: str
    procedure_name: str
    processing_days: int
    counting: Counting
    owner: Person
    submitter: Person | None
    documents: tuple[DocumentLine, ...]
    sets: int
    return_method: ReturnMethod
    channel: Channel
    received_at: datetime
    due_at: datetime
    register_book: str
    register_seq: int
    received_by: str
    counter_number: int | None
    late_entry: bool
    note: str
    receipt_sha256: str | None = None
    receipt_path: str | None = None
    ticket_number: str | None = None
    # lifecycle
    original_due_at: datetime | None = None
    field_code: str = ""
    form_set: str = ""
    lead_agency: str = ""
    status_changed_at: datetime | None = None
    paused_at: datetime | None = None
    forwarded_at: datetime | None = None
    result_ready_at: datetime | None = None
    returned_at: datetime | None = None


def person_to_json(p: Person | None) -> dict | None:
    """A person as stored in JSON columns and outbox payloads (None stays None)."""
    if p is None:
        return None
    return {
        "full_name": p.full_name, "id_number": p.id_number, "id_kind": str(p.id_kind),
        "birth_date": p.birth_date.isoformat() if p.birth_date else None,
        "phone": p.phone, "email": p.email, "address": p.address,
    }


def person_from_json(d: dict | None) -> Person | None:
    if not d:
        return None
    return Person(
        full_name=d.get("full_name", ""), id_number=d.get("id_number", ""), id_kind=IdKind(d.get("id_kind", "cccd")),
        birth_date=date.fromisoformat(d["birth_date"]) if d.get("birth_date") else None,
        phone=d.get("phone", ""), email=d.get("email", ""), address=d.get("address", ""),
    )


def resume_not_accepted(s: Session, record_id: str, dossier: Dossier, now: datetime) -> None:
    """Mark the not-accepted intake (form 02/03) that this receipt takes up again."""
    try:
        key = uuid.UUID(str(record_id))
    except ValueError:
        raise DomainError("not_accepted_not_found", value=str(record_id)[:60]) from None
    record = s.get(NotAccepted, key, with_for_update=True)
    if record is None:
        raise DomainError("not_accepted_not_found", value=str(record_id)[:60])
    if record.resumed_dossier_id is not None:
        taken = s.get(Dossier, record.resumed_dossier_id)
        raise DomainError("not_accepted_already_resumed", number=record.number, dossier_code=taken.code if taken else "")
    record.resumed_dossier_id = dossier.id
    record.resumed_at = now
    dossier.reopened_from_id = record.id


def dossier_info(session: Session, d: Dossier) -> DossierInfo:
    receipt = session.execute(
        sa.select(PrintedDocument)
        .where(PrintedDocument.dossier_id == d.id, PrintedDocument.kind == "receipt")
        .order_by(PrintedDocument.printed_at.desc())
    ).scalars().first()
    return DossierInfo(
        id=d.id, code=d.code, status=DossierStatus(d.status), procedure_code=d.procedure_code,
        procedure_name=d.procedure_name, processing_days=d.processing_days, counting=Counting(d.counting),
        owner=Person(
            full_name=d.owner_name, id_number=d.owner_id_number, id_kind=IdKind(d.owner_id_kind),
            birth_date=d.owner_birth_date, phone=d.owner_phone, email=d.owner_email, address=d.owner_address,
        ),
        submitter=person_from_json(d.submitter),
        documents=tuple(DocumentLine(name=x.name, form=DocumentForm(x.form), count=x.count) for x in d.documents),
        sets=d.sets, return_method=ReturnMethod(d.return_method), channel=Channel(d.channel),
        received_at=d.received_at, due_at=d.due_at,
        register_book=d.register_entry.book if d.register_entry else "",
        register_seq=d.register_entry.seq if d.register_entry else 0,
        received_by=d.received_by_name, counter_number=d.counter_number, late_entry=d.late_entry, note=d.note,
        receipt_sha256=receipt.sha256 if receipt else None, receipt_path=receipt.path if receipt else None,
        ticket_number=session.get(Ticket, d.ticket_id).number if d.ticket_id else None,
        original_due_at=d.original_due_at, field_code=d.field_code, form_set=d.form_set, lead_agency=d.lead_agency,
        status_changed_at=d.status_changed_at, paused_at=d.paused_at, forwarded_at=d.forwarded_at,
        result_ready_at=d.result_ready_at, returned_at=d.returned_at,
    )


def preview_due(svc: Services, procedure_code: str, received_at: datetime | None = None) -> datetime:
    """The due date the receipt would show if saved now (local time), for the live preview."""
    with svc.reading() as s:
        site = the_site(s)
        key = lookup_key(procedure_code)
        proc = s.execute(sa.select(Procedure).where(Procedure.code == key)).scalar_one_or_none() if key else None
        if proc is None:
            raise DomainError("procedure_unknown", value=safe_excerpt(procedure_code))
        when = received_at or svc.now()
        return compute_due(when, proc.processing_days, Counting(proc.counting), site_calendar(s, site))


def receive_dossier(svc: Services, actor: Actor, request: IntakeRequest) -> DossierInfo:
    """Receive a dossier: one transaction for the dossier, its documents, the register entry,
    the audit entry and the outbox row. Raises ValidationFailed listing every mistake."""
    authz.at_counter(actor, "dossier.receive")
    req = normalize_intake(request)
    errors = list(validate_intake(req))
    now = svc.now()
    received_at = req.received_at or now
    if req.received_at is not None and req.received_at.tzinfo is not None:
        if req.received_at > now + FUTURE_TOLERANCE:
            errors.append(FieldError("received_at", "received_at_future"))
    with svc.transaction() as s:
        site = the_site(s)
        proc = None
        if req.procedure_code and not any(e.field == "procedure" for e in errors):
            proc = s.execute(sa.select(Procedure).where(Procedure.code == req.procedure_code)).scalar_one_or_none()
            if proc is None:
                errors.append(FieldError("procedure", "procedure_unknown", {"value": req.procedure_code}))
            elif proc.retired:
                errors.append(FieldError("procedure", "procedure_retired", {"value": proc.code, "name": proc.name}))
        if errors:
            raise ValidationFailed(errors)
        assert proc is not None
        due = compute_due(received_at, proc.processing_days, Counting(proc.counting), site_calendar(s, site))
        local_day = to_local(received_at).date()
        # Both numbers come from counter rows in this transaction: gap-free, never duplicated.
        seq = next_value(s, f"dossier:{site.agency_code}:{local_day.isoformat()}")
        code = format_dossier_code(site.agency_code, local_day, seq)
        book = f"{site.register_book}/{local_day.year}"
        register_seq = next_value(s, f"register:{site.id}:{book}")
        owner = req.owner
        dossier = Dossier(
            site_id=site.id, code=code, status=int(DossierStatus.RECEIVED), procedure_id=proc.id,
            procedure_code=proc.code, procedure_name=proc.name, catalog_version=proc.catalog_version,
            processing_days=proc.processing_days, counting=proc.counting, channel=str(req.channel),
            return_method=str(req.return_method), sets=req.sets, received_at=received_at, due_at=due,
            original_due_at=due, received_by_id=actor.user_id, received_by_name=actor.full_name,
            counter_number=actor.counter_number, late_entry=req.received_at is not None, note=req.note,
            owner_name=owner.full_name, owner_name_folded=fold(owner.full_name), owner_id_kind=str(owner.id_kind),
            owner_id_number=owner.id_number, owner_birth_date=owner.birth_date, owner_phone=owner.phone,
            owner_email=owner.email, owner_address=owner.address,
            submitter=person_to_json(req.submitter), created_at=now,
            electronic=bool(req.digitised) or str(req.channel) == "online",
        )
        dossier.documents = [
            DossierDocument(position=i, name=doc.name, form=str(doc.form), count=doc.count)
            for i, doc in enumerate(req.documents)
        ]
        if actor.counter_number is not None:
            # The dossier belongs to the citizen whose ticket this counter is serving.
            dossier.ticket_id = s.execute(
                sa.select(Ticket.id).where(Ticket.site_id == site.id, Ticket.counter_number == actor.counter_number,
                                           Ticket.status.in_(("called", "serving")))
            ).scalar_one_or_none()
        dossier.field_code = proc.field.code
        dossier.lead_agency = proc.lead_agency
        dossier.form_set = form_set_for(local_day, (site.settings or {}).get("form_set", "auto")).key
        dossier.status_changed_at = received_at
        s.add(dossier)
        s.flush()
        if req.reopens:
            resume_not_accepted(s, req.reopens, dossier, now)
        s.add(DossierEvent(dossier_id=dossier.id, at=received_at, kind="received", to_status=int(DossierStatus.RECEIVED),
                           actor_id=actor.user_id, actor_name=actor.full_name, counter_number=actor.counter_number,
                           due_after=due, details={"late_entry": True} if dossier.late_entry else {}))
        dossier.register_entry = RegisterEntry(site_id=site.id, dossier_id=dossier.id, book=book, seq=register_seq, entered_at=now)
        details = {
            "code": code, "procedure": proc.code, "received_at": received_at.isoformat(), "due_at": due.isoformat(),
            "register": f"{book}#{register_seq}",
        }
        if dossier.late_entry:
            # A paper receipt written while the system was down, entered afterwards.
            details["late_entry"] = True
            details["entered_at"] = now.isoformat()
        if dossier.reopened_from_id:
            details["reopens"] = str(dossier.reopened_from_id)
        audit(s, actor, "dossier.receive_late_entry" if dossier.late_entry else "dossier.receive",
              at=now, entity_type="dossier", entity_id=str(dossier.id), details=details)
        enqueue(
            s, lane="case", entity_type="dossier", entity_id=str(dossier.id), operation="dossier.received", at=now,
            payload={
                "dossier_id": str(dossier.id), "code": code, "agency_code": site.agency_code,
                "procedure_code": proc.code, "catalog_version": proc.catalog_version,
                "status": int(DossierStatus.RECEIVED),
                "transition": {"from": None, "to": int(DossierStatus.RECEIVED), "reason": "", "actor": actor.username},
                "received_at": received_at.isoformat(), "due_at": due.isoformat(), "late_entry": dossier.late_entry,
                "channel": str(req.channel), "return_method": str(req.return_method), "sets": req.sets,
                "electronic": dossier.electronic,
                "owner": person_to_json(owner),
                "submitter": person_to_json(req.submitter),
                "documents": [{"name": d.name, "form": str(d.form), "count": d.count} for d in req.documents],
                "counter": actor.counter_number,
            },
        )
        s.flush()
        return dossier_info(s, dossier)


def find_dossier(s: Session, code: str, *, lock: bool = False) -> Dossier:
    """The dossier with this code; locked for update when it is about to change."""
    key = lookup_key(code)
    stmt = sa.select(Dossier).where(Dossier.code == key)
    if lock:
        stmt = stmt.with_for_update(of=Dossier)
    d = s.execute(stmt).scalar_one_or_none() if key else None
    if d is None:
        raise DomainError("dossier_not_found", value=safe_excerpt((code or "").strip(), 60))
    return d


def get_dossier(svc: Services, code: str) -> DossierInfo:
    with svc.reading() as s:
        return dossier_info(s, find_dossier(s, code))
