"""Queue tickets: states, which waiting ticket a counter calls next, numbers and announcements (DOMAIN §7)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from counter_app.domain.errors import DomainError
from counter_app.domain.messages import normalize_lang

# --- ticket states ------------------------------------------------------------------------


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    EXPIRED = "expired"

    def label(self, lang: str = "vi") -> str:
        vi, en = _STATUS_LABELS[self]
        return en if normalize_lang(lang) == "en" else vi


_STATUS_LABELS: dict[TicketStatus, tuple[str, str]] = {
    TicketStatus.WAITING: ("Đang chờ", "Waiting"),
    TicketStatus.CALLED: ("Đang gọi", "Called"),
    TicketStatus.SERVING: ("Đang phục vụ", "Being served"),
    TicketStatus.DONE: ("Đã phục vụ xong", "Done"),
    TicketStatus.NO_SHOW: ("Vắng mặt", "No-show"),
    TicketStatus.EXPIRED: ("Hết hiệu lực", "Expired"),
}

# The only moves a ticket may make. DONE, NO_SHOW and EXPIRED are final: a citizen who comes
# back after a no-show takes a new ticket, so the day's figures never count one visit twice.
ALLOWED_TRANSITIONS: Mapping[TicketStatus, frozenset[TicketStatus]] = {
    TicketStatus.WAITING: frozenset({TicketStatus.CALLED, TicketStatus.EXPIRED}),
    # called -> called is a recall; called -> waiting is a transfer or a requeue.
    TicketStatus.CALLED: frozenset(
        {TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.NO_SHOW, TicketStatus.WAITING}
    ),
    TicketStatus.SERVING: frozenset({TicketStatus.DONE, TicketStatus.WAITING}),
    TicketStatus.DONE: frozenset(),
    TicketStatus.NO_SHOW: frozenset(),
    TicketStatus.EXPIRED: frozenset(),
}


def can_transition(from_: TicketStatus | str, to: TicketStatus | str) -> bool:
    """Whether a ticket in status ``from_`` may move to ``to`` (unknown status strings: ValueError)."""
    return TicketStatus(to) in ALLOWED_TRANSITIONS[TicketStatus(from_)]


def check_transition(from_: TicketStatus | str, to: TicketStatus | str) -> None:
    """Raise DomainError("ticket_transition") unless ``from_ -> to`` is in ALLOWED_TRANSITIONS."""
    source, target = TicketStatus(from_), TicketStatus(to)
    if target not in ALLOWED_TRANSITIONS[source]:
        # from_/to carry the Vietnamese labels the message shows ("_en" variants for English);
        # the raw values travel too, for logs and callers that branch on them.
        raise DomainError(
            "ticket_transition",
            from_=source.label("vi"),
            to=target.label("vi"),
            from__en=source.label("en"),
            to_en=target.label("en"),
            from_status=source.value,
            to_status=target.value,
        )


# --- priority -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PriorityCategory:
    code: str
    name: str


# No national list exists (DOMAIN §7); these are the groups centres commonly serve first.
# The ages follow the Law on the Elderly 2009 art. 2 ("từ đủ 60 tuổi trở lên") and the
# usual "dưới 36 tháng tuổi" wording for small children. Sites may edit the list.
DEFAULT_PRIORITY_CATEGORIES: tuple[PriorityCategory, ...] = (
    PriorityCategory("elderly", "Người cao tuổi (từ đủ 60 tuổi)"),
    PriorityCategory("disability", "Người khuyết tật"),
    PriorityCategory("pregnant", "Phụ nữ mang thai"),
    PriorityCategory("small_child", "Người đưa con nhỏ dưới 36 tháng tuổi"),
    PriorityCategory("merit", "Người có công với cách mạng"),
)


def find_priority_category(
    code: str, categories: Iterable[PriorityCategory] = DEFAULT_PRIORITY_CATEGORIES
) -> PriorityCategory:
    """The category with this code; DomainError("priority_category_unknown") otherwise."""
    for category in categories:
        if category.code == code:
            return category
    raise DomainError("priority_category_unknown", value=code)


class PolicyMode(StrEnum):
    RATIO = "ratio"
    PRIORITY_FIRST = "priority_first"

    def label(self, lang: str = "vi") -> str:
        if normalize_lang(lang) == "en":
            return "Ratio of normal to priority" if self is PolicyMode.RATIO else "Priority first, with a maximum wait"
        return (
            "Xen kẽ theo tỷ lệ thường : ưu tiên" if self is PolicyMode.RATIO
            else "Ưu tiên trước, có thời gian chờ tối đa"
        )


@dataclass(frozen=True)
class QueuePolicy:
    """How a counter picks between priority and normal tickets when both kinds wait.

    RATIO, "N normal : 1 priority": one priority ticket, then ``normal_per_priority`` normal
    ones, and so on; priority first when the counter has made no priority call yet. While
    both kinds wait, a priority ticket is passed over by at most N normal calls in a row and
    a normal ticket by at most 1 priority call in a row.

    PRIORITY_FIRST: priority tickets go first, except that a normal ticket that has waited
    ``max_normal_wait`` or longer goes before any priority ticket.
    """

    mode: PolicyMode = PolicyMode.RATIO
    normal_per_priority: int = 2
    max_normal_wait: timedelta = timedelta(minutes=20)

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", PolicyMode(self.mode))
        # 0 would mean "priority always first" with no bound for normal tickets: starvation.
        if isinstance(self.normal_per_priority, bool) or not isinstance(self.normal_per_priority, int):
            raise TypeError(f"normal_per_priority must be an int, got {self.normal_per_priority!r}")
        if self.normal_per_priority < 1:
            raise ValueError(f"normal_per_priority must be at least 1, got {self.normal_per_priority}")
        if not isinstance(self.max_normal_wait, timedelta) or self.max_normal_wait <= timedelta(0):
            raise ValueError(f"max_normal_wait must be a positive timedelta, got {self.max_normal_wait!r}")


# --- choosing the next ticket -------------------------------------------------------------


def _require_aware(value: datetime, what: str) -> None:
    # Naive and aware datetimes cannot be compared; fail at the source, not deep in a sort.
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got {value!r}")


@dataclass(frozen=True)
class WaitingTicket:
    id: str
    number: str
    field_code: str
    priority: str | None  # priority category code; None (or "") = normal ticket
    queued_at: datetime  # a transfer keeps the original value, so the ticket keeps its place
    target_counter: int | None = None  # set by "transfer to counter N"

    def __post_init__(self) -> None:
        _require_aware(self.queued_at, "queued_at")

    @property
    def is_priority(self) -> bool:
        return bool(self.priority)


@dataclass(frozen=True)
class CounterStreak:
    """Normal calls since this counter's last priority call (None = no priority call yet)."""

    normal_since_priority: int | None = None

    def __post_init__(self) -> None:
        if self.normal_since_priority is not None and self.normal_since_priority < 0:
            raise ValueError(f"normal_since_priority must be >= 0, got {self.normal_since_priority}")

    def after(self, ticket: WaitingTicket) -> CounterStreak:
        """The streak once this counter has called ``ticket``."""
        if ticket.is_priority:
            return CounterStreak(0)
        if self.normal_since_priority is None:
            # Still no priority call: the next priority ticket stays due at once.
            return self
        return CounterStreak(self.normal_since_priority + 1)

    def priority_due(self, policy: QueuePolicy) -> bool:
        """RATIO: whether a priority ticket goes next when both kinds wait."""
        return self.normal_since_priority is None or self.normal_since_priority >= policy.normal_per_priority


