"""Period reports of the supervisor console (issue 6, DOMAIN §8).

Every figure comes from the timestamps the queue and the lifecycle record (docs/INDICATORS.md
defines each one). Services only read here; supervisors and admins may call them (and the CLI,
as "system"); officers are refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain.catalog import OnlineClass
from counter_app.domain.errors import DomainError
from counter_app.domain.indicators import (
    REFORM_TARGETS,
    Period,
    on_time_rate,
    rate,
    satisfied_threshold,
)
from counter_app.domain.status import DossierStatus as S
from counter_app.services import authz
from counter_app.services import search as dossier_search
from counter_app.services.authz import supervising
from counter_app.services.context import Actor, Services
from counter_app.services.calendar import site_calendar
from counter_app.services.queue import business_day, rating_labels
from counter_app.services.setup import the_site
from counter_app.services.supervisor import Targets, targets_of
from counter_app.store import timesql
from counter_app.store.models import Dossier, DossierEvent, Field, Procedure, QueueCall, Rating, Ticket, User

# The measures of a dossier line a supervisor can drill into (drill_down's `measure`).
DOSSIER_MEASURES = (
    "carried_over", "received_online", "received_direct", "received",
    "resolved_early", "resolved_on_time", "resolved_late", "resolved",
    "in_progress_within", "in_progress_overdue", "in_progress", "closed",
)


@dataclass(frozen=True)
class DossierCounts:
    """One line of report II.06a (a unit) or 07a (a field), or their total (key "")."""

    key: str                 # 06a: the resolving agency (dossier.lead_agency, "" → the centre); 07a: field code
    label: str               # agency name / field name / "Tổng cộng"
    carried_over: int        # received before the period, still unresolved at its start
    received_online: int     # received in the period, channel online
    received_direct: int     # received in the period, in person or by post
    resolved_early: int      # result ready in the period, before the due date's day
    resolved_on_time: int    # result ready in the period, on the due day, not after its time
    resolved_late: int       # result ready in the period, after the due date in force
    in_progress_within: int  # unresolved at the end of the period, not past due (or paused, status 5)
    in_progress_overdue: int  # unresolved at the end of the period, past the due date in force
    closed: int              # withdrawn (7) or stopped (8) in the period: neither resolved nor in progress

    @property
    def received(self) -> int:
        return self.carried_over + self.received_online + self.received_direct

    @property
    def resolved(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def in_progress(self) -> int:
        return self.in_progress_within + self.in_progress_overdue

    @property
    def on_time_rate(self) -> float | None:
        return on_time_rate(self.resolved_early, self.resolved_on_time, self.resolved)


@dataclass(frozen=True)
class DossierReport:
    form: str                 # "06a" | "07a"
    period: Period
    as_of: datetime           # min(end of period, now): the instant "in progress" is judged at
    rows: tuple[DossierCounts, ...]
    total: DossierCounts


@dataclass(frozen=True)
class QueueLine:
    """Queue figures of a field (or the total, key "") over the period."""

    key: str
    label: str
    issued: int
    served: int               # status done
    no_show: int
    expired: int              # never called before the day ended
    avg_wait: timedelta | None     # first call - issue, over called tickets
    max_wait: timedelta | None
    within_target: float | None    # share of called tickets whose wait <= the field's wait target
    avg_walk: timedelta | None     # service start - last call
    avg_service: timedelta | None  # finish - service start, over done tickets


@dataclass(frozen=True)
class QueueReport:
    period: Period
    rows: tuple[QueueLine, ...]
    total: QueueLine


@dataclass(frozen=True)
class OfficerLine:
    officer_id: uuid.UUID | None
    username: str
    name: str
    served: int
    no_show: int
    avg_wait: timedelta | None      # of the tickets this officer called
    avg_walk: timedelta | None
    avg_service: timedelta | None
    idle: timedelta                 # gaps between finishing a ticket and the next call, same day, each < 1 h
    dossiers_received: int          # dossiers this officer received in the period
    ratings: int
    avg_rating: float | None        # on the site's scale (1 = worst)
    dissatisfied: int               # ratings below the satisfied threshold


@dataclass(frozen=True)
class OfficerReport:
    period: Period
    rows: tuple[OfficerLine, ...]


@dataclass(frozen=True)
class RatingComment:
    at: datetime
    counter_number: int | None
    officer_name: str
    value: int
    label: str
    reason: str


@dataclass(frozen=True)
class SatisfactionReport:
    period: Period
    labels: tuple[str, ...]          # the site's scale, best first
    counts: tuple[int, ...]          # per label, best first
    total: int
    satisfied: int                   # values >= satisfied_threshold(scale)
    other_scale: int                 # ratings given on a scale the site no longer uses (not in counts)
    comments: tuple[RatingComment, ...]  # newest first, those with a reason

    @property
    def shares(self) -> tuple[float | None, ...]:
        return tuple(rate(c, self.total) for c in self.counts)

    @property
    def satisfied_share(self) -> float | None:
        return rate(self.satisfied, self.total)


@dataclass(frozen=True)
class ReformLine:
    key: str                  # REFORM_TARGETS key
    label: str
    numerator: int
    denominator: int
    actual: float | None      # None: nothing to measure in the period (or not measurable: see measured)
    target_2025: float | None
    target_2030: float | None
    measured: bool


@dataclass(frozen=True)
class HourPoint:
    hour: int                 # local hour of day (7 → 07:00–07:59)
    arrivals: float           # tickets issued in that hour, average per working day of the period
    staffed: float            # distinct counters that called a ticket in that hour, average per working day


@dataclass(frozen=True)
class WaitBucket:
    label: str                # "0–5", "5–10", …, "60+" (minutes)
    lower_minutes: int
    upper_minutes: int | None
    count: int


@dataclass(frozen=True)
class WeekPoint:
    week_start: date          # Monday
    resolved: int
    on_time_rate: float | None


@dataclass(frozen=True)
class HeatCell:
    field_code: str
    weekday: int              # 0 = Monday .. 6 = Sunday
    hour: int
    arrivals: int


@dataclass(frozen=True)
class ChartData:
    arrivals_by_hour: tuple[HourPoint, ...]
    wait_histogram: tuple[WaitBucket, ...]
    on_time_by_week: tuple[WeekPoint, ...]
    heatmap: tuple[HeatCell, ...]     # only cells with arrivals


@dataclass(frozen=True)
class PeriodReport:
    """Everything the period PDF holds."""

    site_name: str
    period: Period
    generated_at: datetime
    report_06a: DossierReport
    report_07a: DossierReport
    reform: tuple[ReformLine, ...]
    queue: QueueReport
    officers: OfficerReport
    satisfaction: SatisfactionReport
    charts: ChartData


# -- dossiers: II.06a / II.07a -------------------------------------------------------------

NOT_RECEIVED = (int(S.REGISTERED_ONLINE), int(S.REFUSED))
CLOSED = (int(S.WITHDRAWN), int(S.STOPPED))
CENTRE_KEY = ""


class _Measures:
    """The SQL condition of every measure of a dossier line, for one period (docs/INDICATORS.md)."""

    def __init__(self, s: Session, period: Period, as_of: datetime, now: datetime) -> None:
        b, e = period.begins, period.ends
        closed_at = sa.case((Dossier.status.in_(CLOSED), Dossier.status_changed_at))
        # A withdrawn or stopped dossier is closed, not resolved, whatever result it had before.
        resolved_at = sa.case((Dossier.status.in_(CLOSED), sa.null()),
                              else_=sa.func.coalesce(Dossier.result_ready_at, Dossier.returned_at))
        self.resolved_at = resolved_at
        in_period = lambda col: sa.and_(col >= b, col < e)  # noqa: E731
        resolved = in_period(resolved_at)
        late = resolved_at > Dossier.due_at
        early = sa.and_(sa.not_(late), timesql.local_date(s, resolved_at) < timesql.local_date(s, Dossier.due_at))
        open_at_end = sa.and_(sa.or_(resolved_at.is_(None), resolved_at >= e),
                              sa.or_(closed_at.is_(None), closed_at >= e))
        # In progress is judged as things stood at the end of the period (as_of): the due date
        # then in force and whether the clock was stopped (status 5) then. Every later transition
        # or apology recorded what it replaced (due_before, from_status), so the first event
        # after as_of tells; with none, the dossier is as it was. A period that ends now needs no look.
        if as_of < now:
            later = (sa.select(DossierEvent.id).where(DossierEvent.dossier_id == Dossier.id, DossierEvent.at > as_of)
                     .order_by(DossierEvent.at, DossierEvent.id).limit(1))
            due_then = sa.func.coalesce(
                later.with_only_columns(DossierEvent.due_before).where(DossierEvent.due_before.is_not(None))
                .scalar_subquery(), Dossier.due_at)
            status_then = sa.func.coalesce(
                later.with_only_columns(DossierEvent.from_status).where(DossierEvent.kind == "transition")
                .scalar_subquery(), Dossier.status)
        else:
            due_then, status_then = Dossier.due_at, Dossier.status
        paused = status_then == int(S.SUPPLEMENT_REQUESTED)
        overdue = sa.and_(due_then < as_of, sa.not_(paused))
        self.scope = sa.and_(
            Dossier.status.not_in(NOT_RECEIVED), Dossier.received_at < e,
            sa.or_(resolved_at.is_(None), resolved_at >= b), sa.or_(closed_at.is_(None), closed_at >= b))
        online = Dossier.channel == "online"
        self.conditions: dict[str, sa.ColumnElement[bool]] = {
            "carried_over": Dossier.received_at < b,
            "received_online": sa.and_(Dossier.received_at >= b, online),
            "received_direct": sa.and_(Dossier.received_at >= b, sa.not_(online)),
            "received": sa.true(),
            "resolved_early": sa.and_(resolved, early),
            "resolved_on_time": sa.and_(resolved, sa.not_(late), sa.not_(early)),
            "resolved_late": sa.and_(resolved, late),
            "resolved": resolved,
            "in_progress_within": sa.and_(open_at_end, sa.not_(overdue)),
            "in_progress_overdue": sa.and_(open_at_end, overdue),
            "in_progress": open_at_end,
            "closed": in_period(closed_at),
        }

    COUNTED = ("carried_over", "received_online", "received_direct", "resolved_early", "resolved_on_time",
               "resolved_late", "in_progress_within", "in_progress_overdue", "closed")

    def sums(self) -> list[sa.ColumnElement[int]]:
        return [sa.func.sum(sa.case((self.conditions[m], 1), else_=0)) for m in self.COUNTED]


def _as_of(svc: Services, period: Period) -> datetime:
    return min(period.ends, svc.now())


GROUPS = {"unit": 0, "field": 1}


class _DossierData:
    """One pass over the period's dossiers, grouped by (resolving unit, field, receiving officer):
    06a, 07a, their totals, the reform shares and each officer's dossiers all fold from it."""

    def __init__(self, s: Session, period: Period, as_of: datetime, now: datetime) -> None:
        m = _Measures(s, period, as_of, now)
        received = sa.and_(Dossier.received_at >= period.begins)
        extra = [sa.func.sum(sa.case((sa.and_(received, Dossier.electronic.is_(True)), 1), else_=0))]
        groups = (Dossier.lead_agency, Dossier.field_code, Dossier.received_by_id)
        self.rows = [(lead or CENTRE_KEY, field or "", officer, [int(v or 0) for v in values])
                     for lead, field, officer, *values in
                     s.execute(sa.select(*groups, *m.sums(), *extra).where(m.scope).group_by(*groups)).all()]

    def fold(self, by: str) -> tuple[dict[str, list[int]], list[int]]:
        index = GROUPS[by]
        lines: dict[str, list[int]] = {}
        total = [0] * (len(_Measures.COUNTED) + 1)
        for row in self.rows:
            acc = lines.setdefault(row[index], [0] * len(total))
            for i, v in enumerate(row[3]):
                acc[i] += v
                total[i] += v
        return lines, total

    def received_by(self) -> dict[uuid.UUID, int]:
        out: dict[uuid.UUID, int] = {}
        for _, _, officer, values in self.rows:
            if officer is not None:
                out[officer] = out.get(officer, 0) + values[1] + values[2]  # online + in person/post
        return out


