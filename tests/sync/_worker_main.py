"""The sync worker as its own process, for the kill -9 tests and the backlog benchmark.

    python tests/sync/_worker_main.py DB_URL SERVER_URL TOKEN NODE [--batch-size N] [--page-size N]
                                      [--timeout S] [--max-cycles N] [--archive DIR]

Takes the site's worker lock (as `counter-app sync` does), then runs SyncEngine.cycle() until
nothing is pending or frozen and a cycle ends well (or --max-cycles), and prints one JSON line:
{"cycles", "pending", "ok", "seconds"}. Exit 0 when drained, 1 when not, 3 when another worker
holds the lock. With COUNTER_APP_SYNC_KILL_AT=<step> in the environment the engine SIGKILLs
this process at that step (returncode -9 for the parent).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("db_url")
    p.add_argument("server_url")
    p.add_argument("token")
    p.add_argument("node")
    p.add_argument("--batch-size", type=int, default=200)
    p.add_argument("--page-size", type=int, default=500)
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--max-cycles", type=int, default=50)
    p.add_argument("--archive", default=None)
    args = p.parse_args(argv)

    import sqlalchemy as sa

    from counter_app.services.context import Services
    from counter_app.services.sync_engine import SyncConfig, SyncEngine
    from counter_app.store.locks import WorkerLock
    from counter_app.store.models import SyncBatch, SyncOutbox

    archive = Path(args.archive) if args.archive else Path(tempfile.mkdtemp(prefix="sync-worker-"))
    svc = Services(args.db_url, archive_dir=archive, migrate_on_start=False)
    lock = WorkerLock(svc.engine, "sync")
    if not lock.acquire():
        print(json.dumps({"error": "locked"}), flush=True)
        return 3
    config = SyncConfig(server_url=args.server_url, token=args.token, node=args.node, timeout=args.timeout,
                        batch_size=args.batch_size, page_size=args.page_size,
                        backoff_multiplier=0.01, backoff_max=0.05)
    engine = SyncEngine(svc, config)

    def left() -> tuple[int, int]:
        with svc.reading() as s:
            n = s.execute(sa.select(sa.func.count()).select_from(SyncOutbox).where(SyncOutbox.state == "pending")).scalar_one()
            f = s.execute(sa.select(sa.func.count()).select_from(SyncBatch).where(SyncBatch.state == "frozen")).scalar_one()
        return int(n), int(f)

    t0 = time.perf_counter()
    ok = False
    cycles = 0
    try:
        for cycles in range(1, args.max_cycles + 1):
            result = engine.cycle()
            good = bool(getattr(result, "ok", True))
            if good and left() == (0, 0):
                ok = True
                break
            time.sleep(0.05)
    finally:
        lock.release()
        n, _ = left()
        print(json.dumps({"cycles": cycles, "pending": n, "ok": ok, "seconds": round(time.perf_counter() - t0, 3)}),
              flush=True)
        svc.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