def is_eligible(ticket: WaitingTicket, *, counter_number: int, fields: Collection[str]) -> bool:
    if ticket.target_counter is not None:
        # A transfer to a counter is for that counter only, whatever its field.
        return ticket.target_counter == counter_number
    return ticket.field_code in fields


def eligible(
    tickets: Iterable[WaitingTicket], *, counter_number: int, fields: Collection[str]
) -> list[WaitingTicket]:
    """The tickets this counter may call, in the given order."""
    return [t for t in tickets if is_eligible(t, counter_number=counter_number, fields=fields)]


def class_order_key(ticket: WaitingTicket, counter_number: int) -> tuple:
    """Order inside a class (priority or normal): targeted at this counter first, then oldest
    queued_at, then number; the id only makes the order total."""
    return (ticket.target_counter != counter_number, ticket.queued_at, ticket.number, ticket.id)


def choose_next(
    tickets: Sequence[WaitingTicket],
    *,
    counter_number: int,
    fields: Collection[str],
    policy: QueuePolicy,
    streak: CounterStreak,
    now: datetime,
) -> WaitingTicket | None:
    """The ticket this counter should call next, or None when none is eligible."""
    _require_aware(now, "now")
    pool = eligible(tickets, counter_number=counter_number, fields=fields)
    if not pool:
        return None

    def key(ticket: WaitingTicket) -> tuple:
        return class_order_key(ticket, counter_number)

    priority = [t for t in pool if t.is_priority]
    normal = [t for t in pool if not t.is_priority]
    if not priority:
        return min(normal, key=key)
    if not normal:
        return min(priority, key=key)
    if policy.mode is PolicyMode.RATIO:
        normal_turn = not streak.priority_due(policy)
    else:
        # The wait rule only picks the class; inside it the usual order holds, so a ticket
        # transferred to this counter still goes first (its kept queued_at is old anyway).
        normal_turn = any(now - t.queued_at >= policy.max_normal_wait for t in normal)
    return min(normal if normal_turn else priority, key=key)


