"""Embedded fonts for printed documents.

Liberation Serif (metric-compatible with Times New Roman, full Vietnamese coverage) is
shipped in resources/fonts with its OFL licence. It is registered once per process as
reportlab TrueType fonts, which reportlab always embeds as subsets, plus a family mapping
so ``<b>``/``<i>`` work inside Paragraphs.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from counter_app.resources import resource_path

SERIF = "LiberationSerif"
SERIF_BOLD = "LiberationSerif-Bold"
SERIF_ITALIC = "LiberationSerif-Italic"
SERIF_BOLD_ITALIC = "LiberationSerif-BoldItalic"

_FILES = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF_BOLD: "LiberationSerif-Bold.ttf",
    SERIF_ITALIC: "LiberationSerif-Italic.ttf",
    SERIF_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the serif family with reportlab (idempotent, thread-safe); return its name."""
    global _registered
    if _registered:
        return SERIF
    with _lock:
        if not _registered:
            for name, filename in _FILES.items():
                path = resource_path("fonts", filename)
                if not path.is_file():
                    raise FileNotFoundError(f"font file missing: {path}")
                pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(
                SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD_ITALIC
            )
            # registerFontFamily maps the family name; map the face names too, so a
            # <b> inside a Paragraph whose style font is already e.g. the italic face works.
            for face in _FILES:
                addMapping(face, 0, 0, SERIF)
                addMapping(face, 1, 0, SERIF_BOLD)
                addMapping(face, 0, 1, SERIF_ITALIC)
                addMapping(face, 1, 1, SERIF_BOLD_ITALIC)
            _registered = True
    return SERIF
