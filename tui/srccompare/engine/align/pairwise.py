"""Two sources aligned: a monotone search over beads, then a pass for moved paragraphs.

The search (in the spirit of Gale–Church and vecalign) walks both paragraph
sequences in order and chooses, at each step, a *bead* (:mod:`.beads`): skip one
paragraph of either side (it is only in that source), pair one with one, or pair
groups (merges and splits). Large inputs screen the band first (:mod:`.screened`).

Then: what is unpaired on both sides is offered to a pass that pairs paragraphs
out of order, reported as moved (:func:`moved_beads`); and a paragraph still left
out next to a bead whose other side clearly contains it joins that bead
(:func:`attach_leftovers`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from srccompare.engine.align.beads import (
    ATTACH_SHARE,
    BLOCK_SHARE,
    FULL_MOVE_PAIRS,
    MOVE_MARGIN,
    RELATED_SHARE,
    SENTENCE_COVER,
    WEAK_EVIDENCE_RAISE,
    Bead,
    BeadScorer,
    PairSettings,
    bead_shapes,
    pair_threshold,
    prepare,
)
from srccompare.engine.align.candidates import candidate_pairs
from srccompare.engine.align.similarity import PairSimilarity

__all__ = [
    "WEAK_EVIDENCE_RAISE",
    "Bead",
    "PairSettings",
    "align_pair",
    "attach_leftovers",
    "moved_beads",
    "ordered_beads",
    "pair_threshold",
]

BULK_MIN_CELLS = 20_000  # from this many grid cells on, cells are screened with bulk cosines (numpy)


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
    shapes = bead_shapes(settings.max_group)
    cells = sum(hi - lo + 1 for lo, hi in ranges)
    if cells >= BULK_MIN_CELLS and scorer.threshold >= 0 and RELATED_SHARE <= 1:
        from srccompare.engine.align.screened import PARALLEL_CELLS, screened_beads

        return screened_beads(
            sim, a_ids, b_ids, ranges, scorer, shapes, settings, tick, parallel=cells >= PARALLEL_CELLS
        )
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
    ordered: list[Bead] | None = None,
) -> list[Bead]:
    """All beads between ``a`` and ``b``: the ordered chain (``ordered``, when it was found
    already, with ``sim`` calibrated the same way) plus moved pairs."""
    beads = ordered if ordered is not None else ordered_beads(sim, a_ids, b_ids, settings, tick)
    settings = replace(settings, threshold=pair_threshold(sim, settings.threshold))
    if settings.detect_moves:  # before leftovers attach: a mutual best partner out of order beats a neighbour
        used_a = {i for bead in beads for i in bead.a}
        used_b = {j for bead in beads for j in bead.b}
        beads += moved_beads(
            sim, [i for i in a_ids if i not in used_a], [j for j in b_ids if j not in used_b], settings
        )
    attach_leftovers(sim, beads, a_ids, b_ids, settings)
    return beads
