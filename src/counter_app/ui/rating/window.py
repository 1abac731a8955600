"""The citizen rating screen facing the citizen at a counter: one touch on the site's scale, a reason
for the worst level, thanks, and back to idle.

A rating is attached to the ticket being served at the counter, or to the ticket that just
left service there (the officer often presses "finish" before the citizen touches the
screen), so it is stored with that ticket, the counter and the officer who served it
(services.queue.rate_service takes the officer from the ticket). A ticket is rated once;
further touches before the next ticket count for the counter only.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.services import authz, queue
from counter_app.ui import i18n
from counter_app.ui.kiosk.widgets import passthrough, scaled_css, screen_scale, touch_font
from counter_app.ui.worker import Worker

log = logging.getLogger(__name__)

NAVY = "#0b3d91"
INK = "#0b1f44"

# Best first. White text on each keeps a contrast of at least 4.5:1.
PALETTES: dict[int, tuple[str, ...]] = {
    2: ("#136b35", "#a3161a"),
    3: ("#136b35", "#1f5fbf", "#a3161a"),
    4: ("#136b35", "#1f5fbf", "#8a5a00", "#a3161a"),
    5: ("#136b35", "#2e7d32", "#1f5fbf", "#8a5a00", "#a3161a"),
}

# Sizes for a screen whose short side is 600 px (a 7–10" counter tablet), scaled to the real one.
STYLE = f"""
QWidget#rating {{ background: #f2f5fa; }}
QStackedWidget QLabel {{ color: {INK}; }}
/* Stacked marks on capitals (Ấ, Ủ, Ỗ) rise above the font's ascent: room for them. */
QWidget#rating QLabel {{ padding-top: 0.22em; }}
QFrame#header {{ background: {NAVY}; }}
QFrame#header QLabel {{ color: white; }}
QLabel#counterLabel {{ font-size: 34px; font-weight: 800; }}
QLabel#ticketLabel {{ font-size: 24px; font-weight: 700; }}
QLabel#question {{ font-size: 30px; font-weight: 800; }}
QLabel#hint {{ font-size: 19px; color: #1f2a3d; }}
QPushButton#ratingButton {{ border: none; border-radius: 16px; min-height: 90px; }}
QLabel#ratingLabel {{ color: white; font-size: 30px; font-weight: 800; }}
QPushButton#reasonChip {{
    background: white; color: {INK}; border: 3px solid {NAVY}; border-radius: 14px;
    font-size: 20px; font-weight: 700; padding: 10px; min-height: 48px; }}
QPushButton#reasonChip:checked {{ background: {NAVY}; color: white; }}
QLineEdit#reasonText {{
    font-size: 20px; padding: 8px 12px; border: 3px solid {NAVY}; border-radius: 12px;
    background: white; color: {INK}; min-height: 34px; }}
QPushButton#primaryButton, QPushButton#secondaryButton {{
    border-radius: 14px; font-size: 22px; font-weight: 800; padding: 10px 26px;
    min-height: 48px; min-width: 170px; }}
QPushButton#primaryButton {{ background: {NAVY}; color: white; border: 3px solid {NAVY}; }}
QPushButton#primaryButton:disabled {{ background: #9aa3b5; border-color: #9aa3b5; }}
QPushButton#secondaryButton {{ background: white; color: {NAVY}; border: 3px solid {NAVY}; }}
QLabel#thanks {{ font-size: 64px; font-weight: 800; color: #136b35; }}
QLabel#thanksHint {{ font-size: 24px; }}
QLabel#error {{ font-size: 20px; font-weight: 700; color: white; background: #a3161a;
    border-radius: 10px; padding: 8px; }}
