"""Text from sources and reviewers made safe for an HTML page: escaped, control characters visible, marks drawn.

A saved web page or a pasted text may hold markup (``<script>``), terminal
escapes (``ESC [2J``) or a stray NUL. In a report they must read as what they
are: every string is escaped, and every control character is replaced by a
visible stand-in, never passed through (a browser would drop some, swallow
others, or shift the text around a bidirectional override).
"""

from __future__ import annotations

import html
import itertools
import re

from srccompare.output.marks import Mark

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Control characters (tab and newline aside: HTML shows them as spaces), bidirectional
controls, and lone surrogates (which UTF-8 cannot even encode)."""


_C0_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()
"""The standard short names of the ASCII control characters (``ESC`` for U+001B)."""


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return f"⟨{_C0_NAMES[code]}⟩"
    if code == 0x7F:
        return "⟨DEL⟩"
    return f"⟨U+{code:04X}⟩"


def visible(text: str) -> str:
    """``text`` with every control character (but tab and newline) shown by its name: ``⟨ESC⟩``, ``⟨U+202E⟩``.

    Plain letters in angle brackets, not the Control Pictures symbols (␛): many
    fonts lack those, and a missing glyph would hide which character it was."""
    return _CONTROL.sub(_stand_in, text)


def esc(value: object) -> str:
    """A value as HTML text or attribute content: control characters made visible, then escaped."""
    return html.escape(visible(str(value)), quote=True)


DIFF_TAGS = {
    "inserted": ("<ins>", "</ins>"),
    "deleted": ("<del>", "</del>"),
    "replaced": ('<span class="rep">', "</span>"),
    "missing": ('<span class="miss">', "</span>"),
}
"""How each word mark is drawn; the report's CSS gives each a shape as well as a colour."""

FLAG_TAGS = ('<mark class="flag">', "</mark>")


def _kind_at(marks: list[Mark], pos: int) -> str | None:
    for start, end, kind in marks:
        if start <= pos < end:
            return kind
        if start > pos:
            break
    return None


def marked_html(text: str, start: int, end: int, diff: list[Mark], flagged: list[Mark]) -> str:
    """``text[start:end]`` as HTML, with the word marks ``diff`` and the flagged words ``flagged``.

    Both lists are sorted and non-overlapping (``output.marks.merge_marks``); a
    piece of text is wrapped in its word mark's tag and, inside it, the flag's.
    Line breaks and runs of spaces are left to the page, which shows them as one
    space, as the app does.
    """
    diff = [m for m in diff if m[1] > start and m[0] < end]
    flagged = [m for m in flagged if m[1] > start and m[0] < end]
    cuts = {start, end}
    for s, e, _ in diff + flagged:
        cuts.update(p for p in (s, e) if start < p < end)
    points = sorted(cuts)
    out: list[str] = []
    for lo, hi in itertools.pairwise(points):
        piece = esc(text[lo:hi])
        kind, flag = _kind_at(diff, lo), _kind_at(flagged, lo)
        if flag:
            piece = FLAG_TAGS[0] + piece + FLAG_TAGS[1]
        if kind in DIFF_TAGS:
            opening, closing = DIFF_TAGS[kind]
            piece = opening + piece + closing
        out.append(piece)
    return "".join(out)
