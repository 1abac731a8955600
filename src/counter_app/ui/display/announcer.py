"""The hall loudspeaker: call announcements queued and played one at a time, chime then voice.

Two voices, both offline:

- a Vietnamese text-to-speech voice (QTextToSpeech), when an engine of this PC has one;
- otherwise the recorded clips of resources/sounds (see its README), joined into one sound
  per announcement: chime, "mời số", each character of the number, "đến quầy", the counter
  read digit by digit (``spoken_parts``). Joining them before playing leaves no gaps or
  stutters between words, and the length of every announcement is known in advance.

Nothing here may stall the queue. A backend that cannot play (no audio device: the
offscreen CI, a TV switched off; or a player error) still takes the announcement's real
length, timed from the clips with a QTimer, and says so once in the log; and the Announcer
ends any announcement that runs far past its expected length.
"""

from __future__ import annotations

import io
import logging
import wave
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QIODevice, QLocale, QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
from PySide6.QtTextToSpeech import QTextToSpeech

from counter_app.domain.queue import announcement_text, spoken_parts
from counter_app.resources import resource_path

log = logging.getLogger(__name__)

CHIME = "chime"
CHIME_PAUSE_MS = 250  # between the ding-dong and the voice
MISSING_CLIP_MS = 400  # a clip that is not shipped is replaced by this much silence
TEST_ENGINES = frozenset({"mock"})  # Qt's test plugin: never a real voice


@dataclass(frozen=True)
class Announcement:
    """One call to announce: "Mời số A012 đến quầy 3"."""

    number: str
    counter_number: int
    kind: str = "call"  # "call" | "recall"
    call_id: int | None = None

    @property
    def text(self) -> str:
        """What the loudspeaker says, as text (always Vietnamese: the hall's language)."""
        return announcement_text(self.number, self.counter_number, "vi")

    @property
    def spoken_text(self) -> str:
        """The text given to a speech engine: the number spelled out, as the clips say it,
        so no engine reads "A012" as "a mười hai"."""
        return f"Mời số {' '.join(self.number)}, đến quầy {self.counter_number}"

    def clip_names(self) -> list[str]:
        """Chime, then the voice clips; chime only for a number the clips cannot say."""
        try:
            return [CHIME, *spoken_parts(self.number, self.counter_number)]
        except ValueError:
            log.error("no voice clips for ticket %r at counter %r; only the chime plays",
                      self.number, self.counter_number)
            return [CHIME]


