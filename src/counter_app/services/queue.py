"""Queue numbering: kiosk tickets, counters calling, the hall display's calls, ratings.

Numbers come from counter rows; calling is a compare-and-set on the ticket's status (with
FOR UPDATE SKIP LOCKED on PostgreSQL); a partial unique index keeps one ticket in service per
counter. Every change notifies the change feed so screens follow within a second.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError
from counter_app.domain.queue import (
    DEFAULT_PRIORITY_CATEGORIES,
    CounterStreak,
    PolicyMode,
    PriorityCategory,
    QueuePolicy,
    TicketStatus,
    WaitingTicket,
    check_ticket_range,
    check_transition,
    choose_next,
    estimate_wait,
    format_ticket_number,
)
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.journal import audit
from counter_app.services.setup import the_site
from counter_app.store.changefeed import notify_change
from counter_app.store.models import Counter, CounterField, Field, QueueCall, Rating, Site, Ticket
from counter_app.store.sequences import next_value

IN_SERVICE = (TicketStatus.CALLED.value, TicketStatus.SERVING.value)
CANDIDATE_LIMIT = 500
RATING_SCALES = {"3": (1, 3), "5": (1, 5)}


@dataclass(frozen=True)
class TicketInfo:
    id: uuid.UUID
    number: str
    field_code: str
    field_name: str
    priority: str | None
    priority_label: str
    status: TicketStatus
    issued_at: datetime
    queued_at: datetime
    counter_number: int | None
    target_counter: int | None
    called_at: datetime | None
    started_at: datetime | None
    call_count: int
    ahead: int = 0
    estimated_wait: timedelta = timedelta(0)


@dataclass(frozen=True)
class FieldQueue:
    code: str
    name: str
    prefix: str
    open: bool
    waiting: int
    priority_waiting: int
    longest_wait: timedelta
    estimated_wait: timedelta
    counters: tuple[int, ...]


@dataclass(frozen=True)
class CounterQueue:
    number: int
    state: str
    fields: tuple[str, ...]
    current: TicketInfo | None


@dataclass(frozen=True)
class CallInfo:
    id: int
    number: str
    counter_number: int
    field_code: str
    kind: str
    at: datetime


@dataclass(frozen=True)
class QueueStatus:
    fields: tuple[FieldQueue, ...]
    counters: tuple[CounterQueue, ...]
    recent_calls: tuple[CallInfo, ...]
    notice: str


# -- settings -----------------------------------------------------------------------------

def priority_categories_of(site: Site) -> tuple[PriorityCategory, ...]:
    raw = (site.settings or {}).get("priority_categories")
    if not raw:
        return DEFAULT_PRIORITY_CATEGORIES
    return tuple(PriorityCategory(code=c["code"], name=c["name"]) for c in raw)


def policy_of(site: Site) -> QueuePolicy:
    raw = (site.settings or {}).get("queue_policy") or {}
    return QueuePolicy(
        mode=PolicyMode(raw.get("mode", PolicyMode.RATIO.value)),
        normal_per_priority=int(raw.get("normal_per_priority", 2)),
        max_normal_wait=timedelta(minutes=int(raw.get("max_normal_wait_minutes", 20))),
    )


def priority_categories(svc: Services) -> tuple[PriorityCategory, ...]:
    with svc.reading() as s:
        return priority_categories_of(the_site(s))


def business_day(now: datetime) -> date:
    return to_local(now).date()


# -- helpers ------------------------------------------------------------------------------

def _ticket_info(t: Ticket, field_names: dict[str, str], categories, *, ahead: int = 0,
                 wait: timedelta = timedelta(0)) -> TicketInfo:
    labels = {c.code: c.name for c in categories}
    return TicketInfo(
        id=t.id, number=t.number, field_code=t.field_code, field_name=field_names.get(t.field_code, t.field_code),
        priority=t.priority, priority_label=labels.get(t.priority, t.priority or ""), status=TicketStatus(t.status),
        issued_at=t.issued_at, queued_at=t.queued_at, counter_number=t.counter_number, target_counter=t.target_counter,
        called_at=t.called_at, started_at=t.started_at, call_count=t.call_count, ahead=ahead, estimated_wait=wait,
    )


def _field_names(session: Session) -> dict[str, str]:
    return dict(session.execute(sa.select(Field.code, Field.name)).all())


def _counter(session: Session, site: Site, number: int | None, *, lock: bool = False) -> Counter:
    if number is None:
        raise DomainError("counter_required")
    stmt = sa.select(Counter).where(Counter.site_id == site.id, Counter.number == number)
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    counter = session.execute(stmt).scalar_one_or_none()
    if counter is None or not counter.active:
        raise DomainError("counter_unknown", number=number)
    return counter


def _fields_of_counter(session: Session, counter: Counter) -> tuple[list[str], dict[str, str]]:
    """The fields this counter serves and every field's name, in one round trip (hot path)."""
    rows = session.execute(
        sa.select(Field.code, Field.name, CounterField.counter_id)
        .outerjoin(CounterField, sa.and_(CounterField.field_id == Field.id, CounterField.counter_id == counter.id))
    ).all()
    names = {code: name for code, name, _ in rows}
    served = [code for code, _name, assigned in rows if assigned is not None]
    return (served or list(names)), names


