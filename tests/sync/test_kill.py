"""kill -9 of the sync worker at each step, then a restart (SYNC.md "How it is proved").

The central server runs in the test process (real HTTP on 127.0.0.1); the worker runs in a
subprocess (tests/sync/_worker_main.py) with COUNTER_APP_SYNC_KILL_AT=<step>, so the engine
SIGKILLs it at that step: after_freeze (a batch frozen and committed, not sent), after_send
(the request went out), after_response (the answer is in, the acks are not committed),
mid_pull_page (a pulled page applied, its cursor not committed: same transaction). Then the
worker runs again without the variable until drained. The site database is SQLite or
PostgreSQL. After the kill and after the restart the guarantees hold: nothing lost, each
change applied once and in order, a frozen batch resent as the same bytes under the same key,
and no stored cursor ahead of the data it covers.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.services import handover, intake, lifecycle
from counter_app.services.handover import Collector
from tests.helpers import intake_request, pick_procedure
from tests.sync._checks import (
    NODE,
    batch,
    check_converged,
    check_cursor_not_ahead,
    central_reader,
    check_cursors_current,
    check_lanes,
    cursors,
    drain,
    frozen_batches,
    local_dossiers,
    new_engine,
    outbox,
    sync_config,
)
from tests.sync._fixtures import central_server, officer, svc, synced_site, synced_templates  # noqa: F401

WORKER = Path(__file__).with_name("_worker_main.py")
STEPS = ("after_freeze", "after_send", "after_response", "mid_pull_page")
BATCH, PAGE = 3, 2


def run_worker(svc, server, token, *, kill_at: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COUNTER_APP_SYNC_KILL_AT"}
    if kill_at:
        env["COUNTER_APP_SYNC_KILL_AT"] = kill_at
    return subprocess.run(
        [sys.executable, str(WORKER), svc.database_url, server.url, token, NODE,
         "--batch-size", str(BATCH), "--page-size", str(PAGE), "--timeout", "10"],
        env=env, capture_output=True, text=True, timeout=timeout, cwd=Path(__file__).parents[2])


def killed(proc: subprocess.CompletedProcess) -> bool:
    return proc.returncode == -signal.SIGKILL


def restart_until_drained(svc, server, token) -> dict:
    proc = run_worker(svc, server, token)
    assert proc.returncode == 0, f"the restarted worker did not drain: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def counter_work(svc, officer, proc, n: int = 4) -> list[str]:
    codes = [intake.receive_dossier(svc, officer, intake_request(proc)).code for _ in range(n)]
    lifecycle.transition(svc, officer, codes[0], 4)
    lifecycle.transition(svc, officer, codes[0], 9)
    handover.hand_over(svc, officer, codes[0], collector=Collector("owner"))
    lifecycle.transition(svc, officer, codes[1], 4)
    return codes


def back_office(store, codes: list[str]) -> None:
    """The back office moves dossiers the site does not touch: several pages to pull."""
    for code in codes:
        store.advance(code, 4, reason="Chuyển phòng chuyên môn")
    store.advance(codes[0], 9, reason="Đã có kết quả")


@pytest.mark.parametrize("step", STEPS)
def test_kill_9_at_each_step_then_restart_loses_nothing_and_applies_once(svc, officer, clock, central_server, step):
    server, token = central_server
    store = server.store
    proc = pick_procedure(svc, days=5)
    # Yesterday: dossiers the central knows and only the back office will move.
    base = [intake.receive_dossier(svc, officer, intake_request(proc)).code for _ in range(5)]
    drain(new_engine(svc, sync_config(server.url, token, batch_size=BATCH, page_size=PAGE)), svc, clock)
    cursor_before = cursors(svc)
    applied_before = store.lane_state(NODE, "case")

    # Today: counter work to push, back-office progress to pull.
    today = counter_work(svc, officer, proc)
    back_office(store, base)
    first = store.lane_state(NODE, "case") + 1  # the first seq of today's work

    run = run_worker(svc, server, token, kill_at=step)
    assert killed(run), f"the worker was not killed at {step}: rc={run.returncode}\n{run.stdout}\n{run.stderr[-3000:]}"

    # At the moment of the kill the guarantees already hold (nothing pending is lost, nothing twice).
    check_lanes(svc, store, NODE, drained=False)
    base_ids = {local_dossiers(svc)[c]["id"] for c in base}
    client = central_reader(server)
    check_cursor_not_ahead(svc, client, strict_ids=base_ids)
    frozen = frozen_batches(svc)
    if step == "after_freeze":
        assert frozen, "killed after freezing, yet no frozen batch was committed"
        assert store.lane_state(NODE, "case") == applied_before, "killed before sending, yet the server applied"
    if step in ("after_send", "after_response"):
        assert frozen, f"killed {step}: the batch in flight must still be frozen (its acks uncommitted)"
        assert any(r.state == "pending" and r.seq >= first for r in outbox(svc, "case"))
    if step == "mid_pull_page":
        # The push completed; the page applied in the killed transaction is gone with its cursor.
        assert not [r for r in outbox(svc, "case") if r.state == "pending"]
        assert cursors(svc).get("dossier_status", "") == cursor_before.get("dossier_status", "")
        assert [local_dossiers(svc)[c]["status"] for c in base] == [2] * len(base)

    out = restart_until_drained(svc, server, token)
    assert out["ok"] and out["pending"] == 0

    check_lanes(svc, store, NODE, drained=True)
    check_converged(svc, store, NODE)
    check_cursors_current(svc, client)
    check_cursor_not_ahead(svc, client, strict_ids=base_ids)
    local = local_dossiers(svc)
    assert [local[c]["status"] for c in base] == [9, 4, 4, 4, 4], "back-office progress published before the kill was lost"
    assert local[today[0]]["status"] == 10 and store.dossier(today[0])["status"] == 10
    # A batch frozen before the kill went out as the same bytes under the same key.
    for b in frozen:
        after = batch(svc, b["id"])
        assert after is not None and after["state"] == "done" and after["body_sha256"] == b["body_sha256"]
        rows = [r for r in outbox(svc, b["lane"]) if b["first_seq"] <= r.seq <= b["last_seq"]]
        assert rows and {r.batch_id for r in rows} == {b["id"]}, "the rows of a frozen batch were re-frozen"


@pytest.mark.slow
def test_kill_9_at_random_steps_in_a_row(svc, officer, clock, central_server):
    """Five kills in a row at random steps, work arriving on both sides between them; one clean
    restart drains everything."""
    server, token = central_server
    store = server.store
    proc = pick_procedure(svc, days=5)
    base = [intake.receive_dossier(svc, officer, intake_request(proc)).code for _ in range(6)]
    drain(new_engine(svc, sync_config(server.url, token, batch_size=BATCH, page_size=PAGE)), svc, clock)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    client = central_reader(server)
    base_ids = {local_dossiers(svc)[c]["id"] for c in base}
    moved: dict[str, int] = {}
    survived = 0
    steps = []
    for i in range(5):
        step = rng.choice(STEPS)
        steps.append(step)
        counter_work(svc, officer, proc, n=2)
        code = base[i]
        store.advance(code, 4)
        moved[code] = 4
        run = run_worker(svc, server, token, kill_at=step)
        assert killed(run), f"iteration {i} ({step}, seed {seed}): rc={run.returncode}\n{run.stdout}\n{run.stderr[-3000:]}"
        check_lanes(svc, store, NODE, drained=False)
        check_cursor_not_ahead(svc, client, strict_ids=base_ids)
        survived += 1
    restart_until_drained(svc, server, token)
    check_lanes(svc, store, NODE, drained=True)
    check_converged(svc, store, NODE)
    check_cursors_current(svc, client)
    local = local_dossiers(svc)
    assert all(local[c]["status"] == s for c, s in moved.items())
    print(f"\nkill -9 iterations survived: {survived} in a row (steps {steps}, seed {seed}, {svc.backend})")
