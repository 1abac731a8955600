"""Text cleaning and accent-insensitive search folding for Vietnamese."""

from __future__ import annotations

import re
import unicodedata

# Whitespace that a user can type or paste; the C0/C1 "separator" controls (U+001C–U+001F,
# U+0085) count as whitespace for str.split() but are deliberately not here, so that
# validation still sees and rejects them.
_SPACES_RE = re.compile(r"[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_LINE_BREAK_RE = re.compile(r"\r\n|[\r\u2028\u2029]")
_INLINE_SPACES_RE = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# After casefold: "Đ" -> "đ"; "Ð" (Icelandic eth) shows up in text converted from legacy
# Vietnamese encodings in place of "Đ".
_D_TABLE = str.maketrans({"đ": "d", "ð": "d"})


def fold(text: str) -> str:
    """Search key: "Đăng ký Khai  sinh" -> "dang ky khai sinh"."""
    s = unicodedata.normalize("NFD", text).casefold()
    # casefold can emit precomposed or combining characters again ("İ" -> "i" + U+0307).
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.category(ch).startswith("M"))
    return " ".join(s.translate(_D_TABLE).split())


def matches(query: str, text: str) -> bool:
    """True when every folded token of query is a substring of fold(text)."""
    haystack = fold(text)
    return all(token in haystack for token in fold(query).split())


def clean_line(value: str | None) -> str:
    """One-line user text as stored: NFC, whitespace runs collapsed to one space, stripped."""
    if not value:
        return ""
    return _SPACES_RE.sub(" ", unicodedata.normalize("NFC", value)).strip(" ")


def clean_multiline(value: str | None) -> str:
    """Multi-line user text as stored: NFC, "\\n" line breaks, spaces collapsed per line, no blank ends."""
    if not value:
        return ""
    text = _LINE_BREAK_RE.sub("\n", unicodedata.normalize("NFC", value))
    lines = [_INLINE_SPACES_RE.sub(" ", line).strip(" ") for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def control_chars(value: str, *, allow: str = "") -> list[str]:
    """Control characters (category Cc) in value, except those in allow."""
    return [ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in allow]


def hidden_chars(value: str) -> list[str]:
    """Invisible format characters: bidi overrides/isolates (U+202A–U+202E, U+2066–U+2069),
    zero-width and other Cf characters, lone surrogates, private-use characters."""
    return [ch for ch in value if unicodedata.category(ch) in ("Cf", "Cs", "Co")]


def unsafe_chars(value: str, *, allow: str = "") -> list[str]:
    """Control characters (except allow) and invisible/surrogate/private-use characters:
    never part of a valid stored value, and PostgreSQL refuses NUL outright."""
    return control_chars(value, allow=allow) + hidden_chars(value)


def lookup_key(value: object) -> str:
    """A code typed or scanned, as looked up in the database: NFC, stripped, spaces collapsed;
    "" when it holds a control or invisible character (no stored code does)."""
    text = clean_line(str(value or ""))
    return "" if unsafe_chars(text) else text


def drop_unsafe(value: str | None) -> str:
    """clean_line with control and invisible characters replaced by spaces (search boxes)."""
    text = clean_line(value)
    bad = set(unsafe_chars(text))
    return clean_line("".join(" " if ch in bad else ch for ch in text)) if bad else text


def safe_excerpt(value: object, limit: int = 40) -> str:
    """value for an on-screen message: control/invisible characters shown as U+FFFD, cut at limit."""
    text = str(value or "")
    text = text if len(text) <= limit else text[:limit] + "…"
    bad = set(unsafe_chars(text))
    return "".join("\ufffd" if ch in bad else ch for ch in text) if bad else text
