"""The desk's save path in a loop, for the kill -9 test (tests/crash/test_kill_desk.py).

    python -m tests.crash.desk_child <db_url> <archive_dir> <report_file> <actor_json>

This process is a small fork server: it imports the program once, then, for each line
``run <first>`` on stdin, forks a desk process that does what the intake controller does
when the officer presses Save (ui/desk/intake_controller.py) — services.intake.receive_dossier,
then services.documents.print_receipt (render Mẫu 01, archive the PDF, record its SHA-256) —
over and over, with its own engine and connections, until the test SIGKILLs it. Forking
saves the ~1.5 s an interpreter takes to import the program, and a first save made by the
fork server (iteration 0) makes each desk process as warm as a desk open for a while.

Each iteration's dossier carries a marker in its note ("crash-loop #<n>", n counting up from
<first>; 0 is the fork server's warm-up save). A line is appended to <report_file> (and fsynced) only AFTER the service returned:
``saved <n> <code>`` and ``printed <n> <code> <sha256> <path>``.

On stdout: ``ready <pid>`` when a desk process has its engine up (the test's random delay
starts then), ``dead <pid> <status>`` when it is gone (status: -9 after SIGKILL), and
``error <pid> <text>`` if the save path raised (a bug: the test fails).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import uuid
from dataclasses import replace


def _say(line: str) -> None:
    os.write(1, (line.replace("\n", " | ") + "\n").encode("utf-8"))


class Desk:
    """The desk's services and signed-in officer, as the intake screen holds them."""

    def __init__(self, url: str, archive: str, report: str, a: dict) -> None:
        from counter_app.services.catalog import list_procedures
        from counter_app.services.context import Actor, Services

        self.actor = Actor(uuid.UUID(a["user_id"]) if a["user_id"] else None, a["username"], a["full_name"],
                           a["role"], a["counter_number"], uuid.UUID(a["site_id"]) if a.get("site_id") else None)
        self.svc = Services(url, archive_dir=archive, migrate_on_start=False)
        self.procedure = next(p for p in list_procedures(self.svc) if not p.retired and p.documents)
        self.fd = os.open(report, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def note(self, line: str) -> None:
        # A line cut by an earlier kill is closed by the leading newline; blank lines are skipped.
        os.write(self.fd, f"\n{line}\n".encode())
        os.fsync(self.fd)

    def save(self, n: int) -> None:
        """What pressing Save does: receive the dossier, then print (render, archive, record) its receipt."""
        from counter_app.services import documents, intake
        from tests.helpers import intake_request

        request = replace(intake_request(self.procedure), note=f"crash-loop #{n}")
        saved = intake.receive_dossier(self.svc, self.actor, request)
        self.note(f"saved {n} {saved.code}")
        printed = documents.print_receipt(self.svc, self.actor, saved.code)
        self.note(f"printed {n} {saved.code} {printed.sha256} {printed.path}")

    def close(self) -> None:
        os.close(self.fd)
        self.svc.close()


def desk(url: str, archive: str, report: str, first: int, a: dict) -> None:
    """One desk process: save and print until killed."""
    d = Desk(url, archive, report, a)
    _say(f"ready {os.getpid()}")
    n = first
    while True:
        d.save(n)
        n += 1


def warm_up(url: str, archive: str, report: str, a: dict) -> None:
    """One save (iteration 0) in the fork server itself, then close everything: the desk
    processes forked from here are as warm as a desk that has been open a while (a fresh
    interpreter spends ~2.5 s importing, configuring mappers, compiling the first statements
    and rendering the first receipt). No connection or thread is left to be inherited."""
    d = Desk(url, archive, report, a)
    try:
        d.save(0)
    finally:
        d.close()


def main(argv: list[str]) -> int:
    url, archive, report, actor_json = argv
    actor = json.loads(actor_json)
    warm_up(url, archive, report, actor)
    _say("zygote")
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        if cmd != "run":
            break
        pid = os.fork()
        if pid == 0:
            try:
                desk(url, archive, report, int(arg), actor)
            except BaseException:  # noqa: BLE001 - report anything, then die
                _say(f"error {os.getpid()} {traceback.format_exc()}")
                os._exit(1)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        _say(f"dead {pid} {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
