"""Period reports of the supervisor console (issue 6) on both backends, against docs/INDICATORS.md.

One hand-built week, Monday 23 – Friday 27 November 2026 (Asia/Ho_Chi_Minh). Tuesday 24/11 is a
national holiday in the shipped calendar ("Ngày Văn hóa Việt Nam"), so the week has FOUR working
days and every due date that would fall on it moves on. The data is made through the real
services (intake, lifecycle, handover, queue) with the frozen clock moved between calls; the
expected figures are worked out by hand in the comments below, never by calling the code under
test. The reports are asked for on Monday 30/11 10:00, after the period. The week is built once per
backend (module-scoped fixture `world`); the report calls only read. Smaller sites built per test
cover the definitions the week does not (pauses, apologies after the end, a missing result time).

Procedures used (shipped catalog):
  PA 1.004873 Hộ tịch (ho_tich)                 lead agency "UBND cấp xã"   3 working days
  PB 1.002861 Giao thông (giao_thong)           lead agency "Sở Xây dựng"   5 working days
  PC 1.001612 Đăng ký kinh doanh (dang_ky_...)  lead agency "UBND cấp xã"   3 working days
Working days around the period: Thu 19, Fri 20, Mon 23, (Tue 24 holiday), Wed 25, Thu 26, Fri 27,
Mon 30, Tue 1/12, Wed 2/12, Thu 3/12, Fri 4/12.

Dossiers (who received them in brackets):
  D1  PA in person (canbo1) Thu 19/11 10:00 → due Fri 20, Mon 23, Wed 25 = Wed 25/11 10:00 (skips
      the holiday; without it Tue 24). Result ready Wed 25 09:00: carried over, ON TIME.
  D2  PB in person (canbo2) Mon 16/11 14:00 → due Mon 23/11 14:00; processing since Tue 17:
      carried over, still in progress at the end, OVERDUE.
  D3  PA in person (canbo2) Mon 16/11 09:00 → due Thu 19 09:00, result Thu 19 15:00: resolved
      before the period, in no figure.
  D4  PB in person (canbo2) Wed 18/11 10:00, withdrawn Fri 20/11: closed before, in no figure.
  D5  PA in person (canbo1) Sun 22/11 23:50 local (16:50 UTC): before the period → carried over.
      Due Mon 23, Wed 25, Thu 26 at 17:00 (23:50 clamped). Result Wed 25 15:00: EARLY.
  D6  PB in person (canbo2) Mon 23/11 06:50 local = Sun 22/11 23:50 UTC: IN the period. Due Wed 25,
      Thu 26, Fri 27, Mon 30, Tue 1/12 07:00. Result Sat 28/11 00:05 local (Fri 27 17:05 UTC),
      after the end: IN PROGRESS WITHIN at the end of the period.
  D7  PC ONLINE (canbo3) Wed 25/11 08:00 → due Mon 30/11 08:00; result Thu 26 10:00: EARLY;
      handed over Fri 27 10:00 by canbo1 with rating 3 "Trả kết quả nhanh".
  D8  PA in person, digitised (canbo1) Mon 23/11 09:00 → due Wed 25, Thu 26, Fri 27 09:00. Apology
      (form 04) Wed 25 10:00: new due Fri 27 16:00. Result Fri 27 15:00: ON TIME against the date
      in force (late against the receipt's 09:00).
  D9  PA by POST (canbo1) Mon 23/11 11:00 → due Fri 27 11:00; result Fri 27 14:00: LATE.
  D10 PA in person (canbo1) Mon 23/11 08:00 → due Fri 27 08:00; supplement requested Wed 25 09:00,
      still waiting (status 5) at the end, past its date: paused → IN PROGRESS WITHIN.
  D11 PB ONLINE (canbo3) Wed 25/11 11:00; withdrawn Thu 26 14:00: CLOSED.
  D12 PC in person, digitised (canbo2) Thu 26/11 10:00; stopped (8) Fri 27 10:00: CLOSED.
  D13 PB ONLINE (canbo3) Fri 27/11 23:30 local (16:30 UTC): in the period; due Fri 4/12 17:00:
      IN PROGRESS WITHIN.
  D14 PA in person (canbo3) Sat 28/11 00:10 local (Fri 27 17:10 UTC — still the 27th in UTC):
      OUT of the period.
  D16 PC in person (canbo1) Mon 23/11 14:00 → due Fri 27 14:00; processing: IN PROGRESS OVERDUE.

Report 06a/07a for 23–27/11 (end of period = Sat 28/11 00:00 local):
                       carried online direct | early on_time late | within overdue | closed
  UBND cấp xã (PA+PC)     2      1      5    |   2      2      1  |   1       1    |   1     received 8 = 5 + 2 + 1
     D1,D5 / D7 / D8,D9,D10,D12,D16 ; early D5,D7 ; on time D1,D8 ; late D9 ; within D10 ; overdue D16 ; closed D12
  Sở Xây dựng (PB)        1      2      1    |   0      0      0  |   2       1    |   1     received 4 = 0 + 3 + 1
     D2 / D11,D13 / D6 ; within D6,D13 ; overdue D2 ; closed D11
  total                   3      3      6    |   2      2      1  |   3       2    |   2     received 12 = 5 + 5 + 2
  07a: ho_tich (PA)       2      0      3    |   1      2      1  |   1       0    |   0     5 = 4 + 1 + 0
       dang_ky_kinh_doanh 0      1      2    |   1      0      0  |   0       1    |   1     3 = 1 + 1 + 1
       giao_thong (PB)    1      2      1    |   0      0      0  |   2       1    |   1     4 = 0 + 3 + 1
  on-time rate (total) = (2 + 2) / 5 = 0.8; UBND cấp xã 4/5; Sở Xây dựng "—" (None).

Tickets (counter 1 = canbo1 serves ho_tich "A…", counter 2 = canbo2 serves giao_thong "H…"):
  Wed 25  T1 A001 issued 08:00, call 08:04, start 08:05, finish 08:15  wait 4  walk 1 service 10; rated 3
          T2 A002 issued 08:02, call 08:20, start 08:22, finish 08:30  wait 18 walk 2 service 8;  rated 1 "Chờ quá lâu"
          T3 H001 issued 08:10, call 08:12, start 08:12, finish 08:32  wait 2  walk 0 service 20;
                                                                             rated 2 "Cán bộ nhiệt tình"
          T4 H002 issued 08:30, call 08:41, no-show 08:46             wait 11
          T5 A003 issued 09:30, call 09:45, start 09:46, finish 09:55  wait 15 walk 1 service 9
          T6 A004 issued 16:50, never called (expires when Thursday's first A ticket is issued)
  Thu 26  T7 A001 issued 07:55, call 08:02, start 08:03, finish 08:12  wait 7  walk 1 service 9;  rated 3
          T8 A002 issued 08:20, call 08:42, start 08:43, finish 08:52  wait 22 walk 1 service 9
          T9 H001 issued 09:00, call 09:06, RECALL 09:08, start 09:09, finish 09:29
                                                     wait 6 (first call) walk 1 (from the last call) service 20; rated 2
  Fri 27  T10 H001 issued 16:50, never called, still "waiting" in the database (its day has ended)
  Mon 30  T11 A001 (out of the period), rated 1 "Ngoài kỳ" (out of the period)
  Plus one rating on a 5-level scale the site no longer uses (Thu 26 12:00) and the handover
  rating of D7 (Fri 27 10:00, canbo1, 3, "Trả kết quả nhanh").
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from counter_app.domain.calendar import LOCAL_TZ, to_local
from counter_app.domain.errors import DomainError
from counter_app.domain.indicators import REFORM_TARGETS, Period
from counter_app.domain.intake import Channel, DocumentLine
from counter_app.domain.status import DossierStatus as S
from counter_app.services import accounts, catalog, handover, intake, lifecycle, queue, reports, setup
from counter_app.services.context import Actor, Services
from counter_app.services.setup import DEMO_SITE
from counter_app.store.models import Procedure, Rating, Site
from tests.conftest import FrozenClock, _fresh_pg
from tests.helpers import KIOSK, RATING, intake_request

PA, PB, PC = "1.004873.000.00.00.H38", "1.002861.000.00.00.H38", "1.001612.000.00.00.H38"
UBND, SXD = "UBND cấp xã", "Sở Xây dựng"
HT, GT, DK = "ho_tich", "giao_thong", "dang_ky_kinh_doanh"
PERIOD = Period(date(2026, 11, 23), date(2026, 11, 27))
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=LOCAL_TZ)  # Monday after the period
MISSING = (DocumentLine(name="Bản sao Giấy khai sinh", count=1),)


def local(day: int, hour: int, minute: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=LOCAL_TZ)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def close(actual: timedelta | None, expected: timedelta) -> bool:
    """Durations are averaged in the database: equal to the second."""
    return actual is not None and abs((actual - expected).total_seconds()) < 1


class Expect:
    """Collects every mismatch of a report's figures, so one failure shows them all."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def __call__(self, name: str, actual, expected) -> None:
        if isinstance(expected, timedelta):
            ok = close(actual, expected)
        elif isinstance(expected, float):
            ok = actual is not None and actual == pytest.approx(expected)
        else:
            ok = actual == expected
        if not ok:
            self.problems.append(f"{name}: expected {expected!r}, got {actual!r}")

    def verify(self) -> None:
        assert not self.problems, "\n".join(self.problems)


