"""Show the kill-loop figures in the test summary (without -s); the README quotes them."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001 - pytest hook
    lines = [value for reports in terminalreporter.stats.values() for r in reports
             for key, value in getattr(r, "user_properties", ()) if key == "kill_loop" and r.when == "call"]
    if lines:
        terminalreporter.write_sep("-", "kill -9 of the desk mid-save")
        for line in lines:
            terminalreporter.write_line(line)
