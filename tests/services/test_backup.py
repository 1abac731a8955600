"""Backups and restores of the site database, on SQLite and on PostgreSQL.

What the admin gets: a backup of a working centre restores into a fresh database with every
row identical; a backup taken while counters keep saving is a consistent moment; a damaged
backup is refused and nothing is touched; a database holding data is only replaced on
purpose (force); the daily backup keeps N files and runs once per business day.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from counter_app.domain.errors import DomainError
from counter_app.services import backup, intake, search, setup
from counter_app.services.context import Services
from counter_app.store import migrate, models
from counter_app.store.engine import make_engine
from tests.helpers import intake_request, pick_procedure

OWNERS = ["Nguyễn Thị Ấn", "Trần Văn Bình", "Lê Thị Cúc", "Phạm Đức Dũng", "Hoàng Thị Én"]


def table_rows(url: str) -> dict[str, list[tuple]]:
    """Every application table's rows (and the Alembic revision), ordered by primary key."""
    engine = make_engine(url)
    try:
        meta = sa.MetaData()
        names = [t.name for t in models.Base.metadata.sorted_tables] + ["alembic_version"]
        meta.reflect(engine, only=names)
        out = {}
        with engine.connect() as conn:
            for name in names:
                table = meta.tables[name]
                order = list(table.primary_key.columns) or list(table.columns)
                out[name] = [tuple(r) for r in conn.execute(sa.select(table).order_by(*order))]
        out["sequence_counter"] = _before_numbering_moved(out["sequence_counter"])
        return out
    finally:
        engine.dispose()


def fill_site(svc, officer, n: int = 5) -> list:
    proc = pick_procedure(svc, days=5)
    return [intake.receive_dossier(svc, officer, intake_request(proc, full_name=OWNERS[i % len(OWNERS)]))
            for i in range(n)]


def _before_numbering_moved(rows: list[tuple]) -> list[tuple]:
    """A restore moves the dossier numbering of the days since the backup on by
    backup.RESTORE_NUMBER_GAP (codes printed after the backup are never issued again): undo
    that here so the rest of the content compares exactly (no test issues 5,000 a day)."""
    out = []
    for key, last in rows:
        if key.startswith("dossier:") and last >= backup.RESTORE_NUMBER_GAP:
            last -= backup.RESTORE_NUMBER_GAP
            if last == 0:
                continue
        out.append((key, last))
    return out


def make_backup(svc, tmp_path: Path, name: str = "site-backup") -> backup.BackupInfo:
    ext = "sqlite3" if svc.backend == "sqlite" else "pgdump"
    return backup.backup(svc, tmp_path / "backups" / f"{name}.{ext}")


def live_rows(url: str) -> dict[str, int]:
    counts = backup.row_counts(url)
    counts["sequence_counter"] = len(table_rows(url)["sequence_counter"])  # as before the numbering moved
    return counts


# -- backup -> restore -> identical --------------------------------------------------------------

