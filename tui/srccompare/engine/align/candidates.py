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
BULK_QUERIES = 20_000  # from this many query features on, partial dots are summed with numpy


RareIndex = dict[str, list[tuple[int, float]]]
"""Feature -> (index into ``b``, weight) for every feature rare in ``b``, in order of the index."""


def candidate_pairs(a: Sequence[Vector], b: Sequence[Vector], per_paragraph: int) -> dict[int, list[tuple[int, float]]]:
    """For each index into ``a``, up to ``per_paragraph`` (index into ``b``, partial dot) candidates.

    Only features rare in ``b`` are indexed (posting lists longer than
    ``MAX_POSTINGS`` are dropped) and each paragraph asks with its
    ``QUERY_FEATURES`` heaviest features, so the cost per paragraph is bounded
    and the whole search grows linearly with the length of the texts.
    """
    return candidates_for(a, rare_index(b), len(b), per_paragraph)


def rare_index(b: Sequence[Vector]) -> RareIndex:
    """The inverted index :func:`candidate_pairs` asks: features in at most ``MAX_POSTINGS`` vectors of ``b``."""
    df: Counter[str] = Counter()
    for vec in b:
        df.update(vec.keys())
    rare = {f for f, n in df.items() if n <= MAX_POSTINGS}
    index: RareIndex = {f: [] for f in rare}
    for j, vec in enumerate(b):
        for f in vec.keys() & rare:  # each list gets its entries in order of j, whatever the set's order
            index[f].append((j, vec[f]))
    return index


def candidates_for(
    a: Sequence[Vector], index: RareIndex, m: int, per_paragraph: int, offset: int = 0
) -> dict[int, list[tuple[int, float]]]:
    """:func:`candidate_pairs` for the vectors ``a`` (keys start at ``offset``), against ``index``
    made over ``m`` vectors. Each vector's candidates depend on it and the index alone, so slices
    of ``a`` can be searched apart and their results put together."""
    queries = [heapq.nlargest(QUERY_FEATURES, [(vec[f], f) for f in vec.keys() & index.keys()]) for vec in a]
    if sum(map(len, queries)) >= BULK_QUERIES:
        found = _accumulate_bulk(queries, index, m, per_paragraph)
        return {i + offset: cands for i, cands in found.items()} if offset else found
    out: dict[int, list[tuple[int, float]]] = {}
    for i, query in enumerate(queries):
        # (weight, feature) pairs are all distinct, so the heaviest ones do not depend on the set's order.
        acc: dict[int, float] = {}
        get = acc.get
        for w, f in query:
            for j, wb in index[f]:
                acc[j] = get(j, 0.0) + w * wb
        if acc:
            out[i + offset] = heapq.nlargest(per_paragraph, acc.items(), key=_second)
    return out


def _accumulate_bulk(
    queries: list[list[tuple[float, str]]],
    index: dict[str, list[tuple[int, float]]],
    m: int,
    per_paragraph: int,
) -> dict[int, list[tuple[int, float]]]:
    """:func:`candidate_pairs`' sums and choice, with numpy: the same numbers in the same order.

    Each partial dot is summed in the order the loop would add it (``ufunc.at``
    adds element by element, in order), and ties keep the order in which the
    loop first met each candidate, as ``heapq.nlargest`` does.
    """
    from srccompare.engine.align.bulk import numpy

    np = numpy()
    ids = {f: k for k, f in enumerate(index)}
    lens = np.array([len(p) for p in index.values()], dtype=np.int64)
    starts = np.cumsum(lens) - lens
    post_j = np.array([j for p in index.values() for j, _ in p], dtype=np.int64)
    post_w = np.array([w for p in index.values() for _, w in p], dtype=np.float64)
    q_i = np.array([i for i, query in enumerate(queries) for _ in query], dtype=np.int64)
    q_f = np.array([ids[f] for query in queries for _, f in query], dtype=np.int64)
    q_w = np.array([w for query in queries for w, _ in query], dtype=np.float64)
    count = lens[q_f]
    owner = np.repeat(np.arange(len(q_f)), count)
    where = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count - starts[q_f], count)
    keys = q_i[owner] * m + post_j[where]
    uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    acc = np.zeros(len(uniq))
    np.add.at(acc, inverse, q_w[owner] * post_w[where])
    rows = uniq // m
    order = np.lexsort((first, -acc, rows))
    rows = rows[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, "left")
    order = order[rank < per_paragraph]
    out: dict[int, list[tuple[int, float]]] = {}
    for i, j, v in zip((uniq[order] // m).tolist(), (uniq[order] % m).tolist(), acc[order].tolist()):
        cands = out.get(i)
        if cands is None:
            out[i] = [(j, v)]
        else:
            cands.append((j, v))
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
