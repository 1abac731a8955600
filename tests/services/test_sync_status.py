"""What the officer sees of sync (services/sync_status.py), on SQLite and PostgreSQL.

State is created through the real services (intake, lifecycle); what the sync engine would
write (acks, rejections and their issues, its `sync_meta` "worker" record) is written here
directly with SQLAlchemy, as the engine would, without importing it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.domain.status import DossierStatus as S
from counter_app.services import accounts, intake, lifecycle, sync_status
from counter_app.services.context import Actor
from counter_app.services.journal import enqueue
from counter_app.store.models import AuditEntry, Dossier, DossierDocument, DossierEvent, SyncIssue, SyncMeta, SyncOutbox
from counter_app.sync.wire import payload_hash
from tests.helpers import intake_request, pick_procedure

OWNER = "Nguyễn Thị Ấn"
OWNER_ID = "001301012345"


# --- helpers: the services for business state, SQLAlchemy for what the engine writes ---------


def _receive(svc, officer, **owner):
    return intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=5), **owner))


def _supervisor(svc, demo) -> Actor:
    return accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)


def _set_meta(svc, **values: Any) -> None:
    """The worker's record, as sync_engine writes it (ISO strings, booleans, numbers)."""
    record = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items()}
    with svc.transaction() as s:
        row = s.get(SyncMeta, "worker")
        if row is None:
            s.add(SyncMeta(key="worker", value=record, updated_at=svc.now()))
        else:
            row.value = record
            row.updated_at = svc.now()


def _ack_all(svc) -> None:
    with svc.transaction() as s:
        s.execute(sa.update(SyncOutbox).where(SyncOutbox.state == "pending")
                  .values(state="acked", acked_at=svc.now(), attempts=SyncOutbox.attempts + 1))


def _rows(svc, entity_id: str | None = None) -> list[SyncOutbox]:
    with svc.reading() as s:
        q = sa.select(SyncOutbox).order_by(SyncOutbox.lane, SyncOutbox.seq)
        if entity_id is not None:
            q = q.where(SyncOutbox.entity_id == entity_id)
        rows = list(s.execute(q).scalars())
        s.expunge_all()
        return rows


def _reject(svc, row_id: int, *, reason_code: str = "transition_illegal", message: str = "Chuyển trạng thái không hợp lệ",
            server_state: dict | None = None, at: datetime | None = None) -> uuid.UUID:
    """The engine's handling of a `rejected` result: the row rejected, an open issue for a person."""
    with svc.transaction() as s:
        row = s.get(SyncOutbox, row_id)
        row.state = "rejected"
        row.last_error = reason_code
        issue = SyncIssue(
            kind="rejected", outbox_id=row.id, mutation_id=row.mutation_id, lane=row.lane, seq=row.seq,
            entity_type=row.entity_type, entity_id=row.entity_id, operation=row.operation, reason_code=reason_code,
            message=message, server_state=server_state or {}, state="open", created_at=at or svc.now(),
        )
        s.add(issue)
        s.flush()
        return issue.id


def _restore_issue(svc, kind: str = "restored_backup", *, at: datetime | None = None) -> uuid.UUID:
    with svc.transaction() as s:
        issue = SyncIssue(kind=kind, lane="case", reason_code="conflict", message="Máy chủ được khôi phục từ bản sao lưu",
                          server_state={"last_applied_seq": 12}, state="open", created_at=at or svc.now())
        s.add(issue)
        s.flush()
        return issue.id


def _issue(svc, issue_id) -> SyncIssue:
    with svc.reading() as s:
        issue = s.get(SyncIssue, issue_id)
        s.expunge(issue)
        return issue


def _audits(svc, action: str) -> list[AuditEntry]:
    with svc.reading() as s:
        rows = list(s.execute(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).scalars())
        s.expunge_all()
        return rows


def _count(svc, model) -> int:
    with svc.reading() as s:
        return s.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


