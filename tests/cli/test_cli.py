"""The headless commands, run as a script would run them (a real subprocess)."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from tests.cli.conftest import officer, run, run_as


def a_procedure(db_url, tmp_path, days=5):
    procs = json.loads(run(db_url, tmp_path, "catalog", "list", "--json").stdout)
    return next(p for p in procs if p["processing_days"] == days and p["counting"] == "working_days" and not p["retired"])


def test_catalog_list_json(demo_db, tmp_path):
    r = run(demo_db, tmp_path, "catalog", "list", "--json")
    assert r.returncode == 0, r.stderr
    procs = json.loads(r.stdout)
    assert len(procs) >= 40
    for p in procs:
        assert {"code", "name", "field", "processing_days", "counting", "retired"} <= set(p)
        assert p["counting"] in ("working_days", "calendar_days")
    assert any(p["name"] == "Đăng ký khai sinh" for p in procs)


def test_receive_show_and_print(demo_db, tmp_path):
    proc = a_procedure(demo_db, tmp_path)
    r = officer(demo_db, tmp_path, "dossier", "receive", "--procedure", proc["code"], "--owner-name", "Trần Thị Bích Ngọc",
            "--id-number", "079301000123", "--phone", "0912 345 678", "--birth-date", "2001-05-04", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["code"].startswith("000.00.06.H56-") and d["code"].endswith("-0001")
    assert d["status"] == "received" and d["status_code"] == 2
    assert d["received_at"].endswith("+07:00") and d["due_at"].endswith("+07:00")
    shown = json.loads(officer(demo_db, tmp_path, "dossier", "show", d["code"], "--json").stdout)
    assert shown["owner"]["full_name"] == "Trần Thị Bích Ngọc"
    assert shown["owner"]["id_number"] != "079301000123"  # masked
    out = tmp_path / "receipt.pdf"
    r = officer(demo_db, tmp_path, "print", "receipt", d["code"], "--out", str(out))
    assert r.returncode == 0, r.stderr
    text = PdfReader(out).pages[0].extract_text()
    assert d["code"] in text and "Trần Thị Bích Ngọc" in text


def test_paper_receipt_entered_late(demo_db, tmp_path):
    proc = a_procedure(demo_db, tmp_path)
    r = officer(demo_db, tmp_path, "dossier", "receive", "--procedure", proc["code"], "--owner-name", "Lê Văn Tám",
            "--id-number", "001090000001", "--received-at", "2026-01-05T08:15:00+07:00", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["code"].split("-")[1] == "260105"
    assert d["received_at"] == "2026-01-05T08:15:00+07:00" and d["late_entry"] is True


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--id-number", "12345"], "12"),
        (["--id-number", "001301012345", "--phone", "0123"], "điện thoại"),
        (["--id-number", "001301012345", "--birth-date", "1985-13-40"], "YYYY-MM-DD"),
        (["--id-number", "001301012345", "--received-at", "yesterday"], "ISO-8601"),
    ],
)
def test_invalid_input_exits_2_with_a_reason_and_writes_nothing(demo_db, tmp_path, args, needle):
    proc = a_procedure(demo_db, tmp_path)
    r = officer(demo_db, tmp_path, "dossier", "receive", "--procedure", proc["code"], "--owner-name", "Nguyễn Văn A", *args)
    assert r.returncode == 2
    assert needle in r.stderr
    ok = officer(demo_db, tmp_path, "dossier", "receive", "--procedure", proc["code"], "--owner-name", "Nguyễn Văn A",
             "--id-number", "001301012345", "--json")
    assert json.loads(ok.stdout)["code"].endswith("-0001")  # the refused attempt used no number


def test_empty_name_and_unknown_procedure(demo_db, tmp_path):
    r = officer(demo_db, tmp_path, "dossier", "receive", "--procedure", "1.000000.H00", "--owner-name", " ",
            "--id-number", "001301012345")
    assert r.returncode == 2
    assert "owner.full_name" in r.stderr and "procedure" in r.stderr


def test_db_status_and_unknown_dossier(demo_db, tmp_path):
    r = run(demo_db, tmp_path, "db", "status", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["up_to_date"] is True
    r = officer(demo_db, tmp_path, "dossier", "show", "000.00.06.H56-261126-9999")
    assert r.returncode == 2 and r.stderr.strip()


def test_catalog_import_updates_and_rejects_bad_files(demo_db, tmp_path):
    from counter_app.resources import resource_path

    data = json.loads(resource_path("catalog", "procedures.json").read_text(encoding="utf-8"))
    data["version"] = "2026.12"
    data["procedures"][0]["processing_days"] = data["procedures"][0]["processing_days"] + 1
    f = tmp_path / "new.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = run_as(demo_db, tmp_path, "admin", "catalog", "import", str(f), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["updated"] == 1
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe{not json")
    r = run_as(demo_db, tmp_path, "admin", "catalog", "import", str(bad))
    assert r.returncode == 2 and r.stderr.strip()
    r = run_as(demo_db, tmp_path, "admin", "catalog", "import", str(tmp_path / "missing.json"))
    assert r.returncode == 2 and "missing.json" in r.stderr
