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


def _group_column(by: str):
    if by == "unit":
        return Dossier.lead_agency
    if by == "field":
        return Dossier.field_code
    raise DomainError("choice_invalid")


def _counts(key: str, label: str, values) -> DossierCounts:
    return DossierCounts(key, label, *(int(v or 0) for v in values))


def dossier_report(svc: Services, actor: Actor | None, period: Period, *, by: str) -> DossierReport:
    """Report II.06a (by="unit": per resolving agency) or II.07a (by="field")."""
    group = _group_column(by)
    as_of = _as_of(svc, period)
    with svc.reading() as s:
        supervising(s, actor, f"report.{'06a' if by == 'unit' else '07a'}")
        site = the_site(s)
        m = _Measures(s, period, as_of, svc.now())
        rows = s.execute(sa.select(group, *m.sums()).where(m.scope).group_by(group).order_by(group)).all()
        total = s.execute(sa.select(*m.sums()).where(m.scope)).one()
        field_names = _field_names(s) if by == "field" else {}
    def label(key: str) -> str:
        if by == "field":
            return field_names.get(key, key or "—")
        return key or site.name
    lines = tuple(_counts(key or CENTRE_KEY, label(key), values) for key, *values in rows)
    return DossierReport(form="06a" if by == "unit" else "07a", period=period, as_of=as_of, rows=lines,
                         total=_counts(CENTRE_KEY, "Tổng cộng", total))


def report_06a(svc: Services, actor: Actor | None, period: Period) -> DossierReport:
    return dossier_report(svc, actor, period, by="unit")


def report_07a(svc: Services, actor: Actor | None, period: Period) -> DossierReport:
    return dossier_report(svc, actor, period, by="field")


def drill_down(svc: Services, actor: Actor | None, period: Period, *, by: str, key: str | None, measure: str,
               limit: int = 1000) -> list[dossier_search.DossierListItem]:
    """The dossiers behind one number of 06a/07a (key None: the total line), masked, by receipt."""
    if measure not in DOSSIER_MEASURES:
        raise DomainError("report_measure_unknown", value=str(measure)[:40])
    group = _group_column(by)
    as_of = _as_of(svc, period)
    now = svc.now()
    with svc.reading() as s:
        supervising(s, actor, "report.drill_down")
        m = _Measures(s, period, as_of, svc.now())
        conditions = [m.scope, m.conditions[measure]]
        if key is not None:
            conditions.append(group == key)
        return dossier_search.dossier_items(s, conditions, now, order_by=(Dossier.received_at, Dossier.code),
                                            limit=limit)


# -- queue ------------------------------------------------------------------------------------

def _td(seconds: float | None) -> timedelta | None:
    return None if seconds is None else timedelta(seconds=round(float(seconds), 3))


def _wait_target_case(s: Session, t: Targets):
    """The wait target (seconds) of a ticket's field."""
    default = t.max_wait.total_seconds()
    if not t.field_max_wait:
        return sa.literal(default)
    return sa.case(*((Ticket.field_code == code, v.total_seconds()) for code, v in t.field_max_wait.items()),
                   else_=default)


def _queue_aggregates(s: Session, t: Targets, today: date) -> list:
    wait = timesql.seconds_between(s, Ticket.first_called_at, Ticket.issued_at)
    called = Ticket.first_called_at.is_not(None)
    walk = sa.case((sa.and_(Ticket.started_at.is_not(None), Ticket.called_at.is_not(None)),
                    timesql.seconds_between(s, Ticket.started_at, Ticket.called_at)))
    service = sa.case((sa.and_(Ticket.status == "done", Ticket.started_at.is_not(None),
                               Ticket.finished_at.is_not(None)),
                       timesql.seconds_between(s, Ticket.finished_at, Ticket.started_at)))
    return [
        sa.func.count(),
        sa.func.sum(sa.case((Ticket.status == "done", 1), else_=0)),
        sa.func.sum(sa.case((Ticket.status == "no_show", 1), else_=0)),
        # Expired: never called before its business day ended (marked so by expire_waiting, or
        # still "waiting" on a day that is over).
        sa.func.sum(sa.case((sa.or_(Ticket.status == "expired",
                                    sa.and_(Ticket.status == "waiting", Ticket.business_day < today)), 1), else_=0)),
        sa.func.avg(sa.case((called, wait))),
        sa.func.max(sa.case((called, wait))),
        sa.func.sum(sa.case((called, 1), else_=0)),
        sa.func.sum(sa.case((sa.and_(called, wait <= _wait_target_case(s, t)), 1), else_=0)),
        sa.func.avg(walk),
        sa.func.avg(service),
    ]


