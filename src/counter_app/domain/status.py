"""Dossier statuses: the national portal's codes 1–10 (DOMAIN §2)."""

from __future__ import annotations

from enum import IntEnum

from counter_app.domain.messages import normalize_lang


class DossierStatus(IntEnum):
    REGISTERED_ONLINE = 1
    RECEIVED = 2
    REFUSED = 3
    PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    AWAITING_PAYMENT = 6
    WITHDRAWN = 7
    STOPPED = 8
    RESULT_READY = 9
    RETURNED = 10

    def label(self, lang: str = "vi") -> str:
        vi, en = _LABELS[self]
        return en if normalize_lang(lang) == "en" else vi


# Vietnamese labels are the national catalogue's wording; keep them verbatim.
_LABELS: dict[DossierStatus, tuple[str, str]] = {
    DossierStatus.REGISTERED_ONLINE: ("Mới đăng ký", "Registered online"),
    DossierStatus.RECEIVED: ("Được tiếp nhận", "Received"),
    DossierStatus.REFUSED: ("Không được tiếp nhận", "Refused"),
    DossierStatus.PROCESSING: ("Đang xử lý", "Processing"),
    DossierStatus.SUPPLEMENT_REQUESTED: ("Yêu cầu bổ sung giấy tờ", "Supplement requested"),
    DossierStatus.AWAITING_PAYMENT: ("Yêu cầu thực hiện nghĩa vụ tài chính", "Awaiting payment"),
    DossierStatus.WITHDRAWN: ("Công dân yêu cầu rút hồ sơ", "Withdrawn"),
    DossierStatus.STOPPED: ("Dừng xử lý", "Stopped"),
    DossierStatus.RESULT_READY: ("Đã xử lý xong", "Result ready"),
    DossierStatus.RETURNED: ("Đã trả kết quả", "Returned"),
}
