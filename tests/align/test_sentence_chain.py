"""The array search of :mod:`srccompare.engine.align.sentence_chain` finds the same chain, with the
same values, as a plain cell-by-cell search over dicts (kept here as the reference), on random pairs."""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.engine.align.sentence_chain import (
    MERGE_PENALTY as SENTENCE_MERGE_PENALTY,
)
from srccompare.engine.align.sentence_chain import (
    RELATED_SHARE,
    ZONE_REACH,
    monotone_chain,
)
from srccompare.engine.align.sentence_chain import (
    SHAPES as SENTENCE_SHAPES,
)
from srccompare.engine.align.sentence_space import SentenceSpace

SameBead = Callable[[int, int], bool]
Corridor = list[tuple[int, int]]


class SentenceLink(tuple):
    def __new__(cls, a, b, score, moved):
        return super().__new__(cls, (a, b, score))


def reference_links(
    space: SentenceSpace,
    xs: Sequence[int],
    ys: Sequence[int],
    zx: Sequence[int],
    zy: Sequence[int],
    same_bead: SameBead,
    moved: bool,
    thresholds: tuple[float, float],
    corridor: Corridor | None = None,
) -> list[SentenceLink]:
    """The best monotone chain of sentence groups between ``xs`` and ``ys`` (banded by zones, and
    inside a long bead by ``corridor``: the columns each row of ``xs`` may reach)."""
    n, m = len(xs), len(ys)
    if not n or not m:
        return []
    lo = [bisect.bisect_left(zy, z - ZONE_REACH) for z in zx]
    hi = [bisect.bisect_right(zy, z + ZONE_REACH) for z in zx]
    if corridor is not None:
        for i, (first, last) in enumerate(corridor):
            lo[i] = min(max(lo[i], first), m)
            hi[i] = max(min(hi[i], last), lo[i])
    # Grid row i (i sentences of a consumed) holds columns rlo[i]..rhi[i]; consecutive rows overlap.
    rlo, rhi = [0] * (n + 1), [m] * (n + 1)
    for i in range(n + 1):
        before, after = max(0, i - 1), min(n - 1, i)
        rlo[i] = 0 if i == 0 else min(lo[before], lo[after])
        rhi[i] = m if i == n else max(hi[before], hi[after])
        if i:
            rlo[i] = max(rlo[i - 1], min(rlo[i], rhi[i - 1]))
            rhi[i] = max(rhi[i], rhi[i - 1], rlo[i])

    def allowed(x: int, y: int) -> bool:
        return lo[x] <= y < hi[x]

    # Every member of a linked group relates to some sentence opposite at least this much (a cheap test first).
    floor = space.unrelated + space.spread * min(thresholds) * RELATED_SHARE

    seen: dict[tuple[int, int], bool] = {}  # each pair is tested for several cells around it

    def related(x: int, y: int) -> bool:
        key = (x, y)
        found = seen.get(key)
        if found is None:
            found = seen[key] = space.cosine(xs[x], ys[y]) >= floor
        return found

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
            if i and j and allowed(i - 1, j - 1):
                corner_x = [y for y in range(max(0, j - 3), j) if related(i - 1, y)]
                corner_y = [x for x in range(max(0, i - 3), i) if related(x, j - 1)]
                for k, kb in SENTENCE_SHAPES if corner_x and corner_y else ():
                    if k > i or kb > j or corner_x[-1] < j - kb or corner_y[-1] < i - k:
                        continue
                    start = best[i - k].get(j - kb)
                    if start is None:
                        continue
                    scored = _group_value(space, xs, ys, (i - k, i, j - kb, j), allowed, same_bead, thresholds)
                    if scored is not None and start + scored[0] > value:
                        value, step = start + scored[0], (k, kb, scored[1])
            row[j] = value
            brow[j] = step
    links: list[SentenceLink] = []
    i, j = n, m
    while i > 0 or j > 0:
        k, kb, cos = back[i][j]
        if k and kb:
            links.append(SentenceLink(tuple(xs[i - k : i]), tuple(ys[j - kb : j]), cos, moved))
        i, j = i - k, j - kb
    links.reverse()
    return links


