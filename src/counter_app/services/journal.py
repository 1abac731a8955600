"""Audit entries and outbox rows, written inside the caller's transaction."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter_app.domain.audit_chain import GENESIS, content_digest, link_hash, normalize_json
from counter_app.services.context import Actor
from counter_app.store.models import AuditEntry, AuditHead, SyncOutbox
from counter_app.sync.wire import canonical_json, payload_hash
from counter_app.store.changefeed import notify_change
from counter_app.store.sequences import next_value

PAYLOAD_SCHEMA_VERSION = 1


def audit(
    session: Session,
    actor: Actor | None,
    action: str,
    *,
    at: datetime,
    entity_type: str = "",
    entity_id: str = "",
    details: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append an audit entry to the hash chain when the caller's transaction commits.

    `details`, `before` and `after` must not hold personal data (Decree 13/2023): codes,
    numbers, statuses and counts only. before/after: the state the change moved from and to.
    The entry's content digest is computed now; its seq and chained hash at commit (see
    _chain_pending), so the chain's head row is locked only for the last moment of the
    transaction.
    """
    if at.tzinfo is None:
        raise ValueError("naive datetime given to the audit trail")
    row = {
        "at": at.astimezone(UTC),
        "actor_id": actor.user_id if actor else None,
        "actor_username": (actor.username if actor else "")[:50],
        "counter_number": actor.counter_number if actor else None,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "details": normalize_json(details or {}),
        "before": normalize_json(before),
        "after": normalize_json(after),
    }
    session.info.setdefault(_PENDING, []).append((row, content_digest(row)))


_PENDING = "counter_app.audit_pending"


@sa.event.listens_for(Session, "before_commit")
def _chain_pending(session: Session) -> None:
    """Give the transaction's audit entries their seq and hashes, at the very end of it.

    Everything else is flushed first; then one upsert on the head row (`audit_head`, id 1)
    moves the head by n and returns the previous head: that row lock serialises writers of
    the chain on PostgreSQL (SQLite's BEGIN IMMEDIATE already does) and is held for one
    short hash per entry, one INSERT, one UPDATE and the COMMIT. A rolled-back transaction
    leaves the head where it was: no gap, no fork.
    """
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    session.flush()
    n = len(pending)
    head = AuditHead.__table__
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    upsert = insert(head).values(id=1, seq=n, hash=GENESIS)
    upsert = upsert.on_conflict_do_update(index_elements=[head.c.id], set_={"seq": head.c.seq + n})
    head_seq, prev = session.execute(upsert.returning(head.c.seq, head.c.hash)).one()
    rows = []
    for seq, (row, digest) in enumerate(pending, start=head_seq - n + 1):
        h = link_hash(prev, digest)
        rows.append({**row, "seq": seq, "prev_hash": prev, "hash": h})
        prev = h
    session.execute(sa.insert(AuditEntry.__table__), rows)
    session.execute(sa.update(head).where(head.c.id == 1).values(hash=prev))


@sa.event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def enqueue(
    session: Session,
    *,
    lane: str,
    entity_type: str,
    entity_id: str,
    operation: str,
    payload: dict[str, Any],
    at: datetime,
) -> SyncOutbox:
    """Write an outbox row (SYNC.md) with a gap-free per-lane sequence from a counter row."""
    seq = next_value(session, f"outbox:{lane}")
    body = canonical_json(payload)
    row = SyncOutbox(
        lane=lane,
        seq=seq,
        mutation_id=uuid7(),
        entity_type=entity_type,
        entity_id=entity_id,
        operation=operation,
        schema_version=PAYLOAD_SCHEMA_VERSION,
        payload=json.loads(body),
        payload_sha256=payload_hash(json.loads(body)),
        state="pending",
        attempts=0,
        next_attempt_at=at,
        created_at=at,
    )
    session.add(row)
    # Wake the sync worker (PostgreSQL NOTIFY / SQLite data_version) once this commits.
    notify_change(session, "outbox")
    return row


def new_uuid() -> uuid.UUID:
    return uuid7()