def _in_service(session: Session, site: Site, number: int, *, lock: bool = False) -> Ticket | None:
    stmt = sa.select(Ticket).where(
        Ticket.site_id == site.id, Ticket.counter_number == number, Ticket.status.in_(IN_SERVICE)
    )
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return session.execute(stmt).scalar_one_or_none()


def _avg_service(session: Session, day: date, field_code: str | None = None) -> dict[str, timedelta]:
    """Average service time per field over today's finished tickets (the last 50 of each)."""
    stmt = (
        sa.select(Ticket.field_code, Ticket.started_at, Ticket.finished_at)
        .where(Ticket.business_day == day, Ticket.status == "done",
               Ticket.started_at.is_not(None), Ticket.finished_at.is_not(None))
        .order_by(Ticket.finished_at.desc())
    )
    if field_code is not None:
        stmt = stmt.where(Ticket.field_code == field_code).limit(50)
    spans: dict[str, list[timedelta]] = {}
    for code, started, finished in session.execute(stmt):
        mine = spans.setdefault(code, [])
        if finished >= started and len(mine) < 50:
            mine.append(finished - started)
    return {code: sum(v, timedelta(0)) / len(v) for code, v in spans.items() if v}


def _counter_fields(session: Session, site: Site) -> dict[int, tuple[str, list[str]]]:
    """Every active counter: (queue state, fields it serves), in two queries whatever their number.

    A counter with no field assigned serves every field (the single-desk default)."""
    all_codes = list(session.execute(sa.select(Field.code).order_by(Field.code)).scalars())
    rows = session.execute(
        sa.select(Counter.number, Counter.queue_state, Field.code)
        .select_from(Counter)
        .outerjoin(CounterField, CounterField.counter_id == Counter.id)
        .outerjoin(Field, Field.id == CounterField.field_id)
        .where(Counter.site_id == site.id, Counter.active.is_(True))
        .order_by(Counter.number, Field.code)
    ).all()
    out: dict[int, tuple[str, list[str]]] = {}
    for number, state, code in rows:
        out.setdefault(number, (state, []))
        if code is not None:
            out[number][1].append(code)
    return {n: (state, codes or list(all_codes)) for n, (state, codes) in out.items()}


def _open_counters_by_field(session: Session, site: Site) -> dict[str, list[int]]:
    """For each field, the open counters serving it."""
    out: dict[str, list[int]] = {}
    for number, (state, codes) in _counter_fields(session, site).items():
        if state == "open":
            for code in codes:
                out.setdefault(code, []).append(number)
    return out


def _expire_before(session: Session, day: date, now: datetime, field_code: str | None = None) -> int:
    """Waiting tickets of business days before `day` expire (kept for reports, never called)."""
    stmt = sa.update(Ticket).where(Ticket.status == "waiting", Ticket.business_day < day)
    if field_code is not None:
        stmt = stmt.where(Ticket.field_code == field_code)
    result = session.execute(stmt.values(status="expired", finished_at=now)
                             .execution_options(synchronize_session=False))
    return result.rowcount


