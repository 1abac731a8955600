#!/usr/bin/env python3
"""Generate the hall display's offline voice clips (resources/sounds/*.wav).

The display announces "Mời số A012 đến quầy 3" by playing, one after the other, the
clips named by counter_app.domain.queue.spoken_parts(): "moi_so", one clip per letter
"A".."Z", one per digit "0".."9", "den_quay", preceded by the two-tone "chime".

Speech comes from espeak-ng's Vietnamese voice (``apt-get install espeak-ng``); the
chime is synthesised here. Every clip is written as 16-bit mono 22050 Hz PCM WAV,
trimmed of leading/trailing silence, peak-normalised, with short fades (no clicks) and a
little padding so that concatenated clips sound like one sentence. Only the standard
library is used; the output is deterministic for a given espeak-ng version.

    python tools/make_voice_clips.py                 # writes resources/sounds/
    python tools/make_voice_clips.py --out /tmp/x    # somewhere else
    python tools/make_voice_clips.py --speed 150     # words per minute (default 130)
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from pathlib import Path

RATE = 22050
PEAK = 0.89  # about -1 dBFS
LEAD_S = 0.02  # silence kept before speech
TAIL_S = 0.05  # and after it: the natural gap between concatenated clips
FADE_S = 0.004
WINDOW_S = 0.005  # RMS window used to find where the speech starts and ends
SILENCE = 0.008  # window RMS below this fraction of the loudest window = silence
MARGIN_S = 0.012  # keep this much around the first/last loud window (soft onsets: s, h, x)

# Clip name -> what espeak-ng says. Letter names as read in Vietnamese queue calls.
PHRASES: dict[str, str] = {
    "moi_so": "Mời số",
    "den_quay": "đến quầy",
}
LETTERS: dict[str, str] = {
    "A": "a",
    "B": "bê",
    "C": "xê",
    "D": "dê",
    "E": "e",
    "F": "ép",
    "G": "giê",
    "H": "hát",
    "I": "i",
    "J": "di",  # "gi": espeak-ng reads the bare word "gi" as a lone consonant; "di" sounds the same (/zi/)
    "K": "ca",
    "L": "e lờ",
    "M": "em mờ",
    "N": "en nờ",
    "O": "o",
    "P": "pê",
    "Q": "quy",
    "R": "e rờ",
    "S": "ét",
    "T": "tê",
    "U": "u",
    "V": "vê",
    "W": "vê kép",
    "X": "ích",
    "Y": "i dài",
    "Z": "dét",
}
DIGITS: dict[str, str] = {
    "0": "không",
    "1": "một",
    "2": "hai",
    "3": "ba",
    "4": "bốn",
    "5": "năm",
    "6": "sáu",
    "7": "bảy",
    "8": "tám",
    "9": "chín",
}
SPEECH: dict[str, str] = {**PHRASES, **LETTERS, **DIGITS}
# espeak-ng input overriding the text: the vi voice says these checked syllables (vowel +
# p/t/ch) in 50-100 ms, too short to catch in a noisy hall. Same phonemes (see
# ``espeak-ng -v vi -x ích``), the vowel marked long with ":".
PHONEMES: dict[str, str] = {
    "F": "[['E:3p]]",  # ép
    "S": "[['E:3t[]]",  # ét
    "X": "[['i:3c]]",  # ích
}
CHIME = "chime"


# --------------------------------------------------------------------------- WAV helpers


def read_wav(path: Path) -> array:
    with wave.open(str(path), "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, RATE):
            raise SystemExit(
                f"{path}: expected mono 16-bit {RATE} Hz, got {w.getnchannels()} ch, "
                f"{8 * w.getsampwidth()} bit, {w.getframerate()} Hz"
            )
        samples = array("h")
        samples.frombytes(w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def write_wav(path: Path, samples: list[float]) -> None:
    pcm = array("h", (max(-32768, min(32767, round(s * 32767))) for s in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())


def trim(samples: list[float]) -> list[float]:
    """Cut leading/trailing silence (windowed RMS), keeping a short margin."""
    win = max(1, int(WINDOW_S * RATE))
    rms = [
        math.sqrt(sum(x * x for x in samples[i : i + win]) / len(samples[i : i + win]))
        for i in range(0, len(samples), win)
    ]
    if not rms or max(rms) == 0:
        raise SystemExit("espeak-ng produced silence")
    threshold = SILENCE * max(rms)
    loud = [i for i, r in enumerate(rms) if r > threshold]
    margin = int(MARGIN_S * RATE)
    start = max(0, loud[0] * win - margin)
    end = min(len(samples), (loud[-1] + 1) * win + margin)
    return samples[start:end]


def finish(samples: list[float]) -> list[float]:
    """Peak-normalise, fade both ends, pad with a little silence."""
    peak = max(abs(x) for x in samples)
    out = [x * PEAK / peak for x in samples]
    fade = min(int(FADE_S * RATE), len(out) // 2)
    for i in range(fade):
        g = i / fade
        out[i] *= g
        out[-1 - i] *= g
    return [0.0] * int(LEAD_S * RATE) + out + [0.0] * int(TAIL_S * RATE)


# --------------------------------------------------------------------------- sources


def speak(text: str, espeak: str, voice: str, speed: int, pitch: int) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "clip.wav"
        subprocess.run(
            [espeak, "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(wav), "--", text],
            check=True,
        )
        return [x / 32768 for x in read_wav(wav)]


def chime() -> list[float]:
    """A soft two-tone "ding-dong" (G5 then E5, bell-like partials, decaying), about 0.8 s."""
    length = int(0.8 * RATE)
    out = [0.0] * length

    def tone(freq: float, start_s: float, decay_s: float, level: float) -> None:
        start = int(start_s * RATE)
        attack = int(0.008 * RATE)
        for i in range(length - start):
            t = i / RATE
            env = math.exp(-t / decay_s) * (min(1.0, i / attack))
            wave_ = (
                math.sin(2 * math.pi * freq * t)
                + 0.30 * math.sin(2 * math.pi * 2 * freq * t)
                + 0.08 * math.sin(2 * math.pi * 3 * freq * t)
            )
            out[start + i] += level * env * wave_

    tone(783.99, 0.0, 0.22, 1.0)  # G5
    tone(659.25, 0.33, 0.20, 1.0)  # E5
    peak = max(abs(x) for x in out)
    out = [x * 0.7 / peak for x in out]
    fade = int(0.06 * RATE)  # reach true silence at the end
    for i in range(fade):
        out[-1 - i] *= i / fade
    return out


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=root / "resources" / "sounds")
    parser.add_argument("--voice", default="vi", help="espeak-ng voice (default: vi, Northern Vietnamese)")
    parser.add_argument("--speed", type=int, default=130, help="words per minute (espeak-ng -s)")
    parser.add_argument("--pitch", type=int, default=45, help="0-99 (espeak-ng -p)")
    args = parser.parse_args(argv)

    espeak = shutil.which("espeak-ng")
    if espeak is None:
        print("espeak-ng not found: apt-get install -y espeak-ng", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in SPEECH.items():
        said = PHONEMES.get(name, text)
        samples = finish(trim(speak(said, espeak, args.voice, args.speed, args.pitch)))
        write_wav(args.out / f"{name}.wav", samples)
        print(f"{name + '.wav':14} {len(samples) / RATE:5.2f} s  {text}" + (f"  {said}" if said != text else ""))
    samples = chime()
    write_wav(args.out / f"{CHIME}.wav", samples)
    print(f"{CHIME + '.wav':14} {len(samples) / RATE:5.2f} s  (synthesised)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
