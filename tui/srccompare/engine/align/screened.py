"""The banded bead search of large inputs, screened with bulk cosines first.

Dot products come in bulk (:mod:`.bulk`, numpy blocks) and only rule out grid
cells where no bead can pass; every bead left is scored exactly by
:class:`~.beads.BeadScorer`, so the chain found is the plain search's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from srccompare.engine.align.beads import MEMBER_SLACK, Bead, BeadScorer, PairSettings
from srccompare.engine.align.similarity import PairSimilarity

SCREEN_ROWS = 128  # grid rows per bulk block
PARALLEL_CELLS = 50_000
"""Band cells from which the screen and the exact scores are spread over the cores."""
SCREEN_PIECES = 4
"""Pieces of whole blocks the rows are cut in when spread: a worker takes them from the first on and
this process from the last back (:func:`srccompare.engine.cores.spread`)."""


def _shift(mask, dx: int, dy: int):
    """``out[x, y] = mask[x - dx, y - dy]`` (False or 0 where that falls outside)."""
    import numpy as np

    out = np.zeros_like(mask)
    h, w = mask.shape
    if dx < h and dy < w:
        out[dx:, dy:] = mask[: h - dx, : w - dy]
    return out


def _ratio(num, denom):
    """``num / sqrt(denom)`` where both are positive, else 0 (as the exact cosines are computed)."""
    import numpy as np

    good = (num > 0) & (denom > 0)
    return np.where(good, num / np.sqrt(np.where(good, denom, 1.0)), 0.0)


def _group_norms(norms2: Any, dots: Any, reach: int) -> dict[int, Any]:
    """``out[k][x]``: squared norm of the sum of the ``k`` vectors ending at position ``x`` (approximate)."""
    import numpy as np

    out = {1: norms2}
    for k in range(2, reach + 1):
        total = norms2.copy()
        for e in range(1, k):
            total[e:] += norms2[:-e] if e < len(norms2) else 0.0
        for e1 in range(k):
            for e2 in range(e1 + 1, k):
                gap = e2 - e1  # members x - e2 and x - e1
                if e2 < len(norms2):
                    total[e2:] += 2 * dots[gap][: len(norms2) - e2]
        out[k] = total
    return {k: np.asarray(v) for k, v in out.items()}


@dataclass(slots=True)
class _Grid:
    """What every block of the screen shares: the pair, its band, and the vectors in bulk."""

    sim: PairSimilarity
    a_ids: Sequence[int]
    b_ids: Sequence[int]
    ranges: Sequence[tuple[int, int]]
    scorer: BeadScorer
    shapes: Sequence[tuple[int, int]]
    va: Any
    vb: Any
    norm_a: dict[int, Any]
    norm_b: dict[int, Any]


Pair = tuple[
    PairSimilarity, Sequence[int], Sequence[int], Sequence[tuple[int, int]], BeadScorer, Sequence[tuple[int, int]]
]
"""What the screen is given: the pair's similarity, its paragraphs, the band, the scorer and the bead shapes."""


