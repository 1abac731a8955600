"""Dossier search at the counter (services.search), on SQLite and PostgreSQL.

Dossiers are received through services.intake.receive_dossier; statuses and due dates for the
filter tests are then set on the rows directly (the lifecycle service is tested elsewhere)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.errors import DomainError
from counter_app.domain.status import DossierStatus
from counter_app.services import catalog, intake
from counter_app.services.search import (
    DossierListItem,
    SearchFilters,
    classify_query,
    is_overdue,
    open_dossier,
    search_dossiers,
)
from counter_app.store import search as store_search
from counter_app.store.models import AuditEntry, Dossier
from tests.helpers import intake_request, pick_procedure

NAMES = (
    "Nguyễn Văn Ấn",
    "Nguyễn Văn An",
    "Nguyễn Thị An",
    "Trần Văn Ấn",
    "Đặng Thị Đào",
    "Lê Đức Anh",
    "Nguyễn Ngọc Bảo Anh",
    "Phạm Văn Nguyên",
    "H'Hen Niê",
    "Nguyễn Văn Anh",  # received last: the newest
)
ALL_NGUYEN = {"Nguyễn Văn Ấn", "Nguyễn Văn An", "Nguyễn Thị An", "Nguyễn Ngọc Bảo Anh", "Nguyễn Văn Anh"}

# query -> the owner names it must find (exactly)
NAME_CASES = {
    "nguyen van an": {"Nguyễn Văn Ấn", "Nguyễn Văn An", "Nguyễn Văn Anh"},
    "Nguyễn Văn Ấn": {"Nguyễn Văn Ấn", "Nguyễn Văn An", "Nguyễn Văn Anh"},
    "NGUYEN VAN AN": {"Nguyễn Văn Ấn", "Nguyễn Văn An", "Nguyễn Văn Anh"},
    "NGUYỄN VĂN ẤN": {"Nguyễn Văn Ấn", "Nguyễn Văn An", "Nguyễn Văn Anh"},
    "  nguyen    van\tan  ": {"Nguyễn Văn Ấn", "Nguyễn Văn An", "Nguyễn Văn Anh"},
    "nguyễn van ân": {"Nguyễn Văn Ấn", "Nguyễn Văn An", "Nguyễn Văn Anh"},  # wrong accents still fold
    "nguyen van anh": {"Nguyễn Văn Anh"},
    "nguyen thi an": {"Nguyễn Thị An"},
    "van an": {"Nguyễn Văn Ấn", "Nguyễn Văn An", "Nguyễn Văn Anh", "Trần Văn Ấn"},
    "an nguyen": ALL_NGUYEN,  # order-insensitive
    "an van nguyen": {"Nguyễn Văn Ấn", "Nguyễn Văn An", "Nguyễn Văn Anh"},
    "nguyen van b": set(),
    "nguyen van a": {"Nguyễn Văn Ấn", "Nguyễn Văn An", "Nguyễn Văn Anh"},  # partial given name
    "nguyen": ALL_NGUYEN | {"Phạm Văn Nguyên"},
    "ngu": ALL_NGUYEN | {"Phạm Văn Nguyên"},
    "guyen": set(),  # a word prefix, not any substring
    "anh": {"Lê Đức Anh", "Nguyễn Ngọc Bảo Anh", "Nguyễn Văn Anh"},
    "bao anh": {"Nguyễn Ngọc Bảo Anh"},
    "dang thi dao": {"Đặng Thị Đào"},
    "đặng đào": {"Đặng Thị Đào"},
    "ĐẶNG": {"Đặng Thị Đào"},
    "Dao": {"Đặng Thị Đào"},
    "tran an": {"Trần Văn Ấn"},
    "le duc anh": {"Lê Đức Anh"},
    "h'hen": {"H'Hen Niê"},
    "hen nie": {"H'Hen Niê"},
    "nguyen nguyen n": ALL_NGUYEN | {"Phạm Văn Nguyên"},  # repeated and implied tokens
    "xyz": set(),
}


def _procedures(svc):
    """Two open procedures of different fields."""
    first = pick_procedure(svc, days=5)
    for p in catalog.list_procedures(svc, include_retired=False):
        if p.field_code != first.field_code and p.processing_days > 0:
            return first, p
    raise LookupError("the shipped catalog has a single field")


def receive(svc, officer, clock, name, i, *, proc=None, at=None, **owner):
    """Receive a dossier for `name` with distinct ID number and phone (i), at clock time `at`."""
    if at is not None:
        clock.set(at)
    proc = proc or pick_procedure(svc, days=5)
    owner.setdefault("id_number", f"0013010{i:05d}")
    owner.setdefault("phone", f"09123{i:05d}")
    return intake.receive_dossier(svc, officer, intake_request(proc, full_name=name, **owner))


@pytest.fixture
def people(svc, officer, clock):
    """NAMES received one minute apart (the last one newest); name -> DossierInfo."""
    start = clock.now
    out = {}
    for i, name in enumerate(NAMES, start=1):
        out[name] = receive(svc, officer, clock, name, i, at=start + timedelta(minutes=i))
    clock.set(start + timedelta(hours=1))
    return out


def names(items: list[DossierListItem]) -> list[str]:
    return [x.owner_name for x in items]


def set_rows(svc, code: str, **values) -> None:
    with svc.transaction() as s:
        s.execute(sa.update(Dossier).where(Dossier.code == code).values(**values))


def dossier_count(svc) -> int:
    with svc.reading() as s:
        return s.execute(sa.select(sa.func.count()).select_from(Dossier)).scalar_one()


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", ["collect", "walk", "short_walk"])
def test_name_queries(svc, people, monkeypatch, plan):
    # The three ways store.search finds names must give the same answers: collecting the
    # matches through the index (few), walking the newest dossiers testing each name (many),
    # and a walk cut short (here after 2 dossiers) then collecting.
    if plan != "collect":
        monkeypatch.setattr(store_search, "SQLITE_DENSE_MATCHES", 1)
        monkeypatch.setattr(store_search, "PG_DENSE_MATCHES", 0)
    if plan == "short_walk":
        monkeypatch.setattr(store_search, "WALK_MIN_ROWS", 2)
        monkeypatch.setattr(store_search, "WALK_MAX_ROWS", 2)
    wrong = {}
    for query, expected in NAME_CASES.items():
        found = names(search_dossiers(svc, query))
        if sorted(found) != sorted(expected):
            wrong[query] = sorted(found)
    assert wrong == {}


def test_exact_full_names_first_then_newest(svc, people):
    # "Nguyễn Văn Anh" is the newest, but the two exact matches (accents aside) go first.
    assert names(search_dossiers(svc, "nguyen van an")) == ["Nguyễn Văn An", "Nguyễn Văn Ấn", "Nguyễn Văn Anh"]
    assert names(search_dossiers(svc, "an van nguyen")) == ["Nguyễn Văn Anh", "Nguyễn Văn An", "Nguyễn Văn Ấn"]
    found = names(search_dossiers(svc, "nguyen"))
    assert found[0] == "Nguyễn Văn Anh" and found[-1] == "Nguyễn Văn Ấn"  # newest first


def test_name_search_limit(svc, people):
    assert names(search_dossiers(svc, "nguyen", limit=2)) == ["Nguyễn Văn Anh", "Phạm Văn Nguyên"]
    assert names(search_dossiers(svc, "nguyen van an", limit=1)) == ["Nguyễn Văn An"]
    with pytest.raises(ValueError):
        search_dossiers(svc, "nguyen", limit=0)


def test_name_index_follows_updates_and_deletes(svc, people):
    code = people["Lê Đức Anh"].code
    set_rows(svc, code, owner_name="Lê Đức Minh", owner_name_folded="le duc minh")
    assert names(search_dossiers(svc, "le duc minh")) == ["Lê Đức Minh"]
    assert search_dossiers(svc, "le duc anh") == []
    with svc.transaction() as s:  # the register entry and documents go with it (ON DELETE CASCADE)
        s.execute(sa.delete(Dossier).where(Dossier.code == code))
    assert search_dossiers(svc, "le duc") == []
    assert search_dossiers(svc, "minh") == []


# --- codes, ID numbers, phones ---------------------------------------------------------------


def test_code_and_code_prefix(svc, officer, clock, people):
    d = people["Trần Văn Ấn"]
    assert [x.code for x in search_dossiers(svc, d.code)] == [d.code]
    assert [x.code for x in search_dossiers(svc, f"  {d.code.lower()} ")] == [d.code]
    assert search_dossiers(svc, "000.00.06.H56-261126-9999") == []
    # Another day's dossier: prefixes narrow to a day, or take the whole agency.
    other = receive(svc, officer, clock, "Võ Thị Ba", 50, at=datetime(2026, 11, 27, 2, 0, tzinfo=UTC))
    today = {p.code for p in people.values()}
    assert {x.code for x in search_dossiers(svc, "000.00.06.H56-261126")} == today
    assert {x.code for x in search_dossiers(svc, "000.00.06.H56-261126-")} == today
    assert {x.code for x in search_dossiers(svc, "000.00.06.H56-26112")} == today | {other.code}
    assert [x.code for x in search_dossiers(svc, "000.00.06.H56-261127")] == [other.code]
    assert len(search_dossiers(svc, "000.00.06")) == len(NAMES) + 1
    assert search_dossiers(svc, "000.00.07") == []
    tenth = people["Nguyễn Văn Anh"].code
    assert tenth.endswith("-0010")
    assert [x.code for x in search_dossiers(svc, tenth[:-1])] == [tenth]  # "…-001"
    assert len(search_dossiers(svc, tenth[:-2])) == 10  # "…-00"
    assert classify_query("000.00.06.H56-261126") == ("code_prefix", "000.00.06.H56-261126")
    assert classify_query(d.code) == ("code", d.code)


def test_id_number_phone_and_passport(svc, people):
    d = people["Đặng Thị Đào"]  # the 5th: ID 001301000005, phone 0912300005
    for query in ("001301000005", "001 301 000 005", "001.301.000.005", " 0013010 00005 "):
        assert [x.code for x in search_dossiers(svc, query)] == [d.code], query
    for query in ("0912300005", "+84 912 300 005", "+84912300005", "84 912 300 005", "0912.300.005", "0912-300-005"):
        assert [x.code for x in search_dossiers(svc, query)] == [d.code], query
    assert search_dossiers(svc, "001301000099") == []
    assert search_dossiers(svc, "0912300099") == []
    # An old record with a 9-digit CMND, and a foreigner's passport.
    set_rows(svc, people["Lê Đức Anh"].code, owner_id_number="201234567", owner_id_kind="cmnd")
    assert names(search_dossiers(svc, "201 234 567")) == ["Lê Đức Anh"]
    set_rows(svc, people["H'Hen Niê"].code, owner_id_number="C1234567", owner_id_kind="passport")
    assert names(search_dossiers(svc, "c1234567")) == ["H'Hen Niê"]
    assert classify_query("001 301 000 005") == ("id", "001301000005")
    assert classify_query("+84 912 300 005") == ("phone", "0912300005")


def test_the_same_citizen_across_dossiers(svc, officer, clock, people):
    again = receive(svc, officer, clock, "Đặng Thị Đào", 5, at=clock.now + timedelta(minutes=5))
    found = search_dossiers(svc, "001301000005")
    assert [x.code for x in found] == [again.code, people["Đặng Thị Đào"].code]  # newest first


# --- what a list shows -----------------------------------------------------------------------


def test_items_are_masked_and_complete(svc, people, clock):
    d = people["Đặng Thị Đào"]
    (item,) = search_dossiers(svc, d.code)
    assert item.id == d.id and item.code == d.code
    assert item.status is DossierStatus.RECEIVED
    assert item.owner_name == "Đặng Thị Đào"
    assert item.owner_id_masked == "001******005"
    assert item.owner_phone_masked == "091****005"
    assert (item.procedure_code, item.procedure_name) == (d.procedure_code, d.procedure_name)
    assert item.field_code == pick_procedure(svc, days=5).field_code
    assert item.received_at == d.received_at and item.due_at == d.due_at
    assert item.received_at.tzinfo is not None
    assert item.overdue is False and item.returned_at is None
    for text in (repr(item), str(item), json.dumps(item.__dict__, default=str)):
        assert "001301000005" not in text and "0912300005" not in text
    assert not hasattr(item, "owner_id_number") and not hasattr(item, "owner_phone")


def test_empty_query_lists_newest_first(svc, people):
    found = search_dossiers(svc, "")
    assert names(found) == list(reversed(NAMES))
    assert names(search_dossiers(svc, "   ", limit=3)) == list(reversed(NAMES))[:3]


# --- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", ["indexed", "walk"])
def test_status_field_and_procedure_filters(svc, officer, clock, monkeypatch, plan):
    if plan == "walk":  # SQLite hides the status/field index when a filter holds for many rows
        monkeypatch.setattr(store_search, "SQLITE_DENSE_MATCHES", 1)
    first, second = _procedures(svc)
    a = receive(svc, officer, clock, "Nguyễn Văn Một", 1, proc=first)
    b = receive(svc, officer, clock, "Nguyễn Văn Hai", 2, proc=second)
    c = receive(svc, officer, clock, "Nguyễn Văn Ba", 3, proc=first)
    set_rows(svc, b.code, status=int(DossierStatus.PROCESSING))
    set_rows(svc, c.code, status=int(DossierStatus.RETURNED))

    def codes(query="", **f):
        return {x.code for x in search_dossiers(svc, query, SearchFilters(**f))}

    assert codes(statuses=(DossierStatus.RECEIVED,)) == {a.code}
    assert codes(statuses=(DossierStatus.PROCESSING, DossierStatus.RETURNED)) == {b.code, c.code}
    assert codes(statuses=(4,)) == {b.code}  # plain ints are accepted
    assert codes(field_code=first.field_code) == {a.code, c.code}
    assert codes(field_code=second.field_code) == {b.code}
    assert codes(procedure_code=second.code) == {b.code}
    assert codes(field_code="no_such_field") == set()
    assert codes("nguyen van", field_code=first.field_code, statuses=(DossierStatus.RETURNED,)) == {c.code}
    assert codes(a.code, statuses=(DossierStatus.PROCESSING,)) == set()  # filters apply to codes too
    (returned,) = search_dossiers(svc, c.code)
    assert returned.status is DossierStatus.RETURNED


def test_received_period_edges_are_local_dates(svc, officer, clock):
    day = date(2026, 11, 24)
    start = datetime(2026, 11, 24, 0, 0, tzinfo=LOCAL_TZ)  # 23/11 17:00 UTC
    before = receive(svc, officer, clock, "Trước Nửa Đêm", 1, at=start - timedelta(microseconds=1))
    first = receive(svc, officer, clock, "Đầu Ngày", 2, at=start)
    last = receive(svc, officer, clock, "Cuối Ngày", 3, at=start + timedelta(days=1, microseconds=-1))
    after = receive(svc, officer, clock, "Sáng Hôm Sau", 4, at=start + timedelta(days=1))
    clock.set(datetime(2026, 11, 26, 2, 30, tzinfo=UTC))

    def codes(**f):
        return {x.code for x in search_dossiers(svc, "", SearchFilters(**f))}

    assert codes(received_from=day, received_to=day) == {first.code, last.code}
    assert codes(received_from=day) == {first.code, last.code, after.code}
    assert codes(received_to=day) == {before.code, first.code, last.code}
    assert codes(received_to=day - timedelta(days=1)) == {before.code}
    assert codes(received_from=day + timedelta(days=1), received_to=day) == set()
    # The codes carry the local date of receipt, like the filter.
    assert "-261123-" in before.code and "-261124-" in first.code and "-261125-" in after.code


@pytest.mark.parametrize("plan", ["indexed", "walk"])
def test_due_today_and_overdue_with_the_frozen_clock(svc, officer, clock, monkeypatch, plan):
    if plan == "walk":
        monkeypatch.setattr(store_search, "SQLITE_DENSE_MATCHES", 1)
    now = clock.now  # Thursday 26/11/2026 09:30 local
    today = datetime(2026, 11, 26, 0, 0, tzinfo=LOCAL_TZ)
    rows = {  # name -> (status, due_at, returned)
        "Hạn Chiều Nay": (2, today.replace(hour=17), False),
        "Quá Hạn Hôm Qua": (4, today - timedelta(hours=7), False),
        "Tạm Dừng Bổ Sung": (5, today - timedelta(hours=7), False),
        "Tạm Dừng Hạn Hôm Nay": (5, today.replace(hour=16), False),
        "Chờ Nộp Phí Sáng Nay": (6, today.replace(hour=8), False),
        "Đã Có Kết Quả": (9, today - timedelta(hours=7), False),
        "Đã Trả Hôm Nay": (10, today.replace(hour=10), True),
        "Rút Hồ Sơ": (7, today.replace(hour=11), False),
        "Hạn Nửa Đêm Tới": (2, today + timedelta(days=1), False),
        "Hạn Nửa Đêm Qua": (4, today, False),
        "Hạn Đúng Bây Giờ": (2, now, False),
    }
    for i, (name, (status, due, returned)) in enumerate(rows.items(), start=1):
        d = receive(svc, officer, clock, name, i, at=now - timedelta(days=3))
        set_rows(svc, d.code, status=status, due_at=due.astimezone(UTC), returned_at=now if returned else None)
    clock.set(now)

    def found(**f):
        return {x.owner_name for x in search_dossiers(svc, "", SearchFilters(**f))}

    # Due today: the due date in force falls on the local date of the frozen clock, whatever the
    # hour (midnight included, tomorrow's midnight not), unless returned or final.
    assert found(due_today=True) == {"Hạn Chiều Nay", "Chờ Nộp Phí Sáng Nay", "Hạn Nửa Đêm Qua",
                                     "Hạn Đúng Bây Giờ", "Tạm Dừng Hạn Hôm Nay"}
    # Status 5 is paused, never overdue; 9 has its result ready; a due date equal to now is not past.
    assert found(overdue=True) == {"Quá Hạn Hôm Qua", "Chờ Nộp Phí Sáng Nay", "Hạn Nửa Đêm Qua"}
    assert found(overdue=True, due_today=True) == {"Chờ Nộp Phí Sáng Nay", "Hạn Nửa Đêm Qua"}
    items = {x.owner_name: x for x in search_dossiers(svc, "")}
    assert {n for n, x in items.items() if x.overdue} == found(overdue=True)
    assert items["Tạm Dừng Bổ Sung"].overdue is False  # paused, not overdue
    assert items["Đã Có Kết Quả"].overdue is False

    # The clock moves on to Friday 08:00: yesterday's "due today" is overdue, midnight's is due.
    clock.set(datetime(2026, 11, 27, 8, 0, tzinfo=LOCAL_TZ).astimezone(UTC))
    assert found(due_today=True) == {"Hạn Nửa Đêm Tới"}
    assert found(overdue=True) == {"Quá Hạn Hôm Qua", "Chờ Nộp Phí Sáng Nay", "Hạn Nửa Đêm Qua",
                                   "Hạn Chiều Nay", "Hạn Đúng Bây Giờ", "Hạn Nửa Đêm Tới"}


def test_is_overdue_rule():
    now = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)
    past, future = now - timedelta(seconds=1), now + timedelta(seconds=1)
    assert [s for s in DossierStatus if is_overdue(s, past, now)] == [2, 4, 6]
    assert not any(is_overdue(s, future, now) for s in DossierStatus)
    assert not is_overdue(2, now, now)


# --- opening the full record -----------------------------------------------------------------


def test_open_dossier_returns_full_record_and_audits_the_view(svc, officer, people):
    d = people["Đặng Thị Đào"]
    with svc.reading() as s:
        before = s.execute(sa.select(sa.func.count()).select_from(AuditEntry)).scalar_one()
    info = open_dossier(svc, officer, f" {d.code.lower()} ")
    assert info.code == d.code and info.owner.id_number == "001301000005" and info.owner.phone == "0912300005"
    assert info.owner.full_name == "Đặng Thị Đào"
    with svc.reading() as s:
        entries = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "dossier.view")).scalars().all()
        after = s.execute(sa.select(sa.func.count()).select_from(AuditEntry)).scalar_one()
    assert after == before + 1
    (entry,) = entries
    assert (entry.entity_type, entry.entity_id) == ("dossier", str(d.id))
    assert entry.details == {"code": d.code}
    assert (entry.actor_username, entry.counter_number) == ("canbo1", 1)
    text = json.dumps(entry.details, ensure_ascii=False)
    assert "001301000005" not in text and "0912300005" not in text and "Đào" not in text


def test_open_unknown_dossier(svc, officer, people):
    with pytest.raises(DomainError) as err:
        open_dossier(svc, officer, "000.00.06.H56-261126-9999")
    assert err.value.code == "dossier_not_found"
    assert "000.00.06.H56-261126-9999" in err.value.message("vi")
    with pytest.raises(DomainError):
        open_dossier(svc, officer, "")
    with pytest.raises(DomainError) as err:
        open_dossier(svc, officer, "x" * 5000)
    assert len(err.value.message("vi")) < 200
    with svc.reading() as s:
        assert s.execute(sa.select(AuditEntry).where(AuditEntry.action == "dossier.view")).first() is None


# --- hostile input ---------------------------------------------------------------------------

HARMLESS = (
    "'", '"', "%", "_", "\\", ";", "%%", "_%_", "nguyen%", "%an", "ng_yen", "100%", "a\\%b",
    "'; DROP TABLE dossier; --", "\"; DELETE FROM dossier; --", "' OR '1'='1", "1' OR 1=1 --",
    "nguyen' OR 'a'='a", "nguyen\" OR \"a\"=\"a", "* OR 1", "NEAR(nguyen van)", "nguyen:* | an",
    "nguyen AND", "(", ")", "-", "^an", "nguyen van an*", "😀", "Nguyễn 😀", "👨‍👩‍👧", "🇻🇳",
    "ｎｇｕｙｅｎ", "000.00.06.H56-261126%", "000.00.06.H56-26112_", "000.00.06.H56-261126*",
    "001301000005' OR '1'='1", "+84' OR 1=1", "\x00nguyen", "nguyen\x07van", "\u202enguyen",
    "a" * 200, "nguyen " * 28,
)


def test_hostile_queries_are_plain_text(svc, people):
    count = dossier_count(svc)
    for query in HARMLESS:
        found = search_dossiers(svc, query)  # no error, no injection
        assert len(found) <= len(NAMES), query
        assert dossier_count(svc) == count, query
    assert search_dossiers(svc, "%") == []  # a wildcard is not "everything"
    assert search_dossiers(svc, "_") == []
    assert search_dossiers(svc, "000.00.06.H56-261126%") == []
    assert search_dossiers(svc, "'; DROP TABLE dossier; --") == []
    assert search_dossiers(svc, "😀") == []
    assert len(search_dossiers(svc, "Nguyễn 😀")) == len(NAME_CASES["nguyen"])
    assert len(search_dossiers(svc, "\x00nguyen")) == len(NAME_CASES["nguyen"])
    assert names(search_dossiers(svc, "nguyen\x07van\x00an")) == names(search_dossiers(svc, "nguyen van an"))
    # Fullwidth letters fold to nothing searchable here: no match, no error.
    assert search_dossiers(svc, "ｎｇｕｙｅｎ") == search_dossiers(svc, "ｎｇｕｙｅｎ")
    # Still all there, and the name index still answers.
    assert dossier_count(svc) == count
    assert len(search_dossiers(svc, "nguyen van an")) == 3


@pytest.mark.parametrize("query", ["a" * 201, "nguyễn " * 40, "x" * 100_000, "\x00", "\x00\x01\x1f", "\u200b\u200d",
                                   " \x00 \x7f ", "\ufeff"])
def test_invalid_queries_are_refused(svc, query):
    with pytest.raises(DomainError) as err:
        search_dossiers(svc, query)
    assert err.value.code == "search_query_invalid"
    assert err.value.params == {"max": 200}
    assert "200" in err.value.message("vi") and "200" in err.value.message("en")


def test_query_of_200_characters_is_accepted(svc, people):
    assert search_dossiers(svc, "n" * 200) == []
    assert search_dossiers(svc, " " * 500) != []  # only spaces: an empty query