def _record_call(session: Session, site: Site, t: Ticket, kind: str, now: datetime) -> None:
    session.add(QueueCall(site_id=site.id, ticket_id=t.id, number=t.number, counter_number=t.counter_number,
                          field_code=t.field_code, kind=kind, at=now))


def _transition(t: Ticket, to: TicketStatus) -> None:
    check_transition(TicketStatus(t.status), to)
    t.status = to.value


# -- kiosk --------------------------------------------------------------------------------

def list_fields(svc: Services, *, only_open: bool = False) -> list[FieldQueue]:
    """Fields with their waiting counts and estimated wait (kiosk, desk panel, display)."""
    now = svc.now()
    day = business_day(now)
    with svc.reading() as s:
        site = the_site(s)
        waiting = s.execute(
            sa.select(Ticket.field_code, Ticket.priority, Ticket.queued_at)
            .where(Ticket.site_id == site.id, Ticket.business_day == day, Ticket.status == "waiting")
        ).all()
        out = []
        open_by_field = _open_counters_by_field(s, site)
        averages = _avg_service(s, day)
        for f in s.execute(sa.select(Field).order_by(Field.ticket_prefix, Field.code)).scalars():
            if only_open and not f.queue_open:
                continue
            mine = [w for w in waiting if w.field_code == f.code]
            counters = open_by_field.get(f.code, [])
            longest = max((now - w.queued_at for w in mine), default=timedelta(0))
            out.append(FieldQueue(
                code=f.code, name=f.name, prefix=f.ticket_prefix, open=f.queue_open, waiting=len(mine),
                priority_waiting=sum(1 for w in mine if w.priority), longest_wait=longest,
                estimated_wait=estimate_wait(len(mine), len(counters), averages.get(f.code)),
                counters=tuple(counters),
            ))
        return out


def issue_ticket(svc: Services, field_code: str, *, priority: str | None = None, actor: Actor) -> TicketInfo:
    """Issue the next number of a field for today (the kiosk's touch)."""
    authz.require(actor, "queue.issue_ticket")
    now = svc.now()
    day = business_day(now)
    with svc.transaction() as s:
        site = the_site(s)
        field = s.execute(sa.select(Field).where(Field.code == field_code)).scalar_one_or_none()
        if field is None:
            raise DomainError("field_unknown", value=field_code[:40])
        if not field.queue_open:
            raise DomainError("field_closed", name=field.name)
        categories = priority_categories_of(site)
        if priority is not None and priority not in {c.code for c in categories}:
            raise DomainError("priority_category_unknown", value=priority[:40])
        n = next_value(s, f"ticket:{site.id}:{day.isoformat()}:{field.code}")
        if n == 1:
            # First ticket of this field today: tickets still waiting from earlier days expire
            # (kept for reports, never called).
            _expire_before(s, day, now, field.code)
        seq = field.ticket_start - 1 + n
        check_ticket_range(seq, field.ticket_start, field.ticket_end)
        ahead = s.execute(
            sa.select(sa.func.count()).select_from(Ticket)
            .where(Ticket.site_id == site.id, Ticket.business_day == day, Ticket.field_code == field.code,
                   Ticket.status == "waiting")
        ).scalar_one()
        ticket = Ticket(
            site_id=site.id, business_day=day, issued_field_code=field.code, field_code=field.code, seq=seq,
            number=format_ticket_number(field.ticket_prefix, seq), priority=priority, status="waiting",
            issued_at=now, queued_at=now, call_count=0, printed=False,
        )
        s.add(ticket)
        wait = estimate_wait(ahead, len(_open_counters_by_field(s, site).get(field.code, [])),
                             _avg_service(s, day, field.code).get(field.code))
        notify_change(s, "queue")
        s.flush()
        audit(s, actor, "queue.issue", at=now, entity_type="ticket", entity_id=str(ticket.id),
              details={"number": ticket.number, "field": field.code, "priority": priority or ""},
              after={"status": "waiting"})
        return _ticket_info(ticket, {field.code: field.name}, categories, ahead=ahead, wait=wait)


