"""Checks and masking for personal identifiers, phones, emails, names and free text (DOMAIN §6)."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from counter_app.domain.errors import FieldError
from counter_app.domain.messages import normalize_lang
from counter_app.domain.text import clean_line, clean_multiline, control_chars, hidden_chars

_LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class IdKind(StrEnum):
    CCCD = "cccd"
    PASSPORT = "passport"
    CMND = "cmnd"  # legacy 9-digit card: kept on old records, refused for new dossiers

    def label(self, lang: str = "vi") -> str:
        vi, en = _ID_KIND_LABELS[self]
        return en if normalize_lang(lang) == "en" else vi


_ID_KIND_LABELS = {
    IdKind.CCCD: ("Căn cước / Căn cước công dân", "Personal ID card (CCCD)"),
    IdKind.PASSPORT: ("Hộ chiếu", "Passport"),
    IdKind.CMND: ("Chứng minh nhân dân", "Old identity card (CMND)"),
}

# Birth-registration province codes of the 12-digit personal ID (Circular 07/2016/TT-BCA),
# the 63 provinces before the 2025 merger; IDs already issued keep them.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}

# Fourth digit of the ID: century of birth (even = male, odd = female).
CENTURY_BY_DIGIT: dict[str, int] = {
    "0": 1900, "1": 1900, "2": 2000, "3": 2000, "4": 2100, "5": 2100,
    "6": 2200, "7": 2200, "8": 1800, "9": 1800,
}

MIN_BIRTH_YEAR = 1900
NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254

_ID_SEPARATORS_RE = re.compile(r"[\s.]+")
_PHONE_SEPARATORS_RE = re.compile(r"[\s.\-()]+")
_PASSPORT_RE = re.compile(r"[A-Z0-9]{6,20}")
_MOBILE_RE = re.compile(r"0[35789][0-9]{8}")
_LANDLINE_RE = re.compile(r"02[0-9]{9}")
_EMAIL_RE = re.compile(
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64})"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
)


def _ascii_digits(value: str) -> bool:
    # str.isdigit() alone accepts "²" and Arabic-Indic digits.
    return value.isascii() and value.isdigit()


def _today() -> date:
    return datetime.now(_LOCAL_TZ).date()


def normalize_id_number(value: str) -> str:
    """Strip, drop inner spaces and dots, upper-case (passport letters): " 001 203.012345 " -> "001203012345"."""
    return _ID_SEPARATORS_RE.sub("", value or "").upper()


def check_birth_date(
    value: date | None, *, field: str = "birth_date", today: date | None = None
) -> list[FieldError]:
    """A date of birth, when given, lies between 1 January 1900 and today."""
    if value is None:
        return []
    if isinstance(value, datetime):
        value = value.date()
    if value.year < MIN_BIRTH_YEAR:
        return [FieldError(field, "birth_date_too_old", {"min_year": MIN_BIRTH_YEAR})]
    if value > (today or _today()):
        return [FieldError(field, "birth_date_future")]
    return []


def _plausible_birth_date(value: date | None) -> date | None:
    # An impossible birth date is reported on the birth-date field; cross-checking the ID
    # against it would only add a second, misleading error.
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    return value if not check_birth_date(value) else None


def check_id_number(
    value: str,
    *,
    kind: IdKind = IdKind.CCCD,
    birth_date: date | None = None,
    field: str = "id_number",
) -> list[FieldError]:
    """At most one error for the ID number (checked after normalize_id_number).

    CCCD: 12 digits = province code + century/sex digit + 2 birth-year digits + 6 digits;
    century and year are cross-checked with birth_date when it is a plausible date, and the
    encoded year must not be in the future. A 9-digit number (old CMND) gets its own error.
    """
    number = normalize_id_number(value)
    if not number:
        return [FieldError(field, "required")]
    try:
        kind = IdKind(kind)
    except ValueError:
        return [FieldError(field, "choice_invalid")]
    if kind is IdKind.PASSPORT:
        return [] if _PASSPORT_RE.fullmatch(number) else [FieldError(field, "passport_format")]
    if kind is IdKind.CMND:
        return [FieldError(field, "id_cmnd_obsolete")]
    if not _ascii_digits(number):
        return [FieldError(field, "id_not_digits")]
    if len(number) == 9:
        return [FieldError(field, "id_cmnd_obsolete")]
    if len(number) != 12:
        return [FieldError(field, "id_length", {"length": len(number)})]
    province, century_digit, year_digits = number[:3], number[3], number[4:6]
    if province not in PROVINCE_CODES:
        return [FieldError(field, "id_province_unknown", {"province": province})]
    century = CENTURY_BY_DIGIT[century_digit]
    born = _plausible_birth_date(birth_date)
    if born is not None:
        if born.year // 100 * 100 != century:
            return [
                FieldError(
                    field,
                    "id_century_mismatch",
                    {"digit": century_digit, "year": born.year,
                     "century_start": century, "century_end": century + 99},
                )
            ]
        if f"{born.year % 100:02d}" != year_digits:
            return [FieldError(field, "id_year_mismatch", {"year_digits": year_digits, "year": born.year})]
        return []
    encoded_year = century + int(year_digits)
    if encoded_year > _today().year:
        return [FieldError(field, "id_year_future", {"year": encoded_year})]
    return []


def _parse_phone(value: str) -> str | None:
    compact = _PHONE_SEPARATORS_RE.sub("", value or "")
    for prefix in ("+84", "0084", "84"):
        if compact.startswith(prefix) and len(compact) > 10:
            rest = compact[len(prefix):]
            # "+84 (0) 912 345 678" keeps the trunk 0 by habit.
            if rest.startswith("0"):
                rest = rest[1:]
            compact = "0" + rest
            break
    if _MOBILE_RE.fullmatch(compact) or _LANDLINE_RE.fullmatch(compact):
        return compact
    return None


def normalize_phone(value: str) -> str:
    """"+84 912 345 678" -> "0912345678"; only separators -> ""; any other invalid value is returned unchanged."""
    if not _PHONE_SEPARATORS_RE.sub("", value or ""):
        return ""
    parsed = _parse_phone(value)
    return value if parsed is None else parsed


def check_phone(value: str, *, field: str = "phone", required: bool = False) -> list[FieldError]:
    """Mobile 0[35789] + 8 digits or landline 02 + 9 digits, also written +84/84/0084."""
    compact = _PHONE_SEPARATORS_RE.sub("", value or "")
    if not compact:
        return [FieldError(field, "required")] if required else []
    if not _ascii_digits(compact.removeprefix("+")):
        return [FieldError(field, "phone_chars")]
    if _parse_phone(compact) is None:
        return [FieldError(field, "phone_format")]
    return []


def check_email(value: str, *, field: str = "email") -> list[FieldError]:
    """An empty email is allowed; otherwise a plain ASCII address of at most 254 characters."""
    email = (value or "").strip()
    if not email:
        return []
    if len(email) > EMAIL_MAX_LENGTH:
        return [FieldError(field, "email_too_long", {"max": EMAIL_MAX_LENGTH})]
    match = _EMAIL_RE.fullmatch(email)
    if match is None:
        return [FieldError(field, "email_format")]
    local = match.group("local")
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return [FieldError(field, "email_format")]
    return []


def _check_chars(text: str, field: str, *, allow: str = "") -> list[FieldError]:
    if control_chars(text, allow=allow):
        return [FieldError(field, "control_chars")]
    if hidden_chars(text):
        return [FieldError(field, "hidden_chars")]
    return []


def check_person_name(value: str, *, field: str = "full_name") -> list[FieldError]:
    """Required, at most 100 characters, no control or hidden characters, at least one letter."""
    name = clean_line(value)
    if not name:
        return [FieldError(field, "required")]
    errors = _check_chars(name, field)
    if errors:
        return errors
    if len(name) > NAME_MAX_LENGTH:
        return [FieldError(field, "too_long", {"max": NAME_MAX_LENGTH, "length": len(name)})]
    if not any(ch.isalpha() for ch in name):
        return [FieldError(field, "name_no_letter")]
    return []


def check_free_text(value: str, *, field: str, max_length: int, required: bool = False) -> list[FieldError]:
    """One line of text (address, document name): length after cleaning, no control or hidden characters."""
    text = clean_line(value)
    if not text:
        return [FieldError(field, "required")] if required else []
    return _check_chars(text, field) or _check_length(text, field, max_length)


def check_multiline_text(value: str, *, field: str, max_length: int, required: bool = False) -> list[FieldError]:
    """Like check_free_text, but line breaks are allowed (notes)."""
    text = clean_multiline(value)
    if not text:
        return [FieldError(field, "required")] if required else []
    return _check_chars(text, field, allow="\n") or _check_length(text, field, max_length)


def _check_length(text: str, field: str, max_length: int) -> list[FieldError]:
    if len(text) > max_length:
        return [FieldError(field, "too_long", {"max": max_length, "length": len(text)})]
    return []


def _mask(text: str) -> str:
    n = len(text)
    # Show 3 characters at each end of a full number, fewer on short ones so that at most
    # half of a value (and never more than 6 characters) is revealed.
    keep = 3 if n >= 10 else n // 4
    if keep == 0:
        return "*" * n
    return text[:keep] + "*" * (n - 2 * keep) + text[-keep:]


def mask_id_number(value: str) -> str:
    """"001203012345" -> "001******345"."""
    return _mask(_ID_SEPARATORS_RE.sub("", value or ""))


def mask_phone(value: str) -> str:
    """"0912345678" -> "091****678" (also for "+84 912 345 678")."""
    parsed = _parse_phone(value)
    return _mask(parsed if parsed is not None else _PHONE_SEPARATORS_RE.sub("", value or ""))
