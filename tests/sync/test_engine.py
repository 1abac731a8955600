"""SyncEngine against the reference central server (real HTTP on 127.0.0.1), the site database
on SQLite and on PostgreSQL, changes made through the real services.

What is shown here, step by step: a change pushed once and acknowledged; bounded batches, and
a batch whose answer was lost resent as the same bytes under the same key (the server applies
it once); a rejection opening an issue and never retried while the lane goes on; a
"retry later" stopping the lane and the next cycle resuming it; a central restored from a
backup getting what it lost again; a site database restored from a backup renumbering its new
changes after what the central holds and telling a person; a pulled page and its cursor
committed together (guarantee 4); a reset_required answered with a paged snapshot whose
cursor is stored with the last page; the purge keeping pending and rejected rows; queue
statistics sent as snapshots only when they changed; and the worker loop backing off with
full jitter, persisting its next attempt, and woken early by `wake`.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from datetime import timedelta

import httpx
import pytest
import sqlalchemy as sa

from counter_app.services import intake, lifecycle, queue
from counter_app.services import sync_apply as sync_apply_module
from counter_app.services.sync_engine import (
    CycleResult,
    SyncConfig,
    SyncEngine,
    snapshot_telemetry,
)
from counter_app.store.models import Dossier, SequenceCounter, SyncBatch, SyncCursor, SyncIssue, SyncMeta, SyncOutbox
from counter_app.sync.client import SyncClient
from tests.helpers import KIOSK, intake_request, pick_procedure
from tests.sync._checks import all_changes, cursors, frozen_batches, issues, outbox

NODE = "000.00.06.H56"


class Recorder(httpx.HTTPTransport):
    """Real HTTP, every request kept: (method, path, headers, body)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.urls: list[httpx.URL] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append((request.method, request.url.path, dict(request.headers), request.read()))
        self.urls.append(request.url)
        return super().handle_request(request)

    def pushes(self) -> list[tuple[str, bytes]]:
        """(Idempotency-Key, body) of every push, in order."""
        return [(h["idempotency-key"], body) for m, p, h, body in self.requests
                if m == "POST" and p.endswith("/mutations")]

    def pushes_carrying(self, mutation_id: str) -> int:
        return sum(1 for _k, body in self.pushes()
                   if any(m["mutation_id"] == mutation_id for m in json.loads(body)["mutations"]))


def receive(svc, officer, proc, n: int = 1) -> list[str]:
    return [intake.receive_dossier(svc, officer, intake_request(proc)).code for _ in range(n)]


def drain(engine: SyncEngine, svc, cycles: int = 10) -> CycleResult:
    result = None
    for _ in range(cycles):
        result = engine.cycle()
        if result.ok and not [r for r in outbox(svc) if r.state == "pending"] and not frozen_batches(svc):
            return result
        time.sleep(0.02)
    raise AssertionError(f"not drained: {result!r}")


def worker_meta(svc) -> dict:
    with svc.reading() as s:
        row = s.get(SyncMeta, "worker")
        return dict(row.value) if row is not None else {}


def dossier_id(svc, code: str) -> str:
    with svc.reading() as s:
        return str(s.execute(sa.select(Dossier.id).where(Dossier.code == code)).scalar_one())


# --- push --------------------------------------------------------------------------------------


def test_a_received_dossier_is_pushed_once_and_acknowledged(svc, officer, central, sync_engine):
    code = receive(svc, officer, pick_procedure(svc, days=5))[0]
    recorder = Recorder()
    engine = sync_engine(svc, transport=recorder)

    result = engine.cycle()
    assert result.ok and result.pushed == 1 and result.error == ""
    [row] = outbox(svc, "case")
    assert row.state == "acked" and row.operation == "dossier.received" and row.seq == 1
    assert central.store.apply_count(NODE, "case", row.mutation_id) == 1
    assert central.store.dossier(code)["status"] == 2
    with svc.reading() as s:
        acked = s.execute(sa.select(SyncOutbox)).scalar_one()
        assert acked.acked_at is not None and acked.batch_id is not None
        assert s.get(SyncBatch, acked.batch_id).state == "done"
    # The push carried the frozen bytes under the batch's key, as JSON.
    [(key, body)] = recorder.pushes()
    headers = [h for m, _p, h, _b in recorder.requests if m == "POST"][0]
    assert headers["content-type"] == "application/json" and headers["authorization"] == f"Bearer {central.token}"
    with svc.reading() as s:
        batch = s.get(SyncBatch, uuid.UUID(key))
        assert batch.body == body and json.loads(body)["mutations"][0]["mutation_id"] == row.mutation_id

    meta = worker_meta(svc)
    assert meta["online"] is True and meta["last_error"] is None and meta["last_success_at"]
    assert meta["last_attempt_at"] and meta["heartbeat_at"] and meta["holder"]
    assert meta["progress_done"] == meta["progress_total"] == 1

    # Nothing new: another cycle sends nothing again.
    assert engine.cycle().ok
    assert len(recorder.pushes()) == 1


