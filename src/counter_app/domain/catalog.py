"""The procedure catalogue (danh mục thủ tục hành chính): data classes and strict parsers.

Two input formats carry the same content:

* JSON, the shipped format (``resources/catalog/procedures.json``)::

    {"format": "counter_app.catalog/1", "version": "2026.11", "source": "...",
     "fields": [{"code": "ho_tich", "name": "Hộ tịch", "ticket_prefix": "A"}, ...],
     "procedures": [{"code": "1.001193.000.00.00.H38", "name": "Đăng ký khai sinh",
                     "field": "ho_tich", "processing_days": 0, "counting": "working_days",
                     "fee_text": "Miễn lệ phí", "fee_amount": 0, "legacy_level": 4,
                     "online_class": "toan_trinh", "lead_agency": "UBND cấp xã",
                     "result_text": "Giấy khai sinh", "legal_basis": "Luật Hộ tịch 2014",
                     "retired": false,
                     "documents": [{"name": "Tờ khai", "form": "original", "count": 1,
                                    "required": true}]}]}

  Required keys: format, version, fields, procedures; per field code and name; per
  procedure code, name, field, processing_days, counting, online_class; per document name
  and form. Every other key is optional (defaults as in the data classes); unknown keys and
  duplicate keys are refused, so a typo never passes silently.

* CSV, what an administrator exports from a spreadsheet: one row per procedure, header row
  with the columns ``code,name,field_code,field_name,ticket_prefix,processing_days,counting,
  fee_text,fee_amount,legacy_level,online_class,lead_agency,result_text,legal_basis,retired,
  documents`` (any order; the optional ones may be left out). ``documents`` is
  ``name|form|count|required;name|form|count|required`` (count and required may be omitted;
  a literal ``;``, ``|`` or ``\\`` inside a name is written ``\\;``, ``\\|``, ``\\\\``).
  The separator may be ``,``, ``;`` or a tab (taken from the header line). Fields are the
  distinct field_code values, in order of first use; rows of one field must agree on its
  name and ticket prefix. In ``fee_amount`` the Vietnamese thousands grouping "100.000" is
  accepted.

Every problem raises ``DomainError("catalog_invalid", where=..., detail=..., detail_en=...,
procedure=..., line=...)``:

* ``where`` is a language-neutral locator: ``procedures[3](1.001193.000.00.00.H38).counting``,
  ``fields[0].ticket_prefix``, ``procedures[3](...).documents[1].form`` for JSON;
  ``csv[5](1.001193.000.00.00.H38).processing_days`` for CSV, where 5 is the line number in
  the file (the header is line 1);
* ``detail`` says what is wrong in Vietnamese, ``detail_en`` in English;
* ``procedure`` is the procedure code when known ("" otherwise), ``line`` the CSV line or
  JSON line (None when not applicable).

Text is NFC-normalised and stripped; control characters, invisible format characters
(zero-width, text direction marks, BOM) and line breaks are refused (``source`` may hold
line breaks and tabs).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NoReturn

from counter_app.domain.calendar import Counting
from counter_app.domain.errors import DomainError
from counter_app.domain.intake import DocumentForm
from counter_app.domain.messages import normalize_lang

FORMAT = "counter_app.catalog/1"

MAX_INPUT_CHARS = 20_000_000
MAX_FIELDS = 200
MAX_PROCEDURES = 10_000
MAX_DOCUMENTS = 50
MAX_PROCESSING_DAYS = 365
MAX_DOCUMENT_COUNT = 100
MAX_FEE_AMOUNT = 1_000_000_000_000  # VND

# Longest accepted text per key (characters, after NFC normalisation and stripping).
MAX_LENGTH: dict[str, int] = {
    "version": 50,
    "source": 2000,
    "field.code": 50,
    "field.name": 200,
    "code": 50,
    "name": 500,
    "fee_text": 500,
    "lead_agency": 300,
    "result_text": 500,
    "legal_basis": 1000,
    "document.name": 500,
}

CSV_COLUMNS = (
    "code",
    "name",
    "field_code",
    "field_name",
    "ticket_prefix",
    "processing_days",
    "counting",
    "fee_text",
    "fee_amount",
    "legacy_level",
    "online_class",
    "lead_agency",
    "result_text",
    "legal_basis",
    "retired",
    "documents",
    "portal_integrated",
    "digital_signature",
)
CSV_REQUIRED_COLUMNS = frozenset(
    {"code", "name", "field_code", "field_name", "processing_days", "counting", "online_class"}
)


class OnlineClass(StrEnum):
    """Online service class under Decree 42/2022: fully online, partly online, not online."""

    FULL = "toan_trinh"
    PARTIAL = "mot_phan"
    NONE = "khong"

    def label(self, lang: str = "vi") -> str:
        vi, en = _ONLINE_LABELS[self]
        return en if normalize_lang(lang) == "en" else vi


_ONLINE_LABELS: dict[OnlineClass, tuple[str, str]] = {
    OnlineClass.FULL: ("Dịch vụ công trực tuyến toàn trình", "Fully online"),
    OnlineClass.PARTIAL: ("Dịch vụ công trực tuyến một phần", "Partly online"),
    OnlineClass.NONE: ("Chưa cung cấp trực tuyến", "Not online"),
}


@dataclass(frozen=True)
class FieldSpec:
    code: str
    name: str
    ticket_prefix: str = ""


@dataclass(frozen=True)
class RequiredDocument:
    name: str
    form: DocumentForm
    count: int
    required: bool = True


@dataclass(frozen=True)
class ProcedureSpec:
    code: str
    name: str
    field_code: str
    processing_days: int
    counting: Counting
    fee_text: str = ""
    fee_amount: int | None = None
    legacy_level: int | None = None
    online_class: OnlineClass = OnlineClass.NONE
    lead_agency: str = ""
    result_text: str = ""
    legal_basis: str = ""
    retired: bool = False
    documents: tuple[RequiredDocument, ...] = ()
    portal_integrated: bool = False
    digital_signature: bool = False


@dataclass(frozen=True)
class Catalog:
    version: str
    source: str
    fields: tuple[FieldSpec, ...]
    procedures: tuple[ProcedureSpec, ...]

    def field(self, code: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.code == code), None)

    def procedure(self, code: str) -> ProcedureSpec | None:
        return next((p for p in self.procedures if p.code == code), None)


# --------------------------------------------------------------------------------------
# errors


class _Loc:
    """Where a value sits, for error messages."""

    def __init__(self, path: str, *, procedure: str = "", line: int | None = None) -> None:
        self.path = path
        self.procedure = procedure
        self.line = line

    def key(self, name: str) -> _Loc:
        return _Loc(f"{self.path}.{name}" if self.path else name, procedure=self.procedure, line=self.line)

    def item(self, index: int) -> _Loc:
        return _Loc(f"{self.path}[{index}]", procedure=self.procedure, line=self.line)

    def with_procedure(self, code: str) -> _Loc:
        return _Loc(f"{self.path}({_show(code, 60)})", procedure=code, line=self.line)

    def fail(self, detail: str, detail_en: str) -> NoReturn:
        raise DomainError(
            "catalog_invalid",
            where=self.path or "catalog",
            detail=detail,
            detail_en=detail_en,
            procedure=self.procedure,
            line=self.line,
        )


def _show(value: object, limit: int = 40) -> str:
    """A short, printable rendering of an offending value for a message."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, list):
        text = "[…]"  # never repr() a container: it can be nested deeper than repr() can go
    elif isinstance(value, dict):
        text = "{…}"
    else:
        text = repr(value)
    out = []
    for ch in text[:limit]:
        if _is_forbidden_char(ch, multiline=False):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return "".join(out) + ("…" if len(text) > limit else "")


