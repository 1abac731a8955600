"""The ticket kiosk at the entrance: open fields with their queues, a priority path, the printed ticket.

Closing is locked: Alt+F4, Esc and the window's close event are refused and the PIN pad is
shown instead; holding the centre name at the top for 3 s opens it too. Which PIN, and why
there is no built-in default: services/tickets.py. A kiosk PC should also run in the
operating system's single-app (assigned access) mode, which Qt cannot provide.
"""

from __future__ import annotations

import hmac
import logging
import socket
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import to_local
from counter_app.services import authz, queue, setup, tickets
from counter_app.ui import i18n
from counter_app.ui.kiosk.printing import TicketPrintJob, TicketSink
from counter_app.ui.kiosk.widgets import (
    FieldButton,
    LongPress,
    PinPad,
    TouchButton,
    scaled_css,
    screen_scale,
    touch_font,
    wait_minutes,
)
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

LOAD_FROM_SITE = object()  # exit_pin default: services.tickets.kiosk_exit_pin

NAVY = "#0b3d91"
INK = "#0b1f44"

# Sizes are written for a screen whose short side is 1080 px and scaled to the real screen.
STYLE = f"""
QWidget#kiosk {{ background: #f2f5fa; }}
QStackedWidget QLabel {{ color: {INK}; }}
/* Stacked marks on capitals (Ấ, Ủ, Ỗ) rise above the font's ascent: room for them. */
QWidget#kiosk QLabel {{ padding-top: 0.22em; }}
QWidget#kiosk QLabel#bigNumber, QWidget#kiosk QLabel#fieldPrefix {{ padding-top: 0px; }}
QWidget#kiosk QLabel#ticketStatus, QWidget#kiosk QLabel#notice {{ padding: 0.45em 18px 0.3em 18px; }}
QWidget#kiosk QLabel#ticketPriority {{ padding: 0.3em 24px 0.1em 24px; }}
QFrame#header {{ background: {NAVY}; }}
QFrame#header QLabel {{ color: white; }}
QLabel#centreName {{ font-size: 30px; font-weight: 700; }}
QLabel#clock {{ font-size: 26px; }}
QPushButton#languageButton {{
    color: white; background: transparent; border: 2px solid white; border-radius: 10px;
    font-size: 24px; padding: 10px 22px; }}
QLabel#prompt {{ font-size: 46px; font-weight: 800; }}
QLabel#subPrompt {{ font-size: 28px; color: #1f2a3d; }}
QPushButton#fieldButton {{
    background: white; border: 3px solid {NAVY}; border-radius: 18px; min-height: 130px; }}
QPushButton#fieldButton:pressed {{ background: #d6e2fa; }}
QPushButton#fieldButton:disabled {{ border-color: #9aa3b5; background: #eef0f4; }}
QLabel#fieldPrefix {{
    background: {NAVY}; color: white; border-radius: 14px; font-size: 56px; font-weight: 800;
    min-width: 96px; max-width: 96px; min-height: 96px; max-height: 96px; }}
QLabel#fieldName {{ font-size: 34px; font-weight: 700; }}
QLabel#fieldInfo {{ font-size: 26px; color: #1f2a3d; }}
QPushButton#priorityButton, QPushButton#categoryButton {{
    background: #ffd21f; border: 3px solid #7a5c00; border-radius: 18px; min-height: 90px; }}
QPushButton#priorityButton:pressed, QPushButton#categoryButton:pressed {{ background: #f0c000; }}
QPushButton#priorityButton:disabled {{ background: #efe3a8; }}
QLabel#priorityButtonTitle {{ color: #111111; font-size: 36px; font-weight: 800; }}
QLabel#priorityButtonSubtitle {{ color: #111111; font-size: 26px; }}
QLabel#categoryButtonTitle {{ color: #111111; font-size: 36px; font-weight: 700; }}
QFrame#priorityBanner {{ background: #ffd21f; border: 3px solid #7a5c00; border-radius: 14px; }}
QFrame#priorityBanner QLabel {{ color: #111111; font-size: 30px; font-weight: 700; }}
QPushButton#primaryButton, QPushButton#secondaryButton {{
    border-radius: 16px; font-size: 34px; font-weight: 700; padding: 18px 40px;
    min-height: 70px; min-width: 260px; }}
QPushButton#primaryButton {{ background: {NAVY}; color: white; border: 3px solid {NAVY}; }}
QPushButton#primaryButton:pressed {{ background: #072a66; }}
QPushButton#primaryButton:disabled {{ background: #9aa3b5; border-color: #9aa3b5; }}
QPushButton#secondaryButton {{ background: white; color: {NAVY}; border: 3px solid {NAVY}; }}
QPushButton#secondaryButton:pressed {{ background: #d6e2fa; }}
QPushButton#secondaryButton:disabled {{ color: #9aa3b5; border-color: #9aa3b5; }}
QLabel#yourNumberCaption {{ font-size: 40px; font-weight: 700; }}
QLabel#bigNumber {{ font-size: 280px; font-weight: 900; color: #000000; }}
QLabel#ticketField {{ font-size: 44px; font-weight: 700; }}
QLabel#ticketPriority {{
    font-size: 32px; font-weight: 700; color: #111111; background: #ffd21f;
    border: 3px solid #7a5c00; border-radius: 12px; padding: 6px 24px; }}
QLabel#ticketWait {{ font-size: 30px; }}
QLabel#ticketStatus {{ font-size: 34px; font-weight: 700; padding: 18px; border-radius: 14px; }}
QLabel#ticketStatus[state="printing"] {{ color: {INK}; background: #dde7fb; }}
QLabel#ticketStatus[state="printed"] {{ color: white; background: #136b35; }}
QLabel#ticketStatus[state="failed"] {{ color: white; background: #a3161a; }}
QLabel#notice {{ font-size: 30px; font-weight: 700; color: white; background: #a3161a;
    border-radius: 12px; padding: 14px; }}
QLabel#emptyNotice {{ font-size: 34px; color: #1f2a3d; }}
QWidget#kiosk[compact="2"] QPushButton#fieldButton, QWidget#kiosk[compact="3"] QPushButton#fieldButton {{
    min-height: 90px; }}
QWidget#kiosk[compact="2"] QLabel#fieldName {{ font-size: 28px; }}
QWidget#kiosk[compact="3"] QLabel#fieldName {{ font-size: 26px; }}
QWidget#kiosk[compact="2"] QLabel#fieldInfo, QWidget#kiosk[compact="3"] QLabel#fieldInfo {{ font-size: 22px; }}
QWidget#kiosk[compact="2"] QLabel#fieldPrefix, QWidget#kiosk[compact="3"] QLabel#fieldPrefix {{
    font-size: 44px; min-width: 76px; max-width: 76px; min-height: 76px; max-height: 76px; }}
QWidget#kiosk[compact="2"] QLabel#prompt {{ font-size: 36px; }}
QLabel#pinTitle {{ font-size: 38px; font-weight: 700; }}
QLabel#pinDisplay {{ font-size: 56px; font-weight: 700; }}
QLabel#pinMessage {{ font-size: 30px; font-weight: 700; color: #a3161a; }}
QPushButton#pinKey, QPushButton#pinKeyAlt, QPushButton#pinKeyOk {{
    font-size: 44px; font-weight: 700; min-width: 150px; min-height: 100px; border-radius: 16px;
    background: white; color: {INK}; border: 3px solid {NAVY}; }}
QPushButton#pinKeyOk {{ background: {NAVY}; color: white; }}
QPushButton#pinKey:pressed, QPushButton#pinKeyAlt:pressed {{ background: #d6e2fa; }}
"""


