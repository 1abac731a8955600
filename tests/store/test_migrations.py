"""Migrations: one head; up and down with data on both backends; the app upgrades at start."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic.script import ScriptDirectory

from counter_app.services.context import Services
from counter_app.store import migrate
from counter_app.store.engine import make_engine


def test_there_is_exactly_one_head():
    heads = ScriptDirectory.from_config(migrate.alembic_config()).get_heads()
    assert len(heads) == 1


def test_models_and_migrations_agree(empty_db_url):
    from alembic.autogenerate import compare_metadata

    from counter_app.store.search import include_name
    from alembic.runtime.migration import MigrationContext

    from counter_app.store.base import Base

    engine = make_engine(empty_db_url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        # The name-search objects (FTS5 table / GIN index) live outside the models: the same
        # filter as alembic/env.py leaves them out of the comparison.
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_downgrade_upgrade_keeps_data(empty_db_url, tmp_path):
    engine = make_engine(empty_db_url)
    assert migrate.status(engine).current is None
    # The app migrates an empty database when it starts.
    svc = Services(empty_db_url, archive_dir=tmp_path, clock=lambda: datetime(2026, 11, 26, 2, 30, tzinfo=UTC))
    assert migrate.status(engine).up_to_date
    from counter_app.services import intake, setup
    from tests.helpers import intake_request, pick_procedure

    accounts = {u: p for u, p, *_ in setup.init_demo(svc)}
    from counter_app.services.accounts import authenticate

    officer = authenticate(svc, "canbo1", accounts["canbo1"], 1)
    code = intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=5))).code

    with engine.connect() as c:
        documents = c.execute(sa.text("select count(*) from dossier_document")).scalar_one()
    assert documents > 0
    # 0003 recreates tables on SQLite (batch mode): child rows must survive it.
    migrate.downgrade(engine, "0002")
    with engine.connect() as c:
        assert c.execute(sa.text("select count(*) from dossier_document")).scalar_one() == documents
    migrate.downgrade(engine, "0001")
    assert migrate.status(engine).current == "0001"
    with engine.connect() as c:
        tables = set(sa.inspect(c).get_table_names())
        assert "sync_outbox" not in tables
        assert c.execute(sa.text("select code from dossier")).scalar_one() == code
    migrate.upgrade(engine)
    assert migrate.status(engine).up_to_date
    assert intake.get_dossier(svc, code).owner.full_name == "Nguyễn Thị Ấn"
    migrate.downgrade(engine, "base")
    with engine.connect() as c:
        assert [t for t in sa.inspect(c).get_table_names() if t != "alembic_version"] == []
    svc.close()
    engine.dispose()
