"""The best monotone chain of sentence groups between two runs of sentences.

The search is a dynamic programme over a banded grid: cell ``(i, j)`` is the
best value of linking the first ``i`` sentences of one side with the first
``j`` of the other, by skipping a sentence or by linking a group of one to
three sentences with one to three (:data:`SHAPES`). A short stretch is
searched here, cell by cell; a long one on whole arrays (:mod:`.sentence_arrays`),
which costs about a tenth as much there.

Ties break the same way in both: a skip along ``a``, then a skip along ``b``,
then the shapes in order, each taken only when strictly better. Both add the
same values in the same order (:func:`.sentence_space.added`), so they find the
same chain to the last bit.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from srccompare.engine.align.sentence_space import added

if TYPE_CHECKING:
    from srccompare.engine.align.sentence_space import SentenceSpace

SHAPES = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2))
"""Sentences of ``a`` and of ``b`` a link may join, in the order ties prefer them."""
MERGE_PENALTY = 0.1  # price per sentence beyond one-to-one
RELATED_SHARE = 0.5  # ... and the corner members of a group relate to a sentence opposite above this share of it
ZONE_REACH = 2  # zones apart a sentence link may reach: a bead is 2k+1, the gap before it 2k

Corridor = list[tuple[int, int]]
"""Per row of a search: the first column it may reach and the column past its last."""

Chain = list[tuple[tuple[int, ...], tuple[int, ...], float]]
"""Links found: positions in ``xs`` and in ``ys`` (not sentence numbers), and the group's cosine."""

SMALL_GRID = 4096
"""Cells (sentences of a times sentences of b) up to which the search runs cell by cell: numpy's
cost per call outweighs what the arrays save on a grid this small (an article's paragraph)."""


def monotone_chain(
    space: SentenceSpace,
    xs: Sequence[int],
    ys: Sequence[int],
    zx: Sequence[int],
    zy: Sequence[int],
    bead_x: Sequence[int],
    bead_y: Sequence[int],
    thresholds: tuple[float, float],
    corridor: Corridor | None = None,
) -> Chain:
    """The best monotone chain of sentence groups between sentences ``xs`` of a and ``ys`` of b.

    ``zx``/``zy`` are their zones (nondecreasing): a link joins sentences at most
    :data:`ZONE_REACH` zones apart, and inside a long bead only within
    ``corridor``. Sentences of the same bead (equal ``bead_x``/``bead_y``) link
    above ``thresholds[0]``, others above ``thresholds[1]`` (on the pair's scale).
    """
    n, m = len(xs), len(ys)
    if not n or not m:
        return []
    if n * m <= SMALL_GRID:
        return _cell_chain(space, xs, ys, zx, zy, bead_x, bead_y, thresholds, corridor)
    from srccompare.engine.align.sentence_arrays import array_chain

    return array_chain(space, xs, ys, zx, zy, bead_x, bead_y, thresholds, corridor)


def _allowed_columns(
    m: int, zx: Sequence[int], zy: Sequence[int], corridor: Corridor | None
) -> tuple[list[int], list[int]]:
    """Per sentence of a, the columns of b it may link with: ``lo[x] <= y < hi[x]``."""
    lo = [bisect.bisect_left(zy, z - ZONE_REACH) for z in zx]
    hi = [bisect.bisect_right(zy, z + ZONE_REACH) for z in zx]
    if corridor is not None:
        for x, (first, last) in enumerate(corridor):
            lo[x] = min(max(lo[x], first), m)
            hi[x] = max(min(hi[x], last), lo[x])
    return lo, hi


def _row_spans(n: int, m: int, lo: Sequence[int], hi: Sequence[int]) -> tuple[list[int], list[int]]:
    """The columns ``rlo[i]..rhi[i]`` of each row of the grid (``i`` sentences of a consumed).
    Consecutive rows overlap, so every cell is reached from the row before."""
    rlo, rhi = [0] * (n + 1), [m] * (n + 1)
    rhi[0] = m if n == 0 else hi[0]
    for i in range(1, n + 1):
        before, after = i - 1, min(n - 1, i)
        start = min(lo[before], lo[after])
        end = m if i == n else max(hi[before], hi[after])
        rlo[i] = max(rlo[i - 1], min(start, rhi[i - 1]))
        rhi[i] = max(end, rhi[i - 1], rlo[i])
    return rlo, rhi


