"""Taking in a dossier through the service, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from counter_app.domain.calendar import LOCAL_TZ, Counting
from counter_app.domain.errors import ValidationFailed
from counter_app.domain.intake import DocumentLine, IntakeRequest, Person
from counter_app.domain.status import DossierStatus
from counter_app.services import intake
from counter_app.store.models import AuditEntry, Dossier, DossierDocument, RegisterEntry, SequenceCounter, SyncOutbox
from tests.helpers import intake_request, pick_procedure


def counts(svc) -> dict[str, int]:
    with svc.reading() as s:
        return {
            m.__tablename__: s.execute(sa.select(sa.func.count()).select_from(m)).scalar_one()
            for m in (Dossier, DossierDocument, RegisterEntry, AuditEntry, SyncOutbox, SequenceCounter)
        }


def test_receive_issues_code_due_date_register_audit_and_outbox(svc, officer, clock):
    proc = pick_procedure(svc, days=5)
    d = intake.receive_dossier(svc, officer, intake_request(proc))

    # Thursday 26/11/2026 09:30 local, 5 working days -> Thursday 03/12/2026 09:30.
    assert d.code == "000.00.06.H56-261126-0001"
    assert d.status is DossierStatus.RECEIVED
    assert d.received_at == clock.now
    assert d.due_at.astimezone(LOCAL_TZ) == datetime(2026, 12, 3, 9, 30, tzinfo=LOCAL_TZ)
    assert (d.register_book, d.register_seq) == ("01/2026", 1)
    assert d.owner.full_name == "Nguyễn Thị Ấn"
    assert d.received_by == "Nguyễn Văn An" and d.counter_number == 1
    assert [x.name for x in d.documents] == [x.name for x in proc.documents]

    with svc.reading() as s:
        audit = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "dossier.receive")).scalar_one()
        assert audit.actor_username == "canbo1" and audit.counter_number == 1
        assert audit.details["code"] == d.code
        assert "Ấn" not in json.dumps(audit.details, ensure_ascii=False)  # no personal data in the audit
        out = s.execute(sa.select(SyncOutbox)).scalar_one()
        assert (out.lane, out.seq, out.state, out.operation) == ("case", 1, "pending", "dossier.received")
        assert out.entity_id == str(d.id)
        body = json.dumps(out.payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256(body.encode()).hexdigest() == out.payload_sha256
        assert out.payload["transition"] == {"from": None, "to": 2, "reason": "", "actor": "canbo1"}

    again = intake.get_dossier(svc, d.code)
    assert again == d


def test_codes_follow_each_other_and_restart_at_local_midnight(svc, officer, clock):
    proc = pick_procedure(svc, days=5)
    codes = [intake.receive_dossier(svc, officer, intake_request(proc)).code for _ in range(3)]
    assert codes == [f"000.00.06.H56-261126-000{i}" for i in (1, 2, 3)]
    # 23:59 local is still the 26th; 00:00 local (17:00 UTC) is the 27th.
    clock.set(datetime(2026, 11, 26, 16, 59, tzinfo=UTC))
    assert intake.receive_dossier(svc, officer, intake_request(proc)).code.endswith("261126-0004")
    clock.set(datetime(2026, 11, 26, 17, 0, tzinfo=UTC))
    d = intake.receive_dossier(svc, officer, intake_request(proc))
    assert d.code == "000.00.06.H56-261127-0001"
    assert d.register_seq == 5  # the register book runs on through the year


BAD_INPUTS = [
    ({"full_name": ""}, "owner.full_name"),
    ({"full_name": "A" * 200}, "owner.full_name"),
    ({"id_number": "12345"}, "owner.id_number"),
    ({"id_number": "001301012345", "birth_date": datetime(1985, 1, 1).date()}, "owner.id_number"),
    ({"phone": "12345"}, "owner.phone"),
    ({"email": "not-an-email"}, "owner.email"),
]


@pytest.mark.parametrize(("override", "field"), BAD_INPUTS)
def test_bad_input_is_refused_with_the_field_and_nothing_is_written(svc, officer, override, field):
    proc = pick_procedure(svc, days=5)
    before = counts(svc)
    with pytest.raises(ValidationFailed) as err:
        intake.receive_dossier(svc, officer, intake_request(proc, **override))
    assert field in [e.field for e in err.value.errors]
    message = err.value.errors[0].message("vi")
    assert message and message != err.value.errors[0].code
    assert counts(svc) == before


def test_zero_document_count_and_several_mistakes_are_reported_together(svc, officer):
    proc = pick_procedure(svc, days=5)
    req = IntakeRequest(
        procedure_code=proc.code,
        owner=Person(full_name="", id_number="abc"),
        documents=(DocumentLine(name="Tờ khai", count=0),),
    )
    with pytest.raises(ValidationFailed) as err:
        intake.receive_dossier(svc, officer, req)
    fields = {e.field for e in err.value.errors}
    assert {"owner.full_name", "owner.id_number", "documents[0].count"} <= fields


def test_retired_and_unknown_procedures_are_refused(svc, officer):
    retired = pick_procedure(svc, retired=True, counting=Counting.WORKING_DAYS)
    with pytest.raises(ValidationFailed) as err:
        intake.receive_dossier(svc, officer, intake_request(retired))
    assert [e.code for e in err.value.errors] == ["procedure_retired"]
    assert "bãi bỏ" in err.value.errors[0].message("vi") or "ngừng" in err.value.errors[0].message("vi")
    req = intake_request(pick_procedure(svc, days=5))
    with pytest.raises(ValidationFailed) as err:
        intake.receive_dossier(svc, officer, IntakeRequest(procedure_code="9.999999.H99", owner=req.owner,
                                                          documents=req.documents))
    assert [e.code for e in err.value.errors] == ["procedure_unknown"]


def test_hostile_text_is_stored_as_typed(svc, officer):
    proc = pick_procedure(svc, days=5)
    name = "Nguyễn Văn O'Brien 😀"
    address = "'; DROP TABLE dossier; -- \"quoted\" 😀"
    d = intake.receive_dossier(svc, officer, intake_request(proc, full_name=name, address=address))
    got = intake.get_dossier(svc, d.code)
    assert got.owner.address == address
    assert got.owner.full_name.startswith("Nguyễn Văn O'Brien")


def test_a_failure_inside_the_transaction_leaves_nothing(svc, officer, monkeypatch):
    proc = pick_procedure(svc, days=5)
    before = counts(svc)

    def broken_enqueue(*args, **kwargs):
        raise RuntimeError("disk full while writing the outbox row")

    monkeypatch.setattr(intake, "enqueue", broken_enqueue)
    with pytest.raises(RuntimeError):
        intake.receive_dossier(svc, officer, intake_request(proc))
    assert counts(svc) == before
    monkeypatch.undo()
    # The sequence was rolled back too: the next dossier still gets 0001.
    assert intake.receive_dossier(svc, officer, intake_request(proc)).code.endswith("-0001")


def test_paper_receipt_entered_late_keeps_its_real_time_and_is_audited(svc, officer, clock):
    proc = pick_procedure(svc, days=5)
    intake.receive_dossier(svc, officer, intake_request(proc))  # today's 0001
    paper_time = datetime(2026, 11, 25, 14, 10, tzinfo=LOCAL_TZ)  # yesterday, network down
    req = intake_request(proc)
    req = IntakeRequest(**{**req.__dict__, "received_at": paper_time})
    d = intake.receive_dossier(svc, officer, req)
    assert d.code == "000.00.06.H56-261125-0001"
    assert d.late_entry and d.received_at == paper_time
    with svc.reading() as s:
        entry = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "dossier.receive_late_entry")).scalar_one()
        assert entry.details["late_entry"] is True
        assert entry.at == clock.now
    future = IntakeRequest(**{**req.__dict__, "received_at": clock.now + timedelta(hours=2)})
    with pytest.raises(ValidationFailed) as err:
        intake.receive_dossier(svc, officer, future)
    assert err.value.errors[0].field == "received_at"


def test_submitter_is_kept_apart_from_the_owner(svc, officer):
    proc = pick_procedure(svc, days=5)
    req = intake_request(proc)
    submitter = Person(full_name="Trần Văn Bình", id_number="079095000123", phone="0987654321")
    d = intake.receive_dossier(svc, officer, IntakeRequest(**{**req.__dict__, "submitter": submitter}))
    assert d.submitter == submitter
    assert d.owner.full_name == "Nguyễn Thị Ấn"
