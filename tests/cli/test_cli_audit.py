"""`counter-app audit verify | list | export` in a real subprocess, on both backends."""

from __future__ import annotations

import json

import sqlalchemy as sa

from counter_app.store.engine import make_engine
from counter_app.store.models import AuditEntry

from .conftest import run, run_as


def tamper(db_url: str, stmt) -> None:
    engine = make_engine(db_url)
    with engine.begin() as c:
        c.execute(stmt)
    engine.dispose()


def test_verify_is_clean_then_names_each_tampered_entry(demo_db, tmp_path):
    assert run_as(demo_db, tmp_path, "giamsat", "audit", "list").returncode == 0  # a "login" entry more
    r = run(demo_db, tmp_path, "audit", "verify")  # an operator command: no sign-in
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Nhật ký toàn vẹn: đã kiểm tra 3 mục")
    assert "Đầu chuỗi / chain head: #3 SHA-256 " in r.stdout

    tamper(demo_db, sa.update(AuditEntry).where(AuditEntry.seq == 2).values(details={"sửa": True}))
    tamper(demo_db, sa.delete(AuditEntry).where(AuditEntry.seq == 3))
    r = run(demo_db, tmp_path, "audit", "verify")
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[:3] == [
        "Mục #2 đã bị sửa hoặc thay thế sau khi ghi: nội dung không còn khớp với chuỗi băm.",
        "Các mục cuối #3 đến #3 đã bị xóa: đầu chuỗi ghi nhận đến mục #3.",
        "Nhật ký đã bị can thiệp ngoài phần mềm: 2 vấn đề trên 2 mục đã kiểm tra.",
    ]
    r = run(demo_db, tmp_path, "audit", "verify", "--json")
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert not report["ok"] and report["head"]["seq"] == 3
    assert [(p["kind"], p["seq"]) for p in report["problems"]] == [("modified", 2), ("truncated", 3)]
    assert report["problems"][0]["message_en"].startswith("Entry #2 was edited or replaced")


def test_list_and_export_for_the_supervisor_only(demo_db, tmp_path):
    r = run_as(demo_db, tmp_path, "giamsat", "audit", "list", "--action", "site.", "--json")
    assert r.returncode == 0, r.stderr
    listed = json.loads(r.stdout)
    assert [e["action"] for e in listed["entries"]] == ["site.demo_accounts", "site.initialize"]
    assert listed["total"] == 2

    r = run_as(demo_db, tmp_path, "giamsat", "audit", "list", "--by-user", "giamsat")
    assert r.returncode == 0, r.stderr
    assert "giamsat" in r.stdout and " login " in r.stdout and "site.initialize" not in r.stdout

    out = tmp_path / "nhat_ky.csv"
    r = run_as(demo_db, tmp_path, "giamsat", "audit", "export", "--out", str(out), "--from", "2020-01-01")
    assert r.returncode == 0, r.stderr
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # Excel reads Vietnamese
    rows = text.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Số TT,Thời điểm,Người thao tác,Quầy,Thao tác")
    # initialize, demo accounts, and a sign-in of giamsat for each of the three commands
    assert len(rows) == 1 + 5 and [r.split(",")[2] for r in rows[3:]] == ["giamsat"] * 3
    assert rows[1].split(",")[4] == "site.initialize"

    r = run_as(demo_db, tmp_path, "canbo1", "audit", "list")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("counter-app: ")
    r = run_as(demo_db, tmp_path, "giamsat", "audit", "list", "--from", "2026-13-01")
    assert r.returncode == 2 and "--from" in r.stderr
    # the export is in the trail, and the trail is still intact
    r = run(demo_db, tmp_path, "audit", "verify", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["ok"]
    r = run_as(demo_db, tmp_path, "giamsat", "audit", "list", "--action", "audit.export", "--json")
    assert [e["details"]["rows"] for e in json.loads(r.stdout)["entries"]] == [5]
