"""Run the Alembic migrations shipped with the package, from code, under a lock."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from counter_app.resources import alembic_dir

# Arbitrary constant: the PostgreSQL advisory lock that serialises start-up upgrades.
_PG_MIGRATION_LOCK = 0x636F756E  # "coun"


@dataclass(frozen=True)
class MigrationStatus:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(alembic_dir()))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads; merge them")
    return heads[0]


def status(engine: sa.Engine) -> MigrationStatus:
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return MigrationStatus(current=current, head=head_revision())


def _run(engine: sa.Engine, fn) -> None:
    # One transaction around the whole upgrade: on SQLite it opens with BEGIN IMMEDIATE
    # (see engine.py), on PostgreSQL we take an advisory transaction lock. A second
    # process starting at the same moment waits, then finds nothing left to do.
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Batch mode recreates tables; with foreign keys on, dropping the old table would
            # cascade-delete child rows. The pragma only works outside a transaction, so it is
            # set on the raw connection before SQLAlchemy begins one.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                fn(cfg)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    _run(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade(engine: sa.Engine, revision: str) -> None:
    _run(engine, lambda cfg: command.downgrade(cfg, revision))


def ensure_current(engine: sa.Engine) -> MigrationStatus:
    """Upgrade when behind (the app does this at every start)."""
    st = status(engine)
    if not st.up_to_date:
        upgrade(engine)
        st = status(engine)
    return st
