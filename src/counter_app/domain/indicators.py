"""What the supervisor is judged on (DOMAIN §8): report periods, result outcomes, rates, targets.

Pure definitions; the queries that count live in services/reports.py and services/supervisor.py.
The definitions are written out for people in docs/INDICATORS.md: change both together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from counter_app.domain.calendar import LOCAL_TZ, to_local
from counter_app.domain.errors import DomainError

MAX_PERIOD_DAYS = 400  # a year report plus its edges; longer is a mistake, not a report


@dataclass(frozen=True)
class Period:
    """A report period: local business dates (Asia/Ho_Chi_Minh), both inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise DomainError("report_period_reversed", start=f"{self.start:%d/%m/%Y}", end=f"{self.end:%d/%m/%Y}")
        if (self.end - self.start).days + 1 > MAX_PERIOD_DAYS:
            raise DomainError("report_period_too_long", max=MAX_PERIOD_DAYS)

    @property
    def begins(self) -> datetime:
        """The first instant of the period (UTC): start 00:00 local."""
        return datetime.combine(self.start, time(0), LOCAL_TZ).astimezone(UTC)

    @property
    def ends(self) -> datetime:
        """The first instant after the period (UTC): the day after end, 00:00 local."""
        return datetime.combine(self.end + timedelta(days=1), time(0), LOCAL_TZ).astimezone(UTC)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


def classify_result(result_at: datetime | None, due_at: datetime) -> str:
    """early / on_time / late of a result against the due date in force (DOMAIN §8).

    late: after the due date and time in force; early: on an earlier local date than the due
    date; on_time: on the due date, not after its time. "" when there is no result yet."""
    if result_at is None:
        return ""
    if result_at > due_at:
        return "late"
    return "early" if to_local(result_at).date() < to_local(due_at).date() else "on_time"


def rate(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide (shown as "—", never as 0 %)."""
    return part / whole if whole else None


def on_time_rate(early: int, on_time: int, resolved: int) -> float | None:
    """(early + on time) / resolved (DOMAIN §8)."""
    return rate(early + on_time, resolved)


def satisfied_threshold(scale: int) -> int:
    """The lowest rating value that counts as satisfied: the upper half of the scale.

    3 levels (1 unhappy, 2 satisfied, 3 very satisfied) → 2; 5 levels → 4."""
    return scale // 2 + 1


@dataclass(frozen=True)
class ReformTarget:
    key: str
    label_vi: str
    label_en: str
    target_2025: float | None
    target_2030: float | None
    measured: bool = True

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" else self.label_vi


# The province's reform plan (DOMAIN §8). "all" = 100 %. Electronic ISO is not a share the
# counter can measure; it is listed so the table matches the plan.
REFORM_TARGETS: tuple[ReformTarget, ...] = (
    ReformTarget("online_share", "Tỷ lệ hồ sơ giải quyết trực tuyến", "Share of dossiers handled online", 0.50, 0.70),
    ReformTarget("digital_signature_share", "Tỷ lệ dịch vụ công trực tuyến sử dụng chữ ký số",
                 "Share of online services using digital signatures", 0.20, 0.50),
    ReformTarget("electronic_share", "Tỷ lệ hồ sơ được xử lý dưới dạng hồ sơ điện tử",
                 "Share of dossiers processed as electronic dossiers", 0.70, 0.90),
    ReformTarget("portal_share", "Tỷ lệ thủ tục tích hợp Cổng Dịch vụ công quốc gia",
                 "Share of procedures integrated with the National Public Service Portal", 0.70, 1.00),
    ReformTarget("on_time_rate", "Tỷ lệ hồ sơ giải quyết đúng và trước hạn",
                 "Share of dossiers resolved early or on time", None, None),
    ReformTarget("electronic_iso", "ISO điện tử (quản lý chất lượng mọi bước)",
                 "Electronic ISO (quality management of every step)", None, None, measured=False),
)
