"""The sentences of a source, split once, with offsets into its text.

Sentences are split on the text as matching sees it (quote and dash styles
folded, line breaks as spaces) but with the same length, so a reflowed or
re-quoted copy splits at the same places and every span points into
``Source.text`` unchanged.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from srccompare.core.model import Source, Span
from srccompare.engine.align.features import MadeOnUse, joined_counts, paragraph_counts
from srccompare.text.normalize import CharFolding

# Same-length folding: every character maps to exactly one character.
_SAME_LENGTH_TABLE: dict[str, str | None] = {
    "\n": " ",
    "\r": " ",
    "\t": " ",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u00ad": " ",
    "\u200b": " ",
}
_SAME_LENGTH = CharFolding(str.maketrans(_SAME_LENGTH_TABLE))


EAGER_SENTENCES = 20_000
"""Up to this many sentences, a source's feature counts are all computed when it is split (once, before the
pairs share them); a longer text computes each sentence's counts when a pair first needs them, since a long
text beside its copy is mostly paired without looking at its sentences."""


class SentenceCounts(MadeOnUse[dict[str, float]]):
    """Each sentence's raw feature counts, computed on first use and kept."""

    __slots__ = ("_spans", "_text")

    def __init__(self, text: str, spans: Sequence[Span]) -> None:
        super().__init__(len(spans), partial(_sentence_counts, text, spans))
        self._text, self._spans = text, spans

    def fill(self) -> None:
        """Compute every sentence's counts now."""
        for x in range(len(self)):
            self[x]


def _sentence_counts(text: str, spans: Sequence[Span], x: int) -> dict[str, float]:
    span = spans[x]
    return paragraph_counts(text[span.start : span.end])


class SentenceOutline(Protocol):
    """Where each sentence of a source lies: all that rows are built from (a table without its counts)."""

    @property
    def spans(self) -> list[Span]: ...

    @property
    def paragraph(self) -> list[int]: ...


class Outline:
    """A :class:`SentenceTable`'s spans and paragraphs kept on their own, without the counts
    (the memory they take), for building rows again under another base. Pickled (the app's first
    alignment comes from another process), it sends its offsets as one array, not a Span each."""

    __slots__ = ("_bounds", "_spans", "paragraph")

    def __init__(self, spans: list[Span], paragraph: list[int]) -> None:
        self._spans: list[Span] | None = spans
        self._bounds: array | None = None  # made only when pickled
        self.paragraph = paragraph

    @property
    def spans(self) -> list[Span]:
        if self._spans is None:
            bounds = self._bounds
            assert bounds is not None
            self._spans = [Span(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
        return self._spans

    def __getstate__(self) -> tuple[array, list[int]]:
        if self._bounds is None:
            self._bounds = array("q", [v for span in self.spans for v in (span.start, span.end)])
        return self._bounds, self.paragraph

    def __setstate__(self, state: tuple[array, list[int]]) -> None:
        self._bounds, self.paragraph = state
        self._spans = None


@dataclass(slots=True)
class SentenceTable:
    """Every sentence of one source, in text order."""

    spans: list[Span]
    paragraph: list[int]
    """The paragraph each sentence belongs to."""
    first: list[int]
    """Index of each paragraph's first sentence; ``first[p]:first[p + 1]`` are its sentences."""
    counts: SentenceCounts
    """Each sentence's raw feature counts (the same for every pair; each pair weighs them its own way)."""
    paragraph_counts: list[dict[str, float]] | None = None
    """Each paragraph's raw feature counts, when the sentences' were computed up front: made where
    the sources are split side by side, not once per pair afterwards. Callers must not change them."""

    def of(self, paragraph: int) -> range:
        return range(self.first[paragraph], self.first[paragraph + 1])

    def __getstate__(self) -> tuple:
        """Pickled (a source split in a worker, then sent back), the spans go as one array of offsets,
        not a Span object each: the source waited for is on the path to everything after it."""
        bounds = array("q", [v for span in self.spans for v in (span.start, span.end)])
        counts = (self.counts._text, self.counts._done)  # (their spans are the table's)
        return bounds, self.paragraph, self.first, counts, self.paragraph_counts

    def __setstate__(self, state: tuple) -> None:
        bounds, self.paragraph, self.first, (text, done), self.paragraph_counts = state
        self.spans = [Span(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
        self.counts = SentenceCounts(text, self.spans)
        self.counts._done = done


def split_sentences(source: Source, *, counted: bool = True) -> SentenceTable:
    """Split every paragraph of ``source`` into sentences (a paragraph with no split is one sentence).

    ``counted``: a short text's feature counts are computed now, for the pairs to share (no need to
    draw sentence marks).
    """
    from srccompare.text.segment import sentence_spans

    folded = _SAME_LENGTH(source.text)
    spans: list[Span] = []
    owner: list[int] = []
    first: list[int] = []
    for p, para in enumerate(source.paragraphs):
        first.append(len(spans))
        found = sentence_spans(folded, para.start, para.end) or [Span(para.start, para.end)]
        for span in found:
            spans.append(span)
            owner.append(p)
    first.append(len(spans))
    counts = SentenceCounts(source.text, spans)
    paragraph_counts = None
    if counted and len(spans) <= EAGER_SENTENCES:
        counts.fill()
        paragraph_counts = [_paragraph_counts(source, p, spans, first, counts) for p in range(len(source.paragraphs))]
    return SentenceTable(spans, owner, first, counts, paragraph_counts)


def _paragraph_counts(
    source: Source, p: int, spans: list[Span], first: list[int], counts: SentenceCounts
) -> dict[str, float]:
    """A paragraph's counts: its sentence's when it is one sentence, character for character; else
    joined from its sentences' where its words are theirs (:func:`.features.joined_counts`); else counted."""
    para = source.paragraphs[p]
    if first[p + 1] - first[p] == 1 and spans[first[p]] == Span(para.start, para.end):
        return counts[first[p]]
    own = spans[first[p] : first[p + 1]]
    if _words_are_the_sentences(source.text, para.span, own):
        joined = joined_counts([counts[x] for x in range(first[p], first[p + 1])])
        if joined is not None:
            return joined
    return paragraph_counts(source.text[para.start : para.end])


def _words_are_the_sentences(text: str, para: Span, sentences: list[Span]) -> bool:
    """Whether the paragraph's words (:data:`srccompare.text.normalize.TOKEN`) are its sentences' words,
    in order: only spaces lie between the sentences, no word can run on across one (a hyphen at a
    line's end joins words), and no markup changes how either is read."""
    from srccompare.text.normalize import no_markup

    if not no_markup(text[para.start : para.end]):
        return False
    at = para.start
    for sentence in sentences:
        between = text[at : sentence.start]
        if (between and not between.isspace()) or (sentence.start > para.start and not between):
            return False
        if not no_markup(text[sentence.start : sentence.end]) or text[sentence.end - 1] in "-\u00ad":
            return False
        at = sentence.end
    rest = text[at : para.end]
    return not rest or rest.isspace()
