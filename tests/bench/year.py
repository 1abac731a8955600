"""One year of a busy centre, inserted in bulk: the data behind the supervisor benchmark.

    prepare_site(svc)                                   counters 1-12 with their fields, 15 officers
    generate(engine, tickets=300_000, dossiers=200_000, first_day=..., now=...) -> Year

Writes straight into the real (migrated) schema of a site set up by ``setup.init_demo`` and
``prepare_site``, what the services would have written over the year (queue.issue_ticket /
call_next / recall / start_service / finish / mark_no_show / rate_service, intake.receive_dossier,
lifecycle.apply_transition, handover.hand_over), not through them (a year of that takes hours):
executemany (SQLite) or COPY (PostgreSQL) in chunks, one transaction per chunk, indexes and triggers live.

What the year looks like:
- working days only (WorkCalendar: weekends, national holidays); the kiosk issues tickets
  07:30-11:30 and 13:00-17:00 Hà Nội time (stored UTC), most in the morning (peak ~08:30) and
  early afternoon; busier on Mondays, day-to-day noise;
- 9 fields (the shipped catalog) with their own share of visitors and service time; 12 counters
  with fixed fields (a floating counter 12), 10-12 open a day, 15 officers rotating over them;
- each day is simulated: a free counter calls the oldest ticket waiting in its fields (FIFO per
  field), the citizen walks up (recalled 8 % of the time), is served (log-normal around the
  field's mean, scaled so the counters run ~75 % busy on an average day) or does not come (no-show,
  more likely after a long wait: 2-3 calls); lunch 11:30-13:00; tickets still waiting at 17:00
  expire when the next day's first ticket is issued. Every call and recall is a queue_call row;
- ratings (scale "3") for ~30 % of served tickets, a few with a reason; some after a handover;
- dossiers: ~57 % received in person at a counter during a served ticket (same officer, counter,
  ticket, a procedure of the ticket's field), ~40 % online, ~3 % by post; codes numbered per day
  in receipt order; due dates by the real rules (domain.calendar.compute_due); statuses by age
  (tests/bench/history.py): old ones mostly returned (10) with result_ready_at / returned_at,
  some late, some withdrawn / stopped / refused; recent ones 2/4/5/6/9; events for the receipt
  and every transition (and apologies), a handover row per returned dossier, register entries;
- "today" (the frozen now) is a live hall: counters 1-10 serving (called or in service), 11
  paused, 12 closed, ~80 tickets waiting (the field served only by 11 and 12 has nobody to call
  it: an alert).
"""

from __future__ import annotations

import heapq
import json
import math
import random
import time as _time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from counter_app.domain.calendar import LOCAL_TZ, Counting, WorkCalendar, compute_due
from counter_app.domain.dossier_code import format_dossier_code
from counter_app.domain.queue import DEFAULT_PRIORITY_CATEGORIES, format_ticket_number
from counter_app.store.models import (
    Counter,
    Dossier,
    DossierEvent,
    Field,
    Handover,
    Procedure,
    QueueCall,
    Rating,
    RegisterEntry,
    SequenceCounter,
    Site,
    Ticket,
    User,
)
from tests.bench.history import (
    HOURS,
    _between,
    _People,
    _Pick,
    _sqlite_value,
    _status,
    _uuid7_at,
    _working_days,
    _zipf,
)

# --- the centre -----------------------------------------------------------------------------------

# field code -> (share of tickets, mean service minutes before scaling). Unknown fields get a small share.
FIELD_MIX = {
    "ho_tich": (0.22, 5.0),
    "chung_thuc": (0.25, 2.5),
    "dat_dai": (0.15, 8.0),
    "dang_ky_kinh_doanh": (0.08, 6.0),
    "xay_dung": (0.05, 7.0),
    "lao_dong_xa_hoi": (0.08, 5.0),
    "ly_lich_tu_phap": (0.07, 4.0),
    "giao_thong": (0.07, 4.0),
    "cong_thuong": (0.03, 5.0),
}
# counter -> the fields it serves (counter 12 floats over the quieter fields).
COUNTER_FIELDS = {
    1: ("ho_tich",),
    2: ("ho_tich",),
    3: ("ho_tich", "ly_lich_tu_phap"),
    4: ("chung_thuc",),
    5: ("chung_thuc", "giao_thong"),
    6: ("dat_dai",),
    7: ("dat_dai",),
    8: ("dat_dai", "cong_thuong"),
    9: ("dang_ky_kinh_doanh", "cong_thuong"),
    10: ("xay_dung", "giao_thong"),
    11: ("lao_dong_xa_hoi", "ly_lich_tu_phap"),
    12: ("dang_ky_kinh_doanh", "xay_dung", "lao_dong_xa_hoi", "ho_tich"),
}
COUNTERS = 12
TODAY_OPEN = tuple(range(1, 11))        # counters serving now; 11 paused, 12 closed
TODAY_STATE = {11: "paused", 12: "closed"}
WAITING_NOW = 80
OFFICERS = (
    ("canbo5", "Huỳnh Thị Em"), ("canbo6", "Đặng Văn Phúc"), ("canbo7", "Bùi Thị Giang"),
    ("canbo8", "Đỗ Minh Hải"), ("canbo9", "Hồ Thị Kim"), ("canbo10", "Ngô Văn Lâm"),
    ("canbo11", "Dương Thị Mai"), ("canbo12", "Lý Quốc Nam"), ("canbo13", "Trương Thị Oanh"),
    ("canbo14", "Phan Văn Quý"), ("canbo15", "Mai Thị Sương"),
)

