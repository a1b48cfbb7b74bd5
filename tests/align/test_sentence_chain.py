"""The two sentence searches, on whole arrays (:mod:`srccompare.engine.align.sentence_arrays`) and
cell by cell over dicts (:mod:`srccompare.engine.align.sentence_chain`), find the same chain with
the same values on random pairs, ties included."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.engine.align.sentence_arrays import array_chain as _array_chain
from srccompare.engine.align.sentence_chain import SMALL_GRID, _cell_chain, monotone_chain
from srccompare.engine.align.sentence_space import SentenceSpace

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
    mode = rng.random()
    if mode < 0.4:  # b rewords a: near copies make long chains and merges
        vb = [dict(va[min(n - 1, j * n // m)], **_vector(rng, plain)) for j in range(m)]
    elif mode < 0.6:  # b repeats a's sentences as they are: groups of equal value tie
        vb = [dict(va[min(n - 1, j * n // m)]) for j in range(m)]
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


def _both(case, cached: bool = True):
    """Both searches; ``cached=False`` makes the array search find its dot products itself (a long
    pair's calibration keeps few of them) rather than read the ones the cell search kept."""
    cells = _cell_chain(*case)
    if not cached:
        case[0]._ab.clear()
    return cells, _array_chain(*case)


@pytest.mark.parametrize("seed", range(600))
def test_the_array_search_finds_the_reference_chain(seed):
    expected, got = _both(_case(seed, with_corridor=seed % 5 == 0), cached=seed % 2 == 0)
    assert got == expected  # the same groups and the same cosines, to the last bit


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=2**32), st.booleans())
def test_the_array_search_finds_the_reference_chain_on_any_seed(seed, with_corridor):
    expected, got = _both(_case(seed, with_corridor), cached=seed % 2 == 0)
    assert got == expected


def test_chains_are_found_at_all():
    """The cases above are not all empty: most of them link something, and some link groups."""
    chains = [_both(_case(seed))[1] for seed in range(300)]
    assert sum(bool(chain) for chain in chains) > 200
    assert any(len(ga) + len(gb) > 2 for chain in chains for ga, gb, _ in chain)


def test_a_small_grid_is_searched_cell_by_cell_and_a_large_one_on_arrays(monkeypatch):
    import srccompare.engine.align.sentence_arrays as arrays
    import srccompare.engine.align.sentence_chain as chain

    used = []
    monkeypatch.setattr(chain, "_cell_chain", lambda *case: used.append("cells") or [])
    monkeypatch.setattr(arrays, "array_chain", lambda *case: used.append("arrays") or [])
    for n in (1, 64, 65):
        case = list(_case(0))
        case[1], case[2] = list(range(n)), list(range(64))
        monotone_chain(*case)
    assert SMALL_GRID == 64 * 64 and used == ["cells", "cells", "arrays"]
