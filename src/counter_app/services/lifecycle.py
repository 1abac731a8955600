"""A dossier's life after intake: transitions, the supplement clock stop, apologies, history.

Every use case is one transaction: the dossier row, its event, the audit entry and the
outbox transition `{from, to, reason, actor}` (SYNC.md) commit together or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain.calendar import Counting, extend_due, to_local
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.identity import check_free_text
from counter_app.domain.intake import MAX_DOCUMENT_COUNT, DocumentForm, DocumentLine
from counter_app.domain.lifecycle import REASON_MAX_LENGTH, check_new_due, check_transition
from counter_app.domain.status import DossierStatus
from counter_app.domain.text import clean_line, clean_multiline, unsafe_chars
from counter_app.services.calendar import site_calendar
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.intake import DossierInfo, dossier_info, find_dossier
from counter_app.services.journal import audit, enqueue
from counter_app.store.models import Dossier, DossierEvent, Site
from counter_app.store.sequences import next_value

S = DossierStatus
# A time given for back-office progress may not lie in the future (allow clock skew).
FUTURE_TOLERANCE = timedelta(minutes=5)
# Slips issued with a transition, numbered per year: "<n>/<suffix>".
SLIP_SUFFIX = {
    S.SUPPLEMENT_REQUESTED: "PYCBS",
    S.REFUSED: "PTC",
    S.WITHDRAWN: "PRHS",
    S.STOPPED: "TBDG",
}
APOLOGY_SUFFIX = "PXL"
MAX_MISSING_ITEMS = 50


@dataclass(frozen=True)
class EventInfo:
    kind: str  # received | transition | apology | handoff | handover
    at: datetime
    from_status: DossierStatus | None
    to_status: DossierStatus | None
    reason: str
    actor_name: str
    counter_number: int | None
    due_before: datetime | None
    due_after: datetime | None
    number: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def as_status(value: object) -> DossierStatus:
    try:
        return S(int(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DomainError("status_unknown", value=str(value)[:20]) from None


def slip_number(s: Session, suffix: str, when: datetime) -> str:
    """"<n>/<suffix>": the slip's number, from a counter row per kind and year."""
    year = to_local(when).year
    return f"{next_value(s, f'slip:{suffix}:{year}')}/{suffix}"


def clean_missing(missing: Sequence[DocumentLine]) -> tuple[DocumentLine, ...]:
    """The items of a request to complete (form 02), cleaned and checked."""
    errors = []
    lines = []
    if len(missing) > MAX_MISSING_ITEMS:
        raise DomainError("too_many", max=MAX_MISSING_ITEMS, count=len(missing))
    for i, line in enumerate(missing):
        name = clean_line(line.name)
        errors += check_free_text(name, field=f"documents[{i}].name", max_length=500, required=True)
        try:
            form = DocumentForm(line.form)
        except ValueError:
            errors.append(FieldError(f"documents[{i}].form", "choice_invalid"))
            form = DocumentForm.ORIGINAL
        count = line.count
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_DOCUMENT_COUNT:
            errors.append(FieldError(f"documents[{i}].count", "number_range", {"min": 1, "max": MAX_DOCUMENT_COUNT}))
            count = 1
        lines.append(DocumentLine(name=name, form=form, count=count))
    if errors:
        raise ValidationFailed(errors)
    return tuple(lines)


def clean_reason(reason: str) -> str:
    text = clean_multiline(reason or "")
    if len(text) > REASON_MAX_LENGTH:
        raise DomainError("reason_too_long", max=REASON_MAX_LENGTH)
    if unsafe_chars(text, allow="\n"):
        raise DomainError("text_invalid_chars", what="Lý do", what_en="reason")
    return text


def _when(svc: Services, d: Dossier, at: datetime | None) -> datetime:
    now = svc.now()
    if at is None:
        return now
    if at.tzinfo is None or at.utcoffset() is None:
        raise DomainError("datetime_naive")
    if at > now + FUTURE_TOLERANCE:
        raise DomainError("received_at_future")
    floor = d.status_changed_at or d.received_at
    return max(at, floor)


