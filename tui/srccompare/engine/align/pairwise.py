"""Two sources aligned: a monotone search over beads, then a pass for moved paragraphs.

The search (in the spirit of Gale–Church and vecalign) walks both paragraph
sequences in order and chooses, at each step, a *bead*: skip one paragraph of
either side (it is only in that source), pair one with one, or pair a group of up
to ``max_group`` adjacent paragraphs on one side with a group on the other
(merges and splits). Similarities are judged on the pair's calibrated scale
(:meth:`PairSimilarity.calibrate`); a bead earns, per paragraph in it, how far
that paragraph's similarity to the whole other side clears the threshold, minus
a small price per extra paragraph, so a merge is taken only when every member
belongs and it explains the text better than pairing one with one.

A paragraph whose own mutual best partner lies elsewhere, and fits far better
there, is no member of a bead (:meth:`BeadScorer.claimed_elsewhere`): it only sits
beside the text, and its partner is usually moved.

Then: what is unpaired on both sides is offered to a pass that pairs paragraphs
out of order, reported as moved (:func:`moved_beads`); and a paragraph still left
out next to a bead whose other side clearly contains it joins that bead
(:func:`attach_leftovers`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from srccompare.engine.align.candidates import anchor_chain, band, candidate_pairs
from srccompare.engine.align.similarity import PairSimilarity

# Tuned on paraphrase cases (align-dev) and checked on news versions; the F1 is flat around them.
MERGE_PENALTY = 0.06  # price per paragraph beyond one-to-one
MEMBER_SLACK = 0.0  # each group member must clear threshold * (1 - slack) against the other side
RELATED_SHARE = 0.5  # a member must relate (threshold * share) to at least one paragraph opposite
ATTACH_SHARE = 1.5  # a leftover joins a neighbour's bead above threshold * share
SENTENCE_COVER = 0.9  # ... or when one of its sentences fits that side about as well as typical partners do
MOVE_MARGIN = 0.08  # moves need threshold + margin (and mutual best partners)
ELSEWHERE_MARGIN = 0.5  # a member whose mutual best partner elsewhere beats its fit here by this much is no member
BLOCK_SHARE = 0.5  # next-door neighbours of a moved pair follow it above threshold * share
FULL_GRID_CELLS = 40_000  # up to about 200 x 200 paragraphs the whole grid is searched
FULL_MOVE_PAIRS = 10_000  # beyond this many leftover pairs, moves come from the index
BAND_WIDTH = 24  # paragraphs either side of the anchor line
BULK_MIN_CELLS = 20_000  # from this many grid cells on, cells are screened with bulk cosines (numpy)
SCREEN_ROWS = 128  # grid rows per bulk block
# Thresholds by evidence: two versions of one text give most paragraphs a confident,
# mutual partner; two stories on one event (another outlet, a translated rewrite) give
# few, and their weaker resemblances are mostly shared topic, not shared facts.
SHARED_FULL = 0.65  # with this share of confident mutual partners or more, the threshold stands
SHARED_RAMP = 0.3  # below it, the threshold rises over this much less sharing ...
WEAK_EVIDENCE_RAISE = 0.3  # ... by up to this much


@dataclass(slots=True)
class Bead:
    """Paragraph indices of ``a`` and ``b`` that say the same thing (one row of a pairwise alignment)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    moved: bool = False


def pair_threshold(sim: PairSimilarity, threshold: float) -> float:
    """The match threshold for this pair of texts: higher when they share few confident partners."""
    lack = min(1.0, max(0.0, (SHARED_FULL - sim.shared) / SHARED_RAMP))
    return threshold + WEAK_EVIDENCE_RAISE * lack


@dataclass(slots=True)
class PairSettings:
    threshold: float
    max_group: int
    candidates: int
    detect_moves: bool


def _bead_shapes(max_group: int) -> list[tuple[int, int]]:
    shapes = [(1, 1)]
    for k in range(1, max_group + 1):
        for kb in range(1, max_group + 1):
            if (k, kb) != (1, 1) and (k == 1 or kb == 1 or k + kb <= 4):
                shapes.append((k, kb))
    return shapes