def mark_printed(svc: Services, ticket_id: uuid.UUID, *, actor: Actor) -> None:
    """The kiosk printed the ticket."""
    authz.require(actor, "queue.mark_printed")
    with svc.transaction() as s:
        t = s.get(Ticket, ticket_id)
        if t is None:
            raise DomainError("ticket_not_found", value=str(ticket_id))
        t.printed = True
        audit(s, actor, "queue.printed", at=svc.now(), entity_type="ticket", entity_id=str(t.id),
              details={"number": t.number}, before={"printed": False}, after={"printed": True})


# -- counter ------------------------------------------------------------------------------

def _candidates(s: Session, site: Site, counter: Counter, fields: list[str], day: date, exclude: set) -> list[WaitingTicket]:
    stmt = (
        sa.select(Ticket.id, Ticket.number, Ticket.field_code, Ticket.priority, Ticket.queued_at, Ticket.target_counter)
        .where(Ticket.site_id == site.id, Ticket.business_day == day, Ticket.status == "waiting",
               sa.or_(Ticket.target_counter == counter.number,
                      sa.and_(Ticket.target_counter.is_(None), Ticket.field_code.in_(fields))))
        .order_by(Ticket.queued_at, Ticket.number).limit(CANDIDATE_LIMIT)
    )
    return [
        WaitingTicket(id=str(r.id), number=r.number, field_code=r.field_code, priority=r.priority,
                      queued_at=r.queued_at, target_counter=r.target_counter)
        for r in s.execute(stmt) if str(r.id) not in exclude
    ]


def _take(s: Session, ticket_id: str, counter: Counter, actor: Actor, now: datetime) -> Ticket | None:
    """Compare-and-set waiting -> called in one statement. None when another counter was faster."""
    tid = uuid.UUID(ticket_id)
    target = Ticket.id == tid
    if s.get_bind().dialect.name == "postgresql":
        # Skip a row another counter is taking right now instead of queueing behind it.
        locked = sa.select(Ticket.id).where(Ticket.id == tid, Ticket.status == "waiting").with_for_update(skip_locked=True)
        target = Ticket.id.in_(locked.scalar_subquery())
    stmt = (
        sa.update(Ticket).where(target, Ticket.status == "waiting")
        .values(status="called", counter_number=counter.number, officer_id=actor.user_id, called_at=now,
                first_called_at=sa.func.coalesce(Ticket.first_called_at, now), call_count=Ticket.call_count + 1,
                target_counter=None)
        .returning(Ticket)
        .execution_options(synchronize_session=False, populate_existing=True)
    )
    taken = s.execute(stmt).scalars().first()
    if taken is not None and taken.wait_seconds is None:  # the first call: fixed once
        taken.wait_seconds = _seconds(taken.first_called_at - taken.issued_at)
        taken.idle_seconds = _idle_before(s, taken, now)
    return taken


IDLE_GAP_LIMIT = timedelta(hours=1)  # a longer gap is a break or a closed counter, not idle time


def _seconds(span: timedelta) -> float:
    return round(span.total_seconds(), 3)


def _idle_before(s: Session, t: Ticket, now: datetime) -> float | None:
    """The officer's gap since their previous ticket of the day ended (finished, or last called
    for a no-show), when under an hour."""
    if t.officer_id is None:
        return None
    previous = s.execute(
        sa.select(sa.func.max(sa.func.coalesce(Ticket.finished_at, Ticket.called_at)))
        .where(Ticket.site_id == t.site_id, Ticket.business_day == t.business_day, Ticket.officer_id == t.officer_id,
               Ticket.id != t.id, Ticket.first_called_at.is_not(None), Ticket.first_called_at <= now)
    ).scalar_one_or_none()
    if previous is None:
        return None
    gap = now - previous
    return _seconds(gap) if timedelta(0) < gap < IDLE_GAP_LIMIT else None


def _ready_counter(s: Session, site: Site, actor: Actor) -> Counter:
    counter = _counter(s, site, actor.counter_number, lock=True)
    if counter.queue_state != "open":
        raise DomainError("counter_paused", number=counter.number)
    busy = _in_service(s, site, counter.number)
    if busy is not None:
        raise DomainError("counter_busy", number=busy.number, counter=counter.number)
    return counter