def _group_column(by: str):
    if by == "unit":
        return Dossier.lead_agency
    if by == "field":
        return Dossier.field_code
    raise DomainError("choice_invalid")


def _counts(key: str, label: str, values) -> DossierCounts:
    return DossierCounts(key, label, *(int(v or 0) for v in values[:len(_Measures.COUNTED)]))


def _dossier_report(data: _DossierData, by: str, period: Period, as_of: datetime, site_name: str,
                    field_names: dict[str, str]) -> DossierReport:
    lines, total = data.fold(by)

    def label(key: str) -> str:
        if by == "field":
            return field_names.get(key, key or "—")
        return key or site_name
    rows = tuple(_counts(key, label(key), lines[key]) for key in sorted(lines))
    return DossierReport(form="06a" if by == "unit" else "07a", period=period, as_of=as_of, rows=rows,
                         total=_counts(CENTRE_KEY, "Tổng cộng", total))


def dossier_report(svc: Services, actor: Actor, period: Period, *, by: str) -> DossierReport:
    """Report II.06a (by="unit": per resolving agency) or II.07a (by="field")."""
    authz.require(actor, "report.07a" if by == "field" else "report.06a")
    _group_column(by)
    as_of = _as_of(svc, period)
    with svc.reading() as s:
        supervising(s, actor, f"report.{'06a' if by == 'unit' else '07a'}")
        data = _DossierData(s, period, as_of, svc.now())
        return _dossier_report(data, by, period, as_of, the_site(s).name, _field_names(s))


