"""Every fault the reference central server injects, as an httpx client meets it, and what the
central's data says afterwards (applied or not, never twice)."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from counter_app.sync.wire import PREFIX
from tests.sync.central.conftest import NODE, SQLITE_ONLY

pytestmark = SQLITE_ONLY


def test_drop_after_apply_cuts_the_answer_but_the_batch_is_applied(server, site):
    m = site.mutation("dossier.received", site.received())
    key, body = site.body([m])
    server.faults.plan("drop_after_apply")
    with pytest.raises(httpx.RemoteProtocolError):
        site.post(body, key)
    assert server.faults.counts == {"drop_after_apply": 1}
    assert server.store.lane_state(NODE, "case") == 1
    # The client cannot know: it sends the same batch again and gets the answer it missed.
    answer = site.post(body, key)
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied"
    assert server.store.apply_count(NODE, "case", m["mutation_id"]) == 1


@pytest.mark.parametrize(("kind", "status", "error"), [
    ("error_500", 500, "internal"),
    ("rate_limit", 429, "rate_limited"),
    ("unavailable", 503, "unavailable"),
])
def test_refusals_before_the_app_apply_nothing(server, site, kind, status, error):
    key, body = site.body([site.mutation("dossier.received", site.received())])
    server.faults.plan(kind, times=2, retry_after=2)
    for _ in range(2):
        r = site.post(body, key)
        assert r.status_code == status and r.json()["error"] == error
        if status != 500:
            assert r.headers["retry-after"] == "2" and r.json()["retry_after"] == 2.0
    assert server.store.lane_state(NODE, "case") == 0
    assert server.faults.counts == {kind: 2}
    assert site.post(body, key).status_code == 200  # the plan is used up
    assert server.store.lane_state(NODE, "case") == 1


def test_slow_applies_then_answers_late(server, site):
    key, body = site.body([site.mutation("dossier.received", site.received())])
    server.faults.plan("slow", seconds=1.0)
    with pytest.raises(httpx.ReadTimeout):
        site.client.post(f"{PREFIX}/nodes/{NODE}/lanes/case/mutations", content=body, timeout=0.3,
                         headers={"Idempotency-Key": key})
    assert server.store.lane_state(NODE, "case") == 1  # applied before the wait
    server.faults.plan("slow", seconds=0.5)
    started = time.monotonic()
    r = site.post(body, key)
    assert time.monotonic() - started >= 0.5
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied"
    assert server.faults.counts == {"slow": 2}


def test_duplicate_delivers_the_batch_twice_and_applies_it_once(server, site):
    m = site.mutation("dossier.received", site.received())
    key, body = site.body([m])
    server.faults.plan("duplicate")
    r = site.post(body, key)
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied"  # the stored answer
    assert server.faults.counts == {"duplicate": 1}
    assert server.store.apply_count(NODE, "case", m["mutation_id"]) == 1
    assert [a["seq"] for a in server.store.applied(NODE, "case")] == [1]


def test_replay_old_delivers_an_earlier_batch_first(server, site):
    first = site.mutation("dossier.received", site.received())
    second = site.mutation("dossier.handoff", {"dossier_id": first["payload"]["dossier_id"],
                                               "to_unit": "Phòng Tư pháp"})
    server.store.hold_operations.add("dossier.handoff")
    old_key, old_body = site.body([first, second])
    assert [r["status"] for r in site.post(old_body, old_key).json()["results"]] == ["applied", "retry_later"]
    server.store.hold_operations.clear()
    third = site.mutation("dossier.received", site.received())
    server.faults.plan("replay_old")
    key, body = site.body([second, third])
    answer = site.post(body, key).json()
    # The old batch got there first and applied seq 2: this one finds it done.
    assert [r["status"] for r in answer["results"]] == ["duplicate", "applied"]
    assert server.faults.counts == {"replay_old": 1}
    assert [a["seq"] for a in server.store.applied(NODE, "case")] == [1, 2, 3]
    for m in (first, second, third):
        assert server.store.apply_count(NODE, "case", m["mutation_id"]) == 1


def test_replay_old_waits_for_an_earlier_batch(server, site):
    server.faults.plan("replay_old")
    site.push([site.mutation("dossier.received", site.received())])  # nothing earlier to replay yet
    assert server.faults.counts == {}
    site.push([site.mutation("dossier.received", site.received())])
    assert server.faults.counts == {"replay_old": 1}
    assert server.store.lane_state(NODE, "case") == 2


def test_reset_required_on_a_pull(server, site):
    _, cursor = site.all_changes("procedures")
    server.faults.plan("reset_required")
    r = site.changes("procedures", cursor)
    assert r.status_code == 409 and r.json()["error"] == "reset_required"
    assert site.changes("procedures", cursor).status_code == 200
    assert server.faults.counts == {"reset_required": 1}


def test_a_plan_waits_for_its_path(server, site):
    server.faults.plan("error_500", path="changes")
    assert site.push([site.mutation("dossier.received", site.received())])["last_applied_seq"] == 1
    assert site.client.get(f"{PREFIX}/nodes/{NODE}").status_code == 200
    assert site.changes("procedures").status_code == 500
    assert server.faults.counts == {"error_500": 1}


def test_plans_from_another_thread_and_clear(server, site):
    with pytest.raises(ValueError):
        server.faults.plan("meteor")
    planners = [threading.Thread(target=server.faults.plan, args=("unavailable",), kwargs={"path": "nodes"})
                for _ in range(5)]
    for t in planners:
        t.start()
    for t in planners:
        t.join()
    statuses = [site.client.get(f"{PREFIX}/nodes/{NODE}").status_code for _ in range(7)]
    assert statuses == [503] * 5 + [200] * 2
    server.faults.plan("error_500", times=3, path="nodes")
    server.faults.clear()
    assert server.faults.counts == {}
    assert site.client.get(f"{PREFIX}/nodes/{NODE}").status_code == 200