# --------------------------------------------------------------------------------------
# value checks

_CODE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._\-]*")
_FIELD_CODE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._\-]*")
_TICKET_PREFIX_RE = re.compile(r"[A-Z]{1,2}")
_INT_RE = re.compile(r"[+-]?[0-9]{1,15}")
_GROUPED_INT_RE = re.compile(r"[0-9]{1,3}(?:[., ][0-9]{3})+")


def _is_forbidden_char(ch: str, *, multiline: bool) -> bool:
    if multiline and ch in "\n\t":
        return False
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cs", "Cf", "Zl", "Zp"):
        return True
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _missing(loc: _Loc) -> NoReturn:
    loc.fail("thiếu thông tin bắt buộc", "required value is missing")


def _text(value: Any, loc: _Loc, limit_key: str, *, required: bool, multiline: bool = False) -> str:
    if value is None:
        if required:
            _missing(loc)
        return ""
    if not isinstance(value, str):
        loc.fail(
            f"phải là chuỗi ký tự, không phải {_show(value)}",
            f"must be a text string, not {_show(value)}",
        )
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", value).strip()
    for ch in text:
        if _is_forbidden_char(ch, multiline=multiline):
            loc.fail(
                f"chứa ký tự điều khiển hoặc ký tự ẩn không được phép (U+{ord(ch):04X})",
                f"contains a control or invisible character that is not allowed (U+{ord(ch):04X})",
            )
    if required and not text:
        loc.fail("không được để trống", "must not be empty")
    limit = MAX_LENGTH[limit_key]
    if len(text) > limit:
        loc.fail(
            f"dài quá {limit} ký tự (đang có {len(text)} ký tự)",
            f"longer than {limit} characters ({len(text)})",
        )
    return text


