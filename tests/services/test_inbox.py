"""The online-dossier inbox (services/inbox.py) on both backends: accept (1 → 2) with the
register entry, the due date in working days and the receipt sent back in one outbox row;
ask for supplements (1 → 5, form 02); refuse (1 → 3, form 03); a dossier another counter
took meanwhile is refused with who did it, and nothing is written."""

from __future__ import annotations

import io
import threading
import uuid
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from counter_app.domain.calendar import LOCAL_TZ, to_local
from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.domain.intake import DocumentForm, DocumentLine
from counter_app.domain.status import DossierStatus as S
from counter_app.services import accounts, documents, inbox, intake
from counter_app.services.context import Actor
from counter_app.services.sync_apply import apply_changes
from counter_app.store.models import AuditEntry, Dossier, DossierEvent, RegisterEntry, SyncOutbox
from counter_app.sync.wire import Change
from tests.helpers import intake_request, pick_procedure

OWNER = {"full_name": "Trần Văn Bình", "id_number": "001201009876", "id_kind": "cccd", "phone": "0987654321",
         "email": "", "address": "5 Trần Phú, Hà Nội", "birth_date": None}
MISSING = (DocumentLine(name="Bản sao giấy khai sinh", form=DocumentForm.CERTIFIED_COPY, count=2),
           DocumentLine(name="Sơ đồ vị trí thửa đất", count=1))


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def publish(svc, *, seq: int = 901, submitted_at: datetime | None = None, procedure=None) -> str:
    """An online dossier as the sync worker brings it (status 1); returns its code."""
    proc = procedure or pick_procedure(svc, days=5)
    code = f"000.00.06.H56-261125-{seq:04d}"
    dossier_id = uuid.uuid4()
    change = Change(position=seq, op="upsert", key=str(dossier_id), data={
        "dossier_id": str(dossier_id), "code": code, "agency_code": "000.00.06.H56", "procedure_code": proc.code,
        "catalog_version": "2026.11",
        "submitted_at": (submitted_at or datetime(2026, 11, 25, 8, 15, tzinfo=UTC)).isoformat(),
        "owner": dict(OWNER), "submitter": None,
        "documents": [{"name": "Tờ khai (bản điện tử)", "form": "original", "count": 1}],
        "return_method": "online", "note": "Nộp trên Cổng dịch vụ công"})
    with svc.transaction() as s:
        apply_changes(s, "online_dossiers", [change], now=svc.now())
    return code


def counts(svc) -> tuple[int, ...]:
    with svc.reading() as s:
        return tuple(s.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                     for t in (AuditEntry, SyncOutbox, DossierEvent, RegisterEntry))


def outbox_rows(svc) -> list[SyncOutbox]:
    with svc.reading() as s:
        return list(s.execute(sa.select(SyncOutbox).order_by(SyncOutbox.seq)).scalars())


def login(svc, demo, username: str, counter: int | None):
    return accounts.authenticate(svc, username, demo[username][0], counter)


# -- the inbox ----------------------------------------------------------------------------------

def test_the_inbox_lists_waiting_online_dossiers_oldest_first(svc, officer, clock):
    newer = publish(svc, seq=902, submitted_at=datetime(2026, 11, 26, 1, 0, tzinfo=UTC))
    older = publish(svc, seq=901, submitted_at=datetime(2026, 11, 24, 2, 30, tzinfo=UTC))
    intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=5)))  # not online: not listed
    items = inbox.online_inbox(svc, officer)
    assert [i.code for i in items] == [older, newer]
    assert items[0].waiting_hours == pytest.approx(48.0) and items[1].waiting_hours == pytest.approx(1.5)
    assert items[0].owner_name == "Trần Văn Bình" and "*" in items[0].owner_id_masked
    assert items[0].note == "Nộp trên Cổng dịch vụ công" and items[0].documents[0].name == "Tờ khai (bản điện tử)"
    inbox.refuse_online(svc, officer, newer, reason="Sai thẩm quyền")
    assert [i.code for i in inbox.online_inbox(svc, officer)] == [older]
    assert {i.code for i in inbox.online_inbox(svc, officer, include_done=True)} == {older, newer}