def _queue_line(key: str, label: str, row) -> QueueLine:
    issued, served, no_show, expired, avg_wait, max_wait, called, within, avg_walk, avg_service = row
    return QueueLine(key=key, label=label, issued=int(issued or 0), served=int(served or 0),
                     no_show=int(no_show or 0), expired=int(expired or 0), avg_wait=_td(avg_wait),
                     max_wait=_td(max_wait), within_target=rate(int(within or 0), int(called or 0)),
                     avg_walk=_td(avg_walk), avg_service=_td(avg_service))


def _ticket_period(period: Period):
    return sa.and_(Ticket.business_day >= period.start, Ticket.business_day <= period.end)


def queue_report(svc: Services, actor: Actor | None, period: Period) -> QueueReport:
    with svc.reading() as s:
        supervising(s, actor, "report.queue")
        t = targets_of(the_site(s))
        aggregates = _queue_aggregates(s, t, business_day(svc.now()))
        rows = s.execute(sa.select(Ticket.field_code, *aggregates).where(_ticket_period(period))
                         .group_by(Ticket.field_code).order_by(Ticket.field_code)).all()
        total = s.execute(sa.select(*aggregates).where(_ticket_period(period))).one()
        names = _field_names(s)
    return QueueReport(period=period, rows=tuple(_queue_line(code, names.get(code, code), rest) for code, *rest in rows),
                       total=_queue_line("", "Tổng cộng", total))


def _field_names(s: Session) -> dict[str, str]:
    return dict(s.execute(sa.select(Field.code, Field.name)).all())


# -- officers ---------------------------------------------------------------------------------

IDLE_GAP_LIMIT = 3600.0  # seconds: a longer gap is a break or a closed counter


def officer_report(svc: Services, actor: Actor | None, period: Period) -> OfficerReport:
    with svc.reading() as s:
        supervising(s, actor, "report.officers")
        site = the_site(s)
        t = targets_of(site)
        scale = len(rating_labels(site))
        agg = _queue_aggregates(s, t, business_day(svc.now()))
        tickets = {r[0]: r[1:] for r in s.execute(
            sa.select(Ticket.officer_id, *agg).where(_ticket_period(period), Ticket.officer_id.is_not(None))
            .group_by(Ticket.officer_id)).all()}
        # Idle: the gap from finishing a ticket to first calling the next, same officer and day.
        previous_end = sa.func.lag(timesql.epoch(s, sa.func.coalesce(Ticket.finished_at, Ticket.called_at))).over(
            partition_by=(Ticket.officer_id, Ticket.business_day), order_by=Ticket.first_called_at)
        gaps = (sa.select(Ticket.officer_id.label("officer_id"),
                          (timesql.epoch(s, Ticket.first_called_at) - previous_end).label("gap"))
                .where(_ticket_period(period), Ticket.officer_id.is_not(None), Ticket.first_called_at.is_not(None))
                .subquery())
        idle = dict(s.execute(sa.select(gaps.c.officer_id, sa.func.sum(gaps.c.gap))
                              .where(gaps.c.gap > 0, gaps.c.gap < IDLE_GAP_LIMIT).group_by(gaps.c.officer_id)).all())
        received = dict(s.execute(
            sa.select(Dossier.received_by_id, sa.func.count())
            .where(Dossier.received_at >= period.begins, Dossier.received_at < period.ends,
                   Dossier.status.not_in(NOT_RECEIVED), Dossier.received_by_id.is_not(None))
            .group_by(Dossier.received_by_id)).all())
        threshold = satisfied_threshold(scale)
        ratings = {r[0]: r[1:] for r in s.execute(
            sa.select(Rating.officer_id, sa.func.count(), sa.func.avg(Rating.value),
                      sa.func.sum(sa.case((Rating.value < threshold, 1), else_=0)))
            .where(Rating.at >= period.begins, Rating.at < period.ends, Rating.officer_id.is_not(None),
                   Rating.scale == str(scale))
            .group_by(Rating.officer_id)).all()}
        users = {u.id: u for u in s.execute(sa.select(User)).scalars()}
    lines = []
    for officer_id in set(tickets) | set(received) | set(ratings):
        q = tickets.get(officer_id)
        line = _queue_line("", "", q) if q else None
        n, avg, unhappy = ratings.get(officer_id, (0, None, 0))
        user = users.get(officer_id)
        lines.append(OfficerLine(
            officer_id=officer_id, username=user.username if user else "", name=user.full_name if user else "",
            served=line.served if line else 0, no_show=line.no_show if line else 0,
            avg_wait=line.avg_wait if line else None, avg_walk=line.avg_walk if line else None,
            avg_service=line.avg_service if line else None,
            idle=_td(idle.get(officer_id)) or timedelta(0), dossiers_received=int(received.get(officer_id, 0)),
            ratings=int(n or 0), avg_rating=float(avg) if avg is not None else None, dissatisfied=int(unhappy or 0)))
    lines.sort(key=lambda x: (-x.served, x.name))
    return OfficerReport(period=period, rows=tuple(lines))


