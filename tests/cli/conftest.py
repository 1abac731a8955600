"""CLI tests run the real `counter-app` in a subprocess against a fresh database.

Application commands sign in (COUNTER_APP_USER / COUNTER_APP_PASSWORD): use run_as() with
one of the demo accounts of the demo_db fixture. run() signs in as nobody: operator
commands (init, db, sync, central) and the refusals of application commands."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SIGN_IN_ENV = ("COUNTER_APP_USER", "COUNTER_APP_PASSWORD", "COUNTER_APP_NEW_PASSWORD")

# "  canbo1     Ab3dEf7hJk9m   officer     counter 1" in the output of `init --demo`
DEMO_ACCOUNT = re.compile(r"^  (\S+) +(\S+) +(officer|supervisor|admin)\b", re.MULTILINE)


class SiteDb(str):
    """A database URL that also knows its accounts' passwords ({username: password})."""

    accounts: dict[str, str]

    def __new__(cls, url: str, accounts: dict[str, str]) -> SiteDb:
        made = super().__new__(cls, url)
        made.accounts = dict(accounts)
        return made


def cli_env(tmp_path: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "COUNTER_APP_DATA_DIR": str(tmp_path / "data"), "COUNTER_APP_CONFIG": str(tmp_path / "none.toml")}
    for name in ("COUNTER_APP_DATABASE_URL", *SIGN_IN_ENV):
        env.pop(name, None)
    env.update(extra or {})
    return env


def run(db_url: str, tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`counter-app ARGS --database DB_URL`, signed in as nobody unless env says so; never a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "counter_app", *args, "--database", db_url],
        capture_output=True, text=True, env=cli_env(tmp_path, env), stdin=subprocess.DEVNULL, timeout=120,
    )


def run_as(db: str, tmp_path: Path, user: str, *args: str, password: str | None = None) -> subprocess.CompletedProcess:
    """An application command signed in as user (password: the demo account's, unless given)."""
    if password is None:
        password = db.accounts[user]  # type: ignore[attr-defined]
    return run(db, tmp_path, *args, env={"COUNTER_APP_USER": user, "COUNTER_APP_PASSWORD": password})


# The dossier commands that work at a counter (they take --counter N).
DESK_COMMANDS = {("dossier", c) for c in ("receive", "decline", "transition", "handover", "forward", "handoff")}


def officer(db: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """As the demo officer canbo1, at counter 1 for the desk commands."""
    if tuple(args[:2]) in DESK_COMMANDS and "--counter" not in args:
        args = (*args, "--counter", "1")
    return run_as(db, tmp_path, "canbo1", *args)


def demo_accounts(stdout: str) -> dict[str, str]:
    return {user: password for user, password, _role in DEMO_ACCOUNT.findall(stdout)}


@pytest.fixture
def demo_db(db_url, tmp_path) -> SiteDb:
    r = run(db_url, tmp_path, "init", "--demo")
    assert r.returncode == 0, r.stderr
    accounts = demo_accounts(r.stdout)  # the demo passwords are printed, once
    assert {"admin", "giamsat", "canbo1", "canbo2"} <= set(accounts), r.stdout
    return SiteDb(db_url, accounts)