def report_06a(svc: Services, actor: Actor, period: Period) -> DossierReport:
    authz.require(actor, "report.06a")
    return dossier_report(svc, actor, period, by="unit")


def report_07a(svc: Services, actor: Actor, period: Period) -> DossierReport:
    authz.require(actor, "report.07a")
    return dossier_report(svc, actor, period, by="field")


def drill_down(svc: Services, actor: Actor, period: Period, *, by: str, key: str | None, measure: str,
               limit: int = 1000) -> list[dossier_search.DossierListItem]:
    """The dossiers behind one number of 06a/07a (key None: the total line), masked, by receipt."""
    authz.require(actor, "report.drill_down")
    if measure not in DOSSIER_MEASURES:
        raise DomainError("report_measure_unknown", value=str(measure)[:40])
    group = _group_column(by)
    as_of = _as_of(svc, period)
    now = svc.now()
    with svc.reading() as s:
        supervising(s, actor, "report.drill_down")
        m = _Measures(s, period, as_of, now)
        conditions = [m.scope, m.conditions[measure]]
        if key is not None:
            conditions.append(group == key)
        return dossier_search.dossier_items(s, conditions, now, order_by=(Dossier.received_at, Dossier.code),
                                            limit=limit)


def dossier_indicators(svc: Services, actor: Actor,
                       period: Period) -> tuple[DossierReport, DossierReport, tuple[ReformLine, ...]]:
    """II.06a, II.07a and the reform targets from one pass over the period's dossiers."""
    authz.require(actor, "report.indicators")
    as_of = _as_of(svc, period)
    with svc.reading() as s:
        supervising(s, actor, "report.indicators")
        data = _DossierData(s, period, as_of, svc.now())
        site_name, names = the_site(s).name, _field_names(s)
        return (_dossier_report(data, "unit", period, as_of, site_name, names),
                _dossier_report(data, "field", period, as_of, site_name, names), _reform(s, data))