# -- satisfaction -----------------------------------------------------------------------------

COMMENT_LIMIT = 200


def satisfaction_report(svc: Services, actor: Actor | None, period: Period) -> SatisfactionReport:
    with svc.reading() as s:
        supervising(s, actor, "report.satisfaction")
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


# -- reform targets ---------------------------------------------------------------------------

ONLINE_SERVICES = (str(OnlineClass.FULL), str(OnlineClass.PARTIAL))


def reform_report(svc: Services, actor: Actor | None, period: Period, *,
                  on_time: tuple[int, int] | None = None) -> tuple[ReformLine, ...]:
    """The centre's actual figure beside each reform target (DOMAIN §8).

    on_time: (early + on time, resolved) when the caller has already computed 06a."""
    with svc.reading() as s:
        supervising(s, actor, "report.reform")
        received = sa.and_(Dossier.received_at >= period.begins, Dossier.received_at < period.ends,
                           Dossier.status.not_in(NOT_RECEIVED))
        n_received, n_online, n_electronic = s.execute(
            sa.select(sa.func.count(), sa.func.sum(sa.case((Dossier.channel == "online", 1), else_=0)),
                      sa.func.sum(sa.case((Dossier.electronic.is_(True), 1), else_=0))).where(received)).one()
        in_force = Procedure.retired.is_(False)
        n_procedures, n_portal = s.execute(
            sa.select(sa.func.count(), sa.func.sum(sa.case((Procedure.portal_integrated.is_(True), 1), else_=0)))
            .where(in_force)).one()
        n_online_services, n_signed = s.execute(
            sa.select(sa.func.count(), sa.func.sum(sa.case((Procedure.digital_signature.is_(True), 1), else_=0)))
            .where(in_force, Procedure.online_class.in_(ONLINE_SERVICES))).one()
    if on_time is None:
        total = report_06a(svc, actor, period).total
        on_time = (total.resolved_early + total.resolved_on_time, total.resolved)
    figures = {
        "online_share": (n_online, n_received),
        "digital_signature_share": (n_signed, n_online_services),
        "electronic_share": (n_electronic, n_received),
        "portal_share": (n_portal, n_procedures),
        "on_time_rate": on_time,
    }
    lines = []
    for target in REFORM_TARGETS:
        num, den = (int(x or 0) for x in figures.get(target.key, (0, 0)))
        lines.append(ReformLine(key=target.key, label=target.label_vi, numerator=num, denominator=den,
                                actual=rate(num, den) if target.measured else None, target_2025=target.target_2025,
                                target_2030=target.target_2030, measured=target.measured))
    return tuple(lines)


