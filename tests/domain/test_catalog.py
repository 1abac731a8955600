"""The shipped procedure catalogue and the strict JSON/CSV catalogue parsers."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.domain.calendar import Counting
from counter_app.domain.catalog import (
    CSV_COLUMNS,
    FORMAT,
    Catalog,
    FieldSpec,
    OnlineClass,
    ProcedureSpec,
    RequiredDocument,
    parse_catalog_csv,
    parse_catalog_json,
)
from counter_app.domain.errors import DomainError
from counter_app.domain.intake import DocumentForm
from counter_app.resources import resource_path

# DOMAIN §4: "1.000948.H38" or "2.001218.000.00.00.H38".
NATIONAL_CODE_RE = re.compile(r"[0-9]\.[0-9]{6}(?:\.[0-9]{3}\.[0-9]{2}\.[0-9]{2})?\.H[0-9]{2}")


def _has_vietnamese_marks(text: str) -> bool:
    decomposed = unicodedata.normalize("NFD", text)
    return "đ" in text.casefold() or any(unicodedata.combining(ch) for ch in decomposed)


@pytest.fixture(scope="module")
def shipped_bytes() -> bytes:
    return resource_path("catalog", "procedures.json").read_bytes()


@pytest.fixture(scope="module")
def shipped(shipped_bytes: bytes) -> Catalog:
    return parse_catalog_json(shipped_bytes)


# --------------------------------------------------------------------------------------
# the shipped catalogue


def test_shipped_catalog_parses_from_bytes_and_text(shipped_bytes: bytes, shipped: Catalog) -> None:
    assert parse_catalog_json(shipped_bytes.decode("utf-8")) == shipped
    raw = json.loads(shipped_bytes)
    assert raw["format"] == FORMAT
    assert shipped.version == "2026.11"
    # The source must say the codes and fees are only illustrative.
    assert "minh họa" in shipped.source and "illustrative" in shipped.source


def test_shipped_catalog_size_and_fields(shipped: Catalog) -> None:
    assert len(shipped.procedures) >= 40
    assert len(shipped.fields) >= 6
    used = {p.field_code for p in shipped.procedures}
    assert used == {f.code for f in shipped.fields}, "every field has procedures, every procedure a field"
    prefixes = [f.ticket_prefix for f in shipped.fields]
    assert all(re.fullmatch(r"[A-Z]", p) for p in prefixes)
    assert len(set(prefixes)) == len(prefixes)
    names = {f.name for f in shipped.fields}
    for expected in ("Hộ tịch", "Chứng thực", "Đất đai", "Lý lịch tư pháp"):
        assert expected in names


def test_shipped_catalog_processing_times(shipped: Catalog) -> None:
    days = [p.processing_days for p in shipped.procedures]
    assert min(days) == 0
    assert max(days) >= 30
    assert sum(1 for d in days if d == 0) >= 3, "several same-day procedures (chứng thực, khai sinh...)"
    countings = {p.counting for p in shipped.procedures}
    assert countings == {Counting.WORKING_DAYS, Counting.CALENDAR_DAYS}
    assert sum(1 for p in shipped.procedures if p.counting is Counting.CALENDAR_DAYS) >= 2


def test_shipped_catalog_codes(shipped: Catalog) -> None:
    codes = [p.code for p in shipped.procedures]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert NATIONAL_CODE_RE.fullmatch(code), code


def test_shipped_catalog_texts(shipped: Catalog) -> None:
    for p in shipped.procedures:
        assert _has_vietnamese_marks(p.name), p.name
        assert unicodedata.normalize("NFC", p.name) == p.name
        assert p.lead_agency and p.result_text and p.legal_basis and p.fee_text, p.code
        assert 2 <= len(p.documents) <= 6, p.code
        assert all(_has_vietnamese_marks(d.name) for d in p.documents)
        assert any(d.required for d in p.documents), p.code
        assert p.fee_amount is None or p.fee_amount >= 0
        assert p.legacy_level is None or 1 <= p.legacy_level <= 4
    names = {p.name for p in shipped.procedures}
    for expected in (
        "Đăng ký khai sinh",
        "Đăng ký kết hôn",
        "Cấp bản sao Trích lục hộ tịch",
        "Đăng ký thành lập hộ kinh doanh",
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
    ):
        assert expected in names


def test_shipped_catalog_mixes(shipped: Catalog) -> None:
    assert {p.online_class for p in shipped.procedures} == set(OnlineClass)
    forms = {d.form for p in shipped.procedures for d in p.documents}
    assert forms == set(DocumentForm)
    assert any(not d.required for p in shipped.procedures for d in p.documents)
    assert {p.legacy_level for p in shipped.procedures} >= {2, 3, 4}
    retired = [p for p in shipped.procedures if p.retired]
    assert len(retired) == 2
    # A retired procedure never hides an active one of the same name.
    active_names = {p.name for p in shipped.procedures if not p.retired}
    assert not any(p.name in active_names for p in retired)


def test_catalog_lookups(shipped: Catalog) -> None:
    assert shipped.procedure("1.001193.000.00.00.H38").name == "Đăng ký khai sinh"
    assert shipped.procedure("nope") is None
    assert shipped.field("ho_tich").ticket_prefix == "A"
    assert shipped.field("nope") is None
    assert OnlineClass.FULL.label() == "Dịch vụ công trực tuyến toàn trình"
    assert OnlineClass.PARTIAL.label("en") == "Partly online"


# --------------------------------------------------------------------------------------
# CSV


CSV_TWO = (
    "code,name,field_code,field_name,ticket_prefix,processing_days,counting,fee_text,fee_amount,"
    "legacy_level,online_class,lead_agency,result_text,legal_basis,retired,documents,portal_integrated,"
    "digital_signature\r\n"
    '1.001193.000.00.00.H38,Đăng ký khai sinh,ho_tich,Hộ tịch,A,0,working_days,'
    "Miễn lệ phí (đăng ký khai sinh đúng hạn),0,4,toan_trinh,UBND cấp xã,Giấy khai sinh (bản chính),"
    '"Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP",false,'
    '"Tờ khai đăng ký khai sinh (theo mẫu)|original|1|true;'
    "Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh|original|1|true;"
    "Giấy tờ tùy thân của người yêu cầu (Thẻ Căn cước/Căn cước công dân, Hộ chiếu) để xuất trình|original|1|true;"
    'Văn bản ủy quyền theo quy định của pháp luật (trường hợp ủy quyền thực hiện thủ tục)|certified_copy|1|false",'
    "true,true\r\n"
    "2.000908.000.00.00.H38,"
    '"Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận",'
    "chung_thuc,Chứng thực,B,0,working_days,"
    '"2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản",2000,2,khong,'
    "UBND cấp xã,Bản sao được chứng thực từ bản chính,"
    '"Nghị định 23/2015/NĐ-CP; Nghị định 07/2025/NĐ-CP; Thông tư 226/2016/TT-BTC",false,'
    '"Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao|original|1|true;Bản sao cần chứng thực|photocopy|1|true",'
    "false,false\r\n"
)


def test_csv_with_two_procedures_equals_the_json(shipped: Catalog) -> None:
    parsed = parse_catalog_csv(CSV_TWO, version="x")
    assert parsed.version == "x"
    assert parsed.fields == (shipped.field("ho_tich"), shipped.field("chung_thuc"))
    assert parsed.procedures == (
        shipped.procedure("1.001193.000.00.00.H38"),
        shipped.procedure("2.000908.000.00.00.H38"),
    )


def _escape_doc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace("|", "\\|")


def catalog_to_csv(catalog: Catalog, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(CSV_COLUMNS)
    fields = {f.code: f for f in catalog.fields}
    for p in catalog.procedures:
        f = fields[p.field_code]
        docs = ";".join(
            f"{_escape_doc(d.name)}|{d.form.value}|{d.count}|{'true' if d.required else 'false'}" for d in p.documents
        )
        writer.writerow(
            [
                p.code,
                p.name,
                f.code,
                f.name,
                f.ticket_prefix,
                p.processing_days,
                p.counting.value,
                p.fee_text,
                "" if p.fee_amount is None else p.fee_amount,
                "" if p.legacy_level is None else p.legacy_level,
                p.online_class.value,
                p.lead_agency,
                p.result_text,
                p.legal_basis,
                "true" if p.retired else "false",
                docs,
                "true" if p.portal_integrated else "false",
                "true" if p.digital_signature else "false",
            ]
        )
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_round_trip_of_the_whole_catalog(shipped: Catalog, delimiter: str) -> None:
    text = catalog_to_csv(shipped, delimiter)
    parsed = parse_catalog_csv(text, version=shipped.version, source=shipped.source)
    # Fields come out in order of first use, which is the order of the shipped list.
    assert parsed == shipped
    assert parse_catalog_csv(("\ufeff" + text).encode("utf-8"), version="v").procedures == shipped.procedures


def test_csv_conveniences() -> None:
    text = (
        "\ufeffCode;Name;Field_Code;Field_Name;Processing_Days;Counting;Online_Class;Fee_Amount;Retired;Documents\n"
        "\n"
        "1.000001.H38;  Thủ tục  thử ;tt;Thử;5;calendar_days;mot_phan;100.000;có;"
        '"Đơn (mẫu 01\\; bản in)|original;Bản sao sổ\\|hộ khẩu|photocopy|2|không;"\n'
        "\n"
    )
    catalog = parse_catalog_csv(text)
    assert re.fullmatch(r"csv-[0-9a-f]{12}", catalog.version)
    assert catalog.source == ""
    assert catalog.fields == (FieldSpec("tt", "Thử", ""),)
    (p,) = catalog.procedures
    assert p == ProcedureSpec(
        code="1.000001.H38",
        name="Thủ tục  thử",
        field_code="tt",
        processing_days=5,
        counting=Counting.CALENDAR_DAYS,
        fee_amount=100000,
        online_class=OnlineClass.PARTIAL,
        retired=True,
        documents=(
            RequiredDocument("Đơn (mẫu 01; bản in)", DocumentForm.ORIGINAL, 1, True),
            RequiredDocument("Bản sao sổ|hộ khẩu", DocumentForm.PHOTOCOPY, 2, False),
        ),
    )
    assert parse_catalog_csv(text).version == catalog.version  # same text, same version


def test_nfc_normalisation_and_limits() -> None:
    doc = _minimal()
    doc["procedures"][0]["name"] = unicodedata.normalize("NFD", "Đăng ký khai sinh") + "  "
    doc["procedures"][0]["lead_agency"] = "x" * 300
    doc["procedures"][1]["name"] = "n" * 500
    catalog = parse_catalog_json(json.dumps(doc))
    assert catalog.procedures[0].name == "Đăng ký khai sinh"
    assert len(catalog.procedures[1].name) == 500
    assert catalog.procedures[1].documents == ()
    assert catalog.procedures[1].fee_amount is None and catalog.procedures[1].legacy_level is None


# --------------------------------------------------------------------------------------
# validation errors


def _minimal() -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": "t1",
        "source": "test\nline two",
        "fields": [
            {"code": "ho_tich", "name": "Hộ tịch", "ticket_prefix": "A"},
            {"code": "chung_thuc", "name": "Chứng thực", "ticket_prefix": "B"},
        ],
        "procedures": [
            {
                "code": "1.001193.000.00.00.H38",
                "name": "Đăng ký khai sinh",
                "field": "ho_tich",
                "processing_days": 0,
                "counting": "working_days",
                "fee_text": "Miễn lệ phí",
                "fee_amount": 0,
                "legacy_level": 4,
                "online_class": "toan_trinh",
                "lead_agency": "UBND cấp xã",
                "result_text": "Giấy khai sinh",
                "legal_basis": "Luật Hộ tịch 2014",
                "retired": False,
                "documents": [
                    {"name": "Tờ khai đăng ký khai sinh", "form": "original", "count": 1, "required": True},
                    {"name": "Giấy chứng sinh", "form": "original", "count": 1},
                ],
            },
            {
                "code": "2.000908.H38",
                "name": "Chứng thực bản sao từ bản chính",
                "field": "chung_thuc",
                "processing_days": 0,
                "counting": "working_days",
                "online_class": "khong",
            },
        ],
    }


P0 = "procedures[0](1.001193.000.00.00.H38)"
P1 = "procedures[1](2.000908.H38)"


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return mutate


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        del target[last]

    return mutate


def _append_duplicate(code: str) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        extra = copy.deepcopy(doc["procedures"][1])
        extra["code"] = code
        doc["procedures"].append(extra)

    return mutate


JSON_ERRORS = [
    ("missing name", _delete("procedures/0/name"), f"{P0}.name"),
    ("empty name", _set("procedures/0/name", "   "), f"{P0}.name"),
    ("name too long", _set("procedures/0/name", "a" * 501), f"{P0}.name"),
    ("name not a string", _set("procedures/0/name", 12), f"{P0}.name"),
    ("control char in name", _set("procedures/0/name", "Đăng ký\x07khai sinh"), f"{P0}.name"),
    ("line break in name", _set("procedures/0/name", "Đăng ký\nkhai sinh"), f"{P0}.name"),
    ("zero-width char in name", _set("procedures/0/name", "Đăng\u200bký"), f"{P0}.name"),
    ("bidi mark in agency", _set("procedures/0/lead_agency", "UBND\u202e"), f"{P0}.lead_agency"),
    ("lone surrogate", _set("procedures/0/result_text", "Giấy \ud800"), f"{P0}.result_text"),
    ("agency too long", _set("procedures/0/lead_agency", "x" * 301), f"{P0}.lead_agency"),
    ("unknown field code", _set("procedures/0/field", "dat_dai"), f"{P0}.field"),
    ("missing field", _delete("procedures/0/field"), f"{P0}.field"),
    ("negative days", _set("procedures/0/processing_days", -1), f"{P0}.processing_days"),
    ("too many days", _set("procedures/0/processing_days", 366), f"{P0}.processing_days"),
    ("days as text", _set("procedures/0/processing_days", "5"), f"{P0}.processing_days"),
    ("days as float", _set("procedures/0/processing_days", 5.0), f"{P0}.processing_days"),
    ("days as bool", _set("procedures/0/processing_days", True), f"{P0}.processing_days"),
    ("huge days", _set("procedures/0/processing_days", 10**30), f"{P0}.processing_days"),
    ("bad counting", _set("procedures/0/counting", "days"), f"{P0}.counting"),
    ("missing counting", _delete("procedures/0/counting"), f"{P0}.counting"),
    ("bad online class", _set("procedures/0/online_class", "muc_do_4"), f"{P0}.online_class"),
    ("missing online class", _delete("procedures/1/online_class"), f"{P1}.online_class"),
    ("legacy level 0", _set("procedures/0/legacy_level", 0), f"{P0}.legacy_level"),
    ("legacy level 5", _set("procedures/0/legacy_level", 5), f"{P0}.legacy_level"),
    ("negative fee", _set("procedures/0/fee_amount", -1000), f"{P0}.fee_amount"),
    ("fee as text", _set("procedures/0/fee_amount", "8.000"), f"{P0}.fee_amount"),
    ("retired as text", _set("procedures/0/retired", "yes"), f"{P0}.retired"),
    ("unknown key", _set("procedures/0/processing_day", 3), f"{P0}.processing_day"),
    ("duplicate code", _append_duplicate("1.001193.000.00.00.H38"), "procedures[2](1.001193.000.00.00.H38).code"),
    ("duplicate code, other case", _append_duplicate("2.000908.h38"), "procedures[2](2.000908.h38).code"),
    ("code with space", _set("procedures/0/code", "1.001193 H38"), "procedures[0].code"),
    ("empty code", _set("procedures/0/code", ""), "procedures[0].code"),
    ("documents not a list", _set("procedures/0/documents", "Tờ khai"), f"{P0}.documents"),
    ("document count 0", _set("procedures/0/documents/0/count", 0), f"{P0}.documents[0].count"),
    ("document count text", _set("procedures/0/documents/1/count", "2"), f"{P0}.documents[1].count"),
    ("unknown form", _set("procedures/0/documents/1/form", "copy"), f"{P0}.documents[1].form"),
    ("missing form", _delete("procedures/0/documents/0/form"), f"{P0}.documents[0].form"),
    ("document without name", _set("procedures/0/documents/1/name", ""), f"{P0}.documents[1].name"),
    ("document name too long", _set("procedures/0/documents/1/name", "d" * 501), f"{P0}.documents[1].name"),
    ("document not an object", _set("procedures/0/documents/1", "Giấy chứng sinh"), f"{P0}.documents[1]"),
    ("document unknown key", _set("procedures/0/documents/0/copies", 2), f"{P0}.documents[0].copies"),
    ("required as text", _set("procedures/0/documents/0/required", "true"), f"{P0}.documents[0].required"),
    ("procedure not an object", _set("procedures/1", []), "procedures[1]"),
    ("duplicate field code", _set("fields/1/code", "ho_tich"), "fields[1].code"),
    ("duplicate ticket prefix", _set("fields/1/ticket_prefix", "A"), "fields[1].ticket_prefix"),
    ("lowercase ticket prefix", _set("fields/0/ticket_prefix", "a"), "fields[0].ticket_prefix"),
    ("field without name", _delete("fields/0/name"), "fields[0].name"),
    ("empty field list", _set("fields", []), "fields"),
    ("empty procedure list", _set("procedures", []), "procedures"),
    ("procedures not a list", _set("procedures", {}), "procedures"),
    ("wrong format", _set("format", "counter_app.catalog/2"), "format"),
    ("missing format", _delete("format"), "format"),
    ("empty version", _set("version", ""), "version"),
    ("control char in source", _set("source", "a\x00b"), "source"),
    ("unknown top-level key", _set("extra", 1), "extra"),
]


@pytest.mark.parametrize(("mutate", "where"), [c[1:] for c in JSON_ERRORS], ids=[c[0] for c in JSON_ERRORS])
def test_json_validation_errors(mutate: Callable[[dict[str, Any]], None], where: str) -> None:
    doc = _minimal()
    parse_catalog_json(json.dumps(doc))  # the base document is valid
    mutate(doc)
    with pytest.raises(DomainError) as info:
        parse_catalog_json(json.dumps(doc))
    _check_error(info.value, where)


RAW_JSON_ERRORS = [
    ("not JSON", b"{not json", "JSON 1:2"),
    ("invalid UTF-8", b'{"format": "\xff"}', "byte 12"),
    ("truncated UTF-8", "{\"version\": \"Hộ".encode()[:-1], "byte"),
    ("UTF-16", json.dumps(_minimal()).encode("utf-16"), "byte 0"),
    ("top level is a list", b"[]", "catalog"),
    ("NaN", b'{"format": NaN}', "JSON"),
    ("duplicate key", b'{"format": "a", "format": "b"}', "JSON.format"),
    ("deep nesting", b"[" * 100_000, "JSON"),
    ("deep value", b'{"format": "counter_app.catalog/1", "version": ' + b"[" * 900 + b"]" * 900 + b"}", "version"),
    ("empty input", b"", "JSON 1:1"),
]


@pytest.mark.parametrize(("data", "where"), [c[1:] for c in RAW_JSON_ERRORS], ids=[c[0] for c in RAW_JSON_ERRORS])
def test_raw_json_errors(data: bytes, where: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_catalog_json(data)
    _check_error(info.value, where)


CSV_HEADER = "code,name,field_code,field_name,ticket_prefix,processing_days,counting,online_class,documents\n"
ROW_A = '1.000001.H38,Thủ tục A,ho_tich,Hộ tịch,A,3,working_days,toan_trinh,"Tờ khai|original|1|true"\n'
ROW_B = "1.000002.H38,Thủ tục B,chung_thuc,Chứng thực,B,0,working_days,khong,\n"
CA = "(1.000001.H38)"

CSV_ERRORS = [
    ("days not a number", CSV_HEADER + ROW_A.replace(",3,", ",ba,"), f"csv[2]{CA}.processing_days"),
    ("negative days", CSV_HEADER + ROW_A.replace(",3,", ",-2,"), f"csv[2]{CA}.processing_days"),
    ("days 400", CSV_HEADER + ROW_A.replace(",3,", ",400,"), f"csv[2]{CA}.processing_days"),
    ("empty days", CSV_HEADER + ROW_A.replace(",3,", ",,"), f"csv[2]{CA}.processing_days"),
    ("bad counting", CSV_HEADER + ROW_A.replace("working_days", "ngay"), f"csv[2]{CA}.counting"),
    ("bad online class", CSV_HEADER + ROW_A.replace("toan_trinh", "4"), f"csv[2]{CA}.online_class"),
    ("empty name", CSV_HEADER + ROW_A.replace("Thủ tục A", " "), f"csv[2]{CA}.name"),
    ("empty field code", CSV_HEADER + ROW_A.replace("ho_tich", ""), f"csv[2]{CA}.field_code"),
    ("empty field name", CSV_HEADER + ROW_A.replace("Hộ tịch", ""), f"csv[2]{CA}.field_name"),
    ("bad ticket prefix", CSV_HEADER + ROW_A.replace(",A,", ",a-1,"), f"csv[2]{CA}.ticket_prefix"),
    ("unknown form", CSV_HEADER + ROW_A.replace("original", "ban_chinh"), f"csv[2]{CA}.documents[0].form"),
    ("document count 0", CSV_HEADER + ROW_A.replace("|1|", "|0|"), f"csv[2]{CA}.documents[0].count"),
    ("document count text", CSV_HEADER + ROW_A.replace("|1|", "|một|"), f"csv[2]{CA}.documents[0].count"),
    ("document required", CSV_HEADER + ROW_A.replace("|true", "|maybe"), f"csv[2]{CA}.documents[0].required"),
    ("document shape", CSV_HEADER + ROW_A.replace("Tờ khai|original|1|true", "Tờ khai"), f"csv[2]{CA}.documents[0]"),
    ("document too many parts", CSV_HEADER + ROW_A.replace("|true", "|true|x"), f"csv[2]{CA}.documents[0]"),
    ("document name empty", CSV_HEADER + ROW_A.replace("Tờ khai|", " |"), f"csv[2]{CA}.documents[0].name"),
    ("duplicate code", CSV_HEADER + ROW_A + ROW_A, f"csv[3]{CA}.code"),
    ("conflicting field name", CSV_HEADER + ROW_A + ROW_A.replace("1.000001", "1.000003").replace(
        "Hộ tịch", "Hộ tịch - Chứng thực"), "csv[3](1.000003.H38).field_name"),
    ("conflicting ticket prefix", CSV_HEADER + ROW_A + ROW_A.replace("1.000001", "1.000003").replace(
        ",A,", ",C,"), "csv[3](1.000003.H38).ticket_prefix"),
    ("shared ticket prefix", CSV_HEADER + ROW_A + ROW_B.replace(",B,", ",A,"), "csv[3](1.000002.H38).ticket_prefix"),
    ("row too long", CSV_HEADER + ROW_A.replace("\n", ",extra\n"), "csv[2]"),
    ("unknown column", CSV_HEADER.replace("documents", "giay_to") + ROW_A, "csv[1]"),
    ("missing column", CSV_HEADER.replace(",counting", "") + ROW_A, "csv[1]"),
    ("duplicate column", CSV_HEADER.replace("documents", "name") + ROW_A, "csv[1]"),
    ("legacy level", CSV_HEADER.replace("\n", ",legacy_level\n") + ROW_A.replace("\n", ",5\n"),
     f"csv[2]{CA}.legacy_level"),
    ("fee amount", CSV_HEADER.replace("\n", ",fee_amount\n") + ROW_A.replace("\n", ",8.000đ\n"),
     f"csv[2]{CA}.fee_amount"),
    ("retired", CSV_HEADER.replace("\n", ",retired\n") + ROW_A.replace("\n", ",maybe\n"), f"csv[2]{CA}.retired"),
    ("control char", CSV_HEADER + ROW_A.replace("Thủ tục A", "Thủ\x1ftục A"), f"csv[2]{CA}.name"),
    ("quoted line break in name", CSV_HEADER + ROW_A.replace("Thủ tục A", '"Thủ\ntục A"'), f"csv[2]{CA}.name"),
    ("bad quoting", CSV_HEADER + ROW_B + '1.000003.H38,"Thủ tục" C,ho_tich\n', "csv[3]"),
    ("NUL byte", CSV_HEADER + ROW_A.replace("Thủ tục A", "Thủ\x00tục"), "csv"),
    ("only a header", CSV_HEADER, "csv"),
    ("empty file", "\n\n", "csv"),
]


@pytest.mark.parametrize(("text", "where"), [c[1:] for c in CSV_ERRORS], ids=[c[0] for c in CSV_ERRORS])
def test_csv_validation_errors(text: str, where: str) -> None:
    parse_catalog_csv(CSV_HEADER + ROW_A + ROW_B)  # the base file is valid
    with pytest.raises(DomainError) as info:
        parse_catalog_csv(text)
    _check_error(info.value, where)


def test_csv_line_numbers_count_physical_lines() -> None:
    multi = ROW_B.replace("khong,\n", 'khong,"Tờ khai|original;\nĐơn|photocopy"\n')
    text = CSV_HEADER + "\n" + multi + ROW_A.replace(",3,", ",x,")
    with pytest.raises(DomainError) as info:
        parse_catalog_csv(text)
    assert info.value.params["where"] == f"csv[5]{CA}.processing_days"
    assert info.value.params["line"] == 5
    assert info.value.params["procedure"] == "1.000001.H38"


def test_csv_invalid_utf8_bytes() -> None:
    with pytest.raises(DomainError) as info:
        # A file saved in a legacy 8-bit code page: "ủ" became one byte.
        parse_catalog_csv((CSV_HEADER + ROW_A).encode("utf-8").replace("ủ".encode(), b"\xfa"))
    _check_error(info.value, "byte")


def _check_error(error: DomainError, where: str) -> None:
    assert error.code == "catalog_invalid"
    assert where in error.params["where"], error.params
    assert error.params["detail"] and error.params["detail_en"]
    for lang in ("vi", "en"):
        text = error.message(lang)
        assert error.params["where"] in text
        assert "catalog_invalid" not in text  # the code has a real message
    assert error.params["detail"] in str(error)


# --------------------------------------------------------------------------------------
# nothing but DomainError, whatever comes in


def _parse_or_domain_error(parse: Callable[[Any], Catalog], data: Any) -> None:
    try:
        result = parse(data)
    except DomainError as exc:
        assert exc.code == "catalog_invalid"
        exc.message("vi")
        exc.message("en")
    else:
        assert isinstance(result, Catalog)


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    _parse_or_domain_error(parse_catalog_json, data)
    _parse_or_domain_error(parse_catalog_csv, data)


@given(st.text(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_never_crashes(text: str) -> None:
    _parse_or_domain_error(parse_catalog_json, text)
    _parse_or_domain_error(parse_catalog_csv, text)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)
PROCEDURE_KEYS = sorted(_minimal()["procedures"][0]) + ["unknown"]
DOCUMENT_KEYS = ["name", "form", "count", "required", "unknown"]


@given(
    st.sampled_from(["procedure", "document", "field", "top"]),
    st.sampled_from(PROCEDURE_KEYS + DOCUMENT_KEYS + ["code", "name", "ticket_prefix", "version", "source"]),
    JSON_VALUES,
)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_arbitrary_values_in_a_valid_catalog(where: str, key: str, value: Any) -> None:
    doc = _minimal()
    target = {
        "procedure": doc["procedures"][0],
        "document": doc["procedures"][0]["documents"][0],
        "field": doc["fields"][0],
        "top": doc,
    }[where]
    target[key] = value
    _parse_or_domain_error(parse_catalog_json, json.dumps(doc))


@given(st.integers(min_value=0, max_value=8), st.sampled_from(range(len(CSV_COLUMNS))), st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_arbitrary_cells_in_a_valid_csv(row_index: int, column: int, value: str) -> None:
    rows = list(csv.reader(io.StringIO(CSV_TWO, newline="")))
    row = rows[min(row_index, len(rows) - 1)]
    row[column % len(row)] = value  # the optional trailing columns may be absent from the sample
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    _parse_or_domain_error(parse_catalog_csv, out.getvalue())