def call_order(
    tickets: Sequence[WaitingTicket],
    *,
    counter_number: int,
    fields: Collection[str],
    policy: QueuePolicy,
    streak: CounterStreak,
    now: datetime,
) -> list[WaitingTicket]:
    """The order in which this counter would call its eligible tickets if nobody else arrived
    and the clock stood at ``now`` (for "next in line" lists; other counters may call first)."""
    remaining = list(tickets)
    order: list[WaitingTicket] = []
    while True:
        chosen = choose_next(
            remaining, counter_number=counter_number, fields=fields, policy=policy, streak=streak, now=now
        )
        if chosen is None:
            return order
        order.append(chosen)
        remaining.remove(chosen)
        streak = streak.after(chosen)


def requeued(
    ticket: WaitingTicket, *, field_code: str | None = None, target_counter: int | None = None
) -> WaitingTicket:
    """The ticket put back in the queue by a transfer: same queued_at, so it keeps its place;
    sent to another field, or to one counter (``target_counter``), or back to its own field."""
    return replace(ticket, field_code=field_code or ticket.field_code, target_counter=target_counter)


# --- numbers and waiting time -------------------------------------------------------------

_PREFIX_RE = re.compile(r"[A-Z]*")


def format_ticket_number(prefix: str, seq: int, width: int = 3) -> str:
    """("A", 12) -> "A012". A sequence wider than ``width`` is printed in full, never cut,
    so two numbers of a day can never look the same."""
    if not _PREFIX_RE.fullmatch(prefix):
        # The loudspeaker has a clip for A–Z only (see spoken_parts).
        raise ValueError(f"ticket prefix must be capital letters A-Z, got {prefix!r}")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
        raise ValueError(f"ticket sequence must be a non-negative int, got {seq!r}")
    if width < 1:
        raise ValueError(f"width must be at least 1, got {width}")
    return f"{prefix}{seq:0{width}d}"


def check_ticket_range(seq: int, start: int, end: int) -> None:
    """DomainError("ticket_range_exhausted") when the day's numbers start..end are used up."""
    if not 0 <= start <= end:
        raise ValueError(f"ticket range must satisfy 0 <= start <= end, got {start}..{end}")
    if seq < start:
        raise ValueError(f"ticket sequence {seq} is below the range start {start}")
    if seq > end:
        raise DomainError("ticket_range_exhausted", seq=seq, start=start, end=end)


DEFAULT_SERVICE_TIME = timedelta(minutes=8)


def estimate_wait(
    ahead: int,
    open_counters: int,
    avg_service: timedelta | None,
    default_service: timedelta = DEFAULT_SERVICE_TIME,
) -> timedelta:
    """ceil(ahead / max(open_counters, 1)) rounds of service; nobody ahead -> 0.

    Without history (None, or a non-positive average, which can only be bad data) the
    default service time is used.
    """
    if ahead < 0:
        raise ValueError(f"ahead must be >= 0, got {ahead}")
    if ahead == 0:
        return timedelta(0)
    service = avg_service if avg_service is not None and avg_service > timedelta(0) else default_service
    rounds = -(-ahead // max(open_counters, 1))
    return rounds * service


# --- announcements ------------------------------------------------------------------------


def announcement_text(number: str, counter_number: int, lang: str = "vi") -> str:
    """Text for the display board and a text-to-speech voice."""
    if normalize_lang(lang) == "en":
        return f"Number {number}, please go to counter {counter_number}"
    return f"Mời số {number} đến quầy {counter_number}"


CALL_CLIP = "moi_so"
COUNTER_CLIP = "den_quay"
# Every clip a recorded voice needs: the two phrases, then one clip per character.
SPOKEN_CLIPS: tuple[str, ...] = (
    CALL_CLIP,
    COUNTER_CLIP,
    *(chr(c) for c in range(ord("A"), ord("Z") + 1)),
    *(str(d) for d in range(10)),
)
_CHARACTER_CLIPS = frozenset(SPOKEN_CLIPS[2:])


def spoken_parts(number: str, counter_number: int) -> list[str]:
    """Clip names for a voice built from recorded clips: "moi_so", each character of the
    number ("A", "0", "1", "2"), "den_quay", then the counter number read digit by digit
    (counter 12 -> "1", "2"), so 36 character clips cover every number and counter."""
    if isinstance(counter_number, bool) or not isinstance(counter_number, int) or counter_number < 1:
        raise ValueError(f"counter number must be a positive int, got {counter_number!r}")
    characters = list(number)
    unknown = [c for c in characters if c not in _CHARACTER_CLIPS]
    if not characters or unknown:
        raise ValueError(f"ticket number {number!r} has characters with no clip: {unknown}")
    return [CALL_CLIP, *characters, COUNTER_CLIP, *str(counter_number)]
