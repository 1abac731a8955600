"""Dossier owner-name search: FTS5 table + triggers (SQLite), GIN word-prefix index (PostgreSQL)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 15:00:00.000000

The objects are not SQLAlchemy models (see counter_app.store.search, which queries them and
holds the include_name filter that keeps autogenerate from dropping them). The DDL is written
out here, as a snapshot, rather than imported: a migration must keep doing what it did.

SQLite: an external-content FTS5 table over dossier.owner_name_folded keyed by dossier's rowid,
kept current by triggers, and backfilled ('rebuild') from the dossiers already received.
PostgreSQL: an IMMUTABLE SQL function giving every prefix of every word of a folded name, and a
GIN expression index on it over owner_name_folded, built from the existing rows by CREATE INDEX
(why not to_tsvector: see counter_app.store.search).
"""
from __future__ import annotations

from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

FTS = "dossier_name_fts"
TRIGGERS = ("dossier_name_fts_ai", "dossier_name_fts_ad", "dossier_name_fts_au")
PG_FUNCTION = "counter_app_name_prefixes"
PG_INDEX = "ix_dossier_owner_name_prefixes"

SQLITE_UPGRADE = (
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
        owner_name_folded, content='dossier', tokenize='unicode61', prefix='1 2 3 4 5 6 7',
        detail=none, columnsize=0)""",
    f"""CREATE TRIGGER dossier_name_fts_ai AFTER INSERT ON dossier BEGIN
        INSERT INTO {FTS}(rowid, owner_name_folded) VALUES (new.rowid, new.owner_name_folded);
    END""",
    f"""CREATE TRIGGER dossier_name_fts_ad AFTER DELETE ON dossier BEGIN
        INSERT INTO {FTS}({FTS}, rowid, owner_name_folded) VALUES ('delete', old.rowid, old.owner_name_folded);
    END""",
    f"""CREATE TRIGGER dossier_name_fts_au AFTER UPDATE OF owner_name_folded ON dossier BEGIN
        INSERT INTO {FTS}({FTS}, rowid, owner_name_folded) VALUES ('delete', old.rowid, old.owner_name_folded);
        INSERT INTO {FTS}(rowid, owner_name_folded) VALUES (new.rowid, new.owner_name_folded);
    END""",
    # Backfill: index the dossiers received before this migration.
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
)

PG_UPGRADE = (
    # "nguyen van an" -> {n, ng, ngu, nguy, nguye, nguyen, v, va, van, a, an}
    f"""CREATE FUNCTION {PG_FUNCTION}(name text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(DISTINCT left(w, n)), '{{}}')
            FROM regexp_split_to_table(name, '[^a-z0-9]+') AS w, generate_series(1, length(w)) AS n
            WHERE w <> ''
        $$""",
    f"CREATE INDEX {PG_INDEX} ON dossier USING gin ({PG_FUNCTION}(owner_name_folded))",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_UPGRADE:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in PG_UPGRADE:
            op.execute(statement)
    else:
        raise NotImplementedError(f"dossier name search is not available on {dialect}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    elif dialect == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        op.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}(text)")
