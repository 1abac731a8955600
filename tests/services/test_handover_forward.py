"""Result handover, not-accepted intakes (forms 02/03) and forwarding, on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.domain.intake import DocumentLine
from counter_app.domain.status import DossierStatus as S
from counter_app.services import forwarding, handover, intake, lifecycle, not_accepted
from counter_app.store.models import AuditEntry, Handover, NotAccepted, Rating, SyncOutbox
from tests.helpers import intake_request, pick_procedure

OWNER_ID = "001301012345"


def _ready(svc, officer, **owner) -> str:
    proc = pick_procedure(svc, days=5)
    code = intake.receive_dossier(svc, officer, intake_request(proc, **owner)).code
    lifecycle.transition(svc, officer, code, S.RESULT_READY)
    return code


def test_handover_by_the_owner_with_rating_and_fees(svc, officer, clock):
    code = _ready(svc, officer)
    check = handover.check_handover(svc, officer, code)
    assert check.ready and check.problem is None and check.owner_id_masked != OWNER_ID
    d = handover.hand_over(svc, officer, code, collector=handover.Collector("owner"), fees_paid=50_000, rating=3)
    assert d.status is S.RETURNED and d.returned_at == clock()
    record = handover.handover_of(svc, code)
    assert record.collector_kind == "owner" and record.collector_name == "Nguyễn Thị Ấn"
    assert record.fees_paid == 50_000 and record.outcome == "early"
    with svc.reading() as s:
        h = s.execute(sa.select(Handover)).scalar_one()
        rating = s.get(Rating, h.rating_id)
        entry = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "dossier.handover")).scalar_one()
        outbox = s.execute(sa.select(SyncOutbox).order_by(SyncOutbox.seq.desc()).limit(1)).scalar_one()
    assert rating.value == 3 and rating.dossier_id == d.id
    assert OWNER_ID not in str(entry.details)
    assert outbox.payload["transition"]["to"] == 10 and outbox.payload["handover"]["collector_kind"] == "owner"
    # a second handover is refused and says when and to whom
    again = handover.check_handover(svc, officer, code)
    assert not again.ready and again.problem.code == "handover_already_returned"
    assert "Nguyễn Thị Ấn" in again.problem.message("vi")
    with pytest.raises(DomainError) as err:
        handover.hand_over(svc, officer, code, collector=handover.Collector("owner"))
    assert err.value.code == "handover_already_returned"


def test_authorised_collector_needs_a_letter(svc, officer):
    code = _ready(svc, officer)
    someone = handover.Collector("authorised", "Lê Văn Tám", "001099000111")
    with pytest.raises(ValidationFailed) as err:
        handover.hand_over(svc, officer, code, collector=someone)
    assert [e.field for e in err.value.errors] == ["collector.authorisation_note"]
    with pytest.raises(ValidationFailed) as err:
        handover.hand_over(svc, officer, code, collector=replace(someone, full_name="", id_number="12"),
                           fees_paid=-1)
    assert {e.field for e in err.value.errors} >= {"fees_paid"} or err.value.errors
    assert intake.get_dossier(svc, code).status is S.RESULT_READY
    d = handover.hand_over(svc, officer, code, collector=replace(someone, authorisation_note="GUQ số 12 ngày 20/11/2026"))
    assert d.status is S.RETURNED
    record = handover.handover_of(svc, code)
    assert record.collector_kind == "authorised" and record.authorisation_note.startswith("GUQ")


@pytest.mark.parametrize(("status", "code"), [(S.RECEIVED, "handover_not_ready"), (S.PROCESSING, "handover_not_ready"),
                                              (S.WITHDRAWN, "handover_withdrawn")])
def test_not_ready_or_withdrawn_cannot_be_handed_over(svc, officer, status, code):
    proc = pick_procedure(svc, days=5)
    dcode = intake.receive_dossier(svc, officer, intake_request(proc)).code
    if status is not S.RECEIVED:
        lifecycle.transition(svc, officer, dcode, status, reason="Công dân xin rút")
    assert handover.check_handover(svc, officer, dcode).problem.code == code
    with pytest.raises(DomainError) as err:
        handover.hand_over(svc, officer, dcode, collector=handover.Collector("owner"))
    assert err.value.code == code
    with svc.reading() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(Handover)).scalar() == 0


def test_early_result_and_late_result(svc, officer, clock):
    code = _ready(svc, officer)  # result ready on the day of receipt: early
    handover.hand_over(svc, officer, code, collector=handover.Collector("owner"))
    assert handover.handover_of(svc, code).outcome == "early"
    proc = pick_procedure(svc, days=5)
    late = intake.receive_dossier(svc, officer, intake_request(proc)).code
    clock.set(clock() + timedelta(days=20))
    lifecycle.transition(svc, officer, late, S.RESULT_READY)
    handover.hand_over(svc, officer, late, collector=handover.Collector("owner"))
    assert handover.handover_of(svc, late).outcome == "late"


def test_decline_keeps_the_form_and_reopens_it(svc, officer):
    proc = pick_procedure(svc, days=5)
    req = intake_request(proc)
    missing = (DocumentLine(name="Tờ khai có chữ ký", count=1),)
    info = not_accepted.decline_intake(svc, officer, req, kind="supplement", reason="Tờ khai chưa ký", missing=missing)
    assert info.number.endswith("/PYCBS") and info.missing == missing and info.owner_id_masked != OWNER_ID
    assert [x.number for x in not_accepted.find_not_accepted(svc, OWNER_ID)] == [info.number]
    assert [x.number for x in not_accepted.find_not_accepted(svc, "nguyen thi an")] == [info.number]
    reopened = not_accepted.reopen_request(svc, officer, info.number)
    assert reopened.owner == req.owner and reopened.documents == req.documents and reopened.reopens == str(info.id)
    d = intake.receive_dossier(svc, officer, reopened)
    assert d.status is S.RECEIVED
    assert not_accepted.find_not_accepted(svc, OWNER_ID) == []
    with pytest.raises(DomainError) as err:
        intake.receive_dossier(svc, officer, reopened)
    assert err.value.code == "not_accepted_already_resumed"
    with svc.reading() as s:
        row = s.execute(sa.select(NotAccepted)).scalar_one()
        assert row.resumed_dossier_id == d.id
        actions = [a for (a,) in s.execute(sa.select(AuditEntry.action).order_by(AuditEntry.id))]
    assert actions[-3:] == ["intake.supplement", "intake.reopen", "dossier.receive"]


def test_a_reopened_form_declined_again_replaces_the_earlier_slip(svc, officer):
    proc = pick_procedure(svc, days=5)
    first = not_accepted.decline_intake(svc, officer, intake_request(proc), kind="supplement",
                                        missing=(DocumentLine(name="Tờ khai", count=1),))
    reopened = not_accepted.reopen_request(svc, officer, first.number)
    second = not_accepted.decline_intake(svc, officer, reopened, kind="supplement",
                                         missing=(DocumentLine(name="Bản sao CCCD", count=1),))
    assert [x.number for x in not_accepted.find_not_accepted(svc, OWNER_ID)] == [second.number]
    assert {x.number for x in not_accepted.find_not_accepted(svc, OWNER_ID, open_only=False)} == {
        first.number, second.number}
    with svc.reading() as s:
        entry = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "intake.supplement")
                          .order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
    assert entry.details["supersedes"] == first.number


def test_decline_needs_its_reason_or_items_and_writes_nothing(svc, officer):
    proc = pick_procedure(svc, days=5)
    req = intake_request(proc)
    with pytest.raises(ValidationFailed) as err:
        not_accepted.decline_intake(svc, officer, req, kind="refusal")
    assert [e.field for e in err.value.errors] == ["reason"]
    with pytest.raises(ValidationFailed) as err:
        not_accepted.decline_intake(svc, officer, replace(req, owner=replace(req.owner, full_name="")),
                                    kind="supplement")
    assert {e.field for e in err.value.errors} == {"owner.full_name", "missing"}
    with pytest.raises(DomainError):
        not_accepted.decline_intake(svc, officer, req, kind="other")
    # an incomplete form (no documents ticked) may still be refused
    info = not_accepted.decline_intake(svc, officer, replace(req, documents=()), kind="refusal",
                                       reason="Không thuộc thẩm quyền; hướng dẫn đến UBND xã")
    assert info.number.endswith("/PTC")
    with svc.reading() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(NotAccepted)).scalar() == 1


def test_forward_a_batch_all_or_nothing(svc, officer):
    proc = pick_procedure(svc, days=5)
    codes = [intake.receive_dossier(svc, officer, intake_request(proc)).code for _ in range(3)]
    lifecycle.transition(svc, officer, codes[2], S.WITHDRAWN, reason="Công dân xin rút")
    with pytest.raises(DomainError) as err:
        forwarding.forward(svc, officer, codes, agency="Sở Tư pháp")
    assert err.value.code == "forward_not_received"
    assert {i.code for i in forwarding.forwardable(svc)} == set(codes[:2])  # nothing half-done
    batch = forwarding.forward(svc, officer, codes[:2], agency="Sở Tư pháp", receiver="Lê Văn C")
    assert batch.number.endswith("/BGHS") and [i.code for i in batch.items] == codes[:2]
    assert forwarding.forwardable(svc) == []
    for code in codes[:2]:
        d = intake.get_dossier(svc, code)
        assert d.status is S.PROCESSING and d.forwarded_at is not None
        rows = forwarding.handoffs(svc, code)
        assert [(r.position, r.to_unit, r.receiver, r.outcome) for r in rows] == [(1, "Sở Tư pháp", "Lê Văn C", "early")]
    row = forwarding.record_handoff(svc, officer, codes[0], from_unit="Sở Tư pháp", to_unit="Bộ phận tiếp nhận và trả kết quả",
                                    giver="Lê Văn C", receiver="Nguyễn Văn An", note="Có kết quả")
    assert row.position == 2
    assert forwarding.get_forward_batch(svc, batch.number).agency == "Sở Tư pháp"
    with pytest.raises(ValidationFailed):
        forwarding.forward(svc, officer, codes[:1], agency="  ")