def at_counter(actor: Actor, n: int | None) -> Actor:
    return Actor(actor.user_id, actor.username, actor.full_name, actor.role, n, actor.site_id)


@dataclass
class World:
    svc: object
    clock: object
    supervisor: Actor
    admin: Actor
    system: Actor
    officers: dict[str, Actor]
    codes: dict[str, str] = field(default_factory=dict)
    tickets: dict[str, queue.TicketInfo] = field(default_factory=dict)

    def code(self, *names: str) -> set[str]:
        return {self.codes[n] for n in names}


def _set_procedure_flags(svc) -> None:
    """Reform flags on a few procedures (everything else false). The two retired procedures are
    made offline so that "procedures offering an online service" is the same set whether or not
    retired ones are read as still "in the catalog"."""
    with svc.transaction() as s:
        s.execute(sa.update(Procedure).values(digital_signature=False, portal_integrated=False))
        s.execute(sa.update(Procedure).where(Procedure.retired.is_(True)).values(online_class="khong"))
        # digital signatures: PA, PB, PC (online) and 2.000908 (chứng thực, offline: not counted)
        s.execute(sa.update(Procedure).where(Procedure.code.in_([PA, PB, PC, "2.000908.000.00.00.H38"]))
                  .values(digital_signature=True))
        # portal: PA, PB, PC, 2.000908 (in force) and 1.003003 (retired: not counted)
        s.execute(sa.update(Procedure).where(Procedure.code.in_([PA, PB, PC, "2.000908.000.00.00.H38",
                                                                 "1.003003.000.00.00.H38"]))
                  .values(portal_integrated=True))


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def world(request, tmp_path_factory) -> World:
    """The week above, built once per backend: the report calls only read (a test that changes a
    setting puts it back)."""
    if request.param == "postgresql":
        url = _fresh_pg(request, migrated=True)
    else:
        path = tmp_path_factory.mktemp("reports") / "site.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    clock = FrozenClock(datetime(2026, 11, 26, 2, 30, tzinfo=UTC))
    svc = Services(url, archive_dir=tmp_path_factory.mktemp("archive"), clock=clock)
    request.addfinalizer(svc.close)
    demo = {u: (p, role, counter) for u, p, role, counter in setup.init_demo(svc)}
    return _build_world(svc, demo, clock)