class BeadScorer:
    """Value of pairing two groups; ``None`` when the groups do not belong together.

    Similarities are on the pair's calibrated scale (see
    :meth:`PairSimilarity.calibrate`). A bead earns, for each paragraph in it, how
    far that paragraph's similarity to the whole other side exceeds the threshold,
    so a merge only wins when every member really is part of the other side.
    """

    def __init__(self, sim: PairSimilarity, a_ids: Sequence[int], b_ids: Sequence[int], threshold: float) -> None:
        self.sim, self.a_ids, self.b_ids = sim, a_ids, b_ids
        self.threshold = threshold
        self.related_floor = sim.unrelated + sim.spread * threshold * RELATED_SHARE

    def corner_related(self, i: int, j: int, reach: int) -> bool:
        """Can any bead end at grid point ``(i, j)``? Its last paragraphs must each relate to the other side."""
        sim, low = self.sim, self.related_floor
        ai, bj = self.a_ids[i - 1], self.b_ids[j - 1]
        if not any(sim.cosine(ai, self.b_ids[y]) >= low for y in range(max(0, j - reach), j)):
            return False
        return any(sim.cosine(self.a_ids[x], bj) >= low for x in range(max(0, i - reach), i))

    def claimed_elsewhere(self, ga: Sequence[int], gb: Sequence[int], members: Sequence[float]) -> bool:
        """Whether a member of the bead has a far better partner outside it (both prefer each other).

        Such a member is not part of the other side's text: it only sits next to
        paragraphs that are, and its own partner is elsewhere (often moved).
        """
        sim, t = self.sim, self.threshold
        floor = t + MOVE_MARGIN
        for k, a in enumerate(ga):
            y = sim.best_b.get(a)
            if y is not None and y not in gb and sim.best_a.get(y) == a:
                s = sim.scaled(sim.cosine(a, y))
                if s >= floor and s - t >= members[k] + ELSEWHERE_MARGIN:
                    return True
        for k, b in enumerate(gb, start=len(ga)):
            x = sim.best_a.get(b)
            if x is not None and x not in ga and sim.best_b.get(x) == b:
                s = sim.scaled(sim.cosine(x, b))
                if s >= floor and s - t >= members[k] + ELSEWHERE_MARGIN:
                    return True
        return False

    def value(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float] | None:
        """Score of the bead ``a_ids[i0:i1]`` x ``b_ids[j0:j1]`` and its (raw) cosine."""
        sim, t = self.sim, self.threshold
        ga, gb = self.a_ids[i0:i1], self.b_ids[j0:j1]
        if len(ga) == 1 and len(gb) == 1:
            cos = sim.cosine(ga[0], gb[0])
            scaled = sim.scaled(cos)
            if scaled < t:
                return None
            if self.claimed_elsewhere(ga, gb, (scaled - t, scaled - t)):
                return None  # a weak pair in order loses to a strong one out of order (moved)
            return 2.0 * (scaled - t), cos
        if ga[-1] - ga[0] != len(ga) - 1 or gb[-1] - gb[0] != len(gb) - 1:
            return None  # a group never straddles furniture or another row
        # Cheap test first: every member must be related to someone on the other side.
        low = self.related_floor
        for x in ga:
            if all(sim.cosine(x, y) < low for y in gb):
                return None
        for y in gb:
            if all(sim.cosine(x, y) < low for x in ga):
                return None
        cos = sim.group_cosine(ga, gb)
        if sim.scaled(cos) < t:
            return None
        members = [sim.scaled(c) - t for c in sim.member_cosines(ga, gb)]
        if min(members) < -t * MEMBER_SLACK:
            return None
        if self.claimed_elsewhere(ga, gb, members):
            return None
        size = len(ga) + len(gb)
        return sum(members) - MERGE_PENALTY * (size - 2), cos


def prepare(sim: PairSimilarity, a_ids: Sequence[int], b_ids: Sequence[int]) -> list[tuple[int, int]] | None:
    """Calibrate ``sim`` on this pair, note each paragraph's best partner, and return the search band.

    Small inputs compare every pair (and search the whole grid: None); large ones
    only the candidates from the inverted index, which also yield the anchors the
    band is drawn around.
    """
    n, m = len(a_ids), len(b_ids)
    full = (n + 1) * (m + 1) <= FULL_GRID_CELLS
    if full:
        pairs = ((i, j) for i in a_ids for j in b_ids)
    else:
        cands = candidate_pairs([sim.a[i] for i in a_ids], [sim.b[j] for j in b_ids], 4)
        pairs = ((a_ids[x], b_ids[y]) for x, lst in cands.items() for y, _ in lst)
    best_for_a: dict[int, tuple[float, int]] = {}
    best_for_b: dict[int, tuple[float, int]] = {}
    for i, j in pairs:
        cos = sim.cosine(i, j)
        if cos > best_for_a.get(i, (-1.0, -1))[0]:
            best_for_a[i] = (cos, j)
        if cos > best_for_b.get(j, (-1.0, -1))[0]:
            best_for_b[j] = (cos, i)
    sim.best_b = {i: j for i, (_, j) in best_for_a.items()}
    sim.best_a = {j: i for j, (_, i) in best_for_b.items()}
    sim.calibrate(a_ids, b_ids, [c for c, _ in best_for_a.values()] + [0.0] * (n - len(best_for_a)))
    floor = sim.unrelated + sim.spread * 0.5
    confident = [(i, j) for i, (c, j) in best_for_a.items() if c >= floor and sim.best_a.get(j) == i]
    sim.shared = len(confident) / max(1, min(n, m))
    if full:
        return None
    pos_a = {i: k for k, i in enumerate(a_ids)}
    pos_b = {j: k for k, j in enumerate(b_ids)}
    mutual = [(pos_a[i], pos_b[j]) for i, j in confident]
    return band(n, m, anchor_chain(mutual), BAND_WIDTH)