"""


def palette_for(levels: int) -> tuple[str, ...]:
    if levels in PALETTES:
        return PALETTES[levels]
    if levels <= 1:
        return PALETTES[2][:1]
    # Longer scales: green → blue → red, evenly spread over the five-colour palette.
    five = PALETTES[5]
    return tuple(five[round(i * 4 / (levels - 1))] for i in range(levels))


def face_icon(mood: float, size: int) -> QIcon:
    """A white face: mood 1 smiles broadly, 0 is straight, -1 frowns (readable without reading)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = max(2.0, size * 0.07)
    painter.setPen(QPen(QColor("white"), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    inset = width / 2 + 1
    painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
    painter.setBrush(QColor("white"))
    eye = size * 0.065
    for x in (0.36, 0.64):
        painter.drawEllipse(QPointF(size * x, size * 0.40), eye, eye)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    corner_y = size * (0.66 - 0.04 * mood)
    mouth = QPainterPath(QPointF(size * 0.30, corner_y))
    mouth.quadTo(QPointF(size * 0.5, size * (0.66 + 0.2 * mood)), QPointF(size * 0.70, corner_y))
    painter.drawPath(mouth)
    painter.end()
    return QIcon(pixmap)


class RatingButton(QPushButton):
    """One level of the scale: a face above its label (beside it on a portrait screen).

    ``value`` is the stored value, 1 = worst."""

    def __init__(self, label: str, value: int, level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingButton")
        self.setProperty("level", str(level))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.value = value
        self.face = passthrough(QLabel())
        self.face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = passthrough(QLabel(label))
        self.label.setObjectName("ratingLabel")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.box = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.box.setContentsMargins(10, 10, 10, 10)
        self.box.setSpacing(12)
        self.box.addStretch(1)
        self.box.addWidget(self.face)
        self.box.addWidget(self.label)
        self.box.addStretch(1)
        self.setAccessibleName(label)

    def text(self) -> str:
        return self.label.text()

    def set_face(self, icon: QIcon, side: int, beside: bool) -> None:
        self.face.setPixmap(icon.pixmap(side, side))
        self.box.setDirection(QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom)
        self.label.setAlignment(
            (Qt.AlignmentFlag.AlignLeft if beside else Qt.AlignmentFlag.AlignHCenter) | Qt.AlignmentFlag.AlignVCenter
        )


class RatingWindow(QWidget):
    """Pages of ``pages``: ``idle_page`` (counter, ticket in service, the scale), ``reason_page``
    (asked for the worst level; nothing is stored without a reason) and ``thanks_page`` (back to
    idle after ``thanks_timeout_ms``).

    Signals:
        rated(int, str): a rating was stored (value, 1 = worst; reason).
    """

    rated = Signal(int, str)

    def __init__(
        self,
        services: Any,
        worker: Worker,
        counter_number: int,
        *,
        live: Any | None = None,
        thanks_timeout_ms: int = 30_000,
        reason_timeout_ms: int = 120_000,
        recent_ticket_ms: int = 10 * 60_000,
        refresh_ms: int = 30_000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rating")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFont(touch_font())
        self.services = services
        self.worker = worker
        self.counter_number = counter_number
        # The services see the rating tablet of this counter (it may record ratings, nothing else).
        self.actor = authz.device(authz.RATING, f"counter {counter_number}")
        self.thanks_timeout_ms = thanks_timeout_ms
        self.reason_timeout_ms = reason_timeout_ms
        self.recent_ticket_ms = recent_ticket_ms
        self.scale_labels: tuple[str, ...] = ()
        self.rating_buttons: list[RatingButton] = []
        self.reason_chips: list[QPushButton] = []
        self.current_ticket: Any | None = None  # in service at this counter now
        self._recent: Any | None = None  # the ticket that last left service here
        self._recent_at = 0.0
        self._rated_ids: set = set()
        self._pending_value: int | None = None
        self._saving = False
        self._refreshing = False
        self._refresh_again = False
        self._scale = 0.0

        self._build()
        self._back_timer = QTimer(self)
        self._back_timer.setSingleShot(True)
        self._back_timer.timeout.connect(self.go_idle)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(refresh_ms)
        self._refresh_timer.timeout.connect(self.refresh)
        self._refresh_timer.start()
        if live is not None:
            live.changed.connect(self._on_live_changed)
        self.retranslateUi()
        self._apply_scale()
        svc = services
        worker.run(lambda: queue.rating_scale(svc), on_success=self._on_scale, on_failure=self._on_scale_failed,
                   owner=self)
        self.refresh()

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        header = QFrame()
        header.setObjectName("header")
        self.counter_label = QLabel()
        self.counter_label.setObjectName("counterLabel")
        self.ticket_label = QLabel()
        self.ticket_label.setObjectName("ticketLabel")
        self.ticket_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.ticket_label.setWordWrap(True)
        head = QHBoxLayout(header)
        head.setContentsMargins(20, 10, 20, 10)
        head.addWidget(self.counter_label)
        head.addSpacing(16)
        head.addWidget(self.ticket_label, 1)

        self.pages = QStackedWidget()
        self.idle_page = self._build_idle()
        self.reason_page = self._build_reason()
        self.thanks_page = self._build_thanks()
        for page in (self.idle_page, self.reason_page, self.thanks_page):
            self.pages.addWidget(page)

        column = QVBoxLayout(self)
        column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(header)
        column.addWidget(self.pages, 1)

    def _build_idle(self) -> QWidget:
        page = QWidget()
        self.question_label = QLabel()
        self.question_label.setObjectName("question")
        self.question_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question_label.setWordWrap(True)
        self.idle_error = QLabel()
        self.idle_error.setObjectName("error")
        self.idle_error.setWordWrap(True)
        self.idle_error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_error.hide()
        self.buttons_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.buttons_row.setSpacing(16)
        column = QVBoxLayout(page)
        column.setContentsMargins(24, 16, 24, 24)
        column.setSpacing(16)
        column.addWidget(self.question_label)
        column.addWidget(self.idle_error)
        column.addLayout(self.buttons_row, 1)
        return page

    def _build_reason(self) -> QWidget:
        page = QWidget()
        self.reason_question = QLabel()
        self.reason_question.setObjectName("question")
        self.reason_question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason_question.setWordWrap(True)
        self.reason_hint = QLabel()
        self.reason_hint.setObjectName("hint")
        self.reason_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason_hint.setWordWrap(True)
        chips = QGridLayout()
        chips.setSpacing(12)
        for i in range(4):
            chip = QPushButton()
            chip.setObjectName("reasonChip")
            chip.setCheckable(True)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            chip.toggled.connect(self._on_reason_changed)
            chips.addWidget(chip, i // 2, i % 2)
            self.reason_chips.append(chip)
        self.reason_text = QLineEdit()
        self.reason_text.setObjectName("reasonText")
        self.reason_text.setMaxLength(300)
        self.reason_text.textChanged.connect(self._on_reason_changed)
        self.reason_error = QLabel()
        self.reason_error.setObjectName("error")
        self.reason_error.setWordWrap(True)
        self.reason_error.hide()
        self.back_button = QPushButton()
        self.back_button.setObjectName("secondaryButton")
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.go_idle)
        self.send_button = QPushButton()
        self.send_button.setObjectName("primaryButton")
        self.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self._on_send_reason)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addSpacing(20)
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        column = QVBoxLayout(page)
        column.setContentsMargins(28, 12, 28, 16)
        column.setSpacing(10)
        column.addWidget(self.reason_question)
        column.addWidget(self.reason_hint)
        column.addLayout(chips)
        column.addWidget(self.reason_text)
        column.addWidget(self.reason_error)
        column.addStretch(1)
        column.addLayout(buttons)
        return page

    def _build_thanks(self) -> QWidget:
        page = QWidget()
        self.thanks_label = QLabel()
        self.thanks_label.setObjectName("thanks")
        self.thanks_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_hint = QLabel()
        self.thanks_hint.setObjectName("thanksHint")
        self.thanks_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_hint.setWordWrap(True)
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.addWidget(self.thanks_label)
        column.addWidget(self.thanks_hint)
        column.addStretch(1)
        return page

    # -- language and size ----------------------------------------------------------------------

    def reason_presets(self) -> list[str]:
        return [
            self.tr("Waited too long"),
            self.tr("Staff were not courteous"),
            self.tr("Unclear guidance"),
            self.tr("Too many papers asked for"),
        ]

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Rating — counter %1").replace("%1", str(self.counter_number)))
        self.counter_label.setText(self.tr("COUNTER %1").replace("%1", str(self.counter_number)))
        self.question_label.setText(self.tr("How satisfied are you with our service?"))
        self.reason_question.setText(self.tr("What were you not satisfied with?"))
        self.reason_hint.setText(self.tr("Please touch at least one reason or write a few words, then touch Send."))
        for chip, text in zip(self.reason_chips, self.reason_presets()):
            chip.setText(text)
        self.reason_text.setPlaceholderText(self.tr("Other reason (optional)"))
        self.back_button.setText(self.tr("Back"))
        self.send_button.setText(self.tr("Send"))
        self.thanks_label.setText(self.tr("Thank you!"))
        self.thanks_hint.setText(self.tr("Your opinion helps us serve you better."))
        self._update_ticket_label()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_scale()

    def _apply_scale(self) -> None:
        scale = screen_scale(self.width(), self.height(), 600)
        if abs(scale - self._scale) >= 0.01:
            self._scale = scale
            self.setStyleSheet(scaled_css(STYLE + self._palette_css(), scale))
        self._update_icons()

    def _palette_css(self) -> str:
        colours = palette_for(len(self.scale_labels)) if self.scale_labels else ()
        return "".join(
            f'QPushButton#ratingButton[level="{i}"] {{ background: {c}; }}\n'
            f'QPushButton#ratingButton[level="{i}"]:pressed {{ background: {QColor(c).darker(130).name()}; }}\n'
            for i, c in enumerate(colours)
        )

    def _update_icons(self) -> None:
        n = len(self.rating_buttons)
        portrait = self.height() > self.width()
        # A portrait screen stacks the levels, each a wide bar with the face beside its label.
        direction = QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        self.buttons_row.setDirection(direction)
        side = round((90 if portrait else 140) * (self._scale or 1))
        for i, button in enumerate(self.rating_buttons):
            mood = 1 - 2 * i / (n - 1) if n > 1 else 1
            button.set_face(face_icon(mood, side), side, beside=portrait)

    # -- the scale ------------------------------------------------------------------------------

    def _on_scale(self, labels: tuple[str, ...]) -> None:
        self.scale_labels = tuple(labels)
        for button in self.rating_buttons:
            self.buttons_row.removeWidget(button)
            button.deleteLater()
        self.rating_buttons = []
        for i, label in enumerate(self.scale_labels):
            button = RatingButton(label, len(self.scale_labels) - i, i)
            button.clicked.connect(lambda _=False, value=button.value: self.choose(value))
            self.buttons_row.addWidget(button, 1)
            self.rating_buttons.append(button)
        self._scale = 0.0  # rebuild the style sheet with this scale's colours
        self._apply_scale()

    def _on_scale_failed(self, error: BaseException) -> None:
        log.error("rating: cannot read the rating scale: %s", error)
        self._show_error(self.idle_error, error)
        QTimer.singleShot(5000, self, self._reload_scale)

    def _reload_scale(self) -> None:
        svc = self.services
        self.worker.run(lambda: queue.rating_scale(svc), on_success=self._on_scale_loaded_again,
                        on_failure=self._on_scale_failed, owner=self)

    def _on_scale_loaded_again(self, labels: tuple[str, ...]) -> None:
        self.idle_error.hide()
        self._on_scale(labels)

    def button_for(self, value: int) -> RatingButton:
        """The button of a value (1 = worst)."""
        return self.rating_buttons[len(self.rating_buttons) - value]

    # -- the ticket at this counter -------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the ticket in service at this counter (coalesced while one load runs)."""
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        svc, number = self.services, self.counter_number
        self.worker.run(lambda: queue.current_ticket(svc, number), on_success=self._on_current,
                        on_failure=self._on_current_failed, owner=self)

    def _refresh_done(self) -> None:
        self._refreshing = False
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _on_current(self, ticket: Any | None) -> None:
        previous = self.current_ticket
        if previous is not None and (ticket is None or ticket.id != previous.id):
            self._recent, self._recent_at = previous, time.monotonic()
        if ticket is not None and (previous is None or ticket.id != previous.id):
            self._recent = None  # a new citizen at the counter
        self.current_ticket = ticket
        self._update_ticket_label()
        self._refresh_done()

    def _on_current_failed(self, error: BaseException) -> None:
        log.warning("rating: cannot read the ticket of counter %s: %s", self.counter_number, error)
        self._refresh_done()

    def _on_live_changed(self, topics: Any) -> None:
        if not topics or "queue" in topics:
            self.refresh()

    def ticket_to_rate(self) -> Any | None:
        """The ticket a rating touched now would be stored with (None: the counter only)."""
        ticket = self.current_ticket
        if ticket is None and self._recent is not None:
            if (time.monotonic() - self._recent_at) * 1000 <= self.recent_ticket_ms:
                ticket = self._recent
        if ticket is None or ticket.id in self._rated_ids:
            return None
        return ticket

    def _update_ticket_label(self) -> None:
        ticket = self.ticket_to_rate()
        if ticket is None:
            self.ticket_label.setText("")
        elif ticket is self.current_ticket:
            self.ticket_label.setText(self.tr("Now serving number %1").replace("%1", ticket.number))
        else:
            self.ticket_label.setText(self.tr("Just served number %1").replace("%1", ticket.number))

    # -- rating ---------------------------------------------------------------------------------

    def choose(self, value: int) -> None:
        """A level was touched: the worst asks for a reason first, the others are stored at once."""
        if self._saving:
            return
        self.idle_error.hide()
        if value == 1:
            self._pending_value = value
            for chip in self.reason_chips:
                chip.setChecked(False)
            self.reason_text.clear()
            self.reason_error.hide()
            self.pages.setCurrentWidget(self.reason_page)
            self._on_reason_changed()
            self._back_timer.start(self.reason_timeout_ms)
            return
        self._save(value, "", self.idle_error)

    def reason(self) -> str:
        parts = [chip.text() for chip in self.reason_chips if chip.isChecked()]
        text = self.reason_text.text().strip()
        if text:
            parts.append(text)
        return "; ".join(parts)

    def _on_reason_changed(self, *_args: Any) -> None:
        self.send_button.setEnabled(bool(self.reason()) and not self._saving)
        if self.pages.currentWidget() is self.reason_page:
            self._back_timer.start(self.reason_timeout_ms)

    def _on_send_reason(self) -> None:
        reason = self.reason()
        if not reason or self._pending_value is None:
            return
        self._save(self._pending_value, reason, self.reason_error)

    def _save(self, value: int, reason: str, error_label: QLabel) -> None:
        ticket = self.ticket_to_rate()
        svc, number, actor = self.services, self.counter_number, self.actor
        ticket_id = ticket.id if ticket is not None else None
        self._saving = True
        self.send_button.setEnabled(False)
        self.worker.run(
            lambda: queue.rate_service(svc, counter_number=number, value=value, reason=reason, ticket_id=ticket_id,
                                       actor=actor),
            on_success=lambda _=None: self._on_saved(value, reason, ticket_id),
            on_failure=lambda error: self._on_save_failed(error, error_label),
            owner=self,
        )

    def _on_saved(self, value: int, reason: str, ticket_id: Any) -> None:
        self._saving = False
        if ticket_id is not None:
            self._rated_ids.add(ticket_id)
        self._pending_value = None
        self._update_ticket_label()
        self.pages.setCurrentWidget(self.thanks_page)
        self._back_timer.start(self.thanks_timeout_ms)
        self.rated.emit(value, reason)

    def _on_save_failed(self, error: BaseException, label: QLabel) -> None:
        self._saving = False
        log.warning("rating: not stored: %r", error)
        self._show_error(label, error)
        self._on_reason_changed()  # what was chosen and typed stays; Send works again

    def _show_error(self, label: QLabel, error: BaseException) -> None:
        if hasattr(error, "message"):
            text = error.message(i18n.current_language())
        else:
            text = self.tr("Your rating could not be saved. Please touch again in a moment.")
        label.setText(text)
        label.show()

    def go_idle(self) -> None:
        self._back_timer.stop()
        self._pending_value = None
        self.reason_error.hide()
        self.pages.setCurrentWidget(self.idle_page)
        self._update_ticket_label()

    def closeEvent(self, event: Any) -> None:
        self._back_timer.stop()
        self._refresh_timer.stop()
        super().closeEvent(event)
