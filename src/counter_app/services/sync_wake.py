"""Wakes the sync worker when a local commit wrote the outbox, and only then."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from counter_app.services.context import Services
from counter_app.store.changefeed import ChangeFeed
from counter_app.store.models import SequenceCounter


def outbox_mark(svc: Services) -> int:
    """Grows with every outbox row ever written (the per-lane sequence counters summed)."""
    with svc.reading() as s:
        return int(s.execute(sa.select(sa.func.coalesce(sa.func.sum(SequenceCounter.last), 0))
                             .where(SequenceCounter.key.like("outbox:%"))).scalar_one())


def watch_outbox(svc: Services, wake: threading.Event, stop: threading.Event) -> threading.Thread:
    """A daemon thread that sets *wake* after each commit that wrote the outbox.

    The change feed fires on every commit (SQLite's data_version cannot say which table, and
    the worker's own bookkeeping commits too); comparing the outbox mark keeps the worker from
    waking itself in a loop.
    """

    def _run() -> None:
        feed = ChangeFeed(svc.database_url)
        last = outbox_mark(svc)
        try:
            while not stop.is_set():
                topics = feed.wait(1.0)
                if topics is None or (topics and "outbox" not in topics):
                    continue
                mark = outbox_mark(svc)
                if mark != last:
                    last = mark
                    wake.set()
        except Exception:  # noqa: BLE001 - the worker still runs on its timer
            pass
        finally:
            feed.close()

    thread = threading.Thread(target=_run, name="sync-wake", daemon=True)
    thread.start()
    return thread
