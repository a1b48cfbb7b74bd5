"""The hash values an article is compared by: word shingles (tier 1) and single tokens (tier 2).

Words are srccompare's own (``text.normalize``: case, diacritics, quote styles
and line-end hyphens folded, Markdown markup skipped), so a copy that only
differs in typography has the same shingles. A word is hashed once per process
(blake2b, stable across processes and machines, unlike Python's ``hash``); the
shingles are combined from the word hashes in numpy, a whole batch at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from srccompare.text.normalize import TOKEN, fold_word

_WORD_CACHE: dict[str, int] = {}
_WORD_CACHE_MAX = 1 << 20
_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5],
    dtype=np.uint64,
)


def words(text: str) -> list[str]:
    """The folded words of ``text``, as the aligner sees them."""
    return [fold_word(w) for w in TOKEN.words(text)]


def token_hash(token: str) -> int:
    """A stable 64-bit hash of one word or token."""
    value = _WORD_CACHE.get(token)
    if value is None:
        value = int.from_bytes(
            hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
        )
        if len(_WORD_CACHE) >= _WORD_CACHE_MAX:
            _WORD_CACHE.clear()
        _WORD_CACHE[token] = value
    return value


def token_hashes(tokens: Iterable[str]) -> np.ndarray:
    """The distinct 32-bit hash values of a set of tokens (tier 2's values)."""
    hashed = np.fromiter((token_hash(t) for t in tokens), dtype=np.uint64)
    return np.unique((hashed >> np.uint64(32)).astype(np.uint32))


def _mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser (in place): every input bit moves every output bit."""
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


def shingle_hashes(word_lists: Sequence[Sequence[str]], k: int) -> tuple[np.ndarray, np.ndarray]:
    """``(values, offsets)``: the distinct 32-bit hashes of each article's ``k``-word shingles.

    An article shorter than ``k`` words is one shingle of all its words; one
    with no words has none. Values of article ``i`` are ``values[offsets[i]:offsets[i+1]]``.
    """
    multipliers = _MULTIPLIERS[: min(k, len(_MULTIPLIERS))]
    if k > len(_MULTIPLIERS):
        extra = np.arange(len(_MULTIPLIERS), k, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(1)
        multipliers = np.concatenate([multipliers, extra | np.uint64(1)])
    parts: list[np.ndarray] = []
    sizes = np.zeros(len(word_lists), dtype=np.int64)
    for i, ws in enumerate(word_lists):
        if not ws:
            continue
        hashed = np.fromiter((token_hash(w) for w in ws), dtype=np.uint64, count=len(ws))
        width = min(k, len(hashed))
        count = len(hashed) - width + 1
        combined = hashed[:count] * multipliers[0]
        for j in range(1, width):
            combined += hashed[j : j + count] * multipliers[j]
        combined += np.uint64(width)  # a short article's one shingle differs from a long one's prefix
        unique = np.unique((_mix64(combined) >> np.uint64(32)).astype(np.uint32))
        parts.append(unique)
        sizes[i] = len(unique)
    offsets = np.zeros(len(word_lists) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    values = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint32)
    return values, offsets