# Kiosk hours (local) and counters' hours.
AM = (time(7, 30), time(11, 30))
PM = (time(13, 0), time(17, 0))
MORNING_SHARE = 0.58
UTILISATION = 0.75      # counters' busy share on an average day (peaks above, quiet days below)
WALK = (20, 120)        # seconds from the (last) call to the start of service
RATED_SHARE = 0.30
RATING_VALUES = ((3, 0.58), (2, 0.35), (1, 0.07))
COMPLAINTS = (
    "Chờ lâu quá", "Cán bộ hướng dẫn chưa rõ", "Phải đi lại nhiều lần", "Thái độ chưa niềm nở",
    "Không có chỗ ngồi chờ", "Máy gọi số bị lỗi", "Thiếu hướng dẫn điền tờ khai",
)
PRAISES = ("Cán bộ nhiệt tình", "Nhanh chóng", "Hướng dẫn tận tình", "")
CHANNELS = (("in_person", 0.57), ("online", 0.40), ("post", 0.03))
DIGITISED_SHARE = 0.35  # in-person dossiers scanned at the counter (electronic dossiers)
HANDOVER_RATED = 0.20


def prepare_site(svc, *, now: datetime) -> None:
    """Counters 1-12 with their fields (today's states) and officers canbo5..canbo15, on top of
    setup.init_demo's counters 1-4 and officers canbo1..canbo4."""
    from counter_app.services.accounts import add_user, generate_password

    with svc.transaction() as s:
        site = s.execute(sa.select(Site)).scalar_one()
        have = set(s.execute(sa.select(Counter.number)).scalars())
        for n in range(1, COUNTERS + 1):
            if n not in have:
                s.add(Counter(site_id=site.id, number=n, name=f"Quầy {n}", active=True))
        s.flush()
        fields = {f.code: f for f in s.execute(sa.select(Field)).scalars()}
        for c in s.execute(sa.select(Counter)).scalars():
            c.queue_state = TODAY_STATE.get(c.number, "open")
            c.fields = [fields[code] for code in COUNTER_FIELDS.get(c.number, ()) if code in fields]
        users = set(s.execute(sa.select(User.username)).scalars())
        for username, full_name in OFFICERS:
            if username not in users:
                add_user(s, site, username, full_name, generate_password(), "officer", now=now)


# --- results --------------------------------------------------------------------------------------


@dataclass
class Year:
    first_day: date
    last_day: date
    days: int
    now: datetime
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    ticket_status: dict[str, int] = field(default_factory=dict)
    dossier_status: dict[int, int] = field(default_factory=dict)
    channels: dict[str, int] = field(default_factory=dict)
    python_seconds: float = 0.0   # of `seconds`, building the rows (the rest is the database)
    service_scale: float = 1.0
    waiting_now: int = 0
    serving_now: int = 0


# --- helpers --------------------------------------------------------------------------------------


def _local(day: date, t: time) -> datetime:
    return datetime.combine(day, t, tzinfo=LOCAL_TZ)


def _arrivals(day: date, k: int, rng: random.Random) -> list[datetime]:
    """k kiosk times (aware, local) of day, sorted: a morning peak around 08:30, a smaller one at 13:45."""
    am0, am1 = _local(day, AM[0]).timestamp(), _local(day, AM[1]).timestamp()
    pm0, pm1 = _local(day, PM[0]).timestamp(), _local(day, PM[1]).timestamp()
    out = []
    for _ in range(k):
        if rng.random() < MORNING_SHARE:
            ts = rng.triangular(am0, am1, am0 + 3600)
        else:
            ts = rng.triangular(pm0, pm1, pm0 + 2700)
        out.append(ts)
    out.sort()
    return [datetime.fromtimestamp(ts, LOCAL_TZ) for ts in out]


def _lognormal(rng: random.Random, mean: float, sigma: float = 0.55) -> float:
    return rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma)


def _allocate(n: int, days: list[date], rng: random.Random) -> list[int]:
    """n spread over days: weekday pattern, growth over the year, noise; adds up to n exactly."""
    weekday = {0: 1.25, 1: 1.1, 2: 1.0, 3: 1.0, 4: 0.9, 5: 0.6, 6: 0.3}
    first = days[0]
    weights = [weekday[d.weekday()] * (1.06 ** ((d - first).days / 365)) * rng.uniform(0.85, 1.15) for d in days]
    total = sum(weights)
    raw = [n * w / total for w in weights]
    counts = [int(x) for x in raw]
    for i in sorted(range(len(days)), key=lambda i: raw[i] - counts[i], reverse=True)[: n - sum(counts)]:
        counts[i] += 1
    return counts


# --- the queue of a day ---------------------------------------------------------------------------


