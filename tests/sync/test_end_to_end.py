"""The online inbox and the catalog update, end to end: the reference central server over real
HTTP on 127.0.0.1, the site database on SQLite and PostgreSQL, the worker's cycles, and the
officer's services at the counter.

- A dossier submitted on the portal reaches the site's inbox; the officer accepts it (1 → 2),
  asks for supplements (1 → 5, form 02) or refuses it (1 → 3, form 03); the central learns it.
- The back office processes a dossier received at the counter (2 → 4 → 9); the site sees the
  result ready and hands it over; the central records 10.
- The province publishes a catalog change and retires a procedure: the site's catalog follows,
  dossiers received before keep their catalog version, intake of the retired one is refused.
"""

from __future__ import annotations

import pytest

from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.domain.intake import DocumentLine
from counter_app.services import catalog, handover, intake
from counter_app.services.handover import Collector
from tests.helpers import intake_request, pick_procedure
from tests.sync import _checks as C
from tests.sync._fixtures import central_server, officer, svc, synced_site, synced_templates  # noqa: F401
from tests.sync.test_faults import catalog_change


@pytest.fixture
def engine(svc, central_server):
    server, token = central_server
    return C.new_engine(svc, C.sync_config(server.url, token, timeout=5.0))


def online_procedure(svc):
    """A procedure citizens may submit on the portal."""
    for p in catalog.list_procedures(svc, include_retired=False):
        if p.online_class in ("toan_trinh", "mot_phan") and p.processing_days > 0:
            return p
    raise LookupError("no online procedure in the shipped catalog")


def publish(store, svc) -> dict:
    return store.publish_online_dossier(C.NODE, procedure_code=online_procedure(svc).code, owner=dict(C.OWNER),
                                        documents=[{"name": "Tờ khai (bản điện tử)", "form": "original", "count": 1}],
                                        note="Nộp trên Cổng dịch vụ công")


def test_an_online_dossier_is_verified_and_accepted_at_the_counter(svc, officer, clock, central_server, engine):
    server, _ = central_server
    online = publish(server.store, svc)
    assert server.store.dossier(online["code"])["status"] == 1
    C.drain(engine, svc, clock)

    item = C.inbox_item(svc, online["dossier_id"])
    assert item is not None, "the online dossier did not reach the inbox"
    C.accept_online(svc, officer, item)
    assert C.inbox_item(svc, online["dossier_id"], waiting_only=True) is None, "accepted, still waiting in the inbox"
    C.drain(engine, svc, clock)

    assert server.store.dossier(online["code"])["status"] == 2
    assert C.local_dossiers(svc)[online["code"]]["status"] == 2
    C.check_lanes(svc, server.store, C.NODE, drained=True)
    C.check_converged(svc, server.store, C.NODE)


def test_an_online_dossier_missing_papers_gets_a_supplement_request(svc, officer, clock, central_server, engine):
    server, _ = central_server
    online = publish(server.store, svc)
    C.drain(engine, svc, clock)
    C.supplement_online(svc, officer, C.inbox_item(svc, online["dossier_id"]), reason="Thiếu bản sao giấy khai sinh",
                        missing=(DocumentLine(name="Bản sao giấy khai sinh", count=1),))
    C.drain(engine, svc, clock)
    assert server.store.dossier(online["code"])["status"] == 5
    C.check_lanes(svc, server.store, C.NODE, drained=True)
    C.check_converged(svc, server.store, C.NODE)


def test_an_online_dossier_can_be_refused_with_a_reason(svc, officer, clock, central_server, engine):
    server, _ = central_server
    online = publish(server.store, svc)
    C.drain(engine, svc, clock)
    C.refuse_online(svc, officer, C.inbox_item(svc, online["dossier_id"]), reason="Không thuộc thẩm quyền giải quyết")
    C.drain(engine, svc, clock)
    assert server.store.dossier(online["code"])["status"] == 3
    C.check_lanes(svc, server.store, C.NODE, drained=True)
    C.check_converged(svc, server.store, C.NODE)


