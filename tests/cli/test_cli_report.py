"""`counter-app report` and `counter-app targets` in a real subprocess, on both backends."""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.store.engine import make_engine
from tests.cli.conftest import officer, run_as
from tests.cli.test_cli import a_procedure


def supervisor(db, tmp_path, *args):
    return run_as(db, tmp_path, "giamsat", *args)


def _today() -> str:
    return datetime.now(LOCAL_TZ).date().isoformat()


def _receive(db, tmp_path, proc, name, id_number, *extra) -> str:
    r = officer(db, tmp_path, "dossier", "receive", "--procedure", proc["code"], "--owner-name", name,
            "--id-number", id_number, "--json", *extra)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["code"]


def _audit_actions(db) -> list[str]:
    engine = make_engine(db)
    try:
        with engine.connect() as c:
            return list(c.execute(sa.text("select action from audit_entry order by id")).scalars())
    finally:
        engine.dispose()


def test_reports_as_json_xlsx_and_pdf(demo_db, tmp_path):
    proc = a_procedure(demo_db, tmp_path)
    _receive(demo_db, tmp_path, proc, "Trần Thị Bích Ngọc", "079301000123", "--channel", "online")
    _receive(demo_db, tmp_path, proc, "Lê Văn Tám", "001090000001", "--digitised")
    _receive(demo_db, tmp_path, proc, "Phạm Văn Chín", "001090000002")
    day = _today()

    r = supervisor(demo_db, tmp_path, "report", "period", "--from", day, "--to", day, "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    total = report["report_06a"]["total"]
    assert (total["received_online"], total["received_direct"], total["received"]) == (1, 2, 3)
    assert total["in_progress"] == 3 and total["resolved"] == 0 and total["on_time_rate"] is None
    reform = {line["key"]: line for line in report["reform"]}
    assert (reform["online_share"]["numerator"], reform["online_share"]["denominator"]) == (1, 3)
    # Online counts as electronic; so does the dossier whose papers were scanned at the counter.
    assert (reform["electronic_share"]["numerator"], reform["electronic_share"]["denominator"]) == (2, 3)
    assert reform["electronic_iso"]["measured"] is False and reform["electronic_iso"]["actual"] is None

    xlsx = tmp_path / "bao-cao-07a.xlsx"
    r = supervisor(demo_db, tmp_path, "report", "07a", "--from", day, "--to", day, "--out", str(xlsx))
    assert r.returncode == 0, r.stderr
    sheet = load_workbook(xlsx).worksheets[0]
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert any("07a" in str(v) for row in values for v in row if v)
    total_row = next(row for row in values if row and row[0] in ("Tổng cộng", "Tổng số"))
    assert 3 in total_row  # received in total

    pdf = tmp_path / "bao-cao-06a.pdf"
    r = supervisor(demo_db, tmp_path, "report", "06a", "--from", day, "--to", day, "--out", str(pdf))
    assert r.returncode == 0, r.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "II.06a" in text and "BÁO CÁO" in text

    full = tmp_path / "ky.pdf"
    r = supervisor(demo_db, tmp_path, "report", "period", "--from", day, "--to", day, "--out", str(full), "--language", "en")
    assert r.returncode == 0, r.stderr
    assert len(PdfReader(full).pages) >= 3
    assert _audit_actions(demo_db).count("export.report") == 3  # every file written is on the record


def test_bad_report_requests_exit_2_and_write_nothing(demo_db, tmp_path):
    day = _today()
    cases = [
        (("report", "06a", "--from", day, "--to", day, "--out", str(tmp_path / "x.csv")), ".xlsx or .pdf"),
        (("report", "06a", "--from", "2026-12-31", "--to", "2026-01-01", "--out", str(tmp_path / "x.pdf")),
         "sau ngày kết thúc"),
        (("report", "06a", "--from", "2024-01-01", "--to", "2026-01-01", "--out", str(tmp_path / "x.pdf")),
         "quá dài"),
        (("report", "queue", "--from", "26/11/2026", "--to", day, "--out", str(tmp_path / "x.pdf")), "YYYY-MM-DD"),
        (("report", "queue", "--from", day, "--to", day, "--out", str(tmp_path / "missing" / "x.pdf")),
         "does not exist"),
        (("report", "queue", "--from", day, "--to", day), "--out"),
    ]
    for args, message in cases:
        r = supervisor(demo_db, tmp_path, *args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert message in r.stderr, (args, r.stderr)
    assert not list(tmp_path.glob("x.*"))
    assert "export.report" not in _audit_actions(demo_db)


def test_targets_shown_set_and_validated(demo_db, tmp_path):
    r = supervisor(demo_db, tmp_path, "targets")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["max_wait"] == 15 * 60  # the default: 15 minutes

    r = supervisor(demo_db, tmp_path, "targets", "--max-wait", "10", "--uncollected-days", "3")
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["max_wait"] == 600 and shown["uncollected_days"] == 3

    r = supervisor(demo_db, tmp_path, "targets", "--field", "ho_tich", "--max-service", "30")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["field_max_service"] == {"ho_tich": 1800}

    for bad in (("--max-wait", "0"), ("--max-service", "100000"), ("--uncollected-days", "-1"),
                ("--field", "khong_co", "--max-wait", "5")):
        r = supervisor(demo_db, tmp_path, "targets", *bad)
        assert r.returncode == 2, (bad, r.stderr)
        assert r.stderr.strip(), bad
    after = json.loads(supervisor(demo_db, tmp_path, "targets").stdout)
    assert after["max_wait"] == 600 and after["uncollected_days"] == 3 and after["field_max_wait"] == {}
    assert _audit_actions(demo_db).count("supervisor.targets") == 2