def test_batches_are_bounded_and_a_lost_answer_is_resent_as_the_same_bytes_under_the_same_key(
        svc, officer, central, sync_engine):
    receive(svc, officer, pick_procedure(svc, days=5), n=5)
    recorder = Recorder()
    engine = sync_engine(svc, transport=recorder, batch_size=2)
    central.faults.plan("drop_after_apply", times=1)

    first = engine.cycle()
    assert not first.ok and first.kind == "transient", first
    assert central.store.lane_state(NODE, "case") == 2, "the server applied the first batch"
    [frozen] = frozen_batches(svc)
    assert (frozen["first_seq"], frozen["last_seq"]) == (1, 2)
    assert [r.state for r in outbox(svc, "case")] == ["pending"] * 5
    assert worker_meta(svc)["online"] is False and worker_meta(svc)["last_error"]

    assert engine.cycle().ok
    pushes = recorder.pushes()
    assert pushes[0] == pushes[1], "the retry must resend the same bytes under the same key"
    assert pushes[0][0] == frozen["id"]
    by_key: dict[str, set[bytes]] = {}
    for key, body in pushes:
        by_key.setdefault(key, set()).add(body)
        assert len(json.loads(body)["mutations"]) <= 2
    assert all(len(bodies) == 1 for bodies in by_key.values()), "a key was reused with another body"
    assert len(by_key) == 3  # 1–2, 3–4, 5
    rows = outbox(svc, "case")
    assert [r.state for r in rows] == ["acked"] * 5
    for r in rows:
        assert central.store.apply_count(NODE, "case", r.mutation_id) == 1
    assert [a["seq"] for a in central.store.applied(NODE, "case")] == [1, 2, 3, 4, 5]
    assert not frozen_batches(svc)


def test_a_rejection_opens_an_issue_is_never_resent_and_the_lane_goes_on(svc, officer, central, sync_engine):
    proc = pick_procedure(svc, days=5)
    code, later = receive(svc, officer, proc, n=2)
    recorder = Recorder()
    engine = sync_engine(svc, transport=recorder)
    drain(engine, svc)

    # The back office stopped the dossier; the counter, not told yet, records a result.
    central.store.advance(code, 4)
    central.store.advance(code, 8, reason="Dừng xử lý")
    lifecycle.transition(svc, officer, code, 9)
    lifecycle.transition(svc, officer, later, 4)
    result = engine.cycle()
    assert result.ok and result.rejected == 1

    rows = outbox(svc, "case")
    refused = next(r for r in rows if r.entity_id == dossier_id(svc, code) and r.operation == "dossier.transition")
    after = next(r for r in rows if r.entity_id == dossier_id(svc, later) and r.operation == "dossier.transition")
    assert refused.state == "rejected" and after.state == "acked" and after.seq > refused.seq
    assert central.store.dossier(later)["status"] == 4
    [issue] = issues(svc)
    assert issue["kind"] == "rejected" and issue["mutation_id"] == refused.mutation_id
    assert issue["reason_code"] and issue["entity_id"] == dossier_id(svc, code) and issue["seq"] == refused.seq
    with svc.reading() as s:
        full = s.execute(sa.select(SyncIssue)).scalar_one()
        assert full.message and full.server_state.get("status") == 8 and full.outbox_id is not None

    for _ in range(3):
        assert engine.cycle().ok
    assert recorder.pushes_carrying(refused.mutation_id) == 1
    assert [i["state"] for i in issues(svc, state=None)] == ["open"]


