"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL, a frozen clock,
and a set-up demo centre.

PostgreSQL: COUNTER_APP_TEST_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test)
names a server where the suite may create and drop its own databases. If it does not answer,
the PostgreSQL half of the suite is skipped WITH A REASON in the summary — unless
COUNTER_APP_REQUIRE_PG=1 (set by .ci/run), where it fails.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from counter_app.store import migrate  # noqa: E402
from counter_app.store.engine import make_engine  # noqa: E402

PG_URL = os.environ.get("COUNTER_APP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("COUNTER_APP_REQUIRE_PG") == "1"
PG_HELP = (
    f"PostgreSQL is not reachable at {PG_URL}. Start it "
    "(pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) "
    "or point COUNTER_APP_TEST_PG_URL at a server where tests may create databases."
)


class FrozenClock:
    """The clock services read; tests set and advance it. Picklable for worker processes."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now


def _admin_engine() -> sa.Engine:
    return sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                            isolation_level="AUTOCOMMIT", pool_pre_ping=True)


def _url_with_db(name: str) -> str:
    return sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template(request):
    """A migrated PostgreSQL template database, copied for each test (CREATE DATABASE … TEMPLATE)."""
    try:
        admin = _admin_engine()
        with admin.connect() as c:
            c.execute(sa.text("select 1"))
    except Exception as exc:  # noqa: BLE001 - any connection failure means "no server"
        if REQUIRE_PG:
            pytest.fail(f"{PG_HELP} ({exc.__class__.__name__}: {exc})", pytrace=False)
        pytest.skip(PG_HELP)
    name = f"ca_tmpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(_url_with_db(name))
    migrate.upgrade(engine)
    engine.dispose()
    yield admin, name
    with admin.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tmpl") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()  # closing the last connection checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists() or path.with_name(path.name + "-wal").stat().st_size == 0
    return path


def _fresh_pg(request, migrated: bool) -> str:
    admin, template = request.getfixturevalue("pg_template")
    name = f"ca_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as c:
        if migrated:
            c.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        else:
            c.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    request.addfinalizer(drop)
    return _url_with_db(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_url(request, backend, tmp_path) -> str:
    """A migrated, empty database of the test's backend."""
    if backend == "postgresql":
        return _fresh_pg(request, migrated=True)
    path = tmp_path / "site.sqlite3"
    shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def empty_db_url(request, backend, tmp_path) -> str:
    """A database with no tables at all (for migration tests)."""
    if backend == "postgresql":
        return _fresh_pg(request, migrated=False)
    return f"sqlite:///{tmp_path / 'empty.sqlite3'}"


@pytest.fixture
def clock() -> FrozenClock:
    # Thursday 26 November 2026, 09:30 in Hà Nội.
    return FrozenClock(datetime(2026, 11, 26, 2, 30, tzinfo=UTC))


@pytest.fixture
def svc(db_url, tmp_path, clock):
    from counter_app.services.context import Services

    services = Services(db_url, archive_dir=tmp_path / "archive", clock=clock)
    yield services
    services.close()


@pytest.fixture
def demo(svc):
    """A demo centre: returns {username: (password, role, counter)}."""
    from counter_app.services import setup

    return {u: (p, role, counter) for u, p, role, counter in setup.init_demo(svc)}


@pytest.fixture
def officer(svc, demo):
    from counter_app.services import accounts

    password = demo["canbo1"][0]
    return accounts.authenticate(svc, "canbo1", password, 1)


@pytest.fixture
def supervisor_actor(svc, demo):
    """The demo centre's supervisor, signed in (no counter)."""
    from counter_app.services import accounts

    return accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)


@pytest.fixture
def admin_actor(svc, demo):
    """The demo centre's administrator, signed in (no counter)."""
    from counter_app.services import accounts

    return accounts.authenticate(svc, "admin", demo["admin"][0], None)


@pytest.fixture(autouse=True)
def _program_logging_removed():
    """A test that runs cli.main() in-process installs the program's masked log handlers on the
    root logger (logsetup.setup_logging); take them away after it, so that they neither write
    to a log file nor rewrite the records later tests capture with caplog."""
    yield
    from counter_app.logsetup import remove_logging

    remove_logging()
