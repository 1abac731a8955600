"""Start the reception desk: first-run setup if the database is new, sign-in, main window."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app import __version__
from counter_app.services import setup, sync_runner
from counter_app.ui import i18n
from counter_app.ui.desk.intake_controller import ConfirmDiscard, PreviewOpener, ask_discard
from counter_app.ui.desk.login_dialog import LoginDialog
from counter_app.ui.desk.main_window import DeskWindow
from counter_app.ui.desk.setup_dialog import SetupDialog
from counter_app.ui.widgets.pdf_preview import open_receipt_preview
from counter_app.ui.worker import Worker


def build_desk_window(
    services: Any,
    actor: Any,
    language: str | None = None,
    *,
    site: Any | None = None,
    worker: Worker | None = None,
    preview_opener: PreviewOpener = open_receipt_preview,
    confirm_discard: ConfirmDiscard = ask_discard,
    idle_lock_ms: int | None = None,
) -> DeskWindow:
    """The main window for a signed-in officer (needs a QApplication).

    ``language`` switches the UI language first when given. The window owns the worker
    when none is passed in. ``idle_lock_ms``: lock the desk after this long without input
    (None: the site's setting or COUNTER_APP_IDLE_LOCK_SECONDS; 0: never).
    """
    if language is not None and language != i18n.current_language():
        i18n.set_language(language)
    window = DeskWindow(
        services,
        actor,
        worker or Worker(),
        site=site,
        preview_opener=preview_opener,
        confirm_discard=confirm_discard,
        idle_lock_ms=idle_lock_ms,
    )
    if worker is None:
        window.worker.setParent(window)
    return window


class DeskLauncher(QObject):
    """Walks through the start of a desk session: setup (first start) → sign-in → main window.

    Nothing blocks: each step is a window shown in turn, so tests drive the same path
    with qtbot. The current step's window is ``setup_dialog``, ``login_dialog`` or ``window``.
    The sign-in includes the forced password change of a generated password (LoginDialog);
    signing out of a locked desk (lock_screen.py) brings the sign-in back for the next officer.
    After sign-in the window starts the desk's sync worker (``start_sync``; it stops when
    the window closes).

    Signals:
        finished(int): the session is over; the exit code of the program.
    """

    finished = Signal(int)

    def __init__(
        self,
        services: Any,
        *,
        counter_number: int | None = None,
        worker: Worker | None = None,
        preview_opener: PreviewOpener = open_receipt_preview,
        start_sync: bool = True,
        idle_lock_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.idle_lock_ms = idle_lock_ms
        self.counter_number = counter_number
        self.start_sync = start_sync
        self.worker = worker or Worker(self)
        self.preview_opener = preview_opener
        self.site: Any | None = None
        self.setup_dialog: SetupDialog | None = None
        self.login_dialog: LoginDialog | None = None
        self.window: DeskWindow | None = None

    def start(self) -> None:
        svc = self.services
        self.worker.run(lambda: setup.site_info(svc), on_success=self._on_site_info, on_failure=self._on_start_failed)

    def _on_site_info(self, site: Any | None) -> None:
        if site is None:
            self.setup_dialog = SetupDialog(self.services, self.worker)
            self.setup_dialog.siteCreated.connect(self._on_site_created)
            self.setup_dialog.rejected.connect(self._on_cancelled)
            self.setup_dialog.show()
        else:
            self._show_login(site)

    def _on_site_created(self, site: Any, admin_username: str) -> None:
        self._show_login(site, username=admin_username)

    def _show_login(self, site: Any, username: str = "") -> None:
        self.site = site
        if self.login_dialog is not None:  # the previous session's (signed out)
            self.login_dialog.deleteLater()
        self.login_dialog = LoginDialog(
            self.services, self.worker, site=site, counter_number=self.counter_number, username=username
        )
        self.login_dialog.authenticated.connect(self._on_authenticated)
        self.login_dialog.rejected.connect(self._on_cancelled)
        self.login_dialog.show()
        self.login_dialog.raise_()
        self.login_dialog.activateWindow()

    def _on_authenticated(self, actor: Any) -> None:
        self.window = DeskWindow(
            self.services, actor, self.worker, site=self.site, preview_opener=self.preview_opener,
            idle_lock_ms=self.idle_lock_ms,
        )
        self.window.closed.connect(self._on_window_closed)
        if self.start_sync:  # sync: this desk runs the site's sync worker (or waits for its lock)
            self.window.start_sync(sync_runner.start_worker)
        self.window.show()
        self.window.activateWindow()
        self.window.intake.focus_procedure()

    def _on_window_closed(self) -> None:
        window = self.window
        if window is not None and window.signed_out and self.site is not None:
            # Signed out of a locked desk: the next officer signs in at the same counter.
            counter = getattr(window.actor, "counter_number", None)
            self.window = None
            window.hide()
            window.deleteLater()
            if counter is not None:
                self.counter_number = counter
            self._show_login(self.site)
            return
        self.finished.emit(0)

    def _on_cancelled(self) -> None:
        self.finished.emit(0)

    def dispose(self) -> None:
        """Delete the windows now, while Python and Qt are both still fully alive."""
        if self.window is not None:
            self.window.sync_bar.stop()  # sync: the desk's worker thread ends and frees the lock
        for widget in (self.window, self.login_dialog, self.setup_dialog):
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.window = self.login_dialog = self.setup_dialog = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def _on_start_failed(self, error: BaseException) -> None:
        text = error.message(i18n.current_language()) if hasattr(error, "message") else f"{type(error).__name__}: {error}"
        QMessageBox.critical(
            None,
            self.tr("Reception desk"),
            self.tr("The desk cannot open the database: %1").replace("%1", text),
        )
        self.finished.emit(1)


def _start_daily_backup(launcher: DeskLauncher, services: Any, daily_backup: tuple[Any, int]) -> Any:
    """The single-desk daily backup (ui/desk/daily_backup.py): its outcome in the status bar."""
    from counter_app.ui.desk.daily_backup import DailyBackup

    folder, keep = daily_backup
    daily = DailyBackup(services, launcher.worker, folder, keep, parent=launcher)

    def show(text: str, timeout_ms: int) -> None:
        if text and launcher.window is not None:
            launcher.window.statusBar().showMessage(text, timeout_ms)

    daily.done.connect(lambda result: show(daily.describe(result), 10_000))
    daily.failed.connect(lambda text: (logging.getLogger(__name__).warning("%s", text), show(text, 0)))
    daily.start()
    return daily


def run_desk(services: Any, *, counter_number: int | None = None, language: str = i18n.DEFAULT_LANGUAGE,
             daily_backup: tuple[Any, int] | None = None) -> int:
    """Run the desk until its window closes; returns the exit code for cli.py.
    daily_backup=(folder, keep): on an SQLite site, back the database up once a day."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("counter-app")
    app.setApplicationDisplayName("counter_app")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("counter-app")
    i18n.set_language(language)
    # Dialogs follow one another; the session ends when the launcher says so.
    app.setQuitOnLastWindowClosed(False)
    launcher = DeskLauncher(services, counter_number=counter_number)
    launcher.finished.connect(app.exit)
    launcher.start()
    if daily_backup is not None:
        launcher.daily_backup = _start_daily_backup(launcher, services, daily_backup)
    try:
        code = app.exec()
    finally:
        launcher.worker.wait_for_done()
        QCoreApplication.sendPostedEvents()  # callbacks of calls that just finished
        launcher.dispose()
        i18n.remove_translators()
    return code
