"""A realistic dossier history for benchmarks: years of a centre's work, inserted in bulk.

    generate(engine, n=1_000_000, end=..., years=5, seed=1) -> History

Writes straight into the real (migrated) schema of a site set up by ``setup.init_demo``: the
dossier rows with their register entries, and the sequence counters the app would have left,
so the app can carry on receiving dossiers in the generated database. Not through
receive_dossier (a million of those would take hours): executemany in chunks on SQLite, COPY
on PostgreSQL. Database triggers and indexes are live while loading, as in production.

What the history looks like:
- receipts on working days only (national holidays, weekends; WorkCalendar), inside office
  hours (07:00–11:30, 13:30–17:00 Asia/Ho_Chi_Minh), busier on Mondays, growing ~8 % a year;
  codes <agency>-YYMMDD-NNNN numbered per day in receipt order (the real format);
- owners with Vietnamese names: surnames by their national frequency (Nguyễn ~38 %, Trần 11 %,
  Lê 9.5 %, Phạm 7 %, …), middle names by sex (Văn, Thị, Hữu, Minh, Ngọc… sometimes two),
  given names with a long tail; one owner in five is a returning citizen (same name, ID, phone);
- ID numbers: 12-digit CCCD with a real province code (mostly Quảng Nam, 049), a century/sex
  digit and the birth year matching the birth date; 9-digit CMND on older records; mobile
  numbers with real carrier prefixes (some owners give none);
- procedures and fields from the site's catalog, a few procedures taking most of the traffic;
- statuses by age: old dossiers mostly returned (10), some withdrawn (7), stopped (8), refused
  (3) or never collected (9); recent ones in 2/4/5/6/9, a few overdue; due dates computed by the
  real rules (domain.calendar.compute_due), a few extended after an apology.
"""

from __future__ import annotations

import bisect
import json
import random
import time as _time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from counter_app.domain.calendar import LOCAL_TZ, Counting, OfficeHours, WorkCalendar, compute_due
from counter_app.domain.dossier_code import format_dossier_code
from counter_app.domain.identity import PROVINCE_CODES
from counter_app.domain.text import fold
from counter_app.store.models import Dossier, Field, Procedure, Site, User

# --- names --------------------------------------------------------------------------------------

# (surname, share in %): the usual estimates of Vietnamese surname frequencies.
SURNAMES = (
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 3.0), ("Huỳnh", 2.1),
    ("Phan", 4.5), ("Vũ", 2.0), ("Võ", 1.9), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.8), ("Trương", 0.8), ("Đoàn", 0.6),
    ("Lâm", 0.4), ("Mai", 0.4), ("Lương", 0.4), ("Hà", 0.5), ("Trịnh", 0.4), ("Cao", 0.4),
    ("Tạ", 0.2), ("Châu", 0.2), ("Lưu", 0.3), ("Tô", 0.2), ("Thái", 0.2), ("Văn", 0.2),
    ("Quách", 0.1), ("Kiều", 0.1), ("La", 0.1), ("Từ", 0.1), ("Triệu", 0.1), ("Nông", 0.1),
    ("Y", 0.05), ("H'", 0.02),
)
MIDDLE_MALE = (("Văn", 34), ("Hữu", 7), ("Đức", 8), ("Minh", 9), ("Quốc", 6), ("Thanh", 6), ("Công", 5),
               ("Xuân", 4), ("Ngọc", 4), ("Quang", 5), ("Trọng", 3), ("Đình", 5), ("Duy", 3), ("Tiến", 2),
               ("Anh", 2), ("Hoàng", 2), ("Bá", 2), ("Gia", 2))
MIDDLE_FEMALE = (("Thị", 55), ("Ngọc", 8), ("Thu", 5), ("Thanh", 5), ("Thùy", 4), ("Kim", 4), ("Mỹ", 3),
                 ("Bảo", 2), ("Hồng", 3), ("Minh", 3), ("Phương", 2), ("Hoài", 2), ("Diệu", 1), ("Khánh", 2),
                 ("Quỳnh", 1))
