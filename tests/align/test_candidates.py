import itertools
import random

from srccompare.engine.align.candidates import anchor_chain, band, candidate_pairs
from srccompare.engine.align.features import build_space
from tests.align.prose import random_paragraphs


def test_candidates_contain_the_true_partner():
    rng = random.Random(3)
    a = random_paragraphs(rng, 300)
    b = a[::-1]
    space = build_space([a, b])
    cands = candidate_pairs(space.vectors[0], space.vectors[1], 5)
    hits = sum(1 for i in range(300) if any(j == 299 - i for j, _ in cands.get(i, [])))
    assert hits >= 295


def test_candidates_are_bounded_per_paragraph():
    rng = random.Random(4)
    a = random_paragraphs(rng, 200)
    space = build_space([a, a])
    cands = candidate_pairs(space.vectors[0], space.vectors[1], 3)
    assert all(len(v) <= 3 for v in cands.values())


def test_anchor_chain_is_the_longest_increasing_chain():
    pairs = [(0, 0), (1, 5), (2, 1), (3, 2), (4, 9), (5, 3), (6, 4)]
    assert anchor_chain(pairs) == [(0, 0), (2, 1), (3, 2), (5, 3), (6, 4)]
    assert anchor_chain([]) == []


def test_band_covers_anchors_and_corners_and_stays_connected():
    anchors = [(10, 30), (50, 60), (90, 95)]
    ranges = band(100, 120, anchors, 5)
    assert len(ranges) == 101
    assert ranges[0][0] == 0 and ranges[100][1] == 120
    for i, j in anchors:
        lo, hi = ranges[i + 1]
        assert lo <= j + 1 <= hi
    for (_lo0, hi0), (lo1, _hi1) in itertools.pairwise(ranges):
        assert lo1 <= hi0  # consecutive rows overlap, so a path always exists
    assert max(hi - lo for lo, hi in ranges) < 60
