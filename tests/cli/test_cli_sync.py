"""`counter-app central` and `counter-app sync` as a site's engineer uses them: real processes,
real HTTP on 127.0.0.1, the site database on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.cli.conftest import officer, run

NODE = "000.00.06.H56"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _central(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COUNTER_APP_DATA_DIR": str(tmp_path / "data"), "COUNTER_APP_CONFIG": str(tmp_path / "none.toml")}
    return subprocess.run([sys.executable, "-m", "counter_app", "central", *args,
                           "--database", f"sqlite:///{tmp_path / 'central.sqlite3'}"],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def central(tmp_path):
    """`counter-app central serve` in its own process, with this site registered."""
    r = _central(tmp_path, "add-node", NODE, "--name", "Trung tâm thử")
    assert r.returncode == 0, r.stderr
    token = r.stdout.strip()
    assert len(token) >= 20
    port = _free_port()
    env = {**os.environ, "COUNTER_APP_DATA_DIR": str(tmp_path / "data"), "COUNTER_APP_CONFIG": str(tmp_path / "none.toml")}
    proc = subprocess.Popen([sys.executable, "-m", "counter_app", "central", "serve", "--port", str(port),
                             "--database", f"sqlite:///{tmp_path / 'central.sqlite3'}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/openapi.json", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"central server did not start: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    yield url, token
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_central_serves_the_contract_with_an_openapi_document(central):
    url, token = central
    doc = httpx.get(f"{url}/openapi.json").json()
    paths = doc["paths"]
    assert "/sync/v1/nodes/{node}/lanes/{lane}/mutations" in paths
    assert "/sync/v1/streams/{stream}/changes" in paths
    assert "/sync/v1/nodes/{node}" in paths
    # Without the site's token nothing is served.
    assert httpx.get(f"{url}/sync/v1/nodes/{NODE}").status_code == 401
    info = httpx.get(f"{url}/sync/v1/nodes/{NODE}", headers={"Authorization": f"Bearer {token}"}).json()
    assert info["node"] == NODE and 1 in info["protocols"]


def test_sync_once_sends_a_dossier_and_the_status_says_so(demo_db, tmp_path, central):
    url, token = central
    r = officer(demo_db, tmp_path, "dossier", "receive", "--procedure", "1.001193.000.00.00.H38",
            "--owner-name", "Nguyễn Văn An", "--id-number", "001203004567", "--json")
    assert r.returncode == 0, r.stderr
    code = json.loads(r.stdout)["code"]

    r = run(demo_db, tmp_path, "sync", "status")
    assert r.returncode == 0, r.stderr
    assert "Chưa cấu hình" in r.stdout  # no central system configured yet

    r = run(demo_db, tmp_path, "sync", "once", "--server", url, "--token", token, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["ok"] is True

    dossiers = _central(tmp_path, "advance", code, "4")
    assert dossiers.returncode == 0, dossiers.stderr
    assert json.loads(dossiers.stdout)["status"] == 4  # the central knew the dossier: it was sent

    # The back-office move comes back with the next cycle.
    r = run(demo_db, tmp_path, "sync", "once", "--server", url, "--token", token, "--json")
    assert r.returncode == 0, r.stderr
    r = officer(demo_db, tmp_path, "dossier", "show", code, "--json")
    shown = json.loads(r.stdout)
    assert (shown["status_code"], shown["status"]) == (4, "processing")
    r = run(demo_db, tmp_path, "sync", "status", "--json")
    status = json.loads(r.stdout)
    assert status["pending"] == 0 and status["state"] == "synced", status
    assert status["text_vi"].startswith("Đã đồng bộ")


def test_sync_with_a_wrong_token_says_what_to_fix_and_keeps_the_change(demo_db, tmp_path, central):
    url, _ = central
    r = officer(demo_db, tmp_path, "dossier", "receive", "--procedure", "1.001193.000.00.00.H38",
            "--owner-name", "Trần Thị Bình", "--id-number", "001203004568", "--json")
    assert r.returncode == 0, r.stderr
    r = run(demo_db, tmp_path, "sync", "once", "--server", url, "--token", "wrong-token", "--json")
    assert r.returncode == 1
    assert json.loads(r.stdout)["ok"] is False
    r = run(demo_db, tmp_path, "sync", "status", "--json")
    status = json.loads(r.stdout)
    assert status["pending"] == 1  # nothing lost
    assert status["last_error"]  # and the reason is there for a person


def test_sync_without_a_server_exits_2_with_the_settings_to_give(demo_db, tmp_path):
    r = run(demo_db, tmp_path, "sync", "once")
    assert r.returncode == 2
    assert "COUNTER_APP_SYNC_URL" in r.stderr


def test_the_long_running_worker_drains_and_stops_on_sigterm(demo_db, tmp_path, central):
    url, token = central
    for i, name in enumerate(("Lê Văn Cường", "Phạm Thị Dung")):
        r = officer(demo_db, tmp_path, "dossier", "receive", "--procedure", "1.001193.000.00.00.H38",
                "--owner-name", name, "--id-number", f"00120300457{i}", "--json")
        assert r.returncode == 0, r.stderr
    env = {**os.environ, "COUNTER_APP_DATA_DIR": str(tmp_path / "data"), "COUNTER_APP_CONFIG": str(tmp_path / "none.toml"),
           "COUNTER_APP_SYNC_URL": url, "COUNTER_APP_SYNC_TOKEN": token}
    proc = subprocess.Popen([sys.executable, "-m", "counter_app", "sync", "--database", demo_db, "--interval", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            status = json.loads(run(demo_db, tmp_path, "sync", "status", "--json").stdout)
            if status["pending"] == 0:
                break
            time.sleep(0.5)
        assert status["pending"] == 0, status
        # A second worker for the same site waits for the lock instead of syncing twice.
        r = run(demo_db, tmp_path, "sync", "once", "--server", url, "--token", token)
        assert r.returncode == 1 and "another sync worker" in r.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    assert proc.returncode == 0