def test_retry_later_stops_the_lane_and_the_next_cycle_resumes(svc, officer, central, sync_engine):
    receive(svc, officer, pick_procedure(svc, days=5), n=3)
    code = receive(svc, officer, pick_procedure(svc, days=5))[0]  # seq 4
    lifecycle.transition(svc, officer, code, 4)  # seq 5: the central cannot take transitions for now
    receive(svc, officer, pick_procedure(svc, days=5))  # seq 6
    engine = sync_engine(svc, batch_size=10)
    central.store.hold_operations.add("dossier.transition")

    result = engine.cycle()
    assert not result.ok and result.error_code == "retry_later", result
    assert [r.state for r in outbox(svc, "case")] == ["acked"] * 4 + ["pending"] * 2
    assert not frozen_batches(svc), "rows after a stop go in a NEW batch"
    assert central.store.lane_state(NODE, "case") == 4
    meta = worker_meta(svc)
    assert meta["online"] is True and "chưa xử lý được" in meta["last_error"]
    assert not engine.cycle().ok, "still held: still stopped, nothing skipped"
    assert central.store.lane_state(NODE, "case") == 4

    central.store.hold_operations.clear()
    assert engine.cycle().ok
    assert [r.state for r in outbox(svc, "case")] == ["acked"] * 6
    assert [a["seq"] for a in central.store.applied(NODE, "case")] == [1, 2, 3, 4, 5, 6]
    assert central.store.dossier(code)["status"] == 4
    keys = {r.batch_id for r in outbox(svc, "case")[4:]}
    assert len(keys) == 1, "the rows held back went together in a new batch"


# --- restores ------------------------------------------------------------------------------------


def test_a_central_restored_from_a_backup_gets_the_acknowledged_changes_again(svc, officer, central, sync_engine):
    codes = receive(svc, officer, pick_procedure(svc, days=5), n=3)
    engine = sync_engine(svc)
    drain(engine, svc)
    central.store.restore_node(NODE, "case", 1)
    assert central.store.lane_state(NODE, "case") == 1

    drain(engine, svc)
    assert central.store.lane_state(NODE, "case") == 3
    rows = outbox(svc, "case")
    assert [r.state for r in rows] == ["acked"] * 3
    assert [str(a["mutation_id"]) for a in central.store.applied(NODE, "case")] == [r.mutation_id for r in rows]
    assert all(central.store.dossier(c)["status"] == 2 for c in codes)
    assert not issues(svc)


def test_a_central_restore_of_changes_purged_here_opens_an_issue(svc, officer, clock, central, sync_engine):
    proc = pick_procedure(svc, days=5)
    receive(svc, officer, proc, n=3)
    engine = sync_engine(svc, ack_retention_days=30)
    drain(engine, svc)
    clock.set(clock.now + timedelta(days=31))
    assert engine.purge(svc.now()) == (3, 1)
    central.store.restore_node(NODE, "case", 1)

    receive(svc, officer, proc)  # seq 4: the central needs 2 and 3, gone here
    result = engine.cycle()
    assert not result.ok and result.kind == "refused" and result.error_code == "central_gap"
    [issue] = issues(svc)
    assert issue["kind"] == "central_restore" and issue["seq"] == 2
    with svc.reading() as s:
        message = s.execute(sa.select(SyncIssue.message)).scalar_one()
    assert "2–3" in message
    assert [r.state for r in outbox(svc, "case")] == ["pending"], "nothing local is dropped"
    engine.cycle()
    assert len(issues(svc)) == 1, "one issue, not one per cycle"


def _simulate_restore(svc, lane: str, *, keep_to: int, pending_from: int | None = None) -> None:
    """What restoring the site database from a backup taken at seq *keep_to* does to the outbox:
    later rows gone, the counter back, rows not yet acknowledged then pending again."""
    with svc.transaction() as s:
        s.execute(sa.delete(SyncOutbox).where(SyncOutbox.lane == lane, SyncOutbox.seq > keep_to))
        s.execute(sa.update(SequenceCounter).where(SequenceCounter.key == f"outbox:{lane}").values(last=keep_to))
        if pending_from is not None:
            s.execute(sa.update(SyncOutbox).where(SyncOutbox.lane == lane, SyncOutbox.seq >= pending_from)
                      .values(state="pending", acked_at=None, batch_id=None, server_ref=""))
        s.execute(sa.delete(SyncBatch).where(SyncBatch.lane == lane))


