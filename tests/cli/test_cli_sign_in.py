"""The command line signs in like the windows do: application commands act as a real user with
that user's role; operator commands (init, db, sync) need no sign-in. Real subprocesses, both
backends."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from datetime import datetime

import pytest
import sqlalchemy as sa

from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.errors import DomainError
from counter_app.services import authz
from counter_app.services.context import Actor
from counter_app.store.engine import make_engine
from tests.cli.conftest import cli_env, officer, run, run_as
from tests.cli.test_cli import a_procedure

SIGN_IN_NEEDED = "counter-app: Cần đăng nhập: --user TÊN và mật khẩu (biến COUNTER_APP_PASSWORD)"
WRONG_PASSWORD = "counter-app: Tên đăng nhập hoặc mật khẩu không đúng."


def _rows(db) -> dict[str, int]:
    engine = make_engine(db)
    try:
        with engine.connect() as c:
            return {t: c.execute(sa.text(f"select count(*) from {t}")).scalar_one()
                    for t in ("dossier", "ticket", "audit_entry", "field")}
    finally:
        engine.dispose()


def _refusal(role: str, action: str) -> str:
    """What the services answer when a user of this role asks for this action."""
    with pytest.raises(DomainError) as refused:
        authz.require(Actor(None, f"a-{role}", "", role), action)
    assert refused.value.code == "role_forbidden"
    return f"counter-app: {refused.value.message('vi')}\n"


def _intake(proc, name="Trần Thị Bích Ngọc") -> tuple[str, ...]:
    return ("dossier", "receive", "--procedure", proc["code"], "--owner-name", name,
            "--id-number", "079301000123", "--json")


def _today() -> str:
    return datetime.now(LOCAL_TZ).date().isoformat()


def test_without_credentials_an_application_command_exits_2_and_writes_nothing(demo_db, tmp_path):
    proc = a_procedure(demo_db, tmp_path)
    before = _rows(demo_db)
    for args in (
        (*_intake(proc), "--counter", "1"),
        ("queue", "call", "--counter", "1"),
        ("report", "06a", "--from", _today(), "--to", _today(), "--json"),
        ("fields", "set", "ho_tich", "--open", "no"),
    ):
        r = run(demo_db, tmp_path, *args)
        assert (r.returncode, r.stdout) == (2, ""), (args, r.stderr)
        assert r.stderr.startswith(SIGN_IN_NEEDED), (args, r.stderr)
        assert "Traceback" not in r.stderr
    # a user without a password (and no terminal to type it at) is no better
    r = run(demo_db, tmp_path, *_intake(proc), "--counter", "1", env={"COUNTER_APP_USER": "canbo1"})
    assert r.returncode == 2 and r.stderr.startswith(SIGN_IN_NEEDED)
    assert _rows(demo_db) == before  # not even a sign-in on the record

    # operator commands run as the operator of the database, no sign-in
    r = run(demo_db, tmp_path, "db", "status", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["up_to_date"] is True
    r = run(demo_db, tmp_path, "sync", "status")
    assert r.returncode == 0, r.stderr


def test_a_wrong_password_or_an_unknown_user_is_refused(demo_db, tmp_path):
    proc = a_procedure(demo_db, tmp_path)
    r = run_as(demo_db, tmp_path, "canbo1", *_intake(proc), "--counter", "1", password=demo_db.accounts["canbo2"])
    assert r.returncode == 2 and r.stderr == WRONG_PASSWORD + "\n"
    r = run_as(demo_db, tmp_path, "khong_co_ai", *_intake(proc), password="Bat-ky-2026")
    assert r.returncode == 2 and r.stderr == WRONG_PASSWORD + "\n"  # the same words: no user probing
    assert _rows(demo_db)["dossier"] == 0


def test_an_officer_receives_a_dossier_but_may_not_change_the_kiosk_fields(demo_db, tmp_path):
    proc = a_procedure(demo_db, tmp_path)
    r = officer(demo_db, tmp_path, *_intake(proc))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["received_by"] == "Nguyễn Văn An"  # canbo1, by name on the record

    before = _rows(demo_db)
    r = officer(demo_db, tmp_path, "fields", "set", "ho_tich", "--open", "no")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == _refusal("officer", "admin.fields")
    after = _rows(demo_db)
    assert after["field"] == before["field"] and after["dossier"] == before["dossier"]
    assert after["audit_entry"] == before["audit_entry"] + 1  # only the officer's sign-in
    assert all(f["open"] for f in json.loads(run(demo_db, tmp_path, "fields", "list", "--json").stdout))


def test_reports_are_for_the_supervisor_not_the_officer(demo_db, tmp_path):
    day = _today()
    r = run_as(demo_db, tmp_path, "giamsat", "report", "06a", "--from", day, "--to", day, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["total"]["received"] == 0

    r = officer(demo_db, tmp_path, "report", "06a", "--from", day, "--to", day, "--json")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == _refusal("officer", "report.06a")
    out = tmp_path / "ky.pdf"
    r = officer(demo_db, tmp_path, "report", "period", "--from", day, "--to", day, "--out", str(out))
    assert r.returncode == 2 and r.stderr.startswith(_refusal("officer", "report.period")[:40])
    assert not out.exists()


def test_counter_app_password_changes_the_password(demo_db, tmp_path):
    old, new = demo_db.accounts["canbo2"], "Quay-hai-2026"
    r = run(demo_db, tmp_path, "password", env={"COUNTER_APP_USER": "canbo2", "COUNTER_APP_PASSWORD": old})
    assert r.returncode == 2 and "COUNTER_APP_NEW_PASSWORD" in r.stderr  # no terminal to ask for the new one
    r = run(demo_db, tmp_path, "password", "--user", "canbo2",
            env={"COUNTER_APP_PASSWORD": "sai-mat-khau-9", "COUNTER_APP_NEW_PASSWORD": new})
    assert r.returncode == 2 and "Mật khẩu hiện tại không đúng" in r.stderr

    r = run(demo_db, tmp_path, "password", "--user", "canbo2",
            env={"COUNTER_APP_PASSWORD": old, "COUNTER_APP_NEW_PASSWORD": new})
    assert r.returncode == 0, r.stderr
    assert "Đã đổi mật khẩu của canbo2" in r.stdout

    r = run_as(demo_db, tmp_path, "canbo2", "queue", "status", "--json", password=old)
    assert r.returncode == 2 and r.stderr == WRONG_PASSWORD + "\n"
    r = run_as(demo_db, tmp_path, "canbo2", "queue", "status", "--json", password=new)
    assert r.returncode == 0, r.stderr


def test_init_shows_the_first_password_once_and_it_must_be_changed(db_url, tmp_path):
    r = run(db_url, tmp_path, "init", "--agency-code", "000.00.06.H56", "--centre-name", "Trung tâm thử",
            "--place-name", "Tam Kỳ", "--issuing-body", "UBND TỈNH QUẢNG NAM", "--counters", "2")
    assert r.returncode == 0, r.stderr
    password = re.search(r"^Administrator: admin / (\S+) ", r.stdout, re.MULTILINE).group(1)
    assert "counter-app password --user admin" in r.stdout
    again = run(db_url, tmp_path, "init", "--agency-code", "000.00.06.H56", "--centre-name", "Trung tâm thử",
                "--place-name", "Tam Kỳ")
    assert again.returncode == 0 and password not in again.stdout  # shown once

    field = json.loads(run(db_url, tmp_path, "fields", "list", "--json").stdout)[0]["code"]
    r = run_as(db_url, tmp_path, "admin", "fields", "set", field, "--open", "no", password=password)
    assert r.returncode == 2
    assert r.stderr == f"counter-app: {DomainError('cli_password_change_required', username='admin').message('vi')}\n"
    assert "counter-app password --user admin" in r.stderr
    assert all(f["open"] for f in json.loads(run(db_url, tmp_path, "fields", "list", "--json").stdout))

    r = run(db_url, tmp_path, "password", "--user", "admin",
            env={"COUNTER_APP_PASSWORD": password, "COUNTER_APP_NEW_PASSWORD": "Quan-tri-2026"})
    assert r.returncode == 0, r.stderr
    r = run_as(db_url, tmp_path, "admin", "fields", "set", field, "--open", "no", password="Quan-tri-2026")
    assert r.returncode == 0, r.stderr
    assert not next(f for f in json.loads(run(db_url, tmp_path, "fields", "list", "--json").stdout)
                    if f["code"] == field)["open"]


def _at_a_terminal(db, tmp_path, answers: list[str], *args: str) -> subprocess.CompletedProcess:
    """counter-app ARGS with a pseudo-terminal as its terminal: type each answer at each password prompt."""
    import fcntl
    import pty
    import termios

    master, slave = pty.openpty()

    def take_the_terminal():
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen([sys.executable, "-m", "counter_app", *args, "--database", db], stdin=slave,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(tmp_path),
                            preexec_fn=take_the_terminal)
    os.close(slave)
    shown = b""
    try:
        for n, answer in enumerate(answers, 1):
            deadline = time.monotonic() + 60
            while shown.count(b"password") < n:  # every prompt says "password" (after the Vietnamese)
                assert proc.poll() is None and time.monotonic() < deadline, shown
                shown += os.read(master, 1024)
            os.write(master, answer.encode() + b"\n")
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill() if proc.poll() is None else None
        os.close(master)
    assert "Mật khẩu" in shown.decode(errors="replace")  # asked in Vietnamese first
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode())


def test_at_a_terminal_the_password_is_asked_for(demo_db, tmp_path):
    r = _at_a_terminal(demo_db, tmp_path, [demo_db.accounts["canbo1"]], "queue", "status", "--json", "--user", "canbo1")
    assert r.returncode == 0, r.stderr
    assert "fields" in json.loads(r.stdout)  # the prompt went to the terminal, not into the JSON

    old, new = demo_db.accounts["canbo3"], "Quay-ba-2026"
    r = _at_a_terminal(demo_db, tmp_path, [old, new, "Quay-ba-2027"], "password", "--user", "canbo3")
    assert r.returncode == 2 and "không khớp" in r.stderr
    r = _at_a_terminal(demo_db, tmp_path, [old, new, new], "password", "--user", "canbo3")
    assert r.returncode == 0, r.stderr
    r = run_as(demo_db, tmp_path, "canbo3", "queue", "status", "--json", password=new)
    assert r.returncode == 0, r.stderr