# -- accept -------------------------------------------------------------------------------------

def test_accepting_enters_the_register_sets_the_due_date_and_sends_the_receipt(svc, officer, clock):
    code = publish(svc)
    provisional = intake.get_dossier(svc, code).due_at
    assert counts(svc)[1] == 0
    docs = (DocumentLine(name="Tờ khai (bản điện tử)", count=1),
            DocumentLine(name="Bản sao giấy khai sinh", form=DocumentForm.CERTIFIED_COPY, count=1))
    info = inbox.accept_online(svc, officer, code, documents=docs, note="Đã đối chiếu bản gốc")
    now = clock.now  # Thursday 26/11/2026 09:30 in Hà Nội
    assert info.status is S.RECEIVED and info.received_at == now
    # 5 working days, the day of receipt not counted: Thursday 03/12/2026 09:30
    assert to_local(info.due_at) == datetime(2026, 12, 3, 9, 30, tzinfo=LOCAL_TZ)
    assert info.original_due_at == info.due_at != provisional
    assert (info.register_book, info.register_seq) == ("01/2026", 1)
    assert (info.received_by, info.counter_number) == ("Nguyễn Văn An", 1)
    assert info.documents == docs and info.note == "Đã đối chiếu bản gốc"
    assert inbox.online_inbox(svc, officer) == []

    (row,) = outbox_rows(svc)
    assert (row.lane, row.operation, row.entity_id, row.state) == ("case", "dossier.transition", str(info.id), "pending")
    assert row.payload["transition"] == {"from": 1, "to": 2, "reason": "", "actor": "canbo1"}
    assert row.payload["receipt"] == {"received_at": now.isoformat(), "due_at": info.due_at.isoformat(),
                                      "register": "01/2026#1", "received_by": "canbo1", "counter": 1}
    assert datetime.fromisoformat(row.payload["due_at"]) == info.due_at

    with svc.reading() as s:
        d = s.execute(sa.select(Dossier).where(Dossier.code == code)).scalar_one()
        assert d.received_by_id == officer.user_id and d.status_changed_at == now
        event = s.execute(sa.select(DossierEvent).where(DossierEvent.dossier_id == d.id)
                          .order_by(DossierEvent.id.desc()).limit(1)).scalar_one()
        actions = [a.action for a in s.execute(sa.select(AuditEntry).order_by(AuditEntry.id)).scalars()]
    assert (event.kind, event.from_status, event.to_status, event.actor_name, event.counter_number) == (
        "transition", 1, 2, "Nguyễn Văn An", 1)
    assert (event.due_before, event.due_after) == (provisional, info.due_at)
    assert actions[-2:] == ["dossier.transition", "dossier.accept_online"]

    # Form 01 is printable for it, with its code, register line and due date.
    printed = documents.print_receipt(svc, officer, code)
    text = text_of(printed.pdf)
    assert code in text and "Trần Văn Bình" in text and "03/12/2026" in text
    assert "Quyển số" in text and "01/2026" in text
    assert intake.get_dossier(svc, code).receipt_sha256 == printed.sha256


def test_the_documents_are_kept_when_none_are_given_and_checked_when_given(svc, officer):
    code = publish(svc)
    with pytest.raises(ValidationFailed) as exc:
        inbox.accept_online(svc, officer, code, documents=[])
    assert exc.value.errors[0].code == "documents_required"
    with pytest.raises(ValidationFailed):
        inbox.accept_online(svc, officer, code, documents=[DocumentLine(name="Tờ khai", count=0)])
    assert counts(svc)[1] == 0
    info = inbox.accept_online(svc, officer, code)
    assert [x.name for x in info.documents] == ["Tờ khai (bản điện tử)"]
    assert info.note == "Nộp trên Cổng dịch vụ công"