def _code(value: Any, loc: _Loc, limit_key: str, pattern: re.Pattern[str]) -> str:
    text = _text(value, loc, limit_key, required=True)
    if not pattern.fullmatch(text):
        loc.fail(
            f"mã {_show(text)} chỉ được gồm chữ cái không dấu, chữ số và các dấu . _ -",
            f"code {_show(text)} may contain only ASCII letters, digits and . _ -",
        )
    return text


def _int(value: Any, loc: _Loc, *, low: int, high: int, from_csv: bool, grouped: bool = False) -> int:
    if from_csv:
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            _missing(loc)
        if grouped and _GROUPED_INT_RE.fullmatch(text):
            text = re.sub(r"[., ]", "", text)
        if not _INT_RE.fullmatch(text):
            loc.fail(
                f"phải là số nguyên từ {low} đến {high}, không phải {_show(value)}",
                f"must be a whole number from {low} to {high}, not {_show(value)}",
            )
        number = int(text)
    else:
        if value is None:
            _missing(loc)
        if isinstance(value, bool) or not isinstance(value, int):
            loc.fail(
                f"phải là số nguyên từ {low} đến {high}, không phải {_show(value)}",
                f"must be a whole number from {low} to {high}, not {_show(value)}",
            )
        number = value
    if not low <= number <= high:
        loc.fail(
            f"phải từ {low} đến {high} (đang là {number})" if abs(number) < 10**15 else f"phải từ {low} đến {high}",
            f"must be from {low} to {high} (got {number})" if abs(number) < 10**15 else f"must be from {low} to {high}",
        )
    return number


def _optional_int(value: Any, loc: _Loc, *, low: int, high: int, from_csv: bool, grouped: bool = False) -> int | None:
    if value is None or (from_csv and isinstance(value, str) and not value.strip()):
        return None
    return _int(value, loc, low=low, high=high, from_csv=from_csv, grouped=grouped)


_TRUE = frozenset({"true", "1", "yes", "x", "có", "co"})
_FALSE = frozenset({"false", "0", "no", "", "không", "khong"})


def _bool(value: Any, loc: _Loc, *, default: bool, from_csv: bool) -> bool:
    if value is None:
        return default
    if from_csv and isinstance(value, str):
        word = unicodedata.normalize("NFC", value).strip().casefold()
        if not word:
            return default
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    elif isinstance(value, bool):
        return value
    loc.fail(
        f"phải là true hoặc false, không phải {_show(value)}",
        f"must be true or false, not {_show(value)}",
    )


