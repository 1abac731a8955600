"""Red messages shown next to the field they are about, and the map from field paths to widgets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from counter_app.domain.errors import FieldError

ERROR_STYLE = "color: #b00020; font-size: 9pt;"


class FieldErrorLabel(QLabel):
    """A small red sentence under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("error")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.clear()
        self.hide()

    @property
    def message(self) -> str:
        """The text shown, or "" when hidden."""
        return "" if self.isHidden() else self.text()


@dataclass
class _Binding:
    path: str
    focus: QWidget
    label: FieldErrorLabel


_INDEX = re.compile(r"\[\d+\]")


class FieldErrorMap:
    """Knows which widget and which red label belong to a field path ("owner.id_number").

    Paths with indexes ("documents[2].count") fall back to the pattern "documents[].count",
    then to their parent ("documents"). Errors for fields nobody registered are returned
    by :meth:`show` so the caller can put them in a general message.
    Registration order is the order of the form: the first error in it gets the focus.
    """

    def __init__(self) -> None:
        self._bindings: dict[str, _Binding] = {}
        self._order: list[str] = []

    def register(self, path: str, focus: QWidget, label: FieldErrorLabel) -> None:
        self._bindings[path] = _Binding(path, focus, label)
        if path not in self._order:
            self._order.append(path)

    def merge(self, other: FieldErrorMap) -> None:
        """Take over another map's fields (a sub-form), after the ones already here."""
        for path in other._order:
            binding = other._bindings[path]
            self.register(path, binding.focus, binding.label)

    def binding_for(self, path: str) -> _Binding | None:
        candidates = [path, _INDEX.sub("[]", path)]
        parent = path
        while "." in parent or "[" in parent:
            parent = _parent(parent)
            candidates.append(parent)
        for candidate in candidates:
            if candidate in self._bindings:
                return self._bindings[candidate]
        return None

    def clear(self) -> None:
        for binding in self._bindings.values():
            binding.label.clear_message()

    def clear_field(self, path: str) -> None:
        binding = self._bindings.get(path)
        if binding is not None:
            binding.label.clear_message()

    def set_message(self, path: str, text: str) -> bool:
        binding = self.binding_for(path)
        if binding is None:
            return False
        binding.label.show_message(text)
        return True

    def message(self, path: str) -> str:
        binding = self._bindings.get(path)
        return binding.label.text() if binding is not None and not binding.label.isHidden() else ""

    def show(
        self,
        errors: Iterable[FieldError],
        lang: str,
        *,
        extra: Iterable[tuple[str, str]] = (),
    ) -> tuple[QWidget | None, list[FieldError]]:
        """Show every error next to its field (several on one field are joined).

        ``extra`` adds (path, message) pairs made by the UI itself (a date that does not
        parse, a document row number).
        Returns the widget of the first wrong field in form order, and the errors that
        have no field on this form.
        """
        texts: dict[str, list[str]] = {}
        unplaced: list[FieldError] = []
        for path, text in extra:
            binding = self.binding_for(path)
            if binding is not None and text not in texts.setdefault(binding.path, []):
                texts[binding.path].append(text)
        for error in errors:
            binding = self.binding_for(error.field)
            if binding is None:
                unplaced.append(error)
                continue
            text = error.message(lang)
            if text not in texts.setdefault(binding.path, []):
                texts[binding.path].append(text)
        for path, lines in texts.items():
            self._bindings[path].label.show_message("\n".join(lines))
        first = next((self._bindings[p].focus for p in self._order if p in texts), None)
        return first, unplaced


def _parent(path: str) -> str:
    """"owner.id_number" -> "owner"; "documents[2].name" -> "documents[2]" -> "documents"."""
    if path.endswith("]"):
        return path[: path.rindex("[")]
    if "." in path:
        return path[: path.rindex(".")]
    return path
