"""Property-based fuzzing of the services on a real database (SQLite and PostgreSQL).

Each hostile input ends in one of two ways: a clear error (DomainError / ValidationFailed with
known codes) and NOTHING written, or a stored value that reads back equal to the cleaned input.
"""

from __future__ import annotations

import json
from dataclasses import replace

import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain import messages
from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.domain.identity import normalize_id_number, normalize_phone
from counter_app.domain.intake import DocumentLine
from counter_app.domain.status import DossierStatus as S
from counter_app.domain.text import clean_line, clean_multiline, fold, unsafe_chars
from counter_app.resources import resource_path
from counter_app.services import catalog, handover, intake, lifecycle, search
from counter_app.store.search import search_tokens
from tests.fuzz.strategies import fuzz_settings, hostile, hostile_around, tried
from tests.helpers import intake_request, pick_procedure

DB = 40  # examples per database-backed test and backend (times FUZZ_EXAMPLES_SCALE)
WRITE_TABLES = ("dossier", "dossier_document", "dossier_event", "register_entry", "audit_entry", "sync_outbox",
                "handover", "rating", "procedure", "procedure_document", "field")


def counts(svc) -> dict[str, int]:
    with svc.reading() as s:
        return {t: s.execute(sa.text(f"select count(*) from {t}")).scalar_one() for t in WRITE_TABLES}


def assert_clear(e: DomainError) -> None:
    errors = e.errors if isinstance(e, ValidationFailed) else [e]
    assert errors
    for err in errors:
        assert messages.has_message(err.code), err.code
    for lang in ("vi", "en"):
        assert e.message(lang)


def refused_or_stored(svc, call, check_stored):
    """Run call; on a clear error nothing may have been written; otherwise check what was stored."""
    before = counts(svc)
    try:
        result = call()
    except DomainError as e:
        assert_clear(e)
        assert counts(svc) == before, "a refused input wrote rows"
        return None
    check_stored(result)
    return result


# --- intake ---------------------------------------------------------------------------------------

PERSON_FIELDS = {
    "full_name": ("Nguyễn Thị Ấn", clean_line),
    "id_number": ("001301012345", normalize_id_number),
    "phone": ("0912345678", lambda v: normalize_phone(clean_line(v))),
    "address": ("12 Lê Lợi, phường Hải Châu", clean_line),
    "email": ("an@example.vn", clean_line),
}


@fuzz_settings(DB)
@given(data=st.data())
def test_receive_dossier_with_hostile_fields(svc, officer, backend, data):
    proc = pick_procedure(svc, days=5)
    base = intake_request(proc)
    target = data.draw(st.sampled_from([*PERSON_FIELDS, "note", "document", "procedure"]), label="field")
    value = data.draw(hostile_around(PERSON_FIELDS.get(target, ("Tờ khai",))[0]), label="value")
    tried(f"intake.receive_dossier.{target}", backend)
    if target in PERSON_FIELDS:
        req = replace(base, owner=replace(base.owner, **{target: value}))
    elif target == "note":
        req = replace(base, note=value)
    elif target == "document":
        req = replace(base, documents=(DocumentLine(name=value), *base.documents[1:]))
    else:
        req = replace(base, procedure_code=value)

    def stored(d):
        back = intake.get_dossier(svc, d.code)
        if target in PERSON_FIELDS:
            assert getattr(back.owner, target) == PERSON_FIELDS[target][1](value)
            assert not unsafe_chars(getattr(back.owner, target))
        elif target == "note":
            assert back.note == clean_multiline(value) and not unsafe_chars(back.note, allow="\n")
        elif target == "document":
            assert back.documents[0].name == clean_line(value) and not unsafe_chars(back.documents[0].name)
        else:
            assert back.procedure_code == proc.code
        with svc.reading() as s:  # the outbox payload carries the same cleaned values
            payload = s.execute(sa.text("select payload from sync_outbox order by seq desc limit 1")).scalar_one()
        payload = json.loads(payload) if isinstance(payload, str) else payload
        if target in PERSON_FIELDS:
            assert payload["owner"][target] == getattr(back.owner, target)

    refused_or_stored(svc, lambda: intake.receive_dossier(svc, officer, req), stored)


