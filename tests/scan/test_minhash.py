"""The batched numpy MinHash gives datasketch's signatures for the same values and seed, and estimates well."""

import numpy as np
import pytest

from srccompare.scan.minhash import EMPTY, jaccard, permutations, signature_lists

datasketch = pytest.importorskip("datasketch")


def _datasketch_signature(values: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    m = datasketch.MinHash(num_perm=num_perm, seed=seed, hashfunc=lambda v: v)
    if len(values):
        m.update_batch(values.tolist())
    return np.asarray(m.hashvalues, dtype=np.uint32)


@pytest.mark.parametrize("num_perm, seed", [(128, 1), (64, 7)])
def test_signatures_equal_datasketch_for_the_same_values_and_seed(num_perm, seed):
    rng = np.random.default_rng(seed)
    sets = [rng.integers(0, 2**32, size=n, dtype=np.uint64).astype(np.uint32) for n in (1, 3, 400, 0, 57, 2000)]
    sets.append(np.arange(50, dtype=np.uint32))  # structured values: the finaliser spreads them
    ours = signature_lists(sets, num_perm, seed)
    for values, row in zip(sets, ours):
        assert np.array_equal(row, _datasketch_signature(values, num_perm, seed))


def test_permutations_are_datasketchs():
    a, b = permutations(128, 1)
    theirs = datasketch.MinHash(num_perm=128, seed=1).permutations
    assert np.array_equal(a, theirs[0]) and np.array_equal(b, theirs[1])


def test_an_article_without_values_is_empty_and_like_nothing():
    sig = signature_lists([np.zeros(0, np.uint32), np.zeros(0, np.uint32)], 16, 1)
    assert (sig == EMPTY).all()
    assert jaccard(sig[0], sig[1]) == 0.0


def test_jaccard_estimate_is_close_to_the_truth():
    rng = np.random.default_rng(3)
    base = rng.choice(2**32, size=600, replace=False).astype(np.uint32)
    for shared in (0.2, 0.5, 0.9):
        k = int(600 * shared)
        other = np.concatenate([base[:k], rng.choice(2**32, size=600 - k, replace=False).astype(np.uint32)])
        true = k / (1200 - k)
        sig = signature_lists([base, other], 256, 1)
        assert abs(float(jaccard(sig[0], sig[1])) - true) < 0.1
