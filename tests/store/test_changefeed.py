"""The change feed: a commit elsewhere wakes the screens; a rollback does not."""

from __future__ import annotations

import threading
import time

import pytest

from counter_app.services import queue
from counter_app.services.live import open_change_feed

from tests.helpers import KIOSK


def test_a_commit_wakes_the_feed_within_a_second(svc, demo):
    feed = open_change_feed(svc)
    try:
        assert feed.wait(0.3) is None  # nothing happened
        field = queue.list_fields(svc)[0].code
        started = time.monotonic()
        threading.Timer(0.2, lambda: queue.issue_ticket(svc, field, actor=KIOSK)).start()
        topics = feed.wait(5)
        assert topics is not None and (topics == set() or "queue" in topics)
        assert time.monotonic() - started < 1.2
    finally:
        feed.close()


def test_a_rolled_back_change_is_not_announced(svc, demo):
    from counter_app.domain.errors import DomainError

    feed = open_change_feed(svc)
    try:
        with pytest.raises(DomainError):
            queue.issue_ticket(svc, "NO_SUCH_FIELD", actor=KIOSK)
        assert feed.wait(0.5) is None
    finally:
        feed.close()
