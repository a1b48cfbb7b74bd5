"""The sentence search of :mod:`.sentence_chain` on whole arrays, for long stretches.

Every group's value is computed over the whole band at once with numpy, then a
sweep over the rows, one array operation per shape and row, finds the best
chain. The values are the same sums in the same order as the cell-by-cell
search, and ties break the same way (:mod:`.sentence_chain`), so the chain is the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from srccompare.engine.align.exact_dots import banded_dots
from srccompare.engine.align.sentence_chain import (
    MERGE_PENALTY,
    RELATED_SHARE,
    SHAPES,
    Chain,
    Corridor,
    _allowed_columns,
    _row_spans,
)

if TYPE_CHECKING:
    import numpy as np

    from srccompare.engine.align.sentence_space import SentenceSpace

_UP, _LEFT = 0, 1  # step codes: skip a sentence of a, of b; 2 + s: shape s


def array_chain(
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
    """The best monotone chain, as :func:`.sentence_chain.monotone_chain` defines it, on whole arrays."""
    import numpy as np

    n, m = len(xs), len(ys)
    band = _Band(n, m, zx, zy, corridor)
    pairs = _PairBand(space, xs, ys, band)
    floor = space.unrelated + space.spread * min(thresholds) * RELATED_SHARE
    values, cosines = _shape_values(
        space, xs, ys, np.asarray(bead_x), np.asarray(bead_y), band, pairs, floor, thresholds
    )
    steps = _sweep(band, values)
    chain: Chain = []
    i, j = n, m
    rlo, ptr = band.rlo, band.ptr
    while i > 0 or j > 0:
        cell = ptr[i] + j - rlo[i]
        code = int(steps[cell])
        if code == _UP:
            i -= 1
        elif code == _LEFT:
            j -= 1
        else:
            k, kb = SHAPES[code - 2]
            chain.append((tuple(range(i - k, i)), tuple(range(j - kb, j)), float(cosines[code - 2][cell])))
            i, j = i - k, j - kb
    chain.reverse()
    return chain


class _Band:
    """The cells searched: row ``i`` (``i`` sentences of a consumed) holds columns ``rlo[i]..rhi[i]``,
    stored one row after another from ``ptr[i]``; ``lo[x] <= y < hi[x]`` says sentences x and y may link."""

    def __init__(self, n: int, m: int, zx: Sequence[int], zy: Sequence[int], corridor: Corridor | None) -> None:
        import numpy as np

        lo_list, hi_list = _allowed_columns(m, zx, zy, corridor)
        self.n, self.m = n, m
        self.lo, self.hi = np.asarray(lo_list, dtype=np.int64), np.asarray(hi_list, dtype=np.int64)
        rlo, rhi = _row_spans(n, m, lo_list, hi_list)
        self.rlo, self.rhi = rlo, rhi
        ptr = [0] * (n + 2)
        for i in range(n + 1):
            ptr[i + 1] = ptr[i] + rhi[i] - rlo[i] + 1
        self.ptr = ptr
        width = np.asarray(rhi) - np.asarray(rlo) + 1
        self.row = np.repeat(np.arange(n + 1), width)
        self.col = np.arange(ptr[n + 1]) - np.repeat(np.asarray(ptr[: n + 1]) - np.asarray(rlo), width)


class _PairBand:
    """Dot products and cosines of every sentence pair a group near the band may ask for.

    Row ``x`` holds columns ``plo[x]..phi[x]-1``: what ``x`` may link with, two
    columns before (the corner of a group ending there), and what the two rows
    after it may link with (the rows of a group ending below it).
    """

    def __init__(self, space: SentenceSpace, xs: Sequence[int], ys: Sequence[int], band: _Band) -> None:
        import numpy as np

        n, m = band.n, band.m
        lo, hi = band.lo, band.hi
        plo = lo - 2
        phi = hi.copy()
        for ahead in (1, 2):
            plo[:-ahead] = np.minimum(plo[:-ahead], lo[ahead:])
            phi[:-ahead] = np.maximum(phi[:-ahead], hi[ahead:])
        plo = np.clip(plo, 0, m)
        phi = np.maximum(np.clip(phi, 0, m), plo)
        width = phi - plo
        self.plo, self.phi = plo, phi
        self.ptr = np.concatenate(([0], np.cumsum(width)))
        dots = np.zeros(max(1, int(self.ptr[-1])))  # one spare: lookups outside the band read it, masked
        first, last = plo.tolist(), phi.tolist()
        known = space.known_dots([(x, ys[a:b]) for x, a, b in zip(xs, first, last)])
        if known is not None:
            dots[: int(self.ptr[-1])] = known
        else:
            dots[: int(self.ptr[-1])] = banded_dots(space.va, space.vb, xs, ys, first, last)
        self.dots = dots
        na = np.asarray([space.na[x] for x in xs])
        nb = np.asarray([space.nb[y] for y in ys])
        self.na, self.nb = na, nb
        rows = np.repeat(np.arange(n), width)
        cols = np.arange(int(self.ptr[-1])) - np.repeat(self.ptr[:-1] - plo, width)
        denom = na[rows] * nb[cols]
        cos = np.zeros(len(dots))
        positive = np.flatnonzero(denom > 0)
        cos[positive] = dots[positive] / np.sqrt(denom[positive])
        self.cos = cos

    def index(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where pairs ``(x, y)`` are stored, and whether they are (rows and columns outside are not)."""
        import numpy as np

        inside = (x >= 0) & (y >= 0)
        xc = np.where(inside, x, 0)
        inside &= (y >= self.plo[xc]) & (y < self.phi[xc])
        return np.where(inside, self.ptr[xc] + y - self.plo[xc], 0), inside


