"""The dossier an officer receives at the counter: its data, normalization and validation."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.errors import FieldError
from counter_app.domain.identity import (
    IdKind,
    check_birth_date,
    check_email,
    check_free_text,
    check_id_number,
    check_multiline_text,
    check_person_name,
    check_phone,
    normalize_id_number,
    normalize_phone,
)
from counter_app.domain.messages import normalize_lang
from counter_app.domain.text import clean_line, clean_multiline, control_chars, hidden_chars

ADDRESS_MAX_LENGTH = 250
NOTE_MAX_LENGTH = 1000
DOCUMENT_NAME_MAX_LENGTH = 500  # catalogue document names can be long sentences
MAX_DOCUMENT_LINES = 50
MAX_DOCUMENT_COUNT = 999
MAX_SETS = 20


class _Labelled(StrEnum):
    def label(self, lang: str = "vi") -> str:
        vi, en = _LABELS[self]
        return en if normalize_lang(lang) == "en" else vi


class Channel(_Labelled):
    IN_PERSON = "in_person"
    ONLINE = "online"
    POST = "post"


class ReturnMethod(_Labelled):
    COUNTER = "counter"
    POST = "post"
    ONLINE = "online"


class DocumentForm(_Labelled):
    ORIGINAL = "original"
    CERTIFIED_COPY = "certified_copy"
    PHOTOCOPY = "photocopy"


_LABELS: dict[StrEnum, tuple[str, str]] = {
    Channel.IN_PERSON: ("Trực tiếp", "In person"),
    Channel.ONLINE: ("Trực tuyến", "Online"),
    Channel.POST: ("Qua dịch vụ bưu chính công ích", "Public postal service"),
    ReturnMethod.COUNTER: ("Trực tiếp tại Bộ phận Một cửa", "At the counter"),
    ReturnMethod.POST: ("Qua dịch vụ bưu chính công ích", "By public postal service"),
    ReturnMethod.ONLINE: ("Trực tuyến", "Online (electronic result)"),
    DocumentForm.ORIGINAL: ("Bản chính", "Original"),
    DocumentForm.CERTIFIED_COPY: ("Bản sao chứng thực", "Certified copy"),
    DocumentForm.PHOTOCOPY: ("Bản photo", "Photocopy"),
}


@dataclass(frozen=True)
class Person:
    full_name: str
    id_number: str = ""
    id_kind: IdKind = IdKind.CCCD
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class DocumentLine:
    name: str
    form: DocumentForm = DocumentForm.ORIGINAL
    count: int = 1


@dataclass(frozen=True)
class IntakeRequest:
    procedure_code: str
    owner: Person
    submitter: Person | None = None
    documents: tuple[DocumentLine, ...] = ()
    sets: int = 1
    return_method: ReturnMethod = ReturnMethod.COUNTER
    channel: Channel = Channel.IN_PERSON
    received_at: datetime | None = None  # None = now; given = paper receipt entered late (audited)
    note: str = ""
    reopens: str | None = None  # id of a not-accepted intake (form 02/03) this receipt takes up again
    digitised: bool = False  # the officer scanned the papers: handled as an electronic dossier


def _coerce(enum: type[StrEnum], value: object) -> object:
    # Values from a form or a file arrive as plain strings; an unknown one is left as is
    # for validate_intake to report.
    try:
        return enum(value)
    except ValueError:
        return value


def _normalize_person(p: Person) -> Person:
    return replace(
        p,
        full_name=clean_line(p.full_name),
        id_number=normalize_id_number(p.id_number or ""),
        id_kind=_coerce(IdKind, p.id_kind),
        phone=normalize_phone(clean_line(p.phone)),
        email=clean_line(p.email),
        address=clean_line(p.address),
    )


def _is_blank(p: Person) -> bool:
    return not (p.full_name or p.id_number or p.birth_date or p.phone or p.email or p.address)


def normalize_intake(req: IntakeRequest) -> IntakeRequest:
    """Clean text (NFC, collapsed spaces), normalize ID numbers and phones, coerce enums.

    A submitter with every field empty (the form's blank "submitter" block) becomes None:
    the owner submitted the dossier in person. Idempotent.
    """
    submitter = None if req.submitter is None else _normalize_person(req.submitter)
    if submitter is not None and _is_blank(submitter):
        submitter = None
    return replace(
        req,
        procedure_code=clean_line(req.procedure_code),
        owner=_normalize_person(req.owner),
        submitter=submitter,
        documents=tuple(
            replace(line, name=clean_line(line.name), form=_coerce(DocumentForm, line.form))
            for line in req.documents
        ),
        return_method=_coerce(ReturnMethod, req.return_method),
        channel=_coerce(Channel, req.channel),
        note=clean_multiline(req.note),
    )


def _check_choice(enum: type[StrEnum], value: object, field: str) -> list[FieldError]:
    return [] if isinstance(value, enum) else [FieldError(field, "choice_invalid")]


def _check_int_range(value: object, field: str, low: int, high: int) -> list[FieldError]:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return [FieldError(field, "number_range", {"min": low, "max": high})]
    return []


def _validate_person(p: Person, prefix: str, today: date) -> list[FieldError]:
    errors = check_person_name(p.full_name, field=f"{prefix}.full_name")
    birth_errors = check_birth_date(p.birth_date, field=f"{prefix}.birth_date", today=today)
    kind_errors = _check_choice(IdKind, p.id_kind, f"{prefix}.id_kind")
    errors += kind_errors
    if not kind_errors:
        # A birth date already reported as impossible is not cross-checked with the ID too.
        birth_date = None if birth_errors else p.birth_date
        errors += check_id_number(p.id_number, kind=p.id_kind, birth_date=birth_date, field=f"{prefix}.id_number")
    errors += birth_errors
    errors += check_phone(p.phone, field=f"{prefix}.phone")
    errors += check_email(p.email, field=f"{prefix}.email")
    errors += check_free_text(p.address, field=f"{prefix}.address", max_length=ADDRESS_MAX_LENGTH)
    return errors


def validate_intake(req: IntakeRequest) -> list[FieldError]:
    """Every field error at once (on the normalized request); [] means the dossier can be received.

    Fields: "procedure", "owner.*", "submitter.*", "documents", "documents[i].name|form|count"
    (i is 0-based; labels show i + 1), "sets", "note", "channel", "return_method",
    "received_at". Owner and submitter both need a name and an ID number; a birth date is
    cross-checked with the ID. At least one document line, at most 50; each count 1–999;
    sets 1–20. Returning the result by post needs the owner's address.
    """
    req = normalize_intake(req)
    errors: list[FieldError] = []

    received_at = req.received_at
    today = datetime.now(LOCAL_TZ).date()
    if received_at is not None:
        if not isinstance(received_at, datetime) or received_at.utcoffset() is None:
            errors.append(FieldError("received_at", "datetime_naive"))
        else:
            today = received_at.astimezone(LOCAL_TZ).date()

    if not req.procedure_code:
        errors.append(FieldError("procedure", "required"))
    elif control_chars(req.procedure_code):
        errors.append(FieldError("procedure", "control_chars"))
    elif hidden_chars(req.procedure_code):
        errors.append(FieldError("procedure", "hidden_chars"))

    errors += _validate_person(req.owner, "owner", today)
    if req.submitter is not None:
        errors += _validate_person(req.submitter, "submitter", today)

    if not req.documents:
        errors.append(FieldError("documents", "documents_required"))
    elif len(req.documents) > MAX_DOCUMENT_LINES:
        errors.append(FieldError("documents", "too_many", {"max": MAX_DOCUMENT_LINES, "count": len(req.documents)}))
    for i, line in enumerate(req.documents):
        errors += check_free_text(
            line.name, field=f"documents[{i}].name", max_length=DOCUMENT_NAME_MAX_LENGTH, required=True
        )
        errors += _check_choice(DocumentForm, line.form, f"documents[{i}].form")
        errors += _check_int_range(line.count, f"documents[{i}].count", 1, MAX_DOCUMENT_COUNT)

    errors += _check_int_range(req.sets, "sets", 1, MAX_SETS)
    errors += check_multiline_text(req.note, field="note", max_length=NOTE_MAX_LENGTH)
    errors += _check_choice(Channel, req.channel, "channel")
    errors += _check_choice(ReturnMethod, req.return_method, "return_method")

    if (
        req.return_method is ReturnMethod.POST
        and not req.owner.address
        and not any(e.field == "owner.address" for e in errors)
    ):
        errors.append(FieldError("owner.address", "address_required_for_post"))
    return errors
