"""Pulling from the reference central server: commit-ordered changes with cursors and paging,
reset_required when a cursor is unusable, paged snapshots that cover every record and hand
out one cursor, and what the back office and the catalog publish."""

from __future__ import annotations

import base64
import copy

from counter_app.sync.central.store import decode_cursor
from tests.sync.central.conftest import NODE, OTHER, PROC, PROC_10, RETIRED, SQLITE_ONLY


def catalog_procedure(store, code: str) -> tuple[dict, dict, str]:
    record = next(p for p in store.procedures() if p["code"] == code)
    return record["field"], copy.deepcopy(record["procedure"]), record["version"]


def test_the_shipped_catalog_is_published_with_retired_procedures_as_deletes(server, site):
    changes, _ = site.all_changes("procedures")
    assert len(changes) == 53 == len({c["key"] for c in changes})
    retired = [c for c in changes if c["op"] == "delete"]
    assert {c["key"] for c in retired} == {RETIRED, "2.000488.000.00.00.H38"}
    assert all(c["data"]["procedure"]["retired"] is True and c["data"]["version"] == "2026.11" for c in retired)
    first = next(c for c in changes if c["key"] == PROC)
    assert first["op"] == "upsert" and first["data"]["field"] == {"code": "ho_tich", "name": "Hộ tịch",
                                                                   "ticket_prefix": "A"}
    assert first["data"]["procedure"]["name"] == "Đăng ký khai sinh"
    # Loading the same catalog again publishes nothing.
    assert server.store.load_catalog(None) == 0
    assert site.all_changes("procedures", site.all_changes("procedures")[1])[0] == []


def test_changes_page_in_commit_order_with_has_more(server, site):
    _, start = site.all_changes("procedures")
    dossiers = [site.receive() for _ in range(5)]
    for d in dossiers:
        server.store.advance(d["code"], 4)
    seen, cursor = [], ""
    pages = 0
    while True:
        page = site.changes("dossier_status", cursor, limit=2).json()
        pages += 1
        seen.extend(page["changes"])
        assert len(page["changes"]) <= 2
        if not page["has_more"]:
            assert page["next_cursor"] == cursor or page["changes"]
            break
        cursor = page["next_cursor"]
    assert pages == 3
    positions = [c["position"] for c in seen]
    assert positions == sorted(positions) and len(set(positions)) == 5
    assert [c["data"]["code"] for c in seen] == [d["code"] for d in dossiers]
    # Nothing new: the cursor stays where it is.
    empty = site.changes("dossier_status", page["next_cursor"]).json()
    assert empty == {"stream": "dossier_status", "changes": [], "next_cursor": page["next_cursor"], "has_more": False}
    # Only changes after the cursor come next.
    server.store.advance(dossiers[0]["code"], 9)
    after = site.changes("dossier_status", page["next_cursor"]).json()["changes"]
    assert [(c["data"]["code"], c["data"]["status"]) for c in after] == [(dossiers[0]["code"], 9)]
    assert site.changes("procedures", start).json()["changes"] == []


def test_a_site_sees_its_own_dossiers_and_the_common_catalog(server, site, other_site):
    mine = site.receive()
    theirs = other_site.receive()
    server.store.advance(mine["code"], 4)
    server.store.advance(theirs["code"], 4)
    server.store.publish_online_dossier(OTHER, procedure_code=PROC, owner={"full_name": "Lê Thị Mai",
                                                                         "id_number": "001301012345"})
    assert [c["key"] for c in site.all_changes("dossier_status")[0]] == [mine["dossier_id"]]
    assert [c["key"] for c in other_site.all_changes("dossier_status")[0]] == [theirs["dossier_id"]]
    assert site.all_changes("online_dossiers")[0] == []
    assert len(other_site.all_changes("online_dossiers")[0]) == 1
    assert len(site.all_changes("procedures")[0]) == len(other_site.all_changes("procedures")[0]) == 53


def test_an_unusable_cursor_answers_reset_required(server, site):
    d = site.receive()
    server.store.advance(d["code"], 4)
    _, cursor = site.all_changes("dossier_status")
    for bad in ("garbage", base64.urlsafe_b64encode(b"1:nope:3").decode().rstrip("="), "MTp4Oi0x"):
        r = site.changes("dossier_status", bad)
        assert r.status_code == 409 and r.json()["error"] == "reset_required", bad
    assert site.changes("dossier_status", cursor).status_code == 200
    server.store.new_epoch()
    r = site.changes("dossier_status", cursor)
    assert r.status_code == 409 and r.json()["error"] == "reset_required"
    # A new cursor (from the start) works under the new epoch.
    assert site.changes("dossier_status", "").status_code == 200


