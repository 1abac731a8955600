"""Personal data (Decree 13/2023; DOMAIN §6): masked in lists; exports that hold it say so on
the file itself and are audited ("export.<what>": who, counter, period, rows, SHA-256, and no
personal data in the entry). Real PDFs (pypdf) and workbooks (openpyxl) are read back."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from counter_app.domain.indicators import Period
from counter_app.printing.common import PERSONAL_DATA_NOTICE
from counter_app.services import accounts, documents, handover, intake, lifecycle, reports, search, supervisor
from counter_app.store.models import AuditEntry
from tests.helpers import intake_request, pick_procedure

ID, PHONE, NAME = "001301012345", "0912345678", "Nguyễn Thị Ấn"
DAY = date(2026, 11, 26)  # the frozen clock's day
PERIOD = Period(DAY, DAY)


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _entries(svc, action: str) -> list[AuditEntry]:
    with svc.reading() as s:
        return list(s.execute(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).scalars())


def _no_personal_data(entry: AuditEntry) -> None:
    blob = json.dumps(entry.details, ensure_ascii=False)
    assert ID not in blob and PHONE not in blob and NAME not in blob


@pytest.fixture
def world(svc, demo, officer):
    proc = pick_procedure(svc, days=5)
    codes = [intake.receive_dossier(svc, officer, intake_request(proc)).code for _ in range(3)]
    sup = accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)
    return codes, sup


def test_register_pdf_says_it_holds_personal_data_and_is_audited(svc, officer, world):
    codes, _ = world
    printed = documents.export_register(svc, officer, DAY, DAY, "pdf")
    reader = PdfReader(io.BytesIO(printed.path.read_bytes()))
    for page in reader.pages:  # every page carries the notice
        assert PERSONAL_DATA_NOTICE in _flat(page.extract_text())
    text = _pdf_text(printed.pdf)
    assert NAME in text and codes[0] in _flat(text)  # an official document: full data
    entry = _entries(svc, "export.register")[-1]
    assert (entry.actor_username, entry.counter_number) == ("canbo1", 1)
    assert entry.details["from"] == entry.details["to"] == DAY.isoformat()
    assert entry.details["rows"] == 3 and entry.details["format"] == "pdf" and entry.details["personal_data"] is True
    assert entry.details["sha256"] == hashlib.sha256(printed.path.read_bytes()).hexdigest()
    _no_personal_data(entry)


def test_register_xlsx_says_it_in_its_first_rows_and_properties(svc, officer, world):
    codes, _ = world
    printed = documents.export_register(svc, officer, DAY, DAY, "xlsx")
    wb = load_workbook(printed.path)
    ws = wb.active
    assert PERSONAL_DATA_NOTICE in [ws.cell(row=r, column=1).value for r in range(1, 6)]
    assert wb.properties.subject == PERSONAL_DATA_NOTICE
    assert ws.oddFooter.center.text == PERSONAL_DATA_NOTICE
    assert codes[0] in [c.value for row in ws.iter_rows() for c in row]
    entry = _entries(svc, "export.register")[-1]
    assert entry.details["rows"] == 3 and entry.details["format"] == "xlsx"
    assert entry.details["sha256"] == hashlib.sha256(printed.path.read_bytes()).hexdigest()
    _no_personal_data(entry)


def test_report_exports_with_names_are_marked_and_counts_only_are_not(svc, world, tmp_path):
    _, sup = world
    # officers by name and citizens' comments: personal data
    named = reports.export_tables_xlsx(svc, sup, PERIOD, ("06a", "officers", "comments"), tmp_path / "named.xlsx")
    wb = load_workbook(named)
    for ws in wb.worksheets:
        assert ws["A1"].value == PERSONAL_DATA_NOTICE, ws.title
    assert wb.properties.subject == PERSONAL_DATA_NOTICE
    entry = _entries(svc, "export.report")[-1]
    assert entry.details["personal_data"] is True and entry.details["tables"] == ["06a", "officers", "comments"]
    assert entry.details["sha256"] == hashlib.sha256(named.read_bytes()).hexdigest()
    assert entry.details["rows"] >= 1 and entry.actor_username == "giamsat"
    assert (entry.details["from"], entry.details["to"]) == (DAY.isoformat(), DAY.isoformat())
    _no_personal_data(entry)

    counts = reports.export_tables_xlsx(svc, sup, PERIOD, ("06a", "07a", "queue"), tmp_path / "counts.xlsx")
    wb = load_workbook(counts)
    assert all(PERSONAL_DATA_NOTICE not in str(c.value) for ws in wb.worksheets for row in ws.iter_rows()
               for c in row)
    assert wb.properties.subject != PERSONAL_DATA_NOTICE
    assert _entries(svc, "export.report")[-1].details["personal_data"] is False

    pdf = reports.export_tables_pdf(svc, sup, PERIOD, ("officers",), tmp_path / "officers.pdf")
    assert PERSONAL_DATA_NOTICE in _flat(_pdf_text(pdf.read_bytes()))
    assert _entries(svc, "export.report")[-1].details["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    plain = reports.export_tables_pdf(svc, sup, PERIOD, ("06a", "queue"), tmp_path / "counts.pdf")
    assert PERSONAL_DATA_NOTICE not in _flat(_pdf_text(plain.read_bytes()))

    whole = reports.export_period_pdf(svc, sup, PERIOD, tmp_path / "period.pdf")
    reader = PdfReader(str(whole))
    assert all(PERSONAL_DATA_NOTICE in _flat(p.extract_text()) for p in reader.pages)
    entry = _entries(svc, "export.report")[-1]
    assert entry.entity_id == "pdf" and entry.details["personal_data"] is True
    assert entry.details["sha256"] == hashlib.sha256(whole.read_bytes()).hexdigest()
    assert len(_entries(svc, "export.report")) == 5


def test_lists_show_id_numbers_and_phones_masked(svc, officer, world):
    codes, sup = world
    found = search.search_dossiers(svc, ID)
    assert found and all(item.owner_id_masked == "001******345" and item.owner_phone_masked == "091****678"
                         for item in found)
    for code in codes[:2]:
        lifecycle.transition(svc, officer, code, 4)
        lifecycle.transition(svc, officer, code, 9)
    check = handover.check_handover(svc, officer, codes[0])
    handover.hand_over(svc, officer, codes[0], collector=handover.Collector("owner"))
    lists = [found, [check], [handover.handover_of(svc, codes[0])]]
    lists += [supervisor.dossier_list(svc, sup, kind) for kind in ("due_today", "overdue", "supplement", "uncollected")]
    assert sum(len(rows) for rows in lists) >= 4
    for rows in lists:
        for row in rows:
            shown = repr(row)
            assert ID not in shown and PHONE not in shown, shown
