"""Migration 0005 (dossier owner-name search) on SQLite and PostgreSQL: backfill on upgrade,
clean removal on downgrade, objects kept in place at head, autogenerate leaves them alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from counter_app.services import intake, setup
from counter_app.services.accounts import authenticate
from counter_app.services.context import Services
from counter_app.services.search import search_dossiers
from counter_app.store import migrate
from counter_app.store import search as store_search
from counter_app.store.engine import make_engine
from tests.helpers import intake_request, pick_procedure

NOW = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)


def expected_objects(backend: str) -> set[str]:
    if backend == "sqlite":
        return {store_search.FTS_TABLE, *store_search.SQLITE_TRIGGERS}
    return {store_search.PG_NAME_INDEX, store_search.PG_PREFIX_FUNCTION}


def objects(engine) -> set[str]:
    with engine.connect() as c:
        return store_search.name_search_objects(c)


def names(svc, query: str) -> list[str]:
    return sorted(x.owner_name for x in search_dossiers(svc, query))


def test_upgrade_backfills_and_downgrade_removes(empty_db_url, backend, tmp_path):
    engine = make_engine(empty_db_url)
    migrate.upgrade(engine)
    # Dossiers received by today's app, then the schema taken back to 0004 (before the search).
    svc = Services(empty_db_url, archive_dir=tmp_path, clock=lambda: NOW, migrate_on_start=False)
    accounts = {u: p for u, p, *_ in setup.init_demo(svc)}
    officer = authenticate(svc, "canbo1", accounts["canbo1"], 1)
    proc = pick_procedure(svc, days=5)
    intake.receive_dossier(svc, officer, intake_request(proc, full_name="Nguyễn Văn Ấn", id_number="001201000001"))
    intake.receive_dossier(svc, officer, intake_request(proc, full_name="Trần Thị Bích", id_number="001301000002"))
    third = intake.receive_dossier(svc, officer, intake_request(proc, full_name="Tạm Thời", id_number="001201000003"))
    migrate.downgrade(engine, "0004")
    assert migrate.status(engine).current == "0004"
    assert objects(engine) == set()
    with engine.begin() as c:
        leftovers = [t for t in sa.inspect(c).get_table_names() if t.startswith(store_search.FTS_TABLE)]
        assert leftovers == []
        assert c.execute(sa.text("select count(*) from dossier")).scalar_one() == 3
        # Renamed while the search objects are gone (no trigger left behind to trip over) …
        c.execute(sa.text("update dossier set owner_name = :n, owner_name_folded = :f where code = :c"),
                  {"n": "Lê Văn Cường", "f": "le van cuong", "c": third.code})

    # … and everything found after upgrading again: the dossiers of before 0005 are backfilled.
    migrate.upgrade(engine)
    assert migrate.status(engine).up_to_date
    assert objects(engine) == expected_objects(backend)
    assert names(svc, "nguyen van an") == ["Nguyễn Văn Ấn"]
    assert names(svc, "bich tran") == ["Trần Thị Bích"]
    assert names(svc, "le cuong") == ["Lê Văn Cường"]
    assert names(svc, "van") == ["Lê Văn Cường", "Nguyễn Văn Ấn"]
    assert names(svc, "tam thoi") == []
    # Kept current from now on.
    intake.receive_dossier(svc, officer, intake_request(proc, full_name="Phạm Thị Dung", id_number="001301000004"))
    assert names(svc, "dung") == ["Phạm Thị Dung"]
    svc.close()
    engine.dispose()


def test_name_search_objects_are_in_place_at_head(db_url, backend):
    # A later migration that rebuilds the dossier table on SQLite (batch mode) drops its
    # triggers: it must call store.search.install_name_search afterwards. This catches it.
    engine = make_engine(db_url)
    assert objects(engine) == expected_objects(backend)
    engine.dispose()


def test_autogenerate_leaves_the_search_objects_alone(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from counter_app.store.base import Base

    engine = make_engine(db_url)
    with engine.connect() as conn:
        unfiltered = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_name": store_search.include_name}), Base.metadata
        )
    engine.dispose()
    assert diff == []
    # Without the filter, autogenerate would offer to drop them (what alembic/env.py prevents).
    assert unfiltered != []
    assert all(op[0] in ("remove_table", "remove_index") for op in unfiltered)


def test_include_name():
    assert not store_search.include_name("dossier_name_fts", "table", {})
    for suffix in ("_data", "_idx", "_config", "_docsize", "_content"):
        assert not store_search.include_name("dossier_name_fts" + suffix, "table", {})
    assert not store_search.include_name("ix_dossier_owner_name_prefixes", "index", {"table_name": "dossier"})
    assert store_search.include_name("dossier", "table", {})
    assert store_search.include_name("ix_dossier_owner_name_folded", "index", {"table_name": "dossier"})
    assert store_search.include_name(None, "schema", {})


@pytest.mark.parametrize("backend", ["sqlite"])  # PostgreSQL alters tables in place: its index survives
def test_install_after_a_sqlite_table_rebuild(db_url, backend, svc, officer):
    """What a future batch migration of the dossier table must do on SQLite, and why."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    proc = pick_procedure(svc, days=5)
    intake.receive_dossier(svc, officer, intake_request(proc, full_name="Nguyễn Văn Ấn", id_number="001201000001"))
    intake.receive_dossier(svc, officer, intake_request(proc, full_name="Trần Thị Bích", id_number="001301000002"))
    engine = make_engine(db_url)
    with engine.connect() as conn:
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # as migrate._run does
        with conn.begin():
            with Operations(MigrationContext.configure(conn)).batch_alter_table("dossier", recreate="always"):
                pass
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
    assert objects(engine) == {store_search.FTS_TABLE}  # the triggers went with the old table
    with engine.begin() as conn:
        store_search.install_name_search(conn)
        store_search.install_name_search(conn)  # idempotent
    assert objects(engine) == expected_objects("sqlite")
    with engine.begin() as conn:
        store_search.uninstall_name_search(conn)
    assert objects(engine) == set()
    with engine.begin() as conn:
        store_search.install_name_search(conn)  # rebuilds from the rows
    assert objects(engine) == expected_objects("sqlite")
    intake.receive_dossier(svc, officer, intake_request(proc, full_name="Lê Văn Cường", id_number="001201000003"))
    assert names(svc, "nguyen") == ["Nguyễn Văn Ấn"]
    assert names(svc, "cuong") == ["Lê Văn Cường"]
    assert names(svc, "t") == ["Trần Thị Bích"]
    engine.dispose()
