"""The desk's own sync worker: SyncEngine.run in one daemon thread, under the site's worker lock.

The desk (ui/desk/sync_bar.py) may not touch the store, so this wrapper owns what the CLI's
`counter-app sync run` owns: the WorkerLock, the outbox watcher that wakes the engine after
a local commit, and the thread. One worker per site: when another process (a second desk, or
the CLI worker) holds the lock, the runner waits for it in its thread and takes over when that
process ends; meanwhile the desk only shows the status.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from counter_app.services.context import Services
from counter_app.store.locks import WorkerLock

log = logging.getLogger(__name__)

# How often a runner that does not hold the lock tries again (the CLI waits 5 s too).
LOCK_RETRY_SECONDS = 5.0
# After an unexpected crash of the engine's loop, pause before running it again.
RESTART_PAUSE_SECONDS = 30.0


def sync_configured(svc: Services) -> bool:
    """Does this process know a central system to sync with (arguments, environment, config file)?"""
    from counter_app.services import sync_engine

    return sync_engine.sync_config(svc) is not None


def site_syncs(svc: Services) -> bool:
    """Does this site sync: settings here, or a worker (this desk, another, the CLI) has run on
    its database? A site that does not shows no sync badges."""
    from counter_app.services import sync_status

    return sync_configured(svc) or sync_status.sync_status(svc, configured=False).state != "not_configured"


class SyncRunner:
    """Runs the sync engine in a daemon thread while this process holds the site's sync lock.

    ``wake()`` asks for a cycle now ("Đồng bộ ngay"); ``stop()`` ends the loop and frees the
    lock. ``holds_lock`` says whether this process is the site's sync worker right now.
    ``engine`` and ``lock`` are for tests (a fake engine, a lock already held elsewhere).
    """

    def __init__(
        self,
        svc: Services,
        config: Any,
        *,
        engine: Any | None = None,
        lock: Any | None = None,
        lock_retry: float = LOCK_RETRY_SECONDS,
        watch_outbox: bool = True,
    ) -> None:
        self.svc = svc
        self.config = config
        self._engine = engine
        self._engine_given = engine is not None
        self._lock = lock if lock is not None else WorkerLock(svc.engine, "sync")
        self._lock_retry = lock_retry
        self._watch_outbox = watch_outbox
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._first_try = threading.Event()
        self._thread: threading.Thread | None = None
        # The lock is taken and released in the runner's thread only: on SQLite it is a
        # FileLock, whose state is per thread. This flag is what other threads read.
        self._holds = False
        self.wakes = 0  # how many times a cycle was asked for (tests, diagnostics)

    # --- state ------------------------------------------------------------------------

    @property
    def holds_lock(self) -> bool:
        return self._holds

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- commands ---------------------------------------------------------------------

    def start(self, *, wait: float = 5.0) -> SyncRunner:
        """Start the thread; it tries the lock at once, and ``start`` waits for that first answer
        (up to ``wait`` seconds) so ``holds_lock`` is meaningful on return. Call it off the GUI
        thread (on PostgreSQL the lock is a database round trip)."""
        if self._thread is not None:
            return self
        self._stop.clear()
        self._first_try.clear()
        self._thread = threading.Thread(target=self._run, name="desk-sync", daemon=True)
        self._thread.start()
        self._first_try.wait(wait)
        return self

    def wake(self) -> bool:
        """Ask for a cycle now. False when another process is the site's worker (nothing to wake)."""
        self.wakes += 1
        self._wake.set()
        return self.holds_lock

    def stop(self, timeout: float = 5.0) -> bool:
        """End the loop (the cycle in flight finishes) and free the lock; True when the thread ended."""
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        thread.join(timeout)
        if thread.is_alive():
            # A cycle is still waiting on the network; the daemon thread frees the lock when it
            # returns, or the operating system does when the program exits.
            log.warning("sync worker still finishing a cycle after %.1f s; leaving it to end", timeout)
            return False
        return True

    # --- the thread -------------------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self._holds = bool(self._lock.acquire())
                except Exception:  # noqa: BLE001 - database unreachable for now
                    log.warning("sync lock check failed", exc_info=True)
                self._first_try.set()
                if self._holds:
                    break
                self._stop.wait(self._lock_retry)
            self._first_try.set()
            if self._stop.is_set():
                return
            if self._watch_outbox:
                from counter_app.services import sync_wake

                sync_wake.watch_outbox(self.svc, self._wake, self._stop)  # local commits wake the engine
            while not self._stop.is_set():
                try:
                    self._make_engine().run(self._stop, self._wake)
                except Exception:  # noqa: BLE001 - run() should never raise; keep the desk syncing
                    log.exception("sync worker loop crashed; starting it again shortly")
                    if not self._engine_given:
                        self._engine = None  # its HTTP client was closed on the way out: build anew
                    self._stop.wait(RESTART_PAUSE_SECONDS)
        finally:
            self._holds = False
            try:
                self._lock.release()
            except Exception:  # noqa: BLE001 - the OS frees it with the process
                log.warning("sync lock not released cleanly", exc_info=True)

    def _make_engine(self) -> Any:
        if self._engine is None:
            from counter_app.services import sync_engine

            self._engine = sync_engine.SyncEngine(self.svc, self.config)
        return self._engine


def start_worker(svc: Services, *, config: Any | None = None) -> SyncRunner | None:
    """The desk's sync worker, started; None when no central system is configured.

    When another process holds the site's lock the runner is returned all the same, with
    ``holds_lock`` False: it takes over when that process stops.
    """
    if config is None:
        from counter_app.services import sync_engine

        config = sync_engine.sync_config(svc)
    if config is None:
        return None
    return SyncRunner(svc, config).start()