def _shape_values(
    space: SentenceSpace,
    xs: Sequence[int],
    ys: Sequence[int],
    bead_x: np.ndarray,
    bead_y: np.ndarray,
    band: _Band,
    pairs: _PairBand,
    floor: float,
    thresholds: tuple[float, float],
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per shape, over every cell: the value of the group ending there (-inf where it may not
    stand), and its cosine. The same sums, in the same order, as :meth:`SentenceSpace.group`."""
    import numpy as np

    total = band.ptr[-1]
    i_all, j_all = band.row, band.col
    x_last, y_last = i_all - 1, j_all - 1
    lo, hi = band.lo, band.hi
    eligible = (i_all >= 1) & (j_all >= 1)
    eligible[eligible] &= (lo[x_last[eligible]] <= y_last[eligible]) & (y_last[eligible] < hi[x_last[eligible]])
    cells = np.flatnonzero(eligible)
    i, j = i_all[cells], j_all[cells]
    n = band.n

    # Each pair a group ending at a cell may hold, by its offset (du, dw) from the cell's last
    # sentences: a sentence ``du`` rows up, ``dw`` columns left. Looked up once for every cell.
    dots, cosines_at, inside, same_at = {}, {}, {}, {}
    for du, dw in ((0, 0), (0, 1), (0, 2), (1, 0), (2, 0), (1, 1)):
        x, y = i - 1 - du, j - 1 - dw
        where, ok = pairs.index(x, y)
        dots[du, dw], cosines_at[du, dw], inside[du, dw] = pairs.dots[where], pairs.cos[where], ok
        same_at[du, dw] = bead_x[np.clip(x, 0, n - 1)] == bead_y[np.maximum(y, 0)]
    row_lo = [lo[np.maximum(i - 1 - du, 0)] for du in range(3)]
    row_hi = [hi[np.maximum(i - 1 - du, 0)] for du in range(3)]

    def related(du: int, dw: int) -> np.ndarray:
        return inside[du, dw] & (cosines_at[du, dw] >= floor)

    # The corner members: the last sentence of a against the last one, two or three of b, and back.
    corner_x = [related(0, 0)]
    corner_y = [corner_x[0]]
    for back in (1, 2):
        corner_x.append(corner_x[-1] | related(0, back))
        corner_y.append(corner_y[-1] | related(back, 0))

    scale, unrelated = space.spread, space.unrelated
    values: list[np.ndarray] = []
    cosines: list[np.ndarray] = []
    adjacent: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None
    for k, kb in SHAPES:
        value = np.full(total, -np.inf)
        cosine = np.zeros(total)
        values.append(value)
        cosines.append(cosine)
        keep = corner_x[kb - 1] & corner_y[k - 1]
        if k > 1 or kb > 1:
            keep &= (i >= k) & (j >= kb)
        chosen = np.flatnonzero(keep)
        if not len(chosen):
            continue
        at, cj = cells[chosen], j[chosen]
        box = [[(k - 1 - u, kb - 1 - w) for w in range(kb)] for u in range(k)]  # offsets, in reading order
        allowed = np.ones(len(chosen), dtype=bool)
        same = np.ones(len(chosen), dtype=bool)
        for u in range(k):
            du = k - 1 - u
            allowed &= (row_lo[du][chosen] <= cj - kb) & (cj - 1 < row_hi[du][chosen])
            for offset in box[u]:
                same &= same_at[offset][chosen]
        t = np.where(same, thresholds[0], thresholds[1])
        if k == 1 and kb == 1:
            cos = cosines_at[0, 0][chosen]
            one = (cos - unrelated) / scale - t
            good = allowed & (one >= 0)
            value[at[good]] = (one + one)[good]
            cosine[at[good]] = cos[good]
            continue
        if adjacent is None:
            adjacent = space.neighbour_dots("a", xs), space.neighbour_dots("b", ys)
        grid = [[dots[offset][chosen] for offset in row] for row in box]
        row_sums = [_in_order(row) for row in grid]
        col_sums = [_in_order([grid[u][w] for u in range(k)]) for w in range(kb)]
        good = allowed
        for total_dot in row_sums + col_sums:
            good &= total_dot > 0
        members_a = [i[chosen] - k + u for u in range(k)]  # positions in xs, in order
        members_b = [cj - kb + w for w in range(kb)]
        norm_a = _group_norm(pairs.na, adjacent[0], members_a)
        norm_b = _group_norm(pairs.nb, adjacent[1], members_b)
        with np.errstate(divide="ignore", invalid="ignore"):
            members = [d / np.sqrt(pairs.na[u] * norm_b) for u, d in zip(members_a, row_sums)]
            members += [d / np.sqrt(pairs.nb[w] * norm_a) for w, d in zip(members_b, col_sums)]
            cos = _in_order(row_sums) / np.sqrt(norm_a * norm_b)
        scaled = [(c - unrelated) / scale - t for c in members]
        for share in scaled:
            good &= share >= 0
        worth = _in_order(scaled) - MERGE_PENALTY * (k + kb - 2)
        value[at[good]] = worth[good]
        cosine[at[good]] = cos[good]
    return values, cosines


def _in_order(terms: Sequence[np.ndarray]) -> np.ndarray:
    """The terms added left to right, as :func:`.sentence_space.added` adds them."""
    out = terms[0]
    for term in terms[1:]:
        out = out + term
    return out


def _group_norm(norms: np.ndarray, adjacent: tuple[np.ndarray, np.ndarray], members: list[np.ndarray]) -> np.ndarray:
    """Squared norm of a group's summed vector, as :meth:`SentenceSpace._norm2` adds it up."""
    out = _in_order([norms[u] for u in members])
    for a in range(len(members)):
        for b in range(a + 1, len(members)):
            out = out + 2 * adjacent[b - a - 1][members[a]]
    return out


def _sweep(band: _Band, values: list[np.ndarray]) -> np.ndarray:
    """The best chain's last step into every cell, row by row (see the module docstring for ties)."""
    import numpy as np

    total = band.ptr[-1]
    best = np.full(total, -np.inf)
    steps = np.zeros(total, dtype=np.int8)
    rlo, rhi, ptr = band.rlo, band.rhi, band.ptr
    # Which rows hold any group at all: most rows of most shapes hold none and are skipped.
    starts = np.asarray(ptr[:-1])
    live = [np.maximum.reduceat(value, starts) > -np.inf for value in values]
    live_rows = [flags.tolist() for flags in live]
    for i in range(band.n + 1):
        first, last, base = rlo[i], rhi[i], ptr[i]
        width = last - first + 1
        up = np.full(width, -np.inf)
        if i:
            reach = min(last, rhi[i - 1]) - first + 1  # columns the row before holds
            source = ptr[i - 1] + first - rlo[i - 1]
            up[:reach] = best[source : source + reach]
        else:
            up[0] = 0.0  # nothing consumed: the chain starts here
        group = np.full(width, -np.inf)
        shape = np.zeros(width, dtype=np.int8)
        for s, (k, kb) in enumerate(SHAPES):
            if i < k or not live_rows[s][i]:
                continue
            j0 = max(first, rlo[i - k] + kb)
            j1 = min(last, rhi[i - k] + kb)
            if j0 > j1:
                continue
            source = ptr[i - k] + j0 - kb - rlo[i - k]
            here = base + j0 - first
            candidate = best[source : source + j1 - j0 + 1] + values[s][here : here + j1 - j0 + 1]
            held = group[j0 - first : j1 - first + 1]
            better = candidate > held
            held[better] = candidate[better]
            shape[j0 - first : j1 - first + 1][better] = s + 2
        row = np.maximum.accumulate(np.maximum(up, group))
        best[base : base + width] = row
        left = np.empty(width)
        left[0] = -np.inf
        left[1:] = row[:-1]
        step = np.where(left > up, _LEFT, _UP).astype(np.int8)
        taken = group > np.maximum(up, left)
        step[taken] = shape[taken]
        steps[base : base + width] = step
    return steps
