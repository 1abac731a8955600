"""Start the administration window: `counter-app admin [--language vi|en]`.

First start of a new database → the centre's setup (as at the desk); then the sign-in without a
counter, for administrators only (anyone else is refused in plain words, and the services
refuse them too); a generated or reset password is changed first (LoginDialog's step); then
the window.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QFormLayout, QMessageBox, QWidget

from counter_app import __version__
from counter_app.domain.errors import DomainError
from counter_app.services import setup
from counter_app.services.authz import ADMIN
from counter_app.ui import i18n
from counter_app.ui.admin.catalog_view import OpenFileName
from counter_app.ui.admin.models import role_name
from counter_app.ui.admin.window import AdminWindow
from counter_app.ui.desk.login_dialog import LoginDialog
from counter_app.ui.desk.setup_dialog import SetupDialog
from counter_app.ui.worker import Worker


class AdminLoginDialog(LoginDialog):
    """The desk's sign-in without the counter number, for administrators only.

    Another role is refused here, the username kept, the password cleared; ``refused`` is
    True once that happened (for tests).
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
        self.setWindowTitle(self.tr("Sign in — administration"))
        self.heading.setText(self.tr("Sign in to the administration window"))

    def _sign_in_counter(self) -> int | None:
        return None  # administration is not done at a counter

    def _admit(self, actor: Any) -> bool:
        if actor.role == ADMIN:
            return True
        self._set_busy(False)
        self.refused = True
        self.message.show_message(self.tr(
            "The account “%1” (%2) cannot open the administration window: it is for administrators. "
            "Sign in with an administrator account.").replace("%1", actor.username).replace(
            "%2", role_name(actor.role).lower()))
        fit = self.layout().heightForWidth(self.width()) if self.layout().hasHeightForWidth() else -1
        self.resize(self.width(), max(fit, self.minimumSizeHint().height()))
        self.password.clear()
        self.username.setFocus()
        self.username.selectAll()
        return False


class AdminLauncher(QObject):
    """setup (first start) → sign-in → window, each shown in turn (tests drive the same path).
    The current step's window: ``setup_dialog``, ``login_dialog``, ``window``.

    Signals:
        finished(int): the session is over; the exit code of the program.
    """

    finished = Signal(int)

    def __init__(self, services: Any, *, worker: Worker | None = None,
                 open_file_name: OpenFileName = QFileDialog.getOpenFileName, printer_pdf_dir: Any = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker or Worker(self)
        self.open_file_name = open_file_name
        self.printer_pdf_dir = printer_pdf_dir
        self.site: Any | None = None
        self.setup_dialog: SetupDialog | None = None
        self.login_dialog: AdminLoginDialog | None = None
        self.window: AdminWindow | None = None

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
        self.login_dialog = AdminLoginDialog(self.services, self.worker, site=site, username=username)
        self.login_dialog.authenticated.connect(self._on_authenticated)
        self.login_dialog.rejected.connect(self._on_login_rejected)
        self.login_dialog.show()
        self.login_dialog.raise_()
        self.login_dialog.activateWindow()

    def _on_login_rejected(self) -> None:
        if self.window is None:
            self.finished.emit(0)

    def _on_authenticated(self, actor: Any) -> None:
        self.window = AdminWindow(self.services, actor, self.worker, open_file_name=self.open_file_name,
                                  printer_pdf_dir=self.printer_pdf_dir)
        self.window.closed.connect(lambda: self.finished.emit(0))
        self.window.show()
        self.window.activateWindow()

    def dispose(self) -> None:
        """Delete the windows now, while Python and Qt are both still fully alive."""
        for widget in (self.window, self.login_dialog, self.setup_dialog):
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.window = self.login_dialog = self.setup_dialog = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def _on_start_failed(self, error: BaseException) -> None:
        text = error.message(i18n.current_language()) if isinstance(error, DomainError) else (
            f"{type(error).__name__}: {error}")
        QMessageBox.critical(None, self.tr("Administration"),
                             self.tr("The administration window cannot open the database: %1").replace("%1", text))
        self.finished.emit(1)


def run_admin(services: Any, *, settings: Any | None = None, options: Any | None = None,
              language: str | None = None) -> int:
    """Run the administration window until it closes; returns the exit code for cli.py
    (called by cli._window as ``run_admin(svc, settings=settings, options=args)``)."""
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
    launcher = AdminLauncher(services)
    launcher.finished.connect(app.exit)
    launcher.start()
    try:
        code = app.exec()
    finally:
        launcher.worker.wait_for_done()
        QCoreApplication.sendPostedEvents()  # callbacks of calls that just finished
        launcher.dispose()
        i18n.remove_translators()
    return code
