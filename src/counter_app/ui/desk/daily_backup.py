"""The single-desk daily backup: on an SQLite site, the desk copies the database to the backup
folder once per business day (services/backup.scheduled_backup, newest N kept), at start and
then every hour, off the GUI thread. A failure is told to the officer (a full disk, a removed
USB drive), never swallowed. A PostgreSQL site backs up its server instead (pg_dump; README)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.domain.errors import DomainError
from counter_app.services import backup
from counter_app.ui.i18n import current_language
from counter_app.ui.worker import Worker

HOURLY_MS = 60 * 60 * 1000


class DailyBackup(QObject):
    """Signals:
        done(object): a ScheduledBackup (created is None when today's copy already existed).
        failed(str): what went wrong, in the officer's language.
    """

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, services: Any, worker: Worker, folder: Path, keep: int, *,
                 interval_ms: int = HOURLY_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.folder = Path(folder)
        self.keep = keep
        self._running = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_now)

    def start(self) -> bool:
        """Begin (SQLite sites only); returns whether the daily backup runs here."""
        if self.services.backend != "sqlite":
            return False
        self.run_now()
        self.timer.start()
        return True

    def stop(self) -> None:
        self.timer.stop()

    def run_now(self) -> None:
        if self._running:
            return
        self._running = True
        svc, folder, keep = self.services, self.folder, self.keep
        self.worker.run(lambda: backup.scheduled_backup(svc, folder, keep),
                        on_success=self._succeeded, on_failure=self._failed, owner=self)

    def _succeeded(self, result: Any) -> None:
        self._running = False
        self.done.emit(result)

    def describe(self, result: Any) -> str:
        """A status-bar line for a finished daily backup ("" when nothing new was made)."""
        created = getattr(result, "created", None)
        if created is None:
            return ""
        from counter_app.domain.calendar import LOCAL_TZ

        return (self.tr("Backed up today at %1 (%2).")
                .replace("%1", created.created_at.astimezone(LOCAL_TZ).strftime("%H:%M"))
                .replace("%2", created.path.name))

    def _failed(self, error: BaseException) -> None:
        self._running = False
        detail = error.message(current_language()) if isinstance(error, DomainError) else str(error)
        self.failed.emit(self.tr("Daily backup failed: %1 Check the backup folder %2.")
                         .replace("%1", detail).replace("%2", str(self.folder)))