def _cell_chain(
    space: SentenceSpace,
    xs: Sequence[int],
    ys: Sequence[int],
    zx: Sequence[int],
    zy: Sequence[int],
    bead_x: Sequence[int],
    bead_y: Sequence[int],
    thresholds: tuple[float, float],
    corridor: Corridor | None,
) -> Chain:
    """The search cell by cell, over dicts: for a small grid, quicker than setting up the arrays."""
    n, m = len(xs), len(ys)
    lo, hi = _allowed_columns(m, zx, zy, corridor)
    rlo, rhi = _row_spans(n, m, lo, hi)
    floor = space.unrelated + space.spread * min(thresholds) * RELATED_SHARE
    seen: dict[tuple[int, int], bool] = {}  # each pair is tested for several cells around it

    def related(x: int, y: int) -> bool:
        key = (x, y)
        found = seen.get(key)
        if found is None:
            found = seen[key] = space.cosine(xs[x], ys[y]) >= floor
        return found

    def group_value(i0: int, i1: int, j0: int, j1: int) -> tuple[float, float] | None:
        """Value of linking ``xs[i0:i1]`` with ``ys[j0:j1]``, and their cosine; None when they may not."""
        same = True
        for u in range(i0, i1):
            if not lo[u] <= j0 or not j1 - 1 < hi[u]:
                return None
            for w in range(j0, j1):
                same = same and bead_x[u] == bead_y[w]
        t = thresholds[0] if same else thresholds[1]
        if i1 - i0 == 1 and j1 - j0 == 1:  # one sentence each, the common case
            cos = space.cosine(xs[i0], ys[j0])
            one = space.scaled(cos) - t
            return None if one < 0 else (one + one, cos)
        cos, members = space.group(tuple(xs[i0:i1]), tuple(ys[j0:j1]))
        scaled = [space.scaled(c) - t for c in members]
        if min(scaled) < 0:
            return None
        return added(scaled) - MERGE_PENALTY * (i1 - i0 + j1 - j0 - 2), cos

    best: list[dict[int, float]] = [{} for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int, float]]] = [{} for _ in range(n + 1)]
    for i in range(n + 1):
        row, brow = best[i], back[i]
        prev = best[i - 1] if i else None
        for j in range(rlo[i], rhi[i] + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            value, step = -math.inf, (0, 0, 0.0)
            if prev is not None and j in prev:
                value, step = prev[j], (1, 0, 0.0)
            if j - 1 in row and row[j - 1] > value:
                value, step = row[j - 1], (0, 1, 0.0)
            if i and j and lo[i - 1] <= j - 1 < hi[i - 1]:
                corner_x = [y for y in range(max(0, j - 3), j) if related(i - 1, y)]
                corner_y = [x for x in range(max(0, i - 3), i) if related(x, j - 1)]
                for k, kb in SHAPES if corner_x and corner_y else ():
                    if k > i or kb > j or corner_x[-1] < j - kb or corner_y[-1] < i - k:
                        continue
                    start = best[i - k].get(j - kb)
                    if start is None:
                        continue
                    scored = group_value(i - k, i, j - kb, j)
                    if scored is not None and start + scored[0] > value:
                        value, step = start + scored[0], (k, kb, scored[1])
            row[j] = value
            brow[j] = step
    chain: Chain = []
    i, j = n, m
    while i > 0 or j > 0:
        k, kb, cos = back[i][j]
        if k and kb:
            chain.append((tuple(range(i - k, i)), tuple(range(j - kb, j)), cos))
        i, j = i - k, j - kb
    chain.reverse()
    return chain
