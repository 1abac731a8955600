"""Dossier transitions on both backends: every legal move recorded with its event, audit
entry and outbox transition; every illegal one refused with nothing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from counter_app.domain.calendar import LOCAL_TZ, to_local
from counter_app.domain.errors import DomainError
from counter_app.domain.intake import DocumentLine
from counter_app.domain.status import DossierStatus as S
from counter_app.services import handover, intake, lifecycle
from counter_app.store.models import AuditEntry, Dossier, DossierEvent, RegisterEntry, SyncOutbox
from tests.domain.test_lifecycle import LEGAL
from tests.helpers import intake_request, pick_procedure

MISSING = (DocumentLine(name="Bản sao Giấy khai sinh", count=1),)
REASON = "Theo đề nghị của cơ quan giải quyết"


def _counts(svc) -> tuple[int, int, int]:
    with svc.reading() as s:
        return tuple(s.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in
                     (AuditEntry, SyncOutbox, DossierEvent))


def _receive(svc, officer, **owner):
    proc = pick_procedure(svc, days=5)
    return intake.receive_dossier(svc, officer, intake_request(proc, **owner)).code


def _online(svc, officer) -> str:
    """A dossier submitted on the portal, not yet received (status 1) — as sync will bring it."""
    code = _receive(svc, officer)
    with svc.transaction() as s:
        d = s.execute(sa.select(Dossier).where(Dossier.code == code)).scalar_one()
        s.execute(sa.delete(RegisterEntry).where(RegisterEntry.dossier_id == d.id))
        d.status = int(S.REGISTERED_ONLINE)
    return code


def _move(svc, officer, code, to):
    kwargs = {"reason": REASON}
    if to is S.SUPPLEMENT_REQUESTED:
        kwargs["missing"] = MISSING
    return lifecycle.transition(svc, officer, code, to, **kwargs)


# how to bring a fresh dossier into each status
PATHS = {
    S.REGISTERED_ONLINE: (),
    S.RECEIVED: (),
    S.REFUSED: (S.REFUSED,),
    S.PROCESSING: (S.PROCESSING,),
    S.SUPPLEMENT_REQUESTED: (S.SUPPLEMENT_REQUESTED,),
    S.AWAITING_PAYMENT: (S.AWAITING_PAYMENT,),
    S.WITHDRAWN: (S.WITHDRAWN,),
    S.STOPPED: (S.STOPPED,),
    S.RESULT_READY: (S.RESULT_READY,),
    S.RETURNED: (S.RESULT_READY, "handover"),
}


def _dossier_in(svc, officer, status: S) -> str:
    code = _online(svc, officer) if status in (S.REGISTERED_ONLINE, S.REFUSED) else _receive(svc, officer)
    for step in PATHS[status]:
        if step == "handover":
            handover.hand_over(svc, officer, code, collector=handover.Collector("owner"))
        else:
            _move(svc, officer, code, step)
    assert intake.get_dossier(svc, code).status is status
    return code


@pytest.mark.parametrize("current", list(S), ids=lambda s: f"from{int(s)}")
def test_every_move_from_a_status(svc, officer, current):
    for target in S:
        code = _dossier_in(svc, officer, current)
        before = _counts(svc)
        # a received dossier waiting for supplements resumes processing (5 → 4), never 5 → 2
        legal = ((int(current), int(target)) in LEGAL and target is not S.RETURNED
                 and (current, target) != (S.SUPPLEMENT_REQUESTED, S.RECEIVED))
        if not legal:
            with pytest.raises(DomainError) as err:
                _move(svc, officer, code, target)
            assert err.value.code.startswith("transition_"), (current, target, err.value)
            assert intake.get_dossier(svc, code).status is current
            assert _counts(svc) == before, "a refused move wrote something"
            continue
        d = _move(svc, officer, code, target)
        assert d.status is target
        audits, outbox, events = _counts(svc)
        assert (audits, outbox, events) == (before[0] + 1, before[1] + 1, before[2] + 1)
        with svc.reading() as s:
            row = s.execute(sa.select(SyncOutbox).order_by(SyncOutbox.seq.desc()).limit(1)).scalar_one()
            event = s.execute(sa.select(DossierEvent).order_by(DossierEvent.id.desc()).limit(1)).scalar_one()
            entry = s.execute(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
        assert row.lane == "case" and row.operation == "dossier.transition"
        assert row.payload["transition"] == {"from": int(current), "to": int(target), "reason": REASON,
                                             "actor": officer.username}
        assert (event.from_status, event.to_status, event.reason) == (int(current), int(target), REASON)
        assert entry.action == "dossier.transition" and entry.details["to"] == int(target)
        assert "001301012345" not in str(entry.details)  # no personal data in the audit trail


def test_an_online_dossier_waiting_for_supplements_is_then_received(svc, officer):
    code = _online(svc, officer)
    lifecycle.transition(svc, officer, code, S.SUPPLEMENT_REQUESTED, reason="Thiếu tờ khai")  # form 02 online
    with pytest.raises(DomainError) as err:
        lifecycle.transition(svc, officer, code, S.PROCESSING)
    assert err.value.code == "transition_illegal" and S.RECEIVED.label("vi") in err.value.message("vi")
    assert lifecycle.transition(svc, officer, code, S.RECEIVED).status is S.RECEIVED


def test_handover_is_the_only_way_to_returned(svc, officer):
    code = _dossier_in(svc, officer, S.RESULT_READY)
    with pytest.raises(DomainError) as err:
        lifecycle.transition(svc, officer, code, S.RETURNED)
    assert err.value.code == "transition_needs_handover"


def test_unknown_status_and_missing_reason(svc, officer):
    code = _receive(svc, officer)
    for bad in ("11", "x", 0):
        with pytest.raises(DomainError) as err:
            lifecycle.transition(svc, officer, code, bad)
        assert err.value.code == "status_unknown"
    with pytest.raises(DomainError) as err:
        lifecycle.transition(svc, officer, code, S.WITHDRAWN, reason="  ")
    assert err.value.code == "transition_reason_required"
    with pytest.raises(DomainError) as err:
        lifecycle.transition(svc, officer, code, S.SUPPLEMENT_REQUESTED, reason="Thiếu giấy tờ")
    assert err.value.code == "missing_items_required"
    with pytest.raises(DomainError) as err:
        lifecycle.transition(svc, officer, "000.00.06.H56-261126-9999", S.PROCESSING)
    assert err.value.code == "dossier_not_found"
    assert intake.get_dossier(svc, code).status is S.RECEIVED


def test_supplement_stops_the_clock_exactly(svc, officer, clock):
    # Received Thu 26 Nov 2026 09:30, 5 working days → due Thu 3 Dec 09:30.
    code = _receive(svc, officer)
    d = intake.get_dossier(svc, code)
    assert to_local(d.due_at) == datetime(2026, 12, 3, 9, 30, tzinfo=LOCAL_TZ)
    clock.set(datetime(2026, 11, 27, 8, 0, tzinfo=LOCAL_TZ).astimezone(UTC))  # Fri: forwarded
    lifecycle.transition(svc, officer, code, S.PROCESSING)
    clock.set(datetime(2026, 11, 30, 10, 0, tzinfo=LOCAL_TZ).astimezone(UTC))  # Mon: supplement requested
    d = lifecycle.transition(svc, officer, code, S.SUPPLEMENT_REQUESTED, reason="Thiếu bản sao", missing=MISSING)
    assert d.paused_at is not None and to_local(d.due_at) == datetime(2026, 12, 3, 9, 30, tzinfo=LOCAL_TZ)
    clock.set(datetime(2026, 12, 3, 15, 0, tzinfo=LOCAL_TZ).astimezone(UTC))  # Thu: papers back
    d = lifecycle.transition(svc, officer, code, S.PROCESSING)
    # Tue 1, Wed 2, Thu 3 Dec stopped → 3 working days later: Tue 8 Dec 09:30.
    assert to_local(d.due_at) == datetime(2026, 12, 8, 9, 30, tzinfo=LOCAL_TZ)
    assert to_local(d.original_due_at) == datetime(2026, 12, 3, 9, 30, tzinfo=LOCAL_TZ)
    assert d.paused_at is None
    events = lifecycle.history(svc, code)
    assert [e.kind for e in events] == ["received", "transition", "transition", "transition"]
    resumed = events[-1]
    assert (to_local(resumed.due_before).date(), to_local(resumed.due_after).date()) == (
        datetime(2026, 12, 3).date(), datetime(2026, 12, 8).date())
    assert events[2].number.endswith("/PYCBS") and events[2].details["missing"][0]["name"] == MISSING[0].name


def test_apology_sets_a_new_due_and_keeps_the_original(svc, officer, clock):
    code = _dossier_in(svc, officer, S.PROCESSING)
    original = intake.get_dossier(svc, code).due_at
    new_due = datetime(2026, 12, 10, 16, 0, tzinfo=LOCAL_TZ)
    d = lifecycle.apologise(svc, officer, code, reason="Cần xác minh thêm", new_due=new_due)
    assert d.due_at == new_due and d.original_due_at == original
    event = lifecycle.history(svc, code)[-1]
    assert event.kind == "apology" and event.number.endswith("/PXL") and event.due_before == original
    assert event.details["issued_late"] is False  # a week before the deadline
    clock.set(new_due - timedelta(hours=2))  # on the last day of the date in force: issued, recorded as late
    lifecycle.apologise(svc, officer, code, reason="Chưa có ý kiến phối hợp", new_due=new_due + timedelta(days=1))
    assert lifecycle.history(svc, code)[-1].details["issued_late"] is True
    new_due = new_due + timedelta(days=1)
    with pytest.raises(DomainError) as err:
        lifecycle.apologise(svc, officer, code, reason="x", new_due=new_due - timedelta(days=1))
    assert err.value.code == "new_due_not_later"
    with pytest.raises(DomainError):
        lifecycle.apologise(svc, officer, code, reason="", new_due=new_due + timedelta(days=1))
    # through transition(): same status + new due = the apology alone
    d = lifecycle.transition(svc, officer, code, S.PROCESSING, reason="Thêm thời gian",
                             new_due=new_due + timedelta(days=2))
    assert d.status is S.PROCESSING and d.due_at == new_due + timedelta(days=2)


def test_back_office_progress_at_an_earlier_time(svc, officer, clock):
    code = _receive(svc, officer)
    clock.set(clock() + timedelta(days=2))
    at = clock() - timedelta(days=1)
    lifecycle.transition(svc, officer, code, S.PROCESSING, at=at)
    assert intake.get_dossier(svc, code).status_changed_at == at
    with pytest.raises(DomainError) as err:
        lifecycle.transition(svc, officer, code, S.RESULT_READY, at=clock() + timedelta(hours=1))
    assert err.value.code == "received_at_future"


def test_paper_fallback_entry_is_visible_and_codes_stay_unique(svc, officer, clock):
    proc = pick_procedure(svc, days=5)
    from dataclasses import replace

    live = intake.receive_dossier(svc, officer, intake_request(proc))
    paper = intake.receive_dossier(svc, officer, replace(intake_request(proc, full_name="Trần Văn Bình"),
                                                         received_at=clock() - timedelta(hours=1)))
    assert paper.code != live.code and paper.late_entry
    events = lifecycle.history(svc, paper.code)
    assert events[0].kind == "received" and events[0].at == clock() - timedelta(hours=1)
    with svc.reading() as s:
        entry = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "dossier.receive_late_entry")).scalar_one()
    assert entry.details["code"] == paper.code and entry.details["late_entry"] is True