GIVEN_MALE = ("Anh", "Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Hải", "Long", "Sơn", "Thành", "Quang", "Huy",
              "Đức", "Phong", "Trung", "Hiếu", "Tùng", "Cường", "Bình", "Thắng", "Hưng", "Khoa", "Khang",
              "Việt", "Vinh", "Phúc", "Quân", "Tài", "Toàn", "Tiến", "Đạt", "Nghĩa", "Lâm", "Lộc", "Tâm",
              "Thịnh", "Trí", "Bảo", "Hoàng", "Kiên", "An", "Ấn", "Duy", "Khánh", "Nhân", "Thiện", "Sang",
              "Tín", "Hậu", "Hòa", "Lợi", "Mạnh", "Nhật", "Phát", "Quý", "Thái", "Thông", "Trọng", "Tú",
              "Vũ", "Hào", "Định", "Chiến", "Công", "Đông", "Giang", "Hiển", "Kha", "Luân", "Ngọc", "Pháp")
GIVEN_FEMALE = ("Anh", "Hương", "Linh", "Trang", "Hằng", "Lan", "Mai", "Ngọc", "Thảo", "Hà", "Hoa", "Hạnh",
                "Phương", "Thủy", "Nhung", "Huyền", "Yến", "Dung", "Loan", "Vân", "Thu", "Nga", "Hiền",
                "Oanh", "Quyên", "Quỳnh", "Trâm", "Uyên", "Vy", "My", "Ngân", "Chi", "Giang", "Bích",
                "Duyên", "Hồng", "Huệ", "Liên", "Tuyết", "Xuân", "Thơ", "Nhi", "Hân", "Khánh", "Diệp",
                "Thanh", "An", "Ấn", "Tâm", "Thúy", "Lệ", "Nguyệt", "Phượng", "Sương", "Thắm", "Trinh")
STREETS = ("Phan Chu Trinh", "Hùng Vương", "Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Huỳnh Thúc Kháng",
           "Bạch Đằng", "Trần Phú", "Nguyễn Du", "Lý Thường Kiệt", "Hai Bà Trưng", "Quang Trung")
WARDS = ("An Mỹ", "An Sơn", "An Xuân", "Hòa Hương", "Phước Hòa", "Tân Thạnh", "Trường Xuân", "An Phú",
         "Tam Thăng", "Tam Phú", "Tam Ngọc", "Tam Thanh")
MOBILE_PREFIXES = ("032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "070", "076",
                   "077", "078", "079", "081", "082", "083", "084", "085", "086", "088", "089", "090",
                   "091", "093", "094", "096", "097", "098", "099")
# The site is in Quảng Nam; most citizens were born there.
HOME_PROVINCE = "049"
OTHER_PROVINCES = tuple(sorted(set(PROVINCE_CODES) - {HOME_PROVINCE}))

FINAL = {3, 7, 8, 10}
HOURS = OfficeHours()


def _cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out, total


class _Pick:
    """Weighted choice by bisection over cumulative weights (fast for millions of draws)."""

    def __init__(self, items, weights, rng: random.Random):
        self.items = tuple(items)
        self.cum, self.total = _cumulative(weights)
        self.rng = rng

    def __call__(self):
        return self.items[bisect.bisect_right(self.cum, self.rng.random() * self.total)]


def _zipf(items, s: float = 0.9):
    return [1.0 / (i + 1) ** s for i in range(len(items))]


@dataclass(frozen=True)
class Person:
    full_name: str
    folded: str
    id_kind: str
    id_number: str
    birth_date: date
    phone: str
    email: str
    address: str


@dataclass(frozen=True)
class Sample:
    """A generated dossier kept aside to search for."""

    code: str
    owner_name: str
    owner_name_folded: str
    owner_id_number: str
    owner_phone: str
    received_at: datetime


