"""The board as the hall sees it: big, high-contrast, every size scaled to the window.

Laid out for a TV read from 10 m: at 1080 lines the called number is set at 250 px, the
smallest text (waiting counts) at 28 px. Every font size is given for a 1920×1080 screen and
scaled by the window's size, so the same board works on a 720p TV or a window on a desk.
The view only shows what it is given; BoardController decides what that is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEasingCurve, QEvent, QPoint, QPropertyAnimation, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from counter_app.ui import i18n

BASE_HEIGHT = 1080
LINE_HEIGHT = 1.18  # a label's height for its font's pixel size (Liberation Sans, Arial)
BASE_WIDTH = 1920
FONT_FAMILIES = ["Liberation Sans", "Arial", "DejaVu Sans", "Noto Sans", "Segoe UI"]

BACKGROUND = "#0b1426"
PANEL = "#14233f"
YELLOW = "#ffd400"
WHITE = "#ffffff"
SOFT = "#c9d5ee"  # titles: still 10:1 on the panel colour
DIM = "#8a9bbd"
RED = "#b3121b"
ORANGE = "#ff9f1a"

STYLE = f"""
BoardView {{ background: {BACKGROUND}; }}
QLabel {{ color: {WHITE}; background: transparent; }}
#header {{ background: {RED}; }}
#siteName {{ color: {YELLOW}; }}
#status {{ color: {WHITE}; background: {ORANGE}; border-radius: 6px; padding: 0 12px; }}
#headline {{ background: {PANEL}; border: 4px solid {YELLOW}; border-radius: 18px; }}
#headline[flash="true"] {{ background: {YELLOW}; }}
#headlineNumber {{ color: {YELLOW}; }}
#headline[flash="true"] #headlineNumber,
#headline[flash="true"] #headlineCaption,
#headline[flash="true"] #headlineCounter {{ color: {BACKGROUND}; }}
#recallBadge {{ color: {BACKGROUND}; background: {ORANGE}; border-radius: 10px; padding: 0 16px; }}
#panel {{ background: {PANEL}; border-radius: 14px; }}
#panelTitle {{ color: {SOFT}; }}
#recentNumber {{ color: {YELLOW}; }}
#ticker {{ background: {RED}; }}
"""


def board_font(pixel_size: int, bold: bool = True) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(8, pixel_size))
    font.setBold(bold)
    return font


def fitted_font(text: str, pixel_size: int, max_width: int, max_height: int | None = None, bold: bool = True) -> QFont:
    """The board font at ``pixel_size`` or smaller, so that ``text`` fits in max_width."""
    size = pixel_size if max_height is None else min(pixel_size, int(max_height * 0.8))
    font = board_font(size, bold)
    while size > 8 and QFontMetrics(font).horizontalAdvance(text) > max_width:
        size = int(size * 0.92)
        font = board_font(size, bold)
    return font


def _scaled_label(object_name: str, base_px: int, *, bold: bool = True,
                  align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setProperty("basePx", base_px)
    label.setProperty("bold", bold)
    label.setAlignment(align)
    label.setFont(board_font(base_px, bold))
    return label


@dataclass(frozen=True)
class CounterTile:
    number: int
    state: str  # "open" | "paused" | "closed"
    serving: str | None  # the ticket number at the counter now


@dataclass(frozen=True)
class WaitingRow:
    prefix: str
    name: str
    waiting: int


class CountersPanel(QWidget):
    """One tile per counter: "Quầy 3" and the number it serves now (painted, to fit any count)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: tuple[CounterTile, ...] = ()
        self.scale = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_tiles(self, tiles: tuple[CounterTile, ...]) -> None:
        if tiles != self.tiles:
            self.tiles = tiles
            self.update()

    def tile_texts(self) -> list[tuple[str, str]]:
        """(title, value) of every tile, as painted."""
        return [(self._title(t), self._value(t)) for t in self.tiles]

    def _title(self, tile: CounterTile) -> str:
        return self.tr("Counter %1").replace("%1", str(tile.number))

    def _value(self, tile: CounterTile) -> str:
        if tile.state == "closed":
            return self.tr("Closed")
        if tile.state == "paused" and not tile.serving:
            return self.tr("Paused")
        return tile.serving or "–"

    def _grid(self) -> tuple[int, int]:
        """(columns, rows): one row of up to 8 tiles, then two rows, then three."""
        n = len(self.tiles)
        rows = 1 if n <= 8 else 2 if n <= 16 else 3
        return max(-(-n // rows), 4 if rows == 1 else 1), rows

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.tiles:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cols, rows = self._grid()
        gap = max(6, round(14 * self.scale))
        w = (self.width() - gap * (cols - 1)) / cols
        h = (self.height() - gap * (rows - 1)) / rows
        title_px = round(min(38 * self.scale, h * 0.26))
        value_px = round(min(96 * self.scale, h * 0.56))
        for i, tile in enumerate(self.tiles):
            r, c = divmod(i, cols)
            rect = QRect(round(c * (w + gap)), round(r * (h + gap)), round(w), round(h))
            active = tile.state == "open" or bool(tile.serving)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#1d3157" if active else "#17233a"))
            painter.drawRoundedRect(rect, 12 * self.scale, 12 * self.scale)
            inner = rect.adjusted(gap, gap // 2, -gap, -gap // 2)
            title_rect = QRect(inner.left(), inner.top(), inner.width(), round(inner.height() * 0.34))
            value_rect = QRect(inner.left(), title_rect.bottom(), inner.width(), inner.bottom() - title_rect.bottom())
            title = self._title(tile)
            painter.setFont(fitted_font(title, title_px, inner.width()))
            painter.setPen(QColor(WHITE if active else DIM))
            painter.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, title)
            value = self._value(tile)
            is_number = bool(tile.serving)
            px = value_px if is_number else round(value_px * 0.5)
            painter.setFont(fitted_font(value, px, inner.width()))
            painter.setPen(QColor(YELLOW if is_number else DIM))
            painter.drawText(value_rect, Qt.AlignmentFlag.AlignCenter, value)
        painter.end()


class WaitingPanel(QWidget):
    """People waiting per field: ticket letter, field name, count. Painted in as many columns
    as the strip's width holds; long field names are cut with "…"."""

    MAX_ROW_PX = 60
    MIN_COLUMN_PX = 500

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[WaitingRow, ...] = ()
        self.scale = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_rows(self, rows: tuple[WaitingRow, ...]) -> None:
        if rows != self.rows:
            self.rows = rows
            self.update()

    def empty_text(self) -> str:
        return self.tr("Nobody is waiting")

    def layout_rows(self) -> tuple[int, int, float]:
        """(columns, rows per column, row height in px) for the current size: as many
        columns as the width holds at MIN_COLUMN_PX, rows as high as the strip allows."""
        n = max(len(self.rows), 1)
        cols = max(1, min(n, int(self.width() // (self.MIN_COLUMN_PX * self.scale))))
        per_col = -(-n // cols)
        return cols, per_col, min(self.height() / per_col, self.MAX_ROW_PX * self.scale)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.rows:
            painter.setFont(board_font(round(36 * self.scale), bold=False))
            painter.setPen(QColor(SOFT))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.empty_text())
            painter.end()
            return
        cols, per_col, row_h = self.layout_rows()
        painter.translate(0, round((self.height() - per_col * row_h) / 2))  # the block centred
        gap = round(18 * self.scale)
        col_w = (self.width() - gap * (cols - 1)) / cols
        px = round(row_h * 0.6)
        font = board_font(px)
        name_font = board_font(px, bold=False)
        metrics = QFontMetrics(name_font)
        badge_w = round(row_h * 0.95)
        count_w = QFontMetrics(font).horizontalAdvance("000")
        for i, row in enumerate(self.rows):
            c, r = divmod(i, per_col)
            left, top = round(c * (col_w + gap)), round(r * row_h)
            badge = QRect(left, top + round(row_h * 0.1), badge_w, round(row_h * 0.8))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(YELLOW))
            painter.drawRoundedRect(badge, 8 * self.scale, 8 * self.scale)
            painter.setFont(font)
            painter.setPen(QColor(BACKGROUND))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, row.prefix)
            name_rect = QRect(left + badge_w + gap // 2, top, round(col_w) - badge_w - count_w - gap, round(row_h))
            painter.setFont(name_font)
            painter.setPen(QColor(WHITE))
            painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(row.name, Qt.TextElideMode.ElideRight, name_rect.width()))
            count_rect = QRect(left + round(col_w) - count_w, top, count_w, round(row_h))
            painter.setFont(font)
            painter.setPen(QColor(YELLOW))
            painter.drawText(count_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(row.waiting))
        painter.end()


class Ticker(QFrame):
    """A line of text scrolling right to left, moved by a QPropertyAnimation (no Python per frame)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticker")
        self.label = _scaled_label("tickerText", 44, bold=True)
        self.label.setParent(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.speed_px_per_s = 150.0
        self._animation = QPropertyAnimation(self.label, b"pos", self)
        self._animation.setEasingCurve(QEasingCurve.Type.Linear)
        self._animation.setLoopCount(-1)

    def text(self) -> str:
        return self.label.text()

    def set_text(self, text: str) -> None:
        if text != self.label.text():
            self.label.setText(text)
            self.restart()

    def restart(self) -> None:
        self._animation.stop()
        self.label.resize(self.label.sizeHint().width(), self.height())
        start, end = QPoint(self.width(), 0), QPoint(-self.label.width(), 0)
        distance = start.x() - end.x()
        if not self.label.text() or self.width() <= 0:
            return
        self._animation.setStartValue(start)
        self._animation.setEndValue(end)
        self._animation.setDuration(max(1000, round(distance / max(self.speed_px_per_s, 1.0) * 1000)))
        self._animation.start()
        # Begin with the text already on screen, a little in from the left edge.
        lead = max(0, self.width() - round(24 * self.height() / 70))
        self._animation.setCurrentTime(round(self._animation.duration() * lead / distance))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.restart()


class BoardView(QWidget):
    """The hall display window.

    Signals:
        muteToggled(): the mute key (M) was pressed.
        fullScreenToggled(): F11 was pressed.
        closeRequested(): Ctrl+Q was pressed.
        closed(): the window has been closed.
    """

    muteToggled = Signal()
    fullScreenToggled = Signal()
    closeRequested = Signal()
    closed = Signal()

    RECENT_ROWS = 5
    FLASH_TOGGLES = 6
    FLASH_MS = 380

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("board")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.scale = 1.0
        self._latest: tuple[str, int, str] | None = None
        self._recent: tuple[tuple[str, int], ...] = ()
        self._muted = False
        self._status = ""
        self._clock: datetime | None = None
        self._build()
        self.headline.installEventFilter(self)
        self.recent_panel.installEventFilter(self)
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(self.FLASH_MS)
        self._flash_timer.timeout.connect(self._on_flash_tick)
        self._flash_left = 0
        for keys, signal in (("M", self.muteToggled), ("F11", self.fullScreenToggled), ("Ctrl+Q", self.closeRequested)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(signal)
        self.retranslateUi()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.header = QFrame()
        self.header.setObjectName("header")
        self.site_name = _scaled_label("siteName", 40)
        self.site_name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status = _scaled_label("status", 28)
        self.status.hide()
        self.date = _scaled_label("date", 32, bold=False, align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock = _scaled_label("clock", 60, align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._header_layout = QHBoxLayout(self.header)
        self._header_layout.addWidget(self.site_name, 1)
        self._header_layout.addWidget(self.status)
        self._header_layout.addWidget(self.date)
        self._header_layout.addWidget(self.clock)

        # The latest call.
        self.headline = QFrame()
        self.headline.setObjectName("headline")
        self.headline.setProperty("flash", False)
        center = Qt.AlignmentFlag.AlignCenter
        self.latest_caption = _scaled_label("headlineCaption", 64, align=center)
        self.latest_number = _scaled_label("headlineNumber", 240, align=center)
        self.latest_counter = _scaled_label("headlineCounter", 108, align=center)
        for label in (self.latest_caption, self.latest_number, self.latest_counter):
            # The headline sizes its fonts to the panel (_fit_headline), never the other way round.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.recall_badge = _scaled_label("recallBadge", 34, align=center)
        self.recall_badge.setParent(self.headline)
        self.recall_badge.hide()
        self._headline_layout = QVBoxLayout(self.headline)
        for label in (self.latest_caption, self.latest_number, self.latest_counter):
            self._headline_layout.addWidget(label, label.property("basePx"))

        # The calls before it.
        self.recent_panel = QFrame()
        self.recent_panel.setObjectName("panel")
        self.recent_title = _scaled_label("panelTitle", 40)
        self.recent_numbers: list[QLabel] = []
        self.recent_counters: list[QLabel] = []
        self._recent_layout = QGridLayout(self.recent_panel)
        self._recent_layout.addWidget(self.recent_title, 0, 0, 1, 2)
        for i in range(self.RECENT_ROWS):
            number = _scaled_label("recentNumber", 68)
            counter = _scaled_label("recentCounter", 60, align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for label in (number, counter):
                label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
            self._recent_layout.addWidget(number, i + 1, 0)
            self._recent_layout.addWidget(counter, i + 1, 1)
            self._recent_layout.setRowStretch(i + 1, 1)
            self.recent_numbers.append(number)
            self.recent_counters.append(counter)

        # Counters and waiting counts.
        # Counters and waiting counts: two full-width strips, their title on the left.
        self.counters_box = QFrame()
        self.counters_box.setObjectName("panel")
        self.counters_title = _scaled_label("panelTitle", 36)
        self.counters_title.setWordWrap(True)
        self.counters = CountersPanel()
        self._counters_layout = QHBoxLayout(self.counters_box)
        self._counters_layout.addWidget(self.counters_title)
        self._counters_layout.addWidget(self.counters, 1)

        self.waiting_box = QFrame()
        self.waiting_box.setObjectName("panel")
        self.waiting_title = _scaled_label("panelTitle", 36)
        self.waiting_title.setWordWrap(True)
        self.waiting = WaitingPanel()
        self._waiting_layout = QHBoxLayout(self.waiting_box)
        self._waiting_layout.addWidget(self.waiting_title)
        self._waiting_layout.addWidget(self.waiting, 1)

        self.ticker = Ticker()

        self._body = QGridLayout()
        self._body.addWidget(self.headline, 0, 0)
        self._body.addWidget(self.recent_panel, 0, 1)
        self._body.addWidget(self.counters_box, 1, 0, 1, 2)
        self._body.addWidget(self.waiting_box, 2, 0, 1, 2)
        self._body.setColumnStretch(0, 60)
        self._body.setColumnStretch(1, 40)
        self._body.setRowStretch(0, 1)

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self.header)
        root.addLayout(self._body, 1)
        root.addWidget(self.ticker)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Hall display"))
        self.recent_title.setText(self.tr("Recent calls"))
        self.counters_title.setText(self.tr("Counters now serving"))
        self.waiting_title.setText(self.tr("People waiting"))
        self.recall_badge.setText(self.tr("Called again"))
        self._show_latest()
        self._show_recent()
        self._show_status()
        self._show_clock()
        self.counters.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -- what the controller sets ------------------------------------------------------------

    def set_site_name(self, name: str) -> None:
        self.site_name.setText(name)

    def show_latest(self, number: str, counter_number: int, kind: str = "call", *, flash: bool = True) -> None:
        """Put a call up as the latest; ``flash`` draws the eye to a new one."""
        self._latest = (number, counter_number, kind)
        self._show_latest()
        if flash:
            self._flash_left = self.FLASH_TOGGLES
            self._set_flash(True)
            self._flash_timer.start()

    def clear_latest(self) -> None:
        self._latest = None
        self._flash_timer.stop()
        self._set_flash(False)
        self._show_latest()

    def set_recent(self, calls: list[tuple[str, int]]) -> None:
        """The calls before the latest, newest first (only the first rows are shown)."""
        recent = tuple(calls[: self.RECENT_ROWS])
        if recent != self._recent:
            self._recent = recent
            self._show_recent()

    def set_counters(self, tiles: list[CounterTile]) -> None:
        self.counters.set_tiles(tuple(tiles))

    def set_waiting(self, rows: list[WaitingRow]) -> None:
        self.waiting.set_rows(tuple(rows))

    def set_notice(self, text: str) -> None:
        self.ticker.set_text(text)

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        self._show_status()

    def set_status(self, text: str) -> None:
        """A problem staff should see (the board lost the database); empty = all well."""
        self._status = text
        self._show_status()

    def set_clock(self, now_local: datetime) -> None:
        if self._clock is None or now_local.replace(second=0, microsecond=0) != self._clock.replace(second=0, microsecond=0):
            self._clock = now_local
            self._show_clock()

    # -- rendering ---------------------------------------------------------------------------

    def _show_latest(self) -> None:
        center, h_center = Qt.AlignmentFlag.AlignCenter, Qt.AlignmentFlag.AlignHCenter
        if self._latest is None:
            # Two lines close together in the middle of the panel, not spread to its edges.
            self.latest_caption.setAlignment(h_center | Qt.AlignmentFlag.AlignBottom)
            self.latest_counter.setAlignment(h_center | Qt.AlignmentFlag.AlignTop)
            self._headline_layout.setStretchFactor(self.latest_caption, 1)
            self._headline_layout.setStretchFactor(self.latest_counter, 1)
            self.latest_caption.setText(self.tr("Welcome"))
            self.latest_number.setText("")
            self.latest_number.hide()
            self.latest_counter.setText(self.tr("Please take a number and wait for your turn"))
            self.recall_badge.hide()
            self._fit_headline()
            return
        number, counter, kind = self._latest
        self.latest_caption.setAlignment(center)
        self.latest_counter.setAlignment(center)
        for label in (self.latest_caption, self.latest_counter):
            self._headline_layout.setStretchFactor(label, label.property("basePx"))
        self.latest_caption.setText(self.tr("Number"))
        self.latest_number.setText(number)
        self.latest_number.show()
        self.latest_counter.setText(self.tr("to counter %1").replace("%1", str(counter)))
        self.recall_badge.setVisible(kind == "recall")
        self._place_badge()
        self._fit_headline()

    def _show_recent(self) -> None:
        for i in range(self.RECENT_ROWS):
            if i < len(self._recent):
                number, counter = self._recent[i]
                self.recent_numbers[i].setText(number)
                self.recent_counters[i].setText(self.tr("Counter %1").replace("%1", str(counter)))
            else:
                self.recent_numbers[i].setText("")
                self.recent_counters[i].setText("")

    def _show_status(self) -> None:
        parts = [self._status] if self._status else []
        if self._muted:
            parts.append(self.tr("Sound off (M)"))
        self.status.setText("   ".join(parts))
        self.status.setVisible(bool(parts))

    def _show_clock(self) -> None:
        if self._clock is None:
            return
        weekday = i18n.weekday_name(self._clock.date())
        self.date.setText(f"{weekday[:1].upper()}{weekday[1:]}, {i18n.format_date(self._clock.date())}")
        self.clock.setText(self._clock.strftime("%H:%M"))

    def _set_flash(self, on: bool) -> None:
        if self.headline.property("flash") == on:
            return
        self.headline.setProperty("flash", on)
        for widget in (self.headline, self.latest_caption, self.latest_number, self.latest_counter):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _on_flash_tick(self) -> None:
        self._flash_left -= 1
        if self._flash_left <= 0:
            self._flash_timer.stop()
            self._set_flash(False)
        else:
            self._set_flash(self._flash_left % 2 == 0)

    # -- scaling -----------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_scale()

    def eventFilter(self, watched, event: QEvent) -> bool:
        if watched is self.headline and event.type() == QEvent.Type.Resize:
            self._fit_headline()  # the panel has its new size only now
            self._place_badge()
        elif watched is self.recent_panel and event.type() == QEvent.Type.Resize:
            self._fit_recent()
        return super().eventFilter(watched, event)

    def _apply_scale(self) -> None:
        s = min(self.height() / BASE_HEIGHT, self.width() / BASE_WIDTH)
        if s <= 0:
            return
        self.scale = s
        for label in self.findChildren(QLabel):
            base = label.property("basePx")
            if base:
                label.setFont(board_font(round(base * s), bool(label.property("bold"))))
        m = round(20 * s)
        self._header_layout.setContentsMargins(m, round(10 * s), m, round(10 * s))
        self._header_layout.setSpacing(round(28 * s))
        self.header.setFixedHeight(round(92 * s))
        self._body.setContentsMargins(m, m, m, m)
        self._body.setSpacing(m)
        self._recent_layout.setContentsMargins(m, round(14 * s), m, m)
        self._recent_layout.setSpacing(round(12 * s))
        for layout in (self._counters_layout, self._waiting_layout):
            layout.setContentsMargins(m, round(12 * s), m, round(12 * s))
            layout.setSpacing(m)
        for title in (self.counters_title, self.waiting_title):
            title.setFixedWidth(round(250 * s))
        self.counters_box.setFixedHeight(round(150 * s))
        self.waiting_box.setFixedHeight(round(172 * s))
        self._headline_layout.setContentsMargins(m, m, m, m)
        self._headline_layout.setSpacing(0)
        self.ticker.setFixedHeight(round(72 * s))
        self.ticker.speed_px_per_s = 150 * s
        self.counters.scale = self.waiting.scale = s
        self._fit_headline()
        self._place_badge()
        self.ticker.restart()

    def _fit_headline(self) -> None:
        """Size the headline's texts to its panel: as set for 1080 lines, smaller when the
        panel is short or a text is long (a five-digit number, English)."""
        labels = (self.latest_caption, self.latest_number, self.latest_counter)
        width = self.headline.width() - 2 * round(40 * self.scale)
        height = self.headline.height() - 2 * round(20 * self.scale)
        if width <= 0 or height <= 0:
            return
        shown = [label for label in labels if label.text()]
        wanted = sum(label.property("basePx") * self.scale * LINE_HEIGHT for label in shown)
        k = min(1.0, height / wanted) if wanted else 1.0
        for label in labels:
            label.setFont(fitted_font(label.text(), round(label.property("basePx") * self.scale * k), width))

    def _fit_recent(self) -> None:
        """Rows of recent calls as large as set, or as large as the panel's height allows."""
        rows_height = self.recent_panel.height() - self.recent_title.height() - round(40 * self.scale)
        row_px = rows_height / self.RECENT_ROWS / LINE_HEIGHT - 12 * self.scale
        for label in (*self.recent_numbers, *self.recent_counters):
            px = min(round(label.property("basePx") * self.scale), round(row_px))
            label.setFont(board_font(px, bool(label.property("bold"))))

    def _place_badge(self) -> None:
        self.recall_badge.adjustSize()
        m = round(24 * self.scale)
        self.recall_badge.move(self.headline.width() - self.recall_badge.width() - m, m)

    def closeEvent(self, event) -> None:
        self._flash_timer.stop()
        self.closed.emit()
        super().closeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(1280, 720)
