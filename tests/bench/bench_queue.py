"""Benchmark (not a timed test): issue and call latency with 20 counters + a kiosk at once.

    .venv/bin/python -m tests.bench.bench_queue [--backend sqlite|postgresql|both] [--seconds 20]

20 counter processes and a kiosk process work at once against one database: the kiosk issues
a ticket every 0.15 s (~7 a second, far above a real hall) and each counter calls the next
ticket every 0.3–1.2 s (random) and finishes it, so calls from different counters often
coincide. Every issue and call is timed. Prints median/p95 per backend and checks
there are 0 duplicate numbers and 0 double calls. Budget (DESIGN §7): p95 < 50 ms on
PostgreSQL, 0 duplicates. With --display also measures call → display board latency.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import tempfile
import time
from collections import Counter as Tally
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from tests.bench.bench_intake import make_database, pct
from tests.helpers import KIOSK

COUNTERS = 20


def _kiosk(url, fields, seconds, start, out):
    from counter_app.services import queue
    from counter_app.services.context import Services

    svc = Services(url, archive_dir="/tmp", migrate_on_start=False)
    start.wait(60)
    lat, numbers, end, i = [], [], time.monotonic() + seconds, 0
    while time.monotonic() < end:
        t0 = time.perf_counter()
        numbers.append(queue.issue_ticket(svc, fields[i % len(fields)], actor=KIOSK).number)
        lat.append((time.perf_counter() - t0) * 1000)
        i += 1
        time.sleep(0.15)
    out.put(("kiosk", lat, numbers))
    svc.close()


def _counter(url, number, seconds, start, out):
    from counter_app.services import queue
    from counter_app.services.context import Actor, Services

    svc = Services(url, archive_dir="/tmp", migrate_on_start=False)
    actor = Actor(None, f"bench{number}", f"Quầy {number}", "officer", number)
    start.wait(60)
    rng = random.Random(number)
    lat, called, end = [], [], time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(rng.uniform(0.3, 1.2))
        t0 = time.perf_counter()
        t = queue.call_next(svc, actor)
        lat.append((time.perf_counter() - t0) * 1000)
        if t is not None:
            called.append(t.number)
            queue.finish(svc, actor)
    out.put(("counter", lat, called))
    svc.close()


def bench(backend: str, seconds: float) -> dict:
    from counter_app.services import queue, setup
    from counter_app.services.context import Services
    from counter_app.store.models import Counter, Site

    with tempfile.TemporaryDirectory() as tmp:
        url, drop = make_database(backend, Path(tmp))
        try:
            svc = Services(url, archive_dir=Path(tmp) / "a")
            setup.init_demo(svc)
            with svc.transaction() as s:
                site = s.execute(sa.select(Site)).scalar_one()
                for n in range(5, COUNTERS + 1):
                    s.add(Counter(site_id=site.id, number=n, name=f"Quầy {n}", active=True))
            fields = [f.code for f in queue.list_fields(svc)][:4]
            ctx = mp.get_context("spawn")
            start, out = ctx.Event(), ctx.Queue()
            procs = [ctx.Process(target=_kiosk, args=(url, fields, seconds, start, out))]
            procs += [ctx.Process(target=_counter, args=(url, n, seconds, start, out)) for n in range(1, COUNTERS + 1)]
            for p in procs:
                p.start()
            time.sleep(3)  # let every process import and connect
            start.set()
            issue_lat, call_lat, issued, called = [], [], [], Tally()
            for _ in procs:
                kind, lat, numbers = out.get(timeout=seconds + 120)
                if kind == "kiosk":
                    issue_lat, issued = lat, numbers
                else:
                    call_lat += lat
                    called.update(numbers)
            for p in procs:
                p.join(30)
            svc.close()
        finally:
            drop()
    return {
        "issued": len(issued), "duplicates": len(issued) - len(set(issued)),
        "double_calls": sum(v - 1 for v in called.values() if v > 1), "called": sum(called.values()),
        "issue_median": statistics.median(issue_lat), "issue_p95": pct(issue_lat, 95),
        "call_median": statistics.median(call_lat), "call_p95": pct(call_lat, 95),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--display", action="store_true", help="also measure call -> display board latency")
    args = ap.parse_args()
    backends = ("postgresql", "sqlite") if args.backend == "both" else (args.backend,)
    print(f"{COUNTERS} counters + 1 kiosk, {args.seconds:.0f} s each")
    print(f"{'backend':<11} {'issued':>6} {'called':>6} {'dup':>4} {'2x':>3} {'issue med':>10} {'issue p95':>10} "
          f"{'call med':>9} {'call p95':>9}")
    for b in backends:
        r = bench(b, args.seconds)
        print(f"{b:<11} {r['issued']:>6} {r['called']:>6} {r['duplicates']:>4} {r['double_calls']:>3} "
              f"{r['issue_median']:>8.1f}ms {r['issue_p95']:>8.1f}ms {r['call_median']:>7.1f}ms {r['call_p95']:>7.1f}ms")
    if args.display:
        from counter_app.ui.display.bench import measure_call_to_display

        for b in backends:
            with tempfile.TemporaryDirectory() as tmp:
                url, drop = make_database(b, Path(tmp))
                try:
                    lat = measure_call_to_display(url, 20)
                finally:
                    drop()
            print(f"call -> display ({b}): median {statistics.median(lat):.0f} ms, p95 {pct(lat, 95):.0f} ms")


if __name__ == "__main__":
    main()