@dataclass
class History:
    rows: int
    days: int
    seconds: float
    first_day: date
    last_day: date
    samples: list[Sample] = field(default_factory=list)
    status_counts: dict[int, int] = field(default_factory=dict)


class _People:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.surname = _Pick([s for s, _ in SURNAMES], [w for _, w in SURNAMES], rng)
        self.middle_m = _Pick([m for m, _ in MIDDLE_MALE], [w for _, w in MIDDLE_MALE], rng)
        self.middle_f = _Pick([m for m, _ in MIDDLE_FEMALE], [w for _, w in MIDDLE_FEMALE], rng)
        self.given_m = _Pick(GIVEN_MALE, _zipf(GIVEN_MALE, 0.7), rng)
        self.given_f = _Pick(GIVEN_FEMALE, _zipf(GIVEN_FEMALE, 0.7), rng)
        self.mobile = _Pick(MOBILE_PREFIXES, _zipf(MOBILE_PREFIXES, 0.5), rng)
        self.returning: list[Person] = []
        self._folded: dict[str, str] = {}

    def fold(self, name: str) -> str:
        folded = self._folded.get(name)
        if folded is None:
            folded = self._folded[name] = fold(name)
        return folded

    def name(self, female: bool) -> str:
        rng = self.rng
        surname = self.surname()
        middle = self.middle_f() if female else self.middle_m()
        parts = [surname, middle]
        if rng.random() < 0.22:  # "Nguyễn Thị Thanh Hương", "Trần Văn Minh Quân"
            extra = self.middle_f() if female else self.middle_m()
            if extra != middle and extra not in ("Thị", "Văn"):
                parts.append(extra)
        given = self.given_f() if female else self.given_m()
        if given == parts[-1]:
            given = self.given_f() if female else self.given_m()
        if surname in ("Y", "H'"):  # Ê Đê names: "H'Hen Niê", "Y Moan Êban"
            return f"{surname}{given} Niê" if surname == "H'" else f"Y {given} Êban"
        return " ".join([*parts, given])

    def person(self, when: date) -> Person:
        rng = self.rng
        if self.returning and rng.random() < 0.2:
            return self.returning[rng.randrange(len(self.returning))]
        female = rng.random() < 0.52
        age = min(90, max(18, int(rng.gauss(42, 14))))
        birth = date(when.year - age, 1, 1) + timedelta(days=rng.randrange(365))
        full_name = self.name(female)
        # The chip CCCD replaced the 9-digit CMND from 2021; older records often keep a CMND.
        cmnd_share = 0.6 if when.year < 2021 else 0.25 if when.year < 2023 else 0.03
        if rng.random() < cmnd_share:
            kind, number = "cmnd", "20" + f"{rng.randrange(10**7):07d}"
        else:
            province = HOME_PROVINCE if rng.random() < 0.72 else rng.choice(OTHER_PROVINCES)
            century = 0 if birth.year < 2000 else 2
            kind = "cccd"
            number = f"{province}{century + (1 if female else 0)}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
        phone = "" if rng.random() < 0.08 else self.mobile() + f"{rng.randrange(10**7):07d}"
        folded = self.fold(full_name)
        email = f"{folded.split()[-1]}{rng.randrange(1000)}@gmail.com" if rng.random() < 0.05 else ""
        address = f"{rng.randrange(1, 400)} {rng.choice(STREETS)}, phường {rng.choice(WARDS)}, TP Tam Kỳ, tỉnh Quảng Nam"
        p = Person(full_name, folded, kind, number, birth, phone, email, address)
        if len(self.returning) < 50_000:
            self.returning.append(p)
        else:
            self.returning[rng.randrange(50_000)] = p
        return p


# --- days and times ------------------------------------------------------------------------------


