"""A tab whose figures belong to the report period: read in the worker when the period changes
(or when the tab comes forward after it changed), drawn again from the same figures when the
language changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from counter_app.ui.supervisor.widgets import describe_error


class PeriodTab(QWidget):
    """Subclasses give ``fetch(period)`` (a callable run in the worker), ``render()`` (draws
    ``self.data`` in the UI language) and ``show_loading`` / ``show_failed``.

    Signals:
        loaded(object): the figures of a period were read and drawn.
    """

    loaded = Signal(object)
    EXCEL_KEYS: tuple[str, ...] = ()

    def __init__(self, services: Any, actor: Any, worker: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.period: Any | None = None   # the period of self.data
        self.wanted: Any | None = None   # the period asked for last
        self.data: Any | None = None
        self.failure: BaseException | None = None
        self._generation = 0
        # The window puts its period bar here while this tab is in front (subclasses add it on top).
        self.bar_slot = QVBoxLayout()
        self.bar_slot.setContentsMargins(0, 0, 0, 4)

    @property
    def stale(self) -> bool:
        return self.wanted is not None and (self.period != self.wanted or self.data is None)

    def load(self, period: Any) -> None:
        self._generation += 1
        generation = self._generation
        self.wanted = period
        self.failure = None
        self.show_loading()
        self.worker.run(self.fetch(period), on_success=lambda data: self._on_loaded(generation, period, data),
                        on_failure=lambda error: self._on_failed(generation, error), owner=self)

    def _on_loaded(self, generation: int, period: Any, data: Any) -> None:
        if generation != self._generation:
            return
        self.period = period
        self.data = data
        self.render()
        self.loaded.emit(data)

    def _on_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.failure = error
        self.show_failed(self.tr("The figures could not be computed: %1").replace("%1", describe_error(error)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
            if self.data is not None:
                self.render()
        super().changeEvent(event)

    def excel_keys(self) -> tuple[str, ...]:
        """The report_tables keys of the table(s) this tab shows now (for "Export to Excel")."""
        return self.EXCEL_KEYS

    # --- for subclasses -------------------------------------------------------------------

    def fetch(self, period: Any) -> Callable[[], Any]:
        raise NotImplementedError

    def render(self) -> None:
        raise NotImplementedError

    def retranslateUi(self) -> None:
        pass

    def show_loading(self) -> None:
        pass

    def show_failed(self, text: str) -> None:
        pass
