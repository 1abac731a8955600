"""Personal data never reaches the log file (Decree 13/2023; DOMAIN §6).

The real handlers of counter_app.logsetup write a real file; the test reads it back.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from dataclasses import replace

import pytest
import sqlalchemy as sa

from counter_app import logsetup
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed

ID = "001301012345"
ID_MASKED = "001******345"
CMND = "123456789"
PHONE = "0912345678"
PHONE_MASKED = "091****678"
PHONE_INTL = "+84 912 345 678"
EMAIL = "an.nguyen@example.vn"
PASSPORT = "C7654321"
NAME = "Nguyễn Thị Ấn"
COLLECTOR = "Trần Văn Bình"


@pytest.fixture
def log_file(tmp_path):
    root = logging.getLogger()
    level = root.level
    path = logsetup.setup_logging(tmp_path / "data", level="DEBUG", console=False)
    yield path
    logsetup.remove_logging()
    root.setLevel(level)


def read(path) -> str:
    for h in logging.getLogger().handlers:
        h.flush()
    return path.read_text(encoding="utf-8")


def assert_clean(text: str) -> None:
    for secret in (ID, CMND, PHONE, "912 345 678", "912345678", EMAIL, PASSPORT, NAME, COLLECTOR):
        assert secret not in text, f"{secret!r} is in the log:\n{text}"


def test_log_file_in_the_data_dir_rotates_and_holds_masked_forms(log_file, tmp_path):
    assert log_file == tmp_path / "data" / "logs" / "counter-app.log"
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(log_file))
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 5)

    log = logging.getLogger("counter_app.ui.desk.intake_controller")
    log.warning("open slips of ID %s not looked up", ID)
    log.info("citizen phone %s / %s, mail %s, old card %s", PHONE, PHONE_INTL, EMAIL, CMND)
    log.info("request %r", {"full_name": NAME, "id_number": PASSPORT, "procedure_name": "Cấp phép xây dựng"})
    log.info("dossier 000.00.06.H56-261126-0001, ticket A012: saved")
    text = read(log_file)
    assert_clean(text)
    assert ID_MASKED in text and PHONE_MASKED in text and "a***@example.vn" in text
    assert "'full_name': '***'" in text and "C7****21" in text
    assert "Cấp phép xây dựng" in text  # a procedure is not a person
    assert "000.00.06.H56-261126-0001, ticket A012" in text  # codes and numbers stay readable


def test_exceptions_and_domain_errors_are_masked(log_file):
    log = logging.getLogger("counter_app.ui.desk.handover_controller")
    try:
        # a name is only recognised in a known field: free text naming a citizen is the caller's bug
        raise RuntimeError(f"lookup failed: full_name='{NAME}', id_number={ID}, phone={PHONE}, email={EMAIL}")
    except RuntimeError:
        log.exception("unexpected error")
    handed = DomainError("handover_already_returned", dossier_code="000.00.06.H56-261126-0001", at="09:30",
                         collector=COLLECTOR)
    assert COLLECTOR in str(handed)  # the officer sees the name; the log must not
    log.error("hand-over of %s refused: %s", "000.00.06.H56-261126-0001", handed)
    try:
        raise handed
    except DomainError:
        log.exception("hand-over failed")
    # the desk's own habit: the traceback formatted into the message
    bad = ValidationFailed([FieldError("owner.id_number", "id_number_invalid", {"value": ID})])
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(bad)))
    log.error("stack", stack_info=True, extra={"who": NAME})
    text = read(log_file)
    assert_clean(text)
    assert "RuntimeError" in text and "handover_already_returned" in text and ID_MASKED in text
    assert "000.00.06.H56-261126-0001" in text


def test_stderr_gets_masked_warnings(tmp_path, capfd):
    try:
        logsetup.setup_logging(tmp_path / "data", console=True)
        logging.getLogger("counter_app.test").warning("phone %s id %s", PHONE, ID)
        logging.getLogger("counter_app.test").info("info stays in the file only: %s", ID)
    finally:
        logsetup.remove_logging()
    err = capfd.readouterr().err
    assert PHONE_MASKED in err and ID_MASKED in err and PHONE not in err and ID not in err
    assert "info stays" not in err


def test_a_real_desk_flow_at_debug_leaves_no_personal_data(svc, officer, log_file):
    from counter_app.services import documents, handover, intake, lifecycle, search
    from counter_app.services.handover import Collector
    from counter_app.store.models import Dossier
    from tests.helpers import intake_request, pick_procedure

    log = logging.getLogger("counter_app.ui.desk")
    proc = pick_procedure(svc, days=5)
    d = intake.receive_dossier(svc, officer, replace(intake_request(proc), note=f"gọi {PHONE}"))
    intake.receive_dossier(svc, officer, intake_request(proc, email=EMAIL, phone=PHONE_INTL))
    documents.print_receipt(svc, officer, d.code)
    assert search.search_dossiers(svc, ID) and search.search_dossiers(svc, PHONE)
    lifecycle.transition(svc, officer, d.code, 4)
    lifecycle.transition(svc, officer, d.code, 9)
    handover.hand_over(svc, officer, d.code, collector=Collector("owner"))
    with pytest.raises(DomainError) as second:
        handover.hand_over(svc, officer, d.code, collector=Collector("owner"))
    assert NAME in str(second.value)
    log.error("hand-over of %s failed: %s", d.code, second.value)  # what handover_controller logs
    # an unexpected database error carries the row being saved in its text
    try:
        with svc.transaction() as s:
            row = s.execute(sa.select(Dossier).where(Dossier.code == d.code)).scalar_one()
            s.execute(sa.insert(Dossier.__table__).values(
                {c.name: getattr(row, c.key) for c in Dossier.__table__.columns if c.name != "id"}))
    except sa.exc.IntegrityError as exc:
        assert ID in str(exc) or NAME in str(exc)
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc)))
    else:
        pytest.fail("a duplicate dossier code was accepted")
    text = read(log_file)
    assert_clean(text)
    assert f"hand-over of {d.code} failed: handover_already_returned" in text
    assert "IntegrityError" in text and "[parameters: hidden]" in text
