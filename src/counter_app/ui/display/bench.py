"""Call → display board latency, measured for tests/bench/bench_queue.py (DESIGN §7: p95 < 1 s).

The board runs offscreen in this process, muted, following the change feed as in the hall.
A separate process (its own interpreter and database connection, like a counter PC) makes
the calls; for each one it reports the wall-clock time at which ``call_next`` committed, and
the latency is the time from that commit to the moment the board put the number up.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import tempfile
import time
from pathlib import Path

COUNTERS = (1, 2, 3)


def _caller(url: str, archive_dir: str, commands, replies) -> None:
    """The other process: on each command, free a counter, issue a ticket, call it; reply
    with (number, counter, commit time)."""
    from counter_app.services import authz, queue
    from counter_app.services.context import Actor, Services

    svc = Services(url, archive_dir=Path(archive_dir), migrate_on_start=False)
    field = next(f.code for f in queue.list_fields(svc) if f.open)
    kiosk = authz.device(authz.KIOSK, "bench")
    try:
        while True:
            counter = commands.get()
            if counter is None:
                break
            actor = Actor(None, f"bench{counter}", f"Quầy {counter}", authz.OFFICER, counter)
            if queue.current_ticket(svc, counter) is not None:
                queue.finish(svc, actor)
            queue.issue_ticket(svc, field, actor=kiosk)
            time.sleep(0.3)  # let the board settle after the ticket, so only the call is timed
            ticket = queue.call_next(svc, actor)
            committed = time.time()
            replies.put((ticket.number if ticket else None, counter, committed))
    finally:
        svc.close()


def measure_call_to_display(url: str, runs: int) -> list[float]:
    """Start the board offscreen on ``url``, make ``runs`` calls from another process, and
    return each call's latency in ms (commit in the other process → number shown on the board).

    The database is migrated and given a demo centre if it has none."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from counter_app.services import setup
    from counter_app.services.context import Services
    from counter_app.ui.display.announcer import Announcer, AudioBackend
    from counter_app.ui.display.app import build_display
    from counter_app.ui.live import LiveUpdates
    from counter_app.ui.worker import Worker

    app = QApplication.instance() or QApplication([])
    tmp = tempfile.TemporaryDirectory()
    svc = Services(url, archive_dir=Path(tmp.name) / "archive")
    if setup.site_info(svc) is None:
        setup.init_demo(svc)

    ctx = mp.get_context("spawn")
    commands, replies = ctx.Queue(), ctx.Queue()
    caller = ctx.Process(target=_caller, args=(url, tmp.name, commands, replies), daemon=True)
    caller.start()

    worker = Worker()
    board = build_display(svc, worker=worker, announcer=Announcer(AudioBackend(), muted=True),
                          live=LiveUpdates(svc))
    shown: dict[str, float] = {}
    board.controller.callShown.connect(lambda call: shown.setdefault(call.number, time.time()))
    board.resize(1920, 1080)
    board.show()
    board.controller.start()

    def spin_until(done, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while not done() and time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
            time.sleep(0.001)
        return done()

    latencies: list[float] = []
    try:
        if not spin_until(lambda: board.controller.ready, 30):
            raise RuntimeError("the display board did not load its first queue status")
        for i in range(runs):
            commands.put(COUNTERS[i % len(COUNTERS)])
            reply: list = []

            def answered() -> bool:
                if not reply and not replies.empty():
                    reply.append(replies.get())
                return bool(reply)

            if not spin_until(answered, 60):
                raise RuntimeError("the calling process did not answer")
            number, _counter, committed = reply[0]
            if number is None:
                raise RuntimeError("nobody was waiting: the call found no ticket")
            if not spin_until(lambda: number in shown, 10):
                raise RuntimeError(f"the board did not show {number} within 10 s")
            latencies.append(max(0.0, shown[number] - committed) * 1000)
    finally:
        commands.put(None)
        caller.join(30)
        if caller.is_alive():
            caller.kill()
        board.close()
        worker.wait_for_done()
        spin_until(lambda: worker.idle, 5)
        board.deleteLater()
        app.processEvents()
        svc.close()
        tmp.cleanup()
    return latencies
