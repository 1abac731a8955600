"""The supervisor console's live view and actions (issue 6) on both backends, against
docs/INDICATORS.md ("Live view") and the contract in services/supervisor.py.

The clock starts on Thursday 26/11/2026 09:30 Hà Nội time (conftest); every expectation is
worked out from the clock moves below. Tuesday 24/11/2026 is a national holiday.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.errors import DomainError
from counter_app.domain.intake import DocumentLine
from counter_app.domain.queue import TicketStatus
from counter_app.domain.status import DossierStatus as S
from counter_app.services import catalog, handover, intake, lifecycle, queue, supervisor
from counter_app.services.context import Actor, Services
from counter_app.store.models import AuditEntry, Ticket, User
from tests.helpers import KIOSK, intake_request

HT, GT = "ho_tich", "giao_thong"
PA = "1.004873.000.00.00.H38"  # Hộ tịch, 3 working days


def local(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=LOCAL_TZ)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


@pytest.fixture
def people(svc, demo):
    """The demo accounts as signed in (built from their rows: password checks are slow and tested
    elsewhere); canboN sits at counter N."""
    with svc.reading() as s:
        users = {u.username: u for u in s.execute(sa.select(User)).scalars()}

    def actor(name, counter=None):
        u = users[name]
        return Actor(u.id, u.username, u.full_name, u.role, counter, u.site_id)

    return {"sup": actor("giamsat"), "admin": actor("admin"),
            **{f"canbo{n}": actor(f"canbo{n}", n) for n in (1, 2, 3, 4)}}


def go(clock, when: datetime) -> None:
    clock.set(when.astimezone(UTC))


def fields_of(view) -> dict:
    return {f.code: f for f in view.fields}


def counters_of(view) -> dict:
    return {c.number: c for c in view.counters}


def last_audit(svc, action: str) -> AuditEntry | None:
    with svc.reading() as s:
        return s.execute(sa.select(AuditEntry).where(AuditEntry.action == action)
                         .order_by(AuditEntry.id.desc()).limit(1)).scalar_one_or_none()


def assert_late_first(view) -> None:
    levels = [a.level for a in view.alerts]
    assert levels == sorted(levels, key=lambda x: x != "late"), levels


# -- fields -----------------------------------------------------------------------------------

def test_a_fields_wait_turns_amber_at_80_percent_then_red_past_the_target(svc, people, clock):
    sup = people["sup"]
    go(clock, local(25, 16, 50))
    queue.issue_ticket(svc, GT, actor=KIOSK)  # yesterday's, never called: not waiting today
    go(clock, local(26, 9, 30))
    w1 = queue.issue_ticket(svc, HT, actor=KIOSK)
    go(clock, local(26, 9, 35))
    w2 = queue.issue_ticket(svc, HT, priority="elderly", actor=KIOSK)

    go(clock, local(26, 9, 41))  # oldest waited 11 min of 15: 73 %
    view = supervisor.now_view(svc, sup)
    f = fields_of(view)[HT]
    assert (f.waiting, f.priority_waiting, f.longest_wait) == (2, 1, minutes(11))
    assert f.wait_target == minutes(15) and f.level == "ok"
    assert f.counters == (1, 2, 3, 4)  # no field assigned: every open counter serves every field
    # as the kiosk would print it: 2 ahead, 4 open counters, no history (8 min) → one round of 8 min
    kiosk = next(x for x in queue.list_fields(svc) if x.code == HT)
    assert f.estimated_wait == kiosk.estimated_wait == minutes(8)
    assert fields_of(view)[GT].waiting == 0 and fields_of(view)[GT].longest_wait == timedelta(0)
    assert fields_of(view)[GT].level == "ok"
    assert [(x.number, x.priority, x.wait) for x in view.waiting] == [
        (w1.number, None, minutes(11)), (w2.number, "elderly", minutes(6))]  # longest waiting first
    assert view.waiting[0].queued_at == local(26, 9, 30)
    assert not [a for a in view.alerts if a.kind == "wait"]

    go(clock, local(26, 9, 42))  # 12 of 15 min = 80 %: amber
    view = supervisor.now_view(svc, sup)
    assert fields_of(view)[HT].level == "warning"
    assert [x.level for x in view.waiting] == ["warning", "ok"]  # w2 has waited 7 min
    assert all(a.level == "warning" for a in view.alerts if a.kind == "wait")

    go(clock, local(26, 9, 45))  # exactly the target: not past it yet
    assert fields_of(supervisor.now_view(svc, sup))[HT].level == "warning"

    go(clock, local(26, 9, 45, 1))  # past the target: red, and an alert
    view = supervisor.now_view(svc, sup)
    late = fields_of(view)[HT]
    assert late.level == "late" and late.longest_wait == minutes(15) + timedelta(seconds=1)
    assert view.waiting[0].level == "late"
    assert [(a.kind, a.level, a.subject) for a in view.alerts if a.kind == "wait"] == [("wait", "late", HT)]
    assert view.alerts[0].message("vi") and view.alerts[0].message("en")
    assert_late_first(view)

    # the field's own target (30 min): 15 min 1 s is 50 % of it
    supervisor.set_targets(svc, sup, max_wait_minutes=30, field_code=HT)
    view = supervisor.now_view(svc, sup)
    assert fields_of(view)[HT].wait_target == minutes(30) and fields_of(view)[HT].level == "ok"
    assert not [a for a in view.alerts if a.kind == "wait"]


def test_no_open_counter_for_people_waiting_is_an_alert(svc, people, clock):
    sup = people["sup"]
    for n in (1, 2, 3, 4):
        supervisor.set_counter_fields(svc, sup, n, [HT])
    queue.issue_ticket(svc, GT, actor=KIOSK)
    view = supervisor.now_view(svc, sup)
    assert fields_of(view)[GT].counters == () and fields_of(view)[HT].counters == (1, 2, 3, 4)
    assert [(a.kind, a.subject) for a in view.alerts if a.kind == "no_counter"] == [("no_counter", GT)]
    supervisor.set_counter_fields(svc, sup, 4, [HT, GT])
    view = supervisor.now_view(svc, sup)
    assert fields_of(view)[GT].counters == (4,)
    assert not [a for a in view.alerts if a.kind == "no_counter"]


# -- counters ---------------------------------------------------------------------------------

def test_counter_states_officers_and_service_time(svc, people, clock):
    sup, c1, c2, c3, c4 = (people[k] for k in ("sup", "canbo1", "canbo2", "canbo3", "canbo4"))
    go(clock, local(26, 9, 0))
    queue.set_counter_state(svc, c3, "paused")
    queue.set_counter_state(svc, c4, "closed")
    go(clock, local(26, 9, 20))
    x = queue.issue_ticket(svc, HT, actor=KIOSK)
    go(clock, local(26, 9, 21))
    y = queue.issue_ticket(svc, HT, actor=KIOSK)
    go(clock, local(26, 9, 30))
    assert queue.call_next(svc, c1).number == x.number  # waited 10 min
    queue.start_service(svc, c1)
    go(clock, local(26, 9, 31))
    assert queue.call_next(svc, c2).number == y.number  # waited 10 min
    go(clock, local(26, 9, 33))
    queue.finish(svc, c2)

    go(clock, local(26, 9, 40))
    view = supervisor.now_view(svc, sup)
    counters = counters_of(view)
    assert [c.state for c in view.counters] == ["serving", "idle", "paused", "closed"]
    one = counters[1]
    assert (one.officer_name, one.ticket_number, one.field_code) == ("Nguyễn Văn An", x.number, HT)
    assert one.since == local(26, 9, 30) and one.in_service_for == minutes(10)
    assert one.service_target == minutes(20) and one.level == "ok" and one.served_today == 0
    two = counters[2]
    assert (two.officer_name, two.ticket_number, two.since, two.in_service_for) == ("Lê Thị Bình", "", None, None)
    assert two.served_today == 1 and two.level == "ok"
    assert counters[3].ticket_number == "" and counters[4].ticket_number == ""
    f = fields_of(view)[HT]
    assert f.served_today == 1 and f.avg_wait_today == minutes(10)  # x and y both waited 10 min
    assert f.counters == (1, 2)  # 3 paused, 4 closed
    assert not [a for a in view.alerts if a.kind == "service"]

    go(clock, local(26, 9, 46))  # 16 of 20 min = 80 %
    assert counters_of(supervisor.now_view(svc, sup))[1].level == "warning"
    go(clock, local(26, 9, 50))  # exactly 20 min: not past
    assert counters_of(supervisor.now_view(svc, sup))[1].level == "warning"
    go(clock, local(26, 9, 51))  # 21 min: red, and an alert
    view = supervisor.now_view(svc, sup)
    assert counters_of(view)[1].level == "late" and counters_of(view)[1].in_service_for == minutes(21)
    assert [(a.kind, a.level, a.subject) for a in view.alerts if a.kind == "service"] == [("service", "late", "1")]
    assert_late_first(view)

    # the field's own service target (30 min): 21 min = 70 %
    supervisor.set_targets(svc, sup, max_service_minutes=30, field_code=HT)
    view = supervisor.now_view(svc, sup)
    assert counters_of(view)[1].service_target == minutes(30) and counters_of(view)[1].level == "ok"


# -- dossiers ---------------------------------------------------------------------------------

def _receive(svc, officer, clock, when: datetime) -> str:
    go(clock, when)
    return intake.receive_dossier(svc, officer, intake_request(catalog.get_procedure(svc, PA))).code


def _at(svc, clock, when, fn, *args, **kwargs):
    go(clock, when)
    return fn(svc, *args, **kwargs)


def test_dossier_counts_and_lists(svc, people, clock):
    sup, c1 = people["sup"], people["canbo1"]
    missing = (DocumentLine(name="Tờ khai", count=1),)
    # PA: 3 working days; Tue 24/11 is a holiday.
    e4 = _receive(svc, c1, clock, local(16, 9, 0))   # result Thu 19 10:00: 7 days uncollected
    e6 = _receive(svc, c1, clock, local(16, 10, 0))  # result Thu 19, collected Fri 20
    _at(svc, clock, local(19, 10, 0), lifecycle.transition, c1, e4, S.RESULT_READY)
    e2 = _receive(svc, c1, clock, local(19, 10, 0))  # due Wed 25 10:00, processing: overdue
    e3 = _receive(svc, c1, clock, local(19, 11, 0))  # due Wed 25 11:00 but waiting for papers: supplement
    _at(svc, clock, local(19, 12, 0), lifecycle.transition, c1, e6, S.RESULT_READY)
    e1 = _receive(svc, c1, clock, local(20, 11, 0))  # due Mon 23, Wed 25, Thu 26 11:00: due today
    e7 = _receive(svc, c1, clock, local(20, 11, 30))  # due today 11:30 but withdrawn: in no list
    _at(svc, clock, local(20, 15, 0), handover.hand_over, c1, e6, collector=handover.Collector("owner"))
    _at(svc, clock, local(23, 8, 0), lifecycle.transition, c1, e2, S.PROCESSING)
    _at(svc, clock, local(23, 8, 0), lifecycle.transition, c1, e1, S.PROCESSING)
    _at(svc, clock, local(23, 9, 0), lifecycle.transition, c1, e3, S.SUPPLEMENT_REQUESTED, reason="Thiếu tờ khai",
        missing=missing)
    e5 = _receive(svc, c1, clock, local(23, 9, 0))  # result Mon 23 15:00: 2 days 19 h ago
    _at(svc, clock, local(23, 10, 0), lifecycle.withdraw, c1, e7, reason="Công dân xin rút")
    _at(svc, clock, local(23, 15, 0), lifecycle.transition, c1, e5, S.RESULT_READY)
    go(clock, local(26, 10, 0))

    def listed(kind):
        items = supervisor.dossier_list(svc, sup, kind)
        return {i.code for i in items}

    assert listed("due_today") == {e1}
    assert listed("overdue") == {e2}
    assert listed("supplement") == {e3}
    assert listed("uncollected") == {e4}  # more than 5 days; e5 only 2 days 19 h
    view = supervisor.now_view(svc, sup)
    assert view.dossiers == {"due_today": 1, "overdue": 1, "supplement": 1, "uncollected": 1}
    assert {"overdue", "uncollected"} <= {a.kind for a in view.alerts}
    assert_late_first(view)

    supervisor.set_targets(svc, sup, uncollected_days=1)
    assert listed("uncollected") == {e4, e5}
    assert supervisor.now_view(svc, sup).dossiers["uncollected"] == 2

    go(clock, local(26, 11, 1))  # e1 is now past 11:00: overdue too, and still due today
    assert listed("overdue") == {e1, e2}
    with pytest.raises((DomainError, ValueError)):
        supervisor.dossier_list(svc, sup, "everything")


# -- targets ----------------------------------------------------------------------------------

def test_targets_are_site_settings_validated_and_persisted(svc, people, db_url, tmp_path, clock):
    sup = people["sup"]
    assert supervisor.targets(svc) == supervisor.Targets()
    t = supervisor.set_targets(svc, sup, max_wait_minutes=10, max_service_minutes=25, uncollected_days=3)
    assert (t.max_wait, t.max_service, t.uncollected_days) == (minutes(10), minutes(25), 3)
    t = supervisor.set_targets(svc, people["admin"], max_wait_minutes=30, max_service_minutes=40, field_code=HT)
    assert (t.wait_target(HT), t.service_target(HT)) == (minutes(30), minutes(40))
    assert (t.wait_target(GT), t.service_target(GT)) == (minutes(10), minutes(25))
    # persisted in the database: another Services instance reads them back
    other = Services(db_url, archive_dir=tmp_path / "other", clock=clock)
    try:
        again = supervisor.targets(other)
    finally:
        other.close()
    assert again == t and again.uncollected_days == 3

    bad = [dict(max_wait_minutes=0), dict(max_wait_minutes=-5), dict(max_wait_minutes=100_000),
           dict(max_service_minutes=0), dict(max_service_minutes=-1), dict(max_service_minutes=100_000),
           dict(uncollected_days=0), dict(uncollected_days=-2), dict(uncollected_days=100_000),
           dict(max_wait_minutes=-3, field_code=HT), dict(max_wait_minutes=10, field_code="khong_co")]
    for kwargs in bad:
        with pytest.raises(DomainError):
            supervisor.set_targets(svc, sup, **kwargs)
        assert supervisor.targets(svc) == t, kwargs  # nothing half-written
    with pytest.raises(DomainError) as err:
        supervisor.set_targets(svc, people["canbo1"], max_wait_minutes=12)
    assert err.value.code == "role_forbidden"
    assert supervisor.targets(svc) == t


# -- actions ----------------------------------------------------------------------------------

def test_move_a_waiting_ticket_keeps_its_place_and_is_audited(svc, people, clock):
    sup, c1 = people["sup"], people["canbo1"]
    go(clock, local(26, 9, 0))
    a1 = queue.issue_ticket(svc, HT, actor=KIOSK)
    go(clock, local(26, 9, 5))
    h1 = queue.issue_ticket(svc, GT, actor=KIOSK)
    go(clock, local(26, 9, 20))
    with pytest.raises(DomainError) as err:
        supervisor.move_waiting_ticket(svc, c1, a1.number, GT, "sai lĩnh vực")
    assert err.value.code == "role_forbidden"
    moved = supervisor.move_waiting_ticket(svc, sup, a1.number, GT, "Công dân chọn nhầm lĩnh vực")
    assert (moved.id, moved.number, moved.field_code, moved.status) == (a1.id, a1.number, GT, TicketStatus.WAITING)
    assert moved.queued_at == a1.queued_at == local(26, 9, 0)
    entry = last_audit(svc, "queue.move")
    assert entry is not None and entry.actor_username == "giamsat"
    with svc.reading() as s:
        row = s.get(Ticket, a1.id)
        assert (row.field_code, row.status, row.queued_at) == (GT, "waiting", local(26, 9, 0))
    view = supervisor.now_view(svc, sup)
    assert fields_of(view)[GT].waiting == 2 and fields_of(view)[HT].waiting == 0
    assert fields_of(view)[GT].longest_wait == minutes(20)  # it kept its queue time
    # it is called before h1 (queued 09:05) in its new field
    supervisor.set_counter_fields(svc, sup, 1, [GT])
    assert queue.call_next(svc, c1).number == a1.number
    # no longer waiting: refused; unknown ticket or field: refused
    for number, field_code in ((a1.number, HT), ("Z999", GT), (h1.number, "khong_co")):
        with pytest.raises(DomainError):
            supervisor.move_waiting_ticket(svc, sup, number, field_code, "x")
    with svc.reading() as s:
        assert s.get(Ticket, h1.id).field_code == GT
        assert s.get(Ticket, a1.id).status == "called"


def test_counter_fields_and_hall_notice_through_the_supervisor(svc, people, clock):
    sup, c1 = people["sup"], people["canbo1"]
    supervisor.set_counter_fields(svc, sup, 2, [GT])
    assert counters_of(supervisor.now_view(svc, sup))[2].fields == (GT,)
    entry = last_audit(svc, "queue.counter_fields")
    assert entry.actor_username == "giamsat" and entry.entity_id == "2"
    supervisor.broadcast_notice(svc, sup, "  Hệ thống   tạm dừng 15 phút  ")
    assert supervisor.now_view(svc, sup).notice == "Hệ thống tạm dừng 15 phút"
    assert queue.queue_status(svc).notice == "Hệ thống tạm dừng 15 phút"
    entry = last_audit(svc, "queue.display_notice")
    assert entry.actor_username == "giamsat"
    with pytest.raises(DomainError) as err:
        supervisor.set_counter_fields(svc, c1, 2, [HT])
    assert err.value.code == "role_forbidden"
    with pytest.raises(DomainError) as err:
        supervisor.broadcast_notice(svc, c1, "Nghỉ trưa")
    assert err.value.code == "role_forbidden"
    view = supervisor.now_view(svc, sup)
    assert counters_of(view)[2].fields == (GT,) and view.notice == "Hệ thống tạm dừng 15 phút"


def test_officers_cannot_open_the_console(svc, people):
    for call in (lambda a: supervisor.now_view(svc, a),
                 lambda a: supervisor.dossier_list(svc, a, "overdue")):
        with pytest.raises(DomainError) as err:
            call(people["canbo1"])
        assert err.value.code == "role_forbidden"
        for ok in (people["sup"], people["admin"]):
            call(ok)
        with pytest.raises(DomainError) as err:  # the database operator is not a supervisor
            call(Actor(None, "cli", "Dòng lệnh", "system"))
        assert err.value.code == "role_forbidden"
    stranger = replace(people["sup"], site_id=uuid.uuid4())
    with pytest.raises(DomainError) as err:
        supervisor.now_view(svc, stranger)
    assert err.value.code == "site_forbidden"
