"""kill -9 of the desk in the middle of saving a dossier, many times (DESIGN §6 fault tests).

A desk process (tests/crash/desk_child.py) runs the Save path of the intake screen in a loop —
receive the dossier, then print and archive its receipt — on a real SQLite file or PostgreSQL
database, and is SIGKILLed at a random moment, then started again; KILL_LOOP_ITERATIONS kills
(default 60 on SQLite, 30 on PostgreSQL; KILL_LOOP_SEED replays a run). Afterwards:

- every dossier is whole: its register entry, its document lines, its sync_outbox row and its
  audit entry — or absent; no outbox row, audit entry or printed document points at a
  missing dossier; codes are unique and each day's sequence (and the register's) is gap-free;
- every dossier the desk reported as saved is there, with its marker; every receipt it
  reported as printed is recorded;
- every archived receipt listed in printed_document exists with its SHA-256 and size
  (a kill mid-write never leaves a row pointing at a truncated file);
- SQLite: PRAGMA integrity_check = ok, PRAGMA foreign_key_check empty;
- the database opens and a new intake (and its receipt) works after the loop.

The figures (kills survived, where they landed) are shown in the test summary.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import sqlalchemy as sa

from counter_app.services import documents, intake
from counter_app.services.context import Services
from counter_app.store.models import (
    AuditEntry,
    Dossier,
    DossierDocument,
    PrintedDocument,
    RegisterEntry,
    SyncOutbox,
)
from tests.helpers import intake_request, pick_procedure

ROOT = Path(__file__).parents[2]
DEFAULT_KILLS = {"sqlite": 60, "postgresql": 30}
MAX_DELAY_S = 0.9  # a save is ~50 ms, a receipt ~350 ms: kills land anywhere in both
SAVE_WINDOW_S = 0.15
SAVED = re.compile(r"saved (\d+) (\S+)")
PRINTED = re.compile(r"printed (\d+) (\S+) ([0-9a-f]{64}) (.+)")
LIFE = 10_000  # iteration numbers of desk process k start at k * LIFE: markers never repeat


def _kills(backend: str) -> int:
    raw = os.environ.get("KILL_LOOP_ITERATIONS")
    return int(raw) if raw else DEFAULT_KILLS[backend]


class Zygote:
    """The fork server of desk_child.py, with its stdout read by a thread."""

    def __init__(self, url: str, archive: Path, report: Path, actor: dict) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.desk_child", url, str(archive), str(report), json.dumps(actor)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.expect("zygote", timeout=60)

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("eof")

    def expect(self, word: str, timeout: float = 30) -> list[str]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the desk process did not say {word!r} within {timeout} s") from None
            parts = line.split(" ", 2)
            if parts[0] == "error":
                raise AssertionError(f"the save path failed in the desk process:\n{line}")
            if parts[0] == "eof":
                raise AssertionError(f"the fork server ended: {self.proc.stderr.read()[-3000:]}")
            if parts[0] == word:
                return parts

    def life(self, first: int, delay: float) -> int:
        """Start a desk process, let it work for *delay* seconds, SIGKILL it; its exit status."""
        self.proc.stdin.write(f"run {first}\n")
        self.proc.stdin.flush()
        pid = int(self.expect("ready")[1])
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        _, dead_pid, status = self.expect("dead")
        assert int(dead_pid) == pid
        return int(status)

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(10)
        except Exception:  # noqa: BLE001
            self.proc.kill()
            self.proc.wait(10)


def _report(path: Path) -> tuple[dict[int, str], dict[int, tuple[str, str, str]]]:
    saved: dict[int, str] = {}
    printed: dict[int, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := SAVED.fullmatch(line):
            saved[int(m[1])] = m[2]
        elif m := PRINTED.fullmatch(line):
            printed[int(m[1])] = (m[2], m[3], m[4])
    return saved, printed


def _check_database(url: str, saved: dict[int, str], printed: dict[int, tuple[str, str, str]]) -> dict:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as c:
            dossiers = {str(d.id): d for d in c.execute(sa.select(Dossier.id, Dossier.code, Dossier.note))}
            docs = Counter(str(r[0]) for r in c.execute(sa.select(DossierDocument.dossier_id)))
            register = list(c.execute(sa.select(RegisterEntry.dossier_id, RegisterEntry.book, RegisterEntry.seq)))
            outbox = list(c.execute(sa.select(SyncOutbox.entity_id, SyncOutbox.operation, SyncOutbox.lane,
                                              SyncOutbox.seq).where(SyncOutbox.entity_type == "dossier")))
            audits = list(c.execute(sa.select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.details)
                                    .where(AuditEntry.entity_type == "dossier")))
            prints = list(c.execute(sa.select(PrintedDocument.dossier_id, PrintedDocument.path, PrintedDocument.sha256,
                                              PrintedDocument.size).where(PrintedDocument.kind == "receipt")))
            all_lanes = list(c.execute(sa.select(SyncOutbox.lane, SyncOutbox.seq)))
    finally:
        engine.dispose()
    ids = set(dossiers)
    assert dossiers, "no dossier was saved at all: the kills came too early to test anything"

    # every dossier whole: register entry, document lines, one outbox row, one audit entry
    reg_of = Counter(str(r.dossier_id) for r in register)
    received = Counter(o.entity_id for o in outbox if o.operation == "dossier.received")
    receive_audit = Counter(a.entity_id for a in audits if a.action == "dossier.receive")
    for did, d in dossiers.items():
        assert reg_of[did] == 1, f"{d.code}: {reg_of[did]} register entries"
        assert docs[did] >= 1, f"{d.code}: no document lines"
        assert received[did] == 1, f"{d.code}: {received[did]} 'dossier.received' outbox rows"
        assert receive_audit[did] == 1, f"{d.code}: {receive_audit[did]} 'dossier.receive' audit entries"
        assert d.note.startswith("crash-loop #") or d.note == "after the loop", d.note
    # nothing points at a missing dossier
    assert {o.entity_id for o in outbox} <= ids, "an outbox row names a dossier that is not there"
    assert {a.entity_id for a in audits} <= ids, "an audit entry names a dossier that is not there"
    assert {str(r.dossier_id) for r in register} <= ids
    assert {str(p.dossier_id) for p in prints} <= ids, "a printed receipt names a dossier that is not there"
    # numbers: unique codes, gap-free daily sequences, gap-free register, gap-free outbox lanes
    codes = [d.code for d in dossiers.values()]
    assert len(set(codes)) == len(codes)
    by_day: dict[str, list[int]] = defaultdict(list)
    for code in codes:
        prefix, seq = code.rsplit("-", 1)
        by_day[prefix].append(int(seq))
    for prefix, seqs in by_day.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), f"{prefix}: daily sequence has gaps or repeats"
    books: dict[str, list[int]] = defaultdict(list)
    for r in register:
        books[r.book].append(r.seq)
    for book, seqs in books.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), f"register {book}: gaps or repeats"
    lanes: dict[str, list[int]] = defaultdict(list)
    for lane, seq in all_lanes:
        lanes[lane].append(seq)
    for lane, seqs in lanes.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), f"outbox lane {lane}: gaps or repeats"
    # what the desk reported is there
    by_code = {d.code: d for d in dossiers.values()}
    for n, code in saved.items():
        assert code in by_code, f"dossier {code} (iteration {n}) was reported saved but is missing"
        assert by_code[code].note == f"crash-loop #{n}"
    recorded = {(p.path, p.sha256) for p in prints}
    for n, (code, sha, path) in printed.items():
        assert (path, sha) in recorded, f"receipt of {code} (iteration {n}) was reported printed but is not recorded"
    # every recorded receipt is a whole file with its SHA-256, and audited
    print_audits = Counter(a.details.get("sha256") for a in audits if a.action == "document.print")
    for p in prints:
        data = Path(p.path).read_bytes()  # FileNotFoundError = a row pointing at nothing
        assert len(data) == p.size and hashlib.sha256(data).hexdigest() == p.sha256, f"{p.path} is not what was recorded"
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        assert print_audits[p.sha256] >= 1, f"{p.path}: printed without its audit entry"
    return {"dossiers": len(dossiers), "receipts": len(prints), "by_code": by_code}


def _sqlite_checks(url: str) -> None:
    import sqlite3

    path = sa.engine.make_url(url).database
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


@pytest.mark.slow
def test_kill_desk_mid_save_many_times(svc, officer, backend, tmp_path, record_property):
    kills = _kills(backend)
    seed = int(os.environ.get("KILL_LOOP_SEED") or time.time_ns() % 1_000_000)
    rng = random.Random(seed)
    archive = tmp_path / "archive"
    report = tmp_path / "desk-report.txt"
    report.touch()
    actor = {"user_id": str(officer.user_id) if officer.user_id else None, "username": officer.username,
             "full_name": officer.full_name, "role": officer.role, "counter_number": officer.counter_number,
             "site_id": str(officer.site_id) if officer.site_id else None}
    url = svc.database_url
    svc.close()  # the desk processes own the database during the loop

    started = time.monotonic()
    statuses = Counter()
    zygote = Zygote(url, archive, report, actor)
    try:
        for k in range(1, kills + 1):
            # half the kills aimed at the first save (~50–90 ms after "ready"), half anywhere
            delay = rng.uniform(0, SAVE_WINDOW_S) if rng.random() < 0.5 else rng.uniform(0, MAX_DELAY_S)
            statuses[zygote.life(k * LIFE, delay)] += 1
    finally:
        zygote.close()
    loop_s = time.monotonic() - started
    assert statuses == {-signal.SIGKILL: kills}, f"desk exit statuses {dict(statuses)} (seed {seed})"

    saved, printed = _report(report)
    if backend == "sqlite":
        _sqlite_checks(url)
    found = _check_database(url, saved, printed)
    by_code = found["by_code"]

    # where the kills landed, from what each desk process had done when it died
    landed = Counter()
    for k in range(1, kills + 1):
        lo, hi = k * LIFE, (k + 1) * LIFE
        in_db = sorted(int(d.note.split("#")[1]) for d in by_code.values()
                       if d.note.startswith("crash-loop #") and lo <= int(d.note.split("#")[1]) < hi)
        last_saved = max((n for n in saved if lo <= n < hi), default=None)
        last_printed = max((n for n in printed if lo <= n < hi), default=None)
        if in_db and in_db[-1] != last_saved:
            landed["after the commit, before the desk knew"] += 1
        elif last_saved is not None and last_saved != last_printed:
            landed["while printing the receipt"] += 1
        elif in_db:
            landed["while saving the next dossier (rolled back)"] += 1
        else:
            landed["during or before its first save (nothing committed)"] += 1

    # leftovers of interrupted prints: hidden temp files and archived PDFs with no row
    files = [p for p in archive.rglob("*") if p.is_file()]
    temps = [p for p in files if p.name.startswith(".")]
    recorded_paths = {Path(p) for p in (x[2] for x in printed.values())}
    orphans = [p for p in files if p.suffix == ".pdf" and not p.name.startswith(".") and p not in recorded_paths]

    # the database opens and the desk works after the loop
    after = Services(url, archive_dir=archive)
    try:
        proc = pick_procedure(after)
        from dataclasses import replace

        d = intake.receive_dossier(after, officer, replace(intake_request(proc), note="after the loop"))
        printed_doc = documents.print_receipt(after, officer, d.code)
        assert hashlib.sha256(printed_doc.path.read_bytes()).hexdigest() == printed_doc.sha256
        assert intake.get_dossier(after, d.code).code == d.code
    finally:
        after.close()
    if backend == "sqlite":
        _sqlite_checks(url)
    _check_database(url, saved, printed)

    figures = (f"kill-loop [{backend}] seed {seed}: {kills} kill -9 survived in {loop_s:.1f} s; "
               f"{found['dossiers']} dossiers whole, {len(saved)} reported saved, {found['receipts']} receipts "
               f"verified by SHA-256; kills landed: {dict(landed)}; "
               f"archive leftovers: {len(temps)} temp files, {len(orphans)} unrecorded PDFs")
    record_property("kill_loop", figures)  # shown in the summary by tests/crash/conftest.py
    print("\n" + figures)
    assert loop_s < 90 * max(1, kills / DEFAULT_KILLS[backend]), "the kill loop is too slow for CI"


def test_archive_sweeps_temp_files_left_by_a_killed_print(tmp_path):
    from datetime import UTC, datetime

    from counter_app.printing.archive import STALE_TEMP_SECONDS, archive_pdf

    first = archive_pdf(tmp_path, "receipt", "A-1", b"%PDF-1.4 one", datetime(2026, 11, 26, 2, 30, tzinfo=UTC))
    folder = first.path.parent
    stale, fresh = folder / ".receipt-A-2-20261126T093000.abc.tmp", folder / ".receipt-A-3-20261126T093000.def.tmp"
    stale.write_bytes(b"%PDF-1.4 half")
    fresh.write_bytes(b"%PDF-1.4 being written")
    old = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    second = archive_pdf(tmp_path, "receipt", "A-4", b"%PDF-1.4 two", datetime(2026, 11, 26, 2, 31, tzinfo=UTC))
    assert not stale.exists() and fresh.exists()  # another desk may be writing the fresh one
    assert first.path.read_bytes() == b"%PDF-1.4 one" and second.path.read_bytes() == b"%PDF-1.4 two"
