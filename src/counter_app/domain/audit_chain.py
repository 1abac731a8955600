"""The audit trail's hash chain: pure functions, no I/O.

Every audit entry stores `prev_hash` (the hash of the entry before it, or GENESIS for the
first) and `hash` = SHA-256(prev_hash ":" SHA-256(canonical JSON of the entry's content)).
The content digest is computed before the transaction takes the chain's head, so the head
is held only for one short hash per entry. Editing any stored field of an entry changes its hash; deleting or inserting an
entry breaks the link of the entry after it; a one-row head (last seq, last hash) kept in
the same transaction catches the removal of the last entries.

The position `seq` is deliberately not inside the hash: the order is sealed by the links
(prev_hash) and the head, so a renumbering shows as a gap or a broken link, and an entry
inserted in the middle with the later numbers shifted is recognised as an insertion.

A chain without a secret key proves integrity against edits made with SQL, not against
someone who rewrites the whole chain and the head: keep a copy of the head (printed by
`counter-app audit verify`) outside the database to close that gap.

`verify_chain` classifies what it finds; the service layer reads the rows and renders the
problems in words.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

MODIFIED, DELETED, INSERTED, TRUNCATED = "modified", "deleted", "inserted", "truncated"
KINDS = (MODIFIED, DELETED, INSERTED, TRUNCATED)

# The content fields, in the order they are hashed (the key order does not matter: the
# canonical JSON sorts keys; this tuple documents what is sealed).
CONTENT_FIELDS = (
    "at", "actor_id", "actor_username", "counter_number", "action",
    "entity_type", "entity_id", "details", "before", "after",
)


def _at(value: datetime | str) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        raise ValueError("naive datetime in the audit chain")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalize_json(value: Any) -> Any:
    """The value as it comes back from a JSON column (tuples → lists, keys → str)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False))


def canonical(fields: Mapping[str, Any]) -> bytes:
    """The bytes of an entry's content that are hashed: sorted-key compact JSON, UTF-8."""
    actor_id = fields.get("actor_id")
    body = {
        "v": 1,
        "at": _at(fields["at"]),
        "actor_id": str(actor_id) if isinstance(actor_id, uuid.UUID) else (actor_id or None),
        "actor_username": fields.get("actor_username") or "",
        "counter_number": fields.get("counter_number"),
        "action": fields.get("action") or "",
        "entity_type": fields.get("entity_type") or "",
        "entity_id": fields.get("entity_id") or "",
        "details": fields.get("details") or {},
        "before": fields.get("before"),
        "after": fields.get("after"),
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("utf-8")


def content_digest(fields: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of an entry's canonical content (computable before the entry's place is known)."""
    return hashlib.sha256(canonical(fields)).hexdigest()


def link_hash(prev_hash: str, digest: str) -> str:
    """The chained hash: SHA-256 of the previous entry's hash and this entry's content digest."""
    return hashlib.sha256(f"{prev_hash}:{digest}".encode("ascii")).hexdigest()


def entry_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    """SHA-256 (hex) of an entry's content chained to prev_hash."""
    return link_hash(prev_hash, content_digest(fields))


def chain(entries: Iterable[Mapping[str, Any]], prev_hash: str) -> list[tuple[str, str]]:
    """(prev_hash, hash) for each entry in order, starting after prev_hash."""
    out = []
    for e in entries:
        h = entry_hash(e, prev_hash)
        out.append((prev_hash, h))
        prev_hash = h
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the chain. seq: the position concerned (for "deleted" and
    "truncated", the first missing one; last_seq the last missing one); entry_id: the row."""

    kind: str
    seq: int
    entry_id: int | None = None
    last_seq: int | None = None


@dataclass(frozen=True)
class ChainRow:
    """What verification needs of a stored entry."""

    id: int
    seq: int
    prev_hash: str
    hash: str
    fields: Mapping[str, Any]


class ChainChecker:
    """Feed rows in seq order (any number, streamed), then the head; collect the problems."""

    def __init__(self, head_seq: int) -> None:
        self.head_seq = head_seq
        self.problems: list[Problem] = []
        self.checked = 0
        self.expected = 1
        self._prev: ChainRow | None = None
        self._prev_computed = GENESIS  # hash of the last accepted row (as stored)
        self._prev_prev = GENESIS  # the one before it
        self._prev_reported = False

    def _report(self, p: Problem) -> None:
        if p not in self.problems:
            self.problems.append(p)

    def feed(self, row: ChainRow) -> None:
        self.checked += 1
        if row.seq < 1 or row.seq > self.head_seq:
            # Outside the numbered range the head vouches for: written around the service.
            self._report(Problem(INSERTED, row.seq, row.id))
            return
        own_ok = entry_hash(row.fields, row.prev_hash) == row.hash
        if not own_ok:
            self._report(Problem(MODIFIED, row.seq, row.id))
        if row.seq > self.expected:
            self._report(Problem(DELETED, self.expected, None, row.seq - 1))
        elif row.prev_hash != self._prev_computed:
            if self._prev is not None and row.prev_hash == self._prev_prev:
                # The row before this one does not belong between its neighbours.
                self._report(Problem(INSERTED, self._prev.seq, self._prev.id))
            elif self._prev is not None:
                # The previous row was replaced (its own hash recomputed) or this link edited.
                self._report(Problem(MODIFIED, self._prev.seq, self._prev.id))
            elif own_ok:
                self._report(Problem(MODIFIED, row.seq, row.id))
        self._prev_prev = self._prev_computed
        self._prev_computed = row.hash
        self._prev = row
        self.expected = row.seq + 1

    def finish(self, head_hash: str) -> list[Problem]:
        last = self.expected - 1
        if self.head_seq > last:
            self._report(Problem(TRUNCATED, last + 1, None, self.head_seq))
        elif self._prev is not None and head_hash != self._prev.hash:
            # The head still names the entry before the last: the last one was added around
            # the service (with the head's number moved); otherwise it was replaced.
            kind = INSERTED if head_hash == self._prev_prev else MODIFIED
            self._report(Problem(kind, self._prev.seq, self._prev.id))
        elif self._prev is None and self.head_seq == 0 and head_hash != GENESIS:
            self._report(Problem(TRUNCATED, 1, None, 0))
        return sorted(self.problems, key=lambda p: (p.seq, KINDS.index(p.kind)))


def verify_chain(rows: Iterable[ChainRow], head_seq: int, head_hash: str) -> list[Problem]:
    """All problems of rows (in seq order) against the head (seq, hash)."""
    checker = ChainChecker(head_seq)
    for r in rows:
        checker.feed(r)
    return checker.finish(head_hash)
