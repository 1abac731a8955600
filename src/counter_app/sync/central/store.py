"""The reference central server's database and the rules it applies (SYNC.md, server side).

One `CentralStore` per database. Its tables (`central_*`) live on their own metadata,
created with `create_all`: a reference server has no migrations. Every write transaction
holds one process-wide lock (and, on PostgreSQL, a transaction advisory lock for writers in
other processes such as `counter-app central advance`), so change-log positions are handed
out in commit order and a reader never sees position n+1 before n.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
import secrets
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from counter_app.domain.calendar import Counting, WorkCalendar, compute_due, extend_due, to_local
from counter_app.domain.catalog import FORMAT as CATALOG_FORMAT
from counter_app.domain.catalog import parse_catalog_json
from counter_app.domain.dossier_code import ONLINE_SEQ_BASE, format_dossier_code, parse_dossier_code
from counter_app.domain.errors import DomainError
from counter_app.domain.lifecycle import check_transition
from counter_app.domain.status import DossierStatus as S
from counter_app.store.base import NAMING_CONVENTION, UTCDateTime
from counter_app.store.engine import make_engine, make_session_factory
from counter_app.sync.wire import (
    LANES,
    PROTOCOL_VERSION,
    STREAMS,
    Change,
    ChangesPage,
    ItemResult,
    LaneState,
    Mutation,
    NodeInfo,
    PushRequest,
    PushResponse,
    SnapshotPage,
    body_hash,
    canonical_json,
    payload_hash,
)

log = logging.getLogger(__name__)

CURSOR_VERSION = 1
# A batch marked in flight longer than this belongs to a process that died mid-batch (its
# transaction rolled back): the next attempt takes it over instead of waiting forever.
IN_FLIGHT_LEASE = timedelta(seconds=60)
IN_FLIGHT_RETRY_AFTER = 1.0
# pg_advisory_xact_lock key of the central's writers ("CNTR" in ASCII).
_PG_WRITE_LOCK = 0x434E5452
# Outcomes a stored push answer may hold: sending the batch again cannot change them.
_FINAL = frozenset({"applied", "duplicate", "conflict", "rejected"})
# The central's own due-date estimate uses the national calendar (no site's own days off).
_NATIONAL_CALENDAR = WorkCalendar()
PORTAL_WITHDRAW_REASON = "Công dân rút hồ sơ trên Cổng dịch vụ công"


def utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


# --- tables -----------------------------------------------------------------------------------


class CentralBase(DeclarativeBase):
    """The central's own metadata: never mixed with the site's tables or its migrations."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


_Position = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # SQLite autoincrements INTEGER only


class NodeRow(CentralBase):
    __tablename__ = "central_node"
    node: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    token_sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LaneRow(CentralBase):
    __tablename__ = "central_lane"
    node: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    lane: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    last_applied_seq: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    last_mutation_id: Mapped[str | None] = mapped_column(sa.String(36))


class MutationRow(CentralBase):
    """What the central did with each seq of a lane (applied or rejected): duplicates repeat it."""

    __tablename__ = "central_mutation"
    node: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    lane: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    seq: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True)
    mutation_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    operation: Mapped[str] = mapped_column(sa.String(40))
    status: Mapped[str] = mapped_column(sa.String(16))  # applied | rejected
    code: Mapped[str] = mapped_column(sa.String(60), default="")
    message: Mapped[str] = mapped_column(sa.Text, default="")
    server_ref: Mapped[str] = mapped_column(sa.String(100), default="")
    server_state: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EffectRow(CentralBase):
    """A mutation whose effect is in the central's data. Unlike the lane log it survives
    `restore_node` (the simulated restore forgets the log, not the data), so a mutation sent
    again after it is acknowledged without being applied a second time."""

    __tablename__ = "central_effect"
    mutation_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    node: Mapped[str] = mapped_column(sa.String(60))
    lane: Mapped[str] = mapped_column(sa.String(20))
    operation: Mapped[str] = mapped_column(sa.String(40))
    server_ref: Mapped[str] = mapped_column(sa.String(100), default="")
    runs: Mapped[int] = mapped_column(sa.Integer, default=1)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime)


