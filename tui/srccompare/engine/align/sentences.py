"""The sentences of a source, split once, with offsets into its text.

Sentences are split on the text as matching sees it (quote and dash styles
folded, line breaks as spaces) but with the same length, so a reflowed or
re-quoted copy splits at the same places and every span points into
``Source.text`` unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from srccompare.core.model import Source, Span

# Same-length folding: every character maps to exactly one character.
_SAME_LENGTH = str.maketrans(
    {
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
)


@dataclass(slots=True)
class SentenceTable:
    """Every sentence of one source, in text order."""

    spans: list[Span]
    paragraph: list[int]
    """The paragraph each sentence belongs to."""
    first: list[int]
    """Index of each paragraph's first sentence; ``first[p]:first[p + 1]`` are its sentences."""
    counts: list[dict[str, float]] = field(default_factory=list)
    """Each sentence's raw feature counts (the same for every pair; each pair weighs them its own way)."""

    def of(self, paragraph: int) -> range:
        return range(self.first[paragraph], self.first[paragraph + 1])


def split_sentences(source: Source) -> SentenceTable:
    """Split every paragraph of ``source`` into sentences (a paragraph with no split is one sentence)."""
    from srccompare.text.segment import sentence_spans

    folded = source.text.translate(_SAME_LENGTH)
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
    from srccompare.engine.align.features import paragraph_counts

    counts = [paragraph_counts(source.text[s.start : s.end]) for s in spans]
    return SentenceTable(spans, owner, first, counts)
