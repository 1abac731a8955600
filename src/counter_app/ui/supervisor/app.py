"""Start the supervisor console: `counter-app supervisor [--language vi|en]`.

First start of a new database → the centre's setup (as at the desk); then sign-in without a
counter; a reception officer is refused there in plain words (the services refuse them too,
DomainError "role_forbidden"); a supervisor or an administrator gets the console.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QFormLayout, QMessageBox, QWidget

from counter_app import __version__
from counter_app.domain.errors import DomainError
from counter_app.services import setup
from counter_app.services.authz import SUPERVISE
from counter_app.ui import i18n
from counter_app.ui.desk.login_dialog import LoginDialog
from counter_app.ui.desk.setup_dialog import SetupDialog
from counter_app.ui.supervisor.window import SaveFileName, SupervisorWindow
from counter_app.ui.widgets.pdf_preview import open_receipt_preview
from counter_app.ui.worker import Worker


class SupervisorLoginDialog(LoginDialog):
    """The desk's sign-in without the counter number, for supervisors and administrators.

    An account of another role is refused here, the username kept, the password cleared.
    ``refused`` is True once that happened (for tests). The sign-in rules (lock-out, a
    required password change before the console opens) are LoginDialog's.
    """

    def __init__(self, services: Any, worker: Worker, *, site: Any | None = None, username: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(services, worker, site=site, counter_number=None, username=username, parent=parent)
        self.refused = False
        for form in self.findChildren(QFormLayout):
            if form.indexOf(self.counter) >= 0:
                form.setRowVisible(self.counter, False)

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Sign in — supervisor console"))
        self.heading.setText(self.tr("Sign in to the supervisor console"))

    def _sign_in_counter(self) -> int | None:
        return None  # the console is not a counter

    def _admit(self, actor: Any) -> bool:
        """A reception officer is refused before anything else (even a required password change)."""
        if actor.role not in SUPERVISE:
            self._set_busy(False)
            self.refused = True
            self.message.show_message(self.tr(
                "The account “%1” (%2) is a reception officer's account: it cannot open the supervisor console. "
                "Sign in with a supervisor or administrator account.").replace("%1", actor.username).replace(
                "%2", actor.full_name))
            fit = self.layout().heightForWidth(self.width()) if self.layout().hasHeightForWidth() else -1
            self.resize(self.width(), max(fit, self.minimumSizeHint().height()))  # the whole sentence shows
            self.password.clear()
            self.username.setFocus()
            self.username.selectAll()
            return False
        return True


def build_supervisor_window(
    services: Any,
    actor: Any,
    language: str | None = None,
    *,
    site: Any | None = None,
    worker: Worker | None = None,
    save_file_name: SaveFileName = QFileDialog.getSaveFileName,
    preview_opener: Any = open_receipt_preview,
) -> SupervisorWindow:
    """The console of a signed-in supervisor (needs a QApplication); owns its worker when none is given."""
    window = SupervisorWindow(services, actor, worker or Worker(), lang=language, site=site,
                              save_file_name=save_file_name, preview_opener=preview_opener)
    if worker is None:
        window.worker.setParent(window)
    return window


class SupervisorLauncher(QObject):
    """setup (first start) → sign-in → console, each a window shown in turn (tests drive the
    same path with qtbot). The current step's window: ``setup_dialog``, ``login_dialog``, ``window``.

    Signals:
        finished(int): the session is over; the exit code of the program.
    """

    finished = Signal(int)

    def __init__(self, services: Any, *, worker: Worker | None = None,
                 save_file_name: SaveFileName = QFileDialog.getSaveFileName,
                 preview_opener: Any = open_receipt_preview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker or Worker(self)
        self.save_file_name = save_file_name
        self.preview_opener = preview_opener
        self.site: Any | None = None
        self.setup_dialog: SetupDialog | None = None
        self.login_dialog: SupervisorLoginDialog | None = None
        self.window: SupervisorWindow | None = None

    def start(self) -> None:
        svc = self.services
        self.worker.run(lambda: setup.site_info(svc), on_success=self._on_site_info, on_failure=self._on_start_failed)

    def _on_site_info(self, site: Any | None) -> None:
        if site is None:
            self.setup_dialog = SetupDialog(self.services, self.worker)
            self.setup_dialog.siteCreated.connect(lambda s, admin: self._show_login(s, username=admin))
            self.setup_dialog.rejected.connect(lambda: self.finished.emit(0))
            self.setup_dialog.show()
        else:
            self._show_login(site)

    def _show_login(self, site: Any, username: str = "") -> None:
        self.site = site
        self.login_dialog = SupervisorLoginDialog(self.services, self.worker, site=site, username=username)
        self.login_dialog.authenticated.connect(self._on_authenticated)
        self.login_dialog.rejected.connect(lambda: self.finished.emit(0))
        self.login_dialog.show()
        self.login_dialog.raise_()
        self.login_dialog.activateWindow()

    def _on_authenticated(self, actor: Any) -> None:
        self.window = SupervisorWindow(self.services, actor, self.worker, site=self.site,
                                       save_file_name=self.save_file_name, preview_opener=self.preview_opener)
        self.window.closed.connect(lambda: self.finished.emit(0))
        self.window.show()
        self.window.activateWindow()

    def dispose(self) -> None:
        """Delete the windows now, while Python and Qt are both still fully alive."""
        if self.window is not None:
            self.window.now_view.stop()
        for widget in (self.window, self.login_dialog, self.setup_dialog):
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.window = self.login_dialog = self.setup_dialog = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def _on_start_failed(self, error: BaseException) -> None:
        text = error.message(i18n.current_language()) if isinstance(error, DomainError) else (
            f"{type(error).__name__}: {error}")
        QMessageBox.critical(None, self.tr("Supervisor console"),
                             self.tr("The console cannot open the database: %1").replace("%1", text))
        self.finished.emit(1)


def run_supervisor(services: Any, *, language: str | None = None, settings: Any | None = None,
                   options: Any | None = None) -> int:
    """Run the supervisor console until its window closes; returns the exit code for cli.py.

    Called as ``run_supervisor(svc, language="vi")``, or by cli._window as
    ``run_supervisor(svc, settings=settings, options=args)`` (the language then comes from
    --language, else the settings).
    """
    language = (language or getattr(options, "language", None) or getattr(settings, "language", None)
                or i18n.DEFAULT_LANGUAGE)
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("counter-app")
    app.setApplicationDisplayName("counter_app")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("counter-app")
    i18n.set_language(language)
    app.setQuitOnLastWindowClosed(False)  # the dialogs follow one another; the launcher ends the session
    launcher = SupervisorLauncher(services)
    launcher.finished.connect(app.exit)
    launcher.start()
    try:
        code = app.exec()
    finally:
        if launcher.window is not None:
            launcher.window.now_view.stop()
        launcher.worker.wait_for_done()
        QCoreApplication.sendPostedEvents()  # callbacks of calls that just finished
        launcher.dispose()
        i18n.remove_translators()
    return code
