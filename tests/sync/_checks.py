"""What the sync proofs check, shared by the fault, kill -9, stateful, end-to-end tests and the
backlog benchmark: SYNC.md's guarantees 1–5 written as assertions over the site database and
the reference central server (no mocks: real HTTP on 127.0.0.1, real databases).

Plain functions, no fixtures: the benchmark and the subprocess worker import them too.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from counter_app.store.models import Dossier, Procedure, SyncBatch, SyncCursor, SyncIssue, SyncOutbox
from counter_app.sync.wire import LANES, MAX_PAGE, STREAMS

# The demo centre's agency code (setup.DEMO_SITE): the node name defaults to it.
NODE = "000.00.06.H56"
OWNER = {"full_name": "Trần Văn Bình", "id_number": "001201009876", "id_kind": "cccd", "phone": "0987654321",
         "email": "", "address": "5 Trần Phú, Hà Nội", "birth_date": None}


# --- the central server -------------------------------------------------------------------------


def start_central(database_url: str, node: str = NODE, *, simulate: bool = False):
    """The reference central server on 127.0.0.1 (uvicorn in a thread) with the shipped catalog
    and this site registered. Returns (server, token); the caller stops the server."""
    from counter_app.sync.central.serve import CentralServer

    server = CentralServer(database_url, simulate=simulate).start()
    try:
        server.store.load_catalog(None)
        token = server.store.add_node(node, "Trung tâm thử")
    except BaseException:
        server.stop()
        raise
    return server, token


class StreamReader:
    """Reads the central's streams as the site would, straight from its store (no HTTP): the
    checks must not consume the faults planned for the worker, nor suffer them."""

    def __init__(self, store, node: str = NODE) -> None:
        self.store, self.node = store, node

    def changes(self, stream: str, cursor: str, limit: int):
        return self.store.changes(self.node, stream, cursor, limit)

    def close(self) -> None:
        pass


def central_reader(server, node: str = NODE) -> StreamReader:
    return StreamReader(server.store, node)


# --- reading the site database ------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    id: int
    lane: str
    seq: int
    mutation_id: str
    entity_id: str
    operation: str
    state: str
    attempts: int
    batch_id: str | None
    payload: dict[str, Any] = field(compare=False, repr=False)


def outbox(svc, lane: str | None = None) -> list[Row]:
    with svc.reading() as s:
        q = sa.select(SyncOutbox).order_by(SyncOutbox.lane, SyncOutbox.seq)
        if lane is not None:
            q = q.where(SyncOutbox.lane == lane)
        return [Row(r.id, r.lane, r.seq, str(r.mutation_id), r.entity_id, r.operation, r.state, r.attempts,
                    str(r.batch_id) if r.batch_id else None, r.payload) for r in s.execute(q).scalars()]


def pending(svc) -> int:
    with svc.reading() as s:
        return s.execute(sa.select(sa.func.count()).select_from(SyncOutbox).where(SyncOutbox.state == "pending")).scalar_one()


def frozen_batches(svc) -> list[dict]:
    with svc.reading() as s:
        return [{"id": str(b.id), "lane": b.lane, "first_seq": b.first_seq, "last_seq": b.last_seq,
                 "body_sha256": b.body_sha256, "attempts": b.attempts}
                for b in s.execute(sa.select(SyncBatch).where(SyncBatch.state == "frozen")).scalars()]


def batch(svc, batch_id: str) -> dict | None:
    with svc.reading() as s:
        b = s.get(SyncBatch, uuid.UUID(batch_id))
        return None if b is None else {"id": str(b.id), "state": b.state, "body_sha256": b.body_sha256,
                                       "first_seq": b.first_seq, "last_seq": b.last_seq}


def issues(svc, *, state: str | None = "open") -> list[dict]:
    with svc.reading() as s:
        q = sa.select(SyncIssue)
        if state is not None:
            q = q.where(SyncIssue.state == state)
        return [{"id": str(i.id), "kind": i.kind, "outbox_id": i.outbox_id,
                 "mutation_id": str(i.mutation_id) if i.mutation_id else None, "lane": i.lane, "seq": i.seq,
                 "entity_id": i.entity_id, "operation": i.operation, "reason_code": i.reason_code,
                 "state": i.state} for i in s.execute(q).scalars()]


def cursors(svc) -> dict[str, str]:
    with svc.reading() as s:
        return {c.stream: c.cursor for c in s.execute(sa.select(SyncCursor)).scalars()}


def local_dossiers(svc) -> dict[str, dict]:
    """code -> {"id", "status", "due_at", "catalog_version", "procedure_code"}"""
    with svc.reading() as s:
        return {d.code: {"id": str(d.id), "status": d.status, "due_at": as_utc(d.due_at),
                         "catalog_version": d.catalog_version, "procedure_code": d.procedure_code}
                for d in s.execute(sa.select(Dossier)).scalars()}


def local_procedure(svc, code: str) -> dict | None:
    return local_procedures(svc, code).get(code)


def local_procedures(svc, code: str | None = None) -> dict[str, dict]:
    with svc.reading() as s:
        q = sa.select(Procedure.code, Procedure.processing_days, Procedure.retired, Procedure.catalog_version)
        if code is not None:
            q = q.where(Procedure.code == code)
        return {c: {"processing_days": d, "retired": r, "catalog_version": v} for c, d, r, v in s.execute(q)}


def as_utc(value) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def actor_of(svc, username: str, *, counter: int | None = None):
    """A signed-in user without the password check (argon2 costs ~0.2 s a call)."""
    from counter_app.services.context import Actor
    from counter_app.store.models import User

    with svc.reading() as s:
        u = s.execute(sa.select(User).where(User.username == username)).scalar_one()
        return Actor(user_id=u.id, username=u.username, full_name=u.full_name, role=u.role,
                     counter_number=counter, site_id=u.site_id)


# --- driving the worker -------------------------------------------------------------------------


def sync_config(server_url: str, token: str, node: str = NODE, **options):
    from counter_app.services.sync_engine import SyncConfig

    options.setdefault("backoff_multiplier", 0.01)
    options.setdefault("backoff_max", 0.05)
    return SyncConfig(server_url=server_url, token=token, node=node, **options)


def new_engine(svc, config, *, transport=None):
    """A SyncEngine; with *transport* its client records (or shapes) the HTTP traffic."""
    from counter_app.services.sync_engine import SyncEngine

    if transport is None:
        return SyncEngine(svc, config)
    from counter_app.sync.client import SyncClient

    client = SyncClient(config.server_url, config.token, config.node, timeout=config.timeout, transport=transport)
    return SyncEngine(svc, config, client=client)


def result_ok(result) -> bool:
    ok = getattr(result, "ok", None)
    return True if ok is None else bool(ok)


def drain(engine, svc, clock=None, *, max_cycles: int = 40, pause: float = 0.05) -> int:
    """Cycle until nothing is pending or frozen and a cycle ends well; returns the cycles used.

    A failed cycle may have persisted a next attempt time (backoff): the frozen test clock is
    moved past it, and a little real time passes for Retry-After."""
    result = None
    for n in range(1, max_cycles + 1):
        result = engine.cycle()
        if result_ok(result) and pending(svc) == 0 and not frozen_batches(svc):
            return n
        if clock is not None:
            clock.set(clock.now + timedelta(minutes=6))
        time.sleep(pause)
    raise AssertionError(f"not drained after {max_cycles} cycles: {pending(svc)} pending, "
                         f"{len(frozen_batches(svc))} frozen batches, last cycle {result!r}")


# --- the guarantees -----------------------------------------------------------------------------


def check_lanes(svc, store, node: str = NODE, *, drained: bool) -> dict[str, int]:
    """Guarantees 1 and 2 on every lane: the outbox sequence is gap-free; the server's applied
    sequence is a prefix 1..k in order, each seq carrying the mutation the site wrote at that
    seq; no mutation applied twice; once drained, every row acked (applied once) or rejected
    (with an open issue). Returns {lane: rows}."""
    open_by_mutation = {i["mutation_id"] for i in issues(svc, state=None) if i["kind"] == "rejected"}
    sizes = {}
    for lane in LANES:
        rows = outbox(svc, lane)
        sizes[lane] = len(rows)
        assert [r.seq for r in rows] == list(range(1, len(rows) + 1)), f"{lane}: outbox seqs not gap-free"
        applied = store.applied(node, lane)
        seqs = [a["seq"] for a in applied]
        assert seqs == list(range(1, len(seqs) + 1)), f"{lane}: server applied seqs {seqs[:20]}… not 1..k in order"
        assert store.lane_state(node, lane) == len(seqs), f"{lane}: lane_state != applied count"
        assert len(applied) <= len(rows), f"{lane}: server applied {len(applied)} > {len(rows)} written"
        by_seq = {r.seq: r for r in rows}
        for a in applied:
            assert str(a["mutation_id"]) == by_seq[a["seq"]].mutation_id, (
                f"{lane}: seq {a['seq']} applied as {a['mutation_id']}, the site wrote {by_seq[a['seq']].mutation_id}")
        for r in rows:
            count = store.apply_count(node, lane, r.mutation_id)
            assert count <= 1, f"{lane} seq {r.seq} ({r.operation}) applied {count} times"
            if r.state == "acked":
                assert r.seq <= len(applied) and applied[r.seq - 1]["status"] != "rejected", (
                    f"{lane} seq {r.seq} acked locally but not applied by the server")
                assert count == 1, f"{lane} seq {r.seq} acked locally, apply_count {count}"
            elif r.state == "rejected":
                assert r.seq <= len(applied) and applied[r.seq - 1]["status"] == "rejected", (
                    f"{lane} seq {r.seq} rejected locally but the server says {applied[r.seq - 1] if r.seq <= len(applied) else 'nothing'}")
                assert r.mutation_id in open_by_mutation, f"{lane} seq {r.seq} rejected without an issue (guarantee 5)"
            elif drained:
                raise AssertionError(f"{lane} seq {r.seq} ({r.operation}) still {r.state} after draining")
        if drained:
            assert len(applied) == len(rows), f"{lane}: {len(rows)} written, {len(applied)} applied after draining"
    if drained:
        assert not frozen_batches(svc), "a frozen batch is left after draining"
    return sizes


def all_changes(client, stream: str, cursor: str = "", *, limit: int = MAX_PAGE) -> list:
    """Every change of *stream* after *cursor* ("" = from the start), paging to the end."""
    out = []
    for _ in range(10_000):
        page = client.changes(stream, cursor, limit)
        out.extend(page.changes)
        cursor = page.next_cursor
        if not page.has_more:
            return out
    raise AssertionError(f"{stream}: endless paging")


def check_cursors_current(svc, client) -> None:
    """After a drain: every stream's stored cursor covers everything the server published."""
    stored = cursors(svc)
    for stream in ("procedures", "dossier_status", "online_dossiers"):
        rest = all_changes(client, stream, stored.get(stream, ""))
        assert not rest, f"{stream}: {len(rest)} changes after the stored cursor after draining: {rest[:3]}"


