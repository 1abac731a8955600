"""The lifecycle forms as the services print them: the right data, the form set in force on
the receipt date (or the site's choice), archived and audited; the register's limits."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.errors import DomainError
from counter_app.domain.intake import DocumentLine
from counter_app.domain.status import DossierStatus as S
from counter_app.services import documents, forwarding, handover, intake, lifecycle, not_accepted
from counter_app.store.models import AuditEntry, PrintedDocument, Site
from tests.helpers import intake_request, pick_procedure


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _receive(svc, officer, **kw):
    return intake.receive_dossier(svc, officer, replace(intake_request(pick_procedure(svc, days=5)), **kw)).code


def test_each_form_of_a_dossier(svc, officer, clock):
    code = _receive(svc, officer)
    with pytest.raises(DomainError) as err:
        documents.print_form(svc, officer, "04", code)
    assert err.value.code == "form_not_applicable" and code in err.value.message("vi")
    forwarding.forward(svc, officer, [code], agency="Sở Tư pháp", receiver="Lê Văn C")
    lifecycle.transition(svc, officer, code, S.SUPPLEMENT_REQUESTED, reason="Bổ sung trong 5 ngày",
                         missing=(DocumentLine(name="Bản sao Sổ hộ khẩu ướt", count=2),))
    lifecycle.transition(svc, officer, code, S.PROCESSING)
    lifecycle.apologise(svc, officer, code, reason="Chờ ý kiến cơ quan phối hợp",
                        new_due=datetime(2026, 12, 20, 16, 0, tzinfo=LOCAL_TZ))
    lifecycle.transition(svc, officer, code, S.RESULT_READY)
    handover.hand_over(svc, officer, code, collector=handover.Collector("owner"), fees_paid=25_000, rating=3)
    expected = {
        "02": ["PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Bản sao Sổ hộ khẩu ướt", "Bổ sung trong 5 ngày", "PYCBS"],
        "04": ["Chờ ý kiến cơ quan phối hợp", "20/12/2026", "PXL", "Nguyễn Thị Ấn"],
        "05": ["PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Sở Tư pháp", "Lê Văn C"],
        "handover": ["25.000", "Nguyễn Thị Ấn", "Rất hài lòng"],
    }
    for form, needles in expected.items():
        printed = documents.print_form(svc, officer, form, code)
        text = text_of(printed.pdf)
        assert code.replace("-", "") in text.replace("-", "").replace(" ", "") or code in text
        for needle in needles:
            assert needle in text, (form, needle)
        assert printed.path.exists() and printed.path.read_bytes() == printed.pdf
    with svc.reading() as s:
        kinds = [k for (k,) in s.execute(sa.select(PrintedDocument.kind).order_by(PrintedDocument.printed_at))]
        prints = s.execute(sa.select(sa.func.count()).where(AuditEntry.action == "document.print")).scalar()
    assert kinds == ["supplement_request", "apology", "control_slip", "handover"] and prints == 4
    with pytest.raises(DomainError) as err:
        documents.print_form(svc, officer, "09", code)
    assert err.value.code == "form_unknown"


def test_withdrawal_and_stop_slips(svc, officer):
    a, b = _receive(svc, officer), _receive(svc, officer)
    lifecycle.withdraw(svc, officer, a, reason="Công dân xin rút để bổ sung sau")
    lifecycle.transition(svc, officer, b, S.STOPPED, reason="Hồ sơ giả mạo giấy tờ")
    assert "Công dân xin rút để bổ sung sau" in text_of(documents.print_form(svc, officer, "withdrawal", a).pdf)
    assert "Hồ sơ giả mạo giấy tờ" in text_of(documents.print_form(svc, officer, "stop", b).pdf)


def test_not_accepted_slips_by_number(svc, officer):
    req = intake_request(pick_procedure(svc, days=5))
    slip = not_accepted.decline_intake(svc, officer, req, kind="refusal", reason="Không thuộc thẩm quyền giải quyết")
    text = text_of(documents.print_form(svc, officer, "03", slip.number).pdf)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and "Không thuộc thẩm quyền giải quyết" in text
    assert slip.number in text
    with pytest.raises(DomainError):
        documents.print_form(svc, officer, "02", slip.number)  # a refusal is not a request to complete


def test_the_form_set_in_force_on_the_receipt_date(svc, officer, clock):
    clock.set(datetime(2025, 6, 30, 9, 0, tzinfo=LOCAL_TZ).astimezone(UTC))
    old = _receive(svc, officer)
    clock.set(datetime(2025, 7, 1, 9, 0, tzinfo=LOCAL_TZ).astimezone(UTC))
    new = _receive(svc, officer)
    assert intake.get_dossier(svc, old).form_set == "tt01_2018"
    assert intake.get_dossier(svc, new).form_set == "tt03_2025"
    clock.set(datetime(2025, 7, 2, 9, 0, tzinfo=LOCAL_TZ).astimezone(UTC))
    for code in (old, new):
        lifecycle.apologise(svc, officer, code, reason="Chậm", new_due=datetime(2025, 8, 1, 16, tzinfo=LOCAL_TZ))
    old_text = text_of(documents.print_form(svc, officer, "04", old).pdf)
    new_text = text_of(documents.print_form(svc, officer, "04", new).pdf)
    assert "01/2018/TT-VPCP" in old_text and "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in old_text
    assert "03/2025/TT-VPCP" in new_text and "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN" in new_text
    assert "03/2025/TT-VPCP" in text_of(documents.print_receipt(svc, officer, new).pdf)
    # when in doubt the site chooses: everything received from now on uses the 2018 set
    with svc.transaction() as s:
        site = s.execute(sa.select(Site)).scalar_one()
        site.settings = {**(site.settings or {}), "form_set": "tt01_2018"}
    assert intake.get_dossier(svc, _receive(svc, officer)).form_set == "tt01_2018"


def test_register_xlsx_and_its_limit(svc, officer, monkeypatch):
    codes = [_receive(svc, officer, note=f"hồ sơ {i}") for i in range(3)]
    printed = documents.export_register(svc, officer, date(2026, 11, 1), date(2026, 11, 30), "xlsx")
    assert printed.path.suffix == ".xlsx"
    sheet = load_workbook(io.BytesIO(printed.pdf)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert all(code in values for code in codes)
    empty = documents.export_register(svc, officer, date(2026, 10, 1), date(2026, 10, 31), "xlsx")
    assert not any(c in [x.value for r in load_workbook(io.BytesIO(empty.pdf)).active.iter_rows() for x in r]
                   for c in codes)
    monkeypatch.setitem(documents.REGISTER_LIMITS, "pdf", 2)
    with pytest.raises(DomainError) as err:
        documents.export_register(svc, officer, date(2026, 11, 1), date(2026, 11, 30), "pdf")
    assert err.value.code == "register_too_large"
    with svc.reading() as s:
        entry = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "export.register")
                          .order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
    assert entry.details["personal_data"] is True and entry.details["kind"] == "register_xlsx"
    with pytest.raises(DomainError):
        documents.export_register(svc, officer, date(2026, 11, 30), date(2026, 11, 1) - timedelta(days=1), "pdf")