def _no_personal_data(entries: list[AuditEntry]) -> None:
    for e in entries:
        text = json.dumps(e.details, ensure_ascii=False)
        assert OWNER not in text and OWNER_ID not in text and "0912345678" not in text, text


def _row_of(svc, entity_id: str, operation: str) -> SyncOutbox:
    return next(r for r in _rows(svc, entity_id) if r.operation == operation)


# --- the status line -------------------------------------------------------------------------------


def test_not_configured(svc, officer):
    _receive(svc, officer)
    st = sync_status.sync_status(svc, configured=False)
    assert st.state == "not_configured"
    assert (st.text_vi, st.text_en) == ("Chưa cấu hình đồng bộ", "Sync not configured")
    assert st.pending == 1 and st.level == "ok" and st.worker == ""
    # A worker of another process (`counter-app sync` with its own settings) has run on this
    # database: the site does sync, whatever this process's settings say.
    _set_meta(svc, online=False, last_attempt_at=svc.now(), last_error="timeout")
    assert sync_status.sync_status(svc, configured=False).state == "offline"


def test_synced_says_when_in_local_time(svc, officer, clock):
    st = sync_status.sync_status(svc)
    assert (st.state, st.text_vi, st.text_en) == ("synced", "Chưa đồng bộ lần nào", "Not synced yet")
    _receive(svc, officer)
    _ack_all(svc)
    # 02:42 UTC is 09:42 in Hà Nội.
    _set_meta(svc, online=True, last_success_at=datetime(2026, 11, 26, 2, 42, tzinfo=UTC),
              last_attempt_at=datetime(2026, 11, 26, 2, 42, tzinfo=UTC), progress_done=1, progress_total=1)
    clock.set(datetime(2026, 11, 26, 2, 43, tzinfo=UTC))
    st = sync_status.sync_status(svc)
    assert (st.state, st.level, st.pending, st.open_issues) == ("synced", "ok", 0, 0)
    assert st.text_vi == "Đã đồng bộ lúc 09:42" and st.text_en == "Synced at 09:42"
    assert st.last_success_at == datetime(2026, 11, 26, 2, 42, tzinfo=UTC)
    # Yesterday's success says the day too (17:30 UTC on the 25th is 00:30 on the 26th in Hà Nội).
    _set_meta(svc, online=True, last_success_at=datetime(2026, 11, 25, 3, 5, tzinfo=UTC))
    st = sync_status.sync_status(svc)
    assert st.text_vi == "Đã đồng bộ lúc 10:05 ngày 25/11/2026" and st.text_en == "Synced at 10:05 on 25/11/2026"


def test_a_change_committed_a_moment_ago_is_not_offline(svc, officer, clock):
    _set_meta(svc, online=True, last_success_at=clock.now - timedelta(hours=1), last_attempt_at=clock.now - timedelta(hours=1))
    _receive(svc, officer)  # a quiet hour, then a dossier
    clock.set(clock.now + timedelta(seconds=5))
    st = sync_status.sync_status(svc)
    assert st.state == "synced" and st.pending == 1 and st.level == "ok"
    assert st.text_vi == "Đã đồng bộ lúc 08:30 — 1 thay đổi chờ gửi"
    assert st.text_en == "Synced at 08:30 — 1 change waiting"
    # Two intervals (2 x 30 s) with work waiting and no success: offline.
    clock.set(clock.now + timedelta(seconds=60))
    st = sync_status.sync_status(svc)
    assert st.state == "offline" and st.text_vi.startswith("Mất kết nối — 1 thay đổi chờ gửi (cũ nhất 1 phút)")


