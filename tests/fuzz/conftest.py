"""Fuzz suite: prints how many inputs it tried (the README quotes the number)."""

from __future__ import annotations

from tests.fuzz.strategies import SCALE, TRIED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not TRIED:
        return
    by_backend: dict[str, int] = {}
    for (_, backend), n in TRIED.items():
        by_backend[backend] = by_backend.get(backend, 0) + n
    targets = {target for target, _ in TRIED}
    parts = ", ".join(f"{b}: {n}" for b, n in sorted(by_backend.items()))
    terminalreporter.write_sep("-", "fuzz")
    terminalreporter.write_line(
        f"fuzz: {sum(TRIED.values())} inputs tried across {len(targets)} targets ({parts}); "
        f"FUZZ_EXAMPLES_SCALE={SCALE:g}"
    )
    for (target, backend), n in sorted(TRIED.items()):
        terminalreporter.write_line(f"  {target:<36} {backend:<11} {n}")
