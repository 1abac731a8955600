"""The hall display board: a call is on the screen within a second, the loudspeaker says
number AND counter, one announcement at a time, recalls again, nothing when muted.

Offscreen there is no audio device, so the clip backend times every announcement from the
clips' real length (scaled down by SCALE to keep the tests short): those are the "playing"
intervals the tests observe through the Announcer's started/finished signals.

Screenshots are always rendered; they are written to docs/display*.png only when
COUNTER_APP_SCREENSHOTS=docs.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import QApplication, QLabel

from counter_app.services import queue
from counter_app.services.context import Actor
from counter_app.ui.display import controller as board_controller
from counter_app.ui.display.announcer import (
    Announcement,
    Announcer,
    AudioBackend,
    ClipBackend,
    SpeechBackend,
    choose_backend,
    find_vietnamese_voice,
)
from counter_app.ui.display.app import build_display, run_display
from counter_app.ui.display.view import BoardView
from counter_app.ui.live import LiveUpdates

from tests.helpers import KIOSK

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCALE = 0.05  # announcements at 1/20 of their real length (about 0.25 s instead of 5 s)


def counter_actor(number: int) -> Actor:
    return Actor(None, f"test:{number}", f"Quầy {number}", "officer", number)


class AnnouncementSpy:
    """Records the Announcer's started/finished signals with the time they came."""

    def __init__(self, announcer: Announcer) -> None:
        self.events: list[tuple[str, str, float]] = []
        announcer.started.connect(lambda text: self.events.append(("started", text, time.monotonic())))
        announcer.finished.connect(lambda text: self.events.append(("finished", text, time.monotonic())))

    @property
    def started(self) -> list[str]:
        return [text for kind, text, _ in self.events if kind == "started"]

    @property
    def finished(self) -> list[str]:
        return [text for kind, text, _ in self.events if kind == "finished"]

    def intervals(self) -> list[tuple[str, float, float]]:
        """(text, start, end) of each announcement; fails if two were ever playing at once."""
        out, playing = [], None
        for kind, text, at in self.events:
            if kind == "started":
                assert playing is None, f"“{text}” started while “{playing[0]}” was still playing"
                playing = (text, at)
            else:
                assert playing is not None and playing[0] == text, f"“{text}” finished but was not playing"
                out.append((text, playing[1], at))
                playing = None
        return out


@pytest.fixture
def make_board(qtbot, svc, demo, worker, ui_language):
    """Builds the board of the demo centre offscreen, started and loaded."""
    boards: list[BoardView] = []

    def make(*, muted: bool = False, live: bool = True, gap_ms: int = 20, safety_interval_ms: int = 3000,
             size: tuple[int, int] = (1920, 1080), backend: AudioBackend | None = None) -> BoardView:
        announcer = Announcer(backend or ClipBackend(use_audio_device=False, time_scale=SCALE),
                              muted=muted, gap_ms=gap_ms)
        board = build_display(svc, worker=worker, announcer=announcer,
                              live=LiveUpdates(svc) if live else None, safety_interval_ms=safety_interval_ms)
        qtbot.addWidget(board)
        board.resize(*size)
        board.show()
        board.controller.start()
        qtbot.waitUntil(lambda: board.controller.ready, timeout=10_000)
        boards.append(board)
        return board

    yield make
    for board in boards:
        board.close()
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)


@pytest.fixture
def cli_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env["COUNTER_APP_DATA_DIR"] = str(tmp_path / "cli-data")
    env["COUNTER_APP_CONFIG"] = str(tmp_path / "no-config.toml")
    return env


def run_cli(qtbot, env, url: str, *args: str) -> float:
    """`python -m counter_app queue …` in its own process while the board keeps running;
    returns time.monotonic() when the process has exited."""
    proc = subprocess.Popen([sys.executable, "-m", "counter_app", "queue", *args, "--database", url],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    returned = time.monotonic()
    out, err = proc.communicate()
    assert proc.returncode == 0, f"counter-app queue {' '.join(args)} failed:\n{out}\n{err}"
    return returned


# --- live updates -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_call_made_by_another_process_is_on_the_board_within_a_second(qtbot, make_board, svc, demo, cli_env,
                                                                        record_property):
    # The other process is counter 1's officer, signed in as the CLI does (--user / password).
    cli_env = {**cli_env, "COUNTER_APP_USER": "canbo1", "COUNTER_APP_PASSWORD": demo["canbo1"][0]}
    board = make_board()
    shown: dict[str, float] = {}
    board.controller.callShown.connect(lambda call: shown.setdefault(call.number, time.monotonic()))
    assert board.latest_caption.text() == "Kính chào quý khách"

    run_cli(qtbot, cli_env, svc.database_url, "issue", "--field", "ho_tich")
    returned = run_cli(qtbot, cli_env, svc.database_url, "call", "--counter", "1")
    qtbot.waitUntil(lambda: "A001" in shown, timeout=5_000)

    latency = shown["A001"] - returned  # negative: on the board before the process had even exited
    record_property("call_to_display_ms", round(latency * 1000))
    assert latency < 1.0, f"the call reached the board {latency:.2f} s after the calling process returned"
    assert board.latest_caption.text() == "Mời số"
    assert board.latest_number.text() == "A001"
    assert board.latest_counter.text() == "đến quầy 1"
    assert ("Quầy 1", "A001") in board.counters.tile_texts()