def _working_days(first: date, last: date, cal: WorkCalendar) -> list[date]:
    out, d = [], first
    while d <= last:
        if cal.is_working_day(d):
            out.append(d)
        d += timedelta(days=1)
    return out


def _allocate(n: int, days: list[date], rng: random.Random) -> list[int]:
    """n receipts spread over the days: weekday pattern, yearly growth, day-to-day noise."""
    weekday = {0: 1.25, 1: 1.1, 2: 1.0, 3: 1.0, 4: 0.9, 5: 0.6, 6: 0.3}
    first = days[0]
    weights = [weekday[d.weekday()] * (1.08 ** ((d - first).days / 365)) * rng.uniform(0.8, 1.2) for d in days]
    total = sum(weights)
    raw = [n * w / total for w in weights]
    counts = [int(x) for x in raw]
    # Largest remainders get the rest, so that the counts add up to n exactly.
    for i in sorted(range(len(days)), key=lambda i: raw[i] - counts[i], reverse=True)[: n - sum(counts)]:
        counts[i] += 1
    return counts


_MORNING = (7 * 3600, 11 * 3600 + 1800)
_AFTERNOON = (13 * 3600 + 1800, 17 * 3600)
_OPEN_SECONDS = (_MORNING[1] - _MORNING[0]) + (_AFTERNOON[1] - _AFTERNOON[0])


def _times(day: date, k: int, rng: random.Random, until: datetime | None) -> list[datetime]:
    """k receipt times in the office hours of day (local), sorted; none after `until`."""
    out = []
    for _ in range(k):
        s = rng.randrange(_OPEN_SECONDS)
        s = _MORNING[0] + s if s < _MORNING[1] - _MORNING[0] else _AFTERNOON[0] + s - (_MORNING[1] - _MORNING[0])
        out.append(datetime.combine(day, time(0), tzinfo=LOCAL_TZ) + timedelta(seconds=s, microseconds=rng.randrange(10**6)))
    out.sort()
    if until is not None:
        span = until - datetime.combine(day, time(7), tzinfo=LOCAL_TZ)
        if span.total_seconds() <= 0:
            return []
        # Squeeze the day's receipts into the hours already gone.
        start = datetime.combine(day, time(7), tzinfo=LOCAL_TZ)
        out = sorted(start + (t - start) * (span / (datetime.combine(day, time(17), tzinfo=LOCAL_TZ) - start))
                     for t in out)
    return out


def _uuid7_at(when: datetime, rng: random.Random) -> uuid.UUID:
    ms = int(when.timestamp() * 1000)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rng.getrandbits(12) << 64 | 0b10 << 62 | rng.getrandbits(62)
    return uuid.UUID(int=value)


# --- statuses -----------------------------------------------------------------------------------


def _status(rng: random.Random, received: datetime, due: datetime, now: datetime) -> int:
    r = rng.random()
    age_days = (now - received).days
    if due > now:  # still within its time
        if age_days < 1:
            table = ((2, 0.8), (4, 0.2))
        else:
            table = ((2, 0.15), (4, 0.45), (5, 0.08), (6, 0.04), (9, 0.17), (10, 0.08), (7, 0.02), (8, 0.01))
    elif age_days > 120:
        table = ((10, 0.875), (9, 0.045), (7, 0.03), (8, 0.02), (3, 0.005), (4, 0.01), (5, 0.01), (6, 0.005))
    else:
        table = ((10, 0.70), (9, 0.12), (4, 0.08), (5, 0.04), (6, 0.02), (7, 0.02), (8, 0.015), (3, 0.005))
    acc = 0.0
    for status, share in table:
        acc += share
        if r < acc:
            return status
    return table[0][0]


def _between(rng: random.Random, a: datetime, b: datetime) -> datetime:
    if b <= a:
        return a
    return a + (b - a) * rng.random()


# --- the generator ------------------------------------------------------------------------------