def test_backup_of_a_working_centre_restores_identically_into_a_fresh_database(
        svc, officer, empty_db_url, tmp_path, backend):
    dossiers = fill_site(svc, officer, 5)
    before = table_rows(svc.database_url)

    info = make_backup(svc, tmp_path)

    assert info.path.is_file() and info.manifest_path == info.path.with_name(info.path.name + ".manifest.json")
    manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
    assert manifest["format"] == "counter_app-backup" and manifest["format_version"] == 1
    assert manifest["backend"] == backend
    assert manifest["alembic_revision"] == migrate.head_revision() == info.revision
    assert datetime.fromisoformat(manifest["created_at"]) == svc.now()
    assert manifest["size"] == info.path.stat().st_size == info.size
    assert manifest["row_counts"]["dossier"] == 5 and manifest["row_counts"]["site"] == 1
    assert manifest["row_counts"] == live_rows(svc.database_url)

    restored = backup.restore(empty_db_url, info.path)

    assert restored.replaced_data is False
    assert restored.row_counts == manifest["row_counts"]
    assert table_rows(empty_db_url) == before
    assert live_rows(empty_db_url) == live_rows(svc.database_url)
    # The restored centre works: same site, dossiers open by code, name search (incl. the
    # SQLite full-text index) finds them, and the next dossier continues the numbering.
    other = Services(empty_db_url, archive_dir=tmp_path / "archive2", clock=svc.clock)
    try:
        assert setup.site_info(other) == setup.site_info(svc)
        for d in dossiers:
            assert intake.get_dossier(other, d.code) == d
        assert {i.code for i in search.search_dossiers(other, "tran van binh")} == {dossiers[1].code}
        nxt = intake.receive_dossier(other, officer, intake_request(pick_procedure(other, days=5)))
        # ... past the gap: codes printed after the backup could have reached the central.
        assert nxt.code.endswith(f"-{backup.RESTORE_NUMBER_GAP + 6}")
        assert restored.numbering_moved
    finally:
        other.close()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_sqlite_backup_is_one_self_contained_file_that_passes_integrity_check(svc, officer, tmp_path, backend):
    fill_site(svc, officer, 2)
    info = make_backup(svc, tmp_path)
    assert not info.path.with_name(info.path.name + "-wal").exists()
    con = sqlite3.connect(info.path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM dossier").fetchone()[0] == 2
    finally:
        con.close()


def test_backup_taken_while_a_counter_keeps_saving_is_a_consistent_moment(
        svc, officer, empty_db_url, tmp_path, backend):
    proc = pick_procedure(svc, days=5)
    saved: list[str] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def counter_desk():
        try:
            i = 0
            while not stop.is_set():
                d = intake.receive_dossier(svc, officer, intake_request(proc, full_name=OWNERS[i % len(OWNERS)]))
                saved.append(d.code)
                i += 1
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    writer = threading.Thread(target=counter_desk)
    writer.start()
    try:
        _wait_until(lambda: len(saved) >= 5 or errors)
        info = make_backup(svc, tmp_path)
        at_backup_end = len(saved)
        _wait_until(lambda: len(saved) >= at_backup_end + 5 or errors)
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not errors, errors
    assert not writer.is_alive()

    in_backup = info.row_counts["dossier"]
    assert 5 <= in_backup <= at_backup_end < len(saved)  # the desk kept saving during and after
    if backend == "sqlite":
        con = sqlite3.connect(info.path)
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        con.close()

    backup.restore(empty_db_url, info.path, now=svc.now())
    engine = make_engine(empty_db_url)
    try:
        with engine.connect() as c:
            codes = [r[0] for r in c.execute(sa.text("SELECT code FROM dossier ORDER BY code"))]
            last = c.execute(sa.text("SELECT last FROM sequence_counter WHERE key LIKE 'dossier:%'")).scalar_one()
            registered = c.execute(sa.text("SELECT count(*) FROM register_entry")).scalar_one()
            outbox = c.execute(sa.text("SELECT count(*) FROM sync_outbox")).scalar_one()
    finally:
        engine.dispose()
    # One moment of the database: the first N dossiers, each with its register line and outbox
    # row, and the code counter exactly at N (no half-saved dossier, no gap).
    assert codes == sorted(saved[:in_backup])
    assert last - backup.RESTORE_NUMBER_GAP == registered == outbox == in_backup  # numbering moved on
    assert live_rows(empty_db_url) == info.row_counts


def _wait_until(cond, timeout: float = 60) -> None:
    deadline = datetime.now(UTC) + timedelta(seconds=timeout)
    while not cond():
        assert datetime.now(UTC) < deadline, "timed out"
        threading.Event().wait(0.01)


# -- refusing -----------------------------------------------------------------------------------

def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 2)


def _drop_manifest(path: Path) -> None:
    backup.manifest_path_for(path).unlink()


def _garble_manifest(path: Path) -> None:
    backup.manifest_path_for(path).write_text("{not json", encoding="utf-8")


def _foreign_revision(path: Path) -> None:
    m = backup.manifest_path_for(path)
    doc = json.loads(m.read_text(encoding="utf-8"))
    doc["alembic_revision"] = "9999_from_the_future"
    m.write_text(json.dumps(doc), encoding="utf-8")