def call_next(svc: Services, actor: Actor) -> TicketInfo | None:
    """Call the next ticket for this counter by the site's policy; None when nobody waits."""
    authz.at_counter(actor, "queue.call_next")
    now = svc.now()
    day = business_day(now)
    with svc.transaction() as s:
        site = the_site(s)
        counter = _ready_counter(s, site, actor)
        policy = policy_of(site)
        streak = CounterStreak(normal_since_priority=counter.normal_since_priority)
        tried: set[str] = set()
        fields, names = _fields_of_counter(s, counter)
        while True:
            candidates = _candidates(s, site, counter, fields, day, tried)
            choice = choose_next(candidates, counter_number=counter.number, fields=fields,
                                 policy=policy, streak=streak, now=now)
            if choice is None:
                return None
            ticket = _take(s, choice.id, counter, actor, now)
            if ticket is not None:
                break
            tried.add(choice.id)
        counter.normal_since_priority = streak.after(choice).normal_since_priority
        _record_call(s, site, ticket, "call", now)
        audit(s, actor, "queue.call", at=now, entity_type="ticket", entity_id=str(ticket.id),
              details={"number": ticket.number, "counter": counter.number},
              before={"status": "waiting"}, after={"status": ticket.status})
        notify_change(s, "queue")
        return _ticket_info(ticket, names, priority_categories_of(site))


def call_specific(svc: Services, actor: Actor, number: str, reason: str) -> TicketInfo:
    """Call a waiting ticket out of order (a reason is required and audited)."""
    authz.at_counter(actor, "queue.call_specific")
    reason = reason.strip()
    if not reason:
        raise DomainError("reason_required")
    now = svc.now()
    day = business_day(now)
    with svc.transaction() as s:
        site = the_site(s)
        counter = _ready_counter(s, site, actor)
        t = s.execute(sa.select(Ticket).where(Ticket.site_id == site.id, Ticket.business_day == day,
                                              Ticket.number == number.strip().upper())).scalar_one_or_none()
        if t is None:
            raise DomainError("ticket_not_found", value=number.strip()[:20])
        ticket = _take(s, str(t.id), counter, actor, now) if t.status == "waiting" else None
        if ticket is None:
            s.refresh(t)
            raise DomainError("ticket_not_waiting", number=t.number, status=TicketStatus(t.status).label("vi"),
                              status_en=TicketStatus(t.status).label("en"), counter=t.counter_number or "-")
        _record_call(s, site, ticket, "call", now)
        audit(s, actor, "queue.call_specific", at=now, entity_type="ticket", entity_id=str(ticket.id),
              details={"number": ticket.number, "reason": reason[:500]})
        notify_change(s, "queue")
        return _ticket_info(ticket, _field_names(s), priority_categories_of(site))


def _current_for_update(s: Session, site: Site, actor: Actor) -> Ticket:
    counter = _counter(s, site, actor.counter_number, lock=True)
    t = _in_service(s, site, counter.number, lock=True)
    if t is None:
        raise DomainError("counter_idle", number=counter.number)
    return t


def recall(svc: Services, actor: Actor) -> TicketInfo:
    """Call the current ticket again (display and voice repeat it)."""
    authz.at_counter(actor, "queue.recall")
    now = svc.now()
    with svc.transaction() as s:
        site = the_site(s)
        t = _current_for_update(s, site, actor)
        if t.status != TicketStatus.CALLED.value:
            check_transition(TicketStatus(t.status), TicketStatus.CALLED)
        t.called_at, t.call_count = now, t.call_count + 1
        _record_call(s, site, t, "recall", now)
        notify_change(s, "queue")
        return _ticket_info(t, _field_names(s), priority_categories_of(site))


def _move(svc: Services, actor: Actor, to: TicketStatus, action: str, **changes) -> TicketInfo:
    now = svc.now()
    with svc.transaction() as s:
        site = the_site(s)
        t = _current_for_update(s, site, actor)
        was = t.status
        _transition(t, to)
        for k, v in changes.items():
            if v == "walk":
                v = _seconds(now - t.called_at) if t.called_at else None
            setattr(t, k, now if v == "now" else v)
        audit(s, actor, action, at=now, entity_type="ticket", entity_id=str(t.id), details={"number": t.number},
              before={"status": was}, after={"status": t.status})
        notify_change(s, "queue")
        return _ticket_info(t, _field_names(s), priority_categories_of(site))