# -- queue and officers ------------------------------------------------------------------------
#
# Durations are fixed on the ticket when they happen (queue service: wait at the first call, walk
# at the service start, service at the finish, idle before each first call), so a year of
# tickets is summed, not parsed.

def _td(seconds: float | None) -> timedelta | None:
    return None if seconds is None else timedelta(seconds=round(float(seconds), 3))


def _wait_target_case(t: Targets):
    """The wait target (seconds) of a ticket's field."""
    default = t.max_wait.total_seconds()
    if not t.field_max_wait:
        return sa.literal(default)
    return sa.case(*((Ticket.field_code == code, v.total_seconds()) for code, v in t.field_max_wait.items()),
                   else_=default)


_SUMS = ("issued", "served", "no_show", "expired", "waits", "wait_sum", "wait_max", "within", "walks", "walk_sum",
         "services", "service_sum", "idle_sum")


def _ticket_sums(t: Targets, today: date) -> list:
    wait = Ticket.wait_seconds
    return [
        sa.func.count(),
        sa.func.sum(sa.case((Ticket.status == "done", 1), else_=0)),
        sa.func.sum(sa.case((Ticket.status == "no_show", 1), else_=0)),
        # Expired: never called before its business day ended (marked so by expire_waiting, or
        # still "waiting" on a day that is over).
        sa.func.sum(sa.case((sa.or_(Ticket.status == "expired",
                                    sa.and_(Ticket.status == "waiting", Ticket.business_day < today)), 1), else_=0)),
        sa.func.count(wait), sa.func.sum(wait), sa.func.max(wait),
        sa.func.sum(sa.case((wait <= _wait_target_case(t), 1), else_=0)),
        sa.func.count(Ticket.walk_seconds), sa.func.sum(Ticket.walk_seconds),
        sa.func.count(Ticket.service_seconds), sa.func.sum(Ticket.service_seconds),
        sa.func.sum(Ticket.idle_seconds),
    ]


def _add(acc: dict[str, float], values) -> None:
    for name, v in zip(_SUMS, values, strict=True):
        if v is None:
            continue
        acc[name] = max(acc.get(name, v), v) if name == "wait_max" else acc.get(name, 0) + v


def _avg(acc: dict[str, float], total: str, count: str) -> timedelta | None:
    n = acc.get(count, 0)
    return _td(acc.get(total, 0) / n) if n else None


class _TicketData:
    """One pass over the period's tickets grouped by (field, officer): the queue lines, the total
    and each officer's figures fold from it."""

    def __init__(self, s: Session, period: Period, t: Targets, today: date) -> None:
        self.rows = s.execute(
            sa.select(Ticket.field_code, Ticket.officer_id, *_ticket_sums(t, today)).where(_ticket_period(period))
            .group_by(Ticket.field_code, Ticket.officer_id)).all()

    def fold(self, index: int) -> tuple[dict, dict[str, float]]:
        lines: dict = {}
        total: dict[str, float] = {}
        for row in self.rows:
            _add(lines.setdefault(row[index], {}), row[2:])
            _add(total, row[2:])
        return lines, total


