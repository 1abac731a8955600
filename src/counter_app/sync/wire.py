"""Wire schemas of the sync contract (SYNC.md), shared by the client and the reference server.

Version 1 of the protocol, served under /sync/v1. Every body is JSON; pydantic checks it on
both sides, and the server's OpenAPI document is generated from these classes.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
PREFIX = "/sync/v1"

Lane = Literal["case", "telemetry"]
LANES: tuple[str, ...] = ("case", "telemetry")
Stream = Literal["procedures", "dossier_status", "online_dossiers"]
STREAMS: tuple[str, ...] = ("procedures", "dossier_status", "online_dossiers")

# Bounded batches and pages: a long backlog drains in steps with visible progress.
MAX_BATCH = 500
MAX_PAGE = 1000

# What the server did with one mutation of a batch.
#   applied        applied now
#   duplicate      seq <= last applied and the same mutation id: the stored result is returned
#   conflict       seq <= last applied but another mutation id: the node was restored from a backup
#   rejected       a permanent failure (validation, illegal transition, retired procedure);
#                  the lane still advances past it
#   retry_later    a temporary failure: the server stopped here, nothing after it was looked at
#   not_processed  after a stop (gap or retry_later): send again
ItemStatus = Literal["applied", "duplicate", "conflict", "rejected", "retry_later", "not_processed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mutation(_Model):
    """One outbox row on the wire. `payload_sha256` is over the canonical JSON of `payload`."""

    seq: int = Field(ge=1)
    mutation_id: uuid.UUID
    entity_type: str = Field(max_length=40)
    entity_id: str = Field(max_length=60)
    operation: str = Field(max_length=40)
    schema_version: int = Field(ge=1)
    payload: dict[str, Any]
    payload_sha256: str = Field(min_length=64, max_length=64)
    created_at: datetime | None = None


class PushRequest(_Model):
    """POST {PREFIX}/nodes/{node}/lanes/{lane}/mutations, header `Idempotency-Key: <batch_id>`."""

    protocol: int = PROTOCOL_VERSION
    node: str
    lane: Lane
    batch_id: uuid.UUID
    mutations: list[Mutation] = Field(min_length=1, max_length=MAX_BATCH)


class ItemResult(_Model):
    seq: int
    mutation_id: uuid.UUID
    status: ItemStatus
    code: str = ""  # why rejected / retry_later / conflict (a stable machine code)
    message: str = ""  # the same in words (Vietnamese), for the officer's "action needed" list
    server_ref: str = ""  # the central record the mutation touched
    server_state: dict[str, Any] = Field(default_factory=dict)  # the record as the server holds it


class PushResponse(_Model):
    batch_id: uuid.UUID
    lane: Lane
    last_applied_seq: int
    # Set when the batch stopped at a gap: the seq the server needs next.
    expected_seq: int | None = None
    results: list[ItemResult]


class Change(_Model):
    """One entry of a pull stream, in commit order. `key` names the record (procedure code,
    dossier id); `delete` removes or retires it."""

    position: int
    op: Literal["upsert", "delete"]
    key: str
    data: dict[str, Any] = Field(default_factory=dict)


class ChangesPage(_Model):
    """GET {PREFIX}/streams/{stream}/changes?cursor=&limit= ; an unusable cursor answers 409
    with error `reset_required`."""

    stream: Stream
    changes: list[Change]
    next_cursor: str
    has_more: bool


class SnapshotPage(_Model):
    """GET {PREFIX}/streams/{stream}/snapshot?page=&limit= : the stream's current records,
    paged by key. `cursor` (the same on every page of one snapshot) continues with changes
    after the snapshot; store it only once the last page is applied."""

    stream: Stream
    items: list[Change]
    next_page: str | None
    has_more: bool
    cursor: str


class LaneState(_Model):
    lane: Lane
    last_applied_seq: int
    last_mutation_id: uuid.UUID | None = None


class NodeInfo(_Model):
    """GET {PREFIX}/nodes/{node}"""

    node: str
    name: str
    protocols: list[int]
    lanes: list[LaneState]
    server_time: datetime


class ErrorBody(_Model):
    """Every non-200 answer. `error` is one of: unauthorized, forbidden, unknown_node,
    unknown_stream, invalid_request, idempotency_in_flight (409), idempotency_mismatch (422),
    reset_required (409), rate_limited (429), unavailable (503), internal (500)."""

    error: str
    message: str = ""
    retry_after: float | None = None


# Stream record shapes (the `data` of a Change), documented here for both sides:
#   procedures      key = procedure code; data = {"version", "field": {"code", "name", "ticket_prefix"},
#                   "procedure": <one procedure object of the catalog JSON format>}; delete = retired
#   dossier_status  key = dossier id; data = {"dossier_id", "code", "status", "due_at",
#                   "result_ready_at", "version", "transition": {"from", "to", "reason", "actor"},
#                   "at", "origin": "central" | "node", "mutation_id"}
#   online_dossiers key = dossier id; data = {"dossier_id", "code", "agency_code", "procedure_code",
#                   "catalog_version", "submitted_at", "owner", "submitter", "documents",
#                   "return_method", "note"}; delete = withdrawn on the portal before verification


def canonical_json(payload: Any) -> str:
    """The one serialisation that hashes agree on (sorted keys, no spaces, UTF-8)."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def payload_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