def _build_world(svc, demo, clock) -> World:
    def login(name: str, counter: int | None) -> Actor:
        return accounts.authenticate(svc, name, demo[name][0], counter)

    w = World(svc=svc, clock=clock, supervisor=login("giamsat", None), admin=login("admin", None),
              system=Actor(None, "cli", "Dòng lệnh", "system"),
              officers={f"canbo{n}": login(f"canbo{n}", n) for n in (1, 2, 3)})
    c1, c2, c3 = (w.officers[f"canbo{n}"] for n in (1, 2, 3))
    queue.set_counter_fields(svc, w.admin, 1, [HT])
    queue.set_counter_fields(svc, w.admin, 2, [GT])
    _set_procedure_flags(svc)
    procs = {"PA": PA, "PB": PB, "PC": PC}

    plan: list[tuple[datetime, object]] = []

    def step(when: datetime, fn) -> None:
        plan.append((when, fn))

    def receive(name: str, when: datetime, proc: str, officer: Actor, channel=Channel.IN_PERSON,
                digitised: bool = False) -> None:
        def do():
            req = replace(intake_request(catalog.get_procedure(svc, procs[proc])), channel=channel)
            if digitised:
                req = replace(req, digitised=True)
            w.codes[name] = intake.receive_dossier(svc, officer, req).code
        step(when, do)

    def move(name: str, when: datetime, to: S, officer: Actor = c1, **kw) -> None:
        if to in (S.WITHDRAWN, S.STOPPED, S.SUPPLEMENT_REQUESTED):
            kw.setdefault("reason", "Theo đề nghị")
        if to is S.SUPPLEMENT_REQUESTED:
            kw.setdefault("missing", MISSING)
        step(when, lambda: lifecycle.transition(svc, officer, w.codes[name], to, **kw))

    # -- dossiers (see the module docstring) --
    receive("D3", local(16, 9, 0), "PA", c2)
    move("D3", local(19, 15, 0), S.RESULT_READY)
    receive("D2", local(16, 14, 0), "PB", c2)
    move("D2", local(17, 8, 0), S.PROCESSING)
    receive("D4", local(18, 10, 0), "PB", c2)
    move("D4", local(20, 10, 0), S.WITHDRAWN)
    receive("D1", local(19, 10, 0), "PA", c1)
    move("D1", local(25, 9, 0), S.RESULT_READY)
    receive("D5", local(22, 23, 50), "PA", c1)
    move("D5", local(25, 15, 0), S.RESULT_READY)
    receive("D6", local(23, 6, 50), "PB", c2)
    move("D6", local(28, 0, 5), S.RESULT_READY)
    receive("D10", local(23, 8, 0), "PA", c1)
    move("D10", local(25, 9, 0), S.SUPPLEMENT_REQUESTED)
    receive("D8", local(23, 9, 0), "PA", c1, digitised=True)
    step(local(25, 10, 0), lambda: lifecycle.apologise(svc, c1, w.codes["D8"], reason="Cần xác minh thêm",
                                                       new_due=local(27, 16, 0)))
    move("D8", local(27, 15, 0), S.RESULT_READY)
    receive("D9", local(23, 11, 0), "PA", c1, channel=Channel.POST)
    move("D9", local(27, 14, 0), S.RESULT_READY)
    receive("D16", local(23, 14, 0), "PC", c1)
    move("D16", local(23, 15, 0), S.PROCESSING)
    receive("D7", local(25, 8, 0), "PC", c3, channel=Channel.ONLINE)
    move("D7", local(26, 10, 0), S.RESULT_READY)
    step(local(27, 10, 0), lambda: handover.hand_over(svc, c1, w.codes["D7"], collector=handover.Collector("owner"),
                                                      rating=3, rating_reason="Trả kết quả nhanh"))
    receive("D11", local(25, 11, 0), "PB", c3, channel=Channel.ONLINE)
    move("D11", local(26, 14, 0), S.WITHDRAWN)
    receive("D12", local(26, 10, 0), "PC", c2, digitised=True)
    move("D12", local(27, 10, 0), S.STOPPED)
    receive("D13", local(27, 23, 30), "PB", c3, channel=Channel.ONLINE)
    receive("D14", local(28, 0, 10), "PA", c3)

    # -- tickets --
    def issue(name: str, when: datetime, field_code: str) -> None:
        step(when, lambda: w.tickets.__setitem__(name, queue.issue_ticket(svc, field_code, actor=KIOSK)))

    def call(name: str, when: datetime, officer: Actor) -> None:
        def do():
            got = queue.call_next(svc, officer)
            assert got is not None and got.id == w.tickets[name].id, (name, got)
        step(when, do)

    def serve(name, officer, issued, called, started, finished, *, field_code, rating=None, reason=""):
        issue(name, issued, field_code)
        call(name, called, officer)
        step(started, lambda: queue.start_service(svc, officer))
        step(finished, lambda: queue.finish(svc, officer))
        if rating is not None:
            step(finished + minutes(1), lambda: queue.rate_service(
                svc, counter_number=officer.counter_number, value=rating, reason=reason,
                ticket_id=w.tickets[name].id, actor=RATING))

    serve("T1", c1, local(25, 8, 0), local(25, 8, 4), local(25, 8, 5), local(25, 8, 15), field_code=HT, rating=3)
    serve("T2", c1, local(25, 8, 2), local(25, 8, 20), local(25, 8, 22), local(25, 8, 30), field_code=HT,
          rating=1, reason="Chờ quá lâu")
    serve("T3", c2, local(25, 8, 10), local(25, 8, 12), local(25, 8, 12), local(25, 8, 32), field_code=GT,
          rating=2, reason="Cán bộ nhiệt tình")
    issue("T4", local(25, 8, 30), GT)
    call("T4", local(25, 8, 41), c2)
    step(local(25, 8, 46), lambda: queue.mark_no_show(svc, c2))
    serve("T5", c1, local(25, 9, 30), local(25, 9, 45), local(25, 9, 46), local(25, 9, 55), field_code=HT)
    issue("T6", local(25, 16, 50), HT)
    serve("T7", c1, local(26, 7, 55), local(26, 8, 2), local(26, 8, 3), local(26, 8, 12), field_code=HT, rating=3)
    serve("T8", c1, local(26, 8, 20), local(26, 8, 42), local(26, 8, 43), local(26, 8, 52), field_code=HT)
    serve("T9", c2, local(26, 9, 0), local(26, 9, 6), local(26, 9, 9), local(26, 9, 29), field_code=GT, rating=2)
    step(local(26, 9, 8), lambda: queue.recall(svc, c2))
    issue("T10", local(27, 16, 50), GT)
    serve("T11", c1, local(30, 8, 0), local(30, 8, 1), local(30, 8, 2), local(30, 8, 9), field_code=HT,
          rating=1, reason="Ngoài kỳ")

    def old_scale_rating():
        with svc.transaction() as s:
            site = s.execute(sa.select(Site)).scalar_one()
            s.add(Rating(site_id=site.id, scale="5", value=5, reason="", at=clock(), counter_number=None,
                         officer_id=None, ticket_id=None))
    step(local(26, 12, 0), old_scale_rating)

    for when, fn in sorted(plan, key=lambda p: p[0]):  # stable: same-time steps keep their order
        clock.set(when.astimezone(UTC))
        fn()
    clock.set(NOW.astimezone(UTC))
    return w