def record_event(s: Session, d: Dossier, actor: Actor | None, kind: str, at: datetime, **values: Any) -> DossierEvent:
    event = DossierEvent(dossier_id=d.id, at=at, kind=kind, actor_id=actor.user_id if actor else None,
                         actor_name=actor.full_name if actor else "", counter_number=actor.counter_number if actor else None,
                         **values)
    s.add(event)
    return event


def apply_transition(
    s: Session,
    d: Dossier,
    actor: Actor,
    to: DossierStatus,
    *,
    when: datetime,
    now: datetime,
    reason: str = "",
    missing: tuple[DocumentLine, ...] = (),
    via_handover: bool = False,
    extra: dict[str, Any] | None = None,
) -> DossierEvent:
    """Move a locked dossier to *to*, inside the caller's transaction: the row, the event,
    the audit entry and the outbox transition."""
    current = S(d.status)
    check_transition(current, to, reason=reason, via_handover=via_handover)
    # 5 → 2 is for a portal dossier never received; a received one resumes processing (5 → 4).
    received = d.register_entry is not None
    resume_to = S.PROCESSING if received else S.RECEIVED
    if current is S.SUPPLEMENT_REQUESTED and to in (S.RECEIVED, S.PROCESSING) and to is not resume_to:
        raise DomainError("transition_illegal", current=current.label("vi"), current_en=current.label("en"),
                          target=to.label("vi"), target_en=to.label("en"),
                          allowed=f"{int(resume_to)} {resume_to.label('vi')}",
                          allowed_en=f"{int(resume_to)} {resume_to.label('en')}")
    if to is S.SUPPLEMENT_REQUESTED and not missing and current is not S.REGISTERED_ONLINE:
        # The law: what is missing is written down, once (form 02).
        raise DomainError("missing_items_required")
    due_before = d.due_at
    details: dict[str, Any] = dict(extra or {})
    if current is S.SUPPLEMENT_REQUESTED and d.paused_at is not None:
        site = s.get(Site, d.site_id)
        d.due_at = extend_due(d.due_at, d.paused_at, when, Counting(d.counting), site_calendar(s, site))
        details["paused_from"] = d.paused_at.isoformat()
        d.paused_at = None
    if to is S.SUPPLEMENT_REQUESTED:
        d.paused_at = when
    if to is S.RESULT_READY:
        d.result_ready_at = when
    if current is S.RESULT_READY and to is S.PROCESSING:
        d.result_ready_at = None
    if to is S.RETURNED:
        d.returned_at = when
    if missing:
        details["missing"] = [{"name": x.name, "form": str(x.form), "count": x.count} for x in missing]
    number = slip_number(s, SLIP_SUFFIX[to], when) if to in SLIP_SUFFIX else ""
    d.status = int(to)
    d.status_changed_at = when
    event = record_event(s, d, actor, "transition", when, from_status=int(current), to_status=int(to),
                         reason=reason, due_before=due_before, due_after=d.due_at, number=number, details=details)
    audit(s, actor, "dossier.transition", at=now, entity_type="dossier", entity_id=str(d.id),
          details={"code": d.code, "from": int(current), "to": int(to), "number": number,
                   "due_before": due_before.isoformat(), "due_after": d.due_at.isoformat(),
                   **({"at": when.isoformat()} if when != now else {})},
          before={"status": int(current), "due_at": due_before.isoformat()},
          after={"status": int(to), "due_at": d.due_at.isoformat()})
    payload: dict[str, Any] = {
        "dossier_id": str(d.id), "code": d.code,
        "transition": {"from": int(current), "to": int(to), "reason": reason, "actor": actor.username},
        "at": when.isoformat(), "due_at": d.due_at.isoformat(), "number": number,
    }
    if missing:
        payload["missing"] = details["missing"]
    if extra:
        payload.update(extra)
    enqueue(s, lane="case", entity_type="dossier", entity_id=str(d.id), operation="dossier.transition",
            payload=payload, at=now)
    return event


