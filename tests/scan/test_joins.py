"""joined_sets: tier-2 pairs join groups of tier-1 copies only on repeated evidence; one loose pair chains nothing."""

import numpy as np

from srccompare.scan.joins import joined_sets


def arrays(pairs):
    return np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs], dtype=np.int64)


COPIES = [(0, 1), (1, 2), (3, 4)]  # tier 1: {0, 1, 2} and {3, 4}


def sets_of(tier2, min_edges=2):
    a1, b1 = arrays(COPIES)
    a2, b2 = arrays(tier2)
    sets, inside = joined_sets(a1, b1, a2, b2, min_edges)
    return {frozenset(m.tolist()) for m in sets.values()}, inside.tolist()


def test_one_tier_two_pair_does_not_merge_two_sets_of_copies():
    sets, inside = sets_of([(2, 3)])
    assert sets == {frozenset({0, 1, 2}), frozenset({3, 4})} and inside == [False]


def test_two_tier_two_pairs_between_the_sets_merge_them():
    sets, inside = sets_of([(2, 3), (0, 4)])
    assert sets == {frozenset({0, 1, 2, 3, 4})} and inside == [True, True]


def test_one_loose_article_cannot_chain_two_sets():
    """Article 9 was verified once against each set: it joins neither, and the sets stay apart."""
    sets, inside = sets_of([(2, 9), (3, 9)])
    assert sets == {frozenset({0, 1, 2}), frozenset({3, 4})} and inside == [False, False]


def test_an_article_verified_against_two_copies_joins_their_set():
    sets, _ = sets_of([(0, 9), (2, 9)])
    assert frozenset({0, 1, 2, 9}) in sets


def test_two_single_articles_need_their_one_pair():
    sets, inside = sets_of([(7, 8)])
    assert frozenset({7, 8}) in sets and inside == [True]


def test_min_edges_one_lets_every_verified_pair_join():
    sets, _ = sets_of([(2, 3)], min_edges=1)
    assert sets == {frozenset({0, 1, 2, 3, 4})}


def test_the_order_of_the_pairs_does_not_matter():
    pairs = [(2, 9), (0, 9), (3, 9), (7, 8), (4, 8), (3, 8)]
    assert sets_of(pairs)[0] == sets_of(pairs[::-1])[0]