class _Day:
    """Simulates one business day of the hall; produces ticket rows and call rows."""

    def __init__(self, gen: _Gen, day: date, arrivals: list[tuple[datetime, str]], open_counters: dict[int, uuid.UUID],
                 until: datetime | None, next_open: datetime | None) -> None:
        self.gen, self.day, self.until, self.next_open = gen, day, until, next_open
        rng = gen.rng
        self.tickets: list[dict] = []
        seqs: dict[str, int] = {}
        by_field: dict[str, list[dict]] = {}
        for local, code in arrivals:
            seqs[code] = seqs.get(code, 0) + 1
            f = gen.fields[code]
            seq = f.ticket_start - 1 + seqs[code]
            issued = local.astimezone(UTC)
            t = {
                "id": _uuid7_at(issued, rng), "site_id": gen.site.id, "business_day": day,
                "issued_field_code": code, "field_code": code, "seq": seq,
                "number": format_ticket_number(f.ticket_prefix, seq),
                "priority": rng.choice(gen.priorities) if rng.random() < 0.07 else None,
                "status": "waiting", "issued_at": issued, "queued_at": issued, "target_counter": None,
                "counter_number": None, "officer_id": None, "called_at": None, "first_called_at": None,
                "call_count": 0, "started_at": None, "finished_at": None, "printed": True,
            }
            self.tickets.append(t)
            by_field.setdefault(code, []).append(t)
        self.seqs = seqs
        self.by_field = by_field
        self.calls: list[dict] = []
        self.open_counters = open_counters
        self._simulate()

    def _simulate(self) -> None:
        gen, rng, day = self.gen, self.gen.rng, self.day
        ptr = {code: 0 for code in self.by_field}
        am_end, pm_start, close = _local(day, AM[1]).astimezone(UTC), _local(day, PM[0]).astimezone(UTC), \
            _local(day, PM[1]).astimezone(UTC)
        start = _local(day, AM[0]).astimezone(UTC)
        heap = [(start + timedelta(seconds=rng.randrange(0, 300)), n) for n in self.open_counters]
        heapq.heapify(heap)
        while heap:
            free_at, n = heapq.heappop(heap)
            if am_end <= free_at < pm_start:
                heapq.heappush(heap, (pm_start + timedelta(seconds=rng.randrange(0, 240)), n))
                continue
            if free_at >= close:
                continue
            best = None
            for code in gen.counter_fields[n]:
                lst = self.by_field.get(code)
                if lst and ptr[code] < len(lst) and (best is None or lst[ptr[code]]["queued_at"] < best["queued_at"]):
                    best = lst[ptr[code]]
            if best is None:
                continue
            at = max(free_at, best["queued_at"])
            if am_end <= at < pm_start:
                heapq.heappush(heap, (pm_start + timedelta(seconds=rng.randrange(0, 240)), n))
                continue
            if at >= close:
                continue
            ptr[best["field_code"]] += 1
            heapq.heappush(heap, (self._serve(best, n, at), n))

    def _serve(self, t: dict, n: int, at: datetime) -> datetime:
        """The counter n calls t at `at`; returns when the counter is free again."""
        gen, rng = self.gen, self.gen.rng
        officer = self.open_counters[n]
        wait_min = (at - t["queued_at"]).total_seconds() / 60
        calls = [at]
        no_show = rng.random() < 0.02 + 0.08 * min(1.0, wait_min / 60)
        if no_show:
            calls += [at + timedelta(seconds=60 * i + rng.randrange(0, 20)) for i in range(1, rng.choice((2, 3)))]
        elif rng.random() < 0.08:
            calls.append(at + timedelta(seconds=rng.randrange(40, 90)))
        t.update(counter_number=n, officer_id=officer, first_called_at=calls[0], called_at=calls[-1],
                 call_count=len(calls), status="called")
        for i, c in enumerate(calls):
            self.calls.append({"site_id": gen.site.id, "ticket_id": t["id"], "number": t["number"],
                               "counter_number": n, "field_code": t["field_code"],
                               "kind": "call" if i == 0 else "recall", "at": c})
        if no_show:
            t.update(status="no_show", finished_at=calls[-1] + timedelta(seconds=rng.randrange(40, 90)))
            return t["finished_at"] + timedelta(seconds=rng.randrange(5, 30))
        started = calls[-1] + timedelta(seconds=rng.randrange(*WALK))
        minutes = _lognormal(rng, gen.service_mean[t["field_code"]])
        finished = started + timedelta(seconds=max(30.0, minutes * 60))
        t.update(status="done", started_at=started, finished_at=finished)
        return finished + timedelta(seconds=rng.randrange(10, 60))

    def finish_day(self) -> None:
        """A past day: what was never called expires when the next day's first ticket is issued."""
        for t in self.tickets:
            if t["status"] == "waiting":
                t["status"] = "expired"
                t["finished_at"] = (self.next_open or t["queued_at"] + timedelta(hours=14)).astimezone(UTC)

    def freeze_at(self, now: datetime) -> None:
        """Today: undo what has not happened yet at `now`, leaving a live hall."""
        rng = self.gen.rng
        self.calls = [c for c in self.calls if c["at"] <= now]
        for t in self.tickets:
            fc = t["first_called_at"]
            if fc is None or fc > now:
                t.update(status="waiting", counter_number=None, officer_id=None, called_at=None,
                         first_called_at=None, call_count=0, started_at=None, finished_at=None)
                continue
            if t["finished_at"] is not None and t["finished_at"] <= now:
                continue
            # In service at `now`: called (not yet started) or serving.
            made = [c for c in self.calls if c["ticket_id"] == t["id"]]
            t.update(call_count=len(made), called_at=made[-1]["at"], finished_at=None)
            if t["started_at"] is not None and t["started_at"] <= now and t["status"] == "done":
                t["status"] = "serving"
            else:
                t.update(status="called", started_at=None)
        busy = {t["counter_number"] for t in self.tickets if t["status"] in ("called", "serving")}
        waiting = sorted((t for t in self.tickets if t["status"] == "waiting"), key=lambda t: t["queued_at"])
        # A counter idle at `now` has just called the oldest waiting in its fields (someone who
        # came in a minute ago when nobody waits there).
        for n in self.open_counters:
            if n in busy:
                continue
            mine = [t for t in waiting if t["field_code"] in self.gen.counter_fields[n]]
            if mine:
                t = mine[0]
                waiting.remove(t)
            else:
                t = self._issue(self.gen.counter_fields[n][0], now - timedelta(seconds=rng.randrange(60, 300)))
            at = max(t["queued_at"], now - timedelta(seconds=rng.randrange(10, 180)))
            t.update(status="called", counter_number=n, officer_id=self.open_counters[n], called_at=at,
                     first_called_at=at, call_count=1)
            self.calls.append({"site_id": self.gen.site.id, "ticket_id": t["id"], "number": t["number"],
                               "counter_number": n, "field_code": t["field_code"], "kind": "call", "at": at})
            busy.add(n)
        # Exactly WAITING_NOW waiting: drop the newest (the tail of their field's numbers) or issue more.
        if len(waiting) > WAITING_NOW:
            drop = {id(t) for t in sorted(waiting, key=lambda t: t["queued_at"])[WAITING_NOW:]}
            self.tickets = [t for t in self.tickets if id(t) not in drop]
            seqs: dict[str, int] = {}
            for t in self.tickets:
                seqs[t["field_code"]] = max(seqs.get(t["field_code"], 0), t["seq"])
            self.seqs = {code: seq - self.gen.fields[code].ticket_start + 1 for code, seq in seqs.items()}
        else:
            last_call = {}
            for c in self.calls:
                last_call[c["field_code"]] = max(last_call.get(c["field_code"], c["at"]), c["at"])
            for _ in range(WAITING_NOW - len(waiting)):
                code = self.gen.pick_field()
                lo = max(now - timedelta(minutes=25), last_call.get(code, now - timedelta(minutes=25)))
                self._issue(code, _between(rng, lo, now - timedelta(seconds=5)))
        self.calls.sort(key=lambda c: c["at"])

    def _issue(self, code: str, issued: datetime) -> dict:
        """One more ticket of today, issued at `issued`, waiting."""
        rng, f = self.gen.rng, self.gen.fields[code]
        self.seqs[code] = self.seqs.get(code, 0) + 1
        seq = f.ticket_start - 1 + self.seqs[code]
        t = {
            "id": _uuid7_at(issued, rng), "site_id": self.gen.site.id, "business_day": self.day,
            "issued_field_code": code, "field_code": code, "seq": seq,
            "number": format_ticket_number(f.ticket_prefix, seq),
            "priority": rng.choice(self.gen.priorities) if rng.random() < 0.07 else None,
            "status": "waiting", "issued_at": issued, "queued_at": issued, "target_counter": None,
            "counter_number": None, "officer_id": None, "called_at": None, "first_called_at": None,
            "call_count": 0, "started_at": None, "finished_at": None, "printed": True,
        }
        self.tickets.append(t)
        return t


