"""Hostile inputs for the fuzz suite, its settings, and the count of inputs tried.

Examples per test: the numbers in the test files times FUZZ_EXAMPLES_SCALE (default 1), e.g.
`FUZZ_EXAMPLES_SCALE=20 .venv/bin/pytest tests/fuzz` for a deeper local run. CI runs with
derandomize=True, so every run replays the same inputs; a deeper run with
FUZZ_RANDOM=1 draws new ones.
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCALE = max(float(os.environ.get("FUZZ_EXAMPLES_SCALE", "1") or 1), 0.01)
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"

# (target, backend) -> inputs tried; "domain" for the pure functions.
TRIED: Counter[tuple[str, str]] = Counter()


def tried(target: str, backend: str = "domain") -> None:
    TRIED[(target, backend)] += 1


def fuzz_settings(examples: int):
    return settings(
        max_examples=max(1, round(examples * SCALE)),
        deadline=None,
        derandomize=not RANDOM,
        database=None,  # replay comes from derandomize, not from a local example database
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.data_too_large, HealthCheck.filter_too_much],
        print_blob=True,
    )


# Fragments a hostile user, a bad paste or a broken scanner produces.
NASTY = [
    "'); DROP TABLE dossier;--", "' OR '1'='1", '" OR ""="', "%", "_", "%_%", "\\", "\\'", "';--", "/*", "*/",
    "$1", "?", ":name", "%(x)s", "{0}", "{owner}", "${jndi:x}", "<script>alert(1)</script>", "&amp;",
    "\x00", "\x01", "\x07", "\x08", "\x1b[31m", "\x1c", "\x7f", "\x85", "\x9f", "\t", "\n", "\r\n", "\r",
    "\u2028", "\u2029", "\x0b", "\x0c",
    "\u202e", "\u202d", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e",
    "\ud800", "\udfff", "\udcff", "\ue000", "\U000f0000",
    "😀", "👩‍👩‍👧", "🇻🇳", "\U0001d400", "e\u0301", "a\u0300\u0301\u0302\u0303", "Z̴̡̧͈̈́a̸̛̹͑l̵g̴o",
    "Đ", "ð", "İ", "ß", "ﬁ", "Ⅻ", "²", "١٢٣", "０１２", "\u00a0", "\u3000", "\u2003",
    "Nguyễn Văn Ấn", "Trần Thị Bích Ngọc", "000.00.06.H56-261126-0001", "001301012345", "0912345678",
    "+84 912 345 678", "1.000948.H38", "-", "--", "--help", "-1", "", " ",
]

nasty = st.sampled_from(NASTY)

# Any code point, surrogates included (Python strings may hold them; UTF-8 may not).
any_char = st.characters(codec=None, exclude_categories=())
any_text = st.text(alphabet=any_char, max_size=40)


@st.composite
def _spliced(draw) -> str:
    parts = draw(st.lists(st.one_of(nasty, any_text, st.sampled_from(["Nguyễn", "Văn", "An", " "])),
                          min_size=1, max_size=6))
    return "".join(parts)


def _long(piece: str, n: int) -> str:
    return (piece * (n // max(len(piece), 1) + 1))[:n]


long_text = st.builds(_long, st.one_of(nasty.filter(bool), st.just("ê")),
                      st.sampled_from([101, 251, 501, 1001, 2001, 4001, 10_000]))

hostile = st.one_of(nasty, _spliced(), any_text, long_text)

# Text a form posts: hostile, or an ordinary value with one hostile fragment inside.
@st.composite
def _around(draw, base: str) -> str:
    i = draw(st.integers(0, len(base)))
    return base[:i] + draw(hostile) + base[i:]


def hostile_around(base: str):
    return st.one_of(hostile, _around(base))


def no_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
