"""Normalization and validation of a dossier received at the counter."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.errors import ValidationFailed
from counter_app.domain.identity import IdKind
from counter_app.domain.intake import (
    Channel,
    DocumentForm,
    DocumentLine,
    IntakeRequest,
    Person,
    ReturnMethod,
    normalize_intake,
    validate_intake,
)
from counter_app.domain.messages import field_label

OWNER = Person(
    full_name="Nguyễn Văn Ấn",
    id_number="001203012345",
    birth_date=date(2003, 5, 1),
    phone="0912345678",
    email="an@example.com",
    address="Số 1 Lê Lợi, Tam Kỳ, Quảng Nam",
)
SUBMITTER = Person(full_name="Trần Thị Bích", id_number="049190000123")
GOOD = IntakeRequest(
    procedure_code="1.000948.H38",
    owner=OWNER,
    documents=(
        DocumentLine("Tờ khai đăng ký khai sinh", DocumentForm.ORIGINAL, 1),
        DocumentLine("Giấy chứng sinh", DocumentForm.CERTIFIED_COPY, 2),
    ),
)
RECEIVED = datetime(2023, 10, 27, 9, 32, tzinfo=LOCAL_TZ)


def pairs(errors) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in errors}


def owner(**changes) -> Person:
    return replace(OWNER, **changes)


def docs(*lines: DocumentLine) -> tuple[DocumentLine, ...]:
    return lines


VALID_CASES = [
    ("minimal", GOOD),
    ("owner-only-name-and-id", replace(GOOD, owner=Person("Lê Văn C", "079090001234"))),
    ("with-submitter", replace(GOOD, submitter=SUBMITTER)),
    ("blank-submitter-block", replace(GOOD, submitter=Person(full_name="  "))),
    ("passport-owner", replace(GOOD, owner=owner(id_kind=IdKind.PASSPORT, id_number="c1234567", birth_date=None))),
    ("messy-but-fixable", replace(GOOD, owner=owner(full_name="  nguyễn  văn ấn ", id_number="001 203 012 345",
                                                     phone="+84 912 345 678"))),
    ("50-document-lines", replace(GOOD, documents=tuple(DocumentLine(f"Giấy tờ {i}") for i in range(50)))),
    ("20-sets", replace(GOOD, sets=20)),
    ("note-1000-with-lines", replace(GOOD, note=("Ghi chú\n" * 125)[:1000])),
    ("post-with-address", replace(GOOD, return_method=ReturnMethod.POST)),
    ("string-enums", replace(GOOD, channel="post", return_method="online",
                             documents=(DocumentLine("Tờ khai", "photocopy", 1),))),
    ("late-paper-entry", replace(GOOD, received_at=RECEIVED, owner=owner(birth_date=date(2003, 10, 27)))),
]


@pytest.mark.parametrize("req", [pytest.param(r, id=i) for i, r in VALID_CASES])
def test_valid_requests(req):
    assert validate_intake(req) == []


INVALID_CASES = [
    ("no-procedure", replace(GOOD, procedure_code="  "), {("procedure", "required")}),
    ("no-owner-name", replace(GOOD, owner=owner(full_name="")), {("owner.full_name", "required")}),
    ("owner-name-digits", replace(GOOD, owner=owner(full_name="0912345678")), {("owner.full_name", "name_no_letter")}),
    ("owner-name-bidi", replace(GOOD, owner=owner(full_name="An\u202eN")), {("owner.full_name", "hidden_chars")}),
    ("owner-name-long", replace(GOOD, owner=owner(full_name="A" * 101)), {("owner.full_name", "too_long")}),
    ("no-owner-id", replace(GOOD, owner=owner(id_number="")), {("owner.id_number", "required")}),
    ("owner-cmnd", replace(GOOD, owner=owner(id_number="123456789")), {("owner.id_number", "id_cmnd_obsolete")}),
    ("owner-cmnd-kind", replace(GOOD, owner=owner(id_kind=IdKind.CMND)), {("owner.id_number", "id_cmnd_obsolete")}),
    ("owner-bad-kind", replace(GOOD, owner=owner(id_kind="residence")), {("owner.id_kind", "choice_invalid")}),
    ("owner-century", replace(GOOD, owner=owner(birth_date=date(1993, 5, 1))),
     {("owner.id_number", "id_century_mismatch")}),
    ("owner-year", replace(GOOD, owner=owner(birth_date=date(2004, 5, 1))), {("owner.id_number", "id_year_mismatch")}),
    ("owner-born-1899", replace(GOOD, owner=owner(birth_date=date(1899, 1, 1))),
     {("owner.birth_date", "birth_date_too_old")}),
    ("owner-born-after-receipt", replace(GOOD, received_at=RECEIVED, owner=owner(birth_date=date(2023, 10, 28))),
     {("owner.birth_date", "birth_date_future")}),
    ("owner-phone", replace(GOOD, owner=owner(phone="0123")), {("owner.phone", "phone_format")}),
    ("owner-email", replace(GOOD, owner=owner(email="an@")), {("owner.email", "email_format")}),
    ("owner-address-long", replace(GOOD, owner=owner(address="x" * 251)), {("owner.address", "too_long")}),
    ("submitter-without-id", replace(GOOD, submitter=Person("Trần Thị Bích")), {("submitter.id_number", "required")}),
    ("submitter-without-name", replace(GOOD, submitter=Person("", "049190000123")),
     {("submitter.full_name", "required")}),
    ("submitter-bad-phone", replace(GOOD, submitter=replace(SUBMITTER, phone="12")),
     {("submitter.phone", "phone_format")}),
    ("no-documents", replace(GOOD, documents=()), {("documents", "documents_required")}),
    ("51-documents", replace(GOOD, documents=tuple(DocumentLine(f"Giấy tờ {i}") for i in range(51))),
     {("documents", "too_many")}),
    ("document-count-zero",
     replace(GOOD, documents=docs(DocumentLine("Tờ khai"), DocumentLine("Giấy chứng sinh", count=0))),
     {("documents[1].count", "number_range")}),
    ("document-count-huge", replace(GOOD, documents=docs(DocumentLine("Tờ khai", count=1000))),
     {("documents[0].count", "number_range")}),
    ("document-count-not-int", replace(GOOD, documents=docs(DocumentLine("Tờ khai", count="2"))),
     {("documents[0].count", "number_range")}),
    ("document-no-name", replace(GOOD, documents=docs(DocumentLine("  "))), {("documents[0].name", "required")}),
    ("document-bad-form", replace(GOOD, documents=docs(DocumentLine("Tờ khai", "scan"))),
     {("documents[0].form", "choice_invalid")}),
    ("sets-zero", replace(GOOD, sets=0), {("sets", "number_range")}),
    ("sets-21", replace(GOOD, sets=21), {("sets", "number_range")}),
    ("note-long", replace(GOOD, note="x" * 1001), {("note", "too_long")}),
    ("note-control", replace(GOOD, note="Ghi chú\x00"), {("note", "control_chars")}),
    ("bad-channel", replace(GOOD, channel="fax"), {("channel", "choice_invalid")}),
    ("bad-return-method", replace(GOOD, return_method="drone"), {("return_method", "choice_invalid")}),
    ("post-without-address", replace(GOOD, return_method=ReturnMethod.POST, owner=owner(address="")),
     {("owner.address", "address_required_for_post")}),
    ("naive-received-at", replace(GOOD, received_at=datetime(2023, 10, 27, 9, 32)),
     {("received_at", "datetime_naive")}),
]


@pytest.mark.parametrize(("req", "expected"), [pytest.param(r, e, id=i) for i, r, e in INVALID_CASES])
def test_invalid_requests(req, expected):
    assert pairs(validate_intake(req)) == expected


def test_all_errors_are_reported_at_once():
    req = IntakeRequest(
        procedure_code="",
        owner=Person(full_name="", id_number="12345", birth_date=date(1980, 1, 1), phone="0123", email="x@"),
        submitter=Person(full_name="Trần Thị Bích"),
        documents=(DocumentLine("", count=0),) + tuple(DocumentLine("Giấy") for _ in range(50)),
        sets=0,
        return_method=ReturnMethod.POST,
        note="\x07",
    )
    errors = validate_intake(req)
    assert pairs(errors) == {
        ("procedure", "required"),
        ("owner.full_name", "required"),
        ("owner.id_number", "id_length"),
        ("owner.phone", "phone_format"),
        ("owner.email", "email_format"),
        ("submitter.id_number", "required"),
        ("documents", "too_many"),
        ("documents[0].name", "required"),
        ("documents[0].count", "number_range"),
        ("sets", "number_range"),
        ("note", "control_chars"),
        ("owner.address", "address_required_for_post"),
    }
    # Every field has a proper label and every message renders in both languages.
    for error in errors:
        for lang in ("vi", "en"):
            assert field_label(error.field, lang) != error.field
            assert error.message(lang) != error.code
    failure = ValidationFailed(errors)
    assert failure.code == "validation_failed"
    text = str(failure)
    assert "Số lượng giấy tờ dòng 1: Phải là số nguyên từ 1 đến 999" in text
    assert "Thủ tục hành chính: Chưa nhập thông tin bắt buộc này" in text
    assert text.count("; ") >= len(errors) - 1
    assert "Count of document line 1" in failure.message("en")


def test_normalize_intake():
    req = replace(
        GOOD,
        procedure_code=" 1.000948.H38 ",
        owner=owner(full_name="  nguye\u0302\u0303n   Văn  Ấn ", id_number=" 001 203.012 345", phone="+84 912-345-678",
                    email=" an@example.com ", address=" Số 1   Lê Lợi "),
        submitter=Person(full_name=" ", id_number=" "),
        documents=(DocumentLine("  Tờ   khai ", "certified_copy", 1),),
        channel="online",
        return_method="post",
        note="  Dòng 1 \r\nDòng 2  ",
    )
    n = normalize_intake(req)
    assert n.procedure_code == "1.000948.H38"
    assert n.owner.full_name == "nguyễn Văn Ấn"
    assert n.owner.id_number == "001203012345"
    assert n.owner.phone == "0912345678"
    assert n.owner.email == "an@example.com"
    assert n.owner.address == "Số 1 Lê Lợi"
    assert n.submitter is None
    assert n.documents == (DocumentLine("Tờ khai", DocumentForm.CERTIFIED_COPY, 1),)
    assert n.channel is Channel.ONLINE and n.return_method is ReturnMethod.POST
    assert n.note == "Dòng 1\nDòng 2"
    assert normalize_intake(n) == n


def test_enum_labels():
    assert DocumentForm.ORIGINAL.label() == "Bản chính"
    assert DocumentForm.CERTIFIED_COPY.label() == "Bản sao chứng thực"
    assert DocumentForm.PHOTOCOPY.label() == "Bản photo"
    assert DocumentForm.PHOTOCOPY.label("en") == "Photocopy"
    for enum in (Channel, ReturnMethod, DocumentForm, IdKind):
        for member in enum:
            assert member.label("vi") and member.label("en") and member.label("vi") != member.label("en")


TEXT = st.text(max_size=30)


@given(
    name=TEXT, id_number=TEXT, phone=TEXT, email=TEXT, address=TEXT, doc=TEXT, note=st.text(max_size=60),
    submitter=st.none() | st.builds(Person, TEXT, TEXT),
    when=st.none() | st.datetimes(timezones=st.just(UTC)),
)
def test_validation_never_crashes_and_normalization_is_idempotent(
    name, id_number, phone, email, address, doc, note, submitter, when
):
    req = IntakeRequest(
        procedure_code="1.000948.H38",
        owner=Person(name, id_number, phone=phone, email=email, address=address),
        submitter=submitter,
        documents=(DocumentLine(doc),),
        received_at=when,
        note=note,
    )
    once = normalize_intake(req)
    assert normalize_intake(once) == once
    for error in validate_intake(req):
        assert error.message("vi") and error.message("en")