def test_without_the_change_feed_the_safety_timer_still_brings_the_call(qtbot, make_board, svc, officer):
    board = make_board(live=False, safety_interval_ms=300)
    queue.issue_ticket(svc, "ho_tich", actor=KIOSK)
    queue.call_next(svc, officer)
    qtbot.waitUntil(lambda: board.latest_number.text() == "A001", timeout=2_000)


def test_the_board_says_when_it_cannot_reach_the_queue_and_recovers(qtbot, make_board, svc, officer, monkeypatch):
    board = make_board(live=False, safety_interval_ms=200)

    def unreachable(*args, **kwargs):
        raise ConnectionError("server closed the connection unexpectedly")

    monkeypatch.setattr(queue, "recent_calls", unreachable)
    monkeypatch.setattr(queue, "queue_status", unreachable)
    qtbot.waitUntil(lambda: board.status.isVisible(), timeout=2_000)
    assert board.status.text() == "Mất kết nối với hệ thống xếp hàng, đang thử lại…"

    monkeypatch.undo()
    queue.issue_ticket(svc, "ho_tich", actor=KIOSK)
    queue.call_next(svc, officer)
    qtbot.waitUntil(lambda: board.latest_number.text() == "A001", timeout=2_000)
    qtbot.waitUntil(lambda: not board.status.isVisible(), timeout=2_000)


def test_a_read_that_hangs_shows_the_trouble_and_the_board_catches_up_after(qtbot, make_board, svc, officer,
                                                                           monkeypatch):
    board = make_board(safety_interval_ms=200)
    release = threading.Event()
    real_status, real_calls = queue.queue_status, queue.recent_calls

    def hanging(real):
        def call(*args, **kwargs):
            release.wait(10)  # a connection that neither answers nor fails
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(board_controller, "STUCK_AFTER_S", 0.5)
    monkeypatch.setattr(queue, "queue_status", hanging(real_status))
    monkeypatch.setattr(queue, "recent_calls", hanging(real_calls))
    try:
        qtbot.waitUntil(lambda: board.status.isVisible(), timeout=3_000)
        assert board.status.text() == "Mất kết nối với hệ thống xếp hàng, đang thử lại…"
        queue.issue_ticket(svc, "ho_tich", actor=KIOSK)
        queue.call_next(svc, officer)
        qtbot.wait(300)
        assert board.worker.pending <= 4, "hung reads must not pile up"
    finally:
        release.set()
        monkeypatch.undo()
    qtbot.waitUntil(lambda: board.latest_number.text() == "A001", timeout=3_000)
    qtbot.waitUntil(lambda: not board.status.isVisible(), timeout=3_000)


# --- the loudspeaker ----------------------------------------------------------------------


def test_three_calls_at_once_are_announced_one_after_another_in_order(qtbot, make_board, svc):
    board = make_board()
    spy = AnnouncementSpy(board.announcer)
    for field in ("ho_tich", "chung_thuc", "dat_dai"):
        queue.issue_ticket(svc, field, actor=KIOSK)
    for counter in (1, 2, 3):  # no event-loop turn in between: the board gets all three at once
        queue.call_next(svc, counter_actor(counter))

    qtbot.waitUntil(lambda: len(spy.finished) == 3, timeout=15_000)
    intervals = spy.intervals()  # asserts that no two were playing at once
    assert [text for text, _, _ in intervals] == [
        "Mời số A001 đến quầy 1",
        "Mời số B001 đến quầy 2",
        "Mời số C001 đến quầy 3",
    ]
    for (_, _, end), (_, start, _) in zip(intervals, intervals[1:], strict=False):
        assert start >= end
    backend = board.announcer.backend
    for (text, start, end), (number, counter) in zip(intervals, [("A001", 1), ("B001", 2), ("C001", 3)], strict=True):
        assert number in text and f"quầy {counter}" in text  # the number AND the counter, every time
        expected = backend.expected_ms(Announcement(number, counter)) * SCALE / 1000
        assert end - start >= 0.8 * expected, "an announcement ended before its clips could have been said"
    assert board.latest_number.text() == "C001"
    assert [label.text() for label in board.recent_numbers[:2]] == ["B001", "A001"]


