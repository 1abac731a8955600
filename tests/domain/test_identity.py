"""Personal ID numbers, birth dates, phones, emails, names, free text and masking (DOMAIN §6)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from counter_app.domain.identity import (
    PROVINCE_CODES,
    IdKind,
    check_birth_date,
    check_email,
    check_free_text,
    check_id_number,
    check_multiline_text,
    check_person_name,
    check_phone,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    normalize_phone,
)

# The centre's today (Asia/Ho_Chi_Minh), not the machine's: from 17:00 UTC they differ.
TODAY = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
CCCD, PASSPORT, CMND = IdKind.CCCD, IdKind.PASSPORT, IdKind.CMND

OFFICIAL_PROVINCE_CODES = (
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 "
    "037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 "
    "077 079 080 082 083 084 086 087 089 091 092 093 094 095 096"
).split()


def codes(errors) -> list[str]:
    return [e.code for e in errors]


def test_province_codes_are_the_63_official_ones():
    assert sorted(PROVINCE_CODES) == OFFICIAL_PROVINCE_CODES
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["096"] == "Cà Mau"
    assert PROVINCE_CODES["079"] == "Hồ Chí Minh"


# value, kind, birth date, expected error code (None = valid)
ID_CASES = [
    ("001203012345", CCCD, None, None),
    ("001203012345", CCCD, date(2003, 5, 1), None),
    ("079090001234", CCCD, date(1990, 12, 31), None),
    ("096185000001", CCCD, date(1985, 1, 1), None),  # 1 = female born in the 1900s
    ("048300000001", CCCD, date(2000, 2, 29), None),  # 3 = female born in the 2000s
    (" 001 203 012.345 ", CCCD, None, None),
    ("001203012345", CCCD, date(2999, 1, 1), None),  # impossible birth date: reported on its own field
    ("", CCCD, None, "required"),
    ("  . ", CCCD, None, "required"),
    ("00120301234a", CCCD, None, "id_not_digits"),
    ("001-203-012345", CCCD, None, "id_not_digits"),
    ("٠٠١٢٠٣٠١٢٣٤٥", CCCD, None, "id_not_digits"),  # Arabic-Indic digits
    ("００１２０３０１２３４５", CCCD, None, "id_not_digits"),  # full-width digits
    ("123456789", CCCD, None, "id_cmnd_obsolete"),
    ("123 456 789", CCCD, None, "id_cmnd_obsolete"),
    ("12345678901", CCCD, None, "id_length"),
    ("0012030123456", CCCD, None, "id_length"),
    ("1234", CCCD, None, "id_length"),
    ("000203012345", CCCD, None, "id_province_unknown"),
    ("003203012345", CCCD, None, "id_province_unknown"),  # a gap in the list
    ("097203012345", CCCD, None, "id_province_unknown"),
    ("001203012345", CCCD, date(1990, 1, 1), "id_century_mismatch"),
    ("001899012345", CCCD, date(1999, 1, 1), "id_century_mismatch"),  # 8 = 1800s
    ("001203012345", CCCD, date(2004, 1, 1), "id_year_mismatch"),
    ("001090012345", CCCD, date(1991, 6, 1), "id_year_mismatch"),
    ("001299012345", CCCD, None, "id_year_future"),
    ("001400012345", CCCD, None, "id_year_future"),  # 2100
    ("123456789", CMND, None, "id_cmnd_obsolete"),
    ("", CMND, None, "required"),
    ("c1234567", PASSPORT, None, None),
    ("B12345", PASSPORT, None, None),
    ("AB 12 34 56", PASSPORT, None, None),
    ("A" * 20, PASSPORT, None, None),
    ("AB12", PASSPORT, None, "passport_format"),
    ("A" * 21, PASSPORT, None, "passport_format"),
    ("AB1234Ư", PASSPORT, None, "passport_format"),
    ("AB-123456", PASSPORT, None, "passport_format"),
    ("", PASSPORT, None, "required"),
    ("001203012345", "cccd", None, None),
    ("001203012345", "residence_card", None, "choice_invalid"),
]


@pytest.mark.parametrize(("value", "kind", "birth_date", "expected"), ID_CASES)
def test_check_id_number(value, kind, birth_date, expected):
    errors = check_id_number(value, kind=kind, birth_date=birth_date, field="owner.id_number")
    assert codes(errors) == ([] if expected is None else [expected])
    assert all(e.field == "owner.id_number" for e in errors)


def test_id_errors_carry_the_values_for_the_message():
    [error] = check_id_number("001203012345", birth_date=date(1990, 1, 1))
    assert error.params == {"digit": "2", "year": 1990, "century_start": 2000, "century_end": 2099}
    assert "1990" in error.message() and "2000" in error.message()
    [error] = check_id_number("12345678901")
    assert "12" in error.message() and "11" in error.message()
    [error] = check_id_number("123456789")
    assert "01/01/2025" in error.message() and "12" in error.message()


def test_normalize_id_number():
    assert normalize_id_number(" 001 203.012 345 ") == "001203012345"
    assert normalize_id_number("c1234567") == "C1234567"
    assert normalize_id_number("") == ""


BIRTH_DATE_CASES = [
    (None, None),
    (date(1900, 1, 1), None),
    (date(1899, 12, 31), "birth_date_too_old"),
    (date(1990, 5, 17), None),
    (TODAY, None),
    (TODAY + timedelta(days=1), "birth_date_future"),
]


@pytest.mark.parametrize(("value", "expected"), BIRTH_DATE_CASES)
def test_check_birth_date(value, expected):
    assert codes(check_birth_date(value, field="owner.birth_date")) == ([] if expected is None else [expected])


def test_birth_date_is_checked_against_the_given_day():
    assert codes(check_birth_date(date(2023, 10, 28), today=date(2023, 10, 27))) == ["birth_date_future"]


# value, required, expected code, normalized
PHONE_CASES = [
    ("0912345678", False, None, "0912345678"),
    ("091 234 5678", False, None, "0912345678"),
    ("091.234.5678", False, None, "0912345678"),
    ("091-234-5678", False, None, "0912345678"),
    ("+84912345678", False, None, "0912345678"),
    ("+84 912 345 678", False, None, "0912345678"),
    ("84912345678", False, None, "0912345678"),
    ("0084 912 345 678", False, None, "0912345678"),
    ("+84 (0) 912 345 678", False, None, "0912345678"),
    ("0351234567", False, None, "0351234567"),
    ("0561234567", False, None, "0561234567"),
    ("0701234567", False, None, "0701234567"),
    ("0812345678", False, None, "0812345678"),
    ("0981234567", False, None, "0981234567"),
    ("02838234567", False, None, "02838234567"),  # landline: 02 + 9 digits
    ("+84 28 3823 4567", False, None, "02838234567"),
    ("", False, None, ""),
    ("", True, "required", ""),
    ("  ", True, "required", ""),
    (" - ( ) ", False, None, ""),
    ("0123456789", False, "phone_format", "0123456789"),
    ("0612345678", False, "phone_format", "0612345678"),
    ("091234567", False, "phone_format", "091234567"),
    ("09123456789", False, "phone_format", "09123456789"),
    ("0283823456", False, "phone_format", "0283823456"),
    ("1900 1234", False, "phone_format", "1900 1234"),
    ("8491234567", False, "phone_format", "8491234567"),
    ("09123abc78", False, "phone_chars", "09123abc78"),
    ("+84+912345678", False, "phone_chars", "+84+912345678"),
    ("０９１２３４５６７８", False, "phone_chars", "０９１２３４５６７８"),
]


@pytest.mark.parametrize(("value", "required", "expected", "normalized"), PHONE_CASES)
def test_phones(value, required, expected, normalized):
    assert codes(check_phone(value, field="owner.phone", required=required)) == ([] if expected is None else [expected])
    assert normalize_phone(value) == normalized


EMAIL_CASES = [
    ("", None),
    ("ten@example.com", None),
    ("  ten@example.com ", None),
    ("a.b+c@sub.example.gov.vn", None),
    ("ten@", "email_format"),
    ("ten example@x.com", "email_format"),
    ("tên@example.com", "email_format"),
    ("a..b@x.com", "email_format"),
    (".a@x.com", "email_format"),
    ("ten@example", "email_format"),
    ("ten@@example.com", "email_format"),
    ("a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 61 + ".vn", "email_too_long"),
]


@pytest.mark.parametrize(("value", "expected"), EMAIL_CASES)
def test_check_email(value, expected):
    assert codes(check_email(value)) == ([] if expected is None else [expected])


NAME_CASES = [
    ("Nguyễn Văn Ấn", None),
    ("  Trần   Thị \t Bích  ", None),
    ("Nguyễn Văn A (con)", None),
    ("Công ty TNHH 3 Sao", None),
    ("H' Hen Niê", None),
    ("Ê Đê", None),
    ("Nguye\u0302\u0303n Va\u0306n An", None),  # decomposed (NFD) input
    ("ắ" * 100, None),
    ("a\u0306\u0301" * 100, None),  # 100 letters once composed, 300 code points as typed
    ("", "required"),
    ("   ", "required"),
    ("12345", "name_no_letter"),
    ("--- ...", "name_no_letter"),
    ("Nguyễn\x00Văn", "control_chars"),
    ("Nguyễn\x1bVăn", "control_chars"),
    ("Nguyễn Văn\x1f", "control_chars"),
    ("Nguyễn\u202eVăn", "hidden_chars"),
    ("\u2066Nguyễn\u2069", "hidden_chars"),
    ("Nguyễn\u200bVăn", "hidden_chars"),
    ("Nguyễn\ud800", "hidden_chars"),
    ("ắ" * 101, "too_long"),
]


@pytest.mark.parametrize(("value", "expected"), NAME_CASES)
def test_check_person_name(value, expected):
    assert codes(check_person_name(value, field="owner.full_name")) == ([] if expected is None else [expected])


FREE_TEXT_CASES = [
    # value, max, required, multiline, expected
    ("Số 1 Lê Lợi, phường Hải Châu, TP Đà Nẵng", 250, False, False, None),
    ("", 250, False, False, None),
    ("", 250, True, False, "required"),
    ("a" * 250, 250, False, False, None),
    ("a" * 251, 250, False, False, "too_long"),
    ("Thôn 1\nxã 2", 250, False, False, None),  # a line break in an address collapses to a space
    ("Thôn 1\x07", 250, False, False, "control_chars"),
    ("Thôn\u202e1", 250, False, False, "hidden_chars"),
    ("Dòng 1\nDòng 2\r\nDòng 3", 1000, False, True, None),
    ("x" * 1000, 1000, False, True, None),
    ("x" * 1001, 1000, False, True, "too_long"),
    ("Ghi chú\x00", 1000, False, True, "control_chars"),
    ("Ghi chú\u2067", 1000, False, True, "hidden_chars"),
]


@pytest.mark.parametrize(("value", "max_length", "required", "multiline", "expected"), FREE_TEXT_CASES)
def test_free_text(value, max_length, required, multiline, expected):
    check = check_multiline_text if multiline else check_free_text
    errors = check(value, field="note", max_length=max_length, required=required)
    assert codes(errors) == ([] if expected is None else [expected])


def test_too_long_reports_limit_and_length():
    [error] = check_free_text("a" * 251, field="owner.address", max_length=250)
    assert error.params == {"max": 250, "length": 251}
    assert "250" in error.message() and "250" in error.message("en")


MASK_CASES = [
    (mask_id_number, "001203012345", "001******345"),
    (mask_id_number, "001 203 012 345", "001******345"),
    (mask_id_number, "123456789", "12*****89"),
    (mask_id_number, "C1234567", "C1****67"),
    (mask_id_number, "123", "***"),
    (mask_id_number, "", ""),
    (mask_phone, "0912345678", "091****678"),
    (mask_phone, "+84 912 345 678", "091****678"),
    (mask_phone, "02838234567", "028*****567"),
    (mask_phone, "", ""),
]


@pytest.mark.parametrize(("mask", "value", "expected"), MASK_CASES)
def test_masks(mask, value, expected):
    assert mask(value) == expected


# --- properties ---------------------------------------------------------------------------

CENTURY_DIGITS = {1900: ("0", "1"), 2000: ("2", "3")}


@st.composite
def valid_cccd(draw):
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    century_digit = draw(st.sampled_from(CENTURY_DIGITS[born.year // 100 * 100]))
    serial = draw(st.integers(min_value=0, max_value=999_999))
    return f"{province}{century_digit}{born.year % 100:02d}{serial:06d}", born


@given(valid_cccd())
def test_every_well_formed_cccd_passes(case):
    number, born = case
    assert check_id_number(number, birth_date=born) == []
    assert check_id_number(number) == []


@given(valid_cccd(), st.sampled_from("0123456789"))
def test_a_wrong_century_digit_is_caught(case, digit):
    number, born = case
    assume(digit not in CENTURY_DIGITS[born.year // 100 * 100])
    wrong = number[:3] + digit + number[4:]
    assert codes(check_id_number(wrong, birth_date=born)) == ["id_century_mismatch"]


@given(st.text())
def test_any_id_with_a_non_digit_fails(value):
    normalized = normalize_id_number(value)
    assume(normalized and not re.fullmatch(r"[0-9]+", normalized))
    assert codes(check_id_number(value)) == ["id_not_digits"]


@given(st.from_regex(r"[0-9]{1,20}", fullmatch=True))
def test_any_digit_string_of_the_wrong_length_fails(value):
    assume(len(value) != 12)
    assert codes(check_id_number(value)) in (["id_length"], ["id_cmnd_obsolete"])


PHONE_LIKE = st.one_of(
    st.text(),
    st.from_regex(r"(\+84|84|0084|0)[ .\-]?[0-9 .\-()]{6,14}", fullmatch=True),
)


@given(PHONE_LIKE)
def test_normalize_phone_is_idempotent(value):
    once = normalize_phone(value)
    assert normalize_phone(once) == once
    if check_phone(value) == []:
        assert once == "" or re.fullmatch(r"0[0-9]{9,10}", once)


@given(st.from_regex(r"0[35789][0-9]{8}", fullmatch=True), st.sampled_from(["", " ", ".", "-"]))
def test_every_mobile_number_passes_in_any_written_form(number, sep):
    written = f"+84{sep}{number[1:4]}{sep}{number[4:7]}{sep}{number[7:]}"
    assert check_phone(written) == []
    assert normalize_phone(written) == number


@given(st.one_of(st.text(), st.from_regex(r"[0-9 .+]{0,30}", fullmatch=True)))
def test_masks_never_reveal_more_than_six_digits(value):
    for mask in (mask_id_number, mask_phone):
        masked = mask(value)
        assert isinstance(masked, str)
        assert sum(ch.isdigit() for ch in masked) <= 6