@pytest.mark.parametrize("damage, code", [
    (_flip_byte, "backup_corrupted"),
    (_truncate, "backup_corrupted"),
    (_drop_manifest, "backup_manifest_missing"),
    (_garble_manifest, "backup_manifest_invalid"),
    (_foreign_revision, "backup_revision_unknown"),
], ids=["flipped-byte", "truncated", "no-manifest", "garbled-manifest", "newer-schema"])
def test_a_damaged_backup_is_refused_even_with_force_and_the_target_is_untouched(
        svc, officer, tmp_path, damage, code):
    fill_site(svc, officer, 3)
    info = make_backup(svc, tmp_path)
    fill_site(svc, officer, 1)  # the live database moved on after the backup
    before = table_rows(svc.database_url)
    svc.close()  # nobody holds the database open: only the damage can stop the restore
    damage(info.path)

    with pytest.raises(DomainError) as exc:
        backup.restore(svc.database_url, info.path, force=True)

    assert exc.value.code == code
    assert "giữ nguyên" in exc.value.message("vi") or code == "backup_revision_unknown"
    assert table_rows(svc.database_url) == before
    if svc.backend == "sqlite":  # no half-restored file left next to the database either
        assert not list(Path(sa.engine.make_url(svc.database_url).database).parent.glob(".*.restore-*"))


def test_restore_onto_a_database_holding_data_needs_force(svc, officer, tmp_path, backend):
    fill_site(svc, officer, 2)
    info = make_backup(svc, tmp_path)
    at_backup = table_rows(svc.database_url)
    fill_site(svc, officer, 3)
    current = table_rows(svc.database_url)

    with pytest.raises(DomainError) as exc:
        backup.restore(svc.database_url, info.path)
    assert exc.value.code == "restore_target_not_empty"
    assert "--force" in exc.value.message("vi") and "--force" in exc.value.message("en")
    assert table_rows(svc.database_url) == current

    if backend == "sqlite":
        # The desk still has the file open (the pool keeps a connection): replacing it under
        # a running program would lose its next save, so even --force is refused.
        with svc.reading() as s:
            s.execute(sa.text("SELECT 1"))
        with pytest.raises(DomainError) as exc:
            backup.restore(svc.database_url, info.path, force=True)
        assert exc.value.code == "restore_db_in_use"
        assert table_rows(svc.database_url) == current
    svc.close()

    restored = backup.restore(svc.database_url, info.path, force=True)

    assert restored.replaced_data is True
    assert table_rows(svc.database_url) == at_backup
    assert live_rows(svc.database_url) == info.row_counts


def test_after_a_forced_restore_the_database_is_exactly_the_backup(svc, officer, tmp_path):
    fill_site(svc, officer, 2)
    info = make_backup(svc, tmp_path)
    with svc.transaction() as s:  # e.g. a table a newer version added after the backup
        s.execute(sa.text("CREATE TABLE leftover_from_newer_version (id INTEGER PRIMARY KEY)"))
        s.execute(sa.text("INSERT INTO leftover_from_newer_version VALUES (1)"))
    svc.close()

    backup.restore(svc.database_url, info.path, force=True)

    assert live_rows(svc.database_url) == info.row_counts
    assert "leftover_from_newer_version" not in live_rows(svc.database_url)


def test_restore_onto_a_migrated_but_empty_database_needs_no_force(svc, officer, empty_db_url, tmp_path):
    fill_site(svc, officer, 1)
    info = make_backup(svc, tmp_path)
    engine = make_engine(empty_db_url)  # e.g. the desk was started once on the new PC
    migrate.upgrade(engine)
    engine.dispose()

    restored = backup.restore(empty_db_url, info.path)

    assert restored.replaced_data is False
    assert table_rows(empty_db_url) == table_rows(svc.database_url)


def test_backup_never_overwrites(svc, officer, tmp_path):
    fill_site(svc, officer, 1)
    info = make_backup(svc, tmp_path)
    digest = info.sha256
    with pytest.raises(DomainError) as exc:
        make_backup(svc, tmp_path)
    assert exc.value.code == "backup_out_exists"
    assert backup.verify(info.path)["sha256"] == digest