def ordered_beads(
    sim: PairSimilarity,
    a_ids: Sequence[int],
    b_ids: Sequence[int],
    settings: PairSettings,
    tick: Callable[[int, int], None] | None = None,
) -> list[Bead]:
    """The best monotone chain of beads (dynamic programming over the grid or the band)."""
    n, m = len(a_ids), len(b_ids)
    if not n or not m:
        return []
    ranges = prepare(sim, a_ids, b_ids) or [(0, m)] * (n + 1)
    scorer = BeadScorer(sim, a_ids, b_ids, pair_threshold(sim, settings.threshold))
    shapes = _bead_shapes(settings.max_group)
    cells = sum(hi - lo + 1 for lo, hi in ranges)
    if cells >= BULK_MIN_CELLS and scorer.threshold >= 0 and RELATED_SHARE <= 1:
        return _screened_beads(sim, a_ids, b_ids, ranges, scorer, shapes, settings, tick)
    neg = -math.inf
    best: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int, float]]] = [dict() for _ in range(n + 1)]
    for i in range(n + 1):
        lo, hi = ranges[i]
        row, brow = best[i], back[i]
        prev = best[i - 1] if i else None
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            value, step = neg, (0, 0, 0.0)
            if prev is not None and j in prev and prev[j] > value:
                value, step = prev[j], (1, 0, 0.0)
            if j - 1 in row and row[j - 1] > value:
                value, step = row[j - 1], (0, 1, 0.0)
            if i == 0 or j == 0 or not scorer.corner_related(i, j, settings.max_group):
                row[j] = value
                brow[j] = step
                continue
            for k, kb in shapes:
                if k > i or kb > j:
                    continue
                base = best[i - k].get(j - kb)
                if base is None:
                    continue
                scored = scorer.value(i - k, i, j - kb, j)
                if scored is None:
                    continue
                if base + scored[0] > value:
                    value, step = base + scored[0], (k, kb, scored[1])
            row[j] = value
            brow[j] = step
        if tick is not None and i % 200 == 0:
            tick(i, n)
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        k, kb, cos = back[i][j]
        if k and kb:
            beads.append(Bead(tuple(a_ids[i - k : i]), tuple(b_ids[j - kb : j]), cos))
        i, j = i - k, j - kb
    beads.reverse()
    return beads


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


