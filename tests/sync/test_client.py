"""SyncClient against real answers: the reference central server on 127.0.0.1 (with planned
faults), a port nobody listens on, and a tiny HTTP server that answers 200 with junk.

Every failure lands in one of three classes: Transient (try again: the outcome is unknown or
temporary), ResetRequired (take a snapshot), Refused (a person must fix something). And no
token or payload ever reaches the logs.
"""

from __future__ import annotations

import http.server
import logging
import socket
import threading
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from counter_app.sync import wire
from counter_app.sync.client import Refused, ResetRequired, SyncClient, Transient, parse_retry_after

NODE = "000.00.06.H56"
OWNER_NAME = "Nguyễn Thị Bí Mật"


class Recorder(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return super().handle_request(request)


def body(batch_id: uuid.UUID, seq: int = 1, *, waiting: int = 3, node: str = NODE) -> bytes:
    """A telemetry push (a queue snapshot) as the engine freezes it."""
    payload = {"day": "2026-11-26", "field_code": "HT", "issued": 5, "served": 1, "no_show": 0,
               "waiting": waiting, "avg_wait_seconds": 60.0, "avg_service_seconds": 300.0,
               "taken_at": "2026-11-26T02:30:00+00:00", "note": OWNER_NAME}
    request = wire.PushRequest(node=node, lane="telemetry", batch_id=batch_id, mutations=[wire.Mutation(
        seq=seq, mutation_id=uuid.uuid4(), entity_type="queue_day", entity_id=f"2026-11-26:HT",
        operation="queue.snapshot", schema_version=1, payload=payload, payload_sha256=wire.payload_hash(payload),
        created_at=datetime(2026, 11, 26, 2, 30, tzinfo=UTC))])
    return wire.canonical_json(request.model_dump(mode="json")).encode("utf-8")


@pytest.fixture
def client(central):
    c = SyncClient(central.url, central.token, NODE, timeout=5.0)
    yield c
    c.close()


def test_a_push_sends_the_bytes_verbatim_under_the_key_and_parses_the_answer(central):
    recorder = Recorder()
    client = SyncClient(central.url, central.token, NODE, timeout=5.0, transport=recorder)
    batch_id = uuid.uuid4()
    data = body(batch_id)
    answer = client.push("telemetry", batch_id, data)
    assert isinstance(answer, wire.PushResponse) and answer.batch_id == batch_id
    assert [r.status for r in answer.results] == ["applied"] and answer.last_applied_seq == 1
    [request] = recorder.requests
    assert request.content == data
    assert request.headers["Idempotency-Key"] == str(batch_id)
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Authorization"] == f"Bearer {central.token}"
    assert request.url.path == f"/sync/v1/nodes/{NODE}/lanes/telemetry/mutations"

    # The same key and bytes again: the stored answer, nothing applied twice.
    again = client.push("telemetry", batch_id, data)
    assert [r.status for r in again.results] in (["applied"], ["duplicate"])
    mutation_id = str(again.results[0].mutation_id)
    assert central.store.apply_count(NODE, "telemetry", mutation_id) == 1

    info = client.node_info()
    assert info.node == NODE and wire.PROTOCOL_VERSION in info.protocols
    assert {lane.lane: lane.last_applied_seq for lane in info.lanes}["telemetry"] == 1
    page = client.changes("procedures", "", 10)
    assert page.stream == "procedures" and len(page.changes) == 10 and page.has_more
    snap = client.snapshot("procedures", None, 10)
    assert snap.stream == "procedures" and len(snap.items) == 10 and snap.next_page and snap.cursor
    client.close()


def test_a_wrong_token_is_refused(central):
    with SyncClient(central.url, "not-the-token", NODE, timeout=5.0) as client:
        with pytest.raises(Refused) as refused:
            client.node_info()
    assert refused.value.status == 401 and refused.value.error == "unauthorized"


def test_an_unknown_node_is_refused(central):
    token = central.store.add_node("000.00.07.H56", "Trung tâm khác")
    with SyncClient(central.url, token, "999.99.99.X99", timeout=5.0) as client:
        with pytest.raises(Refused) as refused:
            client.node_info()
    assert refused.value.status in (403, 404) and refused.value.error in ("forbidden", "unknown_node")


def test_the_same_key_with_another_body_is_refused(client):
    batch_id = uuid.uuid4()
    client.push("telemetry", batch_id, body(batch_id, waiting=3))
    with pytest.raises(Refused) as refused:
        client.push("telemetry", batch_id, body(batch_id, waiting=4))
    assert refused.value.status == 422 and refused.value.error == "idempotency_mismatch"


def test_a_malformed_request_is_refused(client):
    with pytest.raises(Refused) as refused:
        client.push("telemetry", uuid.uuid4(), b'{"not": "a push"}')
    assert refused.value.status == 422


@pytest.mark.parametrize(("kind", "status", "error"), [
    ("error_500", 500, "internal"), ("rate_limit", 429, "rate_limited"), ("unavailable", 503, "unavailable")])
def test_server_trouble_is_transient_with_its_retry_after(central, client, kind, status, error):
    options = {"retry_after": 2} if kind != "error_500" else {}
    central.faults.plan(kind, times=1, **options)
    batch_id = uuid.uuid4()
    with pytest.raises(Transient) as failed:
        client.push("telemetry", batch_id, body(batch_id))
    assert failed.value.status == status and failed.value.error == error
    if kind != "error_500":
        assert failed.value.retry_after == 2
    assert central.faults.counts.get(kind) == 1
    assert client.push("telemetry", batch_id, body(batch_id)).results[0].status == "applied"


def test_a_response_cut_after_the_server_applied_is_transient(central, client):
    central.faults.plan("drop_after_apply", times=1)
    batch_id = uuid.uuid4()
    data = body(batch_id)
    with pytest.raises(Transient) as failed:
        client.push("telemetry", batch_id, data)
    assert failed.value.error in ("incomplete", "connection")
    answer = client.push("telemetry", batch_id, data)  # the ambiguous outcome: resend as is
    assert answer.results[0].status in ("applied", "duplicate")
    assert central.store.apply_count(NODE, "telemetry", str(answer.results[0].mutation_id)) == 1


def test_a_slow_answer_times_out_and_the_resend_gets_the_stored_answer(central):
    central.faults.plan("slow", times=1, seconds=1.0)
    batch_id = uuid.uuid4()
    data = body(batch_id)
    with SyncClient(central.url, central.token, NODE, timeout=0.3) as impatient:
        with pytest.raises(Transient) as failed:
            impatient.push("telemetry", batch_id, data)
    assert failed.value.error == "timeout" and failed.value.status is None
    with SyncClient(central.url, central.token, NODE, timeout=5.0) as patient:
        answer = patient.push("telemetry", batch_id, data)
    assert answer.results[0].status == "applied"  # the answer stored the first time
    assert central.store.apply_count(NODE, "telemetry", str(answer.results[0].mutation_id)) == 1


def test_the_same_key_still_in_flight_is_transient(central):
    batch_id = uuid.uuid4()
    data = body(batch_id)
    lane_lock = central.store.lane_lock(NODE, "telemetry")
    lane_lock.acquire()  # the central is busy with this lane: the first delivery waits inside
    try:
        with SyncClient(central.url, central.token, NODE, timeout=0.5) as client:
            with pytest.raises(Transient) as waited:
                client.push("telemetry", batch_id, data)
            assert waited.value.error == "timeout"
            with pytest.raises(Transient) as in_flight:
                client.push("telemetry", batch_id, data)
        assert in_flight.value.status == 409 and in_flight.value.error == "idempotency_in_flight"
        assert in_flight.value.retry_after is not None
    finally:
        lane_lock.release()
    with SyncClient(central.url, central.token, NODE, timeout=5.0) as patient:
        deadline = datetime.now(UTC) + timedelta(seconds=10)
        while True:
            try:
                answer = patient.push("telemetry", batch_id, data)
                break
            except Transient:
                assert datetime.now(UTC) < deadline
    assert answer.results[0].status == "applied"
    assert central.store.apply_count(NODE, "telemetry", str(answer.results[0].mutation_id)) == 1


def test_an_unusable_cursor_asks_for_a_reset(central, client):
    page = client.changes("procedures", "", 5)
    central.store.new_epoch()
    with pytest.raises(ResetRequired) as reset:
        client.changes("procedures", page.next_cursor, 5)
    assert reset.value.status == 409 and reset.value.error == "reset_required"
    central.faults.plan("reset_required", times=1, path="changes")
    with pytest.raises(ResetRequired):
        client.changes("procedures", "", 5)


def test_nobody_listening_is_transient():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with SyncClient(f"http://127.0.0.1:{port}", "t", NODE, timeout=2.0) as client:
        with pytest.raises(Transient) as failed:
            client.node_info()
    assert failed.value.error == "connection" and failed.value.status is None


class _Junk(http.server.BaseHTTPRequestHandler):
    answers: dict[str, tuple[int, bytes]] = {}

    def _answer(self) -> None:
        status, data = self.answers.get(self.path.split("?")[0].rsplit("/", 1)[-1], (200, b"ok"))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if status == 503:
            self.send_header("Retry-After", "7")
        self.end_headers()
        self.wfile.write(data)

    do_GET = _answer

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def junk_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Junk)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_200_that_does_not_parse_is_transient(junk_server):
    _Junk.answers = {
        NODE: (200, b"<html>portal maintenance</html>"),
        "mutations": (200, b'{"batch_id": "x"}'),
        "changes": (200, b'{"stream": "procedures", "changes": [], "next_cursor": "c", "has_more": false}'),
        "snapshot": (302, b""),
    }
    with SyncClient(junk_server, "t", NODE, timeout=2.0) as client:
        with pytest.raises(Transient) as failed:
            client.node_info()
        assert failed.value.error == "bad_response" and failed.value.status == 200
        batch_id = uuid.uuid4()
        with pytest.raises(Transient):
            client.push("telemetry", batch_id, body(batch_id))
        # A well-formed page of another stream is not ours either.
        with pytest.raises(Transient):
            client.changes("dossier_status", "", 5)
        with pytest.raises(Refused) as redirected:  # a redirect means a wrong URL
            client.snapshot("procedures", None, 5)
        assert redirected.value.error == "redirect"