def counts(c: reports.DossierCounts) -> tuple[int, ...]:
    return (c.carried_over, c.received_online, c.received_direct, c.resolved_early, c.resolved_on_time,
            c.resolved_late, c.in_progress_within, c.in_progress_overdue, c.closed)


def by_key(rows) -> dict:
    return {r.key: r for r in rows}


def assert_lines(report: reports.DossierReport, expected: dict[str, tuple[int, ...]]) -> None:
    rows = by_key(report.rows)
    for key, numbers in expected.items():
        assert key in rows, (key, list(rows))
        assert counts(rows[key]) == numbers, key
    for key, row in rows.items():
        if key not in expected:
            assert not any(counts(row)), f"line {key!r} should hold nothing: {row}"


# -- the fixture itself is what the comments say ----------------------------------------------

def test_fixture_due_dates_skip_the_holiday_and_follow_the_apology(world):
    due = {n: to_local(intake.get_dossier(world.svc, world.codes[n]).due_at) for n in world.codes}
    assert due["D1"] == local(25, 10, 0)  # Thu 19 + 3 working days: Fri 20, Mon 23, (Tue 24 off) Wed 25
    assert due["D5"] == local(26, 17, 0)
    assert due["D6"] == local(1, 7, 0, month=12)
    for name in ("D9", "D10", "D16"):
        assert due[name].date() == date(2026, 11, 27), name  # not Thu 26: the holiday is skipped
    assert due["D8"] == local(27, 16, 0)
    assert to_local(intake.get_dossier(world.svc, world.codes["D8"]).original_due_at) == local(27, 9, 0)
    assert intake.get_dossier(world.svc, world.codes["D10"]).status is S.SUPPLEMENT_REQUESTED
    assert intake.get_dossier(world.svc, world.codes["D6"]).status is S.RESULT_READY  # today; not at the end


# -- 06a / 07a --------------------------------------------------------------------------------

def test_report_06a_per_unit(world):
    r = reports.report_06a(world.svc, world.supervisor, PERIOD)
    assert r.form == "06a" and r.period == PERIOD
    assert r.as_of == local(28, 0, 0)  # the end of a finished period, not now
    assert_lines(r, {UBND: (2, 1, 5, 2, 2, 1, 1, 1, 1), SXD: (1, 2, 1, 0, 0, 0, 2, 1, 1)})
    assert by_key(r.rows)[UBND].label == UBND
    assert counts(r.total) == (3, 3, 6, 2, 2, 1, 3, 2, 2)
    assert r.total.key == "" and r.total.label == "Tổng cộng"
    assert (r.total.received, r.total.resolved, r.total.in_progress) == (12, 5, 5)
    assert r.total.on_time_rate == pytest.approx(0.8)
    assert by_key(r.rows)[UBND].on_time_rate == pytest.approx(0.8)
    assert by_key(r.rows)[SXD].on_time_rate is None  # nothing resolved: "—", not 0 %
    for line in (*r.rows, r.total):  # the identity the definitions promise
        assert line.received == line.resolved + line.in_progress + line.closed, line


def test_report_07a_per_field(world):
    r = reports.report_07a(world.svc, world.supervisor, PERIOD)
    assert r.form == "07a"
    assert_lines(r, {HT: (2, 0, 3, 1, 2, 1, 1, 0, 0), DK: (0, 1, 2, 1, 0, 0, 0, 1, 1),
                     GT: (1, 2, 1, 0, 0, 0, 2, 1, 1)})
    assert by_key(r.rows)[HT].label == "Hộ tịch"
    assert counts(r.total) == (3, 3, 6, 2, 2, 1, 3, 2, 2)
    assert by_key(r.rows)[HT].on_time_rate == pytest.approx(3 / 4)  # D5 early, D1 D8 on time, D9 late
    for line in (*r.rows, r.total):
        assert line.received == line.resolved + line.in_progress + line.closed, line
    same = reports.dossier_report(world.svc, world.supervisor, PERIOD, by="field")
    assert counts(same.total) == counts(r.total) and {k: counts(v) for k, v in by_key(same.rows).items()} == {
        k: counts(v) for k, v in by_key(r.rows).items()}
    by_unit = reports.dossier_report(world.svc, world.supervisor, PERIOD, by="unit")
    assert by_unit.form == "06a" and counts(by_unit.total) == counts(r.total)


def test_an_unfinished_period_is_judged_now(world):
    # 23/11 – 30/11 with now = Mon 30/11 10:00: as of now.
    #   carried D1 D2 D5 = 3; online D7 D11 D13 = 3; direct D6 D8 D9 D10 D12 D16 + D14 (Sat 00:10) = 7
    #   resolved: early D5 D7 + D6 (Sat 28 00:05, due Tue 1/12) = 3; on time D1 D8 = 2; late D9 = 1
    #   in progress at now: within D10 (paused), D13 (due 4/12), D14 (due Wed 2/12) = 3; overdue D2, D16 = 2
    #   closed D11, D12 = 2.   13 = 6 + 5 + 2.
    period = Period(date(2026, 11, 23), date(2026, 11, 30))
    r = reports.report_06a(world.svc, world.supervisor, period)
    assert r.as_of == NOW
    assert counts(r.total) == (3, 3, 7, 3, 2, 1, 3, 2, 2)
    assert r.total.on_time_rate == pytest.approx(5 / 6)


def test_a_period_before_the_week(world):
    # 16/11 – 22/11, as of Mon 23/11 00:00 local.
    #   received in the period: D3 D2 (Mon 16), D4 (Wed 18), D1 (Thu 19), D5 (Sun 22 23:50) = 5 direct
    #   D3 resolved Thu 19 15:00 after its due 09:00: late. D4 withdrawn: closed.
    #   in progress on Mon 23 00:00: D2 (due Mon 23 14:00) within, D1 (due 25/11) within, D5 within.
    #   D6 (Mon 23 06:50 local = Sun 22 23:50 UTC) is NOT in this period.
    r = reports.report_06a(world.svc, world.supervisor, Period(date(2026, 11, 16), date(2026, 11, 22)))
    assert counts(r.total) == (0, 0, 5, 0, 0, 1, 3, 0, 1)
    assert r.total.on_time_rate == 0.0
    assert world.codes["D6"] not in {d.code for d in reports.drill_down(
        world.svc, world.supervisor, Period(date(2026, 11, 16), date(2026, 11, 22)), by="unit", key=None,
        measure="received")}


