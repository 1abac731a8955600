"""The online-dossier inbox: dossiers submitted on the portal, waiting at the desk (status 1).

The sync worker brings them (services/sync_apply.py). The officer checks each one and does
exactly one of (DOMAIN §2):

* accept (1 → 2): the dossier enters the register, gets its receipt time, due date and
  receiving officer, and the receipt travels back to the central with the transition (the
  receipt "sent electronically"); form 01 is then printable (documents.print_receipt);
* ask for supplements (1 → 5): form 02 with the missing items and the reason;
* refuse (1 → 3): form 03 with the reason.

Each is one transaction with its event, audit entry and outbox transition
(lifecycle.apply_transition). A dossier another counter (or the portal) dealt with in the
meantime is refused with who did what and when; nothing is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain.calendar import Counting, compute_due, to_local
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.identity import check_multiline_text, mask_id_number
from counter_app.domain.intake import NOTE_MAX_LENGTH, DocumentForm, DocumentLine
from counter_app.domain.status import DossierStatus
from counter_app.domain.text import clean_multiline
from counter_app.printing.forms import form_set_for
from counter_app.services import authz
from counter_app.services.calendar import site_calendar
from counter_app.services.context import Actor, Services
from counter_app.services.intake import DossierInfo, dossier_info, find_dossier
from counter_app.services.journal import audit
from counter_app.services.lifecycle import apply_transition, clean_missing, clean_reason
from counter_app.services.setup import the_site
from counter_app.store.changefeed import notify_change
from counter_app.store.models import Dossier, DossierDocument, DossierEvent, Procedure, RegisterEntry
from counter_app.store.sequences import next_value

S = DossierStatus
DOSSIER_TOPIC = "dossier"


@dataclass(frozen=True)
class OnlineDossierInfo:
    """A line of the inbox. The owner's full name (the officer checks it against the papers);
    the ID number masked (the full record is opened through the dossier dialog)."""

    code: str
    dossier_id: uuid.UUID
    procedure_code: str
    procedure_name: str
    field_code: str
    owner_name: str
    owner_id_masked: str
    submitted_at: datetime
    documents: tuple[DocumentLine, ...]
    waiting_hours: float
    note: str
    status: DossierStatus = S.REGISTERED_ONLINE


def _check_actor(s: Session, actor: Actor | None, action: str) -> Actor:
    authz.require(actor, action)
    assert actor is not None
    authz.require_site(s, actor)
    return actor


def online_inbox(svc: Services, actor: Actor, *, include_done: bool = False) -> list[OnlineDossierInfo]:
    """The online dossiers waiting for verification (status 1), oldest submission first.

    *include_done* lists every dossier submitted online, whatever its status since (for
    checks and history). The role and site are checked."""
    authz.require(actor, "inbox.list")
    now = svc.now()
    stmt = sa.select(Dossier).order_by(Dossier.received_at, Dossier.code)
    if include_done:
        stmt = stmt.where(Dossier.channel == "online")
    else:
        stmt = stmt.where(Dossier.status == int(S.REGISTERED_ONLINE))
    with svc.reading() as s:
        _check_actor(s, actor, "inbox.list")
        return [_item(d, now) for d in s.execute(stmt).scalars().unique()]


def _item(d: Dossier, now: datetime) -> OnlineDossierInfo:
    return OnlineDossierInfo(
        code=d.code, dossier_id=d.id, procedure_code=d.procedure_code, procedure_name=d.procedure_name,
        field_code=d.field_code, owner_name=d.owner_name, owner_id_masked=mask_id_number(d.owner_id_number),
        submitted_at=d.received_at,
        documents=tuple(DocumentLine(name=x.name, form=DocumentForm(x.form), count=x.count) for x in d.documents),
        waiting_hours=max(0.0, (now - d.received_at).total_seconds() / 3600), note=d.note, status=S(d.status),
    )


def _waiting(s: Session, code: str) -> Dossier:
    """The dossier, locked, still waiting in the inbox; otherwise say who did what, when."""
    d = find_dossier(s, code, lock=True)
    if d.status == int(S.REGISTERED_ONLINE):
        return d
    status = S(d.status)
    e = s.execute(
        sa.select(DossierEvent).where(DossierEvent.dossier_id == d.id, DossierEvent.to_status == d.status)
        .order_by(DossierEvent.id.desc()).limit(1)
    ).scalar_one_or_none()
    if e is not None:
        who = e.actor_name or "?"
        if e.counter_number is not None:
            who_vi, who_en = f"{who} (quầy {e.counter_number})", f"{who} (counter {e.counter_number})"
        else:
            who_vi = who_en = who
        at = f"{to_local(e.at):%H:%M %d/%m/%Y}"
    else:
        who_vi = who_en = "?"
        at = f"{to_local(d.status_changed_at or d.received_at):%H:%M %d/%m/%Y}"
    raise DomainError("online_dossier_not_waiting", dossier_code=d.code, status=status.label("vi"),
                      status_en=status.label("en"), by=who_vi, by_en=who_en, at=at)


def _clean_documents(documents: Sequence[DocumentLine]) -> tuple[DocumentLine, ...]:
    lines = clean_missing(documents)  # the same checks as any list of papers (name, form, count)
    if not lines:
        raise ValidationFailed([FieldError("documents", "documents_required")])
    return lines


def accept_online(svc: Services, actor: Actor, code: str, *, documents: Sequence[DocumentLine] | None = None,
                  note: str = "") -> DossierInfo:
    """Accept an online dossier (1 → 2) in one transaction: receipt time now, due date from
    now in the site's working days, receiving officer and counter, the register entry, the
    documents as checked (when given), the event, the audit entry and the outbox transition
    carrying the receipt. Print form 01 afterwards with documents.print_receipt."""
    authz.at_counter(actor, "inbox.accept")
    docs = _clean_documents(documents) if documents is not None else None
    note = clean_multiline(note or "")
    errors = check_multiline_text(note, field="note", max_length=NOTE_MAX_LENGTH)
    if errors:
        raise ValidationFailed(errors)
    now = svc.now()
    with svc.transaction() as s:
        _check_actor(s, actor, "inbox.accept")
        d = _waiting(s, code)
        proc = s.get(Procedure, d.procedure_id)
        if proc is not None and proc.retired:
            # The central refuses new receipts of a retired procedure; the officer may refuse it (form 03).
            raise DomainError("procedure_retired", value=proc.code, name=proc.name)
        site = the_site(s)
        provisional_due = d.due_at
        due = compute_due(now, d.processing_days, Counting(d.counting), site_calendar(s, site))
        local_day = to_local(now).date()
        book = f"{site.register_book}/{local_day.year}"
        register_seq = next_value(s, f"register:{site.id}:{book}")
        d.received_at = now
        d.due_at = d.original_due_at = due
        d.received_by_id = actor.user_id
        d.received_by_name = actor.full_name
        d.counter_number = actor.counter_number
        d.late_entry = False
        # The receipt prints with the form set in force on the receipt date.
        d.form_set = form_set_for(local_day, (site.settings or {}).get("form_set", "auto")).key
        if docs is not None:
            d.documents = [DossierDocument(position=i, name=line.name, form=str(line.form), count=line.count)
                           for i, line in enumerate(docs)]
        if note:
            d.note = note
        d.register_entry = RegisterEntry(site_id=site.id, dossier_id=d.id, book=book, seq=register_seq, entered_at=now)
        receipt = {"received_at": now.isoformat(), "due_at": due.isoformat(), "register": f"{book}#{register_seq}",
                   "received_by": actor.username, "counter": actor.counter_number}
        event = apply_transition(s, d, actor, S.RECEIVED, when=now, now=now, extra={"receipt": receipt})
        event.due_before = provisional_due
        audit(s, actor, "dossier.accept_online", at=now, entity_type="dossier", entity_id=str(d.id),
              details={"code": d.code, "procedure": d.procedure_code, "received_at": now.isoformat(),
                       "due_at": due.isoformat(), "register": f"{book}#{register_seq}",
                       "documents": len(d.documents)})
        notify_change(s, DOSSIER_TOPIC)
        s.flush()
        return dossier_info(s, d)


def request_supplement_online(svc: Services, actor: Actor, code: str, *, missing: Sequence[DocumentLine],
                              reason: str) -> DossierInfo:
    """Ask the citizen to complete the online dossier (1 → 5): form 02 lists what is missing
    and why (print it with documents.print_form(svc, actor, "02", code))."""
    authz.require(actor, "inbox.supplement")
    items = clean_missing(missing)
    reason = clean_reason(reason)
    if not items:
        raise DomainError("missing_items_required")
    return _decide(svc, actor, code, S.SUPPLEMENT_REQUESTED, "inbox.supplement", reason=reason, missing=items)


def refuse_online(svc: Services, actor: Actor, code: str, *, reason: str) -> DossierInfo:
    """Refuse the online dossier (1 → 3) with its reason: form 03
    (documents.print_form(svc, actor, "03", code))."""
    authz.require(actor, "inbox.refuse")
    reason = clean_reason(reason)
    if not reason:
        raise DomainError("reason_required")
    return _decide(svc, actor, code, S.REFUSED, "inbox.refuse", reason=reason)


def _decide(svc: Services, actor: Actor, code: str, to: S, action: str, *, reason: str,
            missing: tuple[DocumentLine, ...] = ()) -> DossierInfo:
    now = svc.now()
    with svc.transaction() as s:
        _check_actor(s, actor, action)
        d = _waiting(s, code)
        event = apply_transition(s, d, actor, to, when=now, now=now, reason=reason, missing=missing)
        audit(s, actor, f"dossier.{'supplement' if to is S.SUPPLEMENT_REQUESTED else 'refuse'}_online", at=now,
              entity_type="dossier", entity_id=str(d.id),
              details={"code": d.code, "procedure": d.procedure_code, "number": event.number, "items": len(missing)})
        notify_change(s, DOSSIER_TOPIC)
        s.flush()
        return dossier_info(s, d)