def test_a_dossier_accepted_at_another_counter_meanwhile_is_refused_and_nothing_is_written(svc, demo, officer):
    code = publish(svc)
    other = login(svc, demo, "canbo2", 2)
    inbox.accept_online(svc, other, code)
    before = counts(svc)
    for act in (lambda: inbox.accept_online(svc, officer, code),
                lambda: inbox.refuse_online(svc, officer, code, reason="Sai thẩm quyền"),
                lambda: inbox.request_supplement_online(svc, officer, code, missing=MISSING, reason="Thiếu")):
        with pytest.raises(DomainError) as exc:
            act()
        assert exc.value.code == "online_dossier_not_waiting"
        message = exc.value.message("vi")
        assert code in message and "Lê Thị Bình (quầy 2)" in message and "Được tiếp nhận" in message
        assert "Lê Thị Bình (counter 2)" in exc.value.message("en")
    assert counts(svc) == before
    info = intake.get_dossier(svc, code)
    assert (info.received_by, info.counter_number, info.register_seq) == ("Lê Thị Bình", 2, 1)


def test_a_dossier_withdrawn_on_the_portal_meanwhile_names_the_central(svc, officer):
    code = publish(svc)
    with svc.reading() as s:
        dossier_id = s.execute(sa.select(Dossier.id).where(Dossier.code == code)).scalar_one()
    with svc.transaction() as s:
        apply_changes(s, "online_dossiers", [Change(position=2, op="delete", key=str(dossier_id))], now=svc.now())
    before = counts(svc)
    with pytest.raises(DomainError) as exc:
        inbox.accept_online(svc, officer, code)
    assert "Hệ thống trung tâm" in str(exc.value) and "rút hồ sơ" in str(exc.value)
    assert counts(svc) == before


def test_two_counters_accepting_at_once_one_wins(svc, demo, officer):
    code = publish(svc)
    actors = [officer, login(svc, demo, "canbo2", 2)]
    barrier = threading.Barrier(2)
    results: list[object] = [None, None]

    def run(i):
        barrier.wait()
        try:
            results[i] = inbox.accept_online(svc, actors[i], code)
        except DomainError as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    won = [r for r in results if not isinstance(r, DomainError)]
    lost = [r for r in results if isinstance(r, DomainError)]
    assert len(won) == 1 and len(lost) == 1 and lost[0].code == "online_dossier_not_waiting"
    assert len(outbox_rows(svc)) == 1
    with svc.reading() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(RegisterEntry)).scalar_one() == 1


def test_a_retired_procedure_cannot_be_accepted_but_can_be_refused(svc, officer):
    proc = pick_procedure(svc, days=5)
    code = publish(svc, procedure=proc)
    with svc.transaction() as s:
        apply_changes(s, "procedures", [Change(position=1, op="delete", key=proc.code)], now=svc.now())
    with pytest.raises(DomainError) as exc:
        inbox.accept_online(svc, officer, code)
    assert exc.value.code == "procedure_retired"
    assert counts(svc)[1] == 0
    assert inbox.refuse_online(svc, officer, code, reason="Thủ tục đã bãi bỏ").status is S.REFUSED


# -- supplement and refusal -----------------------------------------------------------------------

def test_asking_for_supplements_gives_form_02_with_the_missing_items(svc, officer, clock):
    code = publish(svc)
    with pytest.raises(DomainError) as exc:
        inbox.request_supplement_online(svc, officer, code, missing=(), reason="Thiếu giấy tờ")
    assert exc.value.code == "missing_items_required"
    with pytest.raises(DomainError) as exc:
        inbox.request_supplement_online(svc, officer, code, missing=MISSING, reason="  ")
    assert exc.value.code == "transition_reason_required"
    assert counts(svc)[1] == 0

    info = inbox.request_supplement_online(svc, officer, code, missing=MISSING, reason="Thiếu bản sao giấy khai sinh")
    assert info.status is S.SUPPLEMENT_REQUESTED and info.paused_at == clock.now
    assert info.register_seq == 0, "not received: no register entry"
    (row,) = outbox_rows(svc)
    assert row.payload["transition"]["from"] == 1 and row.payload["transition"]["to"] == 5
    assert [m["name"] for m in row.payload["missing"]] == [m.name for m in MISSING]
    assert row.payload["number"] == "1/PYCBS"
    assert inbox.online_inbox(svc, officer) == []

    printed = documents.print_form(svc, officer, "02", code)
    text = text_of(printed.pdf)
    assert code in text and "Trần Văn Bình" in text and "1/PYCBS" in text
    assert "Bản sao giấy khai sinh" in text and "Sơ đồ vị trí thửa đất" in text
    assert "Thiếu bản sao giấy khai sinh" in text