def test_the_announcer_never_overlaps_even_when_fed_faster_than_it_speaks(qtbot):
    announcer = Announcer(ClipBackend(use_audio_device=False, time_scale=SCALE), gap_ms=0)
    spy = AnnouncementSpy(announcer)
    calls = [("A001", 1), ("A002", 12), ("B003", 2)]
    for number, counter in calls:
        announcer.announce(Announcement(number, counter))
    assert len(spy.started) == 1 and len(announcer.pending) == 2
    qtbot.waitUntil(lambda: announcer.idle, timeout=10_000)
    assert [t for t, _, _ in spy.intervals()] == [f"Mời số {n} đến quầy {c}" for n, c in calls]


def test_every_announcement_is_chime_then_number_then_counter():
    assert Announcement("A012", 3).clip_names() == ["chime", "moi_so", "A", "0", "1", "2", "den_quay", "3"]
    assert Announcement("B105", 12).clip_names()[-3:] == ["den_quay", "1", "2"]
    assert Announcement("A012", 3).text == "Mời số A012 đến quầy 3"


def test_a_recall_is_announced_again(qtbot, make_board, svc, officer):
    board = make_board()
    spy = AnnouncementSpy(board.announcer)
    queue.issue_ticket(svc, "ho_tich", actor=KIOSK)
    queue.call_next(svc, officer)
    qtbot.waitUntil(lambda: len(spy.finished) == 1, timeout=5_000)
    assert not board.recall_badge.isVisible()

    queue.recall(svc, officer)
    qtbot.waitUntil(lambda: len(spy.finished) == 2, timeout=5_000)
    assert spy.started == ["Mời số A001 đến quầy 1", "Mời số A001 đến quầy 1"]
    assert board.latest_number.text() == "A001"
    assert board.recall_badge.isVisible() and board.recall_badge.text() == "Gọi lại"
    assert board.recent_numbers[0].text() == ""  # the recalled ticket is not listed twice


def test_muted_board_shows_every_call_and_plays_nothing(qtbot, make_board, svc, officer):
    board = make_board(muted=True)
    spy = AnnouncementSpy(board.announcer)
    assert board.status.isVisible() and board.status.text() == "Đã tắt loa (M)"

    queue.issue_ticket(svc, "ho_tich", actor=KIOSK)
    queue.call_next(svc, officer)
    qtbot.waitUntil(lambda: board.latest_number.text() == "A001", timeout=3_000)
    qtbot.wait(300)
    assert spy.events == [] and board.announcer.idle

    # M switches the loudspeaker on again: the next call is heard.
    board.activateWindow()
    qtbot.waitUntil(board.isActiveWindow)
    qtbot.keyClick(board, Qt.Key.Key_M)
    assert not board.announcer.muted and not board.status.isVisible()
    queue.recall(svc, officer)
    qtbot.waitUntil(lambda: spy.finished == ["Mời số A001 đến quầy 1"], timeout=5_000)


def test_muting_while_speaking_stops_at_once_and_forgets_the_queue(qtbot, make_board, svc):
    board = make_board()
    spy = AnnouncementSpy(board.announcer)
    for field, counter in (("ho_tich", 1), ("chung_thuc", 2)):
        queue.issue_ticket(svc, field, actor=KIOSK)
        queue.call_next(svc, counter_actor(counter))
    qtbot.waitUntil(lambda: len(spy.started) == 1, timeout=5_000)
    board.activateWindow()
    qtbot.waitUntil(board.isActiveWindow)
    qtbot.keyClick(board, Qt.Key.Key_M)
    assert board.announcer.muted and board.announcer.idle
    assert spy.finished == spy.started  # cut short, not left "playing"
    qtbot.wait(400)
    assert len(spy.started) == 1


