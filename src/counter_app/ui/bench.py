"""Cold-start measurement of the desk, run in a fresh interpreter by tests/bench/bench_intake.py."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication


def measure_cold_start(url: str, archive_dir: str, username: str, password: str) -> float:
    """Open the database, sign in and show the desk window; return ms spent in this function.

    The caller times the whole process (interpreter start and imports included)."""
    t0 = time.perf_counter()
    from counter_app.services import accounts, setup
    from counter_app.services.context import Services
    from counter_app.ui.app import build_desk_window

    app = QApplication.instance() or QApplication([])
    svc = Services(url, archive_dir=Path(archive_dir))
    site = setup.site_info(svc)
    actor = accounts.authenticate(svc, username, password, 1)
    window = build_desk_window(svc, actor, "vi", site=site)
    window.show()
    # Usable = shown, laid out, and the event queue drained (first paint done).
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    elapsed = (time.perf_counter() - t0) * 1000
    print("READY", round(elapsed), flush=True)  # the parent's clock stops here
    window.close()
    svc.close()
    return elapsed