def _grid(pair: Pair, rows: tuple[int, int]) -> _Grid:
    """The vectors in bulk for the grid rows ``rows`` (first, end) of the screen: those of ``a`` and
    ``b`` that the blocks holding these rows read (with the group norms there), the others left empty.

    Each piece of rows screened in a worker makes only its own share, beside the other pieces."""
    from srccompare.engine.align.bulk import VectorRows, neighbour_dots

    sim, a_ids, b_ids, ranges, scorer, shapes = pair
    n = len(a_ids)
    reach = max(max(k, kb) for k, kb in shapes)
    first, end = max(1, rows[0]), min(n + 1, rows[1])
    # Blocks start at fixed rows (:func:`_screen`); each reads a-positions from its first row less
    # ``reach``, b-positions from its lowest column less ``reach``, and a group norm ``reach`` more.
    i0 = 1 + (first - 1) // SCREEN_ROWS * SCREEN_ROWS
    i1 = min(n + 1, 1 + -(-(end - 1) // SCREEN_ROWS) * SCREEN_ROWS)
    x0, x1 = max(0, i0 - 1 - 2 * reach), i1
    y0 = max(0, min(lo for lo, _hi in ranges[i0:i1]) - 1 - 2 * reach)
    y1 = max(hi for _lo, hi in ranges[i0:i1]) + 1
    empty: dict[str, float] = {}
    index: dict[str, int] = {}
    va = VectorRows(
        [sim.a[i] if x0 <= x < x1 else empty for x, i in enumerate(a_ids)], index, [sim.na[i] for i in a_ids]
    )
    vb = VectorRows(
        [sim.b[j] if y0 <= y < y1 else empty for y, j in enumerate(b_ids)], index, [sim.nb[j] for j in b_ids]
    )
    norm_a = _group_norms(va.norms2, {g: neighbour_dots(va, g) for g in range(1, reach)}, reach)
    norm_b = _group_norms(vb.norms2, {g: neighbour_dots(vb, g) for g in range(1, reach)}, reach)
    return _Grid(sim, a_ids, b_ids, ranges, scorer, shapes, va, vb, norm_a, norm_b)


Tried = tuple[int, int, int, int, float, float]
"""A bead the screen left possible and the scorer accepted: grid row, column, shape, value, cosine."""


def _screen_and_score(pair: Pair, rows: tuple[int, int]) -> list[Tried]:
    """The beads ending in grid rows ``rows[0]`` to ``rows[1] - 1`` that :meth:`BeadScorer.value`
    accepts, each with its value: the screen (:func:`_screen`) rules cells out, then each bead left
    is scored exactly. Rows never look at each other here, so the grid splits into pieces."""
    grid = _grid(pair, rows)
    value_of = grid.scorer.value
    out: list[Tried] = []
    for i, cells in _screen(grid, rows):
        for j in sorted(cells):
            for k, kb in cells[j]:
                scored = value_of(i - k, i, j - kb, j)
                if scored is not None:
                    out.append((i, j, k, kb, scored[0], scored[1]))
    return out


def _screen(grid: _Grid, rows: tuple[int, int]) -> list[tuple[int, dict[int, list[tuple[int, int]]]]]:
    """For each grid row in ``rows`` (first, end), the cells (and bead shapes ending there) that
    :meth:`BeadScorer.value` may accept.

    Dot products come in bulk (:mod:`.bulk`, a dense block per slice of rows)
    and only rule out what misses a floor by more than their error: a bead
    whose cosine, or a member's cosine with the other side, is under the
    threshold, or with a member related to no one opposite. Every bead left is
    still scored exactly, so the search finds the same chain as when it tries
    every cell. Blocks start at fixed rows (1, 1 + SCREEN_ROWS, ...), whatever
    ``rows`` asks, so a piece finds what the whole grid would.
    """
    from srccompare.engine.align.bulk import APPROX_TOL, dot_block, numpy

    np = numpy()

    sim, a_ids, b_ids, ranges, scorer, shapes = grid.sim, grid.a_ids, grid.b_ids, grid.ranges, grid.scorer, grid.shapes
    va, vb, norm_a, norm_b = grid.va, grid.vb, grid.norm_a, grid.norm_b
    n, m = len(a_ids), len(b_ids)
    reach = max(max(k, kb) for k, kb in shapes)
    t = scorer.threshold
    low = scorer.related_floor - APPROX_TOL
    top = sim.unrelated + sim.spread * t - APPROX_TOL
    member_top = sim.unrelated + sim.spread * (t - t * MEMBER_SLACK) - APPROX_TOL
    lo_arr = np.array([r[0] for r in ranges])
    hi_arr = np.array([r[1] for r in ranges])
    ga, gb = np.array(a_ids), np.array(b_ids)
    first, end = max(1, rows[0]), min(n + 1, rows[1])
    found: dict[int, dict[int, list[tuple[int, int]]]] = {i: {} for i in range(first, end)}
    for i0 in range(1, n + 1, SCREEN_ROWS):
        i1 = min(n + 1, i0 + SCREEN_ROWS)  # grid rows i0..i1-1 end beads at a-positions i0-1..i1-2
        if i1 <= first or i0 >= end:
            continue
        j0 = max(1, int(lo_arr[i0:i1].min()))
        j1 = int(hi_arr[i0:i1].max()) + 1
        if j0 >= j1:
            continue
        x0, x1 = max(0, i0 - reach), i1 - 1
        y0, y1 = max(0, j0 - reach), j1 - 1
        xr, yr = np.arange(x0, x1), np.arange(y0, y1)
        dots = dot_block(va, xr, vb, yr)
        cos = _ratio(dots, np.multiply.outer(va.norms2[xr], vb.norms2[yr]))
        ok = cos >= low
        # Which grid cells of the block: a-position x ends at row x + 1, b-position y at column y + 1.
        xs, ys = xr[:, None], yr[None, :]
        gi, gj = xs + 1, ys + 1
        inside = (gi >= i0) & (gj >= j0) & (gj >= lo_arr[gi]) & (gj <= hi_arr[gi])
        rw = {1: ok}  # related to one of the d paragraphs of b ending here
        cw = {1: ok}  # ... of a
        row_sum = {1: dots}  # dot with the sum of the d paragraphs of b ending here
        col_sum = {1: dots}
        for d in range(2, reach + 1):
            rw[d] = rw[d - 1] | _shift(ok, 0, d - 1)
            cw[d] = cw[d - 1] | _shift(ok, d - 1, 0)
            row_sum[d] = row_sum[d - 1] + _shift(dots, 0, d - 1)
            col_sum[d] = col_sum[d - 1] + _shift(dots, d - 1, 0)
        for k, kb in shapes:
            valid = inside & (gi >= k) & (gj >= kb)
            base_row = np.clip(gi - k, 0, n)
            valid &= (gj - kb >= lo_arr[base_row]) & (gj - kb <= hi_arr[base_row])
            if k == 1 and kb == 1:
                cand = valid & (cos >= top)
            else:
                cand = valid & rw[kb] & cw[k]
                for e in range(1, k):
                    cand &= _shift(rw[kb], e, 0)
                for e in range(1, kb):
                    cand &= _shift(cw[k], 0, e)
                if k > 1:
                    xa = np.clip(xs - k + 1, 0, n - 1)
                    cand &= ga[xs] - ga[xa] == k - 1
                if kb > 1:
                    yb = np.clip(ys - kb + 1, 0, m - 1)
                    cand &= gb[ys] - gb[yb] == kb - 1
                group_a = norm_a[k][xr][:, None]
                group_b = norm_b[kb][yr][None, :]
                total = row_sum[kb]
                for e in range(1, k):
                    total = total + _shift(row_sum[kb], e, 0)
                cand &= _ratio(total, group_a * group_b) >= top
                for e in range(k):  # each member of a against the whole group of b
                    cand &= _shift(_ratio(row_sum[kb], va.norms2[xr][:, None] * group_b), e, 0) >= member_top
                for e in range(kb):
                    cand &= _shift(_ratio(col_sum[k], group_a * vb.norms2[yr][None, :]), 0, e) >= member_top
            px, py = np.nonzero(cand)
            for i, j in zip((px + x0 + 1).tolist(), (py + y0 + 1).tolist()):
                if not first <= i < end:
                    continue
                cell = found[i].get(j)
                if cell is None:
                    found[i][j] = [(k, kb)]
                else:
                    cell.append((k, kb))
    return list(found.items())


def screened_beads(
    sim: PairSimilarity,
    a_ids: Sequence[int],
    b_ids: Sequence[int],
    ranges: Sequence[tuple[int, int]],
    scorer: BeadScorer,
    shapes: Sequence[tuple[int, int]],
    settings: PairSettings,
    tick: Callable[[int, int], None] | None,
    *,
    parallel: bool = False,
) -> list[Bead]:
    """:func:`ordered_beads`' search, trying beads only where :func:`_screen` leaves them possible.

    A cell where no bead can end only continues the best path from above or
    from the left, exactly as in the plain search (the corner test is implied
    by every accepted bead when the threshold is not negative).
    """
    from srccompare.engine.cores import spread

    n, m = len(a_ids), len(b_ids)
    pair: Pair = (sim, a_ids, b_ids, ranges, scorer, shapes)
    # Screening and scoring never look across rows: pieces of whole blocks of rows, over the cores.
    blocks = len(range(1, n + 1, SCREEN_ROWS))
    pieces = min(blocks, SCREEN_PIECES) if parallel else 1
    cuts = [1 + SCREEN_ROWS * (blocks * p // pieces) for p in range(pieces)] + [n + 1]
    tried = spread(_screen_and_score, pair, list(pairwise(cuts)), worth_it=parallel).results()
    found: list[dict[int, list[tuple[int, int, float, float]]]] = [{} for _ in range(n + 1)]
    for part in tried:
        for i, j, k, kb, gain, cos in part:
            cell = found[i].get(j)
            if cell is None:
                found[i][j] = [(k, kb, gain, cos)]
            else:
                cell.append((k, kb, gain, cos))
    neg = -math.inf
    up, left, none = (1, 0, 0.0), (0, 1, 0.0), (0, 0, 0.0)
    best: list[list[float]] = []
    back: list[list[tuple[int, int, float]]] = []
    for i in range(n + 1):
        lo, hi = ranges[i]
        row: list[float] = [neg] * (hi - lo + 1)
        brow: list[tuple[int, int, float]] = [none] * (hi - lo + 1)
        if i:
            plo, phi = ranges[i - 1]
            prev = best[i - 1]
        else:
            plo, phi, prev = 1, 0, row
        here = found[i]
        last = neg
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row[0] = last = 0.0
                continue
            value, step = neg, none
            if plo <= j <= phi:
                value = prev[j - plo]
                if value > neg:
                    step = up
            if j > lo and last > value:
                value, step = last, left
            tries = here.get(j)
            if tries:
                for k, kb, gain, cos in tries:
                    base = best[i - k][j - kb - ranges[i - k][0]]
                    if base + gain > value:
                        value, step = base + gain, (k, kb, cos)
            row[j - lo] = last = value
            brow[j - lo] = step
        best.append(row)
        back.append(brow)
        if tick is not None and i % 200 == 0:
            tick(i, n)
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        k, kb, cos = back[i][j - ranges[i][0]]
        if k and kb:
            beads.append(Bead(tuple(a_ids[i - k : i]), tuple(b_ids[j - kb : j]), cos))
        i, j = i - k, j - kb
    beads.reverse()
    return beads
