"""Backups of the site database, and restoring them — with proof that the copy is whole.

A backup is two files side by side: the data (`FILE`) and its manifest
(`FILE.manifest.json`: format version, backend, Alembic revision, time, per-table row
counts, size and SHA-256 of the data file). Restoring checks the manifest and the SHA-256
before touching anything, and the row counts after.

- SQLite: the online backup API (`sqlite3.Connection.backup`, one step = one read
  snapshot, so desks keep writing meanwhile, WAL included), then `PRAGMA integrity_check`
  on the copy. The copy is a single self-contained file (journal mode DELETE). Restoring
  builds the new file next to the target, checks it, then swaps it in with `os.replace`;
  a database that another program holds open is refused.
- PostgreSQL: `pg_dump --format=custom`, run on a snapshot exported from the transaction
  that counts the rows (the counts describe exactly what was dumped); restoring is
  `pg_restore --clean --if-exists --no-owner --single-transaction`. The client programs
  must be of the server's major version or newer: they are looked up on PATH, in
  COUNTER_APP_PG_BINDIR, and in the usual install folders (/usr/lib/postgresql/N/bin, …).

`scheduled_backup` is the single-desk daily backup: one file per business day
(Asia/Ho_Chi_Minh) in a folder, the newest N kept.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.errors import DomainError
from counter_app.services.context import Services
from counter_app.store import migrate, models
from counter_app.store.engine import SQLITE_BUSY_TIMEOUT_MS, make_engine, normalize_url

FORMAT = "counter_app-backup"
FORMAT_VERSION = 1
MANIFEST_SUFFIX = ".manifest.json"
SCHEDULED_PREFIX = "counter_app-"
SCHEDULED_RE = re.compile(r"^counter_app-(\d{8})-(\d{6})\.(sqlite3|pgdump)$")
EXTENSIONS = {"sqlite": "sqlite3", "postgresql": "pgdump"}
# How long a restore waits for another program's lock before giving up.
RESTORE_LOCK_TIMEOUT_S = 5
PG_LOCK_TIMEOUT_MS = 30_000
# Where PostgreSQL client programs usually live besides PATH (Debian/Ubuntu, RHEL, macOS, Windows).
PG_BIN_GLOBS: tuple[str, ...] = (
    "/usr/lib/postgresql/*/bin",
    "/usr/pgsql-*/bin",
    "/opt/homebrew/opt/postgresql@*/bin",
    "/usr/local/opt/postgresql@*/bin",
    "/Library/PostgreSQL/*/bin",
    "/Applications/Postgres.app/Contents/Versions/*/bin",
    "C:/Program Files/PostgreSQL/*/bin",
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    manifest_path: Path
    backend: str
    revision: str
    created_at: datetime
    size: int
    sha256: str
    row_counts: dict[str, int]

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())


@dataclass(frozen=True)
class RestoreInfo:
    path: Path
    database: str  # the target URL, password hidden
    backend: str
    revision: str
    created_at: datetime  # when the backup was taken
    row_counts: dict[str, int]
    replaced_data: bool  # the target held data before (restored with force)
    # Dossier-code sequences moved on past what may have been issued after the backup:
    # {"YYYY-MM-DD": first code number now issued that day}.
    numbering_moved: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())


@dataclass(frozen=True)
class ScheduledBackup:
    created: BackupInfo | None  # None: today's backup already existed
    existing: Path | None  # today's backup when nothing was made
    removed: list[Path] = field(default_factory=list)


# -- public API -------------------------------------------------------------------------------

def manifest_path_for(backup_file: Path) -> Path:
    backup_file = Path(backup_file)
    return backup_file.with_name(backup_file.name + MANIFEST_SUFFIX)


def backup(svc_or_url: Services | str, out: Path, *, now: datetime | None = None) -> BackupInfo:
    """Copy the live database to `out` (and `out`.manifest.json). Refuses to overwrite."""
    url = svc_or_url.database_url if isinstance(svc_or_url, Services) else normalize_url(svc_or_url)
    if now is None:
        now = svc_or_url.now() if isinstance(svc_or_url, Services) else datetime.now(UTC)
    out = Path(out).expanduser()
    manifest = manifest_path_for(out)
    for p in (out, manifest):
        if p.exists():
            raise DomainError("backup_out_exists", path=str(p))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DomainError("backup_failed", detail=f"{out.parent}: {exc.strerror or exc}") from exc
    backend = make_url(url).get_backend_name()
    partial = out.with_name(f".{out.name}.partial")
    try:
        if backend == "sqlite":
            revision, counts = _sqlite_backup(_sqlite_path(url), partial)
        elif backend == "postgresql":
            revision, counts = _pg_backup(url, partial)
        else:
            raise DomainError("backup_failed", detail=f"unsupported database '{backend}'")
        size, digest = _file_digest(partial)
        doc = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "backend": backend,
            "alembic_revision": revision, "created_at": now.astimezone(UTC).isoformat(),
            "file": out.name, "size": size, "sha256": digest, "row_counts": counts,
        }
        _write_json(manifest.with_name(f".{manifest.name}.partial"), doc)
        _fsync(partial)
        os.replace(partial, out)
        os.replace(manifest.with_name(f".{manifest.name}.partial"), manifest)
        _fsync_dir(out.parent)
    except OSError as exc:
        raise DomainError("backup_failed", detail=f"{exc.filename or out}: {exc.strerror or exc}") from exc
    finally:
        for p in (partial, manifest.with_name(f".{manifest.name}.partial")):
            with contextlib.suppress(OSError):
                p.unlink()
    return BackupInfo(path=out, manifest_path=manifest, backend=backend, revision=revision,
                      created_at=now.astimezone(UTC), size=size, sha256=digest, row_counts=counts)


def verify(backup_file: Path) -> dict:
    """Check a backup against its manifest (size, SHA-256, format); returns the manifest."""
    backup_file = Path(backup_file).expanduser()
    manifest = manifest_path_for(backup_file)
    if not backup_file.is_file():
        raise DomainError("backup_file_missing", path=str(backup_file))
    if not manifest.is_file():
        raise DomainError("backup_manifest_missing", path=str(backup_file), manifest=str(manifest))
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
        ok = (isinstance(doc, dict) and doc.get("format") == FORMAT and doc.get("format_version") == FORMAT_VERSION
              and doc.get("backend") in EXTENSIONS and isinstance(doc.get("sha256"), str)
              and isinstance(doc.get("size"), int) and isinstance(doc.get("row_counts"), dict)
              and all(isinstance(k, str) and isinstance(v, int) for k, v in doc["row_counts"].items())
              and isinstance(doc.get("alembic_revision"), str) and isinstance(doc.get("created_at"), str))
        if ok:
            datetime.fromisoformat(doc["created_at"])
    except (OSError, ValueError, UnicodeDecodeError):
        ok = False
    if not ok:
        raise DomainError("backup_manifest_invalid", manifest=str(manifest))
    size, digest = _file_digest(backup_file)
    if size != doc["size"] or digest != doc["sha256"]:
        raise DomainError("backup_corrupted", path=str(backup_file), size=size, expected_size=doc["size"])
    if not _known_revision(doc["alembic_revision"]):
        raise DomainError("backup_revision_unknown", revision=doc["alembic_revision"])
    return doc


def restore(url: str, backup_file: Path, *, force: bool = False, now: datetime | None = None) -> RestoreInfo:
    """Replace the database at `url` with the backup. Nothing is touched unless the backup
    checks out; a target holding data needs `force`."""
    url = normalize_url(url)
    backup_file = Path(backup_file).expanduser()
    doc = verify(backup_file)
    backend = make_url(url).get_backend_name()
    if doc["backend"] != backend:
        raise DomainError("backup_backend_mismatch", backup_backend=doc["backend"], target_backend=backend)
    expected: dict[str, int] = doc["row_counts"]
    if backend == "sqlite":
        replaced = _sqlite_restore(_sqlite_path(url), backup_file, expected, force=force)
    else:
        replaced = _pg_restore(url, backup_file, expected, force=force)
    created_at = datetime.fromisoformat(doc["created_at"])
    moved = _continue_numbering(url, created_at, now or datetime.now(UTC))
    return RestoreInfo(
        path=backup_file, database=make_url(url).render_as_string(hide_password=True), backend=backend,
        revision=doc["alembic_revision"], created_at=created_at,
        row_counts=dict(expected), replaced_data=replaced, numbering_moved=moved,
    )


# Dossier codes issued between the backup and the restore are gone from this database but
# were printed on receipts and reached the central system: the restored counters would issue
# them again. Each day since the backup's day goes on from its restored number + this gap
# (well below the central's online range, domain.dossier_code.ONLINE_SEQ_BASE).
RESTORE_NUMBER_GAP = 5000


def _continue_numbering(url: str, backup_taken: datetime, now: datetime) -> dict[str, int]:
    """Move every dossier-code sequence of the days from the backup's (local) day to today past
    RESTORE_NUMBER_GAP, in one transaction. Returns {day: next number}."""
    from datetime import timedelta

    first_day = backup_taken.astimezone(LOCAL_TZ).date()
    today = now.astimezone(LOCAL_TZ).date()
    if today < first_day:
        today = first_day
    engine = make_engine(url)
    moved: dict[str, int] = {}
    try:
        with engine.begin() as conn:
            agency = conn.execute(sa.select(models.Site.agency_code)).scalar_one_or_none()
            if agency is None:
                return moved
            table = models.SequenceCounter.__table__
            day = first_day
            while day <= today:
                key = f"dossier:{agency}:{day.isoformat()}"
                last = conn.execute(sa.select(table.c.last).where(table.c.key == key)).scalar_one_or_none()
                new_last = (last or 0) + RESTORE_NUMBER_GAP
                if last is None:
                    conn.execute(sa.insert(table).values(key=key, last=new_last))
                else:
                    conn.execute(sa.update(table).where(table.c.key == key).values(last=new_last))
                moved[day.isoformat()] = new_last + 1
                day += timedelta(days=1)
    finally:
        engine.dispose()
    return moved


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete the oldest scheduled backups in `folder` (and their manifests), keeping `keep`."""
    if keep < 1:
        raise DomainError("number_range", min=1, max=10_000)
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        return []
    backups = sorted((p for p in folder.iterdir() if SCHEDULED_RE.match(p.name) and p.is_file()),
                     key=lambda p: p.name, reverse=True)
    removed = []
    for p in backups[keep:]:
        for q in (p, manifest_path_for(p)):
            with contextlib.suppress(FileNotFoundError):
                q.unlink()
        removed.append(p)
    return removed


