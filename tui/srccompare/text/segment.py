"""Paragraphs, sentences and words of a text, each with code-point offsets.

A paragraph is a block of non-blank lines; a text with no blank lines is split
one paragraph per line. Leading and trailing whitespace is never part of a span.
Hard-wrapped text (pasted from a PDF or an email, lines broken near a fixed
width) is the exception: its lines are rejoined into paragraphs, and a
paragraph's span then covers its lines, inner newlines included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from srccompare.core.model import Span

# A match may start only at a line's start (the lookbehind) and never gives back the
# indentation it has read (``*+``): a long line of spaces then costs its length once,
# where trying each of its positions in turn would cost its length squared.
NONBLANK_LINE = re.compile(r"(?<![^\n])[^\S\n]*+\S[^\n]*")
_BLOCK = re.compile(r"(?<![^\n])[^\S\n]*+\S[^\n]*(?:\n[^\S\n]*+\S[^\n]*)*")
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
# Words: letters/digits with inner apostrophes, hyphens, and number punctuation.
WORD = re.compile(r"\w+(?:[’'\-.,:/]\w+)*", re.UNICODE)


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _blocks(text: str) -> tuple[list[Span], bool]:
    """Blank-line blocks (the whole text when it has no blank line), and whether it has blank lines."""
    if _BLANK_LINE.search(text.strip()):  # blank lines only at the ends separate nothing
        return [Span(m.start(), m.end()) for m in _BLOCK.finditer(text)], True
    return [Span(0, len(text))], False


def paragraph_spans(text: str) -> list[Span]:
    """Split ``text`` into paragraph spans (blank-line blocks, else lines; hard-wrapped lines rejoined)."""
    return split_paragraphs(text)[0]


def split_paragraphs(text: str) -> tuple[list[Span], bool]:
    """:func:`paragraph_spans`, and whether its lines were rejoined (a paste from a PDF or an email).

    In such a text a paragraph's inner line breaks are wraps, not lines a
    reader was meant to see (menus, teaser headlines).
    """
    from srccompare.text.wrapped import rejoin_wrapped

    blocks, has_blank_lines = _blocks(text)
    rejoined = rejoin_wrapped(text, blocks)
    if rejoined is not None:
        spans = [_strip(text, s.start, s.end) for s in rejoined]
    else:
        pattern = _BLOCK if has_blank_lines else NONBLANK_LINE
        spans = [_strip(text, m.start(), m.end()) for m in pattern.finditer(text)]
    return [s for s in spans if s.end > s.start], rejoined is not None


def word_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Yield the spans of the words of ``text[start:end]`` (offsets into ``text``)."""
    for m in WORD.finditer(text, start, len(text) if end is None else end):
        yield Span(m.start(), m.end())


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split ``text[start:end]`` into sentence spans (offsets into ``text``), each without surrounding whitespace.

    The rules are in :mod:`srccompare.text.sentences` (imported on first use).
    """
    from srccompare.text.sentences import split_sentences

    return split_sentences(text, start, end)
