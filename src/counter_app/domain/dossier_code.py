"""Dossier codes <agency code>-YYMMDD-XXXX (Circular 01/2018 art. 19, DOMAIN §4)."""

from __future__ import annotations

import re
from datetime import date, datetime

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError, FieldError

# QCVN 102:2016/BTTTT agency identifier V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g. 000.00.06.H56.
# re.ASCII: \d must not accept non-ASCII digits.
_AGENCY = r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}"
_AGENCY_RE = re.compile(_AGENCY, re.ASCII)
# Dossiers submitted online are numbered by the central system from here in the site's own daily
# sequence (<agency>-YYMMDD-9xxxx), so they never meet the numbers a counter issues itself.
ONLINE_SEQ_BASE = 90000

_CODE_RE = re.compile(
    rf"(?P<agency>{_AGENCY})-(?P<yy>\d{{2}})(?P<mm>\d{{2}})(?P<dd>\d{{2}})-(?P<seq>\d{{4,}})", re.ASCII
)


def check_agency_code(value: str, field: str = "agency_code") -> list[FieldError]:
    """QCVN 102 shape ^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$, e.g. "000.00.06.H56"."""
    code = (value or "").strip()
    if not code:
        return [FieldError(field, "required")]
    if _AGENCY_RE.fullmatch(code) is None:
        return [FieldError(field, "agency_code_format")]
    return []


def format_dossier_code(agency_code: str, receipt_date: date, seq: int) -> str:
    """"000.00.06.H56", 27/10/2023, 361 -> "000.00.06.H56-231027-0361".

    The sequence has at least 4 digits; past 9999 it simply grows (10000) rather than fail.
    An aware datetime is taken as its local date; the year must be 2000–2099 (YY digits).
    """
    agency = (agency_code or "").strip()
    if _AGENCY_RE.fullmatch(agency) is None:
        raise DomainError("agency_code_format", value=agency_code)
    if isinstance(receipt_date, datetime):
        receipt_date = to_local(receipt_date).date()
    if not 2000 <= receipt_date.year <= 2099:
        raise ValueError(f"receipt date {receipt_date} cannot be written as YYMMDD")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise ValueError(f"sequence must be a positive integer, got {seq!r}")
    return f"{agency}-{receipt_date:%y%m%d}-{seq:04d}"


def parse_dossier_code(code: str) -> tuple[str, date, int]:
    """"000.00.06.H56-231027-0361" -> ("000.00.06.H56", date(2023, 10, 27), 361).

    Raises DomainError("dossier_code_invalid") on a bad shape, an impossible date, sequence 0
    or a non-canonical sequence (leading zero beyond 4 digits).
    """
    text = (code or "").strip().upper()
    match = _CODE_RE.fullmatch(text)
    if match is None:
        raise DomainError("dossier_code_invalid", value=_excerpt(code))
    seq_text = match["seq"]
    seq = int(seq_text)
    if seq < 1 or (len(seq_text) > 4 and seq_text.startswith("0")):
        raise DomainError("dossier_code_invalid", value=_excerpt(code))
    try:
        receipt_date = date(2000 + int(match["yy"]), int(match["mm"]), int(match["dd"]))
    except ValueError:
        raise DomainError("dossier_code_invalid", value=_excerpt(code)) from None
    return match["agency"], receipt_date, seq


def looks_like_dossier_code(text: str) -> bool:
    """True when text (e.g. a scanned barcode or a search box entry) is a valid dossier code."""
    try:
        parse_dossier_code(text)
    except DomainError:
        return False
    return True


def _excerpt(value: object) -> str:
    # The code goes into a message shown on screen; keep a pasted novel out of it.
    text = str(value or "")
    return text if len(text) <= 40 else text[:40] + "…"
