"""Queue numbering through the services: kiosk, counters, display calls, ratings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from counter_app.domain.errors import DomainError
from counter_app.domain.queue import TicketStatus
from counter_app.services import intake, queue
from counter_app.services.context import Actor
from counter_app.store.models import AuditEntry, Rating, Ticket
from tests.helpers import KIOSK, RATING, SYSTEM, intake_request, pick_procedure


def at_counter(officer: Actor, n: int) -> Actor:
    return Actor(officer.user_id, officer.username, officer.full_name, officer.role, n, officer.site_id)


@pytest.fixture
def fields(svc, demo):
    return [f.code for f in queue.list_fields(svc)]


def test_tickets_are_numbered_per_field_and_restart_at_local_midnight(svc, fields, clock):
    a, b = fields[0], fields[1]
    prefix_a = queue.list_fields(svc)[0].prefix
    t1 = queue.issue_ticket(svc, a, actor=KIOSK)
    t2 = queue.issue_ticket(svc, a, actor=KIOSK)
    u1 = queue.issue_ticket(svc, b, actor=KIOSK)
    assert (t1.number, t2.number) == (f"{prefix_a}001", f"{prefix_a}002")
    assert u1.number.endswith("001") and u1.number != t1.number
    assert (t1.ahead, t2.ahead) == (0, 1)
    clock.set(datetime(2026, 11, 26, 16, 59, tzinfo=UTC))  # 23:59 local
    assert queue.issue_ticket(svc, a, actor=KIOSK).number == f"{prefix_a}003"
    clock.set(datetime(2026, 11, 26, 17, 0, tzinfo=UTC))  # 00:00 local, the 27th
    assert queue.issue_ticket(svc, a, actor=KIOSK).number == f"{prefix_a}001"
    # Yesterday's waiting tickets of that field expire with the first ticket of the new day;
    # the others when expire_waiting runs. All stay in the history.
    with svc.reading() as s:
        statuses = sorted(s.execute(sa.select(Ticket.status)).scalars())
    assert statuses == ["expired", "expired", "expired", "waiting", "waiting"]
    assert queue.expire_waiting(svc, actor=SYSTEM) == 1
    assert queue.call_next(svc, Actor(None, "x", "x", "officer", 1)).number == f"{prefix_a}001"


def test_call_recall_no_show_finish_and_one_ticket_per_counter(svc, officer, fields):
    a = fields[0]
    t1 = queue.issue_ticket(svc, a, actor=KIOSK)
    t2 = queue.issue_ticket(svc, a, actor=KIOSK)
    called = queue.call_next(svc, officer)
    assert called.number == t1.number and called.status is TicketStatus.CALLED and called.counter_number == 1
    with pytest.raises(DomainError) as err:
        queue.call_next(svc, officer)  # the counter already holds a ticket
    assert err.value.code == "counter_busy"
    assert queue.recall(svc, officer).call_count == 2
    assert queue.mark_no_show(svc, officer).status is TicketStatus.NO_SHOW
    second = queue.call_next(svc, officer)
    assert second.number == t2.number
    assert queue.start_service(svc, officer).status is TicketStatus.SERVING
    assert queue.finish(svc, officer).status is TicketStatus.DONE
    assert queue.call_next(svc, officer) is None  # nobody waits
    calls = queue.recent_calls(svc)
    assert [(c.number, c.kind) for c in reversed(calls)] == [
        (t1.number, "call"), (t1.number, "recall"), (t2.number, "call")]


def test_two_counters_never_get_the_same_ticket(svc, officer, fields):
    t1 = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    t2 = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    c1 = queue.call_next(svc, at_counter(officer, 1))
    c2 = queue.call_next(svc, at_counter(officer, 2))
    assert {c1.number, c2.number} == {t1.number, t2.number}
    assert queue.call_next(svc, at_counter(officer, 3)) is None


def test_transfer_keeps_the_number_and_the_place(svc, officer, fields, clock):
    a, b = fields[0], fields[1]
    early = queue.issue_ticket(svc, a, actor=KIOSK)
    clock.set(clock.now + timedelta(minutes=1))
    later_b = queue.issue_ticket(svc, b, actor=KIOSK)
    queue.call_next(svc, at_counter(officer, 1))
    moved = queue.transfer(svc, at_counter(officer, 1), to_field=b, reason="sai lĩnh vực")
    assert moved.number == early.number and moved.field_code == b and moved.status is TicketStatus.WAITING
    # It was issued before later_b, so it is called first in its new field.
    assert queue.call_next(svc, at_counter(officer, 2)).number == early.number
    queue.finish(svc, at_counter(officer, 2))
    assert queue.call_next(svc, at_counter(officer, 2)).number == later_b.number
    # Transfer to a counter: only that counter may call it.
    queue.transfer(svc, at_counter(officer, 2), to_counter=4)
    assert queue.call_next(svc, at_counter(officer, 3)) is None
    assert queue.call_next(svc, at_counter(officer, 4)).number == later_b.number


def test_priority_ratio_two_normal_one_priority(svc, officer, fields):
    a = fields[0]
    normals = [queue.issue_ticket(svc, a, actor=KIOSK).number for _ in range(4)]
    prio = [queue.issue_ticket(svc, a, priority="elderly", actor=KIOSK).number for _ in range(2)]
    order = []
    for _ in range(6):
        order.append(queue.call_next(svc, officer).number)
        queue.finish(svc, officer)
    assert order == [prio[0], normals[0], normals[1], prio[1], normals[2], normals[3]]
    with pytest.raises(DomainError):
        queue.issue_ticket(svc, a, priority="vip", actor=KIOSK)


def test_call_specific_needs_a_reason_and_is_audited(svc, officer, fields):
    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    target = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    with pytest.raises(DomainError) as err:
        queue.call_specific(svc, officer, target.number, "  ")
    assert err.value.code == "reason_required"
    called = queue.call_specific(svc, officer, target.number, "Người khuyết tật, đi xe lăn")
    assert called.number == target.number
    with svc.reading() as s:
        entry = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "queue.call_specific")).scalar_one()
        assert entry.details["reason"] == "Người khuyết tật, đi xe lăn"


def test_paused_counter_calls_nobody_and_closed_field_issues_nothing(svc, officer, fields):
    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    queue.set_counter_state(svc, officer, "paused")
    with pytest.raises(DomainError) as err:
        queue.call_next(svc, officer)
    assert err.value.code == "counter_paused"
    queue.set_counter_state(svc, officer, "open")
    assert queue.call_next(svc, officer) is not None


def test_intake_links_the_dossier_to_the_ticket_in_service(svc, officer, fields):
    t = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    queue.call_next(svc, officer)
    d = intake.receive_dossier(svc, officer, intake_request(pick_procedure(svc, days=5)))
    assert d.ticket_number == t.number


def test_rating_is_stored_with_ticket_counter_and_officer(svc, officer, fields):
    t = queue.issue_ticket(svc, fields[0], actor=KIOSK)
    queue.call_next(svc, officer)
    queue.finish(svc, officer)
    assert queue.rating_scale(svc) == ("Rất hài lòng", "Hài lòng", "Không hài lòng")
    with pytest.raises(DomainError) as err:
        queue.rate_service(svc, counter_number=1, value=1, ticket_id=t.id, actor=RATING)
    assert err.value.code == "rating_reason_required"
    queue.rate_service(svc, counter_number=1, value=3, ticket_id=t.id, actor=RATING)
    with svc.reading() as s:
        r = s.execute(sa.select(Rating)).scalar_one()
        assert (r.value, r.counter_number, r.officer_id, r.ticket_id) == (3, 1, officer.user_id, t.id)


def test_queue_status_shows_waiting_and_counters(svc, officer, fields):
    queue.issue_ticket(svc, fields[0], actor=KIOSK)
    queue.issue_ticket(svc, fields[0], priority="pregnant", actor=KIOSK)
    st = queue.queue_status(svc)
    f = next(x for x in st.fields if x.code == fields[0])
    assert (f.waiting, f.priority_waiting) == (2, 1)
    assert [c.number for c in st.counters] == [1, 2, 3, 4]
    queue.call_next(svc, officer)
    st = queue.queue_status(svc)
    assert st.counters[0].current is not None and st.counters[0].current.priority == "pregnant"


def test_field_prefix_range_and_closing_are_settings(svc, admin_actor, fields):
    f = queue.configure_field(svc, admin_actor, fields[0], prefix="Q", start=100, end=101)
    assert f.prefix == "Q"
    assert queue.issue_ticket(svc, fields[0], actor=KIOSK).number == "Q100"
    assert queue.issue_ticket(svc, fields[0], actor=KIOSK).number == "Q101"
    with pytest.raises(DomainError) as err:
        queue.issue_ticket(svc, fields[0], actor=KIOSK)
    assert err.value.code == "ticket_range_exhausted" and err.value.message("vi")
    with pytest.raises(DomainError) as err:
        queue.configure_field(svc, admin_actor, fields[1], prefix="Q")
    assert err.value.code == "prefix_taken"
    queue.configure_field(svc, admin_actor, fields[1], queue_open=False)
    assert fields[1] not in [x.code for x in queue.list_fields(svc, only_open=True)]
    with pytest.raises(DomainError) as err:
        queue.issue_ticket(svc, fields[1], actor=KIOSK)
    assert err.value.code == "field_closed"


def test_display_notice_is_a_site_setting(svc, supervisor_actor, fields):
    queue.set_display_notice(svc, supervisor_actor, "  Hôm nay   tiếp nhận đến 16h30  ")
    assert queue.queue_status(svc).notice == "Hôm nay tiếp nhận đến 16h30"
    with pytest.raises(DomainError):
        queue.set_display_notice(svc, supervisor_actor, "x" * 501)
