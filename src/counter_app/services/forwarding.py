"""Forwarding received dossiers to their resolving agency, and the control slip's hand-overs.

A forward list (danh sách bàn giao) per agency moves each dossier 2 → 4 and writes the
first row of its control slip (form 05); later hand-overs between units are added as rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.identity import check_free_text
from counter_app.domain.status import DossierStatus
from counter_app.domain.text import clean_line
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.handover import outcome_of
from counter_app.services.journal import audit, enqueue
from counter_app.services.intake import find_dossier
from counter_app.services.lifecycle import apply_transition, record_event, slip_number
from counter_app.services.setup import the_site
from counter_app.store.models import Dossier, DossierHandoff, ForwardBatch

S = DossierStatus
RECEPTION_UNIT = "Bộ phận tiếp nhận và trả kết quả"
FORWARD_SUFFIX = "BGHS"
MAX_BATCH = 500


@dataclass(frozen=True)
class ForwardItem:
    code: str
    procedure_name: str
    owner_name: str
    lead_agency: str
    received_at: datetime
    due_at: datetime
    sets: int


@dataclass(frozen=True)
class ForwardBatchInfo:
    id: uuid.UUID
    number: str
    agency: str
    at: datetime
    officer_name: str
    receiver: str
    items: tuple[ForwardItem, ...]


@dataclass(frozen=True)
class HandoffInfo:
    position: int
    from_unit: str
    to_unit: str
    at: datetime
    giver: str
    receiver: str
    outcome: str
    note: str


def _item(d: Dossier) -> ForwardItem:
    return ForwardItem(code=d.code, procedure_name=d.procedure_name, owner_name=d.owner_name,
                       lead_agency=d.lead_agency, received_at=d.received_at, due_at=d.due_at, sets=d.sets)


def forwardable(svc: Services, agency: str | None = None) -> list[ForwardItem]:
    """Received dossiers not yet forwarded, by agency then oldest first."""
    stmt = (sa.select(Dossier).where(Dossier.status == int(S.RECEIVED), Dossier.forwarded_at.is_(None))
            .order_by(Dossier.lead_agency, Dossier.received_at).limit(2000))
    if agency:
        stmt = stmt.where(Dossier.lead_agency == agency)
    with svc.reading() as s:
        return [_item(d) for d in s.execute(stmt).scalars()]


def _units(values: dict[str, str], limits: dict[str, int]) -> dict[str, str]:
    cleaned = {k: clean_line(v or "") for k, v in values.items()}
    errors: list[FieldError] = []
    for key, text in cleaned.items():
        errors += check_free_text(text, field=key, max_length=limits[key], required=key in ("agency", "to_unit"))
    if errors:
        raise ValidationFailed(errors)
    return cleaned


def _next_position(s, dossier_id: uuid.UUID) -> int:
    last = s.execute(sa.select(sa.func.max(DossierHandoff.position)).where(DossierHandoff.dossier_id == dossier_id)).scalar()
    return (last or 0) + 1


def forward(svc: Services, actor: Actor, codes: Sequence[str], *, agency: str, receiver: str = "") -> ForwardBatchInfo:
    """Forward received dossiers to *agency* in one transaction: each 2 → 4, its first
    control-slip row, and the numbered hand-over list. All or nothing."""
    authz.require(actor, "dossier.forward")
    values = _units({"agency": agency, "receiver": receiver}, {"agency": 300, "receiver": 100})
    codes = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if not codes:
        raise DomainError("forward_empty")
    if len(codes) > MAX_BATCH:
        raise DomainError("too_many", max=MAX_BATCH, count=len(codes))
    now = svc.now()
    with svc.transaction() as s:
        site = the_site(s)
        batch = ForwardBatch(site_id=site.id, number=slip_number(s, FORWARD_SUFFIX, now), agency=values["agency"],
                             at=now, officer_name=actor.full_name, receiver=values["receiver"], count=len(codes))
        s.add(batch)
        s.flush()
        items = []
        for code in codes:
            d = find_dossier(s, code, lock=True)
            status = S(d.status)
            if status is not S.RECEIVED or d.forwarded_at is not None:
                raise DomainError("forward_not_received", dossier_code=d.code, status=status.label("vi"),
                                  status_en=status.label("en"))
            apply_transition(s, d, actor, S.PROCESSING, when=now, now=now, reason=f"Chuyển {values['agency']}",
                             extra={"forward": {"agency": values["agency"], "list": batch.number}})
            d.forwarded_at = now
            if not d.lead_agency:
                d.lead_agency = values["agency"]
            s.add(DossierHandoff(dossier_id=d.id, position=_next_position(s, d.id), from_unit=RECEPTION_UNIT,
                                 to_unit=values["agency"], at=now, giver=actor.full_name, receiver=values["receiver"],
                                 outcome=outcome_of(now, d.due_at), note=f"Danh sách {batch.number}",
                                 batch_id=batch.id))
            items.append(_item(d))
        audit(s, actor, "dossier.forward", at=now, entity_type="forward_batch", entity_id=str(batch.id),
              details={"number": batch.number, "count": len(items)})
        return ForwardBatchInfo(id=batch.id, number=batch.number, agency=batch.agency, at=now,
                                officer_name=batch.officer_name, receiver=batch.receiver, items=tuple(items))


def get_forward_batch(svc: Services, ref: str) -> ForwardBatchInfo:
    """A forward list by its id or number ("3/BGHS")."""
    ref = ref.strip()
    with svc.reading() as s:
        stmt = sa.select(ForwardBatch)
        try:
            stmt = stmt.where(ForwardBatch.id == uuid.UUID(ref))
        except ValueError:
            stmt = stmt.where(ForwardBatch.number == ref.upper())
        batch = s.execute(stmt).scalar_one_or_none()
        if batch is None:
            raise DomainError("forward_list_not_found", value=ref[:60])
        rows = s.execute(sa.select(Dossier).join(DossierHandoff, DossierHandoff.dossier_id == Dossier.id)
                         .where(DossierHandoff.batch_id == batch.id).order_by(Dossier.received_at)).scalars()
        return ForwardBatchInfo(id=batch.id, number=batch.number, agency=batch.agency, at=batch.at,
                                officer_name=batch.officer_name, receiver=batch.receiver,
                                items=tuple(_item(d) for d in rows))


def record_handoff(
    svc: Services,
    actor: Actor,
    code: str,
    *,
    from_unit: str,
    to_unit: str,
    giver: str = "",
    receiver: str = "",
    note: str = "",
    at: datetime | None = None,
) -> HandoffInfo:
    """Add a hand-over row to the dossier's control slip (form 05); the result column is
    early / on time / late against the due date in force at that moment."""
    authz.require(actor, "dossier.handoff")
    values = _units({"from_unit": from_unit, "to_unit": to_unit, "giver": giver, "receiver": receiver, "note": note},
                    {"from_unit": 300, "to_unit": 300, "giver": 100, "receiver": 100, "note": 500})
    now = svc.now()
    when = at or now
    if when.tzinfo is None or when.utcoffset() is None:
        raise DomainError("datetime_naive")
    if when > now:
        raise DomainError("received_at_future")
    with svc.transaction() as s:
        d = find_dossier(s, code, lock=True)
        if when < d.received_at:
            when = d.received_at
        row = DossierHandoff(dossier_id=d.id, position=_next_position(s, d.id), from_unit=values["from_unit"] or RECEPTION_UNIT,
                             to_unit=values["to_unit"], at=when, giver=values["giver"], receiver=values["receiver"],
                             outcome=outcome_of(when, d.due_at), note=values["note"])
        s.add(row)
        record_event(s, d, actor, "handoff", when, details={"from": row.from_unit, "to": row.to_unit,
                                                             "position": row.position})
        audit(s, actor, "dossier.handoff", at=now, entity_type="dossier", entity_id=str(d.id),
              details={"code": d.code, "position": row.position})
        enqueue(s, lane="case", entity_type="dossier", entity_id=str(d.id), operation="dossier.handoff", at=now,
                payload={"dossier_id": str(d.id), "code": d.code, "from_unit": row.from_unit, "to_unit": row.to_unit,
                         "at": when.isoformat(), "giver": row.giver, "receiver": row.receiver,
                         "outcome": row.outcome, "note": row.note, "actor": actor.username})
        s.flush()
        return _handoff(row)


def _handoff(h: DossierHandoff) -> HandoffInfo:
    return HandoffInfo(position=h.position, from_unit=h.from_unit, to_unit=h.to_unit, at=h.at, giver=h.giver,
                       receiver=h.receiver, outcome=h.outcome, note=h.note)


def handoffs(svc: Services, code: str) -> list[HandoffInfo]:
    with svc.reading() as s:
        d = find_dossier(s, code)
        rows = s.execute(sa.select(DossierHandoff).where(DossierHandoff.dossier_id == d.id)
                         .order_by(DossierHandoff.position)).scalars()
        return [_handoff(h) for h in rows]
