"""Small helpers shared by tests (no fixtures here)."""

from __future__ import annotations

from counter_app.domain.calendar import Counting
from counter_app.domain.intake import DocumentLine, IntakeRequest, Person


def pick_procedure(svc, *, days: int | None = None, counting: Counting = Counting.WORKING_DAYS, retired: bool = False):
    from counter_app.services import catalog

    for p in catalog.list_procedures(svc, include_retired=True):
        if p.retired == retired and p.counting is counting and (days is None or p.processing_days == days):
            return p
    raise LookupError(f"no procedure with days={days} counting={counting} retired={retired} in the shipped catalog")


def intake_request(procedure, **owner_overrides) -> IntakeRequest:
    owner = dict(full_name="Nguyễn Thị Ấn", id_number="001301012345", phone="0912345678",
                 address="12 Lê Lợi, phường Hải Châu, TP Đà Nẵng")
    owner.update(owner_overrides)
    docs = tuple(DocumentLine(name=d.name, form=d.form, count=d.count) for d in procedure.documents) or (
        DocumentLine(name="Tờ khai", count=1),
    )
    return IntakeRequest(procedure_code=procedure.code, owner=Person(**owner), documents=docs)


def _devices():
    from counter_app.services import authz

    return authz.device(authz.KIOSK, "test"), authz.device(authz.RATING, "test"), authz.operator("test")


# The actors of the unattended devices and of the database operator (services/authz.py).
KIOSK, RATING, SYSTEM = _devices()
