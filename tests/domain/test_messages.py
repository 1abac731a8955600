"""Every error code has a Vietnamese and an English message; labels and fallbacks behave."""

from __future__ import annotations

import ast
import pickle
import unicodedata
from pathlib import Path

import pytest

import counter_app
from counter_app.domain import messages
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed

from . import test_dossier_code, test_identity, test_intake

PACKAGE_DIR = Path(counter_app.__file__).parent


def codes_raised_in_source() -> set[str]:
    """String codes passed to FieldError(field, code, ...) or DomainError(code, ...) anywhere in the app."""
    found: set[str] = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = {"FieldError": 1, "DomainError": 0}.get(name)
            if position is None:
                continue
            candidates = [kw.value for kw in node.keywords if kw.arg == "code"]
            if len(node.args) > position:
                candidates.append(node.args[position])
            for arg in candidates:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


def codes_expected_by_tests() -> set[str]:
    tables = [
        [case[3] for case in test_identity.ID_CASES],
        [case[1] for case in test_identity.BIRTH_DATE_CASES],
        [case[2] for case in test_identity.PHONE_CASES],
        [case[1] for case in test_identity.EMAIL_CASES],
        [case[1] for case in test_identity.NAME_CASES],
        [case[4] for case in test_identity.FREE_TEXT_CASES],
        [case[1] for case in test_dossier_code.AGENCY_CASES],
        [code for case in test_intake.INVALID_CASES for _, code in case[2]],
        ["dossier_code_invalid", "agency_code_format", "validation_failed"],
    ]
    return {code for table in tables for code in table if code is not None}


SOURCE_CODES = codes_raised_in_source()
TEST_CODES = codes_expected_by_tests()


def has_vietnamese_diacritics(text: str) -> bool:
    return any(ch in "đĐ" or unicodedata.combining(c) for ch in text for c in unicodedata.normalize("NFD", ch))


def test_the_scan_finds_the_codes():
    # Guards the scan itself: if it silently found nothing, the next test would prove nothing.
    assert {"required", "id_length", "id_century_mismatch", "dossier_code_invalid", "number_range"} <= SOURCE_CODES
    assert len(TEST_CODES) >= 25


@pytest.mark.parametrize("code", sorted(SOURCE_CODES | TEST_CODES))
def test_every_code_has_both_messages(code):
    entry = messages.MESSAGES.get(code)
    assert entry is not None, f"no message for error code {code!r}"
    assert entry["vi"].strip() and entry["en"].strip()
    assert entry["vi"] != entry["en"]


@pytest.mark.parametrize("code", sorted(messages.MESSAGES))
def test_vietnamese_messages_have_diacritics_and_matching_placeholders(code):
    vi, en = messages.MESSAGES[code]["vi"], messages.MESSAGES[code]["en"]
    assert has_vietnamese_diacritics(vi), vi
    assert vi[0].isupper() and en[0].isupper()

    def placeholders(text):
        import string

        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    # English may use a language-specific variant ("detail_en") of a Vietnamese placeholder.
    assert {p.removesuffix("_en") for p in placeholders(en)} == placeholders(vi)


@pytest.mark.parametrize("field", sorted(messages.FIELD_LABELS))
def test_field_labels_have_both_languages(field):
    label = messages.FIELD_LABELS[field]
    assert has_vietnamese_diacritics(label["vi"])
    assert label["en"].isascii()


LABEL_CASES = [
    ("owner.id_number", "vi", "Số định danh cá nhân của chủ hồ sơ"),
    ("owner.id_number", "en", "Personal ID number of the owner"),
    ("submitter.full_name", "vi", "Họ và tên của người nộp hồ sơ"),
    ("documents[2].count", "vi", "Số lượng giấy tờ dòng 3"),
    ("documents[0].name", "en", "Name of document line 1"),
    ("sets", "vi_VN", "Số bộ hồ sơ"),
    ("sets", "en-US", "Number of sets"),
    ("sets", "fr", "Số bộ hồ sơ"),
    ("some.unknown[1].path", "vi", "some.unknown[1].path"),
]


@pytest.mark.parametrize(("field", "lang", "expected"), LABEL_CASES)
def test_field_label(field, lang, expected):
    assert messages.field_label(field, lang) == expected


def test_unknown_codes_and_missing_params_never_crash():
    assert FieldError("x", "no_such_code").message() == "no_such_code"
    assert DomainError("no_such_code").message("en") == "no_such_code"
    assert "{length}" in FieldError("x", "id_length").message()  # missing param stays visible
    assert messages.render("id_length", {"length": object()}, "vi")
    assert messages.render("catalog_invalid", {"where": "csv[3]", "detail": "thiếu cột"}, "en").endswith("thiếu cột")
    assert messages.render(
        "catalog_invalid", {"where": "csv[3]", "detail": "thiếu cột", "detail_en": "missing column"}, "en"
    ).endswith("missing column")


def test_domain_error_str_is_vietnamese():
    error = DomainError("dossier_code_invalid", value="ABC")
    assert str(error) == error.message("vi")
    assert "ABC" in str(error)
    assert error.params == {"value": "ABC"}
    assert repr(error).startswith("DomainError('dossier_code_invalid'")


def test_validation_failed_joins_messages_with_labels():
    failure = ValidationFailed([FieldError("owner.full_name", "required"), FieldError("sets", "number_range",
                                                                                     {"min": 1, "max": 20})])
    assert failure.code == "validation_failed"
    assert str(failure) == (
        "Họ và tên của chủ hồ sơ: Chưa nhập thông tin bắt buộc này; "
        "Số bộ hồ sơ: Phải là số nguyên từ 1 đến 20."
    )
    assert failure.message("en") == (
        "Full name of the owner: This information is required; Number of sets: Must be a whole number from 1 to 20."
    )
    assert str(ValidationFailed([])) == messages.MESSAGES["validation_failed"]["vi"]


def test_errors_survive_pickling():
    error = pickle.loads(pickle.dumps(DomainError("counter_unknown", number=7)))
    assert (error.code, error.params) == ("counter_unknown", {"number": 7})
    failure = pickle.loads(pickle.dumps(ValidationFailed([FieldError("sets", "number_range", {"min": 1, "max": 20})])))
    assert failure.errors == [FieldError("sets", "number_range", {"min": 1, "max": 20})]


def test_field_errors_are_hashable_and_comparable():
    a = FieldError("sets", "number_range", {"min": 1, "max": 20})
    b = FieldError("sets", "number_range", {"max": 20, "min": 1})
    assert a == b and hash(a) == hash(b)
    assert len({a, b, FieldError("sets", "required")}) == 2