def _choice(value: Any, loc: _Loc, enum: type[StrEnum], what_vi: str, what_en: str) -> Any:
    allowed = ", ".join(member.value for member in enum)
    if value is None:
        _missing(loc)
    if isinstance(value, str):
        word = value.strip().lower()
        for member in enum:
            if word == member.value:
                return member
    loc.fail(
        f"{what_vi} {_show(value)} không hợp lệ; chỉ nhận: {allowed}",
        f"unknown {what_en} {_show(value)}; expected one of: {allowed}",
    )


def _object(value: Any, loc: _Loc) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        loc.fail(
            f"phải là một đối tượng JSON {{...}}, không phải {_show(value)}",
            f"must be a JSON object {{...}}, not {_show(value)}",
        )
    return value


def _check_keys(raw: Mapping[str, Any], loc: _Loc, allowed: frozenset[str]) -> None:
    for key in raw:
        if key not in allowed:
            loc.key(_show(key)).fail(
                f"khóa không được hỗ trợ; các khóa hợp lệ: {', '.join(sorted(allowed))}",
                f"unknown key; valid keys: {', '.join(sorted(allowed))}",
            )


def _list(value: Any, loc: _Loc, *, limit: int, non_empty: bool) -> list[Any]:
    if value is None and non_empty:
        _missing(loc)
    if not isinstance(value, list):
        loc.fail(
            f"phải là một danh sách JSON [...], không phải {_show(value)}",
            f"must be a JSON list [...], not {_show(value)}",
        )
    if non_empty and not value:
        loc.fail("danh sách không được để trống", "the list must not be empty")
    if len(value) > limit:
        loc.fail(
            f"quá nhiều phần tử: tối đa {limit} (đang có {len(value)})",
            f"too many items: at most {limit} ({len(value)})",
        )
    return value


# --------------------------------------------------------------------------------------
# building the data classes (shared by JSON and CSV)

_FIELD_KEYS = frozenset({"code", "name", "ticket_prefix"})
_PROCEDURE_KEYS = frozenset(
    {
        "code",
        "name",
        "field",
        "processing_days",
        "counting",
        "fee_text",
        "fee_amount",
        "legacy_level",
        "online_class",
        "lead_agency",
        "result_text",
        "legal_basis",
        "retired",
        "documents",
        "portal_integrated",
        "digital_signature",
    }
)
_DOCUMENT_KEYS = frozenset({"name", "form", "count", "required"})


def _build_field(raw: Mapping[str, Any], loc: _Loc) -> FieldSpec:
    code = _code(raw.get("code"), loc.key("code"), "field.code", _FIELD_CODE_RE)
    name = _text(raw.get("name"), loc.key("name"), "field.name", required=True)
    prefix_raw = raw.get("ticket_prefix")
    prefix = ""
    if prefix_raw is not None:
        prefix_loc = loc.key("ticket_prefix")
        if not isinstance(prefix_raw, str):
            prefix_loc.fail(
                f"phải là chuỗi ký tự, không phải {_show(prefix_raw)}",
                f"must be a text string, not {_show(prefix_raw)}",
            )
        prefix = prefix_raw.strip()
        if prefix and not _TICKET_PREFIX_RE.fullmatch(prefix):
            prefix_loc.fail(
                f"tiền tố số thứ tự {_show(prefix)} phải là 1 hoặc 2 chữ cái in hoa không dấu (A–Z)",
                f"ticket prefix {_show(prefix)} must be 1 or 2 capital letters A–Z",
            )
    return FieldSpec(code=code, name=name, ticket_prefix=prefix)


def _build_document(raw: Mapping[str, Any], loc: _Loc, *, from_csv: bool) -> RequiredDocument:
    name = _text(raw.get("name"), loc.key("name"), "document.name", required=True)
    form = _choice(raw.get("form"), loc.key("form"), DocumentForm, "Hình thức giấy tờ", "document form")
    count_raw = raw.get("count")
    if count_raw is None or (from_csv and isinstance(count_raw, str) and not count_raw.strip()):
        count = 1
    else:
        count = _int(count_raw, loc.key("count"), low=1, high=MAX_DOCUMENT_COUNT, from_csv=from_csv)
    required = _bool(raw.get("required"), loc.key("required"), default=True, from_csv=from_csv)
    return RequiredDocument(name=name, form=form, count=count, required=required)


