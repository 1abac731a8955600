"""Gap-free numbers from counter rows, taken in the caller's transaction (DESIGN §3)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from counter_app.store.models import SequenceCounter


def next_value(session: Session, key: str) -> int:
    """Increment the counter row `key` (creating it at 1) and return the new value.

    An upsert with RETURNING: the row lock it takes serialises concurrent callers on
    PostgreSQL, and BEGIN IMMEDIATE does so on SQLite. Rolling back the caller's
    transaction rolls the number back too, so sequences stay gap-free.
    """
    table = SequenceCounter.__table__
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(table).values(key=key, last=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.key], set_={"last": table.c.last + 1}
    ).returning(table.c.last)
    return int(session.execute(stmt).scalar_one())


def current_value(session: Session, key: str) -> int:
    value = session.execute(
        sa.select(SequenceCounter.last).where(SequenceCounter.key == key)
    ).scalar_one_or_none()
    return int(value or 0)
