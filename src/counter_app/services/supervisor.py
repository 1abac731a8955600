"""The supervisor console's live view (issue 6): queues and counters now, alerts, dossier lists,
site targets, and the three actions (move a waiting ticket, a counter's fields, the hall notice).

Reads only, except the actions, which go through services/queue.py like the desk's.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError
from counter_app.domain.status import DossierStatus
from counter_app.services import authz, queue
from counter_app.services import search as dossier_search
from counter_app.services.authz import supervising
from counter_app.services.context import Actor, Services
from counter_app.services.journal import audit
from counter_app.services.setup import the_site
from counter_app.store.changefeed import notify_change
from counter_app.store.models import Counter, Dossier, Site, Ticket, User

DOSSIER_LISTS = ("due_today", "overdue", "supplement", "uncollected")
COUNTER_STATES = ("serving", "idle", "paused", "closed")


@dataclass(frozen=True)
class Targets:
    """Site targets (site.settings["supervisor_targets"]); what is late turns amber, then red."""

    max_wait: timedelta = timedelta(minutes=15)
    max_service: timedelta = timedelta(minutes=20)
    field_max_wait: dict[str, timedelta] = field(default_factory=dict)
    field_max_service: dict[str, timedelta] = field(default_factory=dict)
    uncollected_days: int = 5          # results ready but not collected for more than N days

    def wait_target(self, field_code: str) -> timedelta:
        return self.field_max_wait.get(field_code, self.max_wait)

    def service_target(self, field_code: str) -> timedelta:
        return self.field_max_service.get(field_code, self.max_service)


@dataclass(frozen=True)
class FieldNow:
    code: str
    name: str
    open: bool                  # offered at the kiosk
    waiting: int
    priority_waiting: int
    longest_wait: timedelta     # of the tickets waiting now (0 when none)
    estimated_wait: timedelta   # for a ticket taken now
    counters: tuple[int, ...]   # open counters serving this field
    wait_target: timedelta
    level: str                  # "ok" | "warning" (>= 80 % of target) | "late" (> target)
    served_today: int
    avg_wait_today: timedelta | None


@dataclass(frozen=True)
class CounterNow:
    number: int
    name: str
    state: str                  # serving | idle | paused | closed
    officer_name: str           # of the ticket in service, else the last officer who called here today
    ticket_number: str          # "" when not serving
    field_code: str             # of the ticket in service
    since: datetime | None      # serving: when called; otherwise None
    in_service_for: timedelta | None
    service_target: timedelta | None
    level: str                  # "ok" | "warning" | "late"
    fields: tuple[str, ...]
    served_today: int


@dataclass(frozen=True)
class WaitingLine:
    id: uuid.UUID
    number: str
    field_code: str
    priority: str | None
    queued_at: datetime
    wait: timedelta
    level: str


@dataclass(frozen=True)
class Alert:
    kind: str            # "wait" (a field's longest wait past target) | "service" (a counter past target)
                         # | "overdue" (dossiers past due) | "uncollected" | "no_counter" (people waiting, no open counter)
    level: str           # "warning" | "late"
    subject: str         # field code, counter number, or "" for dossier alerts
    message_vi: str
    message_en: str

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


@dataclass(frozen=True)
class SupervisorNow:
    at: datetime
    fields: tuple[FieldNow, ...]
    counters: tuple[CounterNow, ...]
    waiting: tuple[WaitingLine, ...]     # longest waiting first, at most 200
    alerts: tuple[Alert, ...]            # late first
    dossiers: dict[str, int]             # DOSSIER_LISTS → count
    notice: str
    targets: Targets


# -- targets ------------------------------------------------------------------------------

MINUTES_RANGE = (1, 480)
DAYS_RANGE = (1, 365)
WARNING_SHARE = 0.8   # amber from 80 % of a target
WAITING_LIMIT = 200


def targets_of(site: Site) -> Targets:
    raw = (site.settings or {}).get("supervisor_targets") or {}
    fields = raw.get("fields") or {}
    return Targets(
        max_wait=timedelta(minutes=int(raw.get("max_wait_minutes", 15))),
        max_service=timedelta(minutes=int(raw.get("max_service_minutes", 20))),
        field_max_wait={c: timedelta(minutes=int(v["max_wait_minutes"])) for c, v in fields.items()
                        if v.get("max_wait_minutes")},
        field_max_service={c: timedelta(minutes=int(v["max_service_minutes"])) for c, v in fields.items()
                           if v.get("max_service_minutes")},
        uncollected_days=int(raw.get("uncollected_days", 5)),
    )


def targets(svc: Services) -> Targets:
    with svc.reading() as s:
        return targets_of(the_site(s))


def _checked(value: int | None, what: str, bounds: tuple[int, int]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not bounds[0] <= value <= bounds[1]:
        raise DomainError("targets_invalid", what=what, min=bounds[0], max=bounds[1])
    return value


def set_targets(svc: Services, actor: Actor, *, max_wait_minutes: int | None = None,
                max_service_minutes: int | None = None, uncollected_days: int | None = None,
                field_code: str | None = None) -> Targets:
    """Change the site's targets (whole site, or one field's wait/service targets). Audited."""
    authz.require(actor, "supervisor.targets")
    wait = _checked(max_wait_minutes, "max_wait_minutes", MINUTES_RANGE)
    service = _checked(max_service_minutes, "max_service_minutes", MINUTES_RANGE)
    days = _checked(uncollected_days, "uncollected_days", DAYS_RANGE)
    now = svc.now()
    with svc.transaction() as s:
        supervising(s, actor, "supervisor.targets")
        site = the_site(s)
        before = dict((site.settings or {}).get("supervisor_targets") or {})
        after = {**before, "fields": dict(before.get("fields") or {})}
        if field_code is not None:
            if field_code not in queue._field_names(s):
                raise DomainError("field_unknown", value=field_code[:40])
            mine = dict(after["fields"].get(field_code) or {})
            if wait is not None:
                mine["max_wait_minutes"] = wait
            if service is not None:
                mine["max_service_minutes"] = service
            after["fields"][field_code] = mine
        else:
            for key, value in (("max_wait_minutes", wait), ("max_service_minutes", service)):
                if value is not None:
                    after[key] = value
        if days is not None:
            after["uncollected_days"] = days
        site.settings = {**(site.settings or {}), "supervisor_targets": after}
        audit(s, actor, "supervisor.targets", at=now, entity_type="site", entity_id=str(site.id),
              before=before, after=after)
        notify_change(s, "queue")
        return targets_of(site)


def level_of(value: timedelta | None, target: timedelta | None) -> str:
    """"late" past the target, "warning" from 80 % of it, else "ok"."""
    if value is None or target is None:
        return "ok"
    if value > target:
        return "late"
    return "warning" if value >= target * WARNING_SHARE else "ok"


# -- the live view --------------------------------------------------------------------------

def _minutes(d: timedelta) -> int:
    return int(d.total_seconds() // 60)


def _dossier_conditions(s: Session, kind: str, now: datetime, t: Targets) -> list[sa.ColumnElement[bool]]:
    F = dossier_search.SearchFilters
    if kind == "due_today":
        return dossier_search.filter_conditions(s, F(due_today=True), now)
    if kind == "overdue":
        return dossier_search.filter_conditions(s, F(overdue=True), now)
    if kind == "supplement":
        return dossier_search.filter_conditions(s, F(statuses=(DossierStatus.SUPPLEMENT_REQUESTED,)), now)
    if kind == "uncollected":
        return [Dossier.status == int(DossierStatus.RESULT_READY),
                Dossier.result_ready_at < now - timedelta(days=t.uncollected_days)]
    raise DomainError("choice_invalid")


_LIST_ORDER = {
    "due_today": (Dossier.due_at,),
    "overdue": (Dossier.due_at,),
    "supplement": (Dossier.paused_at,),
    "uncollected": (Dossier.result_ready_at,),
}


def dossier_list(svc: Services, actor: Actor, kind: str, *, limit: int = 500) -> list[dossier_search.DossierListItem]:
    """The dossiers of one of the console's lists (masked lines), the most urgent first."""
    authz.require(actor, "supervisor.dossiers")
    if kind not in DOSSIER_LISTS:
        raise DomainError("choice_invalid")
    now = svc.now()
    with svc.reading() as s:
        supervising(s, actor, "supervisor.dossiers")
        conditions = _dossier_conditions(s, kind, now, targets_of(the_site(s)))
        return dossier_search.dossier_items(s, conditions, now, order_by=_LIST_ORDER[kind], limit=limit)