def _queue_line(key: str, label: str, acc: dict[str, float]) -> QueueLine:
    return QueueLine(key=key, label=label, issued=int(acc.get("issued", 0)), served=int(acc.get("served", 0)),
                     no_show=int(acc.get("no_show", 0)), expired=int(acc.get("expired", 0)),
                     avg_wait=_avg(acc, "wait_sum", "waits"), max_wait=_td(acc.get("wait_max")),
                     within_target=rate(int(acc.get("within", 0)), int(acc.get("waits", 0))),
                     avg_walk=_avg(acc, "walk_sum", "walks"), avg_service=_avg(acc, "service_sum", "services"))


def _ticket_period(period: Period):
    return sa.and_(Ticket.business_day >= period.start, Ticket.business_day <= period.end)


def _queue_report(data: _TicketData, period: Period, names: dict[str, str]) -> QueueReport:
    lines, total = data.fold(0)
    return QueueReport(period=period, rows=tuple(_queue_line(code, names.get(code, code), lines[code])
                                                 for code in sorted(lines)),
                       total=_queue_line("", "Tổng cộng", total))


def queue_report(svc: Services, actor: Actor, period: Period) -> QueueReport:
    authz.require(actor, "report.queue")
    with svc.reading() as s:
        supervising(s, actor, "report.queue")
        data = _TicketData(s, period, targets_of(the_site(s)), business_day(svc.now()))
        return _queue_report(data, period, _field_names(s))


def _field_names(s: Session) -> dict[str, str]:
    return dict(s.execute(sa.select(Field.code, Field.name)).all())


def _officer_report(s: Session, tickets: _TicketData, received: dict[uuid.UUID, int], period: Period) -> OfficerReport:
    site = the_site(s)
    scale = len(rating_labels(site))
    threshold = satisfied_threshold(scale)
    ratings = {r[0]: r[1:] for r in s.execute(
        sa.select(Rating.officer_id, sa.func.count(), sa.func.avg(Rating.value),
                  sa.func.sum(sa.case((Rating.value < threshold, 1), else_=0)))
        .where(Rating.at >= period.begins, Rating.at < period.ends, Rating.officer_id.is_not(None),
               Rating.scale == str(scale))
        .group_by(Rating.officer_id)).all()}
    users = {u.id: u for u in s.execute(sa.select(User)).scalars()}
    by_officer, _ = tickets.fold(1)
    by_officer.pop(None, None)
    lines = []
    for officer_id in set(by_officer) | set(received) | set(ratings):
        q = by_officer.get(officer_id, {})
        n, avg, unhappy = ratings.get(officer_id, (0, None, 0))
        user = users.get(officer_id)
        lines.append(OfficerLine(
            officer_id=officer_id, username=user.username if user else "", name=user.full_name if user else "",
            served=int(q.get("served", 0)), no_show=int(q.get("no_show", 0)), avg_wait=_avg(q, "wait_sum", "waits"),
            avg_walk=_avg(q, "walk_sum", "walks"), avg_service=_avg(q, "service_sum", "services"),
            idle=_td(q.get("idle_sum", 0)) or timedelta(0), dossiers_received=int(received.get(officer_id, 0)),
            ratings=int(n or 0), avg_rating=float(avg) if avg is not None else None, dissatisfied=int(unhappy or 0)))
    lines.sort(key=lambda x: (-x.served, x.name))
    return OfficerReport(period=period, rows=tuple(lines))


def officer_report(svc: Services, actor: Actor, period: Period) -> OfficerReport:
    authz.require(actor, "report.officers")
    now = svc.now()
    with svc.reading() as s:
        supervising(s, actor, "report.officers")
        tickets = _TicketData(s, period, targets_of(the_site(s)), business_day(now))
        received = dict(s.execute(
            sa.select(Dossier.received_by_id, sa.func.count())
            .where(Dossier.received_at >= period.begins, Dossier.received_at < period.ends,
                   Dossier.status.not_in(NOT_RECEIVED), Dossier.received_by_id.is_not(None))
            .group_by(Dossier.received_by_id)).all())
        return _officer_report(s, tickets, received, period)


# -- satisfaction -----------------------------------------------------------------------------

COMMENT_LIMIT = 200


