"""Benchmark (not a timed test): dossier search on a realistic history of 1,000,000 dossiers.

    .venv/bin/python -m tests.bench.bench_search --backend sqlite -n 1000000
    .venv/bin/python -m tests.bench.bench_search --backend postgres -n 1000000

Budget (DESIGN §7): search by code, by ID number and by accent-free name, 1,000,000 dossiers,
p95 < 100 ms, on SQLite and on PostgreSQL.

Builds a fresh database through the app's own migrations (Services → migrate.ensure_current),
sets up the demo centre, generates the history (tests/bench/history.py: ~5 years of receipts,
bulk-inserted with the name-search triggers and indexes live), then times `--searches` calls
of services.search.search_dossiers (limit 100, the desk's default) per kind of query, end to
end: classification, SQL, masking, result objects. Prints median / p95 / max per kind, the
generation time and the database size.

The budgeted kinds are code, ID number and full name typed in lower case without accents.
The others are printed for information: a partial name, a phone in +84 form, a surname alone
(a dense match: "nguyen" is ~38 % of the names), a partial code (agency + date), a name with
a status filter, and the supervisor's filter-only lists (overdue, due today).

PostgreSQL: uses a database of its own, `counter_bench` (dropped first if left over, dropped
at the end unless --keep), on the server of COUNTER_APP_TEST_PG_URL; never the test database.
SQLite: a file in a temporary folder (or --db PATH to keep it; --reuse to search it again).
After the load, PostgreSQL gets VACUUM ANALYZE (what autovacuum does on its own shortly
after a bulk load); SQLite gets nothing: the app does not ANALYZE its file, and the search
must not depend on it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

PG_URL = os.environ.get("COUNTER_APP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PG_BENCH_DB = "counter_bench"
# The history ends here (a Thursday, 15:40 in Hà Nội); the services' clock is frozen on it.
END = datetime(2026, 11, 26, 8, 40, tzinfo=UTC)
BUDGET_MS = 100.0
BUDGETED = ("code", "id_number", "full_name")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def _pg_admin() -> sa.Engine:
    return sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")


def _pg_url(name: str) -> str:
    return sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _drop_pg(name: str) -> None:
    admin = _pg_admin()
    with admin.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def database_size(engine: sa.Engine) -> int:
    if engine.dialect.name == "sqlite":
        path = Path(engine.url.database)
        return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    with engine.connect() as c:
        return c.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()


def _partial_name(folded: str, rng: random.Random) -> str:
    words = folded.split()
    surname, given = words[0], words[-1]
    choice = rng.randrange(4)
    if choice == 0 or len(words) < 3:
        return f"{surname} {given}"                      # "nguyen huong"
    if choice == 1:
        return f"{words[1]} {given}"                     # "thi huong"
    if choice == 2:
        return f"{given} {surname}"                      # "huong nguyen" (order-insensitive)
    return f"{surname} {words[1]} {given[:max(1, len(given) - 2)]}"  # "nguyen thi hu"


def _plus84(phone: str) -> str:
    return f"+84 {phone[1:4]} {phone[4:7]} {phone[7:]}"


def queries(samples, n: int, seed: int) -> dict[str, list[tuple[str, object]]]:
    """kind -> [(query, filters)]."""
    from counter_app.domain.status import DossierStatus
    from counter_app.services.search import SearchFilters

    rng = random.Random(seed)
    none = SearchFilters()
    pick = [rng.choice(samples) for _ in range(n)]
    phones = [s for s in samples if s.owner_phone]
    active = SearchFilters(statuses=(DossierStatus.RECEIVED, DossierStatus.PROCESSING,
                                     DossierStatus.SUPPLEMENT_REQUESTED, DossierStatus.AWAITING_PAYMENT))
    surnames = ["nguyen", "tran", "le", "pham", "hoang", "phan", "vo", "dang", "bui", "do"]
    return {
        "code": [(s.code, none) for s in pick],
        "id_number": [(s.owner_id_number, none) for s in pick],
        "full_name": [(s.owner_name_folded, none) for s in pick],
        "partial_name": [(_partial_name(s.owner_name_folded, rng), none) for s in pick],
        "phone_+84": [(_plus84(rng.choice(phones).owner_phone), none) for _ in range(n)],
        "surname_only": [(rng.choice(surnames), none) for _ in range(n)],
        "partial_code": [(s.code[:20], none) for s in pick],                # "000.00.06.H56-231027"
        "name+status": [(s.owner_name_folded, active) for s in pick],
        "list_overdue": [("", SearchFilters(overdue=True)) for _ in range(max(20, n // 10))],
        "list_due_today": [("", SearchFilters(due_today=True)) for _ in range(max(20, n // 10))],
    }


def time_searches(svc, plan: dict[str, list[tuple[str, object]]]) -> dict[str, dict]:
    from counter_app.services.search import search_dossiers

    for kind, items in plan.items():  # warm-up: connection pool, statement caches, page cache
        for q, f in items[:10]:
            search_dossiers(svc, q, f)
    out = {}
    for kind, items in plan.items():
        times, found = [], []
        for q, f in items:
            t0 = time.perf_counter()
            rows = search_dossiers(svc, q, f)
            times.append((time.perf_counter() - t0) * 1000)
            found.append(len(rows))
        out[kind] = {"n": len(times), "median": statistics.median(times), "p95": pct(times, 95),
                     "max": max(times), "found_median": statistics.median(found),
                     "found_zero": sum(1 for x in found if x == 0)}
    return out


def run(backend: str, n: int, searches: int, seed: int, db: str | None, keep: bool, reuse: bool,
        log: Callable[[str], None]) -> dict:
    from counter_app.services import setup
    from counter_app.services.context import Services
    from counter_app.store.models import Dossier
    from tests.bench import history

    tmp = tempfile.TemporaryDirectory()
    if backend == "sqlite":
        path = Path(db) if db else Path(tmp.name) / "bench.sqlite3"
        if path.exists() and not reuse:
            for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                p.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        name = db or PG_BENCH_DB
        if not reuse:
            _drop_pg(name)
            admin = _pg_admin()
            with admin.connect() as c:
                c.execute(sa.text(f'CREATE DATABASE "{name}"'))
            admin.dispose()
        url = _pg_url(name)
    result: dict = {"backend": backend}
    svc = None
    try:
        t0 = time.perf_counter()
        svc = Services(url, archive_dir=Path(tmp.name) / "archive", clock=lambda: END)
        with svc.reading() as s:
            existing = s.execute(sa.select(sa.func.count()).select_from(Dossier)).scalar_one()
        result["migrate_s"] = time.perf_counter() - t0
        if reuse and existing:
            log(f"[{backend}] reusing {existing:,} dossiers")
            result["rows"] = existing
            samples = _samples_from_db(svc, seed)
        else:
            setup.init_demo(svc)
            last = [time.perf_counter()]

            def progress(done: int) -> None:
                if time.perf_counter() - last[0] > 15:
                    last[0] = time.perf_counter()
                    log(f"[{backend}]   {done:,} dossiers …")

            log(f"[{backend}] generating {n:,} dossiers …")
            h = history.generate(svc.engine, n=n, end=END, seed=seed, progress=progress)
            result.update(rows=h.rows, generate_s=h.seconds, days=h.days, first_day=h.first_day,
                          last_day=h.last_day, statuses=h.status_counts)
            log(f"[{backend}] {h.rows:,} dossiers over {h.days} working days "
                f"({h.first_day} – {h.last_day}) in {h.seconds:.0f} s ({h.rows / h.seconds:,.0f}/s)")
            t1 = time.perf_counter()
            if backend != "sqlite":
                with svc.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.exec_driver_sql("VACUUM ANALYZE")
            result["analyze_s"] = time.perf_counter() - t1
            samples = h.samples
        result["size_mb"] = database_size(svc.engine) / 1e6
        log(f"[{backend}] database size {result['size_mb']:,.0f} MB")
        plan = queries(samples, searches, seed)
        result["timings"] = time_searches(svc, plan)
        return result
    finally:
        if svc is not None:
            svc.close()
        if backend != "sqlite" and not keep:
            _drop_pg(db or PG_BENCH_DB)
        tmp.cleanup()


def _samples_from_db(svc, seed: int, k: int = 5000):
    """A random sample of existing dossiers (for --reuse)."""
    from counter_app.store.models import Dossier
    from tests.bench.history import Sample

    with svc.reading() as s:
        total = s.execute(sa.select(sa.func.count()).select_from(Dossier)).scalar_one()
        rng = random.Random(seed)
        step = max(1, total // k)
        rows = s.execute(
            sa.select(Dossier.code, Dossier.owner_name, Dossier.owner_name_folded, Dossier.owner_id_number,
                      Dossier.owner_phone, Dossier.received_at).order_by(Dossier.code)
            .offset(rng.randrange(step)).limit(k * step)
        ).all()
    return [Sample(*r) for r in rows[::step]]


def report(result: dict) -> str:
    lines = [f"\n== {result['backend']}: {result.get('rows', 0):,} dossiers, "
             f"{result.get('size_mb', 0):,.0f} MB on disk"]
    if "generate_s" in result:
        lines.append(f"   generation {result['generate_s']:.0f} s ({result['rows'] / result['generate_s']:,.0f} dossiers/s), "
                     f"{result['days']} working days {result['first_day']} – {result['last_day']}"
                     + (f"; VACUUM ANALYZE {result['analyze_s']:.0f} s" if result.get("analyze_s", 0) >= 0.5 else ""))
        lines.append(f"   statuses {result['statuses']}")
    lines.append(f"   {'kind':<16}{'n':>5}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}{'rows (med)':>12}{'no hit':>8}")
    for kind, t in result["timings"].items():
        flag = ""
        if kind in BUDGETED:
            flag = "  ok" if t["p95"] < BUDGET_MS else "  OVER BUDGET"
        lines.append(f"   {kind:<16}{t['n']:>5}{t['median']:>11.1f}{t['p95']:>9.1f}{t['max']:>9.1f}"
                     f"{t['found_median']:>12.0f}{t['found_zero']:>8}{flag}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--backend", choices=["sqlite", "postgres", "postgresql", "both"], default="both")
    ap.add_argument("-n", type=int, default=1_000_000, help="dossiers to generate (default 1,000,000)")
    ap.add_argument("--searches", type=int, default=300, help="searches timed per kind (default 300)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", help="SQLite file path / PostgreSQL database name to use (default: temporary / counter_bench)")
    ap.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    ap.add_argument("--reuse", action="store_true", help="search the existing --db instead of generating")
    args = ap.parse_args(argv)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [
        "postgresql" if args.backend == "postgres" else args.backend]

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    over = False
    for backend in backends:
        result = run(backend, args.n, args.searches, args.seed, args.db, args.keep, args.reuse, log)
        print(report(result), flush=True)
        over |= any(result["timings"][k]["p95"] >= BUDGET_MS for k in BUDGETED)
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
