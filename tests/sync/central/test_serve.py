"""Running the reference central server: in a thread for tests (port 0, clean stop), and the
blocking `serve` the CLI calls, as its own process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx

from counter_app.sync.central.faults import Faults
from counter_app.sync.central.serve import CentralServer
from counter_app.sync.central.store import CentralStore
from counter_app.sync.wire import PREFIX
from tests.sync.central.conftest import NODE


def test_a_server_on_port_0_finds_its_port_and_stops_cleanly(tmp_path):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    with CentralServer(url, simulate=True) as server:
        assert server.url.startswith("http://127.0.0.1:") and server.port > 0
        assert httpx.get(f"{server.url}/openapi.json").status_code == 200
        thread = server._simulation._thread
        assert thread.is_alive()
    assert not thread.is_alive()
    with socket.socket() as probe:
        probe.settimeout(0.5)
        assert probe.connect_ex(("127.0.0.1", server.port)) != 0  # nothing listens any more


def test_serve_blocks_until_sigterm_and_keeps_secrets(tmp_path):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    store = CentralStore(url)
    token = store.add_node(NODE, "Trung tâm thử")
    store.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = ("from counter_app.sync.central.serve import serve; "
            f"serve({url!r}, host='127.0.0.1', port={port}, simulate=False)")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ})
    try:
        deadline = time.monotonic() + 30
        headers = {"Authorization": f"Bearer {token}"}
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}{PREFIX}/streams/procedures/changes", headers=headers, timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()[-2000:]
                time.sleep(0.1)
        # An empty central gets the shipped sample catalog.
        assert r.status_code == 200 and len(r.json()["changes"]) == 53
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert out == b""
    log = err.decode()
    assert f"central server on http://127.0.0.1:{port}" in log and "shipped sample catalog" in log
    assert token not in log


def test_a_faults_object_can_be_given_to_the_server(tmp_path):
    faults = Faults()
    faults.plan("unavailable", path="openapi")
    with CentralServer(f"sqlite:///{tmp_path / 'central.sqlite3'}", faults=faults) as server:
        assert server.faults is faults
        assert httpx.get(f"{server.url}/openapi.json").status_code == 503
        assert httpx.get(f"{server.url}/openapi.json").status_code == 200
