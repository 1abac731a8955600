"""The queue commands, run as a script would run them."""

from __future__ import annotations

import json

from tests.cli.conftest import run, run_as


def test_fields_issue_call_finish_status(demo_db, tmp_path):
    r = run(demo_db, tmp_path, "fields", "list", "--json")
    assert r.returncode == 0, r.stderr
    fields = json.loads(r.stdout)
    assert len(fields) >= 6 and all({"code", "name", "prefix"} <= set(f) for f in fields)
    ht = next(f for f in fields if f["name"] == "Hộ tịch")

    r = run_as(demo_db, tmp_path, "canbo1", "queue", "call", "--counter", "1", "--json")
    assert r.returncode == 0 and json.loads(r.stdout) is None  # nobody waits yet

    first = json.loads(run_as(demo_db, tmp_path, "canbo1", "queue", "issue", "--field", ht["code"], "--json").stdout)
    second = json.loads(run_as(demo_db, tmp_path, "canbo1", "queue", "issue", "--field", ht["code"], "--priority", "elderly",
                            "--json").stdout)
    assert first["number"] == f"{ht['prefix']}001" and first["field"] == ht["code"] and first["ahead"] == 0
    assert second["ahead"] == 1 and second["priority"] == "elderly"
    assert first["issued_at"].endswith("+07:00")

    called = json.loads(run_as(demo_db, tmp_path, "canbo2", "queue", "call", "--counter", "2", "--json").stdout)
    assert called["number"] == second["number"]  # priority first (2 normal : 1 priority)
    busy = run_as(demo_db, tmp_path, "canbo2", "queue", "call", "--counter", "2", "--json")
    assert busy.returncode == 2 and "quầy" in busy.stderr.lower()

    status = json.loads(run_as(demo_db, tmp_path, "canbo1", "queue", "status", "--json").stdout)
    counter2 = next(c for c in status["counters"] if c["number"] == 2)
    assert counter2["current"]["number"] == second["number"]
    assert next(f for f in status["fields"] if f["code"] == ht["code"])["waiting"] == 1

    r = run_as(demo_db, tmp_path, "canbo2", "queue", "finish", "--counter", "2", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["status"] == "done"


def test_bad_queue_input_exits_2(demo_db, tmp_path):
    r = run_as(demo_db, tmp_path, "canbo1", "queue", "issue", "--field", "NO_SUCH_FIELD")
    assert r.returncode == 2 and r.stderr.strip()
    r = run_as(demo_db, tmp_path, "canbo1", "queue", "call", "--counter", "99")
    assert r.returncode == 2 and "99" in r.stderr