def test_sending_shows_progress(svc, officer, clock):
    for _ in range(3):
        _receive(svc, officer)
    _set_meta(svc, online=True, last_success_at=clock.now - timedelta(seconds=10), last_attempt_at=clock.now - timedelta(seconds=2),
              progress_done=120, progress_total=560, holder="desk-01:4242", heartbeat_at=clock.now - timedelta(seconds=3))
    st = sync_status.sync_status(svc)
    assert (st.state, st.progress_done, st.progress_total) == ("sending", 120, 560)
    assert (st.text_vi, st.text_en) == ("Đang gửi 120/560", "Sending 120/560")
    assert st.worker == "desk-01:4242"
    # An old attempt is not "sending" any more, whatever the progress numbers say.
    clock.set(clock.now + timedelta(minutes=5))
    assert sync_status.sync_status(svc).state == "offline"


def test_offline_counts_and_ages_the_backlog(svc, officer, clock):
    start = clock.now
    with svc.transaction() as s:
        for n in range(37):
            enqueue(s, lane="telemetry" if n % 5 == 0 else "case", entity_type="queue_stats", entity_id=f"period-{n}",
                    operation="queue.snapshot", payload={"period": n}, at=start)
    clock.set(start + timedelta(hours=2, minutes=5))
    _set_meta(svc, online=False, last_attempt_at=clock.now - timedelta(seconds=20), last_error="Không kết nối được máy chủ",
              next_attempt_at=clock.now + timedelta(seconds=40), last_success_at=None)
    st = sync_status.sync_status(svc)
    assert (st.state, st.level, st.pending) == ("offline", "red", 37)
    assert st.text_vi == "Mất kết nối — 37 thay đổi chờ gửi (cũ nhất 2 giờ)"
    assert st.text_en == "Offline — 37 changes waiting (oldest 2 hours)"
    assert st.oldest_pending_at == start and st.next_attempt_at == clock.now + timedelta(seconds=40)
    assert st.last_error == "Không kết nối được máy chủ"
    clock.set(start + timedelta(days=3, hours=1))
    st = sync_status.sync_status(svc)
    assert st.text_vi.endswith("(cũ nhất 3 ngày)") and st.text_en.endswith("(oldest 3 days)")
    _ack_all(svc)
    st = sync_status.sync_status(svc)
    assert (st.state, st.level) == ("offline", "ok")
    assert (st.text_vi, st.text_en) == ("Mất kết nối — không có thay đổi chờ gửi", "Offline — nothing waiting to be sent")


def test_level_is_the_age_of_the_oldest_pending_change_not_attempts(svc, officer, clock):
    start = clock.now
    _receive(svc, officer)
    _set_meta(svc, online=True, last_success_at=start, last_attempt_at=start)
    with svc.transaction() as s:  # many failed attempts alarm nobody: only age does
        s.execute(sa.update(SyncOutbox).values(attempts=500))
    expected = [(timedelta(minutes=14), "ok"), (timedelta(minutes=16), "amber"), (timedelta(hours=2), "amber"),
                (timedelta(hours=2, minutes=1), "red")]
    for age, level in expected:
        clock.set(start + age)
        # the worker keeps "succeeding" (e.g. pulls) while the change stays pending
        _set_meta(svc, online=True, last_success_at=clock.now, last_attempt_at=clock.now)
        st = sync_status.sync_status(svc)
        assert st.level == level, (age, st)
    assert sync_status.AMBER_AFTER == timedelta(minutes=15) and sync_status.RED_AFTER == timedelta(hours=2)
    # A newer pending change does not reset the age: the oldest counts.
    _receive(svc, officer)
    assert sync_status.sync_status(svc).level == "red"
    _ack_all(svc)
    assert sync_status.sync_status(svc).level == "ok"


def test_age_phrases():
    cases = [(timedelta(seconds=30), "dưới 1 phút", "under a minute"), (timedelta(minutes=1), "1 phút", "1 minute"),
             (timedelta(minutes=5, seconds=59), "5 phút", "5 minutes"), (timedelta(hours=1), "1 giờ", "1 hour"),
             (timedelta(hours=23, minutes=59), "23 giờ", "23 hours"), (timedelta(days=1), "1 ngày", "1 day"),
             (timedelta(days=3, hours=5), "3 ngày", "3 days")]
    for age, vi, en in cases:
        assert (sync_status.age_text(age, "vi"), sync_status.age_text(age, "en")) == (vi, en)


