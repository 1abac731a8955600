"""The one background-call helper: results and errors come back on the GUI thread."""

from __future__ import annotations

import threading

import shiboken6

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget


def test_success_callback_runs_on_the_gui_thread_with_the_result(qtbot, worker):
    seen = {}

    def job():
        seen["job_thread"] = threading.get_ident()
        return 42

    def on_success(value):
        seen["value"] = value
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()

    worker.run(job, on_success=on_success)
    qtbot.waitUntil(lambda: worker.idle)
    assert seen["value"] == 42 and seen["gui"]
    assert seen["job_thread"] != threading.get_ident()


def test_failure_callback_gets_the_exception(qtbot, worker):
    errors = []

    def job():
        raise ValueError("boom")

    worker.run(job, on_failure=errors.append)
    qtbot.waitUntil(lambda: worker.idle)
    assert len(errors) == 1 and str(errors[0]) == "boom"


def test_busy_signal_and_callbacks_skipped_for_deleted_owner(qtbot, worker):
    states, calls = [], []
    worker.busyChanged.connect(states.append)
    owner = QWidget()
    release = threading.Event()
    worker.run(lambda: release.wait(5), on_success=calls.append, owner=owner)
    shiboken6.delete(owner)  # the window was closed while the call ran
    release.set()
    qtbot.waitUntil(lambda: worker.idle)
    assert calls == [] and states == [True, False]
