"""The back-office simulation, driven step by step with a frozen clock: realistic moves and
portal submissions, the same for the same seed."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta

from counter_app.domain.identity import check_id_number
from counter_app.sync.central.simulate import SUPPLEMENT_REASONS, Simulator, cccd_number, fake_citizen
from counter_app.sync.central.store import CentralStore
from counter_app.sync.wire import Mutation, PushRequest, payload_hash
from tests.conftest import FrozenClock
from tests.sync.central.conftest import NODE

START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 09:00 in Hà Nội
PROC_3 = "1.004873.000.00.00.H38"  # 3 working days, fully online


def seeded_store(path, clock: FrozenClock, dossiers: int = 40) -> CentralStore:
    """A central with the catalog, one site and *dossiers* received this morning (due in 3 days)."""
    store = CentralStore(f"sqlite:///{path}", clock=clock)
    store.load_catalog(None)
    store.add_node(NODE, token="simulation-token-0123456789")
    mutations = []
    for i in range(dossiers):
        received = START + timedelta(minutes=5 * i)
        payload = {"dossier_id": str(uuid.UUID(int=i + 1)), "code": f"{NODE}-261123-{i + 1:04d}",
                   "procedure_code": PROC_3, "catalog_version": "2026.11", "received_at": received.isoformat(),
                   "due_at": (received + timedelta(days=3)).isoformat(),
                   "transition": {"from": None, "to": 2, "reason": "", "actor": "canbo1"}}
        mutations.append(Mutation(seq=i + 1, mutation_id=uuid.UUID(int=10_000 + i), entity_type="dossier",
                                  entity_id=payload["dossier_id"], operation="dossier.received", schema_version=1,
                                  payload=payload, payload_sha256=payload_hash(payload)))
    if mutations:
        request = PushRequest(node=NODE, lane="case", batch_id=uuid.UUID(int=99), mutations=mutations)
        store.push(NODE, "case", request.model_dump_json().encode(), request)
    return store


def run(path, seed: int, hours: int = 120) -> tuple[list, list[dict], CentralStore]:
    clock = FrozenClock(START)
    store = seeded_store(path, clock)
    simulator = Simulator(store, rng=random.Random(seed), online_interval=timedelta(hours=3))
    trace = []
    now = START + timedelta(minutes=45)
    for hour in range(hours):
        clock.set(now + timedelta(hours=hour))
        trace.append(simulator.step(clock.now))
    return trace, store.dossiers(), store


def summary(dossiers: list[dict]) -> list[tuple]:
    return [(d["code"], d["status"], d["due_at"], d["result_ready_at"], d["transition"]["reason"]) for d in dossiers]


def test_the_same_seed_gives_the_same_run(tmp_path):
    trace_a, dossiers_a, store_a = run(tmp_path / "a.sqlite3", seed=7)
    trace_b, dossiers_b, store_b = run(tmp_path / "b.sqlite3", seed=7)
    assert trace_a == trace_b
    assert summary(dossiers_a) == summary(dossiers_b)
    online_a = [store_a.dossier(d["code"]) for d in dossiers_a if d["channel"] == "portal"]
    assert online_a and [d["dossier_id"] for d in online_a] == [d["dossier_id"] for d in dossiers_b
                                                                 if d["channel"] == "portal"]
    trace_c, _, store_c = run(tmp_path / "c.sqlite3", seed=8, hours=24)
    assert trace_c != trace_a[:24]
    for store in (store_a, store_b, store_c):
        store.close()


def test_the_back_office_moves_dossiers_realistically(tmp_path):
    clock = FrozenClock(START)
    store = seeded_store(tmp_path / "central.sqlite3", clock)
    simulator = Simulator(store, rng=random.Random(3), online_interval=timedelta(hours=3))
    assert simulator.step(START) == []  # plans made, nothing due yet
    clock.set(START + timedelta(minutes=31))
    moved = simulator.step(clock.now)
    assert {(m["from"], m["to"]) for m in moved} == {(2, 4)} and len(moved) == 40  # forwarded within minutes
    for hour in range(1, 130):
        simulator.step(START + timedelta(hours=hour))
    counter = [d for d in store.dossiers(NODE) if d["channel"] == "counter"]
    statuses = [d["status"] for d in counter]
    assert set(statuses) <= {5, 9}
    supplements = [d for d in counter if d["status"] == 5]
    assert 1 <= len(supplements) <= 10
    assert all(d["transition"]["reason"] in SUPPLEMENT_REASONS for d in supplements)
    ready = [d for d in counter if d["status"] == 9]
    late = [d for d in ready if d["result_ready_at"] > d["due_at"]]
    assert 1 <= len(late) <= len(ready) // 3  # mostly on time, some late
    assert all(d["transition"]["actor"] == "simulator" and d["origin"] == "central" for d in ready)
    # The portal: dossiers now and then, waiting in the site's inbox.
    online = [d for d in store.dossiers(NODE) if d["channel"] == "portal"]
    assert 20 <= len(online) <= 80 and all(d["status"] == 1 for d in online)
    assert all(d["code"].split("-")[-1].startswith("9") for d in online)
    store.close()


def test_online_citizens_are_plausible(tmp_path):
    rng = random.Random(11)
    for _ in range(200):
        person = fake_citizen(rng, date(2026, 11, 26))
        born = date.fromisoformat(person["birth_date"])
        assert check_id_number(person["id_number"], birth_date=born) == [], person
        assert len(person["full_name"].split()) == 3 and person["phone"].startswith("0") and len(person["phone"]) == 10
        assert 18 <= 2026 - born.year <= 86
    assert cccd_number(random.Random(1), date(2001, 5, 2), male=False)[3:6] == "301"
    assert cccd_number(random.Random(1), date(1975, 5, 2), male=True)[3:6] == "075"


def test_online_dossiers_take_procedures_citizens_may_submit_online(tmp_path):
    clock = FrozenClock(START)
    store = seeded_store(tmp_path / "central.sqlite3", clock, dossiers=0)
    simulator = Simulator(store, rng=random.Random(5), speed=60.0)  # an hour of portal traffic a minute
    for minute in range(0, 60):
        simulator.step(START + timedelta(minutes=minute))
    online = store.dossiers(NODE)
    assert online
    procedures = {p["code"]: p for p in store.procedures()}
    for d in online:
        proc = procedures[d["procedure_code"]]
        assert not proc["retired"] and proc["procedure"]["online_class"] in ("toan_trinh", "mot_phan")
    store.close()
