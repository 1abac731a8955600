"""Working-day calendar and due-date computation (DOMAIN §5)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.calendar import (
    LOCAL_TZ,
    Counting,
    OfficeHours,
    WorkCalendar,
    compute_due,
    to_local,
)

WD = Counting.WORKING_DAYS
CD = Counting.CALENDAR_DAYS
NATIONAL = WorkCalendar()
SATURDAY_SITE = WorkCalendar(saturday_open=True)
# A site that works Saturday 04/11/2023 (make-up day) and is closed Monday 30/10/2023.
MAKE_UP_SITE = WorkCalendar(make_up_days=[date(2023, 11, 4)])
EXTRA_OFF_SITE = WorkCalendar(extra_days_off=[date(2023, 10, 30)])


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=LOCAL_TZ)


def test_holidays_package_still_has_the_days_these_tests_assume():
    # If the holidays package changes its VN data, the table below must be revisited.
    for day in [date(2026, 2, 16), date(2026, 2, 20), date(2026, 4, 27), date(2026, 4, 30),
                date(2026, 5, 1), date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2),
                date(2025, 9, 1), date(2025, 9, 2), date(2026, 1, 1)]:
        assert not NATIONAL.is_working_day(day), day
    for day in [date(2026, 2, 13), date(2026, 2, 23), date(2026, 4, 28), date(2026, 5, 4)]:
        assert NATIONAL.is_working_day(day), day
    assert date(2026, 4, 26).weekday() == 6  # Hùng Kings 2026 on a Sunday ...
    assert not NATIONAL.is_working_day(date(2026, 4, 27))  # ... observed on Monday


DUE_CASES = [
    # id, calendar, received (local), days, counting, expected due (local)
    ("domain-5-receipt", NATIONAL, local(2023, 10, 27, 9, 32), 5, WD, local(2023, 11, 3, 9, 32)),
    ("seconds-truncated", NATIONAL, local(2023, 10, 27, 9, 32, 47), 5, WD, local(2023, 11, 3, 9, 32)),
    ("tet-2026-friday-before", NATIONAL, local(2026, 2, 13, 10, 0), 3, WD, local(2026, 2, 25, 10, 0)),
    ("tet-2026-paper-entry-during-tet", NATIONAL, local(2026, 2, 18, 9, 0), 1, WD, local(2026, 2, 23, 9, 0)),
    ("tet-2026-30-working-days", NATIONAL, local(2026, 2, 2, 8, 0), 30, WD, local(2026, 3, 23, 8, 0)),
    ("hung-kings-2026-observed-monday", NATIONAL, local(2026, 4, 24, 8, 15), 1, WD, local(2026, 4, 28, 8, 15)),
    ("hung-kings-then-30-4-and-1-5-2026", NATIONAL, local(2026, 4, 24, 8, 15), 3, WD, local(2026, 5, 4, 8, 15)),
    ("30-4-1-5-2026", NATIONAL, local(2026, 4, 29, 14, 0), 1, WD, local(2026, 5, 4, 14, 0)),
    ("2-9-2026-with-31-8-swap", NATIONAL, local(2026, 8, 28, 10, 0), 2, WD, local(2026, 9, 4, 10, 0)),
    ("2-9-2025", NATIONAL, local(2025, 8, 29, 10, 0), 1, WD, local(2025, 9, 3, 10, 0)),
    ("national-make-up-saturday-2026", NATIONAL, local(2026, 8, 21, 10, 0), 1, WD, local(2026, 8, 22, 10, 0)),
    ("national-make-up-saturday-2025", NATIONAL, local(2025, 4, 25, 10, 0), 1, WD, local(2025, 4, 26, 10, 0)),
    ("new-year-2026", NATIONAL, local(2025, 12, 31, 10, 0), 1, WD, local(2026, 1, 2, 10, 0)),
    ("site-make-up-saturday", MAKE_UP_SITE, local(2023, 11, 3, 10, 0), 1, WD, local(2023, 11, 4, 10, 0)),
    ("site-extra-day-off", EXTRA_OFF_SITE, local(2023, 10, 27, 9, 32), 5, WD, local(2023, 11, 6, 9, 32)),
    ("saturday-open-site", SATURDAY_SITE, local(2023, 10, 27, 9, 32), 5, WD, local(2023, 11, 2, 9, 32)),
    ("saturday-open-site-closed-on-holiday-saturday", SATURDAY_SITE, local(2027, 2, 5, 9, 0), 1, WD,
     local(2027, 2, 11, 9, 0)),
    ("same-day-14-59", NATIONAL, local(2023, 10, 31, 14, 59, 59), 0, WD, local(2023, 10, 31, 17, 0)),
    ("same-day-15-00", NATIONAL, local(2023, 10, 31, 15, 0), 0, WD, local(2023, 11, 1, 17, 0)),
    ("same-day-16-30", NATIONAL, local(2023, 10, 31, 16, 30), 0, WD, local(2023, 11, 1, 17, 0)),
    ("same-day-before-opening", NATIONAL, local(2023, 10, 31, 6, 45), 0, WD, local(2023, 10, 31, 17, 0)),
    ("same-day-friday-after-15", NATIONAL, local(2023, 10, 27, 15, 30), 0, WD, local(2023, 10, 30, 17, 0)),
    ("same-day-on-saturday", NATIONAL, local(2023, 10, 28, 9, 0), 0, WD, local(2023, 10, 30, 17, 0)),
    ("same-day-calendar-counting", NATIONAL, local(2023, 10, 31, 10, 0), 0, CD, local(2023, 10, 31, 17, 0)),
    ("calendar-days-on-sunday", NATIONAL, local(2023, 10, 23, 10, 0), 6, CD, local(2023, 10, 30, 10, 0)),
    ("calendar-days-on-tet", NATIONAL, local(2026, 2, 9, 10, 0), 7, CD, local(2026, 2, 23, 10, 0)),
    ("calendar-days-on-weekday", NATIONAL, local(2023, 10, 24, 10, 0), 15, CD, local(2023, 11, 8, 10, 0)),
    ("clamp-lunch-11-45", NATIONAL, local(2023, 10, 31, 11, 45), 1, WD, local(2023, 11, 1, 13, 30)),
    ("clamp-11-30-stays", NATIONAL, local(2023, 10, 31, 11, 30), 1, WD, local(2023, 11, 1, 11, 30)),
    ("clamp-evening-17-20", NATIONAL, local(2023, 10, 31, 17, 20), 1, WD, local(2023, 11, 1, 17, 0)),
    ("clamp-early-06-30", NATIONAL, local(2023, 10, 31, 6, 30), 1, WD, local(2023, 11, 1, 7, 0)),
    ("saturday-paper-entry-1", NATIONAL, local(2023, 10, 28, 10, 0), 1, WD, local(2023, 10, 30, 10, 0)),
    ("saturday-paper-entry-5", NATIONAL, local(2023, 10, 28, 10, 0), 5, WD, local(2023, 11, 3, 10, 0)),
    ("utc-input", NATIONAL, datetime(2023, 10, 27, 2, 32, tzinfo=UTC), 5, WD, local(2023, 11, 3, 9, 32)),
    ("utc-input-crossing-midnight", NATIONAL, datetime(2023, 10, 26, 23, 30, tzinfo=UTC), 1, WD,
     local(2023, 10, 30, 7, 0)),
]


@pytest.mark.parametrize(
    ("calendar", "received", "days", "counting", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in DUE_CASES],
)
def test_compute_due(calendar, received, days, counting, expected):
    due = compute_due(received, days, counting, calendar)
    assert due == expected
    assert due.tzinfo is LOCAL_TZ
    assert (due.date(), due.time()) == (expected.date(), expected.time())


def test_naive_receipt_time_is_refused():
    with pytest.raises(ValueError):
        compute_due(datetime(2023, 10, 27, 9, 32), 5, WD, NATIONAL)
    with pytest.raises(ValueError):
        to_local(datetime(2023, 10, 27, 9, 32))


@pytest.mark.parametrize("days", [-1, 1.5, True])
def test_bad_processing_days_are_refused(days):
    with pytest.raises(ValueError):
        compute_due(local(2023, 10, 27), days, WD, NATIONAL)


def test_counting_accepts_its_string_value():
    assert compute_due(local(2023, 10, 23, 10), 6, "calendar_days", NATIONAL) == local(2023, 10, 30, 10)


def test_custom_office_hours():
    hours = OfficeHours(morning_start=time(8, 0), morning_end=time(12, 0), afternoon_start=time(13, 0),
                        afternoon_end=time(16, 30), same_day_cutoff=time(14, 0))
    assert compute_due(local(2023, 10, 31, 12, 10), 1, WD, NATIONAL, hours) == local(2023, 11, 1, 13, 0)
    assert compute_due(local(2023, 10, 31, 14, 0), 0, WD, NATIONAL, hours) == local(2023, 11, 1, 16, 30)
    assert compute_due(local(2023, 10, 31, 13, 59), 0, WD, NATIONAL, hours) == local(2023, 10, 31, 16, 30)


def test_office_hours_out_of_order_are_refused():
    with pytest.raises(ValueError):
        OfficeHours(morning_start=time(12, 0))
    with pytest.raises(ValueError):
        OfficeHours(same_day_cutoff=time(18, 0))


def test_site_overrides():
    assert MAKE_UP_SITE.is_working_day(date(2023, 11, 4))
    assert not NATIONAL.is_working_day(date(2023, 11, 4))
    assert not EXTRA_OFF_SITE.is_working_day(date(2023, 10, 30))
    # A site make-up day also wins over a public holiday.
    assert WorkCalendar(make_up_days=[date(2026, 2, 20)]).is_working_day(date(2026, 2, 20))
    # A site extra day off wins over a national make-up Saturday.
    assert not WorkCalendar(extra_days_off=[date(2026, 8, 22)]).is_working_day(date(2026, 8, 22))
    assert SATURDAY_SITE.is_working_day(date(2023, 10, 28))
    assert not SATURDAY_SITE.is_working_day(date(2023, 10, 29))


def test_a_day_cannot_be_both_off_and_make_up():
    with pytest.raises(ValueError):
        WorkCalendar(extra_days_off=[date(2023, 11, 4)], make_up_days=[date(2023, 11, 4)])


def test_datetimes_are_not_accepted_as_days():
    with pytest.raises(TypeError):
        WorkCalendar(extra_days_off=[datetime(2023, 10, 30, 0, 0)])
    with pytest.raises(TypeError):
        NATIONAL.is_working_day(datetime(2023, 10, 30, 9, 0))


def test_custom_public_holidays_replace_the_national_list():
    no_holidays = WorkCalendar(public_holidays=frozenset())
    assert no_holidays.is_working_day(date(2026, 9, 2))
    one_holiday = WorkCalendar(public_holidays={date(2023, 10, 30)})
    assert one_holiday.add_working_days(date(2023, 10, 27), 1) == date(2023, 10, 31)


def test_add_working_days_zero_and_negative():
    assert NATIONAL.add_working_days(date(2023, 10, 28), 0) == date(2023, 10, 28)
    with pytest.raises(ValueError):
        NATIONAL.add_working_days(date(2023, 10, 28), -1)


def test_a_calendar_without_working_days_fails_instead_of_looping():
    everything_off = WorkCalendar(public_holidays=type("All", (), {"__contains__": lambda self, d: True})())
    with pytest.raises(ValueError):
        everything_off.next_working_day(date(2023, 10, 27))


def test_counting_labels():
    assert WD.label() == "ngày làm việc"
    assert CD.label() == "ngày"
    assert WD.label("en") == "working days"


days_2020s = st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31))
CALENDARS = st.sampled_from([NATIONAL, SATURDAY_SITE, MAKE_UP_SITE, EXTRA_OFF_SITE])


@settings(deadline=None)
@given(start=days_2020s, n=st.integers(min_value=0, max_value=40), calendar=CALENDARS)
def test_add_working_days_lands_on_the_nth_working_day(start, n, calendar):
    end = calendar.add_working_days(start, n)
    assert calendar.count_working_days(start, end) == n
    if n:
        assert end > start
        assert calendar.is_working_day(end)


@settings(deadline=None)
@given(
    day=days_2020s,
    clock=st.times(),
    n=st.integers(min_value=0, max_value=30),
    counting=st.sampled_from(list(Counting)),
    calendar=CALENDARS,
    offset_hours=st.integers(min_value=-12, max_value=14),
)
def test_due_is_after_receipt_on_a_working_day_in_office_hours(day, clock, n, counting, calendar, offset_hours):
    received = datetime.combine(day, clock, tzinfo=timezone(timedelta(hours=offset_hours)))
    due = compute_due(received, n, counting, calendar)
    hours = OfficeHours()
    assert due.tzinfo is LOCAL_TZ
    assert due > received
    assert calendar.is_working_day(due.date())
    assert hours.morning_start <= due.time() <= hours.afternoon_end
    assert not (hours.morning_end < due.time() < hours.afternoon_start)
    if counting is WD and n:
        assert calendar.count_working_days(to_local(received).date(), due.date()) == n
