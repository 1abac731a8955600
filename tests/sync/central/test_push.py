"""Pushing mutations to the reference central server over real HTTP: authentication, the
per-lane sequence rules (applied, duplicate, conflict, gap, rejected still advances,
retry_later stops), idempotency by batch id, the node's state and a simulated central restore.
"""

from __future__ import annotations

import json
import threading
import time
import uuid

import httpx
from sqlalchemy.orm import Session

from counter_app.sync.wire import PREFIX
from counter_app.sync.central.store import IdempotencyRow
from tests.sync.central.conftest import NODE, OTHER, SQLITE_ONLY


@SQLITE_ONLY
def test_without_a_valid_token_nothing_is_served(server, site):
    url = f"{server.url}{PREFIX}/nodes/{NODE}"
    for headers in ({}, {"Authorization": "Bearer not-the-token"}, {"Authorization": f"Basic {site.token}"}):
        r = httpx.get(url, headers=headers)
        assert r.status_code == 401, headers
        assert r.json()["error"] == "unauthorized"
        assert r.headers["www-authenticate"] == "Bearer"
    key, body = site.body([site.mutation("dossier.received", site.received())])
    r = httpx.post(f"{url}/lanes/case/mutations", content=body, headers={"Idempotency-Key": key})
    assert r.status_code == 401
    assert server.store.lane_state(NODE, "case") == 0


@SQLITE_ONLY
def test_a_token_serves_its_own_node_only(server, site, other_site):
    r = site.client.get(f"{PREFIX}/nodes/{OTHER}")
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    key, body = other_site.body([other_site.mutation("dossier.received", other_site.received())])
    r = site.post(body, key, node=OTHER)
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    assert server.store.lane_state(OTHER, "case") == 0
    # A new token replaces the old one.
    old = site.token
    new = server.store.add_node(NODE, "Bộ phận một cửa", token="a-brand-new-token-0123456789")
    assert new == "a-brand-new-token-0123456789"
    url = f"{server.url}{PREFIX}/nodes/{NODE}"
    assert httpx.get(url, headers={"Authorization": f"Bearer {old}"}).status_code == 401
    assert httpx.get(url, headers={"Authorization": f"Bearer {new}"}).status_code == 200


@SQLITE_ONLY
def test_node_info_reports_each_lane(server, site):
    info = site.client.get(f"{PREFIX}/nodes/{NODE}").json()
    assert info["node"] == NODE and info["protocols"] == [1] and info["server_time"]
    assert {lane["lane"]: lane["last_applied_seq"] for lane in info["lanes"]} == {"case": 0, "telemetry": 0}
    first = site.mutation("dossier.received", site.received())
    second = site.mutation("dossier.received", site.received())
    site.push([first, second])
    lanes = {lane["lane"]: lane for lane in site.client.get(f"{PREFIX}/nodes/{NODE}").json()["lanes"]}
    assert lanes["case"]["last_applied_seq"] == 2 and lanes["case"]["last_mutation_id"] == second["mutation_id"]
    assert lanes["telemetry"]["last_mutation_id"] is None


def test_a_batch_applies_in_seq_order_and_a_resend_is_duplicate(server, site):
    ms = [site.mutation("dossier.received", site.received()) for _ in range(3)]
    # Sent out of order inside the batch: applied in seq order all the same.
    answer = site.push([ms[2], ms[0], ms[1]])
    assert answer["last_applied_seq"] == 3 and answer["expected_seq"] is None
    assert [(r["seq"], r["status"]) for r in answer["results"]] == [(1, "applied"), (2, "applied"), (3, "applied")]
    assert answer["results"][0]["server_ref"] == ms[0]["payload"]["code"]
    # The same mutations in a new batch (new key): duplicates, with the stored result.
    again = site.push(ms)
    assert [r["status"] for r in again["results"]] == ["duplicate"] * 3
    assert [r["server_ref"] for r in again["results"]] == [m["payload"]["code"] for m in ms]
    assert again["last_applied_seq"] == 3
    assert [a["seq"] for a in server.store.applied(NODE, "case")] == [1, 2, 3]
    for m in ms:
        assert server.store.apply_count(NODE, "case", m["mutation_id"]) == 1


def test_another_mutation_at_an_applied_seq_is_a_conflict_and_not_applied(server, site):
    kept = site.mutation("dossier.received", site.received())
    site.push([kept])
    # A site restored from a backup writes a different change at seq 1.
    impostor = site.mutation("dossier.received", site.received(), seq=1)
    result = site.push([impostor])["results"][0]
    assert result["status"] == "conflict" and result["code"] == "seq_reused"
    assert "khôi phục" in result["message"] and result["server_ref"] == kept["mutation_id"]
    assert server.store.dossier(impostor["payload"]["code"]) is None
    assert server.store.apply_count(NODE, "case", impostor["mutation_id"]) == 0


