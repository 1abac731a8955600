"""Benchmark (not a timed test): supervisor console refresh and the year report on a busy site.

    .venv/bin/python -m tests.bench.bench_supervisor --backend sqlite
    .venv/bin/python -m tests.bench.bench_supervisor --backend postgres --tickets 300000 --dossiers 200000

Budget (issue 6): with one year of a busy site (300,000 tickets, 200,000 dossiers), the live
view refresh < 500 ms and the year's period report < 5 s (medians; p95 printed too), on SQLite
and on PostgreSQL.

Builds a fresh database through the app's own migrations (Services → migrate.ensure_current),
sets up the demo centre (setup.init_demo) with 12 counters and 15 officers, and generates a
year 01/12/2025 – 30/11/2026 (tests/bench/year.py: tickets simulated day by day with their
calls and ratings, dossiers with their events, handovers and register entries; bulk-inserted
with indexes and triggers live). The services' clock is frozen on "now", 30/11/2026 10:00
Hà Nội time: a live hall with ~80 people waiting and 10 counters serving. Then, as the
supervisor (giamsat):
- live refresh: supervisor.now_view, `--repeat` times (default 30), median / p95 in ms;
- the overdue list: supervisor.dossier_list("overdue") (500 lines), same; the other lists for
  information;
- year report: reports.period_report over the whole year, `--report-repeat` times (default 5)
  after one untimed first run (printed apart: cold caches), median / p95 in s; for information,
  the report of a closed month (October: "in progress" judged as at its end), each part of the
  year report timed alone, and the PDF export (reports.export_period_pdf).
Prints the figures, the generation time and the database size. `--profile` also times every
SQL statement of one refresh and one report and prints the slowest with their plans (EXPLAIN
QUERY PLAN / EXPLAIN ANALYZE): where the time goes when a budget is missed.

PostgreSQL: a database of its own, `counter_bench_supervisor` (or --keep NAME), on the server
of COUNTER_APP_TEST_PG_URL (dropped first if left over; dropped at the end unless --keep).
SQLite: a file in a temporary folder (or --keep PATH, kept). --reuse measures a kept database
again without generating. After the load PostgreSQL gets VACUUM ANALYZE (what autovacuum does
on its own shortly after a bulk load); SQLite gets nothing (the app does not ANALYZE its file).
"""

from __future__ import annotations

import argparse
import inspect
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa

from tests.bench.bench_search import database_size, pct

