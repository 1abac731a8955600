"""`counter-app db backup` / `db restore`: the real command in a subprocess, on both backends."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.cli.conftest import run, run_as
from tests.services.test_backup import table_rows


def _receive(db_url, tmp_path, name: str) -> str:
    r = run(db_url, tmp_path, "catalog", "list", "--json")
    code = json.loads(r.stdout)[0]["code"]
    r = run_as(db_url, tmp_path, "canbo1", "dossier", "receive", "--procedure", code, "--owner-name", name,
            "--id-number", "079301000123", "--phone", "0912 345 678", "--counter", "1", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["code"]


def _ext(db_url: str) -> str:
    return "sqlite3" if db_url.startswith("sqlite") else "pgdump"


def test_backup_then_restore_into_a_fresh_database_gives_the_same_centre(demo_db, empty_db_url, tmp_path):
    codes = [_receive(demo_db, tmp_path, name) for name in ("Trần Thị Bích Ngọc", "Lê Văn Tám")]
    out = tmp_path / "b" / f"backup.{_ext(demo_db)}"

    r = run(demo_db, tmp_path, "db", "backup", "--out", str(out))

    assert r.returncode == 0, r.stderr
    line = r.stdout.strip()
    assert "\n" not in line and str(out) in line and "rows" in line
    assert out.is_file() and out.with_name(out.name + ".manifest.json").is_file()

    r = run(empty_db_url, tmp_path, "db", "restore", str(out), "--json")

    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["path"] == str(out) and result["replaced_data"] is False
    assert result["row_counts"]["site"] == 1 and result["row_counts"]["app_user"] >= 5
    assert result["row_counts"]["dossier"] == 2
    assert table_rows(empty_db_url) == table_rows(demo_db)
    # the restored database has the same accounts, passwords included
    r = run_as(empty_db_url, tmp_path, "canbo1", "dossier", "show", codes[1], "--json", password=demo_db.accounts["canbo1"])
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["owner"]["full_name"] == "Lê Văn Tám"


def test_backup_json_describes_the_file(demo_db, tmp_path):
    out = tmp_path / f"backup.{_ext(demo_db)}"
    r = run(demo_db, tmp_path, "db", "backup", "--out", str(out), "--json")
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    manifest = json.loads(out.with_name(out.name + ".manifest.json").read_text(encoding="utf-8"))
    assert info["sha256"] == manifest["sha256"] and info["size"] == out.stat().st_size
    assert info["row_counts"] == manifest["row_counts"] and info["revision"] == manifest["alembic_revision"]


def test_restore_onto_a_centre_with_data_needs_force(demo_db, tmp_path):
    out = tmp_path / f"backup.{_ext(demo_db)}"
    assert run(demo_db, tmp_path, "db", "backup", "--out", str(out)).returncode == 0
    before = table_rows(demo_db)

    r = run(demo_db, tmp_path, "db", "restore", str(out))

    assert r.returncode == 2 and r.stdout == ""
    assert "--force" in r.stderr and "đang có dữ liệu" in r.stderr and "holds data" in r.stderr
    assert table_rows(demo_db) == before

    r = run(demo_db, tmp_path, "db", "restore", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert "restored" in r.stdout
    assert table_rows(demo_db) == before


def test_a_corrupted_backup_is_refused_with_a_reason(demo_db, empty_db_url, tmp_path):
    out = tmp_path / f"backup.{_ext(demo_db)}"
    assert run(demo_db, tmp_path, "db", "backup", "--out", str(out)).returncode == 0
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x01
    out.write_bytes(bytes(data))

    r = run(empty_db_url, tmp_path, "db", "restore", str(out), "--force")

    assert r.returncode == 2
    assert "bị hỏng hoặc không đầy đủ" in r.stderr and "SHA-256" in r.stderr
    assert "damaged or incomplete" in r.stderr


@pytest.mark.parametrize("args, reason", [
    (["db", "backup"], "exactly one of --out FILE or --scheduled"),
    (["db", "backup", "--out", "X", "--scheduled"], "exactly one of --out FILE or --scheduled"),
    (["db", "backup", "--out", "X", "--keep", "3"], "--dir and --keep go with --scheduled"),
    (["db", "backup", "--scheduled", "--keep", "0"], "--keep must be at least 1"),
    (["db", "restore", "no-such-file.sqlite3"], "Không tìm thấy tệp sao lưu"),
])
def test_bad_input_exits_2_with_the_reason(db_url, tmp_path, args, reason):
    r = run(db_url, tmp_path, *args)
    assert r.returncode == 2
    assert reason in r.stderr
    assert not (tmp_path / "X").exists()


def test_scheduled_backup_once_a_day_keeping_n(demo_db, tmp_path):
    folder = tmp_path / "daily"
    r = run(demo_db, tmp_path, "db", "backup", "--scheduled", "--dir", str(folder), "--keep", "2", "--json")
    assert r.returncode == 0, r.stderr
    first = json.loads(r.stdout)
    made = first["created"]["path"]
    assert first["existing"] is None and made.startswith(str(folder / "counter_app-"))

    r = run(demo_db, tmp_path, "db", "backup", "--scheduled", "--dir", str(folder), "--keep", "2")
    assert r.returncode == 0, r.stderr
    assert "today's backup exists" in r.stdout and made in r.stdout
    assert sorted(p.name for p in folder.iterdir()) == sorted([made.rsplit("/", 1)[-1],
                                                              made.rsplit("/", 1)[-1] + ".manifest.json"])


def test_scheduled_backup_defaults_to_the_configured_folder(demo_db, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[backup]\ndir = "{(tmp_path / "from-config").as_posix()}"\nkeep = 3\n', encoding="utf-8")
    env = {**os.environ, "COUNTER_APP_DATA_DIR": str(tmp_path / "data"), "COUNTER_APP_CONFIG": str(config)}
    env.pop("COUNTER_APP_BACKUP_DIR", None)
    env.pop("COUNTER_APP_BACKUP_KEEP", None)
    r = subprocess.run([sys.executable, "-m", "counter_app", "db", "backup", "--scheduled", "--database", demo_db],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert len(list((tmp_path / "from-config").glob("counter_app-*.manifest.json"))) == 1


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_pg_dump_missing_says_what_to_install(demo_db, tmp_path, monkeypatch, backend):
    (tmp_path / "empty-bin").mkdir()
    monkeypatch.setenv("COUNTER_APP_PG_BINDIR", str(tmp_path / "empty-bin"))
    out = tmp_path / "site.pgdump"

    r = run(demo_db, tmp_path, "db", "backup", "--out", str(out))

    assert r.returncode == 2
    assert "Không tìm thấy chương trình pg_dump" in r.stderr and "postgresql-client-" in r.stderr
    assert "was not found" in r.stderr and "COUNTER_APP_PG_BINDIR" in r.stderr
    assert not out.exists()