DOSSIER_COLUMNS = (
    "id", "site_id", "code", "status", "procedure_id", "procedure_code", "procedure_name", "catalog_version",
    "processing_days", "counting", "channel", "return_method", "sets", "received_at", "due_at", "original_due_at",
    "received_by_id", "received_by_name", "counter_number", "late_entry", "note", "owner_name",
    "owner_name_folded", "owner_id_kind", "owner_id_number", "owner_birth_date", "owner_phone", "owner_email",
    "owner_address", "submitter", "created_at", "ticket_id", "field_code", "form_set", "status_changed_at",
    "paused_at", "lead_agency", "forwarded_at", "result_ready_at", "returned_at", "reopened_from_id",
)
REGISTER_COLUMNS = ("site_id", "dossier_id", "book", "seq", "entered_at")


def generate(
    engine: sa.Engine,
    *,
    n: int,
    end: datetime,
    years: float = 5.0,
    seed: int = 1,
    chunk: int = 20_000,
    sample_size: int = 5_000,
    register: bool = True,
    progress: Callable[[int], None] | None = None,
) -> History:
    """Insert n dossiers received over `years` years up to `end` (aware) into the migrated,
    set-up database of engine. Returns counts, timing and a sample of generated dossiers."""
    t0 = _time.perf_counter()
    unknown = set(DOSSIER_COLUMNS) - {c.name for c in Dossier.__table__.columns}
    if unknown:
        raise RuntimeError(f"the generator writes columns the dossier table lacks: {sorted(unknown)}")
    rng = random.Random(seed)
    with engine.connect() as c:
        site = c.execute(sa.select(Site.id, Site.agency_code, Site.register_book)).one()
        procs = c.execute(
            sa.select(Procedure.id, Procedure.code, Procedure.name, Procedure.processing_days, Procedure.counting,
                      Procedure.catalog_version, Procedure.lead_agency, Procedure.retired,
                      Field.code.label("field_code"))
            .join_from(Procedure, Field, Procedure.field_id == Field.id)
        ).all()
        officers = c.execute(sa.select(User.id, User.full_name).where(User.role == "officer").order_by(User.username)).all()
    procs = sorted((p for p in procs if not p.retired), key=lambda p: p.code)
    rng.shuffle(procs)
    pick_proc = _Pick(procs, _zipf(procs, 1.0), rng)
    people = _People(rng)
    cal = WorkCalendar()
    end_local = end.astimezone(LOCAL_TZ)
    first_day = (end_local - timedelta(days=round(365.25 * years))).date()
    days = _working_days(first_day, end_local.date(), cal)
    counts = _allocate(n, days, rng)
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

    samples: list[Sample] = []
    seen = 0
    status_counts: dict[int, int] = {}
    register_seq: dict[str, int] = {}
    sequences: dict[str, int] = {}

    def rows() -> Iterator[tuple[dict, dict | None]]:
        nonlocal seen
        for day, k in zip(days, counts, strict=True):
            if k == 0:
                continue
            until = end_local if day == end_local.date() else None
            times = _times(day, k, rng, until)
            if times:
                sequences[f"dossier:{site.agency_code}:{day.isoformat()}"] = len(times)
            for seq, local in enumerate(times, start=1):
                received = local.astimezone(UTC)
                proc = pick_proc()
                owner = people.person(day)
                due = due_for(received, proc.processing_days, proc.counting)
                original_due = due
                if rng.random() < 0.015:  # an apology moved the due date
                    due = due + timedelta(days=rng.randint(3, 15))
                status = _status(rng, received, due, end)
                status_counts[status] = status_counts.get(status, 0) + 1
                late = rng.random() < 0.003
                created = received + timedelta(hours=rng.randint(1, 48)) if late else received
                created = min(created, end)
                forwarded = result_ready = returned = paused = None
                changed = received
                if status in (4, 5, 6, 8, 9, 10):
                    forwarded = min(end, received + timedelta(hours=rng.randint(1, 30)))
                    changed = forwarded
                if status in (9, 10):
                    limit_ = due if rng.random() < 0.9 else due + timedelta(days=rng.randint(1, 10))
                    result_ready = min(end, _between(rng, forwarded, limit_))
                    changed = result_ready
                if status == 10:
                    returned = min(end, result_ready + timedelta(hours=rng.randint(1, 24 * 7)))
                    changed = returned
                if status == 5:
                    paused = _between(rng, forwarded, min(end, due))
                    changed = paused
                if status in (3, 7, 8):
                    changed = min(end, _between(rng, received, due))
                officer = officers[rng.randrange(len(officers))]
                dossier_id = _uuid7_at(received, rng)
                submitter = None
                if rng.random() < 0.15:
                    other = people.person(day)
                    submitter = {"full_name": other.full_name, "id_number": other.id_number,
                                 "id_kind": other.id_kind, "birth_date": other.birth_date.isoformat(),
                                 "phone": other.phone, "email": "", "address": other.address}
                code = format_dossier_code(site.agency_code, day, seq)
                row = {
                    "id": dossier_id, "site_id": site.id, "code": code, "status": status,
                    "procedure_id": proc.id, "procedure_code": proc.code, "procedure_name": proc.name,
                    "catalog_version": proc.catalog_version, "processing_days": proc.processing_days,
                    "counting": proc.counting,
                    "channel": "in_person" if rng.random() < 0.82 else ("online" if rng.random() < 0.8 else "post"),
                    "return_method": "counter" if rng.random() < 0.85 else ("post" if rng.random() < 0.7 else "online"),
                    "sets": 1 if rng.random() < 0.95 else 2,
                    "received_at": received, "due_at": due, "original_due_at": original_due,
                    "received_by_id": officer.id, "received_by_name": officer.full_name,
                    "counter_number": officers.index(officer) + 1, "late_entry": late, "note": "",
                    "owner_name": owner.full_name, "owner_name_folded": owner.folded,
                    "owner_id_kind": owner.id_kind, "owner_id_number": owner.id_number,
                    "owner_birth_date": owner.birth_date, "owner_phone": owner.phone,
                    "owner_email": owner.email, "owner_address": owner.address,
                    "submitter": submitter, "created_at": created, "ticket_id": None,
                    "field_code": proc.field_code,
                    "form_set": "tt03_2025" if day >= date(2025, 7, 1) else "tt01_2018",
                    "status_changed_at": changed, "paused_at": paused, "lead_agency": proc.lead_agency,
                    "forwarded_at": forwarded, "result_ready_at": result_ready, "returned_at": returned,
                    "reopened_from_id": None,
                }
                reg = None
                if register:
                    book = f"{site.register_book}/{day.year}"
                    register_seq[book] = register_seq.get(book, 0) + 1
                    reg = {"site_id": site.id, "dossier_id": dossier_id, "book": book,
                           "seq": register_seq[book], "entered_at": created}
                seen += 1
                sample = Sample(code, owner.full_name, owner.folded, owner.id_number, owner.phone, received)
                if len(samples) < sample_size:
                    samples.append(sample)
                else:
                    j = rng.randrange(seen)
                    if j < sample_size:
                        samples[j] = sample
                yield row, reg

    writer = _SqliteWriter(engine) if engine.dialect.name == "sqlite" else _PgWriter(engine)
    total = 0
    with writer:
        batch: list[tuple[dict, dict | None]] = []
        for item in rows():
            batch.append(item)
            if len(batch) >= chunk:
                writer.write(batch)
                total += len(batch)
                batch = []
                if progress:
                    progress(total)
        if batch:
            writer.write(batch)
            total += len(batch)
        counters = dict(sequences)
        counters.update({f"register:{site.id}:{book}": last for book, last in register_seq.items()})
        writer.counters(counters)
    if progress:
        progress(total)
    return History(rows=total, days=len(days), seconds=_time.perf_counter() - t0, first_day=days[0],
                   last_day=days[-1], samples=samples, status_counts=dict(sorted(status_counts.items())))