def test_due_date_in_force_after_a_pause_and_the_handover_time(svc, demo, officer, clock):
    """Two more definitions of 06a, on their own small site:
    X1 PA received Mon 23/11 09:00 → due Fri 27 09:00. Supplement requested Mon 23 15:00, papers back
       Thu 26 10:00: the clock stood still on Wed 25 and Thu 26 (2 working days) → due Tue 1/12 09:00.
       Result Mon 30/11 10:00: EARLY against the date in force (late against the receipt's).
    X2 PA received Mon 23/11 09:30 → due Fri 27 09:30. Result Wed 25, handed over Fri 27 11:00, and the
       result time is missing (an old record): judged by the handover time → LATE. Its lead agency is
       empty: it is the centre's own line (key "").
    Period 23/11 – 30/11, asked on Tue 1/12 08:00 (the period has ended)."""
    from counter_app.store.models import Dossier

    def go(when):
        clock.set(when.astimezone(UTC))

    def receive(when):
        go(when)
        return intake.receive_dossier(svc, officer, intake_request(catalog.get_procedure(svc, PA))).code

    x1 = receive(local(23, 9, 0))
    x2 = receive(local(23, 9, 30))
    go(local(23, 15, 0))
    lifecycle.transition(svc, officer, x1, S.SUPPLEMENT_REQUESTED, reason="Thiếu giấy tờ", missing=MISSING)
    go(local(25, 10, 0))
    lifecycle.transition(svc, officer, x2, S.RESULT_READY)
    go(local(26, 10, 0))
    assert to_local(lifecycle.transition(svc, officer, x1, S.PROCESSING).due_at) == local(1, 9, 0, month=12)
    go(local(27, 11, 0))
    handover.hand_over(svc, officer, x2, collector=handover.Collector("owner"))
    with svc.transaction() as s:
        s.execute(sa.update(Dossier).where(Dossier.code == x2).values(result_ready_at=None, lead_agency=""))
    go(local(30, 10, 0))
    lifecycle.transition(svc, officer, x1, S.RESULT_READY)
    go(local(1, 8, 0, month=12))

    sup = accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)
    period = Period(date(2026, 11, 23), date(2026, 11, 30))
    r = reports.report_06a(svc, sup, period)
    assert r.as_of == local(1, 0, 0, month=12)
    assert counts(r.total) == (0, 0, 2, 1, 0, 1, 0, 0, 0)
    assert_lines(r, {UBND: (0, 0, 1, 1, 0, 0, 0, 0, 0), "": (0, 0, 1, 0, 0, 1, 0, 0, 0)})
    assert by_key(r.rows)[""].label  # the centre has a name on its line
    assert {d.code for d in reports.drill_down(svc, sup, period, by="unit", key=None, measure="resolved_early")} == {x1}
    assert {d.code for d in reports.drill_down(svc, sup, period, by="unit", key="", measure="resolved_late")} == {x2}
    assert {d.code for d in reports.drill_down(svc, sup, period, by="unit", key="", measure="received")} == {x2}


def test_in_progress_is_judged_with_the_due_date_in_force_at_the_end(svc, demo, officer, clock):
    """A past period's report does not change with what happened after it.
    Y1 PA received Mon 23/11 09:00 → due Fri 27 09:00, processing: at the end of 23–27/11 (Sat 28 00:00)
       it is past its due date in force → OVERDUE. An apology on Mon 30/11 09:00 gives a new date
       (Fri 4/12 16:00), but that date was not in force at the end of the period.
    Y2 PA received Mon 23/11 10:00 → due Fri 27 10:00; supplement requested Wed 25 09:00: paused at the
       end of the period → WITHIN; the papers come back Mon 30 09:00 (processing again, due moved)."""
    def go(when):
        clock.set(when.astimezone(UTC))

    def receive(when):
        go(when)
        return intake.receive_dossier(svc, officer, intake_request(catalog.get_procedure(svc, PA))).code

    y1 = receive(local(23, 9, 0))
    y2 = receive(local(23, 10, 0))
    go(local(23, 11, 0))
    lifecycle.transition(svc, officer, y1, S.PROCESSING)
    go(local(25, 9, 0))
    lifecycle.transition(svc, officer, y2, S.SUPPLEMENT_REQUESTED, reason="Thiếu giấy tờ", missing=MISSING)
    go(local(30, 9, 0))
    lifecycle.apologise(svc, officer, y1, reason="Cần xác minh thêm", new_due=local(4, 16, 0, month=12))
    lifecycle.transition(svc, officer, y2, S.PROCESSING)
    go(NOW)

    sup = accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)
    r = reports.report_06a(svc, sup, PERIOD)
    assert r.as_of == local(28, 0, 0)
    assert {d.code for d in reports.drill_down(svc, sup, PERIOD, by="unit", key=None,
                                               measure="in_progress_within")} == {y2}
    assert {d.code for d in reports.drill_down(svc, sup, PERIOD, by="unit", key=None,
                                               measure="in_progress_overdue")} == {y1}
    assert counts(r.total) == (0, 0, 2, 0, 0, 0, 1, 1, 0)


# -- drill-down -------------------------------------------------------------------------------

def drill(world, measure, key=None, by="unit", period=PERIOD) -> set[str]:
    items = reports.drill_down(world.svc, world.supervisor, period, by=by, key=key, measure=measure)
    codes = [i.code for i in items]
    assert len(codes) == len(set(codes)), f"{measure}: a dossier listed twice"
    return set(codes)