def test_refusing_gives_form_03_with_the_reason(svc, officer):
    code = publish(svc)
    with pytest.raises(DomainError) as exc:
        inbox.refuse_online(svc, officer, code, reason=" ")
    assert exc.value.code == "reason_required"
    assert counts(svc)[1] == 0
    info = inbox.refuse_online(svc, officer, code, reason="Hồ sơ không thuộc thẩm quyền giải quyết của xã")
    assert info.status is S.REFUSED and info.register_seq == 0
    (row,) = outbox_rows(svc)
    assert row.payload["transition"] == {"from": 1, "to": 3, "reason": "Hồ sơ không thuộc thẩm quyền giải quyết của xã",
                                         "actor": "canbo1"}
    text = text_of(documents.print_form(svc, officer, "03", code).pdf)
    assert code in text and "Trần Văn Bình" in text and "1/PTC" in text
    assert "Hồ sơ không thuộc thẩm quyền giải quyết của xã" in text
    with pytest.raises(DomainError) as exc:
        inbox.accept_online(svc, officer, code)
    assert exc.value.code == "online_dossier_not_waiting"


# -- roles ----------------------------------------------------------------------------------------

def test_roles(svc, demo, officer):
    first, second, third = publish(svc, seq=901), publish(svc, seq=902), publish(svc, seq=903)
    supervisor = login(svc, demo, "giamsat", None)
    system = Actor(user_id=None, username="cli", full_name="Quản trị qua dòng lệnh", role="system")
    intruder = Actor(user_id=None, username="kiosk", full_name="Máy lấy số", role="kiosk")
    elsewhere = Actor(user_id=None, username="canbo9", full_name="Cán bộ nơi khác", role="officer", counter_number=1,
                      site_id=uuid.uuid4())
    acts = (lambda a: inbox.online_inbox(svc, a),
            lambda a: inbox.accept_online(svc, a, first),
            lambda a: inbox.refuse_online(svc, a, first, reason="x"),
            lambda a: inbox.request_supplement_online(svc, a, first, missing=MISSING, reason="x"))
    no_counter = replace(officer, counter_number=None)
    refusals = ((intruder, "role_forbidden"), (None, "role_forbidden"), (system, "role_forbidden"),
                (elsewhere, "site_forbidden"))
    for actor, code in refusals:
        for act in acts:
            with pytest.raises(DomainError) as exc:
                act(actor)
            assert exc.value.code == code
    with pytest.raises(DomainError) as exc:  # an officer receives at their counter
        inbox.accept_online(svc, no_counter, first)
    assert exc.value.code == "counter_required"
    assert counts(svc)[1] == 0
    assert len(inbox.online_inbox(svc, supervisor)) == 3
    assert inbox.accept_online(svc, supervisor, first).received_by == "Trần Thị Giám Sát"
    info = inbox.accept_online(svc, officer, second)
    assert (info.received_by, info.counter_number, info.register_seq) == ("Nguyễn Văn An", 1, 2)
    assert outbox_rows(svc)[-1].payload["receipt"]["received_by"] == "canbo1"
    assert inbox.refuse_online(svc, officer, third, reason="Sai thẩm quyền").status is S.REFUSED


def test_an_unknown_code_is_not_found(svc, officer):
    with pytest.raises(DomainError) as exc:
        inbox.accept_online(svc, officer, "000.00.06.H56-261125-0999")
    assert exc.value.code == "dossier_not_found"