# --- writers ------------------------------------------------------------------------------------


def _sqlite_value(v):
    if isinstance(v, uuid.UUID):
        return v.hex
    if isinstance(v, datetime):
        return v.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


class _SqliteWriter:
    """executemany on the raw sqlite3 connection, one transaction per chunk."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def __enter__(self):
        self.conn = self.engine.raw_connection()
        self.raw = self.conn.driver_connection
        self.raw.execute("PRAGMA cache_size=-400000")  # 400 MB page cache for the load
        self.raw.execute("BEGIN IMMEDIATE")
        cols = ", ".join(DOSSIER_COLUMNS)
        self.dossier_sql = f"INSERT INTO dossier ({cols}) VALUES ({', '.join('?' * len(DOSSIER_COLUMNS))})"
        self.register_sql = (f"INSERT INTO register_entry ({', '.join(REGISTER_COLUMNS)}) "
                             f"VALUES ({', '.join('?' * len(REGISTER_COLUMNS))})")
        return self

    def write(self, batch) -> None:
        def submitter(v):
            return "null" if v is None else json.dumps(v, ensure_ascii=False)

        self.raw.executemany(self.dossier_sql, (
            tuple(submitter(row[c]) if c == "submitter" else _sqlite_value(row[c]) for c in DOSSIER_COLUMNS)
            for row, _ in batch
        ))
        regs = [tuple(_sqlite_value(reg[c]) for c in REGISTER_COLUMNS) for _, reg in batch if reg]
        if regs:
            self.raw.executemany(self.register_sql, regs)
        # One transaction per chunk: the WAL is checkpointed as the load goes, instead of
        # growing to the size of the database.
        self.raw.execute("COMMIT")
        self.raw.execute("BEGIN IMMEDIATE")

    def counters(self, values: dict[str, int]) -> None:
        self.raw.executemany(
            "INSERT INTO sequence_counter (key, last) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET last = max(last, excluded.last)", list(values.items()))

    def __exit__(self, exc_type, *_):
        if exc_type is None:
            self.raw.execute("COMMIT")
        else:
            self.raw.execute("ROLLBACK")
        self.conn.close()


class _PgWriter:
    """COPY … FROM STDIN (psycopg 3), one transaction per chunk."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def __enter__(self):
        from psycopg.types.json import Json

        self.Json = Json
        self.conn = self.engine.raw_connection()
        self.raw = self.conn.driver_connection
        self.cur = self.raw.cursor()
        return self

    def write(self, batch) -> None:
        Json = self.Json
        with self.cur.copy(f"COPY dossier ({', '.join(DOSSIER_COLUMNS)}) FROM STDIN") as copy:
            for row, _ in batch:
                copy.write_row(tuple(Json(row[c]) if c == "submitter" else row[c] for c in DOSSIER_COLUMNS))
        regs = [reg for _, reg in batch if reg]
        if regs:
            with self.cur.copy(f"COPY register_entry ({', '.join(REGISTER_COLUMNS)}) FROM STDIN") as copy:
                for reg in regs:
                    copy.write_row(tuple(reg[c] for c in REGISTER_COLUMNS))
        self.raw.commit()

    def counters(self, values: dict[str, int]) -> None:
        self.cur.executemany(
            "INSERT INTO sequence_counter (key, last) VALUES (%s, %s) "
            "ON CONFLICT (key) DO UPDATE SET last = greatest(sequence_counter.last, excluded.last)",
            list(values.items()))

    def __exit__(self, exc_type, *_):
        if exc_type is None:
            self.raw.commit()
        else:
            self.raw.rollback()
        self.cur.close()
        self.conn.close()


__all__ = ["History", "Sample", "generate"]
