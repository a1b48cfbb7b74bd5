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


def cell_tokens(source: Source, indices: Sequence[int]) -> list[str]:
    out: list[str] = []
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
) -> tuple[str, float]:
    present = [sid for sid, ids in cells.items() if ids]
    if boilerplate:
        return "boilerplate", 0.0
    if len(present) < 2:
        return "only", 0.0
    ref = base_id if base_id in present else present[0]
    ref_texts = _texts(sources[ref], cells[ref])
    ref_tokens: list[str] | None = None
    scores = []
    for sid in present:
        if sid == ref:
            continue
        if _texts(sources[sid], cells[sid]) == ref_texts:  # the same characters: the same words
            scores.append(1.0)
            continue
        if ref_tokens is None:
            ref_tokens = cell_tokens(sources[ref], cells[ref])
        scores.append(wording_similarity(ref_tokens, cell_tokens(sources[sid], cells[sid])))
    score = sum(scores) / len(scores)
    kind = "match" if min(scores) >= identical_threshold else "changed"
    return kind, score
