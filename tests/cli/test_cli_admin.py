"""`counter-app admin users …`: the administration's headless commands, signed in, through the
same services as the window (subprocesses against SQLite and PostgreSQL)."""

from __future__ import annotations

import json

from tests.cli.conftest import run, run_as


def test_admin_users_add_list_reset_unlock_and_refusals(demo_db, tmp_path):
    r = run_as(demo_db, tmp_path, "admin", "admin", "users", "add", "canbo7", "--full-name", "Đỗ Thị Giang",
               "--role", "officer", "--counter", "2", "--json")
    assert r.returncode == 0, r.stderr
    added = json.loads(r.stdout)
    assert added["user"]["username"] == "canbo7" and added["user"]["assigned_counter"] == 2
    assert "password_hash" not in r.stdout and len(added["temporary_password"]) >= 10

    r = run_as(demo_db, tmp_path, "admin", "admin", "users", "list", "--json")
    users = {u["username"]: u for u in json.loads(r.stdout)}
    assert users["canbo7"]["must_change_password"] and "argon2" not in r.stdout

    r = run_as(demo_db, tmp_path, "admin", "admin", "users", "add", "có dấu", "--full-name", "", "--role", "officer")
    assert r.returncode == 2 and "username" in r.stderr and "full_name" in r.stderr

    r = run_as(demo_db, tmp_path, "admin", "admin", "users", "reset-password", "canbo2")
    assert r.returncode == 0 and "canbo2: " in r.stdout, r.stderr
    temporary = r.stdout.split("temporary password ")[1].split()[0]
    r = run_as(demo_db, tmp_path, "canbo2", "dossier", "search", "x", password=demo_db.accounts["canbo2"])
    assert r.returncode != 0  # the old password no longer works

    r = run_as(demo_db, tmp_path, "admin", "admin", "users", "unlock", "canbo2")
    assert r.returncode == 0 and "not locked" in r.stdout, r.stderr
    r = run_as(demo_db, tmp_path, "admin", "admin", "users", "deactivate", "admin")
    assert r.returncode == 2 and "chính mình" in r.stderr

    r = run_as(demo_db, tmp_path, "giamsat", "admin", "users", "list")
    assert r.returncode == 2 and "quản trị" in r.stderr
    r = run(demo_db, tmp_path, "admin", "users", "list")  # nobody signed in, no terminal
    assert r.returncode == 2
    assert temporary
