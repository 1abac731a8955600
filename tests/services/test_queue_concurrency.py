"""Many kiosks and counters at once (DESIGN §3): distinct gap-free numbers, each ticket called
exactly once, never two tickets in service at one counter — on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import Counter as Tally
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from counter_app.services import queue
from counter_app.store.models import QueueCall, Ticket

from tests.helpers import KIOSK
from tests.conftest import FrozenClock

ISSUERS, PER_ISSUER, CALLERS = 8, 50, 6
NOW = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)


def _issuer(url, field_codes, n, start, out):
    from counter_app.services.context import Services

    svc = Services(url, archive_dir="/tmp", clock=FrozenClock(NOW), migrate_on_start=False)
    start.wait(60)
    numbers = [queue.issue_ticket(svc, field_codes[(n + i) % len(field_codes)], actor=KIOSK).number for i in range(PER_ISSUER)]
    out.put(("issued", numbers))
    svc.close()


def _caller(url, counter_number, start, stop, out):
    from counter_app.domain.errors import DomainError
    from counter_app.services.context import Actor, Services

    svc = Services(url, archive_dir="/tmp", clock=FrozenClock(NOW), migrate_on_start=False)
    actor = Actor(None, f"counter{counter_number}", f"Quầy {counter_number}", "officer", counter_number)
    start.wait(60)
    called, overlaps = [], 0
    idle_rounds = 0
    while True:
        try:
            t = queue.call_next(svc, actor)
        except DomainError as exc:  # counter_busy would mean a ticket leaked between calls
            overlaps += exc.code == "counter_busy"
            t = None
        if t is None:
            if stop.is_set():
                idle_rounds += 1
                if idle_rounds > 3:
                    break
            time.sleep(0.01)
            continue
        called.append(t.number)
        queue.finish(svc, actor)
    out.put(("called", counter_number, called, overlaps))
    svc.close()


@pytest.mark.slow
def test_eight_kiosks_and_six_counters_at_once(svc, demo):
    field_codes = [f.code for f in queue.list_fields(svc)][:3]
    ctx = mp.get_context("spawn")
    start, stop, out = ctx.Event(), ctx.Event(), ctx.Queue()
    issuers = [ctx.Process(target=_issuer, args=(svc.database_url, field_codes, n, start, out)) for n in range(ISSUERS)]
    # Counters 1-4 exist in the demo centre; 5 and 6 are added for this test.
    from counter_app.store.models import Counter, Site

    with svc.transaction() as s:
        site = s.execute(sa.select(Site)).scalar_one()
        for n in (5, 6):
            s.add(Counter(site_id=site.id, number=n, name=f"Quầy {n}", active=True))
    callers = [ctx.Process(target=_caller, args=(svc.database_url, c, start, stop, out)) for c in range(1, CALLERS + 1)]
    for p in issuers + callers:
        p.start()
    start.set()
    issued, called, overlaps = [], Tally(), 0
    for _ in issuers:
        kind, numbers = out.get(timeout=300)
        issued += numbers
    stop.set()
    for _ in callers:
        kind, counter, numbers, busy = out.get(timeout=300)
        called.update(numbers)
        overlaps += busy
    for p in issuers + callers:
        p.join(60)
        assert p.exitcode == 0

    assert len(issued) == ISSUERS * PER_ISSUER == len(set(issued))
    by_prefix = Tally(n[:-3] for n in issued)
    for prefix, count in by_prefix.items():
        seqs = sorted(int(n[-3:]) for n in issued if n[:-3] == prefix)
        assert seqs == list(range(1, count + 1)), f"gap or duplicate in {prefix}"
    assert set(called) == set(issued), "a ticket was lost or invented"
    assert all(v == 1 for v in called.values()), "a ticket was called twice"
    assert overlaps == 0
    with svc.reading() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(QueueCall)).scalar_one() == len(issued)
        statuses = Tally(s.execute(sa.select(Ticket.status)).scalars())
        assert statuses == {"done": len(issued)}