def test_a_site_database_restored_from_a_backup_renumbers_its_new_changes(svc, officer, central, sync_engine):
    proc = pick_procedure(svc, days=5)
    engine = sync_engine(svc)
    a = receive(svc, officer, proc)[0]
    drain(engine, svc)
    b = receive(svc, officer, proc)[0]  # seq 2: pending when the backup is taken
    backup_b = outbox(svc, "case")[1].mutation_id
    drain(engine, svc)  # the central applies 2 ...
    receive(svc, officer, proc, n=2)  # ... then 3 and 4
    drain(engine, svc)
    assert central.store.lane_state(NODE, "case") == 4

    _simulate_restore(svc, "case", keep_to=2, pending_from=2)
    e = receive(svc, officer, proc)[0]  # seq 3 here: the central holds another change at 3
    e_row = outbox(svc, "case")[-1]
    assert e_row.seq == 3

    drain(engine, svc)
    rows = {r.mutation_id: r for r in outbox(svc, "case")}
    assert rows[backup_b].state == "acked" and rows[backup_b].seq == 2
    assert central.store.apply_count(NODE, "case", backup_b) == 1, "the change held by both was applied twice"
    moved = rows[e_row.mutation_id]
    assert moved.seq == 5 and moved.state == "acked", "the new change follows what the central holds"
    assert central.store.apply_count(NODE, "case", e_row.mutation_id) == 1
    assert central.store.dossier(e)["status"] == 2 and central.store.dossier(a)["status"] == 2
    assert central.store.dossier(b)["status"] == 2
    [issue] = issues(svc)
    assert issue["kind"] == "restored_backup" and issue["lane"] == "case"
    with svc.reading() as s:
        full = s.execute(sa.select(SyncIssue)).scalar_one()
        counter = s.execute(sa.select(SequenceCounter.last).where(SequenceCounter.key == "outbox:case")).scalar_one()
    assert "2 thay đổi" in full.message and "3–4" in full.message
    assert full.server_state["missing"] == 2 and full.server_state["renumbered"] == 1
    assert counter == 5

    # Work goes on after the restore, once.
    f = receive(svc, officer, proc)[0]
    drain(engine, svc)
    assert outbox(svc, "case")[-1].seq == 6 and central.store.dossier(f)["status"] == 2
    assert len(issues(svc)) == 1


def test_a_restore_with_more_new_work_than_the_central_holds_keeps_the_order(svc, officer, central, sync_engine):
    """More new work here than the central holds past the backup: the local counter is ahead of
    the central, but the central's last seq carries another mutation id (and a push would be
    answered `conflict`); the pending rows move after the central's last seq, in their order."""
    proc = pick_procedure(svc, days=5)
    engine = sync_engine(svc, batch_size=10)
    receive(svc, officer, proc)
    drain(engine, svc)
    receive(svc, officer, proc)
    drain(engine, svc)  # the central holds 1, 2
    _simulate_restore(svc, "case", keep_to=1)
    new = receive(svc, officer, proc, n=3)  # 2, 3, 4 here
    ids = [r.mutation_id for r in outbox(svc, "case")[1:]]

    drain(engine, svc)
    rows = outbox(svc, "case")
    assert [r.seq for r in rows] == [1, 3, 4, 5]
    assert [r.mutation_id for r in rows[1:]] == ids, "order and mutation ids are kept"
    assert all(r.state == "acked" for r in rows)
    assert all(central.store.dossier(c)["status"] == 2 for c in new)
    assert [i["kind"] for i in issues(svc)] == ["restored_backup"]


# --- pull ----------------------------------------------------------------------------------------


def _online_procedure(svc):
    from counter_app.services import catalog

    for p in catalog.list_procedures(svc, include_retired=False):
        if p.online_class in ("toan_trinh", "mot_phan") and p.processing_days > 0:
            return p
    raise LookupError("no online procedure in the shipped catalog")


OWNER = {"full_name": "Trần Văn Bình", "id_number": "001201009876", "id_kind": "cccd", "phone": "0987654321",
         "email": "", "address": "5 Trần Phú, Hà Nội", "birth_date": None}


def _online_ids(svc) -> set[str]:
    with svc.reading() as s:
        return {str(i) for i in s.execute(sa.select(Dossier.id).where(Dossier.status == 1)).scalars()}