# -- charts -----------------------------------------------------------------------------------

WAIT_BUCKETS = ((0, 5), (5, 10), (10, 15), (15, 20), (20, 30), (30, 45), (45, 60), (60, None))


def chart_data(svc: Services, actor: Actor | None, period: Period) -> ChartData:
    with svc.reading() as s:
        supervising(s, actor, "report.charts")
        in_period = _ticket_period(period)
        # Averages per working day of the period (up to today), by the site's calendar; a day
        # the centre opened anyway (tickets on a day off) counts too.
        last = min(period.end, business_day(svc.now()))
        calendar = site_calendar(s, the_site(s))
        ticket_days = set(s.execute(sa.select(Ticket.business_day).where(in_period).distinct()).scalars())
        days = len({period.start + timedelta(days=i) for i in range((last - period.start).days + 1)
                    if calendar.is_working_day(period.start + timedelta(days=i))} | ticket_days)
        hour = timesql.local_hour(s, Ticket.issued_at)
        arrivals = dict(s.execute(sa.select(hour, sa.func.count()).where(in_period).group_by(hour)).all())
        call_hour = timesql.local_hour(s, QueueCall.at)
        call_day = timesql.local_date(s, QueueCall.at)
        staffed_sub = (sa.select(call_day.label("d"), call_hour.label("h"), QueueCall.counter_number.label("c"))
                       .where(QueueCall.at >= period.begins, QueueCall.at < period.ends).distinct().subquery())
        staffed = dict(s.execute(sa.select(staffed_sub.c.h, sa.func.count()).group_by(staffed_sub.c.h)).all())
        wait_min = timesql.seconds_between(s, Ticket.first_called_at, Ticket.issued_at) / 60.0
        bucket_sums = [sa.func.sum(sa.case((sa.and_(wait_min >= lo, *(() if hi is None else (wait_min < hi,))), 1),
                                           else_=0)) for lo, hi in WAIT_BUCKETS]
        histogram = s.execute(sa.select(*bucket_sums).where(in_period, Ticket.first_called_at.is_not(None))).one()
        # On-time rate per week: resolved dossiers per local day of their result, grouped in Python.
        m = _Measures(s, period, _as_of(svc, period), svc.now())
        resolved_at = sa.case((Dossier.status.in_(CLOSED), sa.null()),
                              else_=sa.func.coalesce(Dossier.result_ready_at, Dossier.returned_at))
        res_day = timesql.local_date(s, resolved_at)
        per_day = s.execute(
            sa.select(res_day, sa.func.count(),
                      sa.func.sum(sa.case((sa.or_(m.conditions["resolved_early"], m.conditions["resolved_on_time"]), 1),
                                          else_=0)))
            .where(m.scope, m.conditions["resolved"]).group_by(res_day)).all()
        wd = timesql.weekday(s, Ticket.business_day)
        heat = s.execute(sa.select(Ticket.field_code, wd, hour, sa.func.count()).where(in_period)
                         .group_by(Ticket.field_code, wd, hour)).all()
    per_day_count = max(days, 1)
    hours = sorted(set(arrivals) | set(staffed)) or list(range(7, 18))
    by_hour = tuple(HourPoint(hour=int(h), arrivals=arrivals.get(h, 0) / per_day_count,
                              staffed=staffed.get(h, 0) / per_day_count)
                    for h in range(min(hours), max(hours) + 1))
    buckets = tuple(WaitBucket(label=f"{lo}–{hi}" if hi is not None else f"{lo}+", lower_minutes=lo,
                               upper_minutes=hi, count=int(n or 0))
                    for (lo, hi), n in zip(WAIT_BUCKETS, histogram, strict=True))
    weeks: dict[date, list[int]] = {}
    for day_text, resolved, good in per_day:
        day = date.fromisoformat(str(day_text)[:10])
        monday = day - timedelta(days=day.weekday())
        acc = weeks.setdefault(monday, [0, 0])
        acc[0] += int(resolved or 0)
        acc[1] += int(good or 0)
    by_week = tuple(WeekPoint(week_start=w, resolved=v[0], on_time_rate=rate(v[1], v[0])) for w, v in sorted(weeks.items()))
    cells = tuple(HeatCell(field_code=f, weekday=int(w), hour=int(h), arrivals=int(n)) for f, w, h, n in heat)
    return ChartData(arrivals_by_hour=by_hour, wait_histogram=buckets, on_time_by_week=by_week, heatmap=cells)


