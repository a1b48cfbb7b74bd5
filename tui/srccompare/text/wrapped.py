"""Hard-wrapped text: tell wrapped line breaks from paragraph ends.

Text pasted from a PDF or an email has most lines broken near a fixed width,
with paragraphs separated by blank lines, by an indented first line, or by
nothing but a short last line. A line break is a wrap when the next word would
not have fitted on the line; it ends a paragraph when the line stops early at
the end of a sentence, when the next line is indented or starts a list item, or
when the line is clearly short (a heading, a sign-off). Offsets are never
changed: a rejoined paragraph is a span over its original lines.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from srccompare.core.model import Span
from srccompare.text.segment import NONBLANK_LINE

_LIST_MARKER = re.compile(r"(?:[-*+\u2022\u2013\u2014]|\d{1,3}[.)]|\(?[a-z]\))\s", re.IGNORECASE)
_TERMINAL = tuple(".!?:;\"'\u201d\u2019\u00bb\u2026)]")
_WORD = re.compile(r"\S+")

MIN_LINES = 2
MIN_WIDTH, MAX_WIDTH = 12, 160
SHORT = 0.7  # a line this much shorter than the width ends its paragraph even without a full stop


class _Line:
    __slots__ = ("end", "indent", "length", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.text = text[start:end].rstrip()
        self.length = len(self.text.expandtabs(4))
        self.indent = self.length - len(self.text.lstrip().expandtabs(4))

    @property
    def body(self) -> str:
        return self.text.strip()


def _lines(text: str, block: Span) -> list[_Line]:
    return [_Line(text, m.start(), m.end()) for m in NONBLANK_LINE.finditer(text, block.start, block.end)]


@dataclass(frozen=True, slots=True)
class WrapLayout:
    """How a hard-wrapped text is laid out: its wrap width and its paragraph indentation."""

    width: int
    base_indent: int  # the indentation of ordinary (continuation) lines
    first_line_indent: bool  # paragraphs start with an indented line


def wrap_layout(blocks: list[list[_Line]]) -> WrapLayout | None:
    """The layout of a hard-wrapped text, or None when it does not look hard-wrapped.

    The width is a high percentile of line lengths (one over-long line, such as
    a URL, must not set it), or the longest line of a short text. The text
    counts as wrapped when line breaks fall inside sentences (a long line
    without closing punctuation followed by a line starting in lower case, or
    a line ending in a hyphen or a comma), or when lines follow an indented
    first line at a smaller indentation.
    """
    lines = [line for block in blocks for line in block]
    lengths = sorted(line.length for line in lines)
    if len(lengths) < MIN_LINES:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))] if len(lengths) >= 10 else lengths[-1]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    pairs = wraps = after_indent = 0
    for block in blocks:
        for cur, nxt in itertools.pairwise(block):
            pairs += 1
            body, following = cur.body, nxt.body
            inside_sentence = not body.endswith(_TERMINAL) and (following[:1].islower() or body.endswith(("-", ",")))
            if inside_sentence and cur.length >= 0.6 * width:
                wraps += 1
            if cur.indent > nxt.indent and not _LIST_MARKER.match(nxt.body):
                after_indent += 1
    by_sentences = (wraps >= 2 or (wraps == 1 and pairs <= 3)) and wraps >= 0.25 * pairs
    if not (after_indent or by_sentences):
        return None
    return WrapLayout(width, min(line.indent for line in lines), after_indent > 0)


def ends_paragraph(cur: _Line, nxt: _Line, first: _Line, layout: WrapLayout) -> bool:
    """Whether the break between ``cur`` and ``nxt`` ends the paragraph that began at ``first``."""
    body, following = cur.body, nxt.body
    if _LIST_MARKER.match(following):
        return True
    if _LIST_MARKER.match(first.body) and nxt.indent > first.indent:
        return False  # the hanging indent of a list item
    if nxt.indent > cur.indent or (layout.first_line_indent and nxt.indent > layout.base_indent):
        return True  # an indented first line
    if following[:1].islower() or body.endswith("-"):
        return False
    first_word = _WORD.match(following)
    fits = cur.length + 1 + (len(first_word.group()) if first_word else 0) <= layout.width
    if not fits:
        return False  # the next word could not go on this line: an ordinary wrap
    return body.endswith(_TERMINAL) or len(body) <= SHORT * layout.width


def rejoin_wrapped(text: str, blocks: list[Span]) -> list[Span] | None:
    """Paragraph spans for hard-wrapped ``text`` split into ``blocks``; None if it is not hard-wrapped."""
    if not any("\n" in text[block.start : block.end].strip() for block in blocks):
        return None  # a line a block: no line breaks to tell apart (and no line to measure)
    block_lines = [lines for lines in (_lines(text, block) for block in blocks) if lines]
    layout = wrap_layout(block_lines)
    if layout is None:
        return None
    spans: list[Span] = []
    for lines in block_lines:
        first = lines[0]
        for cur, nxt in itertools.pairwise(lines):
            if ends_paragraph(cur, nxt, first, layout):
                spans.append(Span(first.start, cur.end))
                first = nxt
        spans.append(Span(first.start, lines[-1].end))
    return spans
