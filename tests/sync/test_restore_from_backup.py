"""A site database restored with `db restore` from a real backup (SYNC.md, "client restored from
backup"): the engine notices that the central holds changes this database no longer has,
tells a person, and its new work follows what the central holds, each change applied once.

Real parts: the backup and restore services (SQLite online backup / pg_dump + pg_restore), the
reference central server over HTTP on 127.0.0.1, the site database on both backends.
"""

from __future__ import annotations

import time

import pytest

from counter_app.services import backup, intake, sync_status
from counter_app.services.context import Services
from counter_app.services.sync_engine import SyncEngine
from tests.helpers import intake_request, pick_procedure
from tests.sync._checks import frozen_batches, issues, outbox

NODE = "000.00.06.H56"


def _drain(engine: SyncEngine, svc, cycles: int = 10) -> None:
    result = None
    for _ in range(cycles):
        result = engine.cycle()
        if result.ok and not [r for r in outbox(svc) if r.state == "pending"] and not frozen_batches(svc):
            return
        time.sleep(0.02)
    raise AssertionError(f"not drained: {result!r}")


def test_a_restore_from_a_real_backup_is_detected_and_nothing_is_applied_twice(
        svc, officer, central, sync_engine, tmp_path, clock):
    if svc.backend == "postgresql":
        pytest.importorskip("psycopg")
        try:
            backup.find_pg_tool("pg_dump", 0)
        except Exception as exc:  # the CI machine has the client tools: say so loudly if not
            pytest.fail(f"PostgreSQL client tools (pg_dump/pg_restore) are needed for this test: {exc}")
    proc = pick_procedure(svc, days=5)
    engine = sync_engine(svc)
    first = intake.receive_dossier(svc, officer, intake_request(proc)).code
    _drain(engine, svc)

    saved = backup.backup(svc, tmp_path / "site-backup.bin")
    lost = [intake.receive_dossier(svc, officer, intake_request(proc)).code for _ in range(2)]
    _drain(engine, svc)
    held = central.store.lane_state(NODE, "case")
    assert held == 3

    # The disk dies; the officer restores last night's backup.
    engine.close()
    svc.close()
    info = backup.restore(svc.database_url, saved.path, force=True, now=clock())
    assert info.replaced_data and info.numbering_moved
    restored = Services(svc.database_url, archive_dir=svc.archive_dir, clock=clock)
    try:
        codes_here = {r.entity_id for r in outbox(restored, "case")}
        assert len(outbox(restored, "case")) == 1, "the backup holds only the first change"

        new = intake.receive_dossier(restored, officer, intake_request(proc))
        # The codes printed after the backup are never issued again.
        assert new.code not in lost and new.code != first
        assert int(new.code.rsplit("-", 1)[1]) > backup.RESTORE_NUMBER_GAP
        engine2 = sync_engine(restored)
        _drain(engine2, restored)

        # A person is told, in words, what the central holds that this database lost.
        found = issues(restored)
        assert [i["kind"] for i in found] == ["restored_backup"], found
        listed = sync_status.list_issues(restored)
        assert any("khôi phục" in (i.message or "").lower() or "sao lưu" in (i.message or "").lower()
                   for i in listed), [i.message for i in listed]

        # Every change reached the central exactly once, the new one after what it held.
        rows = outbox(restored, "case")
        new_row = rows[-1]
        assert new_row.state == "acked" and new_row.seq == held + 1
        assert central.store.apply_count(NODE, "case", new_row.mutation_id) == 1
        assert central.store.lane_state(NODE, "case") == held + 1
        for code in (first, *lost):
            assert central.store.dossier(code)["status"] == 2
        assert central.store.dossier(new.code)["status"] == 2
        assert codes_here  # the first dossier's change survived the restore
    finally:
        restored.close()
