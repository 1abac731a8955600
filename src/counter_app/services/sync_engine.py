"""The sync worker (SYNC.md; map in docs/SYNC-INTERNALS.md): freezes outbox rows into bounded
batches, pushes them, records what the central system did with each change, pulls the
central's streams page by page, notices restores on either side, and runs forever with
capped, jittered backoff.

How the five guarantees are kept here:

1. Nothing is lost or stuck unseen: a row leaves `pending` only when the server answered for
   it (acked or rejected); an ambiguous outcome resends the SAME frozen bytes under the SAME
   key; retries never stop; a rejection opens a SyncIssue in the transaction that records it.
2. At most once, in order: batches take each lane's lowest pending sequences; the server
   deduplicates by key and by sequence; a key is never reused with another body (rows still
   pending after an answer travel in a new batch with a new key).
3. Convergence: push then pull every cycle; a central restore resends what it lost; a restored
   local backup renumbers its new changes after what the central already holds.
4. A pull cursor is stored in the transaction that applies its page (a snapshot's cursor only
   with its last page).
5. Rejections and restore conditions become SyncIssue rows, never deleted here.

Every database step is a short transaction of its own; no transaction is held across an HTTP
call. Nothing logged carries a token, a payload or a server message (they may name citizens).
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from tenacity import RetryCallState, Retrying, wait_random_exponential
from uuid6 import uuid7

from counter_app.domain.calendar import to_local
from counter_app.services.context import Services
from counter_app.services.journal import enqueue
from counter_app.store.models import (
    SequenceCounter,
    Site,
    SyncBatch,
    SyncCursor,
    SyncIssue,
    SyncMeta,
    SyncOutbox,
    Ticket,
)
from counter_app.store.sequences import current_value
from counter_app.sync import wire
from counter_app.sync.client import Refused, ResetRequired, SyncClient, SyncError, Transient

log = logging.getLogger(__name__)

KILL_ENV = "COUNTER_APP_SYNC_KILL_AT"
KILL_STEPS = ("after_freeze", "after_send", "after_response", "mid_pull_page")
META_KEY = "worker"
TELEMETRY_KEY = "telemetry"
# Catalog first (online dossiers and statuses refer to procedures), then the inbox, then the
# back office's progress (which may concern dossiers accepted from the inbox).
PULL_ORDER: tuple[str, ...] = ("procedures", "online_dossiers", "dossier_status")
# A worker refreshes its heartbeat this often while it waits (sync_status calls a heartbeat
# older than two minutes stale).
HEARTBEAT_EVERY = 30.0
# A Retry-After is honoured, within reason (a broken header must not park the worker for days).
RETRY_AFTER_CAP = 3600.0
TELEMETRY_OPERATION = "queue.snapshot"
TELEMETRY_ENTITY = "queue_day"

_LANE_VI = {"case": "hồ sơ", "telemetry": "số liệu xếp hàng"}


def _checkpoint(step: str) -> None:
    """Test hook (tests/sync/test_kill.py): die like a power cut at this step."""
    if os.environ.get(KILL_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _iso(when: datetime | None) -> str | None:
    return when.astimezone(UTC).isoformat() if when is not None else None


# --- configuration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncConfig:
    server_url: str
    token: str
    node: str
    timeout: float = 10.0
    batch_size: int = 200
    page_size: int = 500
    ack_retention_days: int = 30
    backoff_multiplier: float = 1.0
    backoff_max: float = 300.0
    interval: float = 30.0


def sync_config(svc: Services, *, server_url: str | None = None, token: str | None = None,
                node: str | None = None) -> SyncConfig | None:
    """The worker's settings: arguments > COUNTER_APP_SYNC_URL / _TOKEN / _NODE > the config
    file's [sync] table. The node defaults to the site's agency code. None when no server URL
    is configured (the site does not sync)."""
    from counter_app.config import load_settings

    settings = load_settings()
    url = (server_url or settings.sync_url or "").strip()
    if not url:
        return None
    node_code = (node or settings.sync_node or "").strip()
    if not node_code:
        with svc.reading() as s:
            node_code = s.execute(sa.select(Site.agency_code)).scalars().first() or ""
    return SyncConfig(server_url=url, token=(token or settings.sync_token or "").strip(), node=node_code)


# --- results ---------------------------------------------------------------------------------


@dataclass
class PushSummary:
    acked: int = 0
    rejected: int = 0
    batches: int = 0
    renumbered: int = 0  # pending rows moved after a restored local backup
    resent: int = 0  # acked rows set back to pending after a central restore
    stopped: dict[str, str] = field(default_factory=dict)  # lane -> error code of a lane stop


@dataclass
class PullSummary:
    pulled: dict[str, int] = field(default_factory=dict)
    snapshots: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.pulled.values())


@dataclass
class CycleResult:
    ok: bool
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    error: str = ""  # a plain Vietnamese sentence (no personal data), "" when ok
    error_code: str = ""  # stable code: timeout, connection, unauthorized, retry_later, internal, ...
    kind: str = ""  # "" | transient | refused | internal
    retry_after: float | None = None
    telemetry: int = 0  # queue snapshots enqueued by this cycle


@dataclass(frozen=True)
class _Batch:
    id: uuid.UUID
    lane: str
    first_seq: int
    last_seq: int
    size: int
    body: bytes


@dataclass
class _Outcome:
    acked: int = 0
    rejected: int = 0
    conflicts: int = 0
    retry_later: bool = False
    reset: int = 0  # rows set back to pending (central restore)
    unpushable: tuple[int, int] | None = None  # seqs the central lost that were purged here
    odd_gap: bool = False

    @property
    def progress(self) -> bool:
        return bool(self.acked or self.rejected or self.conflicts or self.reset)


class _LaneStop(Exception):
    """This lane cannot go on now; the other lanes (and the pull) still may."""

    def __init__(self, error: SyncError) -> None:
        super().__init__(error.message)
        self.error = error


# --- the engine ------------------------------------------------------------------------------


class SyncEngine:
    """One site's sync worker. Not thread-safe: one thread drives it (WorkerLock: one per site)."""

    def __init__(self, svc: Services, config: SyncConfig, *, client: SyncClient | None = None) -> None:
        self.svc = svc
        self.config = config
        self._owns_client = client is None
        self.client = client if client is not None else SyncClient(
            config.server_url, config.token, config.node, timeout=config.timeout)
        self.holder = f"{socket.gethostname()}:{os.getpid()}"
        # lane -> the server's last applied seq, when node_info suggests this database was
        # restored from an older backup (checked by pushing what it holds up to there).
        self._suspect: dict[str, int] = {}
        self._progress_done = 0
        self._progress_total = 0
        self._wait_strategy = wait_random_exponential(multiplier=config.backoff_multiplier, max=config.backoff_max)
        self._retrying = Retrying(wait=self._wait_strategy)

    # --- push --------------------------------------------------------------------------------

    def push(self) -> PushSummary:
        """Every lane ("case", then "telemetry") until nothing is pending or a stop. Raises
        Transient / Refused (after the other lanes went on when the stop was lane-specific)."""
        summary = PushSummary()
        stop = self._push(summary)
        if stop is not None:
            raise stop
        return summary

    def _push(self, summary: PushSummary) -> SyncError | None:
        """Pushes every lane; returns the first lane-specific stop, raises the rest."""
        self._start_progress()
        first: SyncError | None = None
        for lane in wire.LANES:
            try:
                self._push_lane(lane, summary)
            except _LaneStop as stop:
                summary.stopped[lane] = stop.error.error
                first = first or stop.error
        return first

    def _push_lane(self, lane: str, summary: PushSummary) -> None:
        size = max(1, min(int(self.config.batch_size), wire.MAX_BATCH))
        recoveries = 0
        while True:
            probe = self._suspect.get(lane)
            batch = self._frozen_batch(lane) or self._freeze(lane, size, max_seq=probe)
            if batch is None:
                if probe is not None:
                    # Everything this database holds up to the server's last seq was answered
                    # (duplicates acked); what is left is the restore itself.
                    summary.renumbered += self._recover_restored(lane, probe)
                    continue
                return
            response = self._send(batch)
            _checkpoint("after_send")
            outcome = self._apply_response(batch, response)
            summary.batches += 1
            summary.acked += outcome.acked
            summary.rejected += outcome.rejected
            summary.resent += outcome.reset
            if outcome.conflicts:
                # "Same sequence, other mutation id": this database was restored from a backup.
                recoveries += 1
                if recoveries > 3:  # renumbered rows cannot conflict with a sound server
                    raise _LaneStop(Transient(f"lane {lane}: conflicts again after renumbering",
                                              error="conflict_loop"))
                server_last = max(response.last_applied_seq, probe or 0)
                summary.renumbered += self._recover_restored(lane, server_last)
                continue
            if outcome.retry_later:
                raise _LaneStop(Transient(f"lane {lane}: the server asked to retry later", error="retry_later"))
            if outcome.unpushable is not None:
                first, last = outcome.unpushable
                raise _LaneStop(Refused(f"lane {lane}: the central lost seqs {first}..{last}, purged here",
                                        error="central_gap"))
            if outcome.odd_gap and not outcome.progress:
                raise _LaneStop(Transient(f"lane {lane}: the server expects a later seq than it holds",
                                          error="unexpected_gap"))
            if not outcome.progress:
                raise _LaneStop(Transient(f"lane {lane}: the server answered nothing for the batch",
                                          error="no_progress"))

    def _frozen_batch(self, lane: str) -> _Batch | None:
        with self.svc.reading() as s:
            b = s.execute(
                sa.select(SyncBatch).where(SyncBatch.lane == lane, SyncBatch.state == "frozen")
                .order_by(SyncBatch.first_seq).limit(1)
            ).scalar_one_or_none()
            return _batch_ref(b) if b is not None else None

    def _freeze(self, lane: str, size: int, *, max_seq: int | None = None) -> _Batch | None:
        """Freeze the lane's lowest pending rows (not yet in a batch) into one batch: the exact
        bytes every attempt will send, under one key (the batch id)."""
        now = self.svc.now()
        with self.svc.transaction() as s:
            existing = s.execute(
                sa.select(SyncBatch).where(SyncBatch.lane == lane, SyncBatch.state == "frozen")
                .order_by(SyncBatch.first_seq).limit(1)
            ).scalar_one_or_none()
            if existing is not None:
                return _batch_ref(existing)
            q = (sa.select(SyncOutbox)
                 .where(SyncOutbox.lane == lane, SyncOutbox.state == "pending", SyncOutbox.batch_id.is_(None))
                 .order_by(SyncOutbox.seq).limit(size))
            if max_seq is not None:
                q = q.where(SyncOutbox.seq <= max_seq)
            rows = list(s.execute(q).scalars())
            if not rows:
                return None
            batch_id = uuid7()
            request = wire.PushRequest(
                node=self.config.node, lane=lane, batch_id=batch_id,
                mutations=[wire.Mutation(
                    seq=r.seq, mutation_id=r.mutation_id, entity_type=r.entity_type, entity_id=r.entity_id,
                    operation=r.operation, schema_version=r.schema_version, payload=r.payload,
                    payload_sha256=r.payload_sha256, created_at=r.created_at,
                ) for r in rows],
            )
            body = wire.canonical_json(request.model_dump(mode="json")).encode("utf-8")
            batch = SyncBatch(id=batch_id, lane=lane, first_seq=rows[0].seq, last_seq=rows[-1].seq,
                              size=len(rows), body=body, body_sha256=wire.body_hash(body), state="frozen",
                              attempts=0, created_at=now)
            s.add(batch)
            for r in rows:
                r.batch_id = batch_id
            ref = _Batch(batch_id, lane, rows[0].seq, rows[-1].seq, len(rows), body)
        _checkpoint("after_freeze")
        return ref

    def _send(self, batch: _Batch) -> wire.PushResponse:
        try:
            return self.client.push(batch.lane, batch.id, batch.body)
        except ResetRequired as exc:  # not a push answer; whatever it is, not delivered
            self._note_failure(batch, exc)
            raise Transient(exc.message, error="bad_response", status=exc.status) from None
        except SyncError as exc:
            self._note_failure(batch, exc)
            raise

    def _note_failure(self, batch: _Batch, exc: SyncError) -> None:
        try:
            with self.svc.transaction() as s:
                b = s.get(SyncBatch, batch.id)
                if b is not None and b.state == "frozen":
                    b.attempts = (b.attempts or 0) + 1
                    b.sent_at = self.svc.now()
                    b.last_error = (exc.error or type(exc).__name__)[:200]
        except Exception:  # noqa: BLE001 - bookkeeping only; the failure itself is what matters
            log.warning("sync: could not record a failed send of batch %s", batch.id)

    def _apply_response(self, batch: _Batch, response: wire.PushResponse) -> _Outcome:
        """One transaction: every answered row acked / rejected (+ issue) / left pending, the
        batch done, rows still pending released for a NEW batch (a key never carries another
        body), and a central restore handled."""
        now = self.svc.now()
        outcome = _Outcome()
        with self.svc.transaction() as s:
            b = s.get(SyncBatch, batch.id)
            if b is None or b.state != "frozen":
                return outcome  # dissolved meanwhile: nothing of this answer can be matched
            rows = list(s.execute(sa.select(SyncOutbox).where(SyncOutbox.batch_id == b.id)).scalars())
            by_mutation = {r.mutation_id: r for r in rows}
            for item in response.results:
                row = by_mutation.get(item.mutation_id)
                if row is None or row.state != "pending" or row.seq != item.seq:
                    continue
                status = item.status
                if status == "duplicate" and item.code:
                    # A repeat returns the stored result: a code means the seq was rejected then.
                    status = "rejected"
                if status in ("applied", "duplicate"):
                    row.state = "acked"
                    row.acked_at = now
                    row.server_ref = (item.server_ref or "")[:100]
                    row.last_error = ""
                    outcome.acked += 1
                elif status == "rejected":
                    row.state = "rejected"
                    row.last_error = (item.code or "rejected")[:200]
                    _open_rejection(s, row, item, now)
                    outcome.rejected += 1
                elif status == "conflict":
                    row.last_error = (item.code or "conflict")[:200]
                    outcome.conflicts += 1
                elif status == "retry_later":
                    row.last_error = (item.code or "retry_later")[:200]
                    outcome.retry_later = True
                # not_processed: stays pending, goes again in a new batch
            for r in rows:
                r.attempts = (r.attempts or 0) + 1
                if r.state == "pending":
                    r.batch_id = None
                    r.next_attempt_at = now
            expected = response.expected_seq
            if expected is not None and expected < b.first_seq:
                outcome.reset, outcome.unpushable = _central_restored(s, b.lane, expected, now)
            elif expected is not None and expected > b.first_seq and not (outcome.acked or outcome.rejected):
                outcome.odd_gap = True
            b.state = "done"
            b.done_at = now
            b.sent_at = now
            b.attempts = (b.attempts or 0) + 1
            b.last_error = ""
            self._progress_done += outcome.acked + outcome.rejected
            self._progress_total = max(self._progress_total, self._progress_done)
            _write_meta(s, now, progress_done=self._progress_done, progress_total=self._progress_total,
                        heartbeat_at=_iso(now))
            _checkpoint("after_response")
        if outcome.reset:
            log.warning("sync: the central lost %d acknowledged %s changes (restored from a backup): resending",
                        outcome.reset, batch.lane)
        return outcome

    def _start_progress(self) -> None:
        with self.svc.reading() as s:
            pending = s.execute(sa.select(sa.func.count()).select_from(SyncOutbox)
                                .where(SyncOutbox.state == "pending")).scalar_one()
        self._progress_done = 0
        self._progress_total = int(pending or 0)
        self._record(progress_done=0, progress_total=self._progress_total)

    # --- restores ----------------------------------------------------------------------------

    def _check_node(self) -> None:
        """node_info at the start of a cycle: the server's last applied seq per lane against this
        database. Ahead of our counter (or a different mutation at that seq) = this database was
        restored from an older backup; behind what we have acknowledged = the central was."""
        info = self.client.node_info()
        if wire.PROTOCOL_VERSION not in info.protocols:
            raise Refused(f"the server speaks protocols {info.protocols}, not {wire.PROTOCOL_VERSION}",
                          error="protocol")
        states = {state.lane: state for state in info.lanes}
        lost: list[tuple[str, int]] = []
        with self.svc.reading() as s:
            for lane in wire.LANES:
                state = states.get(lane)
                last = state.last_applied_seq if state is not None else 0
                counter = current_value(s, f"outbox:{lane}")
                self._suspect.pop(lane, None)
                if last > counter:
                    self._suspect[lane] = last
                    continue
                if last > 0 and state is not None and state.last_mutation_id is not None:
                    mine = s.execute(sa.select(SyncOutbox.mutation_id)
                                     .where(SyncOutbox.lane == lane, SyncOutbox.seq == last)).scalar_one_or_none()
                    if mine is not None and mine != state.last_mutation_id:
                        self._suspect[lane] = last
                        continue
                answered = s.execute(sa.select(sa.func.max(SyncOutbox.seq)).where(
                    SyncOutbox.lane == lane, SyncOutbox.state.in_(("acked", "rejected")))).scalar_one_or_none()
                if answered is not None and answered > last:
                    lost.append((lane, last))
        for lane, last in lost:
            now = self.svc.now()
            with self.svc.transaction() as s:
                reset, _ = _central_restored(s, lane, last + 1, now)
            if reset:
                log.warning("sync: the central holds %s up to seq %d only (restored): %d changes to resend",
                            lane, last, reset)

    def _recover_restored(self, lane: str, server_last: int) -> int:
        """This database was restored from a backup older than what the central holds. Move the
        lane's counter past the central's last seq and renumber the pending rows after it (same
        order, same mutation ids: they are still the same changes), dissolve a frozen batch,
        and tell a person what the central holds that this database no longer does. Nothing
        local is dropped. Returns the number of rows renumbered."""
        self._suspect.pop(lane, None)
        now = self.svc.now()
        key = f"outbox:{lane}"
        with self.svc.transaction() as s:
            # The counter row first, locked: no service can enqueue on this lane meanwhile.
            counter = s.execute(sa.select(SequenceCounter).where(SequenceCounter.key == key)
                                .with_for_update()).scalar_one_or_none()
            mine = counter.last if counter is not None else 0
            pending = s.execute(sa.select(SyncOutbox.id, SyncOutbox.seq)
                                .where(SyncOutbox.lane == lane, SyncOutbox.state == "pending")
                                .order_by(SyncOutbox.seq)).all()
            answered = s.execute(sa.select(sa.func.max(SyncOutbox.seq)).where(
                SyncOutbox.lane == lane, SyncOutbox.state != "pending")).scalar_one_or_none() or 0
            below = [seq for _id, seq in pending if seq <= server_last]
            held_to = below[0] - 1 if below else min(mine, server_last)
            base = max(server_last, answered)
            if not below and mine >= base:
                return 0  # nothing reused, nothing missing: a false alarm
            for b in s.execute(sa.select(SyncBatch).where(SyncBatch.lane == lane, SyncBatch.state == "frozen")).scalars():
                b.state = "done"
                b.done_at = now
                b.last_error = "dissolved: restored local backup"
            if pending:
                ids = [row_id for row_id, _seq in pending]
                # (lane, seq) is unique: park the rows on negative numbers, then number them.
                s.execute(sa.update(SyncOutbox).where(SyncOutbox.id.in_(ids))
                          .values(seq=-SyncOutbox.seq, batch_id=None, next_attempt_at=now)
                          .execution_options(synchronize_session=False))
                s.execute(sa.update(SyncOutbox).execution_options(synchronize_session=False),
                          [{"id": row_id, "seq": base + i + 1} for i, row_id in enumerate(ids)])
            last = base + len(pending)
            if counter is None:
                s.add(SequenceCounter(key=key, last=last))
            else:
                counter.last = last
            missing = (held_to + 1, server_last) if server_last > held_to else None
            if missing is not None:
                s.add(_restored_issue(lane, missing, renumbered=len(pending), start=base + 1,
                                      server_last=server_last, now=now))
        log.warning("sync: local database restored from a backup (lane %s): %d pending changes renumbered "
                    "from %d; the central holds seqs %s this database lacks", lane, len(pending), base + 1,
                    f"{missing[0]}..{missing[1]}" if missing else "none")
        return len(pending)

    # --- pull --------------------------------------------------------------------------------

    def pull(self) -> PullSummary:
        """Every stream until has_more is false; a page and its cursor in one transaction."""
        summary = PullSummary()
        for stream in PULL_ORDER:
            summary.pulled[stream] = self._pull_stream(stream, summary)
        return summary

    def _pull_stream(self, stream: str, summary: PullSummary) -> int:
        limit = max(1, min(int(self.config.page_size), wire.MAX_PAGE))
        with self.svc.reading() as s:
            row = s.get(SyncCursor, stream)
            cursor = row.cursor if row is not None else ""
            token = row.snapshot_token if row is not None else None
            snap_cursor = row.snapshot_cursor if row is not None else None
        pulled = 0
        if token is not None:  # a snapshot interrupted earlier: go on from its page
            summary.snapshots.append(stream)
            n, cursor = self._snapshot(stream, token or None, snap_cursor, limit)
            pulled += n
        resets = 0
        while True:
            try:
                page = self.client.changes(stream, cursor, limit)
            except ResetRequired:
                resets += 1
                if resets > 2:
                    raise Transient(f"{stream}: reset_required again after a snapshot", error="reset_loop") from None
                summary.snapshots.append(stream)
                n, cursor = self._snapshot(stream, None, None, limit)
                pulled += n
                continue
            if page.changes or page.next_cursor != cursor:
                self._store_page(stream, page.changes, page.next_cursor)
            pulled += len(page.changes)
            if not page.has_more:
                return pulled
            if not page.changes and page.next_cursor == cursor:
                raise Transient(f"{stream}: has_more without progress", error="no_progress")
            cursor = page.next_cursor

    def _store_page(self, stream: str, changes: Sequence[wire.Change], next_cursor: str) -> None:
        """Guarantee 4: the page's data and the cursor covering it commit together."""
        now = self.svc.now()
        with self.svc.transaction() as s:
            if changes:
                _apply(s, stream, changes, now)
            row = _cursor_row(s, stream, now)
            row.cursor = next_cursor
            row.pulled = (row.pulled or 0) + len(changes)
            row.updated_at = now
            if changes:
                _checkpoint("mid_pull_page")

    def _snapshot(self, stream: str, page_token: str | None, snap_cursor: str | None, limit: int) -> tuple[int, str]:
        """A paged snapshot after reset_required: each page applied with its token in one
        transaction; the stream's cursor becomes the snapshot's cursor only with the last page.
        Never writes the outbox (apply_changes does not). Returns (records, new cursor)."""
        pulled = 0
        restarts = 0
        while True:
            try:
                page = self.client.snapshot(stream, page_token, limit)
            except ResetRequired:
                # The snapshot's own paging became unusable (a new epoch meanwhile): start over.
                restarts += 1
                if restarts > 2:
                    raise Transient(f"{stream}: snapshot reset again", error="reset_loop") from None
                page_token, snap_cursor = None, None
                continue
            # The cursor of a snapshot is the same on every page; if a resumed snapshot says
            # otherwise, keep the first one (older: replays more, which applying tolerates).
            final = snap_cursor or page.cursor
            last_page = not page.has_more or not page.next_page
            now = self.svc.now()
            with self.svc.transaction() as s:
                if page.items:
                    _apply(s, stream, page.items, now)
                row = _cursor_row(s, stream, now)
                if last_page:
                    row.cursor = final
                    row.snapshot_token = None
                    row.snapshot_cursor = None
                else:
                    row.snapshot_token = page.next_page
                    row.snapshot_cursor = final
                row.pulled = (row.pulled or 0) + len(page.items)
                row.updated_at = now
                if page.items:
                    _checkpoint("mid_pull_page")
            pulled += len(page.items)
            if last_page:
                log.info("sync: %s snapshot complete (%d records)", stream, pulled)
                return pulled, final
            page_token, snap_cursor = page.next_page, final

    # --- the cycle ---------------------------------------------------------------------------

    def cycle(self) -> CycleResult:
        """Heartbeat, telemetry snapshot, node check (restore detection), push, pull, purge;
        the outcome recorded in sync_meta "worker". Never raises."""
        result = CycleResult(ok=False)
        started = self.svc.now()
        error: BaseException | None = None
        try:
            self._record(last_attempt_at=_iso(started), heartbeat_at=_iso(started), holder=self.holder,
                         interval=self.config.interval)
            try:
                result.telemetry = snapshot_telemetry(self.svc, started)
            except Exception as exc:  # noqa: BLE001 - statistics must never hold cases back
                log.warning("sync: telemetry snapshot failed (%s)", type(exc).__name__)
            self._check_node()
            summary = PushSummary()
            try:
                lane_stop = self._push(summary)
            finally:
                result.pushed, result.rejected = summary.acked, summary.rejected
            pulled = self.pull()
            result.pulled = pulled.total
            try:
                self.purge(self.svc.now())
            except Exception as exc:  # noqa: BLE001 - housekeeping; retried next cycle
                log.warning("sync: purge failed (%s)", type(exc).__name__)
            if lane_stop is not None:
                raise lane_stop
            result.ok = True
        except SyncError as exc:
            error = exc
            result.error_code = exc.error or type(exc).__name__
            result.kind = "refused" if isinstance(exc, Refused) else "transient"
            result.retry_after = exc.retry_after if isinstance(exc, Transient) else None
            result.error = describe_vi(exc, self.config.node)
            log.info("sync: cycle failed: %s", exc.message)
        except Exception as exc:  # noqa: BLE001 - the worker must go on; never log the message (data)
            error = exc
            result.error_code = "internal"
            result.kind = "internal"
            result.error = describe_vi(exc, self.config.node)
            log.error("sync: cycle failed with %s at %s", type(exc).__name__, _where(exc))
        finally:
            self._record_outcome(result, error)
        return result

    def _record_outcome(self, result: CycleResult, error: BaseException | None) -> None:
        try:
            now = self.svc.now()
            values: dict[str, Any] = {"heartbeat_at": _iso(now), "holder": self.holder}
            if result.ok:
                values.update(last_success_at=_iso(now), online=True, last_error=None, next_attempt_at=None,
                              progress_done=self._progress_total, progress_total=self._progress_total)
            else:
                # The server answered a lane-specific "not now": it is online, just not done.
                online = isinstance(error, Transient) and error.error in ("retry_later", "no_progress")
                values.update(online=online, last_error=result.error)
            self._record(**values)
        except Exception as exc:  # noqa: BLE001 - never raise from cycle()
            log.warning("sync: could not record the cycle's outcome (%s)", type(exc).__name__)

    def purge(self, now: datetime) -> tuple[int, int]:
        """Acked rows and done batches older than ack_retention_days go (kept that long so a
        central restore can be resent). Never pending or rejected rows, never issues."""
        cutoff = now - timedelta(days=self.config.ack_retention_days)
        with self.svc.transaction() as s:
            rows = s.execute(sa.delete(SyncOutbox).where(
                SyncOutbox.state == "acked", SyncOutbox.acked_at < cutoff)).rowcount
            batches = s.execute(sa.delete(SyncBatch).where(
                SyncBatch.state == "done", SyncBatch.done_at < cutoff)).rowcount
        return int(rows or 0), int(batches or 0)

    # --- the loop ----------------------------------------------------------------------------

    def retry_delay(self, failures: int, result: CycleResult | None = None) -> float:
        """Seconds before the next attempt after *failures* failed cycles in a row: tenacity's
        full-jitter exponential backoff (capped), or the server's Retry-After when larger. A
        refusal (a person must act) waits the cap."""
        if result is not None and result.kind == "refused":
            return float(self.config.backoff_max)
        state = RetryCallState(retry_object=self._retrying, fn=None, args=(), kwargs={})
        state.attempt_number = max(1, failures)
        delay = float(self._wait_strategy(state))
        if result is not None and result.retry_after:
            delay = max(delay, min(float(result.retry_after), RETRY_AFTER_CAP))
        return delay

    def run(self, stop: threading.Event, wake: threading.Event) -> None:
        """Cycle until *stop*: after a good cycle wait `interval` or until *wake* (a local commit,
        "Sync now"); after a failure back off (persisting next_attempt_at first). Retries never
        end: the officer is alarmed by the age of the oldest pending change, not by attempts."""
        failures = 0
        try:
            while not stop.is_set():
                wake.clear()  # a commit during the cycle must still wake the next wait
                result = self.cycle()
                if stop.is_set():
                    break
                if result.ok:
                    failures = 0
                    delay = float(self.config.interval)
                else:
                    failures += 1
                    delay = self.retry_delay(failures, result)
                    try:
                        self._record(next_attempt_at=_iso(self.svc.now() + timedelta(seconds=delay)))
                    except Exception as exc:  # noqa: BLE001 - the wait still happens
                        log.warning("sync: could not record the next attempt (%s)", type(exc).__name__)
                self._wait(delay, stop, wake)
        finally:
            try:
                self._record(holder="", heartbeat_at=_iso(self.svc.now()))
            except Exception:  # noqa: BLE001 - leaving anyway
                pass
            if self._owns_client:
                self.client.close()

    def _wait(self, delay: float, stop: threading.Event, wake: threading.Event) -> bool:
        """Wait *delay* seconds, cut short by *wake* or *stop*; keeps the heartbeat fresh.
        True when woken."""
        deadline = time.monotonic() + max(0.0, delay)
        beat = time.monotonic() + HEARTBEAT_EVERY
        while not stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if wake.wait(min(remaining, 1.0)):
                return True
            if time.monotonic() >= beat:
                beat = time.monotonic() + HEARTBEAT_EVERY
                try:
                    self._record(heartbeat_at=_iso(self.svc.now()), holder=self.holder)
                except Exception:  # noqa: BLE001 - a database hiccup; try at the next beat
                    pass
        return False

    def close(self) -> None:
        if self._owns_client:
            self.client.close()

    # --- sync_meta ---------------------------------------------------------------------------

    def _record(self, **values: Any) -> None:
        now = self.svc.now()
        with self.svc.transaction() as s:
            _write_meta(s, now, **values)