def test_attention_wins_and_is_at_least_amber(svc, officer, demo, clock):
    d = _receive(svc, officer)
    _reject(svc, _row_of(svc, str(d.id), "dossier.received").id, reason_code="procedure_retired")
    _set_meta(svc, online=True, last_success_at=clock.now, last_attempt_at=clock.now)
    st = sync_status.sync_status(svc)
    assert (st.state, st.level, st.open_issues, st.pending) == ("attention", "amber", 1, 0)
    assert (st.text_vi, st.text_en) == ("Cần xử lý (1)", "Action needed (1)")
    # A backlog older than 2 hours still makes it red.
    _receive(svc, officer)
    _restore_issue(svc)
    clock.set(clock.now + timedelta(hours=3))
    st = sync_status.sync_status(svc)
    assert (st.state, st.level, st.open_issues) == ("attention", "red", 2)
    assert st.text_vi == "Cần xử lý (2)"
    # Offline too: attention still wins (the person must act either way).
    _set_meta(svc, online=False)
    assert sync_status.sync_status(svc).state == "attention"


def test_worker_with_a_stale_heartbeat_is_not_shown(svc, clock):
    _set_meta(svc, online=True, holder="quay-3:777", heartbeat_at=clock.now - timedelta(seconds=119))
    assert sync_status.sync_status(svc).worker == "quay-3:777"
    _set_meta(svc, online=True, holder="quay-3:777", heartbeat_at=clock.now - timedelta(minutes=2, seconds=1))
    assert sync_status.sync_status(svc).worker == ""
    _set_meta(svc, online=True, holder="quay-3:777", heartbeat_at="not a time")
    assert sync_status.sync_status(svc).worker == ""


# --- badges ----------------------------------------------------------------------------------------


