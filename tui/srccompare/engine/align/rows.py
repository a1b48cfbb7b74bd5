"""A row's kind and score, from the words of its cells.

``match`` means the same wording after normalisation (case, quote and dash
styles, diacritics, spacing and line breaks do not count); the score is the share
of words two cells have in common, in order (token-level Indel similarity), averaged
over the base against each other source present.
"""

from __future__ import annotations

from collections.abc import Sequence

from srccompare.core.model import Source
from srccompare.text.normalize import TOKEN, fold_word

ParagraphTokens = list[list[str]]
"""One source's words as rows compare them, paragraph by paragraph (:func:`paragraph_tokens`)."""


def paragraph_tokens(source: Source) -> ParagraphTokens:
    """Every paragraph's folded words: made ahead (a long run makes them while a worker searches),
    a row's words are then its paragraphs' lists joined, the same words :func:`cell_tokens` finds."""
    text, words = source.text, TOKEN.words
    return [list(map(fold_word, words(text, p.start, p.end))) for p in source.paragraphs]


def cell_tokens(source: Source, indices: Sequence[int], known: ParagraphTokens | None = None) -> list[str]:
    """The folded words of ``source``'s paragraphs ``indices``, in order (from ``known`` if given)."""
    out: list[str] = []
    if known is not None:
        for i in indices:
            out += known[i]
        return out
    for i in indices:
        para = source.paragraphs[i]
        out.extend(map(fold_word, TOKEN.words(source.text, para.start, para.end)))
    return out


def _texts(source: Source, indices: Sequence[int]) -> list[str]:
    return [source.paragraph_text(i) for i in indices]


def wording_similarity(x: list[str], y: list[str]) -> float:
    from rapidfuzz.distance import Indel

    if not x and not y:
        return 1.0
    return float(Indel.normalized_similarity(x, y))


def kind_and_score(
    cells: dict[str, list[int]],
    sources: dict[str, Source],
    base_id: str,
    identical_threshold: float,
    boilerplate: bool,
    tokens: dict[str, ParagraphTokens] | None = None,
) -> tuple[str, float]:
    """The row's kind (``only``, ``boilerplate``, ``match`` or ``changed``) and its score; ``tokens``:
    sources' :func:`paragraph_tokens` made ahead, where known (the same result, sooner)."""
    present = [sid for sid, ids in cells.items() if ids]
    if boilerplate:
        return "boilerplate", 0.0
    if len(present) < 2:
        return "only", 0.0
    ref = base_id if base_id in present else present[0]
    ref_texts = _texts(sources[ref], cells[ref])
    ref_tokens: list[str] | None = None
    known = tokens or {}
    scores = []
    for sid in present:
        if sid == ref:
            continue
        if _texts(sources[sid], cells[sid]) == ref_texts:  # the same characters: the same words
            scores.append(1.0)
            continue
        if ref_tokens is None:
            ref_tokens = cell_tokens(sources[ref], cells[ref], known.get(ref))
        scores.append(wording_similarity(ref_tokens, cell_tokens(sources[sid], cells[sid], known.get(sid))))
    score = sum(scores) / len(scores)
    kind = "match" if min(scores) >= identical_threshold else "changed"
    return kind, score