def test_drill_down_lists_exactly_the_dossiers_behind_a_number(world):
    w = world
    assert drill(w, "carried_over") == w.code("D1", "D2", "D5")
    assert drill(w, "received_online") == w.code("D7", "D11", "D13")
    assert drill(w, "received_direct") == w.code("D6", "D8", "D9", "D10", "D12", "D16")
    assert drill(w, "received") == w.code("D1", "D2", "D5", "D6", "D7", "D8", "D9", "D10", "D11", "D12",
                                          "D13", "D16")
    assert drill(w, "resolved_early") == w.code("D5", "D7")
    assert drill(w, "resolved_on_time") == w.code("D1", "D8")
    assert drill(w, "resolved_late") == w.code("D9")
    assert drill(w, "resolved") == w.code("D1", "D5", "D7", "D8", "D9")
    assert drill(w, "in_progress_within") == w.code("D6", "D10", "D13")
    assert drill(w, "in_progress_overdue") == w.code("D2", "D16")
    assert drill(w, "in_progress") == w.code("D2", "D6", "D10", "D13", "D16")
    assert drill(w, "closed") == w.code("D11", "D12")
    assert drill(w, "in_progress_within", key=SXD) == w.code("D6", "D13")
    assert drill(w, "resolved", key=UBND) == w.code("D1", "D5", "D7", "D8", "D9")
    assert drill(w, "received_direct", key=DK, by="field") == w.code("D12", "D16")
    assert drill(w, "carried_over", key=HT, by="field") == w.code("D1", "D5")
    # every number of every line, both forms: the list has exactly that many dossiers
    for by, report in (("unit", reports.report_06a), ("field", reports.report_07a)):
        r = report(w.svc, w.supervisor, PERIOD)
        for line, key in [*((row, row.key) for row in r.rows), (r.total, None)]:
            for measure in reports.DOSSIER_MEASURES:
                assert len(drill(w, measure, key=key, by=by)) == getattr(line, measure), (by, key, measure)


def test_period_edges(world):
    w = world
    received = drill(w, "received")
    # local midnight, not UTC: 23:30 on the last day is in, 00:10 the next day is out; 06:50 on the
    # first day (the previous day in UTC) is in, and 23:50 the evening before is carried over.
    assert w.codes["D13"] in received and w.codes["D14"] not in received
    assert w.codes["D6"] in drill(w, "received_direct") and w.codes["D5"] in drill(w, "carried_over")
    # received before, resolved in the period: carried over AND resolved
    assert w.code("D1", "D5") <= drill(w, "carried_over") & drill(w, "resolved")
    # resolved five minutes after the end: still in progress at the end, not resolved
    assert w.codes["D6"] in drill(w, "in_progress_within") and w.codes["D6"] not in drill(w, "resolved")
    # resolved or withdrawn before the period: in no figure
    everything = set().union(*(drill(w, m) for m in reports.DOSSIER_MEASURES))
    assert not w.code("D3", "D4", "D14") & everything


def test_the_holiday_is_not_a_working_day_when_judging_results(world):
    # D1's result on Wed 25/11 09:00 is on time only because Tue 24/11 (holiday) does not count:
    # received Thu 19 10:00, 3 working days → Wed 25 10:00. D8 and D9 are due Fri 27, not Thu 26.
    assert world.codes["D1"] in drill(world, "resolved_on_time")
    assert world.codes["D1"] not in drill(world, "resolved_late")
    # D16 due Fri 27 14:00 is overdue at the end; D10 due Fri 27 08:00 is paused (status 5): within
    assert world.codes["D16"] in drill(world, "in_progress_overdue")
    assert world.codes["D10"] in drill(world, "in_progress_within")


# -- queue ------------------------------------------------------------------------------------

def test_queue_report(world):
    r = reports.queue_report(world.svc, world.supervisor, PERIOD)
    rows = by_key(r.rows)
    expect = Expect()
    for key, (issued, served, no_show, expired, avg_wait, max_wait, within, walk, service) in {
        # ho_tich: T1 T2 T5 T6 (Wed) T7 T8 (Thu) = 6 issued; 5 served; T6 never called → expired.
        # waits 4, 18, 15, 7, 22 = 66 / 5 = 13.2 min, max 22; ≤ 15 min (the wait target): 4, 15, 7 → 3/5
        # walks 1, 2, 1, 1, 1 → 1.2 min; service 10, 8, 9, 9, 9 → 9 min
        HT: (6, 5, 0, 1, 13.2, 22, 3 / 5, 1.2, 9),
        # giao_thong: T3 T4 T9 T10 = 4; served T3 T9; T4 no-show; T10 still waiting when Friday ended.
        # waits 2, 11, 6 (T9: FIRST call 09:06, not the recall 09:08) = 19/3 min, max 11, all ≤ 15
        # walks T3 0, T9 1 (start 09:09 − LAST call 09:08) → 0.5 min; service 20, 20
        GT: (4, 2, 1, 1, 19 / 3, 11, 1.0, 0.5, 20),
        # total: 10 issued (T11 on Mon 30 is outside), 7 served, 1 no-show, 2 expired;
        # waits 66 + 19 = 85 over 8 called; 6 of 8 within; walks 6 + 1 = 7 over 7; service 45 + 40 = 85 over 7
        "": (10, 7, 1, 2, 85 / 8, 22, 6 / 8, 1.0, 85 / 7),
    }.items():
        line = r.total if key == "" else rows.get(key)
        assert line is not None, key
        expect(f"{key or 'total'}.issued", line.issued, issued)
        expect(f"{key or 'total'}.served", line.served, served)
        expect(f"{key or 'total'}.no_show", line.no_show, no_show)
        expect(f"{key or 'total'}.expired", line.expired, expired)
        expect(f"{key or 'total'}.avg_wait", line.avg_wait, minutes(avg_wait))
        expect(f"{key or 'total'}.max_wait", line.max_wait, minutes(max_wait))
        expect(f"{key or 'total'}.within_target", line.within_target, within)
        expect(f"{key or 'total'}.avg_walk", line.avg_walk, minutes(walk))
        expect(f"{key or 'total'}.avg_service", line.avg_service, minutes(service))
    for key, row in rows.items():
        if key not in (HT, GT):
            expect(f"{key}.counts", (row.issued, row.served, row.no_show, row.expired), (0, 0, 0, 0))
            expect(f"{key}.avg_wait", row.avg_wait, None)
    expect.verify()


def test_queue_within_target_follows_the_field_target(world):
    from counter_app.services import supervisor

    # ho_tich's own wait target 10 min: waits 4, 18, 15, 7, 22 → 4 and 7 within = 2/5
    supervisor.set_targets(world.svc, world.supervisor, max_wait_minutes=10, field_code=HT)
    try:
        r = reports.queue_report(world.svc, world.supervisor, PERIOD)
    finally:
        supervisor.set_targets(world.svc, world.supervisor, max_wait_minutes=15, field_code=HT)
    assert by_key(r.rows)[HT].within_target == pytest.approx(0.4)
    assert by_key(r.rows)[GT].within_target == pytest.approx(1.0)  # 15 min default still: 2, 11, 6


# -- officers ---------------------------------------------------------------------------------

