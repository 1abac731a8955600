"""Queue tickets: transitions, the next-ticket rules, numbers, waits and announcements (DOMAIN §7)."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta

import pytest

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.errors import DomainError
from counter_app.domain.queue import (
    DEFAULT_PRIORITY_CATEGORIES,
    SPOKEN_CLIPS,
    CounterStreak,
    PolicyMode,
    PriorityCategory,
    QueuePolicy,
    TicketStatus,
    WaitingTicket,
    announcement_text,
    call_order,
    can_transition,
    check_ticket_range,
    check_transition,
    choose_next,
    eligible,
    estimate_wait,
    find_priority_category,
    format_ticket_number,
    requeued,
    spoken_parts,
)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=LOCAL_TZ)
W, C, S, D, N, E = (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.DONE,
                    TicketStatus.NO_SHOW, TicketStatus.EXPIRED)
RATIO2 = QueuePolicy()  # the default: RATIO, 2 normal : 1 priority
RATIO1 = QueuePolicy(normal_per_priority=1)
PFIRST = QueuePolicy(mode=PolicyMode.PRIORITY_FIRST, max_normal_wait=timedelta(minutes=20))


def ticket(id_: str, *, field: str = "a", prio: str | None = None, minute: float = 0,
           number: str | None = None, target: int | None = None) -> WaitingTicket:
    return WaitingTicket(id=id_, number=number or id_, field_code=field, priority=prio,
                         queued_at=T0 + timedelta(minutes=minute), target_counter=target)


# --- statuses and transitions ----------------------------------------------------------------

STATUS_CASES = [
    ("waiting", "Đang chờ", "Waiting"),
    ("called", "Đang gọi", "Called"),
    ("serving", "Đang phục vụ", "Being served"),
    ("done", "Đã phục vụ xong", "Done"),
    ("no_show", "Vắng mặt", "No-show"),
    ("expired", "Hết hiệu lực", "Expired"),
]


@pytest.mark.parametrize(("value", "vi", "en"), STATUS_CASES)
def test_status_values_and_labels(value, vi, en):
    status = TicketStatus(value)
    assert (status.label(), status.label("vi_VN"), status.label("en-US")) == (vi, vi, en)


def test_exactly_the_six_statuses():
    assert [s.value for s in TicketStatus] == [case[0] for case in STATUS_CASES]


# Written out by hand from CONTRACTS, not derived from the module's table.
ALLOWED = {
    (W, C): "call",
    (C, C): "recall",
    (C, S): "start",
    (C, N): "no-show",
    (C, W): "transfer / requeue",
    (S, D): "finish",
    (S, W): "transfer",
    (W, E): "end of day",
}
ALL_PAIRS = [(a, b) for a in TicketStatus for b in TicketStatus]


@pytest.mark.parametrize(("from_", "to"), ALL_PAIRS, ids=[f"{a}->{b}" for a, b in ALL_PAIRS])
def test_transition_table(from_, to):
    allowed = (from_, to) in ALLOWED
    assert can_transition(from_, to) is allowed
    assert can_transition(from_.value, to.value) is allowed
    if allowed:
        check_transition(from_, to)
        return
    with pytest.raises(DomainError) as info:
        check_transition(from_.value, to.value)
    error = info.value
    assert error.code == "ticket_transition"
    assert (error.params["from_status"], error.params["to_status"]) == (from_.value, to.value)
    assert (error.params["from_"], error.params["to"]) == (from_.label("vi"), to.label("vi"))
    assert from_.label("vi") in str(error) and to.label("vi") in str(error)
    assert from_.label("en") in error.message("en") and to.label("en") in error.message("en")
    assert "{" not in str(error) and "{" not in error.message("en")


def test_transition_error_names_the_states_in_vietnamese():
    with pytest.raises(DomainError) as info:
        check_transition("done", "called")
    assert "“Đã phục vụ xong”" in str(info.value) and "“Đang gọi”" in str(info.value)
    restored = pickle.loads(pickle.dumps(info.value))
    assert str(restored) == str(info.value)
    assert info.value.message("en") == (
        "A ticket cannot go from “Done” to “Called”; another counter may have just handled it, "
        "please look at the queue again."
    )


def test_final_statuses_go_nowhere():
    for final in (D, N, E):
        assert not any(can_transition(final, to) for to in TicketStatus)


def test_unknown_status_is_a_program_error():
    with pytest.raises(ValueError):
        check_transition("waiting", "lost")


# --- policy, streak, eligibility ---------------------------------------------------------------

@pytest.mark.parametrize(
    "kwargs",
    [
        {"normal_per_priority": 0},
        {"normal_per_priority": -1},
        {"max_normal_wait": timedelta(0)},
        {"max_normal_wait": timedelta(minutes=-5)},
        {"mode": "fifo"},
    ],
)
def test_policy_rejects_settings_that_would_starve_or_make_no_sense(kwargs):
    with pytest.raises(ValueError):
        QueuePolicy(**kwargs)


def test_policy_rejects_a_bool_ratio_and_accepts_mode_strings():
    with pytest.raises(TypeError):
        QueuePolicy(normal_per_priority=True)
    assert QueuePolicy(mode="priority_first").mode is PolicyMode.PRIORITY_FIRST
    assert PolicyMode.RATIO.label() != PolicyMode.RATIO.label("en")


STREAK_CASES = [
    # before, ticket called is priority?, after
    (None, False, None),  # still no priority call: priority stays due
    (None, True, 0),
    (0, False, 1),
    (1, False, 2),
    (2, False, 3),
    (5, True, 0),
]


@pytest.mark.parametrize(("before", "prio", "after"), STREAK_CASES)
def test_streak_after_a_call(before, prio, after):
    called = ticket("x", prio="elderly" if prio else None)
    assert CounterStreak(before).after(called) == CounterStreak(after)


@pytest.mark.parametrize(("count", "due"), [(None, True), (0, False), (1, False), (2, True), (3, True)])
def test_priority_due_with_two_normal_per_priority(count, due):
    assert CounterStreak(count).priority_due(RATIO2) is due


def test_empty_priority_code_is_a_normal_ticket():
    assert not ticket("x", prio="").is_priority
    assert ticket("x", prio="merit").is_priority


ELIGIBLE_CASES = [
    # id, field, target, eligible at counter 1 serving fields {"a", "b"}
    ("served-field", "a", None, True),
    ("other-served-field", "b", None, True),
    ("unserved-field", "c", None, False),
    ("targeted-here-served-field", "a", 1, True),
    ("targeted-here-unserved-field", "c", 1, True),
    ("targeted-elsewhere-served-field", "a", 2, False),
    ("targeted-elsewhere-unserved-field", "c", 2, False),
]


@pytest.mark.parametrize(("name", "field", "target", "expected"), ELIGIBLE_CASES)
def test_eligibility(name, field, target, expected):
    t = ticket(name, field=field, target=target)
    assert eligible([t], counter_number=1, fields={"a", "b"}) == ([t] if expected else [])


def test_eligible_keeps_the_given_order():
    tickets = [ticket("3", minute=3), ticket("x", field="c"), ticket("1", minute=1), ticket("2", minute=2)]
    assert [t.id for t in eligible(tickets, counter_number=1, fields=["a"])] == ["3", "1", "2"]


# --- choose_next --------------------------------------------------------------------------------

CHOOSE_CASES = [
    # id, tickets, policy, streak normal_since_priority, minutes after T0, expected id (None = no call)
    ("nothing-waiting", [], RATIO2, None, 0, None),
    ("nothing-eligible", [ticket("c1", field="c"), ticket("t2", target=2)], RATIO2, None, 0, None),
    ("ratio-first-call-priority-first",
     [ticket("n1", minute=0), ticket("p1", prio="elderly", minute=5)], RATIO2, None, 10, "p1"),
    ("ratio-just-called-priority",
     [ticket("n1", minute=0), ticket("p1", prio="elderly", minute=5)], RATIO2, 0, 10, "n1"),
    ("ratio-one-normal-of-two",
     [ticket("n1", minute=0), ticket("p1", prio="elderly", minute=5)], RATIO2, 1, 10, "n1"),
    ("ratio-two-normal-of-two",
     [ticket("n1", minute=0), ticket("p1", prio="elderly", minute=5)], RATIO2, 2, 10, "p1"),
    ("ratio-1-to-1-after-one-normal",
     [ticket("n1", minute=0), ticket("p1", prio="elderly", minute=5)], RATIO1, 1, 10, "p1"),
    ("ratio-1-to-1-after-priority",
     [ticket("n1", minute=0), ticket("p1", prio="elderly", minute=5)], RATIO1, 0, 10, "n1"),
    ("only-priority-waiting-not-its-turn", [ticket("p1", prio="pregnant")], RATIO2, 0, 0, "p1"),
    ("only-normal-waiting-priority-due", [ticket("n1")], RATIO2, None, 0, "n1"),
    ("ineligible-priority-does-not-count",
     [ticket("n1"), ticket("p1", prio="elderly", field="c")], RATIO2, None, 0, "n1"),
    ("oldest-first-in-class",
     [ticket("n2", minute=2), ticket("n1", minute=1), ticket("n3", minute=3)], RATIO2, None, 5, "n1"),
    ("tie-on-time-by-number",
     [ticket("x", minute=1, number="A002"), ticket("y", minute=1, number="A001")], RATIO2, None, 5, "y"),
    ("tie-on-time-across-fields-by-number",
     [ticket("x", field="b", minute=1, number="B001"), ticket("y", minute=1, number="A007")], RATIO2, None, 5, "y"),
    ("targeted-here-before-older-of-class",
     [ticket("old", minute=0), ticket("tr", minute=9, target=1)], RATIO2, None, 10, "tr"),
    ("targeted-here-in-unserved-field", [ticket("tr", field="c", minute=9, target=1)], RATIO2, None, 10, "tr"),
    ("targeted-elsewhere-never", [ticket("tr", minute=0, target=2), ticket("n1", minute=5)], RATIO2, None, 10, "n1"),
    ("targeted-oldest-first-among-targeted",
     [ticket("t2", minute=4, target=1), ticket("t1", minute=3, target=1), ticket("n", minute=0)],
     RATIO2, None, 5, "t1"),
    ("targeted-priority-waits-for-its-turn",
     [ticket("tp", prio="elderly", target=1), ticket("n1", minute=5)], RATIO2, 0, 10, "n1"),
    ("targeted-normal-goes-on-normal-turn",
     [ticket("p1", prio="elderly"), ticket("n1", minute=1), ticket("tn", minute=8, target=1)], RATIO2, 1, 10, "tn"),
    ("pfirst-priority-before-older-normal",
     [ticket("n1", minute=0), ticket("p1", prio="merit", minute=5)], PFIRST, 2, 19, "p1"),
    ("pfirst-normal-one-second-short-of-max",
     [ticket("n1", minute=0), ticket("p1", prio="merit", minute=5)], PFIRST, None, 20 - 1 / 60, "p1"),
    ("pfirst-normal-at-max-goes-first",
     [ticket("n1", minute=0), ticket("p1", prio="merit", minute=5)], PFIRST, None, 20, "n1"),
    ("pfirst-oldest-overdue-normal-first",
     [ticket("n2", minute=1), ticket("n1", minute=0), ticket("p1", prio="merit")], PFIRST, None, 30, "n1"),
    ("pfirst-overdue-normal-ignores-streak",
     [ticket("n1", minute=0), ticket("p1", prio="merit")], PFIRST, 0, 25, "n1"),
    ("pfirst-overdue-ineligible-normal-does-not-count",
     [ticket("n1", field="c"), ticket("n2", minute=15), ticket("p1", prio="merit")], PFIRST, None, 25, "p1"),
    ("pfirst-overdue-normal-class-still-targeted-first",
     [ticket("n1", minute=0), ticket("tn", minute=12, target=1), ticket("p1", prio="merit")], PFIRST, None, 25, "tn"),
    ("pfirst-only-normal", [ticket("n1")], PFIRST, None, 0, "n1"),
]


@pytest.mark.parametrize(("name", "tickets", "policy", "count", "minutes", "expected"), CHOOSE_CASES,
                         ids=[case[0] for case in CHOOSE_CASES])
def test_choose_next(name, tickets, policy, count, minutes, expected):
    chosen = choose_next(tickets, counter_number=1, fields={"a", "b"}, policy=policy,
                         streak=CounterStreak(count), now=T0 + timedelta(minutes=minutes))
    assert (chosen.id if chosen else None) == expected


ORDER_CASES = [
    # policy, starting streak, expected order of ids (all queued a minute apart, in the listed order)
    (RATIO2, None, ["p1", "n1", "n2", "p2", "n3", "n4", "p3", "n5", "n6"]),
    (RATIO2, 1, ["n1", "p1", "n2", "n3", "p2", "n4", "n5", "p3", "n6"]),
    (RATIO1, None, ["p1", "n1", "p2", "n2", "p3", "n3", "n4", "n5", "n6"]),
    (QueuePolicy(normal_per_priority=3), 0, ["n1", "n2", "n3", "p1", "n4", "n5", "n6", "p2", "p3"]),
]


@pytest.mark.parametrize(("policy", "count", "expected"), ORDER_CASES)
def test_ratio_call_order(policy, count, expected):
    ids = ["n1", "p1", "n2", "n3", "p2", "n4", "p3", "n5", "n6"]
    tickets = [ticket(i, prio="elderly" if i[0] == "p" else None, minute=k) for k, i in enumerate(ids)]
    order = call_order(tickets, counter_number=1, fields={"a"}, policy=policy, streak=CounterStreak(count),
                       now=T0 + timedelta(minutes=10))
    assert [t.id for t in order] == expected


def test_call_order_skips_what_this_counter_cannot_call():
    tickets = [ticket("n1"), ticket("c1", field="c"), ticket("t2", target=2), ticket("t1", field="c", target=1)]
    order = call_order(tickets, counter_number=1, fields={"a"}, policy=RATIO2, streak=CounterStreak(), now=T0)
    assert [t.id for t in order] == ["t1", "n1"]


def test_a_transfer_keeps_its_place():
    served = ticket("n1", minute=0)
    later = [ticket("n2", minute=5), ticket("n3", minute=6)]
    back = requeued(served)
    assert back.queued_at == served.queued_at and back.target_counter is None
    chosen = choose_next([*later, back], counter_number=1, fields={"a"}, policy=RATIO2,
                         streak=CounterStreak(), now=T0 + timedelta(minutes=10))
    assert chosen == back
    moved = requeued(ticket("x", field="a", minute=0), field_code="b")
    chosen = choose_next([ticket("b1", field="b", minute=2), moved], counter_number=4, fields={"b"}, policy=RATIO2,
                         streak=CounterStreak(), now=T0 + timedelta(minutes=10))
    assert chosen == moved
    to_counter_3 = requeued(served, target_counter=3)
    assert choose_next([to_counter_3], counter_number=1, fields={"a"}, policy=RATIO2,
                       streak=CounterStreak(), now=T0) is None


def test_times_must_be_timezone_aware():
    with pytest.raises(ValueError):
        WaitingTicket(id="x", number="A001", field_code="a", priority=None, queued_at=datetime(2026, 3, 2, 8))
    with pytest.raises(ValueError):
        choose_next([ticket("x")], counter_number=1, fields={"a"}, policy=RATIO2, streak=CounterStreak(),
                    now=datetime(2026, 3, 2, 8))


def test_streak_cannot_be_negative():
    with pytest.raises(ValueError):
        CounterStreak(-1)


# --- priority categories -------------------------------------------------------------------------

def test_default_priority_categories():
    assert DEFAULT_PRIORITY_CATEGORIES == (
        PriorityCategory("elderly", "Người cao tuổi (từ đủ 60 tuổi)"),
        PriorityCategory("disability", "Người khuyết tật"),
        PriorityCategory("pregnant", "Phụ nữ mang thai"),
        PriorityCategory("small_child", "Người đưa con nhỏ dưới 36 tháng tuổi"),
        PriorityCategory("merit", "Người có công với cách mạng"),
    )


def test_find_priority_category():
    assert find_priority_category("merit").name == "Người có công với cách mạng"
    custom = [PriorityCategory("veteran", "Cựu chiến binh")]
    assert find_priority_category("veteran", custom).name == "Cựu chiến binh"
    with pytest.raises(DomainError) as info:
        find_priority_category("elderly", custom)
    assert info.value.code == "priority_category_unknown"
    assert "elderly" in str(info.value)


# --- numbers and waits ---------------------------------------------------------------------------

NUMBER_CASES = [
    ("A", 12, 3, "A012"),
    ("A", 1, 3, "A001"),
    ("A", 999, 3, "A999"),
    ("A", 1000, 3, "A1000"),  # wider than the width: printed in full, never cut to "A000"
    ("B", 7, 4, "B0007"),
    ("HT", 5, 3, "HT005"),
    ("", 42, 3, "042"),
    ("C", 0, 1, "C0"),
]


@pytest.mark.parametrize(("prefix", "seq", "width", "expected"), NUMBER_CASES)
def test_format_ticket_number(prefix, seq, width, expected):
    assert format_ticket_number(prefix, seq, width) == expected


@pytest.mark.parametrize(("prefix", "seq", "width"), [("a", 1, 3), ("Đ", 1, 3), ("A1", 1, 3), ("A ", 1, 3),
                                                      ("A", -1, 3), ("A", True, 3), ("A", 1, 0)])
def test_format_ticket_number_rejects(prefix, seq, width):
    with pytest.raises(ValueError):
        format_ticket_number(prefix, seq, width)


def test_default_width_is_three():
    assert format_ticket_number("A", 12) == "A012"


@pytest.mark.parametrize(("seq", "start", "end"), [(1, 1, 999), (999, 1, 999), (500, 500, 500), (100, 100, 199)])
def test_ticket_range_ok(seq, start, end):
    check_ticket_range(seq, start, end)


@pytest.mark.parametrize(("seq", "start", "end"), [(1000, 1, 999), (501, 500, 500), (200, 100, 199)])
def test_ticket_range_exhausted(seq, start, end):
    with pytest.raises(DomainError) as info:
        check_ticket_range(seq, start, end)
    assert info.value.code == "ticket_range_exhausted"
    assert f"từ {start} đến {end}" in str(info.value)
    assert f"{start} to {end}" in info.value.message("en")


@pytest.mark.parametrize(("seq", "start", "end"), [(0, 1, 999), (5, 10, 9), (1, -1, 9)])
def test_ticket_range_misuse_is_a_program_error(seq, start, end):
    with pytest.raises(ValueError):
        check_ticket_range(seq, start, end)


M = timedelta(minutes=1)
WAIT_CASES = [
    # ahead, open counters, average service, expected
    (0, 3, 5 * M, 0 * M),
    (0, 0, None, 0 * M),
    (1, 1, 5 * M, 5 * M),
    (1, 3, 5 * M, 5 * M),
    (3, 3, 5 * M, 5 * M),
    (4, 3, 5 * M, 10 * M),
    (7, 2, 6 * M, 24 * M),
    (5, 0, 4 * M, 20 * M),  # no counter open yet: count as one
    (5, -2, 4 * M, 20 * M),
    (2, 1, None, 16 * M),  # no history: 8 minutes each
    (2, 1, timedelta(0), 16 * M),  # a zero average is bad data: default
    (3, 2, 90 * timedelta(seconds=1), 3 * M),
]


@pytest.mark.parametrize(("ahead", "counters", "avg", "expected"), WAIT_CASES)
def test_estimate_wait(ahead, counters, avg, expected):
    assert estimate_wait(ahead, counters, avg) == expected


def test_estimate_wait_custom_default_and_bad_ahead():
    assert estimate_wait(3, 1, None, default_service=timedelta(minutes=10)) == timedelta(minutes=30)
    with pytest.raises(ValueError):
        estimate_wait(-1, 1, None)


# --- announcements -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("number", "counter", "lang", "expected"),
    [
        ("A012", 3, "vi", "Mời số A012 đến quầy 3"),
        ("B105", 12, "vi_VN", "Mời số B105 đến quầy 12"),
        ("A012", 3, "en", "Number A012, please go to counter 3"),
        ("A012", 3, "en-US", "Number A012, please go to counter 3"),
        ("A012", 3, "fr", "Mời số A012 đến quầy 3"),
    ],
)
def test_announcement_text(number, counter, lang, expected):
    assert announcement_text(number, counter, lang) == expected


def test_announcement_defaults_to_vietnamese():
    assert announcement_text("A012", 3) == "Mời số A012 đến quầy 3"


@pytest.mark.parametrize(
    ("number", "counter", "expected"),
    [
        ("A012", 3, ["moi_so", "A", "0", "1", "2", "den_quay", "3"]),
        ("B105", 12, ["moi_so", "B", "1", "0", "5", "den_quay", "1", "2"]),  # counters digit by digit
        ("HT001", 10, ["moi_so", "H", "T", "0", "0", "1", "den_quay", "1", "0"]),
        ("042", 7, ["moi_so", "0", "4", "2", "den_quay", "7"]),
    ],
)
def test_spoken_parts(number, counter, expected):
    parts = spoken_parts(number, counter)
    assert parts == expected
    assert set(parts) <= set(SPOKEN_CLIPS)


@pytest.mark.parametrize(("number", "counter"), [("a012", 3), ("A-12", 3), ("", 3), ("Đ001", 3), ("A012", 0),
                                                  ("A012", -3), ("A012", True)])
def test_spoken_parts_rejects_what_has_no_clip(number, counter):
    with pytest.raises(ValueError):
        spoken_parts(number, counter)


def test_spoken_clips_are_the_phrases_letters_and_digits():
    assert len(SPOKEN_CLIPS) == len(set(SPOKEN_CLIPS)) == 2 + 26 + 10
    assert SPOKEN_CLIPS[:2] == ("moi_so", "den_quay")
