"""The reference central server's HTTP API (FastAPI): /sync/v1 over a CentralStore.

Thin on purpose: authentication, request checks and error bodies here, every rule in the
store. The OpenAPI document (/openapi.json) is generated from the wire schemas; each route
declares its answers, errors included, and the tests check every answer against it.
"""

# No `from __future__ import annotations`: FastAPI reads the route annotations at runtime,
# and the dependency aliases below are local to create_app.
import logging
import uuid
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from counter_app.sync.central.store import CentralError, CentralStore
from counter_app.sync.wire import (
    MAX_PAGE,
    PREFIX,
    PROTOCOL_VERSION,
    ChangesPage,
    ErrorBody,
    Lane,
    NodeInfo,
    PushRequest,
    PushResponse,
    SnapshotPage,
    Stream,
)

log = logging.getLogger(__name__)

DEFAULT_PAGE = 500


def error_response(status: int, error: str, message: str = "", retry_after: float | None = None) -> JSONResponse:
    headers = {"Retry-After": str(max(0, round(retry_after)))} if retry_after is not None else {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    body = ErrorBody(error=error, message=message, retry_after=retry_after)
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error answers a route declares in the OpenAPI document (always as ErrorBody)."""
    described = {
        401: "Thiếu mã truy cập hoặc mã không đúng (unauthorized)",
        403: "Mã truy cập của một điểm khác (forbidden)",
        404: "Luồng dữ liệu hoặc điểm không tồn tại (unknown_stream, unknown_node)",
        409: "Lô đang được xử lý (idempotency_in_flight) hoặc con trỏ không dùng được (reset_required)",
        422: "Yêu cầu không hợp lệ (invalid_request, idempotency_mismatch)",
        429: "Quá nhiều yêu cầu (rate_limited), xem Retry-After",
        500: "Lỗi máy chủ (internal)",
        503: "Tạm ngừng phục vụ (unavailable), xem Retry-After",
    }
    return {status: {"model": ErrorBody, "description": described[status]} for status in statuses}


_COMMON = (401, 403, 422, 429, 500, 503)


def create_app(store: CentralStore) -> FastAPI:
    app = FastAPI(
        title="counter_app central (reference server)",
        version=str(PROTOCOL_VERSION),
        description="The sync contract of counter_app (SYNC.md), protocol 1. Per-site bearer tokens; "
                    "plain HTTP on loopback only, TLS in front of any real deployment.",
    )
    bearer = HTTPBearer(auto_error=False, description="The site's token (one per node)")

    def caller(credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]) -> str:
        """The node the bearer token belongs to."""
        if credentials is None or not credentials.credentials.strip():
            raise CentralError(401, "unauthorized", "Thiếu mã truy cập (Authorization: Bearer …).")
        node = store.node_for_token(credentials.credentials.strip())
        if node is None:
            raise CentralError(401, "unauthorized",
                               "Mã truy cập không đúng hoặc đã bị thay; vui lòng kiểm tra cấu hình đồng bộ.")
        return node

    Caller = Annotated[str, Depends(caller)]

    def same_node(node: str, path_node: str) -> None:
        if node != path_node:
            raise CentralError(403, "forbidden", f"Mã truy cập này không dùng được cho điểm {path_node[:60]}.")

    @app.exception_handler(CentralError)
    async def on_central_error(_request: Request, exc: CentralError) -> JSONResponse:
        return error_response(exc.status, exc.error, exc.message, exc.retry_after)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(tuple(e.get("loc", ()))[:2] == ("path", "stream") for e in errors):
            return error_response(404, "unknown_stream", "Không có luồng dữ liệu này.")
        detail = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}" for e in errors[:3])
        return error_response(422, "invalid_request", f"Yêu cầu không hợp lệ ({detail}).")

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        error = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "invalid_request")
        return error_response(exc.status_code, error, str(exc.detail))

    @app.exception_handler(Exception)
    async def on_crash(_request: Request, exc: Exception) -> JSONResponse:
        log.error("central: unexpected error", exc_info=exc)
        return error_response(500, "internal", "Hệ thống trung tâm gặp lỗi; vui lòng thử lại sau.")

    # The body is read by hand (declared in the document below): its exact bytes are hashed
    # for the idempotency check, and the token is checked before the body is looked at.
    @app.post(f"{PREFIX}/nodes/{{node}}/lanes/{{lane}}/mutations", response_model=PushResponse,
              responses=_errors(*_COMMON, 409), tags=["push"],
              summary="Apply a batch of one lane in seq order (idempotent by batch id)",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}}}})
    async def push(
        node: str,
        lane: Lane,
        request: Request,
        who: Caller,
        idempotency_key: Annotated[str, Header(alias="Idempotency-Key", description="The batch id")],
    ) -> Response:
        same_node(who, node)
        body = await request.body()
        try:
            batch = PushRequest.model_validate_json(body)
        except ValidationError as exc:
            first = exc.errors()[0] if exc.errors() else {}
            where = ".".join(str(x) for x in first.get("loc", ()))
            raise CentralError(422, "invalid_request",
                               f"Lô thay đổi không hợp lệ ({where}: {first.get('msg', '')}).") from None
        try:
            key = uuid.UUID(idempotency_key.strip())
        except ValueError:
            raise CentralError(422, "invalid_request", "Idempotency-Key phải là mã lô (UUID).") from None
        if key != batch.batch_id:
            raise CentralError(422, "invalid_request", "Idempotency-Key phải trùng với batch_id của lô.")
        if batch.protocol != PROTOCOL_VERSION:
            raise CentralError(422, "invalid_request", f"Hệ thống trung tâm chỉ hỗ trợ giao thức {PROTOCOL_VERSION}.")
        if batch.node != node or batch.lane != lane:
            raise CentralError(422, "invalid_request", "Điểm (node) hoặc luồng (lane) trong lô không khớp với địa chỉ.")
        text = await run_in_threadpool(store.push, node, lane, body, batch)
        # Verbatim: a batch sent again gets the very bytes stored the first time.
        return Response(text, media_type="application/json")

    @app.get(f"{PREFIX}/streams/{{stream}}/changes", response_model=ChangesPage,
             responses=_errors(*_COMMON, 404, 409), tags=["pull"],
             summary="Changes after a cursor, in commit order")
    def changes(
        stream: Stream,
        who: Caller,
        cursor: str = "",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    ) -> ChangesPage:
        return store.changes(who, stream, cursor, limit)

    @app.get(f"{PREFIX}/streams/{{stream}}/snapshot", response_model=SnapshotPage,
             responses=_errors(*_COMMON, 404, 409), tags=["pull"],
             summary="The stream's current records, paged by key, with the cursor to continue from")
    def snapshot(
        stream: Stream,
        who: Caller,
        page: str | None = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    ) -> SnapshotPage:
        return store.snapshot(who, stream, page, limit)

    @app.get(f"{PREFIX}/nodes/{{node}}", response_model=NodeInfo, responses=_errors(*_COMMON, 404),
             tags=["nodes"], summary="Last applied seq per lane, protocol versions, server time")
    def node_info(node: str, who: Caller) -> NodeInfo:
        same_node(who, node)
        return store.node_info(node)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, description=app.description,
                                   routes=app.routes)
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            request_schema = PushRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(request_schema.pop("$defs", {}))
            schemas["PushRequest"] = request_schema
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
