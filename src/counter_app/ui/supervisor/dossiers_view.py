"""Tab "Hồ sơ": the dossiers that need the supervisor — due today, overdue, waiting for the
citizen's supplements, results not collected — as a masked list; Enter or a double-click opens
one in the desk's dossier dialog (an audited view)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.services import supervisor
from counter_app.ui.supervisor.dossier_list import DossierListPanel
from counter_app.ui.supervisor.widgets import section_title, titled
from counter_app.ui.widgets.pdf_preview import open_receipt_preview

LIST_LIMIT = 500
CHOICE_STYLE = (
    "QPushButton { padding: 6px 12px; border: 1px solid #cbd5e1; border-radius: 4px; background: #f8fafc; }"
    " QPushButton:checked { background: #1a73e8; color: white; border-color: #1a73e8; }"
)


class DossiersView(QWidget):
    """A list chooser (one button per list, with its count) above the list.

    Signals:
        listShown(str, list): the list ``kind`` was read and shown.
    """

    listShown = Signal(str, list)

    def __init__(self, services: Any, actor: Any, worker: Any, *, preview_opener: Any = open_receipt_preview,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.worker = worker
        self.kind = supervisor.DOSSIER_LISTS[0]
        self.counts: dict[str, int] = {}
        self.uncollected_days = 5
        self.title = section_title()
        title_row, self.help = titled(self.title, "dossier_lists")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        choices = QHBoxLayout()
        for kind in supervisor.DOSSIER_LISTS:
            button = QPushButton()
            button.setObjectName(f"list_{kind}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setStyleSheet(CHOICE_STYLE)
            button.clicked.connect(lambda _checked=False, k=kind: self.show_list(k))
            self.group.addButton(button)
            self.buttons[kind] = button
            choices.addWidget(button)
        choices.addStretch(1)
        self.buttons[self.kind].setChecked(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color: #455a64;")
        self.panel = DossierListPanel(services, actor, worker, preview_opener=preview_opener, limit=LIST_LIMIT)
        self.panel.loaded.connect(lambda items: self.listShown.emit(self.kind, items))
        self.panel.dossierClosed.connect(self._on_dossier_closed)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addLayout(choices)
        layout.addWidget(self.explanation)
        layout.addWidget(self.panel, 1)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Dossiers to follow up"))
        for kind, button in self.buttons.items():
            label = self.list_name(kind)
            count = self.counts.get(kind)
            button.setText(f"{label} ({count})" if count is not None else label)
        self.explanation.setText(self._explain(self.kind))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def list_name(self, kind: str) -> str:
        return {
            "due_today": self.tr("Due today"),
            "overdue": self.tr("Overdue"),
            "supplement": self.tr("Waiting for supplements"),
            "uncollected": self.tr("Results not collected > %1 days").replace("%1", str(self.uncollected_days)),
        }[kind]

    def _explain(self, kind: str) -> str:
        return {
            "due_today": self.tr("The result is due today: check with the resolving unit that it will be ready."),
            "overdue": self.tr("Past the due date in force: an apology (form 04) with a new date is owed to the "
                               "citizen. Open a dossier to record it."),
            "supplement": self.tr("The citizen was asked for more papers (form 02); the deadline is paused until "
                                  "they come back."),
            "uncollected": self.tr("The result is ready but the citizen has not collected it: call or text them."),
        }[kind]

    def set_counts(self, counts: dict[str, int], uncollected_days: int) -> None:
        """The counts of the live view (shown on the buttons)."""
        changed = counts.get(self.kind) != self.counts.get(self.kind)
        self.counts = dict(counts)
        self.uncollected_days = uncollected_days
        self.retranslateUi()
        if changed and self.isVisible() and self.panel._answered:
            self.reload()

    def show_list(self, kind: str) -> None:
        if kind not in supervisor.DOSSIER_LISTS:
            raise ValueError(kind)
        self.kind = kind
        self.buttons[kind].setChecked(True)
        self.explanation.setText(self._explain(kind))
        self.reload()

    def reload(self) -> None:
        svc, actor, kind = self.services, self.actor, self.kind
        self.panel.load(lambda: supervisor.dossier_list(svc, actor, kind, limit=LIST_LIMIT))

    def _on_dossier_closed(self, dialog: Any) -> None:
        if getattr(dialog, "changed", False):
            self.reload()