def covered_changes(client, stream: str, cursor: str) -> list:
    """The changes a stored cursor claims the site has applied (everything before it)."""
    after = {c.position for c in all_changes(client, stream, cursor)} if cursor else None
    everything = all_changes(client, stream, "")
    if after is None:
        return []
    return [c for c in everything if c.position not in after]


def check_cursor_not_ahead(svc, client, *, strict_ids: set[str] | frozenset[str] = frozenset()) -> None:
    """Guarantee 4: what a stored cursor covers is in the site database.

    procedures: the last covered change of each code is what the local catalog holds
    (retired after a delete, the same version after an upsert). dossier_status: every covered
    dossier exists locally; for the dossiers of *strict_ids* (moved by the back office only, no
    local move) the local status is the last covered one. online_dossiers: every covered upsert of a dossier is
    known locally (inbox or dossier) unless withdrawn later."""
    stored = cursors(svc)
    # procedures
    last: dict[str, Any] = {}
    for c in covered_changes(client, "procedures", stored.get("procedures", "")):
        last[c.key] = c
    catalog = local_procedures(svc)
    for code, c in last.items():
        local = catalog.get(code)
        if c.op == "delete":
            assert local is None or local["retired"], f"procedures: cursor covers retiring {code}, still active locally"
        else:
            assert local is not None, f"procedures: cursor covers {code}, not in the local catalog"
            assert local["catalog_version"] == c.data.get("version", local["catalog_version"]), (
                f"procedures: cursor covers {code} version {c.data.get('version')}, local {local['catalog_version']}")
    # dossier_status
    dossiers = {d["id"]: d for d in local_dossiers(svc).values()}
    last = {}
    for c in covered_changes(client, "dossier_status", stored.get("dossier_status", "")):
        last[c.key] = c
    for key, c in last.items():
        assert key in dossiers or c.op == "delete", f"dossier_status: cursor covers {key}, not in the site database"
        if key in strict_ids and c.op == "upsert":
            assert dossiers[key]["status"] == c.data["status"], (
                f"dossier_status: cursor covers {c.data.get('code')} → {c.data['status']}, local {dossiers[key]['status']}")
    # online_dossiers
    last = {}
    for c in covered_changes(client, "online_dossiers", stored.get("online_dossiers", "")):
        last[c.key] = c
    known = known_online(svc)
    for key, c in last.items():
        if c.op == "upsert":
            assert key in known or key in dossiers, f"online_dossiers: cursor covers {key}, not known locally"