def _build_procedure(
    raw: Mapping[str, Any],
    loc: _Loc,
    *,
    field_codes: frozenset[str],
    from_csv: bool,
) -> ProcedureSpec:
    """raw["documents"] is a JSON list, or for CSV the cell text "name|form|count|required;..."."""
    code = _code(raw.get("code"), loc.key("code"), "code", _CODE_RE)
    loc = loc.with_procedure(code)
    if not from_csv:
        _check_keys(raw, loc, _PROCEDURE_KEYS)
    name = _text(raw.get("name"), loc.key("name"), "name", required=True)
    field_loc = loc.key("field_code" if from_csv else "field")
    field_code = _text(raw.get("field"), field_loc, "field.code", required=True)
    if field_code not in field_codes:
        field_loc.fail(
            f"lĩnh vực {_show(field_code)} không có trong danh sách lĩnh vực",
            f"unknown field code {_show(field_code)}",
        )
    processing_days = _int(
        raw.get("processing_days"),
        loc.key("processing_days"),
        low=0,
        high=MAX_PROCESSING_DAYS,
        from_csv=from_csv,
    )
    counting = _choice(raw.get("counting"), loc.key("counting"), Counting, "Cách tính thời hạn", "counting")
    online_class = _choice(
        raw.get("online_class"), loc.key("online_class"), OnlineClass, "Mức độ trực tuyến", "online class"
    )
    fee_text = _text(raw.get("fee_text"), loc.key("fee_text"), "fee_text", required=False)
    fee_amount = _optional_int(
        raw.get("fee_amount"), loc.key("fee_amount"), low=0, high=MAX_FEE_AMOUNT, from_csv=from_csv, grouped=True
    )
    legacy_level = _optional_int(raw.get("legacy_level"), loc.key("legacy_level"), low=1, high=4, from_csv=from_csv)
    lead_agency = _text(raw.get("lead_agency"), loc.key("lead_agency"), "lead_agency", required=False)
    result_text = _text(raw.get("result_text"), loc.key("result_text"), "result_text", required=False)
    legal_basis = _text(raw.get("legal_basis"), loc.key("legal_basis"), "legal_basis", required=False)
    retired = _bool(raw.get("retired"), loc.key("retired"), default=False, from_csv=from_csv)
    portal_integrated = _bool(raw.get("portal_integrated"), loc.key("portal_integrated"), default=False,
                              from_csv=from_csv)
    digital_signature = _bool(raw.get("digital_signature"), loc.key("digital_signature"), default=False,
                              from_csv=from_csv)

    docs_loc = loc.key("documents")
    raw_docs = raw.get("documents")
    documents: list[tuple[Mapping[str, Any], _Loc]] = []
    if from_csv:
        documents = _csv_documents(raw_docs or "", docs_loc)
    elif raw_docs is not None:
        for i, item in enumerate(_list(raw_docs, docs_loc, limit=MAX_DOCUMENTS, non_empty=False)):
            item_loc = docs_loc.item(i)
            item = _object(item, item_loc)
            _check_keys(item, item_loc, _DOCUMENT_KEYS)
            documents.append((item, item_loc))
    if len(documents) > MAX_DOCUMENTS:
        docs_loc.fail(
            f"quá nhiều giấy tờ: tối đa {MAX_DOCUMENTS} (đang có {len(documents)})",
            f"too many documents: at most {MAX_DOCUMENTS} ({len(documents)})",
        )
    built = tuple(_build_document(item, item_loc, from_csv=from_csv) for item, item_loc in documents)

    return ProcedureSpec(
        code=code,
        name=name,
        field_code=field_code,
        processing_days=processing_days,
        counting=counting,
        fee_text=fee_text,
        fee_amount=fee_amount,
        legacy_level=legacy_level,
        online_class=online_class,
        lead_agency=lead_agency,
        result_text=result_text,
        legal_basis=legal_basis,
        retired=retired,
        documents=built,
        portal_integrated=portal_integrated,
        digital_signature=digital_signature,
    )