def test_an_online_dossier_withdrawn_on_the_portal_leaves_the_inbox(svc, officer, clock, central_server, engine):
    server, _ = central_server
    online = publish(server.store, svc)
    kept = publish(server.store, svc)
    C.drain(engine, svc, clock)
    assert C.inbox_item(svc, online["dossier_id"], waiting_only=True) is not None
    server.store.withdraw_online_dossier(online["dossier_id"])
    C.drain(engine, svc, clock)
    assert C.inbox_item(svc, online["dossier_id"], waiting_only=True) is None
    assert C.inbox_item(svc, kept["dossier_id"], waiting_only=True) is not None


def test_back_office_progress_reaches_the_counter_for_the_handover(svc, officer, clock, central_server, engine):
    server, _ = central_server
    proc = pick_procedure(svc, days=5)
    code = intake.receive_dossier(svc, officer, intake_request(proc)).code
    C.drain(engine, svc, clock)
    assert server.store.dossier(code)["status"] == 2
    assert not handover.check_handover(svc, officer, code).ready

    server.store.advance(code, 4, reason="Chuyển phòng chuyên môn")
    server.store.advance(code, 9, reason="Đã có kết quả")
    C.drain(engine, svc, clock)
    check = handover.check_handover(svc, officer, code)
    assert check.ready, f"the result is ready at the central, the counter says {check.problem}"
    assert check.result_ready_at is not None

    handover.hand_over(svc, officer, code, collector=Collector("owner"))
    C.drain(engine, svc, clock)
    assert server.store.dossier(code)["status"] == 10
    C.check_lanes(svc, server.store, C.NODE, drained=True)
    C.check_converged(svc, server.store, C.NODE)
    C.check_cursors_current(svc, C.central_reader(server))


def test_a_catalog_update_and_a_retirement_reach_the_counter(svc, officer, clock, central_server, engine):
    server, _ = central_server
    changed = pick_procedure(svc, days=10)
    retired = pick_procedure(svc, days=3)
    before = intake.receive_dossier(svc, officer, intake_request(changed))
    old_version = C.local_dossiers(svc)[before.code]["catalog_version"]
    C.drain(engine, svc, clock)

    server.store.upsert_procedure(*catalog_change(changed.code, 15, "2026.12"))
    server.store.retire_procedure(retired.code)
    C.drain(engine, svc, clock)

    now = catalog.get_procedure(svc, changed.code)
    assert now.processing_days == 15 and now.catalog_version == "2026.12"
    assert catalog.get_procedure(svc, retired.code).retired
    # A dossier received before keeps the catalog it was received under (and its due date).
    kept = C.local_dossiers(svc)[before.code]
    assert kept["catalog_version"] == old_version != "2026.12"
    assert kept["due_at"] == C.as_utc(before.due_at)
    # A dossier received now follows the new catalog; the retired procedure is refused at intake.
    after = intake.receive_dossier(svc, officer, intake_request(now))
    assert C.local_dossiers(svc)[after.code]["catalog_version"] == "2026.12"
    assert after.due_at > before.due_at
    with pytest.raises(ValidationFailed) as refused:
        intake.receive_dossier(svc, officer, intake_request(catalog.get_procedure(svc, retired.code)))
    assert "procedure_retired" in str([e.code for e in refused.value.errors])
    C.drain(engine, svc, clock)
    C.check_lanes(svc, server.store, C.NODE, drained=True)
    C.check_converged(svc, server.store, C.NODE)
    C.check_cursors_current(svc, C.central_reader(server))


def test_pulling_the_same_catalog_twice_changes_nothing(svc, officer, clock, central_server, engine):
    """A snapshot after reset_required replays records the site already has: no outbox row, same catalog."""
    server, _ = central_server
    changed = pick_procedure(svc, days=10)
    server.store.upsert_procedure(*catalog_change(changed.code, 11, "2026.12"))
    C.drain(engine, svc, clock)
    rows = len(C.outbox(svc))
    server.store.new_epoch()
    C.drain(engine, svc, clock)
    assert len(C.outbox(svc)) == rows
    assert catalog.get_procedure(svc, changed.code).processing_days == 11
    with pytest.raises(DomainError):
        catalog.get_procedure(svc, "no.such.procedure")
