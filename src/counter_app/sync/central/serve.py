"""Running the reference central server: uvicorn in a thread for tests, blocking for the CLI.

Plain HTTP, for 127.0.0.1: tests and demos. Another address is bound only when asked for
explicitly, and a real deployment puts TLS in front (a reverse proxy) — the site tokens must
not cross a network in clear text.
"""

from __future__ import annotations

import http.client
import logging
import random
import signal
import threading
import time
from datetime import timedelta
from types import TracebackType

import uvicorn
from sqlalchemy.engine import make_url

from counter_app.sync.central.app import create_app
from counter_app.sync.central.faults import Faults
from counter_app.sync.central.simulate import Simulator
from counter_app.sync.central.store import CentralStore, utc_now

log = logging.getLogger(__name__)

SIMULATION_INTERVAL = 3.0  # seconds between simulator steps
# A demo must come alive while someone watches: an online dossier every two minutes or so per
# site (a real portal's pace, the simulator's default, is one every 20 minutes).
DEMO_ONLINE_INTERVAL = timedelta(minutes=2)
STARTUP_TIMEOUT = 15.0
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class _Simulation:
    """The simulator stepped every few seconds in a daemon thread."""

    def __init__(self, store: CentralStore, interval: float = SIMULATION_INTERVAL) -> None:
        self.simulator = Simulator(store, rng=random.Random(), online_interval=DEMO_ONLINE_INTERVAL)
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="central-simulator", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                for move in self.simulator.step(utc_now()):
                    log.info("simulator: %s %s → %s", move["code"], move["from"], move["to"])
            except Exception:  # noqa: BLE001 - a failed round must not end the simulation
                log.exception("simulator step failed")


class CentralServer:
    """The central on 127.0.0.1 (port 0 = any free port), uvicorn in a daemon thread.

    `with CentralServer(url) as server:` starts it and stops it; `server.url` is where it
    answers, `server.store` its data, `server.faults` the fault plan."""

    def __init__(self, database_url: str, *, host: str = "127.0.0.1", port: int = 0, simulate: bool = False,
                 faults: Faults | None = None) -> None:
        self.store = CentralStore(database_url)
        self.faults = faults or Faults()
        self.app = create_app(self.store)
        self.faults.app = self.app
        self.host, self.port = host, port
        self.url = ""
        self._simulation = _Simulation(self.store) if simulate else None
        config = uvicorn.Config(self.faults, host=host, port=port, interface="asgi3", lifespan="off",
                                log_level="warning", access_log=False, timeout_graceful_shutdown=3)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="central-server", daemon=True)

    def start(self) -> CentralServer:
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the central server did not start on {self.host}:{self.port}")
            time.sleep(0.01)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.url = f"http://{host}:{self.port}"
        self._wait_answering(deadline)
        if self._simulation is not None:
            self._simulation.start()
        return self

    def _wait_answering(self, deadline: float) -> None:
        while True:
            # Any answer will do (a 404 here); plain http.client: no TLS context to build.
            probe = http.client.HTTPConnection(self.host, self.port, timeout=2.0)
            try:
                probe.request("GET", "/")
                probe.getresponse().read()
                return
            except OSError:
                pass
            finally:
                probe.close()
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the central server at {self.url} does not answer")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._simulation is not None:
            self._simulation.stop()
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=15)
        self.store.close()

    def __enter__(self) -> CentralServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def serve(database_url: str, *, host: str, port: int, simulate: bool) -> None:
    """`counter-app central serve`: blocks until SIGINT/SIGTERM, then stops cleanly and returns.

    Logs to stderr (never a token or a database password). The server runs in its thread;
    the main thread only waits for the signal, so a stop is a normal return (exit code 0)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if host not in LOOPBACK:
        log.warning("listening on %s: plain HTTP — put TLS (a reverse proxy) in front; tokens must not travel "
                    "in clear text", host)
    server = CentralServer(database_url, host=host, port=port, simulate=simulate)
    if not server.store.procedures():
        count = server.store.load_catalog(None)
        log.info("no catalog yet: loaded the shipped sample catalog (%d procedures)", count)
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.start()
        log.info("central server on %s, database %s%s", server.url,
                 make_url(database_url).render_as_string(hide_password=True), " (simulating)" if simulate else "")
        while not stop.wait(0.5):
            if not server._thread.is_alive():
                raise RuntimeError("the central server stopped on its own")
        log.info("stopping")
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
