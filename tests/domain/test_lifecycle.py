"""The lifecycle state machine and the supplement clock stop (pure domain)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from counter_app.domain.calendar import LOCAL_TZ, Counting, WorkCalendar, extend_due
from counter_app.domain.errors import DomainError
from counter_app.domain.lifecycle import (
    FINAL,
    TRANSITIONS,
    allowed_targets,
    check_new_due,
    check_transition,
    needs_reason,
)
from counter_app.domain.status import DossierStatus as S

LEGAL = {
    (1, 2), (1, 3), (1, 5), (1, 7),
    (2, 4), (2, 5), (2, 6), (2, 7), (2, 8), (2, 9),
    (4, 5), (4, 6), (4, 7), (4, 8), (4, 9),
    (5, 2), (5, 4), (5, 7), (5, 8),
    (6, 4), (6, 7), (6, 8), (6, 9),
    (9, 4), (9, 10),
}
ALL_PAIRS = [(a, b) for a in S for b in S]


def test_the_table_is_the_documented_one():
    assert {(int(a), int(b)) for a, targets in TRANSITIONS.items() for b in targets} == LEGAL
    assert FINAL == {S.REFUSED, S.WITHDRAWN, S.STOPPED, S.RETURNED}


@pytest.mark.parametrize(("current", "target"), ALL_PAIRS, ids=lambda s: str(int(s)))
def test_every_pair_is_allowed_or_refused_with_a_reason(current, target):
    legal = (int(current), int(target)) in LEGAL
    reason = "Lý do cụ thể"
    if legal and not (current is S.RESULT_READY and target is S.RETURNED):
        check_transition(current, target, reason=reason)
        return
    if legal:  # 9 → 10 only through the handover
        with pytest.raises(DomainError) as err:
            check_transition(current, target, reason=reason)
        assert err.value.code == "transition_needs_handover"
        check_transition(current, target, via_handover=True)
        return
    with pytest.raises(DomainError) as err:
        check_transition(current, target, reason=reason)
    assert err.value.code in ("transition_illegal", "transition_from_final")
    message = err.value.message("vi")
    assert current.label("vi") in message and target.label("vi") in message
    if err.value.code == "transition_illegal":
        # the officer is told what is possible instead
        for allowed in allowed_targets(current):
            assert allowed.label("vi") in message


@pytest.mark.parametrize("target", [S.REFUSED, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.WITHDRAWN, S.STOPPED])
def test_moves_that_need_a_reason(target):
    current = S.REGISTERED_ONLINE if target is S.REFUSED else S.RECEIVED
    with pytest.raises(DomainError) as err:
        check_transition(current, target, reason="   ")
    assert err.value.code == "transition_reason_required"
    assert target.label("vi") in err.value.message("vi")
    assert needs_reason(current, target)


def test_recalling_a_result_needs_a_reason_but_processing_does_not():
    assert needs_reason(S.RESULT_READY, S.PROCESSING)
    assert not needs_reason(S.RECEIVED, S.PROCESSING)
    check_transition(S.RECEIVED, S.PROCESSING)


def test_english_message():
    with pytest.raises(DomainError) as err:
        check_transition(S.RETURNED, S.PROCESSING)
    assert "Returned" in err.value.message("en") and "Processing" in err.value.message("en")


def _at(y, m, d, hh=9, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ)


CAL = WorkCalendar(public_holidays=set())


@pytest.mark.parametrize(
    ("due", "paused", "resumed", "expected"),
    [
        # Due Fri 4 Dec 10:00; asked Mon 30 Nov, papers back Thu 3 Dec: Tue, Wed, Thu stopped → +3 working days.
        (_at(2026, 12, 4, 10), _at(2026, 11, 30), _at(2026, 12, 3, 14), _at(2026, 12, 9, 10)),
        # Answered the same day: nothing moves.
        (_at(2026, 12, 4, 10), _at(2026, 11, 30, 8), _at(2026, 11, 30, 16), _at(2026, 12, 4, 10)),
        # Asked Friday, back Monday: the weekend does not count, Monday does → +1.
        (_at(2026, 12, 4, 10), _at(2026, 11, 27), _at(2026, 11, 30), _at(2026, 12, 7, 10)),
        # A long wait over two weekends: Mon 30 Nov → Mon 14 Dec = 10 working days.
        (_at(2026, 12, 4, 15, 30), _at(2026, 11, 30), _at(2026, 12, 14), _at(2026, 12, 18, 15, 30)),
    ],
)
def test_supplement_clock_stop_working_days(due, paused, resumed, expected):
    assert extend_due(due, paused, resumed, Counting.WORKING_DAYS, CAL) == expected


def test_supplement_clock_stop_skips_holidays_and_site_days_off():
    cal = WorkCalendar(public_holidays={date(2026, 12, 8)}, extra_days_off={date(2026, 12, 2)})
    # stopped Tue 1 → Thu 3 Dec: Wed 2 is a site day off → 1 working day (Thu);
    # due Mon 7 + 1 working day, Tue 8 a holiday → Wed 9.
    assert extend_due(_at(2026, 12, 7, 10), _at(2026, 12, 1), _at(2026, 12, 3), Counting.WORKING_DAYS, cal) == _at(
        2026, 12, 9, 10
    )


def test_supplement_clock_stop_calendar_days():
    # 4 calendar days waited; due Wed 2 Dec + 4 = Sun 6 Dec → next working day Mon 7 Dec.
    got = extend_due(_at(2026, 12, 2, 16), _at(2026, 11, 26), _at(2026, 11, 30), Counting.CALENDAR_DAYS, CAL)
    assert got == _at(2026, 12, 7, 16)


def test_new_due_must_be_later():
    now = _at(2026, 11, 26)
    due = _at(2026, 11, 30)
    check_new_due(due, due + timedelta(days=3), now)
    for bad, code in ((due, "new_due_not_later"), (due - timedelta(days=1), "new_due_not_later")):
        with pytest.raises(DomainError) as err:
            check_new_due(due, bad, now)
        assert err.value.code == code
    with pytest.raises(DomainError) as err:
        check_new_due(_at(2026, 11, 20), _at(2026, 11, 25), now)
    assert err.value.code == "new_due_past"
    with pytest.raises(DomainError):
        check_new_due(due, datetime(2026, 12, 5), now)
