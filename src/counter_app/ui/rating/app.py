"""Start the rating screen of a counter: `counter-app rating --counter N [--windowed] [--language vi|en]`.

Full screen on the small display that faces the citizen (a 7–10" touch screen next to the
counter); --windowed opens it 1024×600 for trying it out.
"""

from __future__ import annotations

from typing import Any

from counter_app.ui.kiosk.app import run_touch_window, show_touch_window, touch_application
from counter_app.ui.live import LiveUpdates
from counter_app.ui.rating.window import RatingWindow
from counter_app.ui.worker import Worker


def run_rating(services: Any, *, settings: Any, options: Any) -> int:
    """Run the rating screen of ``options.counter`` until it is closed; the exit code for cli.py."""
    counter = getattr(options, "counter", None) or settings.counter_number
    if not counter:
        raise SystemExit("counter-app rating: --counter N is required")
    app = touch_application(getattr(options, "language", None) or settings.language, "Rating")
    worker = Worker()
    live = LiveUpdates(services)
    window = RatingWindow(services, worker, int(counter), live=live)
    live.start()
    show_touch_window(app, window, windowed=bool(getattr(options, "windowed", False)), size=(1024, 600))
    return run_touch_window(app, window, worker, live)
