"""Many counters saving at the same instant never share a dossier code (DESIGN §3)."""

from __future__ import annotations

import multiprocessing as mp
from datetime import UTC, datetime

import pytest

from counter_app.services import intake
from tests.conftest import FrozenClock
from tests.helpers import intake_request, pick_procedure

PROCESSES = 8
PER_PROCESS = 25


def _counter_worker(url: str, archive: str, number: int, start, results) -> None:
    from counter_app.services.context import Actor, Services

    svc = Services(url, archive_dir=archive, clock=FrozenClock(datetime(2026, 11, 26, 2, 30, tzinfo=UTC)),
                   migrate_on_start=False)
    actor = Actor(None, f"counter{number}", f"Quầy {number}", "officer", number)
    proc = pick_procedure(svc, days=5)
    start.wait(30)
    codes = [intake.receive_dossier(svc, actor, intake_request(proc)).code for _ in range(PER_PROCESS)]
    results.put(codes)
    svc.close()


@pytest.mark.slow
def test_eight_counters_at_once_get_200_distinct_gap_free_codes(svc, demo, tmp_path):
    ctx = mp.get_context("spawn")
    start = ctx.Event()
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_counter_worker, args=(svc.database_url, str(tmp_path / "a"), n, start, results))
        for n in range(1, PROCESSES + 1)
    ]
    for p in procs:
        p.start()
    start.set()
    codes = []
    for _ in procs:
        codes.extend(results.get(timeout=180))
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert len(codes) == PROCESSES * PER_PROCESS
    assert len(set(codes)) == len(codes)
    seqs = sorted(int(c.rsplit("-", 1)[1]) for c in codes)
    assert seqs == list(range(1, PROCESSES * PER_PROCESS + 1))
    assert {c.rsplit("-", 1)[0] for c in codes} == {"000.00.06.H56-261126"}
