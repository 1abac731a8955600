"""printing/ stays free of Qt, the database and the other layers (DESIGN §2)."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("PySide6", "sqlalchemy", "counter_app.store", "counter_app.services", "counter_app.ui",
             "counter_app.domain")


def test_printing_imports_nothing_forbidden():
    code = (
        "import sys, counter_app.printing\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r} or "
        f"any(m == f or m.startswith(f + '.') for f in {FORBIDDEN!r}))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
