"""Run database and printing work off the GUI thread, with callbacks back on the GUI thread.

This is the one helper every window uses (DESIGN §5): a service call goes to a thread
pool; its result or its exception comes back through a queued signal, so the callbacks
run on the GUI thread and may touch widgets. The window never freezes.

    worker.run(lambda: intake.receive_dossier(svc, actor, req),
               on_success=self._on_saved, on_failure=self._on_save_failed)

Tests wait with ``qtbot.waitUntil(lambda: worker.idle)``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]


class _Job(QObject):
    """One call in flight. Lives on the GUI thread; the pool thread only emits its signals.

    Signals:
        succeeded(object): the callable returned this value.
        failed(object): the callable raised this exception.
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        worker: Worker,
        on_success: SuccessCallback | None,
        on_failure: FailureCallback | None,
        owner: QObject | None,
    ) -> None:
        super().__init__()
        self._worker = worker
        self._on_success_cb = on_success
        self._on_failure_cb = on_failure
        self._owner = owner
        # Both signals are connected to slots of an object living on the GUI thread, so
        # Qt queues the call when the pool thread emits: the slots run on the GUI thread.
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)

    def _owner_gone(self) -> bool:
        return self._owner is not None and not shiboken6.isValid(self._owner)

    @Slot(object)
    def _on_succeeded(self, value: Any) -> None:
        try:
            if self._on_success_cb is not None and not self._owner_gone():
                self._on_success_cb(value)
        finally:
            self._worker._finish(self)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        try:
            if self._owner_gone():
                return
            if self._on_failure_cb is not None:
                self._on_failure_cb(error)
            else:
                log.error(
                    "background call failed with no failure callback:\n%s",
                    "".join(traceback.format_exception(error)),
                )
        finally:
            self._worker._finish(self)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], job: _Job) -> None:
        super().__init__()
        self._fn = fn
        self._job = job
        self.setAutoDelete(True)

    def run(self) -> None:  # runs on a pool thread
        try:
            value = self._fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the failure callback
            self._job.failed.emit(exc)
        else:
            self._job.succeeded.emit(value)


class Worker(QObject):
    """Runs callables on a small private thread pool; results come back on the GUI thread.

    Signals:
        busyChanged(bool): True when the first job starts, False when the last one ends.
    """

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._jobs: set[_Job] = set()

    @property
    def idle(self) -> bool:
        """No job is running or waiting for its callback."""
        return not self._jobs

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_success: SuccessCallback | None = None,
        on_failure: FailureCallback | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Call ``fn()`` on a pool thread; then ``on_success(result)`` or ``on_failure(exc)``.

        Callbacks run on the GUI thread. When ``owner`` (a widget) has been deleted by the
        time the result arrives, the callbacks are skipped.
        """
        job = _Job(self, on_success, on_failure, owner)
        was_idle = not self._jobs
        self._jobs.add(job)  # keeps the QObject alive until its callback has run
        if was_idle:
            self.busyChanged.emit(True)
        self._pool.start(_Runnable(fn, job))

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until the pool threads are done (shutdown only; callbacks still queued)."""
        return self._pool.waitForDone(msecs)

    def _finish(self, job: _Job) -> None:
        self._jobs.discard(job)
        job.deleteLater()
        if not self._jobs:
            self.busyChanged.emit(False)
