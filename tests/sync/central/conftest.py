"""Fixtures of the reference central server's tests: the server on 127.0.0.1 over a central
database emptied before each test (SQLite file and PostgreSQL), registered sites, and an httpx
client whose every answer is checked against the server's own OpenAPI document.
"""

from __future__ import annotations

import functools
import json
import re
import ssl
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from counter_app.store.engine import make_engine
from counter_app.sync import wire
from counter_app.sync.central.serve import CentralServer
from counter_app.sync.central.store import CentralBase, MetaRow
from counter_app.sync.wire import PREFIX, payload_hash
from tests.conftest import _fresh_pg

NODE = "000.00.06.H56"
OTHER = "000.00.07.H56"
PROC = "1.001193.000.00.00.H38"  # Đăng ký khai sinh: active, same-day, fully online
PROC_10 = "1.001695.000.00.00.H38"  # active, 10 working days
RETIRED = "1.003003.000.00.00.H38"  # retired in the shipped catalog
OWNER = {"full_name": "Trần Văn Bình", "id_number": "001201009876", "id_kind": "cccd", "birth_date": None,
         "phone": "0987654321", "email": "", "address": "5 Trần Phú, Hà Nội"}


@pytest.fixture(scope="session")
def central_pg_database(request) -> str:
    """One PostgreSQL database for the session: dropping a database costs seconds."""
    return _fresh_pg(request, migrated=False)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def central_url(request, tmp_path_factory) -> str:
    """An empty central database: a new SQLite file, or the session's PostgreSQL database
    without the central's tables (the store creates them, as on a first start)."""
    if request.param == "postgresql":
        url = request.getfixturevalue("central_pg_database")
        engine = make_engine(url)
        CentralBase.metadata.drop_all(engine)
        engine.dispose()
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('central') / 'central.sqlite3'}"


# Tests of the HTTP layer alone (authentication, request checks, faults): one backend is enough.
SQLITE_ONLY = pytest.mark.parametrize("central_url", ["sqlite"], indirect=True)


@pytest.fixture(scope="module")
def running_server(central_url) -> Iterator[CentralServer]:
    """One server per module and backend (starting and stopping uvicorn costs a third of a
    second); `server` empties its database before each test."""
    server = CentralServer(central_url).start()
    yield server
    server.stop()


@pytest.fixture
def server(running_server) -> CentralServer:
    """The central on 127.0.0.1 as new: no site, no dossier, a new epoch, the shipped catalog
    just loaded, no fault planned and no operation held."""
    store = running_server.store
    with store.engine.begin() as c:
        for table in reversed(CentralBase.metadata.sorted_tables):
            c.execute(table.delete())
        c.execute(MetaRow.__table__.insert().values(key="epoch", value=uuid.uuid4().hex[:8]))
    store.hold_operations.clear()
    running_server.faults.clear()
    store.load_catalog(None)
    return running_server


# --- checking every answer against the OpenAPI document ------------------------------------------


