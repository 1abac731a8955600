"""National dossier status codes 1–10 and their labels (DOMAIN §2)."""

from __future__ import annotations

import pytest

from counter_app.domain.status import DossierStatus

STATUS_CASES = [
    (1, "REGISTERED_ONLINE", "Mới đăng ký"),
    (2, "RECEIVED", "Được tiếp nhận"),
    (3, "REFUSED", "Không được tiếp nhận"),
    (4, "PROCESSING", "Đang xử lý"),
    (5, "SUPPLEMENT_REQUESTED", "Yêu cầu bổ sung giấy tờ"),
    (6, "AWAITING_PAYMENT", "Yêu cầu thực hiện nghĩa vụ tài chính"),
    (7, "WITHDRAWN", "Công dân yêu cầu rút hồ sơ"),
    (8, "STOPPED", "Dừng xử lý"),
    (9, "RESULT_READY", "Đã xử lý xong"),
    (10, "RETURNED", "Đã trả kết quả"),
]


@pytest.mark.parametrize(("value", "name", "label_vi"), STATUS_CASES)
def test_status_codes_and_labels(value, name, label_vi):
    status = DossierStatus(value)
    assert status.name == name
    assert status.label() == label_vi
    assert status.label("en") and status.label("en").isascii()


def test_exactly_the_ten_national_codes():
    assert [s.value for s in DossierStatus] == list(range(1, 11))
