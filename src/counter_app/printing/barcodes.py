"""Vector barcodes for printed documents.

Code 128: python-barcode encodes the text into a module string ("1" = bar), which is
drawn here as reportlab rectangles (one per run of bars), with quiet zones and the
human-readable text underneath. QR: reportlab's own vector QrCodeWidget.
"""

from __future__ import annotations

from functools import lru_cache

import barcode
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Rect
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from counter_app.printing.fonts import SERIF, SERIF_BOLD, register_fonts

QUIET_ZONE_MODULES = 10  # ISO/IEC 15417 minimum quiet zone on each side
MIN_MODULE = 0.25 * mm
MAX_MODULE = 0.33 * mm


@lru_cache(maxsize=256)
def code128_modules(text: str) -> str:
    """The Code 128 module string for *text* (start, data, checksum, stop), no quiet zones."""
    if not text:
        raise ValueError("cannot encode an empty Code 128 barcode")
    try:
        return barcode.Code128(text).build()[0]
    except Exception as exc:  # python-barcode raises assorted errors on non-encodable text
        raise ValueError(f"cannot encode {text!r} as Code 128: {exc}") from exc


def _bar_runs(modules: str) -> list[tuple[int, int]]:
    """(start index, length) of every run of consecutive bar modules."""
    runs: list[tuple[int, int]] = []
    start = -1
    for i, m in enumerate(modules):
        if m == "1":
            if start < 0:
                start = i
        elif start >= 0:
            runs.append((start, i - start))
            start = -1
    if start >= 0:
        runs.append((start, len(modules) - start))
    return runs


class Code128Flowable(Flowable):
    """A Code 128 barcode drawn as vector rectangles, quiet zones included.

    The module (narrowest bar) width adapts to the available width, up to ``max_module``;
    it goes below MIN_MODULE (0.25 mm) only if the barcode would otherwise overflow its
    frame (very long text). The human-readable text is printed underneath, after
    ``caption_prefix`` if given (then the text itself is bold).
    """

    def __init__(
        self,
        text: str,
        *,
        bar_height: float = 9 * mm,
        max_module: float = MAX_MODULE,
        show_text: bool = True,
        font_size: float = 8.5,
        caption_prefix: str = "",
        h_align: str = "CENTER",
    ) -> None:
        super().__init__()
        self.text = text
        self.modules = code128_modules(text)
        self.runs = _bar_runs(self.modules)
        self.bar_height = bar_height
        self.max_module = max_module
        self.show_text = show_text
        self.font_size = font_size
        self.caption_prefix = caption_prefix
        self.hAlign = h_align
        self.module = MIN_MODULE

    @property
    def total_modules(self) -> int:
        return len(self.modules) + 2 * QUIET_ZONE_MODULES

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        fit = availWidth / self.total_modules
        # as wide as the space allows up to max_module; below MIN_MODULE only when the
        # barcode would not fit at all (then shrink rather than overflow the frame)
        self.module = min(self.max_module, fit)
        self.width = self.module * self.total_modules
        self.height = self.bar_height + (self._text_height() if self.show_text else 0)
        return self.width, self.height

    def _text_height(self) -> float:
        return self.font_size * 1.2 + 1.5

    def draw(self) -> None:
        canv = self.canv
        m = self.module
        text_h = self._text_height() if self.show_text else 0
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        canv.setStrokeColorRGB(0, 0, 0)
        x0 = QUIET_ZONE_MODULES * m
        path = canv.beginPath()
        for start, length in self.runs:
            path.rect(x0 + start * m, text_h, length * m, self.bar_height)
        canv.drawPath(path, stroke=0, fill=1)
        if self.show_text:
            register_fonts()
            prefix, text = self.caption_prefix, self.text
            font = SERIF_BOLD if prefix else SERIF

            def width(size: float) -> float:
                return stringWidth(prefix, SERIF, size) + stringWidth(text, font, size)

            size = self.font_size
            # shrink the text rather than let it stick out past the quiet zones
            while size > 5 and width(size) > self.width:
                size -= 0.5
            x = (self.width - width(size)) / 2
            y = text_h - 1.5 - size * 0.95
            if prefix:
                canv.setFont(SERIF, size)
                canv.drawString(x, y, prefix)
                x += stringWidth(prefix, SERIF, size)
            canv.setFont(font, size)
            canv.drawString(x, y, text)
        canv.restoreState()


class QrFlowable(Flowable):
    """A square QR code (vector, reportlab's QrCodeWidget) of the given side, quiet zone
    (4 modules) included."""

    def __init__(self, payload: str, size: float = 20 * mm, *, level: str = "M", h_align: str = "CENTER") -> None:
        super().__init__()
        if not payload:
            raise ValueError("cannot encode an empty QR code")
        self.payload = payload
        self.size = size
        self.level = level
        self.hAlign = h_align
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        widget = QrCodeWidget(
            self.payload, barLevel=self.level, barBorder=4, barWidth=self.size, barHeight=self.size
        )
        # Draw the widget's dark modules straight onto the canvas as one filled path.
        # (Rendering it through a Drawing would pull reportlab's default Helvetica into
        # the PDF's font resources, unembedded.) The widget's unfilled frame is skipped.
        canv = self.canv
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        path = canv.beginPath()
        for shape in widget.draw().contents:
            if isinstance(shape, Rect) and shape.fillColor is not None:
                path.rect(shape.x, shape.y, shape.width, shape.height)
        canv.drawPath(path, stroke=0, fill=1)
        canv.restoreState()