def test_badges_pending_synced_attention_and_absent(svc, officer, demo):
    synced, pending, refused, resolved = (_receive(svc, officer) for _ in range(4))
    _ack_all(svc)
    lifecycle.transition(svc, officer, pending.code, S.PROCESSING)  # a new change, not sent yet
    lifecycle.transition(svc, officer, refused.code, S.PROCESSING)
    lifecycle.transition(svc, officer, resolved.code, S.PROCESSING)
    issue = _reject(svc, _row_of(svc, str(refused.id), "dossier.transition").id)
    settled = _reject(svc, _row_of(svc, str(resolved.id), "dossier.transition").id,
                      server_state={"status": 2, "due_at": resolved.due_at.isoformat()})
    with svc.transaction() as s:  # the rest went through
        s.execute(sa.update(SyncOutbox).where(SyncOutbox.state == "pending", SyncOutbox.entity_id != str(pending.id))
                  .values(state="acked"))
    sync_status.accept_server_state(svc, officer, settled)
    unknown = str(uuid.uuid4())
    ids = [str(synced.id), str(pending.id), str(refused.id), str(resolved.id), unknown]

    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(svc.engine, "before_cursor_execute", count)
    try:
        result = sync_status.badges(svc, ids)
    finally:
        sa.event.remove(svc.engine, "before_cursor_execute", count)
    assert result == {str(synced.id): "synced", str(pending.id): "pending", str(refused.id): "attention",
                      str(resolved.id): "synced"}
    assert unknown not in result
    selects = [x for x in statements if x.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(selects) == 1, statements

    # An escalated issue is still open: still "attention". A pending change on top does not hide it.
    sync_status.escalate(svc, officer, issue, note="Cần lãnh đạo xem")
    lifecycle.transition(svc, officer, refused.code, S.AWAITING_PAYMENT, reason="Nộp lệ phí")
    assert sync_status.badges(svc, [str(refused.id)]) == {str(refused.id): "attention"}
    assert sync_status.badges(svc, []) == {}


def test_a_rejected_row_without_an_issue_is_attention(svc, officer):
    d = _receive(svc, officer)
    with svc.transaction() as s:
        s.execute(sa.update(SyncOutbox).values(state="rejected"))
    assert sync_status.badges(svc, [str(d.id), str(d.id)]) == {str(d.id): "attention"}


# --- the list ----------------------------------------------------------------------------------------


def test_list_issues_oldest_open_first(svc, officer, demo, clock):
    start = clock.now
    a, b, c = (_receive(svc, officer) for _ in range(3))
    first = _reject(svc, _row_of(svc, str(b.id), "dossier.received").id, at=start - timedelta(hours=5),
                    server_state={"status": 4, "code": b.code})
    second = _restore_issue(svc, "central_restore", at=start - timedelta(hours=1))
    third = _reject(svc, _row_of(svc, str(a.id), "dossier.received").id, at=start - timedelta(minutes=30))
    done = _reject(svc, _row_of(svc, str(c.id), "dossier.received").id, at=start - timedelta(days=1))
    sync_status.accept_server_state(svc, officer, done)
    issues = sync_status.list_issues(svc)
    assert [i.id for i in issues] == [first, second, third]
    top = issues[0]
    assert (top.kind, top.state, top.resolution, top.operation, top.entity_type) == (
        "rejected", "open", "", "dossier.received", "dossier")
    assert top.dossier_code == b.code and top.entity_id == str(b.id) and top.lane == "case" and top.seq == 2
    assert top.server_state == {"status": 4, "code": b.code} and top.age_hours == pytest.approx(5.0)
    assert top.reason_code == "transition_illegal" and top.message == "Chuyển trạng thái không hợp lệ"
    assert issues[1].dossier_code == "" and issues[1].seq is None
    everything = sync_status.list_issues(svc, include_resolved=True)
    assert [i.id for i in everything] == [first, second, third, done]
    assert everything[-1].state == "resolved" and everything[-1].resolved_by == "canbo1"


# --- resubmit ------------------------------------------------------------------------------------------


def test_the_rebuilt_receipt_has_the_shape_receive_dossier_gives(svc, officer):
    d = intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=5)))
    original = _row_of(svc, str(d.id), "dossier.received").payload
    with svc.reading() as s:
        rebuilt = sync_status.received_payload(s, s.get(Dossier, d.id), previous=original)
    assert json.loads(json.dumps(rebuilt)) == original


def test_resubmit_a_receipt_rebuilt_from_the_corrected_record(svc, officer, demo):
    d = _receive(svc, officer)
    other = _receive(svc, officer)
    rejected = _row_of(svc, str(d.id), "dossier.received")
    issue = _reject(svc, rejected.id, reason_code="validation", message="Thiếu giấy tờ bắt buộc")
    _ack_all(svc)
    # The officer corrects the record (a missing document, a new phone number).
    with svc.transaction() as s:
        row = s.get(Dossier, d.id)
        row.owner_phone = "0987654321"
        row.documents.append(DossierDocument(position=len(row.documents), name="Bản sao Giấy khai sinh", form="copy",
                                             count=2))
    before = _rows(svc)
    info = sync_status.resubmit(svc, officer, str(issue), note="Đã bổ sung giấy khai sinh")
    after = _rows(svc)
    assert len(after) == len(before) + 1
    new = next(r for r in after if r.id not in {x.id for x in before})
    assert (new.state, new.lane, new.operation, new.entity_type, new.entity_id) == (
        "pending", "case", "dossier.received", "dossier", str(d.id))
    assert new.seq == max(r.seq for r in before if r.lane == "case") + 1
    assert new.mutation_id != rejected.mutation_id
    assert new.payload["owner"]["phone"] == "0987654321"
    assert new.payload["documents"][-1] == {"name": "Bản sao Giấy khai sinh", "form": "copy", "count": 2}
    assert set(new.payload) == set(rejected.payload)
    assert new.payload_sha256 == payload_hash(new.payload)
    old = next(r for r in after if r.id == rejected.id)
    assert (old.state, old.mutation_id, old.payload) == ("rejected", rejected.mutation_id, rejected.payload)
    assert (info.state, info.resolution, info.resolved_by, info.note) == (
        "resolved", "resubmitted", "canbo1", "Đã bổ sung giấy khai sinh")
    assert info.dossier_code == d.code
    [entry] = _audits(svc, "sync.issue.resubmit")
    assert entry.entity_type == "sync_issue" and entry.entity_id == str(issue) and entry.actor_username == "canbo1"
    assert entry.details["code"] == d.code and entry.details["new_seq"] == new.seq
    assert entry.details["rejected_seq"] == rejected.seq and "giấy khai sinh" not in json.dumps(entry.details)
    _no_personal_data([entry])
    assert sync_status.badges(svc, [str(d.id), str(other.id)]) == {str(d.id): "pending", str(other.id): "synced"}
    st = sync_status.sync_status(svc)
    assert st.open_issues == 0 and st.pending == 1