def test_an_old_call_seen_late_is_shown_but_not_announced(qtbot, make_board, svc, officer, clock):
    board = make_board()
    spy = AnnouncementSpy(board.announcer)
    queue.issue_ticket(svc, "ho_tich", actor=KIOSK)
    queue.call_next(svc, officer)
    clock.set(clock.now + timedelta(minutes=10))  # the board was cut off for ten minutes
    qtbot.waitUntil(lambda: board.latest_number.text() == "A001", timeout=3_000)
    qtbot.wait(300)
    assert spy.events == []


def test_without_an_audio_device_the_clips_are_timed_and_that_is_logged_once(qtbot, caplog):
    if QMediaDevices.audioOutputs():
        pytest.skip("this machine has an audio output device")
    backend = ClipBackend(time_scale=SCALE)  # asks for the audio device, as in the hall
    announcer = Announcer(backend, gap_ms=0)
    with caplog.at_level(logging.WARNING, logger="counter_app.ui.display.announcer"):
        announcer.announce(Announcement("A001", 1))
        announcer.announce(Announcement("A002", 2))
        qtbot.waitUntil(lambda: announcer.idle, timeout=10_000)
    assert backend.last_mode == "timer"
    assert len([r for r in caplog.records if "no audio output device" in r.message]) == 1


def test_a_backend_that_never_finishes_cannot_stall_the_queue(qtbot):
    class Stuck(AudioBackend):
        name = "stuck"

        def play(self, announcement):
            pass  # never emits done()

    announcer = Announcer(Stuck(), gap_ms=0, overrun_ms=150)
    spy = AnnouncementSpy(announcer)
    announcer.announce(Announcement("A001", 1))
    announcer.announce(Announcement("A002", 2))
    qtbot.waitUntil(lambda: announcer.idle, timeout=3_000)
    assert len(spy.intervals()) == 2


def test_the_vietnamese_voice_is_looked_for_at_start_and_the_clips_speak_without_one(qapp):
    voice = find_vietnamese_voice()
    backend = choose_backend()
    try:
        if voice is None:
            assert isinstance(backend, ClipBackend)
        else:
            assert voice.locale().language() == QLocale.Language.Vietnamese
            assert isinstance(backend, SpeechBackend)
    finally:
        backend.deleteLater()
        if voice is not None:
            voice.deleteLater()


def test_a_speech_engine_speaks_after_the_chime_one_announcement_at_a_time(qtbot):
    from PySide6.QtTextToSpeech import QTextToSpeech

    if "mock" not in QTextToSpeech.availableEngines():
        pytest.skip("Qt's mock text-to-speech engine is not installed")
    speech = QTextToSpeech("mock")  # Qt's test engine: it "speaks" for a while, silently
    said: list[str] = []
    speech.sayingWord.connect(lambda word, _id, _start, _length: said.append(word))
    announcer = Announcer(SpeechBackend(speech, ClipBackend(use_audio_device=False, time_scale=SCALE)), gap_ms=0)
    spy = AnnouncementSpy(announcer)
    announcer.announce(Announcement("A001", 1))
    announcer.announce(Announcement("B002", 2))
    qtbot.waitUntil(lambda: announcer.idle, timeout=15_000)
    assert [t for t, _, _ in spy.intervals()] == ["Mời số A001 đến quầy 1", "Mời số B002 đến quầy 2"]
    assert not announcer.backend.broken


# --- what the hall sees -------------------------------------------------------------------


def test_the_notice_line_says_the_office_hours_and_hotline_when_the_site_set_none(make_board):
    board = make_board()
    text = board.ticker.text()
    assert "Giờ làm việc: sáng 7h00–11h30, chiều 13h30–17h00, từ thứ Hai đến thứ Sáu" in text
    assert "Đường dây nóng: 1900 1234" in text


def test_the_board_starts_muted_from_the_command_line_and_closes_with_ctrl_q(qtbot, svc, demo, ui_language):
    seen = {}

    def inspect_and_close():
        board = next(w for w in QApplication.topLevelWidgets() if isinstance(w, BoardView) and w.isVisible())
        seen["muted"] = board.announcer.muted
        seen["site"] = board.site_name.text()
        board.closeRequested.emit()

    QTimer.singleShot(1500, inspect_and_close)
    options = SimpleNamespace(windowed=True, language="vi", mute=True)
    assert run_display(svc, settings=None, options=options) == 0
    assert seen == {"muted": True, "site": "Trung tâm Phục vụ hành chính công tỉnh (demo)"}