def test_a_gap_stops_the_batch_and_names_the_seq_expected(server, site):
    site.push([site.mutation("dossier.received", site.received())])
    later = [site.mutation("dossier.received", site.received(), seq=s) for s in (3, 4)]
    answer = site.push(later)
    assert answer["expected_seq"] == 2 and answer["last_applied_seq"] == 1
    assert [r["status"] for r in answer["results"]] == ["not_processed", "not_processed"]
    assert server.store.lane_state(NODE, "case") == 1
    # With the missing seq in front, the same later mutations go through.
    missing = site.mutation("dossier.received", site.received(), seq=2)
    answer = site.push([missing, *later])
    assert [r["status"] for r in answer["results"]] == ["applied"] * 3 and answer["expected_seq"] is None


def test_a_rejected_mutation_still_advances_the_lane(server, site):
    bad = site.mutation("dossier.received", site.received(procedure="no.such.procedure"))
    good = site.mutation("dossier.received", site.received())
    answer = site.push([bad, good])
    first, second = answer["results"]
    assert (first["status"], first["code"]) == ("rejected", "procedure_unknown")
    assert "no.such.procedure" in first["message"]
    assert second["status"] == "applied" and answer["last_applied_seq"] == 2
    assert [(a["seq"], a["status"], a["code"]) for a in server.store.applied(NODE, "case")] == [
        (1, "rejected", "procedure_unknown"), (2, "applied", "")]
    assert server.store.apply_count(NODE, "case", bad["mutation_id"]) == 0
    # Sent again: a duplicate repeating the rejection (a non-empty code), never applied.
    again = site.push([bad])["results"][0]
    assert (again["status"], again["code"]) == ("duplicate", "procedure_unknown")
    assert again["message"] == first["message"]


@SQLITE_ONLY
def test_a_wrong_payload_hash_is_rejected(server, site):
    m = site.mutation("dossier.received", site.received())
    m["payload_sha256"] = "0" * 64
    result = site.push([m])["results"][0]
    assert result["status"] == "rejected" and result["code"] == "payload_hash_mismatch"
    assert server.store.dossier(m["payload"]["code"]) is None and server.store.lane_state(NODE, "case") == 1


def test_retry_later_stops_the_batch_without_advancing(server, site):
    first = site.mutation("dossier.received", site.received())
    held = site.mutation("dossier.handoff", {"dossier_id": first["payload"]["dossier_id"], "to_unit": "Phòng Tư pháp"})
    after = site.mutation("dossier.received", site.received())
    server.store.hold_operations.add("dossier.handoff")
    key, body = site.body([first, held, after])
    answer = site.post(body, key).json()
    assert [r["status"] for r in answer["results"]] == ["applied", "retry_later", "not_processed"]
    assert answer["results"][1]["code"] == "held" and answer["results"][1]["message"]
    assert answer["last_applied_seq"] == 1 and answer["expected_seq"] is None
    # The answer is not kept under the key: the same batch, resent once the cause is gone, goes through.
    server.store.hold_operations.clear()
    answer = site.post(body, key).json()
    assert [r["status"] for r in answer["results"]] == ["duplicate", "applied", "applied"]
    assert server.store.lane_state(NODE, "case") == 3


def test_an_unforeseen_failure_applies_the_mutations_before_it_and_leaves_no_trace(server, site, monkeypatch):
    """A bug in one operation (it writes, then crashes): the batch is applied again mutation by
    mutation; the ones before are applied, the broken one answered retry_later with nothing
    of its half-done write kept, the rest not processed."""
    from counter_app.sync.central import store as central_store

    first = site.mutation("dossier.received", site.received())
    broken = site.mutation("dossier.handoff", {"dossier_id": first["payload"]["dossier_id"], "to_unit": "Phòng Tư pháp"})
    after = site.mutation("dossier.received", site.received())

    def half_done_then_crash(self, s, node, m, now):
        d = s.get(central_store.DossierRow, m.payload["dossier_id"])
        d.details = {**d.details, "half": "done"}
        s.flush()
        raise RuntimeError("a bug")

    monkeypatch.setitem(central_store._OPERATIONS, "dossier.handoff", half_done_then_crash)
    key, body = site.body([first, broken, after])
    answer = site.post(body, key).json()
    assert [r["status"] for r in answer["results"]] == ["applied", "retry_later", "not_processed"]
    assert answer["results"][1]["code"] == "temporary_failure" and answer["last_applied_seq"] == 1
    assert server.store.dossier(first["payload"]["code"])["details"] == {}, "the crashed write was kept"
    assert server.store.dossier(after["payload"]["code"]) is None
    # Mended, the same batch goes through, the first one not applied twice.
    monkeypatch.undo()
    answer = site.post(body, key).json()
    assert [r["status"] for r in answer["results"]] == ["duplicate", "applied", "applied"]
    assert server.store.apply_count(NODE, "case", first["mutation_id"]) == 1
    assert server.store.dossier(first["payload"]["code"])["details"]["handoffs"][0]["to_unit"] == "Phòng Tư pháp"