def mark_no_show(svc: Services, actor: Actor) -> TicketInfo:
    authz.at_counter(actor, "queue.no_show")
    return _move(svc, actor, TicketStatus.NO_SHOW, "queue.no_show", finished_at="now")


def start_service(svc: Services, actor: Actor) -> TicketInfo:
    authz.at_counter(actor, "queue.start")
    return _move(svc, actor, TicketStatus.SERVING, "queue.start", started_at="now", walk_seconds="walk")


def finish(svc: Services, actor: Actor) -> TicketInfo:
    """End the service of the current ticket (a called ticket is started and finished at once)."""
    authz.at_counter(actor, "queue.finish")
    now = svc.now()
    with svc.transaction() as s:
        site = the_site(s)
        t = _current_for_update(s, site, actor)
        was = t.status
        if t.status == TicketStatus.CALLED.value:
            _transition(t, TicketStatus.SERVING)
            t.started_at = now
            t.walk_seconds = _seconds(now - t.called_at) if t.called_at else None
        _transition(t, TicketStatus.DONE)
        t.finished_at = now
        t.service_seconds = _seconds(now - t.started_at) if t.started_at else None
        audit(s, actor, "queue.finish", at=now, entity_type="ticket", entity_id=str(t.id), details={"number": t.number},
              before={"status": was}, after={"status": t.status})
        notify_change(s, "queue")
        return _ticket_info(t, _field_names(s), priority_categories_of(site))


def transfer(svc: Services, actor: Actor, *, to_field: str | None = None, to_counter: int | None = None,
             reason: str = "") -> TicketInfo:
    """Send the current ticket to another field or counter; it keeps its number and its place."""
    authz.at_counter(actor, "queue.transfer")
    if (to_field is None) == (to_counter is None):
        raise DomainError("transfer_target_required")
    now = svc.now()
    with svc.transaction() as s:
        site = the_site(s)
        t = _current_for_update(s, site, actor)
        before = {"field": t.field_code, "counter": t.counter_number}
        if to_field is not None:
            field = s.execute(sa.select(Field).where(Field.code == to_field)).scalar_one_or_none()
            if field is None:
                raise DomainError("field_unknown", value=to_field[:40])
            t.field_code, t.target_counter = field.code, None
        else:
            if to_counter == actor.counter_number:
                raise DomainError("transfer_same_counter")
            _counter(s, site, to_counter)
            t.target_counter = to_counter
        _transition(t, TicketStatus.WAITING)
        # queued_at is kept: the ticket keeps its place (and its wait, to its first call).
        t.counter_number, t.started_at, t.walk_seconds = None, None, None
        audit(s, actor, "queue.transfer", at=now, entity_type="ticket", entity_id=str(t.id),
              details={"number": t.number, "to_field": to_field, "to_counter": to_counter, "reason": reason[:500]},
              before=before, after={"field": t.field_code, "counter": t.target_counter, "status": t.status})
        notify_change(s, "queue")
        return _ticket_info(t, _field_names(s), priority_categories_of(site))


def move_waiting(svc: Services, actor: Actor, number: str, to_field: str, reason: str = "") -> TicketInfo:
    """Move a ticket waiting today to another field's queue (the supervisor's action).

    It keeps its number and its place (queued_at). A compare-and-set on status 'waiting', so a
    ticket called meanwhile by a counter is refused, not moved."""
    authz.require(actor, "queue.move")
    now = svc.now()
    day = business_day(now)
    with svc.transaction() as s:
        site = the_site(s)
        t = s.execute(sa.select(Ticket).where(Ticket.site_id == site.id, Ticket.business_day == day,
                                              Ticket.number == number.strip().upper())).scalar_one_or_none()
        if t is None:
            raise DomainError("ticket_not_found", value=number.strip()[:20])
        field = s.execute(sa.select(Field).where(Field.code == to_field)).scalar_one_or_none()
        if field is None:
            raise DomainError("field_unknown", value=to_field[:40])
        before = t.field_code
        moved = s.execute(
            sa.update(Ticket).where(Ticket.id == t.id, Ticket.status == "waiting")
            .values(field_code=field.code, target_counter=None).execution_options(synchronize_session=False)
        ).rowcount
        s.refresh(t)
        if not moved:
            raise DomainError("ticket_not_waiting", number=t.number, status=TicketStatus(t.status).label("vi"),
                              status_en=TicketStatus(t.status).label("en"), counter=t.counter_number or "-")
        audit(s, actor, "queue.move", at=now, entity_type="ticket", entity_id=str(t.id),
              details={"number": t.number, "from_field": before, "to_field": field.code, "reason": reason.strip()[:500]},
              before={"field": before}, after={"field": field.code})
        notify_change(s, "queue")
        return _ticket_info(t, _field_names(s), priority_categories_of(site))