def _satisfaction_report(s: Session, period: Period) -> SatisfactionReport:
    labels = rating_labels(the_site(s))
    scale = len(labels)
    in_period = sa.and_(Rating.at >= period.begins, Rating.at < period.ends)
    by_value = {(sc, v): n for sc, v, n in s.execute(
        sa.select(Rating.scale, Rating.value, sa.func.count()).where(in_period)
        .group_by(Rating.scale, Rating.value)).all()}
    comments = s.execute(
        sa.select(Rating.at, Rating.counter_number, Rating.officer_id, Rating.value, Rating.reason, Rating.scale)
        .where(in_period, Rating.reason != "").order_by(Rating.at.desc()).limit(COMMENT_LIMIT)).all()
    names = dict(s.execute(sa.select(User.id, User.full_name)).all())
    counts = tuple(by_value.get((str(scale), value), 0) for value in range(scale, 0, -1))  # best first
    total = sum(counts)
    other = sum(n for (sc, _), n in by_value.items() if sc != str(scale))
    threshold = satisfied_threshold(scale)
    satisfied = sum(by_value.get((str(scale), v), 0) for v in range(threshold, scale + 1))

    def label(value: int, sc: str) -> str:
        return labels[scale - value] if sc == str(scale) and 1 <= value <= scale else f"{value}/{sc}"
    return SatisfactionReport(
        period=period, labels=labels, counts=counts, total=total, satisfied=satisfied, other_scale=other,
        comments=tuple(RatingComment(at=c.at, counter_number=c.counter_number,
                                     officer_name=names.get(c.officer_id, "") if c.officer_id else "",
                                     value=c.value, label=label(c.value, c.scale), reason=c.reason)
                       for c in comments))


def satisfaction_report(svc: Services, actor: Actor, period: Period) -> SatisfactionReport:
    authz.require(actor, "report.satisfaction")
    with svc.reading() as s:
        supervising(s, actor, "report.satisfaction")
        return _satisfaction_report(s, period)


# -- reform targets ---------------------------------------------------------------------------

ONLINE_SERVICES = (str(OnlineClass.FULL), str(OnlineClass.PARTIAL))


def _reform(s: Session, data: _DossierData) -> tuple[ReformLine, ...]:
    _, total = data.fold("unit")
    counts = _counts(CENTRE_KEY, "", total)
    n_received = counts.received_online + counts.received_direct
    n_electronic = total[len(_Measures.COUNTED)]
    in_force = Procedure.retired.is_(False)
    n_procedures, n_portal = s.execute(
        sa.select(sa.func.count(), sa.func.sum(sa.case((Procedure.portal_integrated.is_(True), 1), else_=0)))
        .where(in_force)).one()
    n_online_services, n_signed = s.execute(
        sa.select(sa.func.count(), sa.func.sum(sa.case((Procedure.digital_signature.is_(True), 1), else_=0)))
        .where(in_force, Procedure.online_class.in_(ONLINE_SERVICES))).one()
    figures = {
        "online_share": (counts.received_online, n_received),
        "digital_signature_share": (n_signed, n_online_services),
        "electronic_share": (n_electronic, n_received),
        "portal_share": (n_portal, n_procedures),
        "on_time_rate": (counts.resolved_early + counts.resolved_on_time, counts.resolved),
    }
    lines = []
    for target in REFORM_TARGETS:
        num, den = (int(x or 0) for x in figures.get(target.key, (0, 0)))
        lines.append(ReformLine(key=target.key, label=target.label_vi, numerator=num, denominator=den,
                                actual=rate(num, den) if target.measured else None, target_2025=target.target_2025,
                                target_2030=target.target_2030, measured=target.measured))
    return tuple(lines)


def reform_report(svc: Services, actor: Actor, period: Period) -> tuple[ReformLine, ...]:
    """The centre's actual figure beside each reform target (DOMAIN §8)."""
    authz.require(actor, "report.reform")
    with svc.reading() as s:
        supervising(s, actor, "report.reform")
        return _reform(s, _DossierData(s, period, _as_of(svc, period), svc.now()))


# -- charts -----------------------------------------------------------------------------------

WAIT_BUCKETS = ((0, 5), (5, 10), (10, 15), (15, 20), (20, 30), (30, 45), (45, 60), (60, None))
WAIT_BIN = 300  # seconds: every bucket edge is a multiple of five minutes
LOCAL_OFFSET_HOURS = 7  # Asia/Ho_Chi_Minh: UTC+7, no daylight saving


def _local_hour_of(utc_bucket: str) -> tuple[date, int]:
    """("2026-11-26 17", UTC date and hour) → the local date and hour."""
    at = datetime.fromisoformat(utc_bucket[:10]) + timedelta(hours=int(utc_bucket[11:13]) + LOCAL_OFFSET_HOURS)
    return at.date(), at.hour