class _OnceLog:
    """Logs each kind of trouble once per backend, not once per announcement."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def __call__(self, key: str, level: int, message: str, *args) -> None:
        if key not in self._seen:
            self._seen.add(key)
            log.log(level, message, *args)

    def forget(self, key: str) -> None:
        self._seen.discard(key)


# --- recorded clips -------------------------------------------------------------------------


@dataclass
class ClipLibrary:
    """The voice clips in memory (PCM WAV, one format for all) and how to join them."""

    channels: int = 1
    sample_width: int = 2
    rate: int = 22050
    frames: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path | None = None, names: Iterable[str] | None = None) -> ClipLibrary:
        """Read every ``*.wav`` of ``directory`` (default: resources/sounds). A clip in another
        format than the first one read is skipped with an error in the log."""
        directory = Path(directory) if directory is not None else resource_path("sounds")
        lib = cls()
        fmt = None
        paths = sorted(directory.glob("*.wav")) if names is None else [directory / f"{n}.wav" for n in names]
        for path in paths:
            try:
                with wave.open(str(path), "rb") as w:
                    this = (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getcomptype())
                    data = w.readframes(w.getnframes())
            except (OSError, EOFError, wave.Error) as exc:
                log.error("voice clip %s cannot be read: %s", path, exc)
                continue
            if fmt is None:
                fmt = this
                lib.channels, lib.sample_width, lib.rate = this[:3]
            elif this != fmt:
                log.error("voice clip %s is %s, not %s like the others; skipped", path, this, fmt)
                continue
            lib.frames[path.stem] = data
        if not lib.frames:
            log.error("no voice clips in %s: announcements will be silent", directory)
        return lib

    @property
    def _bytes_per_ms(self) -> float:
        return self.rate * self.channels * self.sample_width / 1000

    def silence(self, ms: int) -> bytes:
        frames = int(self.rate * ms / 1000)
        return b"\x00" * (frames * self.channels * self.sample_width)

    def duration_ms(self, name: str) -> int:
        data = self.frames.get(name)
        return MISSING_CLIP_MS if data is None else round(len(data) / self._bytes_per_ms)

    def missing(self, names: Iterable[str]) -> list[str]:
        return [n for n in names if n not in self.frames]

    def join(self, names: Sequence[str]) -> tuple[bytes, int]:
        """One WAV file (bytes) saying the clips in order, and its length in ms."""
        pcm = bytearray()
        for i, name in enumerate(names):
            pcm += self.frames.get(name) or self.silence(MISSING_CLIP_MS)
            if name == CHIME and i + 1 < len(names):
                pcm += self.silence(CHIME_PAUSE_MS)
        out = io.BytesIO()
        with wave.open(out, "wb") as w:
            w.setnchannels(self.channels)
            w.setsampwidth(self.sample_width)
            w.setframerate(self.rate)
            w.writeframes(bytes(pcm))
        return out.getvalue(), round(len(pcm) / self._bytes_per_ms)


# --- backends -------------------------------------------------------------------------------


class AudioBackend(QObject):
    """Plays one announcement at a time for the Announcer.

    Signals:
        done(): what play() started has ended (played, failed or stopped).
    """

    done = Signal()
    name = "silent"

    def play(self, announcement: Announcement) -> None:
        """Start playing; emit done() when it has ended (never from inside play())."""
        QTimer.singleShot(0, self.done.emit)

    def stop(self) -> None:
        """Stop at once; done() is not emitted for what was playing."""

    def expected_ms(self, announcement: Announcement) -> int:
        """How long the announcement should take."""
        return 0


class ClipBackend(AudioBackend):
    """The recorded clips, joined per announcement and played with QMediaPlayer.

    Without an audio output device, or when the player fails, the announcement is timed
    from the clips' length instead (``time_scale`` shortens that time, for tests).
    """

    name = "clips"

    def __init__(
        self,
        sounds_dir: Path | None = None,
        *,
        use_audio_device: bool = True,
        time_scale: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = ClipLibrary.load(sounds_dir)
        self.use_audio_device = use_audio_device
        self.time_scale = time_scale
        self._once = _OnceLog()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)
        self._clock = QElapsedTimer()
        self._player: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self._buffer: QBuffer | None = None
        self._duration_ms = 0
        self._active = False
        self.last_mode = ""  # "device" or "timer": how the last announcement was played
        missing = self.library.missing([CHIME])
        if missing:
            log.error("the chime (resources/sounds/chime.wav) is missing")

    def expected_ms(self, announcement: Announcement) -> int:
        return self.parts_ms(announcement.clip_names())

    def parts_ms(self, names: Sequence[str]) -> int:
        pauses = CHIME_PAUSE_MS if CHIME in names[:-1] else 0
        return sum(self.library.duration_ms(n) for n in names) + pauses

    def play(self, announcement: Announcement) -> None:
        self.play_parts(announcement.clip_names())

    def play_parts(self, names: Sequence[str]) -> None:
        """Play these clips back to back as one sound; done() when it has ended."""
        self.stop()
        missing = self.library.missing(names)
        if missing:
            self._once("missing:" + ",".join(missing), logging.ERROR,
                       "voice clips missing from resources/sounds: %s (silence instead)", ", ".join(missing))
        wav, self._duration_ms = self.library.join(names)
        self._active = True
        self._clock.start()
        if self.use_audio_device and self._device_present():
            self.last_mode = "device"
            self._start_player(wav)
            return
        self.last_mode = "timer"
        self._timer.start(self._scaled(self._duration_ms))

    def stop(self) -> None:
        self._active = False
        self._timer.stop()
        self._drop_player()

    # -- playing ---------------------------------------------------------------------------

    def _scaled(self, ms: int) -> int:
        return max(0, round(ms * self.time_scale))

    def _device_present(self) -> bool:
        # Asked at every announcement: the TV's HDMI audio appears when the TV is switched on.
        if QMediaDevices.audioOutputs():
            self._once.forget("no-device")
            return True
        self._once("no-device", logging.WARNING,
                   "no audio output device: announcements are silent and timed from the clips' length")
        return False

    def _start_player(self, wav: bytes) -> None:
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(wav))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._output = QAudioOutput(self)  # the current default device
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._on_media_status)
        self._player.errorOccurred.connect(self._on_player_error)
        self._player.setSourceDevice(self._buffer, QUrl("announcement.wav"))
        self._player.play()
        # A player that goes quiet without saying so must not hold the queue either.
        self._timer.start(self._duration_ms + 2000)

    def _drop_player(self) -> None:
        player, output, buffer = self._player, self._output, self._buffer
        self._player = self._output = self._buffer = None
        if player is not None:
            player.mediaStatusChanged.disconnect(self._on_media_status)
            player.errorOccurred.disconnect(self._on_player_error)
            player.stop()
            player.deleteLater()
        for obj in (output, buffer):
            if obj is not None:
                obj.deleteLater()

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if not self._active:
            return
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._finish()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fall_back_to_timer("the player cannot read the announcement")

    def _on_player_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if self._active and error != QMediaPlayer.Error.NoError:
            self._fall_back_to_timer(f"{error.name}: {text}")

    def _fall_back_to_timer(self, reason: str) -> None:
        self._once("player-error", logging.WARNING,
                   "audio playback failed (%s): announcements are timed from the clips' length", reason)
        self._drop_player()
        self.last_mode = "timer"
        left = self._duration_ms - self._clock.elapsed()
        self._timer.start(self._scaled(max(0, left)))

    def _on_timer(self) -> None:
        if self._active:
            self._finish()

    def _finish(self) -> None:
        self.stop()
        self.done.emit()


class SpeechBackend(AudioBackend):
    """The chime from the clips, then a text-to-speech voice; the clips speak if the voice fails."""

    name = "speech"

    def __init__(self, speech: QTextToSpeech, clips: ClipBackend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speech = speech
        self.clips = clips
        speech.setParent(self)
        clips.setParent(self)
        self._once = _OnceLog()
        self._phase = ""  # "chime", "voice", "clips" (fallback) or "" (idle)
        self._spoke = False
        self._current: Announcement | None = None
        self.broken = False
        clips.done.connect(self._on_clips_done)
        speech.stateChanged.connect(self._on_speech_state)
        speech.errorOccurred.connect(self._on_speech_error)

    def expected_ms(self, announcement: Announcement) -> int:
        # A voice takes about as long as the clips; allow it half as much again.
        return round(self.clips.expected_ms(announcement) * 1.5)

    def play(self, announcement: Announcement) -> None:
        self.stop()
        self._current = announcement
        self._phase = "chime"
        self.clips.play_parts([CHIME])

    def stop(self) -> None:
        phase, self._phase, self._current = self._phase, "", None
        self.clips.stop()
        if phase == "voice":
            self.speech.stop()

    def _on_clips_done(self) -> None:
        if self._phase == "chime" and self._current is not None:
            if self.broken:
                self._speak_with_clips()
                return
            self._phase, self._spoke = "voice", False
            self.speech.say(self._current.spoken_text)
        elif self._phase == "clips":
            self._finish()

    def _on_speech_state(self, state: QTextToSpeech.State) -> None:
        if self._phase != "voice":
            return
        if state in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Synthesizing):
            self._spoke = True
        elif state == QTextToSpeech.State.Ready and self._spoke:
            self._finish()
        elif state == QTextToSpeech.State.Error:
            self._on_speech_error(None, self.speech.errorString())

    def _on_speech_error(self, _error, text: str) -> None:
        if self._phase != "voice":
            return
        self._once("speech-error", logging.WARNING,
                   "text-to-speech failed (%s): the recorded clips speak from now on", text)
        self.broken = True
        self._speak_with_clips()

    def _speak_with_clips(self) -> None:
        assert self._current is not None
        self._phase = "clips"
        self.clips.play_parts(self._current.clip_names()[1:])  # the chime has been played

    def _finish(self) -> None:
        self._phase, self._current = "", None
        self.done.emit()


def find_vietnamese_voice(engines: Sequence[str] | None = None) -> QTextToSpeech | None:
    """A speech engine set to Vietnamese, or None when no engine of this PC speaks it.

    Qt's "mock" test engine is never chosen."""
    for engine in QTextToSpeech.availableEngines() if engines is None else engines:
        if engine in TEST_ENGINES and engines is None:
            continue
        speech = QTextToSpeech(engine)
        if speech.state() == QTextToSpeech.State.Error:
            log.info("text-to-speech engine %s is not usable: %s", engine, speech.errorString())
            speech.deleteLater()
            continue
        locales = [loc for loc in speech.availableLocales() if loc.language() == QLocale.Language.Vietnamese]
        if locales:
            speech.setLocale(locales[0])
            voices = speech.availableVoices()
            if voices:
                speech.setVoice(voices[0])
                log.info("text-to-speech: engine %s, voice %s (%s)", engine, voices[0].name(),
                         locales[0].name())
                return speech
        log.info("text-to-speech engine %s has no Vietnamese voice (locales: %s)", engine,
                 ", ".join(loc.name() for loc in speech.availableLocales()) or "none")
        speech.deleteLater()
    return None


