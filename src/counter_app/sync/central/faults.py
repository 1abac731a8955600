"""Fault injection around the central's ASGI app: the network misbehaving, on demand (SYNC.md proofs).

A test plans faults from its own thread (`plan`); the next matching requests suffer them:

* drop_after_apply  the app answers in full, the client gets the headers and a cut connection
* error_500         500 before the app runs (nothing applied)
* slow              the app answers, the answer leaves after options["seconds"] (default 2)
* rate_limit        429 + Retry-After (options["retry_after"], default 1) before the app runs
* unavailable       503 + Retry-After before the app runs
* duplicate         the request reaches the app twice; the client gets the second answer
* replay_old        an earlier push body of the same node/lane reaches the app first (its
                    answer discarded): a late, reordered duplicate
* reset_required    409 reset_required (meant for path="changes", its default)

`path` is a substring of the URL path the fault waits for ("mutations" by default).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KINDS = ("drop_after_apply", "error_500", "slow", "rate_limit", "unavailable", "duplicate", "replay_old",
         "reset_required")
KEEP_BODIES = 20  # push bodies remembered per node/lane for replay_old
_PUSH_PATH = re.compile(r"/nodes/(?P<node>[^/]+)/lanes/(?P<lane>[^/]+)/mutations$")


class DroppedConnection(Exception):
    """Raised after the response headers went out: the server cuts the connection (the fault)."""


@dataclass
class _Plan:
    kind: str
    remaining: int
    path: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Request:
    headers: list[tuple[bytes, bytes]]
    body: bytes


class Faults:
    """ASGI middleware: wraps the central's app (set `app`, or pass it here)."""

    def __init__(self, app: ASGIApp | None = None) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._plans: list[_Plan] = []
        self._pushes: dict[tuple[str, str], deque[_Request]] = {}
        self.counts: dict[str, int] = {}

    def plan(self, kind: str, *, times: int = 1, path: str | None = None, **options: Any) -> None:
        """The next *times* requests whose path contains *path* suffer *kind*."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(KINDS)}")
        if times < 1:
            raise ValueError("times must be at least 1")
        if path is None:
            path = "changes" if kind == "reset_required" else "mutations"
        with self._lock:
            self._plans.append(_Plan(kind, times, path, dict(options)))

    def clear(self) -> None:
        """Forget the plans, the counts and the remembered push bodies."""
        with self._lock:
            self._plans.clear()
            self._pushes.clear()
            self.counts.clear()

    # -- the middleware ------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "Faults needs the app it wraps"
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive) if scope["method"] in ("POST", "PUT", "PATCH") else b""
        plan, old = self._take(scope, body)
        if plan is None:
            await self.app(scope, _replay(body, receive), send)
            return
        kind, options = plan.kind, plan.options
        log.info("fault %s on %s %s", kind, scope["method"], scope["path"])
        if kind == "error_500":
            await _error(send, 500, "internal", "Hệ thống trung tâm gặp lỗi (giả lập).")
        elif kind == "rate_limit":
            await _error(send, 429, "rate_limited", "Quá nhiều yêu cầu; vui lòng thử lại sau.",
                         float(options.get("retry_after", 1)))
        elif kind == "unavailable":
            await _error(send, 503, "unavailable", "Hệ thống trung tâm tạm ngừng phục vụ; vui lòng thử lại sau.",
                         float(options.get("retry_after", 1)))
        elif kind == "reset_required":
            await _error(send, 409, "reset_required",
                         "Con trỏ đồng bộ không còn dùng được; cần tải lại toàn bộ dữ liệu (giả lập).")
        elif kind == "duplicate":
            await self._discarded(scope, body)
            await self.app(scope, _replay(body, receive), send)
        elif kind == "replay_old":
            await self._discarded({**scope, "headers": old.headers}, old.body)
            await self.app(scope, _replay(body, receive), send)
        elif kind == "slow":
            answer = await self._captured(scope, body)
            await asyncio.sleep(float(options.get("seconds", 2.0)))
            try:
                for message in answer:
                    await send(message)
            except Exception:  # noqa: BLE001 - the client gave up waiting: that is the point
                log.debug("slow answer not delivered: the client left")
        elif kind == "drop_after_apply":
            answer = await self._captured(scope, body)
            start = next((m for m in answer if m["type"] == "http.response.start"), None)
            if start is not None:
                await send(start)
            raise DroppedConnection("fault injection: connection cut after the response headers")

    def _take(self, scope: Scope, body: bytes) -> tuple[_Plan | None, _Request | None]:
        """The plan this request suffers (counted), and for replay_old the older request to
        deliver first; remembers push bodies for later replays."""
        path = scope["path"]
        match = _PUSH_PATH.search(path) if scope["method"] == "POST" else None
        lane_key = (match["node"], match["lane"]) if match else None
        with self._lock:
            earlier = self._pushes.get(lane_key) if lane_key else None
            chosen: _Plan | None = None
            old: _Request | None = None
            for plan in self._plans:
                if plan.remaining <= 0 or plan.path not in path:
                    continue
                if plan.kind == "replay_old":
                    # The latest earlier batch that is not this one; none yet: wait for a later request.
                    old = next((r for r in reversed(earlier or ()) if r.body != body), None)
                    if old is None:
                        continue
                chosen = plan
                break
            if chosen is not None:
                chosen.remaining -= 1
                self.counts[chosen.kind] = self.counts.get(chosen.kind, 0) + 1
                self._plans = [p for p in self._plans if p.remaining > 0]
            if lane_key is not None:
                kept = self._pushes.setdefault(lane_key, deque(maxlen=KEEP_BODIES))
                if not kept or kept[-1].body != body:
                    kept.append(_Request(list(scope["headers"]), body))
            return chosen, old

    async def _captured(self, scope: Scope, body: bytes) -> list[Message]:
        """Run the app to the end, keeping its answer instead of sending it."""
        answer: list[Message] = []

        async def keep(message: Message) -> None:
            answer.append(message)

        await self.app(scope, _replay(body, None), keep)
        return answer

    async def _discarded(self, scope: Scope, body: bytes) -> None:
        try:
            await self._captured(scope, body)
        except Exception:  # noqa: BLE001 - the extra delivery's outcome is not the client's business
            log.exception("fault injection: the extra delivery failed")


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive | None) -> Receive:
    """A receive channel that hands over the buffered body, then waits for the disconnect."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        if receive is not None:
            return await receive()
        await asyncio.Event().wait()  # an extra delivery has no client to disconnect
        return {"type": "http.disconnect"}

    return replay


async def _error(send: Send, status: int, error: str, message: str, retry_after: float | None = None) -> None:
    body = json.dumps({"error": error, "message": message, "retry_after": retry_after},
                      ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", str(max(0, round(retry_after))).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