class IdempotencyRow(CentralBase):
    __tablename__ = "central_idempotency"
    key: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    node: Mapped[str] = mapped_column(sa.String(60))
    lane: Mapped[str] = mapped_column(sa.String(20))
    body_sha256: Mapped[str] = mapped_column(sa.String(64))
    state: Mapped[str] = mapped_column(sa.String(12))  # in_flight | done
    response: Mapped[str | None] = mapped_column(sa.Text)
    # Wall-clock time (not the injectable clock): it times the in-flight lease.
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProcedureRow(CentralBase):
    __tablename__ = "central_procedure"
    code: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    version: Mapped[str] = mapped_column(sa.String(40))
    field: Mapped[dict] = mapped_column(sa.JSON)
    procedure: Mapped[dict] = mapped_column(sa.JSON)
    retired: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DossierRow(CentralBase):
    __tablename__ = "central_dossier"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    node: Mapped[str] = mapped_column(sa.String(60), index=True)
    code: Mapped[str] = mapped_column(sa.String(60), unique=True)
    status: Mapped[int] = mapped_column(sa.Integer)
    channel: Mapped[str] = mapped_column(sa.String(10))  # counter | portal
    procedure_code: Mapped[str] = mapped_column(sa.String(60))
    catalog_version: Mapped[str] = mapped_column(sa.String(40), default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    result_ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(sa.Integer, default=1)
    payload: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # the dossier.received payload
    online: Mapped[dict | None] = mapped_column(sa.JSON(none_as_null=True))  # the online_dossiers record (portal only)
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # handoffs, apologies, receipt, handover
    last_transition: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    last_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_origin: Mapped[str] = mapped_column(sa.String(10), default="central")
    last_mutation_id: Mapped[str | None] = mapped_column(sa.String(36))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NotAcceptedRow(CentralBase):
    __tablename__ = "central_not_accepted"
    id: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    node: Mapped[str] = mapped_column(sa.String(60), index=True)
    mutation_id: Mapped[str] = mapped_column(sa.String(36))
    payload: Mapped[dict] = mapped_column(sa.JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TelemetryRow(CentralBase):
    """The latest queue snapshot per site, day and field: a snapshot replaces, never adds."""

    __tablename__ = "central_telemetry"
    node: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    day: Mapped[str] = mapped_column(sa.String(10), primary_key=True)
    field_code: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    data: Mapped[dict] = mapped_column(sa.JSON)
    mutation_id: Mapped[str] = mapped_column(sa.String(36))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChangeRow(CentralBase):
    """The change log the pull streams read: position order is commit order."""

    __tablename__ = "central_change"
    # AUTOINCREMENT on SQLite: a position is never handed out twice, even after the newest
    # changes were compacted away (a plain rowid would reuse max + 1 and hide from cursors).
    __table_args__ = (sa.Index("ix_central_change_stream_position", "stream", "position"),
                      {"sqlite_autoincrement": True})
    position: Mapped[int] = mapped_column(_Position, primary_key=True, autoincrement=True)
    stream: Mapped[str] = mapped_column(sa.String(30))
    node: Mapped[str | None] = mapped_column(sa.String(60))  # None: every node (procedures)
    key: Mapped[str] = mapped_column(sa.String(100))
    op: Mapped[str] = mapped_column(sa.String(10))
    data: Mapped[dict] = mapped_column(sa.JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class MetaRow(CentralBase):
    """Small settings: the cursor epoch, each stream's compaction floor, online numbering."""

    __tablename__ = "central_meta"
    key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(200))


# --- errors -----------------------------------------------------------------------------------


class CentralError(Exception):
    """A request the central refuses as a whole; the app answers it as an ErrorBody."""

    def __init__(self, status: int, error: str, message: str = "", retry_after: float | None = None) -> None:
        super().__init__(f"{status} {error}: {message}")
        self.status = status
        self.error = error
        self.message = message
        self.retry_after = retry_after


class _Unforeseen(Exception):
    """A mutation failed in a way no check foresaw (a bug, a broken constraint): the batch's
    transaction is rolled back and the batch applied again with a savepoint per mutation."""


class _Rejected(Exception):
    """A permanent failure of one mutation: answered `rejected`, the lane still advances."""

    def __init__(self, code: str, message: str, server_state: dict | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.server_state = server_state or {}


def _reset_required(message: str = "") -> CentralError:
    return CentralError(409, "reset_required",
                        message or "Con trỏ đồng bộ không còn dùng được; cần tải lại toàn bộ dữ liệu (snapshot).")


# --- cursors and page tokens (opaque to the client) --------------------------------------------


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _unb64(token: str) -> str:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8")


def encode_cursor(epoch: str, position: int) -> str:
    return _b64(f"{CURSOR_VERSION}:{epoch}:{position}")


def decode_cursor(cursor: str) -> tuple[str, int]:
    """(epoch, position); ValueError when it is not a cursor of ours."""
    version, epoch, position = _unb64(cursor).split(":")
    if version != str(CURSOR_VERSION) or not epoch:
        raise ValueError("cursor version")
    value = int(position)
    if value < 0:
        raise ValueError("negative position")
    return epoch, value


def _encode_page(epoch: str, head: int, last_key: str) -> str:
    return _b64(json.dumps([CURSOR_VERSION, epoch, head, last_key], ensure_ascii=False))


def _decode_page(token: str) -> tuple[str, int, str]:
    version, epoch, head, last_key = json.loads(_unb64(token))
    if version != CURSOR_VERSION or not isinstance(epoch, str) or not isinstance(last_key, str):
        raise ValueError("page token")
    if isinstance(head, bool) or not isinstance(head, int) or head < 0:
        raise ValueError("page head")
    return epoch, head, last_key


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- the store --------------------------------------------------------------------------------


class CentralStore:
    """The central's data and every rule of the server side of SYNC.md."""

    def __init__(self, database_url: str, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.engine = make_engine(database_url)
        self._pg = self.engine.dialect.name == "postgresql"
        CentralBase.metadata.create_all(self.engine)
        self._sessions = make_session_factory(self.engine)
        self._readers = make_session_factory(self.engine, read_only=True)
        self._clock = clock
        self._write_lock = threading.Lock()
        self._lane_locks: dict[tuple[str, str], threading.Lock] = {}
        self._lane_locks_guard = threading.Lock()
        # Operations answered `retry_later` (a temporary failure), for tests and demos.
        self.hold_operations: set[str] = set()
        with self._writing() as s:
            if s.get(MetaRow, "epoch") is None:
                s.add(MetaRow(key="epoch", value=secrets.token_hex(4)))

    def close(self) -> None:
        self.engine.dispose()

    def now(self) -> datetime:
        return self._clock()

    # -- transactions --------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        with self._write_lock, self._sessions() as s, s.begin():
            if self._pg:
                s.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_WRITE_LOCK)))
            yield s

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with self._readers() as s, s.begin():
            yield s

    def lane_lock(self, node: str, lane: str) -> threading.Lock:
        """The lock that serialises batches of one node's lane in this process."""
        with self._lane_locks_guard:
            return self._lane_locks.setdefault((node, lane), threading.Lock())

    # -- nodes ---------------------------------------------------------------------------------

    def add_node(self, node: str, name: str = "", token: str | None = None) -> str:
        """Register a site (or give it a new token, which replaces the old one); returns the token."""
        node = (node or "").strip()
        if not node or len(node) > 60 or "/" in node:
            raise ValueError(f"invalid node name {node!r}")
        # Hex: a token must never start with "-" (read as an option by `counter-app sync --token`).
        token = token if token is not None else secrets.token_hex(32)
        if len(token) < 16:
            raise ValueError("a token needs at least 16 characters")
        with self._writing() as s:
            row = s.get(NodeRow, node)
            if row is None:
                s.add(NodeRow(node=node, name=name, token_sha256=token_hash(token), created_at=self.now()))
            else:
                row.token_sha256 = token_hash(token)
                row.name = name or row.name
            for lane in LANES:
                if s.get(LaneRow, (node, lane)) is None:
                    s.add(LaneRow(node=node, lane=lane, last_applied_seq=0))
        return token

    def node_for_token(self, token: str) -> str | None:
        with self._reading() as s:
            query = sa.select(NodeRow.node).where(NodeRow.token_sha256 == token_hash(token))
            return s.execute(query).scalar_one_or_none()

    def nodes(self) -> list[str]:
        with self._reading() as s:
            return list(s.execute(sa.select(NodeRow.node).order_by(NodeRow.node)).scalars())

    def node_info(self, node: str) -> NodeInfo:
        with self._reading() as s:
            row = s.get(NodeRow, node)
            if row is None:
                raise CentralError(404, "unknown_node", f"Hệ thống trung tâm không có điểm {node}.")
            lanes = []
            for lane in LANES:
                state = s.get(LaneRow, (node, lane))
                lanes.append(LaneState(lane=lane, last_applied_seq=state.last_applied_seq if state else 0,
                                       last_mutation_id=uuid.UUID(state.last_mutation_id)
                                       if state and state.last_mutation_id else None))
            return NodeInfo(node=node, name=row.name, protocols=[PROTOCOL_VERSION], lanes=lanes,
                            server_time=self.now())

    # -- push ----------------------------------------------------------------------------------

    def push(self, node: str, lane: str, body: bytes, request: PushRequest) -> str:
        """Apply one batch under its Idempotency-Key (= batch id); returns the JSON answer.

        The key is marked in flight in its own transaction first, so a second delivery of the
        same batch while this one runs gets 409 instead of waiting behind it."""
        key = str(request.batch_id)
        stored = self._claim(key, node, lane, body_hash(body))
        if stored is not None:
            return stored
        try:
            try:
                return self._push_once(node, lane, key, request, careful=False)
            except _Unforeseen:
                # Something no check foresaw, somewhere in the batch: that transaction rolled
                # back whole; again, each mutation in a savepoint, so the ones before it are
                # applied and it is answered retry_later (the node resends from there).
                return self._push_once(node, lane, key, request, careful=True)
        except BaseException:
            self._release(key)
            raise

    def _push_once(self, node: str, lane: str, key: str, request: PushRequest, *, careful: bool) -> str:
        with self.lane_lock(node, lane), self._writing() as s:
            response = self._apply_batch(s, node, lane, request, careful=careful)
            text = response.model_dump_json()
            claim = s.get(IdempotencyRow, key)
            if all(r.status in _FINAL for r in response.results):
                claim.state, claim.response = "done", text
            else:
                s.delete(claim)  # the same batch must be processed again, not answered from here
        return text

    def _claim(self, key: str, node: str, lane: str, digest: str) -> str | None:
        with self._writing() as s:
            row = s.get(IdempotencyRow, key)
            wall = utc_now()
            if row is None:
                s.add(IdempotencyRow(key=key, node=node, lane=lane, body_sha256=digest, state="in_flight",
                                     response=None, started_at=wall))
                return None
            if (row.body_sha256, row.node, row.lane) != (digest, node, lane):
                raise CentralError(422, "idempotency_mismatch",
                                   "Khóa Idempotency-Key này đã được dùng cho một lô thay đổi khác.")
            if row.state == "done":
                return row.response
            if wall - row.started_at < IN_FLIGHT_LEASE:
                raise CentralError(409, "idempotency_in_flight",
                                   "Lô thay đổi này đang được xử lý; vui lòng gửi lại sau.",
                                   retry_after=IN_FLIGHT_RETRY_AFTER)
            row.started_at = wall  # the earlier attempt died with its process: take the batch over
            return None

    def _release(self, key: str) -> None:
        try:
            with self._writing() as s:
                row = s.get(IdempotencyRow, key)
                if row is not None and row.state == "in_flight":
                    s.delete(row)
        except Exception:  # noqa: BLE001 - the lease expires anyway; the original error matters more
            log.exception("could not release the in-flight mark of batch %s", key)

    def _apply_batch(self, s: Session, node: str, lane: str, request: PushRequest, *,
                     careful: bool = True) -> PushResponse:
        state = s.execute(sa.select(LaneRow).where(LaneRow.node == node, LaneRow.lane == lane)
                          .with_for_update()).scalar_one_or_none()
        if state is None:
            state = LaneRow(node=node, lane=lane, last_applied_seq=0)
            s.add(state)
        last = state.last_applied_seq
        results: list[ItemResult] = []
        expected: int | None = None
        stopped = False
        self._prefetch(s, request.mutations)
        for m in sorted(request.mutations, key=lambda m: m.seq):
            if stopped:
                results.append(ItemResult(seq=m.seq, mutation_id=m.mutation_id, status="not_processed"))
            elif m.seq <= last:
                results.append(self._repeat(s, node, lane, m))
            elif m.seq > last + 1:
                # A gap: the central never applies out of order; the node resends from here.
                expected, stopped = last + 1, True
                results.append(ItemResult(seq=m.seq, mutation_id=m.mutation_id, status="not_processed"))
            else:
                result = self._apply_one(s, node, lane, m, careful=careful)
                results.append(result)
                if result.status == "retry_later":
                    stopped = True
                    continue
                s.add(MutationRow(node=node, lane=lane, seq=m.seq, mutation_id=str(m.mutation_id),
                                  operation=m.operation, status=result.status, code=result.code,
                                  message=result.message, server_ref=result.server_ref,
                                  server_state=result.server_state, applied_at=self.now()))
                last = m.seq
                state.last_applied_seq, state.last_mutation_id = last, str(m.mutation_id)
        if not careful:
            try:
                s.flush()  # a constraint a mutation broke shows here, not at the commit
            except Exception as exc:  # noqa: BLE001 - the careful pass finds which one
                raise _Unforeseen() from exc
        return PushResponse(batch_id=request.batch_id, lane=lane, last_applied_seq=last, expected_seq=expected,
                            results=results)

    @staticmethod
    def _prefetch(s: Session, mutations: list[Mutation]) -> None:
        """The batch's effect rows and dossiers in two set queries: the per-mutation lookups
        below then find them in the session instead of asking the database each time."""
        ids = sorted({str(m.mutation_id) for m in mutations})
        dossiers = sorted({str(m.payload["dossier_id"]) for m in mutations
                           if isinstance(m.payload, dict) and isinstance(m.payload.get("dossier_id"), str)})
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            found.update(r.mutation_id for r in s.execute(
                sa.select(EffectRow).where(EffectRow.mutation_id.in_(ids[i:i + 500]))).scalars())
        s.info["absent_effects"] = set(ids) - found
        held: list[DossierRow] = []  # the session's identity map holds objects weakly: keep them
        for i in range(0, len(dossiers), 500):
            held.extend(s.execute(sa.select(DossierRow).where(DossierRow.id.in_(dossiers[i:i + 500]))).scalars())
        s.info["prefetched"] = held
        s.info["absent_dossiers"] = set(dossiers) - {d.id for d in held}

    def _repeat(self, s: Session, node: str, lane: str, m: Mutation) -> ItemResult:
        row = s.get(MutationRow, (node, lane, m.seq))
        if row is not None and row.mutation_id == str(m.mutation_id):
            return ItemResult(seq=m.seq, mutation_id=m.mutation_id, status="duplicate", code=row.code,
                              message=row.message, server_ref=row.server_ref, server_state=row.server_state or {})
        return ItemResult(
            seq=m.seq, mutation_id=m.mutation_id, status="conflict", code="seq_reused",
            message=(f"Hệ thống trung tâm đã ghi nhận một thay đổi khác ở số thứ tự {m.seq} của luồng “{lane}”; "
                     "cơ sở dữ liệu tại bộ phận một cửa có thể đã được khôi phục từ bản sao lưu. "
                     "Thay đổi này không được áp dụng."),
            server_ref=row.mutation_id if row is not None else "",
            server_state={"seq": m.seq, "mutation_id": row.mutation_id} if row is not None else {},
        )

    def _apply_one(self, s: Session, node: str, lane: str, m: Mutation, *, careful: bool = True) -> ItemResult:
        """One mutation. Every handler makes all its checks (raising _Rejected) before it writes
        anything, so a rejection leaves nothing behind. Not careful (the usual pass): no
        savepoint — one each cost more than the mutation itself — and anything unforeseen
        aborts the whole batch (_Unforeseen); careful: a savepoint each, and anything
        unforeseen is answered retry_later after the mutations before it are applied."""
        def result(status: str, code: str = "", message: str = "", ref: str = "", state: dict | None = None):
            return ItemResult(seq=m.seq, mutation_id=m.mutation_id, status=status, code=code, message=message,
                              server_ref=ref, server_state=state or {})

        if payload_hash(m.payload) != m.payload_sha256:
            return result("rejected", "payload_hash_mismatch",
                          "Nội dung thay đổi bị sai lệch khi truyền (mã kiểm tra SHA-256 không khớp); "
                          "hệ thống trung tâm không áp dụng.")
        if m.operation in self.hold_operations:
            return result("retry_later", "held",
                          "Hệ thống trung tâm tạm thời chưa xử lý được thay đổi này; thay đổi sẽ được gửi lại tự động.")
        absent = s.info.get("absent_effects", set())
        effect = None if str(m.mutation_id) in absent else s.get(EffectRow, str(m.mutation_id))
        if effect is not None:
            return result("applied", ref=effect.server_ref)  # already in the data (see EffectRow)
        handler = _OPERATIONS.get(m.operation)
        if handler is None:
            return result("rejected", "unsupported_operation",
                          f"Hệ thống trung tâm không hỗ trợ loại thay đổi “{m.operation[:40]}”.")
        now = self.now()
        if not careful:
            try:
                ref = handler(self, s, node, m, now)
                s.add(EffectRow(mutation_id=str(m.mutation_id), node=node, lane=lane, operation=m.operation,
                                server_ref=ref, runs=1, applied_at=now))
            except _Rejected as why:
                return result("rejected", why.code, why.message, state=why.server_state)
            except Exception as exc:  # noqa: BLE001 - the careful pass settles it
                raise _Unforeseen() from exc
            absent.discard(str(m.mutation_id))
            return result("applied", ref=ref)
        try:
            with s.begin_nested():
                ref = handler(self, s, node, m, now)
                s.add(EffectRow(mutation_id=str(m.mutation_id), node=node, lane=lane, operation=m.operation,
                                server_ref=ref, runs=1, applied_at=now))
            absent.discard(str(m.mutation_id))
        except _Rejected as why:
            return result("rejected", why.code, why.message, state=why.server_state)
        except Exception:  # noqa: BLE001 - anything unforeseen is temporary: stop here, the node resends
            log.exception("mutation %s (%s) of %s/%s failed", m.mutation_id, m.operation, node, lane)
            return result("retry_later", "temporary_failure",
                          "Hệ thống trung tâm gặp lỗi tạm thời khi xử lý thay đổi này; "
                          "thay đổi sẽ được gửi lại tự động.")
        return result("applied", ref=ref)

    # -- operations (each returns the server_ref; raises _Rejected on a permanent failure) ------

    def _op_received(self, s: Session, node: str, m: Mutation, now: datetime) -> str:
        p = m.payload
        dossier_id = _uuid_text(p, "dossier_id")
        code = _text(p, "code")
        try:
            parse_dossier_code(code)
        except DomainError:
            raise _invalid(f"mã hồ sơ “{code[:40]}” sai định dạng") from None
        proc_code = _text(p, "procedure_code")
        received_at = _when(p, "received_at")
        due_at = _when(p, "due_at")
        absent = s.info.get("absent_dossiers", set())
        existing = None if dossier_id in absent else s.get(DossierRow, dossier_id)
        if existing is not None:
            raise _Rejected("dossier_exists", f"Hồ sơ {existing.code} đã có trên hệ thống trung tâm.",
                            self._status_record(existing))
        taken = s.execute(sa.select(DossierRow).where(DossierRow.code == code)).scalar_one_or_none()
        if taken is not None:
            raise _Rejected("code_taken", f"Mã hồ sơ {code} đã được dùng cho một hồ sơ khác trên hệ thống trung tâm.")
        proc = s.get(ProcedureRow, proc_code)
        if proc is None:
            raise _Rejected("procedure_unknown", f"Danh mục của hệ thống trung tâm không có thủ tục mã {proc_code}.")
        if proc.retired:
            raise _Rejected("procedure_retired",
                            f"Thủ tục {proc_code} “{proc.procedure.get('name', '')}” đã bãi bỏ; "
                            "hệ thống trung tâm không nhận hồ sơ mới của thủ tục này.")
        transition = p.get("transition") if isinstance(p.get("transition"), dict) else {}
        d = DossierRow(
            id=dossier_id, node=node, code=code, status=int(S.RECEIVED), channel="counter", procedure_code=proc_code,
            catalog_version=str(p.get("catalog_version") or proc.version)[:40], submitted_at=None,
            received_at=received_at, due_at=due_at, result_ready_at=None, paused_at=None, version=1, payload=p,
            online=None, details={},
            last_transition={"from": None, "to": int(S.RECEIVED), "reason": str(transition.get("reason") or ""),
                             "actor": str(transition.get("actor") or "")},
            last_at=received_at, last_origin="node", last_mutation_id=str(m.mutation_id), updated_at=now,
        )
        s.add(d)
        absent.discard(dossier_id)
        return code

    def _op_transition(self, s: Session, node: str, m: Mutation, now: datetime) -> str:
        p = m.payload
        d = self._node_dossier(s, node, p)
        t = p.get("transition")
        if not isinstance(t, dict):
            raise _invalid("thiếu thông tin chuyển trạng thái (transition)")
        source, target = _status(t, "from"), _status(t, "to")
        reason, actor = str(t.get("reason") or ""), str(t.get("actor") or "")
        if source != d.status:
            raise _Rejected(
                "status_conflict",
                f"Trên hệ thống trung tâm, hồ sơ {d.code} đang ở trạng thái “{S(d.status).label('vi')}”, "
                f"không phải “{S(source).label('vi')}” như tại bộ phận một cửa; thay đổi chưa được áp dụng.",
                self._status_record(d))
        try:
            check_transition(S(source), S(target), reason=reason, via_handover="handover" in p)
        except DomainError as exc:
            raise _Rejected("transition_illegal", exc.message("vi"), self._status_record(d)) from None
        due_at = _when(p, "due_at", required=False)
        at = _when(p, "at", required=False) or now
        extra = {k: p[k] for k in ("number", "missing", "receipt", "handover") if k in p}
        if extra:
            d.details = {**d.details, "transitions": [*d.details.get("transitions", []),
                                                      {"from": source, "to": target, "at": _iso(at), **extra}]}
        self._move(s, d, target, reason=reason, actor=actor, at=at, due_at=due_at, origin="node",
                   mutation_id=str(m.mutation_id), now=now)
        return d.code

    def _op_apology(self, s: Session, node: str, m: Mutation, now: datetime) -> str:
        p = m.payload
        d = self._node_dossier(s, node, p)
        due_at = _when(p, "due_at")
        d.details = {**d.details, "apologies": [*d.details.get("apologies", []), {
            "number": str(p.get("number") or ""), "reason": str(p.get("reason") or ""),
            "due_before": _iso(d.due_at), "due_at": _iso(due_at), "actor": str(p.get("actor") or "")}]}
        d.due_at = due_at
        d.version += 1
        d.last_at, d.last_origin, d.last_mutation_id, d.updated_at = now, "node", str(m.mutation_id), now
        self._publish(s, "dossier_status", d.node, d.id, "upsert", self._status_record(d), now)
        return d.code

    def _op_handoff(self, s: Session, node: str, m: Mutation, now: datetime) -> str:
        d = self._node_dossier(s, node, m.payload)
        keep = {k: v for k, v in m.payload.items() if k not in ("dossier_id", "code")}
        d.details = {**d.details, "handoffs": [*d.details.get("handoffs", []), keep]}
        d.updated_at = now
        return d.code

    def _op_not_accepted(self, s: Session, node: str, m: Mutation, now: datetime) -> str:
        record_id = _text(m.payload, "id", limit=60)
        row = s.get(NotAcceptedRow, record_id)
        if row is None:
            s.add(NotAcceptedRow(id=record_id, node=node, mutation_id=str(m.mutation_id), payload=m.payload,
                                 received_at=now))
        else:
            row.payload, row.mutation_id, row.received_at = m.payload, str(m.mutation_id), now
        return str(m.payload.get("number") or record_id)[:100]

    def _op_queue_snapshot(self, s: Session, node: str, m: Mutation, now: datetime) -> str:
        p = m.payload
        day = _text(p, "day", limit=10)
        try:
            date.fromisoformat(day)
        except ValueError:
            raise _invalid(f"ngày “{day}” sai định dạng (YYYY-MM-DD)") from None
        field_code = str(p.get("field_code") or "")[:60]
        row = s.get(TelemetryRow, (node, day, field_code))
        if row is None:
            s.add(TelemetryRow(node=node, day=day, field_code=field_code, data=p, mutation_id=str(m.mutation_id),
                               updated_at=now))
        else:
            row.data, row.mutation_id, row.updated_at = p, str(m.mutation_id), now  # replaces, never adds
        return f"{day}/{field_code}"

    def _node_dossier(self, s: Session, node: str, p: dict) -> DossierRow:
        """The dossier a mutation names (by id, else by code); another site's counts as unknown."""
        d = None
        if p.get("dossier_id"):
            d = s.get(DossierRow, _uuid_text(p, "dossier_id"))
        elif p.get("code"):
            d = s.execute(sa.select(DossierRow).where(DossierRow.code == str(p["code"]))).scalar_one_or_none()
        if d is None or d.node != node:
            what = str(p.get("code") or p.get("dossier_id") or "")[:60]
            raise _Rejected("dossier_unknown", f"Hệ thống trung tâm không có hồ sơ {what} của điểm này.")
        return d

    # -- moving a dossier (node transitions, back office, portal) -------------------------------

    def _move(self, s: Session, d: DossierRow, target: int, *, reason: str, actor: str, at: datetime,
              due_at: datetime | None, origin: str, mutation_id: str | None, now: datetime) -> None:
        source = d.status
        if source == S.SUPPLEMENT_REQUESTED:
            if due_at is None and d.paused_at is not None and d.due_at is not None:
                # The clock stopped while the citizen was asked for papers (the site sends its own date).
                proc = s.get(ProcedureRow, d.procedure_code)
                counting = Counting(proc.procedure.get("counting", "working_days")) if proc else Counting.WORKING_DAYS
                d.due_at = extend_due(d.due_at, d.paused_at, max(at, d.paused_at), counting, _NATIONAL_CALENDAR)
            d.paused_at = None
        if target == S.SUPPLEMENT_REQUESTED:
            d.paused_at = at
        if target == S.RESULT_READY:
            d.result_ready_at = at
        elif source == S.RESULT_READY and target == S.PROCESSING:
            d.result_ready_at = None
        if source == S.REGISTERED_ONLINE and target == S.RECEIVED:
            d.received_at = at
        if due_at is not None:
            d.due_at = due_at
        d.status = int(target)
        d.version += 1
        d.last_transition = {"from": int(source), "to": int(target), "reason": reason, "actor": actor}
        d.last_at, d.last_origin, d.last_mutation_id, d.updated_at = at, origin, mutation_id, now
        self._publish(s, "dossier_status", d.node, d.id, "upsert", self._status_record(d), now)
        if source == S.REGISTERED_ONLINE and d.online is not None:
            # It left the online inbox: accepted, refused, sent back for papers or withdrawn.
            self._publish(s, "online_dossiers", d.node, d.id, "delete", {"dossier_id": d.id, "code": d.code}, now)

    def advance(self, code: str, to: int, *, reason: str = "", actor: str = "central") -> dict:
        """A back-office move, checked by the state machine; published on `dossier_status`."""
        return self._advance(code, to, reason=reason, actor=actor, at=self.now())

    def _advance(self, code: str, to: int, *, reason: str, actor: str, at: datetime) -> dict:
        with self._writing() as s:
            d = s.execute(sa.select(DossierRow).where(DossierRow.code == code.strip())).scalar_one_or_none()
            if d is None:
                raise DomainError("dossier_not_found", value=code.strip()[:60])
            check_transition(S(d.status), S(int(to)), reason=reason)
            self._move(s, d, int(to), reason=reason, actor=actor, at=at, due_at=None, origin="central",
                       mutation_id=None, now=at)
            return self._dossier_dict(d)

    # -- online dossiers (the portal) ----------------------------------------------------------

    def publish_online_dossier(self, node: str, *, procedure_code: str, owner: dict,
                               documents: list[dict] | None = None, submitter: dict | None = None,
                               note: str = "") -> dict:
        """A dossier submitted on the portal for *node* (its agency code): status 1, published
        on `online_dossiers`. Returns the online record with "status" and "node"."""
        return self._publish_online(node, procedure_code=procedure_code, owner=owner, documents=documents,
                                    submitter=submitter, note=note, at=self.now())

    def _publish_online(self, node: str, *, procedure_code: str, owner: dict, documents: list[dict] | None,
                        submitter: dict | None, note: str, at: datetime, dossier_id: str | None = None) -> dict:
        with self._writing() as s:
            proc = s.get(ProcedureRow, procedure_code)
            if proc is None:
                raise DomainError("procedure_unknown", value=procedure_code)
            if proc.retired:
                raise DomainError("procedure_retired", value=procedure_code, name=proc.procedure.get("name", ""))
            day = to_local(at).date()
            counter_key = f"online_seq:{node}:{day.isoformat()}"
            counter = s.get(MetaRow, counter_key)
            n = int(counter.value) if counter else 0
            while True:
                n += 1
                code = format_dossier_code(node, day, ONLINE_SEQ_BASE + n)
                if s.execute(sa.select(DossierRow.id).where(DossierRow.code == code)).first() is None:
                    break
            if counter is None:
                s.add(MetaRow(key=counter_key, value=str(n)))
            else:
                counter.value = str(n)
            if documents is None:
                documents = [{"name": doc["name"], "form": "original", "count": int(doc.get("count", 1))}
                             for doc in proc.procedure.get("documents", []) if doc.get("required", True)]
            dossier_id = dossier_id or str(uuid.uuid4())
            record = {
                "dossier_id": dossier_id, "code": code, "agency_code": node, "procedure_code": procedure_code,
                "catalog_version": proc.version, "submitted_at": _iso(at), "owner": _person(owner),
                "submitter": _person(submitter) if submitter else None,
                "documents": [{"name": str(x["name"]), "form": str(x.get("form", "original")),
                               "count": int(x.get("count", 1))} for x in documents],
                "return_method": "online", "note": note,
            }
            # The central's estimate on the national calendar; the site's own (its days off)
            # replaces it when the dossier is accepted (the transition carries the due date).
            due = compute_due(at, int(proc.procedure["processing_days"]),
                              Counting(proc.procedure.get("counting", "working_days")), _NATIONAL_CALENDAR)
            d = DossierRow(
                id=dossier_id, node=node, code=code, status=int(S.REGISTERED_ONLINE), channel="portal",
                procedure_code=procedure_code, catalog_version=proc.version, submitted_at=at, received_at=None,
                due_at=due, result_ready_at=None, paused_at=None, version=1, payload={}, online=record, details={},
                last_transition={"from": None, "to": int(S.REGISTERED_ONLINE), "reason": "", "actor": "portal"},
                last_at=at, last_origin="central", last_mutation_id=None, updated_at=at,
            )
            s.add(d)
            self._publish(s, "online_dossiers", node, dossier_id, "upsert", record, at)
            return {**record, "status": int(S.REGISTERED_ONLINE), "node": node, "due_at": _iso(due)}

    def withdraw_online_dossier(self, dossier_id: str) -> None:
        """The citizen withdrew on the portal before the site acted: 1 → 7, a delete on `online_dossiers`."""
        now = self.now()
        with self._writing() as s:
            d = s.get(DossierRow, str(dossier_id))
            if d is None:
                raise DomainError("dossier_not_found", value=str(dossier_id)[:60])
            if d.status != S.REGISTERED_ONLINE:
                raise ValueError(f"dossier {d.code} is in status {d.status}, no longer waiting online (1)")
            self._move(s, d, int(S.WITHDRAWN), reason=PORTAL_WITHDRAW_REASON, actor="portal", at=now, due_at=None,
                       origin="central", mutation_id=None, now=now)

    # -- catalog -------------------------------------------------------------------------------

    def load_catalog(self, catalog_json: bytes | None = None) -> int:
        """Load a catalog (None: the shipped sample); publishes every procedure that is new or
        changed (retired ones as deletes). Returns how many were published."""
        if catalog_json is None:
            catalog_json = _shipped_catalog()
        _validate_catalog(bytes(catalog_json))
        raw = json.loads(catalog_json)
        fields = {f["code"]: {"code": f["code"], "name": f["name"], "ticket_prefix": f.get("ticket_prefix", "")}
                  for f in raw["fields"]}
        now = self.now()
        published = 0
        with self._writing() as s:
            known = {p.code: p for p in s.execute(sa.select(ProcedureRow)).scalars()}  # one query, not 50
            for procedure in raw["procedures"]:
                published += self._put_procedure(s, fields[procedure["field"]], procedure, str(raw["version"]), now,
                                                  row=known.get(procedure["code"]))
        return published

    def upsert_procedure(self, field: dict, procedure: dict, version: str) -> None:
        """Publish one procedure (validated as a one-procedure catalog) on `procedures`."""
        field = {"code": field["code"], "name": field["name"], "ticket_prefix": field.get("ticket_prefix", "")}
        parse_catalog_json(canonical_json({"format": CATALOG_FORMAT, "version": version, "fields": [field],
                                           "procedures": [procedure]}).encode("utf-8"))
        with self._writing() as s:
            self._put_procedure(s, field, procedure, version, self.now())

    def retire_procedure(self, code: str) -> None:
        """Retire a procedure: a `delete` on `procedures` whose data still carries it (retired: true)."""
        now = self.now()
        with self._writing() as s:
            row = s.get(ProcedureRow, code)
            if row is None:
                raise DomainError("procedure_unknown", value=code)
            if row.retired:
                return
            self._put_procedure(s, row.field, {**row.procedure, "retired": True}, row.version, now)

    def _put_procedure(self, s: Session, field: dict, procedure: dict, version: str, now: datetime, *,
                       row: ProcedureRow | None = None) -> int:
        code = procedure["code"]
        retired = bool(procedure.get("retired", False))
        row = row or s.get(ProcedureRow, code)
        if row is not None and (row.version, row.field, row.procedure, row.retired) == (version, field, procedure,
                                                                                       retired):
            return 0
        if row is None:
            row = ProcedureRow(code=code)
            s.add(row)
        row.version, row.field, row.procedure, row.retired, row.updated_at = version, field, procedure, retired, now
        self._publish(s, "procedures", None, code, "delete" if retired else "upsert", _procedure_record(row), now)
        return 1

    # -- streams -------------------------------------------------------------------------------

    def _publish(self, s: Session, stream: str, node: str | None, key: str, op: str, data: dict,
                 now: datetime) -> None:
        s.add(ChangeRow(stream=stream, node=node, key=key, op=op, data=data, at=now))

    @staticmethod
    def _meta(s: Session, key: str, default: str = "") -> str:
        row = s.get(MetaRow, key)
        return row.value if row is not None else default

    def changes(self, node: str, stream: str, cursor: str, limit: int) -> ChangesPage:
        """Changes of *stream* for *node* after *cursor* ("" = from the start), in commit order."""
        with self._reading() as s:
            epoch = self._meta(s, "epoch")
            floor = int(self._meta(s, f"floor:{stream}", "0"))
            if cursor:
                try:
                    cursor_epoch, position = decode_cursor(cursor)
                except (ValueError, UnicodeDecodeError):
                    raise _reset_required("Con trỏ đồng bộ không đọc được; cần tải lại toàn bộ dữ liệu.") from None
                if cursor_epoch != epoch:
                    raise _reset_required()
            else:
                position = 0
            if position < floor:
                raise _reset_required("Các thay đổi sau con trỏ này đã được dọn; cần tải lại toàn bộ dữ liệu.")
            rows = s.execute(
                sa.select(ChangeRow)
                .where(ChangeRow.stream == stream, ChangeRow.position > position,
                       sa.or_(ChangeRow.node.is_(None), ChangeRow.node == node))
                .order_by(ChangeRow.position).limit(limit + 1)
            ).scalars().all()
            has_more = len(rows) > limit
            rows = rows[:limit]
            return ChangesPage(
                stream=stream, has_more=has_more,
                changes=[Change(position=r.position, op=r.op, key=r.key, data=r.data) for r in rows],
                next_cursor=encode_cursor(epoch, rows[-1].position) if rows else cursor,
            )

    def snapshot(self, node: str, stream: str, page: str | None, limit: int) -> SnapshotPage:
        """The current records of *stream* for *node*, paged by key. Every page of one snapshot
        carries the cursor of the head read at its first page."""
        with self._reading() as s:
            epoch = self._meta(s, "epoch")
            if page:
                try:
                    page_epoch, head, last_key = _decode_page(page)
                except (ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError):
                    raise _reset_required("Trang dữ liệu không đọc được; cần tải lại từ đầu.") from None
                if page_epoch != epoch:
                    raise _reset_required()
            else:
                # The head is read before the records: a change committed in between is then
                # delivered again after the snapshot, never lost.
                head = s.execute(sa.select(sa.func.max(ChangeRow.position))).scalar() or 0
                head = max(head, int(self._meta(s, f"floor:{stream}", "0")))
                last_key = ""
            items = self._records(s, node, stream, last_key, limit + 1, head)
            has_more = len(items) > limit
            items = items[:limit]
            return SnapshotPage(stream=stream, items=items, has_more=has_more,
                                next_page=_encode_page(epoch, head, items[-1].key) if has_more else None,
                                cursor=encode_cursor(epoch, head))

    def _records(self, s: Session, node: str, stream: str, after: str, limit: int, head: int) -> list[Change]:
        if stream == "procedures":
            rows = s.execute(sa.select(ProcedureRow).where(ProcedureRow.code > after)
                             .order_by(ProcedureRow.code).limit(limit)).scalars()
            return [Change(position=head, op="delete" if p.retired else "upsert", key=p.code,
                           data=_procedure_record(p)) for p in rows]
        q = sa.select(DossierRow).where(DossierRow.node == node, DossierRow.id > after)
        if stream == "online_dossiers":
            q = q.where(DossierRow.status == int(S.REGISTERED_ONLINE), DossierRow.channel == "portal")
        rows = s.execute(q.order_by(DossierRow.id).limit(limit)).scalars()
        if stream == "online_dossiers":
            return [Change(position=head, op="upsert", key=d.id, data=d.online) for d in rows]
        return [Change(position=head, op="upsert", key=d.id, data=self._status_record(d)) for d in rows]

    def new_epoch(self) -> None:
        """Every cursor handed out so far becomes unusable (reset_required)."""
        with self._writing() as s:
            row = s.get(MetaRow, "epoch")
            old = row.value
            while row.value == old:
                row.value = secrets.token_hex(4)

    def compact(self, stream: str, before_position: int) -> int:
        """Forget the changes of *stream* before *before_position*; a cursor older than that
        gets reset_required. Returns how many changes were removed."""
        if stream not in STREAMS:
            raise ValueError(f"unknown stream {stream!r}")
        with self._writing() as s:
            removed = s.execute(sa.delete(ChangeRow).where(ChangeRow.stream == stream,
                                                           ChangeRow.position < before_position)).rowcount
            key = f"floor:{stream}"
            floor = max(int(self._meta(s, key, "0")), before_position - 1)
            row = s.get(MetaRow, key)
            if row is None:
                s.add(MetaRow(key=key, value=str(floor)))
            else:
                row.value = str(floor)
            return removed

    # -- what the tests and the CLI read -------------------------------------------------------

    def _status_record(self, d: DossierRow) -> dict:
        """The dossier_status record (wire.py's shape); also the server_state of a rejection."""
        return {"dossier_id": d.id, "code": d.code, "status": d.status, "due_at": _iso(d.due_at),
                "result_ready_at": _iso(d.result_ready_at), "version": d.version,
                "transition": dict(d.last_transition or {}), "at": _iso(d.last_at), "origin": d.last_origin,
                "mutation_id": d.last_mutation_id}

    def _dossier_dict(self, d: DossierRow) -> dict:
        return {**self._status_record(d), "node": d.node, "channel": d.channel, "procedure_code": d.procedure_code,
                "catalog_version": d.catalog_version, "submitted_at": _iso(d.submitted_at),
                "received_at": _iso(d.received_at), "details": dict(d.details or {})}

    def dossier(self, code: str) -> dict | None:
        with self._reading() as s:
            d = s.execute(sa.select(DossierRow).where(DossierRow.code == code.strip())).scalar_one_or_none()
            return self._dossier_dict(d) if d is not None else None

    def dossiers(self, node: str | None = None) -> list[dict]:
        with self._reading() as s:
            q = sa.select(DossierRow).order_by(DossierRow.code)
            if node is not None:
                q = q.where(DossierRow.node == node)
            return [self._dossier_dict(d) for d in s.execute(q).scalars()]

    def _dossiers_in(self, statuses: tuple[int, ...]) -> list[dict]:
        """The dossiers in one of *statuses*, by code (what the simulator may move)."""
        with self._reading() as s:
            q = sa.select(DossierRow).where(DossierRow.status.in_(statuses)).order_by(DossierRow.code)
            return [self._dossier_dict(d) for d in s.execute(q).scalars()]

    def applied(self, node: str, lane: str) -> list[dict]:
        with self._reading() as s:
            rows = s.execute(sa.select(MutationRow).where(MutationRow.node == node, MutationRow.lane == lane)
                             .order_by(MutationRow.seq)).scalars()
            return [{"seq": r.seq, "mutation_id": r.mutation_id, "status": r.status, "code": r.code} for r in rows]

    def apply_count(self, node: str, lane: str, mutation_id: str) -> int:
        """How many times the mutation's effect ran on the central's data (exactly-once: <= 1)."""
        with self._reading() as s:
            return s.execute(sa.select(sa.func.coalesce(sa.func.sum(EffectRow.runs), 0))
                             .where(EffectRow.node == node, EffectRow.lane == lane,
                                    EffectRow.mutation_id == str(mutation_id))).scalar_one()

    def lane_state(self, node: str, lane: str) -> int:
        with self._reading() as s:
            row = s.get(LaneRow, (node, lane))
            return row.last_applied_seq if row is not None else 0

    def restore_node(self, node: str, lane: str, to_seq: int) -> None:
        """Simulate a central restored from an older backup: the lane forgets everything after
        *to_seq* (and the stored push answers of that lane), so the node must send it again."""
        with self.lane_lock(node, lane), self._writing() as s:
            s.execute(sa.delete(MutationRow).where(MutationRow.node == node, MutationRow.lane == lane,
                                                   MutationRow.seq > to_seq))
            s.execute(sa.delete(IdempotencyRow).where(IdempotencyRow.node == node, IdempotencyRow.lane == lane))
            row = s.get(LaneRow, (node, lane))
            if row is None:
                row = LaneRow(node=node, lane=lane, last_applied_seq=0)
                s.add(row)
            row.last_applied_seq = min(max(to_seq, 0), row.last_applied_seq)
            kept = s.get(MutationRow, (node, lane, row.last_applied_seq))
            row.last_mutation_id = kept.mutation_id if kept is not None else None

    def telemetry(self, node: str) -> list[dict]:
        with self._reading() as s:
            rows = s.execute(sa.select(TelemetryRow).where(TelemetryRow.node == node)
                             .order_by(TelemetryRow.day, TelemetryRow.field_code)).scalars()
            return [{**r.data, "day": r.day, "field_code": r.field_code, "mutation_id": r.mutation_id,
                     "updated_at": _iso(r.updated_at)} for r in rows]

    def procedures(self) -> list[dict]:
        """The catalog as published: {"code", "retired", "version", "field", "procedure"}."""
        with self._reading() as s:
            rows = s.execute(sa.select(ProcedureRow).order_by(ProcedureRow.code)).scalars()
            return [{"code": r.code, "retired": r.retired, **_procedure_record(r)} for r in rows]


_OPERATIONS: dict[str, Callable[[CentralStore, Session, str, Mutation, datetime], str]] = {
    "dossier.received": CentralStore._op_received,
    "dossier.transition": CentralStore._op_transition,
    "dossier.apology": CentralStore._op_apology,
    "dossier.handoff": CentralStore._op_handoff,
    "intake.not_accepted": CentralStore._op_not_accepted,
    "queue.snapshot": CentralStore._op_queue_snapshot,
}


# --- payload helpers --------------------------------------------------------------------------


def _invalid(detail: str) -> _Rejected:
    return _Rejected("payload_invalid", f"Dữ liệu thay đổi không hợp lệ: {detail}.")


def _text(p: dict, name: str, *, limit: int = 100) -> str:
    value = p.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _invalid(f"thiếu trường “{name}”")
    if len(value) > limit:
        raise _invalid(f"trường “{name}” quá dài")
    return value.strip()


def _uuid_text(p: dict, name: str) -> str:
    try:
        return str(uuid.UUID(_text(p, name, limit=40)))
    except ValueError:
        raise _invalid(f"trường “{name}” không phải mã định danh (UUID)") from None


def _when(p: dict, name: str, *, required: bool = True) -> datetime | None:
    value = p.get(name)
    if value in (None, ""):
        if required:
            raise _invalid(f"thiếu thời điểm “{name}”")
        return None
    try:
        dt = datetime.fromisoformat(str(value))
    except ValueError:
        raise _invalid(f"thời điểm “{name}” sai định dạng") from None
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise _invalid(f"thời điểm “{name}” thiếu múi giờ")
    return dt.astimezone(UTC)


def _status(t: dict, name: str) -> int:
    value = t.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value not in {int(x) for x in S}:
        raise _invalid(f"trạng thái “{name}” không hợp lệ")
    return value


def _person(p: dict | None) -> dict:
    p = p or {}
    return {"full_name": str(p.get("full_name") or ""), "id_number": str(p.get("id_number") or ""),
            "id_kind": str(p.get("id_kind") or "cccd"), "birth_date": p.get("birth_date") or None,
            "phone": str(p.get("phone") or ""), "email": str(p.get("email") or ""),
            "address": str(p.get("address") or "")}


def _procedure_record(row: ProcedureRow) -> dict:
    return {"version": row.version, "field": dict(row.field), "procedure": dict(row.procedure)}


@functools.lru_cache(maxsize=4)
def _validate_catalog(catalog_json: bytes) -> None:
    """Every rule of the catalog format, or DomainError("catalog_invalid"); the same bytes
    (the shipped catalog, loaded by every test server) are checked once."""
    parse_catalog_json(catalog_json)


def _shipped_catalog() -> bytes:
    from counter_app.resources import resource_path

    return resource_path("catalog", "procedures.json").read_bytes()
