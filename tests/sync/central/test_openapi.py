"""The OpenAPI document of the reference central server: it declares every route, answer and
error, its schemas are the wire models, and the server's answers conform to it (every test's
httpx client checks each answer it receives; here every status is provoked once)."""

from __future__ import annotations

import httpx
import pytest

from counter_app.sync import wire
from counter_app.sync.wire import PREFIX
from tests.sync.central.conftest import NODE, OTHER, SQLITE_ONLY, OpenApiChecker

pytestmark = SQLITE_ONLY

COMMON = {401, 403, 422, 429, 500, 503}
ROUTES = {
    ("post", f"{PREFIX}/nodes/{{node}}/lanes/{{lane}}/mutations"): ("PushResponse", COMMON | {409}),
    ("get", f"{PREFIX}/streams/{{stream}}/changes"): ("ChangesPage", COMMON | {404, 409}),
    ("get", f"{PREFIX}/streams/{{stream}}/snapshot"): ("SnapshotPage", COMMON | {404, 409}),
    ("get", f"{PREFIX}/nodes/{{node}}"): ("NodeInfo", COMMON | {404}),
}


def _ref(response: dict) -> str:
    return response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def test_the_document_declares_every_route_answer_and_error(server):
    doc = httpx.get(f"{server.url}/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    operations = {(m, p): op for p, item in doc["paths"].items() for m, op in item.items()}
    assert set(operations) == set(ROUTES)
    for route, (model, errors) in ROUTES.items():
        responses = operations[route]["responses"]
        assert _ref(responses["200"]) == model, route
        assert {int(s) for s in responses if s != "200"} == errors, route
        assert all(_ref(responses[str(s)]) == "ErrorBody" for s in errors), route
        assert operations[route]["security"] == [{"HTTPBearer": []}], route
    assert doc["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    push = operations["post", f"{PREFIX}/nodes/{{node}}/lanes/{{lane}}/mutations"]
    assert _ref(push["requestBody"]) == "PushRequest" and push["requestBody"]["required"] is True
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" and p["required"] for p in push["parameters"])
    lane = next(p for p in push["parameters"] if p["name"] == "lane")
    assert lane["schema"]["enum"] == list(wire.LANES)
    stream = next(p for p in operations["get", f"{PREFIX}/streams/{{stream}}/changes"]["parameters"]
                  if p["name"] == "stream")
    assert stream["schema"]["enum"] == list(wire.STREAMS)


def test_the_documents_schemas_are_the_wire_models(server):
    schemas = httpx.get(f"{server.url}/openapi.json").json()["components"]["schemas"]
    for name in ("PushRequest", "Mutation", "PushResponse", "ItemResult", "ChangesPage", "Change", "SnapshotPage",
                 "NodeInfo", "LaneState", "ErrorBody"):
        model = getattr(wire, name)
        own = model.model_json_schema(ref_template="#/components/schemas/{model}")
        assert set(schemas[name]["properties"]) == set(model.model_fields), name
        assert set(schemas[name].get("required", [])) == set(own.get("required", [])), name
        assert schemas[name].get("additionalProperties") is False, name  # extra="forbid" on both sides


def test_every_status_the_server_gives_conforms(server, site, openapi):
    """One of each answer; the site's client checks them against the document as they come."""
    mutations = f"{PREFIX}/nodes/{NODE}/lanes/case/mutations"
    key, body = site.body([site.mutation("dossier.received", site.received())])
    anonymous = httpx.Client(base_url=server.url, event_hooks={"response": [openapi.check]})
    try:
        assert anonymous.get(f"{PREFIX}/nodes/{NODE}").status_code == 401
        assert anonymous.post(mutations, content=body, headers={"Idempotency-Key": key}).status_code == 401
        assert anonymous.get(f"{PREFIX}/streams/procedures/changes").status_code == 401
    finally:
        anonymous.close()
    assert site.client.get(f"{PREFIX}/nodes/{OTHER}").status_code == 403
    assert site.post(body, key).status_code == 200
    assert site.post(body, "not-a-key").status_code == 422
    _, other = site.body([site.mutation("dossier.received", site.received())], batch_id=key)
    assert site.post(other, key).status_code == 422
    assert site.client.get(f"{PREFIX}/nodes/{NODE}").status_code == 200
    assert site.changes("procedures", limit=5).status_code == 200
    first = site.snapshot("procedures", limit=5)
    assert first.status_code == 200
    assert site.snapshot("procedures", first.json()["next_page"]).status_code == 200
    assert site.changes("procedures", "nonsense").status_code == 409
    assert site.snapshot("procedures", "nonsense").status_code == 409
    assert site.changes("gossip").status_code == 404
    assert site.changes("procedures", limit=0).status_code == 422
    for kind, status in (("error_500", 500), ("rate_limit", 429), ("unavailable", 503)):
        server.faults.plan(kind, path="")
        assert site.client.get(f"{PREFIX}/nodes/{NODE}").status_code == status
    server.faults.plan("reset_required")
    assert site.changes("procedures").status_code == 409
    seen = {(method, path, status) for method, path, status in openapi.seen}
    assert len(seen) >= 16


def test_the_checker_refuses_what_the_document_does_not_declare(server, openapi):
    def answer(method: str, path: str, status: int, body: bytes) -> httpx.Response:
        return httpx.Response(status, content=body, headers={"Content-Type": "application/json"},
                              request=httpx.Request(method, f"{server.url}{path}"))

    with pytest.raises(AssertionError, match="not declared"):
        openapi.check(answer("GET", f"{PREFIX}/nodes/{NODE}", 418, b'{"error": "teapot"}'))
    with pytest.raises(AssertionError, match="not in the OpenAPI document"):
        openapi.check(answer("GET", "/elsewhere", 200, b"{}"))
    with pytest.raises(ValueError):  # a body that is not the declared model
        openapi.check(answer("GET", f"{PREFIX}/nodes/{NODE}", 200, b'{"node": 1}'))
    assert isinstance(openapi, OpenApiChecker)
