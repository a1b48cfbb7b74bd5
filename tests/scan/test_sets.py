"""Medoids and review members from signatures, and the grouping of set members by partition."""

import numpy as np

from srccompare.scan import sets as sets_module
from srccompare.scan.members import by_partition
from srccompare.scan.minhash import EMPTY
from srccompare.scan.sets import choose_members


def _variants(rng: np.random.Generator, centre: np.ndarray, k: int, changed: int) -> np.ndarray:
    """``k`` signatures, each the centre with ``changed`` random slots redrawn (so they differ most from each other)."""
    out = np.repeat(centre[None, :], k, axis=0)
    for row in out:
        slots = rng.choice(len(centre), size=changed, replace=False)
        row[slots] = rng.integers(0, 2**32 - 1, size=changed, dtype=np.uint64).astype(np.uint32)
    return out


def test_the_medoid_is_the_member_most_like_the_others_and_the_earliest_is_chosen_next():
    rng = np.random.default_rng(1)
    centre = rng.integers(0, 2**32 - 1, size=64, dtype=np.uint64).astype(np.uint32)
    sig = np.vstack([_variants(rng, centre, 3, 20), centre[None, :], _variants(rng, centre, 4, 20)])
    dates = ["2024-05-02", None, "2024-05-01", "2024-06-01", None, None, None, "2024-05-09"]
    (choice,) = choose_members([sig], [np.arange(8)], dates, 6)
    assert choice.medoid == 3
    assert choice.chosen[:2] == [3, 2]
    assert len(set(choice.chosen)) == 6
    assert choice.similarity[3] == 1.0 and (choice.similarity[[0, 1, 2, 4]] < 1.0).all()


def test_stacked_sets_choose_as_one_set_at_a_time_does(monkeypatch):
    rng = np.random.default_rng(7)
    rows, members, start = [], [], 0
    for k in (2, 2, 3, 5, 5, 5, 9, 70):
        centre = rng.integers(0, 2**32 - 1, size=32, dtype=np.uint64).astype(np.uint32)
        rows.append(_variants(rng, centre, k, int(rng.integers(1, 20))))
        members.append(np.arange(start, start + k))
        start += k
    rows[1][0] = EMPTY  # an article without shingles is like nothing
    sig = np.vstack(rows)
    tier2 = sig.copy()  # a second tier that agrees more on some members: the best of the two counts
    tier2[::4, :8] = 12345
    dates = [None if i % 3 else f"2024-01-{1 + i % 28:02d}" for i in range(len(sig))]
    stacked = choose_members([sig, tier2], members, dates, 6)
    monkeypatch.setattr(sets_module, "SMALL_SET", 0)
    single = choose_members([sig, tier2], members, dates, 6)
    assert len(stacked) == len(single) == len(members)
    for a, b in zip(stacked, single):
        assert a.medoid == b.medoid and a.chosen == b.chosen
        assert np.array_equal(a.similarity, b.similarity)


def test_members_are_grouped_by_partition_with_local_rows():
    offsets = np.array([0, 10, 10, 25, 40])  # partition 1 is empty
    rows = np.array([0, 3, 9, 10, 24, 39])
    groups = by_partition(offsets, rows)
    assert [g[0] for g in groups] == [0, 2, 3]
    assert [g[1].tolist() for g in groups] == [[0, 3, 9], [0, 14], [14]]
    assert by_partition(offsets, np.zeros(0, dtype=np.int64)) == []