# --- the generator --------------------------------------------------------------------------------


class _Gen:
    def __init__(self, engine: sa.Engine, seed: int) -> None:
        self.engine = engine
        self.rng = random.Random(seed)
        with engine.connect() as c:
            self.site = c.execute(sa.select(Site.id, Site.agency_code, Site.register_book)).one()
            self.fields = {f.code: f for f in c.execute(
                sa.select(Field.code, Field.name, Field.ticket_prefix, Field.ticket_start)).all()}
            procs = c.execute(
                sa.select(Procedure.id, Procedure.code, Procedure.name, Procedure.processing_days, Procedure.counting,
                          Procedure.catalog_version, Procedure.lead_agency, Procedure.retired, Procedure.fee_amount,
                          Field.code.label("field_code"))
                .join_from(Procedure, Field, Procedure.field_id == Field.id)).all()
            self.officers = c.execute(sa.select(User.id, User.full_name).where(User.role == "officer", User.active)
                                      .order_by(User.username)).all()
            counters = c.execute(sa.select(Counter.number).where(Counter.active)
                                 .order_by(Counter.number)).scalars().all()
        if len(self.officers) < len(TODAY_OPEN):
            raise RuntimeError("too few officers: run prepare_site first")
        self.officer_names = {o.id: o.full_name for o in self.officers}
        codes = sorted(self.fields)
        shares = [FIELD_MIX.get(code, (0.02, 5.0))[0] for code in codes]
        self.pick_field = _Pick(codes, shares, self.rng)
        self.field_share = dict(zip(codes, shares, strict=True))
        self.counters = list(counters)
        self.counter_fields = {n: tuple(c for c in COUNTER_FIELDS.get(n, ()) if c in self.fields) or tuple(codes)
                               for n in self.counters}
        self.priorities = [p.code for p in DEFAULT_PRIORITY_CATEGORIES]
        by_field: dict[str, list] = {}
        for p in sorted((p for p in procs if not p.retired), key=lambda p: p.code):
            by_field.setdefault(p.field_code, []).append(p)
        self.procs = {}
        for code, lst in by_field.items():
            self.rng.shuffle(lst)
            self.procs[code] = _Pick(lst, _zipf(lst, 1.0), self.rng)
        self.any_field_with_procs = sorted(by_field)
        self.service_mean: dict[str, float] = {}

    def proc_for(self, field_code: str):
        pick = self.procs.get(field_code) or self.procs[self.rng.choice(self.any_field_with_procs)]
        return pick()

    def scale_service(self, tickets_per_day: float) -> float:
        """Service times scaled so that an average day keeps the open counters UTILISATION busy."""
        total = sum(self.field_share.values())
        base = sum(share / total * FIELD_MIX.get(code, (0, 5.0))[1] for code, share in self.field_share.items())
        counters = min(len(self.counters), 11.5)
        open_minutes = ((AM[1].hour * 60 + AM[1].minute) - (AM[0].hour * 60 + AM[0].minute)
                        + (PM[1].hour * 60 + PM[1].minute) - (PM[0].hour * 60 + PM[0].minute))
        per_ticket = counters * open_minutes * UTILISATION / max(1.0, tickets_per_day)
        overhead = (sum(WALK) / 2 + 35) / 60  # walk, and the gap before the next call
        scale = max(0.25, min(3.0, (per_ticket - overhead) / base))
        self.service_mean = {code: FIELD_MIX.get(code, (0, 5.0))[1] * scale for code in self.fields}
        return scale