def test_resubmit_a_transition_moves_on_from_the_centrals_status(svc, officer):
    d = _receive(svc, officer)
    lifecycle.transition(svc, officer, d.code, S.PROCESSING)
    lifecycle.apologise(svc, officer, d.code, reason="Chờ ý kiến cơ quan phối hợp",
                        new_due=d.due_at + timedelta(days=3))
    transition = _row_of(svc, str(d.id), "dossier.transition")
    apology = _row_of(svc, str(d.id), "dossier.apology")
    moved = _reject(svc, transition.id, server_state={"status": 5, "code": d.code})
    sorry = _reject(svc, apology.id, reason_code="validation", server_state={"status": 5})
    sync_status.resubmit(svc, officer, moved)
    sync_status.resubmit(svc, officer, sorry)
    rows = [r for r in _rows(svc, str(d.id)) if r.state == "pending"]
    new_transition = next(r for r in rows if r.operation == "dossier.transition" and r.id != transition.id)
    new_apology = next(r for r in rows if r.operation == "dossier.apology" and r.id != apology.id)
    expected = dict(transition.payload)
    expected["transition"] = {**transition.payload["transition"], "from": 5}
    assert new_transition.payload == expected and transition.payload["transition"]["from"] == 2
    assert new_apology.payload == apology.payload  # other operations: as they were
    assert new_apology.seq == new_transition.seq + 1


# --- accept the central's state ------------------------------------------------------------------------


def test_accept_server_state_changes_the_dossier_without_an_outbox_row(svc, officer, clock):
    d = _receive(svc, officer)
    lifecycle.transition(svc, officer, d.code, S.PROCESSING)
    lifecycle.transition(svc, officer, d.code, S.RESULT_READY)  # the counter records a result...
    refused = [r for r in _rows(svc, str(d.id)) if r.operation == "dossier.transition"][-1]
    central_due = d.due_at + timedelta(days=2)
    # ...while the back office had stopped the dossier.
    issue = _reject(svc, refused.id, server_state={"status": 8, "due_at": central_due.isoformat(),
                                                   "result_ready_at": None, "code": d.code})
    rows_before, events_before = _rows(svc), _count(svc, DossierEvent)
    info = sync_status.accept_server_state(svc, officer, issue)
    assert [(r.id, r.state) for r in _rows(svc)] == [(r.id, r.state) for r in rows_before]  # no new row
    assert next(r for r in _rows(svc) if r.id == refused.id).state == "rejected"
    got = intake.get_dossier(svc, d.code)
    assert got.status is S.STOPPED and got.due_at == central_due and got.result_ready_at is None
    assert _count(svc, DossierEvent) == events_before + 1
    last = lifecycle.history(svc, d.code)[-1]
    assert (last.kind, last.from_status, last.to_status, last.details) == (
        "transition", S.RESULT_READY, S.STOPPED, {"accepted_server_state": True})
    assert last.due_after == central_due
    assert (info.state, info.resolution, info.resolved_by) == ("resolved", "accepted_server", "canbo1")
    [entry] = _audits(svc, "sync.issue.accept_server")
    assert entry.details["code"] == d.code and (entry.details["from"], entry.details["to"]) == (9, 8)
    _no_personal_data([entry])
    assert sync_status.sync_status(svc).open_issues == 0
    assert sync_status.badges(svc, [str(d.id)]) == {str(d.id): "pending"}  # the receipt itself is still unsent


