"""One holder per site for long-running jobs (the sync worker): PostgreSQL advisory lock, or a
lock file beside the SQLite database."""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

import sqlalchemy as sa
from filelock import FileLock, Timeout
from sqlalchemy.engine import make_url


def _advisory_key(name: str) -> int:
    # pg_try_advisory_lock takes a signed 64-bit key; a stable hash of the job's name.
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class WorkerLock:
    """`acquire()` answers at once: True when this process now holds the site's lock for *name*.

    PostgreSQL: a session-level advisory lock on a dedicated connection, released when the
    connection closes — so a killed worker (kill -9, power cut) frees it. SQLite: an OS file
    lock on `<database>.<name>.lock`, also freed by the kernel when the process dies.
    """

    def __init__(self, engine: sa.Engine, name: str = "sync") -> None:
        self.engine = engine
        self.name = name
        self._conn: sa.Connection | None = None
        self._file: FileLock | None = None
        self.holder = f"{socket.gethostname()}:{os.getpid()}"

    @property
    def held(self) -> bool:
        return self._conn is not None or (self._file is not None and self._file.is_locked)

    def lock_path(self) -> Path | None:
        url = make_url(str(self.engine.url))
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            return None
        return Path(url.database).with_name(Path(url.database).name + f".{self.name}.lock")

    def acquire(self) -> bool:
        if self.held:
            return True
        if self.engine.dialect.name == "postgresql":
            conn = self.engine.connect()
            try:
                got = conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": _advisory_key(self.name)}).scalar()
                conn.commit()
            except Exception:
                conn.close()
                raise
            if got:
                self._conn = conn
                return True
            conn.close()
            return False
        path = self.lock_path()
        if path is None:  # an in-memory database has one process by definition
            return True
        lock = FileLock(str(path), timeout=0)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            return False
        self._file = lock
        return True

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _advisory_key(self.name)})
                self._conn.commit()
            finally:
                self._conn.close()
                self._conn = None
        if self._file is not None:
            self._file.release()
            self._file = None

    def __enter__(self) -> WorkerLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()