def _charts(s: Session, svc: Services, period: Period) -> ChartData:
    in_period = _ticket_period(period)
    # Arrivals: per field, business day and local hour of issue; the hours, the heat map and
    # the averages per working day all come from it.
    hour = timesql.local_hour(s, Ticket.issued_at)
    arrivals_rows = s.execute(sa.select(Ticket.field_code, Ticket.business_day, hour, sa.func.count())
                              .where(in_period).group_by(Ticket.field_code, Ticket.business_day, hour)).all()
    # Averages per working day of the period (up to today), by the site's calendar; a day the
    # centre opened anyway (tickets on a day off) counts too.
    last = min(period.end, business_day(svc.now()))
    calendar = site_calendar(s, the_site(s))
    ticket_days = {row[1] for row in arrivals_rows}
    days = max(1, len({period.start + timedelta(days=i) for i in range((last - period.start).days + 1)
                       if calendar.is_working_day(period.start + timedelta(days=i))} | ticket_days))
    arrivals: dict[int, int] = {}
    heat: dict[tuple[str, int, int], int] = {}
    for field, day, h, n in arrivals_rows:
        arrivals[int(h)] = arrivals.get(int(h), 0) + n
        key = (field, day.weekday(), int(h))
        heat[key] = heat.get(key, 0) + n
    # Staffed: distinct counters calling in each hour of each day.
    calls = (sa.select(timesql.utc_hour_bucket(s, QueueCall.at).label("bucket"), QueueCall.counter_number)
             .where(QueueCall.at >= period.begins, QueueCall.at < period.ends).distinct().subquery())
    utc_hour = timesql.hour_of_bucket(s, calls.c.bucket)
    staffed: dict[int, int] = {}
    for h, n in s.execute(sa.select(utc_hour, sa.func.count()).group_by(utc_hour)).all():
        local = (int(h) + LOCAL_OFFSET_HOURS) % 24
        staffed[local] = staffed.get(local, 0) + int(n)
    # Waiting times: five-minute bins folded into the buckets.
    wait_bin = timesql.floor_div(s, Ticket.wait_seconds, WAIT_BIN)
    bins = dict(s.execute(sa.select(wait_bin, sa.func.count())
                          .where(in_period, Ticket.wait_seconds.is_not(None)).group_by(wait_bin)).all())
    histogram = [0] * len(WAIT_BUCKETS)
    for b, n in bins.items():
        minutes = int(b) * WAIT_BIN // 60
        for i, (lo, hi) in enumerate(WAIT_BUCKETS):
            if minutes >= lo and (hi is None or minutes < hi):
                histogram[i] += n
                break
    # On-time rate per week: resolved dossiers per UTC hour of their result, dated locally here.
    m = _Measures(s, period, _as_of(svc, period), svc.now())
    res_bucket = timesql.utc_hour_bucket(s, m.resolved_at)
    # Early or on time = not late: no need to date either time here.
    per_hour = s.execute(
        sa.select(res_bucket, sa.func.count(), sa.func.sum(sa.case((m.resolved_at <= Dossier.due_at, 1), else_=0)))
        .where(m.conditions["resolved"]).group_by(res_bucket)).all()
    hours = sorted(set(arrivals) | set(staffed)) or list(range(7, 18))
    by_hour = tuple(HourPoint(hour=h, arrivals=arrivals.get(h, 0) / days, staffed=staffed.get(h, 0) / days)
                    for h in range(min(hours), max(hours) + 1))
    buckets = tuple(WaitBucket(label=f"{lo}–{hi}" if hi is not None else f"{lo}+", lower_minutes=lo,
                               upper_minutes=hi, count=n) for (lo, hi), n in zip(WAIT_BUCKETS, histogram, strict=True))
    weeks: dict[date, list[int]] = {}
    for utc_hour, resolved, good in per_hour:
        day = _local_hour_of(str(utc_hour))[0]
        acc = weeks.setdefault(day - timedelta(days=day.weekday()), [0, 0])
        acc[0] += int(resolved or 0)
        acc[1] += int(good or 0)
    by_week = tuple(WeekPoint(week_start=w, resolved=v[0], on_time_rate=rate(v[1], v[0])) for w, v in sorted(weeks.items()))
    cells = tuple(HeatCell(field_code=f, weekday=w, hour=h, arrivals=n) for (f, w, h), n in sorted(heat.items()))
    return ChartData(arrivals_by_hour=by_hour, wait_histogram=buckets, on_time_by_week=by_week, heatmap=cells)


def chart_data(svc: Services, actor: Actor, period: Period) -> ChartData:
    authz.require(actor, "report.charts")
    with svc.reading() as s:
        supervising(s, actor, "report.charts")
        return _charts(s, svc, period)


# -- the whole period ---------------------------------------------------------------------------

def period_report(svc: Services, actor: Actor, period: Period) -> PeriodReport:
    """Everything of the period in one read: one pass over the dossiers, one over the tickets."""
    authz.require(actor, "report.period")
    now = svc.now()
    as_of = _as_of(svc, period)
    with svc.reading() as s:
        supervising(s, actor, "report.period")
        site = the_site(s)
        names = _field_names(s)
        dossiers = _DossierData(s, period, as_of, now)
        tickets = _TicketData(s, period, targets_of(site), business_day(now))
        return PeriodReport(
            site_name=site.name, period=period, generated_at=now,
            report_06a=_dossier_report(dossiers, "unit", period, as_of, site.name, names),
            report_07a=_dossier_report(dossiers, "field", period, as_of, site.name, names),
            reform=_reform(s, dossiers), queue=_queue_report(tickets, period, names),
            officers=_officer_report(s, tickets, dossiers.received_by(), period),
            satisfaction=_satisfaction_report(s, period), charts=_charts(s, svc, period))