# --- escalate and acknowledge ------------------------------------------------------------------------


def test_escalate_keeps_the_issue_open_until_a_supervisor_settles_it(svc, officer, demo, clock):
    boss = _supervisor(svc, demo)
    d = _receive(svc, officer)
    issue = _reject(svc, _row_of(svc, str(d.id), "dossier.received").id, server_state={"status": 2})
    with pytest.raises(DomainError) as err:
        sync_status.escalate(svc, officer, issue, note="   ")
    assert err.value.code == "sync_note_required" and "lãnh đạo" in err.value.message("vi")
    info = sync_status.escalate(svc, officer, issue, note="Hệ thống trung tâm báo sai, nhờ lãnh đạo liên hệ Sở")
    assert (info.state, info.resolution, info.resolved_by, info.resolved_at) == ("open", "escalated", "canbo1", None)
    assert info.note == "Hệ thống trung tâm báo sai, nhờ lãnh đạo liên hệ Sở"
    assert [i.id for i in sync_status.list_issues(svc)] == [issue]
    st = sync_status.sync_status(svc)
    assert st.state == "attention" and st.open_issues == 1
    [entry] = _audits(svc, "sync.issue.escalate")
    assert entry.details["has_note"] is True and "Sở" not in json.dumps(entry.details, ensure_ascii=False)
    # The officer handed it on; the supervisor settles it.
    with pytest.raises(DomainError) as err:
        sync_status.resubmit(svc, officer, issue)
    assert err.value.code == "sync_issue_escalated"
    clock.set(clock.now + timedelta(minutes=10))
    done = sync_status.resubmit(svc, boss, issue, note="Đã liên hệ, gửi lại")
    assert (done.state, done.resolution, done.resolved_by, done.resolved_at) == (
        "resolved", "resubmitted", "giamsat", clock.now)
    assert done.note == "Hệ thống trung tâm báo sai, nhờ lãnh đạo liên hệ Sở\nĐã liên hệ, gửi lại"
    assert sync_status.sync_status(svc).open_issues == 0


def test_restore_issues_are_escalated_or_acknowledged_by_a_supervisor(svc, officer, demo):
    boss = _supervisor(svc, demo)
    issue = _restore_issue(svc)
    audits = _count(svc, AuditEntry)
    for action in (lambda: sync_status.resubmit(svc, officer, issue),
                   lambda: sync_status.accept_server_state(svc, officer, issue)):
        with pytest.raises(DomainError) as err:
            action()
        assert err.value.code == "sync_issue_action_invalid"
        assert "khôi phục từ bản sao lưu" in err.value.message("vi") and "backup" in err.value.message("en")
    with pytest.raises(DomainError) as err:
        sync_status.acknowledge(svc, officer, issue)
    assert err.value.code == "role_forbidden"
    assert _count(svc, AuditEntry) == audits and _issue(svc, issue).state == "open"
    sync_status.escalate(svc, officer, issue, note="Máy chủ vừa khôi phục")
    info = sync_status.acknowledge(svc, boss, issue, note="Đã đối chiếu với Sở")
    assert (info.state, info.resolution, info.resolved_by) == ("resolved", "acknowledged", "giamsat")
    [entry] = _audits(svc, "sync.issue.acknowledge")
    assert entry.details["kind"] == "restored_backup" and entry.actor_username == "giamsat"
    # acknowledge is for restore issues only: a refused change is resubmitted or replaced.
    d = _receive(svc, officer)
    rejected = _reject(svc, _row_of(svc, str(d.id), "dossier.received").id)
    with pytest.raises(DomainError) as err:
        sync_status.acknowledge(svc, boss, rejected)
    assert err.value.code == "sync_issue_action_invalid"


