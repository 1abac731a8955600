"""The site's working-day calendar: the national base plus the site's own overrides."""

from __future__ import annotations

from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain.calendar import WorkCalendar
from counter_app.store.models import CalendarOverride, Site


@lru_cache(maxsize=16)
def _calendar(days_off: frozenset, make_up_days: frozenset, saturday_open: bool) -> WorkCalendar:
    # Building the national calendar expands lunar holidays; keep one per distinct override set.
    return WorkCalendar(extra_days_off=days_off, make_up_days=make_up_days, saturday_open=saturday_open)


def site_calendar(session: Session, site: Site) -> WorkCalendar:
    rows = session.execute(
        sa.select(CalendarOverride.day, CalendarOverride.kind).where(CalendarOverride.site_id == site.id)
    ).all()
    days_off = frozenset(d for d, k in rows if k == "day_off")
    make_up = frozenset(d for d, k in rows if k == "make_up_day")
    return _calendar(days_off, make_up, bool(site.saturday_open))
