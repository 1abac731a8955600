"""Working-day calendar of a site and the due date of a dossier (DOMAIN §5).

Working days: Monday–Friday, plus Saturday where the site opens on Saturdays, minus public
holidays. Public holidays come from ``holidays.VN()`` (years are expanded lazily), including
the government's weekend swaps it knows (a make-up Saturday such as 22/08/2026 is a working
day). On top of that each site has extra days off and make-up working days; a site make-up
day wins over weekends and holidays, a site extra day off wins over everything else.

``compute_due(received_at, N, counting, calendar, hours)``, all in local time
(Asia/Ho_Chi_Minh); received_at must be timezone-aware (ValueError otherwise):

* The day of receipt is never counted (Civil Code art. 147).
* Due clock time = the receipt's clock time, truncated to the minute and clamped into office
  hours: before morning_start -> morning_start; inside the lunch gap -> afternoon_start;
  after afternoon_end -> afternoon_end.
* WORKING_DAYS, N >= 1: due date = the N-th working day strictly after the receipt date,
  also when the dossier was received on a non-working day (paper entries, Saturday sites).
  Received Friday 27/10/2023 09:32, 5 working days -> Friday 03/11/2023 09:32.
* CALENDAR_DAYS, N >= 1: due date = receipt date + N days; if that is not a working day,
  the next working day (Civil Code art. 148).
* N == 0 (same-day procedures, either counting): received on a working day before
  same_day_cutoff (15:00) -> that day at afternoon_end; at or after the cutoff, or on a
  non-working day -> the next working day at afternoon_end.
"""

from __future__ import annotations

import threading
from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays

from counter_app.domain.messages import normalize_lang

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# No site closes for a whole year; hitting this means the calendar data is broken, and
# raising beats looping forever.
_MAX_DAYS_OFF_IN_A_ROW = 366