# -- the whole period ---------------------------------------------------------------------------

def period_report(svc: Services, actor: Actor | None, period: Period) -> PeriodReport:
    r06 = report_06a(svc, actor, period)
    with svc.reading() as s:
        site_name = the_site(s).name
    return PeriodReport(
        site_name=site_name, period=period, generated_at=svc.now(), report_06a=r06,
        report_07a=report_07a(svc, actor, period),
        reform=reform_report(svc, actor, period,
                             on_time=(r06.total.resolved_early + r06.total.resolved_on_time, r06.total.resolved)),
        queue=queue_report(svc, actor, period), officers=officer_report(svc, actor, period),
        satisfaction=satisfaction_report(svc, actor, period), charts=chart_data(svc, actor, period))


# -- exports ------------------------------------------------------------------------------------

TABLE_KEYS = ("06a", "07a", "reform", "queue", "officers", "satisfaction", "comments")


def report_tables(svc: Services, actor: Actor | None, period: Period, keys: tuple[str, ...], *, lang: str = "vi"):
    """The ReportTables of keys (TABLE_KEYS) for period, as the console shows them."""
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


def _exported(svc: Services, actor: Actor | None, kind: str, period: Period, path, keys: tuple[str, ...]) -> None:
    from counter_app.services.journal import audit

    with svc.transaction() as s:
        supervising(s, actor, "report.export")
        # Citizens' comments may name people: an export holding them is personal data (Decree 13/2023).
        audit(s, actor, "report.export", at=svc.now(), entity_type="report", entity_id=kind,
              details={"from": period.start.isoformat(), "to": period.end.isoformat(), "tables": list(keys),
                       "file": str(path)[-200:], "personal_data": "comments" in keys or kind == "pdf"})


def export_tables_xlsx(svc: Services, actor: Actor | None, period: Period, keys: tuple[str, ...], path, *,
                       lang: str = "vi"):
    """Write the tables of keys to one XLSX workbook (a sheet each). Audited."""
    from counter_app.printing.report_xlsx import write_tables_xlsx

    tables = report_tables(svc, actor, period, keys, lang=lang)
    with svc.reading() as s:
        site_name = the_site(s).name
    out = write_tables_xlsx(tables, path, site_name=site_name, period_label=period.label())
    _exported(svc, actor, "xlsx", period, path, keys)
    return out


def export_tables_pdf(svc: Services, actor: Actor | None, period: Period, keys: tuple[str, ...], path, *,
                      lang: str = "vi"):
    """Write the tables of keys to an A4 PDF. Audited."""
    from counter_app.printing.report_pdf import write_tables_pdf

    tables = report_tables(svc, actor, period, keys, lang=lang)
    with svc.reading() as s:
        site_name = the_site(s).name
    out = write_tables_pdf(tables, path, site_name=site_name, period_label=period.label(), lang=lang)
    _exported(svc, actor, "pdf-tables", period, path, keys)
    return out


def export_period_pdf(svc: Services, actor: Actor | None, period: Period, path, lang: str = "vi"):
    """The whole period report (tables and charts) as an A4 PDF. Audited."""
    from counter_app.printing.report_pdf import write_period_report_pdf

    out = write_period_report_pdf(period_report(svc, actor, period), path, lang=lang)
    _exported(svc, actor, "pdf", period, path, TABLE_KEYS)
    return out
