"""LSH banding: band keys from signatures, and candidate pairs from the articles that share a key.

A band is ``rows`` consecutive signature slots; two articles whose slots agree
on a whole band share its key and become a candidate pair. The keys are 64-bit
hashes of the slots (a rare false collision only adds a candidate, which
verification rejects). A bucket with more than ``max_bucket`` members (a
template, page furniture, empty texts) would give a quadratic number of pairs:
its members are paired with the next member only, a chain that still joins
true copies, and the bucket is counted as capped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from srccompare.scan.minhash import EMPTY

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """A ``(articles, bands)`` uint64 array of band keys (band index mixed in)."""
    n = sig.shape[0]
    keys = np.empty((n, bands), dtype=np.uint64)
    wide = sig.astype(np.uint64)
    for band in range(bands):
        h = np.full(n, (band + 1) * 0x9E3779B97F4A7C15 % (1 << 64), dtype=np.uint64)
        for j in range(rows):
            h ^= wide[:, band * rows + j] + _GOLDEN + (h << np.uint64(6)) + (h >> np.uint64(2))
        h ^= h >> np.uint64(31)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(29)
        keys[:, band] = h
    return keys


def shard_of(keys: np.ndarray, shards: int) -> np.ndarray:
    return ((keys >> np.uint64(40)) % np.uint64(shards)).astype(np.int64)


def usable(sig: np.ndarray) -> np.ndarray:
    """Articles with at least one value (an article without words joins no bucket)."""
    return ~(sig == EMPTY).all(axis=1)


@dataclass
class Buckets:
    """Candidate pairs of one shard (``a < b`` as archive rows) and the buckets that were capped."""

    a: np.ndarray
    b: np.ndarray
    capped: list[tuple[int, int]] = field(default_factory=list)  # (size, first member's row)


def bucket_pairs(keys: np.ndarray, rows: np.ndarray, max_bucket: int, new_from: int = 0) -> Buckets:
    """Every pair of rows sharing a key (band index is inside the key), deduplicated.

    Only pairs with at least one row ``>= new_from`` are returned: a batch
    added later pairs its articles with each other and with the old ones, and
    the pairs among old articles were found by the run that added them.
    """
    if len(keys) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Buckets(empty, empty)
    order = np.lexsort((rows, keys))
    keys, rows = keys[order], rows[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    sizes = np.diff(np.append(starts, len(keys)))
    two = starts[sizes == 2]
    firsts: list[np.ndarray] = [rows[two]]
    seconds: list[np.ndarray] = [rows[two + 1]]
    capped: list[tuple[int, int]] = []
    big = sizes > 2
    big_starts, big_sizes = starts[big], sizes[big]
    current = rows[big_starts + big_sizes - 1] >= new_from  # a bucket of old articles only was paired before
    big_starts, big_sizes = big_starts[current], big_sizes[current]
    over = big_sizes > max_bucket
    for start, size in zip(big_starts[over].tolist(), big_sizes[over].tolist()):
        members = rows[start : start + size]
        capped.append((size, int(members[0])))
        firsts.append(members[:-1])
        seconds.append(members[1:])
    small_starts, small_sizes = big_starts[~over], big_sizes[~over]
    for size in np.unique(small_sizes).tolist():  # buckets of one size at once: their pairs are one pattern
        where = small_starts[small_sizes == size]
        i, j = np.triu_indices(size, k=1)
        firsts.append(rows[(where[:, None] + i[None, :]).reshape(-1)])
        seconds.append(rows[(where[:, None] + j[None, :]).reshape(-1)])
    a = np.concatenate(firsts)
    b = np.concatenate(seconds)
    keep = (b >= new_from) & (a != b)
    a, b = a[keep], b[keep]
    a, b = dedupe_pairs(a, b)
    return Buckets(a, b, capped)


def dedupe_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique ``(a, b)`` pairs, sorted (``a < b`` assumed)."""
    if len(a) == 0:
        return a.astype(np.int64), b.astype(np.int64)
    pairs = np.unique(np.stack([a, b], axis=1).astype(np.int64), axis=0)
    return pairs[:, 0], pairs[:, 1]
