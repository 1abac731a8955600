"""Shared receipt data for printing tests."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from counter_app.printing import PersonBlock, ReceiptData, ReceiptDocumentRow

CODE = "000.00.06.H56-261126-0361"


def build_receipt(**overrides: object) -> ReceiptData:
    fields: dict[str, object] = dict(
        issuing_body="UBND TỈNH QUẢNG NAM",
        centre_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        place_name="Tam Kỳ",
        centre_address="Số 02 Trần Hưng Đạo, phường Tân Thạnh, thành phố Tam Kỳ, tỉnh Quảng Nam",
        hotline="0235 3 812 345",
        dossier_code=CODE,
        receiving_unit="Bộ phận tiếp nhận và trả kết quả - Trung tâm Phục vụ hành chính công tỉnh",
        owner=PersonBlock(
            full_name="Nguyễn Thị Ấn",
            id_number="049186001234",
            birth_date=date(1986, 3, 14),
            phone="0905 123 456",
            email="an.nguyen@example.vn",
            address="Số 15 Phan Chu Trinh, phường An Mỹ, thành phố Tam Kỳ, tỉnh Quảng Nam",
        ),
        submitter=None,
        procedure_code="1.000948.H38",
        procedure_name="Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
        documents=(
            ReceiptDocumentRow("Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", "Bản chính", 1),
            ReceiptDocumentRow("Căn cước công dân của chủ hộ kinh doanh", "Bản sao", 1),
            ReceiptDocumentRow("Giấy chứng nhận đăng ký hộ kinh doanh đã cấp", "Bản photo", 1),
        ),
        sets=1,
        processing_days=3,
        counting_label="ngày làm việc",
        # 02:05 UTC = 09:05 in Vietnam (UTC+7): printing must convert
        received_at=datetime(2026, 11, 26, 2, 5, tzinfo=timezone.utc),
        due_at=datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc),  # 16:30 local
        return_place="Bộ phận tiếp nhận và trả kết quả - Trung tâm Phục vụ hành chính công tỉnh",
        register_book="03/2026",
        register_seq=1427,
        officer_name="Trần Văn Bình",
        fee_text="50.000 đồng (đã nộp tiền mặt)",
    )
    fields.update(overrides)
    return ReceiptData(**fields)  # type: ignore[arg-type]


@pytest.fixture
def make_receipt():
    """Factory: make_receipt(**overrides) -> ReceiptData (a realistic form-01 input)."""
    return build_receipt


@pytest.fixture
def receipt_data() -> ReceiptData:
    return build_receipt()
