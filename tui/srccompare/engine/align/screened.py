"""The banded bead search of large inputs, screened with bulk cosines first.

Dot products come in bulk (:mod:`.bulk`, numpy blocks) and only rule out grid
cells where no bead can pass; every bead left is scored exactly by
:class:`~.beads.BeadScorer`, so the chain found is the plain search's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from srccompare.engine.align.beads import MEMBER_SLACK, Bead, BeadScorer, PairSettings
from srccompare.engine.align.similarity import PairSimilarity

SCREEN_ROWS = 128  # grid rows per bulk block


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


def _screen(
    sim: PairSimilarity,
    a_ids: Sequence[int],
    b_ids: Sequence[int],
    ranges: Sequence[tuple[int, int]],
    scorer: BeadScorer,
    shapes: Sequence[tuple[int, int]],
) -> list[dict[int, list[tuple[int, int]]]]:
    """For each grid row, the cells (and bead shapes ending there) that :meth:`BeadScorer.value` may accept.

    Dot products come in bulk (:mod:`.bulk`, a dense block per slice of rows)
    and only rule out what misses a floor by more than their error: a bead
    whose cosine, or a member's cosine with the other side, is under the
    threshold, or with a member related to no one opposite. Every bead left is
    still scored exactly, so the search finds the same chain as when it tries
    every cell.
    """
    from srccompare.engine.align.bulk import APPROX_TOL, VectorRows, dot_block, neighbour_dots, numpy

    np = numpy()

    n, m = len(a_ids), len(b_ids)
    index: dict[str, int] = {}
    va = VectorRows([sim.a[i] for i in a_ids], index, [sim.na[i] for i in a_ids])
    vb = VectorRows([sim.b[j] for j in b_ids], index, [sim.nb[j] for j in b_ids])
    reach = max(max(k, kb) for k, kb in shapes)
    t = scorer.threshold
    low = scorer.related_floor - APPROX_TOL
    top = sim.unrelated + sim.spread * t - APPROX_TOL
    member_top = sim.unrelated + sim.spread * (t - t * MEMBER_SLACK) - APPROX_TOL
    norm_a = _group_norms(va.norms2, {g: neighbour_dots(va, g) for g in range(1, reach)}, reach)
    norm_b = _group_norms(vb.norms2, {g: neighbour_dots(vb, g) for g in range(1, reach)}, reach)
    lo_arr = np.array([r[0] for r in ranges])
    hi_arr = np.array([r[1] for r in ranges])
    ga, gb = np.array(a_ids), np.array(b_ids)
    found: list[dict[int, list[tuple[int, int]]]] = [{} for _ in range(n + 1)]
    for i0 in range(1, n + 1, SCREEN_ROWS):
        i1 = min(n + 1, i0 + SCREEN_ROWS)  # grid rows i0..i1-1 end beads at a-positions i0-1..i1-2
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
                cell = found[i].get(j)
                if cell is None:
                    found[i][j] = [(k, kb)]
                else:
                    cell.append((k, kb))
    return found


def screened_beads(
    sim: PairSimilarity,
    a_ids: Sequence[int],
    b_ids: Sequence[int],
    ranges: Sequence[tuple[int, int]],
    scorer: BeadScorer,
    shapes: Sequence[tuple[int, int]],
    settings: PairSettings,
    tick: Callable[[int, int], None] | None,
) -> list[Bead]:
    """:func:`ordered_beads`' search, trying beads only where :func:`_screen` leaves them possible.

    A cell where no bead can end only continues the best path from above or
    from the left, exactly as in the plain search (the corner test is implied
    by every accepted bead when the threshold is not negative).
    """
    n, m = len(a_ids), len(b_ids)
    found = _screen(sim, a_ids, b_ids, ranges, scorer, shapes)
    neg = -math.inf
    up, left, none = (1, 0, 0.0), (0, 1, 0.0), (0, 0, 0.0)
    best: list[list[float]] = []
    back: list[list[tuple[int, int, float]]] = []
    value_of = scorer.value
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
                for k, kb in tries:
                    blo = ranges[i - k][0]
                    base = best[i - k][j - kb - blo]
                    scored = value_of(i - k, i, j - kb, j)
                    if scored is None:
                        continue
                    if base + scored[0] > value:
                        value, step = base + scored[0], (k, kb, scored[1])
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
