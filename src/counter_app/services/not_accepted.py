"""Dossiers not accepted at the intake form: request to complete (form 02) or refusal (form 03).

Nothing typed is lost: the form is stored as it was, so when the citizen comes back with
the missing papers the officer reopens it instead of typing it again (receive_dossier with
``IntakeRequest.reopens``). No dossier code is issued: a code belongs to a received dossier.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.identity import IdKind, mask_id_number, normalize_id_number
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
from counter_app.domain.text import fold
from counter_app.printing.forms import form_set_for
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.intake import person_from_json, person_to_json
from counter_app.services.journal import audit, enqueue
from counter_app.services.lifecycle import clean_missing, clean_reason, slip_number
from counter_app.services.setup import the_site
from counter_app.store.models import Dossier, NotAccepted, Procedure, Ticket

KINDS = {"supplement": "PYCBS", "refusal": "PTC"}
# What a not-accepted intake must have: who, and for what. The rest may be incomplete.
_REQUIRED_PREFIXES = ("procedure", "owner.full_name", "owner.id_number", "owner.id_kind", "submitter.")


@dataclass(frozen=True)
class NotAcceptedInfo:
    id: uuid.UUID
    kind: str  # supplement | refusal
    number: str
    at: datetime
    procedure_code: str
    procedure_name: str
    owner_name: str
    owner_id_masked: str
    reason: str
    missing: tuple[DocumentLine, ...]
    officer_name: str
    form_set: str
    resumed_code: str | None = None


def _lines(items: list) -> tuple[DocumentLine, ...]:
    return tuple(DocumentLine(name=x["name"], form=DocumentForm(x["form"]), count=int(x["count"])) for x in items or ())


def _info(r: NotAccepted, resumed_code: str | None = None) -> NotAcceptedInfo:
    return NotAcceptedInfo(
        id=r.id, kind=r.kind, number=r.number, at=r.at, procedure_code=r.procedure_code,
        procedure_name=r.procedure_name, owner_name=r.owner_name, owner_id_masked=mask_id_number(r.owner_id_number),
        reason=r.reason, missing=_lines(r.missing), officer_name=r.officer_name, form_set=r.form_set,
        resumed_code=resumed_code,
    )


def decline_intake(
    svc: Services,
    actor: Actor,
    request: IntakeRequest,
    *,
    kind: str,
    reason: str = "",
    missing: Sequence[DocumentLine] = (),
) -> NotAcceptedInfo:
    """Do not accept the dossier being typed: form 02 (what to complete, once) or form 03
    (refusal with reason). Recorded with status, reason and officer; counted in reports."""
    authz.require(actor, "dossier.decline")
    if kind not in KINDS:
        raise DomainError("not_accepted_kind_invalid")
    req = normalize_intake(request)
    errors = [e for e in validate_intake(req) if e.field.startswith(_REQUIRED_PREFIXES)]
    reason = clean_reason(reason)
    items = clean_missing(missing)
    if kind == "supplement" and not items:
        errors.append(FieldError("missing", "missing_items_required"))
    if kind == "refusal" and not reason:
        errors.append(FieldError("reason", "reason_required"))
    now = svc.now()
    with svc.transaction() as s:
        site = the_site(s)
        proc = None
        if req.procedure_code and not any(e.field == "procedure" for e in errors):
            proc = s.execute(sa.select(Procedure).where(Procedure.code == req.procedure_code)).scalar_one_or_none()
            if proc is None:
                errors.append(FieldError("procedure", "procedure_unknown", {"value": req.procedure_code}))
        if errors:
            raise ValidationFailed(errors)
        assert proc is not None
        ticket_id = None
        if actor.counter_number is not None:
            ticket_id = s.execute(
                sa.select(Ticket.id).where(Ticket.site_id == site.id, Ticket.counter_number == actor.counter_number,
                                           Ticket.status.in_(("called", "serving")))
            ).scalar_one_or_none()
        stored = {
            "procedure_code": proc.code, "owner": person_to_json(req.owner), "submitter": person_to_json(req.submitter),
            "documents": [{"name": d.name, "form": str(d.form), "count": d.count} for d in req.documents
                          if isinstance(d.form, DocumentForm) and isinstance(d.count, int)],
            "sets": req.sets if isinstance(req.sets, int) else 1,
            "return_method": str(req.return_method), "channel": str(req.channel), "note": req.note,
        }
        record = NotAccepted(
            site_id=site.id, kind=kind, number=slip_number(s, KINDS[kind], now), at=now, officer_id=actor.user_id,
            officer_name=actor.full_name, counter_number=actor.counter_number, ticket_id=ticket_id,
            procedure_code=proc.code, procedure_name=proc.name, field_code=proc.field.code,
            owner_name=req.owner.full_name, owner_name_folded=fold(req.owner.full_name),
            owner_id_number=req.owner.id_number, request=stored,
            missing=[{"name": x.name, "form": str(x.form), "count": x.count} for x in items], reason=reason,
            form_set=form_set_for(to_local(now).date(), (site.settings or {}).get("form_set", "auto")).key,
        )
        s.add(record)
        s.flush()
        replaced = _supersede(s, req.reopens, record) if req.reopens else None
        audit(s, actor, f"intake.{kind}", at=now, entity_type="not_accepted", entity_id=str(record.id),
              details={"number": record.number, "procedure": proc.code, "items": len(items),
                       **({"supersedes": replaced} if replaced else {})})
        enqueue(s, lane="case", entity_type="not_accepted", entity_id=str(record.id), operation="intake.not_accepted",
                at=now, payload={"id": str(record.id), "kind": kind, "number": record.number,
                                 "agency_code": site.agency_code, "procedure_code": proc.code, "at": now.isoformat(),
                                 "reason": reason, "missing": record.missing, "counter": actor.counter_number,
                                 "actor": actor.username})
        return _info(record)


def _supersede(s, record_id: str, newer: NotAccepted) -> str | None:
    """A reopened slip declined again: the newer slip replaces it (no longer offered to reopen)."""
    try:
        older = s.get(NotAccepted, uuid.UUID(str(record_id)), with_for_update=True)
    except ValueError:
        older = None
    if older is None:
        raise DomainError("not_accepted_not_found", value=str(record_id)[:60])
    if older.resumed_dossier_id is not None:
        taken = s.get(Dossier, older.resumed_dossier_id)
        raise DomainError("not_accepted_already_resumed", number=older.number, dossier_code=taken.code if taken else "")
    older.superseded_by_id = newer.id
    return older.number


def _get(s, ref: str) -> NotAccepted:
    ref = ref.strip()
    stmt = sa.select(NotAccepted)
    try:
        stmt = stmt.where(NotAccepted.id == uuid.UUID(ref))
    except ValueError:
        stmt = stmt.where(NotAccepted.number == ref.upper())
    record = s.execute(stmt).scalar_one_or_none()
    if record is None:
        raise DomainError("not_accepted_not_found", value=ref[:60])
    return record


def get_not_accepted(svc: Services, ref: str) -> NotAcceptedInfo:
    """A not-accepted intake by its id or slip number ("12/PYCBS")."""
    with svc.reading() as s:
        return _info(_get(s, ref))


def find_not_accepted(svc: Services, query: str = "", *, open_only: bool = True, limit: int = 50) -> list[NotAcceptedInfo]:
    """Earlier not-accepted intakes, newest first, by ID number or (accent-free) owner name."""
    q = (query or "").strip()[:100]
    stmt = sa.select(NotAccepted).order_by(NotAccepted.at.desc()).limit(limit)
    if open_only:
        stmt = stmt.where(NotAccepted.resumed_dossier_id.is_(None), NotAccepted.superseded_by_id.is_(None))
    digits = normalize_id_number(q)
    if q and digits.isdigit():
        stmt = stmt.where(NotAccepted.owner_id_number == digits)
    elif q:
        for token in fold(q).split():
            escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(NotAccepted.owner_name_folded.like(f"%{escaped}%", escape="\\"))
    with svc.reading() as s:
        return [_info(r) for r in s.execute(stmt).scalars()]


def reopen_request(svc: Services, actor: Actor, ref: str) -> IntakeRequest:
    """The intake form as it was typed, to finish and receive (audited: it shows personal data)."""
    authz.require(actor, "dossier.reopen")
    now = svc.now()
    with svc.transaction() as s:
        r = _get(s, ref)
        if r.resumed_dossier_id is not None:
            taken = s.get(Dossier, r.resumed_dossier_id)
            raise DomainError("not_accepted_already_resumed", number=r.number, dossier_code=taken.code if taken else "")
        audit(s, actor, "intake.reopen", at=now, entity_type="not_accepted", entity_id=str(r.id),
              details={"number": r.number})
        data = r.request
        return IntakeRequest(
            procedure_code=data.get("procedure_code", ""), owner=person_from_json(data.get("owner")) or Person(full_name=""),
            submitter=person_from_json(data.get("submitter")), documents=_lines(data.get("documents", [])),
            sets=int(data.get("sets", 1)), return_method=ReturnMethod(data.get("return_method", "counter")),
            channel=Channel(data.get("channel", "in_person")), note=data.get("note", ""), reopens=str(r.id),
        )