# --- helpers (inside the caller's transaction) ------------------------------------------------


def _batch_ref(b: SyncBatch) -> _Batch:
    return _Batch(b.id, b.lane, int(b.first_seq), int(b.last_seq), int(b.size), bytes(b.body))


def _write_meta(s: Session, now: datetime, **values: Any) -> None:
    row = s.get(SyncMeta, META_KEY)
    if row is None:
        row = SyncMeta(key=META_KEY, value={}, updated_at=now)
        s.add(row)
    merged = dict(row.value or {})
    merged.update(values)
    row.value = merged  # a new dict: JSON columns track assignment, not mutation
    row.updated_at = now


def _cursor_row(s: Session, stream: str, now: datetime) -> SyncCursor:
    row = s.get(SyncCursor, stream)
    if row is None:
        row = SyncCursor(stream=stream, cursor="", snapshot_token=None, snapshot_cursor=None, pulled=0,
                         updated_at=now)
        s.add(row)
    return row


def _apply(s: Session, stream: str, changes: Sequence[wire.Change], now: datetime) -> None:
    # Imported here: services/sync_apply.py is written alongside this module.
    from counter_app.services.sync_apply import apply_changes

    apply_changes(s, stream, changes, now=now)


def _open_rejection(s: Session, row: SyncOutbox, item: wire.ItemResult, now: datetime) -> None:
    """Guarantee 5: the rejection is in front of a person until resolved (one issue per change)."""
    exists = s.execute(sa.select(SyncIssue.id).where(
        SyncIssue.mutation_id == row.mutation_id, SyncIssue.kind == "rejected", SyncIssue.state == "open")
    ).first()
    if exists is not None:
        return
    code = (item.code or "rejected")[:60]
    message = item.message or f"Hệ thống trung tâm từ chối thay đổi này (mã lý do: {code})."
    s.add(SyncIssue(
        kind="rejected", outbox_id=row.id, mutation_id=row.mutation_id, lane=row.lane, seq=row.seq,
        entity_type=row.entity_type, entity_id=row.entity_id, operation=row.operation, reason_code=code,
        message=message, server_state=dict(item.server_state or {}), state="open", created_at=now,
    ))


