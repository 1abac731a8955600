"""The rating screen at a counter: one touch, a reason for the worst level, thanks, back to idle.

docs/rating.png is written when COUNTER_APP_SCREENSHOTS=docs (see tests/ui/test_kiosk.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from counter_app.services import queue
from counter_app.services.context import Services
from counter_app.store.models import Rating
from counter_app.ui.live import LiveUpdates
from counter_app.ui.rating.window import RatingWindow, face_icon, palette_for

from tests.helpers import KIOSK
from tests.ui.keyboard import type_text

DOCS = Path(__file__).resolve().parents[2] / "docs"


def ratings(svc) -> list[tuple]:
    with svc.reading() as s:
        return [
            (r.value, r.scale, r.reason, r.counter_number, r.ticket_id, r.officer_id)
            for r in s.execute(sa.select(Rating).order_by(Rating.at, Rating.value)).scalars()
        ]


def touch(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def served(svc, demo, officer):
    """Citizen A001 is being served at counter 1 by canbo1."""
    queue.issue_ticket(svc, "ho_tich", actor=KIOSK)
    return queue.call_next(svc, officer)


def open_rating(qtbot, svc, worker, **kwargs) -> RatingWindow:
    window = RatingWindow(svc, worker, 1, **kwargs)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    qtbot.waitUntil(lambda: bool(window.rating_buttons) and worker.idle, timeout=5000)
    return window


@pytest.fixture
def rating(qtbot, svc, served, worker, ui_language):
    return open_rating(qtbot, svc, worker, thanks_timeout_ms=300)


def test_idle_shows_the_counter_the_ticket_in_service_and_the_sites_scale(rating, served):
    assert rating.pages.currentWidget() is rating.idle_page
    assert rating.counter_label.text() == "QUẦY SỐ 1"
    assert rating.ticket_label.text() == "Đang phục vụ số A001"
    assert [b.text() for b in rating.rating_buttons] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    assert [b.value for b in rating.rating_buttons] == [3, 2, 1]


def test_a_good_level_is_stored_with_ticket_counter_and_officer_then_idle_again(qtbot, svc, rating, served, officer):
    with qtbot.waitSignal(rating.rated, timeout=5000) as signal:
        touch(qtbot, rating.button_for(3))
    assert signal.args == [3, ""]
    assert rating.pages.currentWidget() is rating.thanks_page
    assert rating.thanks_label.text() == "Cảm ơn ông/bà!"
    assert ratings(svc) == [(3, "3", "", 1, served.id, officer.user_id)]
    qtbot.waitUntil(lambda: rating.pages.currentWidget() is rating.idle_page, timeout=2000)
    # The ticket is rated once: the header no longer offers it.
    assert rating.ticket_label.text() == ""


def test_the_worst_level_asks_for_a_reason_and_stores_nothing_without_one(qtbot, svc, rating, served, officer):
    touch(qtbot, rating.button_for(1))
    assert rating.pages.currentWidget() is rating.reason_page
    assert rating.reason_question.text() == "Ông/bà chưa hài lòng về điều gì?"
    assert not rating.send_button.isEnabled()
    touch(qtbot, rating.send_button)
    qtbot.wait(100)
    assert ratings(svc) == []

    touch(qtbot, rating.back_button)  # changed their mind: nothing stored
    assert rating.pages.currentWidget() is rating.idle_page
    assert ratings(svc) == []

    touch(qtbot, rating.button_for(1))
    touch(qtbot, rating.reason_chips[0])
    rating.reason_text.setFocus()
    type_text(qtbot, "Không được hướng dẫn điền tờ khai", rating.reason_text)
    assert rating.send_button.isEnabled()
    with qtbot.waitSignal(rating.rated, timeout=5000):
        touch(qtbot, rating.send_button)
    [(value, scale, reason, counter, ticket_id, officer_id)] = ratings(svc)
    assert (value, scale, counter, ticket_id, officer_id) == (1, "3", 1, served.id, officer.user_id)
    assert reason == "Phải chờ đợi lâu; Không được hướng dẫn điền tờ khai"
    qtbot.waitUntil(lambda: rating.pages.currentWidget() is rating.idle_page, timeout=2000)


def test_reason_screen_left_alone_goes_back_to_idle(qtbot, svc, served, worker, ui_language):
    window = open_rating(qtbot, svc, worker, reason_timeout_ms=200)
    touch(qtbot, window.button_for(1))
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.idle_page, timeout=2000)
    assert ratings(svc) == []


def test_a_rating_just_after_finish_goes_to_the_ticket_just_served(qtbot, svc, rating, served, officer):
    queue.finish(svc, officer)  # the officer was quicker than the citizen
    rating.refresh()
    qtbot.waitUntil(lambda: rating.ticket_label.text() == "Vừa phục vụ số A001", timeout=5000)
    with qtbot.waitSignal(rating.rated, timeout=5000):
        touch(qtbot, rating.button_for(2))
    with qtbot.waitSignal(rating.rated, timeout=5000):  # someone touches again
        touch(qtbot, rating.button_for(3))
    assert ratings(svc) == [(2, "3", "", 1, served.id, officer.user_id), (3, "3", "", 1, None, None)]


def test_idle_follows_the_counter_through_live_updates(qtbot, svc, served, officer, worker, ui_language, clock,
                                                       tmp_path):
    live = LiveUpdates(svc)
    window = open_rating(qtbot, svc, worker, live=live)
    live.start()
    desk = Services(svc.database_url, archive_dir=tmp_path / "desk", clock=clock)  # the officer's PC
    try:
        assert window.ticket_label.text() == "Đang phục vụ số A001"
        queue.issue_ticket(desk, "ho_tich", actor=KIOSK)
        queue.finish(desk, officer)
        queue.call_next(desk, officer)
        qtbot.waitUntil(lambda: window.ticket_label.text() == "Đang phục vụ số A002", timeout=2000)
    finally:
        live.stop()
        desk.close()


def test_a_five_level_scale_from_the_site_settings(qtbot, svc, served, worker, ui_language):
    from counter_app.store.models import Site

    labels = ["Rất hài lòng", "Hài lòng", "Bình thường", "Chưa hài lòng", "Rất không hài lòng"]
    with svc.transaction() as s:
        site = s.execute(sa.select(Site)).scalar_one()
        site.settings = {**(site.settings or {}), "rating_scale": labels}
    window = open_rating(qtbot, svc, worker)
    assert [b.text() for b in window.rating_buttons] == labels
    with qtbot.waitSignal(window.rated, timeout=5000):
        touch(qtbot, window.button_for(4))
    assert ratings(svc)[0][:2] == (4, "5")
    window.go_idle()
    touch(qtbot, window.button_for(1))
    assert window.pages.currentWidget() is window.reason_page


def test_palette_and_faces():
    assert palette_for(3) == ("#136b35", "#1f5fbf", "#a3161a")
    assert len(palette_for(7)) == 7 and palette_for(7)[0] == "#136b35" and palette_for(7)[-1] == "#a3161a"
    assert not face_icon(1.0, 64).isNull() and not face_icon(-1.0, 64).isNull()


def test_screenshot(qtbot, rating, tmp_path):
    target = DOCS if os.environ.get("COUNTER_APP_SCREENSHOTS") == "docs" else tmp_path
    image = rating.grab()
    assert not image.isNull() and image.width() == 1024
    assert image.save(str(target / "rating.png"))
    touch(qtbot, rating.button_for(1))
    touch(qtbot, rating.reason_chips[1])
    assert rating.grab().save(str(target / "rating-reason.png"))


def test_counter_number_is_required_by_run_rating(svc):
    from types import SimpleNamespace

    from counter_app.ui.rating.app import run_rating

    with pytest.raises(SystemExit):
        run_rating(svc, settings=SimpleNamespace(counter_number=None, language="vi"),
                   options=SimpleNamespace(counter=None, windowed=True, language=None))


