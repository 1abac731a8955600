"""The queue service fixes each ticket's durations as they happen (wait, walk, service, idle):
the supervisor's reports sum them instead of re-deriving them from a year of timestamps.
Migration 0007 gives the tickets of before it the same figures."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from counter_app.services import queue
from counter_app.store import migrate
from counter_app.store.engine import make_engine
from counter_app.store.models import Ticket

from tests.helpers import KIOSK


def _ticket(svc, number: str) -> Ticket:
    with svc.reading() as s:
        return s.execute(sa.select(Ticket).where(Ticket.number == number)).scalar_one()


def _durations(t: Ticket) -> tuple:
    return t.wait_seconds, t.walk_seconds, t.service_seconds, t.idle_seconds


def test_wait_walk_service_and_idle_are_recorded(svc, officer, clock):
    field = queue.list_fields(svc)[0].code
    start = clock.now
    first = queue.issue_ticket(svc, field, actor=KIOSK).number
    second = queue.issue_ticket(svc, field, actor=KIOSK).number
    third = queue.issue_ticket(svc, field, actor=KIOSK).number

    clock.set(start + timedelta(minutes=5))
    queue.call_next(svc, officer)                       # waited 5 min
    clock.set(start + timedelta(minutes=6))
    queue.recall(svc, officer)                          # the walk counts from the last call
    clock.set(start + timedelta(minutes=7))
    queue.start_service(svc, officer)
    clock.set(start + timedelta(minutes=19))
    queue.finish(svc, officer)
    assert _durations(_ticket(svc, first)) == (300.0, 60.0, 720.0, None)  # the officer's first ticket: no gap

    clock.set(start + timedelta(minutes=21, seconds=30))
    queue.call_next(svc, officer)
    clock.set(start + timedelta(minutes=22))
    queue.finish(svc, officer)                          # finished straight from "called": walk 30 s, service 0
    assert _durations(_ticket(svc, second)) == (1290.0, 30.0, 0.0, 150.0)  # idle 2 min 30 s since the last finish

    clock.set(start + timedelta(minutes=22 + 61))
    queue.call_next(svc, officer)                       # after a break of over an hour: not idle time
    clock.set(start + timedelta(minutes=22 + 62))
    queue.mark_no_show(svc, officer)
    assert _durations(_ticket(svc, third)) == (4980.0, None, None, None)


def test_a_transferred_ticket_keeps_its_wait_and_walks_again(svc, officer, clock):
    fields = [f.code for f in queue.list_fields(svc)]
    start = clock.now
    number = queue.issue_ticket(svc, fields[0], actor=KIOSK).number
    clock.set(start + timedelta(minutes=3))
    queue.call_next(svc, officer)
    clock.set(start + timedelta(minutes=4))
    queue.start_service(svc, officer)
    assert _durations(_ticket(svc, number))[:2] == (180.0, 60.0)
    queue.transfer(svc, officer, to_field=fields[1], reason="sai lĩnh vực")
    assert _durations(_ticket(svc, number))[:2] == (180.0, None)  # wait = to the first call, kept


def test_migration_0007_backfills_the_durations(svc, officer, clock, db_url):
    field = queue.list_fields(svc)[0].code
    start = clock.now
    for minutes in (0, 1):
        clock.set(start + timedelta(minutes=minutes))
        queue.issue_ticket(svc, field, actor=KIOSK)
    clock.set(start + timedelta(minutes=10))
    queue.call_next(svc, officer)
    clock.set(start + timedelta(minutes=11))
    queue.start_service(svc, officer)
    clock.set(start + timedelta(minutes=20))
    queue.finish(svc, officer)
    clock.set(start + timedelta(minutes=25))
    queue.call_next(svc, officer)
    clock.set(start + timedelta(minutes=30))
    queue.finish(svc, officer)
    with svc.reading() as s:
        recorded = {t.number: _durations(t) for t in s.execute(sa.select(Ticket)).scalars()}
    assert recorded[min(recorded)] == (600.0, 60.0, 540.0, None)

    engine = make_engine(db_url)
    try:
        migrate.downgrade(engine, "0006")
        migrate.upgrade(engine)
        with engine.connect() as c:
            rows = c.execute(sa.select(Ticket.number, Ticket.wait_seconds, Ticket.walk_seconds,
                                       Ticket.service_seconds, Ticket.idle_seconds)).all()
    finally:
        engine.dispose()
    assert {r[0]: tuple(r[1:]) for r in rows} == recorded