def test_officer_report(world):
    r = reports.officer_report(world.svc, world.supervisor, PERIOD)
    rows = {x.username: x for x in r.rows}
    assert {"canbo1", "canbo2", "canbo3"} <= set(rows)
    one, two, three = rows["canbo1"], rows["canbo2"], rows["canbo3"]
    expect = Expect()
    expect("canbo1.name", (one.name, one.officer_id), ("Nguyễn Văn An", world.officers["canbo1"].user_id))
    # canbo1: T1 T2 T5 T7 T8 served; waits 66/5 min; walks 6/5; service 45/5
    expect("canbo1.served/no_show", (one.served, one.no_show), (5, 0))
    expect("canbo1.avg_wait", one.avg_wait, minutes(13.2))
    expect("canbo1.avg_walk", one.avg_walk, minutes(1.2))
    expect("canbo1.avg_service", one.avg_service, minutes(9))
    # idle: Wed 08:15→08:20 = 5; 08:30→09:45 = 75 ≥ 1 h: a break, not idle; Thu 08:12→08:42 = 30 → 35 min
    expect("canbo1.idle", one.idle, minutes(35))
    expect("canbo1.dossiers_received", one.dossiers_received, 4)  # D8 D9 D10 D16 (D1, D5 before)
    # ratings: T1 3, T2 1, T7 3, handover of D7 3 → 4, avg 2.5, one below "satisfied" (2)
    expect("canbo1.ratings/dissatisfied", (one.ratings, one.dissatisfied), (4, 1))
    expect("canbo1.avg_rating", one.avg_rating, 2.5)
    # canbo2: T3 T9 served, T4 no-show; waits 2, 11, 6; walks 0, 1; service 20, 20
    expect("canbo2.served/no_show", (two.served, two.no_show), (2, 1))
    expect("canbo2.avg_wait", two.avg_wait, minutes(19 / 3))
    expect("canbo2.avg_walk", two.avg_walk, minutes(0.5))
    expect("canbo2.avg_service", two.avg_service, minutes(20))
    expect("canbo2.idle", two.idle, minutes(9))  # Wed 08:32 → 08:41
    expect("canbo2.dossiers_received", two.dossiers_received, 2)  # D6, D12
    expect("canbo2.ratings/dissatisfied", (two.ratings, two.dissatisfied), (2, 0))
    expect("canbo2.avg_rating", two.avg_rating, 2.0)
    # canbo3 only received dossiers: D7 D11 D13 (D14 after the period)
    expect("canbo3.counts", (three.served, three.no_show, three.dossiers_received, three.ratings), (0, 0, 3, 0))
    expect("canbo3.empty", (three.avg_wait, three.avg_rating, three.idle), (None, None, timedelta(0)))
    expect.verify()


# -- satisfaction -----------------------------------------------------------------------------

def test_satisfaction_report(world):
    r = reports.satisfaction_report(world.svc, world.supervisor, PERIOD)
    assert r.labels == ("Rất hài lòng", "Hài lòng", "Không hài lòng")
    # value 3: T1, T7, D7 handover = 3; value 2: T3, T9 = 2; value 1: T2 = 1 (T11's is on Mon 30)
    assert r.counts == (3, 2, 1) and r.total == 6
    assert r.shares == pytest.approx((3 / 6, 2 / 6, 1 / 6))
    assert r.satisfied == 5 and r.satisfied_share == pytest.approx(5 / 6)
    assert r.other_scale == 1  # the 5-level rating is counted apart
    # with a reason, newest first: D7 handover Fri 10:00, T3 Wed 08:33, T2 Wed 08:31
    assert [(c.reason, c.value, c.label, c.counter_number, c.officer_name) for c in r.comments] == [
        ("Trả kết quả nhanh", 3, "Rất hài lòng", 1, "Nguyễn Văn An"),
        ("Cán bộ nhiệt tình", 2, "Hài lòng", 2, "Lê Thị Bình"),
        ("Chờ quá lâu", 1, "Không hài lòng", 1, "Nguyễn Văn An"),
    ]
    assert [c.at for c in r.comments] == [local(27, 10, 0), local(25, 8, 33), local(25, 8, 31)]


# -- reform targets ---------------------------------------------------------------------------

def test_reform_report(world):
    lines = reports.reform_report(world.svc, world.supervisor, PERIOD)
    assert [x.key for x in lines] == [t.key for t in REFORM_TARGETS]
    got = {x.key: x for x in lines}
    with world.svc.reading() as s:
        in_force = s.execute(sa.select(sa.func.count()).select_from(Procedure)
                             .where(Procedure.retired.is_(False))).scalar_one()
        online = s.execute(sa.select(sa.func.count()).select_from(Procedure)
                           .where(Procedure.retired.is_(False), Procedure.online_class != "khong")).scalar_one()
    assert (in_force, online) == (51, 44)  # the shipped catalog
    expected = {
        # received in the period: online D7 D11 D13 / 9 (carried-over dossiers were received before)
        "online_share": (3, 9),
        # PA PB PC use digital signatures among the 44 online procedures (2.000908 is offline)
        "digital_signature_share": (3, 44),
        # electronic: online D7 D11 D13 + digitised at the counter D8 D12 = 5 / 9
        "electronic_share": (5, 9),
        # PA PB PC 2.000908 integrated among the 51 in force (retired 1.003003 is not in force)
        "portal_share": (4, 51),
        "on_time_rate": (4, 5),
    }
    for key, (num, den) in expected.items():
        line = got[key]
        assert (line.numerator, line.denominator) == (num, den), key
        assert line.actual == pytest.approx(num / den), key
        assert line.measured
    targets = {t.key: t for t in REFORM_TARGETS}
    for line in lines:
        assert (line.target_2025, line.target_2030) == (targets[line.key].target_2025, targets[line.key].target_2030)
    iso = got["electronic_iso"]
    assert iso.measured is False and iso.actual is None


# -- charts -----------------------------------------------------------------------------------

