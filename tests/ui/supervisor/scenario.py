"""A busy month at the demo centre, made through the real services with a frozen clock, for the
supervisor console's tests and screenshots.

November 2026: dossiers from Mon 26 October, tickets from Mon 16 (Tue 24 is a holiday in the shipped
calendar), then Thursday 26 until 09:30 ("now" of the tests' clock). Counters 1–4 are staffed by
canbo1–canbo4. History: twenty to twenty-six tickets a day served first come first served, some
no-shows and ratings, and two to four dossiers a day with early, on-time and late results,
hand-overs, results not collected. The random choices come from a seeded generator: the data is the same every run.

This morning (all times Hà Nội), the live view the tests rely on:
  09:00  the supervisor restricts counter 1 to Hộ tịch + Chứng thực and counter 3 to Đất đai +
         Hoạt động xây dựng; canbo4 pauses counter 4.
  counter 1 (canbo1) serving a Hộ tịch ticket called 09:19   → 11 min, ok
  counter 2 (canbo2) serving a Chứng thực ticket called 09:03 → 27 min, past the 20-min target: red
  counter 3 (canbo3) serving a Đất đai ticket called 09:14    → 16 min, 80 % of 20: amber
  waiting  Hộ tịch: 09:12 (18 min: red), 09:16, 09:21, 09:25 (priority, elderly), 09:28
           Đất đai: 09:17 (13 min: amber), 09:26
           Chứng thực: 09:24, 09:27;  Công thương: 09:22
  the display notice is set (a Vietnamese sentence).

Hand-made dossiers with known fates (``Centre.marked``): "late_ht" (Hộ tịch, resolved late in
the period), "overdue_gt" (Giao thông, past due, processing), "supplement" (status 5),
"uncollected" (result ready 9 days ago), "due_today" (due today 16:00), "withdrawn".

Building takes a few seconds (synchronous=OFF while it runs); tests copy the file.
"""

from __future__ import annotations

import heapq
import itertools
import random
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import sqlalchemy as sa

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.intake import Channel, DocumentLine, IntakeRequest, Person
from counter_app.domain.status import DossierStatus as S
from counter_app.services import accounts, catalog, handover, intake, lifecycle, queue, setup, supervisor
from counter_app.services.context import Actor, Services

from tests.helpers import KIOSK, RATING

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=LOCAL_TZ)
HOLIDAYS = {date(2026, 11, 24)}
FIRST_DAY = date(2026, 10, 26)         # dossiers from here
FIRST_QUEUE_DAY = date(2026, 11, 16)   # tickets from here (each costs four service calls)
HT, CT, DD, DK, XD, LD, LL, GT, CTH = ("ho_tich", "chung_thuc", "dat_dai", "dang_ky_kinh_doanh", "xay_dung",
                                       "lao_dong_xa_hoi", "ly_lich_tu_phap", "giao_thong", "cong_thuong")
FIELD_WEIGHTS = ((HT, 30), (CT, 24), (DD, 14), (DK, 10), (LL, 7), (GT, 5), (XD, 4), (LD, 4), (CTH, 2))
# (procedure code, weight): short deadlines, several resolving agencies (report 06a's lines).
PROCEDURES = (
    ("1.004873.000.00.00.H38", 22),   # Hộ tịch, UBND cấp xã, 3 working days
    ("1.004884.000.00.00.H38", 8),    # Hộ tịch, 5 working days
    ("2.001009.000.00.00.H38", 10),   # Chứng thực, 2 working days
    ("1.001612.000.00.00.H38", 10),   # ĐKKD hộ kinh doanh, UBND cấp xã, 3
    ("2.002031.000.00.00.H38", 8),    # ĐKKD doanh nghiệp, Sở Tài chính, 3
    ("1.002861.000.00.00.H38", 7),    # Giao thông, Sở Xây dựng, 5
    ("1.012780.000.00.00.H38", 9),    # Đất đai, VP đăng ký đất đai tỉnh, 7
    ("1.013985.H38", 8),              # Lý lịch tư pháp, Công an tỉnh, 10 calendar days
)
NAMES = ("Nguyễn Thị Ấn", "Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dũng", "Hoàng Thị Én", "Võ Minh Đức",
         "Đặng Thị Giang", "Bùi Văn Hải", "Đỗ Thị Hương", "Huỳnh Văn Khoa", "Ngô Thị Lan", "Dương Văn Minh",
         "Lý Thị Ngọc", "Phan Văn Phúc", "Trương Thị Quyên", "Mai Văn Sơn", "Đinh Thị Thảo", "Tạ Văn Tùng")