def test_backup_of_a_missing_sqlite_file_is_refused_without_creating_it(tmp_path):
    missing = tmp_path / "nowhere" / "site.sqlite3"
    with pytest.raises(DomainError) as exc:
        backup.backup(f"sqlite:///{missing}", tmp_path / "b.sqlite3")
    assert exc.value.code == "backup_source_missing"
    assert not missing.exists() and not (tmp_path / "b.sqlite3").exists()


def test_a_backup_restores_only_into_its_own_kind_of_database(svc, officer, tmp_path, backend):
    fill_site(svc, officer, 1)
    info = make_backup(svc, tmp_path)
    other = "postgresql+psycopg://nobody@127.0.0.1:1/none" if backend == "sqlite" else f"sqlite:///{tmp_path / 'x.sqlite3'}"
    with pytest.raises(DomainError) as exc:
        backup.restore(other, info.path, force=True)
    assert exc.value.code == "backup_backend_mismatch"
    assert not (tmp_path / "x.sqlite3").exists()


# -- the daily backup ---------------------------------------------------------------------------

def _local(y, m, d, hh, mm) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC) - timedelta(hours=7)  # Hà Nội wall clock -> UTC


def test_daily_backup_runs_once_per_business_day_and_keeps_the_newest_n(svc, officer, tmp_path, backend):
    folder = tmp_path / "daily"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a backup")
    (folder / "before-upgrade.sqlite3").write_bytes(b"a manual copy")
    fill_site(svc, officer, 1)
    ext = "sqlite3" if backend == "sqlite" else "pgdump"

    first = backup.scheduled_backup(svc, folder, keep=3, now=_local(2026, 11, 26, 8, 0))
    assert first.created is not None and first.existing is None
    assert first.created.path.name == f"counter_app-20261126-080000.{ext}"
    # Later the same business day: nothing new.
    again = backup.scheduled_backup(svc, folder, keep=3, now=_local(2026, 11, 26, 23, 59))
    assert again.created is None and again.existing == first.created.path
    # 00:30 in Hà Nội is still the previous day in UTC, but a new business day.
    days = [_local(2026, 11, 27, 0, 30), _local(2026, 11, 28, 7, 45), _local(2026, 11, 30, 7, 45)]
    removed = []
    for when in days:
        fill_site(svc, officer, 1)
        r = backup.scheduled_backup(svc, folder, keep=3, now=when)
        assert r.created is not None
        removed += r.removed

    names = sorted(p.name for p in folder.iterdir())
    kept = [f"counter_app-20261127-003000.{ext}", f"counter_app-20261128-074500.{ext}",
            f"counter_app-20261130-074500.{ext}"]
    assert names == sorted(["before-upgrade.sqlite3", "notes.txt", *kept,
                            *(k + ".manifest.json" for k in kept)])
    assert [p.name for p in removed] == [f"counter_app-20261126-080000.{ext}"]
    # Each kept file is a verified backup of its day (one more dossier each day).
    assert [backup.verify(folder / k)["row_counts"]["dossier"] for k in kept] == [2, 3, 4]
    # Lowering keep prunes even when today's backup exists.
    r = backup.scheduled_backup(svc, folder, keep=1, now=_local(2026, 11, 30, 16, 0))
    assert r.created is None and len(r.removed) == 2
    assert sorted(backup.iter_scheduled(folder)) == [folder / kept[-1]]


def test_a_crashed_daily_backup_without_manifest_does_not_count_as_done(svc, officer, tmp_path, backend):
    folder = tmp_path / "daily"
    folder.mkdir()
    ext = "sqlite3" if backend == "sqlite" else "pgdump"
    (folder / f"counter_app-20261126-080000.{ext}").write_bytes(b"half a file")
    fill_site(svc, officer, 1)
    r = backup.scheduled_backup(svc, folder, keep=7, now=_local(2026, 11, 26, 9, 0))
    assert r.created is not None and backup.verify(r.created.path)["row_counts"]["dossier"] == 1