def _central_restored(s: Session, lane: str, expected: int, now: datetime) -> tuple[int, tuple[int, int] | None]:
    """The central holds this lane only up to expected-1 (restored from a backup): every row
    it answered from `expected` on goes back to pending, to be sent again in new batches.
    Rejected ones too — the server needs every seq to advance; an open issue of theirs stays.
    Seqs below the first row still held here were purged (ack_retention_days): they cannot be
    resent, and an issue says which. Returns (rows reset, missing seqs or None)."""
    reset = s.execute(
        sa.update(SyncOutbox)
        .where(SyncOutbox.lane == lane, SyncOutbox.seq >= expected, SyncOutbox.state.in_(("acked", "rejected")))
        .values(state="pending", batch_id=None, acked_at=None, server_ref="", next_attempt_at=now,
                last_error="central restored: resend")
        .execution_options(synchronize_session="fetch")
    ).rowcount or 0
    lowest = s.execute(sa.select(sa.func.min(SyncOutbox.seq))
                       .where(SyncOutbox.lane == lane, SyncOutbox.seq >= expected)).scalar_one_or_none()
    if lowest is None or lowest <= expected:
        return int(reset), None
    missing = (expected, int(lowest) - 1)
    already = s.execute(sa.select(SyncIssue.id).where(
        SyncIssue.kind == "central_restore", SyncIssue.lane == lane, SyncIssue.state == "open",
        SyncIssue.seq == expected)).first()
    if already is None:
        first, last = missing
        seqs = f"số thứ tự {first}" if first == last else f"số thứ tự {first}–{last}"
        s.add(SyncIssue(
            kind="central_restore", lane=lane, seq=first, reason_code="central_restore",
            message=(f"Hệ thống trung tâm đã được khôi phục từ bản sao lưu và không còn {last - first + 1} "
                     f"thay đổi {_LANE_VI.get(lane, lane)} ({seqs}); cơ sở dữ liệu tại bộ phận một cửa đã xóa "
                     f"các thay đổi này sau thời hạn lưu nên không thể gửi lại. Việc gửi các thay đổi sau đó "
                     f"đang bị dừng: cần bộ phận kỹ thuật của hệ thống trung tâm xử lý."),
            server_state={"expected_seq": expected, "missing_from": first, "missing_to": last},
            state="open", created_at=now,
        ))
    return int(reset), missing