PG_URL = os.environ.get("COUNTER_APP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PG_BENCH_DB = "counter_bench_supervisor"
FIRST_DAY = date(2025, 12, 1)
LAST_DAY = date(2026, 11, 30)
# "Now": Monday 30/11/2026, 10:00 in Hà Nội, mid-morning on the year's last day.
NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
MONTH = (date(2026, 10, 1), date(2026, 10, 31))  # a closed month, for information
BUDGET_LIVE_MS = 500.0
BUDGET_YEAR_S = 5.0
REPORT_PARTS = ("report_06a", "report_07a", "queue_report", "officer_report", "satisfaction_report",
                "reform_report", "chart_data")


def _pg_admin() -> sa.Engine:
    return sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")


def _pg_url(name: str) -> str:
    return sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _drop_pg(name: str) -> None:
    admin = _pg_admin()
    with admin.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _create_pg(name: str) -> None:
    _drop_pg(name)
    admin = _pg_admin()
    with admin.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def summary(times: list[float], scale: float) -> dict:
    v = [t * scale for t in times]
    return {"n": len(v), "median": statistics.median(v), "p95": pct(v, 95), "max": max(v), "min": min(v)}


# --- SQL profile ------------------------------------------------------------------------------------


class SqlProfile:
    """Records every statement run on the engine, with its parameters."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.statements: list[tuple[str, object]] = []

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._before)
        return self

    def __exit__(self, *_):
        sa.event.remove(self.engine, "before_cursor_execute", self._before)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append((statement, parameters))


def rerun(engine: sa.Engine, statements: list[tuple[str, object]]) -> list[tuple[float, int, str, object]]:
    """Each statement run again on a raw connection, all rows fetched: (seconds, rows, sql, params).

    Timing execute + fetchall, not execute alone: SQLite (and a server-side cursor) only starts
    a statement on execute and does the rest of the work while the rows are fetched."""
    out = []
    raw = engine.raw_connection()
    try:
        for statement, parameters in statements:
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue  # BEGIN, SET …: nothing to time
            cur = raw.cursor()
            t0 = time.perf_counter()
            cur.execute(statement, parameters)
            n = len(cur.fetchall()) if cur.description else 0
            out.append((time.perf_counter() - t0, n, statement, parameters))
            cur.close()
    finally:
        raw.rollback()
        raw.close()
    return out


def explain(engine: sa.Engine, statement: str, parameters) -> str:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if engine.dialect.name == "sqlite":
            cur.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            return "\n".join(f"      | {r[3]}" for r in cur.fetchall())
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
        return "\n".join("      | " + r[0] for r in cur.fetchall())
    finally:
        raw.rollback()
        raw.close()


def profile(svc, label: str, fn: Callable[[], object], top: int, plans: int) -> list[str]:
    """Run fn once recording its statements, then time each statement alone; the slowest with plans."""
    with SqlProfile(svc.engine) as p:
        t0 = time.perf_counter()
        fn()
        total = time.perf_counter() - t0
    runs = rerun(svc.engine, p.statements)
    sql_total = sum(x[0] for x in runs)
    lines = [f"\n   -- {label}: {total * 1000:,.0f} ms; {len(runs)} statements take {sql_total * 1000:,.0f} ms "
             f"run alone (execute + fetch); the rest, ~{max(0.0, total - sql_total) * 1000:,.0f} ms, is Python"]
    slowest = [r for r in sorted(runs, key=lambda x: x[0], reverse=True)[:top] if r[0] >= 0.001]
    for i, (secs, n, stmt, params) in enumerate(slowest):
        flat = " ".join(stmt.split())
        lines.append(f"   {secs * 1000:>9.1f} ms {n:>6} rows  {flat[:300]}{' …' if len(flat) > 300 else ''}")
        if i < plans and secs > 0.02:
            try:
                lines.append(explain(svc.engine, stmt, params))
            except Exception as exc:  # noqa: BLE001 - a plan we cannot get is reported, not fatal
                lines.append(f"      (no plan: {exc.__class__.__name__}: {str(exc)[:200]})")
    return lines


# --- the run --------------------------------------------------------------------------------------


def _supervisor(svc):
    from counter_app.services.context import Actor
    from counter_app.store.models import User

    with svc.reading() as s:
        u = s.execute(sa.select(User).where(User.role == "supervisor").order_by(User.username)).scalars().first()
        return Actor(u.id, u.username, u.full_name, "supervisor", None, u.site_id)


def _pdf_call(reports, svc, actor, period, tmp: Path):
    """reports.export_period_pdf, whatever it takes after (svc, actor, period): returns a callable or None."""
    fn = getattr(reports, "export_period_pdf", None)
    if fn is None:
        return None
    params = list(inspect.signature(fn).parameters.values())[3:]
    kwargs = {}
    for p in params:
        if p.default is not inspect.Parameter.empty:
            continue
        if p.name in ("path", "target", "out", "dest", "destination", "output"):
            kwargs[p.name] = tmp / "period.pdf"
        elif p.name in ("lang", "language"):
            kwargs[p.name] = "vi"
        else:
            return None
    return lambda: fn(svc, actor, period, **kwargs)


def run(backend: str, tickets: int, dossiers: int, repeat: int, report_repeat: int, seed: int,
        keep: str | None, reuse: bool, do_profile: bool, log: Callable[[str], None]) -> dict:
    from counter_app.domain.indicators import Period
    from counter_app.services import reports, setup, supervisor
    from counter_app.services.context import Services
    from counter_app.store.models import Dossier, Ticket
    from tests.bench import year

    tmp = tempfile.TemporaryDirectory()
    if backend == "sqlite":
        path = Path(keep) if keep else Path(tmp.name) / "bench.sqlite3"
        if not reuse:
            for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                p.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        name = keep or PG_BENCH_DB
        if not reuse:
            _create_pg(name)
        url = _pg_url(name)
    result: dict = {"backend": backend, "lines": []}
    svc = None
    try:
        svc = Services(url, archive_dir=Path(tmp.name) / "archive", clock=lambda: NOW)
        with svc.reading() as s:
            existing = s.execute(sa.select(sa.func.count()).select_from(Ticket)).scalar_one()
        if reuse and existing:
            log(f"[{backend}] reusing the database: {existing:,} tickets")
        else:
            setup.init_demo(svc)
            year.prepare_site(svc, now=NOW)
            last = [time.perf_counter()]

            def progress(what: str, done: int) -> None:
                if time.perf_counter() - last[0] > 15:
                    last[0] = time.perf_counter()
                    log(f"[{backend}]   {what}: {done:,} …")

            log(f"[{backend}] generating {tickets:,} tickets and {dossiers:,} dossiers …")
            y = year.generate(svc.engine, tickets=tickets, dossiers=dossiers, first_day=FIRST_DAY, now=NOW,
                              seed=seed, progress=progress)
            result.update(generate_s=y.seconds, python_s=y.python_seconds, rows=y.rows, days=y.days,
                          ticket_status=y.ticket_status, dossier_status=dict(sorted(y.dossier_status.items())),
                          channels=y.channels, waiting_now=y.waiting_now, serving_now=y.serving_now,
                          service_scale=y.service_scale)
            log(f"[{backend}] generated in {y.seconds:.0f} s: {y.rows}")
            t1 = time.perf_counter()
            if backend != "sqlite":
                with svc.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.exec_driver_sql("VACUUM ANALYZE")
            result["analyze_s"] = time.perf_counter() - t1
        with svc.reading() as s:
            result["tickets"] = s.execute(sa.select(sa.func.count()).select_from(Ticket)).scalar_one()
            result["dossiers"] = s.execute(sa.select(sa.func.count()).select_from(Dossier)).scalar_one()
        result["size_mb"] = database_size(svc.engine) / 1e6
        log(f"[{backend}] database size {result['size_mb']:,.0f} MB; measuring …")

        result["load_before"] = os.getloadavg()
        actor = _supervisor(svc)
        period = Period(FIRST_DAY, LAST_DAY)
        timings: dict[str, dict] = {}

        # Live refresh.
        view = supervisor.now_view(svc, actor)
        for _ in range(3):
            supervisor.now_view(svc, actor)
        timings["now_view"] = summary(timed(lambda: supervisor.now_view(svc, actor), repeat), 1000)
        result["view"] = {"waiting": len(view.waiting), "alerts": len(view.alerts), "dossiers": dict(view.dossiers),
                          "serving": sum(1 for c in view.counters if c.state == "serving")}
        for kind in supervisor.DOSSIER_LISTS:
            supervisor.dossier_list(svc, actor, kind)
            timings[f"list_{kind}"] = summary(timed(lambda k=kind: supervisor.dossier_list(svc, actor, k),
                                                    repeat if kind == "overdue" else max(5, repeat // 3)), 1000)

        # Year report.
        t0 = time.perf_counter()
        rep = reports.period_report(svc, actor, period)
        result["report_first_s"] = time.perf_counter() - t0
        timings["period_report"] = summary(timed(lambda: reports.period_report(svc, actor, period), report_repeat), 1)
        result["report"] = {"received": rep.report_06a.total.received, "resolved": rep.report_06a.total.resolved,
                            "issued": rep.queue.total.issued, "served": rep.queue.total.served,
                            "ratings": rep.satisfaction.total, "officers": len(rep.officers.rows)}
        # For information: a closed month (October), judged as at its end (the reports then look
        # up each dossier's events after it).
        month = Period(MONTH[0], MONTH[1])
        reports.period_report(svc, actor, month)
        timings["period_report_month"] = summary(timed(lambda: reports.period_report(svc, actor, month),
                                                       report_repeat), 1)
        for part in REPORT_PARTS:
            fn = getattr(reports, part, None)
            if fn is not None:
                runs = max(1, min(3, report_repeat))
                timings[f"  {part}"] = summary(timed(lambda f=fn: f(svc, actor, period), runs), 1)
        pdf = _pdf_call(reports, svc, actor, period, Path(tmp.name))
        if pdf is not None:
            pdf()
            timings["export_period_pdf"] = summary(timed(pdf, max(1, min(3, report_repeat))), 1)
        else:
            result["pdf"] = "reports.export_period_pdf: not there (or takes arguments this bench does not know)"
        result["timings"] = timings
        result["load_after"] = os.getloadavg()

        if do_profile:
            for label, fn, top, plans in (
                ("now_view", lambda: supervisor.now_view(svc, actor), 6, 2),
                ("dossier_list(overdue)", lambda: supervisor.dossier_list(svc, actor, "overdue"), 2, 1),
                ("period_report (year)", lambda: reports.period_report(svc, actor, period), 40, 40),
            ):
                try:
                    result["lines"] += profile(svc, label, fn, top, plans)
                except Exception as exc:  # noqa: BLE001 - the figures above still count
                    result["lines"].append(f"\n   -- {label}: profile failed: {exc.__class__.__name__}: {exc}")
        return result
    finally:
        if svc is not None:
            svc.close()
        if backend != "sqlite" and not keep:
            _drop_pg(PG_BENCH_DB)
        tmp.cleanup()


BUDGETS = {"now_view": ("ms", BUDGET_LIVE_MS), "list_overdue": ("ms", BUDGET_LIVE_MS),
           "period_report": ("s", BUDGET_YEAR_S)}


def over_budget(result: dict) -> list[str]:
    return [k for k, (_, b) in BUDGETS.items() if k in result["timings"] and result["timings"][k]["median"] >= b]


def report(result: dict) -> str:
    lines = [f"\n== {result['backend']}: {result['tickets']:,} tickets, {result['dossiers']:,} dossiers, "
             f"{result['size_mb']:,.0f} MB on disk"]
    if "generate_s" in result:
        lines.append(f"   generation {result['generate_s']:.0f} s ({result['python_s']:.0f} s of it in Python), "
                     f"{result['days']} working days {FIRST_DAY:%d/%m/%Y} – {LAST_DAY:%d/%m/%Y}"
                     + (f"; VACUUM ANALYZE {result['analyze_s']:.0f} s" if result.get("analyze_s", 0) >= 0.5 else ""))
        lines.append(f"   rows {result['rows']}")
        lines.append(f"   tickets {result['ticket_status']}; service-time scale {result['service_scale']:.2f}")
        lines.append(f"   dossiers {result['dossier_status']}; channels {result['channels']}")
    v = result["view"]
    lines.append(f"   now ({NOW:%Y-%m-%d %H:%M} UTC): {v['waiting']} waiting, {v['serving']} counters serving, "
                 f"{v['alerts']} alerts, lists {v['dossiers']}")
    r = result["report"]
    lines.append(f"   year report: {r['received']:,} dossiers received, {r['resolved']:,} resolved; "
                 f"{r['issued']:,} tickets issued, {r['served']:,} served; {r['ratings']:,} ratings; "
                 f"{r['officers']} officers; first (cold) run {result['report_first_s']:.2f} s")
    lines.append(f"   load average (1/5/15 min) {os.cpu_count()} CPUs: before "
                 + "/".join(f"{x:.1f}" for x in result["load_before"]) + ", after "
                 + "/".join(f"{x:.1f}" for x in result["load_after"]))
    lines.append(f"   {'measure':<24}{'n':>4}{'median':>10}{'p95':>10}{'max':>10}  unit  budget")
    for name, t in result["timings"].items():
        unit, budget = BUDGETS.get(name, ("s" if name.startswith("  ") or "report" in name or "pdf" in name else "ms",
                                          None))
        flag = ""
        if budget is not None:
            flag = f"< {budget:g} {unit}  " + ("ok" if t["median"] < budget else "OVER BUDGET")
        fmt = "{:>10.1f}" if unit == "ms" else "{:>10.2f}"
        lines.append(f"   {name:<24}{t['n']:>4}" + fmt.format(t["median"]) + fmt.format(t["p95"])
                     + fmt.format(t["max"]) + f"  {unit:<4}  {flag}")
    if "pdf" in result:
        lines.append(f"   {result['pdf']}")
    lines += result["lines"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--backend", choices=["sqlite", "postgres", "postgresql", "both"], default="both")
    ap.add_argument("--tickets", type=int, default=300_000, help="tickets over the year (default 300,000)")
    ap.add_argument("--dossiers", type=int, default=200_000, help="dossiers over the year (default 200,000)")
    ap.add_argument("--repeat", type=int, default=30, help="live refreshes timed (default 30)")
    ap.add_argument("--report-repeat", type=int, default=5, help="year reports timed (default 5)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", metavar="PATH",
                    help="keep the database: SQLite file PATH / PostgreSQL database named PATH")
    ap.add_argument("--reuse", action="store_true", help="measure the kept database (--keep) again, no generation")
    ap.add_argument("--profile", action="store_true", help="time every SQL statement; plans of the slowest")
    args = ap.parse_args(argv)
    if args.reuse and not args.keep:
        ap.error("--reuse needs --keep PATH")
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [
        "postgresql" if args.backend == "postgres" else args.backend]
    if args.backend == "both" and args.keep:
        ap.error("--keep names one database: give --backend too")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    over = False
    for backend in backends:
        result = run(backend, args.tickets, args.dossiers, args.repeat, args.report_repeat, args.seed, args.keep,
                     args.reuse, args.profile, log)
        print(report(result), flush=True)
        over |= bool(over_budget(result))
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
