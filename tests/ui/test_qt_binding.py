"""The Qt binding must keep Python's reference counts, or the desk dies mid-session.

PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a Qt method
that returns nothing (it relies on None being immortal, which only Python >= 3.12 has).
After a few thousand calls (minutes of work at the counter) the interpreter aborts with
"Fatal Python error: none_dealloc". This test names the cause instead of a bare abort.
"""

from __future__ import annotations

import sys

import PySide6
import pytest
from PySide6.QtWidgets import QLineEdit


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_keep_the_reference_count_of_none(qapp):
    edit = QLineEdit()
    edit.setText("warm-up")
    before = sys.getrefcount(None)
    for _ in range(200):
        edit.setText("Nguyễn Văn An")
    lost = before - sys.getrefcount(None)
    assert lost < 50, (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} loses a reference to None "
        f"on each void call ({lost} in 200 calls): the desk would abort after a few thousand calls. "
        "Use PySide6-Essentials < 6.12 on Python 3.11, or Python >= 3.12."
    )