def choose_backend(sounds_dir: Path | None = None, *, use_speech: bool = True,
                   parent: QObject | None = None) -> AudioBackend:
    """A Vietnamese text-to-speech voice when this PC has one, else the recorded clips."""
    clips = ClipBackend(sounds_dir)
    speech = find_vietnamese_voice() if use_speech else None
    if speech is None:
        log.info("announcements use the recorded voice clips")
        clips.setParent(parent)
        return clips
    return SpeechBackend(speech, clips, parent)


# --- the queue ------------------------------------------------------------------------------


class Announcer(QObject):
    """Announcements in order, one at a time: the next starts only when the previous has
    finished (and a short pause has passed), so two calls never overlap.

    Signals:
        started(str): an announcement's text, as its chime starts.
        finished(str): its text, once its voice has ended (or it was cut short: mute, time limit).
        mutedChanged(bool)
    """

    started = Signal(str)
    finished = Signal(str)
    mutedChanged = Signal(bool)

    def __init__(
        self,
        backend: AudioBackend,
        *,
        muted: bool = False,
        gap_ms: int = 700,
        max_pending: int = 10,
        overrun_ms: int = 4000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        if backend.parent() is None:
            backend.setParent(self)
        self._muted = muted
        self._max_pending = max_pending
        self._overrun_ms = overrun_ms
        self._pending: deque[Announcement] = deque()
        self._current: Announcement | None = None
        backend.done.connect(self._on_backend_done)
        # The pause between two announcements; also keeps play() out of done()'s call stack.
        self._gap = QTimer(self)
        self._gap.setSingleShot(True)
        self._gap.setInterval(gap_ms)
        self._gap.timeout.connect(self._play_next)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_overrun)

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def current(self) -> Announcement | None:
        return self._current

    @property
    def pending(self) -> tuple[Announcement, ...]:
        return tuple(self._pending)

    @property
    def idle(self) -> bool:
        return self._current is None and not self._pending and not self._gap.isActive()

    def announce(self, announcement: Announcement) -> None:
        """Queue an announcement; nothing is queued while muted."""
        if self._muted:
            return
        if len(self._pending) >= self._max_pending:
            dropped = self._pending.popleft()
            log.warning("announcement queue full: %r skipped", dropped.text)
        self._pending.append(announcement)
        self._play_next()

    def set_muted(self, muted: bool) -> None:
        if muted == self._muted:
            return
        self._muted = muted
        if muted:
            self.clear()
        self.mutedChanged.emit(muted)

    def toggle_muted(self) -> None:
        self.set_muted(not self._muted)

    def clear(self) -> None:
        """Forget what is queued and stop what is playing."""
        self._pending.clear()
        self._gap.stop()
        if self._current is not None:
            self.backend.stop()
            self._end_current()

    def _play_next(self) -> None:
        if self._current is not None or self._gap.isActive() or not self._pending:
            return
        self._current = self._pending.popleft()
        self.started.emit(self._current.text)
        self._watchdog.start(self.backend.expected_ms(self._current) + self._overrun_ms)
        self.backend.play(self._current)

    def _on_backend_done(self) -> None:
        if self._current is not None:
            self._end_current()
            self._gap.start()

    def _on_overrun(self) -> None:
        if self._current is not None:
            log.warning("announcement %r overran its time; stopped", self._current.text)
            self.backend.stop()
            self._end_current()
            self._gap.start()

    def _end_current(self) -> None:
        self._watchdog.stop()
        text = self._current.text if self._current else ""
        self._current = None
        self.finished.emit(text)
