"""Sentences of the sources, and the marks the rows' links give them (plain Python, no Textual).

A row's ``links`` say which sentences of one source say the same as which of
another (DESIGN.md, ``links``). From them come three things the view draws:

- word marks per linked pair of sentences (:func:`link_marks`): the words of a
  link's spans are diffed against each other, so a quote altered in two words
  marks those two words, not the whole paragraph;
- missing sentences: a sentence no link joins to the compared column, although
  that column has text in the row, is marked ``missing`` rather than diffed;
- the sentences linked to the sentence cursor (:func:`linked_sentences`).

Sentence spans come from the engine's splitter (the same sentences the links
were made of), split once per source and kept. The app and the HTML report
both draw what :func:`row_word_marks` gives.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from srccompare.core.model import Alignment, Link, Row, Source, Span
from srccompare.output.marks import Mark, merge_marks, row_marks

if TYPE_CHECKING:
    from srccompare.engine.compare import CellWords

_TABLES: OrderedDict[tuple[str, str, int], list[Span]] = OrderedDict()
_TABLE_FIRSTS: dict[tuple[str, str, int], list[int]] = {}
_TABLES_KEPT = 24
_LOCK = threading.Lock()


def _key(source: Source) -> tuple[str, str, int]:
    return (source.id, source.sha256, len(source.text))


def sentences_ready(sources: Iterable[Source]) -> bool:
    """True if every one of ``sources`` has been split already (reading them costs nothing)."""
    return all(_key(source) in _TABLES for source in sources)


def _split(source: Source) -> tuple[list[Span], list[int]]:
    key = _key(source)
    # One split at a time: workers comparing several rows of the same sources wait for
    # the first one's split instead of each splitting the same text again.
    with _LOCK:
        spans = _TABLES.get(key)
        if spans is not None:
            _TABLES.move_to_end(key)
            return spans, _TABLE_FIRSTS[key]
        from srccompare.engine.align.sentences import split_sentences

        table = split_sentences(source, counted=False)  # spans only: no feature counts
        _TABLE_FIRSTS[key] = table.first
        _TABLES[key] = table.spans
        while len(_TABLES) > _TABLES_KEPT:
            old, _ = _TABLES.popitem(last=False)
            _TABLE_FIRSTS.pop(old, None)
        return table.spans, table.first


def sentence_spans(source: Source) -> list[Span]:
    """Every sentence of ``source``, in text order (split on first use, then kept)."""
    return _split(source)[0]


def cell_sentences(source: Source, paragraphs: Iterable[int]) -> list[int]:
    """Indices (into :func:`sentence_spans`) of the sentences of ``paragraphs``, in the order listed."""
    _spans, first = _split(source)
    out: list[int] = []
    for p in paragraphs:
        if 0 <= p < len(first) - 1:
            out.extend(range(first[p], first[p + 1]))
    return out


def _overlaps(spans: Iterable[Span], start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def linked_sentences(alignment: Alignment, row: Row, source_id: str, sentence: Span) -> dict[str, list[Span]]:
    """Per other source with text in ``row``: its sentences that a link of the row joins to
    ``sentence`` of ``source_id`` (none for a row without links)."""
    out: dict[str, list[Span]] = {}
    for link in row.links or ():
        mine = link.spans.get(source_id)
        if not mine or not _overlaps(mine, sentence.start, sentence.end):
            continue
        for other, spans in link.spans.items():
            paragraphs = row.cells.get(other)
            if other == source_id or not paragraphs:
                continue
            source = alignment.source(other)
            table = sentence_spans(source)
            found = out.setdefault(other, [])
            for k in cell_sentences(source, paragraphs):
                span = table[k]
                if _overlaps(spans, span.start, span.end) and span not in found:
                    found.append(span)
    return {sid: sorted(spans, key=lambda s: s.start) for sid, spans in out.items() if spans}


def missing_sentences(source: Source, paragraphs: list[int], covered: list[Span]) -> list[Mark]:
    """The sentences of ``paragraphs`` that none of the ``covered`` spans touches, as ``missing`` marks."""
    table = sentence_spans(source)
    out: list[Mark] = []
    for k in cell_sentences(source, paragraphs):
        span = table[k]
        if not _overlaps(covered, span.start, span.end):
            out.append((span.start, span.end, "missing"))
    return out


@lru_cache(maxsize=4096)
def _span_words(text: str, pieces: tuple[tuple[int, int], ...]) -> CellWords:
    """The words of ``pieces`` of ``text``, as the engine's word diff reads them (cached)."""
    from srccompare.engine.compare import DIFF_WORD, CellWords, word_key

    keys = tuple(word_key(w) for start, end in pieces for w in DIFF_WORD.findall(text, start, end))
    return CellWords(keys, text, pieces)