def test_a_503_without_a_body_is_transient_with_its_retry_after(junk_server):
    _Junk.answers = {NODE: (503, b"")}
    with SyncClient(junk_server, "t", NODE, timeout=2.0) as client:
        with pytest.raises(Transient) as failed:
            client.node_info()
    assert failed.value.status == 503 and failed.value.retry_after == 7 and failed.value.error == "unavailable"


def test_retry_after_takes_seconds_or_an_http_date():
    now = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after("0.5") == 0.5
    assert parse_retry_after("Thu, 26 Nov 2026 02:30:30 GMT", now=now) == 30.0
    assert parse_retry_after("Thu, 26 Nov 2026 02:29:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None and parse_retry_after("") is None


def test_neither_the_token_nor_a_payload_reaches_the_logs(central, caplog):
    caplog.set_level(logging.DEBUG)
    central.faults.plan("error_500", times=1)
    with SyncClient(central.url, central.token, NODE, timeout=5.0) as client:
        batch_id = uuid.uuid4()
        with pytest.raises(Transient):
            client.push("telemetry", batch_id, body(batch_id))
        client.push("telemetry", batch_id, body(batch_id))
        client.changes("procedures", "", 5)
    with SyncClient(central.url, "wrong-" + central.token, NODE, timeout=5.0) as client:
        with pytest.raises(Refused):
            client.node_info()
    # The client's side only (the central server runs in this process and logs on its own).
    text = "\n".join(r.getMessage() for r in caplog.records
                     if r.name.startswith(("httpx", "httpcore", "counter_app.sync.client")))
    assert "/mutations" in text or "HTTP" in text
    assert central.token not in text and OWNER_NAME not in text
