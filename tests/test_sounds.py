"""Offline voice clips of the hall display (resources/sounds, made by tools/make_voice_clips.py)."""

from __future__ import annotations

import math
import sys
import wave
from array import array
from pathlib import Path

import pytest

from counter_app.domain.queue import SPOKEN_CLIPS, format_ticket_number, spoken_parts
from counter_app.resources import resource_path

SOUNDS = resource_path("sounds")
RATE = 22050
MIN_RMS = 0.03  # of full scale; speech clips measure about 0.09-0.25
MAX_SECONDS = 2.0


def _read(path: Path) -> tuple[wave._wave_params, list[float]]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        raw = array("h")
        raw.frombytes(w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        raw.byteswap()
    return params, [x / 32768 for x in raw]


def _rms(samples: list[float]) -> float:
    return math.sqrt(sum(x * x for x in samples) / len(samples)) if samples else 0.0


def _needed_clips() -> set[str]:
    needed = set(SPOKEN_CLIPS)
    for prefix in [chr(c) for c in range(ord("A"), ord("Z") + 1)]:
        for seq in (0, 12, 345, 678, 999, 1234):
            for counter in (1, 3, 9, 10, 12, 25):
                needed.update(spoken_parts(format_ticket_number(prefix, seq), counter))
    return needed


def test_every_clip_spoken_parts_can_need_exists():
    needed = _needed_clips()
    assert {"moi_so", "den_quay", "A", "Z", "0", "9"} <= needed
    missing = sorted(n for n in needed if not (SOUNDS / f"{n}.wav").is_file())
    assert missing == []


@pytest.mark.parametrize("name", sorted(set(SPOKEN_CLIPS) | {"chime"}))
def test_clip_format_loudness_and_length(name):
    path = SOUNDS / f"{name}.wav"
    params, samples = _read(path)
    assert (params.nchannels, params.sampwidth, params.framerate, params.comptype) == (1, 2, RATE, "NONE")
    seconds = params.nframes / params.framerate
    assert 0.1 < seconds < MAX_SECONDS, seconds
    assert _rms(samples) > MIN_RMS, f"{name} is (nearly) silent"
    assert max(abs(x) for x in samples) < 0.999, f"{name} clips"
    # trimmed: at most a short pause before and after the sound (clips are played back to back)
    loud = [i for i, x in enumerate(samples) if abs(x) > 0.01]
    assert loud[0] / RATE < 0.06, f"{name}: {loud[0] / RATE:.3f} s of leading silence"
    assert (len(samples) - loud[-1]) / RATE < 0.10, f"{name}: {(len(samples) - loud[-1]) / RATE:.3f} s trailing"
    # and the ends are faded, so concatenated clips do not click
    assert abs(samples[0]) < 0.01 and abs(samples[-1]) < 0.01


def test_chime_is_two_tones():
    params, samples = _read(SOUNDS / "chime.wav")
    assert 0.6 < params.nframes / RATE < 1.0

    def strength(part: list[float], freq: float) -> float:
        re = sum(x * math.cos(2 * math.pi * freq * i / RATE) for i, x in enumerate(part))
        im = sum(x * math.sin(2 * math.pi * freq * i / RATE) for i, x in enumerate(part))
        return math.hypot(re, im) / len(part)

    first = samples[int(0.05 * RATE) : int(0.30 * RATE)]
    second = samples[int(0.40 * RATE) : int(0.65 * RATE)]
    # high tone first, then the low one dominates
    assert strength(first, 783.99) > 3 * strength(first, 659.25)
    assert strength(second, 659.25) > strength(second, 783.99)


def test_total_size_is_small():
    total = sum(p.stat().st_size for p in SOUNDS.glob("*.wav"))
    assert total < 2_000_000, total


def test_readme_documents_origin_and_licence():
    text = (SOUNDS / "README.md").read_text(encoding="utf-8")
    assert "espeak-ng" in text and "make_voice_clips.py" in text and "GPL" in text
