import math

import pytest

from srccompare.engine.align.features import build_space
from srccompare.engine.align.similarity import PairSimilarity
from tests.align.prose import REWORDED, STORY


def make(a, b):
    space = build_space([a, b])
    return PairSimilarity(space.vectors[0], space.vectors[1], space.norms2[0], space.norms2[1])


def test_cosine_of_identical_paragraphs_is_one():
    sim = make(STORY, STORY)
    for i in range(len(STORY)):
        assert sim.cosine(i, i) == pytest.approx(1.0)


def test_rewording_still_prefers_the_right_partner():
    sim = make(STORY, REWORDED)
    for i in range(len(STORY)):
        best = max(range(len(REWORDED)), key=lambda j: sim.cosine(i, j))
        assert best == i


def test_group_cosine_recognises_a_merge():
    merged = [STORY[0] + " " + STORY[1]] + STORY[2:]
    sim = make(STORY, merged)
    assert sim.group_cosine((0, 1), (0,)) > sim.cosine(0, 0)
    assert sim.group_cosine((0, 1), (0,)) > sim.group_cosine((0, 1, 2), (0,))


def test_group_of_one_equals_cosine():
    sim = make(STORY, REWORDED)
    assert sim.group_cosine((2,), (2,)) == pytest.approx(sim.cosine(2, 2))


def test_member_cosines_expose_a_passenger():
    merged = [STORY[0] + " " + STORY[1]]
    sim = make(STORY, merged)
    good = sim.member_cosines((0, 1), (0,))
    bad = sim.member_cosines((0, 1, 5), (0,))
    assert min(good) > 0.3
    assert min(bad) < min(good)


def test_calibration_maps_unrelated_to_zero_and_partners_to_one():
    sim = make(STORY, REWORDED)
    ids = list(range(len(STORY)))
    sim.calibrate(ids, ids, [sim.cosine(i, i) for i in ids])
    assert sim.scaled(sim.unrelated) == pytest.approx(0.0)
    assert sim.scaled(sim.related) == pytest.approx(1.0)
    assert not math.isnan(sim.spread) and sim.spread >= 0.1