def _restored_issue(lane: str, missing: tuple[int, int], *, renumbered: int, start: int, server_last: int,
                    now: datetime) -> SyncIssue:
    first, last = missing
    count = last - first + 1
    seqs = f"số thứ tự {first}" if first == last else f"số thứ tự {first}–{last}"
    moved = (f" {renumbered} thay đổi chờ gửi đã được đánh số lại từ {start} để gửi tiếp." if renumbered else "")
    return SyncIssue(
        kind="restored_backup", lane=lane, seq=first, reason_code="restored_backup",
        message=(f"Cơ sở dữ liệu tại bộ phận một cửa đã được khôi phục từ một bản sao lưu cũ: hệ thống trung "
                 f"tâm đang giữ {count} thay đổi {_LANE_VI.get(lane, lane)} ({seqs}) mà cơ sở dữ liệu này không "
                 f"còn.{moved} Không có dữ liệu nào tại chỗ bị xóa; cần đối chiếu và nhập lại những việc đã "
                 f"làm sau thời điểm sao lưu."),
        server_state={"last_applied_seq": server_last, "missing_from": first, "missing_to": last,
                      "missing": count, "renumbered": renumbered, "renumbered_from": start},
        state="open", created_at=now,
    )


def _where(exc: BaseException) -> str:
    """file:line of the innermost frame, for a log line without the exception's message."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return "?"
    return f"{os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno}"


# --- what the officer reads --------------------------------------------------------------------


def describe_vi(exc: BaseException, node: str = "") -> str:
    """The worker's last error as a plain Vietnamese sentence (no personal data): what happened
    and, when a person must act, what to fix."""
    if isinstance(exc, Refused):
        code = exc.error
        if code == "unauthorized":
            return ("Hệ thống trung tâm từ chối mã truy cập (token) của bộ phận một cửa: cần kiểm tra lại mã "
                    "truy cập trong cấu hình đồng bộ.")
        if code == "forbidden":
            return (f"Mã truy cập không được phép đồng bộ cho đơn vị {node}: cần kiểm tra mã đơn vị và mã truy cập "
                    "trong cấu hình đồng bộ.")
        if code == "unknown_node":
            return (f"Hệ thống trung tâm chưa đăng ký đơn vị {node}: cần đăng ký đơn vị trên hệ thống trung tâm "
                    "hoặc sửa mã đơn vị trong cấu hình đồng bộ.")
        if code in ("not_found", "bad_url", "redirect") or exc.status == 404:
            return "Địa chỉ hệ thống trung tâm không đúng: cần kiểm tra địa chỉ (URL) trong cấu hình đồng bộ."
        if code == "protocol":
            return "Hệ thống trung tâm không hỗ trợ phiên bản giao thức đồng bộ của phần mềm: cần cập nhật phần mềm."
        if code == "central_gap":
            return ("Hệ thống trung tâm đã được khôi phục từ bản sao lưu và thiếu những thay đổi mà nơi đây đã xóa "
                    "sau thời hạn lưu: cần bộ phận kỹ thuật xử lý (xem danh sách cần xử lý).")
        if code == "idempotency_mismatch":
            return ("Hệ thống trung tâm từ chối một lô thay đổi (trùng mã lô nhưng khác nội dung): cần báo bộ phận "
                    "kỹ thuật.")
        return (f"Hệ thống trung tâm từ chối yêu cầu đồng bộ (mã lỗi {code or exc.status}): cần báo bộ phận "
                "kỹ thuật.")
    if isinstance(exc, Transient):
        code = exc.error
        if code == "timeout":
            return "Hệ thống trung tâm không trả lời kịp thời; sẽ tự động thử lại."
        if code == "connection":
            return "Không kết nối được với hệ thống trung tâm (mất mạng hoặc máy chủ tắt); sẽ tự động thử lại."
        if code == "incomplete":
            return "Kết nối với hệ thống trung tâm bị ngắt giữa chừng; sẽ tự động gửi lại."
        if code == "rate_limited":
            return "Hệ thống trung tâm đang quá tải và yêu cầu gửi chậm lại; sẽ tự động thử lại."
        if code == "unavailable":
            return "Hệ thống trung tâm tạm ngừng phục vụ; sẽ tự động thử lại."
        if code == "idempotency_in_flight":
            return "Hệ thống trung tâm vẫn đang xử lý lô thay đổi gửi trước; sẽ tự động thử lại."
        if code == "bad_response":
            return "Hệ thống trung tâm trả lời không đúng định dạng; sẽ tự động gửi lại."
        if code == "retry_later":
            return "Hệ thống trung tâm tạm thời chưa xử lý được một thay đổi; sẽ tự động gửi lại."
        if exc.status is not None and exc.status >= 500:
            return f"Hệ thống trung tâm đang gặp lỗi (mã {exc.status}); sẽ tự động thử lại."
        return f"Đồng bộ chưa hoàn tất (mã {code or 'transient'}); sẽ tự động thử lại."
    if isinstance(exc, ResetRequired):
        return "Hệ thống trung tâm yêu cầu tải lại toàn bộ dữ liệu; sẽ tự động tải lại."
    return f"Lỗi nội bộ khi đồng bộ ({type(exc).__name__}); sẽ tự động thử lại."


# --- queue statistics (lane "telemetry") --------------------------------------------------------


def _telemetry_rows(s: Session, day: date) -> dict[str, dict[str, Any]]:
    """Per field, the day's counts and averages so far."""
    status = Ticket.status

    def count_of(*states: str):
        return sa.func.sum(sa.case((status.in_(states), 1), else_=0))

    q = (sa.select(Ticket.field_code, sa.func.count(), count_of("done"), count_of("no_show"), count_of("waiting"),
                   sa.func.avg(Ticket.wait_seconds), sa.func.avg(Ticket.service_seconds))
         .where(Ticket.business_day == day).group_by(Ticket.field_code))
    out: dict[str, dict[str, Any]] = {}
    for code, issued, served, no_show, waiting, avg_wait, avg_service in s.execute(q):
        out[code] = {
            "day": day.isoformat(), "field_code": code, "issued": int(issued or 0), "served": int(served or 0),
            "no_show": int(no_show or 0), "waiting": int(waiting or 0),
            # Rounded: the backends' AVG differ in the last bits, which must not count as a change.
            "avg_wait_seconds": round(float(avg_wait), 1) if avg_wait is not None else None,
            "avg_service_seconds": round(float(avg_service), 1) if avg_service is not None else None,
        }
    return out


