"""Bulk cosines (numpy) agree with the exact ones, and the screened search finds the plain search's chain."""

import itertools
import math
import random

import pytest

from srccompare.engine.align import beads as bead_module
from srccompare.engine.align import pairwise
from srccompare.engine.align.bulk import (
    APPROX_TOL,
    VectorRows,
    cosine_matrix,
    exact_cosine,
    exact_cosines,
    neighbour_dots,
    related_pairs,
)
from srccompare.engine.align.features import build_space, dot
from srccompare.engine.align.pairwise import PairSettings, align_pair
from srccompare.engine.align.similarity import PairSimilarity
from tests.align.prose import REWORDED, STORY, random_paragraphs

pytest.importorskip("numpy")

SETTINGS = PairSettings(threshold=0.2, max_group=3, candidates=12, detect_moves=True)


def edited(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """A second version: words dropped, paragraphs merged, split, left out and inserted, a block moved."""
    out: list[str] = []
    k = 0
    while k < len(paragraphs):
        words = [w for w in paragraphs[k].split() if rng.random() > 0.15]
        r = rng.random()
        if r < 0.1 and k + 1 < len(paragraphs):
            out.append(" ".join(words) + " " + paragraphs[k + 1])
            k += 2
            continue
        if r < 0.2:
            half = len(words) // 2
            out += [" ".join(words[:half]), " ".join(words[half:])]
        elif r < 0.25:
            pass
        elif r < 0.3:
            out += random_paragraphs(rng, 1) + [" ".join(words)]
        else:
            out.append(" ".join(words))
        k += 1
    cut = len(out) // 3
    return out[:cut] + out[cut + 5 :] + out[cut : cut + 5]


def beads(a, b, bulk_from: int, monkeypatch) -> list:
    monkeypatch.setattr(pairwise, "BULK_MIN_CELLS", bulk_from)
    space = build_space([a, b])
    sim = PairSimilarity(space.vectors[0], space.vectors[1], space.norms2[0], space.norms2[1])
    result = align_pair(sim, list(range(len(a))), list(range(len(b))), SETTINGS)
    return [(x.a, x.b, x.score, x.moved) for x in result]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_screened_search_finds_the_plain_chain(seed, monkeypatch):
    rng = random.Random(seed)
    a = random_paragraphs(rng, 120)
    b = edited(rng, a)
    plain = beads(a, b, 10**12, monkeypatch)
    screened = beads(a, b, 0, monkeypatch)
    assert screened == plain


def test_screened_search_in_a_band(monkeypatch):
    rng = random.Random(7)
    a = random_paragraphs(rng, 260)  # beyond the full grid: candidates, anchors and a band
    b = edited(rng, a)
    assert (len(a) + 1) * (len(b) + 1) > bead_module.FULL_GRID_CELLS
    assert beads(a, b, 0, monkeypatch) == beads(a, b, 10**12, monkeypatch)


def test_cosine_matrix_is_within_tolerance_of_the_exact_cosines():
    space = build_space([STORY, REWORDED])
    us, vs = space.vectors
    approx = cosine_matrix(us, vs)
    for x, u in enumerate(us):
        for y, v in enumerate(vs):
            assert abs(approx[x, y] - exact_cosine(u, v)) < APPROX_TOL


def test_exact_cosines_match_pair_similarity():
    space = build_space([STORY, REWORDED])
    sim = PairSimilarity(space.vectors[0], space.vectors[1], space.norms2[0], space.norms2[1])
    pairs = [(x, y) for x in range(len(STORY)) for y in range(len(REWORDED))]
    assert exact_cosines(space.vectors[0], space.vectors[1], pairs) == [sim.cosine(x, y) for x, y in pairs]


def test_related_pairs_are_exactly_those_at_or_above_the_floor():
    space = build_space([STORY, REWORDED])
    us, vs = space.vectors
    floor = 0.3
    expected = [(x, y, exact_cosine(u, v)) for x, u in enumerate(us) for y, v in enumerate(vs)]
    assert related_pairs(us, vs, floor) == [p for p in expected if p[2] >= floor]
    assert related_pairs([], vs, floor) == []


def test_neighbour_dots():
    space = build_space([STORY])
    vecs = space.vectors[0]
    rows = VectorRows(vecs, {})
    for gap in (1, 2):
        got = neighbour_dots(rows, gap)
        for x in range(len(vecs)):
            want = dot(vecs[x], vecs[x + gap]) if x + gap < len(vecs) else 0.0
            assert math.isclose(got[x], want, rel_tol=1e-12, abs_tol=1e-12)


def test_bulk_candidates_are_the_loop_candidates(monkeypatch):
    from srccompare.engine.align import candidates

    rng = random.Random(11)
    a = random_paragraphs(rng, 150)
    b = edited(rng, a)
    space = build_space([a, b])
    monkeypatch.setattr(candidates, "BULK_QUERIES", 10**12)
    loop = candidates.candidate_pairs(space.vectors[0], space.vectors[1], 4)
    monkeypatch.setattr(candidates, "BULK_QUERIES", 0)
    bulk = candidates.candidate_pairs(space.vectors[0], space.vectors[1], 4)
    assert list(bulk.items()) == list(loop.items())


def test_the_screen_in_pieces_finds_what_it_finds_whole():
    from srccompare.engine.align import screened
    from srccompare.engine.align.beads import BeadScorer, bead_shapes, pair_threshold, prepare

    rng = random.Random(11)
    a = random_paragraphs(rng, 300)
    b = edited(rng, a)
    space = build_space([a, b])
    sim = PairSimilarity(space.vectors[0], space.vectors[1], space.norms2[0], space.norms2[1])
    a_ids, b_ids = list(range(len(a))), list(range(len(b)))
    ranges = prepare(sim, a_ids, b_ids)
    assert ranges is not None, "beyond the full grid: a band"
    scorer = BeadScorer(sim, a_ids, b_ids, pair_threshold(sim, SETTINGS.threshold))
    pair = (sim, a_ids, b_ids, ranges, scorer, bead_shapes(SETTINGS.max_group))
    n = len(a_ids)
    whole = screened._screen_and_score(pair, (1, n + 1))
    assert len({i for i, *_ in whole}) > n // 2
    rows = screened.SCREEN_ROWS
    # Each piece makes the vectors of its own blocks only (cuts inside a block too).
    for cuts in (
        [1, 1 + rows, n + 1],
        [1, 1 + rows, 1 + 2 * rows, n + 1],
        [0, 1 + 2 * rows, n + 1],
        [1, 50, 200, n + 1],
    ):
        pieces = [t for lo, hi in itertools.pairwise(cuts) for t in screened._screen_and_score(pair, (lo, hi))]
        assert pieces == whole, cuts


def test_candidates_in_slices_are_the_candidates_of_the_whole():
    from srccompare.engine.align.candidates import candidate_pairs, candidates_for, rare_index

    rng = random.Random(5)
    a = random_paragraphs(rng, 200)
    b = edited(rng, a)
    space = build_space([a, b])
    va, vb = space.vectors
    whole = candidate_pairs(va, vb, 4)
    index = rare_index(vb)
    for cuts in ([0, 70, 200], [0, 1, 199, 200], [0, 100, 150, 200]):
        merged: dict = {}
        for lo, hi in itertools.pairwise(cuts):
            merged.update(candidates_for(va[lo:hi], index, len(vb), 4, offset=lo))
        assert list(merged.items()) == list(whole.items()), cuts
