"""Handing the result back at the counter (status 9 → 10): who collects, fees, rating."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.identity import (
    IdKind,
    check_free_text,
    check_id_number,
    check_person_name,
    mask_id_number,
    normalize_id_number,
)
from counter_app.domain.status import DossierStatus
from counter_app.domain.text import clean_line, unsafe_chars
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.intake import DossierInfo, dossier_info, find_dossier
from counter_app.services.journal import audit
from counter_app.services.lifecycle import apply_transition
from counter_app.services.queue import rating_scale
from counter_app.store.changefeed import notify_change
from counter_app.store.models import Dossier, Handover, Procedure, Rating

S = DossierStatus
COLLECTOR_KINDS = ("owner", "authorised")
MAX_FEES = 10**12


@dataclass(frozen=True)
class Collector:
    kind: str  # "owner" | "authorised"
    full_name: str = ""
    id_number: str = ""
    authorisation_note: str = ""  # number and date of the authorisation letter


@dataclass(frozen=True)
class HandoverRecord:
    at: datetime
    collector_kind: str
    collector_name: str
    collector_id_masked: str
    authorisation_note: str
    fees_paid: int | None
    officer_name: str
    outcome: str


@dataclass(frozen=True)
class HandoverCheck:
    """What the handover screen shows after a scan: masked, so it is not an audited view."""

    code: str
    status: DossierStatus
    procedure_name: str
    owner_name: str
    owner_id_masked: str
    submitter_name: str
    submitter_id_masked: str
    received_at: datetime
    due_at: datetime
    result_ready_at: datetime | None
    return_method: str
    ready: bool
    problem: DomainError | None
    previous: HandoverRecord | None = None
    fee_text: str = ""


def outcome_of(result_at: datetime | None, due_at: datetime) -> str:
    """early / on_time / late of a result against the due date in force (DOMAIN §8)."""
    if result_at is None:
        return ""
    if result_at > due_at:
        return "late"
    return "early" if to_local(result_at).date() < to_local(due_at).date() else "on_time"


def _record(h: Handover) -> HandoverRecord:
    return HandoverRecord(at=h.at, collector_kind=h.collector_kind, collector_name=h.collector_name,
                          collector_id_masked=mask_id_number(h.collector_id_number),
                          authorisation_note=h.authorisation_note, fees_paid=h.fees_paid,
                          officer_name=h.officer_name, outcome=h.outcome)


def _problem(d: Dossier, previous: Handover | None) -> DomainError | None:
    status = S(d.status)
    if status is S.RESULT_READY:
        return None
    if status is S.RETURNED:
        at = f"{to_local(previous.at):%H:%M %d/%m/%Y}" if previous else ""
        who = previous.collector_name if previous else ""
        return DomainError("handover_already_returned", dossier_code=d.code, at=at, collector=who)
    if status in (S.WITHDRAWN, S.REFUSED, S.STOPPED):
        return DomainError("handover_withdrawn", dossier_code=d.code, status=status.label("vi"), status_en=status.label("en"))
    return DomainError("handover_not_ready", dossier_code=d.code, status=status.label("vi"), status_en=status.label("en"))


def check_handover(svc: Services, actor: Actor, code: str) -> HandoverCheck:
    """Look a dossier up for the handover (a scanned or typed code): is it ready, who may collect."""
    authz.require(actor, "dossier.handover_check")
    with svc.reading() as s:
        d = find_dossier(s, code)
        previous = s.execute(sa.select(Handover).where(Handover.dossier_id == d.id)).scalar_one_or_none()
        proc = s.get(Procedure, d.procedure_id)
        sub = d.submitter or {}
        problem = _problem(d, previous)
        return HandoverCheck(
            code=d.code, status=S(d.status), procedure_name=d.procedure_name, owner_name=d.owner_name,
            owner_id_masked=mask_id_number(d.owner_id_number), submitter_name=sub.get("full_name", ""),
            submitter_id_masked=mask_id_number(sub.get("id_number", "")) if sub.get("id_number") else "",
            received_at=d.received_at, due_at=d.due_at, result_ready_at=d.result_ready_at,
            return_method=d.return_method, ready=problem is None, problem=problem,
            previous=_record(previous) if previous else None, fee_text=proc.fee_text if proc else "",
        )


def _check_collector(d: Dossier, c: Collector) -> Collector:
    if c.kind not in COLLECTOR_KINDS:
        raise ValidationFailed([FieldError("collector.kind", "collector_kind_invalid")])
    if c.kind == "owner":
        # The owner shows the ID card; the record keeps the owner's identity.
        id_number = normalize_id_number(c.id_number or "") or d.owner_id_number
        if id_number != d.owner_id_number:
            return _check_collector(d, Collector("authorised", c.full_name, c.id_number, c.authorisation_note))
        note = clean_line(c.authorisation_note)
        errors = check_free_text(note, field="collector.authorisation_note", max_length=300)
        if errors:
            raise ValidationFailed(errors)
        return Collector("owner", d.owner_name, d.owner_id_number, note)
    name = clean_line(c.full_name)
    id_number = normalize_id_number(c.id_number or "")
    note = clean_line(c.authorisation_note)
    errors = check_person_name(name, field="collector.full_name")
    id_errors = check_id_number(id_number, kind=IdKind.CCCD, field="collector.id_number")
    if id_errors and id_number and not check_id_number(id_number, kind=IdKind.PASSPORT, field="collector.id_number"):
        id_errors = []  # a passport number
    errors += id_errors
    if id_number == d.owner_id_number and not id_errors:
        return Collector("owner", d.owner_name, d.owner_id_number, note)
    if not note:
        errors.append(FieldError("collector.authorisation_note", "authorisation_required"))
    errors += check_free_text(note, field="collector.authorisation_note", max_length=300)
    if errors:
        raise ValidationFailed(errors)
    return Collector("authorised", name, id_number, note)


def hand_over(
    svc: Services,
    actor: Actor,
    code: str,
    *,
    collector: Collector,
    fees_paid: int | None = None,
    fee_note: str = "",
    rating: int | None = None,
    rating_reason: str = "",
) -> DossierInfo:
    """Hand the result over (9 → 10) in one transaction: the handover row, the rating,
    the event, the audit entry and the outbox transition. A dossier not ready, already
    returned or withdrawn is refused with the reason; nothing is written."""
    authz.at_counter(actor, "dossier.handover")
    if fees_paid is not None and (isinstance(fees_paid, bool) or not isinstance(fees_paid, int)
                                  or not 0 <= fees_paid <= MAX_FEES):
        raise ValidationFailed([FieldError("fees_paid", "fees_invalid")])
    scale = rating_scale(svc) if rating is not None else ()
    if rating is not None:
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= len(scale):
            raise ValidationFailed([FieldError("rating", "rating_invalid", {"max": len(scale)})])
        if rating == 1 and not rating_reason.strip():
            raise ValidationFailed([FieldError("rating", "rating_reason_required")])
    fee_note = clean_line(fee_note)[:300]
    if unsafe_chars(fee_note):
        raise DomainError("text_invalid_chars", what="Ghi chú lệ phí", what_en="fee note")
    if unsafe_chars(clean_line(rating_reason)):
        raise DomainError("text_invalid_chars", what="Lý do đánh giá", what_en="rating reason")
    now = svc.now()
    with svc.transaction() as s:
        d = find_dossier(s, code, lock=True)
        previous = s.execute(sa.select(Handover).where(Handover.dossier_id == d.id)).scalar_one_or_none()
        problem = _problem(d, previous)
        if problem is not None:
            raise problem
        who = _check_collector(d, collector)
        rating_row = None
        if rating is not None:
            rating_row = Rating(site_id=d.site_id, dossier_id=d.id, counter_number=actor.counter_number,
                                officer_id=actor.user_id, scale=str(len(scale)), value=rating,
                                reason=clean_line(rating_reason)[:500], at=now)
            s.add(rating_row)
            s.flush()
        outcome = outcome_of(d.result_ready_at or now, d.due_at)
        s.add(Handover(dossier_id=d.id, at=now, collector_kind=who.kind, collector_name=who.full_name,
                       collector_id_number=who.id_number, authorisation_note=who.authorisation_note,
                       fees_paid=fees_paid, fee_note=fee_note, outcome=outcome, officer_id=actor.user_id,
                       officer_name=actor.full_name, counter_number=actor.counter_number,
                       rating_id=rating_row.id if rating_row else None))
        apply_transition(
            s, d, actor, S.RETURNED, when=now, now=now, via_handover=True,
            extra={"handover": {"collector_kind": who.kind, "collector_name": who.full_name,
                                "collector_id_number": who.id_number, "authorisation_note": who.authorisation_note,
                                "fees_paid": fees_paid, "rating": rating, "outcome": outcome}},
        )
        # The event of the transition carries the collector for the history; the audit has no personal data.
        audit(s, actor, "dossier.handover", at=now, entity_type="dossier", entity_id=str(d.id),
              details={"code": d.code, "collector_kind": who.kind, "outcome": outcome,
                       "fees_paid": fees_paid, "rated": rating is not None},
              before={"handed_over": False}, after={"handed_over": True, "status": d.status, "outcome": outcome})
        if rating_row is not None:
            notify_change(s, "rating")
        s.flush()
        return dossier_info(s, d)


def handover_of(svc: Services, code: str) -> HandoverRecord | None:
    with svc.reading() as s:
        d = find_dossier(s, code)
        h = s.execute(sa.select(Handover).where(Handover.dossier_id == d.id)).scalar_one_or_none()
        return _record(h) if h else None

