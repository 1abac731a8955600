"""Time arithmetic in SQL on both backends, so reports aggregate in the database instead of
turning hundreds of thousands of rows into Python datetimes.

Local time is Asia/Ho_Chi_Minh, a fixed UTC+7 with no daylight saving since 1975, so SQLite
shifts by seven hours; PostgreSQL converts with the zone name.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

LOCAL_ZONE = "Asia/Ho_Chi_Minh"
_SQLITE_SHIFT = "+7 hours"


def _sqlite(s: Session) -> bool:
    return s.get_bind().dialect.name == "sqlite"


def local_date(s: Session, col) -> sa.ColumnElement:
    """The local calendar date of a UTC datetime column, as ISO text ("2026-11-26")."""
    if _sqlite(s):
        return sa.func.date(col, _SQLITE_SHIFT)
    return sa.func.to_char(sa.func.timezone(LOCAL_ZONE, col), "YYYY-MM-DD")


def local_hour(s: Session, col) -> sa.ColumnElement[int]:
    """The local hour of day (0–23) of a UTC datetime column."""
    if _sqlite(s):
        # Stored as "YYYY-MM-DD HH:MM:SS.ffffff" (UTC): the hour is characters 12–13, then +7.
        return (sa.cast(sa.func.substr(col, 12, 2), sa.Integer) + 7) % 24
    return sa.cast(sa.func.date_part("hour", sa.func.timezone(LOCAL_ZONE, col)), sa.Integer)


def utc_hour_bucket(s: Session, col) -> sa.ColumnElement[str]:
    """"YYYY-MM-DD HH" of a UTC datetime column, in UTC (cheap to group by; dated locally in Python)."""
    if _sqlite(s):
        return sa.func.substr(col, 1, 13)
    return sa.func.to_char(sa.func.timezone("UTC", col), "YYYY-MM-DD HH24")


def hour_of_bucket(s: Session, bucket) -> sa.ColumnElement[int]:
    """The hour (0–23) of a utc_hour_bucket value."""
    return sa.cast(sa.func.substr(bucket, 12, 2), sa.Integer)


def floor_div(s: Session, col, step: float) -> sa.ColumnElement[int]:
    """floor(col / step) of a non-negative number column (step inlined, so the same expression
    can be grouped by on PostgreSQL)."""
    divisor = sa.literal_column(repr(float(step)))
    if _sqlite(s):
        return sa.cast(col / divisor, sa.Integer)  # truncates, which is floor for col >= 0
    return sa.cast(sa.func.floor(col / divisor), sa.Integer)