def test_the_same_batch_twice_gets_the_stored_answer_verbatim(server, site):
    key, body = site.body([site.mutation("dossier.received", site.received()) for _ in range(2)])
    first = site.post(body, key)
    second = site.post(body, key)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert [r["status"] for r in second.json()["results"]] == ["applied", "applied"]


def test_the_same_key_with_another_body_is_refused(server, site):
    key, body = site.body([site.mutation("dossier.received", site.received())])
    assert site.post(body, key).status_code == 200
    _, other = site.body([site.mutation("dossier.received", site.received())], batch_id=key)
    r = site.post(other, key)
    assert r.status_code == 422 and r.json()["error"] == "idempotency_mismatch"
    assert server.store.lane_state(NODE, "case") == 1


def test_the_same_key_while_in_flight_answers_409(server, site):
    key, body = site.body([site.mutation("dossier.received", site.received())])
    lock = server.store.lane_lock(NODE, "case")
    lock.acquire()  # the batch gets marked in flight, then waits for the lane
    answers: list[httpx.Response] = []
    try:
        first = threading.Thread(target=lambda: answers.append(site.post(body, key)))
        first.start()
        deadline = time.monotonic() + 5
        while claim_state(server, key) != "in_flight":
            assert time.monotonic() < deadline, "the first delivery never got marked in flight"
            time.sleep(0.01)
        r = site.post(body, key)
        assert r.status_code == 409 and r.json()["error"] == "idempotency_in_flight"
        assert r.json()["retry_after"] == 1.0 and r.headers["retry-after"] == "1"
    finally:
        lock.release()
    first.join(timeout=10)
    assert answers and answers[0].status_code == 200
    assert answers[0].json()["results"][0]["status"] == "applied"
    assert site.post(body, key).content == answers[0].content


@SQLITE_ONLY
def test_malformed_requests_are_422(server, site):
    m = site.mutation("dossier.received", site.received())
    key, body = site.body([m])
    # Idempotency-Key missing, not a UUID, or not the batch id.
    r = site.client.post(f"{PREFIX}/nodes/{NODE}/lanes/case/mutations", content=body)
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    assert site.post(body, "not-a-uuid").json()["error"] == "invalid_request"
    assert site.post(body, str(uuid.uuid4())).status_code == 422
    # Not JSON, a schema violation, node/lane of the body not those of the path, an unknown lane.
    assert site.post(b"{", key).status_code == 422
    broken = json.loads(body)
    broken["mutations"][0]["seq"] = 0
    assert site.post(json.dumps(broken).encode(), key).status_code == 422
    _, body_other_lane = site.body([m], lane="telemetry", batch_id=key)
    assert site.post(body_other_lane, key, lane="case").status_code == 422
    r = site.post(body, key, lane="gossip")
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    assert server.store.lane_state(NODE, "case") == 0


def test_restore_node_forgets_the_tail_and_the_node_resends(server, site):
    ms = [site.mutation("dossier.received", site.received()) for _ in range(4)]
    key, body = site.body(ms)
    assert site.post(body, key).status_code == 200
    server.store.restore_node(NODE, "case", 2)
    assert server.store.lane_state(NODE, "case") == 2
    assert [a["seq"] for a in server.store.applied(NODE, "case")] == [1, 2]
    info = site.client.get(f"{PREFIX}/nodes/{NODE}").json()
    assert info["lanes"][0]["last_applied_seq"] == 2 and info["lanes"][0]["last_mutation_id"] == ms[1]["mutation_id"]
    # The very same batch again: processed again (no stored answer), the tail re-acknowledged once.
    answer = site.post(body, key).json()
    assert [r["status"] for r in answer["results"]] == ["duplicate", "duplicate", "applied", "applied"]
    assert server.store.lane_state(NODE, "case") == 4
    for m in ms:
        assert server.store.apply_count(NODE, "case", m["mutation_id"]) == 1


def claim_state(server, key: str) -> str | None:
    """The idempotency row of a batch, read straight from the central's database."""
    with Session(server.store.engine) as s:
        row = s.get(IdempotencyRow, key)
        return row.state if row is not None else None