def test_chart_data(world):
    c = reports.chart_data(world.svc, world.supervisor, PERIOD)
    expect = Expect()
    # 4 working days (Mon 23, Wed 25, Thu 26, Fri 27; Tue 24 is a holiday) — Monday had no ticket
    # but was a working day of the period.
    # arrivals: h7 T7 = 1; h8 T1 T2 T3 T4 T8 = 5; h9 T5 T9 = 2; h16 T6 T10 = 2
    # staffed (counters calling in that hour, per day): h8 Wed c1 c2 + Thu c1 = 3; h9 Wed c1 + Thu c2 = 2
    hours = {p.hour: p for p in c.arrivals_by_hour}
    want_arrivals = {7: 1 / 4, 8: 5 / 4, 9: 2 / 4, 16: 2 / 4}
    want_staffed = {8: 3 / 4, 9: 2 / 4}
    assert set(want_arrivals) <= set(hours)
    for hour, point in hours.items():
        expect(f"arrivals h{hour}", point.arrivals, want_arrivals.get(hour, 0.0))
        expect(f"staffed h{hour}", point.staffed, want_staffed.get(hour, 0.0))
    # wait histogram over the 8 called tickets: 4, 18, 15, 7, 22, 2, 11, 6 minutes.
    # 15 sits on a boundary (which side is the chart's choice); the others are inside a bucket.
    expect("histogram total", sum(b.count for b in c.wait_histogram), 8)
    clear = [4, 18, 7, 22, 2, 11, 6]
    for b in c.wait_histogram:
        upper = b.upper_minutes if b.upper_minutes is not None else 10**6
        inside = sum(1 for x in clear if b.lower_minutes < x < upper)
        allowed = (inside, inside + 1) if b.lower_minutes <= 15 <= upper else (inside,)
        if b.count not in allowed:
            expect(f"bucket {b.label}", b.count, allowed)
    expect("buckets ordered", [b.lower_minutes for b in c.wait_histogram],
           sorted(b.lower_minutes for b in c.wait_histogram))
    expect("last bucket open", c.wait_histogram[-1].upper_minutes, None)
    # on time by week: everything resolved in the period is in the week of Monday 23/11
    expect("weeks", [(p.week_start, p.resolved) for p in c.on_time_by_week], [(date(2026, 11, 23), 5)])
    if c.on_time_by_week:
        expect("week rate", c.on_time_by_week[0].on_time_rate, 0.8)
    # heatmap (field, weekday, hour): Wed = 2, Thu = 3, Fri = 4
    expect("heatmap", {(x.field_code, x.weekday, x.hour, x.arrivals) for x in c.heatmap}, {
        (HT, 2, 8, 2), (HT, 2, 9, 1), (HT, 2, 16, 1), (HT, 3, 7, 1), (HT, 3, 8, 1),
        (GT, 2, 8, 2), (GT, 3, 9, 1), (GT, 4, 16, 1),
    })
    expect.verify()


def test_on_time_by_week_over_two_weeks(world):
    # 16/11 – 27/11: week of 16/11: D3 (late) → 1 resolved, 0 %; week of 23/11: 5 resolved, 4 on time
    c = reports.chart_data(world.svc, world.supervisor, Period(date(2026, 11, 16), date(2026, 11, 27)))
    assert [(p.week_start, p.resolved) for p in c.on_time_by_week] == [(date(2026, 11, 16), 1),
                                                                     (date(2026, 11, 23), 5)]
    assert [p.on_time_rate for p in c.on_time_by_week] == [0.0, pytest.approx(0.8)]


def test_period_report_holds_every_part(world):
    p = reports.period_report(world.svc, world.admin, PERIOD)
    assert p.site_name == DEMO_SITE["name"] and p.period == PERIOD and p.generated_at == NOW
    assert counts(p.report_06a.total) == counts(p.report_07a.total) == (3, 3, 6, 2, 2, 1, 3, 2, 2)
    assert p.report_06a.form == "06a" and p.report_07a.form == "07a"
    assert [x.key for x in p.reform] == [t.key for t in REFORM_TARGETS]
    assert (p.queue.total.issued, p.queue.total.served) == (10, 7)
    assert {x.username: x.served for x in p.officers.rows if x.served} == {"canbo1": 5, "canbo2": 2}
    assert p.satisfaction.counts == (3, 2, 1)
    assert p.charts.on_time_by_week[0].resolved == 5


# -- who may ask ------------------------------------------------------------------------------

CALLS = {
    "dossier_report": lambda svc, a: reports.dossier_report(svc, a, PERIOD, by="unit"),
    "report_06a": lambda svc, a: reports.report_06a(svc, a, PERIOD),
    "report_07a": lambda svc, a: reports.report_07a(svc, a, PERIOD),
    "drill_down": lambda svc, a: reports.drill_down(svc, a, PERIOD, by="unit", key=None, measure="received"),
    "queue_report": lambda svc, a: reports.queue_report(svc, a, PERIOD),
    "officer_report": lambda svc, a: reports.officer_report(svc, a, PERIOD),
    "satisfaction_report": lambda svc, a: reports.satisfaction_report(svc, a, PERIOD),
    "reform_report": lambda svc, a: reports.reform_report(svc, a, PERIOD),
    "chart_data": lambda svc, a: reports.chart_data(svc, a, PERIOD),
    "period_report": lambda svc, a: reports.period_report(svc, a, PERIOD),
}


def test_officers_are_refused_every_report(svc, officer, demo, clock):
    sup = accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)
    admin = accounts.authenticate(svc, "admin", demo["admin"][0], None)
    stranger = Actor(sup.user_id, sup.username, sup.full_name, "supervisor", None, uuid.uuid4())
    for name, call in CALLS.items():
        with pytest.raises(DomainError) as err:
            call(svc, officer)
        assert err.value.code == "role_forbidden", name
        with pytest.raises(DomainError) as err:
            call(svc, stranger)
        assert err.value.code == "site_forbidden", name
        # supervisor and admin may; the database operator ("system") may not
        for actor in (sup, admin):
            call(svc, actor)
        with pytest.raises(DomainError) as err:
            call(svc, Actor(None, "cli", "Dòng lệnh", "system"))
        assert err.value.code == "role_forbidden", name


def test_an_empty_period_shows_dashes_not_zero_percent(svc, demo, clock):
    sup = accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)
    r = reports.report_06a(svc, sup, PERIOD)
    assert counts(r.total) == (0,) * 9 and r.total.on_time_rate is None
    q = reports.queue_report(svc, sup, PERIOD)
    assert q.total.issued == 0 and q.total.avg_wait is None and q.total.within_target is None
    sat = reports.satisfaction_report(svc, sup, PERIOD)
    assert sat.total == 0 and sat.satisfied_share is None and sat.shares == (None, None, None)
    reform = {x.key: x for x in reports.reform_report(svc, sup, PERIOD)}
    assert reform["online_share"].actual is None and reform["on_time_rate"].actual is None
