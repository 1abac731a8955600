"""Applying pulled records (services/sync_apply.py) on both backends: the catalog follows the
central, online dossiers reach the inbox, back-office progress reaches the counter — and
nothing pulled ever bounces back into the outbox."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from counter_app.domain.calendar import Counting, compute_due
from counter_app.domain.intake import DocumentLine
from counter_app.domain.status import DossierStatus as S
from counter_app.resources import resource_path
from counter_app.services import handover, inbox, intake, lifecycle, supervisor
from counter_app.services.calendar import site_calendar
from counter_app.services.setup import the_site
from counter_app.services.sync_apply import ApplyStats, apply_changes
from counter_app.store.models import AuditEntry, Dossier, DossierEvent, Procedure, SequenceCounter, SyncOutbox
from counter_app.sync.wire import Change
from tests.helpers import intake_request, pick_procedure

OWNER = {"full_name": "Trần Văn Bình", "id_number": "001201009876", "id_kind": "cccd", "phone": "0987654321",
         "email": "binh@example.vn", "address": "5 Trần Phú, Hà Nội", "birth_date": "2001-03-04"}
DOCS = [{"name": "Tờ khai (bản điện tử)", "form": "original", "count": 1},
        {"name": "Bản sao giấy khai sinh", "form": "certified_copy", "count": 2}]
MISSING = (DocumentLine(name="Bản sao Giấy khai sinh", count=1),)


# -- helpers ------------------------------------------------------------------------------------

def shipped() -> dict:
    return json.loads(resource_path("catalog", "procedures.json").read_text(encoding="utf-8"))


def proc_change(code: str, *, position: int = 1, version: str = "2026.12", op: str = "upsert", **changes) -> Change:
    """A `procedures` change: one shipped procedure (or a copy under a new code) with *changes*."""
    data = shipped()
    base = copy.deepcopy(next((p for p in data["procedures"] if p["code"] == code), data["procedures"][0]))
    base["code"] = code
    base.update(changes)
    field = next(f for f in data["fields"] if f["code"] == base["field"])
    if op == "delete":
        return Change(position=position, op="delete", key=code)
    return Change(position=position, op="upsert", key=code, data={"version": version, "field": field, "procedure": base})


def online_change(procedure_code: str, *, position: int = 1, dossier_id: uuid.UUID | None = None,
                  code: str = "000.00.06.H56-261125-0901", submitted_at: datetime | None = None,
                  owner: dict | None = None, documents: list | None = None, note: str = "Nộp trên Cổng dịch vụ công") -> Change:
    dossier_id = dossier_id or uuid.uuid4()
    submitted_at = submitted_at or datetime(2026, 11, 25, 8, 15, tzinfo=UTC)  # Wed 15:15 in Hà Nội
    return Change(position=position, op="upsert", key=str(dossier_id), data={
        "dossier_id": str(dossier_id), "code": code, "agency_code": "000.00.06.H56", "procedure_code": procedure_code,
        "catalog_version": "2026.11", "submitted_at": submitted_at.isoformat(), "owner": dict(owner or OWNER),
        "submitter": None, "documents": list(DOCS if documents is None else documents), "return_method": "online",
        "note": note})


def status_change(d, to: int, *, frm: int, position: int = 1, at: datetime | None = None, due_at=None,
                  result_ready_at=None, reason: str = "", origin: str = "central") -> Change:
    return Change(position=position, op="upsert", key=str(d.id), data={
        "dossier_id": str(d.id), "code": d.code, "status": to,
        "due_at": due_at.isoformat() if due_at else None,
        "result_ready_at": result_ready_at.isoformat() if result_ready_at else None, "version": position,
        "transition": {"from": frm, "to": to, "reason": reason, "actor": "phongtp"},
        "at": (at or datetime(2026, 11, 26, 2, 0, tzinfo=UTC)).isoformat(), "origin": origin,
        "mutation_id": str(uuid.uuid4())})


def apply(svc, stream: str, *changes: Change) -> ApplyStats:
    with svc.transaction() as s:
        return apply_changes(s, stream, changes, now=svc.now())


def outbox_count(svc) -> int:
    with svc.reading() as s:
        return s.execute(sa.select(sa.func.count()).select_from(SyncOutbox)).scalar_one()


def dossier(svc, code: str) -> Dossier:
    with svc.reading() as s:
        d = s.execute(sa.select(Dossier).where(Dossier.code == code)).scalar_one()
        s.expunge(d)
        return d


def procedure(svc, code: str) -> Procedure:
    with svc.reading() as s:
        p = s.execute(sa.select(Procedure).where(Procedure.code == code)).scalar_one()
        p.documents  # noqa: B018 - load before leaving the session
        s.expunge(p)
        return p


def events(svc, code: str) -> list[DossierEvent]:
    with svc.reading() as s:
        d = s.execute(sa.select(Dossier).where(Dossier.code == code)).scalar_one()
        return list(s.execute(sa.select(DossierEvent).where(DossierEvent.dossier_id == d.id)
                              .order_by(DossierEvent.id)).scalars())


def snapshot(svc) -> dict:
    """Everything apply may touch, to prove a second application changes nothing."""
    with svc.reading() as s:
        def rows(model, *cols):
            return sorted(tuple(str(getattr(r, c)) for c in cols) for r in s.execute(sa.select(model)).scalars())
        return {
            "dossiers": rows(Dossier, "id", "code", "status", "due_at", "result_ready_at", "paused_at", "owner_name",
                             "note", "status_changed_at"),
            "events": rows(DossierEvent, "id"),
            "audit": rows(AuditEntry, "id"),
            "procedures": rows(Procedure, "code", "processing_days", "retired", "catalog_version", "updated_at"),
            "counters": rows(SequenceCounter, "key", "last"),
            "outbox": rows(SyncOutbox, "id"),
        }


def received(svc, officer, days: int = 5) -> str:
    return intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=days))).code


def online_procedure(svc):
    return pick_procedure(svc, days=5)


# -- procedures ---------------------------------------------------------------------------------

def test_a_new_procedure_is_added_and_applying_it_again_changes_nothing(svc, demo):
    before = outbox_count(svc)
    change = proc_change("9.000001.000.00.00.H56", name="Thủ tục thử nghiệm mới", processing_days=7)
    assert apply(svc, "procedures", change) == ApplyStats(upserted=1)
    p = procedure(svc, "9.000001.000.00.00.H56")
    assert (p.name, p.processing_days, p.catalog_version, p.retired) == ("Thủ tục thử nghiệm mới", 7, "2026.12", False)
    assert p.documents, "the procedure's documents come with it"
    state = snapshot(svc)
    assert apply(svc, "procedures", change) == ApplyStats(skipped=1)
    assert snapshot(svc) == state
    assert outbox_count(svc) == before == 0
    with svc.reading() as s:
        entry = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "catalog.sync")).scalar_one()
    assert (entry.actor_id, entry.actor_username, entry.entity_id) == (None, "central", "9.000001.000.00.00.H56")


def test_a_changed_procedure_is_updated_and_dossiers_keep_their_catalog_version(svc, officer):
    proc = pick_procedure(svc, days=10)
    code = intake.receive_dossier(svc, officer, intake_request(proc)).code
    before = outbox_count(svc)
    old_version = dossier(svc, code).catalog_version
    stats = apply(svc, "procedures", proc_change(proc.code, processing_days=15, version="2026.12"))
    assert stats == ApplyStats(upserted=1)
    p = procedure(svc, proc.code)
    assert (p.processing_days, p.catalog_version) == (15, "2026.12")
    d = dossier(svc, code)
    assert (d.catalog_version, d.processing_days) == (old_version, 10), "a received dossier keeps its catalog"
    assert outbox_count(svc) == before


def test_the_same_content_under_a_newer_version_follows_the_central(svc, demo):
    proc = pick_procedure(svc, days=10)
    assert apply(svc, "procedures", proc_change(proc.code, version="2027.01")) == ApplyStats(upserted=1)
    assert procedure(svc, proc.code).catalog_version == "2027.01"
    assert outbox_count(svc) == 0


def test_a_retired_procedure_is_kept_retired_and_refused_at_intake(svc, officer):
    proc = pick_procedure(svc, days=3)
    other = pick_procedure(svc, days=10)
    code = intake.receive_dossier(svc, officer, intake_request(proc)).code
    before = outbox_count(svc)
    stats = apply(svc, "procedures", proc_change(proc.code, op="delete", position=1),
                  proc_change(other.code, position=2, retired=True))
    assert stats == ApplyStats(deleted=2)
    assert procedure(svc, proc.code).retired and procedure(svc, other.code).retired
    assert dossier(svc, code).procedure_code == proc.code, "the dossier still references it"
    # again: nothing to do
    assert apply(svc, "procedures", proc_change(proc.code, op="delete")) == ApplyStats(skipped=1)
    # unknown procedure retired: nothing to do either
    assert apply(svc, "procedures", proc_change("9.999.H56", op="delete")) == ApplyStats(skipped=1)
    with pytest.raises(Exception, match="bãi bỏ"):
        intake.receive_dossier(svc, officer, intake_request(proc))
    assert outbox_count(svc) == before


def test_a_page_mixing_upserts_and_deletes_is_applied_in_order(svc, demo):
    a, b = pick_procedure(svc, days=10), pick_procedure(svc, days=3)
    page = [proc_change(a.code, position=1, processing_days=11),
            proc_change("9.000010.H56", position=2, name="Thủ tục mới A"),
            proc_change(b.code, position=3, retired=True),  # same group: retired by an upsert
            proc_change(a.code, position=4, op="delete"),
            proc_change(a.code, position=5, processing_days=12, version="2027.01"),  # back again
            proc_change("9.000011.H56", position=6, version="2027.01", name="Thủ tục mới B")]
    assert apply(svc, "procedures", *page) == ApplyStats(upserted=4, deleted=2)
    pa, pb = procedure(svc, a.code), procedure(svc, b.code)
    assert (pa.processing_days, pa.retired, pa.catalog_version) == (12, False, "2027.01")
    assert pb.retired and procedure(svc, "9.000011.H56").catalog_version == "2027.01"
    with svc.reading() as s:
        changes = [(e.entity_id, e.details["change"]) for e in s.execute(
            sa.select(AuditEntry).where(AuditEntry.action == "catalog.sync").order_by(AuditEntry.id)).scalars()]
    assert changes == [(a.code, "updated"), ("9.000010.H56", "added"), (b.code, "retired"), (a.code, "retired"),
                       (a.code, "updated"), ("9.000011.H56", "added")]
    state = snapshot(svc)
    assert apply(svc, "procedures", *page[4:]) == ApplyStats(skipped=2)
    assert snapshot(svc) == state
    assert outbox_count(svc) == 0


def test_an_invalid_procedure_is_skipped_and_the_page_goes_on(svc, demo, caplog):
    good = proc_change("9.000002.000.00.00.H56", position=2, name="Thủ tục hợp lệ")
    bad_counting = proc_change("9.000003.000.00.00.H56", position=1, counting="weeks")
    bad_field = Change(position=3, op="upsert", key="9.000004.H56", data={"version": "2026.12", "procedure": {}})
    with caplog.at_level("WARNING", logger="counter_app.services.sync_apply"):
        stats = apply(svc, "procedures", bad_counting, good, bad_field)
    assert stats == ApplyStats(upserted=1, skipped=2)
    assert procedure(svc, "9.000002.000.00.00.H56").name == "Thủ tục hợp lệ"
    with svc.reading() as s:
        assert s.execute(sa.select(Procedure).where(Procedure.code == "9.000003.000.00.00.H56")).first() is None
    assert "9.000003.000.00.00.H56" in caplog.text and "skipped" in caplog.text
    assert outbox_count(svc) == 0


# -- online dossiers ----------------------------------------------------------------------------

def test_an_online_dossier_arrives_in_the_inbox_once(svc, officer, clock):
    proc = online_procedure(svc)
    change = online_change(proc.code)
    assert apply(svc, "online_dossiers", change) == ApplyStats(upserted=1)
    state = snapshot(svc)
    assert apply(svc, "online_dossiers", change) == ApplyStats(skipped=1)
    assert snapshot(svc) == state, "applying twice = once"

    items = inbox.online_inbox(svc, officer)
    assert [i.code for i in items] == ["000.00.06.H56-261125-0901"]
    item = items[0]
    assert str(item.dossier_id) == change.key and item.owner_name == "Trần Văn Bình"
    assert item.owner_id_masked != OWNER["id_number"] and item.procedure_code == proc.code
    assert [x.name for x in item.documents] == [x["name"] for x in DOCS]
    assert item.waiting_hours == pytest.approx(18.25)

    d = dossier(svc, item.code)
    submitted = datetime(2026, 11, 25, 8, 15, tzinfo=UTC)
    with svc.reading() as s:
        expected_due = compute_due(submitted, proc.processing_days, Counting(proc.counting), site_calendar(s, the_site(s)))
    assert (d.status, d.channel, d.electronic, d.received_at, d.due_at, d.original_due_at) == (
        1, "online", True, submitted, expected_due, expected_due)
    assert (d.received_by_id, d.received_by_name, d.counter_number, d.register_entry) == (None, "", None, None)
    assert (d.owner_name_folded, d.procedure_name, d.field_code) == ("tran van binh", proc.name, proc.field_code)
    assert d.catalog_version == "2026.11" and d.form_set
    (event,) = events(svc, item.code)
    assert (event.kind, event.to_status, event.actor_name, event.at) == ("received_online", 1, "Hệ thống trung tâm", submitted)
    assert outbox_count(svc) == 0


def test_a_redelivered_online_dossier_refreshes_only_while_waiting(svc, officer):
    proc = online_procedure(svc)
    dossier_id = uuid.uuid4()
    apply(svc, "online_dossiers", online_change(proc.code, dossier_id=dossier_id))
    fixed = dict(OWNER, full_name="Trần Văn Bính")
    assert apply(svc, "online_dossiers", online_change(proc.code, dossier_id=dossier_id, owner=fixed,
                                                       documents=DOCS[:1])) == ApplyStats(upserted=1)
    d = dossier(svc, "000.00.06.H56-261125-0901")
    assert d.owner_name == "Trần Văn Bính" and len(d.documents) == 1
    inbox.refuse_online(svc, officer, d.code, reason="Không thuộc thẩm quyền")
    outbox = outbox_count(svc)
    assert apply(svc, "online_dossiers", online_change(proc.code, dossier_id=dossier_id)) == ApplyStats(skipped=1)
    assert dossier(svc, d.code).owner_name == "Trần Văn Bính", "the officer acted: the portal's data is not taken again"
    assert outbox_count(svc) == outbox


def test_the_central_code_is_never_issued_again_at_the_counter(svc, officer, clock):
    proc = online_procedure(svc)
    # A portal dossier numbered in this site's range for today.
    apply(svc, "online_dossiers", online_change(proc.code, code="000.00.06.H56-261126-0003"))
    code = intake.receive_dossier(svc, officer, intake_request(proc)).code
    assert code == "000.00.06.H56-261126-0004"


def test_the_centrals_online_range_does_not_move_the_counters_numbering(svc, officer, clock):
    proc = online_procedure(svc)
    # The central numbers portal dossiers from 90000 in the site's daily sequence: taking that up
    # would make the counter's next code meet the central's next online code.
    apply(svc, "online_dossiers", online_change(proc.code, code="000.00.06.H56-261126-90001"))
    code = intake.receive_dossier(svc, officer, intake_request(proc)).code
    assert code == "000.00.06.H56-261126-0001"


def test_an_online_dossier_of_an_unknown_procedure_or_a_taken_code_is_a_conflict(svc, officer):
    taken = received(svc, officer)
    before = outbox_count(svc)
    stats = apply(svc, "online_dossiers", online_change("9.404.H56", position=1),
                  online_change(online_procedure(svc).code, position=2, code=taken),
                  online_change(online_procedure(svc).code, position=3, owner={"full_name": "", "id_number": ""}))
    assert stats == ApplyStats(conflicts=2, skipped=1)
    assert inbox.online_inbox(svc, officer) == []
    assert outbox_count(svc) == before


def test_an_online_dossier_withdrawn_on_the_portal_leaves_the_inbox(svc, officer):
    proc = online_procedure(svc)
    withdrawn, kept = uuid.uuid4(), uuid.uuid4()
    apply(svc, "online_dossiers", online_change(proc.code, dossier_id=withdrawn, position=1),
          online_change(proc.code, dossier_id=kept, code="000.00.06.H56-261125-0902", position=2))
    delete = Change(position=3, op="delete", key=str(withdrawn))
    assert apply(svc, "online_dossiers", delete) == ApplyStats(deleted=1)
    assert [i.dossier_id for i in inbox.online_inbox(svc, officer)] == [kept]
    d = dossier(svc, "000.00.06.H56-261125-0901")
    assert d.status == int(S.WITHDRAWN)
    last = events(svc, d.code)[-1]
    assert (last.kind, last.from_status, last.to_status, last.reason, last.actor_name) == (
        "transition", 1, 7, "Công dân rút hồ sơ trên Cổng dịch vụ công", "Hệ thống trung tâm")
    state = snapshot(svc)
    assert apply(svc, "online_dossiers", delete) == ApplyStats(skipped=1)
    assert snapshot(svc) == state
    # Already accepted at the counter: a late withdrawal is the central's to judge, not applied here.
    inbox.accept_online(svc, officer, "000.00.06.H56-261125-0902")
    outbox = outbox_count(svc)
    assert apply(svc, "online_dossiers", Change(position=4, op="delete", key=str(kept))) == ApplyStats(skipped=1)
    assert dossier(svc, "000.00.06.H56-261125-0902").status == int(S.RECEIVED)
    assert outbox_count(svc) == outbox
    assert apply(svc, "online_dossiers", Change(position=5, op="delete", key=str(uuid.uuid4()))) == ApplyStats(skipped=1)


# -- dossier status -----------------------------------------------------------------------------

def test_back_office_progress_reaches_the_handover_desk(svc, officer, clock):
    code = received(svc, officer)
    d = dossier(svc, code)
    with svc.transaction() as s:  # the receipt was pushed and acknowledged
        s.execute(sa.update(SyncOutbox).values(state="acked"))
    before = outbox_count(svc)
    at4 = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
    at9 = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)
    assert not handover.check_handover(svc, officer, code).ready
    stats = apply(svc, "dossier_status",
                  status_change(d, 4, frm=2, position=1, at=at4, due_at=d.due_at, reason="Chuyển phòng chuyên môn"),
                  status_change(d, 9, frm=4, position=2, at=at9, due_at=d.due_at, result_ready_at=at9))
    assert stats == ApplyStats(upserted=2)
    check = handover.check_handover(svc, officer, code)
    assert check.ready and check.result_ready_at == at9
    after = dossier(svc, code)
    assert (after.status, after.status_changed_at, after.due_at) == (9, at9, d.due_at)
    moves = [(e.kind, e.from_status, e.to_status, e.actor_name) for e in events(svc, code)][1:]
    assert moves == [("transition", 2, 4, "Hệ thống trung tâm"), ("transition", 4, 9, "Hệ thống trung tâm")]
    assert events(svc, code)[1].details["central_actor"] == "phongtp"
    assert "from_central" not in events(svc, code)[1].details
    # the supervisor's "not collected" list sees it once old enough
    clock.set(at9 + timedelta(days=40))
    sup = supervisor_actor()
    assert code in [i.code for i in supervisor.dossier_list(svc, sup, "uncollected")]
    # re-delivered (snapshot): nothing changes
    state = snapshot(svc)
    assert apply(svc, "dossier_status", status_change(d, 9, frm=4, position=2, at=at9, due_at=d.due_at,
                                                      result_ready_at=at9)) == ApplyStats(skipped=1)
    assert snapshot(svc) == state
    assert outbox_count(svc) == before
    # and the counter hands it over as usual
    handover.hand_over(svc, officer, code, collector=handover.Collector("owner"))
    assert dossier(svc, code).status == 10


def supervisor_actor():
    from counter_app.services.context import Actor

    return Actor(user_id=None, username="giamsat", full_name="Trần Thị Giám Sát", role="supervisor")


def test_a_supplement_from_the_back_office_stops_the_clock_like_the_local_lifecycle(svc, officer, clock):
    """5 pauses the clock, leaving it extends the due date — the same dates as lifecycle.transition."""
    local, remote = received(svc, officer), received(svc, officer)
    with svc.transaction() as s:
        s.execute(sa.update(SyncOutbox).values(state="acked"))
    paused_at = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)  # Friday
    resumed_at = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wednesday
    # the local lifecycle
    clock.set(paused_at)
    lifecycle.transition(svc, officer, local, S.SUPPLEMENT_REQUESTED, reason="Thiếu giấy tờ", missing=MISSING)
    clock.set(resumed_at)
    lifecycle.transition(svc, officer, local, S.PROCESSING)
    expected = dossier(svc, local)
    with svc.transaction() as s:
        s.execute(sa.update(SyncOutbox).values(state="acked"))
    before = outbox_count(svc)
    # the same moves from the central, without a due date (the site computes it) ...
    d = dossier(svc, remote)
    assert apply(svc, "dossier_status", status_change(d, 5, frm=2, at=paused_at, reason="Thiếu giấy tờ")) == ApplyStats(upserted=1)
    paused = dossier(svc, remote)
    assert paused.paused_at == paused_at and paused.due_at == d.due_at
    assert apply(svc, "dossier_status", status_change(d, 4, frm=5, position=2, at=resumed_at)) == ApplyStats(upserted=1)
    got = dossier(svc, remote)
    assert got.paused_at is None and got.status == 4
    assert got.due_at == expected.due_at > d.due_at, "leaving 5 extends the due date as the local lifecycle does"
    last = events(svc, remote)[-1]
    assert (last.due_before, last.due_after) == (d.due_at, expected.due_at) and "paused_from" in last.details
    assert outbox_count(svc) == before
    # ... and a due date the central sends wins
    central_due = datetime(2026, 12, 20, 3, 0, tzinfo=UTC)
    assert apply(svc, "dossier_status", status_change(d, 4, frm=5, position=3, at=resumed_at,
                                                      due_at=central_due)) == ApplyStats(upserted=1)
    assert dossier(svc, remote).due_at == central_due
    assert len(events(svc, remote)) == 3, "a date-only update adds no status event"
    assert outbox_count(svc) == before


def test_a_pending_local_change_wins_over_the_central_for_now(svc, officer):
    code = received(svc, officer)  # its dossier.received row is still pending
    d = dossier(svc, code)
    before = outbox_count(svc)
    stats = apply(svc, "dossier_status", status_change(d, 4, frm=2),
                  status_change(d, 2, frm=None, position=2, due_at=d.due_at + timedelta(days=3)))
    assert stats == ApplyStats(conflicts=2)
    after = dossier(svc, code)
    assert (after.status, after.due_at) == (2, d.due_at)
    assert len(events(svc, code)) == 1
    assert outbox_count(svc) == before
    # once acknowledged, the central's word is applied
    with svc.transaction() as s:
        s.execute(sa.update(SyncOutbox).values(state="acked"))
    assert apply(svc, "dossier_status", status_change(d, 4, frm=2)) == ApplyStats(upserted=1)
    assert dossier(svc, code).status == 4
    assert outbox_count(svc) == before


def test_the_sites_own_moves_coming_back_never_move_a_dossier_backwards(svc, officer):
    code = received(svc, officer)
    lifecycle.transition(svc, officer, code, S.PROCESSING)
    lifecycle.transition(svc, officer, code, S.RESULT_READY)
    with svc.transaction() as s:  # all pushed and acknowledged
        s.execute(sa.update(SyncOutbox).values(state="acked"))
    rows = {r.payload["transition"]["to"]: r for r in _outbox_rows(svc)}
    d = dossier(svc, code)
    before, state = outbox_count(svc), snapshot(svc)

    def echo(to, frm, position):
        change = status_change(d, to, frm=frm, position=position, due_at=d.due_at, origin="node")
        change.data["mutation_id"] = str(rows[to].mutation_id)
        return change

    assert apply(svc, "dossier_status", echo(2, None, 1), echo(4, 2, 2), echo(9, 4, 3)) == ApplyStats(skipped=3)
    assert snapshot(svc) == state, "the site's own moves, already applied, change nothing"
    assert dossier(svc, code).status == 9
    # a move of the central (not one of ours) is still applied
    assert apply(svc, "dossier_status", status_change(d, 4, frm=9, position=4, reason="Kết quả sai")) == ApplyStats(upserted=1)
    assert dossier(svc, code).status == 4
    assert outbox_count(svc) == before


def _outbox_rows(svc):
    with svc.reading() as s:
        return list(s.execute(sa.select(SyncOutbox).order_by(SyncOutbox.seq)).scalars())


def test_the_central_status_is_jumped_to_when_the_local_one_differs(svc, officer):
    code = received(svc, officer)
    d = dossier(svc, code)
    with svc.transaction() as s:
        s.execute(sa.update(SyncOutbox).values(state="acked"))
    before = outbox_count(svc)
    due = datetime(2026, 12, 10, 3, 0, tzinfo=UTC)
    ready = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    # The central says 4 → 9 while the site still has 2 (a missed step).
    stats = apply(svc, "dossier_status", status_change(d, 9, frm=4, due_at=due, result_ready_at=ready, at=ready))
    assert stats == ApplyStats(upserted=1)
    after = dossier(svc, code)
    assert (after.status, after.due_at, after.result_ready_at) == (9, due, ready)
    last = events(svc, code)[-1]
    assert (last.kind, last.from_status, last.to_status) == ("transition", 2, 9)
    assert last.details["from_central"] is True and last.details["central_from"] == 4
    assert handover.check_handover(svc, officer, code).ready
    # unknown dossiers and deletes are skipped
    ghost = type("D", (), {"id": uuid.uuid4(), "code": "000.00.06.H56-261126-0999"})()
    assert apply(svc, "dossier_status", status_change(ghost, 4, frm=2),
                 Change(position=9, op="delete", key=str(d.id))) == ApplyStats(skipped=2)
    assert outbox_count(svc) == before


def test_an_online_dossier_accepted_at_the_central_gets_its_status(svc, officer):
    proc = online_procedure(svc)
    change = online_change(proc.code)
    apply(svc, "online_dossiers", change)
    d = dossier(svc, change.data["code"])
    assert apply(svc, "dossier_status", status_change(d, 3, frm=1, reason="Không đủ điều kiện")) == ApplyStats(upserted=1)
    assert inbox.online_inbox(svc, officer) == []
    assert dossier(svc, d.code).status == 3
    assert outbox_count(svc) == 0


def test_an_unknown_stream_is_refused(svc, demo):
    with pytest.raises(ValueError), svc.transaction() as s:
        apply_changes(s, "tickets", [], now=svc.now())