def transition(
    svc: Services,
    actor: Actor,
    code: str,
    to: DossierStatus | int | str,
    *,
    reason: str = "",
    missing: Sequence[DocumentLine] = (),
    at: datetime | None = None,
    new_due: datetime | None = None,
) -> DossierInfo:
    """Record a status change (back-office progress entered by hand, withdrawal, ...).

    Entering 5 (supplement requested) stops the clock and needs the missing items (form 02);
    leaving it moves the due date by the time spent waiting (domain.calendar.extend_due).
    With *new_due* the move also carries an apology (form 04, same transaction); *to* equal
    to the current status then records the apology alone.
    An illegal move raises DomainError saying why and what is possible; nothing is written."""
    authz.require(actor, "dossier.transition")
    target = as_status(to)
    reason = clean_reason(reason)
    items = clean_missing(missing)
    now = svc.now()
    with svc.transaction() as s:
        d = find_dossier(s, code, lock=True)
        if not (new_due is not None and target is S(d.status)):
            apply_transition(s, d, actor, target, when=_when(svc, d, at), now=now, reason=reason, missing=items)
        if new_due is not None:
            apply_apology(s, d, actor, reason=reason, new_due=new_due, now=now)
        s.flush()
        return dossier_info(s, d)


def withdraw(svc: Services, actor: Actor, code: str, *, reason: str) -> DossierInfo:
    """The citizen withdraws the dossier (status 7); a slip is printed with its number."""
    authz.require(actor, "dossier.withdraw")
    return transition(svc, actor, code, S.WITHDRAWN, reason=reason)


def apply_apology(s: Session, d: Dossier, actor: Actor, *, reason: str, new_due: datetime, now: datetime) -> DossierEvent:
    """Form 04 inside the caller's transaction: the new return date becomes the due date in
    force; the original stays on the dossier (original_due_at) for reports."""
    if not reason:
        raise DomainError("reason_required")
    status = S(d.status)
    if status not in (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT):
        raise DomainError("form_not_applicable", dossier_code=d.code, form="04",
                          why=f"trạng thái {status.label('vi')}", why_en=f"status {status.label('en')}")
    check_new_due(d.due_at, new_due, now)
    due_before = d.due_at
    d.due_at = new_due
    number = slip_number(s, APOLOGY_SUFFIX, now)
    # The law wants the apology at least one day before the deadline; a later one is still
    # issued (the citizen is owed it) but recorded as late, for the supervisor's reports.
    late = now > due_before - timedelta(days=1)
    event = record_event(s, d, actor, "apology", now, reason=reason, due_before=due_before, due_after=new_due,
                         number=number, details={"issued_late": late})
    audit(s, actor, "dossier.apology", at=now, entity_type="dossier", entity_id=str(d.id),
          details={"code": d.code, "number": number, "due_before": due_before.isoformat(),
                   "due_after": new_due.isoformat(), "issued_late": late})
    enqueue(s, lane="case", entity_type="dossier", entity_id=str(d.id), operation="dossier.apology", at=now,
            payload={"dossier_id": str(d.id), "code": d.code, "number": number, "reason": reason,
                     "due_before": due_before.isoformat(), "due_at": new_due.isoformat(), "actor": actor.username})
    return event


def apologise(svc: Services, actor: Actor, code: str, *, reason: str, new_due: datetime) -> DossierInfo:
    """A late result: the apology (form 04) with its reason and new return date."""
    authz.require(actor, "dossier.apology")
    reason = clean_reason(reason)
    now = svc.now()
    with svc.transaction() as s:
        d = find_dossier(s, code, lock=True)
        apply_apology(s, d, actor, reason=reason, new_due=new_due, now=now)
        s.flush()
        return dossier_info(s, d)


def _event_info(e: DossierEvent) -> EventInfo:
    return EventInfo(
        kind=e.kind, at=e.at,
        from_status=S(e.from_status) if e.from_status is not None else None,
        to_status=S(e.to_status) if e.to_status is not None else None,
        reason=e.reason, actor_name=e.actor_name, counter_number=e.counter_number,
        due_before=e.due_before, due_after=e.due_after, number=e.number, details=dict(e.details or {}),
    )


def events_of(s: Session, dossier_id: uuid.UUID) -> list[EventInfo]:
    rows = s.execute(sa.select(DossierEvent).where(DossierEvent.dossier_id == dossier_id)
                     .order_by(DossierEvent.at, DossierEvent.id)).scalars()
    return [_event_info(e) for e in rows]


def history(svc: Services, code: str) -> list[EventInfo]:
    """The dossier's events, oldest first."""
    with svc.reading() as s:
        return events_of(s, find_dossier(s, code).id)
