"""Benchmark (not a timed test): save intake + generate the receipt PDF, and desk cold start.

    .venv/bin/python -m tests.bench.bench_intake [--backend sqlite|postgresql|both] [-n 200]

Prints median and p95 per backend. Budgets (DESIGN §7): save intake + receipt PDF < 300 ms;
desk cold start to a usable window < 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

PG_URL = os.environ.get("COUNTER_APP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


class TickingClock:
    """Advances a few seconds per call, so a run spans a realistic working day."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=2)
        return self.now


def make_database(backend: str, workdir: Path) -> tuple[str, callable]:
    if backend == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}", lambda: None
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"ca_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False), drop


def bench_intake(backend: str, n: int) -> dict:
    from counter_app.services import accounts, documents, intake, setup
    from counter_app.services.context import Services
    from tests.helpers import intake_request, pick_procedure

    with tempfile.TemporaryDirectory() as tmp:
        url, drop = make_database(backend, Path(tmp))
        try:
            svc = Services(url, archive_dir=Path(tmp) / "archive", clock=TickingClock())
            pw = {u: p for u, p, *_ in setup.init_demo(svc)}
            officer = accounts.authenticate(svc, "canbo1", pw["canbo1"], 1)
            proc = pick_procedure(svc, days=5)
            req = intake_request(proc)
            for _ in range(5):  # warm-up: fonts, caches, connection pool
                documents.print_receipt(svc, officer, intake.receive_dossier(svc, officer, req).code)
            save, total = [], []
            for _ in range(n):
                t0 = time.perf_counter()
                d = intake.receive_dossier(svc, officer, req)
                t1 = time.perf_counter()
                documents.print_receipt(svc, officer, d.code)
                t2 = time.perf_counter()
                save.append((t1 - t0) * 1000)
                total.append((t2 - t0) * 1000)
            svc.close()
        finally:
            drop()
    return {
        "save_median": statistics.median(save), "save_p95": pct(save, 95),
        "total_median": statistics.median(total), "total_p95": pct(total, 95),
    }


STARTUP_CHILD = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from counter_app.ui.bench import measure_cold_start
measure_cold_start(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])
"""


def bench_cold_start(backend: str, runs: int = 5) -> dict:
    """Process start -> logged-in desk window shown and idle, in a fresh interpreter each run."""
    from counter_app.services import setup
    from counter_app.services.context import Services

    with tempfile.TemporaryDirectory() as tmp:
        url, drop = make_database(backend, Path(tmp))
        try:
            svc = Services(url, archive_dir=Path(tmp) / "archive")
            pw = {u: p for u, p, *_ in setup.init_demo(svc)}
            svc.close()
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                child = subprocess.Popen(
                    [sys.executable, "-c", STARTUP_CHILD, url, str(Path(tmp) / "archive"), "canbo1", pw["canbo1"]],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                    env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                )
                line = child.stdout.readline()  # printed as soon as the window is usable
                times.append((time.perf_counter() - t0) * 1000)
                child.communicate(timeout=60)
                if "READY" not in line:
                    raise RuntimeError(child.stderr.read() if child.stderr else "no READY")
        finally:
            drop()
    return {"cold_start_median": statistics.median(times), "cold_start_max": max(times)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--no-startup", action="store_true")
    args = ap.parse_args()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    print(f"{'backend':<11} {'save med':>9} {'save p95':>9} {'save+PDF med':>13} {'save+PDF p95':>13} {'cold start med':>15}")
    for b in backends:
        r = bench_intake(b, args.n)
        cs = {"cold_start_median": float("nan")} if args.no_startup else bench_cold_start(b)
        print(f"{b:<11} {r['save_median']:>7.1f}ms {r['save_p95']:>7.1f}ms {r['total_median']:>11.1f}ms "
              f"{r['total_p95']:>11.1f}ms {cs['cold_start_median']:>13.0f}ms")


if __name__ == "__main__":
    main()