def _fill_hall(svc, clock) -> None:
    """A mid-morning hall: tickets in most fields, three counters serving, one paused."""
    waiting = {"ho_tich": 6, "chung_thuc": 5, "dat_dai": 3, "dang_ky_kinh_doanh": 2, "xay_dung": 1,
               "lao_dong_xa_hoi": 2, "giao_thong": 1}
    while any(waiting.values()):
        for field in waiting:
            if waiting[field]:
                waiting[field] -= 1
                queue.issue_ticket(svc, field, actor=KIOSK)
                clock.set(clock.now + timedelta(seconds=40))
    for counter in (2, 3, 1, 2, 3, 1):
        if queue.current_ticket(svc, counter) is not None:
            queue.finish(svc, counter_actor(counter))
        queue.call_next(svc, counter_actor(counter))
        clock.set(clock.now + timedelta(seconds=30))
    queue.set_counter_state(svc, counter_actor(4), "paused")


def _texts_fit(board: BoardView) -> list[str]:
    """Labels whose text is wider or taller than the label (cut off on the TV)."""
    bad = []
    for label in board.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap():
            metrics = label.fontMetrics()
            if metrics.horizontalAdvance(label.text()) > label.width() + 2 or metrics.capHeight() > label.height():
                bad.append(f"{label.objectName()}: {label.text()!r}")
    return bad


@pytest.fixture
def shots(tmp_path):
    target = DOCS if os.environ.get("COUNTER_APP_SCREENSHOTS") == "docs" else tmp_path

    def save(board: BoardView, name: str, size: tuple[int, int]) -> Path:
        board.ticker.restart()  # the notice begins at the left edge, as it does on start
        image = board.grab()
        assert (image.width(), image.height()) == size
        path = target / f"{name}.png"
        assert image.save(str(path))
        return path

    return save


def test_screenshot_full_hd(qtbot, make_board, svc, clock, shots):
    _fill_hall(svc, clock)
    board = make_board()
    qtbot.waitUntil(lambda: board.latest_number.text() == "F001", timeout=3_000)
    qtbot.waitUntil(lambda: board.counters.tile_texts()[3] == ("Quầy 4", "Tạm dừng"), timeout=3_000)
    # Readable from 10 m on a 1080p TV: the number about 240 px, every other line 28 px or more.
    assert board.latest_number.font().pixelSize() >= 200
    assert min(label.font().pixelSize() for label in board.recent_numbers) >= 56
    assert board.minimumSizeHint().height() <= 1080
    assert _texts_fit(board) == []
    shots(board, "display", (1920, 1080))


def test_screenshot_a_small_tv_before_the_first_call(qtbot, make_board, svc, shots):
    for field in ("ho_tich", "ho_tich", "dat_dai"):
        queue.issue_ticket(svc, field, actor=KIOSK)
    board = make_board(size=(1280, 720))
    assert board.latest_caption.text() == "Kính chào quý khách"
    assert not board.latest_number.isVisible()
    # Scaled to the window: two thirds of the 1080-line sizes.
    assert 20 <= board.site_name.font().pixelSize() <= 28
    assert _texts_fit(board) == []
    shots(board, "display-720p-start", (1280, 720))


def test_new_calls_are_fetched_from_a_few_ids_back(monkeypatch):
    # A PostgreSQL id is taken at insert time, so id 40 can become visible after id 41 was
    # seen; asking again from a few ids back (seen ids are skipped) cannot miss it.
    asked = []
    monkeypatch.setattr(queue, "recent_calls", lambda services, **kw: asked.append(kw) or [])
    board_controller._fetch_calls(object(), 41 + board_controller.LOOKBACK_IDS)
    assert asked == [{"after_id": 41, "limit": board_controller.FETCH_LIMIT}]


def test_the_board_catalog_is_complete_and_compiled(tmp_path):
    """resources/translations/counter_app_display_vi.ts: every string translated, with its
    placeholders and its Vietnamese diacritics; the shipped .qm compiled from it."""
    import re
    import shutil
    import xml.etree.ElementTree as ET

    from counter_app.resources import resource_path

    ts = resource_path("translations", "counter_app_display_vi.ts")
    for message in ET.parse(ts).getroot().iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        assert translation.get("type") is None and (translation.text or "").strip(), source
        assert sorted(re.findall(r"%\d", translation.text)) == sorted(re.findall(r"%\d", source)), source
        assert re.search("[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]",
                         translation.text, re.I), f"no diacritics: {translation.text}"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    lrelease = str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "display.qm"
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(out)], check=True)
    assert out.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run pyside6-lrelease on counter_app_display_vi.ts"