def _screened_beads(
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


def moved_beads(
    sim: PairSimilarity,
    a_left: Sequence[int],
    b_left: Sequence[int],
    settings: PairSettings,
) -> list[Bead]:
    """Pair paragraphs the ordered search left alone, regardless of order (moved text)."""
    if not a_left or not b_left:
        return []
    floor = sim.unrelated + sim.spread * (settings.threshold + MOVE_MARGIN)
    if len(a_left) * len(b_left) <= FULL_MOVE_PAIRS:
        pairs = [(sim.cosine(i, j), i, j) for i in a_left for j in b_left]
    else:
        cands = candidate_pairs([sim.a[i] for i in a_left], [sim.b[j] for j in b_left], settings.candidates)
        pairs = [(sim.cosine(a_left[x], b_left[y]), a_left[x], b_left[y]) for x, lst in cands.items() for y, _ in lst]
    pairs.sort(reverse=True)
    free_a, free_b = set(a_left), set(b_left)
    beads: list[Bead] = []
    for cos, i, j in pairs:
        if cos < floor:
            break
        if sim.best_b.get(i) != j or sim.best_a.get(j) != i:
            continue  # out of order is a strong claim: both must prefer each other to everything else
        if i in free_a and j in free_b:
            free_a.discard(i)
            free_b.discard(j)
            beads.append(Bead((i,), (j,), cos, moved=True))
    for bead in beads:
        _grow(sim, bead, free_a, free_b, settings)
    beads += _extend_blocks(sim, beads, free_a, free_b, settings)
    return beads


def _extend_blocks(
    sim: PairSimilarity,
    moved: list[Bead],
    free_a: set[int],
    free_b: set[int],
    settings: PairSettings,
) -> list[Bead]:
    """A moved block usually moves whole: pair the free next-door neighbours of moved beads on weaker evidence."""
    floor = sim.unrelated + sim.spread * settings.threshold * BLOCK_SHARE
    added: list[Bead] = []
    queue = list(moved)
    while queue:
        bead = queue.pop()
        for i, j in ((bead.a[-1] + 1, bead.b[-1] + 1), (bead.a[0] - 1, bead.b[0] - 1)):
            if i in free_a and j in free_b and sim.cosine(i, j) >= floor:
                free_a.discard(i)
                free_b.discard(j)
                new = Bead((i,), (j,), sim.cosine(i, j), moved=True)
                added.append(new)
                queue.append(new)
    return added


def _grow(sim: PairSimilarity, bead: Bead, free_a: set[int], free_b: set[int], settings: PairSettings) -> None:
    """Absorb free neighbours into a moved bead while that raises its cosine (moved merges)."""
    floor = sim.unrelated + sim.spread * settings.threshold  # as for members of ordered groups
    improved = True
    while improved:
        improved = False
        for side in ("a", "b"):
            group = getattr(bead, side)
            free = free_a if side == "a" else free_b
            if len(group) >= settings.max_group:
                continue
            for cand in (group[0] - 1, group[-1] + 1):
                if cand not in free:
                    continue
                trial = tuple(sorted(group + (cand,)))
                ga, gb = (trial, bead.b) if side == "a" else (bead.a, trial)
                cos = sim.group_cosine(ga, gb)
                if cos > bead.score and min(sim.member_cosines(ga, gb)) >= floor:
                    setattr(bead, side, trial)
                    bead.score = cos
                    free.discard(cand)
                    improved = True
                    break


def attach_leftovers(
    sim: PairSimilarity,
    beads: list[Bead],
    a_ids: Sequence[int],
    b_ids: Sequence[int],
    settings: PairSettings,
) -> None:
    """Give an unpaired paragraph to the neighbouring bead whose other side covers it.

    The ordered search may leave a paragraph out because pairing it would cost
    its neighbour a better one-to-one fit; when that neighbour's partner still
    clearly contains it (a paragraph regrouped with the one beside it), it joins
    that bead as a merge. "Contains" is judged on the whole paragraph, or, when
    sentence data is at hand (:meth:`PairSimilarity.sentence_cover`), on its best
    sentence: a paragraph that carries over the last sentence of its neighbour's
    partner among text that is not there.
    """
    floor = sim.unrelated + sim.spread * settings.threshold * ATTACH_SHARE
    for side, ids in (("a", a_ids), ("b", b_ids)):
        owner: dict[int, Bead] = {}
        for bead in beads:
            for x in getattr(bead, side):
                owner[x] = bead
        pos = {x: k for k, x in enumerate(ids)}
        for x in ids:
            if x in owner:
                continue
            options = []
            for neighbour in (x - 1, x + 1):  # groups are contiguous: a neighbour in one is its end
                near = owner.get(neighbour)
                if near is None or len(getattr(near, side)) >= settings.max_group:
                    continue
                ga, gb = ((x,), near.b) if side == "a" else (near.a, (x,))
                options.append((sim.group_cosine(ga, gb), near))
            if not options:
                continue
            cos, bead = max(options, key=lambda o: o[0])
            if cos < floor:
                if sim.scaled(cos) < settings.threshold * RELATED_SHARE:
                    continue  # unrelated as a whole: not worth splitting into sentences
                covered = [
                    (sim.sentence_cover(side, x, getattr(b, "b" if side == "a" else "a")), b) for _, b in options
                ]
                cover, bead = max(covered, key=lambda o: o[0])
                if sim.scaled(cover) < SENTENCE_COVER:
                    continue
            group = tuple(sorted(getattr(bead, side) + (x,), key=pos.__getitem__))
            setattr(bead, side, group)
            owner[x] = bead


def align_pair(
    sim: PairSimilarity,
    a_ids: Sequence[int],
    b_ids: Sequence[int],
    settings: PairSettings,
    tick: Callable[[int, int], None] | None = None,
) -> list[Bead]:
    """All beads between ``a`` and ``b``: the ordered chain plus moved pairs."""
    beads = ordered_beads(sim, a_ids, b_ids, settings, tick)
    settings = replace(settings, threshold=pair_threshold(sim, settings.threshold))
    if settings.detect_moves:  # before leftovers attach: a mutual best partner out of order beats a neighbour
        used_a = {i for bead in beads for i in bead.a}
        used_b = {j for bead in beads for j in bead.b}
        beads += moved_beads(
            sim, [i for i in a_ids if i not in used_a], [j for j in b_ids if j not in used_b], settings
        )
    attach_leftovers(sim, beads, a_ids, b_ids, settings)
    return beads