def _insert(engine: sa.Engine, table: sa.Table, rows: list[dict], chunk: int,
            progress: Callable[[str, int], None] | None = None) -> int:
    """rows into table, one transaction per chunk: executemany on the raw sqlite3 connection
    (values converted as SQLAlchemy stores them), COPY on PostgreSQL (psycopg 3) — as
    tests/bench/history.py does; SQLAlchemy's own executemany is 5-10x slower here."""
    if not rows:
        return 0
    cols = list(rows[0])
    json_cols = {c.name for c in table.columns if isinstance(c.type, sa.JSON)}
    conn = engine.raw_connection()
    try:
        raw = conn.driver_connection
        if engine.dialect.name == "sqlite":
            sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            for i in range(0, len(rows), chunk):
                raw.execute("BEGIN IMMEDIATE")
                raw.executemany(sql, [tuple(json.dumps(r[c]) if c in json_cols else _sqlite_value(r[c]) for c in cols)
                                      for r in rows[i:i + chunk]])
                raw.execute("COMMIT")
                if progress:
                    progress(table.name, min(len(rows), i + chunk))
        else:
            from psycopg.types.json import Json

            with raw.cursor() as cur:
                for i in range(0, len(rows), chunk):
                    with cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
                        for r in rows[i:i + chunk]:
                            copy.write_row(tuple(Json(r[c]) if c in json_cols else r[c] for c in cols))
                    raw.commit()
                    if progress:
                        progress(table.name, min(len(rows), i + chunk))
    finally:
        conn.close()
    return len(rows)