# --- search ------------------------------------------------------------------------------------------


@fuzz_settings(DB)
@given(query=st.one_of(hostile, hostile_around("Nguyễn Văn"), hostile_around("000.00.06.H56-261126")),
       field_code=st.just("") | hostile, procedure_code=st.just("") | hostile)
def test_search_with_hostile_queries(svc, officer, backend, query, field_code, procedure_code):
    tried("search.search_dossiers", backend)
    filters = search.SearchFilters(field_code=field_code, procedure_code=procedure_code)
    try:
        items = search.search_dossiers(svc, query, filters)
    except DomainError as e:
        assert e.code == "search_query_invalid"
        assert_clear(e)
        return
    assert isinstance(items, list)


@fuzz_settings(DB)
@given(name=hostile_around("Nguyễn Văn An"))
def test_a_stored_hostile_name_is_found_by_itself(svc, officer, backend, name):
    """Whatever name was accepted is found again by searching for it (SQL/LIKE metacharacters are text)."""
    tried("search.roundtrip_name", backend)
    proc = pick_procedure(svc, days=5)
    try:
        d = intake.receive_dossier(svc, officer, intake_request(proc, full_name=name))
    except ValidationFailed:
        return
    try:
        items = search.search_dossiers(svc, d.owner.full_name, limit=1000)
    except DomainError as e:  # over 200 characters: a clear refusal
        assert e.code == "search_query_invalid" and len(d.owner.full_name) > 0
        return
    kind, _ = search.classify_query(search.clean_query(d.owner.full_name))
    # Read as a name (not a code, ID or phone) with a word the name index keeps ([a-z0-9] after folding;
    # a name written only in other scripts, e.g. "王" or "𝐀", is not searchable by name: store/search.py).
    if kind == "name" and search_tokens(fold(d.owner.full_name)):
        assert d.code in {i.code for i in items}


@fuzz_settings(DB)
@given(code=st.one_of(hostile, hostile_around("000.00.06.H56-261126-0001")))
def test_lookups_by_code(svc, officer, backend, code):
    """A typed or scanned code in show / open / handover check / procedure lookups."""
    tried("lookup.by_code", backend)
    before = counts(svc)
    for call in (lambda: intake.get_dossier(svc, code), lambda: search.open_dossier(svc, officer, code),
                 lambda: handover.check_handover(svc, officer, code), lambda: catalog.get_procedure(svc, code)):
        try:
            call()
        except DomainError as e:
            assert e.code in ("dossier_not_found", "procedure_unknown"), e.code
            assert_clear(e)
            assert not unsafe_chars(str(e.params.get("value", "")))
    assert counts(svc) == before
    assert isinstance(catalog.search_procedures(svc, code), list)


# --- catalogue import ------------------------------------------------------------------------------

SHIPPED = resource_path("catalog", "procedures.json").read_bytes()


@st.composite
def bad_catalog_file(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["json_truncated", "json_bad_utf8", "json_hostile", "csv_bad_utf8", "csv_bad_rows"]))
    if kind == "json_truncated":
        return "c.json", SHIPPED[: draw(st.integers(0, len(SHIPPED) - 2))]
    if kind == "json_bad_utf8":
        i = draw(st.integers(0, len(SHIPPED)))
        return "c.json", SHIPPED[:i] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + SHIPPED[i:]
    if kind == "json_hostile":
        doc = json.loads(SHIPPED)
        doc["version"] = "fuzz"
        last = doc["procedures"][-1]
        last[draw(st.sampled_from(["name", "code", "fee_text", "field"]))] = draw(hostile)
        return "c.json", json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")
    header = "code,name,field_code,field_name,processing_days,counting,online_class\n"
    good = "9.999999.H56,Thủ tục thử,ho_tich,Hộ tịch,5,working_days,toan_trinh\n"
    if kind == "csv_bad_utf8":
        raw = (header + good).encode()
        i = draw(st.integers(len(header), len(raw)))
        return "c.csv", raw[:i] + b"\xff\xfe" + raw[i:]
    cells = good.strip().split(",")
    cells[draw(st.integers(0, len(cells) - 1))] = draw(hostile).replace(",", ";")
    return "c.csv", (header + good + ",".join(cells) + "\n").encode("utf-8", "surrogatepass")


