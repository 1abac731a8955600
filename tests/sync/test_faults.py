"""The network misbehaving mid-sync (SYNC.md "How it is proved"): the reference central server
over real HTTP on 127.0.0.1 with a fault planned on it, the site database on SQLite and on
PostgreSQL, real changes made through the services (intake, back-office progress entered by
hand, a handover), the worker cycled until drained. Whatever the fault, SYNC.md's guarantees
hold: every change acknowledged exactly once, in order with no gap, nothing left pending,
the site and the central agree, the pull cursors cover everything; a change the central
refuses stays in front of a person and is never sent again.
"""

from __future__ import annotations

import copy
import json
import uuid

import httpx
import pytest

from counter_app.domain.errors import DomainError
from counter_app.services import catalog, handover, intake, lifecycle
from counter_app.services.handover import Collector
from counter_app.sync.wire import LANES
from tests.helpers import intake_request, pick_procedure
from tests.sync._checks import (
    NODE,
    actor_of,
    central_reader,
    check_converged,
    check_cursor_not_ahead,
    check_cursors_current,
    check_lanes,
    drain,
    issues,
    local_dossiers,
    new_engine,
    outbox,
    sync_config,
)
from tests.sync._fixtures import central_server, officer, svc, synced_site, synced_templates  # noqa: F401


