"""Benchmark (not a timed test): a 10,000-change backlog drained to the reference central server.

    .venv/bin/python -m tests.bench.bench_sync --backend sqlite
    .venv/bin/python -m tests.bench.bench_sync --backend postgres [--changes 10000]

Budget (DESIGN §7): 10,000 queued changes drained to the reference server over loopback in
< 60 s, resumable.

1. Backlog: a demo centre (setup.init_demo) works offline through the real services: dossiers
   received (intake.receive_dossier), moved to processing (lifecycle.transition 2 → 4) and a
   fifth of them to result ready (4 → 9): 40 % + 40 % + 20 % of --changes outbox rows on the
   `case` lane, one service call (one transaction) each. The build time is printed; the
   backlog is then copied (SQLite file / PostgreSQL TEMPLATE) for each run below.
2. Drain: `counter-app central serve` in its own process with its own SQLite database; in this
   process, SyncEngine (the real one, default batch size) cycles in a thread until nothing is
   pending, while the main thread plays the desk: every 100 ms a search by dossier code
   (search.search_dossiers) and the status line (sync_status.sync_status), each timed.
   Printed: time to drain, batches, changes/s, desk latencies (median / p95 / max), RSS
   growth (ru_maxrss). A second drain of a fresh copy under tracemalloc gives the Python heap
   peak (tracemalloc slows Python down, so that run is not the timed one).
3. Resumability: a fresh copy and a fresh central; the worker as its own process
   (tests/sync/_worker_main.py) is SIGKILLed after --kill-after seconds (default: 40 % of the
   drain time measured in 2), then run again until drained. Checked: all changes applied
   exactly once and in order (tests/sync/_checks.check_lanes). Printed: the total time.

PostgreSQL: databases of its own (`counter_bench_sync*`) on the server of COUNTER_APP_TEST_PG_URL,
dropped at the end. SQLite: files in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import httpx
import sqlalchemy as sa

from tests.bench.bench_search import pct

PG_URL = os.environ.get("COUNTER_APP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PG_PREFIX = "counter_bench_sync"
BUDGET_S = 60.0
REPO = Path(__file__).resolve().parents[2]
WORKER = REPO / "tests" / "sync" / "_worker_main.py"
NOW = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)
NAMES = ("Nguyễn Thị Ấn", "Trần Văn Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Võ Minh Đức", "Đặng Thị Hạnh")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --- databases ------------------------------------------------------------------------------------


def _pg_admin() -> sa.Engine:
    return sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")


def _pg_url(name: str) -> str:
    return sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


class Databases:
    """The backlog and its copies, on one backend."""

    def __init__(self, backend: str, tmp: Path) -> None:
        self.backend, self.tmp = backend, tmp
        self.pg_names: list[str] = []
        self.admin = _pg_admin() if backend == "postgresql" else None

    def create(self, name: str, template: str | None = None) -> str:
        if self.backend == "postgresql":
            full = f"{PG_PREFIX}_{name}"
            with self.admin.connect() as c:
                c.execute(sa.text(f'DROP DATABASE IF EXISTS "{full}" WITH (FORCE)'))
                tmpl = f' TEMPLATE "{PG_PREFIX}_{template}"' if template else ""
                c.execute(sa.text(f'CREATE DATABASE "{full}"{tmpl}'))
            self.pg_names.append(full)
            return _pg_url(full)
        path = self.tmp / f"{name}.sqlite3"
        if template:
            shutil.copyfile(self.tmp / f"{template}.sqlite3", path)
        return f"sqlite:///{path}"

    def drop_all(self) -> None:
        if self.admin is None:
            return
        with self.admin.connect() as c:
            for name in self.pg_names:
                c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def build_backlog(url: str, changes: int, archive: Path) -> dict:
    """The site works offline: `changes` outbox rows written by real service calls."""
    from counter_app.services import accounts, intake, lifecycle, setup
    from counter_app.services.context import Services
    from tests.helpers import intake_request, pick_procedure

    svc = Services(url, archive_dir=archive, clock=Clock(NOW))
    passwords = {u: p for u, p, _r, _c in setup.init_demo(svc)}
    officer = accounts.authenticate(svc, "canbo1", passwords["canbo1"], 1)
    proc = pick_procedure(svc, days=10)
    received = changes * 2 // 5
    to_nine = changes - 2 * received
    t0 = time.perf_counter()
    codes = []
    for i in range(received):
        codes.append(intake.receive_dossier(svc, officer, intake_request(proc, full_name=NAMES[i % len(NAMES)])).code)
        if (i + 1) % 1000 == 0:
            log(f"  received {i + 1}/{received} ({time.perf_counter() - t0:.0f} s)")
    t_receive = time.perf_counter() - t0
    for i, code in enumerate(codes):
        lifecycle.transition(svc, officer, code, 4)
    for code in codes[:to_nine]:
        lifecycle.transition(svc, officer, code, 9)
    seconds = time.perf_counter() - t0
    svc.close()
    return {"seconds": seconds, "receive_seconds": t_receive, "received": received,
            "transitions": received + to_nine, "code": codes[len(codes) // 2], "passwords": passwords}


# --- the central server, in its own process ---------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Central:
    """`counter-app central serve` on 127.0.0.1 with its own SQLite database."""

    def __init__(self, path: Path) -> None:
        from counter_app.sync.central.store import CentralStore
        from tests.sync._checks import NODE

        self.url_db = f"sqlite:///{path}"
        store = CentralStore(self.url_db)
        store.load_catalog(None)
        self.token = store.add_node(NODE, "Trung tâm thử")
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "counter_app", "central", "serve", "--port", str(self.port), "--database", self.url_db],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.url}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                raise RuntimeError(f"central server did not start: {self.proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
        self.store = CentralStore(self.url_db)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# --- runs ---------------------------------------------------------------------------------------------


def _counts(svc) -> tuple[int, int, int]:
    from counter_app.store.models import SyncBatch, SyncOutbox

    with svc.reading() as s:
        pending = s.execute(sa.select(sa.func.count()).select_from(SyncOutbox).where(SyncOutbox.state == "pending")).scalar_one()
        acked = s.execute(sa.select(sa.func.count()).select_from(SyncOutbox).where(SyncOutbox.state == "acked")).scalar_one()
        batches = s.execute(sa.select(sa.func.count()).select_from(SyncBatch)).scalar_one()
    return int(pending), int(acked), int(batches)


def drain_in_process(url: str, central: Central, archive: Path, code: str, *, memory: bool) -> dict:
    """SyncEngine in a thread of this process (as the in-desk worker), the desk timed meanwhile."""
    from counter_app.services import search, sync_status
    from counter_app.services.context import Services
    from counter_app.services.sync_engine import SyncConfig, SyncEngine
    from tests.sync._checks import NODE

    svc = Services(url, archive_dir=archive, clock=Clock(NOW), migrate_on_start=False)
    config = SyncConfig(server_url=central.url, token=central.token, node=NODE)
    engine = SyncEngine(svc, config)
    pending0, _, _ = _counts(svc)
    done = threading.Event()
    errors: list[BaseException] = []
    cycles = [0]

    def work() -> None:
        try:
            while True:
                cycles[0] += 1
                result = engine.cycle()
                if bool(getattr(result, "ok", True)) and _counts(svc)[0] == 0:
                    return
                if cycles[0] > 10_000:
                    raise RuntimeError("not drained after 10,000 cycles")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            done.set()

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if memory:
        tracemalloc.start()
    search_ms: list[float] = []
    status_ms: list[float] = []
    thread = threading.Thread(target=work, name="sync-worker", daemon=True)
    t0 = time.perf_counter()
    thread.start()
    next_tick = t0
    next_log = t0 + 5
    acked_at = None
    while not done.is_set():
        a = time.perf_counter()
        hits = search.search_dossiers(svc, code)
        b = time.perf_counter()
        status = sync_status.sync_status(svc)
        c = time.perf_counter()
        if acked_at is None and status.pending == 0:
            acked_at = c - t0
        assert hits and hits[0].code == code
        search_ms.append((b - a) * 1000)
        status_ms.append((c - b) * 1000)
        if c >= next_log and not memory:
            pending, acked, _ = _counts(svc)
            log(f"  {c - t0:5.1f} s: {acked} acked, {pending} pending")
            next_log += 5
        next_tick += 0.1
        done.wait(max(0.0, next_tick - time.perf_counter()))
    seconds = time.perf_counter() - t0
    thread.join()
    if acked_at is None:
        acked_at = seconds
    peak = tracemalloc.get_traced_memory()[1] if memory else None
    if memory:
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if errors:
        raise errors[0]
    pending, acked, batches = _counts(svc)
    svc.close()
    return {"seconds": seconds, "changes": pending0, "acked": acked, "pending": pending, "batches": batches,
            "cycles": cycles[0], "acked_s": acked_at, "search_ms": search_ms, "status_ms": status_ms, "tracemalloc_peak": peak,
            "rss_growth_kb": rss - rss0, "rss_kb": rss}


def run_worker(url: str, central: Central, *, kill_after: float | None) -> tuple[float, int, str]:
    from tests.sync._checks import NODE

    proc = subprocess.Popen([sys.executable, str(WORKER), url, central.url, central.token, NODE, "--max-cycles", "100000"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    t0 = time.perf_counter()
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=600)
    return time.perf_counter() - t0, proc.returncode, (out + err)[-2000:]


def resumable(dbs: Databases, tmp: Path, kill_after: float, changes: int) -> dict:
    from counter_app.services.context import Services
    from tests.sync._checks import NODE, check_lanes

    url = dbs.create("resume", template="backlog")
    central = Central(tmp / "central_resume.sqlite3")
    try:
        t0 = time.perf_counter()
        first, rc1, _ = run_worker(url, central, kill_after=kill_after)
        svc = Services(url, archive_dir=tmp / "archive", clock=Clock(NOW), migrate_on_start=False)
        pending_at_kill, acked_at_kill, _ = _counts(svc)
        applied_at_kill = central.store.lane_state(NODE, "case")
        second, rc2, out2 = run_worker(url, central, kill_after=None)
        total = time.perf_counter() - t0
        if rc2 != 0:
            raise RuntimeError(f"the restarted worker did not drain (rc {rc2}): {out2}")
        t_check = time.perf_counter()
        sizes = check_lanes(svc, central.store, NODE, drained=True)
        applied = central.store.applied(NODE, "case")
        check_seconds = time.perf_counter() - t_check
        assert sizes["case"] == changes and len(applied) == changes
        assert len({a["mutation_id"] for a in applied}) == changes
        pending, acked, batches = _counts(svc)
        svc.close()
    finally:
        central.stop()
    return {"killed": rc1 == -signal.SIGKILL, "rc1": rc1, "first_s": first, "second_s": second, "total_s": total,
            "acked_at_kill": acked_at_kill, "pending_at_kill": pending_at_kill, "applied_at_kill": applied_at_kill,
            "acked": acked, "pending": pending, "batches": batches, "check_s": check_seconds}


def run(backend: str, changes: int, kill_after: float | None, memory: bool) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="bench_sync_"))
    dbs = Databases(backend, tmp)
    try:
        log(f"[{backend}] building a backlog of {changes} changes through the services…")
        url = dbs.create("backlog")
        built = build_backlog(url, changes, tmp / "archive")
        log(f"[{backend}] built in {built['seconds']:.1f} s; draining…")
        central = Central(tmp / "central.sqlite3")
        try:
            drained = drain_in_process(dbs.create("drain", template="backlog"), central, tmp / "archive",
                                       built["code"], memory=False)
        finally:
            central.stop()
        mem = None
        if memory:
            log(f"[{backend}] drained in {drained['seconds']:.1f} s; again under tracemalloc…")
            central = Central(tmp / "central_mem.sqlite3")
            try:
                mem = drain_in_process(dbs.create("mem", template="backlog"), central, tmp / "archive",
                                       built["code"], memory=True)
            finally:
                central.stop()
        kill = kill_after if kill_after is not None else max(1.0, 0.4 * drained["seconds"])
        log(f"[{backend}] resumability: kill -9 after {kill:.1f} s, restart…")
        resumed = resumable(dbs, tmp, kill, changes)
        return {"backend": backend, "changes": changes, "built": built, "drained": drained, "mem": mem,
                "kill_after": kill, "resumed": resumed}
    finally:
        dbs.drop_all()
        shutil.rmtree(tmp, ignore_errors=True)


def _lat(values: list[float]) -> str:
    return (f"median {statistics.median(values):.1f} ms, p95 {pct(values, 95):.1f} ms, max {max(values):.1f} ms "
            f"({len(values)} reads)")


def report(r: dict) -> str:
    b, d, m, k = r["built"], r["drained"], r["mem"], r["resumed"]
    lines = [
        f"== sync backlog, site database {r['backend']}, central: counter-app central serve (SQLite) over loopback ==",
        f"backlog: {r['changes']} changes ({b['received']} dossiers received, {b['transitions']} transitions) "
        f"built offline in {b['seconds']:.1f} s through the services "
        f"({b['seconds'] / r['changes'] * 1000:.1f} ms per call; intake alone {b['receive_seconds']:.1f} s)",
        f"drain: {d['changes']} changes in {d['seconds']:.2f} s = {d['changes'] / d['seconds']:.0f} changes/s, "
        f"{d['batches']} batches, {d['cycles']} cycles, {d['pending']} left pending "
        f"[budget < {BUDGET_S:.0f} s: {'OK' if d['seconds'] < BUDGET_S and d['pending'] == 0 else 'OVER'}]; "
        f"every change acknowledged after {d['acked_s']:.1f} s, the rest of the cycle pulls the central's "
        f"dossier_status records of them back",
        f"desk meanwhile, search by code: {_lat(d['search_ms'])}",
        f"desk meanwhile, sync status line: {_lat(d['status_ms'])}",
        f"memory: ru_maxrss {d['rss_kb'] / 1024:.0f} MiB (+{d['rss_growth_kb'] / 1024:.0f} MiB during the drain)"
        + (f"; tracemalloc peak {m['tracemalloc_peak'] / 2**20:.1f} MiB (drain under tracemalloc: {m['seconds']:.1f} s)"
           if m else ""),
        f"resumable: worker process SIGKILLed after {r['kill_after']:.1f} s (killed: {k['killed']}, "
        f"{k['acked_at_kill']} acked / {k['applied_at_kill']} applied by the central at the kill), restarted, "
        f"drained in {k['second_s']:.1f} s more; total {k['total_s']:.1f} s; all {r['changes']} applied exactly once "
        f"and in order (checked in {k['check_s']:.1f} s), {k['batches']} batches",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--backend", choices=["sqlite", "postgres", "postgresql", "both"], default="sqlite")
    ap.add_argument("--changes", type=int, default=10_000, help="queued changes (default 10,000)")
    ap.add_argument("--kill-after", type=float, default=None, help="seconds before the SIGKILL (default 40%% of the drain)")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    args = ap.parse_args(argv)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [
        "postgresql" if args.backend == "postgres" else args.backend]
    over = False
    for backend in backends:
        r = run(backend, args.changes, args.kill_after, not args.no_memory)
        print(report(r), flush=True)
        over |= r["drained"]["seconds"] >= BUDGET_S or r["drained"]["pending"] != 0 or not r["resumed"]["killed"]
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
