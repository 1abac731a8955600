"""Field and domain errors carrying stable codes that render as officer-facing messages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from counter_app.domain import messages


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    params: dict = dataclass_field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        return messages.render(self.code, self.params, lang)

    def label(self, lang: str = "vi") -> str:
        return messages.field_label(self.field, lang)

    def __hash__(self) -> int:
        # params is a dict; hash its items so errors can still go into sets.
        return hash((self.field, self.code, tuple(sorted((str(k), repr(v)) for k, v in self.params.items()))))


class DomainError(Exception):
    """A business-rule failure with a stable code; str() is the Vietnamese message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "vi") -> str:
        return messages.render(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.message("vi")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, **{self.params!r})"

    def __reduce__(self):
        # Keep code and params when the error crosses a process boundary (sync workers).
        return (_rebuild_domain_error, (type(self), self.code, self.params))


def _rebuild_domain_error(cls: type[DomainError], code: str, params: dict) -> DomainError:
    error = Exception.__new__(cls)
    Exception.__init__(error, code)
    error.code = code
    error.params = params
    return error


class ValidationFailed(DomainError):
    """Several field errors reported together (code "validation_failed")."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: list[FieldError] = list(errors)
        super().__init__("validation_failed", count=len(self.errors))

    def message(self, lang: str = "vi") -> str:
        if not self.errors:
            return messages.render(self.code, self.params, lang)
        # Each message is a full sentence; drop its final period so the "; " join reads well.
        parts = [f"{e.label(lang)}: {e.message(lang).rstrip('.')}" for e in self.errors]
        return "; ".join(parts) + "."

    def __reduce__(self):
        return (ValidationFailed, (self.errors,))
