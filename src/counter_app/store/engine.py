"""Engine and session factory, with the per-backend settings DESIGN §3 asks for."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
READ_ONLY_OPTION = "counter_app_read_only"


def normalize_url(url: str) -> str:
    """Accept the plain `postgresql://` spelling and point it at psycopg 3."""
    u = make_url(url)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    return u.render_as_string(hide_password=False)


def sqlite_url_for(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str, **kwargs) -> sa.Engine:
    url = normalize_url(url)
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
        )
        _configure_sqlite(engine)
        return engine
    # JIT compiling a report's correlated sub-queries cost PostgreSQL 1–2 s a statement for
    # 0.5 s of work (EXPLAIN ANALYZE on a year of a busy site); OLTP and these reports never gain.
    connect_args = {"options": "-c jit=off", **kwargs.pop("connect_args", {})}
    return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _configure_sqlite(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # pysqlite's own transaction handling would BEGIN lazily (DEFERRED) and then fail to
        # upgrade to a write lock under contention; we issue BEGIN IMMEDIATE ourselves.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")  # a printed receipt must survive a power cut
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # Reports scan a year of tickets and dossiers: read through memory-mapped pages and keep
        # a larger page cache (32 MB a connection; the default 2 MB rereads every page).
        cur.execute("PRAGMA mmap_size=268435456")
        cur.execute("PRAGMA cache_size=-32768")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):
        # A writing transaction takes the write lock up front: a service call is short, and
        # counter rows must be read-and-incremented under one lock. Readers (WAL) don't block.
        if conn.get_execution_options().get(READ_ONLY_OPTION):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: sa.Engine, *, read_only: bool = False) -> sessionmaker[Session]:
    if read_only:
        engine = engine.execution_options(**{READ_ONLY_OPTION: True})
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any exception."""
    with factory() as session, session.begin():
        yield session
