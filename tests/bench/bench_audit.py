"""Benchmark (not a timed test): what the audit hash chain costs a write transaction when
many counters write at once, and how long `audit verify` takes.

    .venv/bin/python -m tests.bench.bench_audit [--backend sqlite|postgresql|both] [--writers 20]
        [--seconds 15] [--pause 0.3 1.2] [--verify-rows 200000]

--writers processes each run short write transactions in a loop (a counter-row increment of
their own, like a queue call, every 0.3–1.2 s as bench_queue's counters; --pause MIN MAX to
change it), alternating a transaction with one audit
entry and one without; each is timed. The difference is the cost of the chain: the entries
are chained at commit under the head row's lock. Then the chain is checked (verify() must
be OK, no fork, no gap), and verify is timed on --verify-rows entries.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.bench.bench_intake import make_database, pct


def _writer(url, n, seconds, pause, start, out):
    from counter_app.services import authz
    from counter_app.services.context import Services
    from counter_app.services.journal import audit
    from counter_app.store.sequences import next_value

    svc = Services(url, archive_dir="/tmp", migrate_on_start=False)
    actor = authz.operator(f"bench{n}")
    start.wait(60)
    rng = random.Random(n)
    lat = {True: [], False: []}
    end, i = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        time.sleep(rng.uniform(*pause))
        with_audit = i % 2 == 0
        t0 = time.perf_counter()
        with svc.transaction() as s:
            value = next_value(s, f"bench:{n}")
            if with_audit:
                audit(s, actor, "bench.write", at=datetime.now(UTC), entity_type="bench", entity_id=str(n),
                      details={"value": value}, before={"value": value - 1}, after={"value": value})
        if i >= 4:  # the first ones of each process warm up (imports, statement caches, connections)
            lat[with_audit].append((time.perf_counter() - t0) * 1000)
        i += 1
    out.put(lat)
    svc.close()


def bench(backend: str, writers: int, seconds: float, verify_rows: int, pause: tuple[float, float]) -> dict:
    from counter_app.services import audit, authz
    from counter_app.services.context import Services
    from counter_app.services.journal import audit as write_audit

    with tempfile.TemporaryDirectory() as tmp:
        url, drop = make_database(backend, Path(tmp))
        try:
            svc = Services(url, archive_dir=Path(tmp) / "a")
            ctx = mp.get_context("spawn")
            start, out = ctx.Event(), ctx.Queue()
            procs = [ctx.Process(target=_writer, args=(url, n, seconds, pause, start, out)) for n in range(writers)]
            for p in procs:
                p.start()
            time.sleep(3)
            start.set()
            lat = {True: [], False: []}
            for _ in procs:
                got = out.get(timeout=seconds + 120)
                lat[True] += got[True]
                lat[False] += got[False]
            for p in procs:
                p.join(30)
            result = audit.verify(svc, authz.operator("bench"))
            assert result.ok, result.lines("en")
            chained = result.checked
            # verify on a larger trail
            actor, now, filled = authz.operator("bench"), datetime.now(UTC), chained
            while filled < verify_rows:
                batch = min(5000, verify_rows - filled)
                with svc.transaction() as s:
                    for k in range(batch):
                        write_audit(s, actor, "bench.fill", at=now, entity_type="dossier", entity_id=str(k),
                                    details={"code": f"C-{k}", "procedure": "1.0001"})
                filled += batch
            t0 = time.perf_counter()
            final = audit.verify(svc, actor)
            verify_s = time.perf_counter() - t0
            assert final.ok
            svc.close()
        finally:
            drop()
    return {
        "writes": len(lat[True]) + len(lat[False]), "chained": chained,
        "with_median": statistics.median(lat[True]), "with_p95": pct(lat[True], 95),
        "without_median": statistics.median(lat[False]), "without_p95": pct(lat[False], 95),
        "verify_rows": final.checked, "verify_s": verify_s,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--writers", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--verify-rows", type=int, default=200_000)
    ap.add_argument("--pause", type=float, nargs=2, default=(0.3, 1.2), metavar=("MIN", "MAX"),
                    help="seconds between two transactions of a writer (default 0.3 1.2, as bench_queue's counters)")
    args = ap.parse_args()
    backends = ("postgresql", "sqlite") if args.backend == "both" else (args.backend,)
    print(f"{args.writers} writers, {args.seconds:.0f} s each, a transaction every {args.pause[0]}–{args.pause[1]} s")
    print(f"{'backend':<11} {'writes':>6} {'audit med':>10} {'audit p95':>10} {'plain med':>10} {'plain p95':>10} "
          f"{'verify':>16}")
    for b in backends:
        r = bench(b, args.writers, args.seconds, args.verify_rows, tuple(args.pause))
        print(f"{b:<11} {r['writes']:>6} {r['with_median']:>8.1f}ms {r['with_p95']:>8.1f}ms "
              f"{r['without_median']:>8.1f}ms {r['without_p95']:>8.1f}ms "
              f"{r['verify_rows']:>7} in {r['verify_s']:.1f} s")


if __name__ == "__main__":
    main()
