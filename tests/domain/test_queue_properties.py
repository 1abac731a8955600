"""Properties of choose_next over simulated days: no starvation, priority respected, transfers keep their place."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule, run_state_machine_as_test

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.queue import (
    CounterStreak,
    PolicyMode,
    QueuePolicy,
    WaitingTicket,
    call_order,
    choose_next,
    eligible,
    requeued,
)

T0 = datetime(2026, 3, 2, 7, 30, tzinfo=LOCAL_TZ)
HERE = 1  # the simulated counter
FIELDS = frozenset({"a", "b"})  # the fields it serves; "c" is served elsewhere only
PREFIX = {"a": "A", "b": "B", "c": "C"}
CATEGORIES = ["elderly", "disability", "pregnant", "small_child", "merit"]


def class_key(t: WaitingTicket) -> tuple:
    # The documented order inside a class, restated here: targeted at this counter first,
    # then queued_at, then number.
    return (t.target_counter != HERE, t.queued_at, t.number)


class CounterDay(RuleBasedStateMachine):
    """One counter calling from a queue that citizens join, other counters drain and
    transfers refill. Every call is checked against the rules of the policy."""

    policy: QueuePolicy

    def __init__(self) -> None:
        super().__init__()
        self.now = T0
        self.waiting: list[WaitingTicket] = []
        self.served: list[WaitingTicket] = []  # called here; may come back by a transfer
        self.seq = {"a": 0, "b": 0, "c": 0}
        self.streak = CounterStreak()
        # Calls of one kind in a row made while an eligible ticket of the other kind waited.
        self.normal_run = 0
        self.priority_run = 0
        self.calls = 0

    # --- the world ----------------------------------------------------------------------------
    @rule(field=st.sampled_from(sorted(PREFIX)), prio=st.none() | st.sampled_from(CATEGORIES),
          to_counter=st.sampled_from([None, None, None, HERE, 2]))
    def citizen_takes_ticket(self, field, prio, to_counter):
        # ("target" is a reserved argument name of @rule.)
        self.seq[field] += 1
        number = f"{PREFIX[field]}{self.seq[field]:03d}"
        self.waiting.append(WaitingTicket(id=number, number=number, field_code=field, priority=prio,
                                          queued_at=self.now, target_counter=to_counter))

    @rule(minutes=st.integers(0, 12), seconds=st.integers(0, 59))
    def time_passes(self, minutes, seconds):
        self.now += timedelta(minutes=minutes, seconds=seconds)

    @precondition(lambda self: self.waiting)
    @rule(data=st.data())
    def another_counter_calls(self, data):
        # Other counters take any ticket they may call; ours must cope with it vanishing.
        others = [t for t in self.waiting if t.target_counter != HERE]
        if others:
            self.waiting.remove(data.draw(st.sampled_from(others)))

    @precondition(lambda self: self.served)
    @rule(data=st.data(), field=st.sampled_from(sorted(PREFIX)), to_counter=st.sampled_from([None, HERE, 2]))
    def officer_transfers(self, data, field, to_counter):
        ticket = data.draw(st.sampled_from(self.served))
        self.served.remove(ticket)
        back = requeued(ticket, field_code=field, target_counter=to_counter)
        assert back.queued_at == ticket.queued_at and back.number == ticket.number
        self.waiting.append(back)

    # --- the call under test ------------------------------------------------------------------
    @rule()
    def call(self):
        before = list(self.waiting)
        pool = eligible(before, counter_number=HERE, fields=FIELDS)
        chosen = choose_next(before, counter_number=HERE, fields=FIELDS, policy=self.policy,
                             streak=self.streak, now=self.now)
        if chosen is None:
            assert pool == []
            return
        # (4) only eligible tickets: a served field, or transferred to this very counter.
        assert chosen in pool
        assert chosen.target_counter == HERE or (chosen.target_counter is None and chosen.field_code in FIELDS)
        same_class = [t for t in pool if t.is_priority == chosen.is_priority]
        # (3) inside its class nobody is ahead of the chosen ticket; a transfer keeps its
        # queued_at, so it is called before every ticket of its class that queued later.
        assert class_key(chosen) == min(class_key(t) for t in same_class)
        self.check_policy(chosen, pool)
        self.waiting.remove(chosen)
        self.served.append(chosen)
        self.streak = self.streak.after(chosen)
        self.calls += 1

    def check_policy(self, chosen: WaitingTicket, pool: list[WaitingTicket]) -> None:
        raise NotImplementedError

    def teardown(self):
        # At the end of the day the counter empties everything it may call, and only that.
        remaining = list(self.waiting)
        order = call_order(remaining, counter_number=HERE, fields=FIELDS, policy=self.policy,
                           streak=self.streak, now=self.now)
        assert sorted(t.id for t in order) == sorted(t.id for t in eligible(remaining, counter_number=HERE,
                                                                               fields=FIELDS))


class RatioDay(CounterDay):
    def check_policy(self, chosen, pool):
        priority_waits = any(t.is_priority for t in pool)
        normal_waits = any(not t.is_priority for t in pool)
        if chosen.is_priority:
            self.priority_run = self.priority_run + 1 if normal_waits else 0
            self.normal_run = 0
        else:
            self.normal_run = self.normal_run + 1 if priority_waits else 0
            self.priority_run = 0
        # (1) no starvation: a waiting priority ticket is passed over by at most N normal
        # calls in a row, a waiting normal ticket by at most 1 priority call in a row.
        assert self.normal_run <= self.policy.normal_per_priority
        assert self.priority_run <= 1
        if self.calls == 0 and priority_waits:
            assert chosen.is_priority  # priority first when the counter has made no call yet


class PriorityFirstDay(CounterDay):
    def check_policy(self, chosen, pool):
        overdue = [t for t in pool if not t.is_priority and self.now - t.queued_at >= self.policy.max_normal_wait]
        if overdue:
            # (1) a normal ticket that has waited max_normal_wait is never passed over by a
            # priority ticket again.
            assert not chosen.is_priority
        elif any(t.is_priority for t in pool):
            # (2) priority respected: with no normal over the maximum wait, priority goes first.
            assert chosen.is_priority


def _machine(cls, policy):
    class Configured(cls):
        def __init__(self):
            super().__init__()
            self.policy = policy

    Configured.__name__ = cls.__name__
    return Configured


STATEFUL = settings(max_examples=150, stateful_step_count=60, deadline=None)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_ratio_day(n):
    run_state_machine_as_test(_machine(RatioDay, QueuePolicy(normal_per_priority=n)), settings=STATEFUL)


@pytest.mark.parametrize("minutes", [5, 20])
def test_priority_first_day(minutes):
    policy = QueuePolicy(mode=PolicyMode.PRIORITY_FIRST, max_normal_wait=timedelta(minutes=minutes))
    run_state_machine_as_test(_machine(PriorityFirstDay, policy), settings=STATEFUL)


# --- steady calls: the waiting-time bounds as citizens would feel them ---------------------------

@settings(max_examples=300, deadline=None)
@given(
    max_wait=st.integers(1, 30),
    interval=st.integers(1, 10),
    ticks=st.lists(st.tuples(st.integers(0, 3), st.booleans()), min_size=1, max_size=80),
)
def test_priority_first_normal_waits_at_most_max_plus_one_call(max_wait, interval, ticks):
    # The counter calls every `interval` minutes; before each call up to 3 priority citizens
    # and at most one normal citizen arrive (normal arrivals are at least a call apart, so
    # normal tickets never pile up behind each other). However many priority tickets flood
    # in, a normal ticket is called within max_normal_wait plus one call interval.
    policy = QueuePolicy(mode=PolicyMode.PRIORITY_FIRST, max_normal_wait=timedelta(minutes=max_wait))
    step = timedelta(minutes=interval)
    waiting: list[WaitingTicket] = []
    streak = CounterStreak()
    waits: list[timedelta] = []
    ticks = ticks + [(0, False)] * (len(ticks) * 4 + 60)  # nobody arrives; the queue drains
    for i, (priority_count, normal_arrives) in enumerate(ticks):
        now = T0 + i * step
        for k in range(priority_count):
            waiting.append(WaitingTicket(id=f"P{i}-{k}", number=f"P{i:03d}{k}", field_code="a", priority="elderly",
                                         queued_at=now))
        if normal_arrives:
            waiting.append(WaitingTicket(id=f"N{i}", number=f"N{i:03d}", field_code="a", priority=None,
                                         queued_at=now))
        chosen = choose_next(waiting, counter_number=HERE, fields=FIELDS, policy=policy, streak=streak, now=now)
        if chosen is None:
            continue
        waiting.remove(chosen)
        streak = streak.after(chosen)
        if not chosen.is_priority:
            waits.append(now - chosen.queued_at)
    assert not waiting
    # Strictly less: the call that finds it overdue comes less than one interval later.
    assert all(w < policy.max_normal_wait + step for w in waits), (max(waits), policy.max_normal_wait + step)


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 4), kinds=st.lists(st.booleans(), min_size=1, max_size=60),
       count=st.none() | st.integers(0, 6))
def test_ratio_priority_ticket_passed_by_at_most_n_normal_per_priority_ahead(n, kinds, count):
    # Everyone is already waiting (True = priority). With the counter's streak at `count`,
    # the k-th priority ticket (k = 0, 1, ...) is called after at most
    # max(N - count, 0) + k * N normal tickets, and the k-th normal ticket after at most
    # k // N + 1 priority tickets: both kinds move forward together.
    first_wait = 0 if count is None else max(n - count, 0)
    tickets = [WaitingTicket(id=str(i), number=f"A{i:03d}", field_code="a", priority="merit" if p else None,
                             queued_at=T0 + timedelta(seconds=i)) for i, p in enumerate(kinds)]
    order = call_order(tickets, counter_number=HERE, fields=FIELDS, policy=QueuePolicy(normal_per_priority=n),
                       streak=CounterStreak(count), now=T0 + timedelta(hours=1))
    assert sorted(t.id for t in order) == sorted(t.id for t in tickets)
    normal_before = priority_before = seen_priority = seen_normal = 0
    for t in order:
        if t.is_priority:
            assert normal_before <= first_wait + seen_priority * n
            seen_priority += 1
            priority_before += 1
        else:
            assert priority_before <= seen_normal // n + 1
            seen_normal += 1
            normal_before += 1


# --- priority respected and transfers, on arbitrary queues --------------------------------------

@st.composite
def queues(draw, min_size=0):
    size = draw(st.integers(min_size, 25))
    tickets = []
    for i in range(size):
        field = draw(st.sampled_from(sorted(PREFIX)))
        tickets.append(WaitingTicket(
            id=f"t{i}",
            number=f"{PREFIX[field]}{draw(st.integers(1, 999)):03d}",
            field_code=field,
            priority=draw(st.none() | st.sampled_from(CATEGORIES)),
            queued_at=T0 + timedelta(seconds=draw(st.integers(0, 3 * 3600))),
            target_counter=draw(st.sampled_from([None, None, None, HERE, 2, 3])),
        ))
    return tickets


streaks = st.builds(CounterStreak, st.none() | st.integers(0, 6))


@settings(max_examples=300, deadline=None)
@given(tickets=queues(), streak=streaks, max_wait=st.integers(1, 60), elapsed=st.integers(0, 4 * 3600))
def test_priority_first_respects_priority_unless_a_normal_is_overdue(tickets, streak, max_wait, elapsed):
    policy = QueuePolicy(mode=PolicyMode.PRIORITY_FIRST, max_normal_wait=timedelta(minutes=max_wait))
    now = T0 + timedelta(seconds=elapsed)
    pool = eligible(tickets, counter_number=HERE, fields=FIELDS)
    chosen = choose_next(tickets, counter_number=HERE, fields=FIELDS, policy=policy, streak=streak, now=now)
    if not pool:
        assert chosen is None
        return
    assert chosen in pool
    overdue = any(not t.is_priority and now - t.queued_at >= policy.max_normal_wait for t in pool)
    if any(t.is_priority for t in pool):
        assert chosen.is_priority is not overdue


@settings(max_examples=300, deadline=None)
@given(tickets=queues(min_size=1), data=st.data(), streak=streaks,
       policy=st.sampled_from([QueuePolicy(), QueuePolicy(normal_per_priority=1),
                               QueuePolicy(mode=PolicyMode.PRIORITY_FIRST)]),
       new_field=st.sampled_from(sorted(FIELDS)), target=st.sampled_from([None, HERE]))
def test_a_transfer_is_called_before_later_tickets_of_its_class(tickets, data, streak, policy, new_field, target):
    # A ticket served earlier is transferred (to a field this counter serves, or to this
    # counter): it comes back with its original queued_at and must be called before every
    # ticket of its class that queued after it (and, sent to this counter, before all of
    # its class that were not).
    original = data.draw(st.sampled_from(tickets))
    rest = [t for t in tickets if t is not original]
    back = requeued(original, field_code=new_field, target_counter=target)
    now = T0 + timedelta(hours=4)
    order = call_order([*rest, back], counter_number=HERE, fields=FIELDS, policy=policy, streak=streak, now=now)
    assert back in order
    position = order.index(back)
    for later in order[position + 1:]:
        if later.is_priority == back.is_priority and (later.target_counter == HERE) == (target == HERE):
            assert (later.queued_at, later.number) >= (back.queued_at, back.number)
    for earlier in order[:position]:
        if earlier.is_priority == back.is_priority:
            assert class_key(earlier) <= class_key(back)
