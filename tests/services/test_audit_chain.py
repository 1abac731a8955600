"""The tamper-evident audit trail, on both backends: a busy day verifies; every edit,
deletion and insertion made around the application is named at its entry; concurrent
writers never fork the chain; an old database upgrades to a valid chain."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from counter_app.domain import audit_chain
from counter_app.domain.audit_chain import GENESIS, entry_hash
from counter_app.domain.errors import DomainError
from counter_app.domain.status import DossierStatus as S
from counter_app.services import accounts, audit, authz, handover, intake, lifecycle, queue, search
from counter_app.services.context import Services
from counter_app.services.journal import audit as write_audit
from counter_app.store import migrate
from counter_app.store.engine import make_engine
from counter_app.store.models import AuditEntry, AuditHead
from tests.helpers import intake_request, pick_procedure

OPERATOR = authz.operator("kiemtra")
OWNER_ID = "001301012345"


def busy_day(svc, demo, clock) -> None:
    """A morning at the centre: tickets, calls, intakes, a status change, a handover, a view."""
    officer = accounts.authenticate(svc, "canbo1", demo["canbo1"][0], 1)
    kiosk = authz.device("kiosk", "sảnh")
    fields = [f.code for f in queue.list_fields(svc)]
    for i in range(3):
        queue.issue_ticket(svc, fields[0], actor=kiosk)
    proc = pick_procedure(svc, days=5)
    for i in range(3):
        clock.set(clock.now + timedelta(minutes=4))
        if queue.call_next(svc, officer) is not None:
            queue.finish(svc, officer)
        code = intake.receive_dossier(svc, officer, intake_request(proc)).code
    lifecycle.transition(svc, officer, code, S.RESULT_READY)
    search.open_dossier(svc, officer, code)
    handover.hand_over(svc, officer, code, collector=handover.Collector("owner"), fees_paid=0)


def entries(svc) -> list[AuditEntry]:
    with svc.reading() as s:
        return list(s.execute(sa.select(AuditEntry).order_by(AuditEntry.seq)).scalars())


def head(svc) -> tuple[int, str]:
    with svc.reading() as s:
        h = s.get(AuditHead, 1)
        return h.seq, h.hash


def raw(svc, stmt, params=None) -> None:
    """An edit made around the application, straight in the database."""
    with svc.engine.begin() as c:
        c.execute(stmt, params or {})


def fields_of(e: AuditEntry, **changes) -> dict:
    f = {name: getattr(e, name) for name in audit_chain.CONTENT_FIELDS}
    f.update(changes)
    return f


@pytest.fixture
def day(svc, demo, clock):
    busy_day(svc, demo, clock)
    return entries(svc)


def test_a_busy_day_is_a_valid_chain(svc, day):
    actions = [e.action for e in day]
    assert {"login", "queue.finish", "dossier.receive", "dossier.transition", "dossier.view",
            "dossier.handover"} <= set(actions)
    assert [e.seq for e in day] == list(range(1, len(day) + 1))
    assert day[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(day, day[1:]))
    assert head(svc) == (day[-1].seq, day[-1].hash)
    result = audit.verify(svc, OPERATOR)
    assert result.ok and result.checked == len(day) and result.head_seq == len(day)
    assert result.summary("vi") == f"Nhật ký toàn vẹn: đã kiểm tra {len(day)} mục, không có mục nào bị sửa, xóa hay chèn."
    # no personal data of the citizen anywhere in the trail
    text = " ".join(str((e.details, e.before, e.after)) for e in day)
    assert OWNER_ID not in text and "Nguyễn Thị Ấn" not in text


def restore(svc, day: list[AuditEntry]) -> None:
    """Put the trail back as it was (every scenario below starts from the intact day)."""
    cols = [c.key for c in AuditEntry.__table__.columns]
    with svc.engine.begin() as c:
        c.execute(sa.delete(AuditEntry))
        c.execute(sa.insert(AuditEntry), [{k: getattr(e, k) for k in cols} for e in day])
        c.execute(sa.update(AuditHead).values(seq=day[-1].seq, hash=day[-1].hash))
    assert audit.verify(svc, OPERATOR).ok


def found(svc) -> list[tuple]:
    return [(p.kind, p.seq) for p in audit.verify(svc, OPERATOR).problems]


def test_an_edited_entry_is_named(svc, day):
    target = day[len(day) // 2]
    values = {"details": {"code": "GIẢ-MẠO"}, "action": "dossier.deleted_by_hand",
              "at": target.at - timedelta(hours=3), "actor_username": "someone", "before": {"status": 4}}
    for change, value in values.items():
        raw(svc, sa.update(AuditEntry).where(AuditEntry.id == target.id).values({change: value}))
        result = audit.verify(svc, OPERATOR)
        assert [(p.kind, p.seq, p.entry_id) for p in result.problems] == [("modified", target.seq, target.id)], change
        assert result.lines("vi") == [
            f"Mục #{target.seq} đã bị sửa hoặc thay thế sau khi ghi: nội dung không còn khớp với chuỗi băm."]
        assert not result.ok and "1 vấn đề" in result.summary("vi")
        restore(svc, day)


def test_edits_with_their_own_hash_recomputed_are_named(svc, day):
    # A middle entry: the link of the entry after it breaks.
    target = day[3]
    forged = fields_of(target, details={**target.details, "note": "sửa lại"})
    raw(svc, sa.update(AuditEntry).where(AuditEntry.id == target.id)
        .values(details=forged["details"], hash=entry_hash(forged, target.prev_hash)))
    assert found(svc) == [("modified", target.seq)]
    restore(svc, day)
    # The last entry: the head still names the old hash.
    last = day[-1]
    forged = fields_of(last, action="dossier.handover_cancelled")
    raw(svc, sa.update(AuditEntry).where(AuditEntry.id == last.id)
        .values(action=forged["action"], hash=entry_hash(forged, last.prev_hash)))
    assert found(svc) == [("modified", last.seq)]


def test_deleted_entries_are_named(svc, day):
    n = len(day)
    target = day[5]
    raw(svc, sa.delete(AuditEntry).where(AuditEntry.id == target.id))
    result = audit.verify(svc, OPERATOR)
    assert [(p.kind, p.seq) for p in result.problems] == [("deleted", target.seq)]
    assert result.lines("en") == [f"Entry #{target.seq} was deleted from the trail."]
    assert result.checked == n - 1
    restore(svc, day)
    # several in a row: one range
    raw(svc, sa.delete(AuditEntry).where(AuditEntry.seq.between(4, 6)))
    result = audit.verify(svc, OPERATOR)
    assert [(p.kind, p.seq, p.last_seq) for p in result.problems] == [("deleted", 4, 6)]
    assert result.lines("vi") == ["Các mục #4 đến #6 đã bị xóa khỏi nhật ký."]
    restore(svc, day)
    # the last ones: caught by the head
    raw(svc, sa.delete(AuditEntry).where(AuditEntry.seq > n - 2))
    result = audit.verify(svc, OPERATOR)
    assert [(p.kind, p.seq, p.last_seq) for p in result.problems] == [("truncated", n - 1, n)]
    assert result.lines("vi") == [f"Các mục cuối #{n - 1} đến #{n} đã bị xóa: đầu chuỗi ghi nhận đến mục #{n}."]


def _forged(after: AuditEntry, seq: int, clock) -> dict:
    f = {"at": clock(), "actor_id": None, "actor_username": "canbo2", "counter_number": 2,
         "action": "dossier.view", "entity_type": "dossier", "entity_id": "x", "details": {"code": "X"},
         "before": None, "after": None}
    return {**f, "seq": seq, "prev_hash": after.hash, "hash": entry_hash(f, after.hash)}


def test_forged_entries_are_named(svc, day, clock):
    # Appended with a correct link and its own hash: beyond the head.
    last = day[-1]
    raw(svc, sa.insert(AuditEntry).values(**_forged(last, last.seq + 1, clock)))
    result = audit.verify(svc, OPERATOR)
    assert [(p.kind, p.seq) for p in result.problems] == [("inserted", last.seq + 1)]
    assert "chèn vào nhật ký" in result.lines("vi")[0]
    # ... and with the head's number moved too (but not its hash, which only the service writes)
    raw(svc, sa.update(AuditHead).values(seq=last.seq + 1))
    assert found(svc) == [("inserted", last.seq + 1)]
    restore(svc, day)
    # In the middle: the forger makes room (shifts the later numbers), links the forged entry
    # to the one before it, recomputes its hash and moves the head's number.
    k = 6
    raw(svc, sa.update(AuditEntry).where(AuditEntry.seq >= k).values(seq=AuditEntry.seq + 1_000_000))
    raw(svc, sa.update(AuditEntry).where(AuditEntry.seq >= 1_000_000).values(seq=AuditEntry.seq - 1_000_000 + 1))
    raw(svc, sa.insert(AuditEntry).values(**_forged(day[k - 2], k, clock)))
    raw(svc, sa.update(AuditHead).values(seq=AuditHead.seq + 1))
    assert found(svc) == [("inserted", k)]
    restore(svc, day)
    # Before the first entry.
    f = _forged(day[0], 0, clock)
    raw(svc, sa.insert(AuditEntry).values({**f, "prev_hash": GENESIS, "hash": entry_hash(f, GENESIS)}))
    assert found(svc) == [("inserted", 0)]


def test_verify_needs_the_right_role(svc, demo, officer):
    with pytest.raises(DomainError) as err:
        audit.verify(svc, officer)
    assert err.value.code == "role_forbidden"
    supervisor = accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)
    assert audit.verify(svc, supervisor).ok


def test_a_rolled_back_transaction_leaves_no_gap(svc, demo, clock):
    before = head(svc)

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with svc.transaction() as s:
            write_audit(s, OPERATOR, "test.rolled_back", at=clock())
            raise Boom
    assert head(svc) == before
    with svc.transaction() as s:
        write_audit(s, OPERATOR, "test.a", at=clock(), before={"status": 1}, after={"status": 2})
        write_audit(s, OPERATOR, "test.b", at=clock())
    rows = entries(svc)
    assert [e.action for e in rows[-2:]] == ["test.a", "test.b"]
    assert rows[-2].before == {"status": 1} and rows[-2].after == {"status": 2}
    assert head(svc)[0] == before[0] + 2 == rows[-1].seq
    assert audit.verify(svc, OPERATOR).ok


def test_concurrent_writers_keep_one_chain(db_url, tmp_path, clock):
    """Eight threads (each its own connection) append at once; some transactions roll back.
    The chain has no fork (unique seq, every link right) and no gap."""
    svc = Services(db_url, archive_dir=tmp_path / "a", clock=clock)
    writers, rounds = 8, 12
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def work(w: int) -> None:
        try:
            barrier.wait(30)
            for r in range(rounds):
                try:
                    with svc.transaction() as s:
                        for k in range(1 + (w + r) % 3):
                            write_audit(s, OPERATOR, "test.concurrent", at=datetime.now(UTC),
                                        entity_id=f"{w}-{r}-{k}", details={"w": w, "r": r, "k": k})
                        if r % 5 == 4:
                            raise RuntimeError("rolled back")
                except RuntimeError:
                    pass
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    expected = sum(1 + (w + r) % 3 for w in range(writers) for r in range(rounds) if r % 5 != 4)
    rows = [e for e in entries(svc) if e.action == "test.concurrent"]
    assert len(rows) == expected
    assert not any(e.details["r"] % 5 == 4 for e in rows)
    result = audit.verify(svc, OPERATOR)
    assert result.ok, result.lines("en")
    assert result.checked == result.head_seq
    svc.close()


def test_an_old_database_upgrades_to_a_valid_chain(empty_db_url, tmp_path, clock):
    engine = make_engine(empty_db_url)
    migrate.upgrade(engine, "0009")
    old = sa.table("audit_entry", sa.column("at", sa.DateTime(timezone=True)), sa.column("actor_username"),
                   sa.column("counter_number"), sa.column("action"), sa.column("entity_type"),
                   sa.column("entity_id"), sa.column("details", sa.JSON()))
    naive = engine.dialect.name == "sqlite"
    rows = [{"at": (datetime(2026, 11, 20, 1, i, 30, 123456, tzinfo=UTC)).replace(tzinfo=None if naive else UTC),
             "actor_username": f"canbo{i % 3 + 1}", "counter_number": i % 3 + 1, "action": "dossier.receive",
             "entity_type": "dossier", "entity_id": f"id-{i}", "details": {"code": f"C-{i}", "số": i}}
            for i in range(7)]
    with engine.begin() as c:
        c.execute(old.insert(), rows)
    migrate.upgrade(engine)
    svc = Services(empty_db_url, archive_dir=tmp_path / "a", clock=clock)
    got = entries(svc)
    assert [e.seq for e in got] == list(range(1, 8)) and [e.entity_id for e in got] == [f"id-{i}" for i in range(7)]
    assert audit.verify(svc, OPERATOR).ok
    with svc.transaction() as s:
        write_audit(s, OPERATOR, "test.after_upgrade", at=clock())
    result = audit.verify(svc, OPERATOR)
    assert result.ok and result.head_seq == 8
    # down to 0009 and up again: the entries survive and are chained again
    migrate.downgrade(engine, "0009")
    with engine.connect() as c:
        assert c.execute(sa.text("select count(*) from audit_entry")).scalar_one() == 8
        assert "audit_head" not in sa.inspect(c).get_table_names()
    migrate.upgrade(engine)
    assert audit.verify(svc, OPERATOR).ok
    svc.close()
    engine.dispose()


def test_browse_and_export(svc, demo, day, clock, tmp_path):
    supervisor = accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)
    page = audit.list_entries(svc, supervisor, audit.AuditFilters(action="dossier."), limit=2)
    assert page.total == sum(e.action.startswith("dossier.") for e in day) and len(page.rows) == 2
    assert page.rows[0].seq > page.rows[1].seq  # newest first
    only = audit.list_entries(svc, supervisor, audit.AuditFilters(username="canbo1", action="queue.finish"))
    assert only.rows and {(r.username, r.action) for r in only.rows} == {("canbo1", "queue.finish")}
    today = date(2026, 11, 26)
    assert audit.list_entries(svc, supervisor, audit.AuditFilters(start=today, end=today)).total == len(day) + 1
    assert audit.list_entries(svc, supervisor, audit.AuditFilters(start=today + timedelta(days=1))).total == 0
    with pytest.raises(DomainError) as err:
        audit.list_entries(svc, supervisor, audit.AuditFilters(start=today, end=today - timedelta(days=1)))
    assert err.value.code == "audit_period_invalid"
    officer = accounts.authenticate(svc, "canbo2", demo["canbo2"][0], 2)
    with pytest.raises(DomainError):
        audit.list_entries(svc, officer)

    out = tmp_path / "nhat-ky.csv"
    n = audit.export(svc, supervisor, audit.AuditFilters(action="dossier."), out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Số TT,Thời điểm,Người thao tác,Quầy,Thao tác")
    assert len(lines) == n + 1 == page.total + 1
    assert ",dossier.handover," in lines[-1]
    last = entries(svc)[-1]
    assert last.action == "audit.export" and last.actor_username == "giamsat"
    assert last.details == {"action": "dossier.", "rows": n, "file": "nhat-ky.csv"}
    assert audit.verify(svc, OPERATOR).ok