class Counting(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"

    def label(self, lang: str = "vi") -> str:
        """Unit as printed on the receipt: "ngày làm việc" / "ngày"."""
        if normalize_lang(lang) == "en":
            return "working days" if self is Counting.WORKING_DAYS else "days"
        return "ngày làm việc" if self is Counting.WORKING_DAYS else "ngày"


@dataclass(frozen=True)
class OfficeHours:
    morning_start: time = time(7, 0)
    morning_end: time = time(11, 30)
    afternoon_start: time = time(13, 30)
    afternoon_end: time = time(17, 0)
    same_day_cutoff: time = time(15, 0)

    def __post_init__(self) -> None:
        if not (self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end):
            raise ValueError(f"office hours out of order: {self}")
        if not (self.morning_start <= self.same_day_cutoff <= self.afternoon_end):
            raise ValueError(f"same-day cutoff outside office hours: {self}")

    def clamp(self, t: time) -> time:
        """The clock time t moved into office hours, truncated to the minute."""
        t = t.replace(second=0, microsecond=0, tzinfo=None)
        if t < self.morning_start:
            return self.morning_start
        if self.morning_end < t < self.afternoon_start:
            return self.afternoon_start
        if t > self.afternoon_end:
            return self.afternoon_end
        return t


def _as_dates(values: Iterable[date], what: str) -> frozenset[date]:
    result = frozenset(values)
    for d in result:
        # A datetime never equals the date of the same day, so it would silently not match.
        if not isinstance(d, date) or isinstance(d, datetime):
            raise TypeError(f"{what} must contain dates, got {d!r}")
    return result


class WorkCalendar:
    """Which days a site works: weekends, public holidays and the site's own overrides."""

    def __init__(
        self,
        *,
        extra_days_off: Iterable[date] = (),
        make_up_days: Iterable[date] = (),
        saturday_open: bool = False,
        public_holidays: Container[date] | None = None,
    ) -> None:
        self._extra_days_off = _as_dates(extra_days_off, "extra_days_off")
        self._make_up_days = _as_dates(make_up_days, "make_up_days")
        both = self._extra_days_off & self._make_up_days
        if both:
            raise ValueError(f"days both off and make-up: {sorted(both)}")
        self._saturday_open = bool(saturday_open)
        self._public_holidays = holidays.VN() if public_holidays is None else public_holidays
        # holidays.VN grows itself year by year on lookup; the UI may compute due dates
        # from more than one thread.
        self._lock = threading.Lock()

    @property
    def saturday_open(self) -> bool:
        return self._saturday_open

    @property
    def extra_days_off(self) -> frozenset[date]:
        return self._extra_days_off

    @property
    def make_up_days(self) -> frozenset[date]:
        return self._make_up_days

    def _national(self, d: date) -> tuple[bool, bool]:
        """(public holiday, national make-up working day) for d."""
        with self._lock:
            # The membership test must come first: it expands the year, which also fills
            # weekend_workdays.
            off = d in self._public_holidays
            workdays = getattr(self._public_holidays, "weekend_workdays", None)
            make_up = bool(workdays) and d in workdays
        return off, make_up

    def is_working_day(self, d: date) -> bool:
        if isinstance(d, datetime) or not isinstance(d, date):
            raise TypeError(f"expected a date, got {d!r}")
        if d in self._make_up_days:
            return True
        if d in self._extra_days_off:
            return False
        off, make_up = self._national(d)
        if off:
            return False
        if make_up:
            return True
        weekday = d.weekday()
        return weekday < 5 or (weekday == 5 and self._saturday_open)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after d."""
        day = d
        for _ in range(_MAX_DAYS_OFF_IN_A_ROW):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError(f"no working day within {_MAX_DAYS_OFF_IN_A_ROW} days after {d}")

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day strictly after d (d itself is not counted); n == 0 gives d."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"n must be a non-negative integer, got {n!r}")
        day = d
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def count_working_days(self, start: date, end: date) -> int:
        """Number of working days in (start, end]; 0 when end <= start."""
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            count += self.is_working_day(day)
            day += timedelta(days=1)
        return count


def to_local(dt: datetime) -> datetime:
    """An aware datetime in Asia/Ho_Chi_Minh; a naive one is refused (ValueError)."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"naive datetime {dt!r}: attach a time zone first")
    return dt.astimezone(LOCAL_TZ)


def compute_due(
    received_at: datetime,
    processing_days: int,
    counting: Counting,
    calendar: WorkCalendar,
    hours: OfficeHours = OfficeHours(),
) -> datetime:
    """Due date-time of a dossier (rules in the module docstring); aware, in LOCAL_TZ."""
    if isinstance(processing_days, bool) or not isinstance(processing_days, int) or processing_days < 0:
        raise ValueError(f"processing_days must be a non-negative integer, got {processing_days!r}")
    counting = Counting(counting)
    local = to_local(received_at)
    received_on, clock = local.date(), local.time()

    if processing_days == 0:
        if calendar.is_working_day(received_on) and clock < hours.same_day_cutoff:
            due_on = received_on
        else:
            due_on = calendar.next_working_day(received_on)
        return datetime.combine(due_on, hours.afternoon_end, tzinfo=LOCAL_TZ)

    if counting is Counting.WORKING_DAYS:
        due_on = calendar.add_working_days(received_on, processing_days)
    else:
        due_on = received_on + timedelta(days=processing_days)
        if not calendar.is_working_day(due_on):
            due_on = calendar.next_working_day(due_on)
    return datetime.combine(due_on, hours.clamp(clock), tzinfo=LOCAL_TZ)


def extend_due(
    due_at: datetime,
    paused_at: datetime,
    resumed_at: datetime,
    counting: Counting,
    calendar: WorkCalendar,
) -> datetime:
    """The due date after a supplement request stopped the clock from paused_at to resumed_at.

    The due date moves by the time spent waiting for the citizen [practice, DOMAIN §2]:
    for working-day procedures by the working days in (pause day, resume day] — the day the
    request was made still counted as processing, the day the papers came back did not —
    keeping the time of day; for calendar-day procedures by the calendar days between the
    two dates, then off a day off (Civil Code art. 148). A request answered the same day
    moves nothing. Aware, in LOCAL_TZ.
    """
    due = to_local(due_at)
    paused_on, resumed_on = to_local(paused_at).date(), to_local(resumed_at).date()
    if resumed_on <= paused_on:
        return due
    if Counting(counting) is Counting.WORKING_DAYS:
        due_on = calendar.add_working_days(due.date(), calendar.count_working_days(paused_on, resumed_on))
    else:
        due_on = due.date() + (resumed_on - paused_on)
        if not calendar.is_working_day(due_on):
            due_on = calendar.next_working_day(due_on)
    return datetime.combine(due_on, due.timetz())
