"""CLI tests run the real `counter-app` in a subprocess against a fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(db_url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COUNTER_APP_DATA_DIR": str(tmp_path / "data"), "COUNTER_APP_CONFIG": str(tmp_path / "none.toml")}
    env.pop("COUNTER_APP_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "counter_app", *args, "--database", db_url],
        capture_output=True, text=True, env=env, timeout=120,
    )


@pytest.fixture
def demo_db(db_url, tmp_path) -> str:
    r = run(db_url, tmp_path, "init", "--demo")
    assert r.returncode == 0, r.stderr
    assert "canbo1" in r.stdout  # the demo passwords are printed
    return db_url


