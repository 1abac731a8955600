"""Shared fixtures of the sync tests: the reference central server (real HTTP on 127.0.0.1, its
own SQLite database) and a SyncEngine factory bound to it.

- `central`: a started `CentralServer` on a fresh central database, the shipped catalog loaded
  and the demo site's node ("000.00.06.H56", setup.DEMO_SITE's agency code) registered; the
  node's token is `central.token` (also the `central_token` fixture).
- `sync_engine`: `sync_engine(svc, *, transport=None, **config)` → a SyncEngine talking to
  `central` (fast backoff unless given); every engine made is closed at teardown.
"""

from __future__ import annotations

import pytest

NODE = "000.00.06.H56"


@pytest.fixture
def central(tmp_path):
    from counter_app.sync.central.serve import CentralServer

    server = CentralServer(f"sqlite:///{tmp_path / 'central.sqlite3'}").start()
    try:
        server.store.load_catalog(None)
        token = server.store.add_node(NODE, "Trung tâm thử")
        server.token = token  # type: ignore[attr-defined] - the tests' handle on the node's token
    except BaseException:
        server.stop()
        raise
    yield server
    server.stop()


@pytest.fixture
def central_token(central) -> str:
    return central.token


@pytest.fixture
def sync_engine(central):
    from counter_app.services.sync_engine import SyncConfig, SyncEngine
    from counter_app.sync.client import SyncClient

    made = []

    def make(svc, *, transport=None, token: str | None = None, node: str = NODE, **options):
        options.setdefault("backoff_multiplier", 0.01)
        options.setdefault("backoff_max", 0.05)
        config = SyncConfig(server_url=central.url, token=central.token if token is None else token, node=node,
                            **options)
        client = None
        if transport is not None:
            client = SyncClient(config.server_url, config.token, config.node, timeout=config.timeout,
                                transport=transport)
        engine = SyncEngine(svc, config, client=client)
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.client.close()
