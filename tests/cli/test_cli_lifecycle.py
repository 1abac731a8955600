"""The lifecycle commands as a script runs them: transition, handover, search, forms, register."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook
from pypdf import PdfReader

from tests.cli.conftest import officer
from tests.cli.test_cli import a_procedure

OWNER_ID = "079301000123"


def _receive(db, tmp_path, name="Trần Thị Bích Ngọc", id_number=OWNER_ID) -> str:
    proc = a_procedure(db, tmp_path)
    r = officer(db, tmp_path, "dossier", "receive", "--procedure", proc["code"], "--owner-name", name,
            "--id-number", id_number, "--phone", "0912345678", "--address", "12 Lê Lợi, Đà Nẵng", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["code"]


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_transitions_handover_and_forms(demo_db, tmp_path):
    code = _receive(demo_db, tmp_path)
    r = officer(demo_db, tmp_path, "dossier", "transition", code, "--to", "4", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["status_code"] == 4
    r = officer(demo_db, tmp_path, "dossier", "transition", code, "--to", "5", "--reason", "Thiếu giấy tờ",
            "--missing", "Bản sao Giấy khai sinh|certified_copy|1", "--json")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "f02.pdf"
    assert officer(demo_db, tmp_path, "print", "form", "02", code, "--out", str(out)).returncode == 0
    text = _text(out)
    assert code in text and "Bản sao Giấy khai sinh" in text and "Thiếu giấy tờ" in text
    assert officer(demo_db, tmp_path, "dossier", "transition", code, "--to", "4").returncode == 0
    r = officer(demo_db, tmp_path, "dossier", "transition", code, "--to", "4", "--reason", "Cần xác minh thêm",
            "--new-due", "2027-01-15T16:00", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["due_at"] == "2027-01-15T16:00:00+07:00" and d["original_due_at"] != d["due_at"]
    out = tmp_path / "f04.pdf"
    assert officer(demo_db, tmp_path, "print", "form", "04", code, "--out", str(out)).returncode == 0
    assert "15/01/2027" in _text(out) and code in _text(out)
    assert officer(demo_db, tmp_path, "dossier", "transition", code, "--to", "9").returncode == 0

    # handing over to an authorised person without a letter: refused, nothing written
    r = officer(demo_db, tmp_path, "dossier", "handover", code, "--collector-name", "Lê Văn Tám",
            "--collector-id", "001099000111", "--json")
    assert r.returncode == 2 and "ủy quyền" in r.stderr
    r = officer(demo_db, tmp_path, "dossier", "handover", code, "--collector-name", "Trần Thị Bích Ngọc",
            "--collector-id", OWNER_ID, "--rating", "3", "--fees", "50000", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["status_code"] == 10 and d["handover"]["collector_kind"] == "owner"
    assert d["handover"]["collector_id_number"] != OWNER_ID  # masked on screen
    r = officer(demo_db, tmp_path, "dossier", "handover", code, "--collector-name", "Trần Thị Bích Ngọc",
            "--collector-id", OWNER_ID)
    assert r.returncode == 2 and "đã được trả" in r.stderr
    history = json.loads(officer(demo_db, tmp_path, "dossier", "history", code, "--json").stdout)
    assert [(e["from"], e["to"]) for e in history if e["kind"] == "transition"] == [
        (2, 4), (4, 5), (5, 4), (4, 9), (9, 10)]
    assert any(e["kind"] == "apology" for e in history)


def test_illegal_transition_exits_2_and_writes_nothing(demo_db, tmp_path):
    code = _receive(demo_db, tmp_path)
    r = officer(demo_db, tmp_path, "dossier", "transition", code, "--to", "10")
    assert r.returncode == 2 and "Đã trả kết quả" in r.stderr
    r = officer(demo_db, tmp_path, "dossier", "transition", code, "--to", "3")
    assert r.returncode == 2 and "Được tiếp nhận" in r.stderr and "Không được tiếp nhận" in r.stderr
    r = officer(demo_db, tmp_path, "dossier", "transition", code, "--to", "7")
    assert r.returncode == 2 and "lý do" in r.stderr
    r = officer(demo_db, tmp_path, "dossier", "transition", code, "--to", "abc")
    assert r.returncode == 2
    r = officer(demo_db, tmp_path, "dossier", "transition", code, "--to", "4", "--new-due", "tomorrow")
    assert r.returncode == 2 and "ISO-8601" in r.stderr
    history = json.loads(officer(demo_db, tmp_path, "dossier", "history", code, "--json").stdout)
    assert [e["kind"] for e in history] == ["received"]


def test_search_masks_and_finds_without_accents(demo_db, tmp_path):
    code = _receive(demo_db, tmp_path, name="Nguyễn Văn Ấn", id_number="001203012345")
    _receive(demo_db, tmp_path, name="Trần Văn Bình", id_number="001203012346")
    r = officer(demo_db, tmp_path, "dossier", "search", "nguyen van an", "--json")
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert [i["code"] for i in items] == [code]
    assert items[0]["owner_id_number"] != "001203012345" and "001203012345" not in r.stdout
    r = officer(demo_db, tmp_path, "dossier", "search", "x" * 300)
    assert r.returncode == 2


def test_decline_forward_register(demo_db, tmp_path):
    proc = a_procedure(demo_db, tmp_path)
    r = officer(demo_db, tmp_path, "dossier", "decline", "--form", "02", "--procedure", proc["code"],
            "--owner-name", "Phạm Thị Hoa", "--id-number", "049186001234",
            "--missing", "Tờ khai có chữ ký|original|1", "--reason", "Tờ khai chưa ký", "--json")
    assert r.returncode == 0, r.stderr
    number = json.loads(r.stdout)["number"]
    assert number.endswith("/PYCBS")
    out = tmp_path / "slip.pdf"
    assert officer(demo_db, tmp_path, "print", "form", "02", number, "--out", str(out)).returncode == 0
    assert "Tờ khai có chữ ký" in _text(out) and "Phạm Thị Hoa" in _text(out)
    r = officer(demo_db, tmp_path, "dossier", "decline", "--form", "03", "--procedure", proc["code"],
            "--owner-name", "Phạm Thị Hoa", "--id-number", "049186001234")
    assert r.returncode == 2  # a refusal needs its reason

    codes = [_receive(demo_db, tmp_path, id_number=f"07930100012{i}") for i in range(2)]
    listing = tmp_path / "list.pdf"
    r = officer(demo_db, tmp_path, "dossier", "forward", *codes, "--agency", "Sở Tư pháp", "--receiver", "Lê Văn C",
            "--out", str(listing), "--json")
    assert r.returncode == 0, r.stderr
    assert all(c in _text(listing).replace("\n", "") for c in codes)  # narrow cells break codes after a hyphen
    out = tmp_path / "f05.pdf"
    assert officer(demo_db, tmp_path, "print", "form", "05", codes[0], "--out", str(out)).returncode == 0
    assert "Sở Tư pháp" in _text(out)
    r = officer(demo_db, tmp_path, "dossier", "forward", codes[0], "--agency", "Sở Tư pháp")
    assert r.returncode == 2  # already forwarded

    xlsx = tmp_path / "so.xlsx"
    r = officer(demo_db, tmp_path, "print", "register", "--from", "2020-01-01", "--to", "2030-12-31", "--out", str(xlsx))
    assert r.returncode == 0, r.stderr
    sheet = load_workbook(io.BytesIO(xlsx.read_bytes())).active
    values = {str(c.value) for row in sheet.iter_rows() for c in row}
    assert set(codes) <= values
    pdf = tmp_path / "so.pdf"
    assert officer(demo_db, tmp_path, "print", "register", "--from", "2020-01-01", "--to", "2030-12-31",
               "--out", str(pdf)).returncode == 0
    assert codes[0] in _text(pdf).replace("\n", "")
    r = officer(demo_db, tmp_path, "print", "register", "--from", "2026-12-01", "--to", "2026-01-01", "--out", str(pdf))
    assert r.returncode == 2
    r = officer(demo_db, tmp_path, "print", "register", "--from", "2026-01-01", "--to", "2026-12-01", "--out", "x.doc")
    assert r.returncode == 2
