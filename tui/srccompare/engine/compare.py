"""Word-level divergences inside one aligned row, and how far each source agrees.

The app highlights these words; the flag detectors start from them. Words are
compared folded (case, diacritics, quote styles) and split at hyphens and dashes,
so quote styles, dash styles, spacing and line reflow are never divergences.
Every span is an absolute code-point offset into its source's text, even when a
cell holds several paragraphs.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Literal

from srccompare.core.model import Alignment, Row, Source, Span
from srccompare.text.normalize import fold_word

# A word for diffing: letters/digits, joined by apostrophes or number punctuation,
# but NOT by hyphens or dashes ("30-day" and "30–day" both give "30", "day") --
# except a line-end hyphen between a letter and a lower-case letter, which only
# breaks a word across lines ("Mon-\nday" is "Monday", as fold_word reads it).
DIFF_WORD = re.compile(r"\w+(?:(?:['’.,:/]|(?<=[^\W\d_])-\n[ \t]*(?=[a-zß-öø-ÿа-џ]))\w+)*", re.UNICODE)
_DIFF_WORD_SPLIT = re.compile(f"({DIFF_WORD.pattern})", re.UNICODE)
_DIGIT_GROUP = re.compile(r"(?<=\d),(?=\d{3}\b)")

Op = Literal["insert", "delete", "replace"]


@dataclass(frozen=True, slots=True)
class Divergence:
    """One run of differing words between the reference cell and another source's cell."""

    op: Op
    ref: Span | None
    """Words in the reference cell (None for an insert)."""
    other: Span | None
    """Words in the other source's cell (None for a delete)."""


@dataclass(frozen=True, slots=True)
class RowDivergences:
    """What differs in one row, seen from its reference source."""

    reference: str | None
    """The base if it has text in the row, else the first source that has; None for an empty row."""
    ops: dict[str, list[Divergence]] = field(default_factory=dict)
    """Source id -> its divergences from the reference, for every other source with text in the row."""


class CellWords:
    """The words of one cell: comparison keys, and (computed when first asked) their spans."""

    __slots__ = ("_ends", "_pieces", "_spans", "_starts", "_text", "keys")

    def __init__(
        self,
        keys: tuple[str, ...],
        text: str,
        pieces: tuple[tuple[int, int], ...],
        starts: list[int] | None = None,
        ends: list[int] | None = None,
    ) -> None:
        self.keys = keys
        self._text = text
        self._pieces = pieces
        self._spans: tuple[Span, ...] | None = None
        self._starts: list[int] = starts if starts is not None else []
        self._ends: list[int] = ends if ends is not None else []

    def _locate(self) -> None:
        starts, ends = self._starts, self._ends
        for start, end in self._pieces:
            for m in DIFF_WORD.finditer(self._text, start, end):
                starts.append(m.start())
                ends.append(m.end())

    @property
    def starts(self) -> list[int]:
        """Start offset of each word in the source text."""
        if not self._starts and self.keys:
            self._locate()
        return self._starts

    @property
    def ends(self) -> list[int]:
        """End offset of each word in the source text."""
        if not self._ends and self.keys:
            self._locate()
        return self._ends

    @property
    def spans(self) -> tuple[Span, ...]:
        """The span of each word in the source text (same order as ``keys``)."""
        if self._spans is None:
            self._spans = tuple(map(Span, self.starts, self.ends))
        return self._spans

    def cover(self, lo: int, hi: int) -> Span:
        """The span from word ``lo`` to word ``hi - 1``."""
        return Span(self.starts[lo], self.ends[hi - 1])


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """How a word is compared: folded, and '3,000' equal to '3000'."""
    key = fold_word(word)
    if key[:1].isdigit():
        key = _DIGIT_GROUP.sub("", key)
    return key


class SourceWords:
    """Every word of one source's text, found in one pass, so that a cell's words are a slice.

    Finding the words of each sentence on its own costs a regex call per sentence,
    which was most of the price of a cell's words; one pass over the text is a
    fraction of that. A slice equals searching the cell's own spans only where no
    word of the whole text runs across a span's start or end (a span that cuts a
    word finds part of it); :meth:`words` checks that, and returns None otherwise.
    """

    __slots__ = ("ends", "keys", "starts", "text")

    def __init__(self, text: str) -> None:
        # Split around the words (kept by the group): text between words, then a word, and so on.
        # Offsets are the running sum of the parts' lengths (C loops; match objects cost 3x more).
        parts = _DIFF_WORD_SPLIT.split(text)
        offsets = array("q", accumulate(map(len, parts)))
        self.text = text
        self.starts = offsets[0:-1:2]
        self.ends = offsets[1::2]
        self.keys = tuple(map(word_key, parts[1::2]))

    def _range(self, start: int, end: int) -> tuple[int, int] | None:
        """Indices of the words inside ``start:end``, or None when a word runs across either end."""
        starts, ends = self.starts, self.ends
        lo = bisect_left(starts, start)
        if lo and ends[lo - 1] > start:
            return None
        hi = bisect_left(starts, end, lo)
        if hi > lo and ends[hi - 1] > end:
            return None
        return lo, hi

    def words(self, pieces: tuple[tuple[int, int], ...]) -> CellWords | None:
        """The words of these spans of the text, in order, as :func:`DIFF_WORD` finds them in each."""
        if len(pieces) == 1:
            found = self._range(*pieces[0])
            if found is None:
                return None
            lo, hi = found
            return CellWords(
                self.keys[lo:hi], self.text, pieces, self.starts[lo:hi].tolist(), self.ends[lo:hi].tolist()
            )
        keys: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for start, end in pieces:
            found = self._range(start, end)
            if found is None:
                return None
            lo, hi = found
            keys += self.keys[lo:hi]
            starts += self.starts[lo:hi].tolist()
            ends += self.ends[lo:hi].tolist()
        return CellWords(tuple(keys), self.text, pieces, starts, ends)