def test_keep_must_be_at_least_one(svc, tmp_path):
    for bad in (0, -1):
        with pytest.raises(DomainError) as exc:
            backup.scheduled_backup(svc, tmp_path, keep=bad)
        assert exc.value.code == "number_range"
        with pytest.raises(DomainError):
            backup.prune(tmp_path, bad)


# -- PostgreSQL client programs -----------------------------------------------------------------

@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_pg_dump_missing_is_a_clear_error_and_nothing_is_written(svc, demo, tmp_path, monkeypatch, backend):
    monkeypatch.delenv("COUNTER_APP_PG_BINDIR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.setattr(backup.shutil, "which", lambda *a, **k: None)
    monkeypatch.setattr(backup, "PG_BIN_GLOBS", ())
    out = tmp_path / "b.pgdump"

    with pytest.raises(DomainError) as exc:
        backup.backup(svc, out)

    assert exc.value.code == "pg_dump_missing"
    engine = make_engine(svc.database_url)
    with engine.connect() as c:
        major = int(c.execute(sa.text("SHOW server_version_num")).scalar_one()) // 10000
    engine.dispose()
    vi, en = exc.value.message("vi"), exc.value.message("en")
    assert "Không tìm thấy chương trình pg_dump" in vi and f"postgresql-client-{major}" in vi
    assert "pg_dump" in en and f"apt-get install postgresql-client-{major}" in en and "COUNTER_APP_PG_BINDIR" in en
    assert list(tmp_path.glob("*pgdump*")) == []


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_pg_restore_missing_is_refused_before_touching_the_target(svc, officer, tmp_path, monkeypatch, backend):
    fill_site(svc, officer, 1)
    info = make_backup(svc, tmp_path)
    fill_site(svc, officer, 1)
    before = table_rows(svc.database_url)
    monkeypatch.setenv("COUNTER_APP_PG_BINDIR", str(tmp_path / "empty-bin"))
    with pytest.raises(DomainError) as exc:
        backup.restore(svc.database_url, info.path, force=True)
    assert exc.value.code == "pg_dump_missing" and exc.value.params["tool"] == "pg_restore"
    assert table_rows(svc.database_url) == before


def _fake_tool(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True)
    tool = folder / "pg_dump"
    tool.write_text(f"#!/bin/sh\necho 'pg_dump (PostgreSQL) {version}'\n")
    tool.chmod(0o755)
    return tool


@pytest.mark.skipif(os.name == "nt", reason="shell-script stand-ins")
def test_pg_dump_of_the_server_major_version_is_preferred_else_the_nearest_newer(tmp_path, monkeypatch):
    monkeypatch.delenv("COUNTER_APP_PG_BINDIR", raising=False)
    on_path = _fake_tool(tmp_path / "usr-bin", "17.2 (Debian 17.2-1)")
    v14 = _fake_tool(tmp_path / "pg" / "14" / "bin", "14.11")
    v15 = _fake_tool(tmp_path / "pg" / "15" / "bin", "15.6")
    v16 = _fake_tool(tmp_path / "pg" / "16" / "bin", "16.3")
    monkeypatch.setattr(backup.shutil, "which", lambda name, *a, **k: str(on_path) if name == "pg_dump" else None)
    monkeypatch.setattr(backup, "PG_BIN_GLOBS", (str(tmp_path / "pg" / "*" / "bin"),))

    assert backup.find_pg_tool("pg_dump", 15) == str(v15)
    assert backup.find_pg_tool("pg_dump", 16) == str(v16)
    assert backup.find_pg_tool("pg_dump", 17) == str(on_path)
    assert backup.find_pg_tool("pg_dump", 14) == str(v14)
    with pytest.raises(DomainError) as exc:
        backup.find_pg_tool("pg_dump", 18)
    assert exc.value.code == "pg_dump_missing" and exc.value.params["found"] == "14, 15, 16, 17"
    # An explicit folder is the only place looked at.
    monkeypatch.setenv("COUNTER_APP_PG_BINDIR", str(v16.parent))
    assert backup.find_pg_tool("pg_dump", 15) == str(v16)
