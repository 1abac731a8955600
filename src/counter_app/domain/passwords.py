"""The password policy of the centre's accounts (pure rules, no I/O).

A password must have at least MIN_LENGTH characters, letters and digits, must not contain
the user name, must not be one of a short list of passwords everybody tries first, and a new
password must differ from the old one. Every broken rule is reported (field "password"), so
the officer sees all of them at once.
"""

from __future__ import annotations

import unicodedata

from counter_app.domain.errors import FieldError

MIN_LENGTH = 10
MAX_LENGTH = 128

# Compared case-insensitively with the whole password. Kept short on purpose: the length and
# letters-and-digits rules already refuse most of the usual lists; these are the ones of 10+
# characters that pass those rules and are tried first (English and Vietnamese habits).
COMMON_PASSWORDS = frozenset(
    {
        "password12", "password123", "password1234", "password2024", "password2025", "password2026",
        "passw0rd123", "p@ssw0rd123", "qwerty12345", "qwerty123456", "1qaz2wsx3edc", "abc1234567",
        "abcd123456", "abc123456789", "a123456789", "1234567890a", "1234567890q", "q1w2e3r4t5",
        "1q2w3e4r5t", "zaq12wsx123", "iloveyou123", "admin12345", "admin123456", "administrator1",
        "welcome123", "letmein123", "changeme123", "matkhau123", "matkhau1234", "matkhau2024",
        "matkhau2025", "matkhau2026", "matkhau12345", "123456789a", "anhyeuem123", "motcua12345",
        "quantri123", "quantri1234", "vietnam123", "vietnam2024", "vietnam2025", "vietnam2026",
        "hanoi12345", "saigon1234", "tiepnhan123", "canbo12345",
    }
)


def _has_letter(text: str) -> bool:
    return any(unicodedata.category(ch).startswith("L") for ch in text)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def check_password(
    password: str,
    *,
    username: str = "",
    old_password: str | None = None,
    field: str = "password",
) -> list[FieldError]:
    """The rules ``password`` breaks (empty when it is acceptable)."""
    errors: list[FieldError] = []
    if len(password) < MIN_LENGTH:
        errors.append(FieldError(field, "password_too_short", {"min": MIN_LENGTH}))
    elif len(password) > MAX_LENGTH:
        errors.append(FieldError(field, "too_long", {"max": MAX_LENGTH}))
    if not (_has_letter(password) and _has_digit(password)):
        errors.append(FieldError(field, "password_letters_digits"))
    name = username.strip().casefold()
    if len(name) >= 3 and name in password.casefold():
        errors.append(FieldError(field, "password_has_username"))
    if password.casefold() in COMMON_PASSWORDS:
        errors.append(FieldError(field, "password_common"))
    if old_password is not None and password == old_password:
        errors.append(FieldError(field, "password_same_as_old"))
    return errors