def known_online(svc) -> set[str]:
    """Ids of the online dossiers the site holds (status 1 in the inbox, or acted on since)."""
    from counter_app.services import inbox

    return {str(item.dossier_id) for item in inbox.online_inbox(svc, actor_of(svc, "giamsat"), include_done=True)}


# --- the online inbox (services/inbox.py) ------------------------------------------------------


def inbox_waiting(svc) -> list:
    from counter_app.services import inbox

    return inbox.online_inbox(svc, actor_of(svc, "giamsat"))


def inbox_item(svc, dossier_id, *, waiting_only: bool = False):
    from counter_app.services import inbox

    for item in inbox.online_inbox(svc, actor_of(svc, "giamsat"), include_done=not waiting_only):
        if str(item.dossier_id) == str(dossier_id):
            return item
    return None


def accept_online(svc, actor, item):
    from counter_app.services import inbox

    return inbox.accept_online(svc, actor, item.code)


def supplement_online(svc, actor, item, *, reason: str, missing):
    from counter_app.services import inbox

    return inbox.request_supplement_online(svc, actor, item.code, missing=missing, reason=reason)


def refuse_online(svc, actor, item, *, reason: str):
    from counter_app.services import inbox

    return inbox.refuse_online(svc, actor, item.code, reason=reason)


def check_converged(svc, store, node: str = NODE) -> None:
    """Guarantee 3: every dossier of the site has the central's status and due date (past the
    inbox), and every
    central dossier of the node past the inbox is at the site."""
    local = local_dossiers(svc)
    for code, d in local.items():
        c = store.dossier(code)
        assert c is not None, f"{code}: at the site, unknown to the central"
        assert c["status"] == d["status"], f"{code}: central status {c['status']}, site {d['status']}"
        if d["status"] != 1:
            # Status 1 (waiting in the online inbox): both due dates are estimates until the
            # officer accepts the dossier; the acceptance sends the site's own.
            assert as_utc(c.get("due_at")) == d["due_at"], f"{code}: central due {c.get('due_at')}, site {d['due_at']}"
    for c in store.dossiers(node):
        if c["status"] != 1:
            assert c["code"] in local, f"{c['code']}: central status {c['status']}, not at the site"
