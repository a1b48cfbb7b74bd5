"""Where to look: candidate partners from an inverted index, and a band around the diagonal.

Comparing every paragraph with every other is the O(n*m) trap. Instead:

1. an inverted index over rare features proposes, for each paragraph of ``a``, the
   few paragraphs of ``b`` that share its rarest words (:func:`candidate_pairs`);
2. confident one-to-one pairs among them that agree on order become anchors
   (longest increasing chain, :func:`anchor_chain`);
3. the alignment search runs only in a band around the line through the anchors
   (:func:`band`), so its cost grows with n times the band width.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Sequence

from srccompare.engine.align.features import Vector

MAX_POSTINGS = 40
QUERY_FEATURES = 16


def candidate_pairs(a: Sequence[Vector], b: Sequence[Vector], per_paragraph: int) -> dict[int, list[tuple[int, float]]]:
    """For each index into ``a``, up to ``per_paragraph`` (index into ``b``, partial dot) candidates.

    Only features rare in ``b`` are indexed (posting lists longer than
    ``MAX_POSTINGS`` are dropped) and each paragraph asks with its
    ``QUERY_FEATURES`` heaviest features, so the cost per paragraph is bounded
    and the whole search grows linearly with the length of the texts.
    """
    df: Counter[str] = Counter()
    for vec in b:
        df.update(vec.keys())
    rare = {f for f, n in df.items() if n <= MAX_POSTINGS}
    index: dict[str, list[tuple[int, float]]] = {f: [] for f in rare}
    for j, vec in enumerate(b):
        for f in vec.keys() & rare:  # each list gets its entries in order of j, whatever the set's order
            index[f].append((j, vec[f]))
    out: dict[int, list[tuple[int, float]]] = {}
    for i, vec in enumerate(a):
        # (weight, feature) pairs are all distinct, so the heaviest ones do not depend on the set's order.
        query = heapq.nlargest(QUERY_FEATURES, [(vec[f], f) for f in vec.keys() & rare])
        acc: dict[int, float] = {}
        get = acc.get
        for w, f in query:
            for j, wb in index[f]:
                acc[j] = get(j, 0.0) + w * wb
        if acc:
            out[i] = heapq.nlargest(per_paragraph, acc.items(), key=_second)
    return out


def _second(kv: tuple[int, float]) -> float:
    return kv[1]


def anchor_chain(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both coordinates (patience sorting)."""
    ordered = sorted(pairs, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []
    tail_idx: list[int] = []
    parent: list[int] = [-1] * len(ordered)
    for k, (_, j) in enumerate(ordered):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        parent[k] = tail_idx[pos - 1] if pos > 0 else -1
    chain: list[tuple[int, int]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(ordered[k])
        k = parent[k]
    return chain[::-1]


def band(n: int, m: int, anchors: Sequence[tuple[int, int]], width: int) -> list[tuple[int, int]]:
    """For each row ``i`` in ``0..n`` of the search grid, the allowed column range ``[lo, hi]``.

    The centre line runs through the anchors (and the two corners); the range is
    widened so that consecutive rows overlap and the path can always go on.
    """
    points = [(0, 0)] + [(i + 1, j + 1) for i, j in anchors] + [(n, m)]
    centres: list[float] = []
    k = 0
    for i in range(n + 1):
        while k + 1 < len(points) - 1 and points[k + 1][0] <= i:
            k += 1
        (i0, j0), (i1, j1) = points[k], points[min(k + 1, len(points) - 1)]
        centres.append(j0 if i1 == i0 else j0 + (j1 - j0) * (i - i0) / (i1 - i0))
    ranges: list[tuple[int, int]] = []
    for i in range(n + 1):
        lo = int(min(centres[max(0, i - 1)], centres[i])) - width
        hi = int(max(centres[min(n, i + 1)], centres[i])) + width + 1
        ranges.append((max(0, lo), min(m, hi)))
    ranges[0] = (0, ranges[0][1])
    ranges[n] = (ranges[n][0], m)
    return ranges