@dataclass(frozen=True)
class KioskTimeouts:
    """How long screens stay before the kiosk goes back to the fields by itself (ms)."""

    printed: int = 12_000  # the number just printed
    print_failed: int = 120_000  # the number the citizen must note down
    choice: int = 30_000  # the priority choice, priority mode, the PIN pad, a message
    refresh: int = 60_000  # waiting counts and clock, besides the live updates
    pin_lockout: int = 60_000  # after PIN_ATTEMPTS wrong PINs
    admin_hold: int = 3_000  # holding the centre name this long opens the PIN pad


PIN_ATTEMPTS = 5


class KioskWindow(QWidget):
    """The kiosk screen. Pages of ``pages``: ``home_page`` (fields), ``priority_page``
    (priority categories), ``ticket_page`` (the number issued, printing, reprint) and
    ``pin_page`` (the administrator's PIN pad).

    Every service call and every print runs on ``worker``. ``sink`` receives each ticket PDF
    (the printer, or a folder with --pdf-dir); when it raises, the ticket stays issued, is
    not marked printed, its number stays on screen and "Print again" retries.

    Signals:
        ticketIssued(object): a ticket was issued (services.queue.TicketInfo).
        ticketPrinted(object): the sink took the ticket and it was marked printed (TicketInfo).
        printFailed(object, object): TicketInfo, the exception from rendering or the sink.
        unlocked(): the right PIN was entered; the window closes.
    """

    ticketIssued = Signal(object)
    ticketPrinted = Signal(object)
    printFailed = Signal(object, object)
    unlocked = Signal()

    def __init__(
        self,
        services: Any,
        worker: Worker,
        *,
        sink: TicketSink,
        roll_mm: int = 80,
        exit_pin: Any = LOAD_FROM_SITE,
        lock_without_pin: bool = True,
        live: Any | None = None,
        timeouts: KioskTimeouts = KioskTimeouts(),
        station: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk")
        # The services see a kiosk device (it may issue and print tickets, nothing else).
        self.actor = authz.device(authz.KIOSK, station or socket.gethostname())
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFont(touch_font())
        self.services = services
        self.worker = worker
        self.sink = sink
        self.roll_mm = roll_mm
        self.timeouts = timeouts
        self.lock_without_pin = lock_without_pin
        self._exit_pin: str | None = None if exit_pin is LOAD_FROM_SITE else exit_pin
        self._load_pin = exit_pin is LOAD_FROM_SITE
        self._unlocked = False
        self._pin_failures = 0
        self._pin_blocked_until = 0.0
        self._site: Any | None = None
        self._categories: tuple = ()
        self._fields: list = []
        self._fields_loaded = False
        self._priority: Any | None = None  # the chosen PriorityCategory while in priority mode
        self._busy = False
        self._refreshing = False
        self._refresh_again = False
        self.current_ticket: Any | None = None  # on the ticket page
        self._print_state = ""
        self.last_error: BaseException | None = None
        self._home_language = i18n.current_language()
        self.field_buttons: dict[str, FieldButton] = {}
        self.category_buttons: dict[str, TouchButton] = {}
        self._scale = 0.0
        self._laid_out_columns = 0

        # How much the home page gives up to fit the fields on a small screen: 0 nothing;
        # 1 the second line of instructions and of the priority button; 2 also smaller field
        # names; 3 also the headline.
        self._compact = 0
        self._build()
        # Field names are site data: when one does not fit its button, all names get smaller.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_fields)
        self._back_timer = QTimer(self)
        self._back_timer.setSingleShot(True)
        self._back_timer.timeout.connect(self._on_back_timeout)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(timeouts.refresh)
        self._refresh_timer.timeout.connect(self._on_refresh_timer)
        self._refresh_timer.start()
        if live is not None:
            live.changed.connect(self._on_live_changed)
        self.retranslateUi()
        self._apply_scale()
        self._load_site()
        self.refresh()

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.header = QFrame()
        self.header.setObjectName("header")
        self.centre_label = QLabel()
        self.centre_label.setObjectName("centreName")
        self.centre_label.setWordWrap(True)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock")
        self.language_button = QPushButton()
        self.language_button.setObjectName("languageButton")
        self.language_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language_button.clicked.connect(self._on_language_clicked)
        head = QHBoxLayout(self.header)
        head.setContentsMargins(28, 14, 28, 14)
        head.setSpacing(24)
        head.addWidget(self.centre_label, 1)
        head.addWidget(self.clock_label)
        head.addWidget(self.language_button)
        self.admin_gesture = LongPress(self.header, self.timeouts.admin_hold)
        self.admin_gesture.triggered.connect(self.show_pin_pad)

        self.pages = QStackedWidget()
        self.home_page = self._build_home()
        self.priority_page = self._build_priority()
        self.ticket_page = self._build_ticket()
        self.pin_page = PinPad()
        self.pin_page.submitted.connect(self._on_pin_submitted)
        self.pin_page.cancelled.connect(self.go_home)
        self.pin_page.touched.connect(self._restart_back_timer)
        for page in (self.home_page, self.priority_page, self.ticket_page, self.pin_page):
            self.pages.addWidget(page)

        column = QVBoxLayout(self)
        # The screen's size is given (full screen); contents fit it, they never stretch the window.
        column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.pages, 1)

    def _build_home(self) -> QWidget:
        page = QWidget()
        self.prompt_label = QLabel()
        self.prompt_label.setObjectName("prompt")
        self.prompt_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sub_prompt_label = QLabel()
        self.sub_prompt_label.setObjectName("subPrompt")
        self.sub_prompt_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sub_prompt_label.setWordWrap(True)

        self.priority_banner = QFrame()
        self.priority_banner.setObjectName("priorityBanner")
        self.priority_banner_label = QLabel()
        self.priority_banner_label.setWordWrap(True)
        self.priority_cancel_button = QPushButton()
        self.priority_cancel_button.setObjectName("secondaryButton")
        self.priority_cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.priority_cancel_button.clicked.connect(self._on_priority_cancel)
        banner = QHBoxLayout(self.priority_banner)
        banner.setContentsMargins(24, 12, 12, 12)
        banner.addWidget(self.priority_banner_label, 1)
        banner.addWidget(self.priority_cancel_button)
        self.priority_banner.hide()

        self.notice_label = QLabel()
        self.notice_label.setObjectName("notice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice_label.hide()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyNotice")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        self.fields_grid = QGridLayout()
        self.fields_grid.setSpacing(22)
        self.grid_holder = grid_holder = QWidget()
        grid_holder.setLayout(self.fields_grid)
        grid_holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.priority_button = TouchButton("priorityButton")
        self.priority_button.clicked.connect(self._on_priority_clicked)

        column = QVBoxLayout(page)
        column.setContentsMargins(40, 24, 40, 28)
        column.setSpacing(18)
        column.addWidget(self.prompt_label)
        column.addWidget(self.sub_prompt_label)
        column.addWidget(self.priority_banner)
        column.addWidget(self.notice_label)
        column.addWidget(self.empty_label, 1)
        column.addWidget(grid_holder, 1)
        column.addWidget(self.priority_button)
        return page

    def _build_priority(self) -> QWidget:
        page = QWidget()
        self.priority_title = QLabel()
        self.priority_title.setObjectName("prompt")
        self.priority_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.priority_title.setWordWrap(True)
        self.priority_hint = QLabel()
        self.priority_hint.setObjectName("subPrompt")
        self.priority_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.priority_hint.setWordWrap(True)
        self.categories_box = QVBoxLayout()
        self.categories_box.setSpacing(18)
        self.priority_back_button = QPushButton()
        self.priority_back_button.setObjectName("secondaryButton")
        self.priority_back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.priority_back_button.clicked.connect(self.go_home)
        column = QVBoxLayout(page)
        column.setContentsMargins(120, 28, 120, 28)
        column.setSpacing(18)
        column.addWidget(self.priority_title)
        column.addWidget(self.priority_hint)
        column.addStretch(1)
        column.addLayout(self.categories_box)
        column.addStretch(1)
        column.addWidget(self.priority_back_button, 0, Qt.AlignmentFlag.AlignHCenter)
        return page

    def _build_ticket(self) -> QWidget:
        page = QWidget()
        self.your_number_label = QLabel()
        self.your_number_label.setObjectName("yourNumberCaption")
        self.number_label = QLabel()
        self.number_label.setObjectName("bigNumber")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.ticket_field_label = QLabel()
        self.ticket_field_label.setObjectName("ticketField")
        self.ticket_field_label.setWordWrap(True)
        self.ticket_priority_label = QLabel()
        self.ticket_priority_label.setObjectName("ticketPriority")
        self.ticket_wait_label = QLabel()
        self.ticket_wait_label.setObjectName("ticketWait")
        self.ticket_wait_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("ticketStatus")
        self.status_label.setWordWrap(True)
        for label in (self.your_number_label, self.number_label, self.ticket_field_label, self.ticket_wait_label,
                      self.status_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ticket_priority_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("primaryButton")
        self.reprint_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reprint_button.clicked.connect(self.reprint)
        self.done_button = QPushButton()
        self.done_button.setObjectName("secondaryButton")
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_button.clicked.connect(self.go_home)
        buttons = QHBoxLayout()
        buttons.setSpacing(30)
        buttons.addStretch(1)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        column = QVBoxLayout(page)
        column.setContentsMargins(60, 24, 60, 32)
        column.setSpacing(12)
        column.addStretch(1)
        column.addWidget(self.your_number_label)
        column.addWidget(self.number_label)
        column.addWidget(self.ticket_field_label)
        column.addWidget(self.ticket_priority_label, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.ticket_wait_label)
        column.addSpacing(12)
        column.addWidget(self.status_label)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addStretch(1)
        return page

    # -- language and size ----------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Ticket kiosk"))
        self.centre_label.setText(self._site.name.upper() if self._site else "")
        self.language_button.setText("English" if i18n.current_language() == "vi" else "Tiếng Việt")
        self.prompt_label.setText(self.tr("TAKE A QUEUE NUMBER"))
        self.sub_prompt_label.setText(self.tr("Please touch the field of your business to get a numbered ticket."))
        self.priority_button.set_texts(
            self.tr("PRIORITY NUMBER"),
            " · ".join(c.name for c in self._categories)
            or self.tr("Elderly, people with disabilities, pregnant women, people with small children"),
        )
        self.priority_title.setText(self.tr("Priority number"))
        self.priority_hint.setText(self.tr("Please touch the group you belong to. Staff may ask for proof."))
        self.priority_back_button.setText(self.tr("Back"))
        self.priority_cancel_button.setText(self.tr("Cancel"))
        self.your_number_label.setText(self.tr("YOUR NUMBER"))
        self.reprint_button.setText(self.tr("Print again"))
        self.done_button.setText(self.tr("Done"))
        self.empty_label.setText(
            self.tr("No field is issuing numbers at the moment. Please ask the staff at the information desk.")
        )
        self._update_priority_banner()
        self._update_clock()
        self._update_ticket_page()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_scale()

    def _apply_scale(self) -> None:
        scale = screen_scale(self.width(), self.height(), 1080)
        if abs(scale - self._scale) >= 0.01:
            self._scale = scale
            self.setStyleSheet(scaled_css(STYLE, scale))
        if self._columns() != self._laid_out_columns:
            self._layout_fields()
        self._set_compact(0)
        self._fit_timer.start()

    def _set_compact(self, level: int) -> None:
        if level == self._compact:
            return
        self._compact = level
        self.setProperty("compact", str(level))
        self._update_priority_banner()
        self.setStyleSheet(self.styleSheet())  # re-polish the children for the new property

    def _fit_fields(self) -> None:
        if self._compact >= 3 or not self.field_buttons or not self.isVisible():
            return
        if self.pages.currentWidget() is not self.home_page:
            return  # go_home fits again
        self.layout().activate()
        self.home_page.layout().activate()
        too_short = self.grid_holder.height() < self.fields_grid.totalMinimumSize().height()
        if too_short or any(b.overflows() for b in self.field_buttons.values()):
            self._set_compact(self._compact + 1)
            self._fit_timer.start()  # check again once laid out at the new size

    # -- loading ----------------------------------------------------------------------------------

    def _load_site(self) -> None:
        svc, load_pin = self.services, self._load_pin

        def job():
            pin = tickets.kiosk_exit_pin(svc) if load_pin else None
            return setup.site_info(svc), queue.priority_categories(svc), pin

        self.worker.run(job, on_success=self._on_site_loaded, on_failure=self._on_site_failed, owner=self)

    def _on_site_loaded(self, result: tuple) -> None:
        self._site, self._categories, pin = result
        if self._load_pin:
            self._exit_pin = pin
        self._build_categories()
        self.priority_button.setVisible(bool(self._categories))
        self.retranslateUi()

    def _on_site_failed(self, error: BaseException) -> None:
        log.error("kiosk: cannot read the centre's settings: %s", error)
        QTimer.singleShot(5000, self, self._load_site)  # the database may come back

    def refresh(self) -> None:
        """Reload the open fields with their waiting counts (coalesced while one load runs)."""
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        svc = self.services
        self.worker.run(lambda: queue.list_fields(svc, only_open=True), on_success=self._on_fields,
                        on_failure=self._on_fields_failed, owner=self)

    def _refresh_done(self) -> None:
        self._refreshing = False
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _on_fields(self, fields: list) -> None:
        self._fields_loaded = True
        if [(f.code, f.name, f.prefix) for f in fields] != [(f.code, f.name, f.prefix) for f in self._fields]:
            self._fields = list(fields)
            self._rebuild_fields()
        else:
            self._fields = list(fields)
            for f in fields:
                self.field_buttons[f.code].set_field(f)
            self._fit_timer.start()
        if self.notice_label.property("kind") == "offline":
            self._hide_notice()
        self._update_clock()
        self._refresh_done()

    def _on_fields_failed(self, error: BaseException) -> None:
        log.warning("kiosk: cannot load the fields: %s", error)
        self._show_notice(self.tr("The system is interrupted for a moment. Please wait or ask the staff."),
                          kind="offline", timeout=False)
        self._refresh_done()

    def _on_live_changed(self, topics: Any) -> None:
        if not topics or "queue" in topics:
            self.refresh()

    def _on_refresh_timer(self) -> None:
        self._update_clock()
        self.refresh()

    def _update_clock(self) -> None:
        try:
            now = to_local(self.services.now())
        except Exception:  # noqa: BLE001 - a clock problem must not break the screen
            return
        self.clock_label.setText(i18n.format_datetime(now))

    # -- fields and categories ------------------------------------------------------------------------

    def _rebuild_fields(self) -> None:
        for button in self.field_buttons.values():
            self.fields_grid.removeWidget(button)
            button.deleteLater()
        self.field_buttons = {}
        for f in self._fields:
            button = FieldButton(f)
            button.clicked.connect(lambda _=False, code=f.code: self.choose_field(code))
            button.setEnabled(not self._busy)
            self.field_buttons[f.code] = button
        self._layout_fields()
        self.empty_label.setVisible(self._fields_loaded and not self._fields)
        self._set_compact(0)
        self._fit_timer.start()

    def _columns(self) -> int:
        n = len(self.field_buttons)
        # Width in "1080p pixels": a 5:4 or portrait screen has room for two columns only.
        width = self.width() / max(self._scale, 0.1)
        if n <= 3:
            return 1
        if width < 1500 or n == 4:
            return 2
        return 3

    def _layout_fields(self) -> None:
        columns = self._columns()
        self._laid_out_columns = columns
        if not self.field_buttons:
            return
        for button in self.field_buttons.values():
            self.fields_grid.removeWidget(button)
        for i, button in enumerate(self.field_buttons.values()):
            self.fields_grid.addWidget(button, i // columns, i % columns)
        for c in range(3):
            self.fields_grid.setColumnStretch(c, 1 if c < columns else 0)

    def _build_categories(self) -> None:
        for button in self.category_buttons.values():
            self.categories_box.removeWidget(button)
            button.deleteLater()
        self.category_buttons = {}
        for category in self._categories:
            button = TouchButton("categoryButton", category.name)
            button.clicked.connect(lambda _=False, c=category: self.choose_priority(c))
            self.categories_box.addWidget(button)
            self.category_buttons[category.code] = button

    # -- the citizen's touches --------------------------------------------------------------------------

    def _on_priority_clicked(self) -> None:
        self.pages.setCurrentWidget(self.priority_page)
        self._restart_back_timer(self.timeouts.choice)

    def choose_priority(self, category: Any) -> None:
        """Priority mode: the next field touched issues a priority ticket of this category."""
        self._priority = category
        self._update_priority_banner()
        self.pages.setCurrentWidget(self.home_page)
        self._fit_timer.start()
        self._restart_back_timer(self.timeouts.choice)

    def _on_priority_cancel(self) -> None:
        self._priority = None
        self._update_priority_banner()
        self._back_timer.stop()

    def _update_priority_banner(self) -> None:
        on = self._priority is not None
        self.priority_banner.setVisible(on)
        # The banner says it all in priority mode; the room goes to the fields.
        self.prompt_label.setVisible(not on and self._compact < 3)
        self.sub_prompt_label.setVisible(not on and not self._compact)
        self.priority_button.subtitle_label.setVisible(
            not self._compact and bool(self.priority_button.subtitle_label.text())
        )
        self.priority_button.setVisible(not on and bool(self._categories))
        if on:
            self.priority_banner_label.setText(
                self.tr("Priority number for: %1. Now touch your field.").replace("%1", self._priority.name)
            )

    def choose_field(self, code: str) -> None:
        """Issue a ticket of this field (a priority ticket in priority mode), then print it."""
        if self._busy:
            return
        self._set_busy(True)
        self._hide_notice()
        svc, priority, actor = self.services, (self._priority.code if self._priority else None), self.actor
        self.worker.run(lambda: queue.issue_ticket(svc, code, priority=priority, actor=actor),
                        on_success=self._on_issued, on_failure=self._on_issue_failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in self.field_buttons.values():
            button.setEnabled(not busy)
        self.priority_button.setEnabled(not busy)

    def _on_issued(self, ticket: Any) -> None:
        self._set_busy(False)
        self._priority = None
        self._update_priority_banner()
        self.current_ticket = ticket
        self.last_error = None
        self._print_state = "printing"
        self._update_ticket_page()
        self.pages.setCurrentWidget(self.ticket_page)
        self._back_timer.stop()
        self.ticketIssued.emit(ticket)
        self._print(ticket)
        self.refresh()

    def _on_issue_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.last_error = error
        log.warning("kiosk: ticket not issued: %r", error)
        if hasattr(error, "message"):
            text = error.message(i18n.current_language())
        else:
            text = self.tr("No number could be issued: the system is interrupted. Please ask the staff.")
        self._show_notice(text, kind="error")
        self.refresh()

    # -- printing ---------------------------------------------------------------------------------------

    def _print(self, ticket: Any) -> None:
        svc, sink, roll, actor = self.services, self.sink, self.roll_mm, self.actor

        def job():
            printed = tickets.print_ticket(svc, ticket, roll, actor=actor)
            sink(TicketPrintJob(number=ticket.number, pdf=printed.pdf, roll_mm=roll))
            try:
                queue.mark_printed(svc, ticket.id, actor=actor)
            except Exception:  # noqa: BLE001 - the paper is out; only the flag is missing
                log.exception("kiosk: ticket %s printed but not marked printed", ticket.number)
            return printed

        self.reprint_button.setEnabled(False)
        self.done_button.setEnabled(False)
        self.worker.run(job, on_success=lambda printed: self._on_printed(ticket, printed),
                        on_failure=lambda error: self._on_print_failed(ticket, error), owner=self)

    def reprint(self) -> None:
        """Print the ticket on screen again (after a printer failure, or a torn ticket)."""
        if self.current_ticket is None:
            return
        self._print_state = "printing"
        self._update_ticket_page()
        self._back_timer.stop()
        self._print(self.current_ticket)

    def _on_printed(self, ticket: Any, printed: Any) -> None:
        if ticket is not self.current_ticket:
            return
        self.last_error = None
        self._print_state = "printed"
        self._update_ticket_page()
        self._restart_back_timer(self.timeouts.printed)
        self.ticketPrinted.emit(ticket)

    def _on_print_failed(self, ticket: Any, error: BaseException) -> None:
        log.error("kiosk: ticket %s issued but not printed: %r", ticket.number, error)
        if ticket is not self.current_ticket:
            return
        self.last_error = error
        self._print_state = "failed"
        self._update_ticket_page()
        self._restart_back_timer(self.timeouts.print_failed)
        self.printFailed.emit(ticket, error)

    def _update_ticket_page(self) -> None:
        ticket = self.current_ticket
        if ticket is None:
            return
        self.number_label.setText(ticket.number)
        self.ticket_field_label.setText(ticket.field_name)
        self.ticket_priority_label.setVisible(bool(ticket.priority))
        self.ticket_priority_label.setText(self.tr("Priority: %1").replace("%1", ticket.priority_label))
        if ticket.ahead:
            self.ticket_wait_label.setText(
                self.tr("%1 people ahead of you · estimated wait about %2 min")
                .replace("%1", str(ticket.ahead))
                .replace("%2", str(wait_minutes(ticket.estimated_wait.total_seconds())))
            )
        else:
            self.ticket_wait_label.setText(self.tr("Nobody is ahead of you: please watch the screen."))
        state = self._print_state or "printing"
        texts = {
            "printing": self.tr("Printing your ticket…"),
            "printed": self.tr("Please take your ticket below and wait until your number is called."),
            "failed": self.tr(
                "The printer could not print your ticket. Your number is kept: please note it down "
                "(or take a photo) and wait until it is called, or touch “Print again”."
            ),
        }
        self.status_label.setText(texts[state])
        self.status_label.setProperty("state", state)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.reprint_button.setVisible(state == "failed")
        self.reprint_button.setEnabled(state == "failed")
        self.done_button.setEnabled(state != "printing")

    @property
    def print_state(self) -> str:
        """"printing", "printed" or "failed" for the ticket on screen."""
        return self._print_state

    # -- messages and going back ------------------------------------------------------------------------

    def _show_notice(self, text: str, *, kind: str, timeout: bool = True) -> None:
        self.notice_label.setText(text)
        self.notice_label.setProperty("kind", kind)
        self.notice_label.show()
        if timeout:
            QTimer.singleShot(self.timeouts.choice, self.notice_label, self._hide_notice_if_error)

    def _hide_notice_if_error(self) -> None:
        if self.notice_label.property("kind") == "error":
            self._hide_notice()

    def _hide_notice(self) -> None:
        self.notice_label.hide()
        self.notice_label.setProperty("kind", "")

    def _restart_back_timer(self, msecs: int | None = None) -> None:
        if msecs is not None:
            self._back_timer.setInterval(msecs)
        self._back_timer.start()

    def _on_back_timeout(self) -> None:
        if self.pages.currentWidget() is self.ticket_page and self.print_state == "printing":
            return  # never leave a number on its way to the printer
        self.go_home()

    def go_home(self) -> None:
        """Back to the fields, out of priority mode and in the kiosk's own language; the ticket
        on screen is let go (it stays issued)."""
        self._back_timer.stop()
        if i18n.current_language() != self._home_language:
            i18n.set_language(self._home_language)
        self._priority = None
        self._update_priority_banner()
        self.pin_page.clear()
        self.pages.setCurrentWidget(self.home_page)
        self._fit_timer.start()

    # -- the administrator's exit ---------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        if self._unlocked:
            return False
        return self._exit_pin is not None or self.lock_without_pin

    def show_pin_pad(self) -> None:
        self.pin_page.clear()
        if self._exit_pin is None and self.lock_without_pin:
            self.pin_page.set_message(self.tr(
                "No exit PIN is set for this kiosk. Set the site setting kiosk_pin or the environment "
                "variable COUNTER_APP_KIOSK_PIN, then restart the kiosk."
            ))
        self.pages.setCurrentWidget(self.pin_page)
        self._restart_back_timer(self.timeouts.choice)

    def _on_pin_submitted(self, digits: str) -> None:
        now = time.monotonic()
        if now < self._pin_blocked_until:
            self.pin_page.set_message(self.tr("Too many wrong PINs. Please wait a minute."))
            return
        pin = self._exit_pin
        if pin is not None and digits and hmac.compare_digest(digits.encode(), pin.encode()):
            self.unlock()
            return
        self._pin_failures += 1
        if self._pin_failures >= PIN_ATTEMPTS:
            self._pin_failures = 0
            self._pin_blocked_until = now + self.timeouts.pin_lockout / 1000
            log.warning("kiosk: %d wrong exit PINs; PIN pad blocked for a while", PIN_ATTEMPTS)
        self.pin_page.set_message(self.tr("Wrong PIN."))

    def unlock(self) -> None:
        """Let the window close (the right PIN was entered)."""
        self._unlocked = True
        self.unlocked.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked:
            event.ignore()
            self.show_pin_pad()
            return
        self._back_timer.stop()
        self._refresh_timer.stop()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.pages.currentWidget() is self.pin_page:
                self.go_home()
            event.accept()  # Esc never leaves the kiosk (nor full screen)
            return
        if self.pages.currentWidget() is self.pin_page:
            if event.text().isdigit():
                self.pin_page.enter(event.text())
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.pin_page.ok_button.click()
                return
            if event.key() == Qt.Key.Key_Backspace:
                self.pin_page.back_button.click()
                return
        super().keyPressEvent(event)

    # -- language ---------------------------------------------------------------------------------------

    def _on_language_clicked(self) -> None:
        i18n.set_language("en" if i18n.current_language() == "vi" else "vi")
        self._restart_back_timer(self.timeouts.choice)