def scheduled_backup(svc: Services, folder: Path, keep: int, now: datetime | None = None) -> ScheduledBackup:
    """The daily backup: one per business day (Asia/Ho_Chi_Minh), newest `keep` kept.
    A no-op (apart from pruning) when today's backup is already there."""
    if keep < 1:
        raise DomainError("number_range", min=1, max=10_000)
    folder = Path(folder).expanduser()
    now = (now or svc.now()).astimezone(UTC)
    local = now.astimezone(LOCAL_TZ)
    day = local.strftime("%Y%m%d")
    existing = None
    if folder.is_dir():
        for p in sorted(folder.iterdir(), reverse=True):
            m = SCHEDULED_RE.match(p.name)
            if m and m.group(1) == day and manifest_path_for(p).is_file():
                existing = p
                break
    created = None
    if existing is None:
        ext = EXTENSIONS.get(svc.backend, "backup")
        created = backup(svc, folder / f"{SCHEDULED_PREFIX}{local.strftime('%Y%m%d-%H%M%S')}.{ext}", now=now)
    return ScheduledBackup(created=created, existing=existing, removed=prune(folder, keep))


def row_counts(url_or_engine: str | sa.Engine) -> dict[str, int]:
    """Rows per table of a live database (every table, the Alembic one included)."""
    engine = make_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
    try:
        with engine.connect() as conn:
            return _count_rows(conn)
    finally:
        if isinstance(url_or_engine, str):
            engine.dispose()