def test_compaction_makes_older_cursors_reset_required(server, site):
    ds = [site.receive() for _ in range(3)]
    for d in ds:
        server.store.advance(d["code"], 4)
    changes, head = site.all_changes("dossier_status")
    first_page = site.changes("dossier_status", "", limit=1).json()
    removed = server.store.compact("dossier_status", changes[2]["position"])
    assert removed == 2
    for old in ("", first_page["next_cursor"]):  # from the start, or from before the floor
        r = site.changes("dossier_status", old)
        assert r.status_code == 409 and r.json()["error"] == "reset_required"
    # A cursor at the floor still works: nothing it needs was removed.
    at_floor = site.changes("dossier_status", _cursor_at(head, changes[2]["position"] - 1))
    assert at_floor.status_code == 200 and [c["key"] for c in at_floor.json()["changes"]] == [ds[2]["dossier_id"]]
    assert site.changes("dossier_status", head).json()["changes"] == []
    # The snapshot's cursor is never below the floor.
    snap = site.snapshot("dossier_status").json()
    assert site.changes("dossier_status", snap["cursor"]).status_code == 200


def test_positions_are_never_handed_out_twice_after_compaction(server, site):
    d = site.receive()
    server.store.advance(d["code"], 4)
    changes, cursor = site.all_changes("dossier_status")
    server.store.compact("dossier_status", changes[-1]["position"] + 1)  # the newest change goes too
    server.store.advance(d["code"], 9)
    after = site.changes("dossier_status", cursor).json()["changes"]
    assert [c["data"]["status"] for c in after] == [9] and after[0]["position"] > changes[-1]["position"]


def _cursor_at(cursor: str, position: int) -> str:
    epoch, _ = decode_cursor(cursor)
    return base64.urlsafe_b64encode(f"1:{epoch}:{position}".encode()).decode().rstrip("=")


def test_a_snapshot_covers_every_record_and_keeps_one_cursor(server, site, other_site):
    ds = [site.receive() for _ in range(5)]
    other_site.receive()
    for d in ds[:3]:
        server.store.advance(d["code"], 4)
    online = [server.store.publish_online_dossier(NODE, procedure_code=PROC, owner={"full_name": f"Người {i}",
                                                                                   "id_number": "001301012345"})
              for i in range(3)]
    site.send("dossier.transition", site.transition(online[0], 1, 2))

    for stream, expected in (
        ("procedures", 53),
        ("dossier_status", 5 + 3),  # the site's dossiers, the online ones included
        ("online_dossiers", 2),  # still waiting in the inbox
    ):
        items, cursors, page, pages = [], set(), None, 0
        while True:
            r = site.snapshot(stream, page, limit=2).json()
            pages += 1
            items.extend(r["items"])
            cursors.add(r["cursor"])
            assert r["has_more"] == (r["next_page"] is not None)
            if not r["has_more"]:
                break
            page = r["next_page"]
            if stream == "dossier_status" and pages == 1:
                server.store.advance(ds[4]["code"], 4)  # a change between two pages keeps the cursor
        keys = [i["key"] for i in items]
        assert len(keys) == expected == len(set(keys)), stream
        assert keys == sorted(keys), stream
        assert len(cursors) == 1, stream
        assert pages == (expected + 1) // 2, stream
    statuses = {i["key"]: i["data"]["status"] for i in _snapshot(site, "dossier_status")}
    assert statuses[ds[0]["dossier_id"]] == 4 and statuses[online[0]["dossier_id"]] == 2
    assert statuses[online[1]["dossier_id"]] == 1
    waiting = {i["key"] for i in _snapshot(site, "online_dossiers")}
    assert waiting == {online[1]["dossier_id"], online[2]["dossier_id"]}
    procedures = {i["key"]: i for i in _snapshot(site, "procedures")}
    assert procedures[RETIRED]["op"] == "delete" and procedures[RETIRED]["data"]["procedure"]["retired"]
    assert procedures[PROC]["op"] == "upsert"


def _snapshot(site, stream: str) -> list[dict]:
    items, page = [], None
    while True:
        r = site.snapshot(stream, page).json()
        items.extend(r["items"])
        page = r["next_page"]
        if page is None:
            return items