def set_counter_state(svc: Services, actor: Actor, state: str) -> None:
    """Pause, reopen or close this counter (a paused counter is skipped by nobody: it just calls no one)."""
    authz.at_counter(actor, "queue.counter_state")
    if state not in ("open", "paused", "closed"):
        raise DomainError("choice_invalid")
    now = svc.now()
    with svc.transaction() as s:
        site = the_site(s)
        counter = _counter(s, site, actor.counter_number, lock=True)
        counter.queue_state = state
        audit(s, actor, "queue.counter_state", at=now, entity_type="counter", entity_id=str(counter.number),
              details={"state": state})
        notify_change(s, "queue")


def set_counter_fields(svc: Services, actor: Actor, counter_number: int, field_codes: list[str]) -> None:
    """The fields a counter serves from now on."""
    authz.require(actor, "queue.counter_fields")
    now = svc.now()
    with svc.transaction() as s:
        site = the_site(s)
        counter = _counter(s, site, counter_number, lock=True)
        fields = list(s.execute(sa.select(Field).where(Field.code.in_(field_codes))).scalars())
        unknown = set(field_codes) - {f.code for f in fields}
        if unknown:
            raise DomainError("field_unknown", value=", ".join(sorted(unknown))[:40])
        counter.fields = fields
        audit(s, actor, "queue.counter_fields", at=now, entity_type="counter", entity_id=str(counter_number),
              details={"fields": sorted(field_codes)})
        notify_change(s, "queue")


def current_ticket(svc: Services, counter_number: int) -> TicketInfo | None:
    with svc.reading() as s:
        site = the_site(s)
        t = _in_service(s, site, counter_number)
        return _ticket_info(t, _field_names(s), priority_categories_of(site)) if t else None


def recent_calls(svc: Services, *, after_id: int = 0, limit: int = 10) -> list[CallInfo]:
    """Calls newest first (after_id > 0: only calls newer than that id, oldest first)."""
    with svc.reading() as s:
        stmt = sa.select(QueueCall)
        if after_id:
            stmt = stmt.where(QueueCall.id > after_id).order_by(QueueCall.id)
        else:
            stmt = stmt.order_by(QueueCall.id.desc())
        return [CallInfo(c.id, c.number, c.counter_number, c.field_code, c.kind, c.at)
                for c in s.execute(stmt.limit(limit)).scalars()]


def queue_status(svc: Services) -> QueueStatus:
    fields = tuple(list_fields(svc))
    with svc.reading() as s:
        site = the_site(s)
        names = _field_names(s)
        categories = priority_categories_of(site)
        in_service = {t.counter_number: t for t in s.execute(
            sa.select(Ticket).where(Ticket.site_id == site.id, Ticket.status.in_(IN_SERVICE))).scalars()}
        counters = tuple(
            CounterQueue(number=n, state=state, fields=tuple(codes),
                         current=_ticket_info(in_service[n], names, categories) if n in in_service else None)
            for n, (state, codes) in sorted(_counter_fields(s, site).items())
        )
        notice = str((site.settings or {}).get("display_notice", ""))
    return QueueStatus(fields=fields, counters=counters, recent_calls=tuple(recent_calls(svc, limit=8)), notice=notice)


def expire_waiting(svc: Services, *, before_day: date | None = None, actor: Actor) -> int:
    """Waiting tickets of earlier business days expire (they stay in the history for reports)."""
    authz.require(actor, "queue.expire")
    now = svc.now()
    day = before_day or business_day(now)
    with svc.transaction() as s:
        expired = _expire_before(s, day, now)
        if expired:
            notify_change(s, "queue")
        return expired


