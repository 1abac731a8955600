"""Each operation the central applies, over real HTTP: what it stores, what it publishes and
why it rejects (a stable code, a Vietnamese message, the central's state of the record)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from tests.sync.central.conftest import NODE, PROC, PROC_10, RETIRED, SQLITE_ONLY


def test_a_received_dossier_is_created_at_the_central(server, site):
    payload = site.receive(procedure=PROC_10)
    d = server.store.dossier(payload["code"])
    assert d["dossier_id"] == payload["dossier_id"] and d["node"] == NODE and d["status"] == 2
    assert d["procedure_code"] == PROC_10 and d["catalog_version"] == "2026.11" and d["version"] == 1
    assert datetime.fromisoformat(d["due_at"]) == datetime(2026, 12, 10, 2, 30, tzinfo=UTC)
    assert datetime.fromisoformat(d["received_at"]) == datetime(2026, 11, 26, 2, 30, tzinfo=UTC)
    assert d["origin"] == "node" and d["channel"] == "counter"
    assert [x["code"] for x in server.store.dossiers(NODE)] == [payload["code"]]


def test_a_received_dossier_is_rejected_for_a_reason(server, site, other_site):
    unknown = site.send("dossier.received", site.received(procedure="9.999999.000.00.00.H38"))
    assert (unknown["status"], unknown["code"]) == ("rejected", "procedure_unknown")
    retired = site.send("dossier.received", site.received(procedure=RETIRED))
    assert (retired["status"], retired["code"]) == ("rejected", "procedure_retired")
    assert "bãi bỏ" in retired["message"]
    first = site.receive()
    same_id = site.send("dossier.received", site.received(dossier_id=first["dossier_id"]))
    assert (same_id["status"], same_id["code"]) == ("rejected", "dossier_exists")
    assert same_id["server_state"]["dossier_id"] == first["dossier_id"]
    taken = other_site.send("dossier.received", other_site.received(code=first["code"]))
    assert (taken["status"], taken["code"]) == ("rejected", "code_taken")
    bad = site.received()
    del bad["due_at"]
    invalid = site.send("dossier.received", bad)
    assert (invalid["status"], invalid["code"]) == ("rejected", "payload_invalid") and "due_at" in invalid["message"]
    assert server.store.lane_state(NODE, "case") == 5  # every rejection advanced the lane


def test_a_transition_moves_the_dossier_and_is_published(server, site):
    d = site.receive()
    result = site.send("dossier.transition", site.transition(d, 2, 4, due_at="2026-12-11T09:30:00+07:00"))
    assert result["status"] == "applied" and result["server_ref"] == d["code"]
    central = server.store.dossier(d["code"])
    assert central["status"] == 4 and central["version"] == 2
    assert datetime.fromisoformat(central["due_at"]) == datetime(2026, 12, 11, 2, 30, tzinfo=UTC)
    changes, _ = site.all_changes("dossier_status")
    assert len(changes) == 1
    change = changes[0]
    assert change["op"] == "upsert" and change["key"] == d["dossier_id"]
    data = change["data"]
    assert data["status"] == 4 and data["origin"] == "node" and data["version"] == 2
    assert data["transition"] == {"from": 2, "to": 4, "reason": "", "actor": "canbo1"}
    assert data["mutation_id"] == server.store.applied(NODE, "case")[-1]["mutation_id"]
    # The result ready (9) records its time; the handover (10) needs the handover record.
    site.send("dossier.transition", site.transition(d, 4, 9))
    assert server.store.dossier(d["code"])["result_ready_at"] is not None
    refused = site.send("dossier.transition", site.transition(d, 9, 10))
    assert (refused["status"], refused["code"]) == ("rejected", "transition_illegal")
    assert "Trả kết quả" in refused["message"]
    handed = site.send("dossier.transition", site.transition(d, 9, 10, handover={"collector_kind": "owner"}))
    assert handed["status"] == "applied" and server.store.dossier(d["code"])["status"] == 10


def test_a_transition_from_another_status_is_a_status_conflict_with_the_server_state(server, site):
    d = site.receive()
    server.store.advance(d["code"], 4, reason="Chuyển phòng chuyên môn")
    server.store.advance(d["code"], 8, reason="Hồ sơ thuộc thẩm quyền cơ quan khác")
    result = site.send("dossier.transition", site.transition(d, 2, 9))
    assert (result["status"], result["code"]) == ("rejected", "status_conflict")
    assert "Dừng xử lý" in result["message"] and "Được tiếp nhận" in result["message"]
    state = result["server_state"]
    assert state["status"] == 8 and state["dossier_id"] == d["dossier_id"] and state["version"] == 3
    assert state["transition"]["to"] == 8 and state["origin"] == "central"
    assert server.store.dossier(d["code"])["status"] == 8


@SQLITE_ONLY
def test_an_illegal_transition_is_rejected_with_the_state_machine_message(server, site):
    d = site.receive()
    result = site.send("dossier.transition", site.transition(d, 2, 10))
    assert (result["status"], result["code"]) == ("rejected", "transition_illegal")
    no_reason = site.send("dossier.transition", site.transition(d, 2, 5))
    assert no_reason["code"] == "transition_illegal" and "lý do" in no_reason["message"]
    assert server.store.dossier(d["code"])["status"] == 2
    unknown = site.send("dossier.transition", {**site.transition(d, 2, 4), "dossier_id": str(uuid.uuid4())})
    assert (unknown["status"], unknown["code"]) == ("rejected", "dossier_unknown")


@SQLITE_ONLY
def test_another_sites_dossier_is_unknown_to_a_site(server, site, other_site):
    d = site.receive()
    result = other_site.send("dossier.transition", other_site.transition(d, 2, 4))
    assert (result["status"], result["code"]) == ("rejected", "dossier_unknown")
    assert server.store.dossier(d["code"])["status"] == 2


def test_an_apology_moves_the_due_date(server, site):
    d = site.receive(procedure=PROC_10)
    result = site.send("dossier.apology", {"dossier_id": d["dossier_id"], "code": d["code"], "number": "04/2026",
                                           "reason": "Cần xác minh thêm", "due_before": d["due_at"],
                                           "due_at": "2026-12-17T09:30:00+07:00", "actor": "canbo1"})
    assert result["status"] == "applied"
    central = server.store.dossier(d["code"])
    assert datetime.fromisoformat(central["due_at"]) == datetime(2026, 12, 17, 2, 30, tzinfo=UTC)
    assert central["version"] == 2 and central["details"]["apologies"][0]["reason"] == "Cần xác minh thêm"
    change = site.all_changes("dossier_status")[0][-1]
    assert change["data"]["due_at"] == central["due_at"] and change["data"]["status"] == 2


def test_handoffs_and_not_accepted_slips_are_stored(server, site):
    d = site.receive()
    handoff = {"dossier_id": d["dossier_id"], "code": d["code"], "from_unit": "Bộ phận Một cửa",
               "to_unit": "Phòng Tư pháp", "at": "2026-11-26T10:00:00+07:00", "giver": "canbo1",
               "receiver": "Lê Văn Tâm", "outcome": "on_time", "note": "", "actor": "canbo1"}
    assert site.send("dossier.handoff", handoff)["status"] == "applied"
    assert server.store.dossier(d["code"])["details"]["handoffs"][0]["to_unit"] == "Phòng Tư pháp"
    slip = {"id": "0195f0a1-0000-7000-8000-000000000001", "kind": "not_accepted", "number": "03/2026",
            "agency_code": NODE, "procedure_code": PROC, "at": "2026-11-26T10:00:00+07:00",
            "reason": "Thiếu giấy tờ", "missing": [], "counter": 1, "actor": "canbo1"}
    result = site.send("intake.not_accepted", slip)
    assert result["status"] == "applied" and result["server_ref"] == "03/2026"
    unsupported = site.send("dossier.teleport", {"dossier_id": d["dossier_id"]})
    assert (unsupported["status"], unsupported["code"]) == ("rejected", "unsupported_operation")


def test_a_queue_snapshot_replaces_the_previous_one(server, site):
    def snapshot(waiting: int, served: int) -> dict:
        return {"day": "2026-11-26", "field_code": "ho_tich", "issued": waiting + served, "waiting": waiting,
                "served": served}

    assert site.send("queue.snapshot", snapshot(5, 1), lane="telemetry")["status"] == "applied"
    assert site.send("queue.snapshot", snapshot(2, 9), lane="telemetry")["status"] == "applied"
    other_field = {"day": "2026-11-26", "field_code": "chung_thuc", "issued": 3, "waiting": 0, "served": 3}
    site.send("queue.snapshot", other_field, lane="telemetry")
    rows = {(t["day"], t["field_code"]): t for t in server.store.telemetry(NODE)}
    assert set(rows) == {("2026-11-26", "ho_tich"), ("2026-11-26", "chung_thuc")}
    assert (rows["2026-11-26", "ho_tich"]["waiting"], rows["2026-11-26", "ho_tich"]["served"]) == (2, 9)
    bad = site.send("queue.snapshot", {"field_code": "ho_tich"}, lane="telemetry")
    assert (bad["status"], bad["code"]) == ("rejected", "payload_invalid")
    assert server.store.lane_state(NODE, "telemetry") == 4 and server.store.lane_state(NODE, "case") == 0


def test_an_online_dossier_leaves_the_inbox_when_the_site_acts(server, site):
    accepted = server.store.publish_online_dossier(NODE, procedure_code=PROC_10, owner=dict(site_owner()))
    refused = server.store.publish_online_dossier(NODE, procedure_code=PROC_10, owner=dict(site_owner()))
    assert accepted["code"].startswith(f"{NODE}-") and accepted["code"].endswith("-90001")
    assert refused["code"].endswith("-90002") and accepted["status"] == 1
    changes, cursor = site.all_changes("online_dossiers")
    assert [(c["op"], c["key"]) for c in changes] == [("upsert", accepted["dossier_id"]),
                                                      ("upsert", refused["dossier_id"])]
    record = changes[0]["data"]
    assert record["agency_code"] == NODE and record["owner"]["full_name"] == "Phạm Thị Hoa"
    assert record["documents"] and record["return_method"] == "online"

    result = site.send("dossier.transition", site.transition(accepted, 1, 2, due_at="2026-12-10T09:30:00+07:00",
                                                             receipt={"number": "01/2026"}))
    assert result["status"] == "applied"
    site.send("dossier.transition", site.transition(refused, 1, 3, reason="Không thuộc thẩm quyền"))
    assert server.store.dossier(accepted["code"])["status"] == 2
    assert server.store.dossier(accepted["code"])["received_at"] is not None
    assert server.store.dossier(refused["code"])["status"] == 3
    later, _ = site.all_changes("online_dossiers", cursor)
    assert [(c["op"], c["key"]) for c in later] == [("delete", accepted["dossier_id"]),
                                                    ("delete", refused["dossier_id"])]
    statuses = {c["key"]: c["data"]["status"] for c in site.all_changes("dossier_status")[0]}
    assert statuses == {accepted["dossier_id"]: 2, refused["dossier_id"]: 3}


def test_an_online_dossier_withdrawn_on_the_portal(server, site):
    online = server.store.publish_online_dossier(NODE, procedure_code=PROC, owner=site_owner())
    _, cursor = site.all_changes("online_dossiers")
    server.store.withdraw_online_dossier(online["dossier_id"])
    assert server.store.dossier(online["code"])["status"] == 7
    later, _ = site.all_changes("online_dossiers", cursor)
    assert [(c["op"], c["key"]) for c in later] == [("delete", online["dossier_id"])]
    # Too late for the site's acceptance: the central says where the dossier is.
    result = site.send("dossier.transition", site.transition(online, 1, 2))
    assert result["code"] == "status_conflict" and result["server_state"]["status"] == 7


def site_owner() -> dict:
    return {"full_name": "Phạm Thị Hoa", "id_number": "001301012345", "id_kind": "cccd", "birth_date": "2001-03-04",
            "phone": "0912345678", "email": "", "address": "12 Lê Lợi, Hà Nội"}