def test_changes_after_a_snapshot_cursor_are_the_ones_it_missed(server, site):
    d = site.receive()
    first = site.snapshot("dossier_status", limit=1).json()
    server.store.advance(d["code"], 4)
    changes, _ = site.all_changes("dossier_status", first["cursor"])
    assert [(c["key"], c["data"]["status"]) for c in changes] == [(d["dossier_id"], 4)]
    assert all(i["position"] == decode_cursor(first["cursor"])[1] for i in first["items"])


@SQLITE_ONLY
def test_a_snapshot_page_of_another_epoch_is_reset_required(server, site):
    for _ in range(3):
        site.receive()
    first = site.snapshot("dossier_status", limit=1).json()
    server.store.new_epoch()
    r = site.snapshot("dossier_status", first["next_page"])
    assert r.status_code == 409 and r.json()["error"] == "reset_required"
    assert site.snapshot("dossier_status", "not-a-page").status_code == 409


@SQLITE_ONLY
def test_unknown_streams_and_bad_limits(server, site):
    r = site.changes("gossip")
    assert r.status_code == 404 and r.json()["error"] == "unknown_stream"
    assert site.snapshot("gossip").status_code == 404
    for limit in (0, 1001):
        r = site.changes("procedures", "", limit)
        assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    assert len(site.changes("procedures").json()["changes"]) == 53  # default page 500


def test_back_office_moves_are_published_with_their_reason(server, site):
    d = site.receive(procedure=PROC_10)
    server.store.advance(d["code"], 4, reason="Chuyển phòng chuyên môn")
    moved = server.store.advance(d["code"], 5, reason="Thiếu bản sao giấy khai sinh")
    assert moved["status"] == 5 and moved["version"] == 3
    back = server.store.advance(d["code"], 4)
    assert back["status"] == 4
    ready = server.store.advance(d["code"], 9, actor="phong_tu_phap")
    assert ready["result_ready_at"] is not None
    changes, _ = site.all_changes("dossier_status")
    assert [c["data"]["status"] for c in changes] == [4, 5, 4, 9]
    assert all(c["data"]["origin"] == "central" and c["data"]["mutation_id"] is None for c in changes)
    assert changes[1]["data"]["transition"] == {"from": 4, "to": 5, "reason": "Thiếu bản sao giấy khai sinh",
                                                "actor": "central"}
    assert changes[3]["data"]["transition"]["actor"] == "phong_tu_phap"


@SQLITE_ONLY
def test_back_office_moves_are_checked_by_the_state_machine(server, site):
    import pytest

    from counter_app.domain.errors import DomainError

    d = site.receive()
    with pytest.raises(DomainError) as refused:
        server.store.advance(d["code"], 10)
    assert refused.value.code == "transition_illegal"
    with pytest.raises(DomainError) as no_reason:
        server.store.advance(d["code"], 5)
    assert no_reason.value.code == "transition_reason_required"
    with pytest.raises(DomainError):
        server.store.advance("000.00.06.H56-261126-9999", 4)
    assert site.all_changes("dossier_status")[0] == []


def test_catalog_changes_are_published(server, site):
    _, cursor = site.all_changes("procedures")
    field, procedure, _ = catalog_procedure(server.store, PROC_10)
    procedure["processing_days"] = 15
    server.store.upsert_procedure(field, procedure, "2026.12")
    server.store.retire_procedure(PROC)
    server.store.retire_procedure(PROC)  # already retired: nothing more
    changes, _ = site.all_changes("procedures", cursor)
    assert [(c["op"], c["key"]) for c in changes] == [("upsert", PROC_10), ("delete", PROC)]
    assert changes[0]["data"]["version"] == "2026.12" and changes[0]["data"]["procedure"]["processing_days"] == 15
    assert changes[1]["data"]["procedure"]["retired"] is True
    # The retired procedure is refused for new dossiers; the changed one is taken.
    assert site.send("dossier.received", site.received(procedure=PROC))["code"] == "procedure_retired"
    assert site.send("dossier.received", site.received(procedure=PROC_10))["status"] == "applied"


@SQLITE_ONLY
def test_an_invalid_catalog_change_is_refused_before_publishing(server, site):
    import pytest

    from counter_app.domain.errors import DomainError

    _, cursor = site.all_changes("procedures")
    field, procedure, version = catalog_procedure(server.store, PROC_10)
    procedure["counting"] = "whenever"
    with pytest.raises(DomainError) as refused:
        server.store.upsert_procedure(field, procedure, version)
    assert refused.value.code == "catalog_invalid"
    with pytest.raises(DomainError):
        server.store.load_catalog(b'{"format": "counter_app.catalog/1"}')
    assert site.all_changes("procedures", cursor)[0] == []