# -- SQLite -----------------------------------------------------------------------------------

def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise DomainError("backup_failed", detail="an in-memory SQLite database cannot be backed up or restored")
    return Path(database).expanduser()


def _sqlite_connect(path: Path, timeout: float = SQLITE_BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    con.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    return con


def _sqlite_tables(con: sqlite3.Connection) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name")]


def _sqlite_counts(con: sqlite3.Connection) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t.replace(chr(34), chr(34) * 2)}"').fetchone()[0]
            for t in _sqlite_tables(con)}


def _sqlite_revision(con: sqlite3.Connection) -> str | None:
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _sqlite_check(path: Path) -> tuple[str | None, dict[str, int]]:
    """integrity_check a standalone SQLite file; returns (revision, row counts)."""
    try:
        con = _sqlite_connect(path)
        try:
            result = [r[0] for r in con.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise DomainError("backup_integrity_failed", path=str(path), detail="; ".join(result[:3]))
            return _sqlite_revision(con), _sqlite_counts(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DomainError("backup_integrity_failed", path=str(path), detail=str(exc)) from exc


def _sqlite_backup(source: Path, dest: Path) -> tuple[str, dict[str, int]]:
    if not source.is_file():
        raise DomainError("backup_source_missing", path=str(source))
    with contextlib.suppress(FileNotFoundError):
        dest.unlink()
    try:
        src = _sqlite_connect(source)
        try:
            dst = sqlite3.connect(str(dest), isolation_level=None)
            try:
                # One step (pages=-1): the whole copy is read under one snapshot, so writers at
                # the desks carry on (WAL) and the copy is a consistent moment of the database.
                src.backup(dst)
                # The copy inherits WAL mode from the header; make it one self-contained file.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as exc:
        raise DomainError("backup_failed", detail=str(exc)) from exc
    revision, counts = _sqlite_check(dest)
    if revision is None:
        raise DomainError("backup_source_empty", database=str(source))
    return revision, counts


# Rows a migration itself writes (the audit chain's head): a freshly migrated database is empty.
_SEEDED_BY_MIGRATIONS = frozenset({"audit_head"})


def _sqlite_holds_data(path: Path) -> bool:
    con = _sqlite_connect(path, timeout=RESTORE_LOCK_TIMEOUT_S)
    try:
        present = set(_sqlite_tables(con))
        return any(con.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0]
                   for t in models.Base.metadata.tables if t in present and t not in _SEEDED_BY_MIGRATIONS)
    finally:
        con.close()


def _sqlite_release(target: Path) -> None:
    """Make sure no other program has the target open and that it has no WAL left behind.
    Leaving WAL mode needs the only connection to the file: if it fails, someone else is in."""
    try:
        con = _sqlite_connect(target, timeout=RESTORE_LOCK_TIMEOUT_S)
        try:
            mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        raise DomainError("restore_db_in_use", path=str(target)) from exc
    except sqlite3.DatabaseError:
        return  # not a database at all (e.g. garbage): nothing of value to protect from a WAL
    if str(mode).lower() != "delete":
        raise DomainError("restore_db_in_use", path=str(target))


def _sqlite_restore(target: Path, backup_file: Path, expected: Mapping[str, int], *, force: bool) -> bool:
    holds_data = False
    if target.exists() and target.stat().st_size > 0:
        try:
            holds_data = _sqlite_holds_data(target)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DomainError("restore_db_in_use", path=str(target)) from exc
            holds_data = True  # unreadable: treat as something to protect
        except sqlite3.DatabaseError:
            holds_data = True
        if holds_data and not force:
            raise DomainError("restore_target_not_empty", database=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.restore-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(backup_file, tmp)
        _, counts = _sqlite_check(tmp)
        _compare_counts(expected, counts)
        _fsync(tmp)
        if target.exists():
            _sqlite_release(target)
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                target.with_name(target.name + suffix).unlink()
        try:
            os.replace(tmp, target)
        except PermissionError as exc:  # Windows: the file is open in another program
            raise DomainError("restore_db_in_use", path=str(target)) from exc
        _fsync_dir(target.parent)
    except OSError as exc:
        raise DomainError("restore_failed", detail=f"{exc.filename or target}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    # Read back what is now in place.
    _, counts = _sqlite_check(target)
    _compare_counts(expected, counts)
    return holds_data


# -- PostgreSQL -------------------------------------------------------------------------------

def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment carrying it."""
    u = make_url(url)
    env = dict(os.environ)
    if u.password is not None:
        env["PGPASSWORD"] = str(u.password)
    conninfo = u.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return conninfo, env


def _tool_major(path: str) -> int | None:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?", out)
    if not m:
        return None
    major = int(m.group(1))
    return major if major >= 10 else major * 100 + int(m.group(2) or 0)  # 9.6 -> 906


def _server_major(conn: sa.Connection) -> int:
    num = int(conn.execute(sa.text("SHOW server_version_num")).scalar_one())
    return num // 10000 if num >= 100000 else num // 100  # 150020 -> 15, 90624 -> 906


def find_pg_tool(tool: str, server_major: int) -> str:
    """The pg_dump / pg_restore to use for a server: its own major version if installed,
    else the nearest newer one. COUNTER_APP_PG_BINDIR, when set, is the only place looked at."""
    exe = tool + (".exe" if os.name == "nt" else "")
    bindir = os.environ.get("COUNTER_APP_PG_BINDIR")
    candidates: list[str] = []
    if bindir:
        candidates.append(str(Path(bindir).expanduser() / exe))
    else:
        on_path = shutil.which(tool)
        if on_path:
            candidates.append(on_path)
        for pattern in PG_BIN_GLOBS:
            candidates.extend(sorted(glob.glob(str(Path(pattern) / exe))))
    found: dict[int, str] = {}
    for c in candidates:
        if not os.path.isfile(c) or not os.access(c, os.X_OK):
            continue
        major = _tool_major(c)
        if major is not None:
            found.setdefault(major, c)
    if server_major in found:
        return found[server_major]
    newer = sorted(m for m in found if m > server_major)
    if newer:
        return found[newer[0]]
    raise DomainError("pg_dump_missing", tool=tool, major=server_major,
                      found=", ".join(str(m) for m in sorted(found)) or "-")


def _quote(conn: sa.Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _count_rows(conn: sa.Connection) -> dict[str, int]:
    names = sorted(sa.inspect(conn).get_table_names())
    return {t: conn.execute(sa.text(f"SELECT count(*) FROM {_quote(conn, t)}")).scalar_one() for t in names}


def _run_tool(args: list[str], env: dict[str, str], what: str) -> None:
    try:
        proc = subprocess.run(args, capture_output=True, text=True, env=env)
    except OSError as exc:
        raise DomainError(f"{what}_failed", detail=f"{args[0]}: {exc.strerror or exc}") from exc
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout or "").strip().splitlines()
        raise DomainError(f"{what}_failed", detail=" | ".join(detail[-3:]) or f"exit status {proc.returncode}")


def _pg_backup(url: str, dest: Path) -> tuple[str, dict[str, int]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            pg_dump = find_pg_tool("pg_dump", _server_major(conn))
        conninfo, env = _libpq(url)
        # The transaction that counts the rows exports its snapshot and pg_dump dumps from it:
        # the manifest's counts are exactly the dump's content, while desks keep writing.
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
            snapshot = conn.execute(sa.text("SELECT pg_export_snapshot()")).scalar_one()
            revision = conn.execute(sa.text(
                "SELECT version_num FROM alembic_version")).scalar() if sa.inspect(conn).has_table(
                "alembic_version") else None
            if revision is None:
                raise DomainError("backup_source_empty", database=engine.url.render_as_string(hide_password=True))
            counts = _count_rows(conn)
            _run_tool([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={dest}",
                       f"--dbname={conninfo}"], env, "backup")
    except sa.exc.OperationalError as exc:
        raise DomainError("backup_failed", detail=str(exc.orig).strip().splitlines()[0]) from exc
    finally:
        engine.dispose()
    return revision, counts


def _pg_holds_data(conn: sa.Connection) -> bool:
    present = set(sa.inspect(conn).get_table_names())
    return any(conn.execute(sa.text(f"SELECT EXISTS (SELECT 1 FROM {_quote(conn, t)})")).scalar_one()
               for t in models.Base.metadata.tables if t in present and t not in _SEEDED_BY_MIGRATIONS)


def _pg_restore(url: str, backup_file: Path, expected: Mapping[str, int], *, force: bool) -> bool:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            pg_restore = find_pg_tool("pg_restore", _server_major(conn))
            holds_data = _pg_holds_data(conn)
        if holds_data and not force:
            raise DomainError("restore_target_not_empty", database=engine.url.render_as_string(hide_password=True))
        conninfo, env = _libpq(url)
        # The archive must read as a whole before anything is dropped.
        _run_tool([pg_restore, "--list", str(backup_file)], env, "restore")
        env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + f" -c lock_timeout={PG_LOCK_TIMEOUT_MS}").strip()
        _run_tool([pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                   f"--dbname={conninfo}", str(backup_file)], env, "restore")
        with engine.begin() as conn:
            # Tables the backup did not have (a newer schema) would confuse the migrations.
            for t in sa.inspect(conn).get_table_names():
                if t not in expected:
                    conn.execute(sa.text(f"DROP TABLE IF EXISTS {_quote(conn, t)} CASCADE"))
        with engine.connect() as conn:
            _compare_counts(expected, _count_rows(conn))
    except sa.exc.OperationalError as exc:
        raise DomainError("restore_failed", detail=str(exc.orig).strip().splitlines()[0]) from exc
    finally:
        engine.dispose()
    return holds_data


# -- helpers ----------------------------------------------------------------------------------

def _compare_counts(expected: Mapping[str, int], actual: Mapping[str, int]) -> None:
    for table in sorted(set(expected) | set(actual)):
        if expected.get(table) != actual.get(table):
            raise DomainError("restore_verify_failed", table=table, expected=expected.get(table, "-"),
                              actual=actual.get(table, "-"))


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(migrate.alembic_config()).get_revision(revision) is not None
    except (CommandError, KeyError, ValueError):
        return False


def _file_digest(path: Path) -> tuple[int, str]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            size += len(chunk)
    return size, h.hexdigest()


def _write_json(path: Path, doc: dict) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def iter_scheduled(folder: Path) -> Iterator[Path]:
    """The scheduled backups in a folder, newest first."""
    folder = Path(folder).expanduser()
    if folder.is_dir():
        yield from sorted((p for p in folder.iterdir() if SCHEDULED_RE.match(p.name)),
                          key=lambda p: p.name, reverse=True)