def now_view(svc: Services, actor: Actor) -> SupervisorNow:
    """Queues and counters as they are now, with what is late, and the dossier lists' counts."""
    authz.require(actor, "supervisor.view")
    now = svc.now()
    day = queue.business_day(now)
    field_queues = queue.list_fields(svc)
    with svc.reading() as s:
        supervising(s, actor, "supervisor.view")
        site = the_site(s)
        t = targets_of(site)
        counter_rows = {c.number: c for c in s.execute(
            sa.select(Counter).where(Counter.site_id == site.id, Counter.active.is_(True))).scalars()}
        counter_fields = queue._counter_fields(s, site)
        today = s.execute(
            sa.select(Ticket.id, Ticket.number, Ticket.field_code, Ticket.priority, Ticket.status, Ticket.issued_at,
                      Ticket.queued_at, Ticket.first_called_at, Ticket.called_at, Ticket.counter_number,
                      Ticket.officer_id)
            .where(Ticket.site_id == site.id, Ticket.business_day == day)
        ).all()
        names = dict(s.execute(sa.select(User.id, User.full_name)).all())
        dossier_counts = {kind: dossier_search.count_where(s, _dossier_conditions(s, kind, now, t))
                          for kind in DOSSIER_LISTS}
        notice = str((site.settings or {}).get("display_notice", ""))

    served: dict[str, int] = {}
    waits: dict[str, list[timedelta]] = {}
    served_by_counter: dict[int, int] = {}
    last_officer: dict[int, tuple[datetime, uuid.UUID]] = {}
    in_service: dict[int, sa.Row] = {}
    waiting: list[WaitingLine] = []
    for r in today:
        if r.status == "done":
            served[r.field_code] = served.get(r.field_code, 0) + 1
            if r.counter_number is not None:
                served_by_counter[r.counter_number] = served_by_counter.get(r.counter_number, 0) + 1
        if r.first_called_at is not None:
            waits.setdefault(r.field_code, []).append(r.first_called_at - r.issued_at)
        if r.counter_number is not None and r.officer_id is not None and r.called_at is not None:
            seen = last_officer.get(r.counter_number)
            if seen is None or r.called_at > seen[0]:
                last_officer[r.counter_number] = (r.called_at, r.officer_id)
        if r.status in queue.IN_SERVICE and r.counter_number is not None:
            in_service[r.counter_number] = r
        if r.status == "waiting":
            wait = max(now - r.queued_at, timedelta(0))
            waiting.append(WaitingLine(id=r.id, number=r.number, field_code=r.field_code, priority=r.priority,
                                       queued_at=r.queued_at, wait=wait, level=level_of(wait, t.wait_target(r.field_code))))
    waiting.sort(key=lambda w: w.queued_at)

    fields = []
    for f in field_queues:
        target = t.wait_target(f.code)
        day_waits = waits.get(f.code) or []
        fields.append(FieldNow(
            code=f.code, name=f.name, open=f.open, waiting=f.waiting, priority_waiting=f.priority_waiting,
            longest_wait=f.longest_wait, estimated_wait=f.estimated_wait, counters=f.counters, wait_target=target,
            level=level_of(f.longest_wait, target) if f.waiting else "ok", served_today=served.get(f.code, 0),
            avg_wait_today=sum(day_waits, timedelta(0)) / len(day_waits) if day_waits else None))

    counters = []
    for number, (state, codes) in sorted(counter_fields.items()):
        row = in_service.get(number)
        if row is not None:
            since = row.called_at
            span = max(now - since, timedelta(0)) if since else None
            target = t.service_target(row.field_code)
            officer = names.get(row.officer_id, "") if row.officer_id else ""
            counters.append(CounterNow(
                number=number, name=counter_rows[number].name if number in counter_rows else "", state="serving",
                officer_name=officer, ticket_number=row.number, field_code=row.field_code, since=since,
                in_service_for=span, service_target=target, level=level_of(span, target), fields=tuple(codes),
                served_today=served_by_counter.get(number, 0)))
        else:
            last = last_officer.get(number)
            counters.append(CounterNow(
                number=number, name=counter_rows[number].name if number in counter_rows else "",
                state="idle" if state == "open" else state, officer_name=names.get(last[1], "") if last else "",
                ticket_number="", field_code="", since=None, in_service_for=None, service_target=None, level="ok",
                fields=tuple(codes), served_today=served_by_counter.get(number, 0)))

    alerts = _alerts(fields, counters, dossier_counts, t)
    return SupervisorNow(at=now, fields=tuple(fields), counters=tuple(counters), waiting=tuple(waiting[:WAITING_LIMIT]),
                         alerts=alerts, dossiers=dossier_counts, notice=notice, targets=t)