def generate(
    engine: sa.Engine,
    *,
    tickets: int,
    dossiers: int,
    first_day: date,
    now: datetime,
    seed: int = 1,
    chunk: int = 20_000,
    progress: Callable[[str, int], None] | None = None,
) -> Year:
    """Insert a year of queue and dossiers from first_day up to now (aware; the last day is
    today, a live hall). Returns counts and timing."""
    t0 = _time.perf_counter()
    g = _Gen(engine, seed)
    rng = g.rng
    cal = WorkCalendar()
    now = now.astimezone(UTC)
    today = now.astimezone(LOCAL_TZ).date()
    days = _working_days(first_day, today, cal)
    if not days or days[-1] != today:
        raise ValueError(f"'now' ({now}) must fall on a working day")
    has_electronic = "electronic" in Dossier.__table__.columns and _has_column(engine, "dossier", "electronic")

    # -- tickets, calls -------------------------------------------------------------------------
    avg = tickets / len(days)
    year = Year(first_day=days[0], last_day=today, days=len(days), now=now, seconds=0.0)
    year.service_scale = g.scale_service(avg)
    ticket_rows: list[dict] = []
    call_rows: list[dict] = []
    ticket_seqs: dict[str, int] = {}

    def staff(numbers: list[int]) -> dict[int, uuid.UUID]:
        return {n: o.id for n, o in zip(numbers, rng.sample(g.officers, min(len(numbers), len(g.officers))),
                                        strict=False)}

    # Today first (a busy day, cut at now: a live hall), then the other tickets over the days before.
    arrivals = [(t, g.pick_field()) for t in _arrivals(today, round(avg * 1.15), rng) if t < now]
    live = _Day(g, today, arrivals, staff([n for n in TODAY_OPEN if n in g.counters]), now, None)
    live.freeze_at(now)
    counts = _allocate(max(0, tickets - len(live.tickets)), days[:-1], rng) if len(days) > 1 else []
    for i, day in enumerate(days):
        if day == today:
            d = live
        else:
            arrivals = [(t, g.pick_field()) for t in _arrivals(day, counts[i], rng)]
            open_counters = staff([n for n in g.counters if rng.random() > 0.06])  # someone away now and then
            next_open = _local(days[i + 1], AM[0]) + timedelta(seconds=rng.randrange(0, 600))
            d = _Day(g, day, arrivals, open_counters, None, next_open)
            d.finish_day()
        ticket_rows += d.tickets
        call_rows += d.calls
        for code, n in d.seqs.items():
            ticket_seqs[f"ticket:{g.site.id}:{day.isoformat()}:{code}"] = g.fields[code].ticket_start - 1 + n
        if progress and i % 25 == 0:
            progress("days simulated", i + 1)
    ticket_rows.sort(key=lambda t: t["issued_at"])
    for t in ticket_rows:
        year.ticket_status[t["status"]] = year.ticket_status.get(t["status"], 0) + 1
    year.waiting_now = sum(1 for t in ticket_rows if t["business_day"] == today and t["status"] == "waiting")
    year.serving_now = sum(1 for t in ticket_rows if t["status"] in ("called", "serving"))

    # -- ratings of tickets ---------------------------------------------------------------------
    values, weights = [v for v, _ in RATING_VALUES], [w for _, w in RATING_VALUES]
    rating_rows: list[dict] = []
    for t in ticket_rows:
        if t["status"] != "done" or rng.random() >= RATED_SHARE:
            continue
        at = t["finished_at"] + timedelta(seconds=rng.randrange(10, 120))
        if at > now:
            continue
        value = rng.choices(values, weights)[0]
        reason = rng.choice(COMPLAINTS) if value == 1 else (rng.choice(PRAISES) if rng.random() < 0.05 else "")
        rating_rows.append({"id": _uuid7_at(at, rng), "site_id": g.site.id, "ticket_id": t["id"], "dossier_id": None,
                            "counter_number": t["counter_number"], "officer_id": t["officer_id"], "scale": "3",
                            "value": value, "reason": reason, "at": at})

    # -- dossiers -------------------------------------------------------------------------------
    dossier_rows, register_rows, event_rows, handover_rows, seq_rows = _dossiers(
        g, cal, days, now, dossiers, ticket_rows, rating_rows, has_electronic, year)
    ticket_seqs.update(seq_rows)

    _ticket_durations(ticket_rows)
    gen_s = _time.perf_counter() - t0
    # -- write ----------------------------------------------------------------------------------
    year.rows["ticket"] = _insert(engine, Ticket.__table__, ticket_rows, chunk, progress)
    year.rows["queue_call"] = _insert(engine, QueueCall.__table__, call_rows, chunk, progress)
    year.rows["dossier"] = _insert(engine, Dossier.__table__, dossier_rows, chunk, progress)
    year.rows["register_entry"] = _insert(engine, RegisterEntry.__table__, register_rows, chunk, progress)
    year.rows["dossier_event"] = _insert(engine, DossierEvent.__table__, event_rows, chunk, progress)
    year.rows["rating"] = _insert(engine, Rating.__table__, rating_rows, chunk, progress)
    year.rows["handover"] = _insert(engine, Handover.__table__, handover_rows, chunk, progress)
    _write_sequences(engine, ticket_seqs)
    year.seconds = _time.perf_counter() - t0
    year.python_seconds = gen_s
    return year


def _ticket_durations(tickets: list[dict]) -> None:
    """The durations services/queue.py fixes on a ticket as it happens (wait, walk, service, idle)."""
    def secs(a, b):
        return round((a - b).total_seconds(), 3) if a is not None and b is not None else None

    for t in tickets:
        t["wait_seconds"] = secs(t["first_called_at"], t["issued_at"])
        t["walk_seconds"] = secs(t["started_at"], t["called_at"]) if t["started_at"] is not None else None
        t["service_seconds"] = secs(t["finished_at"], t["started_at"]) if t["status"] == "done" else None
        t["idle_seconds"] = None
    by_officer: dict[tuple, list[dict]] = {}
    for t in tickets:
        if t["officer_id"] is not None and t["first_called_at"] is not None:
            by_officer.setdefault((t["officer_id"], t["business_day"]), []).append(t)
    for group in by_officer.values():
        group.sort(key=lambda x: x["first_called_at"])
        for prev, t in zip(group, group[1:]):
            end = prev["finished_at"] or prev["called_at"]
            gap = (t["first_called_at"] - end).total_seconds() if end is not None else 0
            if 0 < gap < 3600:
                t["idle_seconds"] = round(gap, 3)


def _has_column(engine: sa.Engine, table: str, column: str) -> bool:
    return column in {c["name"] for c in sa.inspect(engine).get_columns(table)}


def _write_sequences(engine: sa.Engine, values: dict[str, int]) -> None:
    table = SequenceCounter.__table__
    with engine.begin() as c:
        existing = dict(c.execute(sa.select(table.c.key, table.c.last).where(table.c.key.in_(list(values)))).all()) \
            if len(values) < 30_000 else {}
        new = [{"key": k, "last": v} for k, v in values.items() if k not in existing]
        for k, v in values.items():
            if k in existing and v > existing[k]:
                c.execute(table.update().where(table.c.key == k).values(last=v))
        if new:
            c.execute(table.insert(), new)


