"""Hostile command-line arguments: `counter-app dossier receive|search|show`.

In-process through cli.main(argv) (fast, hypothesis-generated argv), plus two real
subprocess runs (argv bytes that are not UTF-8 arrive as lone surrogates)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from counter_app import cli
from tests.fuzz.strategies import fuzz_settings, hostile, hostile_around, tried
from tests.fuzz.test_fuzz_services import counts
from tests.helpers import pick_procedure

CLI = 25  # examples per backend (times FUZZ_EXAMPLES_SCALE)


@pytest.fixture
def cli_env(monkeypatch, tmp_path, demo):
    """The CLI's environment, signed in as the demo officer canbo1 (the dossier commands sign in)."""
    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COUNTER_APP_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("COUNTER_APP_DATABASE_URL", raising=False)
    monkeypatch.delenv("COUNTER_APP_NEW_PASSWORD", raising=False)
    monkeypatch.setenv("COUNTER_APP_USER", "canbo1")
    monkeypatch.setenv("COUNTER_APP_PASSWORD", demo["canbo1"][0])


def written(svc) -> dict[str, int]:
    """Rows of the tables a command may write, not counting the sign-ins (each run signs in)."""
    rows = counts(svc)
    with svc.reading() as s:
        rows["audit_entry"] -= s.execute(sa.text("select count(*) from audit_entry where action = 'login'")).scalar_one()
    return rows


def run_main(argv, capsys) -> tuple[int, str]:
    try:
        rc = cli.main(argv)
    except SystemExit as exc:  # argparse refusing an argument: usage + reason, exit 2
        rc = exc.code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if rc != 0:
        assert rc == 2 and err.strip(), (rc, err)
    return rc, err


@fuzz_settings(CLI)
@given(data=st.data())
def test_dossier_receive_arguments(svc, demo, db_url, backend, cli_env, capsys, data):
    proc = pick_procedure(svc, days=5)
    values = {
        "--procedure": proc.code, "--owner-name": "Nguyễn Văn A", "--id-number": "001301012345",
        "--phone": "0912345678", "--birth-date": "2001-05-04", "--address": "12 Lê Lợi", "--note": "",
        "--document": "Tờ khai|original|1", "--received-at": "",
    }
    for key in data.draw(st.lists(st.sampled_from(sorted(values)), min_size=1, max_size=3, unique=True), label="keys"):
        values[key] = data.draw(hostile_around(values[key] or "2026-11-26T08:00+07:00"), label=key)
    tried("cli.dossier_receive", backend)
    argv = ["dossier", "receive", "--database", db_url, "--counter=1", *(f"{k}={v}" for k, v in values.items() if v),
            "--json"]
    before = written(svc)
    rc, err = run_main(argv, capsys)
    after = written(svc)
    if rc == 0:
        assert after["dossier"] == before["dossier"] + 1
    else:
        assert after == before, f"exit {rc} but rows were written: {err}"


@fuzz_settings(CLI)
@given(query=hostile, sub=st.sampled_from(["search", "show"]), extra=st.sampled_from(
    [[], ["--from=2026-01-01"], ["--field"], ["--status"], ["--procedure"]]), extra_value=hostile)
def test_dossier_search_and_show_arguments(svc, demo, db_url, backend, cli_env, capsys, query, sub, extra, extra_value):
    tried(f"cli.dossier_{sub}", backend)
    argv = ["dossier", sub, "--database", db_url, f"{query}" if not query.startswith("-") else f"-- {query}"]
    if sub == "search" and extra:
        argv[4:4] = [extra[0] if "=" in extra[0] else f"{extra[0]}={extra_value}"]
    before = written(svc)
    run_main(argv, capsys)
    assert written(svc) == before


def _subprocess(db_url, tmp_path, password, *args):
    env = {**os.environ, "COUNTER_APP_DATA_DIR": str(tmp_path / "data"), "COUNTER_APP_CONFIG": str(tmp_path / "x.toml"),
           "COUNTER_APP_USER": "canbo1", "COUNTER_APP_PASSWORD": password}
    env.pop("COUNTER_APP_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "counter_app", *args, b"--database", db_url.encode()],
                          capture_output=True, env=env, stdin=subprocess.DEVNULL, timeout=120)


def test_real_process_with_hostile_bytes(svc, demo, db_url, backend, tmp_path):
    """argv bytes that are not UTF-8, RTL overrides and SQL: exit 2 with a reason, no traceback."""
    proc = pick_procedure(svc, days=5)
    before = written(svc)
    for args in (
        [b"dossier", b"receive", b"--counter", b"1", b"--procedure", proc.code.encode(), b"--owner-name",
         "'); DROP TABLE dossier;-- \u202eAn".encode(), b"--id-number", b"001301\xff012345", b"--phone", b"09\xc3("],
        [b"dossier", b"show", b"000.00.06.H56-261126-0001\xed\xa0\x80"],
        [b"dossier", b"search", b"\xff\xfe" + "\u202e".encode() * 50],
    ):
        tried("cli.subprocess", backend)
        r = _subprocess(db_url, tmp_path, demo["canbo1"][0], *args)
        assert b"Traceback" not in r.stderr, r.stderr.decode(errors="replace")
        assert r.returncode in (0, 2), r.stderr
        if r.returncode == 2:
            assert r.stderr.startswith(b"counter-app: ")
    assert written(svc) == before