def test_a_resolved_issue_is_refused_with_nothing_written(svc, officer, demo):
    boss = _supervisor(svc, demo)
    d = _receive(svc, officer)
    issue = _reject(svc, _row_of(svc, str(d.id), "dossier.received").id, server_state={"status": 2})
    sync_status.accept_server_state(svc, officer, issue)
    restore = _restore_issue(svc)
    sync_status.acknowledge(svc, boss, restore)
    counts = (_count(svc, AuditEntry), _count(svc, SyncOutbox), _count(svc, DossierEvent))
    attempts = [
        lambda: sync_status.resubmit(svc, officer, issue),
        lambda: sync_status.accept_server_state(svc, boss, issue),
        lambda: sync_status.escalate(svc, officer, issue, note="Thử lại"),
        lambda: sync_status.acknowledge(svc, boss, restore),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as err:
            attempt()
        assert err.value.code == "sync_issue_resolved"
        assert "đã được xử lý" in err.value.message("vi") and "already resolved" in err.value.message("en")
    assert (_count(svc, AuditEntry), _count(svc, SyncOutbox), _count(svc, DossierEvent)) == counts
    for bad in (uuid.uuid4(), "not-an-id"):
        with pytest.raises(DomainError) as err:
            sync_status.resubmit(svc, officer, bad)
        assert err.value.code == "sync_issue_not_found"
    with pytest.raises(DomainError) as err:
        sync_status.escalate(svc, None, issue, note="x")
    assert err.value.code == "role_forbidden"
    system = Actor(user_id=None, username="system", full_name="", role="system")
    other = _reject(svc, _row_of(svc, str(_receive(svc, officer).id), "dossier.received").id)
    with pytest.raises(DomainError) as err:  # the database operator is nobody's desk
        sync_status.escalate(svc, system, other, note="Từ dòng lệnh")
    assert err.value.code == "role_forbidden"
    assert sync_status.escalate(svc, officer, other, note="Từ quầy").resolved_by == officer.username


def test_notes_are_stored_verbatim_and_kept_out_of_the_audit(svc, officer):
    d = _receive(svc, officer)
    issue = _reject(svc, _row_of(svc, str(d.id), "dossier.received").id)
    note = "Ghi chú 😀 'quote' \"double\"; DROP TABLE sync_issue; -- Robert'); "
    note = (note + "Đường Lê Lợi, phường Hải Châu ") * 3
    note = note[:199].rstrip() + "x"
    note = note.ljust(200, "y")
    assert len(note) == 200
    info = sync_status.escalate(svc, officer, issue, note=note)
    assert info.note == note
    assert _issue(svc, issue).note == note and _count(svc, SyncIssue) == 1
    details = json.dumps([e.details for e in _audits(svc, "sync.issue.escalate")], ensure_ascii=False)
    assert "DROP" not in details and "😀" not in details
    with pytest.raises(ValidationFailed) as err:
        sync_status.escalate(svc, officer, issue, note="x" * (sync_status.NOTE_MAX_LENGTH + 1))
    assert err.value.errors[0].field == "note"
    with pytest.raises(ValidationFailed):
        sync_status.escalate(svc, officer, issue, note="ẩn\u202etext")  # a bidi override
    assert _issue(svc, issue).note == note
