"""Audit entries and outbox rows, written inside the caller's transaction."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter_app.services.context import Actor
from counter_app.store.models import AuditEntry, SyncOutbox
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
) -> None:
    """Append an audit entry. `details` must not hold personal data (Decree 13/2023)."""
    session.add(
        AuditEntry(
            at=at,
            actor_id=actor.user_id if actor else None,
            actor_username=actor.username if actor else "",
            counter_number=actor.counter_number if actor else None,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            details=details or {},
        )
    )


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
