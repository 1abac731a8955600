"""Typing as the officer does: keys go to whatever widget has the focus.

QTest.keyClicks only knows ASCII (it aborts on "ễ"), so letters outside ASCII are sent as
key events carrying their text, which is what a Vietnamese input method delivers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def type_text(qtbot, text: str, widget: QWidget | None = None) -> None:
    """Type ``text`` into ``widget`` (default: the focused widget)."""
    for char in text:
        target = widget or focused()
        if char.isascii() and char.isprintable():
            qtbot.keyClick(target, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press one key (Tab, Enter, Ctrl+Enter …) on the focused widget."""
    qtbot.keyClick(focused(), key, modifier)


def tab(qtbot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, Qt.Key.Key_Tab)