# -- rating -------------------------------------------------------------------------------

def rating_scale(svc: Services) -> tuple[str, ...]:
    """Labels of the site's satisfaction scale, best first (value = position from the worst, 1-based)."""
    with svc.reading() as s:
        return rating_labels(the_site(s))


def rating_labels(site: Site) -> tuple[str, ...]:
    """The site's satisfaction scale, best first (the default: three levels)."""
    raw = (site.settings or {}).get("rating_scale")
    return tuple(raw) if raw else ("Rất hài lòng", "Hài lòng", "Không hài lòng")


def rate_service(svc: Services, *, counter_number: int | None, value: int, reason: str = "",
                 ticket_id: uuid.UUID | None = None, officer_id: uuid.UUID | None = None, actor: Actor) -> None:
    """Store a citizen's rating. value: 1 = worst .. len(scale) = best; the worst needs a reason."""
    authz.require(actor, "queue.rate")
    scale = rating_scale(svc)
    if not 1 <= value <= len(scale):
        raise DomainError("number_range", min=1, max=len(scale))
    reason = reason.strip()
    if value == 1 and not reason:
        raise DomainError("rating_reason_required")
    now = svc.now()
    with svc.transaction() as s:
        site = the_site(s)
        if ticket_id is not None and officer_id is None:
            t = s.get(Ticket, ticket_id)
            officer_id = t.officer_id if t else None
        s.add(Rating(site_id=site.id, ticket_id=ticket_id, counter_number=counter_number, officer_id=officer_id,
                     scale=str(len(scale)), value=value, reason=reason[:500], at=now))
        notify_change(s, "rating")


# -- settings -----------------------------------------------------------------------------

def configure_field(svc: Services, actor: Actor, code: str, *, prefix: str | None = None,
                    start: int | None = None, end: int | None = None, queue_open: bool | None = None) -> FieldQueue:
    """Set a field's ticket prefix, number range and whether the kiosk offers it."""
    authz.require(actor, "admin.fields")
    now = svc.now()
    with svc.transaction() as s:
        field = s.execute(sa.select(Field).where(Field.code == code)).scalar_one_or_none()
        if field is None:
            raise DomainError("field_unknown", value=code[:40])
        before = {"prefix": field.ticket_prefix, "start": field.ticket_start, "end": field.ticket_end,
                  "open": field.queue_open}
        if prefix is not None:
            prefix = prefix.strip().upper()
            format_ticket_number(prefix, 1)  # validates the prefix (capital letters)
            taken = s.execute(sa.select(Field.code).where(Field.ticket_prefix == prefix, Field.code != code)).first()
            if taken:
                raise DomainError("prefix_taken", value=prefix, field=taken[0])
            field.ticket_prefix = prefix
        new_start = field.ticket_start if start is None else start
        new_end = field.ticket_end if end is None else end
        if not 1 <= new_start < new_end <= 9999:
            raise DomainError("number_range", min=1, max=9999)
        field.ticket_start, field.ticket_end = new_start, new_end
        if queue_open is not None:
            field.queue_open = queue_open
        audit(s, actor, "queue.configure_field", at=now, entity_type="field", entity_id=code,
              before=before, after={"prefix": field.ticket_prefix, "start": field.ticket_start,
                                    "end": field.ticket_end, "open": field.queue_open})
        notify_change(s, "queue")
    return next(f for f in list_fields(svc) if f.code == code)


def set_display_notice(svc: Services, actor: Actor, text: str) -> None:
    """The scrolling notice on the hall display (empty = the default office-hours line)."""
    authz.require(actor, "queue.display_notice")
    text = " ".join(text.split())
    if len(text) > 500:
        raise DomainError("too_long", max=500)
    now = svc.now()
    with svc.transaction() as s:
        site = the_site(s)
        site.settings = {**(site.settings or {}), "display_notice": text}
        audit(s, actor, "queue.display_notice", at=now, entity_type="site", entity_id=str(site.id),
              details={"notice": text})
        notify_change(s, "queue")