def _dossiers(g: _Gen, cal: WorkCalendar, days: list[date], now: datetime, n: int, tickets: list[dict],
              ratings: list[dict], has_electronic: bool, year: Year):
    rng = g.rng
    people = _People(rng)
    officers = g.officers
    due_cache: dict[tuple, date] = {}

    def due_for(received: datetime, days_: int, counting: str) -> datetime:
        local = received.astimezone(LOCAL_TZ)
        key = (local.date(), days_, counting, days_ == 0 and local.time() >= HOURS.same_day_cutoff)
        due_on = due_cache.get(key)
        if due_on is None:
            due_on = compute_due(received, days_, Counting(counting), cal).date()
            due_cache[key] = due_on
        clock = HOURS.afternoon_end if days_ == 0 else HOURS.clamp(local.time())
        return datetime.combine(due_on, clock, tzinfo=LOCAL_TZ).astimezone(UTC)

    # Who/when/where of each receipt: in person during a served ticket, else online or by post.
    shares = dict(CHANNELS)
    done = [t for t in tickets if t["status"] == "done" and t["started_at"] < now]
    k_person = min(len(done), round(n * shares["in_person"]))
    k_post = round(n * shares["post"])
    k_online = n - k_person - k_post
    receipts = []  # (received_at, channel, field_code, officer_id, counter_number, ticket_id)
    for t in rng.sample(done, k_person):
        span = (min(t["finished_at"], now) - t["started_at"])
        received = t["started_at"] + span * rng.uniform(0.5, 0.95)
        receipts.append((received, "in_person", t["field_code"], t["officer_id"], t["counter_number"], t["id"]))
    day_weights = [1.25 if d.weekday() == 0 else 1.0 for d in days]
    for channel, k in (("online", k_online), ("post", k_post)):
        for day in rng.choices(days, day_weights, k=k):
            s = rng.randrange(8 * 3600)
            local = _local(day, AM[0]) + timedelta(seconds=s) if s < 4 * 3600 else \
                _local(day, PM[0]) + timedelta(seconds=s - 4 * 3600)
            received = local.astimezone(UTC)
            if received >= now:
                received = now - timedelta(seconds=rng.randrange(60, 3600))
            officer = rng.choice(officers)
            receipts.append((received, channel, g.pick_field(), officer.id, None, None))
    receipts.sort(key=lambda r: r[0])

    rows, registers, events, handovers = [], [], [], []
    day_seq: dict[date, int] = {}
    register_seq: dict[str, int] = {}
    slips: dict[str, int] = {}
    seqs: dict[str, int] = {}

    def slip(suffix: str, when: datetime) -> str:
        key = f"slip:{suffix}:{when.astimezone(LOCAL_TZ).year}"
        slips[key] = slips.get(key, 0) + 1
        return f"{slips[key]}/{suffix}"

    def event(d_id, at, kind, officer_id, counter, *, from_=None, to=None, reason="", due_before=None,
              due_after=None, number="", details=None):
        events.append({"dossier_id": d_id, "at": at, "kind": kind, "from_status": from_, "to_status": to,
                       "reason": reason, "actor_id": officer_id, "actor_name": g.officer_names.get(officer_id, ""),
                       "counter_number": counter, "due_before": due_before, "due_after": due_after,
                       "number": number, "details": details or {}})

    for received, channel, field_code, officer_id, counter, ticket_id in receipts:
        local_day = received.astimezone(LOCAL_TZ).date()
        day_seq[local_day] = day_seq.get(local_day, 0) + 1
        code = format_dossier_code(g.site.agency_code, local_day, day_seq[local_day])
        proc = g.proc_for(field_code)
        owner = people.person(local_day)
        original_due = due = due_for(received, proc.processing_days, proc.counting)
        apology_at = None
        if rng.random() < 0.015:  # an apology (form 04) moved the due date
            due = due + timedelta(days=rng.randint(3, 15))
            apology_at = original_due - timedelta(days=rng.choice((1, 2, 3)), hours=rng.randint(0, 6))
            if apology_at > now or apology_at < received:
                due, apology_at = original_due, None
        status = _status(rng, received, due, now)
        year.dossier_status[status] = year.dossier_status.get(status, 0) + 1
        year.channels[channel] = year.channels.get(channel, 0) + 1
        d_id = _uuid7_at(received, rng)
        forwarded = result_ready = returned = paused = None
        changed = received
        if status in (4, 5, 6, 8, 9, 10):
            forwarded = min(now, received + timedelta(hours=rng.randint(1, 30)))
            changed = forwarded
        if status in (9, 10):
            limit_ = due if rng.random() < 0.9 else due + timedelta(days=rng.randint(1, 10))
            result_ready = min(now, _between(rng, forwarded, limit_))
            changed = result_ready
        if status == 10:
            returned = min(now, result_ready + timedelta(hours=rng.randint(1, 24 * 7)))
            changed = returned
        if status == 5:
            paused = _between(rng, forwarded, min(now, due))
            changed = paused
        if status == 6:
            changed = _between(rng, forwarded, min(now, due))
        if status in (3, 7, 8):
            changed = min(now, _between(rng, forwarded or received, due))
        submitter = None
        if channel != "online" and rng.random() < 0.15:
            other = people.person(local_day)
            submitter = {"full_name": other.full_name, "id_number": other.id_number, "id_kind": other.id_kind,
                         "birth_date": other.birth_date.isoformat(), "phone": other.phone, "email": "",
                         "address": other.address}
        row = {
            "id": d_id, "site_id": g.site.id, "code": code, "status": status, "procedure_id": proc.id,
            "procedure_code": proc.code, "procedure_name": proc.name, "catalog_version": proc.catalog_version,
            "processing_days": proc.processing_days, "counting": proc.counting, "channel": channel,
            "return_method": "online" if channel == "online" and rng.random() < 0.5 else
            ("counter" if rng.random() < 0.85 else "post"),
            "sets": 1 if rng.random() < 0.95 else 2, "received_at": received, "due_at": due,
            "original_due_at": original_due, "received_by_id": officer_id,
            "received_by_name": g.officer_names.get(officer_id, ""), "counter_number": counter, "late_entry": False,
            "note": "", "owner_name": owner.full_name, "owner_name_folded": owner.folded,
            "owner_id_kind": owner.id_kind, "owner_id_number": owner.id_number, "owner_birth_date": owner.birth_date,
            "owner_phone": owner.phone, "owner_email": owner.email, "owner_address": owner.address,
            "submitter": submitter, "created_at": received, "ticket_id": ticket_id, "field_code": proc.field_code,
            "form_set": "tt03_2025", "status_changed_at": changed, "paused_at": paused,
            "lead_agency": proc.lead_agency, "forwarded_at": forwarded, "result_ready_at": result_ready,
            "returned_at": returned, "reopened_from_id": None,
        }
        if has_electronic:
            row["electronic"] = channel == "online" or (channel == "in_person" and rng.random() < DIGITISED_SHARE)
        rows.append(row)
        book = f"{g.site.register_book}/{local_day.year}"
        register_seq[book] = register_seq.get(book, 0) + 1
        registers.append({"site_id": g.site.id, "dossier_id": d_id, "book": book, "seq": register_seq[book],
                          "entered_at": received})

        # Its history, as the services record it.
        event(d_id, received, "received", officer_id, counter, to=2, due_after=original_due)
        back_office = rng.choice(officers).id
        if apology_at is not None:
            event(d_id, apology_at, "apology", back_office, None, reason="Hồ sơ cần xác minh thêm",
                  due_before=original_due, due_after=due, number=slip("PXL", apology_at),
                  details={"issued_late": apology_at > original_due - timedelta(days=1)})
        if forwarded is not None:
            event(d_id, forwarded, "transition", back_office, None, from_=2, to=4, due_before=due, due_after=due)
        if status == 5:
            event(d_id, paused, "transition", back_office, None, from_=4, to=5, reason="Thiếu giấy tờ",
                  due_before=due, due_after=due, number=slip("PYCBS", paused),
                  details={"missing": [{"name": "Bản sao giấy tờ chứng minh", "form": "copy", "count": 1}]})
        elif status == 6:
            event(d_id, changed, "transition", back_office, None, from_=4, to=6, due_before=due, due_after=due)
        elif status in (3, 7, 8):
            from_ = 4 if forwarded is not None else 2
            suffix = {3: "PTC", 7: "PRHS", 8: "TBDG"}[status]
            reason = {3: "Không đủ điều kiện giải quyết", 7: "Công dân xin rút hồ sơ",
                      8: "Dừng giải quyết theo đề nghị của cơ quan giải quyết"}[status]
            event(d_id, changed, "transition", back_office, None, from_=from_, to=status, reason=reason,
                  due_before=due, due_after=due, number=slip(suffix, changed))
        if result_ready is not None:
            event(d_id, result_ready, "transition", back_office, None, from_=4, to=9, due_before=due, due_after=due)
        if returned is not None:
            outcome = "late" if result_ready > due else (
                "early" if result_ready.astimezone(LOCAL_TZ).date() < due.astimezone(LOCAL_TZ).date() else "on_time")
            giver = rng.choice(officers)
            giver_counter = rng.choice(g.counters)
            owner_collects = rng.random() < 0.85
            collector = owner if owner_collects else people.person(local_day)
            rating_id = None
            rating_value = None
            if rng.random() < HANDOVER_RATED:
                rating_value = rng.choices(values_, weights_)[0]
                rating_id = _uuid7_at(returned, rng)
                ratings.append({"id": rating_id, "site_id": g.site.id, "ticket_id": None, "dossier_id": d_id,
                                "counter_number": giver_counter, "officer_id": giver.id, "scale": "3",
                                "value": rating_value,
                                "reason": rng.choice(COMPLAINTS) if rating_value == 1 else "", "at": returned})
            handovers.append({
                "id": _uuid7_at(returned, rng), "dossier_id": d_id, "at": returned,
                "collector_kind": "owner" if owner_collects else "authorised", "collector_name": collector.full_name,
                "collector_id_number": collector.id_number,
                "authorisation_note": "" if owner_collects else f"Giấy ủy quyền số {rng.randint(1, 999)}/UQ",
                "fees_paid": proc.fee_amount, "fee_note": "", "outcome": outcome, "officer_id": giver.id,
                "officer_name": giver.full_name, "counter_number": giver_counter, "rating_id": rating_id,
            })
            event(d_id, returned, "transition", giver.id, giver_counter, from_=9, to=10, due_before=due,
                  due_after=due, details={"handover": {"collector_kind": "owner" if owner_collects else "authorised",
                                                       "collector_name": collector.full_name,
                                                       "fees_paid": proc.fee_amount, "rating": rating_value,
                                                       "outcome": outcome}})
    for day, last in day_seq.items():
        seqs[f"dossier:{g.site.agency_code}:{day.isoformat()}"] = last
    for book, last in register_seq.items():
        seqs[f"register:{g.site.id}:{book}"] = last
    seqs.update(slips)
    events.sort(key=lambda e: e["at"])
    ratings.sort(key=lambda r: r["at"])
    return rows, registers, events, handovers, seqs


values_ = [v for v, _ in RATING_VALUES]
weights_ = [w for _, w in RATING_VALUES]

__all__ = ["Year", "generate", "prepare_site"]
