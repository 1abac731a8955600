"""`SyncClient`: the site's side of the sync contract (SYNC.md, `/sync/v1`) over httpx.

It only speaks HTTP and classifies every failure into one of three kinds the worker
(services/sync_engine.py) knows how to handle:

- `Transient`: try again later (timeouts, refused or cut connections, incomplete or
  unparseable answers, 5xx, 429, 503, 409 "same key in flight"). An ambiguous outcome counts
  as "not delivered": the worker resends the same frozen batch under the same key.
- `ResetRequired`: a pull cursor the server can no longer use (409 `reset_required`): the
  worker takes a paged snapshot.
- `Refused`: a person must act (401/403/404/422 and other 4xx: wrong token, unknown node,
  wrong URL, a request the server will never take).

Nothing here logs the token, request bodies or response bodies: payloads carry citizens'
personal data (Decree 13/2023). Logs name the method, path, status and error code only.
"""

from __future__ import annotations

import email.utils
import logging
import time
import uuid
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from counter_app.sync.wire import (
    PREFIX,
    ChangesPage,
    ErrorBody,
    NodeInfo,
    PushResponse,
    SnapshotPage,
)

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

# Statuses that mean "try again" whatever the body says.
_TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class SyncError(Exception):
    """Base of every sync failure. `message` is technical English for logs (no personal data);
    `error` a stable code (the server's ErrorBody.error, or ours: timeout, connection, ...);
    `status` the HTTP status when there was an answer."""

    def __init__(self, message: str, *, error: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.error = error
        self.status = status


class Transient(SyncError):
    """Not delivered (or not known to be): retry later, at `retry_after` seconds at the earliest
    when the server said so."""

    def __init__(self, message: str, *, retry_after: float | None = None, error: str = "",
                 status: int | None = None) -> None:
        super().__init__(message, error=error, status=status)
        self.retry_after = retry_after


class ResetRequired(SyncError):
    """The pull cursor is unusable: take a paged snapshot of the stream."""

    def __init__(self, message: str = "reset required", *, error: str = "reset_required",
                 status: int | None = 409) -> None:
        super().__init__(message, error=error, status=status)


class Refused(SyncError):
    """The server will not take this as it is: a person must fix something (token, node, URL)."""


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date (RFC 9110)."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


class SyncClient:
    """One httpx.Client for one site (node) and one central server.

    `transport` lets tests record or shape the traffic (still real HTTP underneath when it
    wraps httpx.HTTPTransport)."""

    def __init__(self, base_url: str, token: str, node: str, *, timeout: float = 10.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.node = node
        self._node_path = quote(node, safe="")
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json",
                     "User-Agent": "counter_app-sync/1"},
            timeout=httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=False,  # a redirect means a wrong URL: a person fixes it (Refused)
        )

    # --- the endpoints --------------------------------------------------------------------

    def push(self, lane: str, batch_id: uuid.UUID, body: bytes) -> PushResponse:
        """POST the frozen batch *body* verbatim under `Idempotency-Key: <batch_id>`."""
        path = f"{PREFIX}/nodes/{self._node_path}/lanes/{quote(lane, safe='')}/mutations"
        response = self._request("POST", path, content=body, headers={
            "Content-Type": "application/json", "Idempotency-Key": str(batch_id)})
        result = self._parse(response, PushResponse, path)
        if result.batch_id != batch_id or result.lane != lane:
            # Someone else's answer (a confused proxy, a replay): not ours, so not delivered.
            raise Transient(f"POST {path}: answer for another batch or lane", error="bad_response",
                            status=response.status_code)
        return result

    def changes(self, stream: str, cursor: str, limit: int) -> ChangesPage:
        path = f"{PREFIX}/streams/{quote(stream, safe='')}/changes"
        response = self._request("GET", path, params={"cursor": cursor or "", "limit": int(limit)})
        page = self._parse(response, ChangesPage, path)
        if page.stream != stream:
            raise Transient(f"GET {path}: answer for another stream", error="bad_response",
                            status=response.status_code)
        return page

    def snapshot(self, stream: str, page: str | None, limit: int) -> SnapshotPage:
        path = f"{PREFIX}/streams/{quote(stream, safe='')}/snapshot"
        params: dict[str, Any] = {"limit": int(limit)}
        if page:
            params["page"] = page
        response = self._request("GET", path, params=params)
        result = self._parse(response, SnapshotPage, path)
        if result.stream != stream:
            raise Transient(f"GET {path}: answer for another stream", error="bad_response",
                            status=response.status_code)
        return result

    def node_info(self) -> NodeInfo:
        path = f"{PREFIX}/nodes/{self._node_path}"
        return self._parse(self._request("GET", path), NodeInfo, path)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing -------------------------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        started = time.monotonic()
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            log.info("sync %s %s: timeout (%s)", method, path, type(exc).__name__)
            raise Transient(f"{method} {path}: timeout ({type(exc).__name__})", error="timeout") from None
        except httpx.UnsupportedProtocol:
            raise Refused(f"{method} {path}: unsupported URL scheme", error="bad_url") from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            # The connection broke mid-answer: the server may have applied the batch.
            log.info("sync %s %s: incomplete response (%s)", method, path, type(exc).__name__)
            raise Transient(f"{method} {path}: incomplete response ({type(exc).__name__})",
                            error="incomplete") from None
        except httpx.RequestError as exc:
            log.info("sync %s %s: connection failed (%s)", method, path, type(exc).__name__)
            raise Transient(f"{method} {path}: connection failed ({type(exc).__name__})",
                            error="connection") from None
        except httpx.InvalidURL:
            raise Refused(f"{method} {path}: invalid URL", error="bad_url") from None
        log.debug("sync %s %s -> %s in %.3fs", method, path, response.status_code, time.monotonic() - started)
        return response

    def _parse(self, response: httpx.Response, model: type[M], path: str) -> M:
        status = response.status_code
        if status == 200:
            try:
                return model.model_validate_json(response.content)
            except (ValidationError, ValueError):
                # A 200 we cannot read is ambiguous: treat it as not delivered.
                log.warning("sync %s: unreadable 200 answer (%d bytes)", path, len(response.content))
                raise Transient(f"{path}: unreadable 200 answer", error="bad_response", status=status) from None
        raise self._error(response, path)

    def _error(self, response: httpx.Response, path: str) -> SyncError:
        status = response.status_code
        body = _error_body(response)
        code = body.error if body is not None else ""
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is None and body is not None and body.retry_after is not None:
            retry_after = max(0.0, float(body.retry_after))
        log.info("sync %s: HTTP %d %s", path, status, code or "-")
        message = f"{path}: HTTP {status} {code}".rstrip()
        if status == 409:
            if code == "reset_required":
                return ResetRequired(message, status=status)
            # idempotency_in_flight (the same key is being processed) or an unknown 409.
            return Transient(message, retry_after=retry_after, error=code or "conflict", status=status)
        if status in _TRANSIENT_STATUSES or status >= 500:
            default = {429: "rate_limited", 503: "unavailable"}.get(status, "internal" if status >= 500 else "")
            return Transient(message, retry_after=retry_after, error=code or default or f"http_{status}",
                             status=status)
        default = {401: "unauthorized", 403: "forbidden", 404: "not_found", 422: "invalid_request"}.get(status)
        if 300 <= status < 400:
            default = "redirect"
        return Refused(message, error=code or default or f"http_{status}", status=status)


def _error_body(response: httpx.Response) -> ErrorBody | None:
    try:
        data = response.json()
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    # FastAPI wraps HTTPException details as {"detail": ...}; accept both shapes.
    if "error" not in data and isinstance(data.get("detail"), dict):
        data = data["detail"]
    if not isinstance(data.get("error"), str):
        return None
    try:
        return ErrorBody.model_validate({k: v for k, v in data.items() if k in ErrorBody.model_fields})
    except ValidationError:
        return None