class Recorder(httpx.HTTPTransport):
    """Real HTTP, with every request kept: (method, path, body)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, str, bytes]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append((request.method, request.url.path, request.read()))
        return super().handle_request(request)

    def pushes_carrying(self, mutation_id: str) -> int:
        n = 0
        for method, path, body in self.requests:
            if method == "POST" and path.endswith("/mutations"):
                if any(m["mutation_id"] == mutation_id for m in json.loads(body)["mutations"]):
                    n += 1
        return n


def site_work(svc, officer, proc, *, dossiers: int = 4) -> list[str]:
    """A morning at the counter: dossiers received, two moved on by hand, one handed over."""
    codes = [intake.receive_dossier(svc, officer, intake_request(proc)).code for _ in range(dossiers)]
    lifecycle.transition(svc, officer, codes[0], 4)
    lifecycle.transition(svc, officer, codes[1], 4)
    lifecycle.transition(svc, officer, codes[1], 9)
    handover.hand_over(svc, officer, codes[1], collector=Collector("owner"))
    return codes


def catalog_change(proc_code: str, days: int, version: str) -> tuple[dict, dict, str]:
    """A published catalog change of one shipped procedure (new processing time)."""
    from counter_app.resources import resource_path

    data = json.loads(resource_path("catalog", "procedures.json").read_text(encoding="utf-8"))
    p = copy.deepcopy(next(x for x in data["procedures"] if x["code"] == proc_code))
    f = next(x for x in data["fields"] if x["code"] == p["field"])
    p["processing_days"] = days
    return f, p, version


FAULTS = [
    ("drop_after_apply", "mutations", {}),
    ("duplicate", "mutations", {}),
    ("replay_old", "mutations", {}),
    ("error_500", "mutations", {}),
    ("slow", "mutations", {"seconds": 1.5}),
    ("rate_limit", "mutations", {"retry_after": 1}),
    ("unavailable", "mutations", {"retry_after": 1}),
    ("reset_required", "changes", {}),
]


@pytest.mark.parametrize(("kind", "path", "options"), FAULTS, ids=[f[0] for f in FAULTS])
def test_every_change_is_acknowledged_exactly_once_whatever_the_network_does(
        svc, officer, clock, central_server, kind, path, options):
    server, token = central_server
    store = server.store
    # The client gives up after 0.5 s; the slow answer comes after 1.5 s (the server applied).
    config = sync_config(server.url, token, timeout=0.5, batch_size=3, page_size=2)
    engine = new_engine(svc, config)
    proc = pick_procedure(svc, days=5)

    # A first clean round: the central knows the dossiers (and holds past push bodies to replay).
    first = site_work(svc, officer, proc)
    drain(engine, svc, clock)

    # Second round, with the fault: more site work, back-office progress and a catalog change to pull.
    second = site_work(svc, officer, proc)
    store.advance(first[2], 4, reason="Chuyển phòng chuyên môn")
    store.advance(first[2], 9, reason="Đã có kết quả")
    store.advance(first[3], 4)
    other = pick_procedure(svc, days=10)
    store.upsert_procedure(*catalog_change(other.code, 12, "2026.12"))
    server.faults.plan(kind, times=2, path=path, **options)
    cycles = drain(engine, svc, clock)
    assert server.faults.counts.get(kind, 0) >= 1, f"the {kind} fault was never injected"

    # Guarantees 1 and 2: each row applied exactly once, seqs 1..N in order, nothing pending.
    sizes = check_lanes(svc, store, NODE, drained=True)
    assert sizes["case"] == 2 * (4 + 2 + 1 + 1)  # per round: 4 received, two 2 → 4, one 4 → 9, its handover 9 → 10
    assert [r.state for r in outbox(svc, "case")] == ["acked"] * sizes["case"]
    for lane in LANES:
        assert [a["seq"] for a in store.applied(NODE, lane)] == list(range(1, sizes[lane] + 1))
    # Guarantee 3: the site and the central agree, including the back-office progress pulled.
    check_converged(svc, store, NODE)
    local = local_dossiers(svc)
    assert local[first[2]]["status"] == 9 and local[first[3]]["status"] == 4
    assert local[second[1]]["status"] == 10 and store.dossier(second[1])["status"] == 10
    assert catalog.get_procedure(svc, other.code).processing_days == 12
    # Guarantee 4: the stored cursors cover everything and nothing more.
    check_cursors_current(svc, central_reader(server))
    check_cursor_not_ahead(svc, central_reader(server))
    assert not issues(svc), f"no change was refused, yet issues are open after {kind} ({cycles} cycles)"


def test_faults_in_a_row_and_a_central_restart_of_pulls(svc, officer, clock, central_server):
    """Every fault planned at once, several times, and the pull streams reset twice."""
    server, token = central_server
    store = server.store
    config = sync_config(server.url, token, timeout=0.5, batch_size=2, page_size=1)
    engine = new_engine(svc, config)
    proc = pick_procedure(svc, days=5)
    codes = site_work(svc, officer, proc, dossiers=3)
    for kind, path, options in FAULTS:
        server.faults.plan(kind, times=1, path=path, **options)
    drain(engine, svc, clock, max_cycles=60)
    store.advance(codes[2], 4)
    store.new_epoch()  # every stored cursor becomes unusable: a paged snapshot, no outbox row
    before = len(outbox(svc))
    site_work(svc, officer, proc, dossiers=3)
    server.faults.plan("drop_after_apply", times=2)
    server.faults.plan("reset_required", times=1, path="changes")
    drain(engine, svc, clock, max_cycles=60)
    assert len(outbox(svc)) == before + 3 + 4, "pulling (snapshot included) wrote outbox rows"
    check_lanes(svc, store, NODE, drained=True)
    check_converged(svc, store, NODE)
    check_cursors_current(svc, central_reader(server))
    assert local_dossiers(svc)[codes[2]]["status"] == 4


def test_a_refused_change_stays_in_front_of_a_person_and_is_never_sent_again(svc, officer, clock, central_server):
    """The back office stopped a dossier (8) while the counter, not yet told, records a result
    (2 → 9): the central refuses the move; the site keeps an open issue for it, resends
    nothing, and the lane goes on with the changes after it."""
    server, token = central_server
    store = server.store
    recorder = Recorder()
    config = sync_config(server.url, token, timeout=5.0, batch_size=50)
    engine = new_engine(svc, config, transport=recorder)
    proc = pick_procedure(svc, days=5)
    code, later = (intake.receive_dossier(svc, officer, intake_request(proc)).code for _ in range(2))
    drain(engine, svc, clock)

    store.advance(code, 4)
    store.advance(code, 8, reason="Dừng xử lý: hồ sơ thuộc thẩm quyền cơ quan khác")
    lifecycle.transition(svc, officer, code, 9)  # the counter does not know yet
    lifecycle.transition(svc, officer, later, 4)  # after it in the lane: must still go through
    drain(engine, svc, clock)

    rows = {(r.entity_id, r.operation, r.payload.get("transition", {}).get("to")): r for r in outbox(svc, "case")}
    dossier_id = local_dossiers(svc)[code]["id"]
    refused = rows[(dossier_id, "dossier.transition", 9)]
    assert refused.state == "rejected"
    applied = store.applied(NODE, "case")
    assert applied[refused.seq - 1]["status"] == "rejected" and applied[refused.seq - 1]["code"]
    assert store.apply_count(NODE, "case", refused.mutation_id) <= 1
    after = rows[(local_dossiers(svc)[later]["id"], "dossier.transition", 4)]
    assert after.seq > refused.seq and after.state == "acked", "the lane stopped at a rejection"
    assert store.dossier(later)["status"] == 4
    open_issues = [i for i in issues(svc) if i["mutation_id"] == refused.mutation_id]
    assert len(open_issues) == 1 and open_issues[0]["entity_id"] == dossier_id
    check_lanes(svc, store, NODE, drained=True)
    sent = recorder.pushes_carrying(refused.mutation_id)
    assert sent == 1

    # More work and more cycles (a restarted worker too): the refused change is never resent,
    # the issue stays open.
    code3 = intake.receive_dossier(svc, officer, intake_request(proc)).code
    drain(engine, svc, clock)
    engine = new_engine(svc, config, transport=recorder)
    for _ in range(3):
        engine.cycle()
    assert recorder.pushes_carrying(refused.mutation_id) == sent
    assert store.dossier(code3)["status"] == 2
    assert [i["state"] for i in issues(svc) if i["mutation_id"] == refused.mutation_id] == ["open"]
    assert next(r for r in outbox(svc, "case") if r.mutation_id == refused.mutation_id).state == "rejected"

    # A person takes the central's word for it: the issue closes and the site agrees with the central.
    from counter_app.services import sync_status

    supervisor = actor_of(svc, "giamsat")
    sync_status.accept_server_state(svc, supervisor, open_issues[0]["id"])
    assert not [i for i in issues(svc) if i["mutation_id"] == refused.mutation_id]
    assert local_dossiers(svc)[code]["status"] == 8
    drain(engine, svc, clock)
    check_converged(svc, store, NODE)
    assert recorder.pushes_carrying(refused.mutation_id) == sent
    # Nothing to do for the refused move now: 8 is final at the site too.
    with pytest.raises(DomainError):
        lifecycle.transition(svc, officer, code, 9)


class DropSecondPage(httpx.HTTPTransport):
    """Real HTTP; the network drops on the second page of the dossier_status stream."""

    def __init__(self) -> None:
        super().__init__()
        self.pages = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/streams/dossier_status/changes"):
            self.pages += 1
            if self.pages == 2:
                raise httpx.ConnectError("network down (test)", request=request)
        return super().handle_request(request)


def test_the_sites_own_changes_coming_back_never_move_a_dossier_backwards(svc, officer, clock, central_server):
    """A day offline: a dossier received, processed, result ready and handed over (2 → 4 → 9
    → 10). Back online, the push goes through; the pull of dossier_status brings the central's
    records of those same moves, one page at a time, and the network drops after the first
    page. The handed-over dossier must not show "processing" again (10 → 4) nor carry moves
    "by the central system" that are only the site's own moves coming back."""
    import sqlalchemy as sa

    from counter_app.store.models import DossierEvent

    server, token = central_server
    transport = DropSecondPage()
    engine = new_engine(svc, sync_config(server.url, token, timeout=5.0, page_size=1), transport=transport)
    drain(engine, svc, clock)  # the catalog; nothing else yet
    transport.pages = 0
    code = intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=5))).code
    lifecycle.transition(svc, officer, code, 4)
    lifecycle.transition(svc, officer, code, 9)
    handover.hand_over(svc, officer, code, collector=Collector("owner"))

    result = engine.cycle()  # push ok, first page pulled, then the network drops
    assert not result.ok and transport.pages == 2
    assert store_status(server, code) == 10
    assert local_dossiers(svc)[code]["status"] == 10, (
        "after one page of the site's own moves came back, the handed-over dossier shows status "
        f"{local_dossiers(svc)[code]['status']} at the site")
    drain(engine, svc, clock)
    check_converged(svc, server.store, NODE)
    with svc.reading() as s:
        echoes = [(e.from_status, e.to_status) for e in s.execute(
            sa.select(DossierEvent).where(DossierEvent.dossier_id == uuid.UUID(str(local_dossiers(svc)[code]["id"])))
            .order_by(DossierEvent.id)).scalars() if (e.details or {}).get("origin") == "node"]
    assert not echoes, f"the site's own moves came back as moves by the central: {echoes}"