REASONS_BAD = ("Chờ quá lâu, không có ai hướng dẫn", "Cán bộ hẹn trả chậm hơn quy định",
               "Phải đi lại nhiều lần vì thiếu giấy tờ mà không được báo trước")
REASONS_GOOD = ("Cán bộ nhiệt tình, hướng dẫn rõ ràng", "Trả kết quả nhanh", "")
NOTICE = "Từ 14:00 chiều nay, quầy số 4 tạm dừng tiếp nhận để bảo trì máy tính. Xin cảm ơn quý khách."


def local(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), LOCAL_TZ)


def working_days(first: date, last: date) -> list[date]:
    days, d = [], first
    while d <= last:
        if d.weekday() < 5 and d not in HOLIDAYS:
            days.append(d)
        d += timedelta(days=1)
    return days


class Clock:
    """The frozen clock of the build (picklable, settable)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Centre:
    """What a test needs to know about the built centre."""

    path: Path
    passwords: dict[str, str]
    marked: dict[str, str] = field(default_factory=dict)     # label → dossier code
    waiting_numbers: dict[str, list[str]] = field(default_factory=dict)  # field → numbers waiting now
    serving: dict[int, str] = field(default_factory=dict)    # counter → ticket number in service

    def copy_to(self, folder: Path) -> str:
        target = folder / "centre.sqlite3"
        shutil.copyfile(self.path, target)
        return f"sqlite:///{target}"


def _at_counter(actor: Actor, n: int | None) -> Actor:
    return Actor(actor.user_id, actor.username, actor.full_name, actor.role, n, actor.site_id)


class _Plan:
    """Events in time order; an event may add later ones (a dossier's fate depends on its due date)."""

    def __init__(self, clock: Clock, until: datetime) -> None:
        self.clock = clock
        self.until = until
        self._heap: list[tuple[datetime, int, object]] = []
        self._seq = itertools.count()

    def at(self, when: datetime, fn) -> None:
        if when <= self.until:
            heapq.heappush(self._heap, (when.astimezone(UTC), next(self._seq), fn))

    def run(self) -> None:
        while self._heap:
            when, _n, fn = heapq.heappop(self._heap)
            self.clock.now = when
            fn()


def build(folder: Path) -> Centre:
    path = folder / "supervisor-centre.sqlite3"
    clock = Clock(local(FIRST_DAY, 7, 0).astimezone(UTC))
    svc = Services(f"sqlite:///{path}", archive_dir=folder / "archive", clock=clock)

    @sa.event.listens_for(svc.engine, "connect")
    def _fast(dbapi_connection, _record):  # a throw-away test database: no fsync while building
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA synchronous=OFF")
        cur.close()

    svc.engine.dispose()
    try:
        centre = _build(svc, clock, path)
    finally:
        svc.close()
    return centre


def _build(svc: Services, clock: Clock, path: Path) -> Centre:
    rng = random.Random(20261126)
    passwords = {u: p for u, p, _role, _counter in setup.init_demo(svc)}
    centre = Centre(path=path, passwords=passwords)
    boss = accounts.authenticate(svc, "giamsat", passwords["giamsat"], None)
    officers = {n: accounts.authenticate(svc, f"canbo{n}", passwords[f"canbo{n}"], n) for n in (1, 2, 3, 4)}
    procedures = {p.code: p for p in catalog.list_procedures(svc)}
    plan = _Plan(clock, NOW)
    tickets: dict[str, queue.TicketInfo] = {}
    names = itertools.cycle(NAMES)
    serial = itertools.count(1)

    # -- the queue, day by day -------------------------------------------------------------
    def issue(key: str, when: datetime, field_code: str, priority: str | None = None) -> None:
        plan.at(when, lambda: tickets.__setitem__(key, queue.issue_ticket(svc, field_code, priority=priority, actor=KIOSK)))

    def call(key: str, when: datetime, counter: int) -> None:
        def do() -> None:
            got = queue.call_next(svc, officers[counter])
            assert got is not None and got.id == tickets[key].id, (key, got, clock.now)
        plan.at(when, do)

    def serve(key: str, counter: int, called: datetime, walk: float, service: float, rating: int | None,
              reason: str = "", no_show: bool = False) -> datetime:
        call(key, called, counter)
        officer = officers[counter]
        if no_show:
            plan.at(called + timedelta(minutes=3), lambda: queue.mark_no_show(svc, officer))
            return called + timedelta(minutes=3, seconds=30)
        started = called + timedelta(minutes=walk)
        finished = started + timedelta(minutes=service)
        plan.at(started, lambda: queue.start_service(svc, officer))
        plan.at(finished, lambda: queue.finish(svc, officer))
        if rating is not None:
            plan.at(finished + timedelta(seconds=30), lambda: queue.rate_service(
                svc, counter_number=counter, value=rating, reason=reason, ticket_id=tickets[key].id, actor=RATING))
        return finished + timedelta(seconds=20)

    def fifo_day(day: date, arrivals: list[tuple[datetime, str]], counters: list[int],
                 service: tuple[float, float] = (9, 22)) -> None:
        """Tickets served first come, first served by the counters given (all fields)."""
        free = {c: local(day, 7, 30) for c in counters}
        last = None
        for i, (issued, field_code) in enumerate(sorted(arrivals)):
            if last is not None and issued <= last:
                issued = last + timedelta(seconds=5)  # no two tickets at the same instant: FIFO is exact
            last = issued
            key = f"{day:%d}-{i}"
            issue(key, issued, field_code)
            counter = min(free, key=lambda c: (free[c], c))
            called = max(issued + timedelta(seconds=40), free[counter])
            roll = rng.random()
            rating = None if roll < 0.55 else (3 if roll < 0.86 else 2 if roll < 0.95 else 1)
            reason = rng.choice(REASONS_BAD) if rating == 1 else (rng.choice(REASONS_GOOD) if rating else "")
            free[counter] = serve(key, counter, called, rng.uniform(0.4, 2.0), rng.uniform(*service), rating, reason,
                                  no_show=rng.random() < 0.05)

    def arrivals_of(day: date, n: int) -> list[tuple[datetime, str]]:
        fields = [f for f, w in FIELD_WEIGHTS for _ in range(w)]
        out = []
        for _ in range(n):
            # The morning rush: people queue before the 07:30 opening and through 08:00-08:40.
            if rng.random() < 0.75:
                hour = rng.choices((7, 8, 9, 10), weights=(4, 8, 3, 1))[0]
            else:
                hour = rng.choices((13, 14, 15, 16), weights=(2, 4, 3, 1))[0]
            minute = rng.randrange(0, 40) if hour == 8 else rng.randrange(30 if hour == 13 else 0, 60)
            out.append((local(day, hour, minute), rng.choice(fields)))
        return out

    history = working_days(FIRST_DAY, TODAY - timedelta(days=1))
    for day in working_days(FIRST_QUEUE_DAY, TODAY - timedelta(days=1)):
        counters = [1, 2, 3, 4] if day.weekday() in (0, 3) else [1, 2, 3]  # counter 4 opens Mon and Thu
        fifo_day(day, arrivals_of(day, rng.randint(20, 26)), counters)

    # This morning: first come, first served until 08:40, then the state described above.
    early = [(local(TODAY, 7, m), f) for m, f in ((32, HT), (35, CT), (41, DD), (50, HT), (58, DK))]
    early += [(local(TODAY, 8, m), f) for m, f in ((5, HT), (12, CT), (20, HT), (24, LL))]
    fifo_day(TODAY, early, [1, 2, 3, 4], service=(5, 9))  # all done by 08:50

    def restrict() -> None:
        supervisor.set_counter_fields(svc, boss, 1, [HT, CT])
        supervisor.set_counter_fields(svc, boss, 3, [DD, XD])
        queue.set_counter_state(svc, officers[4], "paused")
    plan.at(local(TODAY, 9, 0), restrict)
    issue("X", local(TODAY, 8, 50), HT)
    serve("X", 1, local(TODAY, 8, 58), 1, 19, rating=3)
    issue("B", local(TODAY, 9, 1), CT)
    call("B", local(TODAY, 9, 3), 2)
    plan.at(local(TODAY, 9, 4), lambda: queue.start_service(svc, officers[2]))
    issue("Y", local(TODAY, 9, 4), HT)
    issue("C", local(TODAY, 9, 10), DD)
    call("C", local(TODAY, 9, 14), 3)
    plan.at(local(TODAY, 9, 15), lambda: queue.start_service(svc, officers[3]))
    call("Y", local(TODAY, 9, 19), 1)
    plan.at(local(TODAY, 9, 20), lambda: queue.start_service(svc, officers[1]))
    waiting = ((12, HT, None), (16, HT, None), (17, DD, None), (21, HT, None), (22, CTH, None), (24, CT, None),
               (25, HT, "elderly"), (26, DD, None), (27, CT, None), (28, HT, None))
    for minute, field_code, priority in waiting:
        issue(f"W{minute}", local(TODAY, 9, minute), field_code, priority)
    plan.at(local(TODAY, 9, 29), lambda: supervisor.broadcast_notice(svc, boss, NOTICE))

    # -- dossiers ----------------------------------------------------------------------------
    def person() -> Person:
        n = next(serial)
        year = 1960 + n % 40
        return Person(full_name=next(names), id_number=f"049{n % 2}{year % 100:02d}{100000 + n * 7919 % 900000:06d}",
                      phone=f"09{n % 10}{1000000 + n * 7741 % 9000000:07d}",
                      address=f"{n} Phan Chu Trinh, phường Tam Kỳ, TP Đà Nẵng")

    def request(code: str, channel: Channel, digitised: bool) -> IntakeRequest:
        p = procedures[code]
        docs = tuple(DocumentLine(name=d.name, form=d.form, count=d.count) for d in p.documents) or (
            DocumentLine(name="Tờ khai", count=1),)
        return IntakeRequest(procedure_code=code, owner=person(), documents=docs, channel=channel,
                             digitised=digitised)

    def receive(when: datetime, code: str, officer: Actor, fate, *, channel: Channel = Channel.IN_PERSON,
                digitised: bool = False, label: str = "") -> None:
        def do() -> None:
            info = intake.receive_dossier(svc, officer, request(code, channel, digitised))
            if label:
                centre.marked[label] = info.code
            fate(info)
        plan.at(when, do)

    def move(when: datetime, code: str, to: S, officer: Actor, **kw) -> None:
        if to in (S.WITHDRAWN, S.STOPPED, S.SUPPLEMENT_REQUESTED):
            kw.setdefault("reason", "Theo đề nghị của công dân")
        if to is S.SUPPLEMENT_REQUESTED:
            kw.setdefault("missing", (DocumentLine(name="Bản sao Giấy khai sinh", count=1),))
        plan.at(when, lambda: lifecycle.transition(svc, officer, code, to, **kw))

    def hand(when: datetime, code: str, officer: Actor, rating: int | None = None, reason: str = "") -> None:
        plan.at(when, lambda: handover.hand_over(svc, officer, code, collector=handover.Collector("owner"),
                                                 rating=rating, rating_reason=reason))

    def random_fate(officer: Actor):
        def fate(info) -> None:
            due = info.due_at.astimezone(LOCAL_TZ)
            received = info.received_at.astimezone(LOCAL_TZ)
            roll = rng.random()
            if roll < 0.5:       # early: the working day before the due date
                ready = local(due.date() - timedelta(days=1 if due.weekday() else 3), 10, 30)
                if ready <= received:
                    ready = received + timedelta(hours=2)
            elif roll < 0.78:    # on time: on the due day, before its hour
                ready = min(max(local(due.date(), 8, 15), received + timedelta(hours=1)), due - timedelta(minutes=5))
            elif roll < 0.9:     # late
                ready = due + timedelta(days=1, hours=1)
            else:                # still being processed
                ready = None
            move(received + timedelta(minutes=40), info.code, S.PROCESSING, officer)
            if ready is None:
                return
            move(ready, info.code, S.RESULT_READY, officer)
            if rng.random() < 0.85:
                back = ready + timedelta(days=rng.choice((0, 1, 1, 2, 3)), hours=1)
                roll = rng.random()
                rating = None if roll < 0.6 else (3 if roll < 0.9 else 2)
                hand(back, info.code, officer, rating, "Trả kết quả nhanh" if rating == 3 else "")
        return fate

    codes = [c for c, w in PROCEDURES for _ in range(w)]
    for day in history:
        for _ in range(rng.randint(2, 4)):
            when = local(day, rng.choice((8, 9, 10, 14, 15)), rng.randrange(0, 60))
            officer = officers[rng.choice((1, 2, 3))]
            roll = rng.random()
            channel = Channel.ONLINE if roll < 0.3 else Channel.POST if roll < 0.35 else Channel.IN_PERSON
            receive(when, rng.choice(codes), officer, random_fate(officer), channel=channel,
                    digitised=channel is Channel.IN_PERSON and rng.random() < 0.5)

    c1, c2 = officers[1], officers[2]
    # The marked dossiers (their fates are known exactly).
    receive(local(date(2026, 11, 16), 9, 5), "1.004873.000.00.00.H38", c1,      # due Thu 19 09:05
            lambda info: (move(local(date(2026, 11, 16), 10, 0), info.code, S.PROCESSING, c1),
                          move(local(date(2026, 11, 20), 15, 0), info.code, S.RESULT_READY, c1)),
            label="late_ht")
    receive(local(date(2026, 11, 13), 10, 0), "1.002861.000.00.00.H38", c2,     # due Fri 20 10:00
            lambda info: move(local(date(2026, 11, 13), 11, 0), info.code, S.PROCESSING, c2), label="overdue_gt")
    receive(local(date(2026, 11, 20), 14, 0), "1.004884.000.00.00.H38", c1,
            lambda info: move(local(date(2026, 11, 23), 9, 0), info.code, S.SUPPLEMENT_REQUESTED, c1),
            label="supplement")
    receive(local(date(2026, 11, 12), 8, 30), "1.004873.000.00.00.H38", c1,
            lambda info: move(local(date(2026, 11, 17), 9, 0), info.code, S.RESULT_READY, c1), label="uncollected")
    receive(local(date(2026, 11, 20), 16, 0), "1.001612.000.00.00.H38", c2,     # due Thu 26 16:00 (holiday 24)
            lambda info: move(local(date(2026, 11, 23), 8, 0), info.code, S.PROCESSING, c2), label="due_today")
    receive(local(date(2026, 11, 18), 9, 0), "2.002031.000.00.00.H38", c2,
            lambda info: move(local(date(2026, 11, 19), 9, 0), info.code, S.WITHDRAWN, c2), label="withdrawn")
    # This morning's intake.
    receive(local(TODAY, 8, 10), "2.001009.000.00.00.H38", c1, random_fate(c1))
    receive(local(TODAY, 8, 40), "1.012780.000.00.00.H38", c2, random_fate(c2), digitised=True)

    plan.run()
    clock.now = NOW.astimezone(UTC)
    for f_code in (HT, DD, CT, CTH):
        centre.waiting_numbers[f_code] = [tickets[f"W{m}"].number for m, f, _p in waiting if f == f_code]
    centre.serving = {1: tickets["Y"].number, 2: tickets["B"].number, 3: tickets["C"].number}
    return centre