def _pair_words(source: Source, spans: list[Span]) -> CellWords:
    return _span_words(source.text, tuple((s.start, s.end) for s in sorted(spans, key=lambda s: s.start)))


def pair_links(row: Row, a: str, b: str) -> list[Link]:
    """The row's links with spans in both ``a`` and ``b``."""
    return [link for link in row.links or () if link.spans.get(a) and link.spans.get(b)]


def link_marks(alignment: Alignment, row: Row, focused: str | None) -> dict[str, list[Mark]]:
    """Marks per source for one row, seen from the row's reference (the base when present).

    Each source is compared with the reference link by link: the words of every
    link between the two are diffed (inserted and replaced words in the source;
    deleted and replaced ones in the reference, for the focused source only),
    and the source's sentences that no link joins to the reference are marked
    ``missing``. The reference marks its sentences that no link joins to the
    focused column (or, with the reference focused, to any other column).
    A row without links (older alignments) is compared cell against cell.
    """
    if row.links is None:
        return row_marks(alignment, row, [focused] if focused else [])
    from srccompare.engine.compare import diff_words, present_sources, reference_source

    reference = reference_source(alignment, row)
    if reference is None:
        return {}
    present = present_sources(alignment, row)
    ref_source = alignment.source(reference)
    out: dict[str, list[Mark]] = {}
    reference_marks: list[Mark] = []
    for source_id in present:
        if source_id == reference:
            continue
        source = alignment.source(source_id)
        own: list[Mark] = []
        links = pair_links(row, reference, source_id)
        for link in links:
            ref_words = _pair_words(ref_source, link.spans[reference])
            other_words = _pair_words(source, link.spans[source_id])
            for div in diff_words(ref_words, other_words):
                if div.other is not None:
                    own.append((div.other.start, div.other.end, "inserted" if div.op == "insert" else "replaced"))
                if div.ref is not None and source_id == focused:
                    kind = "deleted" if div.op == "delete" else "replaced"
                    reference_marks.append((div.ref.start, div.ref.end, kind))
        covered = [s for link in links for s in link.spans[source_id]]
        own.extend(missing_sentences(source, row.cells[source_id], covered))
        out[source_id] = merge_marks(own)
    partners = [focused] if focused in present and focused != reference else [p for p in present if p != reference]
    if partners:
        covered = [s for p in partners for link in pair_links(row, reference, p) for s in link.spans[reference]]
        reference_marks.extend(missing_sentences(ref_source, row.cells[reference], covered))
    out[reference] = merge_marks(reference_marks)
    return out


def row_word_marks(alignment: Alignment, row: Row, focused: str | None) -> dict[str, list[Mark]]:
    """The word marks of ``row`` per source, against the ``focused`` one: none in a row whose
    sources agree word for word, or where only one source has text."""
    if not has_word_marks(row):
        return {}
    # The reference column shows what the focused source dropped or replaced:
    # the union over every source would mark nearly everything next to a paraphrase.
    return link_marks(alignment, row, focused)


def has_word_marks(row: Row) -> bool:
    """False for a row with nothing to compare word by word (a match, or text in one source only)."""
    return row.kind != "match" and sum(1 for ix in row.cells.values() if ix) >= 2


__all__ = [
    "cell_sentences",
    "has_word_marks",
    "link_marks",
    "linked_sentences",
    "missing_sentences",
    "pair_links",
    "row_word_marks",
    "sentence_spans",
    "sentences_ready",
]