def store_status(server, code: str) -> int:
    return server.store.dossier(code)["status"]


@pytest.mark.parametrize("newer", ["site", "back_office"])
def test_taking_the_central_state_later_does_not_undo_newer_changes(svc, officer, clock, central_server, newer):
    """Found by the stateful test. The back office puts a result ready (9) while the counter,
    not yet told, records a withdrawal (2 → 7): refused, issue open; the pull brings 9. Then
    the dossier moves on and both sides agree again: the counter finds the result faulty and
    sends it back to processing (9 → 4, accepted by the central), or the back office does
    (9 → 4, pulled). Later a person resolves the old issue with "take the central's state":
    the site must still agree with the central (4), not go back to the state frozen in the
    issue when it was opened (9) — nothing would ever correct that (no outbox row, and the
    central has nothing new to publish)."""
    server, token = central_server
    store = server.store
    engine = new_engine(svc, sync_config(server.url, token, timeout=5.0))
    code = intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=5))).code
    drain(engine, svc, clock)
    store.advance(code, 9, reason="Đã có kết quả")
    lifecycle.transition(svc, officer, code, 7, reason="Công dân rút hồ sơ")
    drain(engine, svc, clock)
    [issue] = issues(svc)
    assert local_dossiers(svc)[code]["status"] == 9 == store.dossier(code)["status"]
    if newer == "site":
        lifecycle.transition(svc, officer, code, 4, reason="Kết quả có sai sót, xử lý lại")
    else:
        store.advance(code, 4, reason="Kết quả có sai sót, xử lý lại")
    drain(engine, svc, clock)
    assert local_dossiers(svc)[code]["status"] == 4 == store.dossier(code)["status"]

    from counter_app.services import sync_status

    sync_status.accept_server_state(svc, actor_of(svc, "giamsat"), issue["id"])
    drain(engine, svc, clock)
    assert store.dossier(code)["status"] == 4
    assert local_dossiers(svc)[code]["status"] == 4, (
        "accept_server_state applied the central's state as it was when the issue opened (9), "
        "undoing a newer change both sides had agreed on (4): the site and the central no longer converge")
    check_converged(svc, store, NODE)