def _group_value(
    space: SentenceSpace,
    xs: Sequence[int],
    ys: Sequence[int],
    box: tuple[int, int, int, int],
    allowed: Callable[[int, int], bool],
    same_bead: SameBead,
    thresholds: tuple[float, float],
) -> tuple[float, float] | None:
    """Value of linking ``xs[i0:i1]`` with ``ys[j0:j1]`` and their cosine; None when they do not belong together."""
    i0, i1, j0, j1 = box
    if i1 - i0 == 1 and j1 - j0 == 1:  # one sentence each, the common case: the same sums, without the lists
        if not allowed(i0, j0):
            return None
        cos = space.cosine(xs[i0], ys[j0])
        one = space.scaled(cos) - (thresholds[0] if same_bead(i0, j0) else thresholds[1])
        return None if one < 0 else (one + one, cos)
    ga, gb = tuple(xs[i0:i1]), tuple(ys[j0:j1])
    same = True
    for u in range(i0, i1):
        for w in range(j0, j1):
            if not allowed(u, w):
                return None
            same = same and same_bead(u, w)
    t = thresholds[0] if same else thresholds[1]
    cos, members = space.group(ga, gb)
    scaled = [space.scaled(c) - t for c in members]
    if min(scaled) < 0:
        return None
    return sum(scaled) - SENTENCE_MERGE_PENALTY * (len(ga) + len(gb) - 2), cos


_WORDS = ["strike", "port", "3000", "talks", "union", "wage", "dock", "pay", "vote", "ship", "cargo", "the"]


def _vector(rng: random.Random, plain: bool) -> dict[str, float]:
    """A sentence's vector; ``plain`` ones weigh every word 1, so that chains tie and the order of preference shows."""
    words = rng.sample(_WORDS[:6] if plain else _WORDS, rng.randint(0, 3 if plain else 4))
    return {w: 1.0 if plain else rng.choice([0.5, 1.0, 1.7, 2.3, rng.uniform(0.1, 3.0)]) for w in words}


def _zones(rng: random.Random, count: int) -> list[int]:
    zone, out = rng.randint(0, 2), []
    for _ in range(count):
        zone += rng.choice([0, 0, 0, 1, 1, 2])
        out.append(zone)
    return out


def _case(seed: int, with_corridor: bool = False):
    rng = random.Random(seed)
    n, m = rng.randint(1, 14), rng.randint(1, 14)
    plain = rng.random() < 0.4
    va = [_vector(rng, plain) for _ in range(n)]
    vb = [_vector(rng, plain) for _ in range(m)]
    if rng.random() < 0.5:  # b rewords a: near copies make long chains and merges
        vb = [dict(va[min(n - 1, j * n // m)], **_vector(rng, plain)) for j in range(m)]
    space = SentenceSpace(va, vb)
    space.calibrate(list(range(n)), list(range(m)), [(x, y) for x in range(n) for y in range(m)])
    if rng.random() < 0.3:
        space.unrelated, space.spread = rng.choice([(0.0, 1.0), (0.1, 0.5), (0.3, 0.2)])
    zx, zy = _zones(rng, n), _zones(rng, m)
    bead_x = [z // 2 if z % 2 else -1 for z in zx]
    bead_y = [z // 2 if z % 2 else -2 for z in zy]
    threshold = rng.choice([0.0, 0.1, 0.2, 0.35])
    thresholds = (threshold + 0.05, threshold + 0.2)
    lane = None
    if with_corridor:
        lane = []
        for i in range(n):
            centre = i * m // n
            lane.append((max(0, centre - 2), min(m, centre + 3)))
    return space, list(range(n)), list(range(m)), zx, zy, bead_x, bead_y, thresholds, lane


def _both(case):
    space, xs, ys, zx, zy, bead_x, bead_y, thresholds, lane = case

    def same_bead(i: int, j: int) -> bool:
        return bead_x[i] == bead_y[j]

    expected = reference_links(space, xs, ys, zx, zy, same_bead, False, thresholds, lane)
    got = monotone_chain(space, xs, ys, zx, zy, bead_x, bead_y, thresholds, lane)
    return [tuple(link) for link in expected], got


@pytest.mark.parametrize("seed", range(600))
def test_the_array_search_finds_the_reference_chain(seed):
    expected, got = _both(_case(seed, with_corridor=seed % 5 == 0))
    assert got == expected  # the same groups and the same cosines, to the last bit


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=2**32), st.booleans())
def test_the_array_search_finds_the_reference_chain_on_any_seed(seed, with_corridor):
    expected, got = _both(_case(seed, with_corridor))
    assert got == expected


def test_chains_are_found_at_all():
    """The cases above are not all empty: most of them link something, and some link groups."""
    chains = [_both(_case(seed))[1] for seed in range(300)]
    assert sum(bool(chain) for chain in chains) > 200
    assert any(len(ga) + len(gb) > 2 for chain in chains for ga, gb, _ in chain)