def test_a_pulled_page_and_its_cursor_commit_together(svc, demo, central, sync_engine, monkeypatch):
    drain(sync_engine(svc), svc)  # the catalog pulled
    proc = _online_procedure(svc)
    published = [central.store.publish_online_dossier(NODE, procedure_code=proc.code, owner=dict(OWNER))
                 for _ in range(3)]
    engine = sync_engine(svc, page_size=1)
    real = sync_apply_module.apply_changes
    calls = {"online_dossiers": 0}

    def failing(s, stream, changes, *, now):
        if stream == "online_dossiers":
            calls[stream] += 1
            if calls[stream] == 2:
                real(s, stream, changes, now=now)  # applied, then the transaction fails
                raise RuntimeError("power cut")
        return real(s, stream, changes, now=now)

    monkeypatch.setattr(sync_apply_module, "apply_changes", failing)
    result = engine.cycle()
    assert not result.ok and result.kind == "internal"
    assert "Lỗi nội bộ" in result.error
    # The first page and its cursor are in; the second page is not, and neither is its cursor.
    assert _online_ids(svc) == {published[0]["dossier_id"]}
    client = SyncClient(central.url, central.token, NODE)
    rest = all_changes(client, "online_dossiers", cursors(svc)["online_dossiers"])
    assert [c.key for c in rest] == [p["dossier_id"] for p in published[1:]]

    monkeypatch.setattr(sync_apply_module, "apply_changes", real)
    assert engine.cycle().ok
    assert _online_ids(svc) == {p["dossier_id"] for p in published}
    assert not all_changes(client, "online_dossiers", cursors(svc)["online_dossiers"])
    with svc.reading() as s:
        assert s.get(SyncCursor, "online_dossiers").pulled == 3
    client.close()


def test_reset_required_takes_a_paged_snapshot_and_stores_its_cursor_with_the_last_page(
        svc, demo, central, sync_engine, monkeypatch):
    proc = _online_procedure(svc)
    published = [central.store.publish_online_dossier(NODE, procedure_code=proc.code, owner=dict(OWNER))]
    drain(sync_engine(svc), svc)  # every stream has a cursor now
    published += [central.store.publish_online_dossier(NODE, procedure_code=proc.code, owner=dict(OWNER))
                  for _ in range(3)]
    rows_before = len(outbox(svc))
    old = cursors(svc)["online_dossiers"]
    assert old
    central.store.new_epoch()

    recorder = Recorder()
    engine = sync_engine(svc, page_size=2, transport=recorder)
    real = sync_apply_module.apply_changes
    seen = {"pages": 0}

    def failing(s, stream, changes, *, now):
        if stream == "online_dossiers":
            seen["pages"] += 1
            if seen["pages"] == 2:
                raise RuntimeError("interrupted")
        return real(s, stream, changes, now=now)

    monkeypatch.setattr(sync_apply_module, "apply_changes", failing)
    assert not engine.cycle().ok
    with svc.reading() as s:
        row = s.get(SyncCursor, "online_dossiers")
        # Mid-snapshot: the page token and the snapshot's cursor are kept, the cursor is not moved.
        assert row.cursor == old and row.snapshot_token and row.snapshot_cursor
        token = row.snapshot_token
    assert len(_online_ids(svc)) < len(published)

    monkeypatch.setattr(sync_apply_module, "apply_changes", real)
    assert engine.cycle().ok
    snapshot_pages = [u.params.get("page") for u in recorder.urls if u.path.endswith("/online_dossiers/snapshot")]
    assert snapshot_pages[0] is None, "the snapshot did not start at its first page"
    assert token in snapshot_pages, "the interrupted snapshot did not resume at its page"
    with svc.reading() as s:
        row = s.get(SyncCursor, "online_dossiers")
        assert row.cursor and row.cursor != old and row.snapshot_token is None and row.snapshot_cursor is None
    assert _online_ids(svc) == {p["dossier_id"] for p in published}
    assert len(outbox(svc)) == rows_before, "the snapshot wrote the outbox"
    client = SyncClient(central.url, central.token, NODE)
    assert not all_changes(client, "online_dossiers", cursors(svc)["online_dossiers"])
    client.close()


# --- housekeeping --------------------------------------------------------------------------------