# -- exports ------------------------------------------------------------------------------------

TABLE_KEYS = ("06a", "07a", "reform", "queue", "officers", "satisfaction", "comments")


def report_tables(svc: Services, actor: Actor, period: Period, keys: tuple[str, ...], *, lang: str = "vi"):
    """The ReportTables of keys (TABLE_KEYS) for period, as the console shows them."""
    authz.require(actor, "report.tables")
    from counter_app.services import report_tables as rt

    unknown = [k for k in keys if k not in TABLE_KEYS]
    if unknown:
        raise DomainError("report_measure_unknown", value=unknown[0][:40])
    tables = []
    satisfaction = None
    for key in keys:
        if key == "06a":
            tables.append(rt.table_06a(report_06a(svc, actor, period), lang))
        elif key == "07a":
            tables.append(rt.table_07a(report_07a(svc, actor, period), lang))
        elif key == "reform":
            tables.append(rt.table_reform(reform_report(svc, actor, period), lang))
        elif key == "queue":
            tables.append(rt.table_queue(queue_report(svc, actor, period), lang))
        elif key == "officers":
            tables.append(rt.table_officers(officer_report(svc, actor, period), lang))
        else:
            satisfaction = satisfaction or satisfaction_report(svc, actor, period)
            make = rt.table_satisfaction if key == "satisfaction" else rt.table_comments
            tables.append(make(satisfaction, lang))
    return tables


# Tables that name people: officers by name, citizens' comments (which may name anyone). An
# export holding one is personal data (Decree 13/2023): it says so on every page / in its
# first row. The others are counts only.
PERSONAL_TABLES = frozenset({"officers", "comments"})


def holds_personal_data(keys) -> bool:
    return any(k in PERSONAL_TABLES for k in keys)


def _exported(svc: Services, actor: Actor, kind: str, period: Period, path, keys: tuple[str, ...],
              rows: int) -> None:
    """Audit an export ("export.report"): who (the entry's actor and counter), the period, the
    tables, the row count and the file's SHA-256 — never the rows themselves."""
    import hashlib
    from pathlib import Path

    from counter_app.services.journal import audit

    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    with svc.transaction() as s:
        supervising(s, actor, "report.export")
        audit(s, actor, "export.report", at=svc.now(), entity_type="report", entity_id=kind,
              details={"from": period.start.isoformat(), "to": period.end.isoformat(), "tables": list(keys),
                       "rows": rows, "sha256": digest, "file": str(path)[-200:],
                       "personal_data": holds_personal_data(keys)})


def export_tables_xlsx(svc: Services, actor: Actor, period: Period, keys: tuple[str, ...], path, *,
                       lang: str = "vi"):
    """Write the tables of keys to one XLSX workbook (a sheet each). Audited."""
    authz.require(actor, "report.export")
    from counter_app.printing.report_xlsx import write_tables_xlsx

    tables = report_tables(svc, actor, period, keys, lang=lang)
    with svc.reading() as s:
        site_name = the_site(s).name
    out = write_tables_xlsx(tables, path, site_name=site_name, period_label=period.label(),
                            personal_data=holds_personal_data(keys))
    _exported(svc, actor, "xlsx", period, path, keys, sum(len(t.rows) for t in tables))
    return out


def export_tables_pdf(svc: Services, actor: Actor, period: Period, keys: tuple[str, ...], path, *,
                      lang: str = "vi"):
    """Write the tables of keys to an A4 PDF. Audited."""
    authz.require(actor, "report.export")
    from counter_app.printing.report_pdf import write_tables_pdf

    tables = report_tables(svc, actor, period, keys, lang=lang)
    with svc.reading() as s:
        site_name = the_site(s).name
    out = write_tables_pdf(tables, path, site_name=site_name, period_label=period.label(), lang=lang,
                           personal_data=holds_personal_data(keys))
    _exported(svc, actor, "pdf-tables", period, path, keys, sum(len(t.rows) for t in tables))
    return out


def export_period_pdf(svc: Services, actor: Actor, period: Period, path, lang: str = "vi"):
    """The whole period report (tables and charts) as an A4 PDF. Audited."""
    authz.require(actor, "report.export")
    from counter_app.printing.report_pdf import write_period_report_pdf

    from counter_app.printing.report_xlsx import period_tables

    report = period_report(svc, actor, period)
    out = write_period_report_pdf(report, path, lang=lang, personal_data=holds_personal_data(TABLE_KEYS))
    _exported(svc, actor, "pdf", period, path, TABLE_KEYS, sum(len(t.rows) for t in period_tables(report, lang)))
    return out
