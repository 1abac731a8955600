"""Property-based fuzzing of the pure parsers and validators (no database)."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app import cli
from counter_app.domain import messages
from counter_app.domain.catalog import CSV_COLUMNS, Catalog, parse_catalog_csv, parse_catalog_json
from counter_app.domain.dossier_code import format_dossier_code, looks_like_dossier_code, parse_dossier_code
from counter_app.domain.errors import DomainError, FieldError
from counter_app.domain.identity import (
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
from counter_app.domain.intake import DocumentLine, IntakeRequest, Person, normalize_intake, validate_intake
from counter_app.domain.text import clean_line, clean_multiline, fold, lookup_key, matches, safe_excerpt, unsafe_chars
from counter_app.resources import resource_path
from tests.fuzz.strategies import any_text, fuzz_settings, hostile, hostile_around, tried

PURE = 200  # examples per pure function (times FUZZ_EXAMPLES_SCALE)
SHIPPED_JSON = resource_path("catalog", "procedures.json").read_bytes()


def assert_clear(error: FieldError | DomainError) -> None:
    """A clear error: a known code whose message renders in both languages."""
    assert messages.has_message(error.code), error.code
    for lang in ("vi", "en"):
        text = error.message(lang)
        assert text and text != error.code
    if isinstance(error, FieldError):
        assert error.field


def assert_clear_all(errors: list[FieldError]) -> None:
    for e in errors:
        assert_clear(e)


# --- identity: ID numbers, phones, emails, names, birth dates ----------------------------------


@fuzz_settings(PURE)
@given(value=hostile_around("001301012345"), kind=st.sampled_from([*IdKind, "xyz"]),
       birth=st.none() | st.dates(date(1, 1, 1), date(9999, 12, 31)))
def test_id_numbers(value, kind, birth):
    tried("identity.check_id_number")
    errors = check_id_number(value, kind=kind, birth_date=birth)
    assert len(errors) <= 1
    assert_clear_all(errors)
    number = normalize_id_number(value)
    assert normalize_id_number(number) == number
    if not errors:
        assert number.isascii() and not unsafe_chars(number)
    mask_id_number(value)


@fuzz_settings(PURE)
@given(value=hostile_around("+84 912 345 678"), required=st.booleans())
def test_phones(value, required):
    tried("identity.check_phone")
    errors = check_phone(value, required=required)
    assert len(errors) <= 1
    assert_clear_all(errors)
    normalized = normalize_phone(value)
    if not errors and normalized:
        assert normalized.isascii() and normalized.isdigit() and len(normalized) in (10, 11)
        assert check_phone(normalized) == []
    mask_phone(value)


@fuzz_settings(PURE)
@given(value=hostile_around("an.nguyen@example.vn"))
def test_emails(value):
    tried("identity.check_email")
    errors = check_email(value)
    assert_clear_all(errors)
    if not errors and value.strip():
        assert value.strip().isascii() and len(value.strip()) <= 254


@fuzz_settings(PURE)
@given(value=hostile_around("Nguyễn Thị Ấn"))
def test_person_names(value):
    tried("identity.check_person_name")
    errors = check_person_name(value)
    assert len(errors) <= 1
    assert_clear_all(errors)
    if not errors:
        name = clean_line(value)
        assert 0 < len(name) <= 100 and not unsafe_chars(name)


@fuzz_settings(PURE)
@given(value=hostile_around("12 Lê Lợi, Hải Châu"), max_length=st.sampled_from([1, 250, 500]),
       required=st.booleans(), multiline=st.booleans())
def test_free_text(value, max_length, required, multiline):
    tried("identity.check_free_text")
    check = check_multiline_text if multiline else check_free_text
    errors = check(value, field="note", max_length=max_length, required=required)
    assert_clear_all(errors)
    if not errors:
        text = (clean_multiline if multiline else clean_line)(value)
        assert len(text) <= max_length
        assert not unsafe_chars(text, allow="\n" if multiline else "")


@fuzz_settings(PURE)
@given(value=st.dates(date(1, 1, 1), date(9999, 12, 31)) | st.datetimes() | st.none(),
       today=st.dates(date(1900, 1, 1), date(2200, 1, 1)))
def test_birth_dates(value, today):
    tried("identity.check_birth_date")
    errors = check_birth_date(value, today=today)
    assert_clear_all(errors)


# --- dossier codes: typed or scanned ---------------------------------------------------------------


scan_noise = st.sampled_from(["", "\r", "\n", "\r\n", "\t", " ", "\x00", "\x02", "\x03", "\x1d", "\u200b", "\ufeff"])


@fuzz_settings(PURE)
@given(value=st.one_of(hostile, hostile_around("000.00.06.H56-261126-0001"),
                       st.from_regex(r"\A[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Za-z][0-9]{2}-[0-9]{6}-[0-9]{4,6}\Z")))
def test_dossier_codes(value):
    tried("dossier_code.parse_dossier_code")
    try:
        agency, day, seq = parse_dossier_code(value)
    except DomainError as e:
        assert e.code == "dossier_code_invalid"
        assert_clear(e)
        assert len(str(e.params.get("value", ""))) <= 41
        assert not looks_like_dossier_code(value)
        return
    assert looks_like_dossier_code(value)
    assert format_dossier_code(agency, day, seq) == value.strip().upper()


@fuzz_settings(PURE)
@given(agency=st.from_regex(r"\A[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}\Z"),
       day=st.dates(date(2000, 1, 1), date(2099, 12, 31)), seq=st.integers(1, 10**6),
       before=scan_noise, after=scan_noise, lower=st.booleans())
def test_barcode_scans(agency, day, seq, before, after, lower):
    """What a scanner types: the code, maybe lower case (Caps Lock), maybe a prefix/suffix byte."""
    tried("dossier_code.barcode_scan")
    code = format_dossier_code(agency, day, seq)
    scanned = before + (code.lower() if lower else code) + after
    if not (before + after).strip():  # only whitespace around it: the code is read
        assert parse_dossier_code(scanned) == (agency, day, seq)
    else:
        assert looks_like_dossier_code(scanned) is False
    # the lookup key never carries a control or hidden character to the database
    key = lookup_key(scanned)
    assert key == "" or not unsafe_chars(key)


# --- text folding and cleaning ----------------------------------------------------------------------


@fuzz_settings(PURE)
@given(value=st.one_of(hostile, any_text), other=hostile)
def test_text_cleaning_and_folding(value, other):
    tried("text.fold/clean")
    line = clean_line(value)
    assert clean_line(line) == line and line == line.strip(" ") and "\n" not in line
    assert unicodedata.is_normalized("NFC", line)
    multi = clean_multiline(value)
    assert clean_multiline(multi) == multi
    folded = fold(value)
    assert fold(folded) == folded
    assert not any(unicodedata.category(ch).startswith("M") for ch in folded)
    matches(other, value)
    assert matches(value, value)  # a text always finds itself
    excerpt = safe_excerpt(value)
    assert len(excerpt) <= 41 and not unsafe_chars(excerpt)


# --- the catalogue files --------------------------------------------------------------------------


def assert_catalog_error(e: DomainError) -> None:
    assert e.code == "catalog_invalid"
    assert_clear(e)
    assert "{detail_en}" not in e.message("en") and "{detail}" not in e.message("vi")


@st.composite
def damaged_json(draw) -> bytes:
    data = SHIPPED_JSON
    how = draw(st.sampled_from(["truncate", "bad_utf8", "splice", "hostile_value", "random"]))
    if how == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "bad_utf8":
        i = draw(st.integers(0, len(data)))
        bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xe1\xba", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80\x80"]))
        return data[:i] + bad + data[i:]
    if how == "splice":
        i = draw(st.integers(0, len(data)))
        j = draw(st.integers(i, min(len(data), i + 200)))
        return data[:i] + draw(st.binary(max_size=20)) + data[j:]
    if how == "hostile_value":
        doc = json.loads(data)
        proc = doc["procedures"][draw(st.integers(0, len(doc["procedures"]) - 1))]
        key = draw(st.sampled_from(["code", "name", "fee_text", "lead_agency", "processing_days", "counting"]))
        proc[key] = draw(hostile)
        return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    return draw(st.binary(max_size=200))


@fuzz_settings(100)
@given(data=damaged_json())
def test_catalog_json_files(data):
    tried("catalog.parse_catalog_json")
    try:
        result = parse_catalog_json(data)
    except DomainError as e:
        assert_catalog_error(e)
        return
    assert isinstance(result, Catalog)
    for p in result.procedures:
        assert not unsafe_chars(p.name) and not unsafe_chars(p.code)


CSV_HEADER = "code,name,field_code,field_name,processing_days,counting,online_class,documents"
CSV_ROW = ["1.000001.H56", "Đăng ký khai sinh", "ho_tich", "Hộ tịch", "5", "working_days", "toan_trinh",
           "Tờ khai|original|1|true"]


@st.composite
def damaged_csv(draw) -> str | bytes:
    rows = []
    for n in range(draw(st.integers(1, 3))):
        row = list(CSV_ROW)
        row[0] = f"1.00000{n}.H56"
        for _ in range(draw(st.integers(0, 3))):
            row[draw(st.integers(0, len(row) - 1))] = draw(hostile)
        if draw(st.booleans()):
            row = row[: draw(st.integers(0, len(row)))]  # a short row
        quote = draw(st.booleans())
        rows.append(",".join('"' + c.replace('"', '""') + '"' if quote else c for c in row))
    header = draw(st.sampled_from([CSV_HEADER, CSV_HEADER.replace(",", ";"), CSV_HEADER + ",bogus",
                                   "\ufeff" + CSV_HEADER, ",".join(CSV_COLUMNS), CSV_HEADER.upper()]))
    text = header + "\r\n" + "\n".join(rows) + draw(st.sampled_from(["", "\n", '\n"unterminated']))
    if draw(st.booleans()):
        raw = text.encode("utf-8", "surrogatepass")
        i = draw(st.integers(0, len(raw)))
        return raw[:i] + draw(st.sampled_from([b"", b"\xff", b"\xfe\xff", b"\xc3("])) + raw[i:]
    return text


@fuzz_settings(100)
@given(data=damaged_csv(), version=st.just("") | hostile)
def test_catalog_csv_files(data, version):
    tried("catalog.parse_catalog_csv")
    try:
        result = parse_catalog_csv(data, version=version)
    except DomainError as e:
        assert_catalog_error(e)
        return
    assert isinstance(result, Catalog) and result.procedures


# --- intake requests --------------------------------------------------------------------------------


@st.composite
def intake_requests(draw) -> IntakeRequest:
    def person(name: str) -> Person:
        return Person(
            full_name=draw(hostile_around(name) | st.just(name)),
            id_number=draw(hostile_around("001301012345") | st.just("001301012345")),
            id_kind=draw(st.sampled_from([*IdKind, "bogus", ""])),
            birth_date=draw(st.none() | st.dates(date(1, 1, 1), date(9999, 12, 31))),
            phone=draw(hostile_around("0912345678") | st.just("")),
            email=draw(st.just("") | hostile),
            address=draw(st.just("") | hostile_around("12 Lê Lợi")),
        )

    docs = draw(st.lists(st.builds(DocumentLine, name=hostile_around("Tờ khai"),
                                   form=st.sampled_from(["original", "photocopy", "x", ""]),
                                   count=st.integers(-5, 2000) | st.sampled_from([True, 1.5, "2", None])),
                         max_size=3))
    return IntakeRequest(
        procedure_code=draw(hostile_around("1.000948.H38")), owner=person("Nguyễn Thị Ấn"),
        submitter=draw(st.none() | st.just(person("Trần Văn Bình"))), documents=tuple(docs),
        sets=draw(st.integers(-3, 30) | st.sampled_from([True, None, "1"])),
        return_method=draw(st.sampled_from(["counter", "post", "x"])),
        channel=draw(st.sampled_from(["in_person", "online", "?"])),
        received_at=draw(st.none() | st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1))),
        note=draw(st.just("") | hostile),
    )


@fuzz_settings(PURE)
@given(req=intake_requests())
def test_intake_validation(req):
    tried("intake.validate_intake")
    normalized = normalize_intake(req)
    assert normalize_intake(normalized) == normalized
    errors = validate_intake(req)
    assert_clear_all(errors)
    assert all(messages.field_label(e.field, "vi") for e in errors)


# --- the CLI's date parsing -----------------------------------------------------------------------


@fuzz_settings(PURE)
@given(text=st.one_of(hostile, st.dates().map(date.isoformat), st.datetimes().map(datetime.isoformat),
                      hostile_around("2026-11-26T09:30+07:00")))
def test_cli_date_arguments(text):
    tried("cli._parse_date/_parse_datetime")
    for parse in (cli._parse_date, cli._parse_datetime):
        try:
            value = parse(text, "--at")
        except cli.CliError as e:
            assert str(e).startswith("--at: ")
            continue
        if parse is cli._parse_datetime:
            assert value.tzinfo is not None
        else:
            assert isinstance(value, date)