def test_purge_keeps_pending_and_rejected_rows_and_issues(svc, officer, clock, central, sync_engine):
    proc = pick_procedure(svc, days=5)
    receive(svc, officer, proc, n=3)
    engine = sync_engine(svc)
    drain(engine, svc)
    receive(svc, officer, proc)  # pending, never sent
    with svc.transaction() as s:  # a change the central refused, with its issue
        row = s.execute(sa.select(SyncOutbox).where(SyncOutbox.seq == 2)).scalar_one()
        row.state = "rejected"
        s.add(SyncIssue(kind="rejected", outbox_id=row.id, mutation_id=row.mutation_id, lane="case", seq=2,
                        reason_code="illegal_transition", message="Từ chối", state="open", created_at=svc.now()))

    assert engine.purge(svc.now()) == (0, 0), "recent acknowledgements are kept"
    clock.set(clock.now + timedelta(days=31))
    assert engine.purge(svc.now()) == (2, 1)
    assert [(r.seq, r.state) for r in outbox(svc, "case")] == [(2, "rejected"), (4, "pending")]
    assert len(issues(svc)) == 1


def test_queue_statistics_are_snapshots_sent_only_when_they_change(svc, demo, central, sync_engine):
    field = queue.list_fields(svc, only_open=True)[0].code
    queue.issue_ticket(svc, field, actor=KIOSK)
    queue.issue_ticket(svc, field, actor=KIOSK)
    now = svc.now()
    assert snapshot_telemetry(svc, now) == 1
    [row] = outbox(svc, "telemetry")
    assert row.operation == "queue.snapshot" and row.entity_id == f"2026-11-26:{field}"
    assert row.payload["issued"] == 2 and row.payload["waiting"] == 2 and row.payload["served"] == 0
    assert snapshot_telemetry(svc, now) == 0, "unchanged figures are not sent again"

    queue.issue_ticket(svc, field, actor=KIOSK)
    result = sync_engine(svc).cycle()  # the cycle snapshots before it pushes
    assert result.ok and result.telemetry == 1
    rows = outbox(svc, "telemetry")
    assert [r.payload["issued"] for r in rows] == [2, 3] and [r.state for r in rows] == ["acked", "acked"]
    assert snapshot_telemetry(svc, svc.now()) == 0
    assert outbox(svc, "case") == []


# --- the loop ------------------------------------------------------------------------------------


def test_backoff_is_capped_full_jitter_and_honours_retry_after(svc):
    engine = SyncEngine(svc, SyncConfig(server_url="http://127.0.0.1:9", token="t", node=NODE,
                                        backoff_multiplier=2.0, backoff_max=60.0))
    for attempt in (1, 2, 3, 5, 10, 30):
        samples = [engine.retry_delay(attempt) for _ in range(200)]
        ceiling = min(60.0, 2.0 * 2 ** (attempt - 1))
        assert all(0 <= d <= ceiling for d in samples)
        assert len(set(samples)) > 150, "no jitter"
        assert max(samples) > ceiling * 0.8 and min(samples) < ceiling * 0.2, "not full jitter"
    later = CycleResult(ok=False, kind="transient", retry_after=90.0)
    assert engine.retry_delay(1, later) >= 90.0
    assert engine.retry_delay(1, CycleResult(ok=False, kind="refused")) == 60.0
    engine.close()


def test_run_backs_off_persists_the_next_attempt_and_wake_cuts_the_wait(svc):
    with socket_closed_port() as port:
        recorder = Recorder()
        config = SyncConfig(server_url=f"http://127.0.0.1:{port}", token="secret-token", node=NODE, timeout=1.0,
                            backoff_multiplier=100_000.0, backoff_max=200_000.0, interval=30.0)
        engine = SyncEngine(svc, config, client=SyncClient(config.server_url, config.token, NODE,
                                                           timeout=1.0, transport=recorder))
        stop, wake = threading.Event(), threading.Event()
        thread = threading.Thread(target=engine.run, args=(stop, wake), daemon=True)
        thread.start()
        try:
            meta = _wait_for(lambda: worker_meta(svc) if worker_meta(svc).get("next_attempt_at") else None)
            delay = (_dt(meta["next_attempt_at"]) - svc.now()).total_seconds()
            assert 0 <= delay <= 100_000
            assert meta["online"] is False and "Không kết nối được" in meta["last_error"]
            attempts = len(recorder.requests)
            time.sleep(0.3)
            assert len(recorder.requests) == attempts, "the worker did not wait"
            wake.set()
            _wait_for(lambda: len(recorder.requests) > attempts or None)
        finally:
            stop.set()
            wake.set()
            thread.join(10)
        assert not thread.is_alive()
        assert worker_meta(svc)["holder"] == ""
        engine.client.close()


def _dt(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text)


def _wait_for(probe, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("timed out")


class socket_closed_port:
    """A local port nobody listens on (bound, then closed)."""

    def __enter__(self) -> int:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc) -> None:
        pass
