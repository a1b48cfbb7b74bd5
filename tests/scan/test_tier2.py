"""shortlist: the tier-2 candidates worth aligning, and that a batch added later shortlists what one run would."""

import numpy as np

from srccompare.scan.tier2 import shortlist


def pairs(rows):
    a = np.array([r[0] for r in rows], dtype=np.int64)
    b = np.array([r[1] for r in rows], dtype=np.int64)
    j = np.array([r[2] for r in rows], dtype=float)
    return a, b, j


def listed(a, b, j):
    return [(int(x), int(y), round(float(z), 3)) for x, y, z in zip(a, b, j)]


def test_each_article_keeps_its_best_earlier_candidates_above_the_floor():
    a, b, j = pairs([(0, 5, 0.3), (1, 5, 0.5), (2, 5, 0.4), (3, 5, 0.1), (4, 5, 0.2), (0, 1, 0.12), (0, 2, 0.9)])
    assert listed(*shortlist(a, b, j, 0.15, 2)) == [(0, 2, 0.9), (1, 5, 0.5), (2, 5, 0.4)]
    assert listed(*shortlist(a, b, j, 0.15, 0)) == [(0, 2, 0.9), (0, 5, 0.3), (1, 5, 0.5), (2, 5, 0.4), (4, 5, 0.2)]


def test_ties_go_to_the_earlier_article():
    a, b, j = pairs([(3, 9, 0.5), (1, 9, 0.5), (2, 9, 0.5)])
    assert listed(*shortlist(a, b, j, 0.1, 2)) == [(1, 9, 0.5), (2, 9, 0.5)]


def test_a_later_batch_shortlists_the_pairs_one_full_run_would():
    rng = np.random.default_rng(5)
    a = rng.integers(0, 200, 3000)
    b = rng.integers(0, 200, 3000)
    keep = a < b
    a, b = a[keep], b[keep]
    a, b = np.unique(np.stack([a, b], axis=1), axis=0).T
    j = np.round(rng.random(len(a)), 2)
    new_from = 120  # the batch added later holds rows 120 and up: its pairs are those with b >= 120
    full = {p[:2] for p in listed(*shortlist(a, b, j, 0.2, 3)) if p[1] >= new_from}
    batch = b >= new_from
    added = {p[:2] for p in listed(*shortlist(a[batch], b[batch], j[batch], 0.2, 3))}
    assert full == added and len(added) > 50
