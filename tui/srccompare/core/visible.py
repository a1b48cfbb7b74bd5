"""Text from sources, review files and file names made safe to put on a terminal.

A source or a review note may hold escape sequences (clear the screen, set the
window title, write the clipboard) or bidi overrides that make one text read as
another. Whatever srccompare prints for people goes through one of these:

* :func:`visible` for text whose offsets matter (``show``, the app): each
  control becomes one visible symbol, so the length in code points is kept;
* :func:`visible_lines` for reports (the text table, CSV, Markdown): the same,
  with CR and CRLF read as line breaks;
* :func:`escaped` for one-line messages: ``repr``-style escapes (``\\x1b``, ``\\n``);
* :func:`json_escaped` for JSON text: the data stays exact, written as ``\\u`` escapes.

The symbols: C0 controls become U+2400 + n (``\\x1b`` -> ``␛``, ``\\x00`` -> ``␀``),
DEL becomes ``␡``, and C1 controls, bidi embeddings, overrides and isolates
(U+202A-202E, U+2066-2069) and lone surrogates become ``�`` (U+FFFD). Every
symbol takes one terminal cell. Left alone: tab and newline where the caller
keeps them, and the bidi marks U+200E/U+200F, which reorder nothing around them.
"""

from __future__ import annotations

import re
from functools import lru_cache

REPLACEMENT = "\ufffd"
"""What a C1 control, a bidi override or isolate, or a lone surrogate is shown as."""

_CONTROL_CLASS = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
CONTROLS = re.compile(f"[{_CONTROL_CLASS}]")
"""Every code point that may act on a terminal (or cannot be written to one)."""


def symbol(ch: str) -> str:
    """The visible symbol standing for the control ``ch`` (one code point, one cell)."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return REPLACEMENT


@lru_cache(maxsize=8)
def _pattern(keep: str) -> re.Pattern[str]:
    """The controls but those in ``keep`` (a class without them: a lookahead would be slow on long texts)."""
    if not keep:
        return CONTROLS
    low = "".join(re.escape(chr(c)) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in keep)
    return re.compile(f"[{low}\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def has_controls(text: str, keep: str = "") -> bool:
    """Whether ``text`` holds a control other than those in ``keep``."""
    return _pattern(keep).search(text) is not None


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control but those in ``keep`` replaced by its symbol, one for one.

    The result has as many code points as ``text``, so offsets into one hold in
    the other; text without controls is returned as it is (the same object).
    """
    pattern = _pattern(keep)
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: symbol(m.group()), text)


def visible_lines(text: str) -> str:
    """``text`` for a report: CRLF and CR become newlines, other controls but tab become symbols."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return visible(text, keep="\t\n")


_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escaped(text: str) -> str:
    """``text`` for a one-line message: every control, tab and newline included, as a ``repr`` escape."""
    if CONTROLS.search(text) is None:
        return text
    return CONTROLS.sub(lambda m: _escape(m.group()), text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What ``json.dumps(..., ensure_ascii=False)`` leaves raw that a terminal may act on (it escapes C0 itself)."""


def json_escaped(text: str) -> str:
    """JSON text with DEL, C1, bidi overrides and lone surrogates written as ``\\uXXXX``.

    Outside strings JSON is plain ASCII, so every such code point is inside a
    string, where its escape means exactly the same character: the data is kept.
    """
    if _JSON_UNSAFE.search(text) is None:
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
