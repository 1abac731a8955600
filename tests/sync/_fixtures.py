"""Fast sites for the sync proofs: a demo centre that has already pulled the catalog from its
central, copied per test (site database on SQLite or PostgreSQL, central database on SQLite).

The shared fixtures (tests/conftest.py `svc`/`demo`/`officer`, tests/sync/conftest.py
`central`) set up a demo centre per test: six argon2 password hashes (~0.4 s each on a busy
2-core machine) plus the first catalog pull (53 procedures). Built once per backend and
copied (a file copy / CREATE DATABASE … TEMPLATE), a site and its central cost a fraction of
that, which keeps the four proof files within their time budget. What a test gets is the
same: a migrated site database with the demo centre, the frozen `clock`, the officer at
counter 1, and the reference central server over real HTTP on 127.0.0.1 with the site's node
registered and the sync cursors stored.

Test modules import the fixtures they use: `from tests.sync._fixtures import central_server, officer, svc`.
Each overrides the shared fixture of that name for the importing module only.
"""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import FrozenClock, _url_with_db
from tests.sync import _checks as C

FROZEN_NOW = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)  # tests/conftest.py `clock`


class SyncedTemplates:
    """Per backend, once: a demo site synced with its central (catalog pulled), both databases kept
    as templates."""

    def __init__(self, request, root: Path) -> None:
        self.request, self.root = request, root
        self.built: dict[str, dict] = {}

    def get(self, backend: str) -> dict:
        if backend not in self.built:
            self.built[backend] = self._build(backend)
        return self.built[backend]

    def _build(self, backend: str) -> dict:
        from counter_app.services import setup
        from counter_app.services.context import Services
        from counter_app.sync.central.serve import CentralServer

        folder = self.root / backend
        folder.mkdir()
        info: dict = {"folder": folder}
        if backend == "postgresql":
            admin, migrated = self.request.getfixturevalue("pg_template")
            name = f"ca_synced_{uuid.uuid4().hex[:8]}"
            with admin.connect() as c:
                c.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{migrated}"'))

            def drop_template() -> None:
                with admin.connect() as c:
                    c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

            self.request.addfinalizer(drop_template)
            info.update(admin=admin, template=name)
            url = _url_with_db(name)
        else:
            shutil.copyfile(self.request.getfixturevalue("sqlite_template"), folder / "site.sqlite3")
            url = f"sqlite:///{folder / 'site.sqlite3'}"
        clock = FrozenClock(FROZEN_NOW)
        svc = Services(url, archive_dir=folder / "archive", clock=clock)
        info["passwords"] = {u: p for u, p, _r, _c in setup.init_demo(svc)}
        server = CentralServer(f"sqlite:///{folder / 'central.sqlite3'}").start()
        try:
            server.store.load_catalog(None)
            info["token"] = server.store.add_node(C.NODE, "Trung tâm thử")
            engine = C.new_engine(svc, C.sync_config(server.url, info["token"], page_size=100))
            C.drain(engine, svc, clock, max_cycles=5)
            engine.close()
        finally:
            server.stop()
            svc.close()
        return info

    def copy(self, backend: str, into: Path) -> tuple[str, str, callable]:
        """(site url, central url, drop) of fresh copies."""
        info = self.get(backend)
        name = f"site_{uuid.uuid4().hex[:10]}"
        central = into / f"central_{name}.sqlite3"
        shutil.copyfile(info["folder"] / "central.sqlite3", central)
        if backend == "postgresql":
            admin = info["admin"]
            with admin.connect() as c:
                c.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{info["template"]}"'))

            def drop() -> None:
                with admin.connect() as c:
                    c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

            return _url_with_db(name), f"sqlite:///{central}", drop
        path = into / f"{name}.sqlite3"
        shutil.copyfile(info["folder"] / "site.sqlite3", path)
        return f"sqlite:///{path}", f"sqlite:///{central}", lambda: None


@pytest.fixture(scope="session")
def synced_templates(request, tmp_path_factory) -> SyncedTemplates:
    return SyncedTemplates(request, tmp_path_factory.mktemp("synced"))


@pytest.fixture
def synced_site(backend, synced_templates, tmp_path):
    """(site url, central url, token, passwords) of fresh copies; dropped afterwards."""
    site_url, central_url, drop = synced_templates.copy(backend, tmp_path)
    info = synced_templates.get(backend)
    yield site_url, central_url, info["token"], info["passwords"]
    drop()


@pytest.fixture
def svc(synced_site, tmp_path, clock):
    from counter_app.services.context import Services

    services = Services(synced_site[0], archive_dir=tmp_path / "archive", clock=clock, migrate_on_start=False)
    yield services
    services.close()


@pytest.fixture
def officer(svc):
    return C.actor_of(svc, "canbo1", counter=1)


@pytest.fixture
def central_server(synced_site):
    """The reference central server (real HTTP, 127.0.0.1) on a copy of the synced central, and
    the site's token."""
    from counter_app.sync.central.serve import CentralServer

    server = CentralServer(synced_site[1]).start()
    yield server, synced_site[2]
    server.stop()