def _check_unique_procedures(procedures: list[tuple[ProcedureSpec, _Loc]]) -> None:
    seen: dict[str, str] = {}
    for spec, loc in procedures:
        key = spec.code.casefold()
        if key in seen:
            loc.with_procedure(spec.code).key("code").fail(
                f"mã thủ tục {spec.code} bị trùng (đã có ở {seen[key]})",
                f"duplicate procedure code {spec.code} (already at {seen[key]})",
            )
        seen[key] = loc.path


def _check_unique_fields(fields: list[tuple[FieldSpec, _Loc]]) -> None:
    codes: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for spec, loc in fields:
        if spec.code in codes:
            loc.key("code").fail(
                f"mã lĩnh vực {spec.code} bị trùng (đã có ở {codes[spec.code]})",
                f"duplicate field code {spec.code} (already at {codes[spec.code]})",
            )
        codes[spec.code] = loc.path
        if spec.ticket_prefix:
            if spec.ticket_prefix in prefixes:
                loc.key("ticket_prefix").fail(
                    f"tiền tố số thứ tự {spec.ticket_prefix} bị trùng với lĩnh vực {prefixes[spec.ticket_prefix]}",
                    f"ticket prefix {spec.ticket_prefix} is already used by field {prefixes[spec.ticket_prefix]}",
                )
            prefixes[spec.ticket_prefix] = spec.code


# --------------------------------------------------------------------------------------
# input text