SOURCE_WORDS_MAX_CHARS = 8_000_000
"""Longer texts are searched span by span: the whole-text index would cost about 60 bytes a word."""

_SOURCE_WORDS: OrderedDict[tuple[str, int], SourceWords] = OrderedDict()
_SOURCE_WORDS_KEPT = 8


def source_words(source: Source) -> SourceWords | None:
    """The word index of ``source`` (made once, the last few kept), or None for a very long text."""
    if len(source.text) > SOURCE_WORDS_MAX_CHARS:
        return None
    key = (source.sha256, len(source.text))
    hit = _SOURCE_WORDS.get(key)
    if hit is None or hit.text != source.text:
        hit = _SOURCE_WORDS[key] = SourceWords(source.text)
        if len(_SOURCE_WORDS) > _SOURCE_WORDS_KEPT:
            _SOURCE_WORDS.popitem(last=False)
    return hit


_CELL_CACHE: OrderedDict[tuple, CellWords] = OrderedDict()
_CELL_CACHE_SIZE = 32768


def cell_words(source: Source, paragraphs: list[int] | tuple[int, ...]) -> CellWords:
    """Words of the given paragraphs of ``source``, in the order listed (cached)."""
    pieces = tuple((source.paragraphs[i].start, source.paragraphs[i].end) for i in paragraphs)
    key = (source.sha256, len(source.text), pieces)
    hit = _CELL_CACHE.get(key)
    if hit is not None:
        return hit
    findall, text = DIFF_WORD.findall, source.text
    if len(pieces) == 1:
        keys = tuple(map(word_key, findall(text, pieces[0][0], pieces[0][1])))
    else:
        keys = tuple(k for start, end in pieces for k in map(word_key, findall(text, start, end)))
    words = CellWords(keys, source.text, pieces)
    _CELL_CACHE[key] = words
    if len(_CELL_CACHE) > _CELL_CACHE_SIZE:
        _CELL_CACHE.popitem(last=False)
    return words


@lru_cache(maxsize=16384)
def word_opcodes(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[tuple[str, int, int, int, int], ...]:
    """difflib's opcodes without the equal runs (cached): longest common runs first, which reads
    better than a minimal edit."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return tuple(op for op in matcher.get_opcodes() if op[0] != "equal")


def diff_words(ref: CellWords, other: CellWords) -> list[Divergence]:
    """The divergences of ``other`` from ``ref`` (insert/delete/replace runs of words)."""
    if ref.keys == other.keys:
        return []
    out: list[Divergence] = []
    for tag, i1, i2, j1, j2 in word_opcodes(ref.keys, other.keys):
        if tag == "insert":
            out.append(Divergence("insert", None, other.cover(j1, j2)))
        elif tag == "delete":
            out.append(Divergence("delete", ref.cover(i1, i2), None))
        else:
            out.append(Divergence("replace", ref.cover(i1, i2), other.cover(j1, j2)))
    return out


def present_sources(alignment: Alignment, row: Row) -> list[str]:
    """Ids of the sources with text in ``row``, in the alignment's source order."""
    return [src.id for src in alignment.sources if row.cells.get(src.id)]


def reference_source(alignment: Alignment, row: Row) -> str | None:
    """The base if it has text in the row, else the first source that has."""
    if row.cells.get(alignment.base):
        return alignment.base
    present = present_sources(alignment, row)
    return present[0] if present else None


def row_cell_words(alignment: Alignment, row: Row) -> dict[str, CellWords]:
    """Words of every non-empty cell of ``row``."""
    return {src.id: cell_words(src, row.cells[src.id]) for src in alignment.sources if row.cells.get(src.id)}


def row_divergences(alignment: Alignment, row: Row) -> RowDivergences:
    """Word-level divergences of every source in ``row`` from the row's reference source."""
    reference = reference_source(alignment, row)
    if reference is None:
        return RowDivergences(None, {})
    words = row_cell_words(alignment, row)
    ref_words = words[reference]
    ops = {sid: diff_words(ref_words, w) for sid, w in words.items() if sid != reference}
    return RowDivergences(reference, ops)


def similarity(a: CellWords, b: CellWords) -> float:
    """Share of words the two cells have in common, in order: 2·LCS / (len a + len b).

    1.0 identical, 0.0 nothing in common. Computed by rapidfuzz (C++), so the
    overview strip can score thousands of rows at once.
    """
    if a.keys == b.keys:
        return 1.0
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(a.keys, b.keys)


def agreement(alignment: Alignment, row: Row) -> dict[str, float | None]:
    """Per source: how far its cell agrees with the row's reference (None: nothing in this row).

    The reference itself scores 1.0; a source whose words are all different scores 0.0.
    """
    reference = reference_source(alignment, row)
    out: dict[str, float | None] = {src.id: None for src in alignment.sources}
    if reference is None:
        return out
    words = row_cell_words(alignment, row)
    ref_words = words[reference]
    for sid, w in words.items():
        out[sid] = 1.0 if sid == reference else similarity(ref_words, w)
    return out
