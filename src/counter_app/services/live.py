"""Live updates for screens: the change feed of the site database, opened for a window."""

from __future__ import annotations

from counter_app.services.context import Services
from counter_app.store.changefeed import ChangeFeed


def open_change_feed(svc: Services) -> ChangeFeed:
    """A feed whose wait(timeout) returns when another connection commits a change.

    Call it from one background thread; close() it when the window goes away."""
    return ChangeFeed(svc.database_url)
