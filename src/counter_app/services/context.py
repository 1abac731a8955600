"""The services' shared context: database, clock, archive folder, and the acting user."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from counter_app.store import migrate
from counter_app.store.engine import make_engine, make_session_factory, normalize_url


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Actor:
    """Who calls a service: a signed-in user at a counter, or a script (role "system")."""

    user_id: uuid.UUID | None
    username: str
    full_name: str
    role: str
    counter_number: int | None = None
    site_id: uuid.UUID | None = None


class Services:
    """Everything a service function needs. Thread-safe: the UI calls it from worker threads."""

    def __init__(
        self,
        database_url: str,
        *,
        archive_dir: Path,
        clock: Callable[[], datetime] = utc_now,
        migrate_on_start: bool = True,
    ) -> None:
        self.database_url = normalize_url(database_url)
        self.engine = make_engine(self.database_url)
        self._sessions = make_session_factory(self.engine)
        self._read_sessions = make_session_factory(self.engine, read_only=True)
        self.archive_dir = Path(archive_dir)
        self.clock = clock
        if migrate_on_start:
            migrate.ensure_current(self.engine)

    def now(self) -> datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the clock must return aware datetimes")
        return now.astimezone(UTC)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case = one transaction: commit on success, roll back on any exception."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work (on SQLite it does not take the write lock)."""
        with self._read_sessions() as session:  # closing rolls the read transaction back
            yield session

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()
