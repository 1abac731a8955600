"""Dossier codes <agency code>-YYMMDD-XXXX (DOMAIN §4)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.dossier_code import (
    check_agency_code,
    format_dossier_code,
    looks_like_dossier_code,
    parse_dossier_code,
)
from counter_app.domain.errors import DomainError

EXAMPLE = "000.00.06.H56-231027-0361"


def test_the_circular_example():
    assert format_dossier_code("000.00.06.H56", date(2023, 10, 27), 361) == EXAMPLE
    assert parse_dossier_code(EXAMPLE) == ("000.00.06.H56", date(2023, 10, 27), 361)
    assert looks_like_dossier_code(EXAMPLE)


FORMAT_CASES = [
    ("000.00.06.H56", date(2023, 10, 27), 1, "000.00.06.H56-231027-0001"),
    ("000.00.06.H56", date(2023, 10, 27), 9999, "000.00.06.H56-231027-9999"),
    ("000.00.06.H56", date(2023, 10, 27), 10000, "000.00.06.H56-231027-10000"),
    ("000.21.13.H38", date(2026, 1, 2), 42, "000.21.13.H38-260102-0042"),
    (" 000.00.06.H56 ", date(2000, 1, 1), 7, "000.00.06.H56-000101-0007"),
    ("000.00.06.H56", datetime(2023, 10, 26, 18, 0, tzinfo=LOCAL_TZ), 1, "000.00.06.H56-231026-0001"),
]


@pytest.mark.parametrize(("agency", "day", "seq", "expected"), FORMAT_CASES)
def test_format(agency, day, seq, expected):
    code = format_dossier_code(agency, day, seq)
    assert code == expected
    assert parse_dossier_code(code)[2] == seq


def test_aware_datetime_uses_the_local_date():
    # 18:00 UTC on the 26th is already 01:00 on the 27th in Vietnam.
    assert format_dossier_code("000.00.06.H56", datetime(2023, 10, 26, 18, 0, tzinfo=UTC), 1) == (
        "000.00.06.H56-231027-0001"
    )


@pytest.mark.parametrize("seq", [0, -1, True, 1.0])
def test_format_refuses_a_bad_sequence(seq):
    with pytest.raises(ValueError):
        format_dossier_code("000.00.06.H56", date(2023, 10, 27), seq)


@pytest.mark.parametrize("day", [date(1999, 12, 31), date(2100, 1, 1)])
def test_format_refuses_years_that_yymmdd_cannot_hold(day):
    with pytest.raises(ValueError):
        format_dossier_code("000.00.06.H56", day, 1)


def test_format_refuses_a_bad_agency_code():
    with pytest.raises(DomainError) as info:
        format_dossier_code("H56", date(2023, 10, 27), 1)
    assert info.value.code == "agency_code_format"


AGENCY_CASES = [
    ("000.00.06.H56", None),
    ("000.21.13.H38", None),
    ("  000.00.06.H56\n", None),
    ("", "required"),
    ("000.00.06.h56", "agency_code_format"),
    ("00.00.06.H56", "agency_code_format"),
    ("000.00.06.H5", "agency_code_format"),
    ("000.00.06.H566", "agency_code_format"),
    ("000.00.06.56H", "agency_code_format"),
    ("000-00-06-H56", "agency_code_format"),
    ("000.00.06.HH6", "agency_code_format"),
    ("000.00.06.Ư56", "agency_code_format"),
    ("٠٠٠.00.06.H56", "agency_code_format"),  # Arabic-Indic digits
    ("000.00.06.H56-231027-0361", "agency_code_format"),
]


@pytest.mark.parametrize(("value", "expected"), AGENCY_CASES)
def test_check_agency_code(value, expected):
    errors = check_agency_code(value, field="site.agency_code")
    assert [e.code for e in errors] == ([] if expected is None else [expected])
    assert all(e.field == "site.agency_code" for e in errors)


INVALID_CODES = [
    "",
    "hello",
    "000.00.06.H56-231327-0361",  # month 13
    "000.00.06.H56-230229-0001",  # 2023 is not a leap year
    "000.00.06.H56-231032-0001",
    "000.00.06.H56-231027-0000",  # sequences start at 0001
    "000.00.06.H56-231027-361",  # fewer than 4 digits
    "000.00.06.H56-231027-01234",  # non-canonical: 1234 is written 1234
    "000.00.06.H56231027-0361",
    "000.00.06.H56-2310270361",
    "000.00.06.H5-231027-0361",
    "000.00.06.H56-231027-0361-1",
    "000.00.06.H56-٢٣١٠٢٧-0361",
]


@pytest.mark.parametrize("code", INVALID_CODES)
def test_parse_refuses_invalid_codes(code):
    with pytest.raises(DomainError) as info:
        parse_dossier_code(code)
    assert info.value.code == "dossier_code_invalid"
    assert not looks_like_dossier_code(code)


def test_parse_is_lenient_on_case_and_surrounding_spaces():
    assert parse_dossier_code(" 000.00.06.h56-240229-0001\n") == ("000.00.06.H56", date(2024, 2, 29), 1)


def test_invalid_code_message_quotes_the_code():
    with pytest.raises(DomainError) as info:
        parse_dossier_code("ABC-1")
    assert "ABC-1" in str(info.value)
    assert "000.00.06.H56-231027-0361" in info.value.message("en")


AGENCY = st.from_regex(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}", fullmatch=True)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
SEQS = st.integers(min_value=1, max_value=10**7)


@given(AGENCY, DAYS, SEQS)
def test_format_parse_round_trip(agency, day, seq):
    code = format_dossier_code(agency, day, seq)
    assert parse_dossier_code(code) == (agency, day, seq)
    assert format_dossier_code(*parse_dossier_code(code)) == code
    assert looks_like_dossier_code(code)


@given(st.text())
def test_looks_like_never_raises(text):
    assert looks_like_dossier_code(text) in (True, False)


def test_format_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        format_dossier_code("000.00.06.H56", datetime(2023, 10, 26, 18, 0), 1)
