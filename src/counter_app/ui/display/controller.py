"""What keeps the board current: the change feed, the service calls, and the loudspeaker queue.

A call shows within a second: LiveUpdates says the database changed, the new calls are
fetched through the worker (``recent_calls(after_id=…)``, a few ids back, because on
PostgreSQL a call with a lower id can commit just after a higher one) and put up at once;
their announcements go to the Announcer's queue. A slow safety timer fetches too, so a lost
notification or a dropped connection never leaves the board stale for more than a few
seconds, and a red strip in the header tells staff when the database cannot be reached.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import deque
from datetime import date, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.domain.calendar import OfficeHours, to_local
from counter_app.services import queue, setup
from counter_app.ui.display.announcer import Announcement, Announcer
from counter_app.ui.display.view import BoardView, CounterTile, WaitingRow
from counter_app.ui.live import LiveUpdates
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

SAFETY_INTERVAL_MS = 3000
STUCK_AFTER_S = 15.0  # a fetch still running after this long is given up and asked again
CLOCK_INTERVAL_MS = 1000
FETCH_LIMIT = 100
# Calls a few ids below the last seen are fetched again: a PostgreSQL sequence hands out ids
# at insert time, so a call can become visible after a higher id already was.
LOOKBACK_IDS = 32
# A call older than this when the board first sees it (the board was off, the network was
# down) is shown but not announced: the hall must not hear a backlog of old numbers.
ANNOUNCE_MAX_AGE = timedelta(minutes=2)


def _fetch_calls(services, last_seen: int) -> list[queue.CallInfo]:
    """New calls (and a few just before ``last_seen``), oldest first."""
    if last_seen > LOOKBACK_IDS:
        return queue.recent_calls(services, after_id=last_seen - LOOKBACK_IDS, limit=FETCH_LIMIT)
    return list(reversed(queue.recent_calls(services, limit=FETCH_LIMIT)))


def _fetch_start(services) -> tuple[object, queue.QueueStatus]:
    return setup.site_info(services), queue.queue_status(services)


class BoardController(QObject):
    """Feeds a BoardView from the services and the change feed, and the Announcer from new calls.

    Signals:
        callShown(object): a CallInfo, at the moment the board puts it up as the latest call.
        statusShown(): a queue status (counters, waiting, notice) has been applied.
    """

    callShown = Signal(object)
    statusShown = Signal()

    def __init__(
        self,
        services,
        view: BoardView,
        worker: Worker,
        announcer: Announcer,
        *,
        live: LiveUpdates | None = None,
        safety_interval_ms: int = SAFETY_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else view)
        self.services = services
        self.view = view
        self.worker = worker
        self.announcer = announcer
        self.live = live
        self.site = None
        self.ready = False
        self._last_seen = 0
        self._seen: set[int] = set()
        self._recent: deque[queue.CallInfo] = deque(maxlen=40)
        self._serving_hint: dict[int, str] = {}  # counter -> number, from calls newer than the status
        self._status: queue.QueueStatus | None = None
        # One fetch of each kind at a time: (token, start time) while one is under way.
        self._inflight: dict[str, tuple[int, float] | None] = {"calls": None, "status": None}
        self._again = {"calls": False, "status": False}
        self._tokens = itertools.count(1)
        self._abandoned: dict[str, set[int]] = {"calls": set(), "status": set()}
        self._failing = False

        self._safety = QTimer(self)
        self._safety.setInterval(safety_interval_ms)
        self._safety.timeout.connect(self._on_safety_tick)
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self._on_clock_tick)

        view.muteToggled.connect(announcer.toggle_muted)
        view.closed.connect(self.stop)
        announcer.mutedChanged.connect(view.set_muted)
        view.set_muted(announcer.muted)
        if live is not None:
            live.changed.connect(self._on_changed)

    # -- life --------------------------------------------------------------------------------

    def start(self) -> None:
        self._on_clock_tick()
        self._clock.start()
        self._safety.start()
        if self.live is not None:
            self.live.start()
        self._load()

    def stop(self) -> None:
        self._safety.stop()
        self._clock.stop()
        if self.live is not None:
            self.live.stop()
        self.announcer.clear()

    def _load(self) -> None:
        svc = self.services
        self._launch("status", lambda: _fetch_start(svc), self._on_loaded)

    def _on_loaded(self, result) -> None:
        site, status = result
        self.site = site
        if site is not None:
            self.view.set_site_name(site.name)
        # What was called before the board started is shown, not announced.
        calls = sorted(status.recent_calls, key=lambda c: c.id)
        for call in calls:
            self._seen.add(call.id)
            self._recent.append(call)
        self._last_seen = max((c.id for c in calls), default=0)
        self.ready = True
        self._apply_status(status)
        self._render_calls(flash=False)
        self._again["calls"] = True  # calls made while the status was being read

    # -- fetching ----------------------------------------------------------------------------

    def request_refresh(self, *, calls: bool = True, status: bool = True) -> None:
        """Fetch new calls and/or the queue status, unless that fetch is already running
        (then once more when it ends)."""
        if not self.ready:
            if self._inflight["status"] is None:
                self._load()
            return
        if calls:
            self._fetch("calls")
        if status:
            self._fetch("status")

    def _fetch(self, kind: str) -> None:
        if self._inflight[kind] is not None:
            self._again[kind] = True
            return
        svc = self.services
        if kind == "calls":
            last_seen = self._last_seen
            self._launch(kind, lambda: _fetch_calls(svc, last_seen), self._on_calls)
        else:
            self._launch(kind, lambda: queue.queue_status(svc), self._apply_status)

    def _launch(self, kind: str, fn, handler) -> None:
        token = next(self._tokens)
        self._inflight[kind] = (token, time.monotonic())
        self._again[kind] = False
        self.worker.run(fn, on_success=lambda result: self._on_landed(kind, token, handler, result),
                        on_failure=lambda error: self._on_failed(kind, token, error), owner=self.view)

    def _is_current(self, kind: str, token: int) -> bool:
        flight = self._inflight[kind]
        return flight is not None and flight[0] == token

    def _on_landed(self, kind: str, token: int, handler, result) -> None:
        self._abandoned[kind].discard(token)
        current = self._is_current(kind, token)
        if not current and kind != "calls":
            return  # given up as stuck; a newer status has been asked for
        if current:
            self._inflight[kind] = None
        self._ok()
        handler(result)  # late calls are still welcome: seen ones are skipped
        if self._again[kind] and self._inflight[kind] is None:
            self._fetch(kind)
        if kind == "status" and self._again["calls"] and self._inflight["calls"] is None:
            self._fetch("calls")

    def _on_failed(self, kind: str, token: int, error: BaseException) -> None:
        self._abandoned[kind].discard(token)
        if not self._is_current(kind, token):
            return
        self._inflight[kind] = None
        self._again[kind] = False  # the safety timer retries: no tight loop against a dead server
        self._trouble(f"{type(error).__name__}: {error}")

    def _on_changed(self, topics) -> None:
        if not topics or "queue" in topics:
            self.request_refresh()

    def _on_safety_tick(self) -> None:
        now = time.monotonic()
        for kind, flight in self._inflight.items():
            if flight is not None and now - flight[1] > STUCK_AFTER_S:
                self._trouble(f"reading the {kind} has taken more than {STUCK_AFTER_S:g} s")
                if not self._abandoned[kind]:
                    # One connection that hangs without failing (a dead peer behind a router)
                    # must not freeze the board: give the fetch up, its result is still used
                    # if it comes, and ask again on another connection. Only once, so that a
                    # server that hangs every query does not take every worker thread.
                    self._abandoned[kind].add(flight[0])
                    self._inflight[kind] = None
        self.request_refresh()

    def _on_clock_tick(self) -> None:
        self.view.set_clock(to_local(self.services.now()))

    # -- results -----------------------------------------------------------------------------

    def _on_calls(self, calls: list[queue.CallInfo]) -> None:
        fresh = [c for c in calls if c.id not in self._seen]
        if fresh:
            now = self.services.now()
            for call in fresh:
                self._seen.add(call.id)
                self._recent.append(call)
                self._serving_hint[call.counter_number] = call.number
            self._last_seen = max(self._last_seen, *(c.id for c in fresh))
            self._forget_old_ids()
            shown = self._render_calls(flash=True)
            if self._status is not None:
                self._apply_counters(self._status)
            if shown is not None:
                self.callShown.emit(shown)
            today = self._today()
            for call in fresh:
                if self._on_day(call) >= today and now - call.at <= ANNOUNCE_MAX_AGE:
                    self.announcer.announce(Announcement(call.number, call.counter_number, call.kind, call.id))
        if len(calls) >= FETCH_LIMIT and fresh:
            self._again["calls"] = True  # more than one page came in

    def _trouble(self, reason: str) -> None:
        if not self._failing:
            log.warning("display board cannot read the queue (retrying every %d s): %s",
                        max(1, self._safety.interval() // 1000), reason)
        self._failing = True
        self.view.set_status(self.tr("No connection to the queue, retrying…"))

    def _ok(self) -> None:
        if self._failing:
            log.info("display board reconnected")
            self._failing = False
            self.view.set_status("")

    # -- rendering ---------------------------------------------------------------------------

    def _today(self) -> date:
        return to_local(self.services.now()).date()

    def _on_day(self, call: queue.CallInfo) -> date:
        return to_local(call.at).date()

    def _render_calls(self, *, flash: bool) -> queue.CallInfo | None:
        """Latest call and recent calls, today's only; returns the latest shown."""
        today = self._today()
        calls = [c for c in self._recent if self._on_day(c) >= today]
        if not calls:
            self.view.clear_latest()
            self.view.set_recent([])
            return None
        latest = calls[-1]
        self.view.show_latest(latest.number, latest.counter_number, latest.kind, flash=flash)
        # The calls before it, newest first, each ticket once (a recall does not repeat it).
        recent, numbers = [], {latest.number}
        for call in reversed(calls[:-1]):
            if call.number not in numbers:
                numbers.add(call.number)
                recent.append((call.number, call.counter_number))
        self.view.set_recent(recent)
        return latest

    def _apply_status(self, status: queue.QueueStatus) -> None:
        self._status = status
        self._serving_hint.clear()  # the status has caught up with the calls seen so far
        self._apply_counters(status)
        # Only fields with people waiting: nine rows of zeros would crowd out the ones that matter.
        self.view.set_waiting([WaitingRow(f.prefix, f.name, f.waiting) for f in status.fields if f.open and f.waiting])
        self.view.set_notice(status.notice.strip() or self.default_notice())
        if self._recent and not any(self._on_day(c) >= self._today() for c in self._recent):
            self._render_calls(flash=False)  # a new day: yesterday's calls leave the board
        self.statusShown.emit()

    def _apply_counters(self, status: queue.QueueStatus) -> None:
        tiles = []
        for c in status.counters:
            serving = c.current.number if c.current is not None else None
            serving = self._serving_hint.get(c.number, serving)
            tiles.append(CounterTile(c.number, c.state, serving))
        self.view.set_counters(tiles)

    def _forget_old_ids(self) -> None:
        if len(self._seen) > 4 * FETCH_LIMIT:
            floor = self._last_seen - 2 * FETCH_LIMIT
            self._seen = {i for i in self._seen if i > floor}

    def default_notice(self) -> str:
        """The line that scrolls when the site has set no notice: office hours, hotline, a welcome."""
        hours = OfficeHours()

        def hm(t) -> str:
            return f"{t.hour}h{t.minute:02d}"

        days = (self.tr("Monday to Saturday") if self.site is not None and self.site.saturday_open
                else self.tr("Monday to Friday"))
        parts = []
        parts.append(
            self.tr("Office hours: morning %1–%2, afternoon %3–%4, %5")
            .replace("%1", hm(hours.morning_start)).replace("%2", hm(hours.morning_end))
            .replace("%3", hm(hours.afternoon_start)).replace("%4", hm(hours.afternoon_end)).replace("%5", days)
        )
        if self.site is not None and self.site.hotline.strip():
            parts.append(self.tr("Hotline: %1").replace("%1", self.site.hotline.strip()))
        parts.append(self.tr("Please take a number at the kiosk and wait until it is called"))
        return "   •   ".join(parts)