def snapshot_telemetry(svc: Services, now: datetime) -> int:
    """Enqueue a `queue.snapshot` per field of the business day (Asia/Ho_Chi_Minh) whose figures
    changed since the last one sent: snapshots, never increments, so a lost or repeated one
    cannot skew the central's statistics. Yesterday is looked at again (its last tickets may
    have closed after the last cycle of the day). Returns the rows enqueued."""
    today = to_local(now).date()
    yesterday = today - timedelta(days=1)
    enqueued = 0
    with svc.transaction() as s:
        meta = s.get(SyncMeta, TELEMETRY_KEY)
        sent: dict[str, str] = dict((meta.value or {}).get("hashes", {})) if meta is not None else {}
        days = {today} | {date.fromisoformat(k.split(":", 1)[0]) for k in sent
                          if k.split(":", 1)[0] == yesterday.isoformat()}
        for day in sorted(days):
            for code, figures in sorted(_telemetry_rows(s, day).items()):
                entity_id = f"{day.isoformat()}:{code}"
                digest = hashlib.sha256(wire.canonical_json(figures).encode("utf-8")).hexdigest()
                if sent.get(entity_id) == digest:
                    continue
                enqueue(s, lane="telemetry", entity_type=TELEMETRY_ENTITY, entity_id=entity_id[:60],
                        operation=TELEMETRY_OPERATION, payload={**figures, "taken_at": _iso(now)}, at=now)
                sent[entity_id] = digest
                enqueued += 1
        # Remember today's and yesterday's figures only.
        keep = {today.isoformat(), yesterday.isoformat()}
        sent = {k: v for k, v in sent.items() if k.split(":", 1)[0] in keep}
        if meta is None:
            s.add(SyncMeta(key=TELEMETRY_KEY, value={"hashes": sent}, updated_at=now))
        elif enqueued or sent != dict((meta.value or {}).get("hashes", {})):
            meta.value = {"hashes": sent}
            meta.updated_at = now
    return enqueued
