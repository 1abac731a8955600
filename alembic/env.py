"""Alembic environment: runs on a connection handed over by counter_app.store.migrate,
or, for `alembic` on the command line, on COUNTER_APP_DATABASE_URL."""

from __future__ import annotations

import os

import sqlalchemy as sa
from alembic import context

from counter_app.store import models  # noqa: F401  (registers the tables)
from counter_app.store import search
from counter_app.store.base import Base
from counter_app.store.engine import make_engine

config = context.config
target_metadata = Base.metadata


def _configure(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # Schema objects that no model declares (the name-search FTS table and GIN index):
        # autogenerate must not offer to drop them.
        include_name=search.include_name,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ["COUNTER_APP_DATABASE_URL"]
    engine = make_engine(url)
    with engine.begin() as conn:
        _configure(conn)
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or os.environ.get("COUNTER_APP_DATABASE_URL"),
        target_metadata=target_metadata,
        literal_binds=True,
        include_name=search.include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