def _alerts(fields: list[FieldNow], counters: list[CounterNow], dossiers: dict[str, int], t: Targets) -> tuple[Alert, ...]:
    out: list[Alert] = []
    for f in fields:
        if f.waiting and not f.counters:
            out.append(Alert("no_counter", "late", f.code,
                             f"Lĩnh vực {f.name}: {f.waiting} người đang chờ nhưng không có quầy nào mở phục vụ.",
                             f"{f.name}: {f.waiting} waiting and no open counter serves this field."))
        if f.level != "ok":
            out.append(Alert("wait", f.level, f.code,
                             f"Lĩnh vực {f.name}: người chờ lâu nhất đã {_minutes(f.longest_wait)} phút "
                             f"(chỉ tiêu {_minutes(f.wait_target)} phút), {f.waiting} người đang chờ.",
                             f"{f.name}: longest wait {_minutes(f.longest_wait)} min "
                             f"(target {_minutes(f.wait_target)} min), {f.waiting} waiting."))
    for c in counters:
        if c.level != "ok" and c.in_service_for is not None and c.service_target is not None:
            out.append(Alert("service", c.level, str(c.number),
                             f"Quầy {c.number}: đang phục vụ số {c.ticket_number} đã {_minutes(c.in_service_for)} phút "
                             f"(chỉ tiêu {_minutes(c.service_target)} phút).",
                             f"Counter {c.number}: serving {c.ticket_number} for {_minutes(c.in_service_for)} min "
                             f"(target {_minutes(c.service_target)} min)."))
    if dossiers.get("overdue"):
        out.append(Alert("overdue", "late", "", f"{dossiers['overdue']} hồ sơ đã quá hạn giải quyết.",
                         f"{dossiers['overdue']} dossiers are past their due date."))
    if dossiers.get("uncollected"):
        out.append(Alert("uncollected", "warning", "",
                         f"{dossiers['uncollected']} kết quả đã có quá {t.uncollected_days} ngày nhưng công dân chưa nhận.",
                         f"{dossiers['uncollected']} results ready for more than {t.uncollected_days} days, not collected."))
    order = {"late": 0, "warning": 1}
    return tuple(sorted(out, key=lambda a: order.get(a.level, 2)))


# -- the three actions ----------------------------------------------------------------------

def _guard(svc: Services, actor: Actor, action: str) -> None:
    with svc.reading() as s:
        supervising(s, actor, action)


def move_waiting_ticket(svc: Services, actor: Actor, number: str, to_field: str, reason: str = "") -> queue.TicketInfo:
    """Move a ticket waiting today to another field (keeps its place). Audited "queue.move"."""
    authz.require(actor, "queue.move")
    _guard(svc, actor, "queue.move")
    return queue.move_waiting(svc, actor, number, to_field, reason)


def set_counter_fields(svc: Services, actor: Actor, counter_number: int, field_codes: list[str]) -> None:
    """Open or close fields at a counter: the fields it serves from now on."""
    authz.require(actor, "queue.counter_fields")
    _guard(svc, actor, "queue.counter_fields")
    queue.set_counter_fields(svc, actor, counter_number, field_codes)


def broadcast_notice(svc: Services, actor: Actor, text: str) -> None:
    """The scrolling notice of the hall display board."""
    authz.require(actor, "queue.display_notice")
    _guard(svc, actor, "queue.display_notice")
    queue.set_display_notice(svc, actor, text)