@fuzz_settings(25)
@given(file=bad_catalog_file())
def test_catalog_import_of_damaged_files(svc, officer, admin_actor, backend, tmp_path, file):
    tried("catalog.import_catalog", backend)
    name, data = file
    path = tmp_path / name
    path.write_bytes(data)
    before = catalog.list_procedures(svc)

    def stored(result):  # a file that survived the damage: every value is clean
        for p in catalog.list_procedures(svc):
            assert not unsafe_chars(p.name) and not unsafe_chars(p.code)

    try:
        result = catalog.import_catalog(svc, path, admin_actor)
    except DomainError as e:
        assert e.code in ("catalog_invalid", "file_unreadable")
        assert_clear(e)
        assert "{detail_en}" not in e.message("en")
        assert catalog.list_procedures(svc) == before, "a refused catalogue changed the procedures"
        return
    stored(result)


# --- handover and lifecycle ------------------------------------------------------------------------


def _ready(svc, officer) -> str:
    proc = pick_procedure(svc, days=5)
    code = intake.receive_dossier(svc, officer, intake_request(proc)).code
    lifecycle.transition(svc, officer, code, S.RESULT_READY)
    return code


@fuzz_settings(DB)
@given(data=st.data())
def test_handover_with_hostile_collector(svc, officer, backend, data):
    tried("handover.hand_over", backend)
    code = _ready(svc, officer) if not hasattr(svc, "_fuzz_ready") else svc._fuzz_ready
    svc._fuzz_ready = code
    collector = handover.Collector(
        data.draw(st.sampled_from(["authorised", "owner", "x"])),
        data.draw(hostile_around("Lê Văn Tám")), data.draw(hostile_around("079301000123") | st.just("")),
        data.draw(hostile_around("Giấy ủy quyền số 12/UQ") | st.just("")),
    )
    fee_note = data.draw(st.just("") | hostile)
    rating_reason = data.draw(st.just("") | hostile)

    def stored(d):
        assert d.status is S.RETURNED
        record = handover.handover_of(svc, code)
        assert not unsafe_chars(record.collector_name) and not unsafe_chars(record.authorisation_note)
        if collector.kind == "authorised" and record.collector_kind == "authorised":
            assert record.collector_name == clean_line(collector.full_name)
            assert record.authorisation_note == clean_line(collector.authorisation_note)
        svc._fuzz_ready = _ready(svc, officer)

    refused_or_stored(svc, lambda: handover.hand_over(svc, officer, code, collector=collector, fee_note=fee_note,
                                                      rating=2, rating_reason=rating_reason), stored)


@fuzz_settings(DB)
@given(reason=hostile_around("Công dân xin rút hồ sơ"))
def test_lifecycle_reasons(svc, officer, backend, reason):
    tried("lifecycle.withdraw.reason", backend)
    if not hasattr(svc, "_fuzz_open"):
        proc = pick_procedure(svc, days=5)
        svc._fuzz_open = intake.receive_dossier(svc, officer, intake_request(proc)).code
    code = svc._fuzz_open

    def stored(d):
        assert d.status is S.WITHDRAWN
        event = lifecycle.history(svc, code)[-1]
        assert event.reason == clean_multiline(reason) and not unsafe_chars(event.reason, allow="\n")
        del svc._fuzz_open

    refused_or_stored(svc, lambda: lifecycle.withdraw(svc, officer, code, reason=reason), stored)