def _decode(data: str | bytes | bytearray) -> str:
    if isinstance(data, (bytes, bytearray)):
        if len(data) > 4 * MAX_INPUT_CHARS:
            _Loc("").fail("tệp quá lớn", "the file is too large")
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            _Loc(f"byte {exc.start}").fail(
                "tệp không phải văn bản mã hóa UTF-8 hợp lệ (hãy lưu lại tệp với bảng mã UTF-8)",
                "the file is not valid UTF-8 text (save it again as UTF-8)",
            )
    elif isinstance(data, str):
        text = data
    else:
        raise TypeError(f"catalog input must be str or bytes, not {type(data).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    if len(text) > MAX_INPUT_CHARS:
        _Loc("").fail("tệp quá lớn", "the file is too large")
    return text


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed")


# --------------------------------------------------------------------------------------
# JSON

_TOP_KEYS = frozenset({"format", "version", "source", "fields", "procedures"})


def parse_catalog_json(text: str | bytes) -> Catalog:
    """Parse and validate a catalogue in the JSON format; raises DomainError("catalog_invalid")."""
    source_text = _decode(text)
    try:
        data = json.loads(source_text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        _Loc(f"JSON {exc.lineno}:{exc.colno}", line=exc.lineno).fail(
            f"sai cú pháp JSON: {exc.msg}", f"JSON syntax error: {exc.msg}"
        )
    except _DuplicateKey as exc:
        _Loc("JSON").key(_show(exc.key)).fail(
            "khóa bị lặp lại trong cùng một đối tượng", "the key appears twice in the same object"
        )
    except RecursionError:
        _Loc("JSON").fail("cấu trúc lồng nhau quá sâu", "nested too deeply")
    except ValueError as exc:  # NaN/Infinity, integers with too many digits
        _Loc("JSON").fail(f"giá trị không hợp lệ: {_show(str(exc), 80)}", f"invalid value: {_show(str(exc), 80)}")

    root = _Loc("")
    top = _object(data, root)
    _check_keys(top, root, _TOP_KEYS)
    fmt = top.get("format")
    if fmt != FORMAT:
        root.key("format").fail(
            f"định dạng {_show(fmt)} không được hỗ trợ; cần {FORMAT}",
            f"unsupported format {_show(fmt)}; expected {FORMAT}",
        )
    version = _text(top.get("version"), root.key("version"), "version", required=True)
    source = _text(top.get("source"), root.key("source"), "source", required=False, multiline=True)

    fields_loc = root.key("fields")
    fields: list[tuple[FieldSpec, _Loc]] = []
    for i, item in enumerate(_list(top.get("fields"), fields_loc, limit=MAX_FIELDS, non_empty=True)):
        loc = fields_loc.item(i)
        raw = _object(item, loc)
        _check_keys(raw, loc, _FIELD_KEYS)
        fields.append((_build_field(raw, loc), loc))
    _check_unique_fields(fields)
    field_codes = frozenset(spec.code for spec, _ in fields)

    procs_loc = root.key("procedures")
    procedures: list[tuple[ProcedureSpec, _Loc]] = []
    for i, item in enumerate(_list(top.get("procedures"), procs_loc, limit=MAX_PROCEDURES, non_empty=True)):
        loc = procs_loc.item(i)
        raw = _object(item, loc)
        procedures.append((_build_procedure(raw, loc, field_codes=field_codes, from_csv=False), loc))
    _check_unique_procedures(procedures)

    return Catalog(
        version=version,
        source=source,
        fields=tuple(spec for spec, _ in fields),
        procedures=tuple(spec for spec, _ in procedures),
    )


# --------------------------------------------------------------------------------------
# CSV


def _split_escaped(text: str, sep: str) -> list[str]:
    """Split on sep, honouring backslash escapes (\\; \\| \\\\); escapes are kept for the next level."""
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def _csv_documents(cell: str, loc: _Loc) -> list[tuple[Mapping[str, Any], _Loc]]:
    items: list[tuple[Mapping[str, Any], _Loc]] = []
    for chunk in _split_escaped(cell, ";"):
        if not chunk.strip():
            continue  # a trailing ";" or an empty cell
        item_loc = loc.item(len(items))
        parts = _split_escaped(chunk, "|")
        if not 2 <= len(parts) <= 4:
            item_loc.fail(
                f"giấy tờ {_show(_unescape(chunk))} phải có dạng tên|hình thức|số lượng|bắt buộc",
                f"document {_show(_unescape(chunk))} must look like name|form|count|required",
            )
        values = [_unescape(p) for p in parts] + [None] * (4 - len(parts))
        items.append(
            ({"name": values[0], "form": values[1], "count": values[2], "required": values[3]}, item_loc)
        )
    return items


def _sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    for candidate in (",", ";", "\t"):
        if candidate in header:
            return candidate
    return ","


def parse_catalog_csv(text: str | bytes, *, version: str = "", source: str = "") -> Catalog:
    """Parse and validate a catalogue in the CSV format; raises DomainError("catalog_invalid").

    version defaults to "csv-" + the first 12 hex digits of the SHA-256 of the text, so two
    different files never share a version.
    """
    body = _decode(text)
    if not version:
        version = "csv-" + hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    version = _text(version, _Loc("version"), "version", required=True)
    source = _text(source, _Loc("source"), "source", required=False, multiline=True)

    reader = csv.reader(io.StringIO(body, newline=""), delimiter=_sniff_delimiter(body), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        last_line = 0
        for row in reader:
            rows.append((last_line + 1, row))
            last_line = reader.line_num
    except csv.Error as exc:
        line = reader.line_num or 1
        _Loc(f"csv[{line}]", line=line).fail(f"sai cú pháp CSV: {exc}", f"CSV syntax error: {exc}")

    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        _Loc("csv").fail("tệp CSV trống", "the CSV file is empty")
    header_line, header_row = rows[0]
    header_loc = _Loc(f"csv[{header_line}]", line=header_line)
    header = [unicodedata.normalize("NFC", cell).strip().casefold() for cell in header_row]
    for name in header:
        if name not in CSV_COLUMNS:
            header_loc.fail(
                f"cột {_show(name)} không được hỗ trợ; các cột hợp lệ: {', '.join(CSV_COLUMNS)}",
                f"unknown column {_show(name)}; valid columns: {', '.join(CSV_COLUMNS)}",
            )
        if header.count(name) > 1:
            header_loc.fail(f"cột {name} bị lặp lại", f"column {name} appears twice")
    missing = [name for name in CSV_COLUMNS if name in CSV_REQUIRED_COLUMNS and name not in header]
    if missing:
        header_loc.fail(f"thiếu cột bắt buộc: {', '.join(missing)}", f"missing required columns: {', '.join(missing)}")
    if len(rows) == 1:
        _Loc("csv").fail("tệp CSV không có dòng thủ tục nào", "the CSV file has no procedure rows")
    if len(rows) - 1 > MAX_PROCEDURES:
        _Loc("csv").fail(
            f"quá nhiều dòng: tối đa {MAX_PROCEDURES} thủ tục", f"too many rows: at most {MAX_PROCEDURES} procedures"
        )

    records: list[tuple[_Loc, dict[str, str]]] = []
    for line, row in rows[1:]:
        loc = _Loc(f"csv[{line}]", line=line)
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            loc.fail(
                f"dòng có {len(row)} ô nhưng tiêu đề chỉ có {len(header)} cột",
                f"the row has {len(row)} cells but the header has only {len(header)} columns",
            )
        cells = row[: len(header)] + [""] * (len(header) - len(row))
        records.append((loc, dict(zip(header, cells, strict=True))))

    # Fields, in order of first use; every row of a field must agree on its name and prefix.
    fields: list[tuple[FieldSpec, _Loc]] = []
    by_code: dict[str, FieldSpec] = {}
    for loc, record in records:
        code_cell = record.get("code", "").strip()
        ploc = loc.with_procedure(code_cell) if code_cell else loc
        raw = {
            "code": record.get("field_code"),
            "name": record.get("field_name"),
            "ticket_prefix": record.get("ticket_prefix", ""),
        }
        spec = _build_field(raw, _FieldColumns(ploc))
        known = by_code.get(spec.code)
        if known is None:
            by_code[spec.code] = spec
            fields.append((spec, ploc))
        elif known != spec:
            column = "field_name" if known.name != spec.name else "ticket_prefix"
            ploc.key(column).fail(
                f"lĩnh vực {spec.code} đã được khai báo với {_FIELD_WORDS_VI[column]} khác "
                f"({_show(getattr(known, _FIELD_ATTR[column]))})",
                f"field {spec.code} was declared earlier with a different {_FIELD_WORDS_EN[column]} "
                f"({_show(getattr(known, _FIELD_ATTR[column]))})",
            )
    _check_unique_fields([(spec, _FieldColumns(loc)) for spec, loc in fields])
    field_codes = frozenset(by_code)

    procedures: list[tuple[ProcedureSpec, _Loc]] = []
    for loc, record in records:
        raw = {key: record.get(key) for key in CSV_COLUMNS}
        raw["field"] = raw.pop("field_code")
        spec = _build_procedure(raw, loc, field_codes=field_codes, from_csv=True)
        procedures.append((spec, loc))
    _check_unique_procedures(procedures)

    return Catalog(
        version=version,
        source=source,
        fields=tuple(spec for spec, _ in fields),
        procedures=tuple(spec for spec, _ in procedures),
    )


_FIELD_ATTR = {"field_name": "name", "ticket_prefix": "ticket_prefix"}
_FIELD_WORDS_VI = {"field_name": "tên lĩnh vực", "ticket_prefix": "tiền tố số thứ tự"}
_FIELD_WORDS_EN = {"field_name": "name", "ticket_prefix": "ticket prefix"}


class _FieldColumns(_Loc):
    """Locator for the field columns of a CSV row: code/name map to field_code/field_name."""

    _COLUMNS: Mapping[str, str] = {"code": "field_code", "name": "field_name"}

    def __init__(self, row: _Loc) -> None:
        super().__init__(row.path, procedure=row.procedure, line=row.line)

    def key(self, name: str) -> _Loc:
        return super().key(self._COLUMNS.get(name, name))


__all__ = [
    "CSV_COLUMNS",
    "FORMAT",
    "Catalog",
    "FieldSpec",
    "OnlineClass",
    "ProcedureSpec",
    "RequiredDocument",
    "parse_catalog_csv",
    "parse_catalog_json",
]