class OpenApiChecker:
    """Every answer must be declared (path, method, status) and match the declared schema.

    No jsonschema here: the document's schemas are the wire models' (components named after
    them), so each body is validated with the pydantic model the document references."""

    def __init__(self, document: dict) -> None:
        self.document = document
        self.routes = [(re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", path) + "$"), path)
                       for path in document["paths"]]
        self.seen: set[tuple[str, str, int]] = set()

    def check(self, response: httpx.Response) -> None:
        path = response.request.url.path
        if path == "/openapi.json":
            return
        template = next((t for rx, t in self.routes if rx.match(path)), None)
        assert template is not None, f"{path} is not in the OpenAPI document"
        method = response.request.method.lower()
        operation = self.document["paths"][template].get(method)
        assert operation is not None, f"{method.upper()} {template} is not in the OpenAPI document"
        declared = operation["responses"].get(str(response.status_code))
        assert declared is not None, f"{method.upper()} {template} answered {response.status_code}, not declared"
        schema = declared["content"]["application/json"]["schema"]
        model = getattr(wire, schema["$ref"].rsplit("/", 1)[-1])
        response.read()
        model.model_validate_json(response.content)
        self.seen.add((method.upper(), template, response.status_code))


_DOCUMENT: dict = {}


@pytest.fixture
def openapi(server) -> OpenApiChecker:
    """The checker, from the server's document (the same for every server: fetched once)."""
    if not _DOCUMENT:
        _DOCUMENT.update(httpx.get(f"{server.url}/openapi.json").json())
    return OpenApiChecker(_DOCUMENT)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Plain HTTP on loopback; httpx would still build a TLS context per client (~0.1 s).
    return ssl.create_default_context()


class Site:
    """A site as the server sees it: its node, token and the next seq of each lane."""

    def __init__(self, server: CentralServer, node: str, checker: OpenApiChecker) -> None:
        self.server = server
        self.node = node
        self.token = server.store.add_node(node, f"Bộ phận một cửa {node}")
        self.client = httpx.Client(base_url=server.url, timeout=10.0, verify=_tls_context(),
                                   headers={"Authorization": f"Bearer {self.token}"},
                                   event_hooks={"response": [checker.check]})
        self.next_seq = {lane: 1 for lane in wire.LANES}
        self.codes = 0

    # -- building mutations --------------------------------------------------------------------

    def mutation(self, operation: str, payload: dict, *, lane: str = "case", seq: int | None = None,
                 mutation_id: str | None = None) -> dict:
        if seq is None:
            seq = self.next_seq[lane]
            self.next_seq[lane] += 1
        return {"seq": seq, "mutation_id": mutation_id or str(uuid.uuid4()), "entity_type": "dossier",
                "entity_id": str(payload.get("dossier_id", "x")), "operation": operation, "schema_version": 1,
                "payload": payload, "payload_sha256": payload_hash(payload)}

    def received(self, *, procedure: str = PROC, code: str | None = None, dossier_id: str | None = None) -> dict:
        """A dossier.received payload as services/intake.py writes it."""
        if code is None:
            self.codes += 1
            code = f"{self.node}-261126-{self.codes:04d}"
        return {
            "dossier_id": dossier_id or str(uuid.uuid4()), "code": code, "agency_code": self.node,
            "procedure_code": procedure, "catalog_version": "2026.11", "status": 2,
            "transition": {"from": None, "to": 2, "reason": "", "actor": "canbo1"},
            "received_at": "2026-11-26T09:30:00+07:00", "due_at": "2026-12-10T09:30:00+07:00", "late_entry": False,
            "channel": "in_person", "return_method": "counter", "sets": 1, "electronic": False,
            "owner": dict(OWNER), "submitter": None,
            "documents": [{"name": "Tờ khai", "form": "original", "count": 1}], "counter": 1,
        }

    @staticmethod
    def transition(dossier: dict, frm: int, to: int, *, reason: str = "", due_at: str | None = None,
                   **extra: Any) -> dict:
        """A dossier.transition payload as services/lifecycle.py writes it."""
        return {"dossier_id": dossier["dossier_id"], "code": dossier["code"],
                "transition": {"from": frm, "to": to, "reason": reason, "actor": "canbo1"},
                "at": "2026-11-26T10:00:00+07:00", "due_at": due_at or dossier.get("due_at"), "number": "",
                **extra}

    # -- talking to the server -----------------------------------------------------------------

    def body(self, mutations: list[dict], *, lane: str = "case", batch_id: str | None = None) -> tuple[str, bytes]:
        batch_id = batch_id or str(uuid.uuid4())
        body = {"protocol": 1, "node": self.node, "lane": lane, "batch_id": batch_id, "mutations": mutations}
        return batch_id, json.dumps(body, ensure_ascii=False).encode("utf-8")

    def post(self, body: bytes, key: str, *, lane: str = "case", node: str | None = None) -> httpx.Response:
        return self.client.post(f"{PREFIX}/nodes/{node or self.node}/lanes/{lane}/mutations", content=body,
                                headers={"Idempotency-Key": key, "Content-Type": "application/json"})

    def push(self, mutations: list[dict], *, lane: str = "case") -> dict:
        """Send one batch; returns the PushResponse JSON (asserting a 200)."""
        key, body = self.body(mutations, lane=lane)
        r = self.post(body, key, lane=lane)
        assert r.status_code == 200, r.text
        return r.json()

    def send(self, operation: str, payload: dict, *, lane: str = "case") -> dict:
        """One mutation in its own batch; returns its ItemResult JSON."""
        return self.push([self.mutation(operation, payload, lane=lane)], lane=lane)["results"][0]

    def receive(self, **kwargs: Any) -> dict:
        payload = self.received(**kwargs)
        result = self.send("dossier.received", payload)
        assert result["status"] == "applied", result
        return payload

    def changes(self, stream: str, cursor: str = "", limit: int | None = None) -> httpx.Response:
        params: dict[str, Any] = {"cursor": cursor}
        if limit is not None:
            params["limit"] = limit
        return self.client.get(f"{PREFIX}/streams/{stream}/changes", params=params)

    def all_changes(self, stream: str, cursor: str = "", limit: int = 1000) -> tuple[list[dict], str]:
        out: list[dict] = []
        while True:
            r = self.changes(stream, cursor, limit)
            assert r.status_code == 200, r.text
            page = r.json()
            out.extend(page["changes"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return out, cursor

    def snapshot(self, stream: str, page: str | None = None, limit: int | None = None) -> httpx.Response:
        params: dict[str, Any] = {}
        if page is not None:
            params["page"] = page
        if limit is not None:
            params["limit"] = limit
        return self.client.get(f"{PREFIX}/streams/{stream}/snapshot", params=params)

    def close(self) -> None:
        self.client.close()


@pytest.fixture
def site(server, openapi) -> Iterator[Site]:
    s = Site(server, NODE, openapi)
    yield s
    s.close()


@pytest.fixture
def other_site(server, openapi) -> Iterator[Site]:
    s = Site(server, OTHER, openapi)
    yield s
    s.close()
